/*
 * test_store.c - unit tests of the event store (store/): MinHash similarity, schema and
 * version check, batches and rollback, replacement of re-coded stories, the three
 * de-duplication rules, series periods and filters, top dyads and changes, and stories
 * coded by the library going straight into a store.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../store/store.h"
#include "check.h"

static const char wire[] =
    "Iranian Foreign Minister Abbas Araghchi met Iraqi Prime Minister Mohammed Shia "
    "al-Sudani in Baghdad on Tuesday to discuss border security, trade and the return of "
    "pilgrims, officials said. The two sides agreed to expand cooperation against drug "
    "smuggling along their long shared frontier and to hold further talks next month in "
    "Tehran. Sudani praised Iran for its support in the fight against Islamic State.";
/* the same wire story as a second outlet printed it: a few words changed */
static const char reprint[] =
    "Iranian Foreign Minister Abbas Araghchi met Iraqi Prime Minister Mohammed Shia "
    "al-Sudani in Baghdad on Tuesday to discuss border security, trade and the return of "
    "pilgrims, officials said on Wednesday. The two sides agreed to expand cooperation against "
    "drug smuggling along their long shared border and to hold further talks next month in "
    "Tehran. Sudani thanked Iran for its support in the fight against Islamic State.";
static const char other[] =
    "Russian forces attacked the Ukrainian city of Kharkiv overnight with drones and "
    "missiles, regional officials said, and President Volodymyr Zelensky urged Western "
    "allies to send more air defence systems before the winter.";

static void test_minhash(void)
{
    uint64_t a[STORE_MINHASH_K], b[STORE_MINHASH_K], c[STORE_MINHASH_K], d[STORE_MINHASH_K];
    dedup_minhash(wire, strlen(wire), a);
    dedup_minhash(reprint, strlen(reprint), b);
    dedup_minhash(other, strlen(other), c);
    CHECK(dedup_similarity(a, a) == 1.0);
    double near = dedup_similarity(a, b), far = dedup_similarity(a, c);
    CHECK(near >= 0.5);
    CHECK(near < 1.0);
    CHECK(far < 0.1);
    /* case and punctuation do not matter: words are lowercased runs of letters/digits */
    static const char upper[] = "IRANIAN foreign minister, Abbas -- ARAGHCHI met";
    static const char lower[] = "iranian foreign minister abbas araghchi met";
    dedup_minhash(upper, strlen(upper), c);
    dedup_minhash(lower, strlen(lower), d);
    CHECK(dedup_similarity(c, d) == 1.0);
    /* empty text: no shingles */
    dedup_minhash("  ,. ", 5, d);
    CHECK(d[0] == UINT64_MAX && d[STORE_MINHASH_K - 1] == UINT64_MAX);
    /* a short text is one shingle: not empty */
    dedup_minhash("Iran Iraq", 9, d);
    CHECK(d[0] != UINT64_MAX);
    /* identical signatures share every band; different texts (almost) none */
    int same_bands = 0;
    for (int band = 0; band < STORE_LSH_BANDS; band++)
        same_bands += dedup_band_key(a, band) == dedup_band_key(b, band);
    CHECK(same_bands > 0);
    CHECK(dedup_band_key(a, 0) != dedup_band_key(a, 1));
    CHECK(dedup_text_hash("abc", 3) != dedup_text_hash("abd", 3));
}

/* ------------------------------------------------------------------ store fixtures */

static char *db_path;

/* Remove the store's WAL and shared-memory files. */
static void remove_side_files(void)
{
    size_t n = strlen(db_path) + 8;
    char *side = malloc(n);
    if (!side)
        return;
    snprintf(side, n, "%s-wal", db_path);
    unlink(side);
    snprintf(side, n, "%s-shm", db_path);
    unlink(side);
    free(side);
}
static int diag_errors;

static void count_diag(void *ud, const dy_diag *d)
{
    (void)ud;
    if (d->severity == DY_ERROR) {
        diag_errors++;
        fprintf(stderr, "  (diag) %s\n", d->msg);
    }
}

static store *open_store(void)
{
    store_opts o = {count_diag, NULL, 0, 0, 0};
    store *s = NULL;
    dy_status st = store_open(db_path, &o, &s);
    CHECK_INT(st, DY_OK);
    return s;
}

static dy_story mk_story(const char *id, int32_t date, const char *text)
{
    dy_story s;
    memset(&s, 0, sizeof s);
    s.id = id;
    s.date = date;
    s.text = text;
    s.text_len = strlen(text);
    return s;
}

static dy_event mk_event(int32_t date, const char *src, const char *tgt, const char *code,
                         int quad, double goldstein)
{
    dy_event e;
    memset(&e, 0, sizeof e);
    e.sent = 1;
    e.date = date;
    e.source = src;
    e.target = tgt;
    e.code = code;
    e.root = (code[0] - '0') * 10 + (code[1] - '0');
    e.quad = quad;
    e.goldstein = goldstein;
    e.sentence = "A sentence.";
    e.source_text = e.target_text = e.verb_text = "";
    e.source_start = e.source_end = e.target_start = e.target_end = -1;
    e.verb_start = e.verb_end = -1;
    return e;
}

typedef struct series_acc {
    int rows;
    char labels[8][16];
    long long events[8], quad[8][5];
    double gsum[8], gmean[8];
} series_acc;

static int acc_row(void *ud, const store_series_row *r)
{
    series_acc *a = ud;
    if (a->rows < 8) {
        memcpy(a->labels[a->rows], r->label, sizeof r->label);
        a->events[a->rows] = r->events;
        memcpy(a->quad[a->rows], r->quad, sizeof r->quad);
        a->gsum[a->rows] = r->goldstein_sum;
        a->gmean[a->rows] = r->goldstein_mean;
    }
    a->rows++;
    return 0;
}

/* Total events a series query counts. */
static long long series_total(store *s, const store_filter *f)
{
    series_acc a;
    memset(&a, 0, sizeof a);
    if (store_series(s, f, STORE_BY_MONTH, acc_row, &a) != DY_OK)
        return -1;
    long long n = 0;
    for (int i = 0; i < a.rows && i < 8; i++)
        n += a.events[i];
    return n;
}

static long long info_events(store *s)
{
    store_info in;
    if (store_get_info(s, &in) != DY_OK)
        return -1;
    return in.events;
}

/* Batches, replacement and rollback. */
static void test_write(void)
{
    store *s = open_store();
    if (!s)
        return;
    store_info in;
    CHECK_INT(store_get_info(s, &in), DY_OK);
    CHECK_INT(in.schema_version, STORE_SCHEMA_VERSION);
    CHECK_INT(in.stories, 0);
    CHECK(in.integrity_ok);

    /* adding outside a batch is refused */
    dy_story st1 = mk_story("s1", 20240103, wire);
    CHECK_INT(store_add_story(s, &st1, "v1", 3), DY_EINVAL);

    CHECK_INT(store_begin_batch(s), DY_OK);
    CHECK_INT(store_begin_batch(s), DY_EINVAL);
    dy_event e = mk_event(20240103, "IRNGOV", "IRQGOV", "040", 1, 1.0);
    CHECK_INT(store_add_event(s, &e), DY_EINVAL); /* no story yet */
    CHECK_INT(store_add_story(s, &st1, "v1", 3), DY_OK);
    CHECK_INT(store_add_event(s, &e), DY_OK);
    e = mk_event(20240103, "IRQGOV", "IRNGOV", "051", 1, 3.5);
    e.sent = 2;
    CHECK_INT(store_add_event(s, &e), DY_OK);
    CHECK_INT(store_commit(s), DY_OK);
    CHECK_INT(info_events(s), 2);
    store_close(s);

    /* a new session re-codes s1 with one event: replaced, not added */
    s = open_store();
    if (!s)
        return;
    CHECK_INT(store_begin_batch(s), DY_OK);
    CHECK_INT(store_add_story(s, &st1, "v1", 3), DY_OK);
    e = mk_event(20240103, "IRNGOV", "IRQGOV", "040", 1, 1.0);
    CHECK_INT(store_add_event(s, &e), DY_OK);
    /* the same story id again in the same session appends */
    CHECK_INT(store_add_story(s, &st1, "v1", 3), DY_OK);
    e = mk_event(20240104, "IRNGOV", "IRQ", "043", 1, 2.8);
    CHECK_INT(store_add_event(s, &e), DY_OK);
    CHECK_INT(store_commit(s), DY_OK);
    CHECK_INT(info_events(s), 2);
    CHECK_INT(store_get_info(s, &in), DY_OK);
    CHECK_INT(in.stories, 1);
    CHECK_INT(in.sentences, 1);
    CHECK_INT(in.batches, 2);

    /* another dictionary version is a separate story */
    CHECK_INT(store_begin_batch(s), DY_OK);
    CHECK_INT(store_add_story(s, &st1, "v2", 3), DY_OK);
    CHECK_INT(store_add_event(s, &e), DY_OK);
    CHECK_INT(store_commit(s), DY_OK);
    CHECK_INT(store_get_info(s, &in), DY_OK);
    CHECK_INT(in.stories, 2);
    CHECK_INT(in.events, 3);

    /* an uncommitted batch leaves nothing behind (rollback, and close without commit) */
    dy_story st9 = mk_story("s9", 20240105, other);
    CHECK_INT(store_begin_batch(s), DY_OK);
    CHECK_INT(store_add_story(s, &st9, "v1", 1), DY_OK);
    CHECK_INT(store_add_event(s, &e), DY_OK);
    store_rollback(s);
    CHECK_INT(info_events(s), 3);
    CHECK_INT(store_begin_batch(s), DY_OK);
    CHECK_INT(store_add_story(s, &st9, "v1", 1), DY_OK);
    CHECK_INT(store_add_event(s, &e), DY_OK);
    store_close(s);
    s = open_store();
    if (!s)
        return;
    CHECK_INT(store_get_info(s, &in), DY_OK);
    CHECK_INT(in.stories, 2);
    CHECK_INT(in.events, 3);
    store_close(s);
}

/* Dedup rules, series, filters, top. */
static void test_queries(void)
{
    unlink(db_path);
    remove_side_files();
    store *s = open_store();
    if (!s)
        return;
    dy_story a = mk_story("a", 20240103, wire);     /* Wednesday 3 January 2024 */
    dy_story b = mk_story("b", 20240104, reprint);  /* the reprint, a day later */
    dy_story c = mk_story("c", 20240103, other);
    dy_story d = mk_story("d", 20240210, "Iraq and Iran signed a gas deal in February.");
    CHECK_INT(store_begin_batch(s), DY_OK);
    CHECK_INT(store_add_story(s, &a, "v", 3), DY_OK);
    dy_event e1 = mk_event(20240103, "IRNGOV", "IRQGOV", "040", 1, 1.0);
    dy_event e2 = mk_event(20240103, "IRQGOV", "IRNGOV", "051", 1, 3.5);
    CHECK_INT(store_add_event(s, &e1), DY_OK);
    CHECK_INT(store_add_event(s, &e2), DY_OK);
    CHECK_INT(store_add_story(s, &b, "v", 3), DY_OK);
    dy_event e1b = e1;
    e1b.date = 20240104;
    CHECK_INT(store_add_event(s, &e1b), DY_OK);
    CHECK_INT(store_add_story(s, &c, "v", 1), DY_OK);
    /* same date, dyad and code as e1, in an unrelated story: a daily duplicate */
    CHECK_INT(store_add_event(s, &e1), DY_OK);
    dy_event e3 = mk_event(20240103, "RUSMIL", "UKR", "190", 4, -10.0);
    CHECK_INT(store_add_event(s, &e3), DY_OK);
    CHECK_INT(store_commit(s), DY_OK);
    CHECK_INT(store_begin_batch(s), DY_OK);
    CHECK_INT(store_add_story(s, &d, "v", 1), DY_OK);
    dy_event e4 = mk_event(20240210, "IRQ", "IRN", "057", 2, 8.0);
    CHECK_INT(store_add_event(s, &e4), DY_OK);
    CHECK_INT(store_commit(s), DY_OK);

    store_info in;
    CHECK_INT(store_get_info(s, &in), DY_OK);
    CHECK_INT(in.stories, 4);
    CHECK_INT(in.clusters, 3); /* a and b together */

    store_filter f;
    memset(&f, 0, sizeof f);
    CHECK_INT(series_total(s, &f), 6);
    f.dedup = STORE_DEDUP_DAILY; /* e1 twice on 2024-01-03 counts once */
    CHECK_INT(series_total(s, &f), 5);
    f.dedup = STORE_DEDUP_STORY; /* e1 in a and its reprint b counts once */
    CHECK_INT(series_total(s, &f), 5);

    /* actor patterns */
    f.dedup = STORE_DEDUP_NONE;
    f.source = "IRN*";
    CHECK_INT(series_total(s, &f), 3);
    f.target = "IRQ*";
    CHECK_INT(series_total(s, &f), 3);
    f.source = "IRQ*";
    f.target = "IRN*";
    CHECK_INT(series_total(s, &f), 2);
    f.source = "IRQ";
    CHECK_INT(series_total(s, &f), 1);
    f.source = f.target = NULL;
    f.root = 19;
    CHECK_INT(series_total(s, &f), 1);
    f.root = 0;
    f.quad = 2;
    CHECK_INT(series_total(s, &f), 1);
    f.quad = 0;
    f.from = 20240104;
    f.to = 20240131;
    CHECK_INT(series_total(s, &f), 1);
    /* story dedup dates a cluster by its first report: nothing left from the 4th on */
    f.dedup = STORE_DEDUP_STORY;
    f.source = "IRNGOV";
    CHECK_INT(series_total(s, &f), 0);
    f.source = NULL;
    f.dedup = STORE_DEDUP_NONE;
    f.from = f.to = 0;
    /* an unknown dictionary version has no events */
    f.dict_version = "nope";
    CHECK_INT(series_total(s, &f), 0);
    f.dict_version = NULL;

    /* periods: weeks start on Monday */
    series_acc acc;
    memset(&acc, 0, sizeof acc);
    CHECK_INT(store_series(s, &f, STORE_BY_WEEK, acc_row, &acc), DY_OK);
    CHECK_INT(acc.rows, 2);
    CHECK_STR(acc.labels[0], "2024-01-01");
    CHECK_INT(acc.events[0], 5);
    CHECK_INT(acc.quad[0][1], 4);
    CHECK_INT(acc.quad[0][4], 1);
    CHECK(acc.gsum[0] > 1.0 + 3.5 + 1.0 + 1.0 - 10.0 - 0.001 &&
          acc.gsum[0] < 1.0 + 3.5 + 1.0 + 1.0 - 10.0 + 0.001);
    CHECK(acc.gmean[0] > -3.5 / 5 - 0.001 && acc.gmean[0] < -3.5 / 5 + 0.001);
    CHECK_STR(acc.labels[1], "2024-02-05");
    memset(&acc, 0, sizeof acc);
    CHECK_INT(store_series(s, &f, STORE_BY_DAY, acc_row, &acc), DY_OK);
    CHECK_INT(acc.rows, 3);
    CHECK_STR(acc.labels[1], "2024-01-04");
    memset(&acc, 0, sizeof acc);
    CHECK_INT(store_series(s, &f, STORE_BY_MONTH, acc_row, &acc), DY_OK);
    CHECK_INT(acc.rows, 2);
    CHECK_STR(acc.labels[0], "2024-01");
    CHECK_STR(acc.labels[1], "2024-02");
    store_close(s);
}

typedef struct top_acc {
    int rows;
    char first_src[32], first_tgt[32];
    long long first_events, first_vs, first_change;
} top_acc;

static int acc_top(void *ud, const store_top_row *r)
{
    top_acc *t = ud;
    if (t->rows++ == 0) {
        snprintf(t->first_src, sizeof t->first_src, "%s", r->source);
        snprintf(t->first_tgt, sizeof t->first_tgt, "%s", r->target);
        t->first_events = r->events;
        t->first_vs = r->vs_events;
        t->first_change = r->change;
    }
    return 0;
}

static void test_top(void)
{
    store_opts o = {count_diag, NULL, 0, 1, 0};
    store *s = NULL;
    CHECK_INT(store_open(db_path, &o, &s), DY_OK); /* read-only, the store of test_queries */
    if (!s)
        return;
    CHECK_INT(store_begin_batch(s), DY_EINVAL);
    store_filter f;
    memset(&f, 0, sizeof f);
    top_acc t;
    memset(&t, 0, sizeof t);
    CHECK_INT(store_top(s, &f, 0, 0, 10, acc_top, &t), DY_OK);
    CHECK_INT(t.rows, 4);
    CHECK_STR(t.first_src, "IRNGOV");
    CHECK_STR(t.first_tgt, "IRQGOV");
    CHECK_INT(t.first_events, 3);
    memset(&t, 0, sizeof t);
    CHECK_INT(store_top(s, &f, 0, 0, 2, acc_top, &t), DY_OK);
    CHECK_INT(t.rows, 2);
    /* February against January: IRNGOV->IRQGOV lost 3, the largest change */
    memset(&t, 0, sizeof t);
    f.from = 20240201;
    f.to = 20240229;
    CHECK_INT(store_top(s, &f, 20240101, 20240131, 10, acc_top, &t), DY_OK);
    CHECK_INT(t.rows, 4);
    CHECK_STR(t.first_src, "IRNGOV");
    CHECK_INT(t.first_events, 0);
    CHECK_INT(t.first_vs, 3);
    CHECK_INT(t.first_change, -3);
    store_close(s);
}

static void test_version_check(void)
{
    sqlite3 *db = NULL;
    CHECK_INT(sqlite3_open(db_path, &db), SQLITE_OK);
    CHECK_INT(sqlite3_exec(db, "UPDATE meta SET value = '99' WHERE key = 'schema_version'",
                           NULL, NULL, NULL),
              SQLITE_OK);
    sqlite3_close(db);
    store_opts o = {count_diag, NULL, 0, 0, 0};
    store *s = NULL;
    int before = diag_errors;
    CHECK_INT(store_open(db_path, &o, &s), DY_EFORMAT);
    CHECK(s == NULL);
    CHECK(diag_errors > before);
    /* not a database at all */
    remove_side_files();
    FILE *f = fopen(db_path, "wb");
    if (f) {
        fputs("this is not an SQLite file, just text that is long enough to look at.....\n"
              "............................................................................\n",
              f);
        fclose(f);
    }
    CHECK(store_open(db_path, &o, &s) != DY_OK);
    CHECK(s == NULL);
}

/* Stories coded by the library go into a store with all their events. */
static void test_coded(void)
{
    unlink(db_path);
    remove_side_files();
    dy_dict *d = NULL;
    if (dy_dict_load_builtin(NULL, &d) != DY_OK || !d) {
        CHECK_SKIP("built-in dictionaries did not load");
        return;
    }
    dy_coder *c = dy_coder_new(d, NULL);
    store *s = open_store();
    if (!c || !s) {
        CHECK(0);
        dy_coder_free(c);
        dy_dict_free(d);
        store_close(s);
        return;
    }
    const char *texts[] = {wire, reprint, other};
    const char *ids[] = {"w1", "w2", "o1"};
    long long coded = 0;
    CHECK_INT(store_begin_batch(s), DY_OK);
    for (int i = 0; i < 3; i++) {
        dy_story st = mk_story(ids[i], 20240301 + i, texts[i]);
        CHECK_INT(dy_coder_feed(c, &st), DY_OK);
        CHECK_INT(store_add_story(s, &st, NULL, dy_coder_sentence_count(c)), DY_OK);
        const dy_event *ev;
        while ((ev = dy_coder_next_event(c))) {
            CHECK_INT(store_add_event(s, ev), DY_OK);
            coded++;
        }
    }
    CHECK_INT(store_commit(s), DY_OK);
    CHECK(coded > 0);
    CHECK_INT(info_events(s), coded);
    store_info in;
    CHECK_INT(store_get_info(s, &in), DY_OK);
    CHECK_INT(in.stories, 3);
    CHECK_INT(in.clusters, 2);
    store_filter f;
    memset(&f, 0, sizeof f);
    CHECK_INT(series_total(s, &f), coded);
    f.dict_version = "builtin"; /* NULL version is stored as "builtin" */
    CHECK_INT(series_total(s, &f), coded);
    f.dedup = STORE_DEDUP_STORY;
    CHECK(series_total(s, &f) < coded);
    store_close(s);
    dy_coder_free(c);
    dy_dict_free(d);
}

int main(void)
{
    test_minhash();
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    size_t n = strlen(tmp) + 64;
    if (!(db_path = malloc(n)))
        return 2;
    snprintf(db_path, n, "%s/dyad-test-store-%ld.sqlite", tmp, (long)getpid());
    unlink(db_path);
    test_write();
    test_queries();
    test_top();
    test_version_check();
    test_coded();
    unlink(db_path);
    remove_side_files();
    free(db_path);
    return check_summary();
}
