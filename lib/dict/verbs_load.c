/*
 * verbs_load.c - readers for verb dictionaries (TABARI .verbs, PETRARCH-1 verb patterns,
 * PETRARCH2 CAMEO.2.0 verbs), synsets, PETRARCH discard lists and issue files.  Every
 * line that cannot be used is reported as a DY_WARNING with file:line and skipped.
 * Latin-1 lines are converted to UTF-8.  See docs/VERBS.md for the formats as read here.
 */
#include <stdlib.h>
#include <string.h>

#include "dict/verbs_int.h"

enum { FMT_TABARI = 0, FMT_PETR = 1 };

typedef VEC(vd_el) el_vec;

typedef struct loader {
    verbd *v;
    const char *name;
    dy_diag_fn diag;
    void *ud;
    long line;
    int fmt;
    long cur_verb;      /* TABARI: verb index for { } forms; -1 none */
    long cur_block;     /* block for patterns; -1 none */
    const char *block_code, *block_code2;
    uint32_t block_flags;
    long cur_synset;    /* synset receiving + members; -1 none */
    int synset_noplural;
    size_t ignored_transform, ignored_section;
    int in_time;        /* TABARI: inside <TIME> ... </TIME> */
    dy_buf line_buf, work, gen;
    el_vec top;
} loader;

static void warn(loader *L, const char *why, const char *text, size_t n)
{
    diag_emit(L->diag, L->ud, DY_WARNING, DY_EPARSE, L->name, L->line, NULL, -1,
              "%s: \"%.*s\"", why, (int)(n > 120 ? 120 : n), text);
}

/* Is s[0..n) valid UTF-8? */
static int utf8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t k;
        if (c < 0x80)
            k = 0;
        else if ((c >> 5) == 6)
            k = 1;
        else if ((c >> 4) == 14)
            k = 2;
        else if ((c >> 3) == 30)
            k = 3;
        else
            return 0;
        if (k && i + k >= n)
            return 0;
        for (size_t j = 1; j <= k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
        i += k + 1;
    }
    return 1;
}

/* The line as UTF-8 (Latin-1 converted), in L->line_buf. */
static int line_utf8(loader *L, const char *s, size_t n)
{
    buf_clear(&L->line_buf);
    if (utf8_valid((const unsigned char *)s, n))
        return buf_append(&L->line_buf, s, n);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (buf_putc(&L->line_buf, (char)c))
                return -1;
        } else {
            if (buf_putc(&L->line_buf, (char)(0xC0 | (c >> 6))) ||
                buf_putc(&L->line_buf, (char)(0x80 | (c & 0x3F))))
                return -1;
        }
    }
    return 0;
}

/* Cut a comment starting at ch outside [...]; trim blanks; returns new length. */
static size_t strip_comment(char *s, size_t n, char ch)
{
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '[')
            depth++;
        else if (s[i] == ']' && depth)
            depth--;
        else if (s[i] == ch && !depth) {
            n = i;
            break;
        }
    }
    while (n && ascii_isspace((unsigned char)s[n - 1]))
        n--;
    return n;
}

static const char *skip_ws(const char *s, const char *e)
{
    while (s < e && ascii_isspace((unsigned char)*s))
        s++;
    return s;
}

static char *upper_dup(loader *L, const char *s, size_t n)
{
    char *p = arena_strndup(&L->v->arena, s, n);
    if (p)
        for (size_t i = 0; i < n; i++)
            p[i] = (char)ascii_toupper((unsigned char)p[i]);
    return p;
}

/* Parse a code "[ ... ]" body into code / code2 / flags.  0 ok, 1 bad (warned), -1 ENOMEM. */
static int parse_code(loader *L, const char *s, size_t n, const char **code, const char **code2,
                      uint32_t *flags)
{
    dy_buf *b = &L->work;
    buf_clear(b);
    for (size_t i = 0; i < n; i++)
        if (!ascii_isspace((unsigned char)s[i]) && buf_putc(b, s[i]))
            return -1;
    *flags = 0;
    *code2 = NULL;
    if (b->len && (b->s[b->len - 1] == '?' || b->s[b->len - 1] == '!')) {
        *flags = b->s[b->len - 1] == '?' ? VD_CF_SUBORD : VD_CF_DOMINANT;
        b->s[--b->len] = 0;
    }
    if (!b->len) {
        warn(L, "empty code", s, n);
        return 1;
    }
    if (b->s[0] == ':' && b->len > 1) {
        /* PETRARCH2 "[:173]": the event runs from the clause's object to its subject */
        *flags |= VD_CF_REVERSED;
        memmove(b->s, b->s + 1, b->len);
        b->len--;
    }
    char *colon = memchr(b->s, ':', b->len);
    size_t l1 = colon ? (size_t)(colon - b->s) : b->len;
    if (!l1 || (colon && colon + 1 == b->s + b->len)) {
        warn(L, "malformed paired code", s, n);
        return 1;
    }
    char *c1 = upper_dup(L, b->s, l1);
    if (!c1)
        return -1;
    *code = c1;
    if (colon) {
        char *c2 = upper_dup(L, colon + 1, b->len - l1 - 1);
        if (!c2)
            return -1;
        *code2 = c2;
    }
    return 0;
}

/* Split "PHRASE {forms} [code]" pieces.  Any part may be absent (NULL/0). */
typedef struct line_parts {
    const char *phrase, *forms, *code;
    size_t phrase_n, forms_n, code_n;
    int bad;
} line_parts;

static void split_parts(const char *s, size_t n, line_parts *p)
{
    const char *e = s + n;
    memset(p, 0, sizeof *p);
    const char *lb = memchr(s, '[', n);
    const char *cb = memchr(s, '{', n);
    const char *end_phrase = e;
    if (lb && (!cb || lb < cb))
        end_phrase = lb;
    else if (cb)
        end_phrase = cb;
    p->phrase = s;
    p->phrase_n = (size_t)(end_phrase - s);
    while (p->phrase_n && ascii_isspace((unsigned char)s[p->phrase_n - 1]))
        p->phrase_n--;
    if (cb && (!lb || cb < lb)) {
        const char *ce = memchr(cb, '}', (size_t)(e - cb));
        if (!ce) {
            p->bad = 1;
            return;
        }
        p->forms = cb + 1;
        p->forms_n = (size_t)(ce - cb - 1);
        if (lb && lb < ce)
            p->bad = 1;
    }
    if (lb) {
        const char *rb = memchr(lb, ']', (size_t)(e - lb));
        if (!rb) {
            p->bad = 1;
            return;
        }
        p->code = lb + 1;
        p->code_n = (size_t)(rb - lb - 1);
        const char *rest = skip_ws(rb + 1, e);
        if (rest < e && !(cb && cb > rb))
            p->bad = 2; /* junk after the code: tolerated, reported */
    }
}

static int is_word_char(int c)
{
    return c && !ascii_isspace(c) && c != '_' && c != '~' && c != '{' && c != '}' && c != '|' &&
           c != '[' && c != ']' && c != '-';
}

/* What a phrase may contain besides words. */
enum { LEX_WORDS = 0, LEX_PATTERN = 1, LEX_MEMBER = 2 };

/* Lexer state for one phrase. */
typedef struct lex {
    loader *L;
    int allow_special; /* LEX_PATTERN: * $ + % ^ and { | }; LEX_MEMBER: $ + % ^ only */
    int verb_mode;     /* verb forms: '+' marks the verb word */
    int has_verb, has_alt, bad;
    long plus_word;    /* verb_mode: index of the word marked '+', -1 */
    uint32_t chars;
} lex;

static uint32_t seq_chars(const loader *L, uint32_t first, uint32_t n);

/* Append element to vec; set adjacency. */
static int push_el(el_vec *out, vd_el e) { return VEC_PUSH(out, e); }

/*
 * Lex s[0..n) into elements appended to out.  Alternatives are stored in v->els/v->seqs
 * directly (their elements contiguous), referenced by one VD_EL_ALT element in out.
 * Returns 0, or -1 on ENOMEM; lx->bad is set (and a warning sent) when the text is unusable.
 */
static int lex_phrase(lex *lx, const char *s, size_t n, el_vec *out)
{
    loader *L = lx->L;
    verbd *v = L->v;
    int pending_adj = 0;
    long last_word = -1; /* index in cur of the last word element */
    el_vec alt = {0};
    el_vec *cur = out;
    int in_alt = 0, alt_adj = 0;
    uint32_t alt_first = 0, alt_cnt = 0, alt_chars = 0;
    int dflt = L->fmt == FMT_TABARI ? VD_WM_STEM : VD_WM_ENDINGS;
    int underscore_mode = L->fmt == FMT_TABARI ? VD_WM_ENDINGS : VD_WM_EXACT;
    /* TABARI patterns and synset members (validation suite, SYNSET-19b/21b): a word closed
     * with '_' matches exactly, without the regular endings verb roots and nouns get */
    if (L->fmt == FMT_TABARI && !lx->verb_mode)
        underscore_mode = VD_WM_EXACT;
    if (lx->verb_mode)
        dflt = L->fmt == FMT_TABARI ? VD_WM_STEM : VD_WM_EXACT;
    /* PETRARCH pattern words are whole words: "* RESOLUTION" does not match RESOLUTIONS
     * (PETRARCH-1 validation SYNSET-21b); only synset members get plurals */
    if (L->fmt == FMT_PETR && lx->allow_special == LEX_PATTERN)
        dflt = VD_WM_EXACT;
    size_t i = 0;
    int rc = 0;
#define LEX_FAIL(why)                                                                        \
    do {                                                                                     \
        warn(L, why, s, n);                                                                  \
        lx->bad = 1;                                                                         \
        goto done;                                                                           \
    } while (0)
    while (i < n) {
        int c = (unsigned char)s[i];
        if (ascii_isspace(c) || c == '(' || c == ')') {
            pending_adj = 0;
            i++;
            continue;
        }
        /* TABARI reads a hyphen in a dictionary as '_' (the coder splits hyphenated words) */
        if (c == '_' || (c == '-' && L->fmt == FMT_TABARI)) {
            pending_adj = 1;
            if (last_word >= 0 && cur->v[last_word].mode == dflt)
                cur->v[last_word].mode = (uint8_t)underscore_mode;
            lx->chars++;
            i++;
            continue;
        }
        if (c == '~') {
            /* XXXX~ and XXXX~_YYYY: XXXX stays a stem even when '_' follows */
            if (last_word >= 0)
                cur->v[last_word].mode = VD_WM_STEM;
            last_word = -1;
            i++;
            continue;
        }
        if (c == '{' || c == '|' || c == '}') {
            if (lx->allow_special != LEX_PATTERN)
                LEX_FAIL("alternatives not allowed here");
            if (c == '{') {
                if (in_alt)
                    LEX_FAIL("nested alternatives");
                in_alt = 1;
                alt_adj = pending_adj;
                alt_first = (uint32_t)v->seqs.n;
                alt_cnt = 0;
                alt_chars = 0;
                alt.n = 0;
                cur = &alt;
            } else {
                if (!in_alt)
                    LEX_FAIL("'|' or '}' outside alternatives");
                if (!alt.n)
                    LEX_FAIL("empty alternative");
                vd_seq sq = {(uint32_t)v->els.n, (uint32_t)alt.n, 0};
                for (size_t k = 0; k < alt.n; k++)
                    if (VEC_PUSH(&v->els, alt.v[k])) {
                        rc = -1;
                        goto done;
                    }
                sq.chars = seq_chars(L, sq.first, sq.n);
                if (sq.chars > alt_chars)
                    alt_chars = sq.chars;
                if (VEC_PUSH(&v->seqs, sq)) {
                    rc = -1;
                    goto done;
                }
                alt_cnt++;
                alt.n = 0;
                if (c == '}') {
                    in_alt = 0;
                    cur = out;
                    vd_el e = {VD_EL_ALT, 0, (uint8_t)alt_adj, alt_first, alt_cnt, NULL, alt_chars};
                    lx->has_alt = 1;
                    if (push_el(cur, e)) {
                        rc = -1;
                        goto done;
                    }
                }
            }
            pending_adj = 0;
            last_word = -1;
            i++;
            continue;
        }
        if (lx->allow_special && (c == '$' || c == '+' || c == '%' || c == '^' ||
                                  (c == '*' && lx->allow_special == LEX_PATTERN))) {
            vd_el e = {0};
            e.kind = c == '*' ? VD_EL_VERB : c == '$' ? VD_EL_SOURCE : c == '+' ? VD_EL_TARGET
                     : c == '%' ? VD_EL_COMPOUND : VD_EL_SKIP;
            if (c == '*') {
                if (in_alt)
                    LEX_FAIL("'*' inside alternatives");
                if (lx->has_verb)
                    LEX_FAIL("more than one '*'");
                lx->has_verb = 1;
            }
            e.adj = (uint8_t)pending_adj;
            pending_adj = 0;
            last_word = -1;
            if (push_el(cur, e)) {
                rc = -1;
                goto done;
            }
            i++;
            continue;
        }
        if (c == '&') {
            size_t j = i + 1;
            while (j < n && (ascii_isalpha((unsigned char)s[j]) || ascii_isdigit((unsigned char)s[j])))
                j++;
            char *nm = upper_dup(L, s + i + 1, j - i - 1);
            if (!nm) {
                rc = -1;
                goto done;
            }
            uint32_t id = j > i + 1 ? intern_find(&v->synset_names, nm, j - i - 1) : 0;
            if (!id)
                LEX_FAIL("undefined synset (pattern skipped)");
            vd_el e = {VD_EL_SYNSET, 0, (uint8_t)pending_adj, id - 1, 0, NULL, 0};
            lx->chars += v->synsets.v[id - 1].chars;
            pending_adj = 0;
            last_word = -1;
            if (push_el(cur, e)) {
                rc = -1;
                goto done;
            }
            i = j;
            continue;
        }
        /* a word */
        int plus = 0;
        if (c == '+' && lx->verb_mode) {
            plus = 1;
            i++;
        }
        size_t j = i;
        while (j < n && (is_word_char((unsigned char)s[j]) || (s[j] == '-' && L->fmt != FMT_TABARI)) &&
               !(lx->verb_mode && s[j] == '+' && j > i))
            j++;
        if (j == i)
            LEX_FAIL("unexpected character");
        size_t wl = j - i;
        int mode = dflt;
        if (s[j - 1] == '=' && wl > 1) {
            wl--;
            mode = VD_WM_EXACT;
        }
        char *w = upper_dup(L, s + i, wl);
        if (!w) {
            rc = -1;
            goto done;
        }
        vd_el e = {VD_EL_WORD, (uint8_t)mode, (uint8_t)pending_adj, 0, 0, w, (uint32_t)wl};
        if (mode == VD_WM_EXACT && dflt != VD_WM_EXACT)
            e.mode = VD_WM_EXACT; /* '=' : nothing may change it */
        lx->chars += (uint32_t)wl;
        pending_adj = 0;
        if (push_el(cur, e)) {
            rc = -1;
            goto done;
        }
        last_word = s[j - 1] == '=' ? -1 : (long)cur->n - 1;
        if (plus)
            lx->plus_word = (long)cur->n - 1;
        i = j;
    }
    if (in_alt)
        LEX_FAIL("unclosed alternatives");
done:
#undef LEX_FAIL
    VEC_FREE(&alt);
    return rc;
}

/* Length of a run of elements as TABARI counts it (manual 5.7.1): the characters of its
 * words and '_' connectors; tokens count 0, a set of alternatives its longest alternative.
 * A synset designator counts as its longest member in PETRARCH files and 0 in TABARI files:
 * TABARI tries "- * DOLLAR" before "- * &CURRENCY" (validation record SYNSET-07). */
static uint32_t seq_chars(const loader *L, uint32_t first, uint32_t n)
{
    const verbd *v = L->v;
    uint32_t c = 0;
    for (uint32_t k = 0; k < n; k++) {
        const vd_el *e = &v->els.v[first + k];
        if (e->kind == VD_EL_WORD)
            c += e->wlen + (k && e->adj);
        else if (e->kind == VD_EL_SYNSET)
            c += (L->fmt == FMT_TABARI ? 0 : v->synsets.v[e->ref].chars) + (k && e->adj);
        else if (e->kind == VD_EL_ALT)
            c += e->wlen + (k && e->adj);
    }
    return c;
}

/* Move lexed elements into v->els; returns first index. */
static int commit_els(verbd *v, const el_vec *tmp, uint32_t *first)
{
    *first = (uint32_t)v->els.n;
    for (size_t k = 0; k < tmp->n; k++)
        if (VEC_PUSH(&v->els, tmp->v[k]))
            return -1;
    return 0;
}

/* ------------------------------------------------------------------ synsets */

static int start_synset(loader *L, const char *s, size_t n)
{
    verbd *v = L->v;
    size_t j = 1;
    while (j < n && !ascii_isspace((unsigned char)s[j]))
        j++;
    size_t nl = j - 1;
    int noplural = 0;
    if (nl && s[nl] == '_') {
        nl--;
        noplural = 1;
    }
    if (!nl) {
        warn(L, "synset without a name", s, n);
        L->cur_synset = -1;
        return 0;
    }
    char *nm = upper_dup(L, s + 1, nl);
    if (!nm)
        return -1;
    uint32_t id = intern_find(&v->synset_names, nm, nl);
    if (id) {
        /* TABARI's manual repeats a label; members continue the earlier set only if it
         * is still the last one defined. */
        if (id == v->synsets.n) {
            L->cur_synset = (long)id - 1;
            return 0;
        }
        warn(L, "synset defined twice (second definition ignored)", s, n);
        L->cur_synset = -2;
        return 0;
    }
    id = intern_add(&v->synset_names, nm, nl);
    if (!id)
        return -1;
    vd_synset ss = {nm, (uint32_t)v->seqs.n, 0, 0, L->fmt == FMT_TABARI};
    if (VEC_PUSH(&v->synsets, ss))
        return -1;
    L->cur_synset = (long)id - 1;
    L->synset_noplural = noplural;
    return 0;
}

static int add_synset_member(loader *L, const char *s, size_t n)
{
    verbd *v = L->v;
    if (L->cur_synset == -2)
        return 0;
    vd_synset *ss = &v->synsets.v[L->cur_synset];
    if (ss->first + ss->n != v->seqs.n) {
        warn(L, "synset member separated from its set (skipped)", s, n);
        return 0;
    }
    lex lx = {L, LEX_MEMBER, 0, 0, 0, 0, -1, 0};
    L->top.n = 0;
    if (lex_phrase(&lx, s, n, &L->top))
        return -1;
    if (lx.bad)
        return 0;
    if (!L->top.n) {
        warn(L, "empty synset member", s, n);
        return 0;
    }
    for (size_t k = 0; k < L->top.n; k++) {
        vd_el *e = &L->top.v[k];
        if (e->kind == VD_EL_SYNSET && e->ref == (uint32_t)L->cur_synset) {
            warn(L, "synset refers to itself", s, n);
            return 0;
        }
        if (L->fmt == FMT_PETR) {
            /* PETRARCH: members are consecutive words; the last word gets plurals */
            if (k)
                e->adj = 1;
            if (e->kind == VD_EL_WORD)
                e->mode = k + 1 == L->top.n && e->mode == VD_WM_ENDINGS && !L->synset_noplural
                              ? VD_WM_PLURAL
                              : VD_WM_EXACT;
        }
    }
    uint32_t first;
    if (commit_els(v, &L->top, &first))
        return -1;
    vd_seq sq = {first, (uint32_t)L->top.n, 0};
    sq.chars = seq_chars(L, first, sq.n);
    if (VEC_PUSH(&v->seqs, sq))
        return -1;
    ss = &v->synsets.v[L->cur_synset];
    ss->n++;
    if (sq.chars > ss->chars)
        ss->chars = sq.chars;
    return 0;
}

/* ------------------------------------------------------------------ verbs */

static int new_block(loader *L)
{
    L->cur_block = (long)L->v->nblocks++;
    return 0;
}

static int ends_with(const char *w, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && memcmp(w + n - k, suf, k) == 0;
}

static int is_vowel_ch(char c)
{
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

/* Is form f one of TABARI's mechanical endings of base (base + S/ES/ED/EN/ING written
 * blindly) that English does not make?  PETRARCH generates only the regular forms, so
 * DEPARTES, DEPARTEN, TAKEING, FIXS are not verbs there (validation VERB-20/21).  Forms
 * that are not base + one of those endings (irregular ones, doubled consonants) pass. */
static int mechanical_only(const char *b, size_t bn, const char *f, size_t fn)
{
    if (fn <= bn || memcmp(f, b, bn) != 0 || !bn)
        return 0;
    const char *s = f + bn;
    size_t sn = fn - bn;
    char last = b[bn - 1];
    int sibilant = last == 'S' || last == 'X' || last == 'Z' || last == 'O' ||
                   ends_with(b, bn, "CH") || ends_with(b, bn, "SH");
    int cons_y = last == 'Y' && bn >= 2 && !is_vowel_ch(b[bn - 2]);
    int e_drop = last == 'E' && !(bn >= 2 && (b[bn - 2] == 'E' || b[bn - 2] == 'O' ||
                                              b[bn - 2] == 'Y'));
    if (sn == 1 && s[0] == 'S')
        return sibilant || cons_y;
    if (sn == 2 && memcmp(s, "ES", 2) == 0)
        return !sibilant;
    if (sn == 2 && memcmp(s, "EN", 2) == 0)
        return 1;
    if (sn == 2 && memcmp(s, "ED", 2) == 0)
        return last == 'E' || cons_y;
    if (sn == 3 && memcmp(s, "ING", 3) == 0)
        return e_drop;
    return 0;
}

/* Register one verb form (elements in L->top) for verb vi, plus generated inflections. */
static int add_form(loader *L, uint32_t vi, long plus_word, int generate)
{
    verbd *v = L->v;
    uint32_t first;
    if (!L->top.n)
        return 0;
    for (size_t k = 0; k < L->top.n; k++)
        if (L->top.v[k].kind != VD_EL_WORD)
            return 0;
    if (commit_els(v, &L->top, &first))
        return -1;
    vd_table *tab = L->in_time ? &v->ttab : &v->vtab;
    if (vd_table_add(v, tab, first, (uint32_t)L->top.n, vi, 0))
        return -1;
    if (!generate || L->in_time)
        return 0;
    size_t vw = plus_word >= 0 ? (size_t)plus_word : 0;
    const vd_el base = L->top.v[vw];
    if (L->fmt == FMT_TABARI && base.mode == VD_WM_EXACT)
        return 0; /* BAN= : only BAN itself (validation records VERBEND-05a/b) */
    buf_clear(&L->gen);
    if (vform_inflect(base.w, base.wlen, &L->gen))
        return -1;
    for (size_t off = 0; off < L->gen.len;) {
        const char *f = L->gen.s + off;
        size_t fl = strlen(f);
        if (!fl)
            break;
        off += fl + 1;
        if (fl == base.wlen && memcmp(f, base.w, fl) == 0)
            continue;
        if (L->fmt == FMT_PETR && mechanical_only(base.w, base.wlen, f, fl))
            continue;
        char *w = arena_strndup(&v->arena, f, fl);
        if (!w)
            return -1;
        L->top.v[vw].w = w;
        L->top.v[vw].wlen = (uint32_t)fl;
        L->top.v[vw].mode = VD_WM_EXACT;
        if (commit_els(v, &L->top, &first) ||
            vd_table_add(v, &v->vtab, first, (uint32_t)L->top.n, vi, 1))
            return -1;
    }
    L->top.v[vw] = base;
    return 0;
}

/* Forms listed in { }: each blank-separated piece is one form of verb vi. */
static int add_listed_forms(loader *L, uint32_t vi, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && ascii_isspace((unsigned char)s[i]))
            i++;
        size_t j = i;
        while (j < n && !ascii_isspace((unsigned char)s[j]))
            j++;
        if (j > i) {
            lex lx = {L, LEX_WORDS, 1, 0, 0, 0, -1, 0};
            L->top.n = 0;
            if (lex_phrase(&lx, s + i, j - i, &L->top))
                return -1;
            if (!lx.bad && add_form(L, vi, lx.plus_word, 0))
                return -1;
        }
        i = j;
    }
    return 0;
}

/* A modal auxiliary: TreeBank tags it MD, never VB*, so PETRARCH never codes it as the
 * verb of a clause that has a verb after it ("should have ACTED", validation VERB-10). */
static int is_modal(const char *w)
{
    static const char *const modals[] = {"SHOULD", "WOULD", "COULD", "MIGHT", "MUST",
                                         "SHALL",  "WILL",  "CAN",   "MAY",   "OUGHT"};
    for (size_t k = 0; k < sizeof modals / sizeof *modals; k++)
        if (strcmp(w, modals[k]) == 0)
            return 1;
    return 0;
}

static int verb_line(loader *L, const char *s, size_t n)
{
    verbd *v = L->v;
    line_parts p;
    split_parts(s, n, &p);
    if (p.bad == 1) {
        warn(L, "unbalanced brackets in verb line (skipped)", s, n);
        return 0;
    }
    if (p.bad == 2)
        warn(L, "text after the code ignored", s, n);
    if (!p.phrase_n) {
        warn(L, "verb line without a verb (skipped)", s, n);
        return 0;
    }
    const char *code = NULL, *code2 = NULL;
    uint32_t flags = 0;
    if (p.code) {
        int rc = parse_code(L, p.code, p.code_n, &code, &code2, &flags);
        if (rc)
            return rc < 0 ? -1 : 0;
    } else if (L->fmt == FMT_PETR && L->cur_block >= 0) {
        code = L->block_code;
        code2 = L->block_code2;
        flags = L->block_flags;
    } else {
        warn(L, "verb without a code (coded as no event)", s, n);
        code = "---";
    }
    lex lx = {L, LEX_WORDS, 1, 0, 0, 0, -1, 0};
    L->top.n = 0;
    if (lex_phrase(&lx, p.phrase, p.phrase_n, &L->top))
        return -1;
    if (lx.bad || !L->top.n)
        return 0;
    if (L->fmt == FMT_TABARI)
        new_block(L);
    else if (L->cur_block < 0) {
        warn(L, "verb before any '---' block header (skipped)", s, n);
        return 0;
    }
    dy_buf *b = &L->work;
    buf_clear(b);
    for (size_t k = 0; k < L->top.n; k++)
        if ((k && buf_putc(b, ' ')) || buf_append(b, L->top.v[k].w, L->top.v[k].wlen))
            return -1;
    char *name = arena_strndup(&v->arena, b->s, b->len);
    if (!name)
        return -1;
    if (L->fmt == FMT_PETR) {
        flags |= VD_VF_PETR;
        if (L->top.n == 1 && is_modal(L->top.v[0].w))
            flags |= VD_VF_MODAL;
    }
    verbd_verb vb = {name, code, code2, flags, (uint32_t)L->cur_block};
    if (VEC_PUSH(&v->verbs, vb))
        return -1;
    uint32_t vi = (uint32_t)(v->verbs.n - 1);
    L->cur_verb = (long)vi;
    if (L->in_time)
        v->ntime++;
    int generate = L->fmt == FMT_TABARI || !p.forms;
    if (add_form(L, vi, lx.plus_word, generate))
        return -1;
    if (p.forms && add_listed_forms(L, vi, p.forms, p.forms_n))
        return -1;
    return 0;
}

/* Rewrite PETRARCH2 noun phrases "{A B}" (no '|') as "A_B"; keep alternatives. */
static int rewrite_np(loader *L, const char *s, size_t n, dy_buf *out)
{
    buf_clear(out);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '{') {
            const char *ce = memchr(s + i, '}', n - i);
            const char *bar = memchr(s + i, '|', n - i);
            if (ce && (!bar || bar > ce)) {
                size_t a = i + 1, b = (size_t)(ce - s);
                while (a < b && s[a] == ' ')
                    a++;
                while (b > a && s[b - 1] == ' ')
                    b--;
                if (buf_putc(out, ' '))
                    return -1;
                for (size_t k = a; k < b; k++)
                    if (buf_putc(out, s[k] == ' ' ? '_' : s[k]))
                        return -1;
                if (buf_putc(out, ' '))
                    return -1;
                i = (size_t)(ce - s);
                continue;
            }
        }
        if (buf_putc(out, s[i]))
            return -1;
    }
    (void)L;
    return 0;
}

static int pattern_line(loader *L, const char *s, size_t n)
{
    verbd *v = L->v;
    if (L->cur_block < 0) {
        warn(L, "pattern before any verb (skipped)", s, n);
        return 0;
    }
    const char *lb = NULL;
    for (size_t i = n; i-- > 0;)
        if (s[i] == '[') {
            lb = s + i;
            break;
        }
    const char *rb = lb ? memchr(lb, ']', (size_t)(s + n - lb)) : NULL;
    if (!lb || !rb) {
        warn(L, "pattern without a [code] (skipped)", s, n);
        return 0;
    }
    const char *code, *code2;
    uint32_t flags;
    int rc = parse_code(L, lb + 1, (size_t)(rb - lb - 1), &code, &code2, &flags);
    if (rc)
        return rc < 0 ? -1 : 0;
    const char *body = skip_ws(s + 1, lb);
    size_t bn = (size_t)(lb - body);
    while (bn && ascii_isspace((unsigned char)body[bn - 1]))
        bn--;
    dy_buf rw;
    buf_init(&rw);
    if (rewrite_np(L, body, bn, &rw)) {
        buf_free(&rw);
        return -1;
    }
    lex lx = {L, LEX_PATTERN, 0, 0, 0, 0, -1, 0};
    L->top.n = 0;
    size_t els_before = v->els.n; /* the members of { A | B } alternatives go there directly */
    rc = lex_phrase(&lx, rw.s ? rw.s : "", rw.len, &L->top);
    buf_free(&rw);
    if (rc)
        return -1;
    if (lx.bad)
        return 0;
    if (!lx.has_verb) {
        warn(L, "pattern without the verb marker '*' (skipped)", s, n);
        return 0;
    }
    size_t nel = L->top.n + (v->els.n - els_before);
    if (v->max_pattern && nel > v->max_pattern) {
        diag_emit(L->diag, L->ud, DY_WARNING, DY_ELIMIT, L->name, L->line, NULL, -1,
                  "pattern of %zu elements exceeds the limit of %zu (skipped): \"%.*s\"", nel,
                  v->max_pattern, (int)(n > 120 ? 120 : n), s);
        return 0;
    }
    uint32_t first;
    if (commit_els(v, &L->top, &first))
        return -1;
    char *text = arena_strndup(&v->arena, body, bn);
    if (!text)
        return -1;
    vd_pat pt = {first, (uint32_t)L->top.n, text, code, code2, flags,
                 seq_chars(L, first, (uint32_t)L->top.n), (uint32_t)v->pats.n,
                 (uint32_t)L->cur_block, lx.has_alt};
    return VEC_PUSH(&v->pats, pt);
}

static int block_header(loader *L, const char *s, size_t n)
{
    L->cur_synset = -1;
    L->cur_verb = -1;
    new_block(L);
    L->block_code = "---";
    L->block_code2 = NULL;
    L->block_flags = 0;
    const char *lb = memchr(s, '[', n);
    const char *rb = lb ? memchr(lb, ']', (size_t)(s + n - lb)) : NULL;
    if (lb && rb) {
        int rc = parse_code(L, lb + 1, (size_t)(rb - lb - 1), &L->block_code, &L->block_code2,
                            &L->block_flags);
        if (rc < 0)
            return -1;
        if (rc)
            L->block_code = "---";
    }
    return 0;
}

static int detect_petr(const char *d, size_t len)
{
    size_t i = 0;
    while (i < len) {
        const char *e = memchr(d + i, '\n', len - i);
        size_t ln = e ? (size_t)(e - (d + i)) : len - i;
        const char *s = skip_ws(d + i, d + i + ln);
        size_t sn = (size_t)(d + i + ln - s);
        if ((sn >= 4 && memcmp(s, "--- ", 4) == 0) || (sn >= 4 && memcmp(s, "<!--", 4) == 0))
            return 1;
        if (sn >= 3 && memcmp(s, "---", 3) == 0 && memchr(s, '[', sn))
            return 1;
        i += ln + 1;
    }
    return 0;
}

static void loader_init(loader *L, verbd *v, const char *name, dy_diag_fn diag, void *ud)
{
    memset(L, 0, sizeof *L);
    L->v = v;
    L->name = name ? name : "-";
    L->diag = diag;
    L->ud = ud;
    L->cur_verb = L->cur_block = L->cur_synset = -1;
    buf_init(&L->line_buf);
    buf_init(&L->work);
    buf_init(&L->gen);
}

static void loader_free(loader *L)
{
    buf_free(&L->line_buf);
    buf_free(&L->work);
    buf_free(&L->gen);
    VEC_FREE(&L->top);
}

/* Iterate lines: calls fn(L, s, n) for each non-empty trimmed line (comments removed). */
typedef int (*line_fn)(loader *L, char *s, size_t n);

static int each_line(loader *L, const char *data, size_t len, char comment, line_fn fn)
{
    size_t i = 0;
    L->line = 0;
    while (i < len) {
        const char *e = memchr(data + i, '\n', len - i);
        size_t ln = e ? (size_t)(e - (data + i)) : len - i;
        L->line++;
        if (line_utf8(L, data + i, ln))
            return -1;
        i += ln + 1;
        char *s = L->line_buf.s ? L->line_buf.s : (char *)"";
        size_t n = L->line_buf.len;
        while (n && ascii_isspace((unsigned char)*s)) {
            s++;
            n--;
        }
        if (comment)
            n = strip_comment(s, n, comment);
        while (n && ascii_isspace((unsigned char)s[n - 1]))
            n--;
        if (!n)
            continue;
        s[n] = 0;
        int rc = fn(L, s, n);
        if (rc < 0)
            return -1;
        if (rc > 0)
            break; /* end mark */
    }
    return 0;
}

static int tabari_line(loader *L, char *s, size_t n)
{
    static const char *const sections[] = {"<SYNSETS>", "<SYNSET>"};
    if (s[0] == '~' && n >= 7 && ascii_strncasecmp(s + (s[1] == '~' ? 2 : 1), "FINISH", 6) == 0)
        return 1;
    if (L->ignored_section) { /* inside an unsupported <SECTION> */
        if (s[0] == '<' && s[1] == '/')
            L->ignored_section = 0;
        return 0;
    }
    if (L->in_time && s[0] == '<' && ascii_strncasecmp(s, "</TIME", 6) == 0) {
        L->in_time = 0;
        L->cur_verb = L->cur_block = -1;
        return 0;
    }
    if (s[0] == '<') {
        if (ascii_strcasecmp(s, sections[0]) == 0 || ascii_strcasecmp(s, sections[1]) == 0) {
            L->cur_synset = -1;
            L->cur_verb = -4; /* in synsets */
            return 0;
        }
        if (ascii_strncasecmp(s, "</SYNSET", 8) == 0) {
            L->cur_verb = -1;
            L->cur_synset = -1;
            return 0;
        }
        if (ascii_strcasecmp(s, "<TIME>") == 0) {
            /* time-shift phrases: read like verbs and patterns, kept in their own table */
            L->in_time = 1;
            L->cur_verb = L->cur_block = -1;
            return 0;
        }
        if (s[1] != '/') {
            warn(L, "unsupported section skipped up to its end tag", s, n);
            L->ignored_section = 1;
            return 0;
        }
        warn(L, "unexpected end tag", s, n);
        return 0;
    }
    if (L->cur_verb == -4) { /* synsets section */
        if (s[0] == '&')
            return start_synset(L, s, n);
        if (s[0] == '+' && L->cur_synset != -1)
            return add_synset_member(L, s + 1, n - 1);
        warn(L, "line in <SYNSETS> is neither &NAME nor +member (skipped)", s, n);
        return 0;
    }
    if (s[0] == '#' || s[0] == '/')
        return 0;
    if (s[0] == '-' && (n == 1 || s[1] == ' ' || s[1] == '\t'))
        return pattern_line(L, s, n);
    if (s[0] == '{') {
        if (L->cur_verb < 0) {
            warn(L, "verb forms without a verb (skipped)", s, n);
            return 0;
        }
        const char *ce = memchr(s, '}', n);
        if (!ce) {
            warn(L, "unclosed '{' in verb forms (skipped)", s, n);
            return 0;
        }
        return add_listed_forms(L, (uint32_t)L->cur_verb, s + 1, (size_t)(ce - s - 1));
    }
    return verb_line(L, s, n);
}

static int petr_line(loader *L, char *s, size_t n)
{
    if (n >= 4 && memcmp(s, "<!--", 4) == 0)
        return 0;
    if (n >= 3 && memcmp(s, "---", 3) == 0)
        return block_header(L, s, n);
    if (s[0] == '&') {
        L->cur_verb = -1;
        return start_synset(L, s, n);
    }
    if (s[0] == '+' && L->cur_synset != -1)
        return add_synset_member(L, s + 1, n - 1);
    L->cur_synset = -1;
    if (s[0] == '~') {
        L->ignored_transform++;
        return 0;
    }
    if (s[0] == '-' && (n == 1 || s[1] == ' ' || s[1] == '\t'))
        return pattern_line(L, s, n);
    if (s[0] == '<') {
        warn(L, "unexpected tag (skipped)", s, n);
        return 0;
    }
    return verb_line(L, s, n);
}

/* Contract: parse a verbs file of any supported format from memory. 0 / -1 ENOMEM. */
int vd_load_verbs(verbd *v, const char *name, const char *data, size_t len, dy_diag_fn diag,
                  void *ud)
{
    loader L;
    loader_init(&L, v, name, diag, ud);
    L.fmt = detect_petr(data, len) ? FMT_PETR : FMT_TABARI;
    int rc = each_line(&L, data, len, L.fmt == FMT_PETR ? '#' : ';',
                       L.fmt == FMT_PETR ? petr_line : tabari_line);
    if (!rc && L.ignored_transform)
        diag_emit(diag, ud, DY_NOTE, DY_OK, L.name, 0, NULL, -1,
                  "%zu PETRARCH2 transformation lines (~) ignored", L.ignored_transform);
    if (rc)
        diag_emit(diag, ud, DY_ERROR, DY_ENOMEM, L.name, L.line, NULL, -1, "out of memory");
    loader_free(&L);
    return rc;
}

/* ------------------------------------------------------------------ discards */

static int discard_line(loader *L, char *s, size_t n)
{
    verbd *v = L->v;
    const char *code = "";
    if (s[0] == '+') {
        code = "+";
        s++;
        n--;
    }
    const char *lb = memchr(s, '[', n);
    if (lb) {
        const char *rb = memchr(lb, ']', (size_t)(s + n - lb));
        if (!rb) {
            warn(L, "unclosed '[' (skipped)", s, n);
            return 0;
        }
        code = upper_dup(L, lb + 1, (size_t)(rb - lb - 1));
        if (!code)
            return -1;
        n = (size_t)(lb - s);
        while (n && ascii_isspace((unsigned char)s[n - 1]))
            n--;
    }
    L->top.n = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && (ascii_isspace((unsigned char)s[i]) || s[i] == '_'))
            i++;
        size_t j = i;
        while (j < n && !ascii_isspace((unsigned char)s[j]) && s[j] != '_')
            j++;
        if (j == i)
            break;
        char *w = upper_dup(L, s + i, j - i);
        if (!w)
            return -1;
        vd_el e = {VD_EL_WORD, VD_WM_EXACT, L->top.n > 0, 0, 0, w, (uint32_t)(j - i)};
        if (VEC_PUSH(&L->top, e))
            return -1;
        i = j;
    }
    if (!L->top.n) {
        warn(L, "empty discard phrase", s, n);
        return 0;
    }
    if (s[n - 1] != '_')
        L->top.v[L->top.n - 1].mode = VD_WM_STEM;
    vd_discard dc = {code};
    if (VEC_PUSH(&v->discards, dc))
        return -1;
    uint32_t first;
    if (commit_els(v, &L->top, &first))
        return -1;
    return vd_table_add(v, &v->dtab, first, (uint32_t)L->top.n, (uint32_t)(v->discards.n - 1), 0);
}

/* Contract: parse a PETRARCH discard list. 0 / -1 ENOMEM. */
int vd_load_discards(verbd *v, const char *name, const char *data, size_t len,
                     dy_diag_fn diag, void *ud)
{
    loader L;
    loader_init(&L, v, name, diag, ud);
    int rc = each_line(&L, data, len, '#', discard_line);
    loader_free(&L);
    return rc;
}

/* ------------------------------------------------------------------ issues */

typedef struct issue_word {
    const char *s;
    size_t n;
} issue_word;

/* Build the variant with bit k of mask choosing "split" for the k-th '+' word. */
static int issue_variant(loader *L, const issue_word *words, size_t nw, unsigned long mask,
                         uint32_t payload)
{
    verbd *v = L->v;
    L->top.n = 0;
    size_t plusk = 0;
    for (size_t k = 0; k < nw; k++) {
        const char *s = words[k].s;
        size_t n = words[k].n;
        int has_plus = memchr(s, '+', n) != NULL;
        int split = has_plus && ((mask >> plusk) & 1);
        if (has_plus)
            plusk++;
        /* pieces separated by '+' */
        dy_buf *b = &L->work;
        buf_clear(b);
        int mode = VD_WM_EXACT;
        size_t i = 0;
        while (i <= n) {
            size_t j = i;
            while (j < n && s[j] != '+')
                j++;
            const char *p = s + i;
            size_t pn = j - i;
            if (pn >= 2 && (p[0] == 'n' || p[0] == 'N') && p[1] == ':') {
                mode = VD_WM_PLURAL;
                p += 2;
                pn -= 2;
            } else if (pn >= 2 && (p[0] == 'v' || p[0] == 'V') && p[1] == ':') {
                mode = VD_WM_ENDINGS;
                p += 2;
                pn -= 2;
            }
            if (split && b->len) {
                char *w = upper_dup(L, b->s, b->len);
                vd_el e = {VD_EL_WORD, VD_WM_EXACT, L->top.n > 0, 0, 0, w, (uint32_t)b->len};
                if (!w || VEC_PUSH(&L->top, e))
                    return -1;
                buf_clear(b);
            } else if (b->len && buf_putc(b, '-'))
                return -1;
            if (buf_append(b, p, pn))
                return -1;
            i = j + 1;
        }
        if (!b->len)
            continue;
        char *w = upper_dup(L, b->s, b->len);
        vd_el e = {VD_EL_WORD, (uint8_t)mode, L->top.n > 0, 0, 0, w, (uint32_t)b->len};
        if (!w || VEC_PUSH(&L->top, e))
            return -1;
    }
    if (!L->top.n)
        return 0;
    uint32_t first;
    if (commit_els(v, &L->top, &first))
        return -1;
    return vd_table_add(v, &v->itab, first, (uint32_t)L->top.n, payload, 0);
}

static int issue_line(loader *L, char *s, size_t n)
{
    verbd *v = L->v;
    if (s[0] == '<')
        return 0; /* <ISSUE ...> and </ISSUE> group the entries; nothing to keep */
    const char *code = NULL;
    int ignore = 0;
    while (n && s[0] == '~') {
        ignore = 1;
        s++;
        n--;
    }
    const char *lb = memchr(s, '[', n);
    if (lb) {
        const char *rb = memchr(lb, ']', (size_t)(s + n - lb));
        if (!rb || rb == lb + 1) {
            warn(L, "bad issue code (skipped)", s, n);
            return 0;
        }
        code = upper_dup(L, lb + 1, (size_t)(rb - lb - 1));
        if (!code)
            return -1;
        n = (size_t)(lb - s);
    } else if (!ignore) {
        warn(L, "issue phrase without a [code] (skipped)", s, n);
        return 0;
    }
    VEC(issue_word) words = {0};
    size_t nplus = 0;
    size_t i = 0;
    int rc = 0;
    while (i < n) {
        while (i < n && ascii_isspace((unsigned char)s[i]))
            i++;
        size_t j = i;
        while (j < n && !ascii_isspace((unsigned char)s[j]))
            j++;
        if (j > i) {
            issue_word w = {s + i, j - i};
            if (VEC_PUSH(&words, w)) {
                rc = -1;
                goto out;
            }
            if (memchr(s + i, '+', j - i))
                nplus++;
        }
        i = j;
    }
    if (!words.n) {
        warn(L, "empty issue phrase", s, n);
        goto out;
    }
    if (nplus > 8) {
        warn(L, "too many '+' words; only joined forms used", s, n);
        nplus = 0;
    }
    vd_issue is = {ignore ? NULL : code};
    if (VEC_PUSH(&v->issues, is)) {
        rc = -1;
        goto out;
    }
    for (unsigned long mask = 0; mask < (1UL << nplus); mask++)
        if (issue_variant(L, words.v, words.n, mask, (uint32_t)(v->issues.n - 1))) {
            rc = -1;
            goto out;
        }
out:
    VEC_FREE(&words);
    return rc;
}

/* Contract: parse a PETRARCH issues file. 0 / -1 ENOMEM. */
int vd_load_issues(verbd *v, const char *name, const char *data, size_t len, dy_diag_fn diag,
                   void *ud)
{
    loader L;
    loader_init(&L, v, name, diag, ud);
    int rc = each_line(&L, data, len, '#', issue_line);
    loader_free(&L);
    return rc;
}
