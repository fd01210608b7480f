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

#endif /* DY_TEXT_PRIVATE_H */
