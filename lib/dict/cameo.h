/*
 * cameo.h - the CAMEO event-code table (code, Goldstein score, quad class, short label, and
 * the code's PLOVER event type, mode and context), parsed from dyad's own
 * data/cameo/cameo.tsv held in memory.  Module prefix cameo_.
 *
 * TSV format: an optional header line starting with "code<TAB>"; then one row per code,
 * always seven tab-separated fields:
 *     code<TAB>goldstein<TAB>quad<TAB>name<TAB>plover<TAB>plover_mode<TAB>plover_context
 * code is 2-4 digits whose first two give the root (01..20); goldstein is a number in
 * -10..10 or "NA" (no score assigned); quad is 1..4.  plover is a PLOVER event type in
 * capitals ("CONSULT") or empty when the code has none; plover_mode is one lower-case word
 * ([a-z0-9_-]) or empty; plover_context is empty or one or more such words joined by ';'
 * with no spaces ("crime;corruption").  A mode or context needs a type.  Blank lines and
 * lines starting with '#' are ignored; CR before LF is accepted.
 */
#ifndef DY_CAMEO_H
#define DY_CAMEO_H

#include <stddef.h>

#include "dyad.h"

typedef struct cameo_info {
    const char *code, *name; /* "043", "host a visitor" */
    const char *plover;      /* PLOVER event type ("CONSULT"), "" when the code has none */
    const char *plover_mode; /* "visit"; "" when none */
    const char *plover_context; /* "crime;corruption" (';'-separated); "" when none */
    double goldstein;        /* -10..10; 0 when goldstein_known == 0 */
    int quad, root;          /* quad 1..4; root 1..20 (first two digits of code) */
    int goldstein_known;     /* 0 when the table says "NA" */
} cameo_info;

typedef struct cameo_table cameo_table;

/*
 * Parse the TSV from memory (`name` for diagnostics; data need not be NUL-terminated).
 * Bad rows (wrong field count, malformed code, score or quad, duplicate code) are reported
 * as DY_WARNING with file:line and skipped; a row whose PLOVER fields are malformed is
 * reported the same way and kept with all three PLOVER fields empty.  Returns NULL only on ENOMEM (reported as a
 * DY_ERROR).  The table copies what it needs: data may be freed after the call.
 */
cameo_table *cameo_load_mem(const char *name, const char *data, size_t len, dy_diag_fn diag,
                            void *ud);

/* Free the table (accepts NULL).  cameo_info pointers die with it. */
void cameo_free(cameo_table *t);

/* The entry of exactly this code ("043"), or NULL if unknown (or t/code NULL). */
const cameo_info *cameo_get(const cameo_table *t, const char *code);

/* Number of codes in the table, and the i-th entry in ascending code order (NULL if out of
 * range) -- for listings and tests. */
size_t cameo_count(const cameo_table *t);
const cameo_info *cameo_at(const cameo_table *t, size_t i);

#endif
