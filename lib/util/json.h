/*
 * json.h - a small strict JSON parser for one value at a time (typically one JSON Lines
 * object).  The document is a flat array of nodes in document order; the buffers are
 * reused from one parse to the next, so parsing many lines allocates nothing once warm.
 *
 * Strictness: RFC 8259 grammar (no comments, no trailing commas, no single quotes, no
 * leading zeros, no raw control characters in strings, nothing but white space after the
 * value).  Two deliberate tolerances, both about string content only:
 *  - bytes that are not valid UTF-8 are decoded as Latin-1 (each byte -> U+00xx);
 *  - an unpaired surrogate escape (\uD800 alone) decodes to U+FFFD.
 * Duplicate keys are kept; json_get returns the first.
 * Nesting is not limited by the parser's design (it is iterative); a caller may set
 * max_depth to refuse deeper documents as a matter of policy (JSON_EDEPTH).
 */
#ifndef DY_JSON_H
#define DY_JSON_H

#include <stddef.h>

#include "util/util.h"

typedef enum json_type {
    JSON_NULL = 0, JSON_FALSE, JSON_TRUE, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT
} json_type;

/* One value.  Pointers stay valid until the next json_parse or json_free on its document. */
typedef struct json_node {
    json_type type;
    size_t next;        /* index of the first node after this node's subtree */
    size_t count;       /* JSON_ARRAY / JSON_OBJECT: number of elements / members */
    const char *key;    /* member name when the parent is an object (decoded, NUL-terminated), else NULL */
    size_t key_len;
    const char *str;    /* JSON_STRING: decoded UTF-8, NUL-terminated (may hold \u0000);
                           JSON_NUMBER: the number's text as written, NUL-terminated */
    size_t len;
    double num;         /* JSON_NUMBER: its value (strtod, C locale expected) */
    size_t key_off, str_off; /* private: offsets into the string store while parsing */
} json_node;

typedef struct json_doc {
    VEC(json_node) nodes; /* nodes.v[0] is the root after a successful parse */
    dy_buf strs;          /* decoded strings, NUL-separated */
    VEC(size_t) stack;    /* open containers while parsing */
    size_t err_off;       /* after JSON_ESYNTAX: byte offset of the error in the input */
    const char *err_msg;  /* after JSON_ESYNTAX / JSON_EDEPTH: static English reason */
    size_t max_depth;     /* deepest allowed nesting of arrays and objects (the outermost
                             container is depth 1); 0 = no limit.  Set by the caller after
                             json_init; json_parse keeps it, json_free zeroes it. */
} json_doc;

enum { JSON_OK = 0, JSON_ESYNTAX = -1, JSON_ENOMEM = -2, JSON_EDEPTH = -3 };

/* Zero a document (no allocation; max_depth 0, no limit). */
void json_init(json_doc *d);
/* Release a document's memory; accepts a zeroed document. */
void json_free(json_doc *d);

/*
 * Parse exactly one JSON value from s[0..n) (white space around it allowed).
 * Returns JSON_OK, JSON_ESYNTAX (d->err_off and d->err_msg say where and why),
 * JSON_EDEPTH (an array or object opens deeper than d->max_depth: d->err_off is the byte
 * of its bracket) or JSON_ENOMEM.  The previous contents of d are discarded.
 */
int json_parse(json_doc *d, const char *s, size_t n);

/* The root value after a successful parse, or NULL. */
const json_node *json_root(const json_doc *d);

/* The first member of object `obj` named `key` (NUL-terminated), or NULL if absent or
 * if obj is not an object. */
const json_node *json_get(const json_doc *d, const json_node *obj, const char *key);

/* First child of an array/object, or NULL when empty or not a container. */
const json_node *json_first(const json_doc *d, const json_node *container);

/* The sibling after `child` within `container`, or NULL after the last. */
const json_node *json_next(const json_doc *d, const json_node *container,
                           const json_node *child);

/* "null", "false", "true", "number", "string", "array", "object". */
const char *json_type_name(json_type t);

#endif /* DY_JSON_H */
