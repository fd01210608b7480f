/*
 * text_private.h - helpers shared by the files of lib/text (not part of the public API):
 * UTF-8 decoding and case mapping, and the abbreviation / sentence-starter knowledge used
 * by both the sentence splitter and the tokenizer.
 */
#ifndef DY_TEXT_PRIVATE_H
#define DY_TEXT_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode one well-formed UTF-8 sequence at s[0..len) (len >= 1).  Returns the code point and
 * sets *used to its byte length, or returns TEXT_UTF8_INVALID (and *used = 1) when the bytes
 * are not a valid, shortest-form, non-surrogate sequence.
 */
#define TEXT_UTF8_INVALID 0xFFFFFFFFu
uint32_t text_utf8_decode(const char *s, size_t len, size_t *used);

/* Encode code point cp (<= 0x10FFFF) into out (room for 4 bytes); returns the byte count. */
size_t text_utf8_encode(uint32_t cp, char *out);

/* Simple upper-case mapping for Latin-1 Supplement and Latin Extended-A letters; other code
 * points are returned unchanged. */
uint32_t text_cp_upper(uint32_t cp);

/* 1 if cp (>= 0x80) is a lower-case / upper-case letter we know how to map, else 0. */
int text_cp_is_lower(uint32_t cp);
int text_cp_is_upper(uint32_t cp);

/* 1 if the non-ASCII code point cp is punctuation or a symbol (a token of its own). */
int text_cp_is_punct(uint32_t cp);

/* Kinds of abbreviation (the word before a '.', without the '.'). */
enum text_abbrev_kind {
    TEXT_ABBR_NONE = 0,
    TEXT_ABBR_TITLE = 1, /* never ends a sentence: Mr Gen Lt Col Sen vs approx ... */
    TEXT_ABBR_WEAK = 2   /* usually not, but may: U.S. Inc. Jr. Jan. etc. initials */
};

/*
 * Classify w[0..n) (the characters before a period, leading quotes/brackets already
 * removed): a listed abbreviation, a letter-dot sequence ("U.S", "e.g", "U.A.E", "Ph.D"),
 * or a single capital letter (an initial).  Returns an enum text_abbrev_kind value.
 */
int text_abbrev_kind(const char *w, size_t n);

/* 1 if w[0..n) is a capitalised word that commonly starts a sentence (The, He, But, ...). */
int text_is_sentence_starter(const char *w, size_t n);

/* Eight bytes at a time ("SWAR", the tokenizer and the sentence splitter): the bytes of
 * s[0..8) as one 64-bit number, s[0] in the low-order byte whatever the machine's byte
 * order (gcc and clang make the shifts one load or store). */
#define B8_ONES UINT64_C(0x0101010101010101)
#define B8_HIGH (B8_ONES * 0x80)
static inline uint64_t b8_load(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
           (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
           (uint64_t)p[7] << 56;
}

static inline void b8_store(char *s, uint64_t x)
{
    unsigned char *p = (unsigned char *)s;
    for (int k = 0; k < 8; k++)
        p[k] = (unsigned char)(x >> (8 * k));
}

/* The high bit of the bytes of x equal to c (c < 0x80), exact up to the first such byte:
 * the borrow of a zero byte of x ^ c may mark bytes above it, never below. */
static inline uint64_t b8_eq(uint64_t x, unsigned char c)
{
    uint64_t y = x ^ (B8_ONES * c);
    return (y - B8_ONES) & ~y & B8_HIGH;
}

/* The index (0-7) of the lowest byte with its high bit set in m (m has only high bits set,
 * not 0): the lowest bit moved to the byte's bit 0 and multiplied so that the byte index
 * lands in the top byte. */
static inline size_t b8_first(uint64_t m)
{
    return (size_t)((((m & (~m + 1)) >> 7) * UINT64_C(0x0001020304050607)) >> 56);
}

#endif /* DY_TEXT_PRIVATE_H */
