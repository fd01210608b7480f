/*
 * test_coder.c - tests of the public coding API (dy_coder_*) on dyad's own small engine
 * dictionaries in tests/data/engine: simple events, default source/target, patterns,
 * compounds, passive voice, negation, comma clauses, agents, date-restricted actors,
 * pronouns within and across sentences (and never across stories), event fields and
 * offsets, tracing, options, limits, determinism, NULL handles, and shared dictionaries.
 */
#include "dyad.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"

#define ENGINE_DICT "tests/data/engine/engine.ini"
#define ENGINE_DIR "tests/data/engine"

/* ---------------------------------------------------------------- helpers */

/* Diagnostics received, counted by severity. */
typedef struct diag_counts {
    int notes, warnings, errors;
    dy_status last_code;
} diag_counts;

static void count_diag(void *ud, const dy_diag *d)
{
    diag_counts *dc = ud;
    if (d->severity == DY_ERROR)
        dc->errors++;
    else if (d->severity == DY_WARNING)
        dc->warnings++;
    else
        dc->notes++;
    dc->last_code = d->code;
}

/* One event reduced to its triple, for comparing lists. */
typedef struct triple {
    char text[96];
} triple;

/* The events of the last story fed, as "SRC TGT CODE" strings in the coder's order.
 * Returns the count (at most cap are stored). */
static int collect(dy_coder *c, triple *out, int cap)
{
    int n = 0;
    const dy_event *e;
    while ((e = dy_coder_next_event(c)) != NULL) {
        if (n < cap)
            snprintf(out[n].text, sizeof out[n].text, "%s %s %s", e->source, e->target,
                     e->code);
        n++;
    }
    return n;
}

/* Feed one story; return the status. */
static dy_status feed(dy_coder *c, const char *id, int32_t date, const char *text)
{
    dy_story s;
    memset(&s, 0, sizeof s);
    s.id = id;
    s.date = date;
    s.text = text;
    s.text_len = strlen(text);
    return dy_coder_feed(c, &s);
}

/* Is "SRC TGT CODE" among the n collected triples? */
static int has(const triple *t, int n, const char *want)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(t[i].text, want))
            return 1;
    return 0;
}

/* Code `text` and check that the events are exactly the `nwant` triples in `want`
 * (any order, each once).  Prints what was produced when it differs. */
static void expect_events(int line, dy_coder *c, int32_t date, const char *text,
                          const char *const *want, int nwant)
{
    triple got[16];
    CHECK_INT(feed(c, "t", date, text), DY_OK);
    int n = collect(c, got, 16);
    int ok = n == nwant;
    for (int i = 0; ok && i < nwant; i++)
        ok = has(got, n < 16 ? n : 16, want[i]);
    CHECK(ok);
    if (!ok) {
        fprintf(stderr, "  (line %d) text: %s\n  want:", line, text);
        for (int i = 0; i < nwant; i++)
            fprintf(stderr, " [%s]", want[i]);
        fprintf(stderr, "\n  got: ");
        for (int i = 0; i < n && i < 16; i++)
            fprintf(stderr, " [%s]", got[i].text);
        fprintf(stderr, "%s\n", n ? "" : " none");
    }
}

#define EXPECT(c, date, text, ...)                                                           \
    do {                                                                                     \
        const char *const want_[] = {__VA_ARGS__};                                           \
        expect_events(__LINE__, (c), (date), (text), want_,                                  \
                      (int)(sizeof want_ / sizeof *want_));                                  \
    } while (0)
#define EXPECT_NONE(c, date, text) expect_events(__LINE__, (c), (date), (text), NULL, 0)

/* ---------------------------------------------------------------- tests */

static void test_load(dy_dict **out)
{
    diag_counts dc = {0};
    dy_dict_opts o = {.diag = count_diag, .diag_ud = &dc};
    dy_dict *d = NULL;
    CHECK_INT(dy_dict_load(ENGINE_DICT, &o, &d), DY_OK);
    CHECK(d != NULL);
    CHECK_INT(dc.errors, 0);
    CHECK_INT(dc.warnings, 0);
    if (d) {
        dy_dict_stats st;
        dy_dict_get_stats(d, &st);
        CHECK_INT(st.actors, 11); /* entries in engine.actors.txt */
        CHECK(st.agents >= 9);
        CHECK(st.verbs >= 15);
        CHECK_INT(st.patterns, 2);
    }
    *out = d;

    /* the folder loads the same config */
    dy_dict *d2 = NULL;
    CHECK_INT(dy_dict_load(ENGINE_DIR, NULL, &d2), DY_OK);
    CHECK(d2 != NULL);
    if (d && d2) {
        dy_coder *c = dy_coder_new(d2, NULL);
        CHECK(c != NULL);
        if (c)
            EXPECT(c, 20240110, "Zendia invaded Iraq.", "ZND IRQ 192");
        dy_coder_free(c);
    }
    dy_dict_free(d2);

    /* a missing file: an error status, NULL, and an error diagnostic */
    diag_counts dm = {0};
    dy_dict_opts om = {.diag = count_diag, .diag_ud = &dm};
    dy_dict *none = (dy_dict *)&dm; /* must be overwritten with NULL */
    CHECK(dy_dict_load("tests/data/engine/no-such-file.ini", &om, &none) != DY_OK);
    CHECK(none == NULL);
    CHECK(dm.errors >= 1);
}

static void test_simple(dy_coder *c)
{
    EXPECT(c, 20240110, "Iraq attacked Turkey.", "IRQ TUR 190");
    EXPECT(c, 20240110, "Germany criticized Russia on Monday.", "DEU RUS 111");
    /* a verb's own code differs from its block's */
    EXPECT(c, 20240110, "Zendia invaded Iraq.", "ZND IRQ 192");
    /* no verb, no event; a statement with no target, none under require_dyad */
    EXPECT_NONE(c, 20240110, "Iraq and Turkey on Monday.");
    EXPECT_NONE(c, 20240110, "France said on Monday that it was ready.");
    /* words that are no actor give nothing */
    EXPECT_NONE(c, 20240110, "The farmers attacked the wolves.");
}

/* TABARI's default rules: source = first actor before the verb, target = first actor after
 * it whose code differs from the source's. */
static void test_default_source_target(dy_coder *c)
{
    EXPECT(c, 20240110, "Egypt praised Israel and Japan.", "EGY ISR 051", "EGY JPN 051");
    EXPECT(c, 20240110, "Egypt on Monday strongly praised the people of Israel.", "EGY ISR 051");
    /* the first actor after the verb with a code different from the source's */
    EXPECT(c, 20240110, "Iraq attacked Baghdad and Turkey.", "IRQ TUR 190");
}

/* DEFAULT: SOURCE [code] PRIOR / TARGET [code] AFTER (TABARI options, manual 8.5) fill a
 * missing actor; found actors still win. */
static void test_default_option(const dy_dict *d)
{
    dy_coder *c = dy_coder_new(d, NULL);
    CHECK(c != NULL);
    if (!c)
        return;
    EXPECT_NONE(c, 20240110, "The farmers attacked Turkey.");
    EXPECT_NONE(c, 20240110, "Iraq attacked the farmers.");
    CHECK_INT(dy_coder_set_option(c, "DEFAULT:", "SOURCE [ZZZ] PRIOR TARGET [YYY] AFTER"),
              DY_OK);
    EXPECT(c, 20240110, "The farmers attacked Turkey.", "ZZZ TUR 190");
    EXPECT(c, 20240110, "Iraq attacked the farmers.", "IRQ YYY 190");
    /* found actors still win over the defaults */
    EXPECT(c, 20240110, "Iraq attacked Turkey.", "IRQ TUR 190");
    CHECK_INT(dy_coder_set_option(c, "DEFAULT:", "OFF"), DY_OK);
    EXPECT_NONE(c, 20240110, "The farmers attacked Turkey.");
    dy_coder_free(c);
}

/* story_country (dyad's SET: STORY COUNTRY; off in these dictionaries): a subject agent with
 * no country takes the state the story's earlier sentences named most, at least twice and
 * alone; never one named only in its own sentence. */
static void test_story_country(const dy_dict *d)
{
    static const char story[] = "Egypt praised Israel. Egypt criticized Japan. "
                                "Police attacked Turkey.";
    dy_coder *c = dy_coder_new(d, NULL);
    CHECK(c != NULL);
    if (!c)
        return;
    EXPECT(c, 20240110, story, "EGY ISR 051", "EGY JPN 111");
    CHECK_INT(dy_coder_set_option(c, "story_country", "1"), DY_OK);
    EXPECT(c, 20240110, story, "EGY ISR 051", "EGY JPN 111", "EGYCOP TUR 190");
    /* named once only: no story country */
    EXPECT(c, 20240110, "Egypt praised Israel. Police attacked Turkey.", "EGY ISR 051");
    /* a tie: none */
    EXPECT(c, 20240110, "Egypt praised Israel. Israel praised Egypt. Police attacked Turkey.",
           "EGY ISR 051", "ISR EGY 051");
    /* the agent's own sentence does not count (Turkey twice there, once before) */
    EXPECT(c, 20240110, "Turkey praised Israel. Police attacked Turkey and Turkey.",
           "TUR ISR 051");
    CHECK_INT(dy_coder_set_option(c, "story_country", "0"), DY_OK);
    EXPECT(c, 20240110, story, "EGY ISR 051", "EGY JPN 111");
    dy_coder_free(c);
}

/* person_names (dyad's SET: PERSON NAMES; off in these dictionaries): a name after a titled
 * actor or before an appositive naming one is that actor, found again by surname in later
 * sentences; HE/SHE mean the first person the sentence (else the story) named; a verb whose
 * subject is a name with no actor codes nothing, and no other actor stands in for it. */
static void test_person_names(const dy_dict *d)
{
    static const char titled[] = "Egyptian Foreign Minister Sameh Shoukry met Turkey on Monday. "
                                 "Shoukry criticized Israel.";
    static const char appositive[] = "Egypt praised Turkey. Sameh Shoukry, the Egyptian foreign "
                                     "minister, criticized Israel on Monday. He also praised "
                                     "France.";
    static const char unknown[] = "Ahmed Nabil said Russia attacked Turkey. He praised Germany.";
    dy_coder *c = dy_coder_new(d, NULL);
    CHECK(c != NULL);
    if (!c)
        return;
    /* off: the surname is no actor, the appositive is dropped, HE is the last actor, and
     * the unknown speaker's sentence gives the act it reports (its statement, credited to
     * Russia, joins the same actors and is dropped) */
    EXPECT(c, 20240110, titled, "EGYGOV TUR 040");
    EXPECT(c, 20240110, appositive, "EGY TUR 051", "ISR FRA 051");
    EXPECT(c, 20240110, unknown, "RUS TUR 190", "RUS DEU 051");
    CHECK_INT(dy_coder_set_option(c, "person_names", "1"), DY_OK);
    EXPECT(c, 20240110, titled, "EGYGOV TUR 040", "EGYGOV ISR 111");
    EXPECT(c, 20240110, appositive, "EGY TUR 051", "EGYGOV ISR 111", "EGYGOV FRA 051");
    EXPECT(c, 20240110, unknown, "RUS TUR 190");
    /* the people of one story are not those of the next */
    EXPECT_NONE(c, 20240110, "Shoukry criticized Israel.");
    /* a one-word name never seen before is no evidence: the sentence codes as with the
     * option off (the act it reports) */
    EXPECT(c, 20240110, "Nabil said Russia attacked Turkey.", "RUS TUR 190");
    /* a title with an OF-tail ("Minister of Trade and Industry") still titles the name */
    EXPECT(c, 20240110, "Egyptian Minister of Trade and Industry Ahmed Nabil met Turkey. "
                        "Nabil praised France.", "EGYGOV TUR 040", "EGYGOV FRA 051");
    /* a person with no actor, named again: HE after it is nobody the dictionaries know */
    EXPECT(c, 20240110, "Ahmed Nabil said Russia attacked Turkey. Iraq praised Nabil. "
                        "He praised Germany.", "RUS TUR 190");
    CHECK_INT(dy_coder_set_option(c, "person_names", "0"), DY_OK);
    EXPECT(c, 20240110, titled, "EGYGOV TUR 040");
    dy_coder_free(c);
}

static void test_patterns(dy_coder *c)
{
    /* - * + WITH MONEY [071] */
    EXPECT(c, 20240201, "Iraq helped Turkey with money.", "IRQ TUR 071");
    /* - $ * + WITH TROOPS [074] */
    EXPECT(c, 20240201, "Russia helped Egypt with troops.", "RUS EGY 074");
    /* the words out of order: the verb's own code */
    EXPECT(c, 20240201, "Russia helped Egypt.", "RUS EGY 070");
    /* $ needs an actor before the verb: none here, so no 074 (and no source at all) */
    EXPECT_NONE(c, 20240201, "The farmers helped Egypt with troops.");
}

static void test_compounds(dy_coder *c)
{
    EXPECT(c, 20240305, "France and Germany condemned Russia.", "FRA RUS 111", "DEU RUS 111");
    EXPECT(c, 20240305, "Iraq attacked Turkey and Egypt.", "IRQ TUR 190", "IRQ EGY 190");
    EXPECT(c, 20240305, "France, Germany and Japan criticized Zendia.", "FRA ZND 111",
           "DEU ZND 111", "JPN ZND 111");
    EXPECT(c, 20240305, "France and Germany criticized Egypt and Israel.", "FRA EGY 111",
           "FRA ISR 111", "DEU EGY 111", "DEU ISR 111");
    /* a compound acts on itself only where the act is mutual (meet, cooperate, fight) */
    EXPECT(c, 20240305, "France and Germany met on Monday.", "FRA DEU 040", "DEU FRA 040");
    EXPECT_NONE(c, 20240305, "France and Germany rejected the claims.");
    /* the actors of an opening participle phrase are not the subject */
    EXPECT(c, 20240305, "Speaking at a meeting with Iraq, Turkey criticized Egypt.",
           "TUR EGY 111");
}

static void test_passive(dy_coder *c)
{
    EXPECT(c, 20240411, "Turkey was attacked by Iraq.", "IRQ TUR 190");
    EXPECT(c, 20240411, "Egypt was criticized by the United Nations on Tuesday.",
           "IGOUNO EGY 111");
    /* "by" missing: the sentence still has Egypt as the one hurt, but no attacker */
    EXPECT_NONE(c, 20240411, "Egypt was attacked on Tuesday.");
    /* no auxiliary (a reduced relative): the actor after BY attacks the one before */
    EXPECT(c, 20240411, "A Turkish convoy attacked by Iraq reached the border.", "IRQ TUR 190");
}

/* A verb's form after a possessive or a preposition is a noun; a verb in a condition is no
 * event (default mode). */
static void test_nouns_and_conditions(dy_coder *c)
{
    EXPECT_NONE(c, 20240502, "If Iraq attacks Turkey, Egypt will act.");
    EXPECT_NONE(c, 20240502, "Iraq's attacks on Turkey continued.");
    /* a speaker's IT is the speaker itself, a possessive its owner's thing: no target */
    EXPECT(c, 20240502, "Iraq attacked Egypt. Turkey said it would act.", "IRQ EGY 190");
    /* ... but an object IT keeps its referent, and so does a possessive before an agent */
    EXPECT(c, 20240502, "Iraq attacked Egypt. Turkey criticized it.", "IRQ EGY 190",
           "TUR IRQ 111");
    EXPECT(c, 20240502, "Iraq attacked Egypt. Their army attacked Turkey.", "IRQ EGY 190",
           "IRQ TUR 190");
    /* a government's statement about its own bare state is about another actor of the
     * clause, or codes nothing */
    EXPECT_NONE(c, 20240502, "The Egyptian foreign minister said Egypt would act.");
    EXPECT(c, 20240502, "The Egyptian foreign minister said Egypt was ready to meet Iraq.",
           "EGYGOV IRQ 010");
    /* commentators' views are no events */
    EXPECT_NONE(c, 20240502, "Turkey is moving away from Iraq, experts said.");
    EXPECT_NONE(c, 20240502, "Experts said Iraq is moving away from Turkey.");
    /* the actor right after a statement verb is the subject of the verb that follows */
    EXPECT(c, 20240502, "Iraq claimed Zendia attacked Turkey.", "ZND TUR 190");
    /* control: the same verb as a verb */
    EXPECT(c, 20240502, "Iraq attacks Turkey.", "IRQ TUR 190");
}

/* Quotations: an actor inside a quotation is not its speaker; the speaker named after it
 * is the source -- of a WE/I verb inside it, or of the reporting verb, whose target is then
 * the first actor quoted -- and a 010 that only reports a coded event is dropped. */
static void test_quotations(dy_coder *c)
{
    EXPECT(c, 20240502, "\"We condemn Iraq,\" the Egyptian foreign minister said.",
           "EGYGOV IRQ 111");
    EXPECT(c, 20240502, "\"Russia attacked Turkey,\" the Egyptian foreign minister said.",
           "EGYGOV RUS 010");
    EXPECT(c, 20240502, "\"Russia attacked Turkey,\" said the Egyptian foreign minister.",
           "EGYGOV RUS 010");
    /* no speaker named: nothing (the quoted source cannot act) */
    EXPECT_NONE(c, 20240502, "\"Russia attacked Turkey,\" a witness said.");
}

static void test_negation(dy_coder *c)
{
    EXPECT_NONE(c, 20240502, "Iraq did not attack Turkey.");
    EXPECT_NONE(c, 20240502, "Russia has never threatened Japan.");
    EXPECT_NONE(c, 20240502, "Iraq didn't attack Turkey.");
    /* control: the same without the negation */
    EXPECT(c, 20240502, "Russia has threatened Japan.", "RUS JPN 130");
}

static void test_comma_clause(dy_coder *c)
{
    EXPECT(c, 20240620, "Iraq, which France criticized last week, attacked Turkey.",
           "IRQ TUR 190");
    EXPECT(c, 20240620, "Zendia, a small country, accused Egypt of lying.", "ZND EGY 112");
}

static void test_agents(dy_coder *c)
{
    EXPECT(c, 20240701, "The Iraqi defense minister criticized Turkey.", "IRQGOV TUR 111");
    EXPECT(c, 20240701, "Turkish police arrested a French citizen.", "TURCOP FRA 173");
    EXPECT(c, 20240701, "The Zendian army shelled Iraqi troops on Monday.", "ZNDMIL IRQMIL 190");
    EXPECT(c, 20240701, "The government of Egypt condemned Israel.", "EGYGOV ISR 111");
    EXPECT(c, 20240701, "Turkey's government signed an agreement with Egypt.", "TURGOV EGY 057");
}

static void test_dates(dy_coder *c)
{
    const char *text = "Maria Kovalenko criticized Russia.";
    EXPECT(c, 20180501, text, "ZNDELI RUS 111");
    EXPECT(c, 20210501, text, "ZNDGOV RUS 111");
    /* both ends of a range are inside it */
    EXPECT(c, 20200101, text, "ZNDGOV RUS 111");
    EXPECT(c, 20221231, text, "ZNDGOV RUS 111");
    EXPECT(c, 20191231, text, "ZNDELI RUS 111");
    EXPECT(c, 20230101, "Kovalenko visited Egypt.", "ZNDELI EGY 042");
}

static void test_pronouns(const dy_dict *d)
{
    dy_coder *c = dy_coder_new(d, NULL);
    CHECK(c != NULL);
    if (!c)
        return;
    /* within a sentence: "it" after the actor it stands for */
    EXPECT(c, 20240815, "Iraq attacked Turkey after it had criticized Egypt.", "IRQ TUR 190");
    EXPECT(c, 20240815, "Egypt praised Israel and it criticized Japan.", "EGY ISR 051",
           "EGY JPN 111");
    /* across sentences of one story */
    EXPECT(c, 20240815, "Egypt praised Israel. It then criticized Japan.", "EGY ISR 051",
           "EGY JPN 111");
    EXPECT(c, 20240815, "Kovalenko met Turkey's foreign minister. He later visited France.",
           "ZNDELI TURGOV 040", "ZNDELI FRA 042");
    /* THEY after a compound subject stands for all of it */
    EXPECT(c, 20240815, "Egypt and Japan held talks. They later criticized Zendia.",
           "EGY ZND 111", "JPN ZND 111");

    /* NOT across two stories fed one after the other */
    EXPECT(c, 20240815, "Egypt praised Israel.", "EGY ISR 051");
    EXPECT_NONE(c, 20240815, "It then criticized Japan.");
    /* and a story of its own with the pronoun first has no antecedent either */
    EXPECT_NONE(c, 20240815, "He visited France.");
    dy_coder_free(c);
}

/* The fields of one event, and the offsets pointing at the right words of `sentence`. */
static void check_span(const char *sentence, int start, int end, const char *text,
                       const char *want_word)
{
    CHECK(start >= 0 && end > start && (size_t)end <= strlen(sentence));
    if (!(start >= 0 && end > start && (size_t)end <= strlen(sentence)))
        return;
    CHECK_INT(strlen(text), (size_t)(end - start));
    CHECK(strncmp(sentence + start, text, (size_t)(end - start)) == 0);
    CHECK(strstr(text, want_word) != NULL);
}

static void test_event_fields(dy_coder *c)
{
    const char *story = "Rain fell in the north. Egypt praised Israel on Monday. "
                        "The Iraqi defense minister criticized Turkey.";
    dy_story s;
    memset(&s, 0, sizeof s);
    s.id = "story-42";
    s.date = 20240110;
    s.text = story;
    s.text_len = strlen(story);
    CHECK_INT(dy_coder_feed(c, &s), DY_OK);
    CHECK_INT(dy_coder_sentence_count(c), 3);
    const dy_event *e = dy_coder_next_event(c);
    CHECK(e != NULL);
    if (!e)
        return;
    CHECK_STR(e->doc, "story-42");
    CHECK_INT(e->sent, 2);
    CHECK_INT(e->date, 20240110);
    CHECK_STR(e->source, "EGY");
    CHECK_STR(e->target, "ISR");
    CHECK_STR(e->code, "051");
    CHECK_INT(e->root, 5);
    CHECK_INT(e->quad, 1);         /* verbal cooperation */
    CHECK(e->goldstein > 0.0 && e->goldstein <= 10.0);
    CHECK(e->sentence != NULL && strstr(e->sentence, "Egypt praised Israel") != NULL);
    CHECK(e->sentence != NULL && strstr(e->sentence, "Rain") == NULL);
    check_span(e->sentence, e->source_start, e->source_end, e->source_text, "Egypt");
    check_span(e->sentence, e->target_start, e->target_end, e->target_text, "Israel");
    check_span(e->sentence, e->verb_start, e->verb_end, e->verb_text, "praised");
    CHECK(e->issues != NULL);

    e = dy_coder_next_event(c);
    CHECK(e != NULL);
    if (e) {
        CHECK_INT(e->sent, 3);
        CHECK_STR(e->source, "IRQGOV");
        CHECK_STR(e->code, "111");
        CHECK_INT(e->root, 11);
        CHECK_INT(e->quad, 3);     /* verbal conflict */
        CHECK(e->goldstein < 0.0 && e->goldstein >= -10.0);
        check_span(e->sentence, e->source_start, e->source_end, e->source_text, "Iraqi");
        check_span(e->sentence, e->target_start, e->target_end, e->target_text, "Turkey");
        check_span(e->sentence, e->verb_start, e->verb_end, e->verb_text, "criticized");
    }
    CHECK(dy_coder_next_event(c) == NULL);
    CHECK(dy_coder_next_event(c) == NULL); /* stays at the end */

    /* a material conflict event: root 19, quad 4 */
    CHECK_INT(feed(c, "m", 20240110, "Iraq attacked Turkey."), DY_OK);
    e = dy_coder_next_event(c);
    CHECK(e != NULL);
    if (e) {
        CHECK_INT(e->root, 19);
        CHECK_INT(e->quad, 4);
        CHECK_INT(e->sent, 1);
        CHECK_STR(e->doc, "m");
    }
}

/* The trace callback gets lines, and tracing changes nothing in the events. */
typedef struct trace_log {
    int lines;
    int saw_event_line;
} trace_log;

static void on_trace(void *ud, const char *line)
{
    trace_log *t = ud;
    t->lines++;
    if (line && strstr(line, "190"))
        t->saw_event_line = 1;
}

static void test_trace(const dy_dict *d)
{
    trace_log tl = {0};
    dy_coder_opts o;
    dy_coder_opts_init(&o);
    o.trace = on_trace;
    o.trace_ud = &tl;
    dy_coder *c = dy_coder_new(d, &o);
    CHECK(c != NULL);
    if (!c)
        return;
    EXPECT(c, 20240110, "Iraq attacked Turkey.", "IRQ TUR 190");
    CHECK(tl.lines > 0);
    CHECK(tl.saw_event_line);
    /* more text, more trace lines */
    int before = tl.lines;
    EXPECT(c, 20240110, "Iraq attacked Turkey. Egypt praised Israel.", "IRQ TUR 190",
           "EGY ISR 051");
    CHECK(tl.lines - before > before);
    dy_coder_free(c);

}

static void test_options(const dy_dict *d)
{
    dy_coder *c = dy_coder_new(d, NULL);
    CHECK(c != NULL);
    if (!c)
        return;
    CHECK_INT(dy_coder_set_option(c, "no_such_option_at_all", "1"), DY_ENOTFOUND);
    CHECK_INT(dy_coder_set_option(NULL, "require_dyad", "0"), DY_EINVAL);
    CHECK_INT(dy_coder_set_option(c, NULL, "0"), DY_EINVAL);

    /* require_dyad: a statement with a source only */
    EXPECT_NONE(c, 20240110, "Iraq criticized the decision.");
    CHECK_INT(dy_coder_set_option(c, "require_dyad", "0"), DY_OK);
    EXPECT(c, 20240110, "Iraq criticized the decision.", "IRQ --- 111");
    CHECK_INT(dy_coder_set_option(c, "require_dyad", "True"), DY_OK);
    EXPECT_NONE(c, 20240110, "Iraq criticized the decision.");
    dy_coder_free(c);

    /* the same through dy_coder_opts */
    dy_coder_opts o;
    dy_coder_opts_init(&o);
    CHECK_INT(o.require_dyad, -1); /* the default: as the dictionaries say (here: 1) */
    c = dy_coder_new(d, &o);
    CHECK(c != NULL);
    if (c)
        EXPECT_NONE(c, 20240110, "Iraq criticized the decision.");
    dy_coder_free(c);
    o.require_dyad = 0;
    c = dy_coder_new(d, &o);
    CHECK(c != NULL);
    if (c)
        EXPECT(c, 20240110, "Iraq criticized the decision.", "IRQ --- 111");
    dy_coder_free(c);
}

static void test_limits(const dy_dict *d)
{
    diag_counts dc = {0};
    dy_coder_opts o;
    dy_coder_opts_init(&o);
    o.diag = count_diag;
    o.diag_ud = &dc;
    o.max_story_bytes = 32;
    dy_coder *c = dy_coder_new(d, &o);
    CHECK(c != NULL);
    if (!c)
        return;
    const char *shortt = "Iraq attacked Turkey.";               /* 21 bytes */
    const char *longt = "Iraq attacked Turkey. Egypt praised Israel."; /* 43 bytes */
    EXPECT(c, 20240110, shortt, "IRQ TUR 190");
    CHECK_INT(feed(c, "long", 20240110, longt), DY_ELIMIT);
    CHECK(dy_coder_next_event(c) == NULL); /* nothing coded, nothing left from before */
    CHECK_INT(dc.errors, 1);
    CHECK_INT(dc.last_code, DY_ELIMIT);
    /* the coder still works after a rejected story */
    EXPECT(c, 20240110, shortt, "IRQ TUR 190");
    dy_coder_free(c);

    /* a sentence longer than max_sentence_tokens is split at the limit (dyad.h): the words
     * after the limit are still coded, as a sentence of their own */
    dy_coder_opts_init(&o);
    o.max_sentence_tokens = 3;
    c = dy_coder_new(d, &o);
    CHECK(c != NULL);
    if (c) {
        CHECK_INT(feed(c, "toks", 20240110, "Iraq attacked Turkey Egypt praised Israel."),
                  DY_OK);
        triple t[8];
        int n = collect(c, t, 8);
        CHECK(has(t, n < 8 ? n : 8, "IRQ TUR 190"));
        CHECK(has(t, n < 8 ? n : 8, "EGY ISR 051"));
    }
    dy_coder_free(c);
}

/* The defaults of max_story_bytes (16 MiB) and max_sentence_tokens (4096), at the edge. */
static void test_limit_defaults(const dy_dict *d)
{
    diag_counts dc = {0};
    dy_coder_opts o;
    dy_coder_opts_init(&o);
    CHECK_INT(o.max_story_bytes, 0);
    CHECK_INT(o.max_sentence_tokens, 0);
    o.diag = count_diag;
    o.diag_ud = &dc;
    dy_coder *c = dy_coder_new(d, &o);
    const char *ev = "Iraq attacked Turkey.";
    size_t el = strlen(ev), max = (size_t)16 << 20;
    char *text = malloc(max + 2);
    CHECK(c != NULL && text != NULL);
    if (c && text) {
        /* exactly 16 MiB (blanks, then the sentence) is coded; one byte more is rejected */
        for (size_t extra = 0; extra <= 1; extra++) {
            size_t n = max + extra;
            memset(text, ' ', n - el);
            memcpy(text + n - el, ev, el);
            dy_story s;
            memset(&s, 0, sizeof s);
            s.id = "big";
            s.date = 20240110;
            s.text = text;
            s.text_len = n;
            CHECK_INT(dy_coder_feed(c, &s), extra ? DY_ELIMIT : DY_OK);
            triple t[4];
            CHECK_INT(collect(c, t, 4), extra ? 0 : 1);
            CHECK_INT(dc.errors, (int)extra);
        }
    }
    free(text);
    /* 4093 filler words + "Iraq attacked Turkey" = 4096 words: one piece, one event; one
     * filler word more and Turkey starts the second piece, so Iraq has no target */
    char *words = malloc(5 * 4094 + el + 1);
    CHECK(words != NULL);
    for (int fill = 4093; c && words && fill <= 4094; fill++) {
        for (int i = 0; i < fill; i++)
            memcpy(words + 5 * i, "blah ", 5);
        memcpy(words + 5 * fill, ev, el + 1);
        CHECK_INT(feed(c, "words", 20240110, words), DY_OK);
        triple t[4];
        int n = collect(c, t, 4);
        CHECK_INT(n, fill == 4093 ? 1 : 0);
        CHECK_INT(dy_coder_sentence_count(c), 1);
    }
    free(words);
    dy_coder_free(c);
}

/* The last diagnostic, kept whole, and a count. */
typedef struct last_diag {
    int n;
    dy_severity sev;
    dy_status code;
    char record[64], msg[256];
} last_diag;

static void keep_last(void *ud, const dy_diag *d)
{
    last_diag *ld = ud;
    ld->n++;
    ld->sev = d->severity;
    ld->code = d->code;
    snprintf(ld->record, sizeof ld->record, "%s", d->record ? d->record : "");
    snprintf(ld->msg, sizeof ld->msg, "%s", d->msg ? d->msg : "");
}

/* "Iraq's GOVERNMENTxx...x attacked Turkey." with the middle word `wlen` bytes long; the
 * engine's agent GOVERNMENT is a stem, so the word makes Iraq's government the source
 * unless it is too long to be looked at. */
static char *stem_story(size_t wlen)
{
    const char *head = "Iraq's ", *tail = " attacked Turkey.";
    size_t hl = strlen(head), tl = strlen(tail);
    char *s = malloc(hl + wlen + tl + 1);
    if (!s)
        return NULL;
    memcpy(s, head, hl);
    memcpy(s + hl, "GOVERNMENT", 10);
    memset(s + hl + 10, 'X', wlen - 10);
    memcpy(s + hl + wlen, tail, tl + 1);
    return s;
}

/* max_token_bytes: a longer word matches nothing, the story is still coded, one warning */
static void test_token_limit(const dy_dict *d)
{
    static const struct { size_t limit, wlen; int over; } runs[] = {
        {0, 256, 0}, {0, 257, 1},   /* the default, 256 */
        {20, 20, 0}, {20, 21, 1},   /* a limit of one's own */
    };
    for (size_t k = 0; k < sizeof runs / sizeof *runs; k++) {
        last_diag ld;
        memset(&ld, 0, sizeof ld);
        dy_coder_opts o;
        dy_coder_opts_init(&o);
        CHECK_INT(o.max_token_bytes, 0); /* 0 = the default */
        o.max_token_bytes = runs[k].limit;
        o.diag = keep_last;
        o.diag_ud = &ld;
        dy_coder *c = dy_coder_new(d, &o);
        char *text = stem_story(runs[k].wlen);
        CHECK(c != NULL && text != NULL);
        if (c && text) {
            CHECK_INT(feed(c, "long-word", 20240110, text), DY_OK);
            triple t[8];
            int n = collect(c, t, 8);
            CHECK_INT(n, 1);
            CHECK(has(t, n < 8 ? n : 8, runs[k].over ? "IRQ TUR 190" : "IRQGOV TUR 190"));
            CHECK_INT(ld.n, runs[k].over);
            if (runs[k].over) {
                CHECK_INT(ld.sev, DY_WARNING);
                CHECK_INT(ld.code, DY_ELIMIT);
                CHECK_STR(ld.record, "long-word");
                char want[128];
                snprintf(want, sizeof want, "of %zu bytes, at byte 7 ", runs[k].wlen);
                CHECK(strstr(ld.msg, want) != NULL);
            }
            /* the next story is coded as usual, without a warning of its own */
            EXPECT(c, 20240110, "Iraq attacked Turkey.", "IRQ TUR 190");
            CHECK_INT(ld.n, runs[k].over);
        }
        free(text);
        dy_coder_free(c);
    }

    /* a 2 MB run of base64 letters among real words: coded, one warning */
    last_diag ld;
    memset(&ld, 0, sizeof ld);
    dy_coder_opts o;
    dy_coder_opts_init(&o);
    o.diag = keep_last;
    o.diag_ud = &ld;
    dy_coder *c = dy_coder_new(d, &o);
    size_t big = (size_t)2 << 20;
    const char *head = "Iraq attacked Turkey. Egypt praised Israel ", *tail = " on Monday.";
    size_t hl = strlen(head), tl = strlen(tail);
    char *text = malloc(hl + big + tl + 1);
    CHECK(c != NULL && text != NULL);
    if (c && text) {
        memcpy(text, head, hl);
        for (size_t i = 0; i < big; i++)
            text[hl + i] = "QmFzZTY0IGJsb2IK0123456789"[i % 26];
        memcpy(text + hl + big, tail, tl + 1);
        CHECK_INT(feed(c, "blob", 20240110, text), DY_OK);
        triple t[8];
        int n = collect(c, t, 8);
        CHECK(has(t, n < 8 ? n : 8, "IRQ TUR 190"));
        CHECK(has(t, n < 8 ? n : 8, "EGY ISR 051"));
        CHECK_INT(ld.n, 1);
        CHECK_INT(ld.code, DY_ELIMIT);
    }
    free(text);
    dy_coder_free(c);
}

static void test_determinism(dy_coder *c)
{
    const char *text = "France and Germany condemned Russia. Egypt praised Israel. "
                       "It then criticized Japan. Turkey was attacked by Iraq.";
    triple a[16], b[16];
    CHECK_INT(feed(c, "d", 20240110, text), DY_OK);
    int na = collect(c, a, 16);
    /* something different in between */
    CHECK_INT(feed(c, "x", 20240110, "Zendia invaded Iraq."), DY_OK);
    collect(c, b, 16);
    CHECK_INT(feed(c, "d", 20240110, text), DY_OK);
    int nb = collect(c, b, 16);
    CHECK(na >= 5);
    CHECK_INT(nb, na);
    int same = na == nb;
    for (int i = 0; same && i < na && i < 16; i++)
        same = !strcmp(a[i].text, b[i].text);
    CHECK(same);
}

static void test_null_handles(const dy_dict *d)
{
    dy_story s;
    memset(&s, 0, sizeof s);
    s.id = "n";
    s.date = 20240110;
    s.text = "Iraq attacked Turkey.";
    s.text_len = strlen(s.text);
    CHECK_INT(dy_coder_feed(NULL, &s), DY_EINVAL);
    CHECK(dy_coder_next_event(NULL) == NULL);
    CHECK_INT(dy_coder_sentence_count(NULL), 0);
    CHECK(dy_coder_new(NULL, NULL) == NULL);
    dy_coder_free(NULL);
    dy_dict_free(NULL);
    CHECK_INT(dy_dict_load(NULL, NULL, NULL) != DY_OK, 1);
    dy_dict *dd = NULL;
    CHECK(dy_dict_load(NULL, NULL, &dd) != DY_OK);
    CHECK(dd == NULL);

    dy_coder *c = dy_coder_new(d, NULL);
    CHECK(c != NULL);
    if (!c)
        return;
    CHECK_INT(dy_coder_feed(c, NULL), DY_EINVAL);
    CHECK(dy_coder_next_event(c) == NULL); /* nothing fed yet */
    /* a story with no id, no text */
    dy_story e;
    memset(&e, 0, sizeof e);
    CHECK_INT(dy_coder_feed(c, &e), DY_OK);
    CHECK(dy_coder_next_event(c) == NULL);
    /* text that is not NUL-terminated: only text_len bytes are read */
    char raw[] = "Iraq attacked Turkey.XXXX Egypt praised Israel.";
    dy_story r;
    memset(&r, 0, sizeof r);
    r.id = "raw";
    r.date = 20240110;
    r.text = raw;
    r.text_len = strlen("Iraq attacked Turkey.");
    CHECK_INT(dy_coder_feed(c, &r), DY_OK);
    triple t[4];
    int n = collect(c, t, 4);
    CHECK_INT(n, 1);
    CHECK(n >= 1 && !strcmp(t[0].text, "IRQ TUR 190"));
    dy_coder_free(c);
}

static void test_shared_dict(const dy_dict *d)
{
    dy_coder *c1 = dy_coder_new(d, NULL), *c2 = dy_coder_new(d, NULL);
    CHECK(c1 != NULL && c2 != NULL);
    if (c1 && c2) {
        CHECK_INT(feed(c1, "one", 20240110, "Egypt praised Israel. It then criticized Japan."),
                  DY_OK);
        CHECK_INT(feed(c2, "two", 20240110, "Iraq attacked Turkey."), DY_OK);
        /* c1's events are intact after c2 was fed, and each has its own story */
        const dy_event *e1 = dy_coder_next_event(c1);
        const dy_event *e2 = dy_coder_next_event(c2);
        CHECK(e1 && !strcmp(e1->doc, "one") && !strcmp(e1->code, "051"));
        CHECK(e2 && !strcmp(e2->doc, "two") && !strcmp(e2->code, "190"));
        CHECK_INT(dy_coder_sentence_count(c1), 2);
        CHECK_INT(dy_coder_sentence_count(c2), 1);
        /* options are per coder */
        CHECK_INT(dy_coder_set_option(c1, "require_dyad", "0"), DY_OK);
        CHECK_INT(feed(c2, "two", 20240110, "Iraq criticized the decision."), DY_OK);
        CHECK(dy_coder_next_event(c2) == NULL);
        CHECK_INT(feed(c1, "one", 20240110, "Iraq criticized the decision."), DY_OK);
        CHECK(dy_coder_next_event(c1) != NULL);
    }
    dy_coder_free(c1);
    /* c2 still works after c1 is gone */
    if (c2)
        EXPECT(c2, 20240110, "Zendia invaded Iraq.", "ZND IRQ 192");
    dy_coder_free(c2);
}

/* Counts the loader's notes of phrases defined twice, and names their files. */
static void count_redefinitions(void *ud, const dy_diag *d)
{
    if (d->msg && strstr(d->msg, "already defined")) {
        ++*(int *)ud;
        fprintf(stderr, "  %s:%ld: %s\n", d->file ? d->file : "?", d->line, d->msg);
    }
}

/* The built-in dictionary files, loaded as text, define no phrase twice: a later definition
 * would silently replace an earlier entry (a person added twice, a spelling variant that
 * the loader reads as another's -- it takes a hyphen for an underscore). */
static void test_builtin_text(void)
{
    int redefined = 0;
    dy_dict_opts o = {.diag = count_redefinitions, .diag_ud = &redefined};
    dy_dict *d = NULL;
    CHECK_INT(dy_dict_load("data/builtin", &o, &d), DY_OK);
    CHECK(d != NULL);
    CHECK_INT(redefined, 0);
    dy_dict_free(d);
}

static void test_builtin(void)
{
    dy_dict *b = NULL;
    CHECK_INT(dy_dict_load_builtin(NULL, &b), DY_OK);
    CHECK(b != NULL);
    if (!b)
        return;
    dy_coder *c = dy_coder_new(b, NULL);
    CHECK(c != NULL);
    if (c) {
        /* ZND exists only in the engine dictionaries */
        CHECK_INT(feed(c, "b", 20240110, "Zendia invaded Iraq."), DY_OK);
        const dy_event *e;
        int znd = 0;
        while ((e = dy_coder_next_event(c)) != NULL)
            znd += !strcmp(e->source, "ZND");
        CHECK_INT(znd, 0);
    }
    dy_coder_free(c);
    dy_dict_free(b);
}

int main(void)
{
    dy_dict *d = NULL;
    test_load(&d);
    if (!d) {
        fprintf(stderr, "cannot load %s: the remaining tests need it\n", ENGINE_DICT);
        check_summary();
        return 1;
    }
    dy_coder *c = dy_coder_new(d, NULL);
    CHECK(c != NULL);
    if (c) {
        test_simple(c);
        test_default_source_target(c);
        test_patterns(c);
        test_compounds(c);
        test_passive(c);
        test_negation(c);
        test_quotations(c);
        test_nouns_and_conditions(c);
        test_comma_clause(c);
        test_agents(c);
        test_dates(c);
        test_event_fields(c);
        test_determinism(c);
    }
    dy_coder_free(c);
    test_default_option(d);
    test_story_country(d);
    test_person_names(d);
    test_pronouns(d);
    test_trace(d);
    test_options(d);
    test_limits(d);
    test_token_limit(d);
    test_limit_defaults(d);
    test_null_handles(d);
    test_shared_dict(d);
    test_builtin();
    test_builtin_text();
    dy_dict_free(d);
    return check_summary();
}
