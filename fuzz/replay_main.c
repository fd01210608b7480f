/*
 * replay_main.c - a main() for the libFuzzer harnesses without libFuzzer: it calls
 * LLVMFuzzerTestOneInput once on the contents of each file named on the command line,
 * printing "ok FILE" after each, so any compiler (gcc) with or without sanitizers can
 * replay the seed corpora and the saved crashers (tests/fuzz_replay.sh).
 * Exit status: 0 all files replayed, 2 a file could not be read.  A crash ends the process.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read a whole file into a malloc'd buffer (at least 1 byte allocated); NULL on error. */
static uint8_t *replay_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        uint8_t *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
        } else {
            buf = bigger;
            cap *= 2;
        }
    }
    if (buf && ferror(f)) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    int status = 0;
    for (int i = 1; i < argc; i++) {
        size_t len = 0;
        uint8_t *data = replay_read(argv[i], &len);
        if (!data) {
            fprintf(stderr, "cannot read %s\n", argv[i]);
            status = 2;
            continue;
        }
        /* an exact-size copy, so ASan catches a read one byte past the input */
        uint8_t *exact = malloc(len ? len : 1);
        if (!exact) {
            free(data);
            fprintf(stderr, "out of memory reading %s\n", argv[i]);
            status = 2;
            continue;
        }
        for (size_t k = 0; k < len; k++)
            exact[k] = data[k];
        free(data);
        LLVMFuzzerTestOneInput(exact, len);
        free(exact);
        printf("ok %s\n", argv[i]);
        fflush(stdout);
    }
    return status;
}
