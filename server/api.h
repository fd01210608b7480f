/*
 * api.h - the JSON endpoints of `dyad serve` (docs/API.md), independent of the HTTP
 * library: a request is a method, a path, a parameter lookup and a body; an answer is a
 * status and a malloc'd JSON body.  server.c does the HTTP side (libmicrohttpd).
 *
 * Threads: an api_env is shared read-only by every thread; an api_slot (a store
 * connection, coders and scratch memory) belongs to one request at a time.
 */
#ifndef DY_SERVER_API_H
#define DY_SERVER_API_H

#include <stddef.h>

#include "../store/store.h"
#include "dyad.h"
#include "util/json.h"

/* What every request shares, read-only. */
typedef struct api_env {
    const dy_dict *dict;  /* the dictionaries POST /code codes with */
    dy_diag_fn diag;      /* server-side errors (store failures); may be NULL */
    void *diag_ud;
    size_t max_nesting;   /* JSON nesting of a request body (0 = 256) */
    size_t max_story_bytes, max_sentence_tokens, max_token_bytes; /* coder limits (0 = default) */
} api_env;

/* One worker's resources.  Zero it, then api_slot_open; api_slot_close frees it. */
typedef struct api_slot {
    store *st;               /* read-only connection to the store */
    dy_coder *coder;         /* created on first use */
    dy_coder *trace_coder;   /* the same with the trace callback (?explain=1) */
    json_doc json;           /* request bodies */
    FILE *trace_out;         /* while coding with trace_coder: the trace array */
    long long trace_lines;
} api_slot;

/* Open the slot's store connection (read-only; the file must exist).  DY_OK or the
 * store's status (reported through env->diag). */
dy_status api_slot_open(api_slot *slot, const api_env *env, const char *db_path);

/* Free everything the slot holds; accepts a zeroed slot. */
void api_slot_close(api_slot *slot);

/* A request.  param(param_ud, name) returns the first value of a query parameter, or
 * NULL when absent. */
typedef struct api_request {
    const char *method;
    const char *path;
    const char *(*param)(void *ud, const char *name);
    void *param_ud;
    const char *body;
    size_t body_len;
} api_request;

/* An answer: body is malloc'd (the caller frees it), JSON, never NULL after api_handle
 * returned 1.  allow: for 405, the methods the route accepts (static string). */
typedef struct api_response {
    int status;
    char *body;
    size_t len;
    const char *allow;
} api_response;

/*
 * Answer a request for one of the API routes.  Returns 1 when it was an API route (the
 * response is filled: the endpoint's answer, or a JSON error with its status), 0 when the
 * path is not an API route (nothing filled: the caller serves a static file or a 404), -1
 * when out of memory building the answer (nothing filled).
 */
int api_handle(api_slot *slot, const api_env *env, const api_request *rq, api_response *rs);

/*
 * Build a JSON error answer {"error":msg,"status":status} into rs.  0 ok, -1 out of memory
 * (rs->body NULL).
 */
int api_error(api_response *rs, int status, const char *msg);

/* The events query behind GET /events (server/events.c). */
typedef struct api_events_query {
    store_filter f;
    long long limit, offset;
} api_events_query;

/*
 * Write to `out` the JSON object {"events":[...],"total":N} of the events matching q, in
 * (date, event id) order, q->limit of them from q->offset on.  Each event is the object of
 * `dyad code --output jsonl` with "id" (the events table key) first and, under daily or
 * story de-duplication, "count" (the events it stands for) after it.  DY_OK, or DY_EIO
 * / DY_ENOMEM (reported through the store's diagnostics).
 */
dy_status api_events_write(store *st, const api_events_query *q, FILE *out);

/* Write {"status":"ok","version":...,"events":N,"stories":N}.  DY_OK or DY_EIO. */
dy_status api_health_write(store *st, FILE *out);

#endif
