/*
 * val_petr.c - reads a PETRARCH validation suite (XML): <Environment> (dictionary files,
 * <Include> categories, <Config option= value=>) and <Sentence> records with their
 * <EventCoding>, <Text> and <Parse>.
 *
 * The reader is a small tolerant tag scanner, not a full XML parser: comments, processing
 * instructions and CDATA are skipped; raw '&' and unknown entities are kept as text; bytes
 * that are not UTF-8 are read as Latin-1.  A <Sentence .../> that is self-closed (as in
 * PETR2_GSR_validation.xml) takes the elements that follow it, up to </Sentence> or the next
 * <Sentence>.  The record's valid flag comes from valid=, sentence= or evaluate= ("false"
 * -> 0; absent -> 1).  <Skip> elements are ignored (PETRARCH-1 coded those records too).
 * <Include>: when present, a record is returned if its category is listed or "valid" is
 * listed and the record is valid; a record not valid is left out whenever "valid" is
 * listed.  Left-out records are counted (valfile_get_counts), not returned.
 * <Actorfile> may list several files separated by commas.
 */
#include <stdlib.h>
#include <string.h>

#include "valid/valid_int.h"

typedef struct xspan {
    const char *s;
    size_t n;
} xspan;

typedef struct xattr {
    xspan name, value;
} xattr;

/* One parsed tag. */
typedef struct xtag {
    xspan name;
    int closing;      /* </name> */
    int self_closing; /* <name/> */
    VEC(xattr) attrs;
    size_t end;       /* offset just after '>' */
} xtag;

/* The sentence being read. */
typedef struct xsent {
    int open;
    long line;
    long long byte;
    char *id, *date, *category, *text, *parse;
    int valid, expect_none, expect_error;
    valfile_expected_vec exp;
} xsent;

typedef struct xreader {
    dy_valfile *v;
    const char *data;
    size_t len;
    size_t line_pos; /* line_no is the line of offset line_pos */
    long line_no;
    VEC(char *) include; /* words of <Include>, in the arena */
    int have_include, include_valid;
    xsent sent;
} xreader;

static long line_at(xreader *x, size_t pos)
{
    if (pos < x->line_pos) {
        x->line_pos = 0;
        x->line_no = 1;
    }
    for (; x->line_pos < pos && x->line_pos < x->len; x->line_pos++)
        if (x->data[x->line_pos] == '\n')
            x->line_no++;
    return x->line_no;
}

static xspan xtrim(const char *s, size_t n)
{
    while (n && ascii_isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && ascii_isspace((unsigned char)s[n - 1]))
        n--;
    xspan r = {s, n};
    return r;
}

static int name_char(int c)
{
    return ascii_isalpha(c) || ascii_isdigit(c) || c == '_' || c == '-' || c == ':' || c == '.';
}

static int xeq(xspan a, const char *b)
{
    size_t n = strlen(b);
    return a.n == n && ascii_strncasecmp(a.s, b, n) == 0;
}

/* Find `pat` in data[from..len); returns its offset or len. */
static size_t find_str(const xreader *x, size_t from, const char *pat)
{
    size_t k = strlen(pat);
    for (size_t i = from; i + k <= x->len; i++)
        if (x->data[i] == pat[0] && memcmp(x->data + i, pat, k) == 0)
            return i;
    return x->len;
}

/* Case-insensitive search for "</name" from `from`; returns its offset or len. */
static size_t find_close(const xreader *x, size_t from, xspan name)
{
    for (size_t i = from; i + 2 + name.n <= x->len; i++)
        if (x->data[i] == '<' && x->data[i + 1] == '/' &&
            ascii_strncasecmp(x->data + i + 2, name.s, name.n) == 0 &&
            (i + 2 + name.n == x->len || !name_char((unsigned char)x->data[i + 2 + name.n])))
            return i;
    return x->len;
}

/* Append s[0..n) to b with the XML entities decoded; unknown '&' stays as it is.
 * 0 ok, -1 ENOMEM. */
static int decode_entities(dy_buf *b, const char *s, size_t n)
{
    static const struct {
        const char *name;
        char c;
    } ents[] = {{"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''}};
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '&') {
            if (buf_putc(b, s[i]))
                return -1;
            continue;
        }
        int done = 0;
        for (size_t k = 0; k < sizeof ents / sizeof ents[0] && !done; k++) {
            size_t el = strlen(ents[k].name);
            if (i + 1 + el <= n && memcmp(s + i + 1, ents[k].name, el) == 0) {
                if (buf_putc(b, ents[k].c))
                    return -1;
                i += el;
                done = 1;
            }
        }
        if (!done && i + 2 < n && s[i + 1] == '#') {
            size_t j = i + 2;
            int hex = j < n && (s[j] == 'x' || s[j] == 'X');
            j += (size_t)hex;
            unsigned long cp = 0;
            size_t digits = 0;
            for (; j < n && digits < 8; j++, digits++) {
                int c = (unsigned char)s[j], d;
                if (ascii_isdigit(c))
                    d = c - '0';
                else if (hex && (c | 32) >= 'a' && (c | 32) <= 'f')
                    d = (c | 32) - 'a' + 10;
                else
                    break;
                cp = cp * (hex ? 16u : 10u) + (unsigned long)d;
            }
            if (digits && j < n && s[j] == ';' && cp > 0 && cp <= 0x10FFFF &&
                !(cp >= 0xD800 && cp <= 0xDFFF)) {
                char u[4];
                size_t un;
                if (cp < 0x80) {
                    u[0] = (char)cp;
                    un = 1;
                } else if (cp < 0x800) {
                    u[0] = (char)(0xC0 | (cp >> 6));
                    u[1] = (char)(0x80 | (cp & 0x3F));
                    un = 2;
                } else if (cp < 0x10000) {
                    u[0] = (char)(0xE0 | (cp >> 12));
                    u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
                    u[2] = (char)(0x80 | (cp & 0x3F));
                    un = 3;
                } else {
                    u[0] = (char)(0xF0 | (cp >> 18));
                    u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
                    u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
                    u[3] = (char)(0x80 | (cp & 0x3F));
                    un = 4;
                }
                if (buf_append(b, u, un))
                    return -1;
                i = j;
                done = 1;
            }
        }
        if (!done && buf_putc(b, '&'))
            return -1;
    }
    return 0;
}

/* Decoded, trimmed, UTF-8 arena copy of s[0..n); NULL on ENOMEM. */
static char *xdup(xreader *x, const char *s, size_t n)
{
    dy_buf b;
    buf_init(&b);
    xspan t = xtrim(s, n);
    char *out = NULL;
    if (decode_entities(&b, t.s, t.n) == 0)
        out = valfile_utf8dup(x->v, b.s ? b.s : "", b.len);
    buf_free(&b);
    return out;
}

static const xattr *find_attr(const xtag *t, const char *name)
{
    for (size_t i = 0; i < t->attrs.n; i++)
        if (xeq(t->attrs.v[i].name, name))
            return &t->attrs.v[i];
    return NULL;
}

static int attr_is_true(const xattr *a)
{
    xspan t = xtrim(a->value.s, a->value.n);
    return xeq(t, "true") || xeq(t, "yes") || xeq(t, "1");
}

/* Parse the tag starting at data[pos] == '<'.  0 ok, 1 not a tag (treat '<' as text),
 * -1 ENOMEM. */
static int parse_tag(xreader *x, size_t pos, xtag *t)
{
    const char *d = x->data;
    size_t i = pos + 1, n = x->len;
    t->attrs.n = 0;
    t->closing = t->self_closing = 0;
    if (i < n && d[i] == '/') {
        t->closing = 1;
        i++;
    }
    size_t ns = i;
    while (i < n && name_char((unsigned char)d[i]))
        i++;
    if (i == ns)
        return 1;
    t->name.s = d + ns;
    t->name.n = i - ns;
    for (;;) {
        while (i < n && ascii_isspace((unsigned char)d[i]))
            i++;
        if (i >= n)
            return 1;
        if (d[i] == '>') {
            t->end = i + 1;
            return 0;
        }
        if (d[i] == '/' && i + 1 < n && d[i + 1] == '>') {
            t->self_closing = 1;
            t->end = i + 2;
            return 0;
        }
        size_t as = i;
        while (i < n && name_char((unsigned char)d[i]))
            i++;
        if (i == as) {
            i++; /* stray character: skip it */
            continue;
        }
        xattr a;
        a.name.s = d + as;
        a.name.n = i - as;
        a.value.s = d + i;
        a.value.n = 0;
        while (i < n && ascii_isspace((unsigned char)d[i]))
            i++;
        if (i < n && d[i] == '=') {
            i++;
            while (i < n && ascii_isspace((unsigned char)d[i]))
                i++;
            if (i < n && (d[i] == '"' || d[i] == '\'')) {
                char q = d[i++];
                size_t vs = i;
                while (i < n && d[i] != q)
                    i++;
                a.value.s = d + vs;
                a.value.n = i - vs;
                if (i < n)
                    i++;
            } else {
                size_t vs = i;
                while (i < n && !ascii_isspace((unsigned char)d[i]) && d[i] != '>')
                    i++;
                a.value.s = d + vs;
                a.value.n = i - vs;
            }
        }
        if (VEC_PUSH(&t->attrs, a))
            return -1;
    }
}

static void sent_reset(xsent *s)
{
    VEC_FREE(&s->exp);
    memset(s, 0, sizeof *s);
}

static int include_has(const xreader *x, const char *word)
{
    for (size_t i = 0; i < x->include.n; i++)
        if (strcmp(x->include.v[i], word) == 0)
            return 1;
    return 0;
}

/* Close the open sentence: check it, filter it, push it.  DY_OK or DY_ENOMEM. */
static dy_status sent_finish(xreader *x)
{
    xsent *s = &x->sent;
    if (!s->open)
        return DY_OK;
    dy_valfile *v = x->v;
    dy_status st = DY_OK;
    v->file_records++;
    const char *why = NULL;
    if (!s->id || !*s->id)
        why = "sentence without id";
    else if (!s->text)
        why = "sentence without <Text>";
    if (why) {
        diag_emit(v->diag, v->diag_ud, DY_ERROR, DY_EPARSE, v->path, s->line, s->id, s->byte,
                  "%s: record skipped", why);
        v->rejected++;
        goto done;
    }
    const char *cat = s->category ? s->category : "";
    if (x->have_include) {
        int in = include_has(x, cat) || (x->include_valid && s->valid);
        if (x->include_valid && !s->valid)
            in = 0;
        if (!in) {
            v->filtered++;
            goto done;
        }
    }
    dy_valrec r;
    memset(&r, 0, sizeof r);
    r.kind = DY_VAL_RECORD;
    r.story.id = s->id;
    r.story.text = s->text;
    r.story.text_len = strlen(s->text);
    r.story.parse = s->parse;
    r.story.line = s->line;
    r.story.byte = s->byte;
    if (s->date) {
        r.story.date = date_parse(s->date, strlen(s->date), NULL);
        if (!r.story.date)
            diag_emit(v->diag, v->diag_ud, DY_WARNING, DY_EPARSE, v->path, s->line, s->id,
                      s->byte, "invalid date \"%s\"", s->date);
    }
    r.category = cat;
    r.valid = s->valid;
    r.expect_none = s->expect_none;
    r.expect_error = s->expect_error;
    if (valfile_push_record(v, &r, s->exp.v, s->exp.n))
        st = DY_ENOMEM;
done:
    sent_reset(s);
    return st;
}

/* Raw content of the element whose start tag ends at t->end; sets *next past its end tag. */
static xspan element_content(const xreader *x, const xtag *t, size_t *next)
{
    xspan c = {x->data + t->end, 0};
    if (t->self_closing) {
        *next = t->end;
        return c;
    }
    size_t close = find_close(x, t->end, t->name);
    c.n = close - t->end;
    if (close >= x->len) {
        *next = x->len;
    } else {
        size_t gt = find_str(x, close, ">");
        *next = gt < x->len ? gt + 1 : x->len;
    }
    return c;
}

/* <Include>: whitespace-separated category words. */
static dy_status read_include(xreader *x, xspan c)
{
    x->have_include = 1;
    size_t i = 0;
    while (i < c.n) {
        while (i < c.n && ascii_isspace((unsigned char)c.s[i]))
            i++;
        size_t st = i;
        while (i < c.n && !ascii_isspace((unsigned char)c.s[i]))
            i++;
        if (i == st)
            break;
        char *w = valfile_strndup(x->v, c.s + st, i - st);
        if (!w || VEC_PUSH(&x->include, w))
            return DY_ENOMEM;
        if (strcmp(w, "valid") == 0)
            x->include_valid = 1;
    }
    return DY_OK;
}

/* A dictionary element: one or more comma-separated file names. */
static dy_status read_dict_element(xreader *x, dy_dict_kind kind, xspan c)
{
    size_t i = 0;
    while (i <= c.n) {
        size_t st = i;
        while (i < c.n && c.s[i] != ',')
            i++;
        xspan name = xtrim(c.s + st, i - st);
        if (name.n && valfile_add_dict(x->v, kind, name.s, name.n))
            return DY_ENOMEM;
        i++;
    }
    return DY_OK;
}

static dy_status handle_event_coding(xreader *x, const xtag *t, long line)
{
    xsent *s = &x->sent;
    dy_valfile *v = x->v;
    if (!s->open) {
        diag_emit(v->diag, v->diag_ud, DY_WARNING, DY_EPARSE, v->path, line, NULL, -1,
                  "<EventCoding> outside a <Sentence> ignored");
        return DY_OK;
    }
    const xattr *src = find_attr(t, "sourcecode"), *tgt = find_attr(t, "targetcode"),
                *code = find_attr(t, "eventcode"), *none = find_attr(t, "noevents"),
                *err = find_attr(t, "error");
    if (none && attr_is_true(none))
        s->expect_none = 1;
    if (err)
        s->expect_error = 1;
    if (src || tgt || code) {
        dy_expected e = {src ? xdup(x, src->value.s, src->value.n) : "",
                         tgt ? xdup(x, tgt->value.s, tgt->value.n) : "",
                         code ? xdup(x, code->value.s, code->value.n) : ""};
        if (!e.source || !e.target || !e.code || VEC_PUSH(&s->exp, e))
            return DY_ENOMEM;
        if (!src || !tgt || !code || !*e.source || !*e.target || !*e.code)
            diag_emit(v->diag, v->diag_ud, DY_WARNING, DY_EPARSE, v->path, line, s->id, -1,
                      "<EventCoding> lacks a source, target or event code");
    } else if (!none && !err) {
        diag_emit(v->diag, v->diag_ud, DY_WARNING, DY_EPARSE, v->path, line, s->id, -1,
                  "<EventCoding> without codes, noevents or error ignored");
    }
    return DY_OK;
}

static dy_status handle_sentence(xreader *x, const xtag *t, size_t pos, long line)
{
    dy_status st = sent_finish(x);
    if (st != DY_OK)
        return st;
    xsent *s = &x->sent;
    s->open = 1;
    s->line = line;
    s->byte = (long long)pos;
    s->valid = 1;
    const xattr *a;
    if ((a = find_attr(t, "id")) && !(s->id = xdup(x, a->value.s, a->value.n)))
        return DY_ENOMEM;
    if ((a = find_attr(t, "date")) && !(s->date = xdup(x, a->value.s, a->value.n)))
        return DY_ENOMEM;
    if ((a = find_attr(t, "category")) && !(s->category = xdup(x, a->value.s, a->value.n)))
        return DY_ENOMEM;
    static const char *const valid_attrs[] = {"valid", "sentence", "evaluate"};
    for (size_t k = 0; k < 3; k++)
        if ((a = find_attr(t, valid_attrs[k])))
            s->valid = attr_is_true(a);
    return DY_OK;
}

static dy_status scan(xreader *x)
{
    dy_valfile *v = x->v;
    xtag t;
    memset(&t, 0, sizeof t);
    int in_env = 0;
    dy_status st = DY_OK;
    size_t pos = 0;
    while (st == DY_OK && pos < x->len) {
        const char *lt = memchr(x->data + pos, '<', x->len - pos);
        if (!lt)
            break;
        pos = (size_t)(lt - x->data);
        if (x->len - pos >= 4 && memcmp(lt, "<!--", 4) == 0) {
            size_t e = find_str(x, pos + 4, "-->");
            pos = e < x->len ? e + 3 : x->len;
            continue;
        }
        if (x->len - pos >= 9 && memcmp(lt, "<![CDATA[", 9) == 0) {
            size_t e = find_str(x, pos + 9, "]]>");
            pos = e < x->len ? e + 3 : x->len;
            continue;
        }
        if (x->len - pos >= 2 && (lt[1] == '?' || lt[1] == '!')) {
            size_t e = find_str(x, pos, ">");
            pos = e < x->len ? e + 1 : x->len;
            continue;
        }
        int rc = parse_tag(x, pos, &t);
        if (rc < 0) {
            st = DY_ENOMEM;
            break;
        }
        if (rc > 0) {
            pos++;
            continue;
        }
        long line = line_at(x, pos);
        size_t next = t.end;
        if (xeq(t.name, "Environment")) {
            in_env = !t.closing && !t.self_closing;
        } else if (xeq(t.name, "Sentence")) {
            st = t.closing ? sent_finish(x) : handle_sentence(x, &t, pos, line);
        } else if (xeq(t.name, "Sentences") && t.closing) {
            st = sent_finish(x);
        } else if (t.closing) {
            /* other end tags carry nothing */
        } else if (xeq(t.name, "EventCoding")) {
            st = handle_event_coding(x, &t, line);
        } else if (xeq(t.name, "Text") || xeq(t.name, "Parse")) {
            xspan c = element_content(x, &t, &next);
            if (!x->sent.open) {
                diag_emit(v->diag, v->diag_ud, DY_WARNING, DY_EPARSE, v->path, line, NULL, -1,
                          "<%.*s> outside a <Sentence> ignored", (int)t.name.n, t.name.s);
            } else {
                char *val = xdup(x, c.s, c.n);
                if (!val)
                    st = DY_ENOMEM;
                else if (xeq(t.name, "Text"))
                    x->sent.text = val;
                else
                    x->sent.parse = val;
            }
        } else if (xeq(t.name, "Config")) {
            const xattr *o = find_attr(&t, "option"), *val = find_attr(&t, "value");
            if (!o) {
                diag_emit(v->diag, v->diag_ud, DY_WARNING, DY_EPARSE, v->path, line, NULL, -1,
                          "<Config> without option= ignored");
            } else {
                if (!in_env)
                    st = sent_finish(x);
                char *on = xdup(x, o->value.s, o->value.n);
                char *ov = val ? xdup(x, val->value.s, val->value.n) : valfile_strndup(v, "", 0);
                if (st == DY_OK &&
                    (!on || !ov || valfile_push_option(v, on, strlen(on), ov, strlen(ov), line)))
                    st = DY_ENOMEM;
            }
        } else if (in_env) {
            static const struct {
                const char *tag;
                dy_dict_kind kind;
            } dict_tags[] = {{"Verbfile", DY_DICT_VERBS},       {"Actorfile", DY_DICT_ACTORS},
                             {"Agentfile", DY_DICT_AGENTS},     {"Discardfile", DY_DICT_DISCARDS},
                             {"Issuefile", DY_DICT_ISSUES}};
            int done = 0;
            for (size_t k = 0; k < sizeof dict_tags / sizeof dict_tags[0] && !done; k++) {
                if (xeq(t.name, dict_tags[k].tag)) {
                    st = read_dict_element(x, dict_tags[k].kind, element_content(x, &t, &next));
                    done = 1;
                }
            }
            if (!done && xeq(t.name, "Include"))
                st = read_include(x, element_content(x, &t, &next));
        }
        pos = next > pos ? next : pos + 1;
    }
    if (st == DY_OK)
        st = sent_finish(x);
    VEC_FREE(&t.attrs);
    return st;
}

dy_status valfile_read_petrarch(dy_valfile *v)
{
    char *data = NULL;
    size_t len = 0;
    if (file_read_all(v->path, &data, &len) != 0) {
        diag_emit(v->diag, v->diag_ud, DY_ERROR, DY_EIO, v->path, 0, NULL, -1,
                  "cannot read the validation file");
        return DY_EIO;
    }
    xreader x;
    memset(&x, 0, sizeof x);
    x.v = v;
    x.data = data;
    x.len = len;
    x.line_no = 1;
    dy_status st = scan(&x);
    sent_reset(&x.sent);
    VEC_FREE(&x.include);
    free(data);
    if (st == DY_ENOMEM)
        diag_emit(v->diag, v->diag_ud, DY_ERROR, DY_ENOMEM, v->path, 0, NULL, -1, "out of memory");
    else if (st == DY_OK && v->file_records == 0)
        diag_emit(v->diag, v->diag_ud, DY_WARNING, DY_EPARSE, v->path, 0, NULL, -1,
                  "no <Sentence> records found");
    return st;
}
