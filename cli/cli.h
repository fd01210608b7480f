/*
 * cli.h - the subcommands of the dyad command-line tool.  Each takes the arguments after the
 * subcommand name (argv[0] is the subcommand) and returns the process exit status:
 * 0 success, 1 the run finished but something was rejected or failed, 2 usage or fatal error.
 * The CLI uses only the public API (include/dyad.h).
 */
#ifndef DY_CLI_H
#define DY_CLI_H

#include <stdio.h>

#include "dyad.h"

int cmd_code(int argc, char **argv);     /* cli/cmd_code.c */
int cmd_explain(int argc, char **argv);  /* cli/cmd_explain.c */
int cmd_validate(int argc, char **argv); /* cli/cmd_validate.c */
int cmd_cases(int argc, char **argv);    /* cli/cmd_cases.c: coding cases as data */
int cmd_dict(int argc, char **argv);     /* cli/cmd_dict.c: load and report dictionaries */
int cmd_compile(int argc, char **argv);  /* cli/cmd_compile.c: write a dictionary image */
int cmd_load(int argc, char **argv);     /* cli/cmd_store.c: JSON Lines events into a store */
int cmd_series(int argc, char **argv);   /* cli/cmd_store.c: counts per period from a store */
int cmd_top(int argc, char **argv);      /* cli/cmd_store.c: most active / most changed dyads */
int cmd_info(int argc, char **argv);     /* cli/cmd_store.c: what a store holds */
int cmd_serve(int argc, char **argv);    /* cli/cmd_serve.c: the HTTP API and dashboard */

/* Shared helpers (cli/common.c). */

/* Size limits given with --max-... options; 0 leaves the library's default. */
typedef struct cli_limits {
    size_t max_record_bytes, max_nesting;                         /* dy_reader_opts */
    size_t max_story_bytes, max_sentence_tokens, max_token_bytes; /* dy_coder_opts */
    size_t max_line_bytes, max_pattern_tokens;                    /* dy_dict_opts */
} cli_limits;

/* Groups of limit options, for the commands that accept them. */
enum {
    CLI_LIM_RECORD = 1,  /* --max-record-bytes */
    CLI_LIM_NESTING = 2, /* --max-nesting */
    CLI_LIM_CODER = 4,   /* --max-story-bytes --max-sentence-tokens --max-token-bytes */
    CLI_LIM_DICT = 8,    /* --max-line-bytes --max-pattern-tokens */
    CLI_LIM_ALL = 15
};

/*
 * If argv[*i] is a limit option of one of the groups `which` (CLI_LIM_*), read its value
 * from argv[*i + 1] into *lim, advance *i past it and return 1.  Byte sizes may end in K, M
 * or G (binary).  Returns 0 when argv[*i] is no such option, -1 when its value is missing
 * or not a positive whole number (a usage error, reported on stderr as "dyad CMD: ...").
 */
int cli_limit_arg(const char *cmd, unsigned which, int argc, char **argv, int *i,
                  cli_limits *lim);
/* Print the help lines of the limit options of the groups `which` to f. */
void cli_limits_usage(FILE *f, unsigned which);
/* Copy the limits into library options (fields left 0 keep the library's defaults). */
void cli_reader_limits(const cli_limits *lim, dy_reader_opts *o);
void cli_coder_limits(const cli_limits *lim, dy_coder_opts *o);
void cli_dict_limits(const cli_limits *lim, dy_dict_opts *o);

/* A dy_diag_fn printing "file:line: severity: msg [record id] [byte n]" to stderr; ud unused. */
void cli_print_diag(void *ud, const dy_diag *d);
/* The same line, newline-terminated, malloc'd (*len bytes if len); NULL on ENOMEM. */
char *cli_diag_line(const dy_diag *d, size_t *len);
/* Load dictionaries: path NULL -> built-in; lim (may be NULL) gives the dictionary limits.
 * Prints errors (and, unless quiet, warnings as a count); returns NULL on failure. */
dy_dict *cli_load_dict(const char *path, int quiet, const cli_limits *lim);
/* After reading `path` to its end with reader r: if it held bytes but yielded no story and
 * no rejected record (nothing in it looked like a record of its format), report that as an
 * error through diag and return 1; else 0. */
int cli_input_unrecognised(const dy_reader *r, const char *path, dy_diag_fn diag, void *ud);

/* Warnings seen by cli_load_dict's last call. */
long cli_dict_warnings(void);

#endif
