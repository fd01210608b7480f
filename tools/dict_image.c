/*
 * dict_image.c - build-time tool: compiles the built-in dictionaries (the text files
 * embedded in a first-stage library) into a dictionary image (.dyc), which the Makefile
 * then embeds in the library so that dy_dict_load_builtin parses no text at start-up.
 *     dict_image OUT.dyc
 * With a second argument it compiles those dictionaries instead (any path dy_dict_load
 * takes) and records no source files, so the image names no path of the machine that made
 * it: fuzz/image_seeds.sh writes the image_load harness's seeds this way.
 *     dict_image OUT.dyc DICT-PATH
 */
#include <stdio.h>

#include "dict/image.h"

static void print_diag(void *ud, const dy_diag *d)
{
    (void)ud;
    if (d->severity == DY_ERROR)
        fprintf(stderr, "dict_image: %s: %s\n", d->file ? d->file : "(built-in)", d->msg);
}

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: dict_image OUT.dyc [DICT-PATH]\n");
        return 2;
    }
    dy_dict_opts opts = {.diag = print_diag}; /* default limits */
    dimg_sources sources = {0};
    dy_dict *d = NULL;
    dy_status st = argc == 3 ? dy_dict_load(argv[2], &opts, &d)
                             : dict_load_text_recording(NULL, &opts, &sources, &d);
    if (st == DY_OK)
        st = dimg_write(d, argc == 3 ? NULL : &sources, argv[1], print_diag, NULL);
    dy_dict_free(d);
    dimg_sources_free(&sources);
    return st == DY_OK ? 0 : 1;
}
