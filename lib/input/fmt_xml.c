/*
 * fmt_xml.c - PETRARCH XML stories: <Sentence date=".." id=".." source=".."> with a
 * <Text> and optionally a <Parse>.  A tolerant streaming scanner, not a full XML parser:
 * a record runs from <Sentence ...> (also the self-closing form some files use) to
 * </Sentence>, the next <Sentence, </Sentences> or the end of input; every other element,
 * comment, processing instruction and stray text is ignored.  Standard entities and
 * numeric character references are decoded, a raw '&' that is not an entity stays '&',
 * and bytes that are not UTF-8 are read as Latin-1.  A record whose elements nest deeper
 * than max_nesting (the <Sentence> is level 1) is rejected like an over-long one.
 */
#include "input/input.h"

#include <string.h>

/* Decode entities in s[0..n) and append the result (UTF-8, NUL -> space) to out. */
static int xml_decode_append(dy_buf *out, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const char *amp = memchr(s + i, '&', n - i);
        size_t stop = amp ? (size_t)(amp - s) : n;
        if (stop > i && input_append_utf8(out, s + i, stop - i))
            return -1;
        if (!amp)
            break;
        i = stop;
        /* an entity is at most "&#x10FFFF;" long */
        size_t j = i + 1, lim = i + 12 < n ? i + 12 : n;
        while (j < lim && s[j] != ';' && s[j] != '&' && !ascii_isspace((unsigned char)s[j]))
            j++;
        unsigned long cp = 0;
        int ok = 0;
        if (j < lim && s[j] == ';') {
            const char *e = s + i + 1;
            size_t el = j - i - 1;
            if (el == 3 && memcmp(e, "amp", 3) == 0) cp = '&', ok = 1;
            else if (el == 2 && memcmp(e, "lt", 2) == 0) cp = '<', ok = 1;
            else if (el == 2 && memcmp(e, "gt", 2) == 0) cp = '>', ok = 1;
            else if (el == 4 && memcmp(e, "quot", 4) == 0) cp = '"', ok = 1;
            else if (el == 4 && memcmp(e, "apos", 4) == 0) cp = '\'', ok = 1;
            else if (el >= 2 && e[0] == '#') {
                int hex = e[1] == 'x' || e[1] == 'X';
                size_t q = hex ? 2 : 1;
                ok = q < el;
                for (; q < el && ok; q++) {
                    int c = (unsigned char)e[q], v;
                    if (ascii_isdigit(c))
                        v = c - '0';
                    else if (hex && (c | 32) >= 'a' && (c | 32) <= 'f')
                        v = (c | 32) - 'a' + 10;
                    else {
                        ok = 0;
                        break;
                    }
                    cp = cp * (hex ? 16 : 10) + (unsigned long)v;
                    if (cp > 0x10FFFF)
                        ok = 0;
                }
                if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
                    ok = 0;
            }
        }
        if (!ok) { /* a raw '&' */
            if (buf_putc(out, '&'))
                return -1;
            i++;
            continue;
        }
        char t[4];
        size_t k;
        if (cp < 0x80) {
            t[0] = (char)cp;
            k = 1;
        } else if (cp < 0x800) {
            t[0] = (char)(0xC0 | (cp >> 6));
            t[1] = (char)(0x80 | (cp & 0x3F));
            k = 2;
        } else if (cp < 0x10000) {
            t[0] = (char)(0xE0 | (cp >> 12));
            t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
            t[2] = (char)(0x80 | (cp & 0x3F));
            k = 3;
        } else {
            t[0] = (char)(0xF0 | (cp >> 18));
            t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
            t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
            t[3] = (char)(0x80 | (cp & 0x3F));
            k = 4;
        }
        if (buf_append(out, t, k))
            return -1;
        i = j + 1;
    }
    if (!out->s && buf_reserve(out, 0))
        return -1;
    return 0;
}

/*
 * Find `delim` in the unread window at or after pos+from, reading more as needed.
 * Returns its offset from pos, -1 at the end of input or on error, -2 if the window
 * would exceed `limit` bytes.
 */
static long long xml_find(dy_reader *r, size_t from, const char *delim, size_t dl, size_t limit)
{
    for (;;) {
        size_t avail = r->end - r->pos;
        if (from < avail) {
            const char *hit = memmem(r->buf + r->pos + from, avail - from, delim, dl);
            if (hit)
                return (long long)(hit - (r->buf + r->pos));
        }
        if (avail > limit)
            return -2;
        if (avail >= dl)
            from = avail - (dl - 1);
        size_t before = avail;
        if (input_peek(r, before + 1) <= before)
            return -1;
    }
}

/* Skip past `delim` without holding more than a little of the input. 0, or -1 at EOF/error. */
static int xml_skip_past(dy_reader *r, const char *delim, size_t dl, size_t from)
{
    for (;;) {
        size_t avail = r->end - r->pos;
        if (from < avail) {
            const char *hit = memmem(r->buf + r->pos + from, avail - from, delim, dl);
            if (hit) {
                input_advance(r, (size_t)(hit - (r->buf + r->pos)) + dl);
                return 0;
            }
        }
        if (avail > dl) { /* keep only what could start the delimiter */
            input_advance(r, avail - dl);
            avail = dl;
        }
        from = 0;
        if (input_peek(r, avail + 1) <= avail)
            return -1;
    }
}

/* Find the '>' ending the tag at pos (quotes respected).  Offset from pos, or -1 / -2. */
static long long xml_tag_end(dy_reader *r, size_t limit)
{
    for (;;) {
        size_t avail = r->end - r->pos;
        const char *p = r->buf + r->pos;
        char q = 0;
        for (size_t i = 1; i < avail; i++) {
            char c = p[i];
            if (q) {
                if (c == q)
                    q = 0;
            } else if (c == '"' || c == '\'') {
                q = c;
            } else if (c == '>') {
                return (long long)i;
            }
        }
        if (avail > limit)
            return -2;
        if (input_peek(r, avail + 1) <= avail)
            return -1;
    }
}

/* Does the tag text t[0..n) (after '<') name `name` (case-insensitive)? */
static int xml_is(const char *t, size_t n, const char *name)
{
    size_t k = strlen(name);
    if (n < k || ascii_strncasecmp(t, name, k) != 0)
        return 0;
    return n == k || ascii_isspace((unsigned char)t[k]) || t[k] == '/' || t[k] == '>';
}

/* Record state while scanning one <Sentence>. */
typedef struct xml_rec {
    long line;
    long long byte;
    int32_t date;
    int have_date_attr, have_text, have_parse, have_id, have_source;
    size_t depth;    /* elements open in the record, the <Sentence> itself included */
    dy_buf *capture; /* &r->text or &r->parse while inside <Text> / <Parse> */
} xml_rec;

/* Read the attributes of a <Sentence ...> tag t[0..n) (the part after the name). */
static int xml_sentence_attrs(dy_reader *r, xml_rec *rec, const char *t, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && (ascii_isspace((unsigned char)t[i]) || t[i] == '/'))
            i++;
        size_t ns = i;
        while (i < n && !ascii_isspace((unsigned char)t[i]) && t[i] != '=' && t[i] != '/')
            i++;
        size_t ne = i;
        if (ne == ns)
            break;
        while (i < n && ascii_isspace((unsigned char)t[i]))
            i++;
        const char *v = "";
        size_t vl = 0;
        if (i < n && t[i] == '=') {
            i++;
            while (i < n && ascii_isspace((unsigned char)t[i]))
                i++;
            if (i < n && (t[i] == '"' || t[i] == '\'')) {
                char q = t[i++];
                v = t + i;
                while (i < n && t[i] != q)
                    i++;
                vl = (size_t)(t + i - v);
                if (i < n)
                    i++;
            } else {
                v = t + i;
                while (i < n && !ascii_isspace((unsigned char)t[i]) && t[i] != '/')
                    i++;
                vl = (size_t)(t + i - v);
            }
        }
        const char *an = t + ns;
        size_t al = ne - ns;
        if (al == 4 && ascii_strncasecmp(an, "date", 4) == 0) {
            buf_clear(&r->tmp);
            if (xml_decode_append(&r->tmp, v, vl))
                return -1;
            size_t a = 0, b = r->tmp.len, used = 0;
            while (a < b && ascii_isspace((unsigned char)r->tmp.s[a]))
                a++;
            while (b > a && ascii_isspace((unsigned char)r->tmp.s[b - 1]))
                b--;
            rec->have_date_attr = 1;
            rec->date = date_parse(r->tmp.s + a, b - a, &used);
            if (used < 6 || a + used != b) /* YYMMDD is accepted too (seen in PETRARCH files) */
                rec->date = 0;
        } else if (al == 2 && ascii_strncasecmp(an, "id", 2) == 0) {
            buf_clear(&r->id);
            if (xml_decode_append(&r->id, v, vl))
                return -1;
            rec->have_id = r->id.len > 0;
        } else if (al == 6 && ascii_strncasecmp(an, "source", 6) == 0) {
            buf_clear(&r->source);
            if (xml_decode_append(&r->source, v, vl))
                return -1;
            rec->have_source = 1;
        }
    }
    return 0;
}

/* Trim ASCII white space at both ends of b in place. */
static void xml_trim(dy_buf *b)
{
    if (!b->s)
        return;
    size_t a = 0, e = b->len;
    while (a < e && ascii_isspace((unsigned char)b->s[a]))
        a++;
    while (e > a && ascii_isspace((unsigned char)b->s[e - 1]))
        e--;
    if (a)
        memmove(b->s, b->s + a, e - a);
    b->len = e - a;
    b->s[b->len] = 0;
}

/* Finish the record: fill st and return DY_OK, or reject it and return DY_EEOF-as-"none". */
static int xml_finish(dy_reader *r, xml_rec *rec, dy_story *st, dy_status *out)
{
    if (!rec->have_id && input_default_id(r, rec->line)) {
        *out = DY_ENOMEM;
        return 1;
    }
    const char *id = r->id.s;
    if (!rec->have_date_attr) {
        input_reject(r, DY_EPARSE, rec->line, id, rec->byte, "<Sentence> has no date attribute");
        return 0;
    }
    if (!rec->date) {
        input_reject(r, DY_EPARSE, rec->line, id, rec->byte, "invalid date \"%s\"",
                     r->tmp.s ? r->tmp.s : "");
        return 0;
    }
    if (!rec->have_text) {
        input_reject(r, DY_EPARSE, rec->line, id, rec->byte, "<Sentence> has no <Text>");
        return 0;
    }
    xml_trim(&r->text);
    if (r->text.len == 0) {
        input_reject(r, DY_EPARSE, rec->line, id, rec->byte, "empty <Text>");
        return 0;
    }
    st->id = id;
    st->date = rec->date;
    st->text = r->text.s;
    st->text_len = r->text.len;
    st->source = rec->have_source ? r->source.s : NULL;
    if (rec->have_parse) {
        xml_trim(&r->parse);
        st->parse = r->parse.s;
    }
    st->line = rec->line;
    st->byte = rec->byte;
    *out = DY_OK;
    return 1;
}

dy_status fmt_xml_next(dy_reader *r, dy_story *st)
{
    xml_rec rec;
    int in_sent = 0;
    dy_status res;
    memset(&rec, 0, sizeof rec);
    for (;;) {
        /* ---- character data up to the next '<' */
        size_t avail = r->end - r->pos;
        const char *lt = avail ? memchr(r->buf + r->pos, '<', avail) : NULL;
        if (!lt) {
            if (in_sent && rec.capture) {
                /* keep the whole run in the window so entities are never split */
                long long k = xml_find(r, avail, "<", 1, r->max_record);
                if (k == -2) {
                    input_reject(r, DY_ELIMIT, rec.line, rec.have_id ? r->id.s : NULL, rec.byte,
                                 "record longer than the limit of %zu bytes; skipped",
                                 r->max_record);
                    in_sent = 0;
                    rec.capture = NULL;
                    continue; /* the rest of it is skipped as stray text */
                }
                if (k < 0) { /* end of input inside <Text>: keep what is there */
                    avail = r->end - r->pos;
                    if (!r->err && xml_decode_append(rec.capture, r->buf + r->pos, avail))
                        return DY_ENOMEM;
                    input_advance(r, avail);
                    goto end_of_input;
                }
                continue;
            }
            input_advance(r, avail);
            if (input_peek(r, 1) == 0)
                goto end_of_input;
            continue;
        }
        size_t run = (size_t)(lt - (r->buf + r->pos));
        if (run) {
            if (in_sent && rec.capture) {
                if (rec.capture->len + run > r->max_record) {
                    input_reject(r, DY_ELIMIT, rec.line, rec.have_id ? r->id.s : NULL, rec.byte,
                                 "record longer than the limit of %zu bytes; skipped",
                                 r->max_record);
                    in_sent = 0;
                    rec.capture = NULL;
                } else if (xml_decode_append(rec.capture, r->buf + r->pos, run)) {
                    return DY_ENOMEM;
                }
            }
            input_advance(r, run);
        }
        /* ---- markup at pos */
        avail = input_peek(r, 9);
        const char *p = r->buf + r->pos;
        if (avail >= 4 && memcmp(p, "<!--", 4) == 0) {
            if (xml_skip_past(r, "-->", 3, 4))
                goto end_of_input;
            continue;
        }
        if (avail >= 9 && memcmp(p, "<![CDATA[", 9) == 0) {
            if (in_sent && rec.capture) {
                long long k = xml_find(r, 9, "]]>", 3, r->max_record);
                if (k < 0) {
                    if (k == -1)
                        goto end_of_input;
                    input_reject(r, DY_ELIMIT, rec.line, rec.have_id ? r->id.s : NULL, rec.byte,
                                 "record longer than the limit of %zu bytes; skipped",
                                 r->max_record);
                    in_sent = 0;
                    rec.capture = NULL;
                    if (xml_skip_past(r, "]]>", 3, 9))
                        goto end_of_input;
                    continue;
                }
                if (input_append_utf8(rec.capture, r->buf + r->pos + 9, (size_t)k - 9))
                    return DY_ENOMEM;
                input_advance(r, (size_t)k + 3);
            } else if (xml_skip_past(r, "]]>", 3, 9)) {
                goto end_of_input;
            }
            continue;
        }
        if (avail >= 2 && (p[1] == '?' || p[1] == '!')) {
            if (xml_skip_past(r, p[1] == '?' ? "?>" : ">", p[1] == '?' ? 2 : 1, 2))
                goto end_of_input;
            continue;
        }
        if (avail < 2 || !(ascii_isalpha((unsigned char)p[1]) || p[1] == '/' || p[1] == '_')) {
            /* a literal '<' */
            if (in_sent && rec.capture && buf_putc(rec.capture, '<'))
                return DY_ENOMEM;
            input_advance(r, 1);
            if (avail < 2 && input_peek(r, 1) == 0)
                goto end_of_input;
            continue;
        }
        long long te = xml_tag_end(r, r->max_record);
        if (te < 0) {
            if (te == -1)
                goto end_of_input;
            /* a giant tag: drop its '<' and carry on as text */
            input_advance(r, 1);
            continue;
        }
        p = r->buf + r->pos;
        const char *t = p + 1;
        size_t tl = (size_t)te - 1;
        if (xml_is(t, tl, "Sentence")) {
            if (in_sent) { /* the previous record ends here; this tag starts the next */
                in_sent = 0;
                if (xml_finish(r, &rec, st, &res))
                    return res;
                continue;
            }
            memset(&rec, 0, sizeof rec);
            in_sent = 1;
            rec.depth = 1;
            rec.line = r->line;
            rec.byte = r->base + (long long)r->pos;
            buf_clear(&r->text);
            buf_clear(&r->parse);
            buf_clear(&r->id);
            buf_clear(&r->tmp);
            if (xml_sentence_attrs(r, &rec, t + 8, tl - 8))
                return DY_ENOMEM;
            input_advance(r, (size_t)te + 1);
            continue;
        }
        int closes_record = xml_is(t, tl, "/Sentence") || xml_is(t, tl, "/Sentences");
        int self_closing = tl > 0 && t[tl - 1] == '/';
        if (in_sent && !closes_record) {
            if (t[0] == '/') {
                if (rec.depth > 1)
                    rec.depth--;
            } else if (!self_closing && ++rec.depth > r->max_nesting) {
                input_reject(r, DY_ELIMIT, rec.line, rec.have_id ? r->id.s : NULL, rec.byte,
                             "XML elements nested deeper than the limit of %zu levels (line %ld);"
                             " skipped", r->max_nesting, r->line);
                in_sent = 0;
                rec.capture = NULL;
                input_advance(r, (size_t)te + 1);
                continue; /* the rest of it is skipped as stray markup and text */
            }
            if (xml_is(t, tl, "Text")) {
                rec.have_text = 1;
                if (!self_closing) {
                    if (r->text.len && buf_putc(&r->text, ' '))
                        return DY_ENOMEM;
                    rec.capture = &r->text;
                }
            } else if (xml_is(t, tl, "Parse")) {
                rec.have_parse = 1;
                if (!self_closing) {
                    if (r->parse.len && buf_putc(&r->parse, ' '))
                        return DY_ENOMEM;
                    rec.capture = &r->parse;
                }
            } else if (xml_is(t, tl, "/Text") || xml_is(t, tl, "/Parse")) {
                rec.capture = NULL;
            }
        }
        input_advance(r, (size_t)te + 1);
        if (in_sent && closes_record) {
            in_sent = 0;
            if (xml_finish(r, &rec, st, &res))
                return res;
        }
    }
end_of_input:
    if (r->err)
        return r->err; /* an unfinished record is dropped */
    if (in_sent) {
        in_sent = 0;
        if (xml_finish(r, &rec, st, &res))
            return res;
    }
    return DY_EEOF;
}
