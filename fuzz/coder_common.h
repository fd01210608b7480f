/*
 * coder_common.h - the body shared by the sentence-coder harnesses (fuzz/coder_*.c): feed
 * the input as one story to a coder over a dictionary loaded once per process, and pull
 * every event, touching each field and checking each offset against its sentence.
 */
#ifndef DY_FUZZ_CODER_COMMON_H
#define DY_FUZZ_CODER_COMMON_H

#include "fuzz_common.h"

static void fuzz_check_span(const dy_event *e, int start, int end)
{
    if (start == -1 && end == -1)
        return;
    if (start < 0 || end < start || (size_t)end > strlen(e->sentence))
        abort(); /* offsets must lie inside the event's sentence */
}

/* Code the input as one story over d (NULL: nothing to do). */
static void fuzz_code_story(const dy_dict *d, const uint8_t *data, size_t size)
{
    static dy_coder *coder;
    static const dy_dict *coder_dict;
    if (!d)
        return;
    if (coder_dict != d) { /* one coder per process, reused like the CLI reuses it */
        dy_coder_opts opts;
        dy_coder_opts_init(&opts);
        opts.diag = fuzz_diag;
        opts.max_sentence_tokens = 64; /* small, so the split-at-limit path runs too */
        dy_coder_free(coder);
        coder = dy_coder_new(d, &opts);
        coder_dict = d;
        if (!coder)
            return;
    }
    if (!coder)
        return;
    dy_story s = {0};
    s.id = "fuzz-1";
    s.date = 20200101;
    s.text = (const char *)data;
    s.text_len = size;
    if (dy_coder_feed(coder, &s) != DY_OK)
        return;
    const dy_event *e;
    while ((e = dy_coder_next_event(coder)) != NULL) {
        fuzz_touch(e->doc);
        fuzz_touch(e->source);
        fuzz_touch(e->target);
        fuzz_touch(e->code);
        fuzz_touch(e->source_text);
        fuzz_touch(e->target_text);
        fuzz_touch(e->verb_text);
        fuzz_touch(e->issues);
        fuzz_check_span(e, e->source_start, e->source_end);
        fuzz_check_span(e, e->target_start, e->target_end);
        fuzz_check_span(e, e->verb_start, e->verb_end);
        if (e->sent < 1 || e->sent > dy_coder_sentence_count(coder))
            abort();
    }
}

#endif
