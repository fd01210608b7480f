/*
 * api.c - the JSON endpoints of `dyad serve`: routing by path and method, query parameter
 * checking, POST /code (coding one story, optionally with the coder's trace), and the
 * store queries /events, /series, /network, /top and /health.  The HTTP side is server.c;
 * the contract is docs/API.md.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../cli/output.h"
#include "api.h"
#include "util/util.h"

/* Longest actor pattern accepted in a query (codes are a few letters). */
#define API_MAX_PATTERN 256
#define API_MAX_EVENTS_LIMIT 10000
#define API_DEFAULT_EVENTS_LIMIT 100
#define API_MAX_N 10000

/* ------------------------------------------------------------------ slots */

dy_status api_slot_open(api_slot *slot, const api_env *env, const char *db_path)
{
    store_opts so;
    memset(&so, 0, sizeof so);
    so.diag = env->diag;
    so.diag_ud = env->diag_ud;
    so.read_only = 1;
    return store_open(db_path, &so, &slot->st);
}

void api_slot_close(api_slot *slot)
{
    if (!slot)
        return;
    store_close(slot->st);
    dy_coder_free(slot->coder);
    dy_coder_free(slot->trace_coder);
    json_free(&slot->json);
    memset(slot, 0, sizeof *slot);
}

/* ------------------------------------------------------------------ answers */

/* A response body being written (open_memstream). */
typedef struct body_out {
    FILE *f;
    char *s;
    size_t len;
} body_out;

static int body_open(body_out *b)
{
    b->s = NULL;
    b->len = 0;
    b->f = open_memstream(&b->s, &b->len);
    return b->f ? 0 : -1;
}

/* Close the stream and hand the body to rs with `status`.  0 ok, -1 out of memory. */
static int body_finish(body_out *b, api_response *rs, int status)
{
    int bad = ferror(b->f);
    if (fclose(b->f) || bad || !b->s) {
        free(b->s);
        b->s = NULL;
        return -1;
    }
    rs->status = status;
    rs->body = b->s;
    rs->len = b->len;
    b->s = NULL;
    return 0;
}

static void body_discard(body_out *b)
{
    if (b->f)
        fclose(b->f);
    free(b->s);
    b->f = NULL;
    b->s = NULL;
}

int api_error(api_response *rs, int status, const char *msg)
{
    body_out b;
    rs->body = NULL;
    if (body_open(&b))
        return -1;
    fputs("{\"error\":", b.f);
    out_json_string(b.f, msg);
    fprintf(b.f, ",\"status\":%d}", status);
    return body_finish(&b, rs, status);
}

/* A finite number for JSON (NaN and infinities are not JSON). */
static double finite_or_zero(double x) { return isfinite(x) ? x : 0.0; }

/* ------------------------------------------------------------------ parameters */

/* The parsed query parameters shared by the store endpoints. */
typedef struct query_params {
    store_filter f;
    char *source, *target; /* upper-cased patterns (owned) */
    int by;                /* store_period */
    int n;
    int32_t vs_from, vs_to;
    long long limit, offset;
} query_params;

typedef struct param_error {
    dy_buf msg;
} param_error;

static const char *param(const api_request *rq, const char *name)
{
    return rq->param ? rq->param(rq->param_ud, name) : NULL;
}

/* The length of the well-formed UTF-8 sequence (shortest form, no surrogate, at most
 * U+10FFFF) at p[0..n), or 0 when none starts there. */
static size_t utf8_seq_len(const unsigned char *p, size_t n)
{
    if (p[0] < 0x80)
        return 1;
    size_t need = p[0] >= 0xC2 && p[0] <= 0xDF   ? 2
                  : p[0] >= 0xE0 && p[0] <= 0xEF ? 3
                  : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4
                                                 : 0;
    if (!need || n < need)
        return 0;
    for (size_t i = 1; i < need; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0) ||
        (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] >= 0x90))
        return 0; /* overlong, surrogate, above U+10FFFF */
    return need;
}

/* Append to b the first `max` bytes or so of s, as the answer quotes a value it refuses:
 * well-formed UTF-8 (a byte that starts no valid sequence becomes U+FFFD), no character
 * cut, "..." when something was left out.  0 ok, -1 ENOMEM. */
static int buf_quote(dy_buf *b, const char *s, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0, out = 0;
    while (i < n) {
        size_t k = utf8_seq_len(p + i, n - i);
        size_t w = k ? k : 3; /* U+FFFD is 3 bytes */
        if (out + w > max)
            return buf_puts(b, "...");
        if (k ? buf_append(b, s + i, k) : buf_puts(b, "\xEF\xBF\xBD"))
            return -1;
        i += k ? k : 1;
        out += w;
    }
    return 0;
}

/* -1 with the message set (or ENOMEM: message left empty). */
static int bad_param(param_error *e, const char *name, const char *want, const char *got)
{
    buf_clear(&e->msg);
    if (buf_printf(&e->msg, "parameter '%s' wants %s, not '", name, want) ||
        buf_quote(&e->msg, got, 80) || buf_putc(&e->msg, '\''))
        buf_clear(&e->msg);
    return -1;
}

static int get_int(const api_request *rq, param_error *e, const char *name, long long lo,
                   long long hi, long long *out)
{
    const char *v = param(rq, name);
    if (!v || !*v)
        return 0;
    char *end;
    errno = 0;
    long long x = strtoll(v, &end, 10);
    if (errno || end == v || *end || x < lo || x > hi) {
        char want[96];
        snprintf(want, sizeof want, "a whole number from %lld to %lld", lo, hi);
        return bad_param(e, name, want, v);
    }
    *out = x;
    return 0;
}

static int get_date(const api_request *rq, param_error *e, const char *name, int32_t *out)
{
    const char *v = param(rq, name);
    if (!v || !*v)
        return 0;
    size_t used = 0, n = strlen(v);
    int32_t d = date_parse(v, n, &used);
    if (!d || used != n)
        return bad_param(e, name, "a date (YYYY-MM-DD)", v);
    *out = d;
    return 0;
}

static int get_pattern(const api_request *rq, param_error *e, const char *name, char **out)
{
    const char *v = param(rq, name);
    if (!v || !*v)
        return 0;
    size_t n = strlen(v);
    if (n > API_MAX_PATTERN)
        return bad_param(e, name, "an actor code or pattern of at most 256 bytes", v);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)v[i];
        if (c < 0x20 || c == 0x7f)
            return bad_param(e, name, "an actor code or pattern (IRN, IRN*)", v);
    }
    char *p = dy_strdup(v);
    if (!p)
        return -1;
    for (char *c = p; *c; c++)
        *c = (char)ascii_toupper((unsigned char)*c);
    *out = p;
    return 0;
}

/* Parse the parameters every store endpoint shares.  0 ok, -1 bad (e->msg says why; empty
 * message: out of memory). */
static int parse_query(const api_request *rq, query_params *q, param_error *e)
{
    memset(q, 0, sizeof q[0]);
    q->by = STORE_BY_MONTH;
    q->n = 20;
    q->limit = API_DEFAULT_EVENTS_LIMIT;
    long long x;
    if (get_pattern(rq, e, "source", &q->source) || get_pattern(rq, e, "target", &q->target) ||
        get_date(rq, e, "from", &q->f.from) || get_date(rq, e, "to", &q->f.to) ||
        get_date(rq, e, "vs_from", &q->vs_from) || get_date(rq, e, "vs_to", &q->vs_to))
        return -1;
    x = 0;
    if (get_int(rq, e, "root", 1, 20, &x))
        return -1;
    q->f.root = (int)x;
    x = 0;
    if (get_int(rq, e, "quad", 1, 4, &x))
        return -1;
    q->f.quad = (int)x;
    x = q->n;
    if (get_int(rq, e, "n", 1, API_MAX_N, &x))
        return -1;
    q->n = (int)x;
    if (get_int(rq, e, "limit", 0, API_MAX_EVENTS_LIMIT, &q->limit) ||
        get_int(rq, e, "offset", 0, (long long)1 << 53, &q->offset))
        return -1;
    const char *v = param(rq, "dedup");
    if (v && *v) {
        int d = store_dedup_from_name(v);
        if (d < 0)
            return bad_param(e, "dedup", "none, daily or story", v);
        q->f.dedup = (store_dedup)d;
    }
    v = param(rq, "by");
    if (v && *v) {
        if ((q->by = store_period_from_name(v)) < 0)
            return bad_param(e, "by", "day, week or month", v);
    }
    v = param(rq, "dict_version");
    if (v && *v)
        q->f.dict_version = v;
    if ((q->vs_from > 0) != (q->vs_to > 0))
        return bad_param(e, q->vs_from ? "vs_to" : "vs_from",
                         "a date (vs_from and vs_to go together)", "");
    q->f.source = q->source;
    q->f.target = q->target;
    return 0;
}

static void free_query(query_params *q)
{
    free(q->source);
    free(q->target);
}

/* ------------------------------------------------------------------ store endpoints */

static int store_failed(api_response *rs)
{
    return api_error(rs, 500, "the store query failed (see the server's log)");
}

static int do_health(api_slot *slot, const api_request *rq, api_response *rs)
{
    (void)rq;
    body_out b;
    if (body_open(&b))
        return -1;
    if (api_health_write(slot->st, b.f) != DY_OK) {
        body_discard(&b);
        return store_failed(rs);
    }
    return body_finish(&b, rs, 200);
}

static int do_events(api_slot *slot, const query_params *q, api_response *rs)
{
    body_out b;
    if (body_open(&b))
        return -1;
    api_events_query eq = {q->f, q->limit, q->offset};
    dy_status st = api_events_write(slot->st, &eq, b.f);
    if (st != DY_OK) {
        body_discard(&b);
        return st == DY_ENOMEM ? -1 : store_failed(rs);
    }
    return body_finish(&b, rs, 200);
}

typedef struct rows_out {
    FILE *f;
    long long rows;
} rows_out;

static int series_row(void *ud, const store_series_row *r)
{
    rows_out *o = ud;
    /* the row of `dyad series --format json` */
    fprintf(o->f,
            "%s{\"period\":\"%s\",\"events\":%lld,\"verbal_coop\":%lld,"
            "\"material_coop\":%lld,\"verbal_conflict\":%lld,\"material_conflict\":%lld,"
            "\"unknown_quad\":%lld,\"goldstein_sum\":%.2f,\"goldstein_mean\":%.3f}",
            o->rows ? "," : "", r->label, r->events, r->quad[1], r->quad[2], r->quad[3],
            r->quad[4], r->quad[0], finite_or_zero(r->goldstein_sum),
            finite_or_zero(r->goldstein_mean));
    o->rows++;
    return 0;
}

static int do_series(api_slot *slot, const query_params *q, api_response *rs)
{
    body_out b;
    if (body_open(&b))
        return -1;
    rows_out o = {b.f, 0};
    fputs("{\"periods\":[", b.f);
    if (store_series(slot->st, &q->f, (store_period)q->by, series_row, &o) != DY_OK) {
        body_discard(&b);
        return store_failed(rs);
    }
    fputs("]}", b.f);
    return body_finish(&b, rs, 200);
}

static int top_row(void *ud, const store_top_row *r)
{
    rows_out *o = ud;
    fprintf(o->f, "%s{\"source\":", o->rows ? "," : "");
    out_json_string(o->f, r->source);
    fputs(",\"target\":", o->f);
    out_json_string(o->f, r->target);
    fprintf(o->f,
            ",\"events\":%lld,\"goldstein_mean\":%.3f,\"vs_events\":%lld,"
            "\"vs_goldstein_mean\":%.3f,\"change\":%lld}",
            r->events, finite_or_zero(r->goldstein_mean), r->vs_events,
            finite_or_zero(r->vs_goldstein_mean), r->change);
    o->rows++;
    return 0;
}

static int do_top(api_slot *slot, const query_params *q, api_response *rs)
{
    body_out b;
    if (body_open(&b))
        return -1;
    rows_out o = {b.f, 0};
    fputs("{\"dyads\":[", b.f);
    if (store_top(slot->st, &q->f, q->vs_from, q->vs_to, q->n, top_row, &o) != DY_OK) {
        body_discard(&b);
        return store_failed(rs);
    }
    fputs("]}", b.f);
    return body_finish(&b, rs, 200);
}

/* The network: the top dyads as edges, their actors as nodes. */
typedef struct net_edge {
    char *source, *target;
    long long events;
    double goldstein_mean;
} net_edge;

typedef struct net_node {
    const char *id;
    long long events;
} net_node;

typedef struct net_state {
    VEC(net_edge) edges;
    int nomem;
} net_state;

static int net_row(void *ud, const store_top_row *r)
{
    net_state *ns = ud;
    net_edge e = {dy_strdup(r->source), dy_strdup(r->target), r->events, r->goldstein_mean};
    if (!e.source || !e.target || VEC_PUSH(&ns->edges, e)) {
        free(e.source);
        free(e.target);
        ns->nomem = 1;
        return 1;
    }
    return 0;
}

static int node_cmp(const void *a, const void *b)
{
    const net_node *x = a, *y = b;
    if (x->events != y->events)
        return x->events > y->events ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* Add `events` to the node named id (a new node if absent).  -1 on ENOMEM. */
static int node_add(void *nodes_vec, const char *id, long long events)
{
    VEC(net_node) *nodes = nodes_vec;
    for (size_t i = 0; i < nodes->n; i++) {
        if (!strcmp(nodes->v[i].id, id)) {
            nodes->v[i].events += events;
            return 0;
        }
    }
    net_node nn = {id, events};
    return VEC_PUSH(nodes, nn);
}

static int do_network(api_slot *slot, const query_params *q, api_response *rs)
{
    net_state ns;
    memset(&ns, 0, sizeof ns);
    VEC(net_node) nodes = {0};
    int ret = -1;
    body_out b = {0};
    dy_status st = store_top(slot->st, &q->f, 0, 0, q->n, net_row, &ns);
    if (ns.nomem)
        goto done;
    if (st != DY_OK) {
        ret = store_failed(rs);
        goto done;
    }
    for (size_t i = 0; i < ns.edges.n; i++) {
        const net_edge *e = &ns.edges.v[i];
        if (node_add(&nodes, e->source, e->events))
            goto done;
        if (strcmp(e->source, e->target) && node_add(&nodes, e->target, e->events))
            goto done;
    }
    if (nodes.n > 1)
        qsort(nodes.v, nodes.n, sizeof nodes.v[0], node_cmp);
    if (body_open(&b))
        goto done;
    fputs("{\"nodes\":[", b.f);
    for (size_t i = 0; i < nodes.n; i++) {
        fputs(i ? ",{\"id\":" : "{\"id\":", b.f);
        out_json_string(b.f, nodes.v[i].id);
        fprintf(b.f, ",\"events\":%lld}", nodes.v[i].events);
    }
    fputs("],\"edges\":[", b.f);
    for (size_t i = 0; i < ns.edges.n; i++) {
        const net_edge *e = &ns.edges.v[i];
        fputs(i ? ",{\"source\":" : "{\"source\":", b.f);
        out_json_string(b.f, e->source);
        fputs(",\"target\":", b.f);
        out_json_string(b.f, e->target);
        fprintf(b.f, ",\"events\":%lld,\"goldstein_mean\":%.3f}", e->events,
                finite_or_zero(e->goldstein_mean));
    }
    fputs("]}", b.f);
    ret = body_finish(&b, rs, 200);
    b.f = NULL;
done:
    if (b.f)
        body_discard(&b);
    for (size_t i = 0; i < ns.edges.n; i++) {
        free(ns.edges.v[i].source);
        free(ns.edges.v[i].target);
    }
    VEC_FREE(&ns.edges);
    VEC_FREE(&nodes);
    return ret;
}

/* ------------------------------------------------------------------ POST /code */

static void collect_trace(void *ud, const char *line)
{
    api_slot *slot = ud;
    if (!slot->trace_out)
        return;
    if (slot->trace_lines++)
        fputc(',', slot->trace_out);
    out_json_string(slot->trace_out, line);
}

static dy_coder *slot_coder(api_slot *slot, const api_env *env, int trace)
{
    dy_coder **c = trace ? &slot->trace_coder : &slot->coder;
    if (!*c) {
        dy_coder_opts co;
        dy_coder_opts_init(&co);
        co.max_story_bytes = env->max_story_bytes;
        co.max_sentence_tokens = env->max_sentence_tokens;
        co.max_token_bytes = env->max_token_bytes;
        if (trace) {
            co.trace = collect_trace;
            co.trace_ud = slot;
        }
        *c = dy_coder_new(env->dict, &co);
    }
    return *c;
}

/* A string member of the body, or NULL; *wrong set when present with another type. */
static const char *body_string(const json_doc *d, const json_node *o, const char *key,
                               size_t *len, int *wrong)
{
    const json_node *n = json_get(d, o, key);
    if (!n || n->type == JSON_NULL)
        return NULL;
    if (n->type != JSON_STRING) {
        *wrong = 1;
        return NULL;
    }
    if (len)
        *len = n->len;
    return n->str;
}

static int32_t today_utc(void)
{
    time_t now = time(NULL);
    struct tm tm;
    if (!gmtime_r(&now, &tm))
        return 20260101;
    return (int32_t)((tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday);
}

static int do_code(api_slot *slot, const api_env *env, const api_request *rq,
                   api_response *rs)
{
    const char *ex = param(rq, "explain");
    int explain = 0;
    if (ex && *ex) {
        if (!strcmp(ex, "1") || !strcmp(ex, "true"))
            explain = 1;
        else if (strcmp(ex, "0") && strcmp(ex, "false"))
            return api_error(rs, 400, "parameter 'explain' wants 1 or 0");
    }
    const char *on = param(rq, "ontology");
    out_ontology ont = ONT_CAMEO;
    if (on && *on && out_ontology_from_name(on, &ont))
        return api_error(rs, 400, "parameter 'ontology' wants cameo or plover");
    if (!rq->body || rq->body_len == 0)
        return api_error(rs, 400, "POST /code wants a JSON object {\"id\",\"date\",\"text\"}");
    slot->json.max_depth = env->max_nesting ? env->max_nesting : 256;
    int jr = json_parse(&slot->json, rq->body, rq->body_len);
    if (jr == JSON_ENOMEM)
        return -1;
    if (jr != JSON_OK) {
        char msg[160];
        snprintf(msg, sizeof msg, "bad JSON at byte %zu: %s", slot->json.err_off,
                 slot->json.err_msg ? slot->json.err_msg : "syntax error");
        return api_error(rs, 400, msg);
    }
    const json_node *root = json_root(&slot->json);
    if (!root || root->type != JSON_OBJECT)
        return api_error(rs, 400, "the body must be a JSON object {\"id\",\"date\",\"text\"}");
    int wrong_id = 0, wrong_date = 0, wrong_text = 0;
    size_t text_len = 0;
    const char *id = body_string(&slot->json, root, "id", NULL, &wrong_id);
    const char *date_s = body_string(&slot->json, root, "date", NULL, &wrong_date);
    const char *text = body_string(&slot->json, root, "text", &text_len, &wrong_text);
    if (wrong_id)
        return api_error(rs, 400, "\"id\" must be a string");
    if (wrong_date)
        return api_error(rs, 400, "\"date\" must be a string (YYYY-MM-DD)");
    if (wrong_text)
        return api_error(rs, 400, "\"text\" must be a string");
    if (!text)
        return api_error(rs, 400, "\"text\" is required");
    int32_t date = today_utc();
    if (date_s && *date_s) {
        size_t used = 0, n = strlen(date_s);
        date = date_parse(date_s, n, &used);
        if (!date || used != n)
            return api_error(rs, 400, "\"date\" must be a date (YYYY-MM-DD)");
    }
    dy_coder *c = slot_coder(slot, env, explain);
    if (!c)
        return -1;
    body_out b;
    if (body_open(&b))
        return -1;
    body_out trace = {0};
    if (explain) {
        if (body_open(&trace)) {
            body_discard(&b);
            return -1;
        }
        slot->trace_out = trace.f;
        slot->trace_lines = 0;
    }
    dy_story s;
    memset(&s, 0, sizeof s);
    s.id = id && *id ? id : "api";
    s.date = date;
    s.text = text;
    s.text_len = text_len;
    dy_status st = dy_coder_feed(c, &s);
    int ret = -1;
    if (st == DY_ELIMIT) {
        ret = api_error(rs, 413, "the story is longer than the coder accepts");
        goto done;
    }
    if (st != DY_OK)
        goto done;
    fputs("{\"events\":[", b.f);
    const dy_event *ev;
    long long n = 0, left_out = 0;
    char *line = NULL;
    size_t len = 0;
    while ((ev = dy_coder_next_event(c))) {
        if (!out_event_kept(ont, ev)) {
            left_out++;
            continue;
        }
        FILE *lf = open_memstream(&line, &len);
        if (!lf)
            goto done;
        int bad = out_event(lf, OUT_JSONL, ev);
        if (fclose(lf) || bad) {
            free(line);
            goto done;
        }
        while (len > 0 && line[len - 1] == '\n')
            len--;
        if (n++)
            fputc(',', b.f);
        fwrite(line, 1, len, b.f);
        free(line);
        line = NULL;
    }
    fprintf(b.f, "],\"sentences\":%d", dy_coder_sentence_count(c));
    if (ont == ONT_PLOVER)
        fprintf(b.f, ",\"left_out\":%lld", left_out);
    if (explain) {
        slot->trace_out = NULL;
        int tbad = ferror(trace.f);
        if (fclose(trace.f) || tbad) {
            trace.f = NULL;
            goto done;
        }
        trace.f = NULL;
        fputs(",\"trace\":[", b.f);
        if (trace.s)
            fwrite(trace.s, 1, trace.len, b.f);
        fputc(']', b.f);
    }
    fputc('}', b.f);
    ret = body_finish(&b, rs, 200);
    b.f = NULL;
done:
    slot->trace_out = NULL;
    if (b.f)
        body_discard(&b);
    body_discard(&trace);
    return ret;
}

/* ------------------------------------------------------------------ routing */

enum { ROUTE_GET = 1, ROUTE_POST = 2 };

typedef enum route_id { R_HEALTH, R_CODE, R_EVENTS, R_SERIES, R_NETWORK, R_TOP } route_id;

static const struct route {
    const char *path;
    route_id id;
    int methods;
    const char *allow;
} routes[] = {
    {"/health", R_HEALTH, ROUTE_GET, "GET, HEAD"},
    {"/code", R_CODE, ROUTE_POST, "POST"},
    {"/events", R_EVENTS, ROUTE_GET, "GET, HEAD"},
    {"/series", R_SERIES, ROUTE_GET, "GET, HEAD"},
    {"/network", R_NETWORK, ROUTE_GET, "GET, HEAD"},
    {"/top", R_TOP, ROUTE_GET, "GET, HEAD"},
};

int api_handle(api_slot *slot, const api_env *env, const api_request *rq, api_response *rs)
{
    memset(rs, 0, sizeof *rs);
    const struct route *r = NULL;
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        size_t n = strlen(routes[i].path);
        /* "/events" and "/events/" name the same route */
        if (!strncmp(rq->path, routes[i].path, n) &&
            (rq->path[n] == 0 || (rq->path[n] == '/' && rq->path[n + 1] == 0))) {
            r = &routes[i];
            break;
        }
    }
    if (!r)
        return 0;
    int method = !strcmp(rq->method, "GET") || !strcmp(rq->method, "HEAD") ? ROUTE_GET
                 : !strcmp(rq->method, "POST")                             ? ROUTE_POST
                                                                           : 0;
    if (!(r->methods & method)) {
        char msg[128];
        snprintf(msg, sizeof msg, "%s wants %s", r->path, r->allow);
        rs->allow = r->allow;
        if (api_error(rs, 405, msg))
            return -1;
        rs->allow = r->allow;
        return 1;
    }
    int rc;
    if (r->id == R_HEALTH) {
        rc = do_health(slot, rq, rs);
    } else if (r->id == R_CODE) {
        rc = do_code(slot, env, rq, rs);
    } else {
        query_params q;
        param_error e;
        buf_init(&e.msg);
        if (parse_query(rq, &q, &e)) {
            rc = e.msg.len ? api_error(rs, 400, e.msg.s) : -1;
        } else if (r->id == R_EVENTS) {
            rc = do_events(slot, &q, rs);
        } else if (r->id == R_SERIES) {
            rc = do_series(slot, &q, rs);
        } else if (r->id == R_NETWORK) {
            rc = do_network(slot, &q, rs);
        } else {
            rc = do_top(slot, &q, rs);
        }
        free_query(&q);
        buf_free(&e.msg);
    }
    return rc ? -1 : 1;
}
