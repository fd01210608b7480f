/*
 * fmt_tabari.c - TABARI text records: a line "YYMMDD ID" (or YYYYMMDD) starting with a
 * digit, then text lines up to a blank line.  Blocks whose first line does not start with
 * a digit are comments (TABARI's rule) and are skipped silently.  "/" "* ... *" "/"
 * comments (which hold validation expectations) are removed from the story text.
 */
#include "input/input.h"

#include <string.h>

/* Skip lines up to and including the next blank line. */
static dy_status tabari_skip_block(dy_reader *r)
{
    for (;;) {
        const char *s;
        size_t n;
        long long off;
        long ln;
        int rc = input_getline(r, &s, &n, &off, &ln);
        if (rc == LINE_EOF)
            return DY_OK;
        if (rc == LINE_ERR)
            return r->err;
        if (rc == LINE_OK && input_is_blank(s, n))
            return DY_OK;
    }
}

/* Copy raw record text to r->text without its comments, trimmed, as UTF-8. */
static int tabari_strip_comments(dy_reader *r)
{
    const char *s = r->raw.s ? r->raw.s : "";
    size_t n = r->raw.len, i = 0;
    buf_clear(&r->text);
    while (i < n) {
        const char *c = memmem(s + i, n - i, "/*", 2);
        size_t stop = c ? (size_t)(c - s) : n;
        if (input_append_utf8(&r->text, s + i, stop - i))
            return -1;
        if (!c)
            break;
        const char *e = memmem(s + stop + 2, n - stop - 2, "*/", 2);
        i = e ? (size_t)(e - s) + 2 : n; /* an unclosed comment runs to the record's end */
        if (buf_putc(&r->text, ' '))
            return -1;
    }
    if (!r->text.s && buf_reserve(&r->text, 0))
        return -1;
    /* trim */
    size_t a = 0, b = r->text.len;
    while (a < b && ascii_isspace((unsigned char)r->text.s[a]))
        a++;
    while (b > a && ascii_isspace((unsigned char)r->text.s[b - 1]))
        b--;
    if (a)
        memmove(r->text.s, r->text.s + a, b - a);
    r->text.len = b - a;
    r->text.s[r->text.len] = 0;
    return 0;
}

dy_status fmt_tabari_next(dy_reader *r, dy_story *st)
{
    for (;;) {
        const char *s;
        size_t n;
        long long off;
        long ln;
        int rc = input_getline(r, &s, &n, &off, &ln);
        if (rc == LINE_EOF)
            return DY_EEOF;
        if (rc == LINE_ERR)
            return r->err;
        if (rc == LINE_LONG) {
            input_reject(r, DY_ELIMIT, ln, NULL, off,
                         "record longer than the limit of %zu bytes; skipped", r->max_record);
            dy_status sk = tabari_skip_block(r);
            if (sk)
                return sk;
            continue;
        }
        if (input_is_blank(s, n))
            continue;
        if (!ascii_isdigit((unsigned char)s[0])) {
            /* a comment block, unless a record header follows inside it */
            for (;;) {
                rc = input_getline(r, &s, &n, &off, &ln);
                if (rc == LINE_EOF)
                    return DY_EEOF;
                if (rc == LINE_ERR)
                    return r->err;
                if (rc == LINE_LONG)
                    continue;
                if (input_is_blank(s, n))
                    break;
                if (ascii_isdigit((unsigned char)s[0])) {
                    input_unget_line(r);
                    break;
                }
            }
            continue;
        }
        /* header: date digits, then the id */
        size_t k = 0;
        while (k < n && ascii_isdigit((unsigned char)s[k]))
            k++;
        /* TABARI reads the date by fixed width: 6 digits (YYMMDD) or 8 (YYYYMMDD); a longer
         * run (a typo such as "9501201") is read by its first 6 or 8 digits, with a warning */
        size_t dk = k == 7 ? 6 : k > 8 ? 8 : k;
        int32_t date = (dk == 6 || dk == 8) ? date_parse(s, dk, NULL) : 0;
        size_t a = k, b = n;
        while (a < b && ascii_isspace((unsigned char)s[a]))
            a++;
        while (b > a && ascii_isspace((unsigned char)s[b - 1]))
            b--;
        buf_clear(&r->id);
        if (a < b) {
            if (input_append_utf8(&r->id, s + a, b - a))
                return DY_ENOMEM;
        } else if (input_default_id(r, ln)) {
            return DY_ENOMEM;
        }
        long start_line = ln;
        long long start_off = off;
        if (date && dk != k)
            diag_emit(r->diag, r->diag_ud, DY_WARNING, DY_EPARSE, r->name, ln, r->id.s, off,
                      "date \"%.*s\" has %zu digits; read as \"%.*s\"", (int)k, s, k, (int)dk, s);
        if (!date) {
            input_reject(r, DY_EPARSE, ln, r->id.s, off,
                         "invalid date \"%.*s\" (YYMMDD or YYYYMMDD expected)", (int)k, s);
            dy_status sk = tabari_skip_block(r);
            if (sk)
                return sk;
            continue;
        }
        buf_clear(&r->raw);
        int too_long = 0;
        for (;;) {
            rc = input_getline(r, &s, &n, &off, &ln);
            if (rc == LINE_EOF)
                break;
            if (rc == LINE_ERR)
                return r->err; /* the unfinished record is dropped */
            if (rc == LINE_LONG) {
                too_long = 1;
                dy_status sk = tabari_skip_block(r);
                if (sk)
                    return sk;
                break;
            }
            if (input_is_blank(s, n))
                break;
            if (r->raw.len + n + 1 > r->max_record) {
                too_long = 1;
                dy_status sk = tabari_skip_block(r);
                if (sk)
                    return sk;
                break;
            }
            if ((r->raw.len && buf_putc(&r->raw, '\n')) || buf_append(&r->raw, s, n))
                return DY_ENOMEM;
        }
        if (too_long) {
            input_reject(r, DY_ELIMIT, start_line, r->id.s, start_off,
                         "record longer than the limit of %zu bytes; skipped", r->max_record);
            continue;
        }
        if (tabari_strip_comments(r))
            return DY_ENOMEM;
        if (r->text.len == 0) {
            input_reject(r, DY_EPARSE, start_line, r->id.s, start_off,
                         "no story text (only comments or nothing) after the header");
            continue;
        }
        st->id = r->id.s;
        st->date = date;
        st->text = r->text.s;
        st->text_len = r->text.len;
        st->line = start_line;
        st->byte = start_off;
        return DY_OK;
    }
}
