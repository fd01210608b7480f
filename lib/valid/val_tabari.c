/*
 * val_tabari.c - reads a TABARI validation suite: the .project file (which names the
 * dictionaries and the text file) and the validation records of its text file.
 *
 * Text file layout (TABARI manual 4.3 and 10.1): a record starts at a line whose first
 * character is a digit ("YYMMDD ID ...") and ends at the next blank line; lines between
 * records are comments.  Inside a record, the part from the first "/" "*" to the last
 * "*" "/" (or to the end of the record when unclosed) is the comment; the rest is the story
 * text (literal "\n" markers removed).  Fields in braces inside the comment:
 *   { SRC / TGT / CODE }   an expected event (fields blank-trimmed, compared as strings);
 *   {+++} {---} {###}      no event expected (complexity, none, discard): expect_none;
 *   -{ ... }               do not check further events: a VALFILE_WILDCARD entry ends the
 *                          expected list; events after it are not read;
 *   { OPTION: <command> }  a DY_VAL_OPTION record (see parse_option for name/value; the
 *                          coder accepts the command as name + " " + value).
 * A record with option fields yields only its option records (plus a story record if it
 * also has event fields).  Reading stops before the record whose id starts "FINAL-".
 * The id is the first word after the date that contains a letter (else the first word);
 * the category is the id up to its first '-'.
 */
#include <stdlib.h>
#include <string.h>

#include "valid/valid_int.h"

/* A byte range of the text file. */
typedef struct span {
    const char *s;
    size_t n;
} span;

static span trim_span(const char *s, size_t n)
{
    while (n && ascii_isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && ascii_isspace((unsigned char)s[n - 1]))
        n--;
    span r = {s, n};
    return r;
}

static int line_is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!ascii_isspace((unsigned char)s[i]))
            return 0;
    return 1;
}

/* ---------------------------------------------------------------- .project */

static dy_status read_project(dy_valfile *v, char **text_path)
{
    char *data = NULL;
    size_t len = 0;
    *text_path = NULL;
    if (file_read_all(v->path, &data, &len) != 0) {
        diag_emit(v->diag, v->diag_ud, DY_ERROR, DY_EIO, v->path, 0, NULL, -1,
                  "cannot read the project file");
        return DY_EIO;
    }
    static const struct {
        const char *tag;
        int kind; /* dy_dict_kind, or -1 for the text file */
    } tags[] = {
        {"actorsfile", DY_DICT_ACTORS},   {"verbsfile", DY_DICT_VERBS},
        {"agentsfile", DY_DICT_AGENTS},   {"optionsfile", DY_DICT_OPTIONS},
        {"issuesfile", DY_DICT_ISSUES},   {"textfile", -1},
    };
    dy_status st = DY_OK;
    long lineno = 0;
    for (size_t pos = 0; pos < len && st == DY_OK;) {
        const char *line = data + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + (nl ? 1 : 0);
        lineno++;
        span t = trim_span(line, n);
        if (t.n < 3 || t.s[0] != '<')
            continue;
        const char *close = memchr(t.s, '>', t.n);
        if (!close)
            continue;
        size_t taglen = (size_t)(close - t.s) - 1;
        for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++) {
            if (taglen != strlen(tags[k].tag) || ascii_strncasecmp(t.s + 1, tags[k].tag, taglen))
                continue;
            span val = trim_span(close + 1, (size_t)(t.s + t.n - close - 1));
            if (val.n == 0) {
                diag_emit(v->diag, v->diag_ud, DY_WARNING, DY_EPARSE, v->path, lineno, NULL, -1,
                          "<%s> names no file", tags[k].tag);
                break;
            }
            if (tags[k].kind < 0) {
                char *name = dy_strndup(val.s, val.n);
                free(*text_path);
                *text_path = name ? path_resolve(v->path, name) : NULL;
                free(name);
                if (!*text_path)
                    st = DY_ENOMEM;
            } else if (valfile_add_dict(v, (dy_dict_kind)tags[k].kind, val.s, val.n)) {
                st = DY_ENOMEM;
            }
            break;
        }
    }
    free(data);
    if (st == DY_ENOMEM) {
        diag_emit(v->diag, v->diag_ud, DY_ERROR, DY_ENOMEM, v->path, 0, NULL, -1, "out of memory");
        free(*text_path);
        *text_path = NULL;
        return st;
    }
    if (!*text_path) {
        diag_emit(v->diag, v->diag_ud, DY_ERROR, DY_EPARSE, v->path, 0, NULL, -1,
                  "the project names no <textfile>");
        return DY_EPARSE;
    }
    return DY_OK;
}

/* ---------------------------------------------------------------- records */

/* The state of one record being read. */
typedef struct tab_record {
    const char *file;   /* text file path, for diagnostics */
    long line;          /* line of the date/id line */
    long long byte;     /* its offset */
    span header;        /* the date/id line */
    span body;          /* every following line up to the blank line */
} tab_record;

/* Append s[0..n) to b with whitespace runs collapsed to one space. */
static int append_collapsed(dy_buf *b, const char *s, size_t n)
{
    span t = trim_span(s, n);
    int space = 0;
    for (size_t i = 0; i < t.n; i++) {
        if (ascii_isspace((unsigned char)t.s[i])) {
            space = 1;
            continue;
        }
        if (space && buf_putc(b, ' '))
            return -1;
        space = 0;
        if (buf_putc(b, t.s[i]))
            return -1;
    }
    return 0;
}

/* Turn an OPTION field's command into name/value and push it:
 *   "SET: <words> = <value>" -> "SET: <WORDS>" / "<value>"   (e.g. "SET: TIME SHIFT"/"FALSE")
 *   "SET: <words>"           -> "SET: <WORDS>" / ""          (e.g. "SET: CODE BY SENTENCE")
 *   "<KEY>: <rest>"          -> "<KEY>:" / "<rest>"          (e.g. "DEFAULT:" / "OFF")
 *   "<words>" (no colon)     -> "<words>" / ""
 * White space runs are collapsed to single spaces; case is kept.  0 ok, -1 ENOMEM. */
static int parse_option(dy_valfile *v, const char *cmd, size_t n, long line)
{
    dy_buf name, value;
    buf_init(&name);
    buf_init(&value);
    int rc = -1;
    span c = trim_span(cmd, n);
    const char *colon = memchr(c.s, ':', c.n);
    if (!colon) {
        if (append_collapsed(&name, c.s, c.n))
            goto done;
    } else {
        span key = trim_span(c.s, (size_t)(colon - c.s));
        span rest = trim_span(colon + 1, (size_t)(c.s + c.n - colon - 1));
        if (key.n == 3 && ascii_strncasecmp(key.s, "SET", 3) == 0) {
            const char *eq = memchr(rest.s, '=', rest.n);
            size_t left = eq ? (size_t)(eq - rest.s) : rest.n;
            if (buf_puts(&name, "SET: ") || append_collapsed(&name, rest.s, left))
                goto done;
            if (eq && append_collapsed(&value, eq + 1, (size_t)(rest.s + rest.n - eq - 1)))
                goto done;
        } else {
            if (append_collapsed(&name, key.s, key.n) || buf_putc(&name, ':') ||
                append_collapsed(&value, rest.s, rest.n))
                goto done;
        }
    }
    rc = valfile_push_option(v, name.s ? name.s : "", name.len, value.s ? value.s : "",
                             value.len, line);
done:
    buf_free(&name);
    buf_free(&value);
    return rc;
}

/* Does the brace content, without blanks, equal `code`? */
static int is_special(span c, const char *code)
{
    size_t k = 0, clen = strlen(code);
    for (size_t i = 0; i < c.n; i++) {
        if (ascii_isspace((unsigned char)c.s[i]))
            continue;
        if (k >= clen || c.s[i] != code[k])
            return 0;
        k++;
    }
    return k == clen;
}

/* Build the story text: the body outside the comment, without "\n" markers.  Returns the
 * UTF-8 copy in the arena, NULL on ENOMEM. */
static char *record_text(dy_valfile *v, span before, span after)
{
    dy_buf b;
    buf_init(&b);
    span parts[2] = {before, after};
    int bad = 0;
    for (int p = 0; p < 2 && !bad; p++) {
        span t = trim_span(parts[p].s, parts[p].n);
        if (!t.n)
            continue;
        if (b.len && buf_putc(&b, '\n'))
            bad = 1;
        for (size_t i = 0; i < t.n && !bad; i++) {
            if (t.s[i] == '\\' && i + 1 < t.n && t.s[i + 1] == 'n') {
                i++;
                if (buf_putc(&b, ' '))
                    bad = 1;
                continue;
            }
            if (buf_putc(&b, t.s[i]))
                bad = 1;
        }
    }
    char *out = NULL;
    if (!bad) {
        span t = trim_span(b.s ? b.s : "", b.len);
        out = valfile_utf8dup(v, t.s, t.n);
    }
    buf_free(&b);
    return out;
}

/* Split the date/id line into date digits and id (see the file comment). */
static void split_header(span h, span *date, span *id)
{
    size_t i = 0;
    while (i < h.n && ascii_isdigit((unsigned char)h.s[i]))
        i++;
    date->s = h.s;
    date->n = i;
    id->s = h.s + i;
    id->n = 0;
    span first = {NULL, 0};
    while (i < h.n) {
        while (i < h.n && ascii_isspace((unsigned char)h.s[i]))
            i++;
        size_t start = i;
        int letter = 0;
        while (i < h.n && !ascii_isspace((unsigned char)h.s[i]))
            letter |= ascii_isalpha((unsigned char)h.s[i++]);
        if (i == start)
            break;
        span w = {h.s + start, i - start};
        if (!first.s)
            first = w;
        if (letter) {
            *id = w;
            return;
        }
    }
    if (first.s)
        *id = first;
}

/* Parse the date digits: YYMMDD or YYYYMMDD; longer runs use their first 8 or 6 digits. */
static int32_t header_date(span d)
{
    if (d.n == 6 || d.n == 8)
        return date_parse(d.s, d.n, NULL);
    if (d.n > 8) {
        int32_t x = date_parse(d.s, 8, NULL);
        if (x)
            return x;
    }
    if (d.n > 6)
        return date_parse(d.s, 6, NULL);
    return 0;
}

/* Find the last occurrence of the 2-byte string pat in s[0..n). */
static const char *find_last2(const char *s, size_t n, const char *pat)
{
    for (size_t i = n; i >= 2; i--)
        if (s[i - 2] == pat[0] && s[i - 1] == pat[1])
            return s + i - 2;
    return NULL;
}

static const char *find_first2(const char *s, size_t n, const char *pat)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] == pat[0] && s[i + 1] == pat[1])
            return s + i;
    return NULL;
}

/* Line number of position p inside the record body. */
static long body_line(const tab_record *r, const char *p)
{
    long line = r->line + 1;
    for (const char *q = r->body.s; q < p; q++)
        if (*q == '\n')
            line++;
    return line;
}

/* Read one record.  Returns DY_OK (pushed, skipped or rejected) or DY_ENOMEM. */
static dy_status process_record(dy_valfile *v, const tab_record *r)
{
    span date, id;
    split_header(r->header, &date, &id);
    char *id_str = valfile_strndup(v, id.s, id.n);
    if (!id_str)
        return DY_ENOMEM;
    v->file_records++;

    const char *b = r->body.s;
    size_t bn = r->body.n;
    const char *c0 = find_first2(b, bn, "/*");
    span before = {b, c0 ? (size_t)(c0 - b) : bn}, after = {b + bn, 0}, comment = {b + bn, 0};
    if (c0) {
        const char *cs = c0 + 2;
        const char *c1 = find_last2(cs, (size_t)(b + bn - cs), "*/");
        comment.s = cs;
        comment.n = c1 ? (size_t)(c1 - cs) : (size_t)(b + bn - cs);
        if (c1) {
            after.s = c1 + 2;
            after.n = (size_t)(b + bn - after.s);
        }
    }

    valfile_expected_vec exp = {0};
    int expect_none = 0, open_ended = 0, n_fields = 0, n_options = 0, bad = 0;
    dy_status st = DY_OK;
    const char *end = comment.s + comment.n;
    for (const char *p = comment.s; p < end && st == DY_OK && !bad; p++) {
        if (*p != '{')
            continue;
        int dash = p > comment.s && p[-1] == '-';
        const char *q = p + 1;
        while (q < end && *q != '}' && *q != '\n')
            q++;
        long line = body_line(r, p);
        if (q >= end || *q != '}')
            diag_emit(v->diag, v->diag_ud, DY_WARNING, DY_EPARSE, r->file, line, id_str, -1,
                      "unclosed '{' in a validation field");
        span c = trim_span(p + 1, (size_t)(q - p - 1));
        p = q < end ? q : end - 1;
        if (c.n == 0)
            continue;
        if (c.n >= 6 && ascii_strncasecmp(c.s, "OPTION", 6) == 0) {
            span rest = trim_span(c.s + 6, c.n - 6);
            if (rest.n && rest.s[0] == ':') {
                if (!dash) {
                    if (parse_option(v, rest.s + 1, rest.n - 1, line))
                        st = DY_ENOMEM;
                    n_options++;
                }
                continue;
            }
        }
        if (is_special(c, "+++") || is_special(c, "---") || is_special(c, "###")) {
            if (!dash && !open_ended) {
                expect_none = 1;
                n_fields++;
            }
            continue;
        }
        const char *s1 = memchr(c.s, '/', c.n);
        const char *s2 = s1 ? memchr(s1 + 1, '/', (size_t)(c.s + c.n - s1 - 1)) : NULL;
        if (!s1 || !s2 || memchr(s2 + 1, '/', (size_t)(c.s + c.n - s2 - 1))) {
            diag_emit(v->diag, v->diag_ud, DY_WARNING, DY_EPARSE, r->file, line, id_str, -1,
                      "unrecognised validation field {%.*s} ignored", (int)c.n, c.s);
            continue;
        }
        n_fields++;
        if (open_ended)
            continue;
        if (dash) {
            open_ended = 1;
            continue;
        }
        span src = trim_span(c.s, (size_t)(s1 - c.s));
        span tgt = trim_span(s1 + 1, (size_t)(s2 - s1 - 1));
        span code = trim_span(s2 + 1, (size_t)(c.s + c.n - s2 - 1));
        if (!src.n || !tgt.n || !code.n) {
            diag_emit(v->diag, v->diag_ud, DY_ERROR, DY_EPARSE, r->file, line, id_str, -1,
                      "malformed expected event {%.*s}: record skipped", (int)c.n, c.s);
            bad = 1;
            break;
        }
        dy_expected e = {valfile_strndup(v, src.s, src.n), valfile_strndup(v, tgt.s, tgt.n),
                         valfile_strndup(v, code.s, code.n)};
        if (!e.source || !e.target || !e.code || VEC_PUSH(&exp, e))
            st = DY_ENOMEM;
    }
    if (st == DY_OK && !bad && open_ended) {
        dy_expected w = {VALFILE_WILDCARD, VALFILE_WILDCARD, VALFILE_WILDCARD};
        if (VEC_PUSH(&exp, w))
            st = DY_ENOMEM;
    }
    if (st == DY_OK && bad)
        v->rejected++;
    if (st == DY_OK && !bad && n_fields == 0 && n_options == 0) {
        diag_emit(v->diag, v->diag_ud, DY_WARNING, DY_EPARSE, r->file, r->line, id_str, -1,
                  "record has no validation field: skipped");
        v->rejected++;
    }
    if (st == DY_OK && !bad && n_fields > 0) {
        dy_valrec rec;
        memset(&rec, 0, sizeof rec);
        rec.kind = DY_VAL_RECORD;
        rec.valid = 1;
        rec.expect_none = expect_none;
        rec.story.id = id_str;
        rec.story.line = r->line;
        rec.story.byte = r->byte;
        rec.story.date = header_date(date);
        if (!rec.story.date)
            diag_emit(v->diag, v->diag_ud, DY_WARNING, DY_EPARSE, r->file, r->line, id_str, -1,
                      "invalid date \"%.*s\"", (int)date.n, date.s);
        const char *dash_pos = memchr(id_str, '-', id.n);
        rec.category = dash_pos ? valfile_strndup(v, id_str, (size_t)(dash_pos - id_str)) : id_str;
        char *text = record_text(v, before, after);
        if (!rec.category || !text) {
            st = DY_ENOMEM;
        } else {
            rec.story.text = text;
            rec.story.text_len = strlen(text);
            if (valfile_push_record(v, &rec, exp.v, exp.n))
                st = DY_ENOMEM;
        }
    }
    VEC_FREE(&exp);
    return st;
}

/* End of a record: stop at FINAL- (sets *finished), else process it. */
static dy_status finish_record(dy_valfile *v, const tab_record *r, int *finished)
{
    span d, id;
    split_header(r->header, &d, &id);
    if (id.n >= 6 && strncmp(id.s, "FINAL-", 6) == 0) {
        *finished = 1;
        return DY_OK;
    }
    return process_record(v, r);
}

static dy_status read_text(dy_valfile *v, const char *text_path)
{
    char *data = NULL;
    size_t len = 0;
    if (file_read_all(text_path, &data, &len) != 0) {
        diag_emit(v->diag, v->diag_ud, DY_ERROR, DY_EIO, text_path, 0, NULL, -1,
                  "cannot read the validation text file named by %s", v->path);
        return DY_EIO;
    }
    dy_status st = DY_OK;
    tab_record rec;
    memset(&rec, 0, sizeof rec);
    int in_record = 0, has_body = 0, finished = 0;
    long lineno = 0;
    for (size_t pos = 0; pos < len && st == DY_OK && !finished;) {
        const char *line = data + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + (nl ? 1 : 0);
        lineno++;
        if (in_record && line_is_blank(line, n)) {
            in_record = 0;
            st = finish_record(v, &rec, &finished);
        } else if (in_record) {
            if (!has_body)
                rec.body.s = line;
            has_body = 1;
            rec.body.n = (size_t)(line + n - rec.body.s);
        } else if (n && ascii_isdigit((unsigned char)line[0])) {
            in_record = 1;
            has_body = 0;
            rec.file = text_path;
            rec.line = lineno;
            rec.byte = (long long)(line - data);
            rec.header = trim_span(line, n);
            rec.body.s = line + n; /* empty until a body line comes */
            rec.body.n = 0;
        }
    }
    if (st == DY_OK && in_record && !finished)
        st = finish_record(v, &rec, &finished);
    if (st == DY_ENOMEM)
        diag_emit(v->diag, v->diag_ud, DY_ERROR, DY_ENOMEM, text_path, 0, NULL, -1,
                  "out of memory");
    free(data);
    return st;
}

dy_status valfile_read_tabari(dy_valfile *v)
{
    char *text_path = NULL;
    dy_status st = read_project(v, &text_path);
    if (st == DY_OK)
        st = read_text(v, text_path);
    free(text_path);
    return st;
}
