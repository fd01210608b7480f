/*
 * cmd_code.c - `dyad code`: read stories from files or stdin, code them, write events.
 * Bad records are reported (file, line, reason) and skipped; a summary line at the end
 * counts stories read, sentences coded, events written (and, with --ontology plover, events
 * left out for want of a PLOVER type) and records rejected.  With -o the
 * output goes to a temporary file renamed into place only when the run completes.
 * With --threads N (N > 1, or 0 for one per online CPU) the stories are coded in parallel
 * by cli/pipeline.c; the output, diagnostics and counts are the same as with one thread.
 * The environment variables DYAD_BATCH_STORIES and DYAD_QUEUE_DEPTH tune that pipeline.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "outfile.h"
#include "output.h"
#include "pipeline.h"
#include "progress.h"
#include "../store/store.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: dyad code [--dict PATH] [--format auto|text|jsonl|xml|tabari]\n"
               "                 [--output tsv|jsonl] [--ontology cameo|plover] [-o FILE]\n"
               "                 [--rejects FILE] [--db FILE [--dict-version V]] [--threads N]\n"
               "                 [--quiet] [--max-... N] [FILE...|-]\n"
               "  --ontology cameo   (default) TSV columns: date, source, target, CAMEO code,\n"
               "                     story id, sentence number\n"
               "  --ontology plover  TSV columns: date, source, target, PLOVER type, PLOVER mode\n"
               "                     (empty if none), story id, sentence number; JSON Lines\n"
               "                     keep \"code\" (CAMEO) and the plover fields.  Events whose\n"
               "                     CAMEO code has no PLOVER type are left out (and not stored\n"
               "                     with --db); the summary line counts them.\n");
    cli_limits_usage(f, CLI_LIM_ALL);
}

/* Parse a whole non-negative decimal number into *out.  0 ok, -1 if s is not one. */
static int parse_count(const char *s, long long max, long long *out)
{
    if (!s || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v < 0 || v > max)
        return -1;
    *out = v;
    return 0;
}

/* A pipeline tuning value from the environment: 0 (the default) when unset.  -1 if set to
 * something other than a positive number (reported). */
static int env_count(const char *name, size_t *out)
{
    const char *v = getenv(name);
    long long n;
    *out = 0;
    if (!v || !*v)
        return 0;
    if (parse_count(v, INT_MAX, &n) || n == 0) {
        fprintf(stderr, "dyad code: %s must be a positive number, not '%s'\n", name, v);
        return -1;
    }
    *out = (size_t)n;
    return 0;
}

/* Diagnostics of the sequential run: printed, and errors also written to the --rejects
 * report (ud: its FILE, or NULL). */
static void seq_diag(void *ud, const dy_diag *d)
{
    FILE *rejects = ud;
    cli_print_diag(NULL, d);
    if (rejects && d->severity == DY_ERROR) {
        char *line = NULL;
        size_t n = 0;
        if (out_reject_line(d, &line, &n) == 0)
            fwrite(line, 1, n, rejects);
        free(line);
    }
}

/* Code every story of files one by one on this thread, adding to *counts.  0 when the run
 * completed, -1 on a fatal error (message printed). */
/* Stories per store transaction (dyad code --db). */
#define DB_BATCH_STORIES 500

static int code_sequential(dy_coder *c, char **files, int nfiles, dy_format fmt,
                           const cli_limits *lim, FILE *out, out_format ofmt,
                           out_ontology ont, FILE *rejects,
                           store *db, const char *db_version, progress *prog,
                           code_counts *counts)
{
    int fatal = 0;
    long long in_batch = 0;
    if (db && store_begin_batch(db) != DY_OK)
        return -1;
    for (int k = 0; k < nfiles && !fatal; k++) {
        dy_reader_opts ro = {fmt, seq_diag, rejects, 0, 0};
        cli_reader_limits(lim, &ro);
        dy_reader *r = NULL;
        if (dy_reader_open(files[k], &ro, &r) != DY_OK) {
            counts->failed++;
            continue;
        }
        dy_story s;
        dy_status st;
        while ((st = dy_reader_next(r, &s)) == DY_OK) {
            counts->stories++;
            dy_status cs = dy_coder_feed(c, &s);
            if (cs == DY_ENOMEM) {
                fprintf(stderr, "dyad code: out of memory coding story %s\n", s.id);
                fatal = 1;
                break;
            }
            if (cs != DY_OK) {
                counts->rejected++;
                continue;
            }
            counts->sentences += dy_coder_sentence_count(c);
            progress_story(prog, k, s.byte, counts->stories, counts->sentences);
            if (db && store_add_story(db, &s, db_version, dy_coder_sentence_count(c)) != DY_OK) {
                fatal = 1;
                break;
            }
            const dy_event *ev;
            while ((ev = dy_coder_next_event(c))) {
                if (!out_event_kept(ont, ev)) {
                    counts->left_out++;
                    continue;
                }
                if (out_event_as(out, ofmt, ont, ev)) {
                    fprintf(stderr, "dyad code: write error: %s\n", strerror(errno));
                    fatal = 1;
                    break;
                }
                if (db && store_add_event(db, ev) != DY_OK) {
                    fatal = 1;
                    break;
                }
                counts->events++;
            }
            if (!fatal && db && ++in_batch >= DB_BATCH_STORIES) {
                in_batch = 0;
                if (store_commit(db) != DY_OK || store_begin_batch(db) != DY_OK)
                    fatal = 1;
            }
            if (fatal)
                break;
        }
        if (st != DY_OK && st != DY_EEOF)
            counts->failed++;
        dy_reader_stats rs;
        dy_reader_get_stats(r, &rs);
        counts->rejected += rs.records_rejected;
        if (st == DY_EEOF && cli_input_unrecognised(r, files[k], seq_diag, rejects))
            counts->failed++;
        dy_reader_close(r);
    }
    if (db && !fatal && store_commit(db) != DY_OK)
        fatal = 1;
    return fatal ? -1 : 0;
}

int cmd_code(int argc, char **argv)
{
    const char *dict_path = NULL, *out_path = NULL, *rejects_path = NULL, *db_path = NULL;
    const char *db_version = NULL;
    int fmt = DY_FMT_AUTO, quiet = 0;
    long long threads = 1;
    out_format ofmt = OUT_TSV;
    out_ontology ont = ONT_CAMEO;
    cli_limits lim = {0, 0, 0, 0, 0, 0, 0};
    int nfiles = 0, lr;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files)
        return 2;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--dict") && i + 1 < argc) {
            dict_path = argv[++i];
        } else if (!strcmp(a, "--format") && i + 1 < argc) {
            fmt = dy_format_from_name(argv[++i]);
            if (fmt < 0) {
                fprintf(stderr, "dyad code: unknown format '%s'\n", argv[i]);
                free(files);
                return 2;
            }
        } else if (!strcmp(a, "--output") && i + 1 < argc) {
            const char *o = argv[++i];
            if (!strcmp(o, "tsv"))
                ofmt = OUT_TSV;
            else if (!strcmp(o, "jsonl") || !strcmp(o, "json"))
                ofmt = OUT_JSONL;
            else {
                fprintf(stderr, "dyad code: unknown output '%s' (tsv or jsonl)\n", o);
                free(files);
                return 2;
            }
        } else if (!strcmp(a, "--ontology") && i + 1 < argc) {
            if (out_ontology_from_name(argv[++i], &ont)) {
                fprintf(stderr, "dyad code: unknown ontology '%s' (cameo or plover)\n",
                        argv[i]);
                free(files);
                return 2;
            }
        } else if (!strcmp(a, "--threads") && i + 1 < argc) {
            if (parse_count(argv[++i], INT_MAX, &threads)) {
                fprintf(stderr, "dyad code: --threads wants a number >= 0, not '%s'\n",
                        argv[i]);
                free(files);
                return 2;
            }
        } else if (!strcmp(a, "-o") && i + 1 < argc) {
            out_path = argv[++i];
        } else if (!strcmp(a, "--rejects") && i + 1 < argc) {
            rejects_path = argv[++i];
        } else if (!strcmp(a, "--db") && i + 1 < argc) {
            db_path = argv[++i];
        } else if (!strcmp(a, "--dict-version") && i + 1 < argc) {
            db_version = argv[++i];
        } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
            quiet = 1;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            free(files);
            return 0;
        } else if ((lr = cli_limit_arg("code", CLI_LIM_ALL, argc, argv, &i, &lim)) != 0) {
            if (lr < 0) {
                free(files);
                return 2;
            }
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "dyad code: unknown option '%s'\n", a);
            usage(stderr);
            free(files);
            return 2;
        } else {
            files[nfiles++] = argv[i];
        }
    }
    if (!nfiles)
        files[nfiles++] = "-";
    if (threads == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        threads = cpus > 0 ? cpus : 1;
    }
    size_t batch_stories = 0, queue_depth = 0;
    if (env_count("DYAD_BATCH_STORIES", &batch_stories) ||
        env_count("DYAD_QUEUE_DEPTH", &queue_depth)) {
        free(files);
        return 2;
    }

    if (db_path && threads > 1) {
        /* a store is written by one thread: the store path codes sequentially */
        if (!quiet)
            fprintf(stderr, "dyad code: --db codes on one thread (--threads ignored)\n");
        threads = 1;
    }
    dy_dict *d = cli_load_dict(dict_path, quiet, &lim);
    if (!d) {
        free(files);
        return 2;
    }
    store *db = NULL;
    if (db_path) {
        store_opts so = {cli_print_diag, NULL, 0, 0, 0};
        if (store_open(db_path, &so, &db) != DY_OK) {
            dy_dict_free(d);
            free(files);
            return 2;
        }
        if (!db_version)
            db_version = dict_path ? dict_path : "builtin";
    }
    outfile of = {0}, rf = {0};
    of.slot = rf.slot = -1;
    outfile_handle_signals();
    if (rejects_path && outfile_open(&rf, rejects_path)) {
        dy_dict_free(d);
        free(files);
        return 2;
    }
    dy_coder_opts co;
    dy_coder_opts_init(&co);
    co.diag = seq_diag;
    co.diag_ud = rf.f;
    cli_coder_limits(&lim, &co);
    /* one coder for the sequential path; the pipeline makes its own, one per thread */
    dy_coder *c = threads > 1 ? NULL : dy_coder_new(d, &co);
    if (threads <= 1 && !c) {
        fprintf(stderr, "dyad code: out of memory\n");
        outfile_abort(&rf);
        dy_dict_free(d);
        free(files);
        return 2;
    }
    FILE *out = stdout;
    if (out_path) {
        if (outfile_open(&of, out_path)) {
            outfile_abort(&rf);
            dy_coder_free(c);
            dy_dict_free(d);
            free(files);
            return 2;
        }
        out = of.f;
    }
    code_counts counts = {0, 0, 0, 0, 0, 0};
    progress prog;
    progress_init(&prog, files, nfiles, !quiet);
    int fatal;
    if (threads > 1) {
        pipeline_opts po = {d, files, nfiles, (dy_format)fmt, out, ofmt, (int)threads,
                            batch_stories, 0, queue_depth, rf.f, &prog, &lim, ont};
        fatal = pipeline_code(&po, &counts) != 0;
    } else {
        fatal = code_sequential(c, files, nfiles, (dy_format)fmt, &lim, out, ofmt, ont, rf.f,
                                db, db_version, &prog, &counts) != 0;
    }
    progress_end(&prog);
    if (fflush(out) || ferror(out)) {
        if (!fatal)
            fprintf(stderr, "dyad code: write error: %s\n", strerror(errno));
        fatal = 1;
    }
    if (out_path) {
        if (fatal) {
            outfile_abort(&of);
            fprintf(stderr, "dyad code: %s left unchanged (run did not complete)\n", out_path);
        } else if (outfile_commit(&of)) {
            fatal = 1;
        }
    }
    if (rejects_path) {
        if (fatal)
            outfile_abort(&rf);
        else if (outfile_commit(&rf))
            fatal = 1;
    }
    if (!quiet) {
        char left_out[64] = "";
        if (ont == ONT_PLOVER)
            snprintf(left_out, sizeof left_out, "%lld without a PLOVER type left out, ",
                     counts.left_out);
        fprintf(stderr,
                "dyad: %lld stories read, %lld sentences coded, %lld events written, "
                "%s%lld records rejected%s\n",
                counts.stories, counts.sentences, counts.events, left_out, counts.rejected,
                counts.failed ? " (some input could not be read completely)" : "");
    }
    store_close(db); /* rolls back an unfinished batch */
    dy_coder_free(c);
    dy_dict_free(d);
    free(files);
    if (fatal)
        return 2;
    return (counts.rejected || counts.failed) ? 1 : 0;
}
