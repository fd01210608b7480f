/*
 * actors_int.h - the internal representation of an actor dictionary (struct actd: the word
 * trie's nodes, its open-addressing edge table, the entries), shared by actors.c and the
 * dictionary image (image.c), which serialises and restores it.  Not a public interface.
 */
#ifndef DY_ACTORS_INT_H
#define DY_ACTORS_INT_H

#include "dict/actors.h"

/* Edge flags. */
enum {
    EDGE_EXACT = 1, /* the word must equal the text word (else it is a stem: a prefix) */
    EDGE_GAP = 2,   /* other tokens may come between the previous word and this one */
    EDGE_NOEND = 4  /* exact, and no regular ending (-S) is accepted ('=' suffix) */
};

/* Trie roots. */
enum { ROOT_ACTORS = 0, ROOT_AGENTS = 1, ROOT_NOUNS = 2, ROOT_ADJECTIVES = 3, ROOT_COUNT = 4 };

#define TERM_NONE (-1)   /* node ends no phrase */
#define TERM_MEMBER (-2) /* node ends a <NOUN>/<ADJECTIVE> phrase (no entry) */
#define DEFAULT_MAX_GAP 4
#define DEFAULT_MIN_STEM 4

typedef struct trie_node {
    int32_t term;    /* entry index, TERM_NONE or TERM_MEMBER */
    uint32_t chars;  /* total bytes of the phrase words on the path (tie-break) */
    uint32_t nwords; /* depth */
} trie_node;

typedef struct trie_edge {
    uint64_t hash;
    const char *word; /* in the arena */
    uint32_t len;
    uint32_t parent;
    uint32_t child; /* 0: empty slot (a root is never a child) */
    uint32_t flags;
} trie_edge;

struct actd {
    dy_arena arena;
    dy_intern strings; /* codes and file names */
    VEC(actd_entry *) entries;
    VEC(trie_node) nodes;
    trie_edge *edges;
    size_t edge_slots, edge_count;
    size_t entry_count[2];  /* actors, agents */
    size_t phrase_count[ROOT_COUNT];
    size_t max_gap;
    size_t min_stem;
    int finished;
    /* Derived index, rebuilt by actd_finish from nodes and edges (not serialised): for
     * node i, node_sum[i] bits 0-7 hold a bit 1 << f for every edge flags value f found on
     * an edge leaving the node, bits 8-15 the shortest and bits 16-23 the longest word of
     * a stem edge (no EDGE_EXACT) leaving it, clamped to 255 (longest 255: 255 or more;
     * shortest 255 and longest 0: no stem edge).  The matcher skips the probes this rules
     * out.  NULL before actd_finish: every probe is made. */
    uint32_t *node_sum;
    /* Derived index, rebuilt by actd_finish (not serialised): a one-hash Bloom filter
     * (bit (key >> 32) & (edge_bloom_bits - 1), about 16 bits per key) of the edge keys,
     * so that most probes for absent edges stop before the edge table, and of one more
     * key per stem edge of 4 bytes or more: its parent, flags and first 4 bytes (see
     * stem_prefix_key in actors.c), so that a word whose first 4 bytes start no stem
     * edge of a node is not probed for the longer stems.  NULL before actd_finish. */
    uint64_t *edge_bloom;
    size_t edge_bloom_bits;
    /* Derived index, rebuilt by actd_finish (not serialised): a one-hash Bloom filter of
     * the first words that can start a phrase at each root, keyed by (root, the word's
     * first min(length, 4) bytes as a number) for exact and long stem edges (an exact word
     * shorter than 4 bytes also under its plural +S), and by (root, the whole stem as a
     * number, short tag) for stems shorter than 4 bytes.  match_root tests a token against
     * it with one multiplication before any trie probe.  NULL before actd_finish. */
    uint64_t *root_bloom;
    size_t root_bloom_bits;
    uint8_t root_short_lo[ROOT_COUNT]; /* shortest stem edge below 4 bytes at a root, else 4 */
};

#endif
