/*
 * cmd_store.c - the store's subcommands: `dyad load` (JSON Lines events, as `dyad code
 * --output jsonl` writes them, into a store), `dyad series` (counts per period for a
 * dyad), `dyad top` (most active dyads, biggest changes) and `dyad info` (what a store
 * holds).  The store itself is store/store.h; the schema is docs/STORE.md.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/store.h"
#include "cli.h"
#include "output.h"
#include "util/json.h"
#include "util/util.h"

/* ------------------------------------------------------------------ shared options */

typedef struct query_args {
    const char *db;
    store_filter f;
    int by;           /* store_period */
    int json;         /* --format json */
    int n;            /* top: --n */
    int32_t vs_from, vs_to;
    int list_stories; /* info: --stories */
    char *source_up, *target_up;
} query_args;

static int parse_int_arg(const char *cmd, const char *opt, const char *v, int lo, int hi,
                         int *out)
{
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (errno || end == v || *end || x < lo || x > hi) {
        fprintf(stderr, "dyad %s: %s wants a number from %d to %d, not '%s'\n", cmd, opt, lo,
                hi, v);
        return -1;
    }
    *out = (int)x;
    return 0;
}

static int parse_date_arg(const char *cmd, const char *opt, const char *v, int32_t *out)
{
    size_t used = 0, n = strlen(v);
    int32_t d = date_parse(v, n, &used);
    if (!d || used != n) {
        fprintf(stderr, "dyad %s: %s wants a date (YYYY-MM-DD), not '%s'\n", cmd, opt, v);
        return -1;
    }
    *out = d;
    return 0;
}

/* An actor pattern, upper-cased (actor codes are upper case); NULL on ENOMEM. */
static char *actor_pattern(const char *v)
{
    char *p = dy_strdup(v);
    for (char *c = p; c && *c; c++)
        *c = (char)ascii_toupper((unsigned char)*c);
    return p;
}

/* Parse the options shared by series, top and info.  Returns 0 ok, 1 --help shown,
 * -1 usage error (message printed). */
static int parse_query_args(const char *cmd, int argc, char **argv, query_args *a,
                            void (*usage)(FILE *))
{
    memset(a, 0, sizeof *a);
    a->by = STORE_BY_MONTH;
    a->n = 20;
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(o, "--help") || !strcmp(o, "-h")) {
            usage(stdout);
            return 1;
        }
        if (!strcmp(o, "--stories")) {
            a->list_stories = 1;
            continue;
        }
        if (o[0] != '-' || !v) {
            fprintf(stderr, "dyad %s: %s '%s'\n", cmd,
                    o[0] == '-' ? "missing value after" : "unexpected argument", o);
            usage(stderr);
            return -1;
        }
        i++;
        int x;
        if (!strcmp(o, "--db")) {
            a->db = v;
        } else if (!strcmp(o, "--source") || !strcmp(o, "--target")) {
            char **slot = o[2] == 's' ? &a->source_up : &a->target_up;
            free(*slot);
            if (!(*slot = actor_pattern(v))) {
                fprintf(stderr, "dyad %s: out of memory\n", cmd);
                return -1;
            }
        } else if (!strcmp(o, "--by")) {
            if ((a->by = store_period_from_name(v)) < 0) {
                fprintf(stderr, "dyad %s: --by wants day, week or month, not '%s'\n", cmd, v);
                return -1;
            }
        } else if (!strcmp(o, "--dedup")) {
            if ((x = store_dedup_from_name(v)) < 0) {
                fprintf(stderr, "dyad %s: --dedup wants none, daily or story, not '%s'\n", cmd,
                        v);
                return -1;
            }
            a->f.dedup = (store_dedup)x;
        } else if (!strcmp(o, "--format")) {
            if (!strcmp(v, "json"))
                a->json = 1;
            else if (!strcmp(v, "csv"))
                a->json = 0;
            else {
                fprintf(stderr, "dyad %s: --format wants csv or json, not '%s'\n", cmd, v);
                return -1;
            }
        } else if (!strcmp(o, "--from")) {
            if (parse_date_arg(cmd, o, v, &a->f.from))
                return -1;
        } else if (!strcmp(o, "--to")) {
            if (parse_date_arg(cmd, o, v, &a->f.to))
                return -1;
        } else if (!strcmp(o, "--vs-from")) {
            if (parse_date_arg(cmd, o, v, &a->vs_from))
                return -1;
        } else if (!strcmp(o, "--vs-to")) {
            if (parse_date_arg(cmd, o, v, &a->vs_to))
                return -1;
        } else if (!strcmp(o, "--root")) {
            if (parse_int_arg(cmd, o, v, 1, 20, &a->f.root))
                return -1;
        } else if (!strcmp(o, "--quad")) {
            if (parse_int_arg(cmd, o, v, 1, 4, &a->f.quad))
                return -1;
        } else if (!strcmp(o, "--n")) {
            if (parse_int_arg(cmd, o, v, 1, 1000000000, &a->n))
                return -1;
        } else if (!strcmp(o, "--dict-version")) {
            a->f.dict_version = v;
        } else {
            fprintf(stderr, "dyad %s: unknown option '%s'\n", cmd, o);
            usage(stderr);
            return -1;
        }
    }
    if (!a->db) {
        fprintf(stderr, "dyad %s: --db FILE is required\n", cmd);
        usage(stderr);
        return -1;
    }
    a->f.source = a->source_up;
    a->f.target = a->target_up;
    return 0;
}

static void free_query_args(query_args *a)
{
    free(a->source_up);
    free(a->target_up);
}

/* Open a store for queries, refusing to create one. */
static store *open_for_query(const char *cmd, const char *path)
{
    FILE *probe = fopen(path, "rb");
    if (!probe) {
        fprintf(stderr, "dyad %s: cannot open store %s: %s\n", cmd, path, strerror(errno));
        return NULL;
    }
    fclose(probe);
    store_opts so = {cli_print_diag, NULL, 0, 0, 0};
    store *s = NULL;
    if (store_open(path, &so, &s) != DY_OK)
        return NULL;
    return s;
}

/* ------------------------------------------------------------------ dyad series */

static void series_usage(FILE *f)
{
    fprintf(f, "usage: dyad series --db FILE [--source PAT] [--target PAT] [--by day|week|month]\n"
               "                   [--from DATE] [--to DATE] [--root N] [--quad N]\n"
               "                   [--dedup none|daily|story] [--format csv|json]\n"
               "                   [--dict-version V]\n"
               "Actor patterns may use * and ? (IRN*).  Default: --by month --dedup none.\n");
}

typedef struct series_out {
    int json;
    long long rows;
} series_out;

static int print_series_row(void *ud, const store_series_row *r)
{
    series_out *o = ud;
    if (o->json) {
        printf("%s{\"period\":\"%s\",\"events\":%lld,\"verbal_coop\":%lld,"
               "\"material_coop\":%lld,\"verbal_conflict\":%lld,\"material_conflict\":%lld,"
               "\"unknown_quad\":%lld,\"goldstein_sum\":%.2f,\"goldstein_mean\":%.3f}",
               o->rows ? ",\n " : "", r->label, r->events, r->quad[1], r->quad[2], r->quad[3],
               r->quad[4], r->quad[0], r->goldstein_sum, r->goldstein_mean);
    } else {
        printf("%s,%lld,%lld,%lld,%lld,%lld,%lld,%.2f,%.3f\n", r->label, r->events, r->quad[1],
               r->quad[2], r->quad[3], r->quad[4], r->quad[0], r->goldstein_sum,
               r->goldstein_mean);
    }
    o->rows++;
    return 0;
}

/* A query runner: the query itself, writing rows through the series_out callbacks. */
typedef dy_status (*query_fn)(store *s, const query_args *a, series_out *o);

/*
 * The common frame of `dyad series` and `dyad top`: parse the arguments, open the store,
 * write the CSV header or the JSON array around the rows `run` writes, close, and check
 * that standard output took it all.  Exit status 0, or 2 on any failure.
 */
static int run_query(const char *cmd, int argc, char **argv, void (*usage)(FILE *),
                     const char *csv_header, query_fn run)
{
    query_args a;
    int pr = parse_query_args(cmd, argc, argv, &a, usage);
    if (pr) {
        free_query_args(&a);
        return pr > 0 ? 0 : 2;
    }
    store *s = open_for_query(cmd, a.db);
    if (!s) {
        free_query_args(&a);
        return 2;
    }
    series_out o = {a.json, 0};
    fputs(a.json ? "[" : csv_header, stdout);
    dy_status st = run(s, &a, &o);
    if (a.json)
        printf("]\n");
    store_close(s);
    free_query_args(&a);
    if (fflush(stdout) || ferror(stdout)) {
        fprintf(stderr, "dyad %s: write error\n", cmd);
        return 2;
    }
    return st == DY_OK ? 0 : 2;
}

static dy_status run_series(store *s, const query_args *a, series_out *o)
{
    return store_series(s, &a->f, (store_period)a->by, print_series_row, o);
}

int cmd_series(int argc, char **argv)
{
    return run_query("series", argc, argv, series_usage,
                     "period,events,verbal_coop,material_coop,verbal_conflict,"
                     "material_conflict,unknown_quad,goldstein_sum,goldstein_mean\n",
                     run_series);
}

/* ------------------------------------------------------------------ dyad top */

static void top_usage(FILE *f)
{
    fprintf(f, "usage: dyad top --db FILE [--from DATE] [--to DATE] [--vs-from DATE]\n"
               "                [--vs-to DATE] [--n 20] [--source PAT] [--target PAT]\n"
               "                [--root N] [--quad N] [--dedup none|daily|story]\n"
               "                [--format csv|json] [--dict-version V]\n"
               "Without --vs-*: the most active dyads.  With them: the dyads whose counts\n"
               "changed most between --vs-from..--vs-to and --from..--to.\n");
}

static int print_top_row(void *ud, const store_top_row *r)
{
    series_out *o = ud;
    if (o->json) {
        printf("%s{\"source\":", o->rows ? ",\n " : "");
        out_json_string(stdout, r->source);
        printf(",\"target\":");
        out_json_string(stdout, r->target);
        printf(",\"events\":%lld,\"goldstein_mean\":%.3f,\"vs_events\":%lld,"
               "\"vs_goldstein_mean\":%.3f,\"change\":%lld}",
               r->events, r->goldstein_mean, r->vs_events, r->vs_goldstein_mean, r->change);
    } else {
        printf("%s,%s,%lld,%.3f,%lld,%.3f,%lld\n", r->source, r->target, r->events,
               r->goldstein_mean, r->vs_events, r->vs_goldstein_mean, r->change);
    }
    o->rows++;
    return 0;
}

static dy_status run_top(store *s, const query_args *a, series_out *o)
{
    return store_top(s, &a->f, a->vs_from, a->vs_to, a->n, print_top_row, o);
}

int cmd_top(int argc, char **argv)
{
    return run_query("top", argc, argv, top_usage,
                     "source,target,events,goldstein_mean,vs_events,vs_goldstein_mean,change\n",
                     run_top);
}

/* ------------------------------------------------------------------ dyad info */

static void info_usage(FILE *f)
{
    fprintf(f, "usage: dyad info --db FILE [--stories]\n"
               "Counts of stories, sentences, events, near-duplicate clusters and committed\n"
               "batches, and an integrity check; --stories lists each story (dictionary\n"
               "version, story id, the story id heading its cluster, events), tab-separated.\n");
}

static int print_story(void *ud, const char *version, const char *doc, const char *cluster_doc,
                       long long events)
{
    (void)ud;
    printf("%s\t%s\t%s\t%lld\n", version, doc, cluster_doc, events);
    return 0;
}

int cmd_info(int argc, char **argv)
{
    query_args a;
    int pr = parse_query_args("info", argc, argv, &a, info_usage);
    if (pr) {
        free_query_args(&a);
        return pr > 0 ? 0 : 2;
    }
    store *s = open_for_query("info", a.db);
    if (!s) {
        free_query_args(&a);
        return 2;
    }
    store_info in;
    dy_status st = store_get_info(s, &in);
    if (st == DY_OK && a.list_stories) {
        st = store_list_stories(s, print_story, NULL);
    } else if (st == DY_OK) {
        printf("schema\t%d\nstories\t%lld\nsentences\t%lld\nevents\t%lld\nclusters\t%lld\n"
               "batches\t%lld\nintegrity\t%s\n",
               in.schema_version, in.stories, in.sentences, in.events, in.clusters, in.batches,
               in.integrity_ok ? "ok" : "FAILED");
    }
    store_close(s);
    free_query_args(&a);
    if (fflush(stdout) || ferror(stdout))
        return 2;
    return st == DY_OK ? (in.integrity_ok ? 0 : 1) : 2;
}

/* ------------------------------------------------------------------ dyad load */

static void load_usage(FILE *f)
{
    fprintf(f, "usage: dyad load --db FILE [--dict-version V] [--batch N] [--quiet]\n"
               "                 [EVENTS.jsonl...|-]\n"
               "Loads events written by 'dyad code --output jsonl'.  A story's events must be\n"
               "on consecutive lines (as dyad code writes them).  Each batch of N stories\n"
               "(default 500) is one transaction; a re-loaded story replaces its events.\n"
               "A line longer than --max-record-bytes or nested deeper than --max-nesting\n"
               "is rejected.\n");
    cli_limits_usage(f, CLI_LIM_RECORD | CLI_LIM_NESTING);
}

/* The events of one story, as their JSON lines, waiting to be written. */
typedef struct pending_story {
    char *doc;
    VEC(char *) lines;
    VEC(long) line_no;
} pending_story;

typedef struct load_state {
    store *s;
    const char *dict_version;
    const char *file;
    json_doc json;
    pending_story p;
    dy_buf text;
    long long stories, events, rejected;
    size_t max_record;          /* longer lines are rejected */
    int batch_size, in_batch_stories, in_batch;
} load_state;

static void pending_clear(pending_story *p)
{
    for (size_t i = 0; i < p->lines.n; i++)
        free(p->lines.v[i]);
    p->lines.n = 0;
    p->line_no.n = 0;
    free(p->doc);
    p->doc = NULL;
}

static const char *jstr(const json_doc *d, const json_node *o, const char *key)
{
    const json_node *n = json_get(d, o, key);
    return n && n->type == JSON_STRING ? n->str : NULL;
}

static int jint(const json_doc *d, const json_node *o, const char *key, int dflt)
{
    const json_node *n = json_get(d, o, key);
    return n && n->type == JSON_NUMBER ? (int)n->num : dflt;
}

/* Parse one event line into ev (strings point into ls->json).  0 ok, -1 rejected
 * (reported). */
static int parse_event(load_state *ls, const char *line, size_t len, long line_no,
                       dy_event *ev)
{
    int rc = json_parse(&ls->json, line, len);
    if (rc == JSON_ENOMEM) {
        fprintf(stderr, "dyad load: out of memory\n");
        return -2;
    }
    const json_node *o = rc == JSON_OK ? json_root(&ls->json) : NULL;
    if (rc == JSON_EDEPTH) {
        fprintf(stderr, "%s:%ld: error: JSON nested deeper than the limit of %zu levels\n",
                ls->file, line_no, ls->json.max_depth);
        return -1;
    }
    if (!o || o->type != JSON_OBJECT) {
        fprintf(stderr, "%s:%ld: error: not a JSON object%s%s\n", ls->file, line_no,
                rc == JSON_OK ? "" : ": ", rc == JSON_OK ? "" : ls->json.err_msg);
        return -1;
    }
    memset(ev, 0, sizeof *ev);
    ev->doc = jstr(&ls->json, o, "doc");
    ev->source = jstr(&ls->json, o, "source");
    ev->target = jstr(&ls->json, o, "target");
    ev->code = jstr(&ls->json, o, "code");
    const char *date = jstr(&ls->json, o, "date");
    size_t used = 0;
    ev->date = date ? date_parse(date, strlen(date), &used) : 0;
    if (!ev->doc || !*ev->doc || !ev->source || !ev->target || !ev->code || !ev->date) {
        fprintf(stderr, "%s:%ld: error: an event needs doc, date, source, target and code\n",
                ls->file, line_no);
        return -1;
    }
    ev->sent = jint(&ls->json, o, "sent", 0);
    ev->root = jint(&ls->json, o, "root", 0);
    ev->quad = jint(&ls->json, o, "quad", 0);
    const json_node *g = json_get(&ls->json, o, "goldstein");
    ev->goldstein = g && g->type == JSON_NUMBER ? g->num : 0;
    ev->sentence = jstr(&ls->json, o, "sentence");
    ev->source_text = jstr(&ls->json, o, "source_text");
    ev->target_text = jstr(&ls->json, o, "target_text");
    ev->verb_text = jstr(&ls->json, o, "verb_text");
    ev->issues = jstr(&ls->json, o, "issues");
    ev->source_start = jint(&ls->json, o, "source_start", -1);
    ev->source_end = jint(&ls->json, o, "source_end", -1);
    ev->target_start = jint(&ls->json, o, "target_start", -1);
    ev->target_end = jint(&ls->json, o, "target_end", -1);
    ev->verb_start = jint(&ls->json, o, "verb_start", -1);
    ev->verb_end = jint(&ls->json, o, "verb_end", -1);
    return 0;
}

/* Write the pending story: its text is its event sentences (each once, in order), the
 * only text a JSON Lines event file keeps.  0 ok, -1 fatal (reported). */
static int flush_story(load_state *ls)
{
    pending_story *p = &ls->p;
    if (!p->doc)
        return 0;
    if (!ls->in_batch) {
        if (store_begin_batch(ls->s) != DY_OK)
            return -1;
        ls->in_batch = 1;
        ls->in_batch_stories = 0;
    }
    dy_event ev;
    dy_story story;
    memset(&story, 0, sizeof story);
    buf_clear(&ls->text);
    int last_sent = -1, max_sent = 0;
    for (size_t i = 0; i < p->lines.n; i++) {
        if (parse_event(ls, p->lines.v[i], strlen(p->lines.v[i]), p->line_no.v[i], &ev))
            return -1; /* parsed once already: only ENOMEM can fail here */
        if (!story.date)
            story.date = ev.date;
        if (ev.sent > max_sent)
            max_sent = ev.sent;
        if (ev.sentence && ev.sent != last_sent) {
            if ((ls->text.len && buf_putc(&ls->text, ' ')) || buf_puts(&ls->text, ev.sentence)) {
                fprintf(stderr, "dyad load: out of memory\n");
                return -1;
            }
            last_sent = ev.sent;
        }
    }
    story.id = p->doc;
    story.text = ls->text.s ? ls->text.s : "";
    story.text_len = ls->text.len;
    if (store_add_story(ls->s, &story, ls->dict_version, -1) != DY_OK)
        return -1;
    for (size_t i = 0; i < p->lines.n; i++) {
        if (parse_event(ls, p->lines.v[i], strlen(p->lines.v[i]), p->line_no.v[i], &ev))
            return -1;
        if (store_add_event(ls->s, &ev) != DY_OK)
            return -1;
        ls->events++;
    }
    ls->stories++;
    pending_clear(p);
    if (++ls->in_batch_stories >= ls->batch_size) {
        ls->in_batch = 0;
        if (store_commit(ls->s) != DY_OK)
            return -1;
    }
    return 0;
}

/* Load one file of event lines.  0 ok (bad lines counted), -1 fatal. */
static int load_file(load_state *ls, const char *path)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        fprintf(stderr, "dyad load: cannot open %s: %s\n", path, strerror(errno));
        ls->rejected++;
        return 0;
    }
    ls->file = path;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long line_no = 0;
    int fatal = 0;
    dy_event ev;
    while (!fatal && (n = getline(&line, &cap, f)) >= 0) {
        line_no++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = 0;
        if (n == 0)
            continue;
        if ((size_t)n > ls->max_record) {
            fprintf(stderr, "%s:%ld: error: line of %zd bytes exceeds the limit of %zu bytes\n",
                    path, line_no, n, ls->max_record);
            ls->rejected++;
            continue;
        }
        int pr = parse_event(ls, line, (size_t)n, line_no, &ev);
        if (pr == -2) {
            fatal = 1;
            break;
        }
        if (pr) {
            ls->rejected++;
            continue;
        }
        if (!ls->p.doc || strcmp(ls->p.doc, ev.doc) != 0) {
            /* a new story: copy its id first (flushing re-parses, so ev goes stale) */
            char *doc = dy_strdup(ev.doc);
            if (!doc) {
                fprintf(stderr, "dyad load: out of memory\n");
                fatal = 1;
                break;
            }
            if (flush_story(ls)) {
                free(doc);
                fatal = 1;
                break;
            }
            ls->p.doc = doc;
        }
        char *copy = dy_strndup(line, (size_t)n);
        if (!copy || VEC_PUSH(&ls->p.lines, copy)) {
            free(copy);
            fprintf(stderr, "dyad load: out of memory\n");
            fatal = 1;
            break;
        }
        if (VEC_PUSH(&ls->p.line_no, line_no)) {
            fprintf(stderr, "dyad load: out of memory\n");
            fatal = 1;
            break;
        }
    }
    if (!fatal && ferror(f)) {
        fprintf(stderr, "dyad load: error reading %s: %s\n", path, strerror(errno));
        ls->rejected++;
    }
    free(line);
    if (f != stdin)
        fclose(f);
    /* a story does not continue into the next file's lines */
    if (!fatal && flush_story(ls))
        fatal = 1;
    return fatal ? -1 : 0;
}

int cmd_load(int argc, char **argv)
{
    const char *db = NULL, *version = "builtin";
    int batch = 500, quiet = 0, nfiles = 0, lr;
    cli_limits lim = {0, 0, 0, 0, 0, 0, 0};
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files)
        return 2;
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "--db") && i + 1 < argc) {
            db = argv[++i];
        } else if (!strcmp(o, "--dict-version") && i + 1 < argc) {
            version = argv[++i];
        } else if (!strcmp(o, "--batch") && i + 1 < argc) {
            if (parse_int_arg("load", o, argv[++i], 1, 1000000000, &batch)) {
                free(files);
                return 2;
            }
        } else if (!strcmp(o, "--quiet") || !strcmp(o, "-q")) {
            quiet = 1;
        } else if (!strcmp(o, "--help") || !strcmp(o, "-h")) {
            load_usage(stdout);
            free(files);
            return 0;
        } else if ((lr = cli_limit_arg("load", CLI_LIM_RECORD | CLI_LIM_NESTING, argc, argv, &i,
                                       &lim)) != 0) {
            if (lr < 0) {
                free(files);
                return 2;
            }
        } else if (o[0] == '-' && o[1]) {
            fprintf(stderr, "dyad load: unknown option or missing value '%s'\n", o);
            load_usage(stderr);
            free(files);
            return 2;
        } else {
            files[nfiles++] = argv[i];
        }
    }
    if (!db) {
        fprintf(stderr, "dyad load: --db FILE is required\n");
        load_usage(stderr);
        free(files);
        return 2;
    }
    if (!nfiles)
        files[nfiles++] = "-";
    store_opts so = {cli_print_diag, NULL, 0, 0, 0};
    load_state ls;
    memset(&ls, 0, sizeof ls);
    ls.dict_version = version;
    ls.batch_size = batch;
    json_init(&ls.json);
    /* the same defaults as the story readers (64 MiB, 256 levels) */
    ls.json.max_depth = lim.max_nesting ? lim.max_nesting : 256;
    ls.max_record = lim.max_record_bytes ? lim.max_record_bytes : (size_t)64 << 20;
    buf_init(&ls.text);
    int fatal = store_open(db, &so, &ls.s) != DY_OK;
    for (int k = 0; k < nfiles && !fatal; k++)
        fatal = load_file(&ls, files[k]) != 0;
    if (!fatal && ls.in_batch) {
        ls.in_batch = 0;
        fatal = store_commit(ls.s) != DY_OK;
    }
    if (fatal && ls.s)
        fprintf(stderr, "dyad load: stopped; the batch in progress was not written\n");
    store_close(ls.s); /* rolls back an open batch */
    pending_clear(&ls.p);
    VEC_FREE(&ls.p.lines);
    VEC_FREE(&ls.p.line_no);
    json_free(&ls.json);
    buf_free(&ls.text);
    free(files);
    if (!quiet)
        fprintf(stderr, "dyad load: %lld stories, %lld events stored, %lld lines rejected\n",
                ls.stories, ls.events, ls.rejected);
    if (fatal)
        return 2;
    return ls.rejected ? 1 : 0;
}
