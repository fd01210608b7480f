/*
 * cmd_compile.c - `dyad compile`: load dictionaries from their text files (or the
 * built-in ones) and write them as a compiled image (.dyc) that `--dict FILE.dyc` opens
 * without parsing.  The image format is internal to the library, so this command uses
 * lib/dict/image.h besides the public API.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "dict/image.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: dyad compile [--dict PATH] -o FILE.dyc\n"
               "  --dict PATH   dictionaries to compile (config, .project, folder or file);\n"
               "                without it, the built-in dictionaries\n"
               "  -o FILE       the image to write (written atomically)\n"
               "The image holds what was compiled under the limits below.\n");
    cli_limits_usage(f, CLI_LIM_DICT);
}

/* Print errors always, warnings as a count (like the other commands). */
typedef struct diag_count {
    long warnings;
} diag_count;

static void compile_diag(void *ud, const dy_diag *d)
{
    diag_count *c = ud;
    if (d->severity == DY_WARNING) {
        c->warnings++;
        return;
    }
    cli_print_diag(NULL, d);
}

int cmd_compile(int argc, char **argv)
{
    const char *path = NULL, *outpath = NULL;
    cli_limits lim = {0, 0, 0, 0, 0, 0, 0};
    int lr;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--dict") && i + 1 < argc)
            path = argv[++i];
        else if ((lr = cli_limit_arg("compile", CLI_LIM_DICT, argc, argv, &i, &lim)) != 0) {
            if (lr < 0)
                return 2;
        }
        else if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) && i + 1 < argc)
            outpath = argv[++i];
        else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "dyad compile: unknown or incomplete option '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    if (!outpath) {
        fprintf(stderr, "dyad compile: -o FILE.dyc is required\n");
        usage(stderr);
        return 2;
    }
    if (path && dimg_file_is_image(path)) {
        fprintf(stderr, "dyad compile: %s is already a compiled image; give the text "
                        "dictionaries\n", path);
        return 2;
    }
    diag_count count = {0};
    dy_dict_opts opts = {compile_diag, &count, 0, 0};
    cli_dict_limits(&lim, &opts);
    dimg_sources sources = {0};
    dy_dict *d = NULL;
    dy_status st = dict_load_text_recording(path, &opts, &sources, &d);
    if (st == DY_OK)
        st = dimg_write(d, &sources, outpath, compile_diag, &count);
    if (count.warnings)
        fprintf(stderr, "dyad: %ld dictionary line(s) skipped with warnings\n", count.warnings);
    if (st == DY_OK) {
        dy_dict_stats ds;
        dy_dict_get_stats(d, &ds);
        printf("compiled %s -> %s (%zu actors, %zu agents, %zu verbs, %zu patterns, "
               "%zu source files)\n", path ? path : "(built-in)", outpath, ds.actors,
               ds.agents, ds.verbs, ds.patterns, sources.n);
    }
    dy_dict_free(d);
    dimg_sources_free(&sources);
    return st == DY_OK ? 0 : 2;
}
