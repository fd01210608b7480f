/*
 * cmd_validate.c - "dyad validate": run a TABARI .project or PETRARCH XML validation suite
 * and compare the events coded for each record with the ones the suite expects.
 *
 * A record passes when the multiset of coded (source, target, code) triples equals the
 * expected one (codes compared as exact strings).  Special cases, matching what the
 * readers report (lib/valid/valfile.c):
 *  - expect_none (TABARI {+++} {---} {###}, PETRARCH noevents): passes with no event; if
 *    events are listed as well, matching them also passes;
 *  - expect_error (PETRARCH error="..."): passes when no event is produced;
 *  - an expected entry "*" / "*" / "*" (TABARI "-{"): the listed events must be coded,
 *    further events are not checked;
 *  - records marked not valid are not run; they are counted and reported as skipped.
 * Output: one FAIL line per failing record, a table by category, then the line
 * "N passed, M failed".  Exit status 0 all passed, 1 some failed, 2 usage/fatal error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define WILDCARD "*" /* the readers' "further events not checked" marker */

typedef struct cat_stat {
    char *name;
    long records, passed, failed;
} cat_stat;

typedef struct run_state {
    int verbose;
    cat_stat *cats;
    size_t ncats, capcats;
    char **ignored; /* option names already reported as ignored */
    size_t nignored, capignored;
    long warnings; /* warnings received by quiet_diag */
} run_state;

static void usage(FILE *f)
{
    fprintf(f, "usage: dyad validate [--dict PATH] [--text] [--verbose] FILE\n"
               "  FILE       a TABARI .project file or a PETRARCH validation XML file\n"
               "  --dict P   use these dictionaries instead of the ones the suite names\n"
               "  --text     PETRARCH suites: code each record's <Text>, not its <Parse> words\n"
               "  --verbose  report ignored options and dictionary warnings\n");
    cli_limits_usage(f, CLI_LIM_CODER | CLI_LIM_DICT);
}

/* Diagnostics of the suite reader, the dictionary loader and the coder: errors always,
 * the rest (counted) if verbose. */
static void quiet_diag(void *ud, const dy_diag *d)
{
    run_state *rs = ud;
    if (d->severity != DY_ERROR)
        rs->warnings++;
    if (d->severity == DY_ERROR || rs->verbose)
        cli_print_diag(NULL, d);
}

/* The statistics slot of a category (created on first use); NULL on ENOMEM. */
static cat_stat *cat_get(run_state *rs, const char *name)
{
    if (!name)
        name = "";
    for (size_t i = 0; i < rs->ncats; i++)
        if (strcmp(rs->cats[i].name, name) == 0)
            return &rs->cats[i];
    if (rs->ncats == rs->capcats) {
        size_t cap = rs->capcats ? rs->capcats * 2 : 16;
        cat_stat *p = realloc(rs->cats, cap * sizeof *p);
        if (!p)
            return NULL;
        rs->cats = p;
        rs->capcats = cap;
    }
    cat_stat *c = &rs->cats[rs->ncats];
    memset(c, 0, sizeof *c);
    c->name = malloc(strlen(name) + 1);
    if (!c->name)
        return NULL;
    strcpy(c->name, name);
    rs->ncats++;
    return c;
}

/* 1 if this option name was not reported yet (and remember it), 0 if it was, -1 ENOMEM. */
static int first_ignored(run_state *rs, const char *name)
{
    for (size_t i = 0; i < rs->nignored; i++)
        if (strcmp(rs->ignored[i], name) == 0)
            return 0;
    if (rs->nignored == rs->capignored) {
        size_t cap = rs->capignored ? rs->capignored * 2 : 8;
        char **p = realloc(rs->ignored, cap * sizeof *p);
        if (!p)
            return -1;
        rs->ignored = p;
        rs->capignored = cap;
    }
    char *copy = malloc(strlen(name) + 1);
    if (!copy)
        return -1;
    strcpy(copy, name);
    rs->ignored[rs->nignored++] = copy;
    return 1;
}

static int str_eq(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* A coded event, pointing into the coder's memory (valid until the next feed). */
typedef struct got_event {
    const char *source, *target, *code;
    int used;
} got_event;

/* Does the coded list match the record's expectations? */
static int record_passes(const dy_valrec *r, got_event *got, size_t ngot)
{
    size_t nreal = r->n_expected;
    int open_ended = 0;
    if (nreal && strcmp(r->expected[nreal - 1].code, WILDCARD) == 0 &&
        strcmp(r->expected[nreal - 1].source, WILDCARD) == 0) {
        open_ended = 1;
        nreal--;
    }
    if ((r->expect_none || r->expect_error) && ngot == 0)
        return 1;
    if (r->expect_error)
        return 0;
    if (r->expect_none && nreal == 0 && !open_ended)
        return 0;
    for (size_t i = 0; i < ngot; i++)
        got[i].used = 0;
    for (size_t e = 0; e < nreal; e++) {
        const dy_expected *x = &r->expected[e];
        size_t i;
        for (i = 0; i < ngot; i++)
            if (!got[i].used && str_eq(got[i].source, x->source) &&
                str_eq(got[i].target, x->target) && str_eq(got[i].code, x->code))
                break;
        if (i == ngot)
            return 0;
        got[i].used = 1;
    }
    if (open_ended)
        return 1;
    for (size_t i = 0; i < ngot; i++)
        if (!got[i].used)
            return 0;
    return 1;
}

static void print_failure(const dy_valrec *r, const got_event *got, size_t ngot)
{
    printf("FAIL %s [%s] expected:", r->story.id ? r->story.id : "?",
           r->category ? r->category : "");
    if (r->expect_error)
        printf(" (error: no event)");
    else if (r->expect_none)
        printf(" (none)");
    for (size_t i = 0; i < r->n_expected; i++) {
        const dy_expected *x = &r->expected[i];
        if (strcmp(x->code, WILDCARD) == 0 && strcmp(x->source, WILDCARD) == 0)
            printf(" {...}");
        else
            printf(" {%s %s %s}", x->source, x->target, x->code);
    }
    if (!r->expect_error && !r->expect_none && r->n_expected == 0)
        printf(" (none)");
    printf(" got:");
    if (ngot == 0)
        printf(" (none)");
    for (size_t i = 0; i < ngot; i++)
        printf(" {%s %s %s}", got[i].source ? got[i].source : "---",
               got[i].target ? got[i].target : "---", got[i].code ? got[i].code : "---");
    putchar('\n');
}

static dy_dict *load_suite_dict(dy_valfile *vf, const char *file, const cli_limits *lim,
                                run_state *rs)
{
    const dy_dict_file *files = NULL;
    size_t n = 0;
    dy_valfile_dict_files(vf, &files, &n);
    if (n == 0) {
        fprintf(stderr, "dyad validate: %s names no dictionaries; give them with --dict PATH\n",
                file);
        return NULL;
    }
    dy_dict_opts o = {quiet_diag, rs, 0, 0};
    cli_dict_limits(lim, &o);
    long before = rs->warnings;
    dy_dict *d = NULL;
    dy_status st = dy_dict_load_files(files, n, &o, &d);
    if (st != DY_OK) {
        fprintf(stderr, "dyad validate: cannot load the dictionaries named by %s: %s\n", file,
                dy_strerror(st));
        return NULL;
    }
    if (rs->warnings > before && !rs->verbose)
        fprintf(stderr, "dyad validate: %ld dictionary warning(s) (--verbose lists them)\n",
                rs->warnings - before);
    return d;
}

/* Is this a TABARI project file (by its name)? */
static int is_tabari_project(const char *path)
{
    size_t n = strlen(path);
    return n >= 8 && strcmp(path + n - 8, ".project") == 0;
}

int cmd_validate(int argc, char **argv)
{
    const char *dict_path = NULL, *file = NULL;
    run_state rs;
    memset(&rs, 0, sizeof rs);
    int use_text = 0, lr;
    cli_limits lim = {0, 0, 0, 0, 0, 0, 0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--dict") || !strcmp(a, "-d")) {
            if (++i >= argc) {
                fprintf(stderr, "dyad validate: --dict needs a path\n");
                return 2;
            }
            dict_path = argv[i];
        } else if (!strncmp(a, "--dict=", 7)) {
            dict_path = a + 7;
        } else if (!strcmp(a, "--verbose") || !strcmp(a, "-v")) {
            rs.verbose = 1;
        } else if (!strcmp(a, "--text")) {
            use_text = 1;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if ((lr = cli_limit_arg("validate", CLI_LIM_CODER | CLI_LIM_DICT, argc, argv, &i,
                                       &lim)) != 0) {
            if (lr < 0)
                return 2;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "dyad validate: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        } else if (file) {
            fprintf(stderr, "dyad validate: only one suite file may be given\n");
            return 2;
        } else {
            file = a;
        }
    }
    if (!file) {
        usage(stderr);
        return 2;
    }

    int status = 2;
    dy_valfile *vf = NULL;
    dy_dict *d = NULL;
    dy_coder *c = NULL;
    got_event *got = NULL;
    size_t capgot = 0;
    long passed = 0, failed = 0, skipped = 0;

    if (dy_valfile_open(file, quiet_diag, &rs, &vf) != DY_OK)
        goto done;
    if (rs.warnings && !rs.verbose)
        fprintf(stderr, "dyad validate: %ld warning(s) reading %s (--verbose lists them)\n",
                rs.warnings, file);
    d = dict_path ? cli_load_dict(dict_path, 0, &lim) : load_suite_dict(vf, file, &lim, &rs);
    if (!d)
        goto done;
    dy_coder_opts co;
    dy_coder_opts_init(&co);
    co.diag = quiet_diag;
    co.diag_ud = &rs;
    cli_coder_limits(&lim, &co);
    /* a PETRARCH suite is coded from its parse trees' words, as PETRARCH codes it (a record
     * with a malformed parse is then an error record); --text codes the <Text> instead */
    co.use_parse = !is_tabari_project(file) && !use_text;
    c = dy_coder_new(d, &co);
    if (!c) {
        fprintf(stderr, "dyad validate: out of memory\n");
        goto done;
    }
    if (!dict_path && !is_tabari_project(file)) {
        /* a PETRARCH suite runs with PETRARCH-1's own default options (its PETR_config.ini) */
        static const char *const petr_defaults[][2] = {
            {"comma_min", "2"}, {"comma_max", "8"}, {"comma_bmin", "0"},
            {"comma_bmax", "0"}, {"comma_emin", "2"}, {"comma_emax", "8"}};
        for (size_t k = 0; k < sizeof petr_defaults / sizeof *petr_defaults; k++)
            dy_coder_set_option(c, petr_defaults[k][0], petr_defaults[k][1]);
    }

    const dy_valrec *r;
    dy_status st;
    while ((st = dy_valfile_next(vf, &r)) == DY_OK) {
        if (r->kind == DY_VAL_OPTION) {
            dy_status os = dy_coder_set_option(c, r->opt_name, r->opt_value);
            if (os == DY_ENOTFOUND) {
                int first = first_ignored(&rs, r->opt_name);
                if (first < 0) {
                    fprintf(stderr, "dyad validate: out of memory\n");
                    goto done;
                }
                if (first && rs.verbose)
                    fprintf(stderr, "dyad validate: option ignored: %s %s\n", r->opt_name,
                            r->opt_value ? r->opt_value : "");
            } else if (os != DY_OK) {
                fprintf(stderr, "dyad validate: %s:%ld: bad value for option %s: %s\n", file,
                        r->story.line, r->opt_name, dy_strerror(os));
            }
            continue;
        }
        if (!r->valid) {
            skipped++;
            continue;
        }
        cat_stat *cs = cat_get(&rs, r->category);
        if (!cs) {
            fprintf(stderr, "dyad validate: out of memory\n");
            goto done;
        }
        size_t ngot = 0;
        dy_status fs = dy_coder_feed(c, &r->story);
        if (fs == DY_ENOMEM) {
            fprintf(stderr, "dyad validate: out of memory\n");
            goto done;
        }
        if (fs == DY_OK) {
            const dy_event *e;
            while ((e = dy_coder_next_event(c)) != NULL) {
                if (ngot == capgot) {
                    size_t cap = capgot ? capgot * 2 : 16;
                    got_event *p = realloc(got, cap * sizeof *p);
                    if (!p) {
                        fprintf(stderr, "dyad validate: out of memory\n");
                        goto done;
                    }
                    got = p;
                    capgot = cap;
                }
                got[ngot].source = e->source;
                got[ngot].target = e->target;
                got[ngot].code = e->code;
                got[ngot].used = 0;
                ngot++;
            }
        } else if (rs.verbose) {
            fprintf(stderr, "dyad validate: record %s not coded: %s\n",
                    r->story.id ? r->story.id : "?", dy_strerror(fs));
        }
        cs->records++;
        if (record_passes(r, got, ngot)) {
            cs->passed++;
            passed++;
        } else {
            cs->failed++;
            failed++;
            print_failure(r, got, ngot);
        }
    }
    if (st != DY_EEOF) {
        fprintf(stderr, "dyad validate: %s: %s\n", file, dy_strerror(st));
        goto done;
    }

    printf("\n%-16s %8s %8s %8s\n", "category", "records", "passed", "failed");
    for (size_t i = 0; i < rs.ncats; i++)
        printf("%-16s %8ld %8ld %8ld\n", rs.cats[i].name[0] ? rs.cats[i].name : "(none)",
               rs.cats[i].records, rs.cats[i].passed, rs.cats[i].failed);
    if (skipped)
        printf("%ld record(s) marked not valid were not run\n", skipped);
    printf("%ld passed, %ld failed\n", passed, failed);
    status = failed ? 1 : 0;

done:
    fflush(stdout);
    free(got);
    dy_coder_free(c);
    dy_dict_free(d);
    dy_valfile_close(vf);
    for (size_t i = 0; i < rs.ncats; i++)
        free(rs.cats[i].name);
    free(rs.cats);
    for (size_t i = 0; i < rs.nignored; i++)
        free(rs.ignored[i]);
    free(rs.ignored);
    return status;
}
