/*
 * store.c - the embedded event store on SQLite: opening and creating the schema
 * (docs/STORE.md), writing stories, sentences and events in one transaction per batch,
 * replacing re-coded stories, and clustering near-duplicate stories as they arrive
 * (signatures from dedup.c, candidates from the LSH band table).
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "util/util.h"

/* ------------------------------------------------------------------ schema */

/* Layout (version 1); docs/STORE.md documents every column. */
static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS batches(\n"
    "  id INTEGER PRIMARY KEY, started TEXT NOT NULL, committed TEXT,\n"
    "  stories INTEGER NOT NULL DEFAULT 0, events INTEGER NOT NULL DEFAULT 0);\n"
    "CREATE TABLE IF NOT EXISTS stories(\n"
    "  id INTEGER PRIMARY KEY, doc TEXT NOT NULL, dict_version TEXT NOT NULL,\n"
    "  date INTEGER NOT NULL, title TEXT, source TEXT, url TEXT,\n"
    "  text_hash TEXT NOT NULL, text_len INTEGER NOT NULL, n_sentences INTEGER,\n"
    "  minhash BLOB, cluster INTEGER NOT NULL, batch INTEGER NOT NULL,\n"
    "  UNIQUE(doc, dict_version));\n"
    "CREATE INDEX IF NOT EXISTS stories_cluster ON stories(cluster);\n"
    "CREATE TABLE IF NOT EXISTS sentences(\n"
    "  story INTEGER NOT NULL REFERENCES stories(id), sent INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL, PRIMARY KEY(story, sent)) WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS events(\n"
    "  id INTEGER PRIMARY KEY, story INTEGER NOT NULL REFERENCES stories(id),\n"
    "  sent INTEGER NOT NULL, date INTEGER NOT NULL,\n"
    "  source TEXT NOT NULL, target TEXT NOT NULL, code TEXT NOT NULL,\n"
    "  root INTEGER NOT NULL, quad INTEGER NOT NULL, goldstein REAL NOT NULL,\n"
    "  source_text TEXT, target_text TEXT, verb_text TEXT,\n"
    "  source_start INTEGER, source_end INTEGER, target_start INTEGER,\n"
    "  target_end INTEGER, verb_start INTEGER, verb_end INTEGER, issues TEXT);\n"
    "CREATE INDEX IF NOT EXISTS events_story ON events(story);\n"
    "CREATE INDEX IF NOT EXISTS events_dyad ON events(source, target, date);\n"
    "CREATE INDEX IF NOT EXISTS events_date ON events(date);\n"
    "CREATE TABLE IF NOT EXISTS lsh(\n"
    "  band INTEGER NOT NULL, bucket INTEGER NOT NULL, story INTEGER NOT NULL,\n"
    "  PRIMARY KEY(band, bucket, story)) WITHOUT ROWID;\n"
    "CREATE INDEX IF NOT EXISTS lsh_story ON lsh(story);\n"
    "CREATE VIEW IF NOT EXISTS daily_events AS\n"
    "  SELECT s.dict_version, e.date, e.source, e.target, e.code, COUNT(*) AS n,\n"
    "         group_concat(DISTINCT s.doc) AS stories\n"
    "  FROM events e JOIN stories s ON s.id = e.story\n"
    "  GROUP BY s.dict_version, e.date, e.source, e.target, e.code;\n"
    "CREATE VIEW IF NOT EXISTS cluster_events AS\n"
    "  SELECT s.dict_version, s.cluster, MIN(e.date) AS date, e.source, e.target, e.code,\n"
    "         COUNT(*) AS n, group_concat(DISTINCT s.doc) AS stories\n"
    "  FROM events e JOIN stories s ON s.id = e.story\n"
    "  GROUP BY s.dict_version, s.cluster, e.source, e.target, e.code;\n"
    "INSERT OR IGNORE INTO meta(key, value) VALUES('schema_version', '1');\n"
    "INSERT OR IGNORE INTO meta(key, value) VALUES('created', datetime('now'));\n";

/* The statements of the write path, prepared once. */
enum {
    Q_FIND_STORY,
    Q_INSERT_STORY,
    Q_UPDATE_STORY,
    Q_DEL_EVENTS,
    Q_DEL_SENTENCES,
    Q_DEL_LSH,
    Q_INS_LSH,
    Q_CANDIDATES,
    Q_SET_CLUSTER,
    Q_MERGE_CLUSTER,
    Q_INS_SENTENCE,
    Q_INS_EVENT,
    Q_IS_REPLACED,
    Q_MARK_REPLACED,
    Q_COUNT
};

static const char *const write_sql[Q_COUNT] = {
    [Q_FIND_STORY] = "SELECT id, cluster, text_hash FROM stories WHERE doc = ?1 AND dict_version = ?2",
    [Q_INSERT_STORY] =
        "INSERT INTO stories(doc, dict_version, date, title, source, url, text_hash, text_len,"
        " n_sentences, minhash, cluster, batch) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,0,?11)",
    [Q_UPDATE_STORY] =
        "UPDATE stories SET date=?3, title=?4, source=?5, url=?6, text_hash=?7, text_len=?8,"
        " n_sentences=?9, minhash=?10, batch=?11 WHERE doc=?1 AND dict_version=?2",
    [Q_DEL_EVENTS] = "DELETE FROM events WHERE story = ?1",
    [Q_DEL_SENTENCES] = "DELETE FROM sentences WHERE story = ?1",
    [Q_DEL_LSH] = "DELETE FROM lsh WHERE story = ?1",
    [Q_INS_LSH] = "INSERT OR IGNORE INTO lsh(band, bucket, story) VALUES(?1, ?2, ?3)",
    /* a few stories sharing the bucket: many copies of one story make big buckets */
    [Q_CANDIDATES] = "SELECT s.id, s.cluster, s.minhash FROM lsh l JOIN stories s"
                     " ON s.id = l.story WHERE l.band = ?1 AND l.bucket = ?2"
                     " AND l.story <> ?3 AND s.dict_version = ?4 LIMIT 16",
    [Q_SET_CLUSTER] = "UPDATE stories SET cluster = ?2 WHERE id = ?1",
    [Q_MERGE_CLUSTER] = "UPDATE stories SET cluster = ?2 WHERE cluster = ?1",
    [Q_INS_SENTENCE] = "INSERT OR IGNORE INTO sentences(story, sent, text) VALUES(?1, ?2, ?3)",
    [Q_INS_EVENT] =
        "INSERT INTO events(story, sent, date, source, target, code, root, quad, goldstein,"
        " source_text, target_text, verb_text, source_start, source_end, target_start,"
        " target_end, verb_start, verb_end, issues)"
        " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19)",
    [Q_IS_REPLACED] = "SELECT 1 FROM temp.session_replaced WHERE story = ?1",
    [Q_MARK_REPLACED] = "INSERT OR IGNORE INTO temp.session_replaced(story) VALUES(?1)",
};

struct store {
    sqlite3 *db;
    dy_diag_fn diag;
    void *diag_ud;
    double dup_threshold;
    int read_only;
    sqlite3_stmt *q[Q_COUNT];
    int in_batch;
    sqlite3_int64 batch_id;
    sqlite3_int64 cur_story; /* 0: none in this batch */
    long long batch_stories, batch_events;
    char *last_version;      /* dictionary version of the last story added in the batch */
};

/* ------------------------------------------------------------------ helpers */

void store_fail(store *s, dy_status code, const char *what)
{
    if (!s)
        return;
    diag_emit(s->diag, s->diag_ud, DY_ERROR, code, NULL, 0, NULL, -1, "store: %s: %s", what,
              s->db ? sqlite3_errmsg(s->db) : "cannot open");
}

sqlite3 *store_db(store *s) { return s->db; }

/* A status for an SQLite result code. */
static dy_status status_of(int rc)
{
    switch (rc) {
    case SQLITE_NOMEM: return DY_ENOMEM;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT: return DY_EFORMAT;
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return DY_EIO;
    default: return DY_EIO;
    }
}

static dy_status exec(store *s, const char *sql, const char *what)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        dy_status st = status_of(rc);
        store_fail(s, st, what);
        return st;
    }
    return DY_OK;
}

/* The prepared, reset statement `which` of the write path; NULL on failure (reported). */
static sqlite3_stmt *stmt(store *s, int which)
{
    if (!s->q[which]) {
        if (sqlite3_prepare_v2(s->db, write_sql[which], -1, &s->q[which], NULL) != SQLITE_OK) {
            store_fail(s, DY_EIO, "preparing a statement");
            return NULL;
        }
    } else {
        sqlite3_reset(s->q[which]);
        sqlite3_clear_bindings(s->q[which]);
    }
    return s->q[which];
}

/* Step a statement that returns no row; DY_OK or the failure (reported). */
static dy_status step_done(store *s, sqlite3_stmt *q, const char *what)
{
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        dy_status st = status_of(rc);
        store_fail(s, st, what);
        return st;
    }
    return DY_OK;
}

static void bind_text_or_null(sqlite3_stmt *q, int i, const char *t)
{
    if (t)
        sqlite3_bind_text(q, i, t, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(q, i);
}

/* ------------------------------------------------------------------ open / close */

static dy_status check_version(store *s)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = 'schema_version'", -1, &q,
                           NULL) != SQLITE_OK) {
        store_fail(s, DY_EFORMAT, "not a dyad store (no meta table)");
        return DY_EFORMAT;
    }
    int version = -1;
    if (sqlite3_step(q) == SQLITE_ROW)
        version = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    if (version != STORE_SCHEMA_VERSION) {
        diag_emit(s->diag, s->diag_ud, DY_ERROR, DY_EFORMAT, NULL, 0, NULL, -1,
                  "store: schema version %d, this dyad reads version %d", version,
                  STORE_SCHEMA_VERSION);
        return DY_EFORMAT;
    }
    return DY_OK;
}

dy_status store_open(const char *path, const store_opts *opts, store **out)
{
    *out = NULL;
    dy_diag_fn diag = opts ? opts->diag : NULL;
    void *ud = opts ? opts->diag_ud : NULL;
    if (!path) {
        diag_emit(diag, ud, DY_ERROR, DY_EINVAL, NULL, 0, NULL, -1, "store: no file name");
        return DY_EINVAL;
    }
    store *s = calloc(1, sizeof *s);
    if (!s) {
        diag_emit(diag, ud, DY_ERROR, DY_ENOMEM, path, 0, NULL, -1, "store: out of memory");
        return DY_ENOMEM;
    }
    s->diag = diag;
    s->diag_ud = ud;
    s->read_only = opts && opts->read_only;
    s->dup_threshold = opts && opts->dup_threshold > 0 ? opts->dup_threshold : 0.5;
    int flags = s->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path, &s->db, flags, NULL);
    if (rc != SQLITE_OK) {
        diag_emit(diag, ud, DY_ERROR, DY_EIO, path, 0, NULL, -1, "store: cannot open: %s",
                  s->db ? sqlite3_errmsg(s->db) : "out of memory");
        store_close(s);
        return rc == SQLITE_NOMEM ? DY_ENOMEM : DY_EIO;
    }
    sqlite3_extended_result_codes(s->db, 0);
    int timeout = opts && opts->busy_timeout_ms > 0 ? opts->busy_timeout_ms : 10000;
    sqlite3_busy_timeout(s->db, timeout);
    dy_status st = DY_OK;
    if (!s->read_only) {
        /* WAL: readers never block the writer, and a killed writer's open transaction
         * is simply absent on the next open. */
        st = exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", path);
        if (st == DY_OK)
            st = exec(s, "BEGIN IMMEDIATE", path);
        if (st == DY_OK) {
            st = exec(s, schema_sql, "creating the schema");
            if (st == DY_OK)
                st = exec(s, "COMMIT", "creating the schema");
            else
                sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        }
        if (st == DY_OK)
            st = exec(s,
                      "CREATE TEMP TABLE IF NOT EXISTS session_replaced("
                      "story INTEGER PRIMARY KEY)",
                      path);
    }
    if (st == DY_OK)
        st = check_version(s);
    if (st != DY_OK) {
        store_close(s);
        return st;
    }
    *out = s;
    return DY_OK;
}

void store_close(store *s)
{
    if (!s)
        return;
    if (s->in_batch)
        store_rollback(s);
    for (int i = 0; i < Q_COUNT; i++)
        sqlite3_finalize(s->q[i]);
    sqlite3_close(s->db);
    free(s->last_version);
    free(s);
}

/* ------------------------------------------------------------------ batches */

dy_status store_begin_batch(store *s)
{
    if (!s || s->in_batch || s->read_only)
        return DY_EINVAL;
    dy_status st = exec(s, "BEGIN IMMEDIATE", "starting a batch");
    if (st != DY_OK)
        return st;
    st = exec(s, "INSERT INTO batches(started) VALUES(datetime('now'))", "starting a batch");
    if (st != DY_OK) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return st;
    }
    s->batch_id = sqlite3_last_insert_rowid(s->db);
    s->in_batch = 1;
    s->cur_story = 0;
    s->batch_stories = s->batch_events = 0;
    return DY_OK;
}

void store_rollback(store *s)
{
    if (!s || !s->in_batch)
        return;
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->in_batch = 0;
    s->cur_story = 0;
}

dy_status store_commit(store *s)
{
    if (!s || !s->in_batch)
        return DY_EINVAL;
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "UPDATE batches SET committed = datetime('now'), stories = ?1,"
                                " events = ?2 WHERE id = ?3",
                                -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(q, 1, s->batch_stories);
        sqlite3_bind_int64(q, 2, s->batch_events);
        sqlite3_bind_int64(q, 3, s->batch_id);
        rc = sqlite3_step(q) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    sqlite3_finalize(q);
    if (rc == SQLITE_OK && s->last_version) {
        rc = sqlite3_prepare_v2(s->db,
                                "INSERT OR REPLACE INTO meta(key, value)"
                                " VALUES('last_dict_version', ?1)",
                                -1, &q, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_text(q, 1, s->last_version, -1, SQLITE_STATIC);
            rc = sqlite3_step(q) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        }
        sqlite3_finalize(q);
    }
    if (rc != SQLITE_OK) {
        store_fail(s, DY_EIO, "committing a batch");
        store_rollback(s);
        return DY_EIO;
    }
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        store_fail(s, DY_EIO, "committing a batch");
        store_rollback(s);
        return DY_EIO;
    }
    s->in_batch = 0;
    s->cur_story = 0;
    return DY_OK;
}

/* ------------------------------------------------------------------ stories */

/* Put story `id` (signature sig) in a cluster: among the stories of the same dictionary
 * version sharing its first LSH bucket that holds a similar enough story (up to 16 looked
 * at), the smallest cluster; the other clusters found there are merged into that one
 * (single linkage).  Its own id when nothing matches. */
static dy_status assign_cluster(store *s, sqlite3_int64 id, const char *version,
                                const uint64_t *sig)
{
    sqlite3_int64 best = id;
    VEC(sqlite3_int64) linked = {0, 0, 0};
    dy_status st = DY_OK;
    /* the first band with a similar story decides (later bands would cost a bucket scan
     * each for what is, nearly always, the same cluster) */
    for (int band = 0; band < STORE_LSH_BANDS && st == DY_OK && linked.n == 0; band++) {
        sqlite3_stmt *q = stmt(s, Q_CANDIDATES);
        if (!q) {
            st = DY_EIO;
            break;
        }
        sqlite3_bind_int(q, 1, band);
        sqlite3_bind_int64(q, 2, dedup_band_key(sig, band));
        sqlite3_bind_int64(q, 3, id);
        sqlite3_bind_text(q, 4, version, -1, SQLITE_STATIC);
        int rc;
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
            sqlite3_int64 cluster = sqlite3_column_int64(q, 1);
            const void *blob = sqlite3_column_blob(q, 2);
            int bytes = sqlite3_column_bytes(q, 2);
            if (!blob || bytes != (int)(STORE_MINHASH_K * sizeof(uint64_t)))
                continue;
            uint64_t other[STORE_MINHASH_K];
            memcpy(other, blob, sizeof other);
            if (dedup_similarity(sig, other) < s->dup_threshold)
                continue;
            if (VEC_PUSH(&linked, cluster)) {
                st = DY_ENOMEM;
                store_fail(s, st, "clustering stories");
                break;
            }
            if (cluster < best)
                best = cluster;
        }
        if (st == DY_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
            st = status_of(rc);
            store_fail(s, st, "finding similar stories");
        }
        sqlite3_reset(q);
    }
    if (st == DY_OK) {
        sqlite3_stmt *q = stmt(s, Q_SET_CLUSTER);
        if (!q)
            st = DY_EIO;
        else {
            sqlite3_bind_int64(q, 1, id);
            sqlite3_bind_int64(q, 2, best);
            st = step_done(s, q, "clustering stories");
        }
    }
    for (size_t i = 0; i < linked.n && st == DY_OK; i++) {
        if (linked.v[i] == best)
            continue;
        sqlite3_stmt *q = stmt(s, Q_MERGE_CLUSTER);
        if (!q) {
            st = DY_EIO;
            break;
        }
        sqlite3_bind_int64(q, 1, linked.v[i]);
        sqlite3_bind_int64(q, 2, best);
        st = step_done(s, q, "merging story clusters");
    }
    VEC_FREE(&linked);
    return st;
}

static int sig_is_empty(const uint64_t *sig)
{
    for (int k = 0; k < STORE_MINHASH_K; k++)
        if (sig[k] != UINT64_MAX)
            return 0;
    return 1;
}

/* Delete the sentences, events and LSH rows of story id. */
static dy_status clear_story(store *s, sqlite3_int64 id)
{
    static const int which[] = {Q_DEL_EVENTS, Q_DEL_SENTENCES, Q_DEL_LSH};
    for (size_t i = 0; i < sizeof which / sizeof *which; i++) {
        sqlite3_stmt *q = stmt(s, which[i]);
        if (!q)
            return DY_EIO;
        sqlite3_bind_int64(q, 1, id);
        dy_status st = step_done(s, q, "replacing a story");
        if (st != DY_OK)
            return st;
    }
    return DY_OK;
}

dy_status store_add_story(store *s, const dy_story *story, const char *dict_version,
                          int n_sentences)
{
    if (!s || !story || !story->id || !s->in_batch)
        return DY_EINVAL;
    const char *version = dict_version ? dict_version : "builtin";
    if (!s->last_version || strcmp(s->last_version, version) != 0) {
        char *v = dy_strdup(version);
        if (!v) {
            store_fail(s, DY_ENOMEM, "adding a story");
            return DY_ENOMEM;
        }
        free(s->last_version);
        s->last_version = v;
    }
    const char *text = story->text ? story->text : "";
    size_t text_len = story->text ? story->text_len : 0;
    char hash_hex[17];
    snprintf(hash_hex, sizeof hash_hex, "%016llx",
             (unsigned long long)dedup_text_hash(text, text_len));

    /* already stored under this (id, version)? */
    sqlite3_stmt *q = stmt(s, Q_FIND_STORY);
    if (!q)
        return DY_EIO;
    sqlite3_bind_text(q, 1, story->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, version, -1, SQLITE_STATIC);
    sqlite3_int64 id = 0;
    int same_text = 0;
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        id = sqlite3_column_int64(q, 0);
        const unsigned char *old_hash = sqlite3_column_text(q, 2);
        same_text = old_hash && strcmp((const char *)old_hash, hash_hex) == 0;
    }
    sqlite3_reset(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        store_fail(s, status_of(rc), "looking up a story");
        return status_of(rc);
    }
    dy_status st;
    if (id) {
        /* replaced earlier in this session (the id seen twice in one run): append */
        q = stmt(s, Q_IS_REPLACED);
        if (!q)
            return DY_EIO;
        sqlite3_bind_int64(q, 1, id);
        rc = sqlite3_step(q);
        sqlite3_reset(q);
        if (rc == SQLITE_ROW) {
            s->cur_story = id;
            return DY_OK;
        }
        if ((st = clear_story(s, id)) != DY_OK)
            return st;
    }

    uint64_t sig[STORE_MINHASH_K];
    dedup_minhash(text, text_len, sig);
    q = stmt(s, id ? Q_UPDATE_STORY : Q_INSERT_STORY);
    if (!q)
        return DY_EIO;
    sqlite3_bind_text(q, 1, story->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, version, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 3, story->date);
    bind_text_or_null(q, 4, story->title);
    bind_text_or_null(q, 5, story->source);
    bind_text_or_null(q, 6, story->url);
    sqlite3_bind_text(q, 7, hash_hex, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 8, (sqlite3_int64)text_len);
    if (n_sentences >= 0)
        sqlite3_bind_int(q, 9, n_sentences);
    else
        sqlite3_bind_null(q, 9);
    sqlite3_bind_blob(q, 10, sig, (int)sizeof sig, SQLITE_STATIC);
    sqlite3_bind_int64(q, 11, s->batch_id);
    if ((st = step_done(s, q, "storing a story")) != DY_OK)
        return st;
    if (!id)
        id = sqlite3_last_insert_rowid(s->db);

    if (!sig_is_empty(sig)) {
        /* a re-coded story with unchanged text keeps its cluster */
        if (!same_text && (st = assign_cluster(s, id, version, sig)) != DY_OK)
            return st;
        for (int band = 0; band < STORE_LSH_BANDS; band++) {
            q = stmt(s, Q_INS_LSH);
            if (!q)
                return DY_EIO;
            sqlite3_bind_int(q, 1, band);
            sqlite3_bind_int64(q, 2, dedup_band_key(sig, band));
            sqlite3_bind_int64(q, 3, id);
            if ((st = step_done(s, q, "indexing a story")) != DY_OK)
                return st;
        }
    } else if (!same_text) {
        q = stmt(s, Q_SET_CLUSTER);
        if (!q)
            return DY_EIO;
        sqlite3_bind_int64(q, 1, id);
        sqlite3_bind_int64(q, 2, id);
        if ((st = step_done(s, q, "storing a story")) != DY_OK)
            return st;
    }
    q = stmt(s, Q_MARK_REPLACED);
    if (!q)
        return DY_EIO;
    sqlite3_bind_int64(q, 1, id);
    if ((st = step_done(s, q, "storing a story")) != DY_OK)
        return st;
    s->cur_story = id;
    s->batch_stories++;
    return DY_OK;
}

dy_status store_add_event(store *s, const dy_event *ev)
{
    if (!s || !ev || !s->in_batch || !s->cur_story)
        return DY_EINVAL;
    dy_status st;
    sqlite3_stmt *q;
    if (ev->sentence) {
        q = stmt(s, Q_INS_SENTENCE);
        if (!q)
            return DY_EIO;
        sqlite3_bind_int64(q, 1, s->cur_story);
        sqlite3_bind_int(q, 2, ev->sent);
        sqlite3_bind_text(q, 3, ev->sentence, -1, SQLITE_STATIC);
        if ((st = step_done(s, q, "storing a sentence")) != DY_OK)
            return st;
    }
    q = stmt(s, Q_INS_EVENT);
    if (!q)
        return DY_EIO;
    sqlite3_bind_int64(q, 1, s->cur_story);
    sqlite3_bind_int(q, 2, ev->sent);
    sqlite3_bind_int(q, 3, ev->date);
    sqlite3_bind_text(q, 4, ev->source ? ev->source : "---", -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, ev->target ? ev->target : "---", -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, ev->code ? ev->code : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 7, ev->root);
    sqlite3_bind_int(q, 8, ev->quad);
    sqlite3_bind_double(q, 9, ev->goldstein);
    bind_text_or_null(q, 10, ev->source_text);
    bind_text_or_null(q, 11, ev->target_text);
    bind_text_or_null(q, 12, ev->verb_text);
    sqlite3_bind_int(q, 13, ev->source_start);
    sqlite3_bind_int(q, 14, ev->source_end);
    sqlite3_bind_int(q, 15, ev->target_start);
    sqlite3_bind_int(q, 16, ev->target_end);
    sqlite3_bind_int(q, 17, ev->verb_start);
    sqlite3_bind_int(q, 18, ev->verb_end);
    bind_text_or_null(q, 19, ev->issues && *ev->issues ? ev->issues : NULL);
    if ((st = step_done(s, q, "storing an event")) != DY_OK)
        return st;
    s->batch_events++;
    return DY_OK;
}
