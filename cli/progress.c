/*
 * progress.c - the progress line of `dyad code` (see progress.h).
 */
#include "progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Is this file compressed (its reader's byte offsets then do not match its size)? */
static int compressed(const char *path)
{
    unsigned char m[6] = {0};
    FILE *f = fopen(path, "rb");
    if (!f)
        return 1;
    size_t n = fread(m, 1, sizeof m, f);
    fclose(f);
    return (n >= 2 && m[0] == 0x1f && m[1] == 0x8b) ||
           (n >= 4 && m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f && m[3] == 0xfd) ||
           (n >= 6 && !memcmp(m, "\xfd" "7zXZ\0", 6));
}

void progress_init(progress *p, char **files, int nfiles, int enabled)
{
    memset(p, 0, sizeof *p);
    if (!enabled || !isatty(2) || nfiles <= 0)
        return;
    p->file_bytes = calloc((size_t)nfiles, sizeof *p->file_bytes);
    if (!p->file_bytes)
        return;
    p->on = 1;
    for (int i = 0; i < nfiles; i++) {
        struct stat st;
        if (strcmp(files[i], "-") && stat(files[i], &st) == 0 && S_ISREG(st.st_mode) &&
            !compressed(files[i])) {
            p->file_bytes[i] = (long long)st.st_size;
            if (p->total_bytes >= 0)
                p->total_bytes += (long long)st.st_size;
        } else {
            p->file_bytes[i] = -1;
            p->total_bytes = -1;
        }
    }
    p->start = p->last = now();
}

void progress_story(progress *p, int file, long long byte, long long stories,
                    long long sentences)
{
    if (!p->on)
        return;
    while (p->file < file) {
        if (p->file_bytes[p->file] > 0)
            p->done_before += p->file_bytes[p->file];
        p->file++;
    }
    double t = now();
    if (t - p->last < 0.25)
        return;
    p->last = t;
    double el = t - p->start;
    char line[160];
    int n = snprintf(line, sizeof line, "dyad: %lld stories, %lld sentences, %.0f sentences/s",
                     stories, sentences, el > 0 ? (double)sentences / el : 0.0);
    if (p->total_bytes > 0 && byte >= 0) {
        double done = (double)(p->done_before + byte) / (double)p->total_bytes;
        if (done > 1)
            done = 1;
        if (done > 0.001 && n > 0 && (size_t)n < sizeof line) {
            double left = el / done - el;
            snprintf(line + n, sizeof line - (size_t)n, ", %.0f%%, %d:%02d left", done * 100,
                     (int)(left / 60), (int)left % 60);
        }
    }
    size_t len = strlen(line);
    fprintf(stderr, "\r%s", line);
    for (size_t i = len; i < p->width; i++)
        fputc(' ', stderr);
    p->width = len;
    fflush(stderr);
}

void progress_end(progress *p)
{
    if (p->on && p->width) {
        fputc('\r', stderr);
        for (size_t i = 0; i < p->width; i++)
            fputc(' ', stderr);
        fputc('\r', stderr);
        fflush(stderr);
    }
    free(p->file_bytes);
    memset(p, 0, sizeof *p);
}
