/*
 * reader.c - the story reader core: opens a file or stdin, detects and streams gzip /
 * zstd / xz compression, keeps a growable window of decompressed bytes, reads lines,
 * detects the story format and dispatches to the per-format record parsers.
 */
#include "input/input.h"

#include <errno.h>
#include <fcntl.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#define INPUT_BLOCK (256u * 1024u)        /* raw read size */
#define INPUT_WINDOW (1024u * 1024u)      /* initial decompressed window */
#define INPUT_DEFAULT_MAX ((size_t)64 << 20)
#define INPUT_DEFAULT_NESTING 256u        /* real records nest 3 deep at most */
#define INPUT_DETECT_BYTES (64u * 1024u)  /* look-ahead for format detection */

/* ------------------------------------------------------------------ formats by name */

static const char *const input_format_names[] = {"auto", "text", "jsonl", "xml", "tabari"};

int dy_format_from_name(const char *name)
{
    if (!name)
        return -1;
    for (int i = 0; i < (int)(sizeof input_format_names / sizeof *input_format_names); i++)
        if (ascii_strcasecmp(name, input_format_names[i]) == 0)
            return i;
    return -1;
}

const char *dy_format_name(dy_format f)
{
    if ((int)f < 0 || (size_t)f >= sizeof input_format_names / sizeof *input_format_names)
        return "unknown";
    return input_format_names[f];
}

/* ------------------------------------------------------------------ diagnostics */

static void input_stream_error(dy_reader *r, dy_status code, const char *fmt, ...)
    DY_PRINTF(3, 4);
static void input_stream_error(dy_reader *r, dy_status code, const char *fmt, ...)
{
    if (r->err)
        return;
    r->err = code;
    if (!r->diag)
        return;
    dy_buf msg;
    buf_init(&msg);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n >= 0 && buf_reserve(&msg, (size_t)n) == 0) {
        va_start(ap, fmt);
        vsnprintf(msg.s, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    diag_emit(r->diag, r->diag_ud, DY_ERROR, code, r->name, r->line, NULL,
              r->base + (long long)r->end, "%s", msg.s ? msg.s : "(out of memory)");
    buf_free(&msg);
}

void input_reject(dy_reader *r, dy_status code, long line, const char *record, long long byte,
                  const char *fmt, ...)
{
    r->stats.records_rejected++;
    if (!r->diag)
        return;
    dy_buf msg;
    buf_init(&msg);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n >= 0 && buf_reserve(&msg, (size_t)n) == 0) {
        va_start(ap, fmt);
        vsnprintf(msg.s, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    diag_emit(r->diag, r->diag_ud, DY_ERROR, code, r->name, line, record, byte, "%s",
              msg.s ? msg.s : "(out of memory formatting a diagnostic)");
    buf_free(&msg);
}

/* ------------------------------------------------------------------ raw input & decompression */

/* Read the next raw block into r->in (replacing its contents). Returns bytes, 0 at EOF, -1. */
static long input_raw_read(dy_reader *r)
{
    if (r->in_eof)
        return 0;
    for (;;) {
        ssize_t got = read(r->fd, r->in, r->in_cap);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            input_stream_error(r, DY_EIO, "read error: %s", strerror(errno));
            return -1;
        }
        r->in_pos = 0;
        r->in_len = (size_t)got;
        r->raw_bytes += got;
        if (got == 0)
            r->in_eof = 1;
        return (long)got;
    }
}

/* Compressed offset of the next unconsumed raw byte. */
static long long input_raw_offset(const dy_reader *r)
{
    return r->raw_bytes - (long long)(r->in_len - r->in_pos);
}

static long input_read_plain(dy_reader *r, char *dst, size_t room)
{
    if (r->in_pos < r->in_len) {
        size_t k = r->in_len - r->in_pos;
        if (k > room)
            k = room;
        memcpy(dst, r->in + r->in_pos, k);
        r->in_pos += k;
        return (long)k;
    }
    if (r->in_eof)
        return 0;
    for (;;) {
        ssize_t got = read(r->fd, dst, room);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            input_stream_error(r, DY_EIO, "read error: %s", strerror(errno));
            return -1;
        }
        r->raw_bytes += got;
        if (got == 0)
            r->in_eof = 1;
        return (long)got;
    }
}

static long input_read_gzip(dy_reader *r, char *dst, size_t room)
{
    z_stream *z = r->dec;
    z->next_out = (Bytef *)dst;
    z->avail_out = (uInt)(room > (size_t)UINT32_MAX ? UINT32_MAX : room);
    uInt want = z->avail_out;
    while (z->avail_out == want) {
        if (r->in_pos >= r->in_len) {
            long got = input_raw_read(r);
            if (got < 0)
                return -1;
            if (got == 0) {
                if (r->dec_done)
                    return 0;
                input_stream_error(r, DY_EIO,
                                   "truncated gzip stream (compressed data ends at byte %lld)",
                                   r->raw_bytes);
                return -1;
            }
        }
        if (r->dec_done) { /* another gzip member follows */
            if (inflateReset(z) != Z_OK) {
                input_stream_error(r, DY_EIO, "gzip: cannot restart the decoder");
                return -1;
            }
            r->dec_done = 0;
        }
        z->next_in = r->in + r->in_pos;
        z->avail_in = (uInt)(r->in_len - r->in_pos);
        int ret = inflate(z, Z_NO_FLUSH);
        r->in_pos = r->in_len - z->avail_in;
        if (ret == Z_STREAM_END) {
            r->dec_done = 1;
        } else if (ret == Z_MEM_ERROR) {
            input_stream_error(r, DY_ENOMEM, "gzip: out of memory");
            return -1;
        } else if (ret != Z_OK && ret != Z_BUF_ERROR) {
            input_stream_error(r, DY_EIO, "corrupt gzip data at compressed byte %lld: %s",
                               input_raw_offset(r), z->msg ? z->msg : "inflate failed");
            return -1;
        }
    }
    return (long)(want - z->avail_out);
}

static long input_read_zstd(dy_reader *r, char *dst, size_t room)
{
    ZSTD_outBuffer ob = {dst, room, 0};
    while (ob.pos == 0) {
        if (r->in_pos >= r->in_len) {
            long got = input_raw_read(r);
            if (got < 0)
                return -1;
            if (got == 0) {
                if (r->dec_done)
                    return 0;
                input_stream_error(r, DY_EIO,
                                   "truncated zstd stream (compressed data ends at byte %lld)",
                                   r->raw_bytes);
                return -1;
            }
        }
        ZSTD_inBuffer ib = {r->in, r->in_len, r->in_pos};
        size_t ret = ZSTD_decompressStream((ZSTD_DStream *)r->dec, &ob, &ib);
        r->in_pos = ib.pos;
        if (ZSTD_isError(ret)) {
            input_stream_error(r, DY_EIO, "corrupt zstd data at compressed byte %lld: %s",
                               input_raw_offset(r), ZSTD_getErrorName(ret));
            return -1;
        }
        r->dec_done = ret == 0;
    }
    return (long)ob.pos;
}

static long input_read_xz(dy_reader *r, char *dst, size_t room)
{
    lzma_stream *x = r->dec;
    x->next_out = (uint8_t *)dst;
    x->avail_out = room;
    while (x->avail_out == room) {
        if (r->dec_done)
            return 0;
        if (r->in_pos >= r->in_len && !r->in_eof && input_raw_read(r) < 0)
            return -1;
        x->next_in = r->in + r->in_pos;
        x->avail_in = r->in_len - r->in_pos;
        lzma_ret ret = lzma_code(x, r->in_eof ? LZMA_FINISH : LZMA_RUN);
        r->in_pos = r->in_len - x->avail_in;
        if (ret == LZMA_STREAM_END) {
            r->dec_done = 1;
        } else if (ret == LZMA_MEM_ERROR) {
            input_stream_error(r, DY_ENOMEM, "xz: out of memory");
            return -1;
        } else if (ret == LZMA_BUF_ERROR && r->in_eof) {
            input_stream_error(r, DY_EIO,
                               "truncated xz stream (compressed data ends at byte %lld)",
                               r->raw_bytes);
            return -1;
        } else if (ret != LZMA_OK && ret != LZMA_BUF_ERROR) {
            input_stream_error(r, DY_EIO, "corrupt xz data at compressed byte %lld (lzma error %d)",
                               input_raw_offset(r), (int)ret);
            return -1;
        }
    }
    return (long)(room - x->avail_out);
}

/* Decompressed bytes into dst: >0 bytes, 0 at the end, -1 on error (r->err set). */
static long input_decode(dy_reader *r, char *dst, size_t room)
{
    switch (r->comp) {
    case INPUT_GZIP: return input_read_gzip(r, dst, room);
    case INPUT_ZSTD: return input_read_zstd(r, dst, room);
    case INPUT_XZ: return input_read_xz(r, dst, room);
    case INPUT_PLAIN: break;
    }
    return input_read_plain(r, dst, room);
}

/* ------------------------------------------------------------------ the window */

/* Read more decompressed bytes after r->end, keeping [pos, end).  >0 added, 0 EOF, -1 error. */
static long input_fill(dy_reader *r)
{
    if (r->err)
        return -1;
    if (r->eof)
        return 0;
    if (r->pos > 0) {
        size_t keep = r->end - r->pos;
        if (keep)
            memmove(r->buf, r->buf + r->pos, keep);
        r->base += (long long)r->pos;
        r->end = keep;
        r->pos = 0;
    }
    if (r->cap - r->end < INPUT_BLOCK / 2) {
        size_t ncap = r->cap * 2;
        char *nb = ncap > r->cap ? realloc(r->buf, ncap + 1) : NULL;
        if (!nb) {
            input_stream_error(r, DY_ENOMEM, "out of memory growing the input window");
            return -1;
        }
        r->buf = nb;
        r->cap = ncap;
    }
    long got = input_decode(r, r->buf + r->end, r->cap - r->end);
    if (got < 0)
        return -1;
    if (got == 0) {
        r->eof = 1;
        return 0;
    }
    r->end += (size_t)got;
    return got;
}

size_t input_peek(dy_reader *r, size_t want)
{
    while (r->end - r->pos < want && input_fill(r) > 0) {
    }
    return r->end - r->pos;
}

void input_advance(dy_reader *r, size_t k)
{
    const char *p = r->buf + r->pos, *e = p + k;
    while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
        r->line++;
        p++;
    }
    r->pos += k;
}

int input_getline(dy_reader *r, const char **s, size_t *n, long long *off, long *lineno)
{
    size_t scanned = 0; /* bytes after pos already known to hold no '\n' */
    for (;;) {
        char *start = r->buf + r->pos;
        char *nl = memchr(start + scanned, '\n', r->end - r->pos - scanned);
        if (nl) {
            size_t len = (size_t)(nl - start);
            *s = start;
            *off = r->base + (long long)r->pos;
            *lineno = r->line;
            r->last_pos = r->pos;
            r->last_line = r->line;
            r->pos += len + 1;
            r->line++;
            if (len && start[len - 1] == '\r')
                len--;
            *n = len;
            return LINE_OK;
        }
        scanned = r->end - r->pos;
        if (scanned > r->max_record) {
            /* over-long line: drop it, skip to its end */
            long ln = r->line;
            long long o = r->base + (long long)r->pos;
            r->pos = r->end;
            for (;;) {
                long got = input_fill(r);
                if (got < 0)
                    return LINE_ERR;
                if (got == 0)
                    break;
                nl = memchr(r->buf + r->pos, '\n', r->end - r->pos);
                if (nl) {
                    r->pos = (size_t)(nl - r->buf) + 1;
                    break;
                }
                r->pos = r->end;
            }
            r->line = ln + 1;
            r->last_pos = r->pos;
            r->last_line = r->line;
            *s = r->buf + r->pos;
            *n = 0;
            *off = o;
            *lineno = ln;
            return LINE_LONG;
        }
        long got = input_fill(r);
        if (got < 0)
            return LINE_ERR;
        if (got == 0) {
            if (r->end > r->pos) { /* last line without '\n' */
                size_t len = r->end - r->pos;
                *s = r->buf + r->pos;
                *off = r->base + (long long)r->pos;
                *lineno = r->line;
                r->last_pos = r->pos;
                r->last_line = r->line;
                r->pos = r->end;
                r->line++;
                if (len && (*s)[len - 1] == '\r')
                    len--;
                *n = len;
                return LINE_OK;
            }
            return LINE_EOF;
        }
    }
}

void input_unget_line(dy_reader *r)
{
    r->pos = r->last_pos;
    r->line = r->last_line;
}

/* ------------------------------------------------------------------ text helpers */

/* Length of the valid UTF-8 sequence at s (first byte >= 0x80, n bytes left), 0 if invalid. */
static size_t input_utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c >= 0xC2 && c <= 0xDF)
        return (n >= 2 && (s[1] & 0xC0) == 0x80) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0))
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
            return 0;
        return 4;
    }
    return 0;
}

int input_append_utf8(dy_buf *out, const char *s, size_t n)
{
    /* worst case every byte doubles (Latin-1 -> 2-byte UTF-8) */
    if (n > ((size_t)-1 - 2) / 2 || buf_reserve(out, 2 * n))
        return -1;
    const unsigned char *p = (const unsigned char *)s, *e = p + n;
    unsigned char *o = (unsigned char *)out->s + out->len;
    while (p < e) {
        /* fast path: plain ASCII without NUL */
        while (p < e && *p < 0x80 && *p != 0)
            *o++ = *p++;
        if (p >= e)
            break;
        if (*p == 0) {
            *o++ = ' ';
            p++;
            continue;
        }
        size_t k = input_utf8_seq(p, (size_t)(e - p));
        if (k) {
            memcpy(o, p, k);
            o += k;
            p += k;
        } else { /* Latin-1 */
            *o++ = (unsigned char)(0xC0 | (*p >> 6));
            *o++ = (unsigned char)(0x80 | (*p & 0x3F));
            p++;
        }
    }
    out->len = (size_t)((char *)o - out->s);
    out->s[out->len] = 0;
    return 0;
}

int input_is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' && s[i] != '\v')
            return 0;
    return 1;
}

int input_default_id(dy_reader *r, long line)
{
    buf_clear(&r->id);
    return buf_printf(&r->id, "%s:%ld", r->name, line);
}

void input_story_clear(dy_story *st)
{
    memset(st, 0, sizeof *st);
}

/* ------------------------------------------------------------------ open & detect */

static void input_dec_free(dy_reader *r)
{
    if (!r->dec)
        return;
    switch (r->comp) {
    case INPUT_GZIP: inflateEnd(r->dec); free(r->dec); break;
    case INPUT_ZSTD: ZSTD_freeDStream(r->dec); break;
    case INPUT_XZ: lzma_end(r->dec); free(r->dec); break;
    case INPUT_PLAIN: break;
    }
    r->dec = NULL;
}

/* Look at the first raw bytes and set up the decompressor.  DY_OK or an error (diag sent). */
static dy_status input_detect_compression(dy_reader *r)
{
    /* gather up to 6 raw bytes (a pipe may deliver fewer per read) */
    while (r->in_len < 6 && !r->in_eof) {
        ssize_t got = read(r->fd, r->in + r->in_len, r->in_cap - r->in_len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            input_stream_error(r, DY_EIO, "read error: %s", strerror(errno));
            return DY_EIO;
        }
        if (got == 0)
            r->in_eof = 1;
        r->in_len += (size_t)got;
        r->raw_bytes += got;
    }
    const unsigned char *m = r->in;
    size_t n = r->in_len;
    if (n >= 2 && m[0] == 0x1f && m[1] == 0x8b) {
        z_stream *z = calloc(1, sizeof *z);
        if (!z || inflateInit2(z, 15 + 16) != Z_OK) {
            free(z);
            input_stream_error(r, DY_ENOMEM, "cannot start the gzip decoder");
            return DY_ENOMEM;
        }
        r->dec = z;
        r->comp = INPUT_GZIP;
    } else if (n >= 4 && m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f && m[3] == 0xfd) {
        ZSTD_DStream *zd = ZSTD_createDStream();
        if (!zd || ZSTD_isError(ZSTD_initDStream(zd))) {
            ZSTD_freeDStream(zd);
            input_stream_error(r, DY_ENOMEM, "cannot start the zstd decoder");
            return DY_ENOMEM;
        }
        r->dec = zd;
        r->comp = INPUT_ZSTD;
    } else if (n >= 6 && memcmp(m, "\xfd" "7zXZ\0", 6) == 0) {
        lzma_stream *x = calloc(1, sizeof *x);
        lzma_stream init = LZMA_STREAM_INIT;
        if (x)
            *x = init;
        if (!x || lzma_stream_decoder(x, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) {
            free(x);
            input_stream_error(r, DY_ENOMEM, "cannot start the xz decoder");
            return DY_ENOMEM;
        }
        r->dec = x;
        r->comp = INPUT_XZ;
    }
    return DY_OK;
}

/* Lower-case file-name suffix test, ignoring a compression suffix. */
static int input_name_has_ext(const char *name, const char *ext)
{
    size_t n = strlen(name), el = strlen(ext);
    static const char *const comp_ext[] = {".gz", ".zst", ".xz"};
    for (size_t i = 0; i < sizeof comp_ext / sizeof *comp_ext; i++) {
        size_t cl = strlen(comp_ext[i]);
        if (n > cl && ascii_strcasecmp(name + n - cl, comp_ext[i]) == 0) {
            n -= cl;
            break;
        }
    }
    return n > el && ascii_strncasecmp(name + n - el, ext, el) == 0;
}

/* Detect the format from the first bytes (and the name as a hint).  Skips a UTF-8 BOM. */
static dy_format input_detect_format(dy_reader *r)
{
    size_t avail = input_peek(r, INPUT_DETECT_BYTES);
    const char *p = r->buf + r->pos, *e = p + avail;
    while (p < e && ascii_isspace((unsigned char)*p))
        p++;
    if (p < e && *p == '{')
        return DY_FMT_JSONL;
    if (p < e && *p == '<')
        return DY_FMT_XML;
    /* the first line that starts with a digit decides between tabari and text */
    const char *line = r->buf + r->pos;
    while (line < e) {
        const char *nl = memchr(line, '\n', (size_t)(e - line));
        const char *le = nl ? nl : e;
        if (line < le && ascii_isdigit((unsigned char)*line)) {
            size_t k = 0;
            while (line + k < le && ascii_isdigit((unsigned char)line[k]))
                k++;
            if (k == 6 && date_parse(line, 6, NULL) &&
                (line + k == le || (line[k] != '-' && line[k] != '/' && line[k] != '.' &&
                                    line[k] != ':')))
                return DY_FMT_TABARI;
            return DY_FMT_TEXT;
        }
        if (!nl)
            break;
        line = nl + 1;
    }
    if (input_name_has_ext(r->name, ".jsonl") || input_name_has_ext(r->name, ".json") ||
        input_name_has_ext(r->name, ".ndjson"))
        return DY_FMT_JSONL;
    if (input_name_has_ext(r->name, ".xml"))
        return DY_FMT_XML;
    return DY_FMT_TEXT;
}

dy_status dy_reader_open(const char *path, const dy_reader_opts *opts, dy_reader **out)
{
    if (out)
        *out = NULL;
    dy_diag_fn diag = opts ? opts->diag : NULL;
    void *ud = opts ? opts->diag_ud : NULL;
    if (!path || !out) {
        diag_emit(diag, ud, DY_ERROR, DY_EINVAL, path, 0, NULL, -1,
                  "dy_reader_open: NULL path or result pointer");
        return DY_EINVAL;
    }
    if (opts && ((int)opts->format < DY_FMT_AUTO || opts->format > DY_FMT_TABARI)) {
        diag_emit(diag, ud, DY_ERROR, DY_EINVAL, path, 0, NULL, -1, "unknown input format %d",
                  (int)opts->format);
        return DY_EINVAL;
    }
    dy_reader *r = calloc(1, sizeof *r);
    if (!r) {
        diag_emit(diag, ud, DY_ERROR, DY_ENOMEM, path, 0, NULL, -1, "out of memory");
        return DY_ENOMEM;
    }
    r->diag = diag;
    r->diag_ud = ud;
    r->fmt = opts ? opts->format : DY_FMT_AUTO;
    r->max_record = opts && opts->max_record_bytes ? opts->max_record_bytes : INPUT_DEFAULT_MAX;
    r->max_nesting = opts && opts->max_nesting ? opts->max_nesting : INPUT_DEFAULT_NESTING;
    r->line = 1;
    r->fd = -1;
    r->name = dy_strdup(path);
    r->in_cap = INPUT_BLOCK;
    r->in = malloc(r->in_cap);
    r->cap = INPUT_WINDOW;
    r->buf = malloc(r->cap + 1);
    json_init(&r->json);
    r->json.max_depth = r->max_nesting;
    if (!r->name || !r->in || !r->buf) {
        diag_emit(diag, ud, DY_ERROR, DY_ENOMEM, path, 0, NULL, -1, "out of memory");
        dy_reader_close(r);
        return DY_ENOMEM;
    }
    if (strcmp(path, "-") == 0) {
        r->fd = 0;
    } else {
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            int e = errno;
            dy_status st = e == ENOENT ? DY_ENOTFOUND : DY_EIO;
            diag_emit(diag, ud, DY_ERROR, st, path, 0, NULL, -1, "cannot open: %s", strerror(e));
            dy_reader_close(r);
            return st;
        }
        r->fd = fd;
        r->own_fd = 1;
    }
    dy_status st = input_detect_compression(r);
    if (st) {
        dy_reader_close(r);
        return st;
    }
    /* Detection reads ahead without consuming; a stream error found here is reported
     * by dy_reader_next after the records before it. */
    if (input_peek(r, 3) >= 3 && memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3) == 0)
        r->pos += 3; /* UTF-8 byte order mark */
    if (r->fmt == DY_FMT_AUTO)
        r->fmt = input_detect_format(r);
    *out = r;
    return DY_OK;
}

dy_status dy_reader_next(dy_reader *r, dy_story *story)
{
    if (!r || !story)
        return DY_EINVAL;
    input_story_clear(story);
    dy_status st;
    switch (r->fmt) {
    case DY_FMT_JSONL: st = fmt_jsonl_next(r, story); break;
    case DY_FMT_XML: st = fmt_xml_next(r, story); break;
    case DY_FMT_TABARI: st = fmt_tabari_next(r, story); break;
    case DY_FMT_TEXT:
    case DY_FMT_AUTO:
    default: st = fmt_text_next(r, story); break;
    }
    if (st == DY_OK)
        r->stats.records_read++;
    else if (st == DY_ENOMEM && !r->err)
        input_stream_error(r, DY_ENOMEM, "out of memory reading a record");
    return st;
}

void dy_reader_get_stats(const dy_reader *r, dy_reader_stats *out)
{
    if (!out)
        return;
    memset(out, 0, sizeof *out);
    if (!r)
        return;
    *out = r->stats;
    out->bytes = r->base + (long long)r->pos;
}

dy_format dy_reader_format(const dy_reader *r)
{
    return r ? r->fmt : DY_FMT_AUTO;
}

void dy_reader_close(dy_reader *r)
{
    if (!r)
        return;
    input_dec_free(r);
    if (r->own_fd && r->fd >= 0)
        close(r->fd);
    free(r->name);
    free(r->in);
    free(r->buf);
    buf_free(&r->text);
    buf_free(&r->id);
    buf_free(&r->title);
    buf_free(&r->source);
    buf_free(&r->url);
    buf_free(&r->parse);
    buf_free(&r->raw);
    buf_free(&r->tmp);
    json_free(&r->json);
    free(r);
}
