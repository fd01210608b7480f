/*
 * tokenize.c - splits one sentence into word and punctuation tokens with upper-case forms.
 *
 * Words are runs of letters/digits (any non-ASCII letter counts) that may contain ' - . &
 * between two word characters, and ',' between two digits (AL-SHARAA, DON'T, U.S, 3.5,
 * 1,000, AT&T).  A trailing period stays on the word when the word is an abbreviation (a
 * listed one, a letter-dot sequence or a capital initial: "U.S.", "GEN.", "F."); if that
 * period also ends the sentence, an extra "." TOK_END token covering the same byte follows.
 * Otherwise a trailing period is a token of its own.  A possessive 's, or ' after a final
 * s, becomes a separate TOK_POSS token whose upper-case form is "'S".  Every other
 * punctuation character is a one-character TOK_PUNCT token.  A word longer than
 * max_token bytes (when set) is one TOK_LONG token with an empty upper-case form.
 *
 * Upper-case forms are written to one reusable buffer; while tokenising, each token keeps
 * the offset of its form in `word`, and the pointers are set once at the end (the buffer may
 * move while it grows).
 */
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "text/text_private.h"

void tok_init(text_tokenizer *t)
{
    memset(t, 0, sizeof *t);
    buf_init(&t->up);
}

void tok_free(text_tokenizer *t)
{
    VEC_FREE(&t->toks);
    buf_free(&t->up);
}

/* buf_reserve(&t->up, extra) without the call when the room is already there. */
static inline int up_reserve(text_tokenizer *t, size_t extra)
{
    if (t->up.cap > t->up.len && extra < t->up.cap - t->up.len)
        return 0;
    return buf_reserve(&t->up, extra);
}

/* Character classes seen by the tokenizer. */
enum { CH_SPACE, CH_WORD, CH_PUNCT };

static int is_unicode_space(uint32_t cp)
{
    return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000 || cp == 0x1680 || cp == 0x2028 || cp == 0x2029 || cp == 0x85 ||
           cp == 0xFEFF;
}

/* What the tokenizer needs to know of a byte below 0x80, one table load instead of range
 * comparisons: AC_WORD for letters and digits (word characters), AC_LETTER and AC_UPPER or
 * AC_LOWER for the letters, AC_HYPHEN for '-', AC_JOIN for the bytes that may continue a word
 * (' - . & and ',', see scan_word).  AC_LOWER is bit 5, the bit that makes an
 * ASCII letter lower case, so that c ^ (ascii_bits[c] & AC_LOWER) is c upper-cased.
 * Bytes 0x80-0xFF are 0 (not ASCII). */
enum { AC_WORD = 1, AC_LETTER = 2, AC_UPPER = 4, AC_HYPHEN = 8, AC_JOIN = 0x10, AC_LOWER = 0x20 };
#define AC8(v) v, v, v, v, v, v, v, v
#define AC_U (AC_WORD | AC_LETTER | AC_UPPER)
#define AC_L (AC_WORD | AC_LETTER | AC_LOWER)
static const unsigned char ascii_bits[256] = {
    AC8(0), AC8(0), AC8(0), AC8(0),                                 /* 0x00-0x1F */
    0, 0, 0, 0, 0, 0, AC_JOIN, AC_JOIN,                             /* 0x20-0x27: & ' */
    0, 0, 0, 0, AC_JOIN, AC_HYPHEN | AC_JOIN, AC_JOIN, 0,           /* 0x28-0x2F: , - . */
    AC8(AC_WORD), AC_WORD, AC_WORD, 0, 0, 0, 0, 0, 0,               /* 0x30-0x3F: 0-9 */
    0, AC_U, AC_U, AC_U, AC_U, AC_U, AC_U, AC_U, AC8(AC_U),         /* 0x40-0x4F: @ A-O */
    AC8(AC_U), AC_U, AC_U, AC_U, 0, 0, 0, 0, 0,                     /* 0x50-0x5F: P-Z */
    0, AC_L, AC_L, AC_L, AC_L, AC_L, AC_L, AC_L, AC8(AC_L),         /* 0x60-0x6F: ` a-o */
    AC8(AC_L), AC_L, AC_L, AC_L, 0, 0, 0, 0, 0,                     /* 0x70-0x7F: p-z */
};
#undef AC8
#undef AC_U
#undef AC_L

/* 1 if the byte c is an ASCII letter or digit (a word character). */
static inline int ascii_is_word(unsigned char c)
{
    return ascii_bits[c] & AC_WORD;
}

/* Class of the non-ASCII character at s[i] (i < len); *clen gets its byte length. */
static int char_class_utf8(const char *s, size_t len, size_t i, size_t *clen)
{
    uint32_t cp = text_utf8_decode(s + i, len - i, clen);
    if (cp == TEXT_UTF8_INVALID)
        return CH_WORD; /* a stray byte: keep it inside words */
    if (is_unicode_space(cp) || (cp >= 0x80 && cp < 0xA0))
        return CH_SPACE;
    return text_cp_is_punct(cp) ? CH_PUNCT : CH_WORD;
}

/* Class of the character at s[i] (i < len); *clen gets its byte length.  ASCII is decided
 * inline; other characters are decoded by char_class_utf8. */
static inline int char_class(const char *s, size_t len, size_t i, size_t *clen)
{
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80)
        return char_class_utf8(s, len, i, clen);
    *clen = 1;
    if (ascii_is_word(c))
        return CH_WORD;
    if (c <= ' ' || c == 0x7F)
        return CH_SPACE;
    return CH_PUNCT;
}

static int is_word_at(const char *s, size_t len, size_t i)
{
    size_t clen;
    return i < len && char_class(s, len, i, &clen) == CH_WORD;
}

/* Append a token whose upper-case form is `up` (n bytes, copied as is). */
static inline int push_token(text_tokenizer *t, uint32_t start, uint32_t end,
                             uint32_t flags, const char *up, size_t n)
{
    if (up_reserve(t, n + 1))
        return -1;
    size_t off = t->up.len;
    if (n == 1) /* punctuation: no call */
        t->up.s[off] = up[0];
    else
        memcpy(t->up.s + off, up, n);
    t->up.s[off + n] = 0;
    t->up.len += n + 1;
    if (t->toks.n == 0)
        flags |= TOK_FIRST;
    text_tok tok = {NULL, (uint32_t)n, start, end, flags, (uint32_t)off};
    return VEC_PUSH(&t->toks, tok);
}

/* For x of eight bytes below 0x80: the high bit of each byte that is >= c (c <= 0x80; no
 * carry crosses a byte since x + 0x80 - c <= 0xFF). */
static inline uint64_t b8_ge(uint64_t x, unsigned c)
{
    return (x + B8_ONES * (0x80u - c)) & B8_HIGH;
}

/* For x of eight bytes below 0x80: the high bit of each lower-case letter. */
static inline uint64_t b8_lower(uint64_t x)
{
    return b8_ge(x, 'a') & ~b8_ge(x, 'z' + 1);
}

/* For x of eight bytes below 0x80: the high bit of each upper-case letter. */
static inline uint64_t b8_upper(uint64_t x)
{
    return b8_ge(x, 'A') & ~b8_ge(x, 'Z' + 1);
}

/* For x of eight bytes below 0x80: the high bit of each letter or digit. */
static inline uint64_t b8_alnum(uint64_t x)
{
    uint64_t lx = x | (B8_ONES * 0x20); /* letters lower-cased */
    return (b8_ge(lx, 'a') & ~b8_ge(lx, 'z' + 1)) | (b8_ge(x, '0') & ~b8_ge(x, '9' + 1));
}

/* push_word_b8 for a word of n (8-15) letters and digits at s[start..): x its first eight
 * bytes, x2 the others (the higher bytes 0).  No hyphen: TOK_HYPHEN is never set. */
static int push_word_b16(text_tokenizer *t, uint64_t x, uint64_t x2, size_t start, size_t n)
{
    if (up_reserve(t, 17)) /* the sixteen bytes and the NUL */
        return -1;
    uint64_t lo = b8_lower(x), lo2 = b8_lower(x2), up = b8_upper(x), up2 = b8_upper(x2);
    /* the first letter: the lowest letter bit of the first eight bytes, else of the others */
    uint64_t let = lo | up ? lo | up : lo2 | up2, let_up = lo | up ? up : up2;
    size_t off = t->up.len;
    b8_store(t->up.s + off, x ^ (lo >> 2));
    b8_store(t->up.s + off + 8, x2 ^ (lo2 >> 2));
    t->up.s[off + n] = 0;
    t->up.len += n + 1;
    /* TOK_ALLCAP: no lower-case letter and two upper-case ones at least */
    int two_up = (up & (up - 1)) != 0 || (up2 & (up2 - 1)) != 0 || (up != 0 && up2 != 0);
    uint32_t flags = TOK_WORD | (uint32_t)((let_up & let & (~let + 1)) != 0) * TOK_CAP |
                     (uint32_t)((lo | lo2) == 0 && two_up) * TOK_ALLCAP |
                     (uint32_t)((unsigned)(x & 0xFF) - '0' < 10) * TOK_NUM |
                     (uint32_t)(t->toks.n == 0) * TOK_FIRST;
    text_tok tok = {NULL, (uint32_t)n, (uint32_t)start, (uint32_t)(start + n), flags,
                    (uint32_t)off};
    return VEC_PUSH(&t->toks, tok);
}

/* Append the word s[start..end) with its upper-case form and case flags. */
static int push_word_general(text_tokenizer *t, const char *s, size_t start, size_t end);

/* The n bytes s[start..start+n) (1 <= n <= 8, start + n <= len, the sentence's length) as
 * one number, the higher bytes 0, in *x: read with the bytes after them in the sentence
 * (masked off), or at the sentence's end with the bytes before them (shifted out).
 * Returns 0 when the sentence is shorter than eight bytes. */
static inline int b8_word(const char *s, size_t len, size_t start, size_t n, uint64_t *x)
{
    if (len - start >= 8) {
        *x = b8_load(s + start);
        if (n < 8)
            *x &= (UINT64_C(1) << (8 * n)) - 1;
        return 1;
    }
    if (start + n < 8)
        return 0;
    *x = b8_load(s + start + n - 8) >> (8 * (8 - n)); /* n < 8 here */
    return 1;
}

/* push_word for an ASCII word of n bytes (1-8) at s[start..), given as the number x (its
 * bytes, the higher ones 0): the flags from the high bits of its upper- and lower-case
 * letters and hyphens, upper-cased by moving the lower-case letters' high bits to bit 5
 * (0x20). */
static inline int push_word_b8(text_tokenizer *t, uint64_t x, size_t start, size_t n)
{
    if (up_reserve(t, 9)) /* the eight bytes and the NUL */
        return -1;
    uint64_t lo = b8_lower(x), up = b8_upper(x);
    uint64_t let = lo | up;
    uint64_t not_hyphen = ((x ^ (B8_ONES * '-')) + B8_ONES * 0x7F) & B8_HIGH;
    size_t off = t->up.len;
    b8_store(t->up.s + off, x ^ (lo >> 2));
    t->up.s[off + n] = 0;
    t->up.len += n + 1;
    /* TOK_CAP: the first letter (the lowest letter bit) is upper case; TOK_ALLCAP: no
     * lower-case letter and two upper-case ones at least */
    uint32_t flags = TOK_WORD | (uint32_t)((up & let & (~let + 1)) != 0) * TOK_CAP |
                     (uint32_t)(lo == 0 && (up & (up - 1)) != 0) * TOK_ALLCAP |
                     (uint32_t)((unsigned)(x & 0xFF) - '0' < 10) * TOK_NUM |
                     (uint32_t)(not_hyphen != B8_HIGH) * TOK_HYPHEN |
                     (uint32_t)(t->toks.n == 0) * TOK_FIRST;
    text_tok tok = {NULL, (uint32_t)n, (uint32_t)start, (uint32_t)(start + n), flags,
                    (uint32_t)off};
    return VEC_PUSH(&t->toks, tok);
}

/* push_word_general, by push_word_b8 for the ASCII words of at most eight bytes (most
 * words). */
static int push_word(text_tokenizer *t, const char *s, size_t len, size_t start, size_t end)
{
    size_t n = end - start;
    uint64_t x;
    if (n > 8 || !b8_word(s, len, start, n, &x) || (x & B8_HIGH))
        return push_word_general(t, s, start, end);
    return push_word_b8(t, x, start, n);
}

static int push_word_general(text_tokenizer *t, const char *s, size_t start, size_t end)
{
    /* upper-casing keeps or shrinks the byte length of every character we map */
    if (up_reserve(t, end - start + 1))
        return -1;
    size_t off = t->up.len;
    char *o = t->up.s + off;
    size_t n = 0, letters = 0;
    int first_letter_upper = -1, any_lower = 0;
    size_t i = start;
    /* ASCII fast path, from the byte table: lower-case letters are upper-cased by
     * flipping AC_LOWER (bit 5) and the bits of all the bytes OR-ed; the first non-ASCII
     * byte hands over to the general loop below */
    const unsigned char *in = (const unsigned char *)s + start;
    const unsigned char *in_end = (const unsigned char *)s + end;
    unsigned char *out = (unsigned char *)o;
    unsigned seen = 0;
    while (in < in_end && *in < 0x80) {
        unsigned bits = ascii_bits[*in];
        seen |= bits;
        *out++ = (unsigned char)(*in++ ^ (bits & AC_LOWER));
    }
    n = (size_t)(out - (unsigned char *)o);
    i = start + n;
    any_lower = (seen & AC_LOWER) != 0;
    if (seen & AC_LETTER) { /* the case of the first letter of that ASCII prefix */
        const unsigned char *f = (const unsigned char *)s + start;
        while (!(ascii_bits[*f] & AC_LETTER))
            f++;
        first_letter_upper = (ascii_bits[*f] & AC_UPPER) != 0;
        /* how many letters matters only for TOK_ALLCAP (at least two, none lower case):
         * they are counted only when no lower-case letter was seen, most words have one */
        letters = 1;
        if (!any_lower)
            for (f++; f < in; f++)
                letters += (ascii_bits[*f] & AC_LETTER) != 0;
    }
    int hyphen = (seen & AC_HYPHEN) != 0;
    while (i < end) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            hyphen |= c == '-';
            if (ascii_isalpha(c)) {
                letters++;
                int upper = c <= 'Z';
                if (first_letter_upper < 0)
                    first_letter_upper = upper;
                any_lower |= !upper;
            }
            o[n++] = (char)ascii_toupper(c);
            i++;
            continue;
        }
        size_t clen;
        uint32_t cp = text_utf8_decode(s + i, end - i, &clen);
        if (cp == TEXT_UTF8_INVALID) {
            o[n++] = (char)c;
            i++;
            continue;
        }
        int lower = text_cp_is_lower(cp), upper = text_cp_is_upper(cp);
        if (lower || upper) {
            letters++;
            if (first_letter_upper < 0)
                first_letter_upper = upper;
            any_lower |= lower;
        }
        uint32_t up = text_cp_upper(cp);
        char enc[4];
        size_t elen = text_utf8_encode(up, enc);
        if (elen > clen) { /* cannot happen with our mappings; keep the original then */
            memcpy(enc, s + i, clen);
            elen = clen;
        }
        memcpy(o + n, enc, elen);
        n += elen;
        i += clen;
    }
    o[n] = 0;
    t->up.len += n + 1;
    /* each flag is a 0/1 condition times its bit: written as ifs, gcc -O3 builds every
     * combination of the flags first and picks one (some fifty instructions a word) */
    uint32_t flags = TOK_WORD | (uint32_t)(first_letter_upper == 1) * TOK_CAP |
                     (uint32_t)(letters >= 2 && !any_lower) * TOK_ALLCAP |
                     (uint32_t)(ascii_isdigit((unsigned char)s[start]) != 0) * TOK_NUM |
                     (uint32_t)(hyphen != 0) * TOK_HYPHEN | (uint32_t)(t->toks.n == 0) * TOK_FIRST;
    text_tok tok = {NULL, (uint32_t)n, (uint32_t)start, (uint32_t)end, flags, (uint32_t)off};
    return VEC_PUSH(&t->toks, tok);
}

/* 1 if only white space, closing quotes/brackets and . ! ? follow position i. */
static int only_closers_follow(const char *s, size_t len, size_t i)
{
    for (; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!(ascii_isspace(c) || c == '"' || c == '\'' || c == ')' || c == ']' || c == '.' ||
              c == '!' || c == '?'))
            return 0;
    }
    return 1;
}

/* Does the word w[0..n) keep a following period?  Yes for abbreviations, also as the last
 * part of a hyphenated word ("Kenya-U.S."). */
static int is_abbreviation(const char *w, size_t n)
{
    if (text_abbrev_kind(w, n) != TEXT_ABBR_NONE)
        return 1;
    size_t h = n;
    while (h > 0 && w[h - 1] != '-')
        h--;
    return h > 0 && h < n && text_abbrev_kind(w + h, n - h) != TEXT_ABBR_NONE;
}

/* Scan the word starting at i; returns its end. */
static size_t scan_word(const char *s, size_t len, size_t i)
{
    size_t clen;
    char_class(s, len, i, &clen);
    size_t j = i + clen;
    while (j < len) {
        if (ascii_is_word((unsigned char)s[j])) {
            j++;
            continue;
        }
        if (char_class(s, len, j, &clen) == CH_WORD) {
            j += clen;
            continue;
        }
        unsigned char c = (unsigned char)s[j];
        if ((c == '\'' || c == '-' || c == '.' || c == '&') && is_word_at(s, len, j + 1)) {
            j++;
            continue;
        }
        if (c == ',' && ascii_isdigit((unsigned char)s[j - 1]) && j + 1 < len &&
            ascii_isdigit((unsigned char)s[j + 1])) {
            j++;
            continue;
        }
        break;
    }
    return j;
}

int tok_run(text_tokenizer *t, const char *s, size_t len)
{
    t->toks.n = 0;
    buf_clear(&t->up);
    if (len >= UINT32_MAX)
        return -1; /* offsets are 32-bit */
    size_t i = 0;
    while (i < len) {
        size_t clen;
        int cls = char_class(s, len, i, &clen);
        if (cls == CH_SPACE) {
            i += clen;
            continue;
        }
        if (cls == CH_PUNCT) {
            unsigned char c = (unsigned char)s[i];
            uint32_t flags = TOK_PUNCT;
            if (c == ',')
                flags |= TOK_COMMA;
            else if (c == '"')
                flags |= TOK_QUOTE;
            else if (c == '!' || c == '?')
                flags |= TOK_END;
            else if (c == '.' && !(i > 0 && s[i - 1] == '.') && !(i + 1 < len && s[i + 1] == '.'))
                flags |= TOK_END; /* a lone period (the dots of an ellipsis are not) */
            if (push_token(t, (uint32_t)i, (uint32_t)(i + clen), flags, s + i, clen))
                return -1;
            i += clen;
            continue;
        }
        /* the common word, at most seven letters or digits followed by a byte that cannot
         * continue it (a space, a comma not between digits, most punctuation), found and
         * pushed from one 64-bit read: no possessive, no abbreviation, nothing for
         * scan_word to join */
        if (clen == 1 && len - i >= 8) {
            uint64_t x = b8_load(s + i), x2 = 0;
            uint64_t other = ~b8_alnum(x) & B8_HIGH; /* s[i] is a letter or digit */
            size_t n = 0;
            if (!(x & B8_HIGH) && other) {
                n = b8_first(other);
            } else if (!(x & B8_HIGH) && len - i >= 16) {
                /* eight letters or digits: a word of up to fifteen from two reads */
                x2 = b8_load(s + i + 8);
                uint64_t other2 = ~b8_alnum(x2) & B8_HIGH;
                if (!(x2 & B8_HIGH) && other2)
                    n = 8 + b8_first(other2);
            }
            if (n) {
                unsigned char next = (unsigned char)s[i + n];
                /* a comma joins only two digits (scan_word) */
                int joins = (ascii_bits[next] & AC_JOIN) &&
                            (next != ',' || (ascii_isdigit((unsigned char)s[i + n - 1]) &&
                                             i + n + 1 < len &&
                                             ascii_isdigit((unsigned char)s[i + n + 1])));
                if (!joins && !(t->max_token && n > t->max_token)) {
                    if (n < 8 ? push_word_b8(t, x & ((UINT64_C(1) << (8 * n)) - 1), i, n)
                              : push_word_b16(t, x, x2 & ((UINT64_C(1) << (8 * (n - 8))) - 1),
                                              i, n))
                        return -1;
                    /* and the blank after it, already read */
                    i += n + (next == ' ');
                    continue;
                }
            }
        }
        size_t end = scan_word(s, len, i);
        size_t wlen = end - i;
        if (t->max_token && wlen > t->max_token) {
            /* a run no real word reaches (base64, a URL-encoded blob): opaque */
            if (t->nlong++ == 0) {
                t->long_at = s + i;
                t->long_len = wlen;
            }
            if (push_token(t, (uint32_t)i, (uint32_t)end, TOK_WORD | TOK_LONG, "", 0))
                return -1;
            i = end;
            continue;
        }
        /* possessive 's inside the scanned word */
        if (wlen >= 3 && s[end - 2] == '\'' && (s[end - 1] == 's' || s[end - 1] == 'S')) {
            if (push_word(t, s, len, i, end - 2) ||
                push_token(t, (uint32_t)(end - 2), (uint32_t)end, TOK_POSS, "'S", 2))
                return -1;
            i = end;
            continue;
        }
        /* plural possessive: rebels' */
        if (end < len && s[end] == '\'' && (s[end - 1] == 's' || s[end - 1] == 'S') &&
            !is_word_at(s, len, end + 1)) {
            if (push_word(t, s, len, i, end) ||
                push_token(t, (uint32_t)end, (uint32_t)(end + 1), TOK_POSS, "'S", 2))
                return -1;
            i = end + 1;
            continue;
        }
        /* abbreviation keeps its period */
        if (end < len && s[end] == '.' && !(end + 1 < len && s[end + 1] == '.') &&
            is_abbreviation(s + i, wlen)) {
            if (push_word(t, s, len, i, end + 1))
                return -1;
            i = end + 1;
            if (only_closers_follow(s, len, i) &&
                push_token(t, (uint32_t)end, (uint32_t)i, TOK_PUNCT | TOK_END, ".", 1))
                return -1;
            /* "the U.S.'s" */
            if (i + 1 < len && s[i] == '\'' && (s[i + 1] == 's' || s[i + 1] == 'S') &&
                !is_word_at(s, len, i + 2)) {
                if (push_token(t, (uint32_t)i, (uint32_t)(i + 2), TOK_POSS, "'S", 2))
                    return -1;
                i += 2;
            }
            continue;
        }
        if (push_word(t, s, len, i, end))
            return -1;
        i = end;
    }
    /* the upper-case buffer is final now: turn offsets into pointers */
    for (size_t k = 0; k < t->toks.n; k++) {
        t->toks.v[k].up = t->up.s + t->toks.v[k].word;
        t->toks.v[k].word = 0;
    }
    return 0;
}
