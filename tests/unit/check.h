/*
 * check.h - the tiny assertion kit of dyad's C unit tests.  Each test program counts its
 * checks and ends with the line "N passed, M failed"; its exit status is 0 only if none
 * failed.  Tests that need ../shared/data call CHECK_SKIP with a reason when it is absent.
 */
#ifndef DY_CHECK_H
#define DY_CHECK_H

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int check_passed, check_failed, check_skipped;

#define CHECK(cond)                                                                          \
    do {                                                                                     \
        if (cond) {                                                                          \
            check_passed++;                                                                  \
        } else {                                                                             \
            check_failed++;                                                                  \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);         \
        }                                                                                    \
    } while (0)

#define CHECK_STR(got, want)                                                                 \
    do {                                                                                     \
        const char *check_g_ = (got), *check_w_ = (want);                                    \
        if (check_g_ && check_w_ && strcmp(check_g_, check_w_) == 0) {                       \
            check_passed++;                                                                  \
        } else {                                                                             \
            check_failed++;                                                                  \
            fprintf(stderr, "%s:%d: %s: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, #got,\
                    check_g_ ? check_g_ : "(null)", check_w_ ? check_w_ : "(null)");        \
        }                                                                                    \
    } while (0)

#define CHECK_INT(got, want)                                                                 \
    do {                                                                                     \
        long long check_g_ = (long long)(got), check_w_ = (long long)(want);                 \
        if (check_g_ == check_w_) {                                                          \
            check_passed++;                                                                  \
        } else {                                                                             \
            check_failed++;                                                                  \
            fprintf(stderr, "%s:%d: %s: got %lld, want %lld\n", __FILE__, __LINE__, #got,    \
                    check_g_, check_w_);                                                     \
        }                                                                                    \
    } while (0)

/* Report a skipped group of checks (e.g. ../shared/data absent). */
#define CHECK_SKIP(why)                                                                      \
    do {                                                                                     \
        check_skipped++;                                                                     \
        fprintf(stderr, "SKIPPED: %s\n", why);                                               \
    } while (0)

/* Path of the shared data folder, relative to the repo root where tests run; NULL if absent. */
static inline const char *check_shared_data(void)
{
    return access("../shared/data", R_OK) == 0 ? "../shared/data" : NULL;
}

static inline int check_summary(void)
{
    if (check_skipped)
        printf("%d passed, %d failed, %d skipped\n", check_passed, check_failed, check_skipped);
    else
        printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed ? 1 : 0;
}

#endif
