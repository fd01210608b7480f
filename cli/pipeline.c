/*
 * pipeline.c - `dyad code --threads N`: stories flow in numbered batches from one reader
 * thread through a bounded work queue to N coder threads (one dy_coder each, sharing the
 * read-only dictionary); the calling thread writes the coded batches strictly in sequence
 * order.  A batch owns copies of its stories' strings, the reader diagnostics that preceded
 * each story, and, once coded, each story's formatted events and coder diagnostics, so the
 * writer reproduces exactly what a sequential run prints on stdout and stderr.  Memory stays
 * bounded: at most max_inflight batches exist at once (the reader waits for the writer).
 */
#include "pipeline.h"

#include "cli.h"
#include "progress.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ growable bytes */

typedef struct gbuf {
    char *s;
    size_t len, cap;
    int oom; /* an append failed: the contents are incomplete */
} gbuf;

static int gbuf_reserve(gbuf *b, size_t extra)
{
    if (b->oom || extra > SIZE_MAX - b->len - 1) {
        b->oom = 1;
        return -1;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *s = realloc(b->s, cap);
    if (!s) {
        b->oom = 1;
        return -1;
    }
    b->s = s;
    b->cap = cap;
    return 0;
}

static int gbuf_append(gbuf *b, const char *s, size_t n)
{
    if (gbuf_reserve(b, n))
        return -1;
    if (n)
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
    return 0;
}

static void gbuf_clear(gbuf *b)
{
    b->len = 0;
    b->oom = 0;
    if (b->s)
        b->s[0] = 0;
}

static void gbuf_free(gbuf *b)
{
    free(b->s);
    memset(b, 0, sizeof *b);
}

/* One diagnostic line, formatted as cli_print_diag (cli/common.c) prints it. */
static void diag_format(gbuf *b, const dy_diag *d)
{
    size_t n = 0;
    char *line = cli_diag_line(d, &n); /* the line cli_print_diag prints */
    if (!line || gbuf_append(b, line, n))
        b->oom = 1;
    free(line);
}

/* ------------------------------------------------------------------ batches */

#define NO_STR SIZE_MAX

typedef struct story_slot {
    dy_story story; /* string pointers set when the batch is submitted */
    size_t id_off, text_off, title_off, source_off, url_off, parse_off; /* in strs; NO_STR */
    size_t rdiag_end; /* reader diagnostics before this story end here in rdiag */
    size_t rrej_end;  /* reader reject-report lines before this story end here in rrej */
    int file;         /* index of the input file it came from */
    long long rejected_before, failed_before; /* records rejected / inputs failed since the
                                                 previous story */
    /* filled by the coder thread */
    dy_status status; /* dy_coder_feed's result; DY_ENOMEM also when formatting failed */
    int sentences;
    long long events;
    long long left_out; /* events without a PLOVER type left out (--ontology plover) */
    size_t out_end;   /* this story's events end here in out */
    size_t cdiag_end; /* this story's coder diagnostics end here in cdiag */
    size_t crej_end;  /* this story's coder reject-report lines end here in crej */
} story_slot;

typedef struct batch {
    struct batch *next; /* link in the work queue, the done list or the free list */
    size_t seq;         /* 0, 1, 2 ... in input order */
    story_slot *slots;
    size_t n, cap;
    gbuf strs;    /* the stories' strings, each NUL-terminated */
    gbuf rdiag;   /* reader diagnostics */
    gbuf cdiag;   /* coder diagnostics */
    gbuf rrej;    /* reader reject-report lines (--rejects) */
    gbuf crej;    /* coder reject-report lines */
    char *out;    /* formatted events (an open_memstream buffer) */
    size_t out_len;
    size_t coded; /* slots[0..coded) were coded; a coder stops early only at a DY_ENOMEM */
} batch;

static void batch_reset(batch *b)
{
    b->next = NULL;
    b->n = 0;
    b->coded = 0;
    gbuf_clear(&b->strs);
    gbuf_clear(&b->rdiag);
    gbuf_clear(&b->cdiag);
    gbuf_clear(&b->rrej);
    gbuf_clear(&b->crej);
    free(b->out);
    b->out = NULL;
    b->out_len = 0;
}

static void batch_free(batch *b)
{
    if (!b)
        return;
    free(b->slots);
    gbuf_free(&b->strs);
    gbuf_free(&b->rdiag);
    gbuf_free(&b->cdiag);
    gbuf_free(&b->rrej);
    gbuf_free(&b->crej);
    free(b->out);
    free(b);
}

static void batch_list_free(batch *b)
{
    while (b) {
        batch *next = b->next;
        batch_free(b);
        b = next;
    }
}

/* Copy n bytes of s (NUL added) into strs; *off its offset, NO_STR for a NULL s. */
static int copy_string(gbuf *strs, const char *s, size_t n, size_t *off)
{
    if (!s) {
        *off = NO_STR;
        return 0;
    }
    *off = strs->len;
    if (gbuf_append(strs, s, n))
        return -1;
    strs->len++; /* keep the NUL gbuf_append wrote */
    return 0;
}

/* What the reader saw since the story it last returned. */
typedef struct reader_pending {
    gbuf diag;          /* diagnostics not yet attached to a story */
    gbuf rej;           /* reject-report lines not yet attached to a story */
    long long rejected; /* records rejected */
    long long failed;   /* inputs that could not be opened or read to the end */
} reader_pending;

/* Append a copy of story s to b, preceded by what *pending holds (which is then emptied).
 * 0 ok, -1 out of memory. */
static int batch_add(batch *b, const dy_story *s, int file, reader_pending *pending)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        if (cap > SIZE_MAX / sizeof *b->slots)
            return -1;
        story_slot *slots = realloc(b->slots, cap * sizeof *slots);
        if (!slots)
            return -1;
        b->slots = slots;
        b->cap = cap;
    }
    story_slot *sl = &b->slots[b->n];
    memset(sl, 0, sizeof *sl);
    sl->story = *s;
    sl->file = file;
    if (copy_string(&b->strs, s->id, s->id ? strlen(s->id) : 0, &sl->id_off) ||
        copy_string(&b->strs, s->text, s->text_len, &sl->text_off) ||
        copy_string(&b->strs, s->title, s->title ? strlen(s->title) : 0, &sl->title_off) ||
        copy_string(&b->strs, s->source, s->source ? strlen(s->source) : 0, &sl->source_off) ||
        copy_string(&b->strs, s->url, s->url ? strlen(s->url) : 0, &sl->url_off) ||
        copy_string(&b->strs, s->parse, s->parse ? strlen(s->parse) : 0, &sl->parse_off))
        return -1;
    if (gbuf_append(&b->rdiag, pending->diag.s, pending->diag.len) ||
        gbuf_append(&b->rrej, pending->rej.s, pending->rej.len))
        return -1;
    sl->rdiag_end = b->rdiag.len;
    sl->rrej_end = b->rrej.len;
    gbuf_clear(&pending->rej);
    sl->rejected_before = pending->rejected;
    sl->failed_before = pending->failed;
    gbuf_clear(&pending->diag);
    pending->rejected = pending->failed = 0;
    b->n++;
    return 0;
}

static const char *string_at(const batch *b, size_t off)
{
    return off == NO_STR ? NULL : b->strs.s + off;
}

/* Point every story's strings into the (no longer growing) string buffer. */
static void batch_seal(batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        story_slot *sl = &b->slots[i];
        sl->story.id = string_at(b, sl->id_off);
        sl->story.text = string_at(b, sl->text_off);
        sl->story.title = string_at(b, sl->title_off);
        sl->story.source = string_at(b, sl->source_off);
        sl->story.url = string_at(b, sl->url_off);
        sl->story.parse = string_at(b, sl->parse_off);
    }
}

/* ------------------------------------------------------------------ shared state */

typedef struct pipeline {
    const pipeline_opts *o;
    size_t batch_stories, batch_bytes, max_inflight;

    pthread_mutex_t mu;      /* guards everything below up to the reader-only fields */
    pthread_cond_t cv_work;  /* a batch was queued for coding, or the reader finished */
    pthread_cond_t cv_done;  /* a batch was coded, or the reader finished */
    pthread_cond_t cv_space; /* a batch was written (room for another), or abort */
    batch *work_head, *work_tail; /* FIFO of batches to code */
    batch *done;                  /* coded batches waiting for the writer (any order) */
    batch *free_list;             /* written batches kept for reuse */
    size_t inflight;              /* batches taken by the reader and not yet written */
    size_t submitted;             /* batches queued for coding; final once reader_done */
    int reader_done;
    int abort; /* the writer hit a fatal error: everyone stops */

    /* Written only by the reader thread; the writer reads them after joining it. */
    reader_pending pending; /* what followed the last story read */
    int reader_oom;
} pipeline;

typedef struct worker {
    pipeline *p;
    dy_coder *coder;
    batch *cur; /* the batch being coded (its cdiag receives the coder's diagnostics) */
    pthread_t tid;
    int started;
} worker;

/* Take an empty batch, waiting while max_inflight batches exist.  NULL if the run was
 * aborted (*oom = 0) or memory ran out (*oom = 1). */
static batch *batch_take(pipeline *p, int *oom)
{
    *oom = 0;
    pthread_mutex_lock(&p->mu);
    while (p->inflight >= p->max_inflight && !p->abort)
        pthread_cond_wait(&p->cv_space, &p->mu);
    if (p->abort) {
        pthread_mutex_unlock(&p->mu);
        return NULL;
    }
    batch *b = p->free_list;
    if (b)
        p->free_list = b->next;
    else if (!(b = calloc(1, sizeof *b)))
        *oom = 1;
    if (b) {
        b->next = NULL;
        p->inflight++;
    }
    pthread_mutex_unlock(&p->mu);
    return b;
}

/* Give back a batch that will not be written (the reader's last, empty one). */
static void batch_give_back(pipeline *p, batch *b)
{
    batch_reset(b);
    pthread_mutex_lock(&p->mu);
    b->next = p->free_list;
    p->free_list = b;
    p->inflight--;
    pthread_cond_signal(&p->cv_space);
    pthread_mutex_unlock(&p->mu);
}

/* Queue a filled batch for coding.  Returns 1 if the run was aborted (stop reading). */
static int batch_submit(pipeline *p, batch *b)
{
    batch_seal(b);
    pthread_mutex_lock(&p->mu);
    b->seq = p->submitted++;
    b->next = NULL;
    if (p->work_tail)
        p->work_tail->next = b;
    else
        p->work_head = b;
    p->work_tail = b;
    int aborted = p->abort;
    pthread_cond_signal(&p->cv_work);
    pthread_mutex_unlock(&p->mu);
    return aborted;
}

/* ------------------------------------------------------------------ reader thread */

/* One --rejects line for an error diagnostic (see cli/output.h). */
static void reject_format(gbuf *b, const dy_diag *d)
{
    char *line = NULL;
    size_t n = 0;
    if (d->severity != DY_ERROR)
        return;
    if (out_reject_line(d, &line, &n) || gbuf_append(b, line, n))
        b->oom = 1;
    free(line);
}

static void reader_diag(void *ud, const dy_diag *d)
{
    pipeline *p = ud;
    diag_format(&p->pending.diag, d);
    if (p->o->rejects)
        reject_format(&p->pending.rej, d);
}

static void *reader_main(void *arg)
{
    pipeline *p = arg;
    const pipeline_opts *o = p->o;
    batch *b = NULL;
    int stop = 0;
    for (int k = 0; k < o->nfiles && !stop; k++) {
        dy_reader_opts ro = {o->format, reader_diag, p, 0, 0};
        cli_reader_limits(o->limits, &ro);
        dy_reader *r = NULL;
        if (dy_reader_open(o->files[k], &ro, &r) != DY_OK) {
            p->pending.failed++;
            continue;
        }
        dy_story s;
        dy_status st;
        dy_reader_stats rs;
        long long rejected_seen = 0; /* this file's rejections already in p->pending */
        while ((st = dy_reader_next(r, &s)) == DY_OK) {
            dy_reader_get_stats(r, &rs);
            p->pending.rejected += rs.records_rejected - rejected_seen;
            rejected_seen = rs.records_rejected;
            if (!b) {
                int oom;
                b = batch_take(p, &oom);
                if (!b) {
                    p->reader_oom = oom;
                    stop = 1;
                    break;
                }
            }
            if (p->pending.diag.oom || batch_add(b, &s, k, &p->pending)) {
                p->reader_oom = 1;
                stop = 1;
                break;
            }
            if (b->n >= p->batch_stories || b->strs.len >= p->batch_bytes) {
                stop = batch_submit(p, b);
                b = NULL;
                if (stop)
                    break;
            }
        }
        if (st != DY_OK && st != DY_EEOF)
            p->pending.failed++;
        dy_reader_get_stats(r, &rs);
        p->pending.rejected += rs.records_rejected - rejected_seen;
        if (st == DY_EEOF && cli_input_unrecognised(r, o->files[k], reader_diag, p))
            p->pending.failed++;
        dy_reader_close(r);
    }
    if (b) {
        if (b->n && !p->reader_oom)
            batch_submit(p, b);
        else
            batch_give_back(p, b);
    }
    pthread_mutex_lock(&p->mu);
    p->reader_done = 1;
    pthread_cond_broadcast(&p->cv_work);
    pthread_cond_broadcast(&p->cv_done);
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* ------------------------------------------------------------------ coder threads */

static void worker_diag(void *ud, const dy_diag *d)
{
    worker *w = ud;
    if (w->cur) {
        diag_format(&w->cur->cdiag, d);
        if (w->p->o->rejects)
            reject_format(&w->cur->crej, d);
    }
}

/* Code every story of b, formatting its events into b->out. */
static void code_batch(worker *w, batch *b)
{
    const pipeline_opts *o = w->p->o;
    w->cur = b;
    b->coded = 0;
    FILE *mem = open_memstream(&b->out, &b->out_len);
    if (!mem) {
        b->slots[0].status = DY_ENOMEM;
        b->coded = 1;
        w->cur = NULL;
        return;
    }
    for (size_t i = 0; i < b->n; i++) {
        story_slot *sl = &b->slots[i];
        sl->status = dy_coder_feed(w->coder, &sl->story);
        sl->sentences = 0;
        sl->events = 0;
        sl->left_out = 0;
        if (sl->status == DY_OK) {
            sl->sentences = dy_coder_sentence_count(w->coder);
            const dy_event *ev;
            while ((ev = dy_coder_next_event(w->coder))) {
                if (!out_event_kept(o->ontology, ev)) {
                    sl->left_out++;
                    continue;
                }
                if (out_event_as(mem, o->ofmt, o->ontology, ev)) {
                    sl->status = DY_ENOMEM;
                    break;
                }
                sl->events++;
            }
        }
        long pos = ftell(mem);
        if (pos < 0 || b->cdiag.oom || b->crej.oom)
            sl->status = DY_ENOMEM;
        sl->out_end = pos < 0 ? 0 : (size_t)pos;
        sl->cdiag_end = b->cdiag.len;
        sl->crej_end = b->crej.len;
        b->coded = i + 1;
        if (sl->status == DY_ENOMEM)
            break;
    }
    if (fclose(mem)) {
        /* the last flush failed: the events are incomplete */
        b->slots[0].status = DY_ENOMEM;
        b->coded = 1;
    }
    w->cur = NULL;
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    pipeline *p = w->p;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (!p->work_head && !p->reader_done && !p->abort)
            pthread_cond_wait(&p->cv_work, &p->mu);
        batch *b = p->abort ? NULL : p->work_head;
        if (b) {
            p->work_head = b->next;
            if (!p->work_head)
                p->work_tail = NULL;
            b->next = NULL;
        }
        pthread_mutex_unlock(&p->mu);
        if (!b)
            return NULL;
        code_batch(w, b);
        pthread_mutex_lock(&p->mu);
        b->next = p->done;
        p->done = b;
        pthread_cond_signal(&p->cv_done);
        pthread_mutex_unlock(&p->mu);
    }
}

/* ------------------------------------------------------------------ writer */

/* Remove batch number seq from the done list; NULL if it is not coded yet.  Lock held. */
static batch *take_done(pipeline *p, size_t seq)
{
    for (batch **pp = &p->done; *pp; pp = &(*pp)->next) {
        if ((*pp)->seq == seq) {
            batch *b = *pp;
            *pp = b->next;
            b->next = NULL;
            return b;
        }
    }
    return NULL;
}

static int write_bytes(FILE *f, const char *s, size_t n)
{
    return n && fwrite(s, 1, n, f) != n ? -1 : 0;
}

static int reject_write_error(void)
{
    fprintf(stderr, "dyad code: cannot write the reject report: %s\n", strerror(errno));
    return -1;
}

/* Write one coded batch, story by story, as the sequential loop would.  0 ok, -1 fatal
 * (message printed). */
static int write_batch(const pipeline_opts *o, const batch *b, code_counts *counts)
{
    size_t rdiag_at = 0, cdiag_at = 0, out_at = 0, rrej_at = 0, crej_at = 0;
    for (size_t i = 0; i < b->coded; i++) {
        const story_slot *sl = &b->slots[i];
        write_bytes(stderr, b->rdiag.s + rdiag_at, sl->rdiag_end - rdiag_at);
        rdiag_at = sl->rdiag_end;
        if (o->rejects && write_bytes(o->rejects, b->rrej.s + rrej_at, sl->rrej_end - rrej_at))
            return reject_write_error();
        rrej_at = sl->rrej_end;
        counts->rejected += sl->rejected_before;
        counts->failed += sl->failed_before;
        counts->stories++;
        write_bytes(stderr, b->cdiag.s + cdiag_at, sl->cdiag_end - cdiag_at);
        cdiag_at = sl->cdiag_end;
        if (o->rejects && write_bytes(o->rejects, b->crej.s + crej_at, sl->crej_end - crej_at))
            return reject_write_error();
        crej_at = sl->crej_end;
        if (sl->status == DY_ENOMEM) {
            fprintf(stderr, "dyad code: out of memory coding story %s\n",
                    sl->story.id ? sl->story.id : "?");
            return -1;
        }
        if (sl->status != DY_OK) {
            counts->rejected++;
            continue;
        }
        counts->sentences += sl->sentences;
        if (o->prog)
            progress_story(o->prog, sl->file, sl->story.byte, counts->stories, counts->sentences);
        if (write_bytes(o->out, b->out + out_at, sl->out_end - out_at)) {
            fprintf(stderr, "dyad code: write error: %s\n", strerror(errno));
            return -1;
        }
        out_at = sl->out_end;
        counts->events += sl->events;
        counts->left_out += sl->left_out;
    }
    return 0;
}

/* ------------------------------------------------------------------ the run */

int pipeline_code(const pipeline_opts *o, code_counts *counts)
{
    pipeline p;
    memset(&p, 0, sizeof p);
    p.o = o;
    int threads = o->threads > 0 ? o->threads : 1;
    p.batch_stories = o->batch_stories ? o->batch_stories : PIPELINE_DEFAULT_BATCH_STORIES;
    p.batch_bytes = o->batch_bytes ? o->batch_bytes : PIPELINE_DEFAULT_BATCH_BYTES;
    size_t depth = o->queue_depth ? o->queue_depth : 2 * (size_t)threads;
    p.max_inflight = depth + 2 * (size_t)threads;

    worker *workers = calloc((size_t)threads, sizeof *workers);
    if (!workers) {
        fprintf(stderr, "dyad code: out of memory\n");
        return -1;
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv_work, NULL);
    pthread_cond_init(&p.cv_done, NULL);
    pthread_cond_init(&p.cv_space, NULL);

    int fatal = 0;
    dy_coder_opts co;
    dy_coder_opts_init(&co);
    cli_coder_limits(o->limits, &co);
    co.diag = worker_diag;
    for (int i = 0; i < threads && !fatal; i++) {
        workers[i].p = &p;
        co.diag_ud = &workers[i];
        if (!(workers[i].coder = dy_coder_new(o->dict, &co))) {
            fprintf(stderr, "dyad code: out of memory\n");
            fatal = 1;
        }
    }
    for (int i = 0; i < threads && !fatal; i++) {
        int e = pthread_create(&workers[i].tid, NULL, worker_main, &workers[i]);
        if (e) {
            fprintf(stderr, "dyad code: cannot start thread: %s\n", strerror(e));
            fatal = 1;
        } else {
            workers[i].started = 1;
        }
    }
    pthread_t reader_tid;
    int reader_started = 0;
    if (!fatal) {
        int e = pthread_create(&reader_tid, NULL, reader_main, &p);
        if (e) {
            fprintf(stderr, "dyad code: cannot start thread: %s\n", strerror(e));
            fatal = 1;
        } else {
            reader_started = 1;
        }
    }

    /* The writer: batches in sequence order until the reader is done and all are written. */
    for (size_t next = 0; !fatal; next++) {
        pthread_mutex_lock(&p.mu);
        batch *b;
        while (!(b = take_done(&p, next)) && !(p.reader_done && next == p.submitted))
            pthread_cond_wait(&p.cv_done, &p.mu);
        pthread_mutex_unlock(&p.mu);
        if (!b)
            break;
        if (write_batch(o, b, counts))
            fatal = 1;
        batch_reset(b);
        pthread_mutex_lock(&p.mu);
        b->next = p.free_list;
        p.free_list = b;
        p.inflight--;
        pthread_cond_signal(&p.cv_space);
        pthread_mutex_unlock(&p.mu);
    }

    if (fatal) {
        pthread_mutex_lock(&p.mu);
        p.abort = 1;
        pthread_cond_broadcast(&p.cv_work);
        pthread_cond_broadcast(&p.cv_space);
        pthread_mutex_unlock(&p.mu);
    }
    if (reader_started)
        pthread_join(reader_tid, NULL);
    for (int i = 0; i < threads; i++)
        if (workers[i].started)
            pthread_join(workers[i].tid, NULL);

    if (!fatal) {
        if (p.reader_oom || p.pending.diag.oom || p.pending.rej.oom) {
            fprintf(stderr, "dyad code: out of memory\n");
            fatal = 1;
        } else {
            /* what followed the last story (e.g. a file that could not be opened) */
            write_bytes(stderr, p.pending.diag.s, p.pending.diag.len);
            if (o->rejects && write_bytes(o->rejects, p.pending.rej.s, p.pending.rej.len))
                fatal = reject_write_error() != 0;
            counts->rejected += p.pending.rejected;
            counts->failed += p.pending.failed;
        }
    }

    batch_list_free(p.work_head);
    batch_list_free(p.done);
    batch_list_free(p.free_list);
    gbuf_free(&p.pending.diag);
    gbuf_free(&p.pending.rej);
    for (int i = 0; i < threads; i++)
        dy_coder_free(workers[i].coder);
    free(workers);
    pthread_cond_destroy(&p.cv_space);
    pthread_cond_destroy(&p.cv_done);
    pthread_cond_destroy(&p.cv_work);
    pthread_mutex_destroy(&p.mu);
    return fatal ? -1 : 0;
}
