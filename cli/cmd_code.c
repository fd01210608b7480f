/*
 * cmd_code.c - `dyad code`: read stories from files or stdin, code them, write events.
 * Bad records are reported (file, line, reason) and skipped; a summary line at the end
 * counts stories read, sentences coded, events written and records rejected.  With -o the
 * output goes to a temporary file renamed into place only when the run completes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "output.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: dyad code [--dict PATH] [--format auto|text|jsonl|xml|tabari]\n"
               "                 [--output tsv|jsonl] [-o FILE] [--quiet] [FILE...|-]\n");
}

int cmd_code(int argc, char **argv)
{
    const char *dict_path = NULL, *out_path = NULL;
    int fmt = DY_FMT_AUTO, quiet = 0;
    out_format ofmt = OUT_TSV;
    int nfiles = 0;
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
        } else if (!strcmp(a, "-o") && i + 1 < argc) {
            out_path = argv[++i];
        } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
            quiet = 1;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            free(files);
            return 0;
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

    dy_dict *d = cli_load_dict(dict_path, quiet);
    if (!d) {
        free(files);
        return 2;
    }
    dy_coder_opts co;
    dy_coder_opts_init(&co);
    co.diag = cli_print_diag;
    dy_coder *c = dy_coder_new(d, &co);
    if (!c) {
        fprintf(stderr, "dyad code: out of memory\n");
        dy_dict_free(d);
        free(files);
        return 2;
    }
    FILE *out = stdout;
    char *tmp = NULL;
    if (out_path) {
        size_t n = strlen(out_path) + 32;
        tmp = malloc(n);
        if (!tmp) {
            dy_coder_free(c);
            dy_dict_free(d);
            free(files);
            return 2;
        }
        snprintf(tmp, n, "%s.tmp.%ld", out_path, (long)getpid());
        out = fopen(tmp, "wb");
        if (!out) {
            fprintf(stderr, "dyad code: cannot write %s: %s\n", tmp, strerror(errno));
            free(tmp);
            dy_coder_free(c);
            dy_dict_free(d);
            free(files);
            return 2;
        }
    }
    long long stories = 0, sentences = 0, events = 0, rejected = 0, failed = 0;
    int fatal = 0;
    for (int k = 0; k < nfiles && !fatal; k++) {
        dy_reader_opts ro = {(dy_format)fmt, cli_print_diag, NULL, 0};
        dy_reader *r = NULL;
        if (dy_reader_open(files[k], &ro, &r) != DY_OK) {
            failed++;
            continue;
        }
        dy_story s;
        dy_status st;
        while ((st = dy_reader_next(r, &s)) == DY_OK) {
            stories++;
            dy_status cs = dy_coder_feed(c, &s);
            if (cs == DY_ENOMEM) {
                fprintf(stderr, "dyad code: out of memory coding story %s\n", s.id);
                fatal = 1;
                break;
            }
            if (cs != DY_OK) {
                rejected++;
                continue;
            }
            sentences += dy_coder_sentence_count(c);
            const dy_event *ev;
            while ((ev = dy_coder_next_event(c))) {
                if (out_event(out, ofmt, ev)) {
                    fprintf(stderr, "dyad code: write error: %s\n", strerror(errno));
                    fatal = 1;
                    break;
                }
                events++;
            }
            if (fatal)
                break;
        }
        if (st != DY_OK && st != DY_EEOF)
            failed++;
        dy_reader_stats rs;
        dy_reader_get_stats(r, &rs);
        rejected += rs.records_rejected;
        dy_reader_close(r);
    }
    if (fflush(out) || ferror(out))
        fatal = 1;
    if (out_path) {
        if (fclose(out))
            fatal = 1;
        if (fatal) {
            unlink(tmp);
            fprintf(stderr, "dyad code: %s left unchanged (run did not complete)\n", out_path);
        } else if (rename(tmp, out_path)) {
            fprintf(stderr, "dyad code: cannot rename %s to %s: %s\n", tmp, out_path,
                    strerror(errno));
            unlink(tmp);
            fatal = 1;
        }
        free(tmp);
    }
    if (!quiet)
        fprintf(stderr,
                "dyad: %lld stories read, %lld sentences coded, %lld events written, "
                "%lld records rejected%s\n",
                stories, sentences, events, rejected,
                failed ? " (some input could not be read completely)" : "");
    dy_coder_free(c);
    dy_dict_free(d);
    free(files);
    if (fatal)
        return 2;
    return (rejected || failed) ? 1 : 0;
}
