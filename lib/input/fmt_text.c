/*
 * fmt_text.c - plain dated text.  A story starts with a line "[date[:]] DATE text...",
 * DATE being YYYY-MM-DD, YYYYMMDD or an ISO timestamp; id = "<file>:<line>".
 *
 * Blocks are runs of non-blank lines.  The second line of a block decides its layout:
 *  - it starts with a date: one story per line; every undated line of the block is
 *    rejected on its own ("no date at start of story");
 *  - it does not: stories span lines; undated lines continue the story above them and
 *    the next dated line starts a new story.
 * A block whose first line has no date is rejected up to its next dated line.  A line
 * that starts like a date but is not a valid one ("2020-13-40") is always rejected.
 */
#include "input/input.h"

#include <string.h>

enum { TEXT_BLOCK_UNKNOWN = 0, TEXT_BLOCK_LINES = 1, TEXT_BLOCK_PARAGRAPHS = 2 };

/* Where the date would be: after leading blanks and an optional "date" / "date:" word. */
static size_t text_date_start(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (n - i > 4 && ascii_strncasecmp(s + i, "date", 4) == 0 &&
        (s[i + 4] == ' ' || s[i + 4] == '\t' || s[i + 4] == ':')) {
        i += 4;
        if (s[i] == ':')
            i++;
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
    }
    return i;
}

/* 1 if the line has a valid leading date (then *date, *text_at), -1 if it starts like a
 * date that is invalid (YYYY-.. or 8 digits), 0 if it has no date. */
static int text_line_date(const char *s, size_t n, int32_t *date, size_t *text_at)
{
    size_t i = text_date_start(s, n);
    if (i >= n || !ascii_isdigit((unsigned char)s[i]))
        return 0;
    size_t used = 0;
    int32_t ymd = date_parse(s + i, n - i, &used);
    if (ymd && used >= 8 && (i + used == n || s[i + used] == ' ' || s[i + used] == '\t')) {
        i += used;
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        *date = ymd;
        *text_at = i;
        return 1;
    }
    size_t k = 0;
    while (i + k < n && ascii_isdigit((unsigned char)s[i + k]))
        k++;
    if ((k == 4 && i + k < n && (s[i + k] == '-' || s[i + k] == '/')) ||
        (k == 8 && (i + k == n || !ascii_isalpha((unsigned char)s[i + k]))))
        return -1;
    return 0;
}

/* Skip lines up to a blank line (consumed) or a line with a date (left unread). */
static dy_status text_skip_block(dy_reader *r)
{
    for (;;) {
        const char *s;
        size_t n, at;
        int32_t date;
        long long off;
        long ln;
        int rc = input_getline(r, &s, &n, &off, &ln);
        if (rc == LINE_EOF)
            return DY_OK;
        if (rc == LINE_ERR)
            return r->err;
        if (rc == LINE_LONG)
            continue;
        if (input_is_blank(s, n)) {
            r->text_block_mode = TEXT_BLOCK_UNKNOWN;
            return DY_OK;
        }
        if (text_line_date(s, n, &date, &at)) {
            input_unget_line(r);
            return DY_OK;
        }
    }
}

dy_status fmt_text_next(dy_reader *r, dy_story *st)
{
    for (;;) {
        const char *s;
        size_t n, at = 0;
        int32_t date = 0;
        long long off;
        long ln;
        int rc = input_getline(r, &s, &n, &off, &ln);
        if (rc == LINE_EOF)
            return DY_EEOF;
        if (rc == LINE_ERR)
            return r->err;
        if (rc == LINE_LONG) {
            input_reject(r, DY_ELIMIT, ln, NULL, off,
                         "story longer than the limit of %zu bytes; skipped", r->max_record);
            if (r->text_block_mode != TEXT_BLOCK_LINES) {
                dy_status sk = text_skip_block(r);
                if (sk)
                    return sk;
            }
            continue;
        }
        if (input_is_blank(s, n)) {
            r->text_block_mode = TEXT_BLOCK_UNKNOWN;
            continue;
        }
        int dated = text_line_date(s, n, &date, &at);
        if (dated <= 0) {
            if (dated < 0)
                input_reject(r, DY_EPARSE, ln, NULL, off, "invalid date at start of story");
            else
                input_reject(r, DY_EPARSE, ln, NULL, off, "no date at start of story");
            if (r->text_block_mode == TEXT_BLOCK_UNKNOWN) {
                dy_status sk = text_skip_block(r);
                if (sk)
                    return sk;
            }
            continue;
        }
        long start_line = ln;
        long long start_off = off;
        size_t raw_len = n - at;
        buf_clear(&r->text);
        if (input_append_utf8(&r->text, s + at, n - at))
            return DY_ENOMEM;
        int too_long = 0;
        for (;;) {
            rc = input_getline(r, &s, &n, &off, &ln);
            if (rc == LINE_EOF)
                break;
            if (rc == LINE_ERR)
                return r->err; /* the unfinished story is dropped */
            if (rc == LINE_LONG) {
                if (r->text_block_mode == TEXT_BLOCK_LINES) {
                    input_reject(r, DY_ELIMIT, ln, NULL, off,
                                 "story longer than the limit of %zu bytes; skipped",
                                 r->max_record);
                    break;
                }
                too_long = 1;
                dy_status sk = text_skip_block(r);
                if (sk)
                    return sk;
                break;
            }
            if (input_is_blank(s, n)) {
                r->text_block_mode = TEXT_BLOCK_UNKNOWN;
                break;
            }
            int32_t d2;
            size_t at2;
            int dated2 = text_line_date(s, n, &d2, &at2);
            if (r->text_block_mode == TEXT_BLOCK_UNKNOWN)
                r->text_block_mode = dated2 ? TEXT_BLOCK_LINES : TEXT_BLOCK_PARAGRAPHS;
            if (dated2 || r->text_block_mode == TEXT_BLOCK_LINES) {
                input_unget_line(r);
                break;
            }
            raw_len += n + 1;
            if (raw_len > r->max_record) {
                too_long = 1;
                dy_status sk = text_skip_block(r);
                if (sk)
                    return sk;
                break;
            }
            if (buf_putc(&r->text, '\n') || input_append_utf8(&r->text, s, n))
                return DY_ENOMEM;
        }
        if (input_default_id(r, start_line))
            return DY_ENOMEM;
        if (too_long) {
            input_reject(r, DY_ELIMIT, start_line, r->id.s, start_off,
                         "story longer than the limit of %zu bytes; skipped", r->max_record);
            continue;
        }
        if (r->text.len == 0) {
            input_reject(r, DY_EPARSE, start_line, r->id.s, start_off, "no text after the date");
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
