/*
 * store.h - dyad's embedded event store: stories, sentences and coded events with their
 * provenance, kept in one SQLite file (schema: docs/STORE.md), with two levels of
 * de-duplication (the one-a-day filter and near-duplicate story clusters found by MinHash)
 * and the queries behind `dyad series` and `dyad top`.  A client of libdyad: it uses the
 * public API (dyad.h) and SQLite, never the library's insides.
 *
 * Ownership: store_open hands out a store the caller frees with store_close (accepts NULL).
 * Strings passed in are copied into the database; nothing returned points into the store
 * unless said so.  A store belongs to one thread at a time.
 *
 * Writing: store_begin_batch, then for each story store_add_story followed by the
 * store_add_event calls of its events, then store_commit.  A batch is one SQLite
 * transaction (the file is in WAL mode): a writer killed mid-batch leaves the store as it
 * was before the batch.  store_add_story replaces a story already stored under the same
 * (story id, dictionary version): its old sentences and events are deleted first, so
 * re-coding or re-loading never double counts.  Within one open store a story id is
 * replaced only once: adding it again (the same story id seen twice in one run) appends.
 *
 * Errors: every function returns a dy_status and sends a DY_ERROR diagnostic with SQLite's
 * message to the callback given in store_opts (if any).  Nothing here prints or exits.
 */
#ifndef DY_STORE_H
#define DY_STORE_H

#include <stdint.h>
#include <stdio.h>

#include "dyad.h"

/* The schema version this code writes and reads (meta.schema_version). */
#define STORE_SCHEMA_VERSION 1

typedef struct store store;

typedef struct store_opts {
    dy_diag_fn diag;      /* may be NULL */
    void *diag_ud;
    int busy_timeout_ms;  /* wait this long for another writer's lock; 0 = default 10000 */
    int read_only;        /* 1: open an existing store for queries only */
    double dup_threshold; /* estimated Jaccard similarity of word shingles from which two
                             stories are near-duplicates; 0 = default 0.5 */
} store_opts;

/*
 * Open (creating it and its schema when absent) the store at `path`.  An existing file
 * whose meta.schema_version differs from STORE_SCHEMA_VERSION is refused (DY_EFORMAT).
 * opts may be NULL (defaults).  On failure *out is NULL and a diagnostic was sent.
 */
dy_status store_open(const char *path, const store_opts *opts, store **out);

/* Close the store; an open batch is rolled back.  Accepts NULL. */
void store_close(store *s);

/* Start a batch (one transaction).  DY_EINVAL if one is already open. */
dy_status store_begin_batch(store *s);

/*
 * Add (or replace, see above) one story inside the open batch and make it the story that
 * the next store_add_event calls attach to.  `dict_version` names the dictionaries the
 * events come from (e.g. the --dict path, or "builtin"); NULL means "builtin".
 * `n_sentences` is the number of sentences found (dy_coder_sentence_count), -1 if unknown.
 * The story's text is not kept: its hash and its MinHash signature are, and the story is
 * put in the near-duplicate cluster of the most similar earlier story (same dictionary
 * version) whose similarity reaches the threshold, or in a new cluster of its own.
 */
dy_status store_add_story(store *s, const dy_story *story, const char *dict_version,
                          int n_sentences);

/* Add one event of the current story (its sentence text is stored once per sentence).
 * ev->doc is not consulted: the event belongs to the last story added.  DY_EINVAL when
 * no batch is open or no story was added in it. */
dy_status store_add_event(store *s, const dy_event *ev);

/* Commit the open batch.  On failure the batch is rolled back. */
dy_status store_commit(store *s);

/* Roll back the open batch (no-op without one). */
void store_rollback(store *s);

/* ------------------------------------------------------------------ queries */

typedef enum store_dedup {
    STORE_DEDUP_NONE = 0,  /* every coded event counts */
    STORE_DEDUP_DAILY = 1, /* one event per (date, source, target, code) */
    STORE_DEDUP_STORY = 2  /* one event per (story cluster, source, target, code), dated
                              by its earliest story */
} store_dedup;

typedef enum store_period { STORE_BY_DAY = 0, STORE_BY_WEEK = 1, STORE_BY_MONTH = 2 } store_period;

/* "none"/"daily"/"story" -> dedup, "day"/"week"/"month" -> period; -1 if unknown. */
int store_dedup_from_name(const char *name);
int store_period_from_name(const char *name);

/* Which events a query counts.  NULL / 0 fields do not filter. */
typedef struct store_filter {
    const char *source;       /* actor code, or a pattern with * and ? (IRN*) */
    const char *target;
    int32_t from, to;         /* YYYYMMDD, inclusive */
    int root;                 /* CAMEO root 1..20 */
    int quad;                 /* quad class 1..4 */
    store_dedup dedup;
    const char *dict_version; /* NULL: the version of the most recently stored story */
} store_filter;

/* One period of a series.  label: "YYYY-MM-DD" (day; week: its Monday) or "YYYY-MM". */
typedef struct store_series_row {
    char label[16];
    long long events;
    long long quad[5];        /* quad[1..4]: counts per quad class; quad[0]: unknown */
    double goldstein_sum, goldstein_mean;
} store_series_row;

/* Called once per period, in date order; a non-zero return stops the query (DY_OK). */
typedef int (*store_series_fn)(void *ud, const store_series_row *row);

/* Count the events matching f per period.  Periods with no events are not reported. */
dy_status store_series(store *s, const store_filter *f, store_period by, store_series_fn fn,
                       void *ud);

/* One dyad of a ranking.  The strings are valid during the callback only. */
typedef struct store_top_row {
    const char *source, *target;
    long long events;          /* in the main period */
    double goldstein_mean;     /* in the main period (0 when events == 0) */
    long long vs_events;       /* in the comparison period (0 without one) */
    double vs_goldstein_mean;
    long long change;          /* events - vs_events */
} store_top_row;

typedef int (*store_top_fn)(void *ud, const store_top_row *row);

/*
 * The n most active dyads (source, target) among the events matching f, most events first.
 * With vs_from/vs_to (YYYYMMDD, both non-zero) the dyads are compared between f's period
 * and that one and ranked by the size of the change, largest first.  Ties: source, target.
 */
dy_status store_top(store *s, const store_filter *f, int32_t vs_from, int32_t vs_to, int n,
                    store_top_fn fn, void *ud);

/* Counts describing a store. */
typedef struct store_info {
    int schema_version;
    long long stories, sentences, events, clusters, batches;
    int integrity_ok;          /* PRAGMA quick_check said "ok" */
} store_info;

dy_status store_get_info(store *s, store_info *out);

/* Called per story (dictionary version, story id, the story id of its cluster, events). */
typedef int (*store_story_fn)(void *ud, const char *dict_version, const char *doc,
                              const char *cluster_doc, long long events);
dy_status store_list_stories(store *s, store_story_fn fn, void *ud);

/* ------------------------------------------------------------------ dedup internals */
/* (store/dedup.c; exposed for store.c and the unit test) */

#define STORE_MINHASH_K 128   /* hash functions in a signature */
#define STORE_LSH_BANDS 32    /* bands of STORE_MINHASH_K / STORE_LSH_BANDS rows each */
#define STORE_SHINGLE_WORDS 4 /* words per shingle */

/* The MinHash signature of text's word shingles (words: runs of letters and digits,
 * ASCII-lowercased; bytes >= 0x80 count as letters).  A text of fewer words than a
 * shingle is one shingle.  An empty text gives a signature of all UINT64_MAX. */
void dedup_minhash(const char *text, size_t len, uint64_t sig[STORE_MINHASH_K]);

/* The estimated Jaccard similarity of two signatures: the share of equal entries. */
double dedup_similarity(const uint64_t *a, const uint64_t *b);

/* The LSH bucket key of band `band` (0..STORE_LSH_BANDS-1) of a signature. */
int64_t dedup_band_key(const uint64_t *sig, int band);

/* A stable 64-bit hash of bytes (FNV-1a), for story text hashes. */
uint64_t dedup_text_hash(const char *text, size_t len);

#endif /* DY_STORE_H */
