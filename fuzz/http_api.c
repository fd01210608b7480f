/*
 * http_api.c - libFuzzer harness: the HTTP request handling of `dyad serve` below
 * libmicrohttpd, that is api_handle (server/api.c, server/events.c: routing, query
 * parameters, POST /code bodies, the store queries) over a small event store, and the
 * static-file mapping (server/static_path.c) over a small web root.
 *
 * Input framing (every part optional; a missing part is empty):
 *
 *     METHOD SP PATH LF        the method is the bytes before the first space, the path
 *                              the rest of the line
 *     NAME=VALUE LF ...        one query parameter per line, names may repeat; a line
 *                              without '=' is a parameter with no value (MHD's "?flag")
 *     LF                       an empty line ends the parameters
 *     BODY                     the rest of the input: the request body, raw bytes
 *
 * Method, path, names and values are handed over as C strings, so each ends at its first
 * NUL byte, as libmicrohttpd (which has already %-decoded them) hands them to server.c.
 * The body is bytes with a length in an exact-size buffer (no NUL after it), NULL when
 * empty.  Parameter names are looked up case-insensitively, first one wins, as
 * MHD_lookup_connection_value does.
 *
 * Once per process it codes a few stories of its own with the built-in dictionaries into
 * a store in the private scratch folder (two dictionary versions, a reprint for story
 * de-duplication, repeated events for daily de-duplication) and builds a web root there
 * with files, a directory, and symbolic links that lead out of it.
 *
 * Checks (a failed one aborts): api_handle returns 1 exactly for the six API routes
 * (with or without one trailing '/') and 0 for every other path; never -1 (no allocation
 * fails while fuzzing, so -1 would be an error reported as "out of memory"); 405 exactly
 * when the method is not the route's, with an Allow list; otherwise 200 or 400 (or 413
 * for POST /code), never 500 (the store is healthy, so 500 means a query broke on input);
 * the body is non-NULL, NUL-terminated at `len`, free of NUL bytes, strict UTF-8 (it is
 * served as such), one JSON object (lib/util/json.c) with "error" and the same "status"
 * for errors, and the members of docs/API.md for each route's 200 answer.  Any path
 * safe_url_path accepts starts with '/' and has no control byte, backslash or ".."
 * segment; any file static_file_path returns is a regular file inside the web root and
 * not the file the links lead to.
 *
 * The build needs these sources besides libdyad.a (make fuzz-build and
 * tests/fuzz_replay.sh read the next line):
 * fuzz-link: store/dedup.c store/series.c store/store.c server/api.c server/events.c server/static_path.c cli/output.c -lsqlite3
 */
#include <sys/stat.h>

#include "fuzz_common.h"

#include "../server/api.h"
#include "../server/static_path.h"
#include "../store/store.h"
#include "text/text_private.h"
#include "util/json.h"
#include "util/util.h"

#define HTTP_FAIL(...)                                                                     \
    do {                                                                                   \
        fprintf(stderr, "http_api: " __VA_ARGS__);                                         \
        fputc('\n', stderr);                                                               \
        abort();                                                                           \
    } while (0)

/* ------------------------------------------------------------------ process state */

static dy_dict *http_dict;
static api_env http_env;
static api_slot http_slot;
static json_doc http_answer;        /* the parsed response bodies */
static char *http_web_root;         /* realpath of the web root */
static struct stat http_secret;     /* the file outside the root the links lead to */
static long long http_events, http_stories;

/* The stories coded into the store: dictionary version, id, date, text. */
static const struct {
    const char *version, *id;
    int32_t date;
    const char *text;
} http_corpus[] = {
    {"alt", "alt-1", 20240105, "Iran accused Iraq of shelling border villages on Monday."},
    {"alt", "alt-2", 20240212, "France sent humanitarian aid to Lebanon after the explosion."},
    {"builtin", "s1", 20240105, "Iran accused Iraq of shelling border villages on Monday. "
                                "Iraqi officials met the Turkish ambassador in Baghdad."},
    {"builtin", "s2", 20240105, "Iran accused Iraq of shelling border villages on Monday."},
    {"builtin", "s1-reprint", 20240106,
     "Iran accused Iraq of shelling border villages on Monday. "
     "Iraqi officials met the Turkish ambassador in Baghdad."},
    {"builtin", "s3", 20240320, "Russia threatened Ukraine with new sanctions over the gas "
                                "dispute. Japan and South Korea signed an agreement on trade."},
    {"builtin", "s4", 20240611, "The Egyptian president praised Israel for agreeing to a "
                                "ceasefire in Gaza."},
    {"builtin", "s5", 20241230, "Chinese troops clashed with Indian soldiers along the "
                                "disputed frontier. Kenyan police arrested protesters in "
                                "Nairobi."},
    {"builtin", "s6", 20250102, "France sent humanitarian aid to Lebanon after the "
                                "explosion. Russia threatened Ukraine with new sanctions."},
};

static void http_teardown(void)
{
    api_slot_close(&http_slot);
    json_free(&http_answer);
    dy_dict_free(http_dict);
    free(http_web_root);
}

/* Code http_corpus into a new store at db_path; counts the stories and events stored. */
static void http_make_store(const char *db_path)
{
    store_opts so;
    memset(&so, 0, sizeof so);
    so.diag = fuzz_diag;
    store *st = NULL;
    dy_coder *c = dy_coder_new(http_dict, NULL);
    if (!c || store_open(db_path, &so, &st) != DY_OK)
        HTTP_FAIL("cannot create the store %s", db_path);
    const char *batch_version = NULL;
    for (size_t i = 0; i < sizeof http_corpus / sizeof http_corpus[0]; i++) {
        /* one batch per dictionary version, the built-in one last (the default version) */
        if (!batch_version || strcmp(batch_version, http_corpus[i].version)) {
            if ((batch_version && store_commit(st) != DY_OK) || store_begin_batch(st) != DY_OK)
                HTTP_FAIL("cannot write the store");
            batch_version = http_corpus[i].version;
        }
        dy_story s;
        memset(&s, 0, sizeof s);
        s.id = http_corpus[i].id;
        s.date = http_corpus[i].date;
        s.text = http_corpus[i].text;
        s.text_len = strlen(s.text);
        if (dy_coder_feed(c, &s) != DY_OK ||
            store_add_story(st, &s, batch_version, dy_coder_sentence_count(c)) != DY_OK)
            HTTP_FAIL("cannot code story %s into the store", s.id);
        http_stories++;
        const dy_event *ev;
        while ((ev = dy_coder_next_event(c))) {
            if (store_add_event(st, ev) != DY_OK)
                HTTP_FAIL("cannot store an event of story %s", s.id);
            http_events++;
        }
    }
    if (store_commit(st) != DY_OK)
        HTTP_FAIL("cannot commit the store");
    store_close(st);
    dy_coder_free(c);
    if (http_events < 10)
        HTTP_FAIL("the built-in dictionaries coded only %lld events", http_events);
}

static char *http_join(const char *dir, const char *name)
{
    dy_buf b;
    buf_init(&b);
    if (buf_printf(&b, "%s/%s", dir, name))
        HTTP_FAIL("out of memory");
    return b.s;
}

static void http_write(const char *dir, const char *name, const char *text)
{
    char *p = http_join(dir, name);
    FILE *f = fopen(p, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0)
        HTTP_FAIL("cannot write %s", p);
    free(p);
}

static void http_mkdir(const char *dir, const char *name)
{
    char *p = http_join(dir, name);
    if (mkdir(p, 0700) != 0)
        HTTP_FAIL("cannot create %s", p);
    free(p);
}

static void http_symlink(const char *dir, const char *name, const char *target)
{
    char *p = http_join(dir, name);
    if (symlink(target, p) != 0)
        HTTP_FAIL("cannot create the link %s", p);
    free(p);
}

/* The web root: web/{index.html, app.js, sub/{index.html, style.css}, empty/} and links
 * out of it (out -> ../secret.txt, up -> .., abs -> the secret's absolute path), plus one
 * inside it (self -> .). */
static void http_make_web(const char *dir)
{
    http_write(dir, "secret.txt", "outside the web root\n");
    http_mkdir(dir, "web");
    char *web = http_join(dir, "web");
    http_write(web, "index.html", "<!doctype html><title>dyad</title>\n");
    http_write(web, "app.js", "export {};\n");
    http_mkdir(web, "sub");
    http_write(web, "sub/index.html", "<!doctype html><title>sub</title>\n");
    http_write(web, "sub/style.css", "body {}\n");
    http_mkdir(web, "empty");
    http_symlink(web, "out", "../secret.txt");
    http_symlink(web, "up", "..");
    http_symlink(web, "self", ".");
    char *secret = http_join(dir, "secret.txt");
    http_symlink(web, "abs", secret);
    if (stat(secret, &http_secret) != 0)
        HTTP_FAIL("cannot stat %s", secret);
    free(secret);
    http_web_root = realpath(web, NULL);
    free(web);
    if (!http_web_root)
        HTTP_FAIL("no real path for the web root");
    /* the mapping must work at all, or the checks below prove nothing */
    char *index = static_file_path(http_web_root, "/");
    char *css = static_file_path(http_web_root, "/sub/style.css");
    if (!index || !css)
        HTTP_FAIL("static_file_path does not find the web root's files");
    free(index);
    free(css);
}

static void http_setup(void)
{
    const char *dir = fuzz_dir();
    if (!dir)
        HTTP_FAIL("no scratch folder");
    dy_dict_opts dopts = {.diag = NULL, .diag_ud = NULL};
    if (dy_dict_load_builtin(&dopts, &http_dict) != DY_OK)
        HTTP_FAIL("the built-in dictionaries did not load");
    atexit(http_teardown); /* runs before fuzz_dir_remove, registered earlier */
    char *db = http_join(dir, "events.sqlite");
    http_make_store(db);
    http_env.dict = http_dict;
    http_env.diag = fuzz_diag;
    if (api_slot_open(&http_slot, &http_env, db) != DY_OK)
        HTTP_FAIL("api_slot_open failed");
    free(db);
    http_make_web(dir);
}

/* ------------------------------------------------------------------ the request */

typedef struct http_param {
    char *name, *value; /* value NULL: no '=' */
} http_param;

typedef struct http_input {
    char *method, *path;
    VEC(http_param) params;
    char *body; /* exact size, NULL when empty */
    size_t body_len;
} http_input;

/* A C string of the bytes [s, s+n) (it ends at the first NUL among them, as MHD's do). */
static char *http_str(const uint8_t *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        HTTP_FAIL("out of memory");
    if (n)
        memcpy(p, s, n);
    p[n] = 0;
    return p;
}

static void http_parse(const uint8_t *data, size_t size, http_input *in)
{
    memset(in, 0, sizeof *in);
    size_t pos = 0;
    const uint8_t *nl = size ? memchr(data, '\n', size) : NULL;
    size_t end = nl ? (size_t)(nl - data) : size;
    const uint8_t *sp = end ? memchr(data, ' ', end) : NULL;
    size_t mlen = sp ? (size_t)(sp - data) : end;
    in->method = http_str(data, mlen);
    in->path = sp ? http_str(sp + 1, end - mlen - 1) : http_str(data, 0);
    pos = nl ? end + 1 : size;
    int body = 0;
    while (pos < size) {
        nl = memchr(data + pos, '\n', size - pos);
        end = nl ? (size_t)(nl - data) : size;
        if (end == pos) { /* the empty line */
            pos = end + 1;
            body = 1;
            break;
        }
        const uint8_t *eq = memchr(data + pos, '=', end - pos);
        http_param p;
        p.name = http_str(data + pos, eq ? (size_t)(eq - data) - pos : end - pos);
        p.value = eq ? http_str(eq + 1, end - (size_t)(eq + 1 - data)) : NULL;
        if (VEC_PUSH(&in->params, p))
            HTTP_FAIL("out of memory");
        pos = nl ? end + 1 : size;
    }
    if (body && pos < size) {
        in->body_len = size - pos;
        in->body = malloc(in->body_len);
        if (!in->body)
            HTTP_FAIL("out of memory");
        memcpy(in->body, data + pos, in->body_len);
    }
}

static void http_input_free(http_input *in)
{
    for (size_t i = 0; i < in->params.n; i++) {
        free(in->params.v[i].name);
        free(in->params.v[i].value);
    }
    VEC_FREE(&in->params);
    free(in->method);
    free(in->path);
    free(in->body);
}

static const char *http_lookup(void *ud, const char *name)
{
    const http_input *in = ud;
    for (size_t i = 0; i < in->params.n; i++)
        if (!ascii_strcasecmp(in->params.v[i].name, name))
            return in->params.v[i].value;
    return NULL;
}

/* ------------------------------------------------------------------ the checks */

typedef enum http_route {
    HR_NONE, HR_HEALTH, HR_CODE, HR_EVENTS, HR_SERIES, HR_NETWORK, HR_TOP
} http_route;

/* The route docs/API.md gives the path: a route's name, optionally followed by one '/'. */
static http_route http_route_of(const char *path)
{
    static const char *const names[] = {NULL,       "/health",  "/code", "/events",
                                        "/series", "/network", "/top"};
    size_t n = strlen(path);
    if (n > 1 && path[n - 1] == '/')
        n--;
    for (int r = HR_HEALTH; r <= HR_TOP; r++)
        if (strlen(names[r]) == n && !memcmp(path, names[r], n))
            return (http_route)r;
    return HR_NONE;
}

/* Visit every node of the answer (so a bad node count or string is caught). */
static void http_walk(const json_node *n)
{
    if (n->key)
        fuzz_sink += n->key_len + (size_t)strlen(n->key);
    if (n->type == JSON_STRING || n->type == JSON_NUMBER)
        fuzz_sink += n->len + (n->str ? (size_t)n->str[0] : 0);
    for (const json_node *c = json_first(&http_answer, n); c; c = json_next(&http_answer, n, c))
        http_walk(c);
}

/* The member `key` of obj with type t, or abort. */
static const json_node *http_member(const json_node *obj, const char *key, json_type t,
                                    const char *path)
{
    const json_node *m = json_get(&http_answer, obj, key);
    if (!m || m->type != t)
        HTTP_FAIL("%s: the answer's \"%s\" is %s, not %s", path, key,
                  m ? json_type_name(m->type) : "missing", json_type_name(t));
    return m;
}

/* Every element of array a is an object with member key of type t. */
static void http_each_has(const json_node *a, const char *key, json_type t, const char *path)
{
    for (const json_node *e = json_first(&http_answer, a); e; e = json_next(&http_answer, a, e)) {
        if (e->type != JSON_OBJECT)
            HTTP_FAIL("%s: an element is %s, not an object", path, json_type_name(e->type));
        http_member(e, key, t, path);
    }
}

/* Is `id` the "id" of an element of the nodes array? */
static int http_has_node(const json_node *nodes, const json_node *id)
{
    for (const json_node *e = json_first(&http_answer, nodes); e;
         e = json_next(&http_answer, nodes, e)) {
        const json_node *x = json_get(&http_answer, e, "id");
        if (x && x->type == JSON_STRING && x->len == id->len && !memcmp(x->str, id->str, id->len))
            return 1;
    }
    return 0;
}

/* The members docs/API.md promises in each route's 200 answer. */
static void http_check_ok(http_route r, const json_node *root, const http_input *in)
{
    const char *path = in->path;
    if (r == HR_HEALTH) {
        const json_node *s = http_member(root, "status", JSON_STRING, path);
        if (strcmp(s->str, "ok"))
            HTTP_FAIL("/health: status \"%s\"", s->str);
        http_member(root, "version", JSON_STRING, path);
        if (http_member(root, "events", JSON_NUMBER, path)->num != (double)http_events ||
            http_member(root, "stories", JSON_NUMBER, path)->num != (double)http_stories)
            HTTP_FAIL("/health: counts differ from the %lld events and %lld stories stored",
                      http_events, http_stories);
    } else if (r == HR_CODE) {
        const json_node *ev = http_member(root, "events", JSON_ARRAY, path);
        http_each_has(ev, "code", JSON_STRING, path);
        http_each_has(ev, "sentence", JSON_STRING, path);
        if (http_member(root, "sentences", JSON_NUMBER, path)->num < 0)
            HTTP_FAIL("/code: negative sentence count");
        const char *ex = http_lookup((void *)in, "explain");
        int explain = ex && (!strcmp(ex, "1") || !strcmp(ex, "true"));
        const json_node *tr = json_get(&http_answer, root, "trace");
        if (explain != (tr != NULL) || (tr && tr->type != JSON_ARRAY))
            HTTP_FAIL("/code: a trace %s with explain=%s", tr ? "present" : "missing",
                      ex ? ex : "(none)");
    } else if (r == HR_EVENTS) {
        const json_node *ev = http_member(root, "events", JSON_ARRAY, path);
        double total = http_member(root, "total", JSON_NUMBER, path)->num;
        http_each_has(ev, "id", JSON_NUMBER, path);
        http_each_has(ev, "code", JSON_STRING, path);
        if ((double)ev->count > total || total > (double)http_events)
            HTTP_FAIL("/events: %zu events of total %g (%lld stored)", ev->count, total,
                      http_events);
    } else if (r == HR_SERIES) {
        const json_node *p = http_member(root, "periods", JSON_ARRAY, path);
        http_each_has(p, "period", JSON_STRING, path);
        http_each_has(p, "events", JSON_NUMBER, path);
    } else if (r == HR_TOP) {
        const json_node *d = http_member(root, "dyads", JSON_ARRAY, path);
        http_each_has(d, "source", JSON_STRING, path);
        http_each_has(d, "target", JSON_STRING, path);
        http_each_has(d, "events", JSON_NUMBER, path);
    } else if (r == HR_NETWORK) {
        const json_node *nodes = http_member(root, "nodes", JSON_ARRAY, path);
        const json_node *edges = http_member(root, "edges", JSON_ARRAY, path);
        http_each_has(nodes, "id", JSON_STRING, path);
        for (const json_node *e = json_first(&http_answer, edges); e;
             e = json_next(&http_answer, edges, e)) {
            if (e->type != JSON_OBJECT)
                HTTP_FAIL("/network: an edge is not an object");
            if (!http_has_node(nodes, http_member(e, "source", JSON_STRING, path)) ||
                !http_has_node(nodes, http_member(e, "target", JSON_STRING, path)))
                HTTP_FAIL("/network: an edge's actor is not among the nodes");
        }
    }
}

static void http_check_answer(const http_input *in, int rc, const api_response *rs)
{
    http_route r = http_route_of(in->path);
    if (rc == 0) {
        if (r != HR_NONE)
            HTTP_FAIL("api_handle returned 0 for the API route '%s'", in->path);
        if (rs->body)
            HTTP_FAIL("api_handle returned 0 with a body");
        return;
    }
    if (rc != 1)
        HTTP_FAIL("api_handle returned %d for %s '%s'", rc, in->method, in->path);
    if (r == HR_NONE)
        HTTP_FAIL("api_handle answered the non-API path '%s'", in->path);
    if (!rs->body)
        HTTP_FAIL("api_handle returned 1 without a body");
    if (rs->body[rs->len] != 0 || memchr(rs->body, 0, rs->len))
        HTTP_FAIL("the body's length %zu is not its string length %zu", rs->len,
                  strlen(rs->body));
    int get = !strcmp(in->method, "GET") || !strcmp(in->method, "HEAD");
    int allowed = r == HR_CODE ? !strcmp(in->method, "POST") : get;
    if ((rs->status == 405) != !allowed)
        HTTP_FAIL("%s '%s': status %d", in->method, in->path, rs->status);
    if (rs->status == 405 && !rs->allow)
        HTTP_FAIL("405 without an Allow list");
    if (rs->status != 200 && rs->status != 400 && rs->status != 405 &&
        !(rs->status == 413 && r == HR_CODE))
        HTTP_FAIL("%s '%s': status %d", in->method, in->path, rs->status);
    /* served as "application/json; charset=utf-8": strict UTF-8 (json.c would take any byte) */
    for (size_t i = 0, used = 0; i < rs->len; i += used)
        if (text_utf8_decode(rs->body + i, rs->len - i, &used) == TEXT_UTF8_INVALID)
            HTTP_FAIL("the answer is not UTF-8 at byte %zu: %.200s", i, rs->body);
    int jr = json_parse(&http_answer, rs->body, rs->len);
    if (jr != JSON_OK)
        HTTP_FAIL("the answer is not JSON (byte %zu: %s): %.200s", http_answer.err_off,
                  http_answer.err_msg ? http_answer.err_msg : "?", rs->body);
    const json_node *root = json_root(&http_answer);
    if (!root || root->type != JSON_OBJECT)
        HTTP_FAIL("the answer is not a JSON object: %.200s", rs->body);
    http_walk(root);
    if (rs->status != 200) {
        http_member(root, "error", JSON_STRING, in->path);
        if (http_member(root, "status", JSON_NUMBER, in->path)->num != (double)rs->status)
            HTTP_FAIL("an error answer's status member differs from %d", rs->status);
        return;
    }
    http_check_ok(r, root, in);
}

/* safe_url_path and static_file_path on the request's path. */
static void http_check_static(const char *url)
{
    int safe = safe_url_path(url);
    if (safe) {
        if (url[0] != '/')
            HTTP_FAIL("safe_url_path accepted '%s', which does not start with '/'", url);
        for (const char *p = url; *p; p++)
            if ((unsigned char)*p < 0x20 || *p == '\\')
                HTTP_FAIL("safe_url_path accepted a control byte or backslash");
        for (const char *seg = url + 1;; ) {
            const char *slash = strchr(seg, '/');
            size_t n = slash ? (size_t)(slash - seg) : strlen(seg);
            if (n == 2 && seg[0] == '.' && seg[1] == '.')
                HTTP_FAIL("safe_url_path accepted a '..' segment in '%s'", url);
            if (!slash)
                break;
            seg = slash + 1;
        }
    }
    char *file = static_file_path(http_web_root, url);
    if (!file)
        return;
    size_t rl = strlen(http_web_root);
    struct stat sb;
    if (!safe)
        HTTP_FAIL("static_file_path mapped '%s', which safe_url_path refuses", url);
    if (strncmp(file, http_web_root, rl) || file[rl] != '/')
        HTTP_FAIL("'%s' mapped outside the web root: %s", url, file);
    if (strstr(file, "/../") || strstr(file, "/./") || strstr(file, "//"))
        HTTP_FAIL("'%s' mapped to a path that is not a real path: %s", url, file);
    if (lstat(file, &sb) != 0 || !S_ISREG(sb.st_mode))
        HTTP_FAIL("'%s' mapped to something not a regular file: %s", url, file);
    if (sb.st_dev == http_secret.st_dev && sb.st_ino == http_secret.st_ino)
        HTTP_FAIL("'%s' reached the file outside the web root", url);
    free(file);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        ready = 1;
        http_setup();
    }
    http_input in;
    http_parse(data, size, &in);
    api_request rq = {in.method, in.path, http_lookup, &in, in.body, in.body_len};
    api_response rs;
    int rc = api_handle(&http_slot, &http_env, &rq, &rs);
    http_check_answer(&in, rc, &rs);
    free(rs.body);
    http_check_static(in.path);
    http_input_free(&in);
    return 0;
}
