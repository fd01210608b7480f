/*
 * test_actors.c - unit tests of the actor and agent dictionaries (lib/dict/actors.c):
 * stems and whole words, synonyms, date-restricted code blocks, agents with plurals,
 * {plural} sets, substitution markers and ~ codes, odd lines reported with their line
 * numbers, and the real TABARI / PETRARCH / Phoenix files under ../shared/data.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "dict/actors.h"
#include "text/text.h"

/* ------------------------------------------------------------------ helpers */

typedef struct diag_log {
    int warnings, errors, notes;
    long lines[64]; /* line numbers of the first warnings */
    char last[512];
    int verbose;
    int expect_errors; /* do not print errors: the test provokes them */
} diag_log;

static void log_diag(void *ud, const dy_diag *d)
{
    diag_log *l = ud;
    if (d->severity == DY_ERROR) {
        l->errors++;
        if (!l->expect_errors)
            fprintf(stderr, "  error: %s:%ld: %s\n", d->file ? d->file : "?", d->line, d->msg);
    } else if (d->severity == DY_WARNING) {
        if (l->warnings < 64)
            l->lines[l->warnings] = d->line;
        l->warnings++;
        if (l->verbose)
            fprintf(stderr, "  warning: %s:%ld: %s\n", d->file ? d->file : "?", d->line, d->msg);
    } else {
        l->notes++;
    }
    snprintf(l->last, sizeof l->last, "%s", d->msg);
}

static text_tokenizer tk;

/* Tokenise a sentence into the shared tokenizer. */
static const text_tok *toks_of(const char *s, size_t *n)
{
    if (tok_run(&tk, s, strlen(s)) != 0) {
        *n = 0;
        return NULL;
    }
    *n = tk.toks.n;
    return tk.toks.v;
}

/* The code of the phrase matched at token 0 of `text`, on `date`; "" if no match,
 * "(null)" when matched but null-coded on that date.  *end gets the match end. */
static const char *code_at(const actd *a, const char *text, int agents, int32_t date,
                           size_t *end)
{
    size_t n;
    const text_tok *t = toks_of(text, &n);
    actd_match m;
    if (end)
        *end = 0;
    if (!t || !actd_match_at(a, t, n, 0, agents, &m))
        return "";
    if (end)
        *end = m.end;
    const char *c = actd_code_on(m.entry, date);
    return c ? c : "(null)";
}

/* The actor entry matched at the start of text, or NULL. */
static const actd_entry *entry_at(const actd *a, const char *text)
{
    size_t n;
    const text_tok *t = toks_of(text, &n);
    actd_match m;
    return t && actd_match_at(a, t, n, 0, 0, &m) ? m.entry : NULL;
}

static actd *load_str(const char *name, const char *text, int agents, diag_log *log)
{
    actd *a = actd_new();
    if (!a)
        return NULL;
    memset(log, 0, sizeof *log);
    if (actd_load_mem(a, name, text, strlen(text), agents, log_diag, log) != 0 ||
        actd_finish(a) != 0) {
        actd_free(a);
        return NULL;
    }
    return a;
}

/* ------------------------------------------------------------------ small dictionaries */

static const char *demo_actors =
    "<NOUN>\n"
    "BEES   ; a comment\n"
    "POLITICAL_SCIENTISTS\n"
    "</NOUN>\n"
    "<ADJECTIVE>\n"
    "EVIL_\n"
    "</ADJECTIVE>\n"
    "ARGENTIN [ARG]\n"
    "LIBYA_ [LBY] ; whole word\n"
    "MOUSE= [MUS]\n"
    "UNITED_STATES [USA]\n"
    "UNITED_STATES_GOVERNMENT_ [USAGOV]\n"
    "AL_GORE [AGR]\n"
    "AL GORE [TEN]\n"
    "\n"
    "GOLLUM ; pas\n"
    "+SMEAGOL\n"
    "+STINKER_\n"
    "\t[HOB < 950601]\n"
    "\t[HOBGOV 950601 - 990815]\n"
    "\t[HOBREB >990816]\n"
    "ZIMBABWE\n"
    "  [RHO <790606]\n"
    "  [ZBW] ;jw\n"
    "AL_QAEDA_ [IMGMOS]\n"
    "AT&T_ [MNCUSA]\n"
    "BOUTROS_BOUTROS_GHALI_ [UNO 19920101-19991231] [EGY]\n"
    "LORIEN [ELR/GAL]\n"
    "NASGUL [###]\n"
    "PLA [CHNMIL]\n"
    "EAST_GERMANY_ [GME <901103]\n"
    "OLD_KING_ [KNG 950101-370722] [---]\n" /* YY start after the end: 1895 */
    "/ a TABARI comment line\n"
    "# another comment line [WITH BRACKETS\n"
    "~~FINISH\n"
    "AFTER_FINISH_ [XXX]\n";

static void test_phrases(void)
{
    diag_log log;
    actd *a = load_str("demo.actors", demo_actors, 0, &log);
    CHECK(a != NULL);
    if (!a)
        return;
    CHECK_INT(log.warnings, 0);
    CHECK_INT(log.errors, 0);
    CHECK_INT(actd_count(a, 0), 17);
    CHECK_INT(actd_count(a, 1), 0);

    size_t end;
    /* stems match any word starting with them; whole words (_) only themselves (+S) */
    CHECK_STR(code_at(a, "Argentina said", 0, 20000101, &end), "ARG");
    CHECK_INT(end, 1);
    CHECK_STR(code_at(a, "Argentinian troops", 0, 20000101, NULL), "ARG");
    CHECK_STR(code_at(a, "Argent troops", 0, 20000101, NULL), "");
    CHECK_STR(code_at(a, "Libya said", 0, 20000101, NULL), "LBY");
    CHECK_STR(code_at(a, "Libyas said", 0, 20000101, NULL), "LBY");
    CHECK_STR(code_at(a, "Libya's leader", 0, 20000101, &end), "LBY");
    CHECK_INT(end, 1);
    CHECK_STR(code_at(a, "Libyan troops", 0, 20000101, NULL), "");
    CHECK_STR(code_at(a, "mouse", 0, 20000101, NULL), "MUS");
    CHECK_STR(code_at(a, "mouses", 0, 20000101, NULL), "");
    /* longest phrase wins; inner words joined by _ are whole words */
    CHECK_STR(code_at(a, "United States government officials", 0, 20000101, &end), "USAGOV");
    CHECK_INT(end, 3);
    CHECK_STR(code_at(a, "United States officials", 0, 20000101, &end), "USA");
    CHECK_INT(end, 2);
    CHECK_STR(code_at(a, "United Statesmen", 0, 20000101, NULL), "USA");
    CHECK_STR(code_at(a, "Uniteds States", 0, 20000101, NULL), "");
    /* an entry with dated codes is a person's (the terms of an office) */
    CHECK_INT(actd_entry_is_person(entry_at(a, "Boutros Boutros Ghali said")), 1);
    CHECK_INT(actd_entry_is_person(entry_at(a, "Gollum said")), 1);
    CHECK_INT(actd_entry_is_person(entry_at(a, "Argentina said")), 0);
    CHECK_INT(actd_entry_is_person(NULL), 0);
    /* '_' needs adjacent words; a blank lets a few tokens come between */
    CHECK_STR(code_at(a, "Al Gore warned", 0, 20000101, NULL), "AGR");
    CHECK_STR(code_at(a, "Al \"The Weasel\" Gore warned", 0, 20000101, &end), "TEN");
    CHECK_INT(end, 6);
    CHECK_STR(code_at(a, "Al, the Weasel, Gore", 0, 20000101, NULL), "");
    /* hyphenated tokens match phrases written with _ (TABARI turns '-' into '_') */
    CHECK_STR(code_at(a, "al-Qaeda fighters", 0, 20000101, &end), "IMGMOS");
    CHECK_INT(end, 1);
    CHECK_STR(code_at(a, "al Qaeda fighters", 0, 20000101, &end), "IMGMOS");
    CHECK_INT(end, 2);
    CHECK_STR(code_at(a, "Boutros Boutros-Ghali said", 0, 19950101, &end), "UNO");
    CHECK_INT(end, 2);
    CHECK_STR(code_at(a, "Boutros Boutros-Ghali said", 0, 19900101, NULL), "EGY");
    CHECK_STR(code_at(a, "AT&T sued", 0, 20000101, NULL), "MNCUSA");
    /* compound and special codes are kept as written */
    CHECK_STR(code_at(a, "Lorien", 0, 20000101, NULL), "ELR/GAL");
    CHECK_STR(code_at(a, "Nasgul", 0, 20000101, NULL), "###");
    /* short stems match only the whole word (or +S) unless min_stem allows it */
    CHECK_STR(code_at(a, "PLA troops", 0, 20000101, NULL), "CHNMIL");
    CHECK_STR(code_at(a, "plan", 0, 20000101, NULL), "");
    actd_set_min_stem(a, 0);
    CHECK_STR(code_at(a, "plan", 0, 20000101, NULL), "CHNMIL");
    actd_set_min_stem(a, 4);
    /* nothing after ~~FINISH is read */
    CHECK_STR(code_at(a, "after finish", 0, 20000101, NULL), "");

    /* synonyms share the entry's multi-line date-restricted codes */
    CHECK_STR(code_at(a, "Smeagol", 0, 19940101, NULL), "HOB");
    CHECK_STR(code_at(a, "Smeagol", 0, 19950601, NULL), "HOB"); /* <D includes D */
    CHECK_STR(code_at(a, "Gollum", 0, 19970101, NULL), "HOBGOV");
    CHECK_STR(code_at(a, "Stinker", 0, 19990815, NULL), "HOBGOV");
    CHECK_STR(code_at(a, "Stinker", 0, 20050101, NULL), "HOBREB");
    CHECK_STR(code_at(a, "Stinkers", 0, 20050101, NULL), "HOBREB");
    CHECK_STR(code_at(a, "Stinkerish", 0, 20050101, NULL), "");
    CHECK_STR(code_at(a, "Zimbabwe", 0, 19780101, NULL), "RHO");
    CHECK_STR(code_at(a, "Zimbabwe", 0, 19800101, NULL), "ZBW");
    /* only a restricted code and no default: null-coded outside its range */
    CHECK_STR(code_at(a, "East Germany", 0, 19890101, NULL), "GME");
    CHECK_STR(code_at(a, "East Germany", 0, 19950101, NULL), "(null)");
    CHECK_STR(code_at(a, "Old King", 0, 19200101, NULL), "KNG");
    CHECK_STR(code_at(a, "Old King", 0, 19400101, NULL), "---");
    /* unknown date: the default code, else the most recent restricted one */
    CHECK_STR(code_at(a, "Zimbabwe", 0, 0, NULL), "ZBW");
    CHECK_STR(code_at(a, "Gollum", 0, 0, NULL), "HOBREB");

    /* the matched entry records its origin */
    size_t n;
    const text_tok *t = toks_of("Smeagol", &n);
    actd_match m;
    CHECK(actd_match_at(a, t, n, 0, 0, &m));
    CHECK_STR(m.entry->name, "GOLLUM");
    CHECK_STR(m.entry->file, "demo.actors");
    CHECK_INT(m.entry->line, 16);
    CHECK_INT(m.entry->ncodes, 3);
    CHECK_INT(m.entry->codes[1].from, 19950601);
    CHECK_INT(m.entry->codes[1].to, 19990815);
    /* agents are not looked up as actors and vice versa */
    CHECK(!actd_match_at(a, t, n, 0, 1, &m));
    /* matching at a later token */
    t = toks_of("Officials in Argentina said", &n);
    CHECK(actd_match_at(a, t, n, 2, 0, &m) && m.start == 2 && m.end == 3);
    CHECK(!actd_match_at(a, t, n, 0, 0, &m));
    CHECK(!actd_match_at(a, t, n, 99, 0, &m));

    /* <NOUN> and <ADJECTIVE> lists */
    t = toks_of("bees beeswax evil evils evildoer political scientists", &n);
    CHECK(n == 7);
    if (n == 7) {
        CHECK(actd_is_noun(a, &t[0]));
        CHECK(actd_is_noun(a, &t[1]));        /* BEES is a stem */
        CHECK(!actd_is_noun(a, &t[2]));
        CHECK(actd_is_adjective(a, &t[2]));
        CHECK(actd_is_adjective(a, &t[3]));   /* -S ending */
        CHECK(!actd_is_adjective(a, &t[4]));  /* EVIL_ is a whole word */
        CHECK(!actd_is_noun(a, &t[5]));       /* a two-word noun is not one token */
        CHECK_INT(actd_match_noun_at(a, t, n, 5), 7);
        CHECK_INT(actd_match_adjective_at(a, t, n, 0), 0);
    }

    /* a blank allows no gap at all when max_gap is 0 */
    actd_set_max_gap(a, 0);
    CHECK_STR(code_at(a, "Al \"The Weasel\" Gore warned", 0, 20000101, NULL), "");
    actd_free(a);
}

static const char *demo_agents =
    "<!-- agents for the test -->\n"
    "!PERSON! = MAN, WOMAN , PERSON\n"
    "AMBASSADOR [~GOV] # a PETRARCH comment\n"
    "SECRETARY_ [~GOVSEC]\n"
    "POLICE_ {} [~COP]\n"
    "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\n"
    "CONGRESS!PERSON! [~LEG]\n"
    "HUMAN_RIGHTS_BODY [NGO~]\n"
    "BOSS_ [~BUS]\n"
    "GENDARMERIE {} [~COP]\n"
    "GUARD [~MIL]\n";

static void test_agents(void)
{
    diag_log log;
    actd *a = load_str("demo.agents", demo_agents, 1, &log);
    CHECK(a != NULL);
    if (!a)
        return;
    CHECK_INT(log.warnings, 0);
    CHECK_INT(actd_count(a, 1), 9);
    CHECK_INT(actd_count(a, 0), 0);
    size_t end;
    CHECK_STR(code_at(a, "ambassadors", 1, 20000101, NULL), "~GOV");
    CHECK_STR(code_at(a, "secretary", 1, 20000101, NULL), "~GOVSEC");
    CHECK_STR(code_at(a, "secretaries", 1, 20000101, NULL), "~GOVSEC");
    CHECK_STR(code_at(a, "police", 1, 20000101, NULL), "~COP");
    CHECK_STR(code_at(a, "attorney general", 1, 20000101, NULL), "~GOVATG");
    CHECK_STR(code_at(a, "attorneys general", 1, 20000101, &end), "~GOVATG");
    CHECK_INT(end, 2);
    CHECK_STR(code_at(a, "congressman", 1, 20000101, NULL), "~LEG");
    CHECK_STR(code_at(a, "congresswoman", 1, 20000101, NULL), "~LEG");
    CHECK_STR(code_at(a, "congressperson", 1, 20000101, NULL), "~LEG");
    CHECK_STR(code_at(a, "congress", 1, 20000101, NULL), "");
    CHECK_STR(code_at(a, "human rights body", 1, 20000101, NULL), "NGO~");
    CHECK_STR(code_at(a, "bosses", 1, 20000101, NULL), "~BUS");
    CHECK_STR(code_at(a, "ambassador", 0, 20000101, NULL), ""); /* not an actor */
    /* {...} lists every form: the final word matches only as written (PETRARCH), even
     * without '_'; with no {...} it stays a stem that also takes -S */
    CHECK_STR(code_at(a, "polices", 1, 20000101, NULL), "");
    CHECK_STR(code_at(a, "gendarmerie", 1, 20000101, NULL), "~COP");
    CHECK_STR(code_at(a, "gendarmeries", 1, 20000101, NULL), "");
    CHECK_STR(code_at(a, "gendarmerie's", 1, 20000101, NULL), "~COP");
    CHECK_STR(code_at(a, "attorneys generals", 1, 20000101, NULL), ""); /* listed form only */
    CHECK_STR(code_at(a, "guards", 1, 20000101, NULL), "~MIL");
    CHECK_STR(code_at(a, "guardsman", 1, 20000101, NULL), "~MIL");
    actd_free(a);
}

/* Each odd line must give one warning with its own line number and not stop the load. */
static const char *odd_actors =
    "ALPHA [AAA]\n"                  /* 1 fine */
    "BROKEN [BBB\n"                  /* 2 '[' without ']' */
    "NOCODE_ENTRY\n"                 /* 3 no code (reported when line 4 closes it) */
    "GAMMA [CCC] junk\n"             /* 4 stray text: warned, GAMMA kept */
    "DELTA [DDD 9x0101]\n"           /* 5 bad date: block skipped (DELTA then has no code) */
    "EPSILON [EEE 19950101-1994]\n"  /* 6 bad date; then no code */
    "]ZETA [ZZZ]\n"                  /* 7 unbalanced ']' (ends EPSILON's entry) */
    "\t[AAA 991201-010114]\n"        /* 8 a code line with no entry open */
    "+ETA_SYNONYM [---]\n"           /* 9 a synonym with no entry open */
    "<BOGUS>\n"                      /* 10 unknown tag */
    "THETA [TTT]\n"                  /* 11 fine */
    "\t[TTT2 <20201340]\n"           /* 12 invalid 8-digit date */
    "[]\n"                           /* 13 empty code */
    "WEST_NOWHERE#_DOUBTFUL_ [WNW]\n" /* 14 '#' comment inside the phrase: kept */
    "IOTA [III 20050101-20040101]\n";  /* 15 range ends before it begins; no code */

static void test_odd_lines(void)
{
    diag_log log;
    actd *a = actd_new();
    CHECK(a != NULL);
    if (!a)
        return;
    memset(&log, 0, sizeof log);
    int rc = actd_load_mem(a, "odd.actors", odd_actors, strlen(odd_actors), 0, log_diag, &log);
    CHECK_INT(rc, 0);
    CHECK_INT(log.errors, 0);
    long want[] = {2, 3, 4, 5, 5, 6, 6, 7, 8, 9, 10, 12, 13, 14, 15, 15};
    size_t nwant = sizeof want / sizeof want[0];
    CHECK_INT(log.warnings, nwant);
    for (size_t i = 0; i < nwant && i < (size_t)log.warnings && i < 64; i++)
        CHECK_INT(log.lines[i], want[i]);
    actd_finish(a);
    CHECK_STR(code_at(a, "alpha", 0, 20000101, NULL), "AAA");
    CHECK_STR(code_at(a, "gamma", 0, 20000101, NULL), "CCC");
    CHECK_STR(code_at(a, "eta synonym", 0, 20000101, NULL), "");
    CHECK_STR(code_at(a, "epsilon", 0, 20000101, NULL), "");
    CHECK_STR(code_at(a, "theta", 0, 20000101, NULL), "TTT");
    CHECK_STR(code_at(a, "delta", 0, 20000101, NULL), "");
    CHECK_STR(code_at(a, "West Nowhere", 0, 20000101, NULL), "WNW");
    CHECK_STR(code_at(a, "iota", 0, 20000101, NULL), "");
    CHECK_STR(code_at(a, "broken", 0, 20000101, NULL), "");
    CHECK_STR(code_at(a, "nocode entry", 0, 20000101, NULL), "");
    /* loading into a finished dictionary is refused */
    memset(&log, 0, sizeof log);
    log.expect_errors = 1;
    CHECK_INT(actd_load_mem(a, "late", "X [Y]\n", 6, 0, log_diag, &log), -1);
    CHECK_INT(log.errors, 1);
    actd_free(a);

    /* agents: a code without '~', an undefined marker, '{' without '}' */
    static const char *odd_agents = "MINISTER [GOV]\n"
                                    "!UNDEFINED!_OFFICIAL [~GOV]\n"
                                    "GUARD {GUARDS [~MIL]\n"
                                    "SOLDIER [~MIL]\n";
    a = actd_new();
    memset(&log, 0, sizeof log);
    CHECK_INT(actd_load_mem(a, "odd.agents", odd_agents, strlen(odd_agents), 1, log_diag, &log),
              0);
    CHECK(log.warnings >= 3);
    CHECK_INT(log.lines[0], 1);
    CHECK_INT(log.lines[log.warnings - 2], 2);
    CHECK_INT(log.lines[log.warnings - 1], 3);
    CHECK_INT(actd_count(a, 1), 1);
    CHECK_STR(code_at(a, "soldiers", 1, 0, NULL), "~MIL");
    actd_free(a);

    /* unreadable file: an error, -1 */
    a = actd_new();
    memset(&log, 0, sizeof log);
    log.expect_errors = 1;
    CHECK_INT(actd_load_file(a, "no/such/file.actors", 0, log_diag, &log), -1);
    CHECK_INT(log.errors, 1);
    actd_free(a);
}

/* Latin-1 bytes in a dictionary are read as UTF-8 letters and upper-cased. */
static void test_latin1(void)
{
    static const char latin1[] = "MANFRED_W\xd6RNER_ [IGOWSTNAT]\n"
                                 "JOS\xe9_MAR\xcd" "A_ [ESP]\n";
    diag_log log;
    actd *a = load_str("latin1.actors", latin1, 0, &log);
    CHECK(a != NULL);
    if (!a)
        return;
    CHECK_INT(log.warnings, 0);
    CHECK_STR(code_at(a, "Manfred W\xc3\xb6rner", 0, 0, NULL), "IGOWSTNAT");
    CHECK_STR(code_at(a, "Jos\xc3\xa9 Mar\xc3\xad" "a", 0, 0, NULL), "ESP");
    actd_free(a);
}

/* ------------------------------------------------------------------ real files */

typedef struct real_file {
    const char *path;
    int agents;
} real_file;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int load_real(actd *a, const char *dir, const real_file *f, diag_log *log)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, f->path);
    memset(log, 0, sizeof *log);
    log->verbose = getenv("ACTORS_VERBOSE") != NULL;
    int rc = actd_load_file(a, path, f->agents, log_diag, log);
    printf("  %-48s %s: %d warnings, %d errors\n", f->path, rc == 0 ? "ok" : "FAILED",
           log->warnings, log->errors);
    return rc;
}

static void test_real_files(void)
{
    const char *dir = check_shared_data();
    if (!dir) {
        CHECK_SKIP("../shared/data is absent: real dictionary files not tested");
        return;
    }
    static const real_file files[] = {
        {"tabari/TABARI.Demo.actors", 0},
        {"tabari/Validate.agents", 1},
        {"tabari/CountryInfo.120116.actors", 0},
        {"tabari/Internatnl.120521.actors", 0},
        {"tabari/CAMEO.RCS.120521.actors", 0},
        {"tabari/CAMEO.ECS.120522.actors", 0},
        {"tabari/Levant.080629.actors", 0},
        {"tabari/PSU.120522.agents", 1},
        {"petrarch/PETR.Validate.actors.txt", 0},
        {"petrarch/PETR.Validate.agents.txt", 1},
        {"petrarch/suite-2015/PETR.Validate.actors.txt", 0},
        {"petrarch/suite-2015/PETR.Validate.agents.txt", 1},
    };
    printf("real dictionary files:\n");
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        actd *a = actd_new();
        diag_log log;
        CHECK_INT(load_real(a, dir, &files[i], &log), 0);
        CHECK_INT(log.errors, 0);
        CHECK(actd_count(a, files[i].agents) > 0);
        actd_finish(a);
        if (i == 0) { /* TABARI.Demo.actors */
            CHECK_INT(log.warnings, 0);
            CHECK_STR(code_at(a, "Smeagol", 0, 19960101, NULL), "HOBGOV");
            CHECK_STR(code_at(a, "Slinker", 0, 20010101, NULL), "HOBREB");
            CHECK_STR(code_at(a, "Albright", 0, 20000101, NULL), "USAGOV");
            CHECK_STR(code_at(a, "Albright", 0, 20020101, NULL), "---");
            CHECK_STR(code_at(a, "Al Gore", 0, 19950102, NULL), "AGR");
            CHECK_STR(code_at(a, "Al \"The Weasel\" Gore", 0, 19950102, NULL), "TEN");
            CHECK_STR(code_at(a, "Minas Tirith", 0, 19950102, NULL), "GON");
            CHECK(actd_is_noun(a, toks_of("sheep", &(size_t){0})));
        } else if (i == 2) { /* CountryInfo */
            CHECK_STR(code_at(a, "Afghanistan", 0, 20000101, NULL), "AFG");
        } else if (i == 7) { /* PSU agents */
            CHECK(code_at(a, "police", 1, 20000101, NULL)[0] != 0);
        }
        actd_free(a);
    }

    /* the full Phoenix set, as PETRARCH loads it, in one dictionary */
    static const real_file phoenix[] = {
        {"phoenix/Phoenix.Countries.actors.txt", 0},
        {"phoenix/Phoenix.International.actors.txt", 0},
        {"phoenix/Phoenix.MilNonState.actors.txt", 0},
        {"phoenix/Phoenix.agents.txt", 1},
    };
    double t0 = now_seconds();
    actd *a = actd_new();
    int ok = 1;
    for (size_t i = 0; i < sizeof phoenix / sizeof phoenix[0]; i++) {
        diag_log log;
        ok &= load_real(a, dir, &phoenix[i], &log) == 0;
        CHECK_INT(log.errors, 0);
    }
    actd_finish(a);
    double t1 = now_seconds();
    CHECK(ok);
    printf("  Phoenix: %zu actor entries (%zu phrases), %zu agent entries (%zu phrases), "
           "loaded in %.3f s\n",
           actd_count(a, 0), actd_phrase_count(a, 0), actd_count(a, 1),
           actd_phrase_count(a, 1), t1 - t0);
    CHECK(actd_count(a, 0) > 20000);
    CHECK(actd_count(a, 1) > 1000);
    /* a well-known leader with dated roles */
    CHECK_STR(code_at(a, "Barack Obama said", 0, 20100101, NULL), "USAGOV");
    CHECK_STR(code_at(a, "President Obama said", 0, 20100101, NULL), "USAGOV");
    CHECK_STR(code_at(a, "Barack Obama said", 0, 19900101, NULL), "USAELI");
    CHECK_STR(code_at(a, "Barack Obama said", 0, 20050101, NULL), "(null)");
    CHECK_STR(code_at(a, "Angela Merkel said", 0, 20100101, NULL), "DEUGOV");
    CHECK_STR(code_at(a, "Chancellor Angela Merkel said", 0, 19900101, NULL), "DEUELI");
    CHECK_STR(code_at(a, "the United Nations said", 0, 20100101, NULL), "IGOUNO");
    CHECK_STR(code_at(a, "Afghanistan", 0, 20100101, NULL), "AFG");
    CHECK_STR(code_at(a, "police officers", 1, 20100101, NULL), "~COP");
    CHECK_STR(code_at(a, "congressmen", 1, 20100101, NULL), "~LEG");

    /* match speed, for information only */
    size_t n;
    const text_tok *t = toks_of("The United Nations Secretary General met Afghan President "
                                "Hamid Karzai and Pakistani police officers in Kabul on "
                                "Tuesday, al-Qaeda said.",
                                &n);
    if (t) {
        double m0 = now_seconds();
        size_t hits = 0;
        for (int rep = 0; rep < 2000; rep++)
            for (size_t i = 0; i < n; i++) {
                actd_match m;
                hits += (size_t)actd_match_at(a, t, n, i, 0, &m);
                hits += (size_t)actd_match_at(a, t, n, i, 1, &m);
            }
        double m1 = now_seconds();
        CHECK(hits > 0);
        printf("  matching: %.0f ns per token lookup (actor + agent)\n",
               (m1 - m0) * 1e9 / (2000.0 * (double)n));
    }
    actd_free(a);
}

/* A possessive written inside a phrase matches the text's possessive, as the coder gives
 * it: the 's token dropped and its word marked TOK_POSS. */
static void test_possessive_inside(void)
{
    diag_log log;
    actd *a = load_str("poss.actors",
                       "LORD'S_RESISTANCE_ARMY_ [UGAREB]\n"
                       "KURDISTAN_WORKERS'_PARTY_ [TURREB]\n"
                       "LORD_ [GBRELI]\n"
                       "KREMLIN'S_ [RUSGOV]\n",
                       0, &log);
    CHECK(a != NULL);
    if (!a)
        return;
    CHECK_INT(log.warnings, 0);
    const char *texts[] = {"The Lord's Resistance Army attacked", "Kurdistan Workers' Party said",
                           "Lord's men", "the Kremlin's spokesman", "Lord Resistance Army"};
    const char *want[] = {"UGAREB", "TURREB", "GBRELI", "RUSGOV", "GBRELI"};
    const size_t at[] = {1, 0, 0, 1, 0}, want_end[] = {4, 3, 1, 2, 1};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        size_t n;
        const text_tok *raw = toks_of(texts[i], &n);
        text_tok words[16];
        size_t nw = 0;
        for (size_t k = 0; raw && k < n && nw < 16; k++) {
            if (raw[k].flags & TOK_POSS) {
                if (nw)
                    words[nw - 1].flags |= TOK_POSS;
                continue;
            }
            words[nw++] = raw[k];
        }
        actd_match m;
        int ok = actd_match_at(a, words, nw, at[i], 0, &m);
        CHECK(ok);
        if (!ok)
            continue;
        CHECK_STR(actd_code_on(m.entry, 20200101), want[i]);
        CHECK_INT(m.end, want_end[i]);
    }
    actd_free(a);
}

int main(void)
{
    tok_init(&tk);
    test_phrases();
    test_possessive_inside();
    test_agents();
    test_odd_lines();
    test_latin1();
    test_real_files();
    tok_free(&tk);
    return check_summary();
}
