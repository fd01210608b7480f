/*
 * test_hotpath.c - the derived look-up indexes of the hot path change no result.  The actor
 * trie's node summary, edge Bloom filter and root first-word filter (built by actd_finish)
 * and the verb tables' incremental prefix hashing and exact-key filters (built by
 * verbd_finish) only let the matchers skip probes that would find nothing, so a finished
 * dictionary must match exactly like the same dictionary before finishing (every probe
 * made); the patterns' precomputed pre-check keys (pat_keys) must decide like the keys
 * worked out from the pattern elements.  Checked on a small dictionary written for the purpose
 * (stems of many lengths, gaps, plurals, '=' words, hyphens, possessives) and, when
 * ../shared/data is there, on the Phoenix dictionaries over the VOA stories.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dict/actors.h"
#include "dict/verbs.h"
#include "dict/verbs_int.h"
#include "text/text.h"
#include "util/util.h"

static void quiet_diag(void *ud, const dy_diag *d)
{
    (void)ud;
    (void)d;
}

/* Load the same actor text into two dictionaries, finishing only the second. */
static int load_pair(actd **raw, actd **fin, const char *actors, size_t alen,
                     const char *agents, size_t glen)
{
    *raw = actd_new();
    *fin = actd_new();
    if (!*raw || !*fin)
        return -1;
    for (int k = 0; k < 2; k++) {
        actd *a = k ? *fin : *raw;
        if (actd_load_mem(a, "actors", actors, alen, 0, quiet_diag, NULL) ||
            actd_load_mem(a, "agents", agents, glen, 1, quiet_diag, NULL))
            return -1;
    }
    return actd_finish(*fin);
}

/* Compare every actor, agent, noun and adjective look-up of the two dictionaries over the
 * tokens.  Returns the number of positions where something matched (so a caller can check
 * that the comparison was not vacuous); counts a failed check per difference. */
static size_t compare_actors(const actd *raw, const actd *fin, const text_tok *t, size_t n)
{
    size_t hits = 0;
    int differ = 0;
    for (size_t i = 0; i < n; i++) {
        for (int agents = 0; agents < 2; agents++) {
            actd_match m1, m2;
            int r1 = actd_match_at(raw, t, n, i, agents, &m1);
            int r2 = actd_match_at(fin, t, n, i, agents, &m2);
            if (r1 != r2 || (r1 && (m1.entry != NULL) != (m2.entry != NULL)) ||
                (r1 && (m1.start != m2.start || m1.end != m2.end ||
                        strcmp(m1.entry->name, m2.entry->name) != 0))) {
                if (!differ)
                    fprintf(stderr, "actor match differs at token %zu (%s), agents=%d\n", i,
                            t[i].up, agents);
                differ = 1;
            }
            hits += (size_t)r1;
        }
        /* the combined actor+agent probe answers exactly as the two separate ones */
        {
            actd_match ca, cg, sa, sg;
            int both = actd_match_actor_agent(fin, t, n, i, &ca, &cg);
            int ra = actd_match_at(fin, t, n, i, 0, &sa), rg = actd_match_at(fin, t, n, i, 1, &sg);
            if (((both & 1) != 0) != (ra != 0) || ((both & 2) != 0) != (rg != 0) ||
                (ra && (ca.entry != sa.entry || ca.start != sa.start || ca.end != sa.end)) ||
                (rg && (cg.entry != sg.entry || cg.start != sg.start || cg.end != sg.end))) {
                if (!differ)
                    fprintf(stderr, "combined actor/agent probe differs at token %zu (%s)\n", i,
                            t[i].up);
                differ = 1;
            }
        }
        if (actd_match_noun_at(raw, t, n, i) != actd_match_noun_at(fin, t, n, i) ||
            actd_match_adjective_at(raw, t, n, i) != actd_match_adjective_at(fin, t, n, i) ||
            actd_is_noun(raw, &t[i]) != actd_is_noun(fin, &t[i]) ||
            actd_is_adjective(raw, &t[i]) != actd_is_adjective(fin, &t[i])) {
            if (!differ)
                fprintf(stderr, "noun/adjective look-up differs at token %zu (%s)\n", i,
                        t[i].up);
            differ = 1;
        }
    }
    CHECK(!differ);
    return hits;
}

/* Mark possessives the way the coder does: the word before a TOK_POSS token carries it. */
static void mark_possessives(text_tok *t, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (t[i].flags & TOK_POSS)
            t[i - 1].flags |= TOK_POSS;
}

static const char SMALL_ACTORS[] =
    "UNITED_STATES [USA]\n"
    "UNITED_NATIONS_ [IGOUNO]\n"
    "UNITED_KINGDOM= [GBR]\n"
    "PLA [CHNMIL]\n"
    "MAN_ [XXX]\n"
    "AFGHAN [AFG]\n"
    "AFGHANISTAN_ [AFG]\n"
    "SECURITY_COUNCIL [IGOUNOSEC]\n"
    "AL GORE [USAELI]\n"
    "KIM_JONG UN [PRK]\n"
    "RUSSIA [RUS]\n"
    "RUSS [RUS]\n"
    "RU [RUS]\n"
    "HAMAS [PSENGO]\n"
    "WEST_BANK [PSE]\n"
    "EU_ [EUR]\n"
    "UK [GBR]\n"
    "EAST_TIMOR_ [TMP]\n"
    "<NOUN>\n"
    "ATTACK\n"
    "PEACE_TALKS\n"
    "</NOUN>\n"
    "<ADJECTIVE>\n"
    "NEW\n"
    "MAIN_\n"
    "</ADJECTIVE>\n";

static const char SMALL_AGENTS[] =
    "MINIST {MINISTRIES} [~GOV]\n"
    "FOREIGN_MINISTER [~GOVFRM]\n"
    "OPPOSITION_GROUP [~OPP]\n"
    "MILITANT [~REB]\n"
    "POLICE [~COP]\n"
    "SOLDIER [~MIL]\n"
    "MP [~LEG]\n";

static const char *const SMALL_TEXTS[] = {
    "The United States and the United Nations Security Council met the United Kingdom's "
    "foreign minister.",
    "Al \"The Weasel\" Gore and Al Gore and Al, Gore spoke; Kim Jong-un and Kim Jong Un too.",
    "PLA PLAN PLAS MAN MANY MANS MANPOWER Afghans Afghanistan's AFGHANISTANI Russians Russ "
    "Ru Rus",
    "Ministries, ministers, militants and soldiers of the main opposition group attacked "
    "police in the West Bank; Hamas-led peace talks, new attacks.",
    "anti- United-States US-led UNITED-STATES- - -- a-b-c-d Security-Council-",
    "EU EUs EU's EU-led EUS EUROPE UK UK's UKRAINE UKs U-K East Timor EAST-TIMOR MPs MP's "
    "MPLA E EA EAS EAST",
    /* a hyphen in each of the first four bytes (the root filter reads them at once) */
    "RUS-led PLA-backed MAN-made UK-based EUS-x E-U RU-S MP-s MPS-x RUSS-x AFGH-an",
};

static void test_small_dictionary(void)
{
    actd *raw = NULL, *fin = NULL;
    CHECK_INT(load_pair(&raw, &fin, SMALL_ACTORS, strlen(SMALL_ACTORS), SMALL_AGENTS,
                        strlen(SMALL_AGENTS)),
              0);
    text_tokenizer tk;
    tok_init(&tk);
    size_t hits = 0;
    for (size_t s = 0; s < sizeof SMALL_TEXTS / sizeof SMALL_TEXTS[0]; s++) {
        CHECK_INT(tok_run(&tk, SMALL_TEXTS[s], strlen(SMALL_TEXTS[s])), 0);
        mark_possessives(tk.toks.v, tk.toks.n);
        hits += compare_actors(raw, fin, tk.toks.v, tk.toks.n);
    }
    CHECK(hits >= 15);
    /* with other gap and stem settings too */
    actd_set_max_gap(raw, 0);
    actd_set_max_gap(fin, 0);
    actd_set_min_stem(raw, 1);
    actd_set_min_stem(fin, 1);
    for (size_t s = 0; s < sizeof SMALL_TEXTS / sizeof SMALL_TEXTS[0]; s++) {
        CHECK_INT(tok_run(&tk, SMALL_TEXTS[s], strlen(SMALL_TEXTS[s])), 0);
        compare_actors(raw, fin, tk.toks.v, tk.toks.n);
    }
    tok_free(&tk);
    actd_free(raw);
    actd_free(fin);
}

/* Read shared/data/phoenix/NAME (caller frees); NULL if unreadable. */
static char *read_phoenix(const char *shared, const char *name, size_t *len)
{
    dy_buf path;
    buf_init(&path);
    char *data = NULL;
    if (buf_puts(&path, shared) || buf_puts(&path, "/phoenix/") || buf_puts(&path, name) ||
        file_read_all(path.s, &data, len))
        data = NULL;
    buf_free(&path);
    return data;
}

/* Concatenate Phoenix actor files into one buffer. */
static int read_phoenix_actors(const char *shared, dy_buf *out)
{
    static const char *const files[] = {"Phoenix.Countries.actors.txt",
                                        "Phoenix.International.actors.txt",
                                        "Phoenix.MilNonState.actors.txt"};
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        size_t len = 0;
        char *d = read_phoenix(shared, files[k], &len);
        if (!d)
            return -1;
        int rc = buf_append(out, d, len) || buf_putc(out, '\n');
        free(d);
        if (rc)
            return -1;
    }
    return 0;
}

static void test_phoenix_over_voa(const char *shared)
{
    dy_buf actors;
    buf_init(&actors);
    size_t glen = 0, vlen = 0, slen = 0;
    char *agents = read_phoenix(shared, "Phoenix.agents.txt", &glen);
    char *verbs = read_phoenix(shared, "CAMEO.verbpatterns.150430.txt", &vlen);
    dy_buf path;
    buf_init(&path);
    char *stories = NULL;
    if (!buf_puts(&path, shared) && !buf_puts(&path, "/voa/voa_stories.jsonl"))
        file_read_all(path.s, &stories, &slen);
    buf_free(&path);
    if (read_phoenix_actors(shared, &actors) || !agents || !verbs || !stories) {
        CHECK_SKIP("Phoenix dictionaries or VOA stories unreadable under ../shared/data");
        goto out;
    }
    actd *raw = NULL, *fin = NULL;
    CHECK_INT(load_pair(&raw, &fin, actors.s, actors.len, agents, glen), 0);
    verbd *v1 = verbd_new(), *v2 = verbd_new();
    CHECK(v1 && v2);
    if (!raw || !fin || !v1 || !v2) {
        actd_free(raw);
        actd_free(fin);
        verbd_free(v1);
        verbd_free(v2);
        goto out;
    }
    CHECK_INT(verbd_load_mem(v1, "verbs", verbs, vlen, quiet_diag, NULL), 0);
    CHECK_INT(verbd_load_mem(v2, "verbs", verbs, vlen, quiet_diag, NULL), 0);
    CHECK_INT(verbd_finish(v2), 0);
    text_tokenizer tk;
    tok_init(&tk);
    size_t hits = 0, verbs_found = 0, lines = 0, patterns_matched = 0;
    int verb_differs = 0, pattern_differs = 0, window_differs = 0;
    size_t window_matched = 0;
    static text_tok window[402];
    /* each line (a story with its JSON fields) is tokenised as one long sentence */
    for (const char *p = stories; p < stories + slen && lines < 40; lines++) {
        const char *nl = memchr(p, '\n', (size_t)(stories + slen - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(stories + slen - p);
        if (tok_run(&tk, p, len) != 0) {
            CHECK(0);
            break;
        }
        mark_possessives(tk.toks.v, tk.toks.n);
        hits += compare_actors(raw, fin, tk.toks.v, tk.toks.n);
        for (size_t i = 0; i < tk.toks.n; i++) {
            size_t n1 = 0, n2 = 0;
            const verbd_verb *a = verbd_find(v1, tk.toks.v, tk.toks.n, i, &n1);
            const verbd_verb *b = verbd_find(v2, tk.toks.v, tk.toks.n, i, &n2);
            if ((a != NULL) != (b != NULL) || (a && (n1 != n2 ||
                                                     strcmp(verbd_verb_name(a), verbd_verb_name(b)) ||
                                                     strcmp(verbd_verb_code(a), verbd_verb_code(b)))))
                verb_differs = 1;
            verbs_found += a != NULL;
            /* the pattern pre-check from the precomputed keys (pat_keys), and worked out
             * from the elements (the keys dropped), over the whole line */
            if (b && i + (n2 ? n2 : 1) <= tk.toks.n) {
                verbd_result r1, r2;
                size_t ve = i + (n2 ? n2 : 1);
                verbd_match(v2, b, tk.toks.v, 0, tk.toks.n, i, ve, NULL, 0, &r1, NULL, NULL);
                size_t nkeys = v2->pat_keys_first.n;
                v2->pat_keys_first.n = 0;
                verbd_match(v2, b, tk.toks.v, 0, tk.toks.n, i, ve, NULL, 0, &r2, NULL, NULL);
                v2->pat_keys_first.n = nkeys;
                if (strcmp(r1.code, r2.code) || r1.pattern != r2.pattern ||
                    r1.span_start != r2.span_start || r1.span_end != r2.span_end)
                    pattern_differs = 1;
                patterns_matched += r1.pattern != NULL;
                /* a window of at most 201 tokens around the verb, where verbd_match reads
                 * the tokens' first bytes from its own array, and the same window followed
                 * by 100 tokens with an empty form (matched by no word), past the array's
                 * room, where it reads the tokens themselves */
                size_t wlo = i > 100 ? i - 100 : 0;
                size_t whi = ve + 100 < tk.toks.n ? ve + 100 : tk.toks.n;
                size_t wn = whi - wlo;
                if (wn + 100 > sizeof window / sizeof window[0])
                    continue;
                for (size_t q = 0; q < wn + 100; q++) {
                    text_tok empty = {"", 0, 0, 0, TOK_WORD, 0};
                    window[q] = q < wn ? tk.toks.v[wlo + q] : empty;
                }
                verbd_match(v2, b, window, 0, wn, i - wlo, ve - wlo, NULL, 0, &r1, NULL, NULL);
                verbd_match(v2, b, window, 0, wn + 100, i - wlo, ve - wlo, NULL, 0, &r2, NULL,
                            NULL);
                if (strcmp(r1.code, r2.code) || r1.pattern != r2.pattern ||
                    r1.span_start != r2.span_start || r1.span_end != r2.span_end)
                    window_differs = 1;
                window_matched += r1.pattern != NULL;
            }
        }
        p = nl ? nl + 1 : stories + slen;
    }
    CHECK(!verb_differs);
    CHECK(!pattern_differs);
    CHECK(patterns_matched > 10);
    CHECK(!window_differs);
    CHECK(window_matched > 10);
    CHECK(hits > 100);
    CHECK(verbs_found > 100);
    tok_free(&tk);
    actd_free(raw);
    actd_free(fin);
    verbd_free(v1);
    verbd_free(v2);
out:
    buf_free(&actors);
    free(agents);
    free(verbs);
    free(stories);
}

/* Discard and issue tables with a few hundred exact keys (so the exact-key filter of
 * verbd_finish has real work), with some stems or none (then verbd_discard skips the tokens
 * the filter rules out without visiting the table): the finished dictionary answers like
 * the unfinished one, on the keys themselves and on near misses; a key added after
 * verbd_finish is still found (the filter is dropped, not left stale). */
static void test_verb_table_filters(int with_stems)
{
    static const char *const words[] = {"ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO",
                                        "FOXTROT", "GOLF", "HOTEL", "INDIA", "JULIET"};
    const size_t nw = sizeof words / sizeof words[0];
    dy_buf disc, sent;
    buf_init(&disc);
    buf_init(&sent);
    int ok = 1;
    /* 200 two-word discard phrases "ALPHA0 ALPHA_" ... (exact first words: the digits make
     * every key distinct), a story discard and a stem phrase */
    for (size_t k = 0; k < 200 && ok; k++)
        ok = !buf_printf(&disc, "%s%zu %s_\n", words[k % nw], k, words[(k / nw) % nw]);
    if (with_stems)
        ok = ok && !buf_puts(&disc, "+TYPHOON\nWORLD CUP\nX\n");
    else /* exact keys of one and two bytes (the filter reads two bytes at each end) */
        ok = ok && !buf_puts(&disc, "Q_\nQZ_\n");
    verbd *v1 = verbd_new(), *v2 = verbd_new();
    CHECK(ok && v1 && v2);
    if (!ok || !v1 || !v2)
        goto out;
    CHECK_INT(verbd_load_discards_mem(v1, "d", disc.s, disc.len, quiet_diag, NULL), 0);
    CHECK_INT(verbd_load_discards_mem(v2, "d", disc.s, disc.len, quiet_diag, NULL), 0);
    CHECK_INT(verbd_finish(v2), 0);
    text_tokenizer tk;
    tok_init(&tk);
    size_t found = 0, differs = 0, tried = 0;
    for (size_t k = 0; k < 240; k++) {
        for (int variant = 0; variant < 4; variant++) {
            buf_clear(&sent);
            const char *a = words[k % nw], *b = words[(k / nw) % nw];
            int rc = 0;
            switch (variant) {
            case 0: rc = buf_printf(&sent, "Then %s%zu %s happened", a, k, b); break;
            case 1: rc = buf_printf(&sent, "Then %s%zu %sS happened", a, k, b); break;
            case 2: rc = buf_printf(&sent, "Then %s%zuX %s happened", a, k, b); break;
            default: rc = buf_printf(&sent, "A typhoon and the %s%zu world cup", a, k); break;
            }
            if (rc || tok_run(&tk, sent.s, sent.len)) {
                CHECK(0);
                goto done;
            }
            const char *d1 = verbd_discard(v1, tk.toks.v, tk.toks.n);
            const char *d2 = verbd_discard(v2, tk.toks.v, tk.toks.n);
            tried++;
            found += d1 != NULL;
            if ((d1 != NULL) != (d2 != NULL) || (d1 && strcmp(d1, d2)))
                differs++;
        }
    }
    CHECK_INT((long)differs, 0);
    CHECK(found >= 200 && found < tried); /* hits and misses both exercised */
    if (!with_stems) {
        static const char *const short_keys[] = {"A Q here", "the QZ there", "a QZ", "Q"};
        static const char *const near_misses[] = {"A QQ here", "the ZQ there", "QZZ", "Z"};
        for (size_t k = 0; k < 4; k++) {
            CHECK_INT(tok_run(&tk, short_keys[k], strlen(short_keys[k])), 0);
            CHECK(verbd_discard(v1, tk.toks.v, tk.toks.n) != NULL);
            CHECK(verbd_discard(v2, tk.toks.v, tk.toks.n) != NULL);
            CHECK_INT(tok_run(&tk, near_misses[k], strlen(near_misses[k])), 0);
            CHECK(verbd_discard(v1, tk.toks.v, tk.toks.n) == NULL);
            CHECK(verbd_discard(v2, tk.toks.v, tk.toks.n) == NULL);
        }
    }
    /* a key added after verbd_finish */
    CHECK_INT(verbd_load_discards_mem(v2, "late", "ZEBRA_\n", 7, quiet_diag, NULL), 0);
    CHECK_INT(tok_run(&tk, "A zebra ran", 11), 0);
    CHECK(verbd_discard(v2, tk.toks.v, tk.toks.n) != NULL);
done:
    tok_free(&tk);
out:
    verbd_free(v1);
    verbd_free(v2);
    buf_free(&disc);
    buf_free(&sent);
}

int main(void)
{
    test_small_dictionary();
    test_verb_table_filters(1);
    test_verb_table_filters(0);
    const char *shared = check_shared_data();
    if (shared)
        test_phoenix_over_voa(shared);
    else
        CHECK_SKIP("../shared/data absent: Phoenix-over-VOA comparison not run");
    return check_summary();
}
