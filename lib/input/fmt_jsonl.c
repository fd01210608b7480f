/*
 * fmt_jsonl.c - JSON Lines stories: one object per line with "text" and "date" (or
 * "published"), optional "id", "title", "source", "url".  Blank lines are skipped; a
 * broken line, or one nested deeper than max_nesting, is rejected with its line number
 * and the reader goes on.
 */
#include "input/input.h"

#include <string.h>

/* A date given as a string (YYYY-MM-DD, YYYYMMDD, ISO timestamp) or an 8-digit number. */
static int32_t jsonl_date(const json_node *nd)
{
    if (nd->type != JSON_STRING && nd->type != JSON_NUMBER)
        return 0;
    size_t n = nd->len;
    while (n && ascii_isspace((unsigned char)nd->str[n - 1]))
        n--;
    size_t i = 0;
    while (i < n && ascii_isspace((unsigned char)nd->str[i]))
        i++;
    size_t used = 0;
    int32_t ymd = date_parse(nd->str + i, n - i, &used);
    if (!ymd || used < 8 || i + used != n)
        return 0;
    return ymd;
}

/* An optional string member: NULL if absent or null; *bad set if of another type. */
static const char *jsonl_opt_str(const json_doc *d, const json_node *obj, const char *key,
                                 int *bad)
{
    const json_node *nd = json_get(d, obj, key);
    if (!nd || nd->type == JSON_NULL)
        return NULL;
    if (nd->type != JSON_STRING) {
        *bad = 1;
        return NULL;
    }
    return nd->str;
}

dy_status fmt_jsonl_next(dy_reader *r, dy_story *st)
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
            continue;
        }
        if (input_is_blank(s, n))
            continue;
        json_doc *jd = &r->json;
        int jr = json_parse(jd, s, n);
        if (jr == JSON_ENOMEM)
            return DY_ENOMEM;
        if (jr == JSON_EDEPTH) {
            input_reject(r, DY_ELIMIT, ln, NULL, off + (long long)jd->err_off,
                         "JSON nested deeper than the limit of %zu levels (column %zu); skipped",
                         r->max_nesting, jd->err_off + 1);
            continue;
        }
        if (jr != JSON_OK) {
            input_reject(r, DY_EPARSE, ln, NULL, off + (long long)jd->err_off,
                         "invalid JSON at column %zu: %s", jd->err_off + 1, jd->err_msg);
            continue;
        }
        const json_node *root = json_root(jd);
        if (root->type != JSON_OBJECT) {
            input_reject(r, DY_EPARSE, ln, NULL, off, "a JSON object was expected, not %s",
                         json_type_name(root->type));
            continue;
        }
        /* id */
        const json_node *idn = json_get(jd, root, "id");
        const char *id;
        if (idn && (idn->type == JSON_STRING || idn->type == JSON_NUMBER)) {
            id = idn->str;
        } else if (!idn || idn->type == JSON_NULL) {
            if (input_default_id(r, ln))
                return DY_ENOMEM;
            id = r->id.s;
        } else {
            input_reject(r, DY_EPARSE, ln, NULL, off, "\"id\" must be a string or a number, not %s",
                         json_type_name(idn->type));
            continue;
        }
        /* text */
        const json_node *tn = json_get(jd, root, "text");
        if (!tn || tn->type == JSON_NULL) {
            input_reject(r, DY_EPARSE, ln, id, off, "missing \"text\"");
            continue;
        }
        if (tn->type != JSON_STRING) {
            input_reject(r, DY_EPARSE, ln, id, off, "\"text\" must be a string, not %s",
                         json_type_name(tn->type));
            continue;
        }
        /* date, else published */
        const json_node *dn = json_get(jd, root, "date");
        const char *dkey = "date";
        if (!dn || dn->type == JSON_NULL) {
            dn = json_get(jd, root, "published");
            dkey = "published";
        }
        if (!dn || dn->type == JSON_NULL) {
            input_reject(r, DY_EPARSE, ln, id, off, "missing \"date\" (or \"published\")");
            continue;
        }
        int32_t date = jsonl_date(dn);
        if (!date) {
            if (dn->type == JSON_STRING)
                input_reject(r, DY_EPARSE, ln, id, off, "invalid \"%s\" \"%.40s\"", dkey, dn->str);
            else
                input_reject(r, DY_EPARSE, ln, id, off, "\"%s\" must be a date string, not %s",
                             dkey, dn->type == JSON_NUMBER ? dn->str : json_type_name(dn->type));
            continue;
        }
        int bad = 0;
        const char *title = jsonl_opt_str(jd, root, "title", &bad);
        const char *source = jsonl_opt_str(jd, root, "source", &bad);
        const char *url = jsonl_opt_str(jd, root, "url", &bad);
        if (bad) {
            input_reject(r, DY_EPARSE, ln, id, off,
                         "\"title\", \"source\" and \"url\" must be strings when present");
            continue;
        }
        st->text = tn->str;
        st->text_len = tn->len;
        if (memchr(tn->str, 0, tn->len)) { /* \u0000 escapes: NUL becomes a space */
            buf_clear(&r->text);
            if (input_append_utf8(&r->text, tn->str, tn->len))
                return DY_ENOMEM;
            st->text = r->text.s;
            st->text_len = r->text.len;
        }
        st->id = id;
        st->date = date;
        st->title = title;
        st->source = source;
        st->url = url;
        st->line = ln;
        st->byte = off;
        return DY_OK;
    }
}
