/*
 * verbs_match.c - the pattern matcher (TABARI semantics: words before '*' precede the verb,
 * words after follow it, in order; a blank allows intervening words, '_' demands adjacency;
 * $ + % ^ bind or skip the actors the coder found), and the discard and issue look-ups.
 * Matching allocates nothing: it backtracks over the clause with a step budget.
 */
#include <stdio.h>
#include <string.h>

#include "dict/verbs_int.h"

/* Upper bound on backtracking steps for one pattern (pathological patterns fail). */
#define VD_MATCH_BUDGET 200000L

/* A 256-bit summary of the words of a token range: bit sig_key(first byte, second byte) and
 * bit sig_key(first byte, 0) of every token.  A word element whose dictionary word w
 * matches some token of the range shares that token's first one or two bytes (see
 * word_sig_key), so a pattern with a word whose bit is clear cannot match: patterns are
 * checked against it before they are tried (pattern_possible). */
typedef struct token_sig {
    uint64_t bits[4];
} token_sig;

static inline unsigned sig_key(unsigned char c0, unsigned char c1)
{
    return ((unsigned)c0 * 0x9E3779B1u + (unsigned)c1 * 0x85EBCA77u + (c1 ? 0x27D4EB2Fu : 0)) >> 24;
}

static inline void sig_add(token_sig *s, unsigned key) { s->bits[key >> 6] |= 1ull << (key & 63); }

static inline int sig_has(const token_sig *s, unsigned key)
{
    return (s->bits[key >> 6] >> (key & 63)) & 1;
}

typedef struct mctx {
    const verbd *v;
    const text_tok *toks;
    size_t lo, hi, vstart, vend;
    const verbd_actor *actors;
    size_t nact;
    int src, tgt, comp;
    size_t span_start, span_end;
    uint32_t deficit, deficit_out;
    long steps;
    int petr; /* the verb comes from a PETRARCH file: '^' may also skip a noun phrase */
    token_sig before, after; /* the tokens [lo, vstart) and [vend, hi) */
    /* The first byte of the upper-case form of token p at first[p - lo] (0 for an empty
     * one), so that the word and synset loops of m_seq read one byte per token, not the
     * token and its form; NULL when verbd_match could not make it (see FIRST_ROOM), and
     * then the tokens are read. */
    const unsigned char *first;
} mctx;

/* Room for the first bytes of a clause's tokens in verbd_match's frame (longer clauses,
 * rare, are matched reading the tokens). */
#define FIRST_ROOM 256

/* What remains to match after a synset member or alternative: els[0..n), then next. */
typedef struct kont {
    const vd_el *els;
    uint32_t n;
    const struct kont *next;
    int open; /* the first element may start anywhere (see vd_synset.open_after_multi) */
} kont;

static int m_seq(mctx *c, const vd_el *els, uint32_t n, const kont *k, size_t pos, int exact,
                 int verb_done, size_t first);

/* Is word element e a clitic written as its own word, as Penn TreeBank tokenizes
 * contractions ("N'T", "'LL", "'RE", "'VE", "'D", "'M")?  The tokenizer keeps DIDN'T whole. */
static int is_clitic(const vd_el *e)
{
    return (e->wlen >= 2 && e->w[0] == '\'') ||
           (e->wlen >= 3 && e->w[0] == 'N' && e->w[1] == '\'');
}

/* Does token tok spell word a immediately followed by the clitic b ("DID" + "N'T")? */
static int joined_match(const vd_el *a, const vd_el *b, const text_tok *tok)
{
    size_t al = a->wlen, bl = b->wlen;
    if (tok->uplen != al + bl || memcmp(tok->up, a->w, al) != 0)
        return 0;
    return memcmp(tok->up + al, b->w, bl) == 0;
}

/* Last actor index of the compound starting at actor a (a itself if single). */
static size_t compound_end(const mctx *c, size_t a, int require)
{
    const verbd_actor *A = c->actors;
    if (A[a].group) {
        size_t b = a;
        while (b + 1 < c->nact && A[b + 1].group == A[a].group)
            b++;
        return b;
    }
    if (!require || a + 1 >= c->nact)
        return a;
    /* no group given: "X and Y" / "X, Y and Z" written as separate actors */
    size_t b = a;
    while (b + 1 < c->nact) {
        size_t t = A[b].end, e = A[b + 1].start;
        int ok = t < e;
        for (; ok && t < e; t++) {
            const text_tok *tk = &c->toks[t];
            if (!(tk->uplen == 3 && memcmp(tk->up, "AND", 3) == 0) && !(tk->flags & TOK_COMMA))
                ok = 0;
        }
        if (!ok)
            break;
        b++;
    }
    return b;
}

/* Words that end a word-level noun phrase for '^' (prepositions, conjunctions, clause
 * words). */
static const char *const NP_STOP[] = {"OF", "IN", "ON", "AT", "TO", "FOR", "FROM", "WITH",
    "ABOUT", "AGAINST", "BY", "INTO", "OVER", "UNDER", "THROUGH", "AFTER", "BEFORE", "AS",
    "AND", "OR", "BUT", "NOR", "THAT", "WHICH", "WHO", "WHILE", "WHEN", "IF", "THAN", "NOT",
    "IS", "ARE", "WAS", "WERE", "BE", "BEEN", "HAS", "HAVE", "HAD", "WILL", "WOULD", NULL};

/* PETRARCH files: the end of a word-level noun phrase starting at pos (an optional
 * determiner, then words up to the next preposition, conjunction, comma, verb or actor),
 * or pos if there is none.  PETRARCH's '^' skips a noun phrase of the parse, coded or not
 * ("warned their populations about +"). */
static size_t np_end(const mctx *c, size_t pos, size_t limit)
{
    size_t p = pos;
    while (p < limit) {
        const text_tok *t = &c->toks[p];
        if (!(t->flags & TOK_WORD) || (t->flags & TOK_COMMA))
            break;
        int stop = 0;
        for (const char *const *w = NP_STOP; *w && !stop; w++)
            stop = strlen(*w) == t->uplen && !memcmp(*w, t->up, t->uplen);
        for (size_t a = 0; a < c->nact && !stop; a++)
            stop = c->actors[a].start <= p && p < c->actors[a].end;
        size_t vlen = 0;
        if (!stop && p > pos && verbd_find(c->v, c->toks, limit, p, &vlen))
            stop = 1;
        if (stop)
            break;
        p++;
    }
    const text_tok *t0 = &c->toks[pos];
    if (p == pos + 1 && ((t0->uplen == 3 && !memcmp(t0->up, "THE", 3)) ||
                         (t0->uplen == 2 && !memcmp(t0->up, "AN", 2)) ||
                         (t0->uplen == 1 && t0->up[0] == 'A')))
        return pos; /* a lone determiner is no phrase */
    return p;
}

static int m_actor(mctx *c, const vd_el *e, const vd_el *rest, uint32_t nrest, const kont *k,
                   size_t pos, int exact, int verb_done, size_t first, size_t limit)
{
    for (size_t a = 0; a < c->nact; a++) {
        const verbd_actor *A = &c->actors[a];
        if (A->start < pos || A->end > limit || A->end <= A->start)
            continue;
        if (exact && A->start != pos)
            continue;
        if (a && A->group && c->actors[a - 1].group == A->group)
            continue; /* inside a compound: it starts earlier */
        size_t last = a;
        if (e->kind == VD_EL_COMPOUND) {
            last = compound_end(c, a, 1);
            if (last == a)
                continue;
        } else if (e->kind == VD_EL_SKIP) {
            last = compound_end(c, a, 0);
        }
        int save_s = c->src, save_t = c->tgt, save_c = c->comp;
        if (e->kind == VD_EL_SOURCE)
            c->src = (int)a;
        else if (e->kind == VD_EL_TARGET)
            c->tgt = (int)a;
        else if (e->kind == VD_EL_COMPOUND) {
            c->src = (int)a;
            c->tgt = (int)last;
            c->comp = 1;
        }
        size_t f = first < A->start ? first : A->start;
        if (m_seq(c, rest, nrest, k, c->actors[last].end, nrest ? rest[0].adj : 0, verb_done, f))
            return 1;
        c->src = save_s;
        c->tgt = save_t;
        c->comp = save_c;
        if (exact)
            break;
    }
    if (e->kind == VD_EL_SKIP && c->petr) {
        size_t ne = np_end(c, pos, limit);
        if (ne > pos && m_seq(c, rest, nrest, k, ne, nrest ? rest[0].adj : 0, verb_done,
                              first < pos ? first : pos))
            return 1;
    }
    return 0;
}

static int m_seq(mctx *c, const vd_el *els, uint32_t n, const kont *k, size_t pos, int exact,
                 int verb_done, size_t first)
{
    if (++c->steps > VD_MATCH_BUDGET)
        return 0;
    if (!n) {
        if (k)
            return m_seq(c, k->els, k->n, k->next, pos, k->n && !k->open ? k->els[0].adj : 0,
                         verb_done, first);
        if (!verb_done)
            return 0;
        c->span_start = first;
        c->span_end = pos;
        c->deficit_out = c->deficit;
        return 1;
    }
    const vd_el *e = &els[0];
    const vd_el *rest = els + 1;
    uint32_t nrest = n - 1;
    int radj = nrest ? rest[0].adj : 0;
    size_t limit = verb_done ? c->hi : c->vstart;
    switch (e->kind) {
    case VD_EL_VERB:
        if (verb_done || pos > c->vstart || (exact && pos != c->vstart))
            return 0;
        return m_seq(c, rest, nrest, k, c->vend, radj, 1, first < c->vstart ? first : c->vstart);
    case VD_EL_WORD: {
        /* "DID N'T" written as two words also matches the one token DIDN'T */
        int join = nrest && rest[0].kind == VD_EL_WORD && is_clitic(&rest[0]);
        int jadj = nrest > 1 ? rest[1].adj : 0;
        unsigned char w0 = e->wlen ? (unsigned char)e->w[0] : 0;
        for (size_t p = pos; p < limit; p++) {
            /* every way of matching (the join too) starts with the word's first byte */
            if (w0 && c->first) {
                /* the next token starting with it (first[] is 0 for an empty form) */
                const unsigned char *f = c->first + (p - c->lo);
                if (*f != w0) {
                    if (exact)
                        break;
                    const unsigned char *q = memchr(f, w0, limit - p);
                    if (!q)
                        break;
                    p += (size_t)(q - f);
                }
            } else if (e->wlen && (!c->toks[p].uplen || c->toks[p].up[0] != e->w[0])) {
                if (exact)
                    break;
                continue;
            }
            if (vd_word_match(e, &c->toks[p]) &&
                m_seq(c, rest, nrest, k, p + 1, radj, verb_done, first < p ? first : p))
                return 1;
            if (join && joined_match(e, &rest[0], &c->toks[p]) &&
                m_seq(c, rest + 1, nrest - 1, k, p + 1, jadj, verb_done, first < p ? first : p))
                return 1;
            if (exact)
                break;
        }
        return 0;
    }
    case VD_EL_SYNSET:
    case VD_EL_ALT: {
        const vd_seq *alts;
        uint32_t nalt, longest;
        if (e->kind == VD_EL_SYNSET) {
            const vd_synset *ss = &c->v->synsets.v[e->ref];
            if (!ss->n)
                return 0; /* a synset with no members matches nothing */
            alts = &c->v->seqs.v[ss->first];
            nalt = ss->n;
            longest = ss->chars;
        } else {
            if (!e->cnt)
                return 0;
            alts = &c->v->seqs.v[e->ref];
            nalt = e->cnt;
            longest = e->wlen;
        }
        int open_multi = e->kind == VD_EL_SYNSET &&
                         c->v->synsets.v[e->ref].open_after_multi;
        kont k2 = {rest, nrest, k, 0};
        /* first bytes the members can start with (verbd_finish); all ones: no filter */
        size_t eidx = (size_t)(e - c->v->els.v);
        uint64_t fmask = c->v->el_first_mask.n == c->v->els.n && eidx < c->v->els.n
                             ? c->v->el_first_mask.v[eidx]
                             : ~0ull;
        for (size_t p = pos; p < limit; p++) {
            const text_tok *tp = &c->toks[p];
            /* the token's first byte, 0 for an empty form */
            unsigned char t0 = c->first ? c->first[p - c->lo]
                                        : tp->uplen ? (unsigned char)tp->up[0] : 0;
            if (fmask != ~0ull && (!t0 || !((fmask >> (t0 & 63)) & 1))) {
                /* every member starts with a word, none with this token's first byte: each
                 * would be skipped below, one step each */
                c->steps += nalt;
                if (exact)
                    break;
                continue;
            }
            for (uint32_t a = 0; a < nalt; a++) {
                const vd_seq *sq = &alts[a];
                const vd_el *f = &c->v->els.v[sq->first];
                /* a member starting with a word whose first byte is not the token's fails
                 * at once in m_seq: count its step and go on without the call */
                if (sq->n && f->kind == VD_EL_WORD && f->wlen &&
                    (!t0 || t0 != (unsigned char)f->w[0])) {
                    ++c->steps;
                    continue;
                }
                uint32_t save = c->deficit;
                k2.open = open_multi && sq->n > 1;
                if (e->kind == VD_EL_ALT && longest > sq->chars)
                    c->deficit += longest - sq->chars;
                if (m_seq(c, &c->v->els.v[sq->first], sq->n, &k2, p, 1, verb_done, first))
                    return 1;
                c->deficit = save;
            }
            if (exact)
                break;
        }
        return 0;
    }
    default:
        return m_actor(c, e, rest, nrest, k, pos, exact, verb_done, first, limit);
    }
}

/* The summary of tokens [from, to); with first, also their first bytes at first[p - from]
 * (0 for an empty form).  Returns 0 if a token's form starts with a NUL byte (first[]
 * could not tell it from an empty one), else 1. */
static int sig_build(token_sig *s, const text_tok *toks, size_t from, size_t to,
                     unsigned char *first)
{
    memset(s, 0, sizeof *s);
    int ok = 1;
    for (size_t p = from; p < to; p++) {
        const text_tok *t = &toks[p];
        if (!t->uplen) {
            if (first)
                first[p - from] = 0;
            continue;
        }
        unsigned char c0 = (unsigned char)t->up[0];
        if (first) {
            first[p - from] = c0;
            ok &= c0 != 0;
        }
        sig_add(s, sig_key(c0, 0));
        if (t->uplen >= 2)
            sig_add(s, sig_key(c0, (unsigned char)t->up[1]));
    }
    return ok;
}

/* The summary bit a token matching word element e must set, or -1 if there is no such bit
 * (an empty word).  vd_word_match shares the whole word with the token (exact, stem) or
 * at least all but its last byte (Y->IES, E->ING endings); a clitic is matched inside the
 * word before it ("DIDN'T") and gives no bit either. */
static int word_sig_key(const vd_el *e)
{
    if (!e->wlen || is_clitic(e))
        return -1;
    size_t shared = e->wlen;
    if (e->mode != VD_WM_EXACT && e->mode != VD_WM_STEM && shared >= 2)
        shared--;
    unsigned char c0 = (unsigned char)e->w[0];
    return (int)sig_key(c0, shared >= 2 ? (unsigned char)e->w[1] : 0);
}

/* Bit 8 of a pat_keys entry: the word stands after the verb. */
#define PAT_KEY_AFTER 0x100u

/* Contract: see verbs_int.h.  The keys are those pattern_possible would work out from the
 * elements, in the same order. */
int vd_pattern_keys_build(verbd *v)
{
    v->pat_keys.n = v->pat_keys_first.n = 0;
    if (VEC_RESERVE(&v->pat_keys_first, v->pats.n + 1))
        return -1;
    for (size_t k = 0; k < v->pats.n; k++) {
        const vd_pat *pt = &v->pats.v[k];
        v->pat_keys_first.v[k] = (uint32_t)v->pat_keys.n;
        uint16_t side = 0;
        for (uint32_t j = 0; j < pt->n; j++) {
            const vd_el *e = &v->els.v[pt->first + j];
            if (e->kind == VD_EL_VERB) {
                side = PAT_KEY_AFTER;
            } else if (e->kind == VD_EL_WORD) {
                int key = word_sig_key(e);
                if (key >= 0 && VEC_PUSH(&v->pat_keys, (uint16_t)(side | (unsigned)key))) {
                    v->pat_keys.n = 0;
                    return -1;
                }
            }
        }
        if (v->pat_keys.n > UINT32_MAX) {
            v->pat_keys.n = 0; /* offsets are 32-bit: no precomputed keys */
            return 0;
        }
    }
    v->pat_keys_first.v[v->pats.n] = (uint32_t)v->pat_keys.n;
    v->pat_keys_first.n = v->pats.n + 1;
    return 0;
}

/* Can pattern pt match at all?  0 when one of its plain words (outside alternatives and
 * synsets) has no token it could match on its side of the verb.  Only a cheap necessary
 * condition: 1 does not mean it matches.  Tried for some twenty patterns per verb, so the
 * keys come precomputed (pat_keys) when verbd_finish made them. */
static inline int pattern_possible(const mctx *c, const vd_pat *pt)
{
    const verbd *v = c->v;
    if (v->pat_keys_first.n == v->pats.n + 1) {
        size_t k = (size_t)(pt - v->pats.v);
        for (uint32_t j = v->pat_keys_first.v[k]; j < v->pat_keys_first.v[k + 1]; j++) {
            unsigned key = v->pat_keys.v[j];
            if (!sig_has(key & PAT_KEY_AFTER ? &c->after : &c->before, key & 0xffu))
                return 0;
        }
        return 1;
    }
    const vd_el *els = &c->v->els.v[pt->first];
    const token_sig *side = &c->before;
    for (uint32_t k = 0; k < pt->n; k++) {
        const vd_el *e = &els[k];
        if (e->kind == VD_EL_VERB) {
            side = &c->after;
        } else if (e->kind == VD_EL_WORD) {
            int key = word_sig_key(e);
            if (key >= 0 && !sig_has(side, (unsigned)key))
                return 0;
        }
    }
    return 1;
}

static inline int try_pattern(mctx *c, const vd_pat *pt)
{
    if (!pattern_possible(c, pt))
        return 0;
    c->src = c->tgt = -1;
    c->comp = 0;
    c->deficit = c->deficit_out = 0;
    c->steps = 0;
    const vd_el *els = &c->v->els.v[pt->first];
    return m_seq(c, els, pt->n, NULL, c->lo, 0, 0, (size_t)-1);
}

static void trace_line(dy_trace_fn trace, void *ud, const vd_pat *pt, int ok)
{
    char line[160];
    /* a trace line is informational: long patterns are shortened for display only */
    snprintf(line, sizeof line, "  pattern \"%.100s\" [%s%s%s]: %s", pt->text, pt->code,
             pt->code2 ? ":" : "", pt->code2 ? pt->code2 : "", ok ? "match" : "no match");
    trace(ud, line);
}

/* Contract: see verbs.h. */
int verbd_match(const verbd *v, const verbd_verb *vb, const text_tok *toks, size_t lo,
                size_t hi, size_t vstart, size_t vend, const verbd_actor *actors,
                size_t nactors, verbd_result *r, dy_trace_fn trace, void *trace_ud)
{
    memset(r, 0, sizeof *r);
    r->source = r->target = -1;
    r->span_start = vstart;
    r->span_end = vend;
    r->code = vb ? vb->code : "---";
    r->code2 = vb ? vb->code2 : NULL;
    r->subordinate = vb && (vb->flags & VD_CF_SUBORD);
    r->dominant = vb && (vb->flags & VD_CF_DOMINANT);
    r->reversed = vb && (vb->flags & VD_CF_REVERSED);
    r->pattern_text = "";
    if (!v || !vb || !toks || !v->finished || vstart < lo || vend > hi || vstart >= vend ||
        vb->block >= v->block_first.n)
        return 0;
    mctx c = {v, toks, lo, hi, vstart, vend, actors, actors ? nactors : 0, -1, -1, 0, 0, 0,
              0, 0, 0, (vb->flags & VD_VF_PETR) != 0, {{0}}, {{0}}, NULL};
    uint32_t bf = v->block_first.v[vb->block], bn = v->block_n.v[vb->block];
    unsigned char first[FIRST_ROOM];
    if (bn) {
        int room = hi - lo <= FIRST_ROOM;
        int ok = sig_build(&c.before, toks, lo, vstart, room ? first : NULL);
        ok &= sig_build(&c.after, toks, vend, hi, room ? first + (vend - lo) : NULL);
        for (size_t p = vstart; room && p < vend; p++) { /* the verb's tokens */
            unsigned char c0 = toks[p].uplen ? (unsigned char)toks[p].up[0] : 1;
            first[p - lo] = toks[p].uplen ? c0 : 0;
            ok &= c0 != 0;
        }
        if (room && ok)
            c.first = first;
    }
    for (uint32_t i = 0; i < bn; i++) {
        const vd_pat *pt = &v->pats.v[bf + i];
        int ok = try_pattern(&c, pt);
        if (trace)
            trace_line(trace, trace_ud, pt, ok);
        if (!ok)
            continue;
        if (pt->has_alt && c.deficit_out) {
            /* 5.7.1: longer patterns than the alternative actually matched go first */
            uint32_t actual = pt->chars - c.deficit_out;
            mctx save = c;
            for (uint32_t j = i + 1; j < bn && v->pats.v[bf + j].chars > actual; j++) {
                const vd_pat *q = &v->pats.v[bf + j];
                int okq = try_pattern(&c, q);
                if (trace)
                    trace_line(trace, trace_ud, q, okq);
                if (okq) {
                    pt = q;
                    save = c;
                    break;
                }
            }
            c = save;
        }
        r->pattern = (const verbd_pattern *)pt;
        r->pattern_text = pt->text;
        r->code = pt->code;
        r->code2 = pt->code2;
        r->subordinate = (pt->flags & VD_CF_SUBORD) != 0;
        r->dominant = (pt->flags & VD_CF_DOMINANT) != 0;
        r->reversed = (pt->flags & VD_CF_REVERSED) != 0;
        r->source = c.src;
        r->target = c.tgt;
        r->compound = c.comp;
        r->span_start = c.span_start < vstart ? c.span_start : vstart;
        r->span_end = c.span_end > vend ? c.span_end : vend;
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------------ discards */

typedef struct first_hit {
    const vd_phrase *p;
    size_t ntok;
} first_hit;

static int first_visit(void *ud, const vd_phrase *p, size_t ntok, size_t nwords)
{
    (void)nwords;
    ((first_hit *)ud)->p = p;
    ((first_hit *)ud)->ntok = ntok;
    return 1;
}

/* The code of the TABARI <TIME> phrase starting at token i (its patterns tried against the
 * whole sentence, as for a verb), or NULL if no time phrase starts there. */
static const char *time_code_at(const verbd *v, const text_tok *toks, size_t n, size_t i)
{
    first_hit h = {NULL, 0};
    if (!v->ttab.ents.n || !vd_table_visit(v, &v->ttab, toks, n, i, first_visit, &h))
        return NULL;
    const verbd_verb *vb = &v->verbs.v[h.p->payload];
    size_t ntok = h.ntok ? h.ntok : 1;
    if (i + ntok > n)
        ntok = n - i;
    verbd_result r;
    verbd_match(v, vb, toks, 0, n, i, i + ntok, NULL, 0, &r, NULL, NULL);
    return r.code;
}

/* Contract: see verbs.h. */
const char *verbd_discard(const verbd *v, const text_tok *toks, size_t n)
{
    if (!v || !toks)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        first_hit h = {NULL, 0};
        if (v->dtab.ents.n && vd_table_may_start(&v->dtab, &toks[i]) &&
            vd_table_visit(v, &v->dtab, toks, n, i, first_visit, &h))
            return v->discards.v[h.p->payload].code;
        size_t nt;
        /* after verbd_finish, discard_verbs says whether any verb is coded ### */
        const verbd_verb *vb = !v->finished || v->discard_verbs ? verbd_find(v, toks, n, i, &nt)
                                                                 : NULL;
        if (vb && strcmp(vb->code, "###") == 0)
            return "###";
        const char *tc = time_code_at(v, toks, n, i);
        if (tc && (strcmp(tc, "###") == 0 || strcmp(tc, "+++") == 0))
            return strcmp(tc, "###") == 0 ? "###" : "+++";
    }
    return NULL;
}

/* Contract: see verbs.h. */
int verbd_time_shift(const verbd *v, const text_tok *toks, size_t n, long *days)
{
    if (!v || !toks || !v->ttab.ents.n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        const char *tc = time_code_at(v, toks, n, i);
        if (!tc)
            continue;
        const char *p = tc;
        int neg = *p == '-';
        if (*p == '+' || *p == '-')
            p++;
        if (!ascii_isdigit((unsigned char)*p))
            continue; /* null, discard or complexity code: not a shift */
        long d = 0;
        while (ascii_isdigit((unsigned char)*p) && d <= 8192)
            d = d * 10 + (*p++ - '0');
        if (*p || d > 8192)
            continue; /* TABARI's limit: larger shifts are not used */
        if (days)
            *days = neg ? -d : d;
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------------ issues */

typedef struct issue_scan {
    const verbd *v;
    dy_buf *out;
    size_t base;
    int ignore, err, collect;
} issue_scan;

static int issue_visit(void *ud, const vd_phrase *p, size_t ntok, size_t nwords)
{
    issue_scan *s = ud;
    (void)ntok;
    (void)nwords;
    const char *code = s->v->issues.v[p->payload].code;
    if (!code) {
        s->ignore = 1;
        return 1;
    }
    if (!s->collect)
        return 0;
    size_t cl = strlen(code);
    const char *have = s->out->s ? s->out->s + s->base : "";
    for (const char *q = have; *q;) {
        const char *e = strchr(q, ',');
        size_t l = e ? (size_t)(e - q) : strlen(q);
        if (l == cl && memcmp(q, code, cl) == 0)
            return 0;
        q += l + (e != NULL);
    }
    if ((s->out->len > 0 && buf_putc(s->out, ',')) || buf_append(s->out, code, cl)) {
        s->err = 1;
        return 1;
    }
    return 0;
}

/* Contract: see verbs.h. */
int verbd_issues(const verbd *v, const text_tok *toks, size_t n, dy_buf *out)
{
    if (!v || !toks || !out || !v->itab.ents.n)
        return 0;
    /* one pass collecting; an ignore phrase (which stops the visit) takes back all */
    issue_scan s = {v, out, out->len, 0, 0, 1};
    for (size_t i = 0; i < n && !s.err && !s.ignore; i++)
        vd_table_visit(v, &v->itab, toks, n, i, issue_visit, &s);
    if (s.err) { /* out of memory: is there an ignore phrase further on? */
        s.collect = 0;
        for (size_t i = 0; i < n && !s.ignore; i++)
            vd_table_visit(v, &v->itab, toks, n, i, issue_visit, &s);
    }
    if (s.err || s.ignore) {
        out->len = s.base;
        if (out->s)
            out->s[out->len] = 0;
    }
    return s.ignore ? 0 : s.err ? -1 : 0;
}
