/*
 * reader_common.h - the body shared by the story-reader harnesses (fuzz/reader_*.c): write
 * the input to a file, open it with dy_reader_open in the given format and read every story
 * to the end, touching each field of each story.
 */
#ifndef DY_FUZZ_READER_COMMON_H
#define DY_FUZZ_READER_COMMON_H

#include "fuzz_common.h"

static void fuzz_reader_run(const char *file_name, dy_format format, const uint8_t *data,
                            size_t size)
{
    char *path = fuzz_write_file(file_name, data, size);
    if (!path)
        return;
    /* a small record limit, so that the limit paths run too */
    dy_reader_opts opts = {.format = format, .diag = fuzz_diag, .max_record_bytes = 4096};
    dy_reader *r = NULL;
    if (dy_reader_open(path, &opts, &r) == DY_OK) {
        dy_story s;
        while (dy_reader_next(r, &s) == DY_OK) {
            fuzz_touch(s.id);
            fuzz_touch(s.title);
            fuzz_touch(s.source);
            fuzz_touch(s.url);
            fuzz_touch(s.parse);
            for (size_t i = 0; i < s.text_len; i++) /* every byte must be readable */
                fuzz_sink += (unsigned char)s.text[i];
        }
        dy_reader_stats stats;
        dy_reader_get_stats(r, &stats);
        fuzz_sink += (size_t)stats.records_read + (size_t)stats.bytes;
        dy_reader_close(r);
    }
    free(path);
}

#endif
