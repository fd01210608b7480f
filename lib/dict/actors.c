/*
 * actors.c - reads TABARI and PETRARCH actor and agent dictionaries (synonyms, code
 * blocks with date restrictions, <NOUN>/<ADJECTIVE> lists, agent plurals and
 * substitution markers) into a word trie, and matches the longest phrase at a token.
 *
 * The trie: every node is a sequence of phrase words; an edge is keyed by
 * (parent node, word, flags) in one open-addressing hash table.  A stem edge is found by
 * hashing each prefix of the text word (the hash is incremental, so each prefix costs
 * one probe), an exact edge by hashing the whole word.  Matching never allocates.
 * Semantics are described in docs/ACTORS.md.
 */
#include "dict/actors_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ hashing */

#define FNV_OFFSET 14695981039346656037ULL
#define FNV_PRIME 1099511628211ULL

static inline uint64_t fnv_step(uint64_t h, unsigned char c) { return (h ^ c) * FNV_PRIME; }

static uint64_t fnv_bytes(const char *s, size_t n)
{
    uint64_t h = FNV_OFFSET;
    for (size_t i = 0; i < n; i++)
        h = fnv_step(h, (unsigned char)s[i]);
    return h;
}

/* Combine a word hash with its parent node and flags into the edge key hash. */
static inline uint64_t edge_key(uint64_t word_hash, uint32_t parent, uint32_t flags)
{
    uint64_t x = word_hash ^ ((((uint64_t)parent << 3) | flags) * 0x9E3779B97F4A7C15ULL);
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 29;
    return x;
}

/* Stem edges of at least STEM_PREFIX bytes are also filed in the Bloom filter under
 * stem_prefix_key(hash of their first STEM_PREFIX bytes, parent, flags). */
#define STEM_PREFIX 4

static inline uint64_t stem_prefix_key(uint64_t prefix_hash, uint32_t parent, uint32_t flags)
{
    return edge_key(prefix_hash ^ 0x5BD1E9955BD1E995ULL, parent, flags);
}

/* Might key be in the Bloom filter?  1 also when there is no filter. */
static inline int bloom_may_have(const actd *a, uint64_t key)
{
    if (!a->edge_bloom)
        return 1;
    size_t bit = (size_t)(key >> 32) & (a->edge_bloom_bits - 1);
    return (a->edge_bloom[bit >> 6] >> (bit & 63)) & 1;
}

static inline const trie_edge *edge_find(const actd *a, uint64_t key, uint32_t parent,
                                         uint32_t flags, const char *w, size_t len)
{
    if (!a->edge_slots)
        return NULL;
    if (!bloom_may_have(a, key))
        return NULL;
    size_t mask = a->edge_slots - 1;
    for (size_t i = (size_t)key & mask;; i = (i + 1) & mask) {
        const trie_edge *e = &a->edges[i];
        if (!e->child)
            return NULL;
        if (e->hash == key && e->parent == parent && e->flags == flags && e->len == len &&
            memcmp(e->word, w, len) == 0)
            return e;
    }
}

static int edges_grow(actd *a)
{
    size_t nslots = a->edge_slots ? a->edge_slots * 2 : 4096;
    if (nslots > SIZE_MAX / sizeof(trie_edge))
        return -1;
    trie_edge *ne = calloc(nslots, sizeof *ne);
    if (!ne)
        return -1;
    for (size_t i = 0; i < a->edge_slots; i++) {
        trie_edge *e = &a->edges[i];
        if (!e->child)
            continue;
        size_t j = (size_t)e->hash & (nslots - 1);
        while (ne[j].child)
            j = (j + 1) & (nslots - 1);
        ne[j] = *e;
    }
    free(a->edges);
    a->edges = ne;
    a->edge_slots = nslots;
    return 0;
}

/* The child of `parent` along (word, flags), created if absent.  Returns the node id, or
 * 0 on ENOMEM. */
static uint32_t trie_child(actd *a, uint32_t parent, const char *w, size_t len, uint32_t flags)
{
    uint64_t key = edge_key(fnv_bytes(w, len), parent, flags);
    const trie_edge *found = edge_find(a, key, parent, flags, w, len);
    if (found)
        return found->child;
    if ((a->edge_count + 1) * 2 > a->edge_slots && edges_grow(a))
        return 0;
    if (a->nodes.n >= UINT32_MAX - 1 || len > UINT32_MAX)
        return 0;
    char *copy = arena_strndup(&a->arena, w, len);
    if (!copy)
        return 0;
    trie_node nd = {TERM_NONE, a->nodes.v[parent].chars + (uint32_t)len,
                    a->nodes.v[parent].nwords + 1};
    if (VEC_PUSH(&a->nodes, nd))
        return 0;
    uint32_t id = (uint32_t)(a->nodes.n - 1);
    size_t mask = a->edge_slots - 1, i = (size_t)key & mask;
    while (a->edges[i].child)
        i = (i + 1) & mask;
    a->edges[i] = (trie_edge){key, copy, (uint32_t)len, parent, id, flags};
    a->edge_count++;
    return id;
}

/* ------------------------------------------------------------------ object */

actd *actd_new(void)
{
    actd *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    arena_init(&a->arena, 1 << 18);
    intern_init(&a->strings);
    a->max_gap = DEFAULT_MAX_GAP;
    a->min_stem = DEFAULT_MIN_STEM;
    for (int r = 0; r < ROOT_COUNT; r++) {
        trie_node root = {TERM_NONE, 0, 0};
        if (VEC_PUSH(&a->nodes, root)) {
            actd_free(a);
            return NULL;
        }
    }
    return a;
}

void actd_free(actd *a)
{
    if (!a)
        return;
    arena_free(&a->arena);
    intern_free(&a->strings);
    VEC_FREE(&a->entries);
    VEC_FREE(&a->nodes);
    free(a->edges);
    free(a->node_sum);
    free(a->edge_bloom);
    free(a->root_bloom);
    free(a);
}

/* Build a->node_sum (see actors_int.h) from the nodes and edges.  0, or -1 on ENOMEM. */
static int build_node_summary(actd *a)
{
    free(a->node_sum);
    a->node_sum = NULL;
    size_t nn = a->nodes.n;
    uint32_t *sum = calloc(nn ? nn : 1, sizeof *sum);
    if (!sum)
        return -1;
    for (size_t i = 0; i < nn; i++)
        sum[i] = 255u << 8; /* no edge kind, no stem edge */
    for (size_t i = 0; i < a->edge_slots; i++) {
        const trie_edge *e = &a->edges[i];
        if (!e->child || e->parent >= nn)
            continue;
        uint32_t *s = &sum[e->parent];
        *s |= e->flags < 8 ? 1u << e->flags : 0xffu;
        if (!(e->flags & EDGE_EXACT)) {
            uint32_t len = e->len < 255 ? e->len : 255;
            uint32_t lo = (*s >> 8) & 0xff, hi = (*s >> 16) & 0xff;
            if (len < lo)
                lo = len;
            if (len > hi)
                hi = len;
            *s = (*s & 0xffu) | lo << 8 | hi << 16;
        }
    }
    a->node_sum = sum;
    return 0;
}

/* Build a->edge_bloom (see actors_int.h) from the edges.  0, or -1 on ENOMEM. */
static int build_edge_bloom(actd *a)
{
    free(a->edge_bloom);
    a->edge_bloom = NULL;
    a->edge_bloom_bits = 0;
    size_t bits = 64;
    while (bits / 32 < a->edge_count && bits < ((size_t)1 << 40))
        bits *= 2;
    uint64_t *bloom = calloc(bits / 64, sizeof *bloom);
    if (!bloom)
        return -1;
    for (size_t i = 0; i < a->edge_slots; i++) {
        const trie_edge *e = &a->edges[i];
        if (!e->child)
            continue;
        size_t bit = (size_t)(e->hash >> 32) & (bits - 1);
        bloom[bit >> 6] |= 1ull << (bit & 63);
        if (!(e->flags & EDGE_EXACT) && e->len >= STEM_PREFIX) {
            uint64_t pk = stem_prefix_key(fnv_bytes(e->word, STEM_PREFIX), e->parent, e->flags);
            bit = (size_t)(pk >> 32) & (bits - 1);
            bloom[bit >> 6] |= 1ull << (bit & 63);
        }
    }
    a->edge_bloom = bloom;
    a->edge_bloom_bits = bits;
    return 0;
}

/* The first n bytes (n <= STEM_PREFIX) of a word as a number, w[0] in the low byte: what
 * the root filter is keyed by instead of a hash (a word has no NUL byte, so the number
 * also tells the length). */
static inline uint32_t root_prefix(const char *w, size_t n)
{
    uint32_t v = 0;
    for (size_t i = 0; i < n; i++)
        v |= (uint32_t)(unsigned char)w[i] << (8 * i);
    return v;
}

/* Keys of the root filter (see root_bloom in actors_int.h): the prefix number mixed with
 * the root and the kind of key by one multiplication (the filter takes bits 32 and up). */
static inline uint64_t root_mix(uint32_t prefix, uint32_t root, uint32_t is_short)
{
    return (prefix ^ ((uint64_t)(root * 2 + is_short + 1) * 0xD6E8FEB86659FD93ULL)) *
           0x9E3779B97F4A7C15ULL;
}

static inline uint64_t root_word_key(uint32_t prefix, uint32_t root)
{
    return root_mix(prefix, root, 0);
}

static inline uint64_t root_short_key(uint32_t stem, uint32_t root)
{
    return root_mix(stem, root, 1);
}

static inline void bloom_set(uint64_t *bloom, size_t bits, uint64_t key)
{
    size_t bit = (size_t)(key >> 32) & (bits - 1);
    bloom[bit >> 6] |= 1ull << (bit & 63);
}

static inline int bloom_test(const uint64_t *bloom, size_t bits, uint64_t key)
{
    size_t bit = (size_t)(key >> 32) & (bits - 1);
    return (bloom[bit >> 6] >> (bit & 63)) & 1;
}

/* Build a->root_bloom and a->root_short_lo from the edges leaving the roots.  0, or -1 on
 * ENOMEM. */
static int build_root_bloom(actd *a)
{
    free(a->root_bloom);
    a->root_bloom = NULL;
    a->root_bloom_bits = 0;
    size_t nroot = 0;
    for (size_t i = 0; i < a->edge_slots; i++)
        if (a->edges[i].child && a->edges[i].parent < ROOT_COUNT)
            nroot++;
    size_t bits = 64;
    while (bits / 32 < nroot && bits < ((size_t)1 << 40))
        bits *= 2;
    uint64_t *bloom = calloc(bits / 64, sizeof *bloom);
    if (!bloom)
        return -1;
    for (int r = 0; r < ROOT_COUNT; r++)
        a->root_short_lo[r] = STEM_PREFIX;
    for (size_t i = 0; i < a->edge_slots; i++) {
        const trie_edge *e = &a->edges[i];
        if (!e->child || e->parent >= ROOT_COUNT)
            continue;
        uint32_t root = e->parent;
        if (e->flags & EDGE_EXACT) {
            size_t n = e->len < STEM_PREFIX ? e->len : STEM_PREFIX;
            uint32_t v = root_prefix(e->word, n);
            bloom_set(bloom, bits, root_word_key(v, root));
            if (e->len < STEM_PREFIX) /* the plural word+S starts with word+S */
                bloom_set(bloom, bits, root_word_key(v | (uint32_t)'S' << (8 * n), root));
        } else if (e->len >= STEM_PREFIX) {
            bloom_set(bloom, bits, root_word_key(root_prefix(e->word, STEM_PREFIX), root));
        } else {
            bloom_set(bloom, bits, root_short_key(root_prefix(e->word, e->len), root));
            if (e->len < a->root_short_lo[root])
                a->root_short_lo[root] = (uint8_t)e->len;
        }
    }
    a->root_bloom = bloom;
    a->root_bloom_bits = bits;
    return 0;
}

int actd_finish(actd *a)
{
    if (!a)
        return -1;
    if (build_node_summary(a) || build_edge_bloom(a) || build_root_bloom(a))
        return -1;
    a->finished = 1;
    return 0;
}

void actd_set_max_gap(actd *a, size_t max_gap)
{
    if (a)
        a->max_gap = max_gap;
}

void actd_set_min_stem(actd *a, size_t min_stem)
{
    if (a)
        a->min_stem = min_stem;
}

size_t actd_count(const actd *a, int agents) { return a ? a->entry_count[agents ? 1 : 0] : 0; }

size_t actd_phrase_count(const actd *a, int agents)
{
    return a ? a->phrase_count[agents ? ROOT_AGENTS : ROOT_ACTORS] : 0;
}

size_t actd_entry_total(const actd *a) { return a ? a->entries.n : 0; }

const actd_entry *actd_entry_at(const actd *a, size_t idx)
{
    return (a && idx < a->entries.n) ? a->entries.v[idx] : NULL;
}

int actd_entry_is_person(const actd_entry *e)
{
    for (size_t k = 0; e && k < e->ncodes; k++)
        if (e->codes[k].from || e->codes[k].to)
            return 1;
    return 0;
}

int actd_entry_is_named_person(const actd_entry *e)
{
    if (!actd_entry_is_person(e) || !e->name)
        return 0;
    const char *u = strchr(e->name, '_');
    return u && u[1] != 0; /* a word after the first one */
}

const char *actd_code_on(const actd_entry *e, int32_t date)
{
    if (!e)
        return NULL;
    const actd_code *fallback = NULL, *latest = NULL;
    for (size_t i = 0; i < e->ncodes; i++) {
        const actd_code *c = &e->codes[i];
        if (c->from == 0 && c->to == 0) {
            if (!fallback)
                fallback = c;
            continue;
        }
        if (date > 0) {
            if ((c->from == 0 || c->from <= date) && (c->to == 0 || date <= c->to))
                return c->code;
        } else if (!latest || c->from > latest->from || (c->from == latest->from && c->to == 0)) {
            latest = c;
        }
    }
    if (fallback)
        return fallback->code;
    return latest ? latest->code : NULL;
}

/* ------------------------------------------------------------------ matching */

typedef struct match_ctx {
    const actd *a;
    const text_tok *toks;
    size_t n;
    int32_t best_term;
    uint32_t best_words, best_chars;
    size_t best_skipped, best_end;
    int found;
} match_ctx;

static int is_conjunction(const text_tok *t)
{
    const char *s = t->up;
    return t->uplen <= 3 && s && (strcmp(s, "AND") == 0 || strcmp(s, "OR") == 0 ||
                                  strcmp(s, "BUT") == 0 || strcmp(s, "NOR") == 0);
}

/* May a gap between phrase words pass over this token? */
static int skippable(const text_tok *t)
{
    if (t->flags & (TOK_COMMA | TOK_END))
        return 0;
    if (!(t->flags & (TOK_WORD | TOK_QUOTE)))
        return 0;
    return !is_conjunction(t);
}

static void consider(match_ctx *c, uint32_t node, size_t k, uint32_t off, size_t skipped)
{
    const trie_node *nd = &c->a->nodes.v[node];
    if (nd->term == TERM_NONE)
        return;
    size_t end = off ? k + 1 : k;
    int better;
    if (!c->found)
        better = 1;
    else if (nd->nwords != c->best_words)
        better = nd->nwords > c->best_words;
    else if (nd->chars != c->best_chars)
        better = nd->chars > c->best_chars;
    else if (skipped != c->best_skipped)
        better = skipped < c->best_skipped;
    else
        better = nd->term >= 0 && (c->best_term < 0 || nd->term < c->best_term);
    if (better) {
        c->found = 1;
        c->best_term = nd->term;
        c->best_words = nd->nwords;
        c->best_chars = nd->chars;
        c->best_skipped = skipped;
        c->best_end = end;
    }
}

static void match_from(match_ctx *c, uint32_t node, size_t k, uint32_t off, size_t skipped,
                       int first);

/* Follow the edge (if any) and continue the search after the word. */
static void follow(match_ctx *c, const trie_edge *e, size_t nk, uint32_t noff, size_t skipped,
                   int may_continue)
{
    if (!e)
        return;
    consider(c, e->child, nk, noff, skipped);
    if (may_continue)
        match_from(c, e->child, nk, noff, skipped, 0);
}

/* The node_sum bits of a node (see actors_int.h); everything allowed without the index. */
static inline uint32_t node_summary(const actd *a, uint32_t node)
{
    return a->node_sum ? a->node_sum[node] : 0xffu | 1u << 8 | 255u << 16;
}

#define KIND(f) (1u << (f))

/* The edge kinds a word with gap flags g may take: stem, exact and exact without ending. */
#define WORD_KINDS(g) (KIND(g) | KIND((g) | EDGE_EXACT) | KIND((g) | EDGE_EXACT | EDGE_NOEND))

/* Try every edge out of `node` against the sub-word at (k, off) (text up to '-' or the
 * end of the token).  `gaps` lists the gap flags allowed at this position, `want` the
 * WORD_KINDS of them all.  Probes are
 * made in a fixed order (exact words, plurals, stems by length), skipping those the
 * node's summary rules out. */
static void try_word(match_ctx *c, uint32_t node, size_t k, uint32_t off, size_t skipped,
                     const uint32_t *gaps, int ngaps, uint32_t want)
{
    const actd *a = c->a;
    uint32_t sum = node_summary(a, node), kinds = sum & 0xffu;
    if (!(kinds & want))
        return;
    const text_tok *t = &c->toks[k];
    if (!t->up || off >= t->uplen)
        return;
    const char *s = t->up + off;
    /* the word up to a hyphen, hashed on the way: hp, hash of the word without its last
     * byte; hw, of the whole word */
    size_t avail = t->uplen - off, len = 0;
    uint64_t hp = FNV_OFFSET, hw = FNV_OFFSET;
    for (; len < avail && s[len] != '-'; len++) {
        hp = hw;
        hw = fnv_step(hw, (unsigned char)s[len]);
    }
    if (len == 0)
        return;
    size_t nk;
    uint32_t noff;
    if (len < avail) { /* stopped at a hyphen: the next word is inside the same token */
        nk = k;
        noff = off + (uint32_t)len + 1;
        if (noff >= t->uplen) { /* trailing hyphen */
            nk = k + 1;
            noff = 0;
        }
    } else {
        nk = k + 1;
        noff = 0;
    }
    /* a possessive ('S, marked TOK_POSS by the coder) is a regular ending: an exact word
     * carrying it can only end a phrase (TABARI manual 5.2.3) -- unless the phrase goes
     * on with the possessive written in it ("LORD'S_RESISTANCE_ARMY", stored as LORD 'S
     * RESISTANCE ARMY) */
    int poss = (t->flags & TOK_POSS) && len == avail;
    int cont = !poss;
    for (int g = 0; g < ngaps; g++) {
        uint32_t fl = gaps[g] | EDGE_EXACT;
        for (int pass = 0; pass < 2; pass++, fl |= EDGE_NOEND) {
            if (!(kinds & KIND(fl)))
                continue;
            const trie_edge *e = edge_find(a, edge_key(hw, node, fl), node, fl, s, len);
            follow(c, e, nk, noff, skipped, cont);
            if (poss && e)
                follow(c, edge_find(a, edge_key(fnv_bytes("'S", 2), e->child, EDGE_EXACT),
                                    e->child, EDGE_EXACT, "'S", 2),
                       nk, noff, skipped, 1);
        }
    }
    /* regular plural: an exact final word also matches word+S */
    if (len >= 2 && s[len - 1] == 'S') {
        for (int g = 0; g < ngaps; g++) {
            uint32_t fl = gaps[g] | EDGE_EXACT;
            if (kinds & KIND(fl))
                follow(c, edge_find(a, edge_key(hp, node, fl), node, fl, s, len - 1), nk, noff,
                       skipped, 0);
        }
    }
    /* stems: every prefix of the word, within the node's stem lengths */
    uint32_t stem_kinds = 0;
    for (int g = 0; g < ngaps; g++)
        stem_kinds |= KIND(gaps[g]);
    if (!(kinds & stem_kinds))
        return;
    size_t lo = (sum >> 8) & 0xffu, hi = (sum >> 16) & 0xffu;
    if (hi == 255 || hi > len)
        hi = len;
    uint64_t h = FNV_OFFSET;
    uint32_t long_ok = (1u << ngaps) - 1; /* per gap: stems of STEM_PREFIX+ bytes possible */
    for (size_t l = 1; l <= hi; l++) {
        h = fnv_step(h, (unsigned char)s[l - 1]);
        if (l == STEM_PREFIX) {
            for (int g = 0; g < ngaps; g++)
                if (!bloom_may_have(a, stem_prefix_key(h, node, gaps[g])))
                    long_ok &= ~(1u << g);
            if (!long_ok)
                break;
        }
        if (l < lo)
            continue;
        /* short stems (PLA, MAN, MP) only match the whole word or word+S */
        if (l < a->min_stem && l != len && !(l + 1 == len && s[len - 1] == 'S'))
            continue;
        for (int g = 0; g < ngaps; g++)
            if ((kinds & KIND(gaps[g])) && (l < STEM_PREFIX || ((long_ok >> g) & 1)))
                follow(c, edge_find(a, edge_key(h, node, gaps[g]), node, gaps[g], s, l), nk,
                       noff, skipped, 1);
    }
}

static void match_from(match_ctx *c, uint32_t node, size_t k, uint32_t off, size_t skipped,
                       int first)
{
    if (k >= c->n)
        return;
    static const uint32_t first_gaps[] = {0};
    static const uint32_t near_gaps[] = {0, EDGE_GAP};
    static const uint32_t far_gaps[] = {EDGE_GAP};
    if (first) {
        try_word(c, node, k, off, skipped, first_gaps, 1, WORD_KINDS(0));
        return;
    }
    try_word(c, node, k, off, skipped, near_gaps, 2, WORD_KINDS(0) | WORD_KINDS(EDGE_GAP));
    if (off != 0) /* a gap never starts inside a hyphenated token */
        return;
    uint32_t kinds = node_summary(c->a, node) & 0xffu;
    if (!(kinds & WORD_KINDS(EDGE_GAP)))
        return; /* no gapped edge leaves this node */
    for (size_t s = 1; s <= c->a->max_gap && k + s < c->n; s++) {
        if (!skippable(&c->toks[k + s - 1]))
            break;
        try_word(c, node, k + s, 0, skipped + s, far_gaps, 1, WORD_KINDS(EDGE_GAP));
    }
}

/* The first word of token t (its upper form up to a hyphen): the number of its first
 * min(length, STEM_PREFIX) bytes (root_prefix) in *v; returns that count (0: no word). */
static inline size_t word_prefix(const text_tok *t, uint32_t *v)
{
    const unsigned char *s = (const unsigned char *)t->up;
    if (t->uplen >= STEM_PREFIX) {
        /* four bytes at once; the lowest byte equal to '-' found as the lowest zero byte
         * of x ^ "----" (the borrow can only mark bytes above a zero byte) */
        uint32_t x = (uint32_t)s[0] | (uint32_t)s[1] << 8 | (uint32_t)s[2] << 16 |
                     (uint32_t)s[3] << 24;
        uint32_t y = x ^ 0x2D2D2D2Du;
        uint32_t hy = (y - 0x01010101u) & ~y & 0x80808080u;
        if (!hy) {
            *v = x;
            return STEM_PREFIX;
        }
        hy &= ~hy + 1; /* the lowest: bit 8 * len + 7 */
        *v = x & ((hy >> 7) - 1);
        return (size_t)((hy >> 7) * 0x00010203u >> 24) & 3;
    }
    size_t n = t->uplen, len = 0;
    uint32_t x = 0;
    for (; len < n && s[len] != '-'; len++)
        x |= (uint32_t)s[len] << (8 * len);
    *v = x;
    return len;
}

/* root_may_start's test once the root filter exists, given the token's first word as
 * word_prefix reads it (len bytes, 0: no word, as v). */
static inline int root_filter(const actd *a, uint32_t root, uint32_t v, size_t len)
{
    if (a->node_sum &&
        !(a->node_sum[root] & (KIND(0) | KIND(EDGE_EXACT) | KIND(EDGE_EXACT | EDGE_NOEND))))
        return 0; /* no edge a first word can take leaves this root */
    if (len == 0)
        return 0;
    for (size_t l = a->root_short_lo[root]; l <= len && l < STEM_PREFIX; l++)
        if (l >= 1 && bloom_test(a->root_bloom, a->root_bloom_bits,
                                 root_short_key(v & ((1u << (8 * l)) - 1), root)))
            return 1;
    return bloom_test(a->root_bloom, a->root_bloom_bits, root_word_key(v, root));
}

/* May a phrase of `root` start with token t?  0 only when the root filter rules out every
 * edge leaving the root (an empty word, or no filter: 1 unless the word is empty). */
static int root_may_start(const actd *a, uint32_t root, const text_tok *t)
{
    if (!t->up || t->uplen == 0)
        return 0; /* try_word makes no probe for an empty word */
    if (!a->root_bloom)
        return 1;
    uint32_t v;
    size_t len = word_prefix(t, &v);
    return root_filter(a, root, v, len);
}

static int match_root(const actd *a, uint32_t root, const text_tok *toks, size_t n, size_t i,
                      match_ctx *c)
{
    /* callers read *c only when this returns 1 */
    if (!a || !toks || i >= n || !root_may_start(a, root, &toks[i]))
        return 0;
    memset(c, 0, sizeof *c);
    c->a = a;
    c->toks = toks;
    c->n = n;
    c->best_term = TERM_NONE;
    match_from(c, root, i, 0, 0, 1);
    return c->found;
}

int actd_match_actor_agent(const actd *a, const text_tok *toks, size_t n, size_t i,
                           actd_match *actor, actd_match *agent)
{
    if (!a || !toks || i >= n)
        return 0;
    static const uint32_t roots[2] = {ROOT_ACTORS, ROOT_AGENTS};
    /* root_may_start for both roots, the token's first word read once */
    const text_tok *t = &toks[i];
    if (!t->up || t->uplen == 0)
        return 0;
    int may[2] = {1, 1};
    if (a->root_bloom) {
        uint32_t v;
        size_t len = word_prefix(t, &v);
        if (len == 0)
            return 0;
        may[0] = root_filter(a, ROOT_ACTORS, v, len);
        may[1] = root_filter(a, ROOT_AGENTS, v, len);
    }
    int found = 0;
    for (int k = 0; k < 2; k++) {
        if (!may[k])
            continue;
        match_ctx c;
        memset(&c, 0, sizeof c);
        c.a = a;
        c.toks = toks;
        c.n = n;
        c.best_term = TERM_NONE;
        match_from(&c, roots[k], i, 0, 0, 1);
        if (!c.found || c.best_term < 0)
            continue;
        actd_match *m = k ? agent : actor;
        if (m) {
            m->entry = a->entries.v[c.best_term];
            m->start = i;
            m->end = c.best_end;
        }
        found |= 1 << k;
    }
    return found;
}

int actd_match_at(const actd *a, const text_tok *toks, size_t n, size_t i, int agents,
                  actd_match *m)
{
    match_ctx c;
    if (!match_root(a, agents ? ROOT_AGENTS : ROOT_ACTORS, toks, n, i, &c) || c.best_term < 0)
        return 0;
    if (m) {
        m->entry = a->entries.v[c.best_term];
        m->start = i;
        m->end = c.best_end;
    }
    return 1;
}

static size_t class_match(const actd *a, uint32_t root, const text_tok *toks, size_t n, size_t i)
{
    match_ctx c;
    if (!match_root(a, root, toks, n, i, &c))
        return 0;
    return c.best_end;
}

size_t actd_match_noun_at(const actd *a, const text_tok *toks, size_t n, size_t i)
{
    return class_match(a, ROOT_NOUNS, toks, n, i);
}

size_t actd_match_adjective_at(const actd *a, const text_tok *toks, size_t n, size_t i)
{
    return class_match(a, ROOT_ADJECTIVES, toks, n, i);
}

/* 0 when no edge a first word can take leaves `root` (the test root_may_start makes
 * first), so that no phrase of it can match; 1 otherwise, and without the summary. */
static inline int root_may_take_words(const actd *a, uint32_t root)
{
    return !a->node_sum ||
           (a->node_sum[root] & (KIND(0) | KIND(EDGE_EXACT) | KIND(EDGE_EXACT | EDGE_NOEND)));
}

/* The coder asks both for nearly every word that is nothing else; the built-in
 * dictionaries have no <NOUN> or <ADJECTIVE> phrases, so the empty root is ruled out
 * before the probe's calls. */
int actd_is_noun(const actd *a, const text_tok *t)
{
    return t && a && root_may_take_words(a, ROOT_NOUNS) && class_match(a, ROOT_NOUNS, t, 1, 0) == 1;
}

int actd_is_adjective(const actd *a, const text_tok *t)
{
    return t && a && root_may_take_words(a, ROOT_ADJECTIVES) &&
           class_match(a, ROOT_ADJECTIVES, t, 1, 0) == 1;
}

/* ------------------------------------------------------------------ loading */

/* A phrase waiting for its entry to be complete: text in loader.pend [off, off+len). */
typedef struct pending_phrase {
    size_t off, len;
    long line;
    int auto_plural; /* PLURAL_*: what to do with the final word */
} pending_phrase;

typedef struct subst_marker {
    char *name;   /* without the '!' */
    char **values;
    size_t nvalues;
} subst_marker;

typedef struct loader {
    actd *a;
    const char *file;
    dy_diag_fn diag;
    void *ud;
    int is_agents;
    long line;
    int section;       /* 0, ROOT_NOUNS or ROOT_ADJECTIVES */
    long section_line;
    int in_xml_comment;
    /* the entry being read */
    int open;
    long open_line;
    size_t name_off, name_len; /* in pend */
    dy_buf pend;
    VEC(pending_phrase) phrases;
    VEC(actd_code) codes;
    /* scratch */
    dy_buf words; /* normalised phrase words, NUL-separated */
    dy_buf tmp;
    VEC(subst_marker) markers;
    size_t duplicates;
    long first_duplicate_line;
    size_t clamped_days;  /* dates with a day past the month's end, read as its last day */
    size_t century_fixes; /* YYMMDD range starts moved from 20xx to 19xx */
    int nomem;
} loader;

static void warn(loader *L, const char *fmt, const char *arg)
{
    diag_emit(L->diag, L->ud, DY_WARNING, DY_EPARSE, L->file, L->line, NULL, -1, fmt, arg);
}

static void nomem(loader *L)
{
    if (!L->nomem)
        diag_emit(L->diag, L->ud, DY_ERROR, DY_ENOMEM, L->file, L->line, NULL, -1,
                  "out of memory while reading the dictionary");
    L->nomem = 1;
}

/* Append the upper-case form of one UTF-8 phrase character sequence to b: ASCII and
 * Latin-1 letters are upper-cased, curly quotes become straight ones. */
static int put_upper(dy_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch < 0x80) {
            if (buf_putc(b, (char)ascii_toupper(ch)))
                return -1;
        } else if (ch == 0xC3 && i + 1 < n) {
            unsigned char c2 = (unsigned char)s[i + 1];
            i++;
            if (c2 == 0xBF) { /* y diaeresis -> U+0178 */
                if (buf_append(b, "\xC5\xB8", 2))
                    return -1;
                continue;
            }
            if (c2 >= 0xA0 && c2 <= 0xBE && c2 != 0xB7)
                c2 -= 0x20;
            char pair[2] = {(char)0xC3, (char)c2};
            if (buf_append(b, pair, 2))
                return -1;
        } else if (ch == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                   (unsigned char)s[i + 2] >= 0x98 && (unsigned char)s[i + 2] <= 0x9D) {
            unsigned char c3 = (unsigned char)s[i + 2];
            i += 2;
            if (buf_putc(b, c3 <= 0x9B ? '\'' : '"'))
                return -1;
        } else if (buf_putc(b, (char)ch)) {
            return -1;
        }
    }
    return 0;
}

/* What store_phrase does with a phrase's final word. */
enum {
    PLURAL_NONE = 0,  /* as written */
    PLURAL_AUTO = 1,  /* agents without {...}: also store the regular plural */
    PLURAL_LISTED = 2 /* agents with {...} (PETRARCH): every form is listed, so the final word
                         matches only as written: a whole word, no -S (POLICE {}) */
};

/* Split a phrase into words with their edge flags (see docs/ACTORS.md) and store it.
 * term: entry index or TERM_MEMBER; auto_plural: PLURAL_*.  Returns 0, 1 if the phrase has
 * no words, -1 ENOMEM. */
static int store_phrase(loader *L, uint32_t root, const char *p, size_t n, int32_t term,
                        int auto_plural)
{
    actd *a = L->a;
    dy_buf *w = &L->words;
    buf_clear(w);
    /* word descriptors: offsets into w and flags; at most n words */
    typedef struct { size_t off, len; uint32_t flags; } pword;
    VEC(pword) ws = {0};
    size_t i = 0;
    uint32_t pending_gap = 0;
    int rc = 0;
    while (i < n) {
        /* separators before the word */
        int saw_space = 0;
        while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '_' || p[i] == '-' || p[i] == '~')) {
            if (p[i] == ' ' || p[i] == '\t')
                saw_space = 1;
            i++;
        }
        if (i >= n)
            break;
        if (ws.n && saw_space)
            pending_gap = EDGE_GAP;
        size_t s = i;
        while (i < n && p[i] != ' ' && p[i] != '\t' && p[i] != '_' && p[i] != '-' && p[i] != '~')
            i++;
        size_t e = i;
        uint32_t flags = ws.n ? pending_gap : 0;
        pending_gap = 0;
        if (e > s && p[e - 1] == '=') { /* WORD= : exact, no endings */
            e--;
            flags |= EDGE_EXACT | EDGE_NOEND;
        } else if (i < n && (p[i] == '_' || p[i] == '-')) {
            flags |= EDGE_EXACT;
        }
        if (e == s)
            continue;
        /* a possessive written in the phrase ("LORD'S", "WORKERS'"): the word, then a
         * word 'S of its own, as the coder reads the text (the word marked TOK_POSS) */
        int poss_after = 0;
        if (e - s > 2 && p[e - 2] == '\'' && (p[e - 1] == 'S' || p[e - 1] == 's')) {
            e -= 2;
            poss_after = 1;
        } else if (e - s > 2 && p[e - 1] == '\'' && (p[e - 2] == 'S' || p[e - 2] == 's')) {
            e -= 1;
            poss_after = 1;
        }
        if (poss_after)
            flags |= EDGE_EXACT;
        pword pw = {w->len, 0, flags};
        if (put_upper(w, p + s, e - s) || buf_putc(w, 0)) {
            rc = -1;
            goto done;
        }
        pw.len = w->len - 1 - pw.off;
        if (VEC_PUSH(&ws, pw)) {
            rc = -1;
            goto done;
        }
        if (poss_after) {
            pword ps = {w->len, 2, EDGE_EXACT};
            if (buf_append(w, "'S", 2) || buf_putc(w, 0) || VEC_PUSH(&ws, ps)) {
                rc = -1;
                goto done;
            }
        }
    }
    if (!ws.n) {
        rc = 1;
        goto done;
    }
    if (auto_plural == PLURAL_LISTED)
        ws.v[ws.n - 1].flags |= EDGE_EXACT | EDGE_NOEND;
    for (int form = 0; form < 2; form++) {
        const char *plural_word = NULL;
        size_t plural_len = 0;
        if (form == 1) {
            /* agents: the regular plural of the final word, unless '=' or already covered */
            pword *last = &ws.v[ws.n - 1];
            if (auto_plural != PLURAL_AUTO || (last->flags & EDGE_NOEND))
                break;
            const char *lw = w->s + last->off;
            size_t ll = last->len;
            buf_clear(&L->tmp);
            char prev = ll >= 2 ? lw[ll - 2] : 0;
            int vowel = prev && strchr("AEIOU", prev) != NULL;
            if (ll >= 2 && lw[ll - 1] == 'Y' && !vowel) {
                if (buf_append(&L->tmp, lw, ll - 1) || buf_puts(&L->tmp, "IES"))
                    goto oom;
            } else if (ll >= 1 && (lw[ll - 1] == 'S' || lw[ll - 1] == 'X' || lw[ll - 1] == 'Z' ||
                                   (ll >= 2 && lw[ll - 1] == 'H' &&
                                    (prev == 'S' || prev == 'C')))) {
                if (buf_append(&L->tmp, lw, ll) || buf_puts(&L->tmp, "ES"))
                    goto oom;
            } else {
                break; /* word+S: matched already by the stem or the -S ending */
            }
            plural_word = L->tmp.s;
            plural_len = L->tmp.len;
        }
        uint32_t node = root;
        for (size_t k = 0; k < ws.n; k++) {
            const char *word = w->s + ws.v[k].off;
            size_t len = ws.v[k].len;
            if (k == ws.n - 1 && plural_word) {
                word = plural_word;
                len = plural_len;
            }
            node = trie_child(a, node, word, len, ws.v[k].flags);
            if (!node)
                goto oom;
        }
        trie_node *nd = &a->nodes.v[node];
        if (nd->term != TERM_NONE && form == 0) {
            if (!L->duplicates)
                L->first_duplicate_line = L->line;
            L->duplicates++;
        }
        if (nd->term == TERM_NONE && form == 0)
            a->phrase_count[root]++;
        nd->term = term; /* a later definition replaces an earlier one */
    }
    goto done;
oom:
    rc = -1;
done:
    VEC_FREE(&ws);
    return rc;
}

/* Parse a 6- or 8-digit date (YYMMDD: 00-30 -> 20xx, as the TABARI manual says); 0 if
 * invalid.  A day past the end of its month (e.g. 040931, common in CountryInfo) is read as
 * the month's last day and counted in *clamped.  *two_digit tells whether the year had two
 * digits. */
static int32_t parse_dict_date(const char *s, size_t n, int *two_digit, size_t *clamped)
{
    if (n != 6 && n != 8)
        return 0;
    int32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!ascii_isdigit((unsigned char)s[i]))
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *two_digit = n == 6;
    if (n == 6) {
        int32_t yy = v / 10000;
        v += (yy <= 30 ? 2000 : 1900) * 10000;
    }
    int32_t day = v % 100, ym = v - day;
    if (day < 1 || day > 31 || ym / 100 % 100 < 1 || ym / 100 % 100 > 12)
        return 0;
    if (!date_valid(v)) {
        while (day > 28 && !date_valid(ym + day))
            day--;
        v = ym + day;
        (*clamped)++;
    }
    return date_valid(v) ? v : 0;
}

static int code_char_ok(unsigned char c)
{
    return ascii_isalpha(c) || ascii_isdigit(c) || c == '/' || c == '~' || c >= 0x80;
}

/* Is the code well formed: letters/digits/'/' (with '~' at one end for agents) or one of the
 * special all-symbol codes (---, ###, +++)? */
static const char *code_problem(const char *c, size_t n, int is_agents)
{
    if (n == 0)
        return "empty code";
    int special = 1;
    for (size_t i = 0; i < n; i++)
        if (c[i] != c[0] || (c[0] != '-' && c[0] != '#' && c[0] != '+'))
            special = 0;
    if (special)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (!code_char_ok((unsigned char)c[i]))
            return ascii_isdigit((unsigned char)c[0]) ? "missing code before the date"
                                                      : "code contains a character other "
                                                        "than letters, digits, '/' and '~'";
    if (ascii_isdigit((unsigned char)c[0]) && n >= 6)
        return "missing code before the date";
    if (is_agents && c[0] != '~' && c[n - 1] != '~')
        return "agent code lacks the '~' connector";
    return NULL;
}

/* Parse the inside of one [...] block and append it to the open entry's codes. */
static int add_code_block(loader *L, const char *s, size_t n)
{
    while (n && ascii_isspace((unsigned char)*s))
        s++, n--;
    while (n && ascii_isspace((unsigned char)s[n - 1]))
        n--;
    size_t cl = 0;
    while (cl < n && !ascii_isspace((unsigned char)s[cl]) && s[cl] != '<' && s[cl] != '>')
        cl++;
    /* a code immediately followed by a date range ("[X 950601-990815]" is normal) */
    const char *why = code_problem(s, cl, L->is_agents);
    if (why) {
        buf_clear(&L->tmp);
        if (buf_append(&L->tmp, s, n))
            return -1;
        diag_emit(L->diag, L->ud, DY_WARNING, DY_EPARSE, L->file, L->line, NULL, -1,
                  "code block [%s]: %s; block skipped", L->tmp.s, why);
        return 0;
    }
    /* the restriction, with blanks removed */
    buf_clear(&L->tmp);
    for (size_t i = cl; i < n; i++)
        if (!ascii_isspace((unsigned char)s[i]) && buf_putc(&L->tmp, s[i]))
            return -1;
    if (buf_putc(&L->tmp, 0))
        return -1;
    L->tmp.len--;
    const char *r = L->tmp.s;
    size_t rl = L->tmp.len;
    int32_t from = 0, to = 0;
    int ok = 1, yy_from = 0, yy_to = 0;
    if (rl == 0) {
        /* unrestricted */
    } else if (r[0] == '<') {
        ok = (to = parse_dict_date(r + 1, rl - 1, &yy_to, &L->clamped_days)) != 0;
    } else if (r[0] == '>') {
        ok = (from = parse_dict_date(r + 1, rl - 1, &yy_from, &L->clamped_days)) != 0;
    } else {
        const char *dash = memchr(r, '-', rl);
        ok = dash &&
             (from = parse_dict_date(r, (size_t)(dash - r), &yy_from, &L->clamped_days)) != 0 &&
             (to = parse_dict_date(dash + 1, rl - (size_t)(dash - r) - 1, &yy_to,
                                   &L->clamped_days)) != 0;
        /* "270101-730717": a two-digit start year that ends up after the end of the range
         * belongs to the century before (1927; "950101-370722" -> 1895) */
        if (ok && from > to && yy_from && from - 1000000 <= to) {
            from -= 1000000;
            L->century_fixes++;
        }
        if (ok && from > to) {
            diag_emit(L->diag, L->ud, DY_WARNING, DY_EPARSE, L->file, L->line, NULL, -1,
                      "code block [%.*s]: the range ends before it begins; block skipped",
                      (int)n, s);
            return 0;
        }
    }
    if (!ok) {
        diag_emit(L->diag, L->ud, DY_WARNING, DY_EPARSE, L->file, L->line, NULL, -1,
                  "code block [%.*s]: the date restriction is not <YYMMDD, >YYMMDD or "
                  "YYMMDD-YYMMDD (6 or 8 digits); block skipped",
                  (int)n, s);
        return 0;
    }
    uint32_t id = intern_add(&L->a->strings, s, cl);
    if (!id)
        return -1;
    actd_code code = {intern_str(&L->a->strings, id), from, to};
    return VEC_PUSH(&L->codes, code);
}

/* Close the open entry: store its phrases if it has codes, else warn. */
static int close_entry(loader *L)
{
    if (!L->open)
        return 0;
    L->open = 0;
    actd *a = L->a;
    int rc = 0;
    if (!L->codes.n) {
        diag_emit(L->diag, L->ud, DY_WARNING, DY_EPARSE, L->file, L->open_line, NULL, -1,
                  "\"%.*s\" has no code (neither [CODE] on its line nor code lines after "
                  "it); entry skipped",
                  (int)L->name_len, L->pend.s + L->name_off);
        goto reset;
    }
    if (a->entries.n >= INT32_MAX)
        goto oom;
    actd_entry *e = arena_calloc(&a->arena, sizeof *e);
    actd_code *codes = arena_alloc(&a->arena, L->codes.n * sizeof *codes);
    char *name = arena_strndup(&a->arena, L->pend.s + L->name_off, L->name_len);
    if (!e || !codes || !name)
        goto oom;
    memcpy(codes, L->codes.v, L->codes.n * sizeof *codes);
    e->name = name;
    e->file = L->file;
    e->line = L->open_line;
    e->is_agent = L->is_agents;
    e->codes = codes;
    e->ncodes = L->codes.n;
    if (VEC_PUSH(&a->entries, e))
        goto oom;
    int32_t idx = (int32_t)(a->entries.n - 1);
    a->entry_count[L->is_agents ? 1 : 0]++;
    long saved = L->line;
    for (size_t i = 0; i < L->phrases.n; i++) {
        pending_phrase *pp = &L->phrases.v[i];
        L->line = pp->line;
        int r = store_phrase(L, L->is_agents ? ROOT_AGENTS : ROOT_ACTORS, L->pend.s + pp->off,
                             pp->len, idx, pp->auto_plural);
        if (r < 0) {
            L->line = saved;
            goto oom;
        }
        if (r == 1)
            warn(L, "a phrase made only of separators (%s); ignored", "_ - ~ or blanks");
    }
    L->line = saved;
    goto reset;
oom:
    rc = -1;
reset:
    buf_clear(&L->pend);
    L->phrases.n = 0;
    L->codes.n = 0;
    return rc;
}

static int add_pending(loader *L, const char *p, size_t n, int auto_plural)
{
    while (n && ascii_isspace((unsigned char)*p))
        p++, n--;
    while (n && ascii_isspace((unsigned char)p[n - 1]))
        n--;
    pending_phrase pp = {L->pend.len, n, L->line, auto_plural};
    if (buf_append(&L->pend, p, n) || buf_putc(&L->pend, 0))
        return -1;
    return VEC_PUSH(&L->phrases, pp);
}

static const subst_marker *find_marker(const loader *L, const char *name, size_t n)
{
    for (size_t i = 0; i < L->markers.n; i++)
        if (strlen(L->markers.v[i].name) == n && memcmp(L->markers.v[i].name, name, n) == 0)
            return &L->markers.v[i];
    return NULL;
}

/* "!NAME! = A, B, C" */
static int define_marker(loader *L, const char *s, size_t n)
{
    const char *b1 = memchr(s, '!', n);
    const char *b2 = b1 ? memchr(b1 + 1, '!', n - (size_t)(b1 + 1 - s)) : NULL;
    const char *eq = b2 ? memchr(b2, '=', n - (size_t)(b2 - s)) : NULL;
    if (!eq || b2 == b1 + 1) {
        warn(L, "bad substitution marker %s: expected !NAME! = WORD, WORD, ...; line skipped",
             "definition");
        return 0;
    }
    dy_arena *ar = &L->a->arena;
    subst_marker m = {0};
    m.name = arena_strndup(ar, b1 + 1, (size_t)(b2 - b1 - 1));
    if (!m.name)
        return -1;
    const char *p = eq + 1, *end = s + n;
    size_t count = 1;
    for (const char *q = p; q < end; q++)
        count += *q == ',';
    m.values = arena_alloc(ar, count * sizeof *m.values);
    if (!m.values)
        return -1;
    while (p <= end) {
        const char *c = memchr(p, ',', (size_t)(end - p));
        const char *ve = c ? c : end;
        const char *vs = p;
        while (vs < ve && ascii_isspace((unsigned char)*vs))
            vs++;
        const char *vt = ve;
        while (vt > vs && ascii_isspace((unsigned char)vt[-1]))
            vt--;
        if (vt > vs) {
            m.values[m.nvalues] = arena_strndup(ar, vs, (size_t)(vt - vs));
            if (!m.values[m.nvalues])
                return -1;
            m.nvalues++;
        }
        if (!c)
            break;
        p = c + 1;
    }
    if (!m.nvalues) {
        warn(L, "substitution marker !%s! has no values; line skipped", m.name);
        return 0;
    }
    return VEC_PUSH(&L->markers, m);
}

/* Expand the substitution markers of a phrase into pending phrases (no plurals).  Returns 0,
 * 1 if a marker is undefined or malformed (warned), -1 ENOMEM. */
static int expand_markers(loader *L, const char *p, size_t n, dy_buf *prefix, int depth)
{
    const char *b1 = memchr(p, '!', n);
    if (!b1) {
        size_t keep = prefix->len;
        if (buf_append(prefix, p, n))
            return -1;
        int r = add_pending(L, prefix->s, prefix->len, 0);
        prefix->len = keep;
        return r;
    }
    const char *b2 = memchr(b1 + 1, '!', n - (size_t)(b1 + 1 - p));
    const subst_marker *m = b2 ? find_marker(L, b1 + 1, (size_t)(b2 - b1 - 1)) : NULL;
    if (!m || depth > 8) {
        size_t shown = b2 ? (size_t)(b2 - b1) + 1 : n - (size_t)(b1 - p);
        diag_emit(L->diag, L->ud, DY_WARNING, DY_EPARSE, L->file, L->line, NULL, -1,
                  "substitution marker %.*s is %s; line skipped", (int)shown, b1,
                  b2 ? "not defined earlier in this file" : "not closed with '!'");
        return 1;
    }
    size_t keep = prefix->len;
    for (size_t i = 0; i < m->nvalues; i++) {
        prefix->len = keep;
        if (buf_append(prefix, p, (size_t)(b1 - p)) || buf_puts(prefix, m->values[i]))
            return -1;
        int r = expand_markers(L, b2 + 1, n - (size_t)(b2 + 1 - p), prefix, depth + 1);
        if (r)
            return r;
    }
    prefix->len = keep;
    return 0;
}

/* Trim trailing comments (';' or '#' outside brackets) and blanks in place; returns the new
 * length.  A '#' inside the phrase that is followed by the code blocks
 * ("WEST_NOWHERE#_DOUBTFUL_ [XXX]") only comments out the text up to the first '['; then
 * *inner_comment is set. */
static size_t strip_comment(char *s, size_t n, int *inner_comment)
{
    int depth = 0, seen_block = 0;
    *inner_comment = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '[' || c == '{') {
            depth++;
            seen_block = 1;
        } else if ((c == ']' || c == '}') && depth > 0) {
            depth--;
        } else if ((c == ';' || c == '#') && depth == 0) {
            const char *br = c == '#' && !seen_block ? memchr(s + i, '[', n - i) : NULL;
            if (br && i > 0 && !ascii_isspace((unsigned char)s[i - 1])) {
                size_t from = (size_t)(br - s);
                memmove(s + i, br, n - from);
                n -= from - i;
                *inner_comment = 1;
                i--; /* look at the '[' now at i */
                continue;
            }
            n = i;
            break;
        }
    }
    while (n && ascii_isspace((unsigned char)s[n - 1]))
        n--;
    return n;
}

static int handle_tag(loader *L, const char *s, size_t n)
{
    buf_clear(&L->tmp);
    if (put_upper(&L->tmp, s, n))
        return -1;
    const char *t = L->tmp.s;
    int closing = n > 1 && t[1] == '/';
    const char *name = t + 1 + closing;
    int which = 0;
    if (!strcmp(name, "NOUN>") || !strcmp(name, "NOUNS>"))
        which = ROOT_NOUNS;
    else if (!strcmp(name, "ADJECTIVE>") || !strcmp(name, "ADJ>") || !strcmp(name, "ADJECTIVES>"))
        which = ROOT_ADJECTIVES;
    if (!which) {
        warn(L, "unknown tag %s; line skipped", t);
        return 0;
    }
    if (close_entry(L))
        return -1;
    if (!closing) {
        if (L->section)
            warn(L, "%s opened before the previous list was closed", t);
        L->section = which;
        L->section_line = L->line;
    } else if (L->section != which) {
        warn(L, "%s closes a list that is not open; line skipped", t);
    } else {
        L->section = 0;
    }
    return 0;
}

/* Split "PHRASE {plural} [code] [code]" at its first '{' or '['; parse the blocks.
 * Returns 0, 1 if the line is malformed (warned: skip it), -1 ENOMEM. */
static int parse_blocks(loader *L, const char *s, size_t n, size_t *phrase_len,
                        const char **plural, size_t *plural_len, int *has_plural)
{
    size_t i = 0;
    while (i < n && s[i] != '[' && s[i] != '{' && s[i] != ']' && s[i] != '}')
        i++;
    if (i < n && (s[i] == ']' || s[i] == '}')) {
        diag_emit(L->diag, L->ud, DY_WARNING, DY_EPARSE, L->file, L->line, NULL, -1,
                  "unbalanced '%c' with no opening bracket; line skipped", s[i]);
        return 1;
    }
    *phrase_len = i;
    *has_plural = 0;
    size_t codes_before = L->codes.n;
    while (i < n) {
        char c = s[i];
        if (ascii_isspace((unsigned char)c)) {
            i++;
            continue;
        }
        char close = c == '[' ? ']' : c == '{' ? '}' : 0;
        if (!close) {
            size_t j = i;
            while (j < n && s[j] != '[' && s[j] != '{')
                j++;
            diag_emit(L->diag, L->ud, DY_WARNING, DY_EPARSE, L->file, L->line, NULL, -1,
                      "stray text \"%.*s\" between or after the code blocks; ignored",
                      (int)(j - i), s + i);
            i = j;
            continue;
        }
        const char *cl = memchr(s + i + 1, close, n - i - 1);
        const char *other = memchr(s + i + 1, c, n - i - 1);
        if (!cl || (other && other < cl)) {
            L->codes.n = codes_before;
            diag_emit(L->diag, L->ud, DY_WARNING, DY_EPARSE, L->file, L->line, NULL, -1,
                      "'%c' without a matching '%c'; line skipped", c, close);
            return 1;
        }
        size_t in = i + 1, inlen = (size_t)(cl - (s + in));
        if (c == '{') {
            *has_plural = 1;
            *plural = s + in;
            *plural_len = inlen;
        } else if (add_code_block(L, s + in, inlen)) {
            return -1;
        }
        i = (size_t)(cl - s) + 1;
    }
    return 0;
}

static int handle_line(loader *L, const char *raw, size_t rawlen)
{
    /* XML comments, possibly over several lines */
    buf_clear(&L->tmp);
    const char *s = raw;
    size_t n = rawlen;
    dy_buf clean;
    buf_init(&clean);
    size_t i = 0;
    int rc = 0;
    while (i < n) {
        if (L->in_xml_comment) {
            const char *e = NULL;
            for (size_t j = i; j + 3 <= n; j++)
                if (!memcmp(s + j, "-->", 3)) {
                    e = s + j;
                    break;
                }
            if (!e) {
                i = n;
                break;
            }
            L->in_xml_comment = 0;
            i = (size_t)(e - s) + 3;
            continue;
        }
        if (i + 4 <= n && !memcmp(s + i, "<!--", 4)) {
            L->in_xml_comment = 1;
            i += 4;
            continue;
        }
        if (buf_putc(&clean, s[i])) {
            rc = -1;
            goto out;
        }
        i++;
    }
    s = clean.s ? clean.s : "";
    n = clean.len;
    while (n && ascii_isspace((unsigned char)*s))
        s++, n--;
    if (!n || *s == '#' || *s == '/' || *s == ';' || (n >= 2 && s[0] == '<' && s[1] == '!'))
        goto out; /* comment lines (TABARI '/' '#'; PETRARCH '#' and '<!') */
    if (*s == '~') { /* ~~FINISH: the end of the dictionary */
        if (memmem(s, n, "FINISH", 6)) {
            rc = 2;
            goto out;
        }
        warn(L, "a line starting with '%s' that is not ~~FINISH; line skipped", "~");
        goto out;
    }
    int inner_comment;
    n = strip_comment((char *)s, n, &inner_comment); /* s points into `clean`, ours */
    if (!n)
        goto out;
    if (inner_comment)
        warn(L, "a '#' comment inside the phrase, before its codes: the text from '#' to the "
                "first '%s' was ignored",
             "[");
    if (*s == '<') {
        const char *gt = memchr(s, '>', n);
        if (!gt) {
            warn(L, "a tag line with '<' but no '%s'; line skipped", ">");
            goto out;
        }
        rc = handle_tag(L, s, (size_t)(gt - s) + 1);
        goto out;
    }
    if (L->section) { /* <NOUN> / <ADJECTIVE> list: phrases without codes */
        size_t pl = 0;
        while (pl < n && s[pl] != '[' && s[pl] != '{')
            pl++;
        if (store_phrase(L, (uint32_t)L->section, s, pl, TERM_MEMBER, 0) < 0)
            rc = -1;
        goto out;
    }
    if (*s == '[') { /* code line(s) of the open entry */
        if (!L->open) {
            warn(L, "a [code] line with no %s before it; line skipped", L->is_agents ? "agent phrase" : "actor phrase");
            goto out;
        }
        size_t pl;
        const char *pls = NULL;
        size_t pll = 0;
        int hp = 0;
        int r = parse_blocks(L, s, n, &pl, &pls, &pll, &hp);
        if (r < 0)
            rc = -1;
        else if (r == 0 && hp)
            warn(L, "a {plural} on a code line (%s); ignored", "plurals follow the phrase");
        goto out;
    }
    if (L->is_agents && memchr(s, '!', n) && memchr(s, '=', n) &&
        (!memchr(s, '[', n) || (char *)memchr(s, '=', n) < (char *)memchr(s, '[', n))) {
        if (close_entry(L) || define_marker(L, s, n))
            rc = -1;
        goto out;
    }
    int synonym = *s == '+';
    if (synonym) {
        s++, n--;
        if (!L->open) {
            warn(L, "a +synonym line with no %s before it; line skipped", L->is_agents ? "agent phrase" : "actor phrase");
            goto out;
        }
    } else if (close_entry(L)) {
        rc = -1;
        goto out;
    }
    size_t pl = 0, pll = 0;
    const char *pls = NULL;
    int has_plural = 0;
    size_t codes_before = L->codes.n;
    int r = parse_blocks(L, s, n, &pl, &pls, &pll, &has_plural);
    if (r) {
        rc = r < 0 ? -1 : 0;
        goto out;
    }
    size_t plt = pl;
    while (plt && ascii_isspace((unsigned char)s[plt - 1]))
        plt--;
    size_t lead = 0;
    while (lead < plt && ascii_isspace((unsigned char)s[lead]))
        lead++;
    if (lead == plt) {
        L->codes.n = codes_before;
        warn(L, "code blocks without a phrase on a %s line; line skipped", synonym ? "+synonym" : "dictionary");
        goto out;
    }
    if (!synonym) {
        L->open = 1;
        L->open_line = L->line;
        L->name_off = L->pend.len;
        L->name_len = plt - lead;
        if (buf_append(&L->pend, s + lead, plt - lead) || buf_putc(&L->pend, 0)) {
            rc = -1;
            goto out;
        }
    }
    if (L->is_agents && memchr(s, '!', plt)) {
        dy_buf prefix;
        buf_init(&prefix);
        int er = expand_markers(L, s + lead, plt - lead, &prefix, 0);
        buf_free(&prefix);
        if (er < 0)
            rc = -1;
        else if (er > 0 && !synonym)
            L->open = 0, buf_clear(&L->pend), L->phrases.n = 0, L->codes.n = 0;
        goto out;
    }
    if (add_pending(L, s + lead, plt - lead,
                    !L->is_agents ? PLURAL_NONE : has_plural ? PLURAL_LISTED : PLURAL_AUTO)) {
        rc = -1;
        goto out;
    }
    if (has_plural) {
        const char *q = pls;
        size_t ql = pll;
        while (ql && ascii_isspace((unsigned char)*q))
            q++, ql--;
        if (ql && add_pending(L, q, ql, L->is_agents ? PLURAL_LISTED : PLURAL_NONE))
            rc = -1;
    }
out:
    buf_free(&clean);
    return rc;
}

/* Decode to UTF-8: valid UTF-8 sequences are kept, other bytes are read as Latin-1. */
static int to_utf8(const char *data, size_t len, dy_buf *out)
{
    if (buf_reserve(out, len + len / 8 + 16))
        return -1;
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)data[i];
        if (c < 0x80) {
            if (buf_putc(out, (char)c))
                return -1;
            i++;
            continue;
        }
        size_t need = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        int valid = need && i + need <= len && c >= 0xC2 && c <= 0xF4;
        for (size_t k = 1; valid && k < need; k++)
            valid = ((unsigned char)data[i + k] & 0xC0) == 0x80;
        if (valid) {
            if (buf_append(out, data + i, need))
                return -1;
            i += need;
        } else {
            char two[2] = {(char)(0xC0 | (c >> 6)), (char)(0x80 | (c & 0x3F))};
            if (buf_append(out, two, 2))
                return -1;
            i++;
        }
    }
    return 0;
}

int actd_load_mem(actd *a, const char *name, const char *data, size_t len, int is_agents,
                  dy_diag_fn diag, void *ud)
{
    if (!a || (!data && len)) {
        diag_emit(diag, ud, DY_ERROR, DY_EINVAL, name, 0, NULL, -1,
                  "actd_load_mem: no dictionary object or no data");
        return -1;
    }
    if (a->finished) {
        diag_emit(diag, ud, DY_ERROR, DY_EINVAL, name, 0, NULL, -1,
                  "actor dictionary already finished: no more files can be added");
        return -1;
    }
    loader L;
    memset(&L, 0, sizeof L);
    L.a = a;
    L.diag = diag;
    L.ud = ud;
    L.is_agents = is_agents ? 1 : 0;
    const char *fname = name ? name : "(memory)";
    uint32_t fid = intern_add(&a->strings, fname, strlen(fname));
    dy_buf text;
    buf_init(&text);
    int rc = 0;
    if (!fid || to_utf8(data, len, &text)) {
        L.file = fname;
        nomem(&L);
        buf_free(&text);
        return -1;
    }
    L.file = intern_str(&a->strings, fid);
    const char *p = text.s ? text.s : "";
    const char *end = p + text.len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        L.line++;
        size_t ll = (size_t)(le - p);
        if (ll && p[ll - 1] == '\r')
            ll--;
        int r = handle_line(&L, p, ll);
        if (r < 0) {
            nomem(&L);
            rc = -1;
            break;
        }
        if (r == 2)
            break;
        p = nl ? nl + 1 : end;
    }
    if (rc == 0 && close_entry(&L)) {
        nomem(&L);
        rc = -1;
    }
    if (rc == 0 && L.section)
        diag_emit(diag, ud, DY_WARNING, DY_EPARSE, L.file, L.section_line, NULL, -1,
                  "the %s list opened here is never closed",
                  L.section == ROOT_NOUNS ? "<NOUN>" : "<ADJECTIVE>");
    if (rc == 0 && L.in_xml_comment)
        diag_emit(diag, ud, DY_WARNING, DY_EPARSE, L.file, L.line, NULL, -1,
                  "an XML comment (<!--) is never closed");
    if (rc == 0 && (L.clamped_days || L.century_fixes))
        diag_emit(diag, ud, DY_NOTE, DY_OK, L.file, 0, NULL, -1,
                  "%zu dates had a day past the end of their month (read as the month's last "
                  "day); %zu two-digit range starts were moved back a century "
                  "because they came after the range's end",
                  L.clamped_days, L.century_fixes);
    if (rc == 0 && L.duplicates)
        diag_emit(diag, ud, DY_NOTE, DY_OK, L.file, L.first_duplicate_line, NULL, -1,
                  "%zu phrases were already defined (first at this line); the later "
                  "definition replaces the earlier one",
                  L.duplicates);
    buf_free(&text);
    buf_free(&L.pend);
    buf_free(&L.words);
    buf_free(&L.tmp);
    VEC_FREE(&L.phrases);
    VEC_FREE(&L.codes);
    VEC_FREE(&L.markers);
    return rc;
}

int actd_load_file(actd *a, const char *path, int is_agents, dy_diag_fn diag, void *ud)
{
    char *data = NULL;
    size_t len = 0;
    if (!path || file_read_all(path, &data, &len)) {
        int err = errno;
        diag_emit(diag, ud, DY_ERROR, err == ENOMEM ? DY_ENOMEM : DY_EIO, path, 0, NULL, -1,
                  "cannot read the %s dictionary: %s", is_agents ? "agents" : "actors",
                  path ? strerror(err) : "no path");
        return -1;
    }
    int rc = actd_load_mem(a, path, data, len, is_agents, diag, ud);
    free(data);
    return rc;
}
