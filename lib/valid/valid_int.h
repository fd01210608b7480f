/*
 * valid_int.h - private interface of the validation-suite readers (lib/valid/): the
 * dy_valfile object shared by the TABARI (.project + text) and PETRARCH (XML) readers.
 *
 * Both readers parse the whole suite when it is opened (suites are small) into records kept
 * in the valfile's arena; dy_valfile_next then hands them out in file order.
 *
 * Conventions the readers follow (see valfile.c for the full list):
 *  - An expected event whose source, target and code are all "*" (VALFILE_WILDCARD) ends
 *    the expected list of a record and means "events beyond the ones listed are not
 *    checked" (TABARI's "-{...}" fields).  It is always the last entry when present.
 */
#ifndef DY_VALID_INT_H
#define DY_VALID_INT_H

#include <stddef.h>

#include "dyad.h"
#include "util/util.h"

#define VALFILE_WILDCARD "*"

typedef enum valfile_format { VALFILE_TABARI = 1, VALFILE_PETRARCH = 2 } valfile_format;

typedef VEC(dy_expected) valfile_expected_vec;

struct dy_valfile {
    valfile_format format;
    char *path;                  /* the path given to dy_valfile_open (malloc'd) */
    dy_diag_fn diag;
    void *diag_ud;
    dy_arena arena;              /* every string and array the records point to */
    VEC(dy_valrec) recs;         /* all records to hand out, in file order */
    size_t pos;                  /* next record for dy_valfile_next */
    VEC(dy_dict_file) dicts;     /* dictionary files, paths in the arena */
    long file_records;           /* story records found in the file (before filtering) */
    long filtered;               /* records not returned because of <Include> */
    long rejected;               /* malformed records reported and skipped */
};

/* Counts for tests and reports: story records found in the suite file (TABARI: up to, not
 * including, the FINAL- record), records left out by a PETRARCH <Include> list, and
 * malformed records that were reported and skipped.  Any pointer may be NULL. */
void valfile_get_counts(const dy_valfile *v, long *file_records, long *filtered,
                        long *rejected);

/* Copy s[0..n) into the valfile's arena, NUL-terminated; NULL on ENOMEM. */
char *valfile_strndup(dy_valfile *v, const char *s, size_t n);

/* Copy s[0..n) into the arena as UTF-8: valid UTF-8 is kept, other bytes are read as
 * Latin-1.  NULL on ENOMEM. */
char *valfile_utf8dup(dy_valfile *v, const char *s, size_t n);

/* Add a dictionary file named `rel` (resolved against the suite file's folder).
 * 0 ok, -1 ENOMEM. */
int valfile_add_dict(dy_valfile *v, dy_dict_kind kind, const char *rel, size_t rel_len);

/* Append a record (copied; its expected array is copied into the arena from `exp`).
 * 0 ok, -1 ENOMEM. */
int valfile_push_record(dy_valfile *v, const dy_valrec *rec, const dy_expected *exp,
                        size_t n_exp);

/* Append an option record name=value (both copied).  0 ok, -1 ENOMEM. */
int valfile_push_option(dy_valfile *v, const char *name, size_t name_len, const char *value,
                        size_t value_len, long line);

/* Parse a TABARI .project file and its text file into v (format-specific readers).
 * Return DY_OK or an error already reported through v->diag. */
dy_status valfile_read_tabari(dy_valfile *v);
dy_status valfile_read_petrarch(dy_valfile *v);

#endif /* DY_VALID_INT_H */
