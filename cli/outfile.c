/*
 * outfile.c - atomic output files for the CLI (see outfile.h).  The signal handler only
 * calls async-signal-safe functions (unlink, write, signal, raise) on a fixed list of paths
 * registered before any signal can arrive.
 */
#include "outfile.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary files to remove if a signal ends the run.  A CLI-level list (a process has
 * one set of signal handlers); the library keeps no such state. */
#define OUTFILE_SLOTS 8
static char *volatile pending[OUTFILE_SLOTS];
/* Output files already put in place: a signal after that cannot leave them unchanged. */
static volatile sig_atomic_t committed;

static void on_signal(int sig)
{
    for (int i = 0; i < OUTFILE_SLOTS; i++)
        if (pending[i])
            unlink(pending[i]);
    static const char unchanged[] =
        "dyad: interrupted; output files left unchanged (temporary files removed)\n";
    static const char written[] = "dyad: interrupted after its output files were written\n";
    ssize_t w = committed ? write(2, written, sizeof written - 1)
                          : write(2, unchanged, sizeof unchanged - 1);
    (void)w;
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Hold back SIGINT, SIGTERM and SIGHUP while a file is put in place, so that a signal
 * either finds the temporary file still pending (and removes it) or the file complete. */
static void hold_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, old);
}

void outfile_handle_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

int outfile_open(outfile *o, const char *path)
{
    memset(o, 0, sizeof *o);
    o->slot = -1;
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* a device or a pipe (-o /dev/null, -o /dev/stdout): written directly, never
         * replaced by a rename */
        o->f = fopen(path, "wb");
        if (!o->f) {
            fprintf(stderr, "dyad: cannot write %s: %s\n", path, strerror(errno));
            return -1;
        }
        return 0;
    }
    size_t n = strlen(path) + 40;
    o->path = strdup(path);
    o->tmp = malloc(n);
    if (!o->path || !o->tmp) {
        fprintf(stderr, "dyad: out of memory\n");
        free(o->path);
        free(o->tmp);
        o->path = o->tmp = NULL;
        return -1;
    }
    snprintf(o->tmp, n, "%s.tmp.%ld", path, (long)getpid());
    o->f = fopen(o->tmp, "wb");
    if (!o->f) {
        fprintf(stderr, "dyad: cannot write %s: %s\n", o->tmp, strerror(errno));
        free(o->path);
        free(o->tmp);
        o->path = o->tmp = NULL;
        return -1;
    }
    for (int i = 0; i < OUTFILE_SLOTS; i++)
        if (!pending[i]) {
            pending[i] = o->tmp;
            o->slot = i;
            break;
        }
    return 0;
}

static void release(outfile *o)
{
    if (o->slot >= 0)
        pending[o->slot] = NULL;
    o->slot = -1;
    free(o->path);
    free(o->tmp);
    o->path = o->tmp = NULL;
    o->f = NULL;
}

void outfile_abort(outfile *o)
{
    if (!o->tmp) { /* not opened, or a device written directly */
        if (o->f)
            fclose(o->f);
        o->f = NULL;
        return;
    }
    if (o->f)
        fclose(o->f);
    unlink(o->tmp);
    release(o);
}

int outfile_commit(outfile *o)
{
    int bad = fflush(o->f) != 0 || ferror(o->f) || (o->tmp && fsync(fileno(o->f)) != 0);
    int err = errno;
    if (fclose(o->f))
        bad = 1, err = errno;
    o->f = NULL;
    if (!o->tmp) { /* a device written directly */
        if (bad)
            fprintf(stderr, "dyad: error writing output: %s\n", strerror(err));
        return bad ? -1 : 0;
    }
    if (!bad) {
        sigset_t old;
        hold_signals(&old);
        int moved = rename(o->tmp, o->path) == 0;
        err = errno;
        if (moved) {
            committed = 1;
            release(o);
        }
        sigprocmask(SIG_SETMASK, &old, NULL);
        if (moved)
            return 0;
    }
    fprintf(stderr, "dyad: cannot complete %s (%s); it is left unchanged\n", o->path,
            strerror(err));
    unlink(o->tmp);
    release(o);
    return -1;
}
