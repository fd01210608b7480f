/*
 * valfile_common.h - the body shared by the validation-record harnesses
 * (fuzz/valfile_*.c): open a suite file with dy_valfile_open, list the dictionary files it
 * names, and read every record to the end, touching each field.
 */
#ifndef DY_FUZZ_VALFILE_COMMON_H
#define DY_FUZZ_VALFILE_COMMON_H

#include "fuzz_common.h"

static void fuzz_valfile_read(const char *path)
{
    dy_valfile *v = NULL;
    if (dy_valfile_open(path, fuzz_diag, NULL, &v) != DY_OK)
        return;
    const dy_dict_file *files;
    size_t nfiles;
    dy_valfile_dict_files(v, &files, &nfiles);
    for (size_t i = 0; i < nfiles; i++)
        fuzz_touch(files[i].path);
    const dy_valrec *rec;
    while (dy_valfile_next(v, &rec) == DY_OK) {
        fuzz_touch(rec->opt_name);
        fuzz_touch(rec->opt_value);
        fuzz_touch(rec->category);
        if (rec->kind != DY_VAL_RECORD)
            continue;
        fuzz_touch(rec->story.id);
        for (size_t i = 0; i < rec->story.text_len; i++)
            fuzz_sink += (unsigned char)rec->story.text[i];
        for (size_t i = 0; i < rec->n_expected; i++) {
            fuzz_touch(rec->expected[i].source);
            fuzz_touch(rec->expected[i].target);
            fuzz_touch(rec->expected[i].code);
        }
    }
    dy_valfile_close(v);
}

#endif
