/*
 * test_verbs.c - unit tests of the verb dictionaries: parsing every real verbs, discards and
 * issues file in ../shared/data (counts, no errors), the pattern semantics of TABARI
 * (adjacency, stems, synsets, alternatives, designated actors, priority) on small snippets,
 * and the dictionary size limits (max_line_bytes, max_pattern_tokens).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "dict/verbs.h"

typedef struct diag_count {
    int warnings, errors;
} diag_count;

static void count_diag(void *ud, const dy_diag *d)
{
    diag_count *c = ud;
    if (d->severity == DY_WARNING)
        c->warnings++;
    else if (d->severity == DY_ERROR) {
        c->errors++;
        fprintf(stderr, "error %s:%ld: %s\n", d->file ? d->file : "-", d->line, d->msg);
    }
}

static verbd *load_snippet(const char *text, diag_count *dc)
{
    verbd *v = verbd_new();
    if (!v)
        return NULL;
    if (verbd_load_mem(v, "snippet", text, strlen(text), count_diag, dc) || verbd_finish(v)) {
        verbd_free(v);
        return NULL;
    }
    return v;
}

/* A tokenised sentence with the verb found at the first token starting a verb at or after
 * `from`. */
typedef struct sent {
    text_tokenizer tk;
    size_t vstart, vend;
    const verbd_verb *vb;
} sent;

static int sent_run(sent *s, const verbd *v, const char *text, size_t from)
{
    tok_init(&s->tk);
    if (tok_run(&s->tk, text, strlen(text)))
        return -1;
    s->vb = NULL;
    for (size_t i = from; i < s->tk.toks.n; i++) {
        size_t nt = 0;
        const verbd_verb *vb = verbd_find(v, s->tk.toks.v, s->tk.toks.n, i, &nt);
        if (vb) {
            s->vb = vb;
            s->vstart = i;
            s->vend = i + nt;
            return 0;
        }
    }
    return 0;
}

/* Code the verb of `text` against the actors at the given token spans; returns the code. */
static const char *code_of(const verbd *v, const char *text, const verbd_actor *act, size_t na,
                           verbd_result *r)
{
    static char buf[64];
    sent s;
    buf[0] = 0;
    if (sent_run(&s, v, text, 0) || !s.vb) {
        tok_free(&s.tk);
        return "(no verb)";
    }
    verbd_match(v, s.vb, s.tk.toks.v, 0, s.tk.toks.n, s.vstart, s.vend, act, na, r, NULL, NULL);
    snprintf(buf, sizeof buf, "%s", r->code);
    tok_free(&s.tk);
    return buf;
}

static void test_tabari_semantics(void)
{
    diag_count dc = {0, 0};
    const char *dict =
        "<SYNSETS>\n"
        "&CURRENCY\n+DOLLAR\n+EURO\n+SWISS_FRANC\n"
        "&TIE\n+MILITARY\n+ECONOMIC\n"
        "</SYNSETS>\n"
        "PROMISE [050]\n"
        "- * DOLLARS [071]\n"
        "- * &CURRENCY_AID [072]\n"
        "- REFUSED_TO_* [112]\n"
        "ATTACK [190]\n"
        "- *_HELICOPTERS [---]\n"
        "- * CRITICISM OF [111]\n"
        "HEAD [---]\n"
        "- * FOR [032]\n"
        "- * OFF_ [195]\n"
        "BACK [042]\n"
        "- * BACK~_POLICY [062]\n"
        "ADVISE [020]\n"
        "- +_WAS_*_BY_$ [021]\n"
        "MEET [031:031]\n"
        "- % * IN [036]\n"
        "- * IN ^ WITH + [037]\n"
        "ASK [090]\n"
        "- * FOR { SANCTIONS | TOTAL_BOYCOTT } [172]\n"
        "- * FOR HELP FROM HIS FRIENDS [095]\n"
        "SAID [023?]\n"
        "BREAK_ [171]\n"
        "{ BROKE_ BROKEN_ }\n"
        "- * TREATY [161]\n"
        "BURN DOWN [222]\n"
        "KILLED [190]\n"
        "- * IN ACCIDENT [###]\n"
        "CONTRIBUT [070]\n"
        "REJECT [111!]\n"
        "~~FINISH\n"
        "IGNORED AFTER FINISH [999]\n";
    verbd *v = load_snippet(dict, &dc);
    CHECK(v != NULL);
    if (!v)
        return;
    CHECK_INT(dc.errors, 0);
    CHECK_INT(dc.warnings, 0);
    CHECK_INT(verbd_count_synsets(v), 2);
    CHECK_INT(verbd_count_verbs(v), 13);
    CHECK_INT(verbd_count_patterns(v), 15);
    verbd_result r;

    /* words after * may be separated from the verb by other words */
    CHECK_STR(code_of(v, "Iran promised two million dollars to Syria", NULL, 0, &r), "071");
    CHECK(r.pattern != NULL);
    CHECK_INT(r.span_end, 5);
    /* stems: DOLLARS is a stem, so DOLLARSX would match too; "promises" inflects */
    CHECK_STR(code_of(v, "Iran promises Syria", NULL, 0, &r), "050");
    CHECK(r.pattern == NULL);
    /* synset followed by '_': a one-word member must be right before AID; after a
     * multi-word member TABARI does not enforce the '_' (validation SYNSET-22h) */
    CHECK_STR(code_of(v, "Iran promised Swiss franc aid", NULL, 0, &r), "072");
    CHECK_STR(code_of(v, "Iran promised euro aid", NULL, 0, &r), "072");
    CHECK_STR(code_of(v, "Iran promised euro and other aid", NULL, 0, &r), "050");
    CHECK_STR(code_of(v, "Iran promised Swiss franc and other aid", NULL, 0, &r), "072");
    /* words before *, joined by _, must be adjacent and directly before the verb */
    CHECK_STR(code_of(v, "Iran refused to promise aid", NULL, 0, &r), "112");
    CHECK_STR(code_of(v, "Iran refused again to promise aid", NULL, 0, &r), "050");
    /* *_HELICOPTERS: the next word must follow the verb at once */
    CHECK_STR(code_of(v, "Rebels attack helicopters", NULL, 0, &r), "---");
    CHECK_STR(code_of(v, "Rebels attack the helicopters", NULL, 0, &r), "190");
    /* OFF_ is a whole word: OFFICIAL does not match it, while the stem FOR matches FORMER */
    CHECK_STR(code_of(v, "He headed off", NULL, 0, &r), "195");
    CHECK_STR(code_of(v, "He headed officials", NULL, 0, &r), "---");
    CHECK_STR(code_of(v, "He headed former rebels", NULL, 0, &r), "032");
    /* BACK~_POLICY: BACK may take an ending, POLICY must follow it at once */
    CHECK_STR(code_of(v, "They back backed policy", NULL, 0, &r), "062");
    CHECK_STR(code_of(v, "They back backed the policy", NULL, 0, &r), "042");

    /* designated actors: + WAS * BY $ (passive) */
    {
        /* Egypt was advised by Israel: tokens 0 Egypt,1 was,2 advised,3 by,4 Israel */
        verbd_actor a[2] = {{0, 1, "EGY", 0}, {4, 5, "ISR", 0}};
        CHECK_STR(code_of(v, "Egypt was advised by Israel", a, 2, &r), "021");
        CHECK_INT(r.target, 0);
        CHECK_INT(r.source, 1);
        CHECK_INT(r.compound, 0);
        /* without an actor after BY the pattern fails and the verb code applies */
        CHECK_STR(code_of(v, "Egypt was advised by Israel", a, 1, &r), "020");
        CHECK_INT(r.source, -1);
    }
    /* % needs a compound actor: given by group or by "X and Y" */
    {
        verbd_actor a[2] = {{0, 1, "SYR", 0}, {2, 3, "JOR", 0}};
        CHECK_STR(code_of(v, "Syria and Jordan met in Cairo", a, 2, &r), "036");
        CHECK_INT(r.compound, 1);
        CHECK_INT(r.source, 0);
        CHECK_INT(r.target, 1);
        verbd_actor b[1] = {{0, 1, "SYR", 0}};
        CHECK_STR(code_of(v, "Syria will meet in Cairo", b, 1, &r), "031");
        CHECK_STR(r.code2, "031");
        verbd_actor g[2] = {{0, 1, "SYR", 7}, {2, 3, "JOR", 7}};
        CHECK_STR(code_of(v, "Syria with Jordan met in Cairo", g, 2, &r), "036");
        CHECK_INT(r.compound, 1);
    }
    /* ^ skips an actor: RUS will meet in SWZ with USA */
    {
        /* 0 Russia 1 will 2 meet 3 in 4 Switzerland 5 with 6 the 7 U.S. */
        verbd_actor a[3] = {{0, 1, "RUS", 0}, {4, 5, "SWZ", 0}, {7, 8, "USA", 0}};
        CHECK_STR(code_of(v, "Russia will meet in Switzerland with the U.S.", a, 3, &r), "037");
        CHECK_INT(r.target, 2);
        CHECK_INT(r.source, -1);
    }
    /* alternatives, and 5.7.1: a longer plain pattern beats a shorter matched alternative */
    CHECK_STR(code_of(v, "Iran asked for sanctions", NULL, 0, &r), "172");
    CHECK_STR(code_of(v, "Iran asked for total boycott", NULL, 0, &r), "172");
    CHECK_STR(code_of(v, "Iran asked for a total boycott", NULL, 0, &r), "172");
    CHECK_STR(code_of(v, "Iran asked for total and boycott", NULL, 0, &r), "090");
    CHECK_STR(code_of(v, "Iran asked for sanctions and for help from his friends", NULL, 0, &r),
              "095");
    /* code suffixes */
    CHECK_STR(code_of(v, "Iran said nothing", NULL, 0, &r), "023");
    CHECK_INT(r.subordinate, 1);
    CHECK_STR(code_of(v, "Iran rejects it", NULL, 0, &r), "111");
    CHECK_INT(r.dominant, 1);
    /* irregular forms listed in { } share the verb's patterns */
    CHECK_STR(code_of(v, "Iran broke the treaty", NULL, 0, &r), "161");
    CHECK_STR(code_of(v, "Iran has broken ties", NULL, 0, &r), "171");
    /* stem verb root */
    CHECK_STR(code_of(v, "Iran contributed", NULL, 0, &r), "070");
    /* multi-word verb with a gap */
    CHECK_STR(code_of(v, "Rebels burned the house down", NULL, 0, &r), "222");
    CHECK_STR(code_of(v, "Rebels burned the house", NULL, 0, &r), "(no verb)");
    /* [###] pattern */
    CHECK_STR(code_of(v, "Two were killed in a traffic accident", NULL, 0, &r), "###");
    /* nothing after ~~FINISH is read */
    CHECK_STR(code_of(v, "ignored after finish", NULL, 0, &r), "(no verb)");
    verbd_free(v);
}

/* Semantics fixed against TABARI's validation records (each case says which). */
static void test_tabari_validation_semantics(void)
{
    diag_count dc = {0, 0};
    const char *dict =
        "<SYNSETS>\n"
        "&MONEY\n+DINAR\n+RUPEE_\n+SILVER_MARK\n+SHEKEL_$\n"
        "&REFUSE\n+WON'T\n+SURELY_DID_NOT\n"
        "</SYNSETS>\n"
        "<TIME>\n"
        "SOMEDAY [+9]\n"
        "- * SOON [+2]\n"
        "NEVER_EVER_LAND [###]\n"
        "IF_PIGS_FLY [+++]\n"
        "WHENEVER [- - -]\n"
        "</TIME>\n"
        "PERMIT [060]\n"
        "- * QUITE~_NICE [024]\n"
        "- * FAIRLY_NICE [025]\n"
        "MARCH [017]\n"
        "- PRO- + * [111]\n"
        "GIVE [070]\n"
        "- * DINARS [071]\n"
        "- * &MONEY [903]\n"
        "- * TREATY_ [102]\n"
        "FIGHT [190]\n"
        "- SADLY_&REFUSE_AGAIN * [907]\n"
        "- &REFUSE AGAIN * [905]\n"
        "SHUN= [191]\n";
    verbd *v = load_snippet(dict, &dc);
    CHECK(v != NULL);
    if (!v)
        return;
    CHECK_INT(dc.errors + dc.warnings, 0);
    CHECK_INT(verbd_count_verbs(v), 5); /* <TIME> phrases are not verbs */
    verbd_result r;
    /* CONNECT-08/23: "~_" keeps the stem and demands the next word right after it */
    CHECK_STR(code_of(v, "He permitted a quitely nice visit", NULL, 0, &r), "024");
    CHECK_STR(code_of(v, "He permitted a quitely very nice visit", NULL, 0, &r), "060");
    /* "_" between pattern words: the first matches exactly (no endings) */
    CHECK_STR(code_of(v, "He permitted a fairly nice visit", NULL, 0, &r), "025");
    CHECK_STR(code_of(v, "He permitted a fairlys nice visit", NULL, 0, &r), "060");
    /* CONNECT-19, DEBUG-09: a hyphen in a dictionary word reads as '_' ("PRO- + *") */
    verbd_actor lion = {4, 5, "LIO", 0};
    CHECK_STR(code_of(v, "They joined a pro Lion march", &lion, 1, &r), "111");
    CHECK_INT(r.target, 0);
    CHECK_STR(code_of(v, "They joined a prolific Lion march", &lion, 1, &r), "017");
    /* SYNSET-07: a synset counts 0 in the pattern length, so "* DINARS" goes first */
    CHECK_STR(code_of(v, "They give dinars", NULL, 0, &r), "071");
    CHECK_STR(code_of(v, "They give dinarios", NULL, 0, &r), "903"); /* open member: stem */
    /* SYNSET-19b/21b: a closed word (RUPEE_, TREATY_) gets no endings in patterns */
    CHECK_STR(code_of(v, "They give rupee", NULL, 0, &r), "903");
    CHECK_STR(code_of(v, "They give rupees", NULL, 0, &r), "070");
    CHECK_STR(code_of(v, "They give a treaty", NULL, 0, &r), "102");
    CHECK_STR(code_of(v, "They give treaties", NULL, 0, &r), "070");
    /* SYNSET-24a: actor tokens inside a synset member */
    verbd_actor ox = {3, 4, "OXN", 0}, ox2 = {4, 5, "OXN", 0};
    CHECK_STR(code_of(v, "They give shekel Oxford", &ox, 1, &r), "903");
    CHECK_INT(r.source, 0);
    CHECK_STR(code_of(v, "They give shekel and Oxford", &ox2, 1, &r), "070");
    CHECK_INT(r.source, -1);
    /* SYNSET-22h/22i: after a multi-word member "_" does not demand adjacency */
    CHECK_STR(code_of(v, "Sadly surely did not even again fight", NULL, 0, &r), "907");
    CHECK_STR(code_of(v, "Sadly won't even again fight", NULL, 0, &r), "905");
    CHECK_STR(code_of(v, "Sadly won't again fight", NULL, 0, &r), "907");
    /* VERBEND-05a/b: a root written with '=' gets no generated forms */
    CHECK_STR(code_of(v, "They shun him", NULL, 0, &r), "191");
    CHECK_STR(code_of(v, "They shunned him", NULL, 0, &r), "(no verb)");
    CHECK_STR(code_of(v, "They shuning him", NULL, 0, &r), "(no verb)");
    /* TIME-03/04: <TIME> phrases coded ### / +++ discard the sentence; day counts shift */
    text_tokenizer tk;
    tok_init(&tk);
    const struct {
        const char *text, *discard;
        int shifted;
        long days;
    } tc[] = {
        {"They fight in never ever land", "###", 0, 0},
        {"They fight if pigs fly", "+++", 0, 0},
        {"They fight someday", NULL, 1, 9},
        {"They fight someday soon", NULL, 1, 2},
        {"Whenever they fight", NULL, 0, 0},
        {"They fight", NULL, 0, 0},
    };
    for (size_t k = 0; k < sizeof tc / sizeof tc[0]; k++) {
        CHECK_INT(tok_run(&tk, tc[k].text, strlen(tc[k].text)), 0);
        const char *d = verbd_discard(v, tk.toks.v, tk.toks.n);
        if (tc[k].discard)
            CHECK_STR(d ? d : "(null)", tc[k].discard);
        else
            CHECK(d == NULL);
        long days = -12345;
        CHECK_INT(verbd_time_shift(v, tk.toks.v, tk.toks.n, &days), tc[k].shifted);
        if (tc[k].shifted)
            CHECK_INT(days, tc[k].days);
        size_t nt;
        CHECK(verbd_find(v, tk.toks.v, tk.toks.n, tk.toks.n - 1, &nt) == NULL ||
              strcmp(tk.toks.v[tk.toks.n - 1].up, "SOMEDAY") != 0);
    }
    tok_free(&tk);
    verbd_free(v);
}

static void test_odd_lines(void)
{
    diag_count dc = {0, 0};
    const char *dict = "- * ORPHAN [010]\n"
                       "GOOD [020]\n"
                       "- * NO CODE\n"
                       "- NO VERB MARKER [030]\n"
                       "- * &UNDEFINED [040]\n"
                       "- * { A | B [050]\n"
                       "- * FINE [060]\n";
    verbd *v = load_snippet(dict, &dc);
    CHECK(v != NULL);
    if (!v)
        return;
    CHECK_INT(dc.errors, 0);
    CHECK_INT(dc.warnings, 5);
    CHECK_INT(verbd_count_verbs(v), 1);
    CHECK_INT(verbd_count_patterns(v), 1);
    verbd_free(v);
}

static void test_petrarch_format(void)
{
    diag_count dc = {0, 0};
    const char *dict = "<!-- a comment -->\n"
                       "&CURRENCY\n+DOLLAR\n+SWISS FRANC\n\n"
                       "--- GIVE [070] ---\n"
                       "GIVE {GIVES GAVE GIVEN GIVING}\n"
                       "DONATE [071]  # own code\n"
                       "+HAND_OVER\n"
                       "- * &CURRENCY [072]\n"
                       "- * {MILITARY AID} [073]\n"
                       "- * (TO {REBEL GROUPS}) [074]\n"
                       "~ a (a b GIVE) SAY = a b 070\n";
    verbd *v = load_snippet(dict, &dc);
    CHECK(v != NULL);
    if (!v)
        return;
    CHECK_INT(dc.errors, 0);
    CHECK_INT(dc.warnings, 0);
    CHECK_INT(verbd_count_verbs(v), 3);
    CHECK_INT(verbd_count_patterns(v), 3);
    CHECK_INT(verbd_count_synsets(v), 1);
    verbd_result r;
    CHECK_STR(code_of(v, "Qatar gave Hamas", NULL, 0, &r), "070");
    CHECK_STR(code_of(v, "Qatar donated food", NULL, 0, &r), "071");
    CHECK_STR(code_of(v, "Qatar donated dollars", NULL, 0, &r), "072");
    CHECK_STR(code_of(v, "Qatar gave Swiss francs", NULL, 0, &r), "072");
    CHECK_STR(code_of(v, "Qatar handed over much military aid", NULL, 0, &r), "073");
    CHECK_STR(code_of(v, "Qatar gave military and other aid", NULL, 0, &r), "070");
    CHECK_STR(code_of(v, "Qatar gave weapons to the rebel groups", NULL, 0, &r), "074");
    /* PETRARCH words are whole words: GIVE does not match GIVEAWAY */
    CHECK_STR(code_of(v, "a giveaway", NULL, 0, &r), "(no verb)");
    verbd_free(v);
}

/* Does verbd_find see a verb at token `at` of text?  Returns its name or "(none)". */
static const char *verb_at(const verbd *v, const char *text, size_t at)
{
    static char buf[64];
    text_tokenizer tk;
    tok_init(&tk);
    snprintf(buf, sizeof buf, "(none)");
    if (!tok_run(&tk, text, strlen(text)) && at < tk.toks.n) {
        size_t nt = 0;
        const verbd_verb *vb = verbd_find(v, tk.toks.v, tk.toks.n, at, &nt);
        if (vb)
            snprintf(buf, sizeof buf, "%s", verbd_verb_name(vb));
    }
    tok_free(&tk);
    return buf;
}

/* PETRARCH-1 semantics fixed against its validation suite (docs/VERBS.md). */
/* PETRARCH files: '^' skips an actor or, failing that, a word-level noun phrase; TABARI
 * files: an actor only. */
static void test_skip_noun_phrase(void)
{
    diag_count dc = {0, 0};
    const char *petr = "--- WARN [160] ---\nWARN\n- * THEIR ^ ABOUT + [162]\n";
    const char *tab = "WARN [160]\n- * THEIR ^ ABOUT + [162]\n";
    verbd *vp = load_snippet(petr, &dc);
    verbd *vt = load_snippet(tab, &dc);
    CHECK(vp != NULL && vt != NULL);
    if (vp && vt) {
        /* Arnor(0) warned(1) their(2) old(3) allies(4) about(5) Rohan(6) */
        const char *text = "Arnor warned their old allies about Rohan";
        verbd_actor act[2] = {{0, 1, "ARN", 0}, {6, 7, "ROH", 0}};
        verbd_result r;
        CHECK_STR(code_of(vp, text, act, 2, &r), "162");
        CHECK_INT(r.target, 1);
        CHECK_STR(code_of(vt, text, act, 2, &r), "160"); /* TABARI: ^ needs an actor */
        /* skipping a phrase still leaves '+' to fill: no actor, no pattern */
        CHECK_STR(code_of(vp, "Arnor warned their allies in the north about Rohan", act, 0, &r),
                  "160");
        /* an actor is still skipped first */
        verbd_actor act2[3] = {{0, 1, "ARN", 0}, {3, 4, "GON", 0}, {5, 6, "ROH", 0}};
        CHECK_STR(code_of(vp, "Arnor warned their Gondor about Rohan", act2, 3, &r), "162");
        CHECK_INT(r.target, 2);
    }
    verbd_free(vp);
    verbd_free(vt);
}

static void test_petrarch1_semantics(void)
{
    diag_count dc = {0, 0};
    const char *dict = "&NEGAUX\n+DID N'T\n+WO N'T\n+CA N'T\n+REALLY DID NOT\n\n"
                       "&REVOLT\n+REVOLUTION\n\n"
                       "--- CLASH [223] ---\n"
                       "CLASH\n"
                       "- MOST_CERTAINLY_&NEGAUX_EVER * OVER EFFORTS [907]\n"
                       "- &NEGAUX EVER * OVER EFFORTS [905]\n"
                       "- &NEGAUX * OVER EFFORTS [904]\n"
                       "- DO N'T * [903]\n"
                       "- * OVER EFFORTS [121]\n"
                       "--- ADOPT [081] ---\n"
                       "ADOPT\n"
                       "- * RESOLUTION [102]\n"
                       "- * &REVOLT [802]\n"
                       "--- DEPART [032] ---\n"
                       "DEPART\n"
                       "FIX\n"
                       "TAKE\n"
                       "--- SHOT [---] ---\n"
                       "SHOT\n"
                       "- *_AND_WOUND [223]\n"
                       "--- SHOT [223] ---\n"
                       "SHOT\n"
                       "- WAS * DEAD [224]\n"
                       "--- ACT [100] ---\n"
                       "ACT\n"
                       "- INDICATED SHOULD * [1011]\n"
                       "--- SHOULD [101] ---\n"
                       "SHOULD\n"
                       "- SAID * [102]\n";
    verbd *v = load_snippet(dict, &dc);
    CHECK(v != NULL);
    if (!v)
        return;
    CHECK_INT(dc.errors, 0);
    CHECK_INT(dc.warnings, 0);
    verbd_result r;
    /* a synset member written as TreeBank tokens ("DID N'T") matches the one token DIDN'T */
    CHECK_STR(code_of(v, "Bree didn't clash over the efforts of Arnor", NULL, 0, &r), "904");
    CHECK_STR(code_of(v, "Bree can't ever clash over the efforts", NULL, 0, &r), "905");
    CHECK_STR(code_of(v, "Bree really did not clash over the efforts", NULL, 0, &r), "904");
    CHECK_STR(code_of(v, "Bree did clash over the efforts", NULL, 0, &r), "121");
    /* '_' after the joined member: EVER must be the next token */
    CHECK_STR(code_of(v, "most certainly won't ever clash over the efforts", NULL, 0, &r),
              "907");
    CHECK_STR(code_of(v, "most certainly won't now ever clash over the efforts", NULL, 0, &r),
              "905");
    CHECK_STR(code_of(v, "most certainly really won't ever clash over efforts", NULL, 0, &r),
              "905");
    /* the same in a pattern's own words; the token must spell both words exactly */
    CHECK_STR(code_of(v, "Bree don't clash", NULL, 0, &r), "903");
    CHECK_STR(code_of(v, "Bree doesn't clash", NULL, 0, &r), "223");
    /* pattern words are whole words (no plural); synset members do get plurals */
    CHECK_STR(code_of(v, "Arnor will adopt a set of resolutions", NULL, 0, &r), "081");
    CHECK_STR(code_of(v, "Arnor will adopt a resolution", NULL, 0, &r), "102");
    CHECK_STR(code_of(v, "Arnor will adopt revolutions", NULL, 0, &r), "802");
    /* generated verb forms are the regular English ones only, not TABARI's mechanical
     * endings */
    CHECK_STR(verb_at(v, "Ethiopia departs", 1), "DEPART");
    CHECK_STR(verb_at(v, "Ethiopia departed", 1), "DEPART");
    CHECK_STR(verb_at(v, "Ethiopia departing", 1), "DEPART");
    CHECK_STR(verb_at(v, "Ethiopia departes", 1), "(none)");
    CHECK_STR(verb_at(v, "Ethiopia departen", 1), "(none)");
    CHECK_STR(verb_at(v, "Ethiopia fixes", 1), "FIX");
    CHECK_STR(verb_at(v, "Ethiopia fixs", 1), "(none)");
    CHECK_STR(verb_at(v, "Ethiopia taking", 1), "TAKE");
    CHECK_STR(verb_at(v, "Ethiopia takeing", 1), "(none)");
    /* a verb defined again in a later block: the later definition is the one used */
    CHECK_STR(code_of(v, "An Eriadorian was shot dead in Osgiliath", NULL, 0, &r), "224");
    CHECK_STR(code_of(v, "Gollum shot Bilbo", NULL, 0, &r), "223");
    /* a modal is not the verb when a verb follows it in the clause */
    CHECK_STR(code_of(v, "Ethiopia indicated it should have acted against Libya", NULL, 0, &r),
              "1011");
    CHECK_STR(verb_at(v, "Ethiopia should act", 1), "(none)");
    CHECK_STR(verb_at(v, "Ethiopia should, officials said", 1), "SHOULD");
    CHECK_STR(code_of(v, "Ethiopia said it should", NULL, 0, &r), "102");
    verbd_free(v);

    /* TABARI files keep TABARI's rules: stems, and no modal exception */
    dc.warnings = dc.errors = 0;
    v = load_snippet("SHOULD [101]\nACT [100]\nDEPART [032]\n", &dc);
    CHECK(v != NULL);
    if (!v)
        return;
    CHECK_STR(verb_at(v, "Ethiopia should act", 1), "SHOULD");
    CHECK_STR(verb_at(v, "Ethiopia departes", 1), "DEPART");
    verbd_free(v);
}

static void test_discards_issues(void)
{
    diag_count dc = {0, 0};
    verbd *v = verbd_new();
    const char *disc = "# comment\nWORLD CUP\n+TYPHOON\nBASEBALL_\n";
    const char *iss = "<ISSUE CATEGORY=\"X\">\n"
                      "n:school [SCHOOLS]\n"
                      "post+secondary education [POSTSEC]\n"
                      "v:purge [PURGE]\n"
                      "~a head start\n"
                      "head start [EARLY]\n"
                      "</ISSUE>\n";
    CHECK_INT(verbd_load_discards_mem(v, "d", disc, strlen(disc), count_diag, &dc), 0);
    CHECK_INT(verbd_load_issues_mem(v, "i", iss, strlen(iss), count_diag, &dc), 0);
    CHECK_INT(verbd_finish(v), 0);
    CHECK_INT(dc.warnings + dc.errors, 0);
    CHECK_INT(verbd_count_discards(v), 3);
    CHECK_INT(verbd_count_issues(v), 4);
    text_tokenizer tk;
    tok_init(&tk);
    const char *cases[][2] = {
        {"Brazil won the World Cup final", ""},
        {"Brazil won the World Cups", ""},
        {"A typhoon hit Manila", "+"},
        {"They played baseball", ""},
        {"They played baseballs", NULL},
        {"The world needs a cup", NULL},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        tok_run(&tk, cases[k][0], strlen(cases[k][0]));
        const char *got = verbd_discard(v, tk.toks.v, tk.toks.n);
        if (cases[k][1])
            CHECK_STR(got, cases[k][1]);
        else
            CHECK(got == NULL);
    }
    dy_buf out;
    buf_init(&out);
    const char *s1 = "Schools and post-secondary education were purged; another school too";
    tok_run(&tk, s1, strlen(s1));
    CHECK_INT(verbd_issues(v, tk.toks.v, tk.toks.n, &out), 0);
    CHECK_STR(out.s, "SCHOOLS,POSTSEC,PURGE");
    buf_clear(&out);
    const char *s2 = "Post secondary education gets a head start";
    tok_run(&tk, s2, strlen(s2));
    CHECK_INT(verbd_issues(v, tk.toks.v, tk.toks.n, &out), 0);
    CHECK_INT(out.len, 0);
    const char *s3 = "Post secondary education gets head start";
    tok_run(&tk, s3, strlen(s3));
    CHECK_INT(verbd_issues(v, tk.toks.v, tk.toks.n, &out), 0);
    CHECK_STR(out.s, "POSTSEC,EARLY");
    buf_free(&out);
    tok_free(&tk);
    verbd_free(v);
}

typedef struct real_file {
    const char *path;
    int kind; /* 0 verbs, 1 discards, 2 issues */
    size_t min_verbs, min_patterns, min_synsets;
} real_file;

static void test_real_files(void)
{
    const char *base = check_shared_data();
    if (!base) {
        CHECK_SKIP("../shared/data absent: real dictionary files not tested");
        return;
    }
    static const real_file files[] = {
        {"tabari/TABARI.Demo.verbs", 0, 250, 400, 5},
        {"tabari/CAMEO.091003.master.verbs", 0, 1000, 15000, 0},
        {"tabari/CAMEO.080612.verbs", 0, 1000, 14000, 0},
        {"phoenix/CAMEO.verbpatterns.150430.txt", 0, 1000, 10000, 10},
        {"petrarch/PETR.Validate.verbs.txt", 0, 200, 400, 5},
        {"petrarch/suite-2015/PETR.Validate.verbs.txt", 0, 200, 400, 5},
        {"phoenix/CAMEO.2.0.txt", 0, 1000, 4000, 10},
        {"petrarch/PETR.Validate.verbs.2.0.txt", 0, 100, 400, 5},
        {"phoenix/Phoenix.discards.txt", 1, 0, 0, 0},
        {"petrarch/PETR.Validate.discards.txt", 1, 0, 0, 0},
        {"phoenix/Phoenix.IssueCoding.txt", 2, 0, 0, 0},
    };
    char path[512];
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        const real_file *f = &files[k];
        diag_count dc = {0, 0};
        verbd *v = verbd_new();
        snprintf(path, sizeof path, "%s/%s", base, f->path);
        int rc = f->kind == 0   ? verbd_load_file(v, path, count_diag, &dc)
                 : f->kind == 1 ? verbd_load_discards(v, path, count_diag, &dc)
                                : verbd_load_issues(v, path, count_diag, &dc);
        CHECK_INT(rc, 0);
        CHECK_INT(verbd_finish(v), 0);
        CHECK_INT(dc.errors, 0);
        printf("%-45s verbs %5zu patterns %6zu synsets %4zu discards %4zu issues %4zu "
               "warnings %d\n",
               f->path, verbd_count_verbs(v), verbd_count_patterns(v), verbd_count_synsets(v),
               verbd_count_discards(v), verbd_count_issues(v), dc.warnings);
        if (f->kind == 0) {
            CHECK(verbd_count_verbs(v) >= f->min_verbs);
            CHECK(verbd_count_patterns(v) >= f->min_patterns);
            CHECK(verbd_count_synsets(v) >= f->min_synsets);
        } else if (f->kind == 1) {
            CHECK(verbd_count_discards(v) > 5);
        } else {
            CHECK(verbd_count_issues(v) > 100);
        }
        verbd_free(v);
    }
}

/* ---------------------------------------------------------------- size limits */

/* Warnings kept: how many, and the code, line and message of the last one. */
typedef struct limit_log {
    int warnings, errors;
    dy_status code;
    long line;
    char msg[256];
} limit_log;

static void limit_diag(void *ud, const dy_diag *d)
{
    limit_log *lg = ud;
    if (d->severity == DY_ERROR)
        lg->errors++;
    if (d->severity != DY_WARNING)
        return;
    lg->warnings++;
    lg->code = d->code;
    lg->line = d->line;
    snprintf(lg->msg, sizeof lg->msg, "%s", d->msg ? d->msg : "");
}

/* Write `n` bytes of `data` to dir/name.  0 ok. */
static int write_file(const char *dir, const char *name, const char *data, size_t n)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t w = fwrite(data, 1, n, f);
    return (fclose(f) || w != n) ? -1 : 0;
}

/* A verb pattern line "- * + OF AAA AAA ... [112]" of `elements` elements. */
static void pattern_line_of(FILE *f, size_t elements)
{
    fputs("- * + OF", f);
    for (size_t i = 3; i < elements; i++)
        fputs(" AAA", f);
    fputs(" [112]\n", f);
}

/*
 * max_line_bytes (default 64 KiB) and max_pattern_tokens (default 64) through dy_dict_load:
 * a line or pattern at the limit loads, one just over it is skipped with a DY_ELIMIT
 * warning naming its line, and the lines after it still load.
 */
static void test_dict_limits(void)
{
    const char *tmp = getenv("TMPDIR");
    char tdir[512];
    snprintf(tdir, sizeof tdir, "%s/dyad_test_limits_XXXXXX", tmp && *tmp ? tmp : P_tmpdir);
    char *d = mkdtemp(tdir);
    CHECK(d != NULL);
    if (!d)
        return;
    /* actors: line 2 is exactly 64 KiB, line 3 one byte more */
    size_t max = (size_t)64 << 10;
    char *data = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&data, &len);
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("IRAQ_ [IRQ]\n", f);
    for (int extra = 0; extra <= 1; extra++) {
        fputs(extra ? "ZENDIB_" : "ZENDIA_", f);
        for (size_t i = 7 + 6; i < max + (size_t)extra; i++)
            fputc('X', f);
        fputs(" [ZND]\n", f);
    }
    fputs("TURKEY_ [TUR]\n", f);
    /* verbs: a pattern of 64 elements on line 3, of 65 on line 4, then one of 3 */
    CHECK_INT(fclose(f), 0);
    CHECK_INT(write_file(d, "lim.actors", data, len), 0);
    free(data);
    data = NULL;
    f = open_memstream(&data, &len);
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("--- ACCUSE [112] ---\nACCUSE\n", f);
    pattern_line_of(f, 64);
    pattern_line_of(f, 65);
    pattern_line_of(f, 3);
    CHECK_INT(fclose(f), 0);
    CHECK_INT(write_file(d, "lim.verbs", data, len), 0);
    free(data);

    static const struct {
        size_t line, pattern; /* the limits given (0: default) */
        size_t actors, patterns;
        int warnings;
    } runs[] = {
        {0, 0, 3, 2, 2},                       /* defaults: the 64 KiB + 1 line, 65 elements */
        {((size_t)64 << 10) + 1, 65, 4, 3, 0}, /* one higher: everything loads */
        {20, 2, 2, 0, 5},                      /* tiny: both long lines, every pattern */
    };
    for (size_t k = 0; k < sizeof runs / sizeof *runs; k++) {
        limit_log lg;
        memset(&lg, 0, sizeof lg);
        dy_dict_opts o = {.diag = limit_diag, .diag_ud = &lg};
        CHECK_INT(o.max_line_bytes, 0);
        CHECK_INT(o.max_pattern_tokens, 0);
        o.max_line_bytes = runs[k].line;
        o.max_pattern_tokens = runs[k].pattern;
        dy_dict *dict = NULL;
        CHECK_INT(dy_dict_load(d, &o, &dict), DY_OK);
        CHECK_INT(lg.errors, 0);
        CHECK_INT(lg.warnings, runs[k].warnings);
        if (runs[k].warnings)
            CHECK_INT(lg.code, DY_ELIMIT);
        if (dict) {
            dy_dict_stats st;
            dy_dict_get_stats(dict, &st);
            CHECK_INT(st.actors, runs[k].actors);
            CHECK_INT(st.patterns, runs[k].patterns);
        }
        dy_dict_free(dict);
        if (k == 0) /* the last warning is the pattern's (verbs load after actors: name order) */
            CHECK_INT(lg.line, 4);
    }
    /* the line warning names the line and the limit */
    limit_log lg;
    memset(&lg, 0, sizeof lg);
    dy_dict_opts o = {.diag = limit_diag, .diag_ud = &lg};
    char path[600];
    snprintf(path, sizeof path, "%s/lim.actors", d);
    dy_dict *dict = NULL;
    CHECK_INT(dy_dict_load(path, &o, &dict), DY_OK);
    CHECK_INT(lg.warnings, 1);
    CHECK_INT(lg.line, 3);
    CHECK(strstr(lg.msg, "limit of 65536 bytes") != NULL);
    dy_dict_free(dict);
    unlink(path);
    snprintf(path, sizeof path, "%s/lim.verbs", d);
    unlink(path);
    rmdir(d);
}

/* verbd_set_max_pattern: the loader's own switch (0: no limit) */
static void test_pattern_limit_snippet(void)
{
    static const char text[] = "--- ACCUSE [112] ---\nACCUSE\n- * + OF A B [112]\n"
                               "- * { X | Y Z } [112]\n";
    for (size_t lim = 0; lim <= 5; lim++) {
        verbd *v = verbd_new();
        CHECK(v != NULL);
        if (!v)
            return;
        verbd_set_max_pattern(v, lim);
        diag_count dc = {0, 0};
        CHECK_INT(verbd_load_mem(v, "snippet", text, strlen(text), count_diag, &dc), 0);
        CHECK_INT(verbd_finish(v), 0);
        /* "* + OF A B": 5 elements; "* {X | Y Z}": the verb, the group and its 3 words = 5 */
        int want = lim == 0 || lim >= 5 ? 2 : 0;
        CHECK_INT(verbd_count_patterns(v), want);
        CHECK_INT(dc.warnings, 2 - want);
        verbd_free(v);
    }
}

int main(void)
{
    test_tabari_semantics();
    test_tabari_validation_semantics();
    test_odd_lines();
    test_petrarch_format();
    test_petrarch1_semantics();
    test_skip_noun_phrase();
    test_discards_issues();
    test_real_files();
    test_pattern_limit_snippet();
    test_dict_limits();
    return check_summary();
}
