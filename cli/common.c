/*
 * common.c - helpers shared by the CLI subcommands: printing diagnostics, the --max-...
 * size-limit options, and loading dictionaries with their warnings summarised.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *sev_name(dy_severity s)
{
    return s == DY_ERROR ? "error" : s == DY_WARNING ? "warning" : "note";
}

/* Write one diagnostic line ("file:line: severity: msg [record id] [byte n]\n") to f. */
static void write_diag(FILE *f, const dy_diag *d)
{
    if (d->file && d->line > 0)
        fprintf(f, "%s:%ld: ", d->file, d->line);
    else if (d->file)
        fprintf(f, "%s: ", d->file);
    fprintf(f, "%s: %s", sev_name(d->severity), d->msg ? d->msg : "");
    if (d->record)
        fprintf(f, " [record %s]", d->record);
    if (d->byte >= 0)
        fprintf(f, " [byte %lld]", d->byte);
    fputc('\n', f);
}

char *cli_diag_line(const dy_diag *d, size_t *len)
{
    char *line = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&line, &n);
    if (!f)
        return NULL;
    write_diag(f, d);
    if (fclose(f)) {
        free(line);
        return NULL;
    }
    if (len)
        *len = n;
    return line;
}

void cli_print_diag(void *ud, const dy_diag *d)
{
    (void)ud;
    write_diag(stderr, d);
}

typedef struct dict_diag_state {
    int verbose;
    long warnings, errors;
} dict_diag_state;

/* Warnings about odd dictionary lines are counted (and shown with DYAD_VERBOSE=1);
 * errors are always printed. */
static void dict_diag(void *ud, const dy_diag *d)
{
    dict_diag_state *st = ud;
    if (d->severity == DY_ERROR) {
        st->errors++;
        cli_print_diag(NULL, d);
    } else {
        st->warnings++;
        if (st->verbose)
            cli_print_diag(NULL, d);
    }
}

static long last_warnings;

long cli_dict_warnings(void) { return last_warnings; }

/* The limit options: name, group, whether the value is a byte size, where it goes. */
typedef struct limit_opt {
    const char *name;
    unsigned group;
    int bytes;
    size_t offset; /* in cli_limits */
    const char *help;
} limit_opt;

static const limit_opt limit_opts[] = {
    {"--max-record-bytes", CLI_LIM_RECORD, 1, offsetof(cli_limits, max_record_bytes),
     "a longer input record (line, XML <Sentence>) is rejected [64M]"},
    {"--max-nesting", CLI_LIM_NESTING, 0, offsetof(cli_limits, max_nesting),
     "a record nested deeper (JSON, XML) is rejected [256]"},
    {"--max-story-bytes", CLI_LIM_CODER, 1, offsetof(cli_limits, max_story_bytes),
     "a longer story is rejected [16M]"},
    {"--max-sentence-tokens", CLI_LIM_CODER, 0, offsetof(cli_limits, max_sentence_tokens),
     "a sentence of more words is coded in pieces [4096]"},
    {"--max-token-bytes", CLI_LIM_CODER, 1, offsetof(cli_limits, max_token_bytes),
     "a longer word matches nothing (a warning) [256]"},
    {"--max-line-bytes", CLI_LIM_DICT, 1, offsetof(cli_limits, max_line_bytes),
     "a longer dictionary line is skipped (a warning) [64K]"},
    {"--max-pattern-tokens", CLI_LIM_DICT, 0, offsetof(cli_limits, max_pattern_tokens),
     "a longer verb pattern is skipped (a warning) [64]"},
};

#define LIMIT_MAX ((unsigned long long)1 << 40)

/* A positive whole number, with a K/M/G suffix when `bytes`.  0 ok, -1 not one. */
static int parse_limit(const char *s, int bytes, unsigned long long *out)
{
    if (!s || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno)
        return -1;
    unsigned shift = 0;
    if (bytes && *end && !end[1]) {
        switch (*end) {
        case 'k': case 'K': shift = 10; end++; break;
        case 'm': case 'M': shift = 20; end++; break;
        case 'g': case 'G': shift = 30; end++; break;
        default: break;
        }
    }
    if (*end || v == 0 || v > (LIMIT_MAX >> shift))
        return -1;
    *out = v << shift;
    return 0;
}

int cli_limit_arg(const char *cmd, unsigned which, int argc, char **argv, int *i,
                  cli_limits *lim)
{
    const char *a = argv[*i];
    for (size_t k = 0; k < sizeof limit_opts / sizeof *limit_opts; k++) {
        const limit_opt *o = &limit_opts[k];
        if (!(o->group & which) || strcmp(a, o->name) != 0)
            continue;
        unsigned long long v;
        if (*i + 1 >= argc) {
            fprintf(stderr, "dyad %s: %s needs a value\n", cmd, a);
            return -1;
        }
        if (parse_limit(argv[*i + 1], o->bytes, &v)) {
            fprintf(stderr, "dyad %s: %s wants a positive number%s, not '%s'\n", cmd, a,
                    o->bytes ? " of bytes (K, M or G suffix allowed)" : "", argv[*i + 1]);
            return -1;
        }
        *(size_t *)(void *)((char *)lim + o->offset) = (size_t)v;
        *i += 1;
        return 1;
    }
    return 0;
}

void cli_limits_usage(FILE *f, unsigned which)
{
    fprintf(f, "size limits (B: bytes, K/M/G suffix allowed; N: a count; default in []):\n");
    for (size_t k = 0; k < sizeof limit_opts / sizeof *limit_opts; k++)
        if (limit_opts[k].group & which)
            fprintf(f, "  %-21s %s  %s\n", limit_opts[k].name, limit_opts[k].bytes ? "B" : "N",
                    limit_opts[k].help);
}

void cli_reader_limits(const cli_limits *lim, dy_reader_opts *o)
{
    if (!lim)
        return;
    o->max_record_bytes = lim->max_record_bytes;
    o->max_nesting = lim->max_nesting;
}

void cli_coder_limits(const cli_limits *lim, dy_coder_opts *o)
{
    if (!lim)
        return;
    o->max_story_bytes = lim->max_story_bytes;
    o->max_sentence_tokens = lim->max_sentence_tokens;
    o->max_token_bytes = lim->max_token_bytes;
}

void cli_dict_limits(const cli_limits *lim, dy_dict_opts *o)
{
    if (!lim)
        return;
    o->max_line_bytes = lim->max_line_bytes;
    o->max_pattern_tokens = lim->max_pattern_tokens;
}

dy_dict *cli_load_dict(const char *path, int quiet, const cli_limits *lim)
{
    const char *v = getenv("DYAD_VERBOSE");
    dict_diag_state st = {v && *v && strcmp(v, "0") != 0, 0, 0};
    dy_dict_opts o = {dict_diag, &st, 0, 0};
    cli_dict_limits(lim, &o);
    dy_dict *d = NULL;
    dy_status s = path ? dy_dict_load(path, &o, &d) : dy_dict_load_builtin(&o, &d);
    last_warnings = st.warnings;
    if (s != DY_OK) {
        fprintf(stderr, "dyad: cannot load dictionaries from %s: %s\n",
                path ? path : "(built-in)", dy_strerror(s));
        return NULL;
    }
    if (!quiet && st.warnings)
        fprintf(stderr,
                "dyad: %ld dictionary line(s) skipped with warnings (DYAD_VERBOSE=1 lists them)\n",
                st.warnings);
    return d;
}

int cli_input_unrecognised(const dy_reader *r, const char *path, dy_diag_fn diag, void *ud)
{
    dy_reader_stats rs;
    dy_reader_get_stats(r, &rs);
    if (rs.records_read || rs.records_rejected || rs.bytes == 0)
        return 0;
    dy_diag d = {DY_ERROR, DY_EFORMAT, path, 0, NULL, -1,
                 "no story found in this input (is it really this format? see --format)"};
    if (diag)
        diag(ud, &d);
    return 1;
}
