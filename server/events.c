/*
 * events.c - the store reads of `dyad serve` that store.h does not offer: the event list
 * behind GET /events (filters and de-duplication as in `dyad series`, a page of whole
 * events with their sentences) and the counts behind GET /health.  SQL over the schema of
 * docs/STORE.md through the store's connection.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "../cli/output.h"
#include "../store/store_int.h"
#include "api.h"
#include "util/util.h"

/* The matching events (?1 version, ?2 source pattern, ?3 target pattern, ?4 root, ?5 quad),
 * grouped by the de-duplication rule into (id, date, n) rows and restricted to the dates
 * ?6..?7 after grouping, as series.c counts them. */
static const char matched_sql[] =
    "WITH m AS (SELECT e.id AS id, e.date AS date, e.source AS source, e.target AS target,"
    " e.code AS code, s.cluster AS cluster FROM events e JOIN stories s ON s.id = e.story"
    " WHERE s.dict_version = ?1"
    " AND (?2 IS NULL OR e.source GLOB ?2) AND (?3 IS NULL OR e.target GLOB ?3)"
    " AND (?4 = 0 OR e.root = ?4) AND (?5 = 0 OR e.quad = ?5)),"
    " g AS (%s),"
    " r AS (SELECT id, date, n FROM g WHERE date BETWEEN ?6 AND ?7) ";

static const char *const group_sql[] = {
    [STORE_DEDUP_NONE] = "SELECT id, date, 1 AS n FROM m",
    [STORE_DEDUP_DAILY] = "SELECT MIN(id) AS id, date, COUNT(*) AS n FROM m"
                          " GROUP BY date, source, target, code",
    /* SQLite: with MIN(date), the bare column id comes from the row holding the minimum */
    [STORE_DEDUP_STORY] = "SELECT id, MIN(date) AS date, COUNT(*) AS n FROM m"
                          " GROUP BY cluster, source, target, code",
};

static const char page_sql[] =
    "SELECT r.id, r.n, s.doc, e.sent, r.date, e.source, e.target, e.code, e.root, e.quad,"
    " e.goldstein, e.source_text, e.target_text, e.verb_text, e.source_start, e.source_end,"
    " e.target_start, e.target_end, e.verb_start, e.verb_end, e.issues, t.text"
    " FROM r JOIN events e ON e.id = r.id JOIN stories s ON s.id = e.story"
    " LEFT JOIN sentences t ON t.story = e.story AND t.sent = e.sent"
    " ORDER BY r.date, r.id LIMIT ?8 OFFSET ?9";

/* The dictionary version a query reads: f's, or the last one written ("" when none).
 * malloc'd; NULL on ENOMEM. */
static char *query_version(store *st, const store_filter *f)
{
    if (f->dict_version)
        return dy_strdup(f->dict_version);
    sqlite3_stmt *q = NULL;
    char *v = NULL;
    if (sqlite3_prepare_v2(store_db(st), "SELECT value FROM meta WHERE key = 'last_dict_version'",
                           -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
        v = dy_strdup((const char *)sqlite3_column_text(q, 0));
    else
        v = dy_strdup("");
    sqlite3_finalize(q);
    return v;
}

static sqlite3_stmt *prepare_matched(store *st, const api_events_query *q, const char *version,
                                     const char *tail)
{
    store_dedup dd = q->f.dedup;
    if (dd != STORE_DEDUP_DAILY && dd != STORE_DEDUP_STORY)
        dd = STORE_DEDUP_NONE;
    dy_buf sql;
    buf_init(&sql);
    if (buf_printf(&sql, matched_sql, group_sql[dd]) || buf_puts(&sql, tail)) {
        buf_free(&sql);
        store_fail(st, DY_ENOMEM, "building the events query");
        return NULL;
    }
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(store_db(st), sql.s, -1, &s, NULL) != SQLITE_OK) {
        store_fail(st, DY_EIO, "preparing the events query");
        sqlite3_finalize(s);
        buf_free(&sql);
        return NULL;
    }
    buf_free(&sql);
    sqlite3_bind_text(s, 1, version, -1, SQLITE_TRANSIENT);
    if (q->f.source && *q->f.source)
        sqlite3_bind_text(s, 2, q->f.source, -1, SQLITE_TRANSIENT);
    if (q->f.target && *q->f.target)
        sqlite3_bind_text(s, 3, q->f.target, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 4, q->f.root);
    sqlite3_bind_int(s, 5, q->f.quad);
    sqlite3_bind_int(s, 6, q->f.from > 0 ? q->f.from : 0);
    sqlite3_bind_int(s, 7, q->f.to > 0 ? q->f.to : 99999999);
    return s;
}

static const char *col_text(sqlite3_stmt *s, int i)
{
    const char *t = (const char *)sqlite3_column_text(s, i);
    return t ? t : "";
}

static int col_offset(sqlite3_stmt *s, int i)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? -1 : sqlite3_column_int(s, i);
}

/* Write one row of page_sql as an event object: {"id":N,["count":N,]...jsonl fields...}. */
static int write_event_row(sqlite3_stmt *s, int with_count, FILE *out)
{
    dy_event ev;
    memset(&ev, 0, sizeof ev);
    ev.doc = col_text(s, 2);
    ev.sent = sqlite3_column_int(s, 3);
    ev.date = sqlite3_column_int(s, 4);
    ev.source = col_text(s, 5);
    ev.target = col_text(s, 6);
    ev.code = col_text(s, 7);
    ev.root = sqlite3_column_int(s, 8);
    ev.quad = sqlite3_column_int(s, 9);
    ev.goldstein = sqlite3_column_double(s, 10);
    ev.source_text = col_text(s, 11);
    ev.target_text = col_text(s, 12);
    ev.verb_text = col_text(s, 13);
    ev.source_start = col_offset(s, 14);
    ev.source_end = col_offset(s, 15);
    ev.target_start = col_offset(s, 16);
    ev.target_end = col_offset(s, 17);
    ev.verb_start = col_offset(s, 18);
    ev.verb_end = col_offset(s, 19);
    ev.issues = col_text(s, 20);
    ev.sentence = col_text(s, 21);
    /* the JSON Lines object of dyad code, with the id (and count) put in front */
    char *line = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&line, &len);
    if (!f)
        return -1;
    int bad = out_event(f, OUT_JSONL, &ev);
    if (fclose(f) || bad || len < 2 || line[0] != '{') {
        free(line);
        return -1;
    }
    while (len > 1 && line[len - 1] == '\n')
        len--;
    fprintf(out, "{\"id\":%lld,", (long long)sqlite3_column_int64(s, 0));
    if (with_count)
        fprintf(out, "\"count\":%lld,", (long long)sqlite3_column_int64(s, 1));
    fwrite(line + 1, 1, len - 1, out);
    free(line);
    return ferror(out) ? -1 : 0;
}

dy_status api_events_write(store *st, const api_events_query *q, FILE *out)
{
    char *version = query_version(st, &q->f);
    if (!version) {
        store_fail(st, DY_ENOMEM, "events query");
        return DY_ENOMEM;
    }
    dy_status status = DY_OK;
    long long total = 0;
    sqlite3_stmt *count = prepare_matched(st, q, version, "SELECT COUNT(*) FROM r");
    if (!count) {
        free(version);
        return DY_EIO;
    }
    if (sqlite3_step(count) == SQLITE_ROW)
        total = sqlite3_column_int64(count, 0);
    else {
        store_fail(st, DY_EIO, "counting events");
        status = DY_EIO;
    }
    sqlite3_finalize(count);
    sqlite3_stmt *page = status == DY_OK ? prepare_matched(st, q, version, page_sql) : NULL;
    free(version);
    if (!page)
        return status == DY_OK ? DY_EIO : status;
    sqlite3_bind_int64(page, 8, q->limit);
    sqlite3_bind_int64(page, 9, q->offset);
    int with_count = q->f.dedup == STORE_DEDUP_DAILY || q->f.dedup == STORE_DEDUP_STORY;
    fputs("{\"events\":[", out);
    int rc;
    long long rows = 0;
    while ((rc = sqlite3_step(page)) == SQLITE_ROW) {
        if (rows++)
            fputc(',', out);
        if (write_event_row(page, with_count, out)) {
            store_fail(st, DY_ENOMEM, "writing events");
            status = DY_ENOMEM;
            break;
        }
    }
    if (status == DY_OK && rc != SQLITE_DONE) {
        store_fail(st, DY_EIO, "reading events");
        status = DY_EIO;
    }
    sqlite3_finalize(page);
    fprintf(out, "],\"total\":%lld}", total);
    return status;
}

dy_status api_health_write(store *st, FILE *out)
{
    long long events = store_scalar(st, "SELECT COUNT(*) FROM events");
    long long stories = store_scalar(st, "SELECT COUNT(*) FROM stories");
    if (events < 0 || stories < 0) {
        store_fail(st, DY_EIO, "health counts");
        return DY_EIO;
    }
    fprintf(out, "{\"status\":\"ok\",\"version\":\"%s\",\"events\":%lld,\"stories\":%lld}",
            DYAD_VERSION, events, stories);
    return DY_OK;
}
