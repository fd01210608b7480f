/*
 * server.h - the HTTP server of `dyad serve` on libmicrohttpd: a thread pool answering the
 * JSON API (api.h) over a read-only event store, and static files (the dashboard) from a
 * folder.  Started by srv_start, stopped gracefully by srv_stop.
 */
#ifndef DY_SERVER_H
#define DY_SERVER_H

#include <stddef.h>

#include "dyad.h"

typedef struct srv_config {
    const char *db_path;      /* the store (must exist) */
    const dy_dict *dict;      /* shared by every coder; outlives the server */
    const char *listen;       /* "ADDR:PORT" ("[v6]:PORT"); NULL = "127.0.0.1:8080";
                                 port 0 picks a free port */
    const char *web_dir;      /* static files; NULL: none (GET / answers 404) */
    size_t max_body;          /* request bodies above this get 413; 0 = 1 MiB */
    unsigned threads;         /* worker threads; 0 = 4 */
    unsigned max_clients;     /* connections answered at once; more get 503; 0 = 64 */
    size_t max_nesting;       /* JSON nesting of a POST /code body; deeper gets 400; 0 = 256 */
    size_t max_story_bytes, max_sentence_tokens, max_token_bytes; /* the coders' limits
                                 (dy_coder_opts); 0 = the library's defaults */
    dy_diag_fn diag;          /* errors and notes; may be NULL */
    void *diag_ud;
} srv_config;

typedef struct srv srv;

/*
 * Open the store connections and start listening.  The caller should block SIGINT/SIGTERM
 * (and ignore SIGPIPE) before, so the server's threads inherit that.  On success *out is
 * the running server and *port the port bound; on failure *out is NULL and a diagnostic
 * was sent.
 */
dy_status srv_start(const srv_config *cfg, srv **out, unsigned *port);

/*
 * Stop accepting connections, let the requests in flight finish (waiting at most
 * grace_ms milliseconds), then stop the threads, close the store and free everything.
 * Accepts NULL.  Returns the number of requests that were still unfinished when the
 * grace period ended (0 normally).
 */
long srv_stop(srv *s, long grace_ms);

#endif
