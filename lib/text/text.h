/*
 * text.h - from raw story text to tokens: UTF-8 validation and normalisation, sentence
 * splitting that survives news abbreviations, tokenisation with case folding, and English
 * verb forms.  No fixed limits on story, sentence or token length; the tokenizer can be
 * told to treat over-long words as opaque (text_tokenizer.max_token).
 */
#ifndef DY_TEXT_H
#define DY_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

/*
 * Normalise story text into `out` (cleared first):
 *  - invalid UTF-8 bytes are decoded as Latin-1 (so Latin-1 input comes out right);
 *  - curly quotes/apostrophes -> ' and ", en/em dashes and minus -> '-', NBSP and other
 *    Unicode spaces -> ' ', ellipsis -> "...", control characters (incl. NUL) -> ' ';
 *  - runs of white space (incl. newlines) collapse to one space; leading/trailing removed.
 * Returns 0, or -1 on ENOMEM.
 */
int text_normalize(const char *in, size_t len, dy_buf *out);

/* A sentence: byte range [start, end) of the normalised text. */
typedef struct text_span {
    uint32_t start, end;
} text_span;
typedef VEC(text_span) text_span_vec;

/*
 * Split normalised text into sentences (out is cleared first).  A period does not end a
 * sentence after a known abbreviation (Brig. Gen. Maj. Lt. Col. Mr. Mrs. Dr. No. St. Jan.
 * ... Dec. U.S. U.N. U.K. E.U. etc.), an initial ("John F. Kennedy"), or inside a number
 * ("3.5"); "!" "?" and "." followed by a closing quote end a sentence.  An abbreviation
 * that is often sentence-final (U.S., Inc., Jr., initials...) ends one only before a common
 * sentence starter ("... in the U.S. The president"); no split before a lower-case word;
 * punctuation-only pieces are dropped.  Full rule: lib/text/sentence.c.
 * 0 ok, -1 ENOMEM (or text longer than 4 GiB).
 */
int text_split_sentences(const char *text, size_t len, text_span_vec *out);

/* Token flags. */
enum {
    TOK_WORD = 1 << 0,     /* letters/digits (may contain ' - . inside: U.S., al-Sharaa) */
    TOK_PUNCT = 1 << 1,    /* a single punctuation character */
    TOK_COMMA = 1 << 2,    /* ',' (also TOK_PUNCT) */
    TOK_CAP = 1 << 3,      /* first letter upper-case in the source text */
    TOK_ALLCAP = 1 << 4,   /* every letter upper-case (and at least 2 letters) */
    TOK_NUM = 1 << 5,      /* starts with a digit */
    TOK_FIRST = 1 << 6,    /* first token of the sentence */
    TOK_POSS = 1 << 7,     /* the possessive "'S" / "'" split off a word */
    TOK_QUOTE = 1 << 8,    /* '"' (also TOK_PUNCT) */
    TOK_END = 1 << 9,      /* sentence-final punctuation . ! ? (also TOK_PUNCT) */
    TOK_LONG = 1 << 10,    /* a word longer than the tokenizer's max_token (also TOK_WORD):
                              its upper-case form is empty, so it matches no dictionary entry */
    TOK_HYPHEN = 1 << 11   /* a word with a '-' inside (al-Sharaa, U.S.-backed): set by
                              tok_run, so that a word without it need not be searched */
};

/*
 * A token.  `up` points into the tokenizer's upper-case buffer (NUL-terminated, ASCII
 * letters upper-cased, UTF-8 letters upper-cased where a simple mapping exists).
 * `start`/`end` are byte offsets into the sentence text the tokenizer was given.
 * `word` is free for the caller (the coder stores the lexicon id there).
 */
typedef struct text_tok {
    const char *up;
    uint32_t uplen;
    uint32_t start, end;
    uint32_t flags;
    uint32_t word;
} text_tok;
typedef VEC(text_tok) text_tok_vec;

/*
 * Tokenizer with reusable buffers: after warm-up, tokenising allocates nothing.
 * Words are split on white space and on punctuation other than ' - . & inside a word
 * (and ',' between digits: 1,000);
 * a trailing possessive 's (or ' after s) becomes its own TOK_POSS token "'S";
 * a trailing period that is not part of an abbreviation becomes its own token.
 * Details: an abbreviation ("U.S.", "GEN.", "F.", "KENYA-U.S.") keeps its period, and when
 * that period also ends the sentence an extra "." TOK_END token covering the same byte
 * follows it.  TOK_END is set on every stand-alone . ! ? (not on the dots of "...").
 * tok_run sets `word` to 0.
 */
typedef struct text_tokenizer {
    text_tok_vec toks;
    dy_buf up; /* upper-case forms, NUL-separated */
    /* Long words: a word of more than max_token bytes (0: no limit) becomes one opaque
     * TOK_WORD | TOK_LONG token with an empty upper-case form, in place, so the words around
     * it do not become neighbours.  Every tok_run adds the long words it met to nlong and,
     * when nlong was 0, notes the first one (long_at, long_len: a pointer into the text
     * tok_run was given); the caller resets nlong. */
    size_t max_token;
    size_t nlong;
    const char *long_at;
    size_t long_len;
} text_tokenizer;

/* Zero a tokenizer (no limit on word length). */
void tok_init(text_tokenizer *t);
void tok_free(text_tokenizer *t);
/* Tokenise s[0..len); the result is t->toks (cleared first).  0 ok, -1 ENOMEM. */
int tok_run(text_tokenizer *t, const char *s, size_t len);

/*
 * Verb forms.  vform_inflect writes the regular forms of an upper-case base verb
 * (BASE, BASE+S/ES, BASE+ED/D with consonant doubling and y->ied, BASE+ING with e-drop and
 * doubling) and, for irregular verbs, their irregular forms (MEET -> MET; FLEE -> FLED;
 * SAY -> SAID; BEGIN -> BEGAN, BEGUN) to `out` as NUL-separated strings, ending with an
 * empty string, the base first, no duplicates.  Also included: TABARI's mechanical endings
 * BASE+S/ED/ES/EN/ING (TABARI manual 5.2.3), so dyad matches at least what TABARI matched.
 * A multi-word base ("PULL_OUT" or "PULL OUT") is inflected on its first word.
 * 0 ok, -1 ENOMEM.
 */
int vform_inflect(const char *base, size_t len, dy_buf *out);

/*
 * The base form(s) an upper-case word may come from (MET -> MEET, FLED -> FLEE,
 * CALLED -> CALL, TALKS -> TALK, VISITING -> VISIT), NUL-separated and ending with an empty
 * string, the word itself first.  Candidates may include non-words; callers look them up.
 */
int vform_lemmas(const char *word, size_t len, dy_buf *out);

#endif /* DY_TEXT_H */
