/*
 * cli.h - the subcommands of the dyad command-line tool.  Each takes the arguments after the
 * subcommand name (argv[0] is the subcommand) and returns the process exit status:
 * 0 success, 1 the run finished but something was rejected or failed, 2 usage or fatal error.
 * The CLI uses only the public API (include/dyad.h).
 */
#ifndef DY_CLI_H
#define DY_CLI_H

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
/* A dy_diag_fn printing "file:line: severity: msg [record id] [byte n]" to stderr; ud unused. */
void cli_print_diag(void *ud, const dy_diag *d);
/* The same line, newline-terminated, malloc'd (*len bytes if len); NULL on ENOMEM. */
char *cli_diag_line(const dy_diag *d, size_t *len);
/* Load dictionaries: path NULL -> built-in.  Prints errors (and, unless quiet, warnings as
 * a count); returns NULL on failure. */
dy_dict *cli_load_dict(const char *path, int quiet);
/* After reading `path` to its end with reader r: if it held bytes but yielded no story and
 * no rejected record (nothing in it looked like a record of its format), report that as an
 * error through diag and return 1; else 0. */
int cli_input_unrecognised(const dy_reader *r, const char *path, dy_diag_fn diag, void *ud);

/* Warnings seen by cli_load_dict's last call. */
long cli_dict_warnings(void);

#endif
