/*
 * input.h - private interface between the story reader core (reader.c: files, stdin,
 * decompression, buffering, line reading, UTF-8 repair) and the per-format record
 * parsers (fmt_text.c, fmt_jsonl.c, fmt_xml.c, fmt_tabari.c).
 */
#ifndef DY_INPUT_H
#define DY_INPUT_H

#include <stddef.h>

#include "dyad.h"
#include "util/json.h"
#include "util/util.h"

typedef enum input_comp { INPUT_PLAIN = 0, INPUT_GZIP, INPUT_ZSTD, INPUT_XZ } input_comp;

struct dy_reader {
    char *name;             /* file name as given, "-" for stdin (used in ids and diags) */
    dy_format fmt;
    dy_diag_fn diag;
    void *diag_ud;
    size_t max_record;
    size_t max_nesting;     /* JSON / XML nesting depth allowed in a record */

    /* raw (compressed) input */
    int fd;
    int own_fd;
    input_comp comp;
    void *dec;              /* decompressor state (z_stream / ZSTD_DStream / lzma_stream) */
    unsigned char *in;      /* raw input block */
    size_t in_pos, in_len, in_cap;
    int in_eof;
    long long raw_bytes;    /* raw bytes read from fd so far */
    int dec_done;           /* decompressor reached a clean end of stream (may restart) */

    /* decompressed window: bytes [pos, end) of buf are unread; buf[0] is at stream offset base */
    char *buf;
    size_t cap, pos, end;
    long long base;
    int eof;                /* no more decompressed data */
    dy_status err;          /* sticky stream error (diag already sent), DY_OK if none */
    long line;              /* 1-based line number of the byte at pos */

    /* per-record scratch, reused */
    dy_buf text, id, title, source, url, parse, raw, tmp;
    json_doc json;
    size_t last_pos;        /* input_unget_line: where the last line began, and its number */
    long last_line;
    int text_block_mode;    /* fmt_text: 0 unknown, 1 one story per line, 2 paragraph stories */
    dy_reader_stats stats;
};

/* Result of input_getline. */
enum { LINE_EOF = 0, LINE_OK = 1, LINE_LONG = 2, LINE_ERR = -1 };

/*
 * Read the next line: *s and *n get its bytes without the '\n' (and without a final '\r'),
 * valid until the next input_* call; *off its stream offset, *lineno its line number.
 * Returns LINE_OK, LINE_EOF (clean end; a last line without '\n' is still returned first),
 * LINE_LONG (longer than max_record: it was skipped, *n is 0), or LINE_ERR (stream error:
 * r->err is set and the diagnostic was sent; an unterminated partial line is dropped).
 */
int input_getline(dy_reader *r, const char **s, size_t *n, long long *off, long *lineno);

/* Push back the line just returned by input_getline (only right after it). */
void input_unget_line(dy_reader *r);

/*
 * Make at least `want` unread bytes available at r->buf + r->pos (or as many as remain).
 * Returns the number of unread bytes available (may be < want at end or on error).
 * Moves buf: pointers into it are invalid afterwards.
 */
size_t input_peek(dy_reader *r, size_t want);

/* Append s[0..n) to out as UTF-8: invalid UTF-8 bytes are decoded as Latin-1 and NUL bytes
 * become spaces.  0 ok, -1 ENOMEM. */
int input_append_utf8(dy_buf *out, const char *s, size_t n);

/* Advance pos by k unread bytes, counting the newlines passed. */
void input_advance(dy_reader *r, size_t k);

/* Report a rejected record (DY_ERROR) and count it. */
void input_reject(dy_reader *r, dy_status code, long line, const char *record, long long byte,
                  const char *fmt, ...) DY_PRINTF(6, 7);

/* Fill the id buffer with "<name>:<line>". 0 ok, -1 ENOMEM. */
int input_default_id(dy_reader *r, long line);

/* Reset the story and the optional-field pointers. */
void input_story_clear(dy_story *st);

/* Per-format record readers: DY_OK with *st filled, DY_EEOF, DY_EIO, DY_ENOMEM. */
dy_status fmt_text_next(dy_reader *r, dy_story *st);
dy_status fmt_jsonl_next(dy_reader *r, dy_story *st);
dy_status fmt_xml_next(dy_reader *r, dy_story *st);
dy_status fmt_tabari_next(dy_reader *r, dy_story *st);

/* Shared by text & tabari: is the line blank (only spaces, tabs, CR, FF, VT)? */
int input_is_blank(const char *s, size_t n);

#endif /* DY_INPUT_H */
