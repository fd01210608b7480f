/*
 * measure.c - runs one command and records what it cost, for `make bench`: wall-clock time
 * (monotonic clock, microseconds), user and system CPU time and peak resident set size
 * (from wait4's rusage of that child alone), and its exit status.
 *
 * usage: measure -r RESULT_FILE [-i STDIN_FILE] [-o STDOUT_FILE] [-e STDERR_FILE] -- CMD [ARG...]
 * The child's standard streams are redirected to the files given (default: inherited).
 * RESULT_FILE receives one line:  wall_s=W user_s=U sys_s=S maxrss_kb=K status=X
 * (X is the exit code, or 128+signal).  measure exits 0 when the command could be run and
 * measured (whatever its status), 1 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Point descriptor `fd` at `path` opened with `flags`; 0 ok, -1 on error (message printed). */
static int measure_redirect(int fd, const char *path, int flags)
{
    int f = open(path, flags, 0644);
    if (f < 0) {
        fprintf(stderr, "measure: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (dup2(f, fd) < 0) {
        fprintf(stderr, "measure: dup2: %s\n", strerror(errno));
        close(f);
        return -1;
    }
    close(f);
    return 0;
}

static double measure_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    const char *result_path = NULL, *in_path = NULL, *out_path = NULL, *err_path = NULL;
    int cmd = -1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            cmd = i + 1;
            break;
        }
        if (i + 1 >= argc)
            break;
        if (strcmp(argv[i], "-r") == 0)
            result_path = argv[++i];
        else if (strcmp(argv[i], "-i") == 0)
            in_path = argv[++i];
        else if (strcmp(argv[i], "-o") == 0)
            out_path = argv[++i];
        else if (strcmp(argv[i], "-e") == 0)
            err_path = argv[++i];
        else
            break;
    }
    if (!result_path || cmd < 0 || cmd >= argc) {
        fprintf(stderr, "usage: measure -r RESULT_FILE [-i IN] [-o OUT] [-e ERR] -- CMD [ARG...]\n");
        return 1;
    }
    FILE *res = fopen(result_path, "w");
    if (!res) {
        fprintf(stderr, "measure: %s: %s\n", result_path, strerror(errno));
        return 1;
    }
    fflush(NULL);
    double t0 = measure_now();
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "measure: fork: %s\n", strerror(errno));
        fclose(res);
        return 1;
    }
    if (pid == 0) {
        if ((in_path && measure_redirect(0, in_path, O_RDONLY)) ||
            (out_path && measure_redirect(1, out_path, O_WRONLY | O_CREAT | O_TRUNC)) ||
            (err_path && measure_redirect(2, err_path, O_WRONLY | O_CREAT | O_TRUNC)))
            _exit(127);
        execvp(argv[cmd], argv + cmd);
        fprintf(stderr, "measure: %s: %s\n", argv[cmd], strerror(errno));
        _exit(127);
    }
    int wstatus = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    pid_t got;
    do {
        got = wait4(pid, &wstatus, 0, &ru);
    } while (got < 0 && errno == EINTR);
    double t1 = measure_now();
    if (got < 0) {
        fprintf(stderr, "measure: wait4: %s\n", strerror(errno));
        fclose(res);
        return 1;
    }
    int status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus)
                 : WIFSIGNALED(wstatus) ? 128 + WTERMSIG(wstatus) : 255;
    fprintf(res, "wall_s=%.6f user_s=%.6f sys_s=%.6f maxrss_kb=%ld status=%d\n", t1 - t0,
            (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6,
            (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6, ru.ru_maxrss,
            status);
    if (fclose(res) != 0) {
        fprintf(stderr, "measure: %s: write failed\n", result_path);
        return 1;
    }
    return 0;
}
