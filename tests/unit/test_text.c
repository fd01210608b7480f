/*
 * test_text.c - unit tests of lib/text: normalisation, sentence splitting (hand-written news
 * sentences and, when ../shared/data is present, the VOA stories), tokenisation and verb
 * forms.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text/text.h"
#include "text/text_private.h"

/* ---------------------------------------------------------------- helpers */

static dy_buf norm_buf;

/* Normalise s[0..len) and return the result (valid until the next call). */
static const char *norm_n(const char *s, size_t len)
{
    if (text_normalize(s, len, &norm_buf))
        return "(ENOMEM)";
    return norm_buf.s ? norm_buf.s : "";
}
static const char *norm(const char *s) { return norm_n(s, strlen(s)); }

static text_span_vec spans;
static dy_buf sent_buf;

/* Split s; return the number of sentences. */
static size_t split(const char *s)
{
    if (text_split_sentences(s, strlen(s), &spans))
        return (size_t)-1;
    return spans.n;
}

/* Sentence k of the last split of s, as a string (valid until the next call). */
static const char *sentence(const char *s, size_t k)
{
    buf_clear(&sent_buf);
    if (k >= spans.n)
        return "(none)";
    if (buf_append(&sent_buf, s + spans.v[k].start, spans.v[k].end - spans.v[k].start))
        return "(ENOMEM)";
    return sent_buf.s;
}

static text_tokenizer tk;
static dy_buf joined;

/* Tokenise s and return the upper-case forms joined by '|'. */
static const char *toks(const char *s)
{
    buf_clear(&joined);
    if (tok_run(&tk, s, strlen(s)))
        return "(ENOMEM)";
    for (size_t i = 0; i < tk.toks.n; i++) {
        if (i && buf_putc(&joined, '|'))
            return "(ENOMEM)";
        if (buf_append(&joined, tk.toks.v[i].up, tk.toks.v[i].uplen))
            return "(ENOMEM)";
    }
    return joined.s ? joined.s : "";
}

/* Index of the token whose upper-case form is `up`, or -1. */
static int tok_index(const char *up)
{
    for (size_t i = 0; i < tk.toks.n; i++)
        if (strcmp(tk.toks.v[i].up, up) == 0)
            return (int)i;
    return -1;
}

static uint32_t tok_flags(const char *up)
{
    int i = tok_index(up);
    return i < 0 ? 0 : tk.toks.v[i].flags;
}

/* 1 if the NUL-separated list in b (ending with an empty string) holds w. */
static int list_contains(const dy_buf *b, const char *w)
{
    const char *p = b->s;
    if (!p)
        return 0;
    while (*p) {
        if (strcmp(p, w) == 0)
            return 1;
        p += strlen(p) + 1;
    }
    return 0;
}

static int list_count(const dy_buf *b)
{
    int n = 0;
    const char *p = b->s;
    while (p && *p) {
        n++;
        p += strlen(p) + 1;
    }
    return n;
}

static dy_buf forms;

static int inflects_to(const char *base, const char *form)
{
    if (vform_inflect(base, strlen(base), &forms))
        return 0;
    return list_contains(&forms, form);
}

static int lemma_of(const char *word, const char *base)
{
    if (vform_lemmas(word, strlen(word), &forms))
        return 0;
    return list_contains(&forms, base);
}

/* ---------------------------------------------------------------- normalisation */

static void test_normalize(void)
{
    CHECK_STR(norm("\xE2\x80\x9CWe will not leave,\xE2\x80\x9D he said."),
              "\"We will not leave,\" he said.");
    CHECK_STR(norm("the rebels\xE2\x80\x99 base, Iraq\xE2\x80\x99s army"),
              "the rebels' base, Iraq's army");
    CHECK_STR(norm("\xE2\x80\x98quote\xE2\x80\x99"), "'quote'");
    CHECK_STR(norm("10\xC2\xA0km"), "10 km");
    CHECK_STR(norm("a\xE2\x80\x83" "b\xE2\x80\xAF" "c\xE3\x80\x80" "d"), "a b c d");
    CHECK_STR(norm("2019\xE2\x80\x93" "2020 \xE2\x80\x94 war \xE2\x88\x92" "5"),
              "2019-2020 - war -5");
    CHECK_STR(norm("wait\xE2\x80\xA6 what"), "wait... what");
    CHECK_STR(norm("  lots \n\n of\t\r  space  "), "lots of space");
    CHECK_STR(norm("zero\xE2\x80\x8Bwidth"), "zerowidth");
    CHECK_STR(norm(""), "");
    CHECK_STR(norm(" \n\t "), "");
    /* NUL and other control characters become (collapsed) spaces */
    CHECK_STR(norm_n("one\0two\x01\x02three\x7F", 15), "one two three");
    /* Latin-1 input (not valid UTF-8) is decoded as Latin-1 */
    CHECK_STR(norm("Caf\xE9 in S\xE3o Paulo"), "Caf\xC3\xA9 in S\xC3\xA3o Paulo");
    CHECK_STR(norm("\xE9"), "\xC3\xA9");
    /* Windows-1252 smart quotes and dashes in the 0x80-0x9F range */
    CHECK_STR(norm("\x93Yes\x94 \x96 it\x92s"), "\"Yes\" - it's");
    /* valid UTF-8 letters are kept as they are */
    CHECK_STR(norm("Erdo\xC4\x9F" "an \xD8\xA7\xD9\x84"), "Erdo\xC4\x9F" "an \xD8\xA7\xD9\x84");
    /* overlong encodings and surrogates are invalid: each byte read as Latin-1 */
    CHECK_STR(norm("\xC0\xAF"), "\xC3\x80\xC2\xAF");
    /* (0xA0 read as Latin-1 is a no-break space, 0x80 as Windows-1252 is the euro sign) */
    CHECK_STR(norm("\xED\xA0\x80"), "\xC3\xAD \xE2\x82\xAC");
    /* truncated sequence at the end */
    CHECK_STR(norm("ok \xE2\x80"), "ok \xC3\xA2\xE2\x82\xAC");
    /* every printable ASCII character passes through unchanged */
    char ascii[96];
    for (int c = 0x21; c < 0x7F; c++)
        ascii[c - 0x21] = (char)c;
    ascii[0x7F - 0x21] = 0;
    CHECK_STR(norm(ascii), ascii);
    /* guillemets become double quotes */
    CHECK_STR(norm("\xC2\xABnon\xC2\xBB"), "\"non\"");
    /* single blanks inside a run of printable characters (copied with the run) next to
     * other white space, at the ends and doubled */
    CHECK_STR(norm("a b  c \td\t e \n"), "a b c d e");
    CHECK_STR(norm(" x y "), "x y");
    CHECK_STR(norm("x \xE2\x80\x94 y z"), "x - y z");
    CHECK_STR(norm("a \x01" "b c\x7F" "d"), "a b c d");
}

/* ASCII text of printable characters, blanks, tabs, newlines and control characters,
 * normalised by text_normalize and by the rule written out plainly (every run of white
 * space or control characters is one blank, none at either end): the same text. */
static void test_normalize_ascii_spaces(void)
{
    /* E stands for an e with acute accent (two bytes, copied as they are) */
    static const char alphabet[] = "ab, \"  \t\n\r\x01\x7F.E";
    unsigned seed = 12345;
    char in[130], want[130];
    int same = 1;
    for (int round = 0; round < 20000 && same; round++) {
        size_t n = 0;
        seed = seed * 1103515245u + 12345u;
        size_t len = (seed >> 16) % (sizeof in / 2);
        for (size_t k = 0; k < len; k++) {
            seed = seed * 1103515245u + 12345u;
            char c = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
            if (c == 'E') {
                in[n++] = '\xC3';
                in[n++] = '\xA9';
            } else {
                in[n++] = c;
            }
        }
        size_t w = 0;
        int blank = 0;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)in[i];
            if (c <= ' ' || c == 0x7F) {
                blank = 1;
                continue;
            }
            if (c == 0xC3) { /* the two bytes of the accented e */
                if (blank && w)
                    want[w++] = ' ';
                blank = 0;
                want[w++] = in[i++];
                want[w++] = in[i];
                continue;
            }
            if (blank && w)
                want[w++] = ' ';
            blank = 0;
            want[w++] = (char)c;
        }
        want[w] = 0;
        const char *got = norm_n(in, n);
        same = strcmp(got, want) == 0;
        if (!same)
            fprintf(stderr, "normalise: \"%.*s\" gave \"%s\", want \"%s\"\n", (int)n, in,
                    got, want);
    }
    CHECK(same);
}

/* The abbreviation list, entries of every length: the kind, the case rule (a capitalised
 * entry needs a capital first letter, a lower-case one matches in any case), and near
 * misses of each length. */
static void test_abbreviations(void)
{
    static const struct {
        const char *w;
        int kind;
    } cases[] = {
        {"Mr", TEXT_ABBR_TITLE},     {"MR", TEXT_ABBR_TITLE},    {"mr", TEXT_ABBR_NONE},
        {"Jr", TEXT_ABBR_WEAK},      {"vs", TEXT_ABBR_TITLE},    {"VS", TEXT_ABBR_TITLE},
        {"Gen", TEXT_ABBR_TITLE},    {"GEN", TEXT_ABBR_TITLE},   {"gen", TEXT_ABBR_NONE},
        {"Jan", TEXT_ABBR_WEAK},     {"Fig", TEXT_ABBR_WEAK},    {"Fog", TEXT_ABBR_NONE},
        {"Sept", TEXT_ABBR_WEAK},    {"Prof", TEXT_ABBR_TITLE},  {"Minn", TEXT_ABBR_WEAK},
        {"Mint", TEXT_ABBR_NONE},    {"Lieut", TEXT_ABBR_TITLE}, {"Calif", TEXT_ABBR_WEAK},
        {"Calf", TEXT_ABBR_NONE},    {"Messrs", TEXT_ABBR_TITLE}, {"approx", TEXT_ABBR_TITLE},
        {"APPROX", TEXT_ABBR_TITLE}, {"Approx", TEXT_ABBR_TITLE}, {"Messrss", TEXT_ABBR_NONE},
        {"Senator", TEXT_ABBR_NONE}, {"F", TEXT_ABBR_WEAK},      {"f", TEXT_ABBR_NONE},
        {"U.S", TEXT_ABBR_WEAK},     {"e.g", TEXT_ABBR_WEAK},    {"Ph.D", TEXT_ABBR_WEAK},
        {"Iraq", TEXT_ABBR_NONE},    {"", TEXT_ABBR_NONE},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        int got = text_abbrev_kind(cases[k].w, strlen(cases[k].w));
        if (got != cases[k].kind)
            fprintf(stderr, "abbreviation \"%s\": kind %d, want %d\n", cases[k].w, got,
                    cases[k].kind);
        CHECK_INT(got, cases[k].kind);
    }
}

/* ---------------------------------------------------------------- sentences */

/* Each text must stay one sentence. */
static const char *const one_sentence[] = {
    "Brig. Gen. John Smith said Maj. Lt. Col. Ann Lee and Capt. Ray Doe met Sgt. Ali Omar.",
    "Adm. Mike Mullen and Gov. Jerry Brown met Sen. John McCain and Rep. Nancy Pelosi.",
    "The Rev. Jesse Jackson joined Mr. and Mrs. Smith, Ms. Jones and Dr. Ahmed.",
    "Prof. Noam Chomsky spoke to Martin Luther King Sr. and Ken Griffey Jr. at St. Paul's.",
    "Resolution No. 1701 and Nos. 242 and 338 were cited by Acme Co. officials.",
    "Halliburton Corp. and Apple Inc. and BP Ltd. executives met in Geneva.",
    "It was Iraq vs. Iran, and weapons, tanks, etc. were lost, approx. 3.5 million dollars.",
    "Some states, e.g. Jordan, and i.e. the neighbours, agreed.",
    "The talks ran from Jan. 5 to Feb. 6, Mar. 7, Apr. 8, Aug. 9 and Sept. 11.",
    "Elections were held Sep. 3, Oct. 4, Nov. 5 and Dec. 6 last year.",
    "The U.S. and U.N. officials met U.K. and E.U. envoys in the U.A.E. capital.",
    "A delegation from Washington, D.C. arrived in the U.S.S.R. in 1985.",
    "President John F. Kennedy met Nikita S. Khrushchev in Vienna.",
    "The economy grew 3.5 percent and 1,000 troops were sent.",
    "U.S.-backed forces entered the town.",
    "\"Why?\" he asked the U.S. delegation.",
    "He said the U.S. envoy would return.",
    "The U.S. President and the U.N. Security Council met.",
};

static void test_sentences(void)
{
    for (size_t i = 0; i < sizeof one_sentence / sizeof *one_sentence; i++) {
        size_t n = split(one_sentence[i]);
        if (n != 1)
            fprintf(stderr, "split into %zu: %s\n", n, one_sentence[i]);
        CHECK_INT(n, 1);
    }

    /* a terminator at every offset from the start (the splitter looks for them eight
     * bytes at a time, and at the text's end byte by byte), before non-ASCII text too */
    int shifted_ok = 1;
    for (int lead = 0; lead < 20 && shifted_ok; lead++) {
        for (int t = 0; t < 3 && shifted_ok; t++) {
            char in[64];
            int k = 0;
            for (int j = 0; j < lead; j++)
                in[k++] = (char)(j % 5 == 4 ? ' ' : 'a' + j % 5);
            in[k++] = 'x';
            in[k++] = ".!?"[t];
            snprintf(in + k, sizeof in - (size_t)k, "%s",
                     lead % 2 ? " The end" : " \xC3\x89t\xC3\xA9");
            shifted_ok = split(in) == 2 && spans.v[0].end == (uint32_t)k;
            if (!shifted_ok)
                fprintf(stderr, "split of \"%s\": %zu\n", in, spans.n);
        }
    }
    CHECK(shifted_ok);

    const char *s = "Rebels attacked the town. The army responded! Was it over? No.";
    CHECK_INT(split(s), 4);
    CHECK_STR(sentence(s, 0), "Rebels attacked the town.");
    CHECK_STR(sentence(s, 1), "The army responded!");
    CHECK_STR(sentence(s, 2), "Was it over?");
    CHECK_STR(sentence(s, 3), "No.");

    /* sentence-final initialisms before a common sentence starter */
    s = "The envoy arrived in the U.S. The president said talks would resume.";
    CHECK_INT(split(s), 2);
    CHECK_STR(sentence(s, 0), "The envoy arrived in the U.S.");
    CHECK_STR(sentence(s, 1), "The president said talks would resume.");
    s = "Troops left the U.K. But they will return. Fighting hit Washington, D.C. He left.";
    CHECK_INT(split(s), 4);
    CHECK_STR(sentence(s, 1), "But they will return.");
    CHECK_STR(sentence(s, 2), "Fighting hit Washington, D.C.");
    s = "Shares of Apple Inc. rose. Profits at Acme Corp. It said so.";
    CHECK_INT(split(s), 3);
    CHECK_STR(sentence(s, 0), "Shares of Apple Inc. rose.");
    CHECK_STR(sentence(s, 2), "It said so.");

    /* quotes */
    s = "He said \"no.\" Then he left.";
    CHECK_INT(split(s), 2);
    CHECK_STR(sentence(s, 0), "He said \"no.\"");
    CHECK_STR(sentence(s, 1), "Then he left.");
    /* a quotation closing right after an initialism ends the sentence there */
    s = "\"It is great for businesses in the U.S.\" Trump also criticized the newspaper.";
    CHECK_INT(split(s), 2);
    CHECK_STR(sentence(s, 1), "Trump also criticized the newspaper.");
    s = "The talks failed. \"We will fight,\" the leader said.";
    CHECK_INT(split(s), 2);
    CHECK_STR(sentence(s, 1), "\"We will fight,\" the leader said.");
    s = "Fighting resumed (the third time). Officials fled.";
    CHECK_INT(split(s), 2);
    CHECK_STR(sentence(s, 0), "Fighting resumed (the third time).");

    /* numbers and years at the end of a sentence */
    s = "The war began in 2011. It has killed 500,000 people.";
    CHECK_INT(split(s), 2);
    CHECK_STR(sentence(s, 1), "It has killed 500,000 people.");

    /* titles never end a sentence, even before "The" */
    CHECK_INT(split("He met Gen. The Ho Lee."), 1);

    /* surrounding white space is not part of a sentence; empty text has none */
    s = "  One.  Two.  ";
    CHECK_INT(split(s), 2);
    CHECK_STR(sentence(s, 0), "One.");
    CHECK_STR(sentence(s, 1), "Two.");
    CHECK_INT(split(""), 0);
    CHECK_INT(split("   "), 0);
    /* punctuation-only pieces are not sentences */
    s = "The talks ended. ... Fighting resumed. --";
    CHECK_INT(split(s), 2);
    CHECK_STR(sentence(s, 1), "Fighting resumed.");
    s = "No final period";
    CHECK_INT(split(s), 1);
    CHECK_STR(sentence(s, 0), "No final period");
}

/* Extract the "text" fields of a JSON Lines file (only the escapes JSON allows). */
static int next_text_field(const char **pp, const char *end, dy_buf *out)
{
    const char *key = "\"text\": \"";
    const char *p = *pp;
    const char *hit = p < end ? strstr(p, key) : NULL;
    if (!hit || hit >= end)
        return 0;
    p = hit + strlen(key);
    buf_clear(out);
    while (p < end && *p != '"') {
        char c = *p++;
        if (c == '\\' && p < end) {
            char e = *p++;
            if (e == 'n' || e == 't' || e == 'r')
                c = ' ';
            else if (e == 'u' && end - p >= 4) {
                unsigned cp = (unsigned)strtoul((char[]){p[0], p[1], p[2], p[3], 0}, NULL, 16);
                p += 4;
                char enc[3];
                size_t n = 0;
                if (cp < 0x80) {
                    enc[n++] = (char)cp;
                } else if (cp < 0x800) {
                    enc[n++] = (char)(0xC0 | (cp >> 6));
                    enc[n++] = (char)(0x80 | (cp & 0x3F));
                } else {
                    enc[n++] = (char)(0xE0 | (cp >> 12));
                    enc[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                    enc[n++] = (char)(0x80 | (cp & 0x3F));
                }
                if (buf_append(out, enc, n))
                    return -1;
                continue;
            } else {
                c = e;
            }
        }
        if (buf_putc(out, c))
            return -1;
    }
    *pp = p;
    return 1;
}

/* The word before position `end` (exclusive) in s. */
static size_t word_before(const char *s, size_t start, size_t end)
{
    size_t b = end;
    while (b > start && s[b - 1] != ' ')
        b--;
    return b;
}

static void test_voa(void)
{
    const char *dir = check_shared_data();
    if (!dir) {
        CHECK_SKIP("../shared/data absent: VOA sentence-splitting check");
        return;
    }
    char path[256];
    snprintf(path, sizeof path, "%s/voa/voa_stories.jsonl", dir);
    char *data = NULL;
    size_t len = 0;
    if (file_read_all(path, &data, &len)) {
        CHECK_SKIP("voa/voa_stories.jsonl unreadable");
        return;
    }
    dy_buf raw = {0}, text = {0};
    text_tokenizer t;
    tok_init(&t);
    const char *p = data;
    size_t stories = 0, sentences = 0, bad_abbrev = 0, bad_lower = 0, tokens = 0, bad_tok = 0;
    int r;
    while ((r = next_text_field(&p, data + len, &raw)) == 1) {
        stories++;
        CHECK_INT(text_normalize(raw.s, raw.len, &text), 0);
        CHECK_INT(text_split_sentences(text.s, text.len, &spans), 0);
        for (size_t k = 0; k < spans.n; k++) {
            const char *s = text.s;
            size_t a = spans.v[k].start, e = spans.v[k].end;
            sentences++;
            /* a sentence never starts with a lower-case letter (except the story's first) */
            if (k > 0 && s[a] >= 'a' && s[a] <= 'z') {
                bad_lower++;
                fprintf(stderr, "lower-case start: %.60s\n", s + a);
            }
            /* a sentence ends after a title never, and after an initialism only before a
             * sentence starter (never before a lower-case word) */
            size_t b = word_before(s, a, e);
            static const char *const titles[] = {"Gen.", "Mr.", "Mrs.", "Dr.", "Lt.", "Col.",
                                                 "Sen.", "Gov.", "Rep.", "Maj.", "Capt."};
            for (size_t i = 0; i < sizeof titles / sizeof *titles; i++)
                if (e - b == strlen(titles[i]) && memcmp(s + b, titles[i], e - b) == 0) {
                    bad_abbrev++;
                    fprintf(stderr, "ends after %s: %.60s\n", titles[i], s + b);
                }
            if (k + 1 < spans.n && e - b == 4 && memcmp(s + b, "U.S.", 4) == 0) {
                const char *nx = s + spans.v[k + 1].start;
                if (*nx >= 'a' && *nx <= 'z')
                    bad_abbrev++;
            }
            CHECK(tok_run(&t, s + a, e - a) == 0);
            tokens += t.toks.n;
            for (size_t i = 0; i < t.toks.n; i++) {
                const text_tok *tok = &t.toks.v[i];
                if (tok->uplen == 0 || strlen(tok->up) != tok->uplen || tok->end <= tok->start ||
                    tok->end > e - a)
                    bad_tok++;
            }
        }
    }
    CHECK_INT(r, 0);
    printf("VOA: %zu stories, %zu sentences, %zu tokens\n", stories, sentences, tokens);
    CHECK_INT(stories, 89);
    CHECK(sentences >= 2300 && sentences <= 3300);
    CHECK_INT(bad_abbrev, 0);
    CHECK_INT(bad_lower, 0);
    CHECK_INT(bad_tok, 0);
    tok_free(&t);
    buf_free(&raw);
    buf_free(&text);
    free(data);
}

/* ---------------------------------------------------------------- tokens */

static void test_tokens(void)
{
    CHECK_STR(toks("Syria's President al-Sharaa met pro-government U.S. envoys."),
              "SYRIA|'S|PRESIDENT|AL-SHARAA|MET|PRO-GOVERNMENT|U.S.|ENVOYS|.");
    CHECK(tok_flags("'S") & TOK_POSS);
    CHECK(tok_flags("SYRIA") & TOK_FIRST);
    CHECK(tok_flags("SYRIA") & TOK_CAP);
    CHECK(!(tok_flags("SYRIA") & TOK_ALLCAP));
    CHECK(tok_flags("U.S.") & TOK_ALLCAP);
    CHECK(!(tok_flags("AL-SHARAA") & TOK_CAP));
    /* TOK_HYPHEN: a '-' inside the word, after ASCII or other letters, and no other */
    CHECK(tok_flags("AL-SHARAA") & TOK_HYPHEN);
    CHECK(tok_flags("PRO-GOVERNMENT") & TOK_HYPHEN);
    CHECK(!(tok_flags("SYRIA") & TOK_HYPHEN));
    CHECK(!(tok_flags("U.S.") & TOK_HYPHEN));
    CHECK_STR(toks("Erdo\xC4\x9F" "an-led al-\xC3\xA9 \xC3\xA9t\xC3\xA9"),
              "ERDO\xC4\x9E" "AN-LED|AL-\xC3\x89|\xC3\x89T\xC3\x89");
    CHECK(tk.toks.v[0].flags & TOK_HYPHEN);
    CHECK(tk.toks.v[1].flags & TOK_HYPHEN);
    CHECK(!(tk.toks.v[2].flags & TOK_HYPHEN));
    CHECK_STR(toks("Syria's President al-Sharaa met pro-government U.S. envoys."),
              "SYRIA|'S|PRESIDENT|AL-SHARAA|MET|PRO-GOVERNMENT|U.S.|ENVOYS|.");
    CHECK(!(tok_flags("PRESIDENT") & TOK_FIRST));
    CHECK(tok_flags(".") & TOK_END);
    CHECK(tok_flags(".") & TOK_PUNCT);
    CHECK(tok_flags("ENVOYS") & TOK_WORD);

    /* offsets refer to the source text */
    const char *s = "Iran's FM spoke.";
    CHECK_STR(toks(s), "IRAN|'S|FM|SPOKE|.");
    CHECK_INT(tk.toks.v[0].start, 0);
    CHECK_INT(tk.toks.v[0].end, 4);
    CHECK_INT(tk.toks.v[1].start, 4);
    CHECK_INT(tk.toks.v[1].end, 6);
    CHECK_INT(tk.toks.v[4].start, 15);
    CHECK(tk.toks.v[2].flags & TOK_ALLCAP);

    CHECK_STR(toks("They don't agree, he said."), "THEY|DON'T|AGREE|,|HE|SAID|.");
    CHECK(tok_flags(",") & TOK_COMMA);
    CHECK(tok_flags(",") & TOK_PUNCT);
    CHECK_STR(toks("the rebels' base"), "THE|REBELS|'S|BASE");
    CHECK(tok_flags("'S") & TOK_POSS);
    CHECK_STR(toks("It grew 3.5 percent, or $1,000,000 (5%)."),
              "IT|GREW|3.5|PERCENT|,|OR|$|1,000,000|(|5|%|)|.");
    CHECK(tok_flags("3.5") & TOK_NUM);
    /* a comma joins two digits only (also right after a short word, read 8 bytes at once) */
    CHECK_STR(toks("Up 3,5 a,5 5,a ab,cd 12,34, 1234567,8 abcdefg,h 1234567,"),
              "UP|3,5|A|,|5|5|,|A|AB|,|CD|12,34|,|1234567,8|ABCDEFG|,|H|1234567|,");
    CHECK(!(tok_flags("PERCENT") & TOK_NUM));
    CHECK_STR(toks("He said \"no.\""), "HE|SAID|\"|NO|.|\"");
    CHECK(tok_flags("\"") & TOK_QUOTE);
    CHECK_STR(toks("Lt. Gen. John F. Kennedy Jr. met AT&T in Washington, D.C."),
              "LT.|GEN.|JOHN|F.|KENNEDY|JR.|MET|AT&T|IN|WASHINGTON|,|D.C.|.");
    /* the abbreviation keeps its period, and the final one also gets a TOK_END token */
    CHECK(tk.toks.v[tk.toks.n - 1].flags & TOK_END);
    CHECK_INT(tk.toks.v[tk.toks.n - 1].start, tk.toks.v[tk.toks.n - 2].end - 1);
    CHECK_STR(toks("The U.S.-backed forces"), "THE|U.S.|-|BACKED|FORCES");
    CHECK_STR(toks("a Kenya-U.S. base and the U.S.'s allies"),
              "A|KENYA-U.S.|BASE|AND|THE|U.S.|'S|ALLIES");
    CHECK(tk.toks.v[6].flags & TOK_POSS);
    CHECK_STR(toks("Wait... what?!"), "WAIT|.|.|.|WHAT|?|!");
    CHECK(!(tk.toks.v[1].flags & TOK_END));
    CHECK(tk.toks.v[5].flags & TOK_END);
    /* Latin-1 supplement and Latin Extended-A letters are upper-cased */
    CHECK_STR(toks("Caf\xC3\xA9 Erdo\xC4\x9F" "an \xC3\xBF" "es"),
              "CAF\xC3\x89|ERDO\xC4\x9E" "AN|\xC5\xB8" "ES");
    CHECK_STR(toks("\xC3\x89LYS\xC3\x89" "E"), "\xC3\x89LYS\xC3\x89" "E");
    CHECK(tk.toks.v[0].flags & TOK_CAP);
    CHECK(tk.toks.v[0].flags & TOK_ALLCAP);
    /* other scripts are left alone; symbols are punctuation */
    CHECK_STR(toks("\xD8\xA7\xD9\x84 10\xE2\x82\xAC"), "\xD8\xA7\xD9\x84|10|\xE2\x82\xAC");
    CHECK_STR(toks(""), "");
    CHECK_INT(tk.toks.n, 0);
    CHECK_STR(toks("--a--"), "-|-|A|-|-");

    /* long input: buffers grow, pointers stay valid after growth */
    dy_buf big = {0};
    for (int i = 0; i < 5000; i++)
        CHECK_INT(buf_printf(&big, "word%d Brazil's ", i), 0);
    CHECK_INT(tok_run(&tk, big.s, big.len), 0);
    CHECK_INT(tk.toks.n, 15000);
    CHECK_STR(tk.toks.v[14997].up, "WORD4999");
    CHECK_STR(tk.toks.v[14998].up, "BRAZIL");
    CHECK_STR(tk.toks.v[14999].up, "'S");
    CHECK_STR(tk.toks.v[0].up, "WORD0");
    buf_free(&big);

    /* every printable ASCII character between two letters, against <ctype.h>: a letter or
     * digit is part of the word, upper-cased; ' - . & join two words into one token; any
     * other character is a token of its own.  Case flags of every two-letter word. */
    int ascii_ok = 1;
    for (int c = 0x21; c < 0x7F && ascii_ok; c++) {
        char in[4] = {'x', (char)c, 'y', 0}, one[4] = {'X', (char)toupper(c), 'Y', 0};
        int one_word = isalnum(c) || c == '\'' || c == '-' || c == '.' || c == '&';
        const char *got = toks(in);
        ascii_ok = one_word ? strcmp(got, one) == 0 &&
                                  !!(tk.toks.v[0].flags & TOK_HYPHEN) == (c == '-')
                            : tk.toks.n == 3 && (tk.toks.v[1].flags & TOK_PUNCT) &&
                                  !(tk.toks.v[0].flags & TOK_HYPHEN);
        if (!ascii_ok)
            fprintf(stderr, "tokens of \"%s\": \"%s\"\n", in, got);
    }
    for (int a = 0x21; a < 0x7F && ascii_ok; a++) {
        for (int b = 'A'; b <= 'z' && ascii_ok; b++) {
            if (!isalpha(a) && !isdigit(a))
                continue;
            if (!isalpha(b))
                continue;
            char in[3] = {(char)a, (char)b, 0};
            if (tok_run(&tk, in, 2))
                tk.toks.n = 0;
            uint32_t f = tk.toks.n == 1 ? tk.toks.v[0].flags : 0;
            int cap = isupper(a) || (!isalpha(a) && isupper(b));
            int allcap = isalpha(a) && isupper(a) && isupper(b);
            ascii_ok = tk.toks.n == 1 && !!(f & TOK_CAP) == cap &&
                       !!(f & TOK_ALLCAP) == allcap && !!(f & TOK_NUM) == !!isdigit(a);
            if (!ascii_ok)
                fprintf(stderr, "flags of \"%s\": %#x\n", in, (unsigned)f);
        }
    }
    CHECK(ascii_ok);
}

/* Words of 1 to 24 characters (ASCII letters of both cases, digits, a '-' between two of
 * them, now and then an accented letter; some start with digits) at the start, in the
 * middle and at the end of sentences of every length: the tokenizer reads an ASCII word of
 * up to 15 bytes eight bytes at a time (with the bytes after it, or before it at the
 * sentence's end), so its upper-case form and flags are checked against a plain
 * byte-by-byte account. */
static void test_word_shapes(void)
{
    static const char chars[] = "abcxyzABCXYZ0129-";
    unsigned long seed = 12345;
    int bad = 0;
    dy_buf in = {0};
    for (int round = 0; round < 20000 && bad < 5; round++) {
        buf_clear(&in);
        char want_up[64];
        size_t nw = 0;
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        int before = (int)(seed >> 60) % 3, after = (int)(seed >> 56) % 4;
        /* every fourth word starts with up to 12 digits (its first letter comes late) */
        int digits_first = round % 4 == 3 ? (int)((seed >> 20) % 13) : 0;
        for (int k = 0; k < before; k++)
            buf_append(&in, k ? "b " : "aa ", k ? 2 : 3);
        size_t start = in.len;
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        int n = 1 + (int)((seed >> 40) % 24);
        int letters = 0, any_lower = 0, first_upper = -1, hyphen = 0;
        for (int k = 0; k < n; k++) {
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            unsigned r = (unsigned)(seed >> 33);
            char c = k < digits_first ? (char)('0' + r % 10) : chars[r % (sizeof chars - 1)];
            if (c == '-' && (k == 0 || k == n - 1 || want_up[nw - 1] == '-'))
                c = 'q';
            if (r % 53 == 0) { /* e with acute accent, lower or upper case */
                int low = (r >> 8) & 1;
                buf_append(&in, low ? "\xC3\xA9" : "\xC3\x89", 2);
                memcpy(want_up + nw, "\xC3\x89", 2);
                nw += 2;
                letters++;
                any_lower |= low;
                if (first_upper < 0)
                    first_upper = !low;
                continue;
            }
            buf_putc(&in, c);
            want_up[nw++] = (char)toupper((unsigned char)c);
            hyphen |= c == '-';
            if (isalpha((unsigned char)c)) {
                letters++;
                any_lower |= !!islower((unsigned char)c);
                if (first_upper < 0)
                    first_upper = !!isupper((unsigned char)c);
            }
        }
        want_up[nw] = 0;
        for (int k = 0; k < after; k++)
            buf_append(&in, " cc", 3);
        if (round % 2)
            buf_putc(&in, '!');
        size_t len = in.len;
        buf_append(&in, "zzzzzzzz", 8); /* bytes past the sentence must not be read */
        text_tok *w = NULL;
        if (tok_run(&tk, in.s, len) == 0)
            for (size_t k = 0; k < tk.toks.n; k++)
                if (tk.toks.v[k].start == start)
                    w = &tk.toks.v[k];
        uint32_t want = TOK_WORD | (first_upper == 1 ? TOK_CAP : 0) |
                        (letters >= 2 && !any_lower ? TOK_ALLCAP : 0) |
                        (isdigit((unsigned char)in.s[start]) ? TOK_NUM : 0) |
                        (hyphen ? TOK_HYPHEN : 0) | (start == 0 ? TOK_FIRST : 0);
        if (!w || strcmp(w->up, want_up) != 0 || w->uplen != nw || w->end - w->start != nw ||
            w->flags != want) {
            fprintf(stderr, "word %zu bytes in \"%.*s\": %s %#x, want %s %#x\n", nw, (int)len,
                    in.s, w ? w->up : "(none)", w ? (unsigned)w->flags : 0u, want_up,
                    (unsigned)want);
            bad++;
        }
    }
    CHECK_INT(bad, 0);
    buf_free(&in);
}

/* max_token: a word longer than the limit is one opaque TOK_LONG token in its place */
static void test_long_tokens(void)
{
    text_tokenizer t;
    tok_init(&t);
    CHECK_INT(t.max_token, 0); /* no limit unless asked */
    const char *s = "Iraq's abcdef abcdefg, al-Sharaa-x x.";
    CHECK_INT(tok_run(&t, s, strlen(s)), 0);
    CHECK_INT(t.nlong, 0);
    t.max_token = 6;
    CHECK_INT(tok_run(&t, s, strlen(s)), 0);
    /* IRAQ 'S ABCDEF (6: kept) ABCDEFG (7: long) , AL-SHARAA-X (11: long) X . */
    CHECK_INT(t.toks.n, 8);
    if (t.toks.n == 8) {
        CHECK_STR(t.toks.v[2].up, "ABCDEF");
        CHECK(!(t.toks.v[2].flags & TOK_LONG));
        CHECK(t.toks.v[3].flags & TOK_LONG);
        CHECK(t.toks.v[3].flags & TOK_WORD);
        CHECK_STR(t.toks.v[3].up, "");
        CHECK_INT(t.toks.v[3].uplen, 0);
        CHECK_INT(t.toks.v[3].start, 14);
        CHECK_INT(t.toks.v[3].end, 21);
        CHECK(t.toks.v[4].flags & TOK_COMMA);
        CHECK(t.toks.v[5].flags & TOK_LONG);
        CHECK_STR(t.toks.v[6].up, "X");
    }
    CHECK_INT(t.nlong, 2);
    CHECK(t.long_at == s + 14);
    CHECK_INT(t.long_len, 7);
    /* the count adds up over runs until the caller resets it; the first one stays noted */
    CHECK_INT(tok_run(&t, "abcdefgh", 8), 0);
    CHECK_INT(t.nlong, 3);
    CHECK(t.long_at == s + 14);
    t.nlong = 0;
    /* a 2 MB word: one token, linear time */
    size_t n = (size_t)2 << 20;
    char *big = malloc(n);
    CHECK(big != NULL);
    if (big) {
        memset(big, 'Q', n);
        t.max_token = 256;
        CHECK_INT(tok_run(&t, big, n), 0);
        CHECK_INT(t.toks.n, 1);
        CHECK_INT(t.nlong, 1);
        CHECK_INT(t.long_len, n);
        free(big);
    }
    tok_free(&t);
}

/* ---------------------------------------------------------------- verb forms */

static void test_verbs(void)
{
    CHECK(inflects_to("STOP", "STOP"));
    CHECK(inflects_to("STOP", "STOPS"));
    CHECK(inflects_to("STOP", "STOPPED"));
    CHECK(inflects_to("STOP", "STOPPING"));
    CHECK(inflects_to("TRY", "TRIED"));
    CHECK(inflects_to("TRY", "TRIES"));
    CHECK(inflects_to("TRY", "TRYING"));
    CHECK(inflects_to("VISIT", "VISITED"));
    CHECK(!inflects_to("VISIT", "VISITTED"));
    CHECK(inflects_to("VISIT", "VISITING"));
    CHECK(inflects_to("CUT", "CUT"));
    CHECK(inflects_to("CUT", "CUTTING"));
    CHECK(inflects_to("CUT", "CUTS"));
    CHECK(inflects_to("ACCUSE", "ACCUSED"));
    CHECK(inflects_to("ACCUSE", "ACCUSING"));
    CHECK(inflects_to("ACCUSE", "ACCUSES"));
    CHECK(inflects_to("AGREE", "AGREEING"));
    CHECK(inflects_to("AGREE", "AGREED"));
    CHECK(inflects_to("WATCH", "WATCHES"));
    CHECK(inflects_to("VETO", "VETOES"));
    CHECK(inflects_to("DIE", "DYING"));
    CHECK(inflects_to("PANIC", "PANICKED"));
    CHECK(inflects_to("PREFER", "PREFERRED"));
    CHECK(inflects_to("ADMIT", "ADMITTED"));
    CHECK(inflects_to("COMMIT", "COMMITTING"));
    CHECK(inflects_to("CONTROL", "CONTROLLED"));
    CHECK(inflects_to("OFFER", "OFFERED"));
    CHECK(!inflects_to("OFFER", "OFFERRED"));
    CHECK(inflects_to("OPEN", "OPENED"));
    CHECK(!inflects_to("OPEN", "OPENNED"));
    CHECK(inflects_to("CANCEL", "CANCELED"));
    CHECK(inflects_to("CANCEL", "CANCELLED"));
    CHECK(inflects_to("PLAY", "PLAYED"));
    CHECK(inflects_to("PLAY", "PLAYS"));
    CHECK(inflects_to("APPEAL", "APPEALED"));
    CHECK(!inflects_to("APPEAL", "APPEALLED"));
    /* irregular verbs */
    CHECK(inflects_to("MEET", "MET"));
    CHECK(inflects_to("MEET", "MEETS"));
    CHECK(inflects_to("MEET", "MEETING"));
    CHECK(inflects_to("FLEE", "FLED"));
    CHECK(inflects_to("FLEE", "FLEEING"));
    CHECK(inflects_to("SAY", "SAID"));
    CHECK(inflects_to("SAY", "SAYS"));
    CHECK(inflects_to("BEGIN", "BEGAN"));
    CHECK(inflects_to("BEGIN", "BEGUN"));
    CHECK(inflects_to("BEGIN", "BEGINNING"));
    CHECK(inflects_to("LEAD", "LED"));
    CHECK(inflects_to("SEEK", "SOUGHT"));
    CHECK(inflects_to("FIGHT", "FOUGHT"));
    CHECK(inflects_to("HOLD", "HELD"));
    CHECK(inflects_to("GIVE", "GAVE"));
    CHECK(inflects_to("GIVE", "GIVEN"));
    CHECK(inflects_to("GIVE", "GIVING"));
    CHECK(inflects_to("TAKE", "TOOK"));
    CHECK(inflects_to("TAKE", "TAKEN"));
    CHECK(inflects_to("STRIKE", "STRUCK"));
    CHECK(inflects_to("SHOOT", "SHOT"));
    CHECK(inflects_to("BREAK", "BROKE"));
    CHECK(inflects_to("BREAK", "BROKEN"));
    CHECK(inflects_to("SEND", "SENT"));
    CHECK(inflects_to("SPEAK", "SPOKE"));
    CHECK(inflects_to("SPEAK", "SPOKEN"));
    CHECK(inflects_to("TELL", "TOLD"));
    CHECK(inflects_to("BROADCAST", "BROADCASTED"));
    CHECK(inflects_to("BE", "WAS"));
    CHECK(inflects_to("BE", "BEEN"));
    CHECK(!inflects_to("BE", "BED"));
    /* TABARI's mechanical endings are included (manual 5.2.3) */
    CHECK(inflects_to("BREAK", "BREAKED"));
    CHECK(inflects_to("ACCUSE", "ACCUSEEN"));
    /* the base comes first, the list ends with an empty string, no duplicates */
    CHECK_INT(vform_inflect("MEET", 4, &forms), 0);
    CHECK_STR(forms.s, "MEET");
    int n = list_count(&forms);
    CHECK(n >= 5);
    {
        const char *p = forms.s;
        int dups = 0;
        for (int i = 0; i < n; i++, p += strlen(p) + 1) {
            const char *q = p + strlen(p) + 1;
            for (int j = i + 1; j < n; j++, q += strlen(q) + 1)
                dups += strcmp(p, q) == 0;
        }
        CHECK_INT(dups, 0);
    }
    /* multi-word bases inflect their first word */
    CHECK(inflects_to("PULL_OUT", "PULLED_OUT"));
    CHECK(inflects_to("SET UP", "SETTING UP"));

    /* lemmas */
    CHECK_INT(vform_lemmas("MET", 3, &forms), 0);
    CHECK_STR(forms.s, "MET");
    CHECK(lemma_of("MET", "MEET"));
    CHECK(lemma_of("FLED", "FLEE"));
    CHECK(lemma_of("SAID", "SAY"));
    CHECK(lemma_of("BEGUN", "BEGIN"));
    CHECK(lemma_of("CALLED", "CALL"));
    CHECK(lemma_of("TALKS", "TALK"));
    CHECK(lemma_of("VISITING", "VISIT"));
    CHECK(lemma_of("STOPPED", "STOP"));
    CHECK(lemma_of("STOPPING", "STOP"));
    CHECK(lemma_of("TRIED", "TRY"));
    CHECK(lemma_of("TRIES", "TRY"));
    CHECK(lemma_of("ACCUSED", "ACCUSE"));
    CHECK(lemma_of("MAKING", "MAKE"));
    CHECK(lemma_of("DYING", "DIE"));
    CHECK(lemma_of("WATCHES", "WATCH"));
    CHECK(lemma_of("PANICKED", "PANIC"));
    CHECK(lemma_of("CANCELLED", "CANCEL"));
    CHECK(lemma_of("WAS", "BE"));
    CHECK(!lemma_of("PRESS", "PRES"));
    /* every regular form maps back to its base */
    static const char *const bases[] = {"ATTACK", "ACCUSE", "STOP",  "TRY",   "VISIT",
                                        "AGREE",  "WATCH",  "ADMIT", "PANIC", "CANCEL"};
    dy_buf inf = {0};
    for (size_t i = 0; i < sizeof bases / sizeof *bases; i++) {
        CHECK_INT(vform_inflect(bases[i], strlen(bases[i]), &inf), 0);
        for (const char *p = inf.s; *p; p += strlen(p) + 1) {
            int ok = lemma_of(p, bases[i]);
            if (!ok)
                fprintf(stderr, "no lemma %s for %s\n", bases[i], p);
            CHECK(ok);
        }
    }
    buf_free(&inf);
}

int main(void)
{
    tok_init(&tk);
    test_normalize();
    test_normalize_ascii_spaces();
    test_abbreviations();
    test_sentences();
    test_voa();
    test_tokens();
    test_word_shapes();
    test_long_tokens();
    test_verbs();
    tok_free(&tk);
    buf_free(&norm_buf);
    buf_free(&sent_buf);
    buf_free(&joined);
    buf_free(&forms);
    VEC_FREE(&spans);
    return check_summary();
}
