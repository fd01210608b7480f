/*
 * json.c - a strict, iterative (no recursion, so no depth limit of its own) JSON parser
 * producing a flat node array; see json.h for the exact rules, the two string-content
 * tolerances and the optional depth policy (max_depth).
 */
#include "util/json.h"

#include <stdlib.h>
#include <string.h>

void json_init(json_doc *d)
{
    memset(d, 0, sizeof *d);
}

void json_free(json_doc *d)
{
    if (!d)
        return;
    free(d->nodes.v);
    free(d->stack.v);
    buf_free(&d->strs);
    memset(d, 0, sizeof *d);
}

const char *json_type_name(json_type t)
{
    switch (t) {
    case JSON_NULL: return "null";
    case JSON_FALSE: return "false";
    case JSON_TRUE: return "true";
    case JSON_NUMBER: return "number";
    case JSON_STRING: return "string";
    case JSON_ARRAY: return "array";
    case JSON_OBJECT: return "object";
    }
    return "unknown";
}

/* Parser state shared by the helpers below. */
typedef struct json_parser {
    json_doc *d;
    const char *s;
    size_t n, i;
    int nomem;
} json_parser;

static int json_fail(json_parser *p, size_t off, const char *msg)
{
    p->d->err_off = off;
    p->d->err_msg = msg;
    return JSON_ESYNTAX;
}

static void json_skip_ws(json_parser *p)
{
    while (p->i < p->n) {
        char c = p->s[p->i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        p->i++;
    }
}

static int json_put_utf8(dy_buf *b, unsigned long cp)
{
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
    return buf_append(b, t, k);
}

/* Length of the valid UTF-8 sequence at s[0..n) (whose first byte is >= 0x80), 0 if invalid. */
static size_t json_utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c >= 0xC2 && c <= 0xDF)
        return (n >= 2 && (s[1] & 0xC0) == 0x80) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && s[1] < 0xA0)
            return 0; /* overlong */
        if (c == 0xED && s[1] >= 0xA0)
            return 0; /* surrogate */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90)
            return 0; /* overlong */
        if (c == 0xF4 && s[1] >= 0x90)
            return 0; /* above U+10FFFF */
        return 4;
    }
    return 0;
}

static int json_hex4(const char *s, unsigned long *out)
{
    unsigned long v = 0;
    for (int k = 0; k < 4; k++) {
        char c = s[k];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned long)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned long)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned long)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

/* 1 for the bytes a string copies as they are, in runs: printable ASCII and DEL except '"'
 * and '\\'; 0 for those that end a run (the quote, an escape, a control character, a
 * byte of a multi-byte sequence).  One load per byte instead of four comparisons. */
#define PLAIN8(v) v, v, v, v, v, v, v, v
static const unsigned char json_plain[256] = {
    PLAIN8(0), PLAIN8(0), PLAIN8(0), PLAIN8(0),                 /* 0x00-0x1F */
    1, 1, 0, 1, 1, 1, 1, 1,                                     /* 0x20-0x27: '"' */
    PLAIN8(1), PLAIN8(1), PLAIN8(1), PLAIN8(1), PLAIN8(1), PLAIN8(1), /* 0x28-0x57 */
    1, 1, 1, 1, 0, 1, 1, 1,                                     /* 0x58-0x5F: '\\' */
    PLAIN8(1), PLAIN8(1), PLAIN8(1), PLAIN8(1),                 /* 0x60-0x7F */
    /* 0x80-0xFF: 0 */
};
#undef PLAIN8

/*
 * Decode the string starting at the opening quote p->s[p->i] into the string store,
 * NUL-terminated.  *off and *len receive its place.  Leaves p->i after the closing quote.
 */
static int json_string(json_parser *p, size_t *off, size_t *len)
{
    dy_buf *b = &p->d->strs;
    const unsigned char *s = (const unsigned char *)p->s;
    size_t n = p->n, i = p->i + 1, start = b->len;
    for (;;) {
        size_t run = i;
        /* eight bytes at once while all are plain: none non-ASCII, a control character,
         * the quote or the backslash (the first that is ends the run) */
        while (n - run >= 8) {
            uint64_t x = b8_load(p->s + run);
            uint64_t high = x & B8_HIGH, x7 = x & ~B8_HIGH;
            uint64_t control = ~(x7 + B8_ONES * (0x80 - 0x20)) & B8_HIGH;
            uint64_t stop = high | control | b8_eq(x, '"') | b8_eq(x, '\\');
            if (stop) {
                run += b8_first(stop);
                break;
            }
            run += 8;
        }
        while (run < n && json_plain[s[run]])
            run++;
        if (run > i && buf_append(b, p->s + i, run - i))
            goto nomem;
        i = run;
        if (i >= n)
            return json_fail(p, p->i, "unterminated string");
        unsigned c = s[i];
        if (c == '"') {
            i++;
            break;
        }
        if (c < 0x20)
            return json_fail(p, i, "control character in string");
        if (c >= 0x80) {
            size_t k = json_utf8_seq(s + i, n - i);
            if (k) {
                if (buf_append(b, p->s + i, k))
                    goto nomem;
                i += k;
            } else {
                if (json_put_utf8(b, c)) /* Latin-1 */
                    goto nomem;
                i++;
            }
            continue;
        }
        /* backslash escape */
        if (i + 1 >= n)
            return json_fail(p, i, "unterminated string");
        char e = p->s[i + 1], out;
        switch (e) {
        case '"': out = '"'; break;
        case '\\': out = '\\'; break;
        case '/': out = '/'; break;
        case 'b': out = '\b'; break;
        case 'f': out = '\f'; break;
        case 'n': out = '\n'; break;
        case 'r': out = '\r'; break;
        case 't': out = '\t'; break;
        case 'u': {
            unsigned long cp, lo;
            if (i + 6 > n || json_hex4(p->s + i + 2, &cp))
                return json_fail(p, i, "invalid \\u escape");
            i += 6;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (i + 6 <= n && p->s[i] == '\\' && p->s[i + 1] == 'u' &&
                    json_hex4(p->s + i + 2, &lo) == 0 && lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                } else {
                    cp = 0xFFFD; /* unpaired high surrogate */
                }
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                cp = 0xFFFD; /* unpaired low surrogate */
            }
            if (json_put_utf8(b, cp))
                goto nomem;
            continue;
        }
        default:
            return json_fail(p, i, "invalid escape in string");
        }
        if (buf_putc(b, out))
            goto nomem;
        i += 2;
    }
    *off = start;
    *len = b->len - start;
    if (buf_putc(b, 0))
        goto nomem;
    p->i = i;
    return JSON_OK;
nomem:
    p->nomem = 1;
    return JSON_ENOMEM;
}

/* Check the number grammar at p->i; store its text and value in node nd. */
static int json_number(json_parser *p, json_node *nd)
{
    const char *s = p->s;
    size_t n = p->n, i = p->i, start = i;
    if (i < n && s[i] == '-')
        i++;
    if (i >= n || !ascii_isdigit((unsigned char)s[i]))
        return json_fail(p, start, "invalid number");
    if (s[i] == '0') {
        i++;
        if (i < n && ascii_isdigit((unsigned char)s[i]))
            return json_fail(p, start, "invalid number (leading zero)");
    } else {
        while (i < n && ascii_isdigit((unsigned char)s[i]))
            i++;
    }
    if (i < n && s[i] == '.') {
        i++;
        if (i >= n || !ascii_isdigit((unsigned char)s[i]))
            return json_fail(p, i, "invalid number (digit expected after '.')");
        while (i < n && ascii_isdigit((unsigned char)s[i]))
            i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i >= n || !ascii_isdigit((unsigned char)s[i]))
            return json_fail(p, i, "invalid number (digit expected in exponent)");
        while (i < n && ascii_isdigit((unsigned char)s[i]))
            i++;
    }
    dy_buf *b = &p->d->strs;
    nd->str_off = b->len;
    nd->len = i - start;
    if (buf_append(b, s + start, i - start) || buf_putc(b, 0)) {
        p->nomem = 1;
        return JSON_ENOMEM;
    }
    nd->num = strtod(b->s + nd->str_off, NULL);
    p->i = i;
    return JSON_OK;
}

static int json_literal(json_parser *p, const char *word, size_t wlen)
{
    if (p->n - p->i < wlen || memcmp(p->s + p->i, word, wlen) != 0)
        return json_fail(p, p->i, "invalid literal");
    p->i += wlen;
    return JSON_OK;
}

/* Parse a member key and the ':' after it; leaves p->i at the value. */
static int json_key(json_parser *p, size_t *koff, size_t *klen)
{
    json_skip_ws(p);
    if (p->i >= p->n)
        return json_fail(p, p->i, "unexpected end of input (member name expected)");
    if (p->s[p->i] != '"')
        return json_fail(p, p->i, "member name (string) expected");
    int rc = json_string(p, koff, klen);
    if (rc)
        return rc;
    json_skip_ws(p);
    if (p->i >= p->n || p->s[p->i] != ':')
        return json_fail(p, p->i, "':' expected after member name");
    p->i++;
    return JSON_OK;
}

int json_parse(json_doc *d, const char *s, size_t n)
{
    json_parser p = {d, s, n, 0, 0};
    d->nodes.n = 0;
    d->stack.n = 0;
    buf_clear(&d->strs);
    d->err_off = 0;
    d->err_msg = NULL;
    size_t koff = 0, klen = 0;
    int have_key = 0, rc;

    json_skip_ws(&p);
    for (;;) {
        /* ---- a value is expected at p.i */
        json_skip_ws(&p);
        if (p.i >= n)
            return json_fail(&p, p.i, "unexpected end of input (value expected)");
        json_node nd;
        memset(&nd, 0, sizeof nd);
        nd.key_off = have_key ? koff : (size_t)-1;
        nd.key_len = have_key ? klen : 0;
        have_key = 0;
        int opened = 0;
        char c = s[p.i];
        switch (c) {
        case '{':
        case '[':
            nd.type = c == '{' ? JSON_OBJECT : JSON_ARRAY;
            if (d->max_depth && d->stack.n >= d->max_depth) {
                json_fail(&p, p.i, "nesting deeper than the limit");
                return JSON_EDEPTH;
            }
            p.i++;
            opened = 1;
            break;
        case '"':
            nd.type = JSON_STRING;
            if ((rc = json_string(&p, &nd.str_off, &nd.len)))
                return rc;
            break;
        case 't':
            nd.type = JSON_TRUE;
            if ((rc = json_literal(&p, "true", 4)))
                return rc;
            break;
        case 'f':
            nd.type = JSON_FALSE;
            if ((rc = json_literal(&p, "false", 5)))
                return rc;
            break;
        case 'n':
            nd.type = JSON_NULL;
            if ((rc = json_literal(&p, "null", 4)))
                return rc;
            break;
        default:
            if (c == '-' || ascii_isdigit((unsigned char)c)) {
                nd.type = JSON_NUMBER;
                if ((rc = json_number(&p, &nd)))
                    return rc;
            } else {
                return json_fail(&p, p.i, "unexpected character (value expected)");
            }
        }
        size_t idx = d->nodes.n;
        nd.next = idx + 1;
        if (VEC_PUSH(&d->nodes, nd))
            return JSON_ENOMEM;
        if (opened) {
            json_skip_ws(&p);
            char close = d->nodes.v[idx].type == JSON_OBJECT ? '}' : ']';
            if (p.i < n && s[p.i] == close) {
                p.i++; /* empty container: complete value */
            } else {
                if (VEC_PUSH(&d->stack, idx))
                    return JSON_ENOMEM;
                if (d->nodes.v[idx].type == JSON_OBJECT) {
                    if ((rc = json_key(&p, &koff, &klen)))
                        return rc;
                    have_key = 1;
                }
                continue;
            }
        }
        /* ---- a value just completed: close containers as far as possible */
        for (;;) {
            if (d->stack.n == 0)
                goto done;
            size_t top = d->stack.v[d->stack.n - 1];
            json_node *tn = &d->nodes.v[top];
            tn->count++;
            json_skip_ws(&p);
            if (p.i >= n)
                return json_fail(&p, p.i, "unexpected end of input (',' or closing bracket expected)");
            char close = tn->type == JSON_OBJECT ? '}' : ']';
            if (s[p.i] == ',') {
                p.i++;
                if (tn->type == JSON_OBJECT) {
                    if ((rc = json_key(&p, &koff, &klen)))
                        return rc;
                    have_key = 1;
                }
                break; /* next element */
            }
            if (s[p.i] != close)
                return json_fail(&p, p.i, tn->type == JSON_OBJECT ? "',' or '}' expected"
                                                                  : "',' or ']' expected");
            p.i++;
            tn->next = d->nodes.n;
            d->stack.n--;
            /* the container itself completed: its parent counts it on the next turn */
        }
    }
done:
    json_skip_ws(&p);
    if (p.i != n)
        return json_fail(&p, p.i, "trailing characters after the JSON value");
    for (size_t k = 0; k < d->nodes.n; k++) {
        json_node *nd = &d->nodes.v[k];
        if (nd->key_off != (size_t)-1)
            nd->key = d->strs.s + nd->key_off;
        else
            nd->key = NULL;
        if (nd->type == JSON_STRING || nd->type == JSON_NUMBER)
            nd->str = d->strs.s + nd->str_off;
    }
    return JSON_OK;
}

const json_node *json_root(const json_doc *d)
{
    return d && d->nodes.n && !d->err_msg ? &d->nodes.v[0] : NULL;
}

const json_node *json_first(const json_doc *d, const json_node *c)
{
    if (!d || !c || (c->type != JSON_OBJECT && c->type != JSON_ARRAY) || c->count == 0)
        return NULL;
    return c + 1;
}

const json_node *json_next(const json_doc *d, const json_node *c, const json_node *child)
{
    if (!d || !c || !child)
        return NULL;
    size_t cidx = (size_t)(c - d->nodes.v);
    size_t nx = child->next;
    if (nx >= c->next || cidx >= d->nodes.n)
        return NULL;
    return &d->nodes.v[nx];
}

const json_node *json_get(const json_doc *d, const json_node *obj, const char *key)
{
    if (!obj || obj->type != JSON_OBJECT || !key)
        return NULL;
    size_t klen = strlen(key);
    for (const json_node *m = json_first(d, obj); m; m = json_next(d, obj, m))
        if (m->key_len == klen && memcmp(m->key, key, klen) == 0)
            return m;
    return NULL;
}
