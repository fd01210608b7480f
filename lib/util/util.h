/*
 * util.h - small building blocks shared by every module of libdyad: growable buffers,
 * growable arrays, a bump arena, a string intern table and diagnostic helpers.
 * Nothing here allocates behind the caller's back or keeps global state.
 */
#ifndef DY_UTIL_H
#define DY_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "dyad.h"

#if defined(__GNUC__)
#define DY_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define DY_PRINTF(a, b)
#endif

/* ---------------------------------------------------------------- growable byte buffer */
/* buf.s is always NUL-terminated once anything was appended (or after buf_reserve). */
typedef struct dy_buf {
    char *s;
    size_t len, cap;
} dy_buf;

void buf_init(dy_buf *b);                 /* zero it; no allocation */
void buf_free(dy_buf *b);                 /* free and zero; accepts a zeroed buf */
int buf_reserve(dy_buf *b, size_t extra); /* room for len+extra+1 bytes; 0 ok, -1 ENOMEM */
int buf_append(dy_buf *b, const char *s, size_t n); /* 0 ok, -1 ENOMEM */
int buf_puts(dy_buf *b, const char *s);
int buf_putc(dy_buf *b, char c);
int buf_printf(dy_buf *b, const char *fmt, ...) DY_PRINTF(2, 3);
static inline void buf_clear(dy_buf *b) { b->len = 0; if (b->s) b->s[0] = 0; }

/* ---------------------------------------------------------------- growable arrays */
/*
 * vec_grow makes room for `need` elements of `elsize` bytes in *data (capacity *cap),
 * doubling; checks the size multiplication.  0 ok, -1 ENOMEM (then *data is unchanged).
 * Typical use with the VEC macro:
 *     VEC(int) v = {0};  if (VEC_PUSH(&v, 42)) goto nomem;  ... VEC_FREE(&v);
 */
int vec_grow(void **data, size_t *cap, size_t need, size_t elsize);
#define VEC(T) struct { T *v; size_t n, cap; }
#define VEC_PUSH(vp, item)                                                                   \
    (((vp)->n < (vp)->cap || vec_grow((void **)&(vp)->v, &(vp)->cap, (vp)->n + 1,            \
                                      sizeof *(vp)->v) == 0)                                 \
         ? ((vp)->v[(vp)->n++] = (item), 0)                                                  \
         : -1)
#define VEC_RESERVE(vp, need)                                                                \
    ((need) <= (vp)->cap ? 0 : vec_grow((void **)&(vp)->v, &(vp)->cap, (need), sizeof *(vp)->v))
#define VEC_FREE(vp) (free((vp)->v), (vp)->v = NULL, (vp)->n = (vp)->cap = 0)

/* ---------------------------------------------------------------- bump arena */
/* Allocations live until arena_reset or arena_free; blocks grow as needed (no size cap). */
typedef struct dy_arena_block dy_arena_block;
typedef struct dy_arena {
    dy_arena_block *head;  /* current block */
    dy_arena_block *spare; /* blocks kept by arena_reset for reuse */
    size_t block_size;     /* default block size; 0 means 64 KiB */
} dy_arena;

void arena_init(dy_arena *a, size_t block_size);
void *arena_alloc(dy_arena *a, size_t n);     /* 16-byte aligned; NULL on ENOMEM */
void *arena_calloc(dy_arena *a, size_t n);
char *arena_strndup(dy_arena *a, const char *s, size_t n); /* NUL-terminated copy */
char *arena_strdup(dy_arena *a, const char *s);
void arena_reset(dy_arena *a);                /* forget all allocations, keep memory */
void arena_free(dy_arena *a);                 /* release everything; accepts a zeroed arena */

/* ---------------------------------------------------------------- hashing */
uint64_t hash_bytes(const void *p, size_t n); /* fast, non-cryptographic, stable */

/* ---------------------------------------------------------------- intern table */
/*
 * Maps byte strings to dense ids 1..n (0 means "absent").  Strings are copied into the
 * table's own arena; intern_str() pointers stay valid until intern_free.  Lookups are
 * read-only and safe from many threads once no more strings are added.
 */
typedef struct dy_intern {
    uint32_t *slots;   /* open addressing: id or 0 */
    size_t nslots;     /* power of two */
    const char **str;  /* str[id] */
    uint32_t *len;     /* len[id] */
    uint64_t *hash;    /* hash[id] */
    size_t n;          /* ids used: 1..n */
    size_t cap;
    dy_arena arena;
} dy_intern;

void intern_init(dy_intern *t);
void intern_free(dy_intern *t);
uint32_t intern_add(dy_intern *t, const char *s, size_t n);          /* 0 on ENOMEM */
uint32_t intern_find(const dy_intern *t, const char *s, size_t n);   /* 0 if absent */
static inline const char *intern_str(const dy_intern *t, uint32_t id) { return t->str[id]; }
static inline uint32_t intern_len(const dy_intern *t, uint32_t id) { return t->len[id]; }
static inline size_t intern_count(const dy_intern *t) { return t->n; }

/* ---------------------------------------------------------------- diagnostics */
/* Format and send one diagnostic (no-op when fn is NULL). */
void diag_emit(dy_diag_fn fn, void *ud, dy_severity sev, dy_status code, const char *file,
               long line, const char *record, long long byte, const char *fmt, ...)
    DY_PRINTF(9, 10);

/* ---------------------------------------------------------------- small string helpers */
char *dy_strdup(const char *s);                 /* malloc copy; NULL on ENOMEM or NULL s */
char *dy_strndup(const char *s, size_t n);
/* Join dir-of(base_file) with rel; rel returned as-is (copied) if absolute. malloc'd. */
char *path_resolve(const char *base_file, const char *rel);
/* Read a whole file into memory (NUL-terminated). 0 ok, -1 with errno set. */
int file_read_all(const char *path, char **data, size_t *len);
/* ASCII case-insensitive compare of n bytes / whole strings. */
int ascii_strncasecmp(const char *a, const char *b, size_t n);
int ascii_strcasecmp(const char *a, const char *b);
static inline int ascii_isspace(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
static inline int ascii_isdigit(int c) { return c >= '0' && c <= '9'; }
static inline int ascii_isalpha(int c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static inline int ascii_toupper(int c) { return (c >= 'a' && c <= 'z') ? c - 32 : c; }
static inline int ascii_tolower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

/* ---------------------------------------------------------------- eight bytes at a time */
/* "SWAR" scans (tokenizer, sentence splitter, normaliser, JSON strings): the bytes of
 * s[0..8) as one 64-bit number, s[0] in the low-order byte whatever the machine's byte
 * order (gcc and clang make the shifts one load or store). */
#define B8_ONES UINT64_C(0x0101010101010101)
#define B8_HIGH (B8_ONES * 0x80)
static inline uint64_t b8_load(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
           (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
           (uint64_t)p[7] << 56;
}

static inline void b8_store(char *s, uint64_t x)
{
    unsigned char *p = (unsigned char *)s;
    for (int k = 0; k < 8; k++)
        p[k] = (unsigned char)(x >> (8 * k));
}

/* The high bit of the bytes of x equal to c (c < 0x80), exact up to the first such byte:
 * the borrow of a zero byte of x ^ c may mark bytes above it, never below. */
static inline uint64_t b8_eq(uint64_t x, unsigned char c)
{
    uint64_t y = x ^ (B8_ONES * c);
    return (y - B8_ONES) & ~y & B8_HIGH;
}

/* The index (0-7) of the lowest byte with its high bit set in m (m has only high bits set,
 * not 0): the lowest bit moved to the byte's bit 0 and multiplied so that the byte index
 * lands in the top byte. */
static inline size_t b8_first(uint64_t m)
{
    return (size_t)((((m & (~m + 1)) >> 7) * UINT64_C(0x0001020304050607)) >> 56);
}

/* Dates: YYYYMMDD integers.  date_parse accepts YYYY-MM-DD, YYYYMMDD, YYMMDD (TABARI:
 * 00-29 -> 20xx, 30-99 -> 19xx), and ISO timestamps (YYYY-MM-DDThh:mm...) or
 * "YYYY-MM-DD hh:mm:ssZ"; returns 0 if not a valid date.  *used gets the bytes consumed. */
int32_t date_parse(const char *s, size_t n, size_t *used);
int date_valid(int32_t ymd);

#endif /* DY_UTIL_H */
