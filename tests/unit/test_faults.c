/*
 * test_faults.c - out-of-memory fault injection: the library's malloc, calloc, realloc and
 * strdup are wrapped (linked with -Wl,--wrap=..., see the Makefile) so that the Nth
 * allocation fails.  A scenario -- load dictionaries, code stories, read input files, read a
 * validation suite -- is run once to count its allocations, then again failing each
 * allocation in turn (every one up to a few thousand, then a sample).  Every run must end
 * with an error status or success, never a crash; under ASan/LSan nothing may leak.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dyad.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);

static long alloc_count, fail_at, failures_injected;

static int should_fail(void)
{
    alloc_count++;
    if (fail_at && alloc_count == fail_at) {
        failures_injected++;
        return 1;
    }
    return 0;
}

void *__wrap_malloc(size_t n) { return should_fail() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t m) { return should_fail() ? NULL : __real_calloc(n, m); }
void *__wrap_realloc(void *p, size_t n) { return should_fail() ? NULL : __real_realloc(p, n); }
char *__wrap_strdup(const char *s) { return should_fail() ? NULL : __real_strdup(s); }

static void quiet(void *ud, const dy_diag *d)
{
    (void)ud;
    (void)d;
}

static const char *const stories[] = {
    "Iraqi Defense Minister Ahmed Hassan met his Turkish counterpart in Baghdad on Monday. "
    "He said Iraq would not allow attacks on Turkey from its territory.",
    "Egypt and Jordan condemned the strikes, and the United Nations urged restraint. "
    "\"We will not accept this,\" the French foreign minister told reporters.",
};

/* One run of the scenario.  Returns how many steps completed; never crashes. */
static int scenario(void)
{
    int steps = 0;
    dy_dict_opts dopts = {.diag = quiet};
    dy_dict *d = NULL;
    if (dy_dict_load_builtin(&dopts, &d) == DY_OK) {
        steps++;
        dy_coder_opts co;
        dy_coder_opts_init(&co);
        co.diag = quiet;
        dy_coder *c = dy_coder_new(d, &co);
        if (c) {
            steps++;
            for (size_t i = 0; i < sizeof stories / sizeof *stories; i++) {
                dy_story s = {0};
                s.id = "s";
                s.date = 20250101;
                s.text = stories[i];
                s.text_len = strlen(stories[i]);
                if (dy_coder_feed(c, &s) == DY_OK) {
                    steps++;
                    while (dy_coder_next_event(c))
                        ;
                }
            }
            dy_coder_free(c);
        }
        dy_dict_free(d);
    }
    static const char *const inputs[] = {"tests/data/input/stories.jsonl",
                                         "tests/data/input/stories.xml",
                                         "tests/data/input/stories.tabari",
                                         "tests/data/input/stories.txt"};
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        dy_reader_opts ro = {.format = DY_FMT_AUTO, .diag = quiet};
        dy_reader *r = NULL;
        if (dy_reader_open(inputs[i], &ro, &r) == DY_OK) {
            dy_story s;
            while (dy_reader_next(r, &s) == DY_OK)
                steps++;
            dy_reader_close(r);
        }
    }
    dy_valfile *v = NULL;
    if (dy_valfile_open("tests/data/valid/mini.project", quiet, NULL, &v) == DY_OK) {
        const dy_valrec *rec;
        while (dy_valfile_next(v, &rec) == DY_OK)
            steps++;
        const dy_dict_file *files;
        size_t nf;
        dy_valfile_dict_files(v, &files, &nf);
        dy_dict *vd = NULL;
        dy_dict_opts o = {.diag = quiet};
        if (nf && dy_dict_load_files(files, nf, &o, &vd) == DY_OK)
            steps++;
        dy_dict_free(vd);
        dy_valfile_close(v);
    }
    return steps;
}

int main(void)
{
    fail_at = 0;
    alloc_count = 0;
    int full = scenario();
    long total = alloc_count;
    CHECK(full >= 8);   /* dict, coder, stories, records: the scenario really ran */
    CHECK(total > 100); /* and allocated (so the wrapping is in effect) */
    printf("scenario: %d steps, %ld allocations\n", full, total);

    /* fail each allocation up to 3000, then about 1000 more spread over the rest */
    long step = total > 3000 ? (total - 3000) / 1000 + 1 : 1;
    long runs = 0, degraded = 0;
    for (long k = 1; k <= total; k += (k < 3000 ? 1 : step)) {
        fail_at = k;
        alloc_count = 0;
        failures_injected = 0;
        int got = scenario();
        runs++;
        degraded += got < full;
        if (got > full) {
            CHECK(got <= full);
            fprintf(stderr, "allocation %ld failed: more steps (%d) than without faults\n", k,
                    got);
        }
    }
    fail_at = 0;
    printf("fault injection: %ld runs, %ld ended early with an error, none crashed\n", runs,
           degraded);
    CHECK(runs > 0);
    CHECK(degraded > 0); /* failing allocations really did change the outcome */
    /* after all that, a clean run still works exactly as before */
    alloc_count = 0;
    CHECK_INT(scenario(), full);
    return check_summary();
}
