/*
 * common.c - helpers shared by the CLI subcommands: printing diagnostics and loading
 * dictionaries with their warnings summarised.
 */
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

dy_dict *cli_load_dict(const char *path, int quiet)
{
    const char *v = getenv("DYAD_VERBOSE");
    dict_diag_state st = {v && *v && strcmp(v, "0") != 0, 0, 0};
    dy_dict_opts o = {dict_diag, &st};
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
