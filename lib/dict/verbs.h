/*
 * verbs.h - verb dictionaries (TABARI .verbs, PETRARCH-1 verb patterns, PETRARCH2 CAMEO.2.0
 * verbs with synsets), discards and issues, compiled for matching, and the pattern matcher.
 * Module prefix verbd_.
 *
 * CONTRACT (the coder relies on this; the implementation may add functions):
 */
#ifndef DY_VERBS_H
#define DY_VERBS_H

#include "text/text.h"
#include "util/util.h"

typedef struct verbd verbd;
typedef struct verbd_verb verbd_verb;       /* a verb (or multi-word verb) with its patterns */
typedef struct verbd_pattern verbd_pattern; /* one pattern line */

/* An actor or agent found by the coder, as the pattern matcher sees it. */
typedef struct verbd_actor {
    size_t start, end;   /* tokens [start, end) */
    const char *code;    /* resolved code, e.g. "ARN", "ARNGOV" */
    int group;           /* added: actors sharing one nonzero group form a compound actor
                            ("Syria and Jordan"); 0 = single.  Zero-initialise if unused. */
} verbd_actor;

/* What a pattern match (or the bare verb) yields. */
typedef struct verbd_result {
    const char *code;            /* event code, e.g. "064"; "---" means "no event" */
    const verbd_pattern *pattern;/* NULL when the verb's own code applied */
    const char *pattern_text;    /* the pattern as written, for explain; "" for bare verb */
    int source;                  /* index into the actors array of the $ slot, -1 if the
                                    pattern does not place a source */
    int target;                  /* index of the + slot, -1 if not placed */
    int compound;                /* the pattern had % (an actor filling both slots) */
    size_t span_start, span_end; /* tokens covered by the match (for highlighting) */
    /* added: */
    const char *code2;           /* second code of a paired code [032:033] (the reverse
                                    event, target -> source), NULL if not paired */
    int subordinate;             /* code was written [023?]: use only if no other event */
    int dominant;                /* code was written [111!]: only dominant events count */
    int reversed;                /* PETRARCH2 [:173]: the event's source is the actor the
                                    default rules would make the target, and vice versa */
} verbd_result;

verbd *verbd_new(void);
void verbd_free(verbd *v);

/* Patterns loaded from now on with more than n elements (words, synsets, the verb marker,
 * the actor slots, and each alternative group with its members' elements) are skipped with a DY_WARNING (code
 * DY_ELIMIT) naming file:line.  0 (the state after verbd_new) = no limit. */
void verbd_set_max_pattern(verbd *v, size_t n);

/* Parse one verbs file; its format (TABARI / PETRARCH-1 / PETRARCH2) is detected from its
 * content.  Warnings and errors go to diag with file:line.  0, or -1 on ENOMEM/unreadable. */
int verbd_load_file(verbd *v, const char *path, dy_diag_fn diag, void *ud);
/* Discards file (PETRARCH) and issues file: see their formats in ../shared/data/phoenix. */
int verbd_load_discards(verbd *v, const char *path, dy_diag_fn diag, void *ud);
int verbd_load_issues(verbd *v, const char *path, dy_diag_fn diag, void *ud);
/* The same three from memory (`name` for diagnostics; data need not be NUL-terminated). */
int verbd_load_mem(verbd *v, const char *name, const char *data, size_t len, dy_diag_fn diag,
                   void *ud);
int verbd_load_discards_mem(verbd *v, const char *name, const char *data, size_t len,
                            dy_diag_fn diag, void *ud);
int verbd_load_issues_mem(verbd *v, const char *name, const char *data, size_t len,
                          dy_diag_fn diag, void *ud);
int verbd_finish(verbd *v); /* build tables; read-only and thread-safe after. 0 / -1 */

/* The verb starting at token i (regular and irregular forms recognised), longest first;
 * *ntok receives how many tokens it covers.  NULL if token i starts no verb. */
const verbd_verb *verbd_find(const verbd *v, const text_tok *toks, size_t n, size_t i,
                             size_t *ntok);
const char *verbd_verb_name(const verbd_verb *vb);
const char *verbd_verb_code(const verbd_verb *vb); /* the verb's own code, e.g. "064", "---" */

/*
 * Try the verb's patterns (longest / most specific first, as TABARI orders them) against
 * the clause tokens [lo, hi) with the verb at [vstart, vend), given the actors found in that
 * range.  Fills *r with the first pattern that matches, or the verb's own code if none does
 * (r->pattern == NULL).  trace (may be NULL) receives one line per pattern tried.
 * Returns 1 if a pattern matched, 0 if the bare verb code applies.
 */
int verbd_match(const verbd *v, const verbd_verb *vb, const text_tok *toks, size_t lo,
                size_t hi, size_t vstart, size_t vend, const verbd_actor *actors,
                size_t nactors, verbd_result *r, dy_trace_fn trace, void *trace_ud);

/* Does the sentence contain a discard phrase?  Returns the phrase's code ("" for a plain
 * (sentence-level) discard, "+" for a PETRARCH story-level discard ("+PHRASE" in the file),
 * "###" for a TABARI verb root coded [###] or a TABARI <TIME> phrase coded [###], "+++"
 * for a <TIME> phrase coded [+++] (complexity: the sentence is not coded)) or NULL. */
const char *verbd_discard(const verbd *v, const text_tok *toks, size_t n);

/* TABARI time shifting (manual 10.5): the first <TIME> phrase of the sentence whose code
 * (its root's, or that of the first of its patterns that matches) is a day count such as
 * [-7] or [+1] sets *days and returns 1; null, discard and complexity codes are passed
 * over (the last two are reported by verbd_discard).  0 if none.  The caller decides
 * whether time shifting is on (SET: TIME SHIFT) and shifts the event date. */
int verbd_time_shift(const verbd *v, const text_tok *toks, size_t n, long *days);

/* Issue codes found in the sentence, appended comma-separated to out (each code once, in
 * order of first occurrence; a comma is put first if out is not empty).  An ignore phrase
 * (~ or ~~ in the file) found in the sentence cancels all issues.  0 / -1 ENOMEM. */
int verbd_issues(const verbd *v, const text_tok *toks, size_t n, dy_buf *out);

size_t verbd_count_verbs(const verbd *v);
size_t verbd_count_patterns(const verbd *v);
size_t verbd_count_synsets(const verbd *v);
size_t verbd_count_discards(const verbd *v);
size_t verbd_count_issues(const verbd *v);          /* issue phrases (not ignore phrases) */
/* Paired second code / subordinate ? / dominant ! of a verb's own code (see verbd_result). */
const char *verbd_verb_code2(const verbd_verb *vb);
int verbd_verb_flags(const verbd_verb *vb, int *subordinate, int *dominant);

#endif
