/*
 * cmd_dict.c - `dyad dict`: load a dictionary set (or the built-in one) and report what it
 * holds and how long loading took.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cmd_dict(int argc, char **argv)
{
    const char *path = NULL;
    cli_limits lim = {0, 0, 0, 0, 0, 0, 0};
    int lr;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--dict") && i + 1 < argc)
            path = argv[++i];
        else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: dyad dict [--dict PATH] [--max-line-bytes N] [--max-pattern-tokens N]\n");
            cli_limits_usage(stdout, CLI_LIM_DICT);
            return 0;
        } else if ((lr = cli_limit_arg("dict", CLI_LIM_DICT, argc, argv, &i, &lim)) != 0) {
            if (lr < 0)
                return 2;
        } else if (argv[i][0] != '-')
            path = argv[i];
        else {
            fprintf(stderr, "dyad dict: unknown option '%s'\n", argv[i]);
            return 2;
        }
    }
    dy_dict *d = cli_load_dict(path, 0, &lim);
    if (!d)
        return 2;
    dy_dict_stats st;
    dy_dict_get_stats(d, &st);
    printf("dictionaries: %s\n", path ? path : "(built-in)");
    printf("actors: %zu\nagents: %zu\nverbs: %zu\npatterns: %zu\nsynsets: %zu\ndiscards: %zu\n",
           st.actors, st.agents, st.verbs, st.patterns, st.synsets, st.discards);
    printf("warnings: %ld\n", cli_dict_warnings());
    printf("load time: %.3f s\n", st.load_seconds);
    dy_dict_free(d);
    return 0;
}
