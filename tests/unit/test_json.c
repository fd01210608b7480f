/*
 * test_json.c - the strict JSON parser: values, escapes and surrogates, Latin-1 repair,
 * navigation, and syntax errors with their byte offsets.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "util/json.h"

static int parse(json_doc *d, const char *s)
{
    return json_parse(d, s, strlen(s));
}

static void test_values(json_doc *d)
{
    CHECK_INT(parse(d, " {\"id\": \"a\", \"n\": -12.5e1, \"t\": true, \"f\": false, \"z\": null,"
                       " \"arr\": [1, [2, 3], {}], \"o\": {\"k\": \"v\"}, \"e\": []} "),
              JSON_OK);
    const json_node *root = json_root(d);
    CHECK(root && root->type == JSON_OBJECT);
    if (!root)
        return;
    CHECK_INT(root->count, 8);
    const json_node *n = json_get(d, root, "n");
    CHECK(n && n->type == JSON_NUMBER);
    if (n) {
        CHECK_STR(n->str, "-12.5e1");
        CHECK(n->num == -125.0);
    }
    CHECK_STR(json_get(d, root, "id")->str, "a");
    CHECK_INT(json_get(d, root, "t")->type, JSON_TRUE);
    CHECK_INT(json_get(d, root, "f")->type, JSON_FALSE);
    CHECK_INT(json_get(d, root, "z")->type, JSON_NULL);
    CHECK(json_get(d, root, "missing") == NULL);
    CHECK(json_get(d, json_get(d, root, "id"), "x") == NULL);
    const json_node *arr = json_get(d, root, "arr");
    CHECK(arr && arr->type == JSON_ARRAY && arr->count == 3);
    /* navigation skips nested subtrees */
    const json_node *c = json_first(d, arr);
    CHECK(c && c->type == JSON_NUMBER && c->num == 1);
    c = json_next(d, arr, c);
    CHECK(c && c->type == JSON_ARRAY && c->count == 2);
    c = json_next(d, arr, c);
    CHECK(c && c->type == JSON_OBJECT && c->count == 0);
    CHECK(json_next(d, arr, c) == NULL);
    const json_node *o = json_get(d, root, "o");
    CHECK(o && json_get(d, o, "k") && strcmp(json_get(d, o, "k")->str, "v") == 0);
    const json_node *e = json_get(d, root, "e");
    CHECK(e && e->type == JSON_ARRAY && e->count == 0 && json_first(d, e) == NULL);
    /* keys are order-preserving and the last member is reachable */
    const json_node *last = NULL;
    for (const json_node *m = json_first(d, root); m; m = json_next(d, root, m))
        last = m;
    CHECK(last && strcmp(last->key, "e") == 0);

    CHECK_INT(parse(d, "42"), JSON_OK);
    CHECK(json_root(d) && json_root(d)->type == JSON_NUMBER && json_root(d)->num == 42);
    CHECK_INT(parse(d, "\"x\""), JSON_OK);
    CHECK_STR(json_root(d)->str, "x");
    CHECK_STR(json_type_name(JSON_OBJECT), "object");
}

static void test_strings(json_doc *d)
{
    CHECK_INT(parse(d, "[\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"]"), JSON_OK);
    CHECK_STR(json_first(d, json_root(d))->str, "a\"b\\c/d\b\f\n\r\t");
    /* \u escapes: BMP, surrogate pair, lone surrogates -> U+FFFD */
    CHECK_INT(parse(d, "[\"\\u00e9\\u20AC\", \"\\ud83d\\ude00\", \"\\ud83d!\", \"\\ude00\"]"), JSON_OK);
    const json_node *r = json_root(d), *c = json_first(d, r);
    CHECK_STR(c->str, "\xc3\xa9\xe2\x82\xac");
    c = json_next(d, r, c);
    CHECK_STR(c->str, "\xf0\x9f\x98\x80");
    c = json_next(d, r, c);
    CHECK_STR(c->str, "\xef\xbf\xbd!");
    c = json_next(d, r, c);
    CHECK_STR(c->str, "\xef\xbf\xbd");
    /* \u0000 keeps its length */
    CHECK_INT(parse(d, "\"a\\u0000b\""), JSON_OK);
    CHECK_INT(json_root(d)->len, 3);
    CHECK(memcmp(json_root(d)->str, "a\0b", 3) == 0);
    /* raw UTF-8 kept; an invalid byte is read as Latin-1 */
    CHECK_INT(parse(d, "\"caf\xc3\xa9 na\xefve\""), JSON_OK);
    CHECK_STR(json_root(d)->str, "caf\xc3\xa9 na\xc3\xafve");
    /* keys are decoded too */
    CHECK_INT(parse(d, "{\"k\\u00e9y\": 1}"), JSON_OK);
    CHECK(json_get(d, json_root(d), "k\xc3\xa9y") != NULL);
    /* every byte between two letters, at every place inside a 20-letter string (strings
     * are read eight bytes at a time while all are plain; the letters g-m start no escape
     * after a backslash): printable ASCII and DEL are themselves, a control character, a
     * lone backslash or an inner quote is an error, and a byte 0x80-0xFF that starts no
     * UTF-8 sequence is read as Latin-1 (two bytes of UTF-8) */
    int bytes_ok = 1;
    for (size_t at = 1; at < 19 && bytes_ok; at++) {
        for (unsigned b = 0; b < 256; b++) {
            char in[24], want[24];
            size_t n = 0, wlen = 0;
            in[n++] = '"';
            for (size_t k = 0; k < 20; k++) {
                char letter = (char)('g' + k % 7);
                if (k != at) {
                    in[n++] = letter;
                    want[wlen++] = letter;
                    continue;
                }
                in[n++] = (char)b;
                if (b < 0x80) {
                    want[wlen++] = (char)b;
                } else {
                    want[wlen++] = (char)(0xC0 | (b >> 6));
                    want[wlen++] = (char)(0x80 | (b & 0x3F));
                }
            }
            in[n++] = '"';
            int fails = b < 0x20 || b == '"' || b == '\\';
            int rc = json_parse(d, in, n);
            const json_node *root_node = json_root(d);
            int ok = fails ? rc != JSON_OK
                           : rc == JSON_OK && root_node && root_node->type == JSON_STRING &&
                                 root_node->len == wlen &&
                                 memcmp(root_node->str, want, wlen) == 0;
            if (!ok) {
                fprintf(stderr, "json: string with byte 0x%02X at %zu mis-read\n", b, at);
                bytes_ok = 0;
            }
        }
    }
    CHECK(bytes_ok);
}

static void expect_error(json_doc *d, const char *s, size_t off)
{
    int rc = parse(d, s);
    CHECK_INT(rc, JSON_ESYNTAX);
    if (rc == JSON_ESYNTAX) {
        CHECK_INT(d->err_off, off);
        CHECK(d->err_msg != NULL && d->err_msg[0] != 0);
        CHECK(json_root(d) == NULL);
    }
}

static void test_errors(json_doc *d)
{
    expect_error(d, "", 0);
    expect_error(d, "{\"a\": 1,}", 8);         /* trailing comma: member name expected */
    expect_error(d, "[1, 2,]", 6);
    expect_error(d, "{\"a\" 1}", 5);           /* ':' expected */
    expect_error(d, "{\"a\": 01}", 6);         /* leading zero */
    expect_error(d, "[1.]", 3);
    expect_error(d, "[1e]", 3);
    expect_error(d, "[-]", 1);
    expect_error(d, "{'a': 1}", 1);            /* single quotes */
    expect_error(d, "[tru]", 1);
    expect_error(d, "\"abc", 0);               /* unterminated string */
    expect_error(d, "\"a\tb\"", 2);            /* raw control character */
    expect_error(d, "\"\\x\"", 1);             /* bad escape */
    expect_error(d, "\"\\u12G4\"", 1);
    expect_error(d, "{} x", 3);                /* trailing characters */
    expect_error(d, "[1 2]", 3);
    expect_error(d, "{\"a\": [1, 2}", 11);
    expect_error(d, "[[[", 3);
}

static void test_deep(json_doc *d)
{
    /* no recursion: very deep nesting parses */
    size_t depth = 100000;
    char *s = malloc(depth * 2 + 1);
    CHECK(s != NULL);
    if (!s)
        return;
    memset(s, '[', depth);
    memset(s + depth, ']', depth);
    CHECK_INT(json_parse(d, s, depth * 2), JSON_OK);
    CHECK_INT(json_root(d)->next, depth);
    free(s);
}

/* max_depth: the outermost container is depth 1; one deeper is JSON_EDEPTH at its bracket */
static void test_depth_limit(json_doc *d)
{
    d->max_depth = 3;
    CHECK_INT(parse(d, "{\"a\": [1, {\"b\": 2}]}"), JSON_OK);
    CHECK_INT(json_parse(d, "[[[]]]", 6), JSON_OK);
    CHECK_INT(json_parse(d, "[[[[]]]]", 8), JSON_EDEPTH); /* an empty container counts too */
    CHECK_INT(d->err_off, 3);
    CHECK(d->err_msg != NULL);
    CHECK(json_root(d) == NULL);
    CHECK_INT(parse(d, "{\"a\": [1, {\"b\": [2]}]}"), JSON_EDEPTH);
    CHECK_INT(d->err_off, 16);
    /* siblings do not add up: many containers at depth 3 are fine */
    CHECK_INT(json_parse(d, "[[[1],[2],[3]],[[4]]]", 21), JSON_OK);
    /* the limit stays for the next parse; a scalar is depth 0 */
    CHECK_INT(json_parse(d, "7", 1), JSON_OK);
    d->max_depth = 0; /* no limit again */
    CHECK_INT(json_parse(d, "[[[[]]]]", 8), JSON_OK);
}

int main(void)
{
    json_doc d;
    json_init(&d);
    test_values(&d);
    test_strings(&d);
    test_errors(&d);
    test_deep(&d);
    test_depth_limit(&d);
    json_free(&d);
    json_free(&d); /* a freed document is zeroed: freeing again is harmless */
    return check_summary();
}
