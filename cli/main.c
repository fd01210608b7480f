/*
 * main.c - the dyad command-line tool: dispatches to the subcommands in cmd_*.c.
 * Everything here goes through the public API in include/dyad.h.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: dyad <command> [options] [args]\n"
            "\n"
            "commands:\n"
            "  code      code stories into events (TSV or JSON Lines)\n"
            "  explain   show how one sentence or story is coded, step by step\n"
            "  validate  run a TABARI .project or PETRARCH XML validation suite\n"
            "  cases     run coding cases written as data (tests/cases/*.cases)\n"
            "  dict      load dictionaries and report their size and load time\n"
            "  compile   compile dictionaries into an image (.dyc) that loads fast\n"
            "  load      load JSON Lines events into an event store (SQLite)\n"
            "  series    event counts per day, week or month for a dyad, from a store\n"
            "  top       the most active dyads, or the biggest changes, from a store\n"
            "  info      what an event store holds\n"
            "  serve     the HTTP API over an event store, and the dashboard\n"
            "  version   print the version\n"
            "\n"
            "Run 'dyad <command> --help' for a command's options; 'man dyad' for all.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "code"))
        return cmd_code(argc - 1, argv + 1);
    if (!strcmp(cmd, "explain"))
        return cmd_explain(argc - 1, argv + 1);
    if (!strcmp(cmd, "validate"))
        return cmd_validate(argc - 1, argv + 1);
    if (!strcmp(cmd, "cases"))
        return cmd_cases(argc - 1, argv + 1);
    if (!strcmp(cmd, "dict"))
        return cmd_dict(argc - 1, argv + 1);
    if (!strcmp(cmd, "compile"))
        return cmd_compile(argc - 1, argv + 1);
    if (!strcmp(cmd, "load"))
        return cmd_load(argc - 1, argv + 1);
    if (!strcmp(cmd, "series"))
        return cmd_series(argc - 1, argv + 1);
    if (!strcmp(cmd, "top"))
        return cmd_top(argc - 1, argv + 1);
    if (!strcmp(cmd, "info"))
        return cmd_info(argc - 1, argv + 1);
    if (!strcmp(cmd, "serve"))
        return cmd_serve(argc - 1, argv + 1);
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
        printf("dyad %s\n", DYAD_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        usage(stdout);
        return 0;
    }
    fprintf(stderr, "dyad: unknown command '%s'\n", cmd);
    usage(stderr);
    return 2;
}
