/*
 * util.c - growable buffers and arrays, the bump arena, the intern table, diagnostics,
 * dates and small string and file helpers used throughout libdyad.
 */
#include "util/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- status strings */

const char *dy_strerror(dy_status st)
{
    switch (st) {
    case DY_OK: return "success";
    case DY_ENOMEM: return "out of memory";
    case DY_EIO: return "input/output error";
    case DY_EPARSE: return "malformed input";
    case DY_EFORMAT: return "unknown or unsupported format";
    case DY_ELIMIT: return "size limit exceeded";
    case DY_EINVAL: return "invalid argument";
    case DY_EEOF: return "end of input";
    case DY_ENOTFOUND: return "not found";
    }
    return "unknown status";
}

/* ---------------------------------------------------------------- dy_buf */

void buf_init(dy_buf *b) { b->s = NULL; b->len = b->cap = 0; }

void buf_free(dy_buf *b)
{
    free(b->s);
    buf_init(b);
}

int buf_reserve(dy_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        return -1;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *s = realloc(b->s, cap);
    if (!s)
        return -1;
    if (!b->s)
        s[0] = 0;
    b->s = s;
    b->cap = cap;
    return 0;
}

int buf_append(dy_buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n))
        return -1;
    if (n)
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
    return 0;
}

int buf_puts(dy_buf *b, const char *s) { return buf_append(b, s, strlen(s)); }

int buf_putc(dy_buf *b, char c) { return buf_append(b, &c, 1); }

int buf_printf(dy_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || buf_reserve(b, (size_t)n))
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

/* ---------------------------------------------------------------- vectors */

int vec_grow(void **data, size_t *cap, size_t need, size_t elsize)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 8;
    while (c < need) {
        if (c > SIZE_MAX / 2)
            return -1;
        c *= 2;
    }
    if (elsize && c > SIZE_MAX / elsize)
        return -1;
    void *p = realloc(*data, c * elsize);
    if (!p)
        return -1;
    *data = p;
    *cap = c;
    return 0;
}

/* ---------------------------------------------------------------- arena */

struct dy_arena_block {
    dy_arena_block *next;
    size_t size, used;
    _Alignas(16) unsigned char mem[];
};

void arena_init(dy_arena *a, size_t block_size)
{
    a->head = a->spare = NULL;
    a->block_size = block_size ? block_size : 65536;
}

void *arena_alloc(dy_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n == 0)
        n = 16;
    dy_arena_block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t bs = a->block_size ? a->block_size : 65536;
        /* reuse a spare block if it is big enough */
        if (a->spare && a->spare->size >= n) {
            b = a->spare;
            a->spare = b->next;
        } else {
            size_t sz = n > bs ? n : bs;
            if (sz > SIZE_MAX - sizeof(dy_arena_block))
                return NULL;
            b = malloc(sizeof(dy_arena_block) + sz);
            if (!b)
                return NULL;
            b->size = sz;
        }
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->mem + b->used;
    b->used += n;
    return p;
}

void *arena_calloc(dy_arena *a, size_t n)
{
    void *p = arena_alloc(a, n);
    if (p)
        memset(p, 0, n);
    return p;
}

char *arena_strndup(dy_arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_strdup(dy_arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

void arena_reset(dy_arena *a)
{
    while (a->head) {
        dy_arena_block *b = a->head;
        a->head = b->next;
        b->next = a->spare;
        a->spare = b;
    }
}

void arena_free(dy_arena *a)
{
    arena_reset(a);
    while (a->spare) {
        dy_arena_block *b = a->spare;
        a->spare = b->next;
        free(b);
    }
}

/* ---------------------------------------------------------------- hashing */

uint64_t hash_bytes(const void *p, size_t n)
{
    /* FNV-1a with a final avalanche (fine for short keys; stable across runs). */
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

/* ---------------------------------------------------------------- intern table */

void intern_init(dy_intern *t)
{
    memset(t, 0, sizeof *t);
    arena_init(&t->arena, 0);
}

void intern_free(dy_intern *t)
{
    free(t->slots);
    free(t->str);
    free(t->len);
    free(t->hash);
    arena_free(&t->arena);
    memset(t, 0, sizeof *t);
}

static int intern_rehash(dy_intern *t, size_t nslots)
{
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t id = 1; id <= t->n; id++) {
        size_t i = (size_t)t->hash[id] & (nslots - 1);
        while (slots[i])
            i = (i + 1) & (nslots - 1);
        slots[i] = (uint32_t)id;
    }
    free(t->slots);
    t->slots = slots;
    t->nslots = nslots;
    return 0;
}

uint32_t intern_find(const dy_intern *t, const char *s, size_t n)
{
    if (!t->nslots)
        return 0;
    uint64_t h = hash_bytes(s, n);
    size_t i = (size_t)h & (t->nslots - 1);
    for (;;) {
        uint32_t id = t->slots[i];
        if (!id)
            return 0;
        if (t->hash[id] == h && t->len[id] == n && memcmp(t->str[id], s, n) == 0)
            return id;
        i = (i + 1) & (t->nslots - 1);
    }
}

uint32_t intern_add(dy_intern *t, const char *s, size_t n)
{
    uint32_t found = intern_find(t, s, n);
    if (found)
        return found;
    if (t->n >= UINT32_MAX - 1)
        return 0;
    if ((t->n + 1) * 2 >= t->nslots) {
        if (intern_rehash(t, t->nslots ? t->nslots * 2 : 1024))
            return 0;
    }
    if (t->n + 2 > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 1024;
        const char **str = realloc(t->str, cap * sizeof *str);
        if (!str)
            return 0;
        t->str = str;
        uint32_t *len = realloc(t->len, cap * sizeof *len);
        if (!len)
            return 0;
        t->len = len;
        uint64_t *hash = realloc(t->hash, cap * sizeof *hash);
        if (!hash)
            return 0;
        t->hash = hash;
        t->cap = cap;
        if (t->n == 0) {
            t->str[0] = "";
            t->len[0] = 0;
            t->hash[0] = 0;
        }
    }
    char *copy = arena_strndup(&t->arena, s, n);
    if (!copy)
        return 0;
    uint32_t id = (uint32_t)++t->n;
    uint64_t h = hash_bytes(s, n);
    t->str[id] = copy;
    t->len[id] = (uint32_t)n;
    t->hash[id] = h;
    size_t i = (size_t)h & (t->nslots - 1);
    while (t->slots[i])
        i = (i + 1) & (t->nslots - 1);
    t->slots[i] = id;
    return id;
}

/* ---------------------------------------------------------------- diagnostics */

void diag_emit(dy_diag_fn fn, void *ud, dy_severity sev, dy_status code, const char *file,
               long line, const char *record, long long byte, const char *fmt, ...)
{
    if (!fn)
        return;
    dy_buf msg;
    buf_init(&msg);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    const char *text = "(out of memory formatting a diagnostic)";
    if (n >= 0 && buf_reserve(&msg, (size_t)n) == 0) {
        va_start(ap, fmt);
        vsnprintf(msg.s, (size_t)n + 1, fmt, ap);
        va_end(ap);
        msg.len = (size_t)n;
        text = msg.s;
    }
    dy_diag d = {sev, code, file, line, record, byte, text};
    fn(ud, &d);
    buf_free(&msg);
}

/* ---------------------------------------------------------------- strings & files */

char *dy_strndup(const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *dy_strdup(const char *s) { return s ? dy_strndup(s, strlen(s)) : NULL; }

char *path_resolve(const char *base_file, const char *rel)
{
    if (!rel)
        return NULL;
    if (rel[0] == '/' || !base_file)
        return dy_strdup(rel);
    const char *slash = strrchr(base_file, '/');
    if (!slash)
        return dy_strdup(rel);
    size_t dl = (size_t)(slash - base_file) + 1, rl = strlen(rel);
    char *p = malloc(dl + rl + 1);
    if (!p)
        return NULL;
    memcpy(p, base_file, dl);
    memcpy(p + dl, rel, rl + 1);
    return p;
}

int file_read_all(const char *path, char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    dy_buf b;
    buf_init(&b);
    for (;;) {
        if (buf_reserve(&b, 1 << 16)) {
            fclose(f);
            buf_free(&b);
            errno = ENOMEM;
            return -1;
        }
        size_t got = fread(b.s + b.len, 1, b.cap - b.len - 1, f);
        b.len += got;
        if (got == 0)
            break;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        buf_free(&b);
        errno = EIO;
        return -1;
    }
    if (buf_reserve(&b, 0)) {
        buf_free(&b);
        errno = ENOMEM;
        return -1;
    }
    b.s[b.len] = 0;
    *data = b.s;
    *len = b.len;
    return 0;
}

int ascii_strncasecmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int ca = ascii_tolower((unsigned char)a[i]), cb = ascii_tolower((unsigned char)b[i]);
        if (ca != cb)
            return ca - cb;
        if (!ca)
            return 0;
    }
    return 0;
}

int ascii_strcasecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = ascii_tolower((unsigned char)*a), cb = ascii_tolower((unsigned char)*b);
        if (ca != cb)
            return ca - cb;
        if (!ca)
            return 0;
    }
}

/* ---------------------------------------------------------------- dates */

int date_valid(int32_t ymd)
{
    int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return 0;
    if (d > mdays[m - 1])
        return 0;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 0;
    return 1;
}

static int digits(const char *s, size_t n, size_t at, size_t k, int *out)
{
    if (at + k > n)
        return 0;
    int v = 0;
    for (size_t i = 0; i < k; i++) {
        if (!ascii_isdigit((unsigned char)s[at + i]))
            return 0;
        v = v * 10 + (s[at + i] - '0');
    }
    *out = v;
    return 1;
}

int32_t date_parse(const char *s, size_t n, size_t *used)
{
    int y, m, d;
    size_t u = 0;
    if (used)
        *used = 0;
    if (digits(s, n, 0, 4, &y) && n > 4 && (s[4] == '-' || s[4] == '/') &&
        digits(s, n, 5, 2, &m) && n > 7 && s[7] == s[4] && digits(s, n, 8, 2, &d)) {
        u = 10;
        /* optional time part: T.. or space followed by hh:mm... */
        if (u < n && (s[u] == 'T' || (s[u] == ' ' && u + 3 < n && ascii_isdigit((unsigned char)s[u + 1]) &&
                                       ascii_isdigit((unsigned char)s[u + 2]) && s[u + 3] == ':'))) {
            u++;
            while (u < n && !ascii_isspace((unsigned char)s[u]) && s[u] != '"')
                u++;
        }
    } else if (digits(s, n, 0, 8, &y) && (n == 8 || !ascii_isdigit((unsigned char)s[8]))) {
        d = y % 100;
        m = y / 100 % 100;
        y /= 10000;
        u = 8;
    } else if (digits(s, n, 0, 6, &y) && (n == 6 || !ascii_isdigit((unsigned char)s[6]))) {
        d = y % 100;
        m = y / 100 % 100;
        y /= 10000;
        y += y < 30 ? 2000 : 1900;
        u = 6;
    } else {
        return 0;
    }
    int32_t ymd = (int32_t)(y * 10000 + m * 100 + d);
    if (!date_valid(ymd))
        return 0;
    if (used)
        *used = u;
    return ymd;
}
