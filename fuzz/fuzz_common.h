/*
 * fuzz_common.h - helpers shared by dyad's libFuzzer harnesses (fuzz/NAME.c): a private
 * scratch folder for entry points that read files, a diagnostic sink that touches every
 * field of each diagnostic (so a dangling pointer in one is caught by ASan), and the
 * LLVMFuzzerTestOneInput prototype.  Harness-only code: the static state here is per
 * fuzzing process, never part of the library.
 */
#ifndef DY_FUZZ_COMMON_H
#define DY_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dyad.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Where harnesses add up what they read, so the reads are not optimised away. */
static volatile size_t fuzz_sink;

/* Read every byte of each diagnostic string so ASan sees a stale or unterminated one. */
static inline void fuzz_diag(void *ud, const dy_diag *d)
{
    (void)ud;
    size_t n = 0;
    if (d->file)
        n += strlen(d->file);
    if (d->record)
        n += strlen(d->record);
    if (d->msg)
        n += strlen(d->msg);
    fuzz_sink += n + (size_t)d->severity + (size_t)d->code + (size_t)d->line;
}

/* Add up the bytes of a string (NULL allowed). */
static inline void fuzz_touch(const char *s)
{
    if (s)
        fuzz_sink += strlen(s);
}

static char fuzz_dir_path[64];

static inline void fuzz_dir_remove(void)
{
    char cmd[128];
    if (!fuzz_dir_path[0])
        return;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_dir_path);
    if (system(cmd) != 0)
        fprintf(stderr, "fuzz: could not remove %s\n", fuzz_dir_path);
}

/* The process's scratch folder (created on first use, removed at exit); NULL on failure. */
static inline const char *fuzz_dir(void)
{
    if (!fuzz_dir_path[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(fuzz_dir_path, sizeof fuzz_dir_path, "%s/dyad-fuzz.XXXXXX",
                 tmp && strlen(tmp) < 32 ? tmp : "/tmp");
        if (!mkdtemp(fuzz_dir_path)) {
            fuzz_dir_path[0] = 0;
            return NULL;
        }
        atexit(fuzz_dir_remove);
    }
    return fuzz_dir_path;
}

/* Write data to NAME inside the scratch folder; returns the malloc'd full path or NULL. */
static inline char *fuzz_write_file(const char *name, const uint8_t *data, size_t size)
{
    const char *dir = fuzz_dir();
    if (!dir)
        return NULL;
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = malloc(n);
    if (!path)
        return NULL;
    snprintf(path, n, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        free(path);
        return NULL;
    }
    return path;
}

#endif
