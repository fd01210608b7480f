/*
 * cameo.c - loads the CAMEO code table (data/cameo/cameo.tsv, embedded in the binary) from
 * memory and answers code -> (label, Goldstein score, quad class, root, PLOVER type, mode
 * and context) lookups.
 */
#include "dict/cameo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

struct cameo_table {
    dy_intern codes;          /* code string -> id 1..n; entries[id - 1] */
    VEC(cameo_info) entries;  /* in file order */
    size_t *sorted;           /* entry indexes in ascending code order */
    dy_arena names;           /* label and PLOVER strings */
};

/* One tab-separated field [start, end) of a line. */
typedef struct tsv_field {
    const char *s;
    size_t n;
} tsv_field;

static int code_is_valid(const char *s, size_t n)
{
    if (n < 2 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!ascii_isdigit((unsigned char)s[i]))
            return 0;
    int root = (s[0] - '0') * 10 + (s[1] - '0');
    return root >= 1 && root <= 20;
}

/* Parse a Goldstein field: "NA" -> known 0; a number in [-10, 10] -> known 1.
 * Returns 0 ok, -1 malformed, -2 ENOMEM. */
static int parse_goldstein(const char *s, size_t n, dy_buf *scratch, double *value, int *known)
{
    if (n == 2 && s[0] == 'N' && s[1] == 'A') {
        *value = 0;
        *known = 0;
        return 0;
    }
    if (n == 0)
        return -1;
    buf_clear(scratch);
    if (buf_append(scratch, s, n))
        return -2;
    char *end = NULL;
    double v = strtod(scratch->s, &end);
    if (end != scratch->s + scratch->len || !isfinite(v) || v < -10.0 || v > 10.0)
        return -1;
    *value = v;
    *known = 1;
    return 0;
}

/* A PLOVER event type: one or more capital letters. */
static int plover_type_is_valid(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return 0;
    return 1;
}

/* A PLOVER mode or context word: lower-case letters, digits, '_' and '-'. */
static int plover_word_is_valid(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || ascii_isdigit((unsigned char)s[i]) ||
              s[i] == '_' || s[i] == '-'))
            return 0;
    return 1;
}

/* A PLOVER context: one or more words joined by ';' (no spaces, no empty word). */
static int plover_context_is_valid(const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == ';') {
            if (!plover_word_is_valid(s + start, i - start))
                return 0;
            start = i + 1;
        }
    }
    return 1;
}

/* Why the PLOVER fields (type, mode, context) of a row are malformed, or NULL if they are
 * well formed (all three may be empty). */
static const char *plover_problem(const tsv_field *type, const tsv_field *mode,
                                  const tsv_field *context)
{
    if (type->n == 0)
        return mode->n || context->n ? "a PLOVER mode or context without a PLOVER type" : NULL;
    if (!plover_type_is_valid(type->s, type->n))
        return "bad PLOVER type (capital letters)";
    if (mode->n && !plover_word_is_valid(mode->s, mode->n))
        return "bad PLOVER mode (one word of a-z, 0-9, '_', '-')";
    if (context->n && !plover_context_is_valid(context->s, context->n))
        return "bad PLOVER context (words of a-z, 0-9, '_', '-' joined by ';')";
    return NULL;
}

/* qsort comparator over entry pointers, by code string. */
static int compare_info_ptrs(const void *a, const void *b)
{
    const cameo_info *x = *(const cameo_info *const *)a, *y = *(const cameo_info *const *)b;
    return strcmp(x->code, y->code);
}

static int build_sorted_index(cameo_table *t)
{
    size_t n = t->entries.n;
    if (n == 0)
        return 0;
    const cameo_info **ptrs = malloc(n * sizeof *ptrs);
    t->sorted = malloc(n * sizeof *t->sorted);
    if (!ptrs || !t->sorted) {
        free(ptrs);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        ptrs[i] = &t->entries.v[i];
    qsort(ptrs, n, sizeof *ptrs, compare_info_ptrs);
    for (size_t i = 0; i < n; i++)
        t->sorted[i] = (size_t)(ptrs[i] - t->entries.v);
    free(ptrs);
    return 0;
}

/* Handle one non-blank, non-comment line.  0 ok (row added or warned about), -1 ENOMEM. */
static int load_row(cameo_table *t, const char *name, long lineno, const char *line, size_t n,
                    dy_buf *scratch, dy_diag_fn diag, void *ud)
{
    tsv_field f[7];
    size_t nf = 0, start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || line[i] == '\t') {
            if (nf < 7) {
                f[nf].s = line + start;
                f[nf].n = i - start;
            }
            nf++;
            start = i + 1;
        }
    }
    if (nf != 7) {
        diag_emit(diag, ud, DY_WARNING, DY_EPARSE, name, lineno, NULL, -1,
                  "expected 7 tab-separated fields (code, goldstein, quad, name, plover, "
                  "plover_mode, plover_context), found %zu",
                  nf);
        return 0;
    }
    if (!code_is_valid(f[0].s, f[0].n)) {
        diag_emit(diag, ud, DY_WARNING, DY_EPARSE, name, lineno, NULL, -1,
                  "bad CAMEO code '%.*s' (2-4 digits, root 01-20)", (int)f[0].n, f[0].s);
        return 0;
    }
    cameo_info info = {0};
    int rc = parse_goldstein(f[1].s, f[1].n, scratch, &info.goldstein, &info.goldstein_known);
    if (rc == -2)
        return -1;
    if (rc) {
        diag_emit(diag, ud, DY_WARNING, DY_EPARSE, name, lineno, NULL, -1,
                  "bad Goldstein score '%.*s' for code %.*s (a number in -10..10, or NA)",
                  (int)f[1].n, f[1].s, (int)f[0].n, f[0].s);
        return 0;
    }
    if (f[2].n != 1 || f[2].s[0] < '1' || f[2].s[0] > '4') {
        diag_emit(diag, ud, DY_WARNING, DY_EPARSE, name, lineno, NULL, -1,
                  "bad quad class '%.*s' for code %.*s (1..4)", (int)f[2].n, f[2].s,
                  (int)f[0].n, f[0].s);
        return 0;
    }
    if (intern_find(&t->codes, f[0].s, f[0].n)) {
        diag_emit(diag, ud, DY_WARNING, DY_EPARSE, name, lineno, NULL, -1,
                  "duplicate CAMEO code %.*s ignored", (int)f[0].n, f[0].s);
        return 0;
    }
    uint32_t id = intern_add(&t->codes, f[0].s, f[0].n);
    if (!id)
        return -1;
    info.code = intern_str(&t->codes, id);
    info.name = arena_strndup(&t->names, f[3].s, f[3].n);
    if (!info.name)
        return -1;
    const char *why = plover_problem(&f[4], &f[5], &f[6]);
    if (why) {
        diag_emit(diag, ud, DY_WARNING, DY_EPARSE, name, lineno, NULL, -1,
                  "%s for code %.*s: '%.*s', '%.*s', '%.*s' (the code is kept without a "
                  "PLOVER type)",
                  why, (int)f[0].n, f[0].s, (int)f[4].n, f[4].s, (int)f[5].n, f[5].s,
                  (int)f[6].n, f[6].s);
        f[4].n = f[5].n = f[6].n = 0;
    }
    info.plover = arena_strndup(&t->names, f[4].s, f[4].n);
    info.plover_mode = arena_strndup(&t->names, f[5].s, f[5].n);
    info.plover_context = arena_strndup(&t->names, f[6].s, f[6].n);
    if (!info.plover || !info.plover_mode || !info.plover_context)
        return -1;
    info.quad = f[2].s[0] - '0';
    info.root = (f[0].s[0] - '0') * 10 + (f[0].s[1] - '0');
    /* ids are dense and assigned in order, so entries[id - 1] is this row */
    if (VEC_PUSH(&t->entries, info))
        return -1;
    return 0;
}

cameo_table *cameo_load_mem(const char *name, const char *data, size_t len, dy_diag_fn diag,
                            void *ud)
{
    if (!name)
        name = "cameo.tsv";
    cameo_table *t = calloc(1, sizeof *t);
    if (!t) {
        diag_emit(diag, ud, DY_ERROR, DY_ENOMEM, name, 0, NULL, -1,
                  "out of memory loading the CAMEO table");
        return NULL;
    }
    intern_init(&t->codes);
    arena_init(&t->names, 0);
    dy_buf scratch;
    buf_init(&scratch);
    long lineno = 0;
    size_t pos = 0;
    int failed = 0;
    while (data && pos < len && !failed) {
        const char *line = data + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + (nl ? 1 : 0);
        lineno++;
        if (n && line[n - 1] == '\r')
            n--;
        size_t lead = 0;
        while (lead < n && (line[lead] == ' ' || line[lead] == '\t'))
            lead++;
        if (lead == n || line[lead] == '#')
            continue;
        if (n >= 5 && memcmp(line, "code\t", 5) == 0)
            continue; /* the header */
        if (load_row(t, name, lineno, line, n, &scratch, diag, ud))
            failed = 1;
    }
    buf_free(&scratch);
    if (failed || build_sorted_index(t)) {
        diag_emit(diag, ud, DY_ERROR, DY_ENOMEM, name, lineno, NULL, -1,
                  "out of memory loading the CAMEO table");
        cameo_free(t);
        return NULL;
    }
    return t;
}

void cameo_free(cameo_table *t)
{
    if (!t)
        return;
    intern_free(&t->codes);
    VEC_FREE(&t->entries);
    free(t->sorted);
    arena_free(&t->names);
    free(t);
}

const cameo_info *cameo_get(const cameo_table *t, const char *code)
{
    if (!t || !code)
        return NULL;
    uint32_t id = intern_find(&t->codes, code, strlen(code));
    return id ? &t->entries.v[id - 1] : NULL;
}

size_t cameo_count(const cameo_table *t) { return t ? t->entries.n : 0; }

const cameo_info *cameo_at(const cameo_table *t, size_t i)
{
    if (!t || i >= t->entries.n)
        return NULL;
    return &t->entries.v[t->sorted[i]];
}
