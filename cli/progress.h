/*
 * progress.h - the progress line of `dyad code` on a terminal: stories and sentences done,
 * sentences per second and, when the input's size is known (uncompressed regular files),
 * the share done and the time left.  Silent when stderr is not a terminal or with --quiet.
 */
#ifndef DY_CLI_PROGRESS_H
#define DY_CLI_PROGRESS_H

#include <stddef.h>

typedef struct progress {
    int on;                    /* 0: every call is a no-op */
    long long *file_bytes;     /* size of each input file, -1 if unknown (stdin, compressed) */
    long long total_bytes;     /* sum of the known sizes; -1 if any is unknown */
    long long done_before;     /* bytes of the files already finished */
    int file;                  /* the file being read */
    double start, last;        /* monotonic seconds */
    size_t width;              /* characters of the last line drawn */
} progress;

/* Start: on only when `enabled` and stderr is a terminal. */
void progress_init(progress *p, char **files, int nfiles, int enabled);
/* After a story: the file it came from, its byte offset in that file, the running counts.
 * Redraws at most a few times a second. */
void progress_story(progress *p, int file, long long byte, long long stories,
                    long long sentences);
/* Erase the line and free what progress_init allocated. */
void progress_end(progress *p);

#endif
