/*
 * json.c - libFuzzer harness: the JSON parser (json_parse), then a walk of the whole
 * document through json_first / json_next / json_get, checking that the walk agrees with
 * the node counts.  One document is reused across inputs, as the JSONL reader does.
 */
#include "fuzz_common.h"
#include "util/json.h"

static json_doc fuzz_doc; /* reused, like the reader's; freed at exit */

static void fuzz_doc_free(void) { json_free(&fuzz_doc); }

/* Visit a node's subtree; returns the number of nodes visited. */
static size_t fuzz_walk(const json_doc *d, const json_node *n, int depth)
{
    size_t seen = 1;
    if (n->type == JSON_STRING || n->type == JSON_NUMBER)
        fuzz_sink += n->len + (size_t)(unsigned char)n->str[n->len]; /* the NUL */
    if (depth > 100000)
        abort();
    size_t children = 0;
    for (const json_node *c = json_first(d, n); c; c = json_next(d, n, c)) {
        seen += fuzz_walk(d, c, depth + 1);
        /* a member's key finds a member (the first of that name) unless it holds a NUL */
        if (n->type == JSON_OBJECT && (!c->key || (strlen(c->key) == c->key_len &&
                                                   !json_get(d, n, c->key))))
            abort();
        children++;
    }
    if ((n->type == JSON_ARRAY || n->type == JSON_OBJECT) && children != n->count)
        abort(); /* the walk must see every element */
    return seen;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int registered;
    if (!registered) {
        atexit(fuzz_doc_free);
        registered = 1;
    }
    if (json_parse(&fuzz_doc, (const char *)data, size) == JSON_OK) {
        const json_node *root = json_root(&fuzz_doc);
        if (!root || fuzz_walk(&fuzz_doc, root, 0) != fuzz_doc.nodes.n)
            abort(); /* every node belongs to the root's tree */
        fuzz_touch(json_type_name(root->type));
    } else if (fuzz_doc.err_msg) {
        fuzz_touch(fuzz_doc.err_msg);
    }
    return 0;
}
