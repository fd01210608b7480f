/*
 * sentence.c - sentence splitting of normalised news text, and the abbreviation and
 * sentence-starter lists shared with the tokenizer.
 *
 * The rule.  A sentence may end at a run of '.', '!' or '?' (plus any closing quotes or
 * brackets right after it) that is followed by white space or the end of the text, and
 * only if the next word does not start with a lower-case letter.  For a '.', the word
 * before it decides:
 *   - a title or similar (Mr. Dr. Gen. Brig. Lt. Col. Sen. Gov. Rev. vs. approx. ...)
 *     never ends a sentence;
 *   - a "weak" abbreviation - listed ones (U.S.-style initialisms, Inc. Co. Corp. Ltd. Jr.
 *     Sr. St. No. etc. and month names) and any letter-dot sequence (U.S. U.A.E. e.g. D.C.)
 *     or single capital initial (John F. Kennedy) - ends the sentence only when the next
 *     word is a common sentence starter (The, A, He, She, It, They, We, In, On, But, ...),
 *     so "in the U.S. The president said" splits but "U.S. President" does not -- and
 *     always when a double quote closes right after the period ('in the U.S." Trump');
 *   - any other word ends the sentence.
 * Periods inside a token (3.5, U.S.-backed) never qualify, as no space follows them.
 * A "sentence" without any letter or digit (a stray "..." or "--" between paragraphs) is
 * dropped: the spans need not cover all of the text.
 */
#include <string.h>

#include "text/text.h"
#include "text/text_private.h"

/* One listed abbreviation.  A capitalised entry matches words whose first letter is a
 * capital and whose other letters match in any case (so "GEN" in headlines too); an
 * all-lower-case entry matches in any case. */
typedef struct abbrev_entry {
    const char *word;
    unsigned char kind;
} abbrev_entry;
/* the longest entry: longer words skip the lists */
#define ABBR_MAX_LEN 6
/* The entries are listed by length (a word is compared only with those of its own length),
 * titles (TEXT_ABBR_TITLE: followed by a name, never sentence-final) before the others
 * (TEXT_ABBR_WEAK: may end a sentence).  ABBR(n, w, k) refuses to compile unless w has n
 * letters. */
#define ABBR(n, w, k) {w + 0 * sizeof(char[sizeof w - 1 == n ? 1 : -1]), TEXT_ABBR_##k}

static const abbrev_entry abbrev_len2[] = {
    ABBR(2, "Mr", TITLE), ABBR(2, "Ms", TITLE), ABBR(2, "Dr", TITLE), ABBR(2, "Lt", TITLE),
    ABBR(2, "Fr", TITLE), ABBR(2, "Mt", TITLE), ABBR(2, "Ft", TITLE), ABBR(2, "vs", TITLE),
    ABBR(2, "cf", TITLE), ABBR(2, "Sr", WEAK), ABBR(2, "Jr", WEAK), ABBR(2, "St", WEAK),
    ABBR(2, "No", WEAK), ABBR(2, "Co", WEAK), ABBR(2, "Rd", WEAK), ABBR(2, "Ky", WEAK),
    ABBR(2, "Md", WEAK), ABBR(2, "Va", WEAK), ABBR(2, "Ga", WEAK),
};
static const abbrev_entry abbrev_len3[] = {
    ABBR(3, "Mrs", TITLE), ABBR(3, "Mme", TITLE), ABBR(3, "Gen", TITLE), ABBR(3, "Maj", TITLE),
    ABBR(3, "Col", TITLE), ABBR(3, "Cdr", TITLE), ABBR(3, "Sgt", TITLE), ABBR(3, "Cpl", TITLE),
    ABBR(3, "Pvt", TITLE), ABBR(3, "Adm", TITLE), ABBR(3, "Gov", TITLE), ABBR(3, "Sen", TITLE),
    ABBR(3, "Rep", TITLE), ABBR(3, "Rev", TITLE), ABBR(3, "Hon", TITLE), ABBR(3, "Amb", TITLE),
    ABBR(3, "Det", TITLE), ABBR(3, "viz", TITLE), ABBR(3, "Nos", WEAK), ABBR(3, "Cos", WEAK),
    ABBR(3, "Inc", WEAK), ABBR(3, "Ltd", WEAK), ABBR(3, "Ave", WEAK), ABBR(3, "etc", WEAK),
    ABBR(3, "Jan", WEAK), ABBR(3, "Feb", WEAK), ABBR(3, "Mar", WEAK), ABBR(3, "Apr", WEAK),
    ABBR(3, "Jun", WEAK), ABBR(3, "Jul", WEAK), ABBR(3, "Aug", WEAK), ABBR(3, "Sep", WEAK),
    ABBR(3, "Oct", WEAK), ABBR(3, "Nov", WEAK), ABBR(3, "Dec", WEAK), ABBR(3, "Fla", WEAK),
    ABBR(3, "Wis", WEAK), ABBR(3, "Nev", WEAK), ABBR(3, "Neb", WEAK), ABBR(3, "Fig", WEAK),
};
static const abbrev_entry abbrev_len4[] = {
    ABBR(4, "Prof", TITLE), ABBR(4, "Gens", TITLE), ABBR(4, "Brig", TITLE),
    ABBR(4, "Capt", TITLE), ABBR(4, "Cmdr", TITLE), ABBR(4, "Govs", TITLE),
    ABBR(4, "Sens", TITLE), ABBR(4, "Reps", TITLE), ABBR(4, "Pres", TITLE),
    ABBR(4, "Supt", TITLE), ABBR(4, "Insp", TITLE), ABBR(4, "Atty", TITLE),
    ABBR(4, "Msgr", TITLE), ABBR(4, "Corp", WEAK), ABBR(4, "Bros", WEAK), ABBR(4, "Dept", WEAK),
    ABBR(4, "Univ", WEAK), ABBR(4, "Assn", WEAK), ABBR(4, "Blvd", WEAK), ABBR(4, "Sept", WEAK),
    ABBR(4, "Ariz", WEAK), ABBR(4, "Colo", WEAK), ABBR(4, "Conn", WEAK), ABBR(4, "Okla", WEAK),
    ABBR(4, "Tenn", WEAK), ABBR(4, "Penn", WEAK), ABBR(4, "Mich", WEAK), ABBR(4, "Minn", WEAK),
};
static const abbrev_entry abbrev_len5[] = {
    ABBR(5, "Lieut", TITLE), ABBR(5, "Comdr", TITLE), ABBR(5, "Calif", WEAK),
};
static const abbrev_entry abbrev_len6[] = {
    ABBR(6, "Messrs", TITLE), ABBR(6, "approx", TITLE),
};

/* abbrev_by_len[n]: the entries of n letters */
static const struct {
    const abbrev_entry *v;
    size_t n;
} abbrev_by_len[ABBR_MAX_LEN + 1] = {
    [2] = {abbrev_len2, sizeof abbrev_len2 / sizeof abbrev_len2[0]},
    [3] = {abbrev_len3, sizeof abbrev_len3 / sizeof abbrev_len3[0]},
    [4] = {abbrev_len4, sizeof abbrev_len4 / sizeof abbrev_len4[0]},
    [5] = {abbrev_len5, sizeof abbrev_len5 / sizeof abbrev_len5[0]},
    [6] = {abbrev_len6, sizeof abbrev_len6 / sizeof abbrev_len6[0]},
};

/* Capitalised words that commonly open a sentence (compared like abbrev_list entries). */
static const char *const starter_list[] = {
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "In", "On", "At", "But",
    "And", "Or", "So", "This", "That", "These", "Those", "There", "Their", "His", "Her",
    "Its", "Our", "My", "As", "After", "Before", "When", "While", "If", "However",
    "Meanwhile", "Also", "Some", "Many", "Most", "According", "For", "With", "Since", "Last",
    "Earlier", "Later", "Still", "Yet", "Both", "Such", "Another", "Each", "Every", "From",
    "During", "Under", "Despite", "Although", "Though", "Because", "What", "Why", "How",
    "Who", "Where", "Then", "Now", "Instead", "Nor", "Not", "Several", "Two", "Three",
    "Asked", "Among", "Over", "Until", "Once", "By", "To",
};

static int is_lower_ascii(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int is_upper_ascii(unsigned char c) { return c >= 'A' && c <= 'Z'; }

/* Does w[0..n) match the list entry `e` under the case rule of abbrev_list? */
static int entry_matches(const char *e, const char *w, size_t n)
{
    /* the first letters first: most words are rejected without measuring the entry */
    if (n && ascii_tolower((unsigned char)e[0]) != ascii_tolower((unsigned char)w[0]))
        return 0;
    if (strlen(e) != n)
        return 0;
    if (is_upper_ascii((unsigned char)e[0]) && !is_upper_ascii((unsigned char)w[0]))
        return 0;
    return ascii_strncasecmp(e, w, n) == 0;
}

/* 1 if w[0..n) is letters separated by single dots, at least two groups of 1-2 letters
 * ("U.S", "U.A.E", "e.g", "Ph.D", "a.m"). */
static int is_letter_dot_sequence(const char *w, size_t n)
{
    size_t groups = 0, run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (ascii_isalpha(c)) {
            if (++run > 2)
                return 0;
        } else if (c == '.') {
            if (run == 0)
                return 0;
            groups++;
            run = 0;
        } else {
            return 0;
        }
    }
    if (run == 0)
        return 0;
    return groups + 1 >= 2;
}

int text_abbrev_kind(const char *w, size_t n)
{
    if (n == 0)
        return TEXT_ABBR_NONE;
    if (n == 1)
        return is_upper_ascii((unsigned char)w[0]) ? TEXT_ABBR_WEAK : TEXT_ABBR_NONE;
    /* (c | 32) is equal for the two cases of a letter: a cheap first filter */
    int w0 = (unsigned char)w[0] | 32;
    if (n <= ABBR_MAX_LEN) {
        const abbrev_entry *list = abbrev_by_len[n].v;
        for (size_t i = 0; i < abbrev_by_len[n].n; i++)
            if (((unsigned char)list[i].word[0] | 32) == w0 && entry_matches(list[i].word, w, n))
                return list[i].kind;
    }
    if (is_letter_dot_sequence(w, n))
        return TEXT_ABBR_WEAK;
    return TEXT_ABBR_NONE;
}

int text_is_sentence_starter(const char *w, size_t n)
{
    if (n == 0 || !is_upper_ascii((unsigned char)w[0]))
        return 0;
    int w0 = (unsigned char)w[0] | 32;
    for (size_t i = 0; i < sizeof starter_list / sizeof starter_list[0]; i++)
        if (((unsigned char)starter_list[i][0] | 32) == w0 && entry_matches(starter_list[i], w, n))
            return 1;
    return 0;
}

static int is_terminator(unsigned char c) { return c == '.' || c == '!' || c == '?'; }
static int is_closer(unsigned char c) { return c == '"' || c == '\'' || c == ')' || c == ']'; }
static int is_opener(unsigned char c) { return c == '"' || c == '\'' || c == '(' || c == '['; }

/*
 * Decide whether the terminator run text[tstart..tend) (tend after any closers) ends a
 * sentence; `next` is the index of the next non-space character (< len).
 */
static int ends_sentence(const char *text, size_t len, size_t tstart, size_t tend, size_t next)
{
    const unsigned char *p = (const unsigned char *)text;
    /* the next word: skip opening quotes/brackets */
    size_t w = next;
    while (w < len && is_opener(p[w]))
        w++;
    if (w < len && is_lower_ascii(p[w]))
        return 0;
    if (p[tstart] != '.' || (tstart + 1 < len && p[tstart + 1] == '.'))
        return 1; /* '!' '?' or an ellipsis */
    /* the word before the period */
    size_t b = tstart;
    while (b > 0 && !ascii_isspace(p[b - 1]))
        b--;
    while (b < tstart && is_opener(p[b]))
        b++;
    int kind = text_abbrev_kind(text + b, tstart - b);
    if (kind == TEXT_ABBR_TITLE)
        return 0;
    if (kind == TEXT_ABBR_WEAK) {
        /* a quotation closing right after it ends there: '... in the U.S." Trump also' */
        for (size_t q = tstart + 1; q < tend; q++)
            if (p[q] == '"')
                return 1;
        size_t we = w;
        while (we < len && (ascii_isalpha(p[we]) || p[we] == '\''))
            we++;
        if (we < len && !ascii_isspace(p[we]) && p[we] != ',')
            return 0; /* "A-10", "It's" is fine, "A.B." is not a starter */
        return text_is_sentence_starter(text + w, we - w);
    }
    return 1;
}

/* 1 if p[start..end) holds a letter, a digit or a non-ASCII character. */
static int has_word_char(const unsigned char *p, size_t start, size_t end)
{
    for (size_t i = start; i < end; i++)
        if (ascii_isalpha(p[i]) || ascii_isdigit(p[i]) || p[i] >= 0x80)
            return 1;
    return 0;
}

int text_split_sentences(const char *text, size_t len, text_span_vec *out)
{
    out->n = 0;
    if (len > UINT32_MAX)
        return -1; /* spans are 32-bit offsets */
    const unsigned char *p = (const unsigned char *)text;
    size_t start = 0;
    while (start < len && ascii_isspace(p[start]))
        start++;
    size_t i = start;
    while (i < len) {
        if (len - i >= 8) {
            /* eight bytes at once: none a terminator, or up to the first one */
            uint64_t x = b8_load(text + i);
            uint64_t m = b8_eq(x, '.') | b8_eq(x, '!') | b8_eq(x, '?');
            if (!m) {
                i += 8;
                continue;
            }
            i += b8_first(m);
        } else if (!is_terminator(p[i])) {
            i++;
            continue;
        }
        size_t tstart = i;
        while (i < len && is_terminator(p[i]))
            i++;
        while (i < len && is_closer(p[i]))
            i++;
        size_t tend = i;
        if (tend < len && !ascii_isspace(p[tend]))
            continue; /* inside a token: 3.5, U.S.-led, "no."-style oddities */
        size_t next = tend;
        while (next < len && ascii_isspace(p[next]))
            next++;
        if (next >= len)
            break; /* the last sentence is added below */
        if (!ends_sentence(text, len, tstart, tend, next))
            continue;
        text_span span = {(uint32_t)start, (uint32_t)tend};
        if (has_word_char(p, start, tend) && VEC_PUSH(out, span))
            return -1;
        start = next;
        i = next;
    }
    size_t end = len;
    while (end > start && ascii_isspace(p[end - 1]))
        end--;
    if (end > start && has_word_char(p, start, end)) {
        text_span span = {(uint32_t)start, (uint32_t)end};
        if (VEC_PUSH(out, span))
            return -1;
    }
    return 0;
}
