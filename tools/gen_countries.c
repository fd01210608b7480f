/*
 * gen_countries.c - build-time host tool: turns Debian's iso-codes list of countries
 * (iso_3166-1.json) into a dyad actor dictionary (PETRARCH actor format), one entry per
 * country with its names as phrases and its CAMEO country code.
 *
 *   gen_countries -o OUT.txt ISO_3166-1.json
 *
 * For each country the names "name", "common_name" and "official_name" become phrases:
 * upper case (ASCII and Latin-1 letters), words joined by "_", a trailing "_" (whole
 * words).  ISO's inverted names are put back in reading order ("Iran, Islamic Republic
 * of" -> ISLAMIC_REPUBLIC_OF_IRAN_, "Virgin Islands, British" -> BRITISH_VIRGIN_ISLANDS_),
 * a parenthesised part is dropped ("Falkland Islands (Malvinas)" -> FALKLAND_ISLANDS_),
 * a leading "the" is dropped, a possessive "'s" is dropped (the tokenizer splits it off),
 * a name with accented letters is also written without them (TURKIYE_ next to TÜRKIYE_),
 * and "Saint X" is also written "St. X" and "St X".  The code is ISO alpha-3 unless the
 * table below maps it to CAMEO's; a few entities ISO 3166-1 lacks but CAMEO codes are
 * added.  A phrase already given to another country is not repeated (reported on stderr).
 * The output is deterministic (ISO's order) and written through a temporary file, so a
 * failed run leaves no partial output.  This is a stand-alone program, not library code:
 * it prints errors and exits.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "util/util.h"

/* ISO alpha-3 codes that CAMEO writes differently.  CAMEO's current country list (as used
 * by PETRARCH and Phoenix) follows ISO 3166-1 alpha-3, so this is short on purpose; add a
 * line here when a difference shows up. */
static const struct { const char *iso, *cameo; } code_overrides[] = {
    {NULL, NULL}
};

/* Entities that CAMEO codes but ISO 3166-1 does not list. */
static const struct { const char *code, *name; } extra_countries[] = {
    {"KSV", "Kosovo"},
};

/* Phrases never generated: ordinary English words that would code noise ("a family
 * reunion", "a football jersey").  The hand-written supplement can still add them with
 * context (ISLAND_OF_JERSEY_...). */
static const char *const skipped_phrases[] = {
    "REUNION_", "JERSEY_",
};

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "gen_countries: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

static void check_mem(int rc)
{
    if (rc != 0)
        die("out of memory", NULL);
}

/* The CAMEO code for an ISO alpha-3 code. */
static const char *cameo_code(const char *iso)
{
    for (size_t i = 0; code_overrides[i].iso; i++)
        if (strcmp(code_overrides[i].iso, iso) == 0)
            return code_overrides[i].cameo;
    return iso;
}

/* ---------------------------------------------------------------- UTF-8 letters */

/* Decode one UTF-8 character at s (NUL-terminated); returns its length, *cp the code point.
 * The input comes from json.c, which has already made it valid UTF-8. */
static size_t utf8_decode(const unsigned char *s, unsigned *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if ((s[0] & 0xe0) == 0xc0 && s[1]) {
        *cp = ((s[0] & 0x1fu) << 6) | (s[1] & 0x3fu);
        return 2;
    }
    if ((s[0] & 0xf0) == 0xe0 && s[1] && s[2]) {
        *cp = ((s[0] & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) | (s[2] & 0x3fu);
        return 3;
    }
    if ((s[0] & 0xf8) == 0xf0 && s[1] && s[2] && s[3]) {
        *cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3fu) << 12) | ((s[2] & 0x3fu) << 6) |
              (s[3] & 0x3fu);
        return 4;
    }
    *cp = 0xfffd;
    return 1;
}

static void utf8_put(dy_buf *b, unsigned cp)
{
    char tmp[4];
    size_t n;
    if (cp < 0x80) {
        tmp[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        tmp[0] = (char)(0xc0 | (cp >> 6));
        tmp[1] = (char)(0x80 | (cp & 0x3f));
        n = 2;
    } else if (cp < 0x10000) {
        tmp[0] = (char)(0xe0 | (cp >> 12));
        tmp[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        tmp[2] = (char)(0x80 | (cp & 0x3f));
        n = 3;
    } else {
        tmp[0] = (char)(0xf0 | (cp >> 18));
        tmp[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        tmp[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
        tmp[3] = (char)(0x80 | (cp & 0x3f));
        n = 4;
    }
    check_mem(buf_append(b, tmp, n));
}

/* Upper case as the dictionary reader and the tokenizer do it: ASCII and Latin-1. */
static unsigned upper_latin1(unsigned cp)
{
    if (cp >= 'a' && cp <= 'z')
        return cp - 32;
    if (cp >= 0xe0 && cp <= 0xfe && cp != 0xf7)
        return cp - 32;
    return cp;
}

/* ASCII spelling of a Latin-1 letter U+00C0..U+00FF (upper-cased input), or NULL. */
static const char *fold_latin1(unsigned cp)
{
    static const char *const folds[64] = {
        "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
        "D", "N", "O", "O", "O", "O", "O", NULL, "O", "U", "U", "U", "U", "Y", "TH", "SS",
        "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
        "D", "N", "O", "O", "O", "O", "O", NULL, "O", "U", "U", "U", "U", "Y", "TH", "Y",
    };
    return cp >= 0xc0 && cp <= 0xff ? folds[cp - 0xc0] : NULL;
}

/* ---------------------------------------------------------------- names to phrases */

static int is_word_break(unsigned cp)
{
    return cp == ' ' || cp == '-' || cp == '_' || cp == ',' || cp == '\t' || cp == '/';
}

/*
 * Append the phrase for `name` (one display name, already in reading order) to `out`:
 * upper case, words joined by '_', a trailing '_'.  With `fold`, Latin-1 letters are
 * written in ASCII.  A word's possessive "'S" is dropped.  Returns 1 when a folded letter
 * was met (so the folded spelling differs), 0 otherwise; an empty name gives "".
 */
static int phrase_of(const char *name, int fold, dy_buf *out)
{
    int folded = 0;
    size_t words = 0;
    const unsigned char *s = (const unsigned char *)name;
    buf_clear(out);
    check_mem(buf_reserve(out, strlen(name) * 2 + 2));
    while (*s) {
        unsigned cp;
        while (*s && (utf8_decode(s, &cp), is_word_break(cp)))
            s++;
        if (!*s)
            break;
        if (words++)
            check_mem(buf_putc(out, '_'));
        size_t word_start = out->len;
        while (*s) {
            size_t n = utf8_decode(s, &cp);
            if (is_word_break(cp))
                break;
            s += n;
            if (cp == 0x2019)
                cp = '\'';
            cp = upper_latin1(cp);
            const char *ascii = fold_latin1(cp);
            if (ascii) {
                folded = 1;
                if (fold) {
                    check_mem(buf_puts(out, ascii));
                    continue;
                }
            }
            utf8_put(out, cp);
        }
        size_t wlen = out->len - word_start;
        if (wlen > 2 && memcmp(out->s + out->len - 2, "'S", 2) == 0) {
            out->len -= 2;
            out->s[out->len] = 0;
        }
    }
    if (words)
        check_mem(buf_putc(out, '_'));
    return folded;
}

/* Case-insensitive "s starts with prefix". */
static int starts_with_ci(const char *s, const char *prefix)
{
    return ascii_strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static int ends_with_ci(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && ascii_strncasecmp(s + n - k, suffix, k) == 0;
}

/*
 * Put an ISO display name in reading order into `out`: drop "(...)" parts, undo the
 * inversion "X, Y of [the]" -> "Y of [the] X" and "X, Adj" -> "Adj X", keep only "X" for
 * any other comma ("Taiwan, Province of China" -> "Taiwan"), drop a leading "the".
 */
static void reading_order(const char *name, dy_buf *out)
{
    dy_buf plain = {0};
    int depth = 0;
    for (const char *p = name; *p; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')' && depth > 0)
            depth--;
        else if (depth == 0)
            check_mem(buf_putc(&plain, *p));
    }
    check_mem(buf_putc(&plain, 0)); /* keeps plain.s valid for an empty name */
    /* trim and squeeze blanks */
    dy_buf clean = {0};
    check_mem(buf_putc(&clean, 0));
    buf_clear(&clean);
    for (const char *p = plain.s; *p; p++) {
        if (*p == ' ' && (clean.len == 0 || clean.s[clean.len - 1] == ' '))
            continue;
        check_mem(buf_putc(&clean, *p));
    }
    while (clean.len && (clean.s[clean.len - 1] == ' ' || clean.s[clean.len - 1] == ','))
        clean.s[--clean.len] = 0;

    buf_clear(out);
    check_mem(buf_putc(out, 0));
    buf_clear(out);
    const char *comma = strstr(clean.s, ", ");
    if (!comma) {
        check_mem(buf_puts(out, clean.s));
    } else {
        const char *tail = comma + 2;
        size_t head_len = (size_t)(comma - clean.s);
        size_t tail_len = strlen(tail);
        if (ends_with_ci(tail, tail_len, " of") || ends_with_ci(tail, tail_len, " of the") ||
            !strchr(tail, ' ')) {
            check_mem(buf_append(out, tail, tail_len));
            check_mem(buf_putc(out, ' '));
        }
        check_mem(buf_append(out, clean.s, head_len));
    }
    if (starts_with_ci(out->s, "the ")) {
        memmove(out->s, out->s + 4, out->len - 4 + 1);
        out->len -= 4;
    }
    buf_free(&plain);
    buf_free(&clean);
}

/* ---------------------------------------------------------------- one entry */

typedef VEC(char *) str_list;

static int list_has(const str_list *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return 1;
    return 0;
}

static int is_skipped(const char *phrase)
{
    for (size_t i = 0; i < sizeof skipped_phrases / sizeof *skipped_phrases; i++)
        if (strcmp(skipped_phrases[i], phrase) == 0)
            return 1;
    return 0;
}

/* Every phrase given so far, with the code it went to (parallel lists). */
typedef struct seen_phrases {
    str_list phrase;
    str_list code;
} seen_phrases;

/* Add `phrase` to this entry's list unless it is empty, skipped, already there, or taken
 * by another country (then say so on stderr). */
static void add_phrase(str_list *entry, seen_phrases *seen, const char *phrase,
                       const char *code)
{
    if (!*phrase || is_skipped(phrase) || list_has(entry, phrase))
        return;
    for (size_t i = 0; i < seen->phrase.n; i++) {
        if (strcmp(seen->phrase.v[i], phrase) == 0) {
            fprintf(stderr, "gen_countries: note: %s already given to %s, not to %s\n", phrase,
                    seen->code.v[i], code);
            return;
        }
    }
    char *p = dy_strdup(phrase), *p2 = dy_strdup(phrase), *c = dy_strdup(code);
    if (!p || !p2 || !c)
        die("out of memory", NULL);
    check_mem(VEC_PUSH(entry, p));
    check_mem(VEC_PUSH(&seen->phrase, p2));
    check_mem(VEC_PUSH(&seen->code, c));
}

/* Add the phrases of one display name (both spellings when it has accented letters, and
 * the "St." forms of a "Saint" name). */
static void add_name(str_list *entry, seen_phrases *seen, const char *name, const char *code)
{
    dy_buf order = {0}, phrase = {0}, variant = {0};
    reading_order(name, &order);
    int accented = phrase_of(order.s, 0, &phrase);
    add_phrase(entry, seen, phrase.s, code);
    if (accented) {
        phrase_of(order.s, 1, &phrase);
        add_phrase(entry, seen, phrase.s, code);
    }
    if (starts_with_ci(order.s, "saint ")) {
        static const char *const short_forms[] = {"St. ", "St "};
        for (size_t k = 0; k < 2; k++) {
            buf_clear(&variant);
            check_mem(buf_puts(&variant, short_forms[k]));
            check_mem(buf_puts(&variant, order.s + 6));
            for (int f = 0; f <= accented; f++) {
                phrase_of(variant.s, f, &phrase);
                add_phrase(entry, seen, phrase.s, code);
            }
        }
    }
    buf_free(&order);
    buf_free(&phrase);
    buf_free(&variant);
}

static void free_list(str_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    VEC_FREE(l);
}

/* Write one entry: the first phrase with its code, the others as "+" synonyms. */
static void write_entry(dy_buf *out, const str_list *entry, const char *code, const char *label)
{
    if (entry->n == 0)
        return;
    check_mem(buf_printf(out, "# %s\n%s [%s]\n", label, entry->v[0], code));
    for (size_t i = 1; i < entry->n; i++)
        check_mem(buf_printf(out, "+%s\n", entry->v[i]));
    check_mem(buf_putc(out, '\n'));
}

static const char *string_member(const json_doc *d, const json_node *obj, const char *key)
{
    const json_node *n = json_get(d, obj, key);
    return n && n->type == JSON_STRING && n->len > 0 ? n->str : NULL;
}

/* A code must be three upper-case ASCII letters: anything else in the input is an error. */
static int valid_code(const char *code)
{
    if (strlen(code) != 3)
        return 0;
    for (const char *p = code; *p; p++)
        if (*p < 'A' || *p > 'Z')
            return 0;
    return 1;
}

/* Build the whole dictionary text in `out` (in memory: an error leaves no file behind). */
static void generate(dy_buf *out, const json_doc *d, const char *source_name)
{
    const json_node *root = json_root(d);
    const json_node *list = root ? json_get(d, root, "3166-1") : NULL;
    if (!list || list->type != JSON_ARRAY)
        die("no \"3166-1\" array in", source_name);

    check_mem(buf_printf(out,
            "# actors_00_iso.txt - GENERATED at build time by tools/gen_countries.c from the\n"
            "# ISO 3166-1 list of Debian's iso-codes package (%s).  Do not edit: the\n"
            "# hand-written additions (demonyms, short and former names, capitals, seats of\n"
            "# government) are in data/builtin/actors_10_countries.txt, which loads after\n"
            "# this file and wins where both define a phrase.\n\n",
            source_name));

    seen_phrases seen = {{0}, {0}};
    size_t countries = 0;
    for (const json_node *c = json_first(d, list); c; c = json_next(d, list, c)) {
        if (c->type != JSON_OBJECT)
            die("an element of \"3166-1\" is not an object in", source_name);
        const char *alpha3 = string_member(d, c, "alpha_3");
        const char *name = string_member(d, c, "name");
        if (!alpha3 || !name || !valid_code(alpha3))
            die("a country without a valid alpha_3 and name in", source_name);
        const char *code = cameo_code(alpha3);
        str_list entry = {0};
        static const char *const keys[] = {"common_name", "name", "official_name"};
        for (size_t k = 0; k < 3; k++) {
            const char *n = string_member(d, c, keys[k]);
            if (n)
                add_name(&entry, &seen, n, code);
        }
        write_entry(out, &entry, code, name);
        free_list(&entry);
        countries++;
    }
    if (countries < 200)
        die("too few countries (fewer than 200) in", source_name);

    check_mem(buf_puts(out, "# ---- entities CAMEO codes that ISO 3166-1 does not list\n\n"));
    for (size_t i = 0; i < sizeof extra_countries / sizeof *extra_countries; i++) {
        str_list entry = {0};
        add_name(&entry, &seen, extra_countries[i].name, extra_countries[i].code);
        write_entry(out, &entry, extra_countries[i].code, extra_countries[i].name);
        free_list(&entry);
    }
    free_list(&seen.phrase);
    free_list(&seen.code);
}

static void usage(void)
{
    fputs("usage: gen_countries -o OUT.txt ISO_3166-1.json\n", stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    const char *out_path = NULL, *in_path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            out_path = argv[++i];
        else if (argv[i][0] == '-' || in_path)
            usage();
        else
            in_path = argv[i];
    }
    if (!out_path || !in_path)
        usage();

    char *text = NULL;
    size_t len = 0;
    if (file_read_all(in_path, &text, &len) != 0)
        die("cannot read", in_path);
    json_doc doc;
    json_init(&doc);
    int rc = json_parse(&doc, text, len);
    if (rc == JSON_ENOMEM)
        die("out of memory", NULL);
    if (rc != JSON_OK) {
        fprintf(stderr, "gen_countries: %s: invalid JSON at byte %zu: %s\n", in_path,
                doc.err_off, doc.err_msg ? doc.err_msg : "syntax error");
        exit(1);
    }

    /* The header names the input by its file name only: no build machine path. */
    const char *base = strrchr(in_path, '/');
    base = base ? base + 1 : in_path;

    size_t tmp_len = strlen(out_path) + 5;
    char *tmp_path = malloc(tmp_len);
    if (!tmp_path)
        die("out of memory", NULL);
    snprintf(tmp_path, tmp_len, "%s.tmp", out_path);
    dy_buf text_out = {0};
    generate(&text_out, &doc, base);
    FILE *out = fopen(tmp_path, "w");
    if (!out)
        die(strerror(errno), tmp_path);
    if (fwrite(text_out.s, 1, text_out.len, out) != text_out.len || ferror(out) ||
        fclose(out) != 0) {
        remove(tmp_path);
        die("write error", tmp_path);
    }
    if (rename(tmp_path, out_path) != 0) {
        remove(tmp_path);
        die(strerror(errno), out_path);
    }
    free(tmp_path);
    buf_free(&text_out);
    free(text);
    json_free(&doc);
    return 0;
}
