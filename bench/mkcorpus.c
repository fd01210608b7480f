/*
 * mkcorpus.c - builds the benchmark corpus for `make bench`: reads stories from JSON Lines
 * files (one object a line, e.g. the VOA stories) and PETRARCH XML files (<Sentence date id>
 * with a <Text>, e.g. the GigaWord sample), and writes them as JSON Lines, the whole set
 * repeated until the output holds at least MIN_BYTES bytes.  Every story id gets the suffix
 * "-r<replica>" so that ids are unique across the corpus (an id repeated in the input first
 * gets ".2", ".3"...); everything else in a JSON Lines
 * record is kept as it was.  XML records become {"id","date","source","text"} with the
 * text's line breaks folded into spaces; records with an empty <Text> are left out.
 *
 * usage: mkcorpus -o OUT [-m MIN_BYTES] FILE...
 * Prints one summary line (records, replicas, bytes) on stdout.  Exit 0 ok, 1 error.
 * A benchmark tool, not library code: it reports errors on stderr itself.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "util/util.h"

/* One input story: its escaped id and the rest of its object, as offsets into a pool. */
typedef struct corpus_record {
    size_t id_off, id_len;     /* JSON-escaped id, without quotes */
    size_t rest_off, rest_len; /* ",\"key\":value..." for the other members, may be empty */
} corpus_record;

typedef struct corpus {
    dy_buf pool;
    VEC(corpus_record) recs;
    dy_intern ids_seen; /* input ids, to make repeated ones unique */
    dy_buf id_tmp;
} corpus;

/* Append s[0..n) to b as the inside of a JSON string. */
static int corpus_escape(dy_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int rc;
        if (c == '"')
            rc = buf_append(b, "\\\"", 2);
        else if (c == '\\')
            rc = buf_append(b, "\\\\", 2);
        else if (c == '\n')
            rc = buf_append(b, "\\n", 2);
        else if (c == '\t')
            rc = buf_append(b, "\\t", 2);
        else if (c < 0x20)
            rc = buf_printf(b, "\\u%04x", c);
        else
            rc = buf_putc(b, (char)c);
        if (rc)
            return -1;
    }
    return 0;
}

/* Append the JSON value nd of document d (with its subtree) to b. */
static int corpus_write_value(dy_buf *b, const json_doc *d, const json_node *nd)
{
    switch (nd->type) {
    case JSON_NULL:
        return buf_puts(b, "null");
    case JSON_FALSE:
        return buf_puts(b, "false");
    case JSON_TRUE:
        return buf_puts(b, "true");
    case JSON_NUMBER:
        return buf_append(b, nd->str, nd->len);
    case JSON_STRING:
        if (buf_putc(b, '"') || corpus_escape(b, nd->str, nd->len))
            return -1;
        return buf_putc(b, '"');
    case JSON_ARRAY:
    case JSON_OBJECT: {
        int is_obj = nd->type == JSON_OBJECT;
        if (buf_putc(b, is_obj ? '{' : '['))
            return -1;
        int first = 1;
        for (const json_node *ch = json_first(d, nd); ch; ch = json_next(d, nd, ch)) {
            if (!first && buf_putc(b, ','))
                return -1;
            first = 0;
            if (is_obj && (buf_putc(b, '"') || corpus_escape(b, ch->key, ch->key_len) ||
                           buf_append(b, "\":", 2)))
                return -1;
            if (corpus_write_value(b, d, ch))
                return -1;
        }
        return buf_putc(b, is_obj ? '}' : ']');
    }
    }
    return -1;
}

/* Add a record whose (unescaped) id is id[0..id_len) and whose other members are already
 * serialized in rest[0..rest_len) (each preceded by a comma). */
static int corpus_add(corpus *c, const char *id, size_t id_len, const char *rest,
                      size_t rest_len)
{
    /* An id already used by an earlier input record gets ".2", ".3"... */
    buf_clear(&c->id_tmp);
    if (buf_append(&c->id_tmp, id, id_len))
        return -1;
    for (unsigned long n = 2; intern_find(&c->ids_seen, c->id_tmp.s, c->id_tmp.len); n++) {
        buf_clear(&c->id_tmp);
        if (buf_append(&c->id_tmp, id, id_len) || buf_printf(&c->id_tmp, ".%lu", n))
            return -1;
    }
    if (!intern_add(&c->ids_seen, c->id_tmp.s, c->id_tmp.len))
        return -1;
    corpus_record r;
    r.id_off = c->pool.len;
    if (corpus_escape(&c->pool, c->id_tmp.s, c->id_tmp.len))
        return -1;
    r.id_len = c->pool.len - r.id_off;
    r.rest_off = c->pool.len;
    if (buf_append(&c->pool, rest, rest_len))
        return -1;
    r.rest_len = rest_len;
    return VEC_PUSH(&c->recs, r);
}

/* Read JSON Lines text s[0..n) from `path` into c.  Returns 0, or -1 after a message. */
static int corpus_read_jsonl(corpus *c, const char *path, const char *s, size_t n)
{
    json_doc d;
    json_init(&d);
    dy_buf rest, idtext;
    buf_init(&rest);
    buf_init(&idtext);
    int ok = 0;
    long line_no = 0;
    size_t pos = 0;
    while (pos < n) {
        const char *nl = memchr(s + pos, '\n', n - pos);
        size_t end = nl ? (size_t)(nl - s) : n;
        const char *line = s + pos;
        size_t len = end - pos;
        pos = end + 1;
        line_no++;
        size_t k = 0;
        while (k < len && ascii_isspace((unsigned char)line[k]))
            k++;
        if (k == len)
            continue;
        int jr = json_parse(&d, line, len);
        if (jr == JSON_ENOMEM)
            goto nomem;
        const json_node *root = json_root(&d);
        if (jr != JSON_OK || !root || root->type != JSON_OBJECT) {
            fprintf(stderr, "mkcorpus: %s:%ld: not a JSON object; line skipped\n", path,
                    line_no);
            continue;
        }
        buf_clear(&rest);
        buf_clear(&idtext);
        int have_id = 0;
        for (const json_node *m = json_first(&d, root); m; m = json_next(&d, root, m)) {
            if (!have_id && strcmp(m->key, "id") == 0 &&
                (m->type == JSON_STRING || m->type == JSON_NUMBER)) {
                if (buf_append(&idtext, m->str, m->len))
                    goto nomem;
                have_id = 1;
                continue;
            }
            if (buf_append(&rest, ",\"", 2) || corpus_escape(&rest, m->key, m->key_len) ||
                buf_append(&rest, "\":", 2) || corpus_write_value(&rest, &d, m))
                goto nomem;
        }
        if (!have_id && buf_printf(&idtext, "line%ld", line_no))
            goto nomem;
        if (corpus_add(c, idtext.s, idtext.len, rest.s ? rest.s : "", rest.len))
            goto nomem;
    }
    ok = 1;
nomem:
    if (!ok)
        fprintf(stderr, "mkcorpus: out of memory\n");
    json_free(&d);
    buf_free(&rest);
    buf_free(&idtext);
    return ok ? 0 : -1;
}

/* Find needle in s[from..n); returns its offset or n when absent. */
static size_t corpus_find(const char *s, size_t n, size_t from, const char *needle)
{
    size_t nl = strlen(needle);
    for (size_t i = from; i + nl <= n; i++)
        if (s[i] == needle[0] && memcmp(s + i, needle, nl) == 0)
            return i;
    return n;
}

/* The value of attribute `name` in the tag text t[0..n) (name = "value", spaces allowed
 * around '='), as a pointer and length into t; 0 if found, -1 if not. */
static int corpus_attr(const char *t, size_t n, const char *name, const char **val,
                       size_t *val_len)
{
    size_t nl = strlen(name);
    for (size_t i = 0; i + nl <= n; i++) {
        if (memcmp(t + i, name, nl) != 0)
            continue;
        if (i > 0 && !ascii_isspace((unsigned char)t[i - 1]))
            continue;
        size_t j = i + nl;
        while (j < n && ascii_isspace((unsigned char)t[j]))
            j++;
        if (j >= n || t[j] != '=')
            continue;
        j++;
        while (j < n && ascii_isspace((unsigned char)t[j]))
            j++;
        if (j >= n || (t[j] != '"' && t[j] != '\''))
            continue;
        char q = t[j++];
        size_t start = j;
        while (j < n && t[j] != q)
            j++;
        if (j >= n)
            return -1;
        *val = t + start;
        *val_len = j - start;
        return 0;
    }
    return -1;
}

/* Append XML character data s[0..n) to b: the five predefined entities and numeric
 * references below 128 decoded, every run of white space folded to one space, trimmed. */
static int corpus_xml_text(dy_buf *b, const char *s, size_t n)
{
    static const struct { const char *ent; char ch; } ents[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''},
    };
    int pending_space = 0;
    size_t start_len = b->len;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (ascii_isspace((unsigned char)c)) {
            pending_space = 1;
            continue;
        }
        if (c == '&') {
            size_t k;
            for (k = 0; k < sizeof ents / sizeof ents[0]; k++) {
                size_t el = strlen(ents[k].ent);
                if (i + el <= n && memcmp(s + i, ents[k].ent, el) == 0) {
                    c = ents[k].ch;
                    i += el - 1;
                    break;
                }
            }
            if (k == sizeof ents / sizeof ents[0] && i + 3 < n && s[i + 1] == '#') {
                size_t j = i + 2;
                unsigned v = 0;
                while (j < n && j < i + 6 && ascii_isdigit((unsigned char)s[j]))
                    v = v * 10 + (unsigned)(s[j++] - '0');
                if (j < n && s[j] == ';' && j > i + 2 && v > 0 && v < 128) {
                    c = (char)v;
                    i = j;
                }
            }
        }
        if (pending_space && b->len > start_len && buf_putc(b, ' '))
            return -1;
        pending_space = 0;
        if (buf_putc(b, c))
            return -1;
    }
    return 0;
}

/* Read PETRARCH XML text s[0..n) from `path` into c.  Returns 0, or -1 on ENOMEM. */
static int corpus_read_xml(corpus *c, const char *path, const char *s, size_t n)
{
    dy_buf rest, text;
    buf_init(&rest);
    buf_init(&text);
    int ok = 0;
    size_t skipped = 0;
    size_t pos = 0;
    for (;;) {
        size_t tag = corpus_find(s, n, pos, "<Sentence");
        if (tag >= n)
            break;
        if (tag + 9 < n && !ascii_isspace((unsigned char)s[tag + 9]) && s[tag + 9] != '>') {
            pos = tag + 9; /* <Sentences>, or another tag that starts the same */
            continue;
        }
        size_t tag_end = corpus_find(s, n, tag, ">");
        size_t close = corpus_find(s, n, tag_end, "</Sentence>");
        pos = close < n ? close + 1 : n;
        if (tag_end >= n)
            break;
        const char *id = NULL, *date = NULL, *source = NULL;
        size_t id_len = 0, date_len = 0, source_len = 0;
        corpus_attr(s + tag, tag_end - tag, "id", &id, &id_len);
        corpus_attr(s + tag, tag_end - tag, "date", &date, &date_len);
        corpus_attr(s + tag, tag_end - tag, "source", &source, &source_len);
        size_t t0 = corpus_find(s, close, tag_end, "<Text>");
        size_t t1 = t0 < close ? corpus_find(s, close, t0, "</Text>") : close;
        buf_clear(&text);
        if (t0 < close && t1 < close &&
            corpus_xml_text(&text, s + t0 + 6, t1 - (t0 + 6)))
            goto nomem;
        if (!id || !date || text.len == 0) {
            skipped++;
            continue;
        }
        buf_clear(&rest);
        if (buf_puts(&rest, ",\"date\":\"") || corpus_escape(&rest, date, date_len) ||
            buf_putc(&rest, '"'))
            goto nomem;
        if (source && (buf_puts(&rest, ",\"source\":\"") ||
                       corpus_escape(&rest, source, source_len) || buf_putc(&rest, '"')))
            goto nomem;
        if (buf_puts(&rest, ",\"text\":\"") || corpus_escape(&rest, text.s, text.len) ||
            buf_putc(&rest, '"'))
            goto nomem;
        if (corpus_add(c, id, id_len, rest.s, rest.len))
            goto nomem;
    }
    if (skipped)
        fprintf(stderr, "mkcorpus: %s: %zu record(s) without id, date or text left out\n",
                path, skipped);
    ok = 1;
nomem:
    if (!ok)
        fprintf(stderr, "mkcorpus: out of memory\n");
    buf_free(&rest);
    buf_free(&text);
    return ok ? 0 : -1;
}

/* Write the records of c, replica after replica, to `out` until at least min_bytes are
 * written (always whole replicas, at least one).  Returns 0, or -1 after a message. */
static int corpus_write(const corpus *c, const char *out, unsigned long long min_bytes)
{
    size_t tmp_len = strlen(out) + 5;
    char *tmp = malloc(tmp_len);
    if (!tmp) {
        fprintf(stderr, "mkcorpus: out of memory\n");
        return -1;
    }
    snprintf(tmp, tmp_len, "%s.tmp", out);
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        fprintf(stderr, "mkcorpus: %s: %s\n", tmp, strerror(errno));
        free(tmp);
        return -1;
    }
    unsigned long long bytes = 0;
    unsigned long replicas = 0;
    do {
        for (size_t i = 0; i < c->recs.n; i++) {
            const corpus_record *r = &c->recs.v[i];
            char suffix[32];
            int sl = snprintf(suffix, sizeof suffix, "-r%lu\"", replicas);
            if (fwrite("{\"id\":\"", 1, 7, f) != 7 ||
                fwrite(c->pool.s + r->id_off, 1, r->id_len, f) != r->id_len ||
                fwrite(suffix, 1, (size_t)sl, f) != (size_t)sl ||
                fwrite(c->pool.s + r->rest_off, 1, r->rest_len, f) != r->rest_len ||
                fwrite("}\n", 1, 2, f) != 2)
                break;
            bytes += 7 + r->id_len + (size_t)sl + r->rest_len + 2;
        }
        replicas++;
    } while (bytes < min_bytes && !ferror(f));
    int failed = ferror(f);
    if (fclose(f) != 0)
        failed = 1;
    if (failed || rename(tmp, out) != 0) {
        fprintf(stderr, "mkcorpus: cannot write %s: %s\n", out, strerror(errno));
        remove(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    printf("corpus: %zu stories x %lu replicas = %zu stories, %llu bytes -> %s\n",
           c->recs.n, replicas, c->recs.n * replicas, bytes, out);
    return 0;
}

int main(int argc, char **argv)
{
    const char *out = NULL;
    unsigned long long min_bytes = 50ULL * 1000 * 1000;
    int first_input = argc;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
            out = argv[++i];
        } else if (strcmp(argv[i], "-m") == 0 && i + 1 < argc) {
            char *end;
            min_bytes = strtoull(argv[++i], &end, 10);
            if (*end || end == argv[i]) {
                fprintf(stderr, "mkcorpus: bad byte count '%s'\n", argv[i]);
                return 1;
            }
        } else {
            first_input = i;
            break;
        }
    }
    if (!out || first_input >= argc) {
        fprintf(stderr, "usage: mkcorpus -o OUT [-m MIN_BYTES] FILE...\n");
        return 1;
    }
    corpus c;
    buf_init(&c.pool);
    memset(&c.recs, 0, sizeof c.recs);
    intern_init(&c.ids_seen);
    buf_init(&c.id_tmp);
    int status = 0;
    for (int i = first_input; i < argc && status == 0; i++) {
        char *data = NULL;
        size_t len = 0;
        if (file_read_all(argv[i], &data, &len) != 0) {
            fprintf(stderr, "mkcorpus: cannot read %s\n", argv[i]);
            status = 1;
            break;
        }
        size_t k = 0;
        while (k < len && ascii_isspace((unsigned char)data[k]))
            k++;
        int rc = (k < len && data[k] == '<') ? corpus_read_xml(&c, argv[i], data, len)
                                             : corpus_read_jsonl(&c, argv[i], data, len);
        free(data);
        if (rc)
            status = 1;
    }
    if (status == 0 && c.recs.n == 0) {
        fprintf(stderr, "mkcorpus: no stories found in the input\n");
        status = 1;
    }
    if (status == 0 && corpus_write(&c, out, min_bytes))
        status = 1;
    buf_free(&c.pool);
    VEC_FREE(&c.recs);
    intern_free(&c.ids_seen);
    buf_free(&c.id_tmp);
    return status;
}
