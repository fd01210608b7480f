/*
 * verbs.c - the verb dictionary object: creation, the phrase tables that find verbs,
 * discards and issue phrases at a token without scanning the whole dictionary (keys are
 * hashed; stems are found by probing each prefix of the token), finishing (pattern
 * ordering) and the accessors declared in verbs.h.
 */
#include <stdlib.h>
#include <string.h>

#include "dict/verbs_int.h"

void verbd_set_max_pattern(verbd *v, size_t n)
{
    if (v)
        v->max_pattern = n;
}

verbd *verbd_new(void)
{
    verbd *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    arena_init(&v->arena, 0);
    intern_init(&v->synset_names);
    vd_table *tabs[4] = {&v->vtab, &v->dtab, &v->itab, &v->ttab};
    for (int k = 0; k < 4; k++) {
        intern_init(&tabs[k]->exact);
        intern_init(&tabs[k]->stem);
    }
    return v;
}

static void table_free(vd_table *t)
{
    intern_free(&t->exact);
    intern_free(&t->stem);
    VEC_FREE(&t->head_exact);
    VEC_FREE(&t->head_stem);
    VEC_FREE(&t->ents);
    VEC_FREE(&t->exact_filter);
}

void verbd_free(verbd *v)
{
    if (!v)
        return;
    table_free(&v->vtab);
    table_free(&v->dtab);
    table_free(&v->itab);
    table_free(&v->ttab);
    intern_free(&v->synset_names);
    VEC_FREE(&v->els);
    VEC_FREE(&v->seqs);
    VEC_FREE(&v->synsets);
    VEC_FREE(&v->pats);
    VEC_FREE(&v->verbs);
    VEC_FREE(&v->block_first);
    VEC_FREE(&v->block_n);
    VEC_FREE(&v->el_first_mask);
    VEC_FREE(&v->pat_keys);
    VEC_FREE(&v->pat_keys_first);
    VEC_FREE(&v->discards);
    VEC_FREE(&v->issues);
    arena_free(&v->arena);
    free(v);
}

/* Link entry `ent` (1-based) at the head of key (s, n) in one of the table's key sets. */
static int table_link(dy_intern *keys, void *headvec, const char *s, size_t n)
{
    VEC(uint32_t) *heads = headvec;
    uint32_t id = intern_add(keys, s, n);
    if (!id)
        return -1;
    while (heads->n <= id)
        if (VEC_PUSH(heads, 0))
            return -1;
    return (int)id;
}

/* Contract: add the word run els[first..first+n) to table t with a payload; entries whose
 * first word is not exact are keyed as stems (and, for words ending in Y, also by the word
 * without the Y so that Y->IES/IED forms are found).  0, or -1 on ENOMEM. */
int vd_table_add(verbd *v, vd_table *t, uint32_t first, uint32_t n, uint32_t payload,
                 int generated)
{
    if (!n)
        return 0;
    t->exact_filter.n = 0; /* stale now: verbd_finish rebuilds it */
    const vd_el *e0 = &v->els.v[first];
    int keys = 1;
    if (e0->mode != VD_WM_EXACT && e0->mode != VD_WM_STEM && e0->wlen > 1 &&
        e0->w[e0->wlen - 1] == 'Y')
        keys = 2;
    if (t->ents.n == 0) {
        vd_phrase dummy = {0};
        if (VEC_PUSH(&t->ents, dummy))
            return -1;
    }
    for (int k = 0; k < keys; k++) {
        size_t klen = e0->wlen - (size_t)k;
        vd_phrase p = {first, n, payload, 0, (uint8_t)(generated != 0)};
        if (VEC_PUSH(&t->ents, p))
            return -1;
        uint32_t ent = (uint32_t)(t->ents.n - 1);
        int exact = e0->mode == VD_WM_EXACT;
        dy_intern *ks = exact ? &t->exact : &t->stem;
        void *hv = exact ? (void *)&t->head_exact : (void *)&t->head_stem;
        int id = table_link(ks, hv, e0->w, klen);
        if (id < 0)
            return -1;
        VEC(uint32_t) *heads = hv;
        /* append to the end of the chain to keep file order */
        uint32_t *slot = &heads->v[id];
        while (*slot)
            slot = &t->ents.v[*slot].next;
        *slot = ent;
        if (!exact && klen > t->maxstem)
            t->maxstem = klen;
    }
    return 0;
}

static int suffix_is(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n == k && memcmp(s, suf, k) == 0;
}

static int is_vowel(int c)
{
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

/* Contract: does dictionary word element e match token tok (upper-case)?  1 / 0. */
int vd_word_match(const vd_el *e, const text_tok *tok)
{
    const char *t = tok->up;
    size_t tl = tok->uplen, wl = e->wlen;
    const char *w = e->w;
    /* every branch below compares at least the word's first byte */
    if (wl && (!tl || t[0] != w[0]))
        return 0;
    if (e->mode == VD_WM_EXACT)
        return tl == wl && memcmp(t, w, wl) == 0;
    if (e->mode == VD_WM_STEM)
        return tl >= wl && memcmp(t, w, wl) == 0;
    if (tl >= wl && memcmp(t, w, wl) == 0) {
        const char *s = t + wl;
        size_t sl = tl - wl;
        if (sl == 0)
            return 1;
        if (suffix_is(s, sl, "S") || suffix_is(s, sl, "ES") || suffix_is(s, sl, "'S"))
            return 1;
        if (e->mode == VD_WM_PLURAL)
            return 0;
        if (suffix_is(s, sl, "ED") || suffix_is(s, sl, "EN") || suffix_is(s, sl, "ING"))
            return 1;
        if (wl && w[wl - 1] == 'E' && (suffix_is(s, sl, "D") || suffix_is(s, sl, "N")))
            return 1;
        /* doubled final consonant: STOP -> STOPPED, STOPPING */
        if (wl >= 2 && sl >= 3 && s[0] == w[wl - 1] && !is_vowel(w[wl - 1]) &&
            (suffix_is(s + 1, sl - 1, "ED") || suffix_is(s + 1, sl - 1, "ING")))
            return 1;
        return 0;
    }
    if (wl >= 2 && tl + 1 >= wl && memcmp(t, w, wl - 1) == 0) {
        const char *s = t + wl - 1;
        size_t sl = tl - (wl - 1);
        char last = w[wl - 1];
        if (last == 'Y' && suffix_is(s, sl, "IES"))
            return 1;
        if (e->mode == VD_WM_PLURAL)
            return 0;
        if (last == 'Y' && suffix_is(s, sl, "IED"))
            return 1;
        if (last == 'E' && suffix_is(s, sl, "ING"))
            return 1;
    }
    return 0;
}

static int tok_stops_phrase(const text_tok *tok)
{
    return (tok->flags & (TOK_COMMA | TOK_END)) != 0;
}

/* Check the words after the first of entry p, from token i+1.  Returns 1 on a match and sets
 * *ntok to the contiguous tokens covered from i. */
static int phrase_rest(const verbd *v, const vd_phrase *p, const text_tok *toks, size_t n,
                       size_t i, size_t *ntok)
{
    size_t j = i + 1, contig = 1;
    int gapped = 0;
    for (uint32_t k = 1; k < p->n; k++) {
        const vd_el *e = &v->els.v[p->first + k];
        if (e->adj) {
            if (j >= n || !vd_word_match(e, &toks[j]))
                return 0;
            j++;
            if (!gapped)
                contig++;
        } else {
            size_t q = j;
            while (q < n && !tok_stops_phrase(&toks[q]) && !vd_word_match(e, &toks[q]))
                q++;
            if (q >= n || tok_stops_phrase(&toks[q]))
                return 0;
            if (q == j && !gapped)
                contig++;
            else
                gapped = 1;
            j = q + 1;
        }
    }
    *ntok = contig;
    return 1;
}

/* The key hash of util's intern tables, computed a byte at a time: prefix_state() over
 * the bytes, then prefix_final().  verbd_finish checks that it equals hash_bytes (else
 * prefix_hash_ok stays 0 and intern_find is used). */
#define PREFIX_OFFSET 1469598103934665603ULL
#define PREFIX_PRIME 1099511628211ULL

static inline uint64_t prefix_state(uint64_t h, unsigned char c) { return (h ^ c) * PREFIX_PRIME; }

static inline uint64_t prefix_final(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

/* 1 if prefix_state/prefix_final reproduce hash_bytes on a few sample keys. */
static int prefix_hash_matches(void)
{
    static const char sample[] = "ABDUCT KIDNAP-AL'S 1,000";
    uint64_t h = PREFIX_OFFSET;
    for (size_t n = 0; n <= sizeof sample - 1; n++) {
        if (prefix_final(h) != hash_bytes(sample, n))
            return 0;
        if (n < sizeof sample - 1)
            h = prefix_state(h, (unsigned char)sample[n]);
    }
    return 1;
}

/* intern_find with the key's hash h (= hash_bytes(s, n)) already known. */
static uint32_t intern_find_hashed(const dy_intern *t, const char *s, size_t n, uint64_t h)
{
    if (!t->nslots)
        return 0;
    size_t mask = t->nslots - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        uint32_t id = t->slots[i];
        if (!id)
            return 0;
        if (t->hash[id] == h && t->len[id] == n && memcmp(t->str[id], s, n) == 0)
            return id;
    }
}

/* Rebuild t's exact-key filter (16 bits per key).  0, or -1 on ENOMEM (no filter then). */
static int exact_filter_build(vd_table *t)
{
    t->exact_filter.n = 0;
    size_t nkeys = intern_count(&t->exact);
    if (!nkeys)
        return 0;
    size_t nbits = 64;
    while (nbits < nkeys * 16) {
        if (nbits > SIZE_MAX / 4)
            return 0; /* absurdly many keys: no filter */
        nbits *= 2;
    }
    size_t words = nbits / 64;
    if (VEC_RESERVE(&t->exact_filter, words))
        return -1;
    memset(t->exact_filter.v, 0, words * sizeof *t->exact_filter.v);
    for (uint32_t id = 1; id <= nkeys; id++) {
        size_t n = intern_len(&t->exact, id);
        if (!n) /* cannot be probed (empty tokens return early); keep the filter honest */
            return 0;
        size_t b1, b2;
        vd_exact_filter_bits(intern_str(&t->exact, id), n, nbits, &b1, &b2);
        t->exact_filter.v[b1 >> 6] |= 1ULL << (b1 & 63);
        t->exact_filter.v[b2 >> 6] |= 1ULL << (b2 & 63);
    }
    t->exact_filter.n = words;
    return 0;
}

/* Calls fn for the entries of key id (see vd_table_visit); returns fn's nonzero value. */
static int visit_key(const verbd *v, const vd_table *t, const uint32_t *heads, uint32_t id,
                     const text_tok *toks, size_t n, size_t i, vd_visit_fn fn, void *ud)
{
    for (uint32_t ent = heads[id]; ent; ent = t->ents.v[ent].next) {
        const vd_phrase *p = &t->ents.v[ent];
        size_t ntok;
        if (!vd_word_match(&v->els.v[p->first], &toks[i]))
            continue;
        if (!phrase_rest(v, p, toks, n, i, &ntok))
            continue;
        int rc = fn(ud, p, ntok, p->n);
        if (rc)
            return rc;
    }
    return 0;
}

/* Prefix lengths whose hashes are kept on the stack by vd_table_visit; longer stems are
 * probed with intern_find (no limit on the key length, only on this shortcut). */
#define PREFIX_FAST 48

/* Contract: see verbs_int.h.  Probes the exact key (the whole token), then the stem keys
 * from the longest prefix down to one byte. */
int vd_table_visit(const verbd *v, const vd_table *t, const text_tok *toks, size_t n, size_t i,
                   vd_visit_fn fn, void *ud)
{
    const text_tok *tok = &toks[i];
    if (!tok->uplen)
        return 0;
    size_t ulen = tok->uplen;
    int exact = t->exact.nslots && vd_exact_filter_may_hold(t, tok->up, ulen);
    if (!exact && !t->stem.nslots)
        return 0;
    size_t maxl = ulen < t->maxstem ? ulen : t->maxstem;
    int fast = v->prefix_hash_ok;
    uint64_t states[PREFIX_FAST + 1]; /* states[L]: hash state after L bytes, L <= fast_l */
    size_t fast_l = 0;
    uint64_t h = PREFIX_OFFSET;
    uint64_t full_hash = 0;
    if (fast) {
        fast_l = t->stem.nslots ? (maxl < PREFIX_FAST ? maxl : PREFIX_FAST) : 0;
        states[0] = h;
        size_t L = 1;
        for (; L <= fast_l; L++) {
            h = prefix_state(h, (unsigned char)tok->up[L - 1]);
            states[L] = h;
        }
        for (; L <= ulen; L++)
            h = prefix_state(h, (unsigned char)tok->up[L - 1]);
        full_hash = prefix_final(h);
    }
    /* exact keys: the whole token */
    if (exact) {
        uint32_t id = fast ? intern_find_hashed(&t->exact, tok->up, ulen, full_hash)
                           : intern_find(&t->exact, tok->up, ulen);
        if (id) {
            int rc = visit_key(v, t, t->head_exact.v, id, toks, n, i, fn, ud);
            if (rc)
                return rc;
        }
    }
    /* stem keys: every prefix, longest first */
    if (!t->stem.nslots)
        return 0;
    for (size_t L = maxl; L > 0; L--) {
        uint32_t id = fast && L <= fast_l
                          ? intern_find_hashed(&t->stem, tok->up, L, prefix_final(states[L]))
                          : intern_find(&t->stem, tok->up, L);
        if (!id)
            continue;
        int rc = visit_key(v, t, t->head_stem.v, id, toks, n, i, fn, ud);
        if (rc)
            return rc;
    }
    return 0;
}

typedef struct find_best {
    const verbd *v;
    const vd_phrase *best;
    uint64_t score;
    size_t ntok;
} find_best;

static int find_visit(void *ud, const vd_phrase *p, size_t ntok, size_t nwords)
{
    find_best *fb = ud;
    const vd_el *e0 = &fb->v->els.v[p->first];
    size_t chars = 0;
    for (uint32_t k = 0; k < p->n; k++)
        chars += fb->v->els.v[p->first + k].wlen;
    if (chars > 0xfffff)
        chars = 0xfffff;
    uint64_t score = ((uint64_t)nwords << 24) | ((uint64_t)(!p->generated) << 23) |
                     ((uint64_t)(e0->mode == VD_WM_EXACT) << 22) | chars;
    int later = fb->best && score == fb->score && p->payload > fb->best->payload &&
                (fb->v->verbs.v[p->payload].flags & VD_VF_PETR);
    if (!fb->best || score > fb->score || later) {
        fb->best = p;
        fb->score = score;
        fb->ntok = ntok;
    }
    return 0;
}

/* The best verb entry starting at token i, or NULL. */
static const vd_phrase *find_at(const verbd *v, const text_tok *toks, size_t n, size_t i,
                                size_t *ntok)
{
    find_best fb = {v, NULL, 0, 0};
    vd_table_visit(v, &v->vtab, toks, n, i, find_visit, &fb);
    if (fb.best)
        *ntok = fb.ntok;
    return fb.best;
}

/* Contract: see verbs.h.  A PETRARCH modal (VD_VF_MODAL) is not a verb when another,
 * non-modal verb follows it before a comma or the end of the sentence. */
const verbd_verb *verbd_find(const verbd *v, const text_tok *toks, size_t n, size_t i,
                             size_t *ntok)
{
    if (!v || !toks || i >= n || !vd_table_may_start(&v->vtab, &toks[i]))
        return NULL;
    size_t nt = 0;
    const vd_phrase *best = find_at(v, toks, n, i, &nt);
    if (!best)
        return NULL;
    const verbd_verb *vb = &v->verbs.v[best->payload];
    if (vb->flags & VD_VF_MODAL) {
        for (size_t j = i + (nt ? nt : 1); j < n && !tok_stops_phrase(&toks[j]); j++) {
            size_t nj = 0;
            const vd_phrase *q = find_at(v, toks, n, j, &nj);
            if (q && !(v->verbs.v[q->payload].flags & VD_VF_MODAL))
                return NULL;
        }
    }
    if (ntok)
        *ntok = nt;
    return vb;
}

const char *verbd_verb_name(const verbd_verb *vb) { return vb ? vb->name : ""; }
const char *verbd_verb_code(const verbd_verb *vb) { return vb ? vb->code : "---"; }
const char *verbd_verb_code2(const verbd_verb *vb) { return vb ? vb->code2 : NULL; }

int verbd_verb_flags(const verbd_verb *vb, int *subordinate, int *dominant)
{
    if (subordinate)
        *subordinate = vb && (vb->flags & VD_CF_SUBORD) ? 1 : 0;
    if (dominant)
        *dominant = vb && (vb->flags & VD_CF_DOMINANT) ? 1 : 0;
    return 0;
}

static int pat_cmp(const void *a, const void *b)
{
    const vd_pat *x = a, *y = b;
    if (x->block != y->block)
        return x->block < y->block ? -1 : 1;
    if (x->chars != y->chars)
        return x->chars > y->chars ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* The el_first_mask of synset or alternatives element e (see verbs_int.h). */
static uint64_t member_first_mask(const verbd *v, const vd_el *e)
{
    uint32_t first, n;
    if (e->kind == VD_EL_SYNSET) {
        if (e->ref >= v->synsets.n)
            return ~0ull;
        first = v->synsets.v[e->ref].first;
        n = v->synsets.v[e->ref].n;
    } else {
        first = e->ref;
        n = e->cnt;
    }
    if ((size_t)first + n > v->seqs.n)
        return ~0ull;
    uint64_t mask = 0;
    for (uint32_t a = 0; a < n; a++) {
        const vd_seq *sq = &v->seqs.v[first + a];
        if (sq->first >= v->els.n)
            return ~0ull;
        const vd_el *f = &v->els.v[sq->first];
        if (!(sq->n && f->kind == VD_EL_WORD && f->wlen))
            return ~0ull; /* this member is always tried */
        mask |= 1ull << ((unsigned char)f->w[0] & 63);
    }
    return mask;
}

/* Build v->el_first_mask.  0, or -1 on ENOMEM. */
static int first_masks_build(verbd *v)
{
    v->el_first_mask.n = 0;
    if (VEC_RESERVE(&v->el_first_mask, v->els.n ? v->els.n : 1))
        return -1;
    for (size_t k = 0; k < v->els.n; k++) {
        const vd_el *e = &v->els.v[k];
        v->el_first_mask.v[k] =
            e->kind == VD_EL_SYNSET || e->kind == VD_EL_ALT ? member_first_mask(v, e) : ~0ull;
    }
    v->el_first_mask.n = v->els.n;
    return 0;
}

/* Contract: see verbs.h.  Patterns are ordered per verb block by TABARI length (longest
 * first), file order among equals. */
int verbd_finish(verbd *v)
{
    if (!v)
        return -1;
    v->discard_verbs = 0;
    v->prefix_hash_ok = prefix_hash_matches();
    vd_table *tabs[4] = {&v->vtab, &v->dtab, &v->itab, &v->ttab};
    for (int k = 0; k < 4; k++)
        if (exact_filter_build(tabs[k]))
            return -1;
    for (size_t k = 0; k < v->verbs.n; k++)
        if (v->verbs.v[k].code && strcmp(v->verbs.v[k].code, "###") == 0)
            v->discard_verbs = 1;
    if (first_masks_build(v))
        return -1;
    if (v->pats.n)
        qsort(v->pats.v, v->pats.n, sizeof *v->pats.v, pat_cmp);
    if (vd_pattern_keys_build(v))
        return -1;
    v->block_first.n = v->block_n.n = 0;
    if (VEC_RESERVE(&v->block_first, (size_t)v->nblocks + 1) ||
        VEC_RESERVE(&v->block_n, (size_t)v->nblocks + 1))
        return -1;
    for (uint32_t b = 0; b <= v->nblocks; b++) {
        v->block_first.v[b] = 0;
        v->block_n.v[b] = 0;
    }
    v->block_first.n = v->block_n.n = (size_t)v->nblocks + 1;
    for (size_t k = v->pats.n; k-- > 0;) {
        uint32_t b = v->pats.v[k].block;
        v->block_first.v[b] = (uint32_t)k;
        v->block_n.v[b]++;
    }
    v->finished = 1;
    return 0;
}

size_t verbd_count_verbs(const verbd *v) { return v ? v->verbs.n - v->ntime : 0; }
size_t verbd_count_patterns(const verbd *v) { return v ? v->pats.n : 0; }
size_t verbd_count_synsets(const verbd *v) { return v ? v->synsets.n : 0; }
size_t verbd_count_discards(const verbd *v) { return v ? v->discards.n : 0; }

size_t verbd_count_issues(const verbd *v)
{
    size_t k = 0;
    if (v)
        for (size_t i = 0; i < v->issues.n; i++)
            k += v->issues.v[i].code != NULL;
    return k;
}

static int load_path(verbd *v, const char *path, dy_diag_fn diag, void *ud,
                     int (*fn)(verbd *, const char *, const char *, size_t, dy_diag_fn, void *))
{
    char *data = NULL;
    size_t len = 0;
    if (!v || !path)
        return -1;
    if (file_read_all(path, &data, &len)) {
        diag_emit(diag, ud, DY_ERROR, DY_EIO, path, 0, NULL, -1, "cannot read file");
        return -1;
    }
    int rc = fn(v, path, data, len, diag, ud);
    free(data);
    return rc;
}

int verbd_load_file(verbd *v, const char *path, dy_diag_fn diag, void *ud)
{
    return load_path(v, path, diag, ud, vd_load_verbs);
}

int verbd_load_discards(verbd *v, const char *path, dy_diag_fn diag, void *ud)
{
    return load_path(v, path, diag, ud, vd_load_discards);
}

int verbd_load_issues(verbd *v, const char *path, dy_diag_fn diag, void *ud)
{
    return load_path(v, path, diag, ud, vd_load_issues);
}

int verbd_load_mem(verbd *v, const char *name, const char *data, size_t len, dy_diag_fn diag,
                   void *ud)
{
    return v && (data || !len) ? vd_load_verbs(v, name, data, len, diag, ud) : -1;
}

int verbd_load_discards_mem(verbd *v, const char *name, const char *data, size_t len,
                            dy_diag_fn diag, void *ud)
{
    return v && (data || !len) ? vd_load_discards(v, name, data, len, diag, ud) : -1;
}

int verbd_load_issues_mem(verbd *v, const char *name, const char *data, size_t len,
                          dy_diag_fn diag, void *ud)
{
    return v && (data || !len) ? vd_load_issues(v, name, data, len, diag, ud) : -1;
}
