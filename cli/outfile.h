/*
 * outfile.h - output files that are never left half-written: data goes to a temporary file
 * beside the target, which is flushed, synced and renamed over the target only when the
 * run completes.  On failure, or on SIGINT/SIGTERM/SIGHUP, the temporary file is removed and
 * the old target (if any) is left as it was.  A target that exists and is not a regular
 * file (a device such as /dev/null, a pipe) is written directly instead.
 */
#ifndef DY_CLI_OUTFILE_H
#define DY_CLI_OUTFILE_H

#include <stdio.h>

typedef struct outfile {
    char *path; /* the target */
    char *tmp;  /* the temporary file being written */
    FILE *f;    /* open on tmp */
    int slot;   /* index in the signal handler's list, -1 if none */
} outfile;

/* Install the handlers that remove registered temporary files on SIGINT, SIGTERM and
 * SIGHUP (then re-raise the signal).  Call once, before opening outfiles. */
void outfile_handle_signals(void);

/* Open a temporary file for `path`.  0 ok; -1 with a message on stderr. */
int outfile_open(outfile *o, const char *path);

/* Flush, sync, close and rename into place.  0 ok; -1 with a message (the temporary file
 * is removed and the target left unchanged). */
int outfile_commit(outfile *o);

/* Close and remove the temporary file; the target is left unchanged.  Accepts an outfile
 * that was never opened (zeroed). */
void outfile_abort(outfile *o);

#endif
