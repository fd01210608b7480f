/*
 * pipeline.h - multi-threaded `dyad code`: one reader thread, N coder threads (each with its
 * own dy_coder over the shared read-only dictionary) and the calling thread writing results
 * in input order.  Output, diagnostics on stderr and counters are the same as a sequential run.
 */
#ifndef DY_CLI_PIPELINE_H
#define DY_CLI_PIPELINE_H

#include <stddef.h>
#include <stdio.h>

#include "dyad.h"
#include "output.h"

/* What a `dyad code` run counts; printed in its summary line. */
typedef struct code_counts {
    long long stories;   /* stories returned by the readers */
    long long sentences; /* sentences in the stories coded */
    long long events;    /* events written */
    long long left_out;  /* events left out: no PLOVER type under --ontology plover */
    long long rejected;  /* records rejected by a reader, plus stories the coder refused */
    long long failed;    /* inputs that could not be opened or read to the end */
} code_counts;

/* Defaults of the tuning parameters (0 in pipeline_opts selects them). */
#define PIPELINE_DEFAULT_BATCH_STORIES 128
#define PIPELINE_DEFAULT_BATCH_BYTES (1024 * 1024)

typedef struct pipeline_opts {
    const dy_dict *dict;  /* shared by all coder threads; must outlive the run */
    char **files;         /* input paths ("-" is standard input), read in this order */
    int nfiles;
    dy_format format;     /* input format, DY_FMT_AUTO to detect */
    FILE *out;            /* where events go */
    out_format ofmt;
    int threads;          /* coder threads, >= 1 */
    size_t batch_stories; /* a batch is sealed at this many stories (0: default) */
    size_t batch_bytes;   /* ... or once its story text reaches this many bytes (0: default) */
    size_t queue_depth;   /* batches read ahead waiting for a coder (0: 2 x threads).  At most
                             queue_depth + 2 x threads batches exist at any time. */
    FILE *rejects;        /* --rejects: one JSON line per rejection (out_reject_line), in the
                             order a sequential run writes them; NULL for none */
    struct progress *prog; /* the progress line, updated by the writer; may be NULL */
    const struct cli_limits *limits; /* --max-... for the readers and coders; NULL: defaults */
    out_ontology ontology; /* --ontology: with ONT_PLOVER, events without a PLOVER type are
                              left out and counted in code_counts.left_out */
} pipeline_opts;

/*
 * Code every story of o->files with o->threads coder threads and write the events to o->out
 * in input order, byte-identical to coding them one by one.  Rejected-record and coder
 * diagnostics are printed to stderr in the order a sequential run prints them.  Adds to
 * *counts.  Returns 0 when the run completed, -1 on a fatal error (out of memory, write
 * error, threads could not start), whose message was printed to stderr.
 */
int pipeline_code(const pipeline_opts *o, code_counts *counts);

#endif
