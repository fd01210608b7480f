/*
 * series.c - the store's queries: event counts per day, week or month for a dyad (actor
 * patterns, root and quad filters, date range), the most active dyads and the biggest
 * changes between two periods, each under one of three de-duplication rules; plus the
 * counts behind `dyad info`.
 *
 * Every query counts the rows of one "counted events" relation built in three layers:
 *   1. the events of the chosen dictionary version matching the actor/root/quad filters;
 *   2. grouped by the de-duplication rule (none: as is; daily: one row per date, source,
 *      target and code; story: one row per story cluster, source, target and code, dated
 *      by its earliest story), the quad and Goldstein score of a group being its events';
 *   3. restricted to the date range (after grouping, so a cluster counts once, in the
 *      period of its first report).
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "util/util.h"

/* The index of name in names[0..n), or -1 (NULL or not listed). */
static int name_index(const char *name, const char *const *names, int n)
{
    for (int i = 0; name && i < n; i++)
        if (!strcmp(name, names[i]))
            return i;
    return -1;
}

int store_dedup_from_name(const char *name)
{
    /* in the order of store_dedup */
    static const char *const names[] = {"none", "daily", "story"};
    return name_index(name, names, (int)(sizeof names / sizeof *names));
}

int store_period_from_name(const char *name)
{
    /* in the order of store_period */
    static const char *const names[] = {"day", "week", "month"};
    return name_index(name, names, (int)(sizeof names / sizeof *names));
}

/* Parameters: ?1 dictionary version, ?2 source pattern or NULL, ?3 target pattern or NULL,
 * ?4 root or 0, ?5 quad or 0.  Columns: date, source, target, quad, goldstein. */
static const char layer1_sql[] =
    "SELECT e.date AS date, e.source AS source, e.target AS target, e.code AS code,"
    " e.quad AS quad, e.goldstein AS goldstein, s.cluster AS cluster"
    " FROM events e JOIN stories s ON s.id = e.story"
    " WHERE s.dict_version = ?1"
    " AND (?2 IS NULL OR e.source GLOB ?2) AND (?3 IS NULL OR e.target GLOB ?3)"
    " AND (?4 = 0 OR e.root = ?4) AND (?5 = 0 OR e.quad = ?5)";

/* Append the counted-events relation (layers 1 and 2) for dedup to b. */
static int append_counted(dy_buf *b, store_dedup dedup)
{
    switch (dedup) {
    case STORE_DEDUP_DAILY:
        return buf_printf(b,
                          "SELECT date, source, target, MIN(quad) AS quad,"
                          " AVG(goldstein) AS goldstein FROM (%s)"
                          " GROUP BY date, source, target, code",
                          layer1_sql);
    case STORE_DEDUP_STORY:
        return buf_printf(b,
                          "SELECT MIN(date) AS date, source, target, MIN(quad) AS quad,"
                          " AVG(goldstein) AS goldstein FROM (%s)"
                          " GROUP BY cluster, source, target, code",
                          layer1_sql);
    case STORE_DEDUP_NONE:
    default:
        return buf_printf(b, "SELECT date, source, target, quad, goldstein FROM (%s)",
                          layer1_sql);
    }
}

/* The dictionary version a query reads: f's, or the last one written (malloc'd, "" if the
 * store is empty).  NULL on ENOMEM (reported). */
static char *query_version(store *s, const store_filter *f)
{
    if (f->dict_version)
        return dy_strdup(f->dict_version);
    char *v = NULL;
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(store_db(s), "SELECT value FROM meta WHERE key = 'last_dict_version'",
                           -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        v = dy_strdup((const char *)sqlite3_column_text(q, 0));
    else
        v = dy_strdup("");
    sqlite3_finalize(q);
    if (!v)
        store_fail(s, DY_ENOMEM, "query");
    return v;
}

/* Prepare sql and bind the layer-1 parameters of f.  NULL on failure (reported). */
static sqlite3_stmt *prepare_query(store *s, const char *sql, const store_filter *f,
                                   const char *version)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(store_db(s), sql, -1, &q, NULL) != SQLITE_OK) {
        store_fail(s, DY_EIO, "preparing a query");
        sqlite3_finalize(q);
        return NULL;
    }
    sqlite3_bind_text(q, 1, version, -1, SQLITE_TRANSIENT);
    if (f->source && *f->source)
        sqlite3_bind_text(q, 2, f->source, -1, SQLITE_TRANSIENT);
    if (f->target && *f->target)
        sqlite3_bind_text(q, 3, f->target, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(q, 4, f->root);
    sqlite3_bind_int(q, 5, f->quad);
    return q;
}

static int32_t date_lo(int32_t d) { return d > 0 ? d : 0; }
static int32_t date_hi(int32_t d) { return d > 0 ? d : 99999999; }

/* Prepare the query built in *sql (err: building it ran out of memory) for the filter's
 * dictionary version; frees *sql.  NULL with *st set (DY_ENOMEM or DY_EIO) on failure. */
static sqlite3_stmt *finish_query(store *s, dy_buf *sql, int err, const store_filter *f,
                                  dy_status *st)
{
    char *version = err ? NULL : query_version(s, f);
    sqlite3_stmt *q = NULL;
    if (err || !version) {
        if (err)
            store_fail(s, DY_ENOMEM, "building a query");
        *st = DY_ENOMEM;
    } else {
        q = prepare_query(s, sql->s, f, version);
        *st = q ? DY_OK : DY_EIO;
    }
    buf_free(sql);
    free(version);
    return q;
}

dy_status store_series(store *s, const store_filter *f, store_period by, store_series_fn fn,
                       void *ud)
{
    if (!s || !f || !fn)
        return DY_EINVAL;
    static const char iso[] = "printf('%04d-%02d-%02d', date / 10000, date / 100 % 100, date % 100)";
    dy_buf sql;
    buf_init(&sql);
    int err = 0;
    err |= buf_puts(&sql, "SELECT ");
    if (by == STORE_BY_MONTH)
        err |= buf_puts(&sql, "printf('%04d-%02d', date / 10000, date / 100 % 100)");
    else if (by == STORE_BY_WEEK)
        err |= buf_printf(&sql, "date(%s, '-' || ((CAST(strftime('%%w', %s) AS INTEGER) + 6) %% 7)"
                                " || ' days')",
                          iso, iso);
    else
        err |= buf_puts(&sql, iso);
    err |= buf_puts(&sql, " AS period, COUNT(*), SUM(quad = 1), SUM(quad = 2), SUM(quad = 3),"
                          " SUM(quad = 4), SUM(quad NOT BETWEEN 1 AND 4), TOTAL(goldstein),"
                          " AVG(goldstein) FROM (");
    err |= append_counted(&sql, f->dedup);
    err |= buf_puts(&sql, ") WHERE date BETWEEN ?6 AND ?7 GROUP BY period ORDER BY period");
    dy_status qs;
    sqlite3_stmt *q = finish_query(s, &sql, err, f, &qs);
    if (!q)
        return qs;
    sqlite3_bind_int(q, 6, date_lo(f->from));
    sqlite3_bind_int(q, 7, date_hi(f->to));
    int rc;
    dy_status st = DY_OK;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        store_series_row row;
        memset(&row, 0, sizeof row);
        const char *label = (const char *)sqlite3_column_text(q, 0);
        snprintf(row.label, sizeof row.label, "%s", label ? label : "");
        row.events = sqlite3_column_int64(q, 1);
        for (int k = 1; k <= 4; k++)
            row.quad[k] = sqlite3_column_int64(q, 1 + k);
        row.quad[0] = sqlite3_column_int64(q, 6);
        row.goldstein_sum = sqlite3_column_double(q, 7);
        row.goldstein_mean = sqlite3_column_double(q, 8);
        if (fn(ud, &row))
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        st = DY_EIO;
        store_fail(s, st, "running a series query");
    }
    sqlite3_finalize(q);
    return st;
}

dy_status store_top(store *s, const store_filter *f, int32_t vs_from, int32_t vs_to, int n,
                    store_top_fn fn, void *ud)
{
    if (!s || !f || !fn || n <= 0)
        return DY_EINVAL;
    int compare = vs_from > 0 || vs_to > 0;
    dy_buf sql;
    buf_init(&sql);
    int err = 0;
    err |= buf_puts(&sql, "WITH c AS (");
    err |= append_counted(&sql, f->dedup);
    err |= buf_printf(&sql,
                      "), t AS (SELECT source, target,"
                      " TOTAL(date BETWEEN ?6 AND ?7) AS n,"
                      " AVG(CASE WHEN date BETWEEN ?6 AND ?7 THEN goldstein END) AS g,"
                      " TOTAL(date BETWEEN ?8 AND ?9) AS vn,"
                      " AVG(CASE WHEN date BETWEEN ?8 AND ?9 THEN goldstein END) AS vg"
                      " FROM c GROUP BY source, target)"
                      " SELECT source, target, CAST(n AS INTEGER), IFNULL(g, 0),"
                      " CAST(vn AS INTEGER), IFNULL(vg, 0) FROM t WHERE %s"
                      " ORDER BY %s DESC, source, target LIMIT ?10",
                      compare ? "n > 0 OR vn > 0" : "n > 0", compare ? "ABS(n - vn)" : "n");
    dy_status qs;
    sqlite3_stmt *q = finish_query(s, &sql, err, f, &qs);
    if (!q)
        return qs;
    sqlite3_bind_int(q, 6, date_lo(f->from));
    sqlite3_bind_int(q, 7, date_hi(f->to));
    /* without a comparison period, an empty range (hi < lo) */
    sqlite3_bind_int(q, 8, compare ? date_lo(vs_from) : 1);
    sqlite3_bind_int(q, 9, compare ? date_hi(vs_to) : 0);
    sqlite3_bind_int(q, 10, n);
    int rc;
    dy_status st = DY_OK;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        store_top_row row;
        row.source = (const char *)sqlite3_column_text(q, 0);
        row.target = (const char *)sqlite3_column_text(q, 1);
        row.events = sqlite3_column_int64(q, 2);
        row.goldstein_mean = sqlite3_column_double(q, 3);
        row.vs_events = sqlite3_column_int64(q, 4);
        row.vs_goldstein_mean = sqlite3_column_double(q, 5);
        row.change = row.events - row.vs_events;
        if (!row.source)
            row.source = "";
        if (!row.target)
            row.target = "";
        if (fn(ud, &row))
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        st = DY_EIO;
        store_fail(s, st, "running a top query");
    }
    sqlite3_finalize(q);
    return st;
}

long long store_scalar(store *s, const char *sql)
{
    sqlite3_stmt *q = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(store_db(s), sql, -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        v = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return v;
}

dy_status store_get_info(store *s, store_info *out)
{
    if (!s || !out)
        return DY_EINVAL;
    memset(out, 0, sizeof *out);
    out->schema_version =
        (int)store_scalar(s, "SELECT value FROM meta WHERE key = 'schema_version'");
    out->stories = store_scalar(s, "SELECT COUNT(*) FROM stories");
    out->sentences = store_scalar(s, "SELECT COUNT(*) FROM sentences");
    out->events = store_scalar(s, "SELECT COUNT(*) FROM events");
    out->clusters = store_scalar(s, "SELECT COUNT(DISTINCT cluster) FROM stories");
    out->batches =
        store_scalar(s, "SELECT COUNT(*) FROM batches WHERE committed IS NOT NULL");
    if (out->stories < 0 || out->events < 0 || out->sentences < 0) {
        store_fail(s, DY_EIO, "counting");
        return DY_EIO;
    }
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(store_db(s), "PRAGMA quick_check", -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW) {
        const char *r = (const char *)sqlite3_column_text(q, 0);
        out->integrity_ok = r && !strcmp(r, "ok");
    }
    sqlite3_finalize(q);
    return DY_OK;
}

dy_status store_list_stories(store *s, store_story_fn fn, void *ud)
{
    if (!s || !fn)
        return DY_EINVAL;
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(store_db(s),
                           "SELECT s.dict_version, s.doc, c.doc,"
                           " (SELECT COUNT(*) FROM events e WHERE e.story = s.id)"
                           " FROM stories s LEFT JOIN stories c ON c.id = s.cluster"
                           " ORDER BY s.dict_version, s.doc",
                           -1, &q, NULL) != SQLITE_OK) {
        store_fail(s, DY_EIO, "listing stories");
        sqlite3_finalize(q);
        return DY_EIO;
    }
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(q, 0);
        const char *doc = (const char *)sqlite3_column_text(q, 1);
        const char *cdoc = (const char *)sqlite3_column_text(q, 2);
        if (fn(ud, v ? v : "", doc ? doc : "", cdoc ? cdoc : "", sqlite3_column_int64(q, 3)))
            break;
    }
    dy_status st = DY_OK;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        st = DY_EIO;
        store_fail(s, st, "listing stories");
    }
    sqlite3_finalize(q);
    return st;
}
