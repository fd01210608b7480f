/*
 * server.c - the HTTP side of `dyad serve` on libmicrohttpd: a thread pool, request bodies
 * gathered up to a limit (413 beyond), a pool of worker slots (store connection and
 * coders, api.h) handed to one request at a time, 503 when too many clients are connected
 * or no slot frees up in time, static files from the web folder (mapped by static_path.c),
 * and a graceful stop that lets the requests in flight finish.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "api.h"
#include "server.h"
#include "static_path.h"
#include "util/util.h"

/* How long a request waits for a free worker slot before answering 503. */
#define SRV_SLOT_WAIT_MS 10000
/* Seconds of inactivity after which a connection is closed. */
#define SRV_CONNECTION_TIMEOUT 30

struct srv {
    srv_config cfg;
    char *web_root;          /* realpath of cfg.web_dir, or NULL */
    api_env env;
    api_slot *slots;
    size_t nslots;
    size_t *free_slots;      /* stack of free slot indexes */
    size_t nfree;
    pthread_mutex_t mu;
    pthread_cond_t cv;       /* a slot was released / a request finished */
    long in_flight;          /* requests between their first callback and completion */
    long connections;        /* open connections */
    int stopping;
    struct MHD_Daemon *daemon;
};

/* Per-request state (MHD's con_cls). */
typedef struct req_ctx {
    dy_buf body;
    int too_large;
    int nomem;
    int answered;            /* a response was queued early (413/503) */
} req_ctx;

static const char json_content_type[] = "application/json; charset=utf-8";

/* ------------------------------------------------------------------ responses */

/* Queue a body (malloc'd, ownership passes to MHD; freed here on failure). */
static enum MHD_Result queue_body(struct MHD_Connection *c, int status, char *body, size_t len,
                                  const char *content_type, const char *allow)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(body);
        return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    if (allow)
        MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, allow);
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)status, r);
    MHD_destroy_response(r);
    return ret;
}

/* A JSON error answer; falls back to a fixed body when even that cannot be built. */
static enum MHD_Result queue_error(struct MHD_Connection *c, int status, const char *msg,
                                   const char *allow)
{
    api_response rs;
    if (api_error(&rs, status, msg) == 0)
        return queue_body(c, status, rs.body, rs.len, json_content_type, allow);
    static const char oom[] = "{\"error\":\"out of memory\",\"status\":503}";
    struct MHD_Response *r =
        MHD_create_response_from_buffer(sizeof oom - 1, (void *)oom, MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, json_content_type);
    enum MHD_Result ret = MHD_queue_response(c, 503, r);
    MHD_destroy_response(r);
    return ret;
}

/* ------------------------------------------------------------------ slots */

static void deadline_after(struct timespec *ts, long ms)
{
    clock_gettime(CLOCK_REALTIME, ts);
    ts->tv_sec += ms / 1000;
    ts->tv_nsec += (ms % 1000) * 1000000L;
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
}

/* A free slot, waiting up to SRV_SLOT_WAIT_MS; NULL when none freed up. */
static api_slot *slot_acquire(srv *s)
{
    struct timespec deadline;
    deadline_after(&deadline, SRV_SLOT_WAIT_MS);
    api_slot *slot = NULL;
    pthread_mutex_lock(&s->mu);
    while (!s->nfree) {
        if (pthread_cond_timedwait(&s->cv, &s->mu, &deadline) == ETIMEDOUT)
            break;
    }
    if (s->nfree)
        slot = &s->slots[s->free_slots[--s->nfree]];
    pthread_mutex_unlock(&s->mu);
    return slot;
}

static void slot_release(srv *s, api_slot *slot)
{
    pthread_mutex_lock(&s->mu);
    s->free_slots[s->nfree++] = (size_t)(slot - s->slots);
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

/* ------------------------------------------------------------------ static files */

static const char *content_type_of(const char *path)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".html", "text/html; charset=utf-8"},
        {".htm", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json; charset=utf-8"},
        {".map", "application/json; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},
        {".ico", "image/x-icon"},
        {".woff", "font/woff"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
        {".wasm", "application/wasm"},
    };
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (dot && (!slash || dot > slash)) {
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
            if (!ascii_strcasecmp(dot, types[i].ext))
                return types[i].type;
    }
    return "application/octet-stream";
}

/* Serve a static file or answer 404/405.  url: the request path. */
static enum MHD_Result serve_static(srv *s, struct MHD_Connection *c, const char *url,
                                    const char *method)
{
    char *path = static_file_path(s->web_root, url);
    if (!path) {
        if (!s->web_root && !strcmp(url, "/"))
            return queue_error(c, 404, "no dashboard here: start dyad serve with --web DIR", NULL);
        return queue_error(c, 404, "no such route or file", NULL);
    }
    if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
        free(path);
        return queue_error(c, 405, "static files want GET or HEAD", "GET, HEAD");
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        if (fd >= 0)
            close(fd);
        free(path);
        return queue_error(c, 404, "no such route or file", NULL);
    }
    struct MHD_Response *r = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
    if (!r) {
        close(fd);
        free(path);
        return queue_error(c, 503, "out of resources", NULL);
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, content_type_of(path));
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
    free(path);
    enum MHD_Result ret = MHD_queue_response(c, 200, r);
    MHD_destroy_response(r);
    return ret;
}

/* ------------------------------------------------------------------ requests */

static const char *lookup_param(void *ud, const char *name)
{
    return MHD_lookup_connection_value(ud, MHD_GET_ARGUMENT_KIND, name);
}

static enum MHD_Result dispatch(srv *s, struct MHD_Connection *c, const char *url,
                                const char *method, req_ctx *rc)
{
    api_slot *slot = slot_acquire(s);
    if (!slot)
        return queue_error(c, 503, "the server is busy: try again", NULL);
    api_request rq = {method, url, lookup_param, c, rc->body.s, rc->body.len};
    api_response rs;
    int handled = api_handle(slot, &s->env, &rq, &rs);
    slot_release(s, slot);
    if (handled < 0)
        return queue_error(c, 503, "out of memory answering the request", NULL);
    if (handled == 0)
        return serve_static(s, c, url, method);
    return queue_body(c, rs.status, rs.body, rs.len, json_content_type, rs.allow);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    srv *s = cls;
    (void)version;
    req_ctx *rc = *con_cls;
    if (!rc) {
        rc = calloc(1, sizeof *rc);
        if (!rc)
            return MHD_NO; /* closes the connection */
        *con_cls = rc;
        pthread_mutex_lock(&s->mu);
        s->in_flight++;
        long conns = s->connections;
        pthread_mutex_unlock(&s->mu);
        if (conns > (long)s->cfg.max_clients) {
            rc->answered = 1;
            return queue_error(c, 503, "too many clients: try again", NULL);
        }
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl) {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(cl, &end, 10);
            if (errno || end == cl || n > s->cfg.max_body) {
                rc->answered = 1;
                return queue_error(c, 413, "the request body is over the limit (--max-body)",
                                   NULL);
            }
        }
        return MHD_YES;
    }
    if (rc->answered) {
        *upload_data_size = 0; /* discard whatever still arrives */
        return MHD_YES;
    }
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        if (!rc->too_large && !rc->nomem) {
            if (n > s->cfg.max_body || rc->body.len > s->cfg.max_body - n) {
                rc->too_large = 1;
                buf_free(&rc->body);
            } else if (buf_append(&rc->body, upload_data, n)) {
                rc->nomem = 1;
                buf_free(&rc->body);
            }
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    rc->answered = 1;
    if (rc->too_large)
        return queue_error(c, 413, "the request body is over the limit (--max-body)", NULL);
    if (rc->nomem)
        return queue_error(c, 503, "out of memory reading the request", NULL);
    return dispatch(s, c, url, method, rc);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    srv *s = cls;
    (void)c;
    (void)toe;
    req_ctx *rc = *con_cls;
    if (!rc)
        return;
    buf_free(&rc->body);
    free(rc);
    *con_cls = NULL;
    pthread_mutex_lock(&s->mu);
    s->in_flight--;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    srv *s = cls;
    (void)c;
    (void)socket_context;
    pthread_mutex_lock(&s->mu);
    if (toe == MHD_CONNECTION_NOTIFY_STARTED)
        s->connections++;
    else if (toe == MHD_CONNECTION_NOTIFY_CLOSED)
        s->connections--;
    pthread_mutex_unlock(&s->mu);
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    srv *s = cls;
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0 || !msg)
        return;
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = 0;
    diag_emit(s->cfg.diag, s->cfg.diag_ud, DY_WARNING, DY_EIO, NULL, 0, NULL, -1,
              "serve: libmicrohttpd: %s", msg);
    free(msg);
}

/* ------------------------------------------------------------------ start / stop */

/* Resolve "ADDR:PORT" / "[ADDR]:PORT" into ss (numeric only).  0 ok, -1 bad. */
static int parse_listen(const char *listen, struct sockaddr_storage *ss, socklen_t *sslen,
                        int *ipv6)
{
    const char *colon = strrchr(listen, ':');
    if (!colon || colon == listen || !colon[1])
        return -1;
    const char *a = listen, *a_end = colon;
    if (*a == '[') {
        if (a_end[-1] != ']')
            return -1;
        a++;
        a_end--;
    }
    char *addr = dy_strndup(a, (size_t)(a_end - a));
    if (!addr)
        return -1;
    for (const char *p = colon + 1; *p; p++)
        if (!ascii_isdigit((unsigned char)*p)) {
            free(addr);
            return -1;
        }
    char *end;
    errno = 0;
    long port = strtol(colon + 1, &end, 10);
    if (errno || port < 0 || port > 65535) {
        free(addr);
        return -1;
    }
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
    hints.ai_socktype = SOCK_STREAM;
    int gr = getaddrinfo(addr, colon + 1, &hints, &res);
    free(addr);
    if (gr != 0 || !res)
        return -1;
    if (res->ai_addrlen > sizeof *ss) {
        freeaddrinfo(res);
        return -1;
    }
    memcpy(ss, res->ai_addr, res->ai_addrlen);
    *sslen = res->ai_addrlen;
    *ipv6 = res->ai_family == AF_INET6;
    freeaddrinfo(res);
    return 0;
}

static void srv_free(srv *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nslots; i++)
        api_slot_close(&s->slots[i]);
    free(s->slots);
    free(s->free_slots);
    free(s->web_root);
    pthread_cond_destroy(&s->cv);
    pthread_mutex_destroy(&s->mu);
    free(s);
}

dy_status srv_start(const srv_config *cfg, srv **out, unsigned *port)
{
    *out = NULL;
    srv *s = calloc(1, sizeof *s);
    if (!s) {
        diag_emit(cfg->diag, cfg->diag_ud, DY_ERROR, DY_ENOMEM, NULL, 0, NULL, -1,
                  "serve: out of memory");
        return DY_ENOMEM;
    }
    s->cfg = *cfg;
    if (!s->cfg.listen)
        s->cfg.listen = "127.0.0.1:8080";
    if (!s->cfg.max_body)
        s->cfg.max_body = 1024 * 1024;
    if (!s->cfg.threads)
        s->cfg.threads = 4;
    if (!s->cfg.max_clients)
        s->cfg.max_clients = 64;
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cv, NULL);
    s->env.dict = cfg->dict;
    s->env.diag = cfg->diag;
    s->env.diag_ud = cfg->diag_ud;
    s->env.max_nesting = cfg->max_nesting;
    s->env.max_story_bytes = cfg->max_story_bytes;
    s->env.max_sentence_tokens = cfg->max_sentence_tokens;
    s->env.max_token_bytes = cfg->max_token_bytes;

    struct sockaddr_storage ss;
    socklen_t sslen = 0;
    int ipv6 = 0;
    if (parse_listen(s->cfg.listen, &ss, &sslen, &ipv6)) {
        diag_emit(cfg->diag, cfg->diag_ud, DY_ERROR, DY_EINVAL, NULL, 0, NULL, -1,
                  "serve: --listen wants ADDR:PORT with a numeric address "
                  "(127.0.0.1:8080, [::1]:8080), not '%s'", s->cfg.listen);
        srv_free(s);
        return DY_EINVAL;
    }
    if (cfg->web_dir) {
        s->web_root = realpath(cfg->web_dir, NULL);
        if (!s->web_root)
            diag_emit(cfg->diag, cfg->diag_ud, DY_WARNING, DY_ENOTFOUND, cfg->web_dir, 0, NULL,
                      -1, "serve: web folder not found: %s (no dashboard)", strerror(errno));
    }

    s->nslots = s->cfg.threads;
    s->slots = calloc(s->nslots, sizeof *s->slots);
    s->free_slots = calloc(s->nslots, sizeof *s->free_slots);
    if (!s->slots || !s->free_slots) {
        diag_emit(cfg->diag, cfg->diag_ud, DY_ERROR, DY_ENOMEM, NULL, 0, NULL, -1,
                  "serve: out of memory");
        srv_free(s);
        return DY_ENOMEM;
    }
    for (size_t i = 0; i < s->nslots; i++) {
        dy_status st = api_slot_open(&s->slots[i], &s->env, cfg->db_path);
        if (st != DY_OK) {
            srv_free(s);
            return st;
        }
        s->free_slots[s->nfree++] = i;
    }

    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC |
                     MHD_USE_ERROR_LOG | (ipv6 ? MHD_USE_IPv6 : 0);
    /* a margin above max_clients, so the extra clients get a 503 rather than a reset */
    unsigned conn_limit = s->cfg.max_clients * 2 + 16;
    s->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, s,
        MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, s, /* first: it applies to what follows */
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)s->cfg.threads,
        MHD_OPTION_CONNECTION_LIMIT, conn_limit,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SRV_CONNECTION_TIMEOUT,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
        MHD_OPTION_END);
    if (!s->daemon) {
        diag_emit(cfg->diag, cfg->diag_ud, DY_ERROR, DY_EIO, NULL, 0, NULL, -1,
                  "serve: cannot listen on %s: %s", s->cfg.listen,
                  errno ? strerror(errno) : "libmicrohttpd refused to start");
        srv_free(s);
        return DY_EIO;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    if (port)
        *port = info ? info->port : 0;
    (void)sslen;
    *out = s;
    return DY_OK;
}

long srv_stop(srv *s, long grace_ms)
{
    if (!s)
        return 0;
    MHD_socket listen_fd = MHD_quiesce_daemon(s->daemon);
    struct timespec deadline;
    deadline_after(&deadline, grace_ms > 0 ? grace_ms : 0);
    pthread_mutex_lock(&s->mu);
    s->stopping = 1;
    while (s->in_flight > 0) {
        if (pthread_cond_timedwait(&s->cv, &s->mu, &deadline) == ETIMEDOUT)
            break;
    }
    long left = s->in_flight;
    pthread_mutex_unlock(&s->mu);
    MHD_stop_daemon(s->daemon);
    if (listen_fd != MHD_INVALID_SOCKET)
        close(listen_fd);
    srv_free(s);
    return left;
}
