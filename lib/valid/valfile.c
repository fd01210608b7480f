/*
 * valfile.c - validation suites: opening a TABARI .project or a PETRARCH XML suite,
 * handing out its records (dy_valfile_next) and the dictionary files it names.
 *
 * Record conventions shared by both formats (the integrator's contract):
 *  - Option changes come out as DY_VAL_OPTION records, in file order, with opt_name and
 *    opt_value (PETRARCH <Config option= value=>; TABARI {OPTION: ...}, see val_tabari.c).
 *  - expect_none = 1 means "no event expected"; if n_expected > 0 as well (a TABARI record
 *    with both {+++} and events), either outcome is acceptable.
 *  - An expected entry "*" / "*" / "*" (VALFILE_WILDCARD) is always last and means events
 *    beyond those listed are not checked (TABARI "-{...}").
 *  - expect_error = 1 (PETRARCH error="...") : the record is expected to yield no event.
 *  - valid = 0: the suite marks the record as not meant to pass.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "valid/valid_int.h"

/* ---------------------------------------------------------------- shared helpers */

char *valfile_strndup(dy_valfile *v, const char *s, size_t n)
{
    return arena_strndup(&v->arena, s, n);
}

/* Length of the valid UTF-8 sequence at s[0..n), 0 if the bytes are not one. */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    size_t need;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        need = 2;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        need = 3;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        need = 4;
    else
        return 0;
    if (n < need)
        return 0;
    for (size_t i = 1; i < need; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if (need == 3 && s[0] == 0xE0 && s[1] < 0xA0)
        return 0; /* overlong */
    if (need == 3 && s[0] == 0xED && s[1] >= 0xA0)
        return 0; /* surrogate */
    if (need == 4 && s[0] == 0xF0 && s[1] < 0x90)
        return 0;
    if (need == 4 && s[0] == 0xF4 && s[1] >= 0x90)
        return 0;
    return need;
}

char *valfile_utf8dup(dy_valfile *v, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t out_len = 0;
    for (size_t i = 0; i < n;) {
        size_t k = utf8_seq_len(u + i, n - i);
        if (k == 0) {
            out_len += 2; /* a Latin-1 byte >= 0x80 becomes two UTF-8 bytes */
            i++;
        } else {
            out_len += k;
            i += k;
        }
    }
    char *out = arena_alloc(&v->arena, out_len + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t k = utf8_seq_len(u + i, n - i);
        if (k == 0) {
            out[o++] = (char)(0xC0 | (u[i] >> 6));
            out[o++] = (char)(0x80 | (u[i] & 0x3F));
            i++;
        } else {
            memcpy(out + o, s + i, k);
            o += k;
            i += k;
        }
    }
    out[o] = 0;
    return out;
}

int valfile_add_dict(dy_valfile *v, dy_dict_kind kind, const char *rel, size_t rel_len)
{
    char *name = dy_strndup(rel, rel_len);
    if (!name)
        return -1;
    char *full = path_resolve(v->path, name);
    free(name);
    if (!full)
        return -1;
    char *kept = arena_strdup(&v->arena, full);
    free(full);
    if (!kept)
        return -1;
    dy_dict_file f = {kind, kept};
    return VEC_PUSH(&v->dicts, f);
}

int valfile_push_record(dy_valfile *v, const dy_valrec *rec, const dy_expected *exp,
                        size_t n_exp)
{
    dy_valrec r = *rec;
    r.expected = NULL;
    r.n_expected = 0;
    if (n_exp) {
        dy_expected *copy = arena_alloc(&v->arena, n_exp * sizeof *copy);
        if (!copy)
            return -1;
        memcpy(copy, exp, n_exp * sizeof *copy);
        r.expected = copy;
        r.n_expected = n_exp;
    }
    return VEC_PUSH(&v->recs, r);
}

int valfile_push_option(dy_valfile *v, const char *name, size_t name_len, const char *value,
                        size_t value_len, long line)
{
    dy_valrec r;
    memset(&r, 0, sizeof r);
    r.kind = DY_VAL_OPTION;
    r.valid = 1;
    r.story.line = line;
    r.story.byte = -1;
    r.opt_name = valfile_strndup(v, name, name_len);
    r.opt_value = valfile_strndup(v, value, value_len);
    if (!r.opt_name || !r.opt_value)
        return -1;
    return VEC_PUSH(&v->recs, r);
}

void valfile_get_counts(const dy_valfile *v, long *file_records, long *filtered,
                        long *rejected)
{
    if (file_records)
        *file_records = v ? v->file_records : 0;
    if (filtered)
        *filtered = v ? v->filtered : 0;
    if (rejected)
        *rejected = v ? v->rejected : 0;
}

/* ---------------------------------------------------------------- format detection */

static int ends_with_nocase(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && ascii_strcasecmp(s + n - k, suffix) == 0;
}

/* Decide the suite format from the name, else from the first bytes of the file.
 * 0 if undetectable (or unreadable: the reader reports that itself). */
static valfile_format detect_format(const char *path)
{
    if (ends_with_nocase(path, ".project"))
        return VALFILE_TABARI;
    if (ends_with_nocase(path, ".xml"))
        return VALFILE_PETRARCH;
    char *data = NULL;
    size_t len = 0;
    if (file_read_all(path, &data, &len) != 0)
        return VALFILE_TABARI; /* let the reader report the error */
    valfile_format f = 0;
    size_t i = 0;
    while (i < len && ascii_isspace((unsigned char)data[i]))
        i++;
    if (i < len && data[i] == '<' && (strstr(data, "<Sentence") || strstr(data, "<Validation")))
        f = VALFILE_PETRARCH;
    else if (strstr(data, "<textfile>") || strstr(data, "<TEXTFILE>"))
        f = VALFILE_TABARI;
    free(data);
    return f;
}

/* ---------------------------------------------------------------- public API */

dy_status dy_valfile_open(const char *path, dy_diag_fn diag, void *diag_ud, dy_valfile **out)
{
    if (!out)
        return DY_EINVAL;
    *out = NULL;
    if (!path) {
        diag_emit(diag, diag_ud, DY_ERROR, DY_EINVAL, NULL, 0, NULL, -1,
                  "no validation file given");
        return DY_EINVAL;
    }
    dy_valfile *v = calloc(1, sizeof *v);
    if (!v || !(v->path = dy_strdup(path))) {
        free(v);
        diag_emit(diag, diag_ud, DY_ERROR, DY_ENOMEM, path, 0, NULL, -1, "out of memory");
        return DY_ENOMEM;
    }
    v->diag = diag;
    v->diag_ud = diag_ud;
    arena_init(&v->arena, 0);
    v->format = detect_format(path);
    dy_status st;
    if (v->format == VALFILE_TABARI) {
        st = valfile_read_tabari(v);
    } else if (v->format == VALFILE_PETRARCH) {
        st = valfile_read_petrarch(v);
    } else {
        diag_emit(diag, diag_ud, DY_ERROR, DY_EFORMAT, path, 0, NULL, -1,
                  "not a validation suite (expected a TABARI .project or a PETRARCH XML file)");
        st = DY_EFORMAT;
    }
    if (st != DY_OK) {
        dy_valfile_close(v);
        return st;
    }
    *out = v;
    return DY_OK;
}

void dy_valfile_dict_files(const dy_valfile *v, const dy_dict_file **files, size_t *n)
{
    if (files)
        *files = v ? v->dicts.v : NULL;
    if (n)
        *n = v ? v->dicts.n : 0;
}

dy_status dy_valfile_next(dy_valfile *v, const dy_valrec **rec)
{
    if (!v || !rec)
        return DY_EINVAL;
    if (v->pos >= v->recs.n) {
        *rec = NULL;
        return DY_EEOF;
    }
    *rec = &v->recs.v[v->pos++];
    return DY_OK;
}

void dy_valfile_close(dy_valfile *v)
{
    if (!v)
        return;
    arena_free(&v->arena);
    VEC_FREE(&v->recs);
    VEC_FREE(&v->dicts);
    free(v->path);
    free(v);
}
