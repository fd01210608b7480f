/*
 * verbs_int.h - internal representation shared by the verbs_*.c files: pattern elements,
 * sequences, synsets, patterns, verbs and the phrase tables used to find verbs, discards
 * and issue phrases.  Not part of any public interface.
 */
#ifndef DY_VERBS_INT_H
#define DY_VERBS_INT_H

#include "dict/verbs.h"

/* How a dictionary word matches a token. */
enum {
    VD_WM_EXACT = 0,   /* the whole token */
    VD_WM_STEM = 1,    /* the token starts with the word */
    VD_WM_ENDINGS = 2, /* the word, or the word plus a regular noun/verb ending */
    VD_WM_PLURAL = 3   /* the word or its regular plural (S, ES, Y->IES) */
};

/* Kinds of pattern element. */
enum {
    VD_EL_WORD = 0, VD_EL_SYNSET, VD_EL_ALT, VD_EL_VERB, VD_EL_SOURCE, VD_EL_TARGET,
    VD_EL_COMPOUND, VD_EL_SKIP
};

typedef struct vd_el {
    uint8_t kind, mode, adj; /* adj: must start right where the previous element ended */
    uint32_t ref, cnt;       /* synset: ref = id; alt: ref = first seq, cnt = alternatives */
    const char *w;           /* word (upper case, NUL-terminated) */
    uint32_t wlen;
} vd_el;

typedef struct vd_seq {
    uint32_t first, n; /* elements els[first .. first+n) */
    uint32_t chars;    /* length as TABARI counts it */
} vd_seq;

typedef struct vd_synset {
    const char *name;
    uint32_t first, n; /* member sequences seqs[first .. first+n) */
    uint32_t chars;    /* longest member */
    int open_after_multi; /* TABARI: after a multi-word member, '_' to the next element
                             does not demand adjacency (validation SYNSET-22h/22i) */
} vd_synset;

enum { VD_CF_SUBORD = 1, VD_CF_DOMINANT = 2, VD_CF_REVERSED = 4 };
/* Verb-only flags (verbd_verb.flags), beside the code flags above. */
enum {
    VD_VF_PETR = 1u << 8, /* read from a PETRARCH file: a later definition of the same
                             form wins over an earlier one */
    VD_VF_MODAL = 1u << 9 /* PETRARCH modal auxiliary (SHOULD, WOULD...): yields to a
                             verb that follows it in the clause */
};

typedef struct vd_pat {
    uint32_t first, n;     /* elements */
    const char *text;      /* as written */
    const char *code, *code2;
    uint32_t flags, chars, order, block;
    int has_alt;
} vd_pat;

struct verbd_verb {
    const char *name, *code, *code2;
    uint32_t flags, block;
};

/* A phrase table entry: a run of VD_EL_WORD elements keyed by its first word. */
typedef struct vd_phrase {
    uint32_t first, n;  /* elements */
    uint32_t payload;   /* verb index, discard index, issue index */
    uint32_t next;      /* next entry with the same key, 0 = none (entries are 1-based) */
    uint8_t generated;  /* verb forms made by vform_inflect rank below listed ones */
} vd_phrase;

typedef struct vd_table {
    dy_intern exact, stem; /* keys */
    VEC(uint32_t) head_exact, head_stem; /* key id -> first entry (1-based) */
    VEC(vd_phrase) ents;   /* ents.v[0] unused */
    size_t maxstem;        /* longest stem key */
    /* Derived, rebuilt by verbd_finish (not serialised), emptied by vd_table_add: a filter
     * of the exact keys (two bits per key, hashed from the length and the first two and
     * last two bytes: vd_exact_filter_bits); a token whose bits are not both set has no
     * exact key.  Empty: no filter. */
    VEC(uint64_t) exact_filter;
} vd_table;

typedef struct vd_discard {
    const char *code; /* "" sentence, "+" story */
} vd_discard;

typedef struct vd_issue {
    const char *code; /* NULL for an ignore phrase */
} vd_issue;

struct verbd {
    dy_arena arena;
    VEC(vd_el) els;
    VEC(vd_seq) seqs;
    VEC(vd_synset) synsets;
    dy_intern synset_names; /* id -> synsets.v[id-1] */
    VEC(vd_pat) pats;
    VEC(verbd_verb) verbs;
    VEC(uint32_t) block_first, block_n; /* after finish: pats sorted by block */
    uint32_t nblocks;
    vd_table vtab, dtab, itab;
    vd_table ttab;          /* TABARI <TIME> phrases (payload: verb index) */
    size_t ntime;           /* how many of verbs are <TIME> phrases */
    VEC(vd_discard) discards;
    VEC(vd_issue) issues;
    size_t npatterns_loaded;
    size_t max_pattern;     /* loading policy: a pattern of more elements is skipped with a
                               warning; 0 = no limit (verbd_set_max_pattern; not serialised) */
    int finished;
    /* Derived, rebuilt by verbd_finish (not serialised): 1 if some verb's own code is
     * "###" (a TABARI discard verb), else 0; verbd_discard looks verbs up only then. */
    int discard_verbs;
    /* Derived, rebuilt by verbd_finish (not serialised): 1 if vd_table_visit may hash the
     * token's prefixes incrementally (verbd_finish checked that its hash equals util's
     * hash_bytes, which the key tables were built with), else 0: intern_find per prefix. */
    int prefix_hash_ok;
    /* Derived, rebuilt by verbd_finish (not serialised): for each synset or alternatives
     * element els.v[k], bit (b & 63) of el_first_mask.v[k] is set for the first byte b of
     * every member that starts with a non-empty word; all bits when some member starts
     * otherwise.  m_seq skips a token whose first byte no member can start with (counting
     * the steps the members would have taken).  Empty (n != els.n) before verbd_finish. */
    VEC(uint64_t) el_first_mask;
    /* Derived, rebuilt by verbd_finish (not serialised): the summary keys the plain words
     * of pattern pats.v[k] need (see pattern_possible in verbs_match.c), in element order,
     * are pat_keys.v[pat_keys_first.v[k] .. pat_keys_first.v[k + 1]): the key in bits 0-7,
     * bit 8 set for a word after the verb.  Empty (n != pats.n + 1) before verbd_finish or
     * after patterns were added: the keys are then worked out from the elements. */
    VEC(uint16_t) pat_keys;
    VEC(uint32_t) pat_keys_first;
};

/* verbs.c */
int vd_table_add(verbd *v, vd_table *t, uint32_t first, uint32_t n, uint32_t payload,
                 int generated);
int vd_word_match(const vd_el *e, const text_tok *tok);
/* Calls fn for every table entry whose words match at token i (contiguous words must be
 * adjacent; gapped words must come later, before a comma or the end); stops when fn
 * returns nonzero and returns that value. */
typedef int (*vd_visit_fn)(void *ud, const vd_phrase *p, size_t ntok, size_t nwords);
int vd_table_visit(const verbd *v, const vd_table *t, const text_tok *toks, size_t n, size_t i,
                   vd_visit_fn fn, void *ud);

/* The two bit positions of key s[0..n) (n >= 1) in an exact-key filter of nbits bits (a
 * power of two, at least 64): from its length and its first two and last two bytes (the
 * same byte twice in a one-byte key; with the first and last bytes alone, about a third of
 * the words of a sentence passed the verb table's filter). */
static inline void vd_exact_filter_bits(const char *s, size_t n, size_t nbits, size_t *b1,
                                        size_t *b2)
{
    size_t second = n > 1 ? 1 : 0;
    uint64_t k = ((uint64_t)n << 32) | ((uint64_t)(unsigned char)s[0] << 24) |
                 ((uint64_t)(unsigned char)s[second] << 16) |
                 ((uint64_t)(unsigned char)s[n - 1 - second] << 8) | (unsigned char)s[n - 1];
    uint64_t x = (k + 1) * 0x9E3779B97F4A7C15ULL;
    *b1 = (size_t)(x >> 40) & (nbits - 1);
    *b2 = (size_t)(x >> 16) & (nbits - 1);
}

/* 1 if the exact keys of t may hold s[0..n) (always, when t has no filter). */
static inline int vd_exact_filter_may_hold(const vd_table *t, const char *s, size_t n)
{
    size_t nbits = t->exact_filter.n * 64;
    if (!nbits)
        return 1;
    size_t b1, b2;
    vd_exact_filter_bits(s, n, nbits, &b1, &b2);
    const uint64_t *f = t->exact_filter.v;
    return (f[b1 >> 6] >> (b1 & 63) & 1) && (f[b2 >> 6] >> (b2 & 63) & 1);
}

/* 0 when vd_table_visit would find nothing at token tok without hashing it (the first test
 * it makes): an empty token, or a table with no stem keys whose exact keys are none or rule
 * the token out by the filter; 1 otherwise.  For callers, to skip the call: nearly every
 * token is looked up in the verb and discard tables, and few can start an entry. */
static inline int vd_table_may_start(const vd_table *t, const text_tok *tok)
{
    if (!tok->uplen)
        return 0;
    if (t->stem.nslots)
        return 1;
    return t->exact.nslots && vd_exact_filter_may_hold(t, tok->up, tok->uplen);
}

/* verbs_match.c: build pat_keys and pat_keys_first (after the patterns are sorted).  0, or
 * -1 on ENOMEM (both left empty then). */
int vd_pattern_keys_build(verbd *v);

/* verbs_load.c */
int vd_load_verbs(verbd *v, const char *name, const char *data, size_t len, dy_diag_fn diag,
                  void *ud);
int vd_load_discards(verbd *v, const char *name, const char *data, size_t len,
                     dy_diag_fn diag, void *ud);
int vd_load_issues(verbd *v, const char *name, const char *data, size_t len, dy_diag_fn diag,
                   void *ud);

#endif
