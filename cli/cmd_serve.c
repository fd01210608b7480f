/*
 * cmd_serve.c - `dyad serve`: the HTTP API over an event store and the dashboard's static
 * files (server/server.h; the API is docs/API.md).  Runs until SIGINT or SIGTERM, then
 * lets the requests in flight finish and closes the store.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../server/server.h"
#include "cli.h"
#include "util/util.h"

/* Milliseconds the requests in flight get to finish after SIGINT/SIGTERM. */
#define SERVE_GRACE_MS 10000

static void serve_usage(FILE *f)
{
    fprintf(f,
            "usage: dyad serve --db FILE [--listen ADDR:PORT] [--dict PATH] [--web DIR]\n"
            "                  [--max-body BYTES] [--threads N] [--max-clients N]\n"
            "Answers the JSON API (GET /health /events /series /network /top, POST /code)\n"
            "over the store FILE and serves the dashboard from --web DIR (default: web/ next\n"
            "to the binary, or ../share/dyad/web when installed).  Default --listen\n"
            "127.0.0.1:8080 (port 0: any free port), --max-body 1048576, --threads 4,\n"
            "--max-clients 64.  Stops on SIGINT or SIGTERM.  --max-nesting limits the JSON\n"
            "nesting of a POST /code body.\n");
    cli_limits_usage(f, CLI_LIM_NESTING | CLI_LIM_CODER | CLI_LIM_DICT);
}

static int parse_size(const char *opt, const char *v, unsigned long long lo,
                      unsigned long long hi, unsigned long long *out)
{
    char *end;
    errno = 0;
    unsigned long long x = strtoull(v, &end, 10);
    if (errno || end == v || *end || v[0] == '-' || x < lo || x > hi) {
        fprintf(stderr, "dyad serve: %s wants a number from %llu to %llu, not '%s'\n", opt, lo,
                hi, v);
        return -1;
    }
    *out = x;
    return 0;
}

static int is_dir(const char *p)
{
    struct stat sb;
    return p && stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* The folder of the running binary (malloc'd), or NULL. */
static char *exe_dir(void)
{
    size_t cap = 256;
    for (;;) {
        char *b = malloc(cap);
        if (!b)
            return NULL;
        ssize_t n = readlink("/proc/self/exe", b, cap);
        if (n < 0) {
            free(b);
            return NULL;
        }
        if ((size_t)n < cap) {
            b[n] = 0;
            char *slash = strrchr(b, '/');
            if (slash)
                *slash = 0;
            return b;
        }
        free(b);
        if (cap > (size_t)1 << 20)
            return NULL;
        cap *= 2;
    }
}

/* The default web folder: web/ next to the binary (build/web), else the installed
 * share/dyad/web; NULL when neither exists. */
static char *default_web_dir(void)
{
    char *dir = exe_dir();
    if (!dir)
        return NULL;
    char *found = NULL;
    const char *const rel[] = {"web", "../share/dyad/web"};
    for (size_t i = 0; i < sizeof rel / sizeof rel[0] && !found; i++) {
        dy_buf p;
        buf_init(&p);
        if (buf_printf(&p, "%s/%s", dir, rel[i]) == 0 && is_dir(p.s))
            found = p.s;
        else
            buf_free(&p);
    }
    free(dir);
    return found;
}

int cmd_serve(int argc, char **argv)
{
    const char *db = NULL, *listen = "127.0.0.1:8080", *dict_path = NULL, *web = NULL;
    unsigned long long max_body = 1024 * 1024, threads = 4, max_clients = 64;
    cli_limits lim = {0, 0, 0, 0, 0, 0, 0};
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(o, "--help") || !strcmp(o, "-h")) {
            serve_usage(stdout);
            return 0;
        }
        int lr = cli_limit_arg("serve", CLI_LIM_NESTING | CLI_LIM_CODER | CLI_LIM_DICT, argc,
                               argv, &i, &lim);
        if (lr < 0)
            return 2;
        if (lr > 0)
            continue;
        if (o[0] != '-' || !v) {
            fprintf(stderr, "dyad serve: %s '%s'\n",
                    o[0] == '-' ? "missing value after" : "unexpected argument", o);
            serve_usage(stderr);
            return 2;
        }
        i++;
        if (!strcmp(o, "--db")) {
            db = v;
        } else if (!strcmp(o, "--listen")) {
            listen = v;
        } else if (!strcmp(o, "--dict")) {
            dict_path = v;
        } else if (!strcmp(o, "--web")) {
            web = v;
        } else if (!strcmp(o, "--max-body")) {
            if (parse_size(o, v, 1, (unsigned long long)1 << 40, &max_body))
                return 2;
        } else if (!strcmp(o, "--threads")) {
            if (parse_size(o, v, 1, 256, &threads))
                return 2;
        } else if (!strcmp(o, "--max-clients")) {
            if (parse_size(o, v, 1, 100000, &max_clients))
                return 2;
        } else {
            fprintf(stderr, "dyad serve: unknown option '%s'\n", o);
            serve_usage(stderr);
            return 2;
        }
    }
    if (!db) {
        fprintf(stderr, "dyad serve: --db FILE is required\n");
        serve_usage(stderr);
        return 2;
    }
    if (access(db, R_OK) != 0) {
        fprintf(stderr, "dyad serve: cannot open store %s: %s\n", db, strerror(errno));
        return 2;
    }
    char *web_default = web ? NULL : default_web_dir();
    dy_dict *d = cli_load_dict(dict_path, 0, &lim);
    if (!d) {
        free(web_default);
        return 2;
    }

    /* SIGINT/SIGTERM are taken by sigwait below: block them before the server's threads
     * start, so they inherit the mask; a client hanging up must not kill the server. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    srv_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.db_path = db;
    cfg.dict = d;
    cfg.listen = listen;
    cfg.web_dir = web ? web : web_default;
    cfg.max_body = (size_t)max_body;
    cfg.threads = (unsigned)threads;
    cfg.max_clients = (unsigned)max_clients;
    cfg.max_nesting = lim.max_nesting;
    cfg.max_story_bytes = lim.max_story_bytes;
    cfg.max_sentence_tokens = lim.max_sentence_tokens;
    cfg.max_token_bytes = lim.max_token_bytes;
    cfg.diag = cli_print_diag;
    srv *s = NULL;
    unsigned port = 0;
    if (srv_start(&cfg, &s, &port) != DY_OK) {
        dy_dict_free(d);
        free(web_default);
        return 2;
    }
    /* the address actually bound (port 0 picks one): scripts read this line */
    const char *colon = strrchr(listen, ':');
    fprintf(stderr, "dyad serve: listening on http://%.*s:%u/ (store %s, web %s)\n",
            (int)(colon - listen), listen, port, db,
            cfg.web_dir ? cfg.web_dir : "(none)");
    fflush(stderr);

    int sig = 0;
    while (sigwait(&stop, &sig) != 0)
        ;
    fprintf(stderr, "dyad serve: %s: finishing the requests in flight\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
    long left = srv_stop(s, SERVE_GRACE_MS);
    dy_dict_free(d);
    free(web_default);
    if (left) {
        fprintf(stderr, "dyad serve: stopped with %ld request(s) unfinished\n", left);
        return 1;
    }
    fprintf(stderr, "dyad serve: stopped\n");
    return 0;
}
