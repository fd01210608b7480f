/*
 * image.c - writes a loaded dictionary set as a compiled image (.dyc) and restores a
 * dictionary set from one without parsing dictionary text: the arrays are copied out of
 * the (mapped) file after every count, offset and id in them has been bounds-checked.
 */
#include "dict/image.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dict/actors_int.h"
#include "dict/verbs_int.h"

/*
 * FILE LAYOUT (format version DIMG_VERSION).  All integers are in the writer's byte order;
 * the endianness mark and the word size in the header make another machine's image a
 * clean rejection, not a misread.  Every section starts at a multiple of 8 bytes.
 *
 *   offset  size  field
 *   0       8     magic "DYADDYC\x1a"
 *   8       4     format version (DIMG_VERSION)
 *   12      4     endianness mark 0x01020304
 *   16      4     sizeof(void *) of the writer
 *   20      4     layout signature: a hash of the sizes of the in-memory structures the
 *                 image restores (a dyad whose structures differ refuses the image)
 *   24      8     total file length
 *   32      8     checksum (dimg_hash) of bytes [64, file length)
 *   40      8     content key: dimg_hash of the dyad version and the source files' hashes
 *   48      4     number of sections (DIMG_NSECT)
 *   52      4     reserved (0)
 *   56      8     dimg_hash of bytes [0, 56): the header's own check
 *   64      16*N  section directory: for each section, u64 offset (from the file start)
 *                 and u64 byte length
 *   ...           the sections, in directory order (see enum sect below)
 *
 * Strings live in two pools (one restored into the actor dictionary, one into the verb
 * dictionary): a pool is NUL-terminated strings back to back; a string reference is a
 * u32 byte offset into its pool, DIMG_NULL for a NULL pointer.  Everything else is an
 * array of fixed-size records of u32/i32/u64 fields whose ids index other arrays.
 */

#define DIMG_MAGIC "DYADDYC\x1a"
#define DIMG_HEADER 64u
#define DIMG_NULL 0xFFFFFFFFu

enum sect {
    S_META,      /* u64 fields, see enum meta */
    S_OPTS,      /* code_opts, raw (its size is part of the layout signature) */
    S_SOURCES,   /* u64 count; then per file: u64 size, i64 mtime_ns, u64 hash, u64 path
                    length, path bytes padded to 8 */
    S_CAMEO,     /* the CAMEO table as TSV rows (code, goldstein or NA, quad, label, PLOVER
                    type, mode, context), the format of data/cameo/cameo.tsv (dict/cameo.h) */
    S_ASTR,      /* actor string pool */
    S_ANODES,    /* trie nodes: i32 term, u32 chars, u32 nwords */
    S_AEDGES,    /* the occupied slots of the edge table (M_EDGE_SLOTS slots in all):
                    u64 hash, u32 slot, u32 word, u32 len, u32 parent, u32 child, u32 flags */
    S_AENTRIES,  /* u32 name, u32 file, i64 line, u32 is_agent, u32 first code, u32 ncodes,
                    u32 0 */
    S_ACODES,    /* u32 code, i32 from, i32 to */
    S_VSTR,      /* verb string pool */
    S_VELS,      /* u8 kind, mode, adj, 0; u32 ref, cnt, word, wlen */
    S_VSEQS,     /* u32 first, n, chars */
    S_VSYN,      /* u32 name, first, n, chars, open_after_multi */
    S_VSYNNAMES, /* synset name keys in id order: u32 string, u32 length */
    S_VPATS,     /* u32 first, n, text, code, code2, flags, chars, order, block, has_alt */
    S_VVERBS,    /* u32 name, code, code2, flags, block */
    S_VDISC,     /* u32 code */
    S_VISSUES,   /* u32 code */
    S_VTAB0,     /* 4 phrase tables (verbs, discards, issues, time) x 5 arrays: exact keys
                    and stem keys (u32 string, u32 length, in id order), exact heads, stem
                    heads (u32), entries (u32 first, n, payload, next, generated) */
    DIMG_NSECT = S_VTAB0 + 4 * 5
};

enum meta {
    M_MAX_GAP, M_MIN_STEM, M_ENTRY_ACTORS, M_ENTRY_AGENTS, M_PHRASE0, /* 4 phrase counts */
    M_EDGE_COUNT = M_PHRASE0 + ROOT_COUNT, M_NBLOCKS, M_NTIME, M_NPATTERNS_LOADED,
    M_MAXSTEM0, /* 4 tables */
    M_EDGE_SLOTS = M_MAXSTEM0 + 4, M_COUNT
};

enum { T_KEYS_EXACT, T_KEYS_STEM, T_HEAD_EXACT, T_HEAD_STEM, T_ENTS };

/* record sizes in bytes */
enum {
    R_NODE = 12, R_EDGE = 32, R_ENTRY = 32, R_CODE = 12, R_EL = 20, R_SEQ = 12, R_SYN = 20,
    R_KEY = 8, R_PAT = 40, R_VERB = 20, R_ONE = 4, R_ENT = 20
};

/* ------------------------------------------------------------------ hashing */

static inline uint64_t rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

#define H_P1 0x9E3779B185EBCA87ULL
#define H_P2 0xC2B2AE3D27D4EB4FULL
#define H_P3 0x165667B19E3779F9ULL

static inline uint64_t load64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* Contract: see image.h.  Four independent 64-bit lanes over 32-byte blocks, then the
 * tail byte by byte, then an avalanche; stable for a given byte order. */
uint64_t dimg_hash(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t a = seed + H_P1, b = seed ^ H_P2, c = seed + H_P3, d = seed - H_P1;
    size_t i = 0;
    for (; i + 32 <= len; i += 32) {
        a = rotl64(a + load64(p + i) * H_P2, 31) * H_P1;
        b = rotl64(b + load64(p + i + 8) * H_P2, 31) * H_P1;
        c = rotl64(c + load64(p + i + 16) * H_P2, 31) * H_P1;
        d = rotl64(d + load64(p + i + 24) * H_P2, 31) * H_P1;
    }
    uint64_t h = rotl64(a, 1) + rotl64(b, 7) + rotl64(c, 12) + rotl64(d, 18) + (uint64_t)len;
    for (; i < len; i++)
        h = rotl64(h ^ (p[i] * H_P3), 11) * H_P1;
    h ^= h >> 33;
    h *= H_P2;
    h ^= h >> 29;
    h *= H_P3;
    h ^= h >> 32;
    return h;
}

uint32_t dimg_layout_signature(void)
{
    /* the records the image restores field by field (not struct actd / struct verbd as a
     * whole: what they gain beyond these is derived, rebuilt by actd_finish/verbd_finish) */
    uint64_t sizes[] = {sizeof(code_opts), sizeof(trie_node), sizeof(trie_edge),
                        sizeof(actd_entry), sizeof(actd_code), sizeof(vd_el), sizeof(vd_seq),
                        sizeof(vd_synset), sizeof(vd_pat), sizeof(verbd_verb),
                        sizeof(vd_phrase), ROOT_COUNT};
    return (uint32_t)dimg_hash(sizes, sizeof sizes, 7);
}

/* ------------------------------------------------------------------ sources */

void dimg_sources_free(dimg_sources *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i].path);
    free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}

int dimg_is_image(const void *data, size_t len)
{
    return data && len >= 8 && memcmp(data, DIMG_MAGIC, 8) == 0;
}

int dimg_file_is_image(const char *path)
{
    unsigned char head[8];
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t got = fread(head, 1, sizeof head, f);
    fclose(f);
    return dimg_is_image(head, got);
}

/* ------------------------------------------------------------------ writing */

/* A string pool being written: interned strings, each with its offset in the pool. */
typedef struct wpool {
    dy_intern keys;
    VEC(uint32_t) off; /* by id */
    size_t size;
    int failed;        /* ENOMEM or a pool larger than 4 GiB */
} wpool;

static uint32_t pool_ref_n(wpool *p, const char *s, size_t n)
{
    if (!s)
        return DIMG_NULL;
    uint32_t id = intern_add(&p->keys, s, n);
    if (!id) {
        p->failed = 1;
        return DIMG_NULL;
    }
    if (id > p->off.n) { /* new: ids are dense, so this is the next one */
        if (p->size + n + 1 >= DIMG_NULL || VEC_PUSH(&p->off, (uint32_t)p->size)) {
            p->failed = 1;
            return DIMG_NULL;
        }
        p->size += n + 1;
    }
    return p->off.v[id - 1];
}

static uint32_t pool_ref(wpool *p, const char *s) { return s ? pool_ref_n(p, s, strlen(s)) : DIMG_NULL; }

static int pool_emit(wpool *p, dy_buf *out)
{
    if (buf_reserve(out, p->size))
        return -1;
    for (size_t id = 1; id <= intern_count(&p->keys); id++) {
        if (buf_append(out, intern_str(&p->keys, (uint32_t)id), intern_len(&p->keys, (uint32_t)id)) ||
            buf_putc(out, 0))
            return -1;
    }
    return 0;
}

typedef struct writer {
    dy_buf sect[DIMG_NSECT];
    wpool astr, vstr;
    int failed;
} writer;

static void put(writer *w, int s, const void *p, size_t n)
{
    if (!w->failed && buf_append(&w->sect[s], p, n))
        w->failed = 1;
}
static void put32(writer *w, int s, uint32_t v) { put(w, s, &v, 4); }
static void put64(writer *w, int s, uint64_t v) { put(w, s, &v, 8); }

static void put_keys(writer *w, int s, const dy_intern *keys)
{
    for (size_t id = 1; id <= intern_count(keys); id++) {
        put32(w, s, pool_ref_n(&w->vstr, intern_str(keys, (uint32_t)id),
                               intern_len(keys, (uint32_t)id)));
        put32(w, s, intern_len(keys, (uint32_t)id));
    }
}

static void write_actors(writer *w, const actd *a, uint64_t *meta)
{
    meta[M_MAX_GAP] = a->max_gap;
    meta[M_MIN_STEM] = a->min_stem;
    meta[M_ENTRY_ACTORS] = a->entry_count[0];
    meta[M_ENTRY_AGENTS] = a->entry_count[1];
    for (int r = 0; r < ROOT_COUNT; r++)
        meta[M_PHRASE0 + r] = a->phrase_count[r];
    meta[M_EDGE_COUNT] = a->edge_count;
    meta[M_EDGE_SLOTS] = a->edge_slots;
    for (size_t i = 0; i < a->nodes.n; i++) {
        const trie_node *nd = &a->nodes.v[i];
        put32(w, S_ANODES, (uint32_t)nd->term);
        put32(w, S_ANODES, nd->chars);
        put32(w, S_ANODES, nd->nwords);
    }
    for (size_t i = 0; i < a->edge_slots; i++) {
        const trie_edge *e = &a->edges[i];
        if (!e->child)
            continue;
        put64(w, S_AEDGES, e->hash);
        put32(w, S_AEDGES, (uint32_t)i);
        put32(w, S_AEDGES, pool_ref_n(&w->astr, e->word, e->len));
        put32(w, S_AEDGES, e->len);
        put32(w, S_AEDGES, e->parent);
        put32(w, S_AEDGES, e->child);
        put32(w, S_AEDGES, e->flags);
    }
    uint32_t ncodes = 0;
    for (size_t i = 0; i < a->entries.n; i++) {
        const actd_entry *e = a->entries.v[i];
        put32(w, S_AENTRIES, pool_ref(&w->astr, e->name));
        put32(w, S_AENTRIES, pool_ref(&w->astr, e->file));
        put64(w, S_AENTRIES, (uint64_t)(int64_t)e->line);
        put32(w, S_AENTRIES, (uint32_t)e->is_agent);
        put32(w, S_AENTRIES, ncodes);
        put32(w, S_AENTRIES, (uint32_t)e->ncodes);
        put32(w, S_AENTRIES, 0);
        for (size_t k = 0; k < e->ncodes; k++) {
            put32(w, S_ACODES, pool_ref(&w->astr, e->codes[k].code));
            put32(w, S_ACODES, (uint32_t)e->codes[k].from);
            put32(w, S_ACODES, (uint32_t)e->codes[k].to);
        }
        if (e->ncodes > UINT32_MAX - ncodes)
            w->failed = 1;
        ncodes += (uint32_t)e->ncodes;
    }
}

static void write_table(writer *w, const vd_table *t, int base)
{
    put_keys(w, base + T_KEYS_EXACT, &t->exact);
    put_keys(w, base + T_KEYS_STEM, &t->stem);
    put(w, base + T_HEAD_EXACT, t->head_exact.v, t->head_exact.n * sizeof(uint32_t));
    put(w, base + T_HEAD_STEM, t->head_stem.v, t->head_stem.n * sizeof(uint32_t));
    for (size_t i = 0; i < t->ents.n; i++) {
        const vd_phrase *p = &t->ents.v[i];
        put32(w, base + T_ENTS, p->first);
        put32(w, base + T_ENTS, p->n);
        put32(w, base + T_ENTS, p->payload);
        put32(w, base + T_ENTS, p->next);
        put32(w, base + T_ENTS, p->generated);
    }
}

static void write_verbs(writer *w, const verbd *v, uint64_t *meta)
{
    wpool *P = &w->vstr;
    meta[M_NBLOCKS] = v->nblocks;
    meta[M_NTIME] = v->ntime;
    meta[M_NPATTERNS_LOADED] = v->npatterns_loaded;
    for (size_t i = 0; i < v->els.n; i++) {
        const vd_el *e = &v->els.v[i];
        uint8_t b[4] = {e->kind, e->mode, e->adj, 0};
        put(w, S_VELS, b, 4);
        put32(w, S_VELS, e->ref);
        put32(w, S_VELS, e->cnt);
        put32(w, S_VELS, e->w ? pool_ref_n(P, e->w, e->wlen) : DIMG_NULL);
        put32(w, S_VELS, e->wlen);
    }
    put(w, S_VSEQS, v->seqs.v, 0); /* keeps the section present when empty */
    for (size_t i = 0; i < v->seqs.n; i++) {
        put32(w, S_VSEQS, v->seqs.v[i].first);
        put32(w, S_VSEQS, v->seqs.v[i].n);
        put32(w, S_VSEQS, v->seqs.v[i].chars);
    }
    for (size_t i = 0; i < v->synsets.n; i++) {
        const vd_synset *s = &v->synsets.v[i];
        put32(w, S_VSYN, pool_ref(P, s->name));
        put32(w, S_VSYN, s->first);
        put32(w, S_VSYN, s->n);
        put32(w, S_VSYN, s->chars);
        put32(w, S_VSYN, (uint32_t)s->open_after_multi);
    }
    put_keys(w, S_VSYNNAMES, &v->synset_names);
    for (size_t i = 0; i < v->pats.n; i++) {
        const vd_pat *p = &v->pats.v[i];
        uint32_t rec[10] = {p->first, p->n, pool_ref(P, p->text), pool_ref(P, p->code),
                            pool_ref(P, p->code2), p->flags, p->chars, p->order, p->block,
                            (uint32_t)p->has_alt};
        put(w, S_VPATS, rec, sizeof rec);
    }
    for (size_t i = 0; i < v->verbs.n; i++) {
        const verbd_verb *vb = &v->verbs.v[i];
        uint32_t rec[5] = {pool_ref(P, vb->name), pool_ref(P, vb->code), pool_ref(P, vb->code2),
                           vb->flags, vb->block};
        put(w, S_VVERBS, rec, sizeof rec);
    }
    for (size_t i = 0; i < v->discards.n; i++)
        put32(w, S_VDISC, pool_ref(P, v->discards.v[i].code));
    for (size_t i = 0; i < v->issues.n; i++)
        put32(w, S_VISSUES, pool_ref(P, v->issues.v[i].code));
    const vd_table *tabs[4] = {&v->vtab, &v->dtab, &v->itab, &v->ttab};
    for (int k = 0; k < 4; k++) {
        meta[M_MAXSTEM0 + k] = tabs[k]->maxstem;
        write_table(w, tabs[k], S_VTAB0 + 5 * k);
    }
}

static void write_cameo(writer *w, const cameo_table *t)
{
    dy_buf row;
    buf_init(&row);
    for (size_t i = 0; t && i < cameo_count(t) && !w->failed; i++) {
        const cameo_info *c = cameo_at(t, i);
        buf_clear(&row);
        int rc = c->goldstein_known ? buf_printf(&row, "%s\t%.17g", c->code, c->goldstein)
                                    : buf_printf(&row, "%s\tNA", c->code);
        if (!rc)
            rc = buf_printf(&row, "\t%d\t%s\t%s\t%s\t%s\n", c->quad, c->name, c->plover,
                            c->plover_mode, c->plover_context);
        if (rc)
            w->failed = 1;
        else
            put(w, S_CAMEO, row.s, row.len);
    }
    buf_free(&row);
}

static void write_sources(writer *w, const dimg_sources *src)
{
    size_t n = src ? src->n : 0;
    put64(w, S_SOURCES, n);
    for (size_t i = 0; i < n; i++) {
        const dimg_source *s = &src->v[i];
        size_t pl = strlen(s->path);
        put64(w, S_SOURCES, s->size);
        put64(w, S_SOURCES, (uint64_t)s->mtime_ns);
        put64(w, S_SOURCES, s->hash);
        put64(w, S_SOURCES, pl);
        put(w, S_SOURCES, s->path, pl);
        static const char zeros[8];
        put(w, S_SOURCES, zeros, (8 - pl % 8) % 8);
    }
}

/* Contract: see image.h. */
dy_status dimg_build(const dy_dict *d, const dimg_sources *sources, void **out,
                     size_t *outlen, dy_diag_fn diag, void *ud)
{
    if (!out || !outlen)
        return DY_EINVAL;
    *out = NULL;
    *outlen = 0;
    if (!d || !d->actors || !d->verbs)
        return DY_EINVAL;
    writer *w = calloc(1, sizeof *w);
    if (!w) {
        diag_emit(diag, ud, DY_ERROR, DY_ENOMEM, NULL, 0, NULL, -1,
                  "out of memory writing the dictionary image");
        return DY_ENOMEM;
    }
    for (int s = 0; s < DIMG_NSECT; s++)
        buf_init(&w->sect[s]);
    intern_init(&w->astr.keys);
    intern_init(&w->vstr.keys);
    uint64_t meta[M_COUNT] = {0};
    write_actors(w, d->actors, meta);
    write_verbs(w, d->verbs, meta);
    write_cameo(w, d->cameo);
    write_sources(w, sources);
    put(w, S_META, meta, sizeof meta);
    put(w, S_OPTS, &d->opts, sizeof d->opts);
    if (!w->failed && (pool_emit(&w->astr, &w->sect[S_ASTR]) || pool_emit(&w->vstr, &w->sect[S_VSTR])))
        w->failed = 1;
    dy_status st = DY_OK;
    if (w->astr.failed || w->vstr.failed || w->failed) {
        st = DY_ENOMEM;
        diag_emit(diag, ud, DY_ERROR, DY_ENOMEM, NULL, 0, NULL, -1,
                  "out of memory (or a string pool over 4 GiB) writing the dictionary image");
    }
    /* lay out: header, directory, sections at multiples of 8 */
    size_t total = DIMG_HEADER + 16u * DIMG_NSECT;
    uint64_t dir[2 * DIMG_NSECT];
    for (int s = 0; st == DY_OK && s < DIMG_NSECT; s++) {
        total = (total + 7) & ~(size_t)7;
        dir[2 * s] = total;
        dir[2 * s + 1] = w->sect[s].len;
        total += w->sect[s].len;
    }
    unsigned char *img = NULL;
    if (st == DY_OK && !(img = calloc(1, total))) {
        st = DY_ENOMEM;
        diag_emit(diag, ud, DY_ERROR, DY_ENOMEM, NULL, 0, NULL, -1,
                  "out of memory writing the dictionary image");
    }
    if (st == DY_OK) {
        memcpy(img + DIMG_HEADER, dir, sizeof dir);
        for (int s = 0; s < DIMG_NSECT; s++)
            if (w->sect[s].len)
                memcpy(img + dir[2 * s], w->sect[s].s, w->sect[s].len);
        uint64_t key = dimg_hash(DYAD_VERSION, strlen(DYAD_VERSION), 1);
        for (size_t i = 0; sources && i < sources->n; i++)
            key = dimg_hash(&sources->v[i].hash, 8, key);
        uint32_t h32[4] = {DIMG_VERSION, DIMG_ENDIAN, (uint32_t)sizeof(void *), dimg_layout_signature()};
        uint64_t h64[3] = {total, dimg_hash(img + DIMG_HEADER, total - DIMG_HEADER, 0), key};
        uint32_t ns[2] = {DIMG_NSECT, 0};
        memcpy(img, DIMG_MAGIC, 8);
        memcpy(img + 8, h32, sizeof h32);
        memcpy(img + 24, h64, sizeof h64);
        memcpy(img + 48, ns, sizeof ns);
        uint64_t hh = dimg_hash(img, 56, 3);
        memcpy(img + 56, &hh, 8);
        *out = img;
        *outlen = total;
    }
    for (int s = 0; s < DIMG_NSECT; s++)
        buf_free(&w->sect[s]);
    intern_free(&w->astr.keys);
    intern_free(&w->vstr.keys);
    VEC_FREE(&w->astr.off);
    VEC_FREE(&w->vstr.off);
    free(w);
    return st;
}

/* Contract: see image.h. */
dy_status dimg_write(const dy_dict *d, const dimg_sources *sources, const char *path,
                     dy_diag_fn diag, void *ud)
{
    void *img;
    size_t len;
    dy_status st = dimg_build(d, sources, &img, &len, diag, ud);
    if (st)
        return st;
    dy_buf tmp;
    buf_init(&tmp);
    if (buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid())) {
        free(img);
        diag_emit(diag, ud, DY_ERROR, DY_ENOMEM, path, 0, NULL, -1, "out of memory");
        return DY_ENOMEM;
    }
    int fd = open(tmp.s, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const char *what = "cannot create";
    int ok = fd >= 0;
    size_t done = 0;
    while (ok && done < len) {
        ssize_t k = write(fd, (const char *)img + done, len - done);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            ok = 0;
            what = "cannot write";
        } else {
            done += (size_t)k;
        }
    }
    if (ok && fsync(fd)) {
        ok = 0;
        what = "cannot sync";
    }
    if (fd >= 0 && close(fd) && ok) {
        ok = 0;
        what = "cannot write";
    }
    if (ok && rename(tmp.s, path)) {
        ok = 0;
        what = "cannot rename the temporary file over";
    }
    if (!ok) {
        diag_emit(diag, ud, DY_ERROR, DY_EIO, path, 0, NULL, -1, "%s: %s", what, strerror(errno));
        if (fd >= 0)
            unlink(tmp.s);
    }
    buf_free(&tmp);
    free(img);
    return ok ? DY_OK : DY_EIO;
}

/* ------------------------------------------------------------------ reading */

typedef struct reader {
    const unsigned char *base;
    size_t len;
    const char *name;
    dy_diag_fn diag;
    void *ud;
    const char *why; /* first problem found */
    const unsigned char *sp[DIMG_NSECT];
    size_t sn[DIMG_NSECT];
    const char *apool, *vpool; /* the copies owned by the dictionaries */
    size_t apool_len, vpool_len;
} reader;

static inline uint32_t rd32(const unsigned char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static int bad(reader *r, const char *why)
{
    if (!r->why)
        r->why = why;
    return -1;
}

/* Section s as an array of rec-byte records: its count, or -1 (reason set) when the size
 * is not a whole number of records. */
static int64_t sect_count(reader *r, int s, size_t rec)
{
    if (r->sn[s] % rec)
        return bad(r, "a table's size is not a whole number of records");
    return (int64_t)(r->sn[s] / rec);
}

/* A string reference: pointer into the pool copy, or NULL for DIMG_NULL (allowed only
 * when nullable).  want_len: the string's length must equal it (-1: any length). */
static int str_at(reader *r, int verbs, uint32_t ref, int nullable, int64_t want_len,
                  const char **out)
{
    const char *pool = verbs ? r->vpool : r->apool;
    size_t plen = verbs ? r->vpool_len : r->apool_len;
    if (ref == DIMG_NULL) {
        *out = NULL;
        return nullable ? 0 : bad(r, "a required string is missing");
    }
    if (ref >= plen)
        return bad(r, "a string offset is out of bounds");
    if (want_len >= 0) {
        if ((uint64_t)want_len >= plen - ref || pool[ref + want_len] != 0 ||
            memchr(pool + ref, 0, (size_t)want_len))
            return bad(r, "a string's length does not match the pool");
    }
    *out = pool + ref;
    return 0;
}

/* Copy a string pool section into arena memory (the pool must end with a NUL). */
static int pool_copy(reader *r, int s, dy_arena *arena, const char **pool, size_t *plen)
{
    size_t n = r->sn[s];
    *pool = "";
    *plen = 0;
    if (!n)
        return 0;
    if (r->sp[s][n - 1] != 0)
        return bad(r, "a string pool does not end with a NUL");
    char *copy = arena_alloc(arena, n);
    if (!copy)
        return -2;
    memcpy(copy, r->sp[s], n);
    *pool = copy;
    *plen = n;
    return 0;
}

/* Zeroed memory for a large table, freeable with free(); big tables ask for transparent
 * huge pages, since page faults on fresh memory dominate the load time otherwise. */
static void *alloc_table(size_t size)
{
    const size_t huge = (size_t)2 << 20;
    if (size < huge)
        return calloc(1, size);
    size_t rounded = (size + huge - 1) & ~(huge - 1);
    void *p = aligned_alloc(huge, rounded);
    if (!p)
        return NULL;
#ifdef MADV_HUGEPAGE
    madvise(p, rounded, MADV_HUGEPAGE); /* a hint: failure is harmless */
#endif
    memset(p, 0, size);
    return p;
}

/* Returns 0, -1 format problem (r->why), -2 ENOMEM. */
static int read_actors(reader *r, actd *a, const uint64_t *meta)
{
    int rc = pool_copy(r, S_ASTR, &a->arena, &r->apool, &r->apool_len);
    if (rc)
        return rc;
    if (meta[M_MAX_GAP] > 1000000 || meta[M_MIN_STEM] > 1000000)
        return bad(r, "an actor option is out of range");
    a->max_gap = (size_t)meta[M_MAX_GAP];
    a->min_stem = (size_t)meta[M_MIN_STEM];
    int64_t nnodes = sect_count(r, S_ANODES, R_NODE), nedges = sect_count(r, S_AEDGES, R_EDGE),
            nent = sect_count(r, S_AENTRIES, R_ENTRY), ncodes = sect_count(r, S_ACODES, R_CODE);
    if (nnodes < 0 || nedges < 0 || nent < 0 || ncodes < 0)
        return -1;
    if (nnodes < ROOT_COUNT || nnodes >= (int64_t)UINT32_MAX || nent >= INT32_MAX)
        return bad(r, "the actor trie has a bad node count");
    uint64_t nslots = meta[M_EDGE_SLOTS];
    if ((nslots & (nslots - 1)) || nslots > ((uint64_t)1 << 31))
        return bad(r, "the actor edge table size is not a power of two");
    if ((uint64_t)nedges >= nslots && nedges) /* lookups stop at an empty slot: keep one */
        return bad(r, "the actor edge table has no empty slot");
    /* the table grows from 4096 slots by doubling at half full: never much emptier */
    if (nslots > 8192 && nslots / 8 > (uint64_t)nedges + 1)
        return bad(r, "the actor edge table is implausibly large for its edges");
    /* entries and codes */
    actd_code *codes = ncodes ? arena_alloc(&a->arena, (size_t)ncodes * sizeof *codes) : NULL;
    actd_entry *ents = nent ? arena_alloc(&a->arena, (size_t)nent * sizeof *ents) : NULL;
    if ((ncodes && !codes) || (nent && !ents))
        return -2;
    for (int64_t i = 0; i < ncodes; i++) {
        const unsigned char *p = r->sp[S_ACODES] + i * R_CODE;
        if (str_at(r, 0, rd32(p), 0, -1, &codes[i].code))
            return -1;
        codes[i].from = (int32_t)rd32(p + 4);
        codes[i].to = (int32_t)rd32(p + 8);
    }
    a->entries.n = 0;
    if (VEC_RESERVE(&a->entries, (size_t)nent))
        return -2;
    size_t counted[2] = {0, 0};
    for (int64_t i = 0; i < nent; i++) {
        const unsigned char *p = r->sp[S_AENTRIES] + i * R_ENTRY;
        actd_entry *e = &ents[i];
        int64_t line;
        memcpy(&line, p + 8, 8);
        uint32_t first = rd32(p + 20), n = rd32(p + 24), agent = rd32(p + 16);
        if (str_at(r, 0, rd32(p), 0, -1, &e->name) ||
            str_at(r, 0, rd32(p + 4), 1, -1, &e->file))
            return -1;
        if (agent > 1 || first > ncodes || n > ncodes - first)
            return bad(r, "an actor entry's codes are out of bounds");
        e->line = (long)line;
        e->is_agent = (int)agent;
        e->codes = n ? &codes[first] : NULL;
        e->ncodes = n;
        counted[agent]++;
        a->entries.v[a->entries.n++] = e;
    }
    if (counted[0] != meta[M_ENTRY_ACTORS] || counted[1] != meta[M_ENTRY_AGENTS])
        return bad(r, "the actor and agent counts do not match the entries");
    a->entry_count[0] = counted[0];
    a->entry_count[1] = counted[1];
    for (int k = 0; k < ROOT_COUNT; k++) {
        if (meta[M_PHRASE0 + k] > (uint64_t)nnodes)
            return bad(r, "a phrase count is out of range");
        a->phrase_count[k] = (size_t)meta[M_PHRASE0 + k];
    }
    /* nodes */
    a->nodes.n = 0;
    if (VEC_RESERVE(&a->nodes, (size_t)nnodes))
        return -2;
    for (int64_t i = 0; i < nnodes; i++) {
        const unsigned char *p = r->sp[S_ANODES] + i * R_NODE;
        trie_node nd = {(int32_t)rd32(p), rd32(p + 4), rd32(p + 8)};
        if (nd.term != TERM_NONE && nd.term != TERM_MEMBER && (nd.term < 0 || nd.term >= nent))
            return bad(r, "a trie node names an entry out of bounds");
        a->nodes.v[a->nodes.n++] = nd;
    }
    /* edges: every occupied slot must name real nodes, and at least one slot stays empty
     * (lookups stop at an empty slot) */
    free(a->edges);
    a->edges = NULL;
    a->edge_slots = a->edge_count = 0;
    if (nslots) {
        if (!(a->edges = alloc_table((size_t)nslots * sizeof *a->edges)))
            return -2;
        a->edge_slots = (size_t)nslots;
    }
    for (int64_t i = 0; i < nedges; i++) {
        const unsigned char *p = r->sp[S_AEDGES] + i * R_EDGE;
        uint32_t slot = rd32(p + 8);
        if (slot >= nslots || a->edges[slot].child)
            return bad(r, "a trie edge's slot is out of bounds or taken twice");
        trie_edge *e = &a->edges[slot];
        memcpy(&e->hash, p, 8);
        e->len = rd32(p + 16);
        e->parent = rd32(p + 20);
        e->child = rd32(p + 24);
        e->flags = rd32(p + 28);
        /* a child is always created after its parent: no cycles */
        if (e->child < ROOT_COUNT || e->child >= nnodes || e->parent >= e->child)
            return bad(r, "a trie edge names a node out of bounds");
        if (str_at(r, 0, rd32(p + 12), 0, e->len, &e->word))
            return -1;
    }
    if ((uint64_t)nedges != meta[M_EDGE_COUNT])
        return bad(r, "the actor edge count does not match the table");
    a->edge_count = (size_t)nedges;
    return actd_finish(a) ? -2 : 0;
}

/* Rebuild an intern table from a key section (ids must come out dense, in order). */
static int read_keys(reader *r, int s, dy_intern *keys, size_t *nkeys)
{
    int64_t n = sect_count(r, s, R_KEY);
    if (n < 0)
        return -1;
    for (int64_t i = 0; i < n; i++) {
        const unsigned char *p = r->sp[s] + i * R_KEY;
        const char *str;
        uint32_t len = rd32(p + 4);
        if (str_at(r, 1, rd32(p), 0, len, &str))
            return -1;
        uint32_t id = intern_add(keys, str, len);
        if (!id)
            return -2;
        if (id != (uint64_t)i + 1)
            return bad(r, "a key table holds the same key twice");
    }
    *nkeys = (size_t)n;
    return 0;
}

static int read_heads(reader *r, int s, void *vecp, size_t nkeys, size_t nents)
{
    VEC(uint32_t) *heads = vecp;
    int64_t n = sect_count(r, s, R_ONE);
    if (n < 0)
        return -1;
    if (n && (size_t)n != nkeys + 1)
        return bad(r, "a key table's heads do not match its keys");
    if (!n && nkeys)
        return bad(r, "a key table has keys but no heads");
    heads->n = 0;
    if (VEC_RESERVE(heads, (size_t)n))
        return -2;
    for (int64_t i = 0; i < n; i++) {
        uint32_t h = rd32(r->sp[s] + i * 4);
        if (h >= nents)
            return bad(r, "a key table's head is out of bounds");
        heads->v[heads->n++] = h;
    }
    return 0;
}

static int read_table(reader *r, vd_table *t, int base, uint64_t maxstem, size_t nels,
                      size_t npayload)
{
    int64_t nents = sect_count(r, base + T_ENTS, R_ENT);
    if (nents < 0)
        return -1;
    t->ents.n = 0;
    if (VEC_RESERVE(&t->ents, (size_t)nents))
        return -2;
    for (int64_t i = 0; i < nents; i++) {
        const unsigned char *p = r->sp[base + T_ENTS] + i * R_ENT;
        vd_phrase ph = {rd32(p), rd32(p + 4), rd32(p + 8), rd32(p + 12), (uint8_t)rd32(p + 16)};
        /* entry 0 is unused; a chain only links to later entries (no cycles) */
        if (i > 0 && (ph.first > nels || ph.n > nels - ph.first || ph.n == 0 ||
                      ph.payload >= npayload || ph.next >= nents ||
                      (ph.next && ph.next <= i)))
            return bad(r, "a phrase table entry is out of bounds");
        t->ents.v[t->ents.n++] = ph;
    }
    size_t nexact = 0, nstem = 0;
    int rc = read_keys(r, base + T_KEYS_EXACT, &t->exact, &nexact);
    if (!rc)
        rc = read_keys(r, base + T_KEYS_STEM, &t->stem, &nstem);
    if (!rc)
        rc = read_heads(r, base + T_HEAD_EXACT, &t->head_exact, nexact, (size_t)nents);
    if (!rc)
        rc = read_heads(r, base + T_HEAD_STEM, &t->head_stem, nstem, (size_t)nents);
    if (rc)
        return rc;
    if (maxstem > 0xFFFFFFFFu)
        return bad(r, "a table's longest stem is out of range");
    t->maxstem = (size_t)maxstem;
    return 0;
}

static int read_verbs(reader *r, verbd *v, const uint64_t *meta)
{
    int rc = pool_copy(r, S_VSTR, &v->arena, &r->vpool, &r->vpool_len);
    if (rc)
        return rc;
    int64_t nels = sect_count(r, S_VELS, R_EL), nseqs = sect_count(r, S_VSEQS, R_SEQ),
            nsyn = sect_count(r, S_VSYN, R_SYN), npats = sect_count(r, S_VPATS, R_PAT),
            nverbs = sect_count(r, S_VVERBS, R_VERB), ndisc = sect_count(r, S_VDISC, R_ONE),
            niss = sect_count(r, S_VISSUES, R_ONE);
    if (nels < 0 || nseqs < 0 || nsyn < 0 || npats < 0 || nverbs < 0 || ndisc < 0 || niss < 0)
        return -1;
    if (nels >= (int64_t)UINT32_MAX || nseqs >= (int64_t)UINT32_MAX)
        return bad(r, "too many pattern elements");
    if (meta[M_NBLOCKS] >= UINT32_MAX || meta[M_NTIME] > (uint64_t)nverbs ||
        meta[M_NPATTERNS_LOADED] > ((uint64_t)1 << 40))
        return bad(r, "a verb count is out of range");
    /* a block is opened per verb line: never more than verbs and patterns (this also
     * bounds what verbd_finish allocates) */
    if (meta[M_NBLOCKS] > (uint64_t)nverbs + (uint64_t)npats + 1)
        return bad(r, "the verb block count is out of range");
    uint32_t nblocks = (uint32_t)meta[M_NBLOCKS];
    if (VEC_RESERVE(&v->els, (size_t)nels) || VEC_RESERVE(&v->seqs, (size_t)nseqs) ||
        VEC_RESERVE(&v->synsets, (size_t)nsyn) || VEC_RESERVE(&v->pats, (size_t)npats) ||
        VEC_RESERVE(&v->verbs, (size_t)nverbs) || VEC_RESERVE(&v->discards, (size_t)ndisc) ||
        VEC_RESERVE(&v->issues, (size_t)niss))
        return -2;
    for (int64_t i = 0; i < nels; i++) {
        const unsigned char *p = r->sp[S_VELS] + i * R_EL;
        vd_el e = {p[0], p[1], p[2], rd32(p + 4), rd32(p + 8), NULL, rd32(p + 16)};
        if (e.kind > VD_EL_SKIP || e.mode > VD_WM_PLURAL || e.adj > 1)
            return bad(r, "a pattern element has an unknown kind");
        if (e.kind == VD_EL_SYNSET && e.ref >= nsyn)
            return bad(r, "a pattern element names a synset out of bounds");
        if (e.kind == VD_EL_ALT && (e.ref > nseqs || e.cnt > nseqs - e.ref))
            return bad(r, "a pattern element's alternatives are out of bounds");
        if (str_at(r, 1, rd32(p + 12), 1, (int64_t)e.wlen, &e.w))
            return -1;
        if (!e.w && e.wlen && e.kind == VD_EL_WORD)
            return bad(r, "a pattern word is missing");
        v->els.v[v->els.n++] = e;
    }
    for (int64_t i = 0; i < nseqs; i++) {
        const unsigned char *p = r->sp[S_VSEQS] + i * R_SEQ;
        vd_seq s = {rd32(p), rd32(p + 4), rd32(p + 8)};
        if (s.first > nels || s.n > nels - s.first)
            return bad(r, "a word sequence is out of bounds");
        v->seqs.v[v->seqs.n++] = s;
    }
    for (int64_t i = 0; i < nsyn; i++) {
        const unsigned char *p = r->sp[S_VSYN] + i * R_SYN;
        vd_synset s = {NULL, rd32(p + 4), rd32(p + 8), rd32(p + 12), (int)(rd32(p + 16) != 0)};
        if (str_at(r, 1, rd32(p), 1, -1, &s.name))
            return -1;
        if (s.first > nseqs || s.n > nseqs - s.first)
            return bad(r, "a synset's members are out of bounds");
        v->synsets.v[v->synsets.n++] = s;
    }
    size_t nsynkeys = 0;
    if ((rc = read_keys(r, S_VSYNNAMES, &v->synset_names, &nsynkeys)))
        return rc;
    if (nsynkeys > (size_t)nsyn)
        return bad(r, "more synset names than synsets");
    for (int64_t i = 0; i < npats; i++) {
        const unsigned char *p = r->sp[S_VPATS] + i * R_PAT;
        uint32_t f[10];
        memcpy(f, p, sizeof f);
        vd_pat pt = {f[0], f[1], NULL, NULL, NULL, f[5], f[6], f[7], f[8], (int)(f[9] != 0)};
        if (str_at(r, 1, f[2], 0, -1, &pt.text) ||
            str_at(r, 1, f[3], 0, -1, &pt.code) ||
            str_at(r, 1, f[4], 1, -1, &pt.code2))
            return -1;
        if (pt.first > nels || pt.n > nels - pt.first || pt.block > nblocks)
            return bad(r, "a pattern is out of bounds");
        v->pats.v[v->pats.n++] = pt;
    }
    for (int64_t i = 0; i < nverbs; i++) {
        const unsigned char *p = r->sp[S_VVERBS] + i * R_VERB;
        verbd_verb vb = {NULL, NULL, NULL, rd32(p + 12), rd32(p + 16)};
        if (str_at(r, 1, rd32(p), 0, -1, &vb.name) ||
            str_at(r, 1, rd32(p + 4), 0, -1, &vb.code) ||
            str_at(r, 1, rd32(p + 8), 1, -1, &vb.code2))
            return -1;
        if (vb.block > nblocks)
            return bad(r, "a verb's pattern block is out of bounds");
        v->verbs.v[v->verbs.n++] = vb;
    }
    for (int64_t i = 0; i < ndisc; i++) {
        vd_discard d = {NULL};
        if (str_at(r, 1, rd32(r->sp[S_VDISC] + i * 4), 0, -1, &d.code))
            return -1;
        v->discards.v[v->discards.n++] = d;
    }
    for (int64_t i = 0; i < niss; i++) {
        vd_issue is = {NULL};
        if (str_at(r, 1, rd32(r->sp[S_VISSUES] + i * 4), 1, -1, &is.code))
            return -1;
        v->issues.v[v->issues.n++] = is;
    }
    v->nblocks = nblocks;
    v->ntime = (size_t)meta[M_NTIME];
    v->npatterns_loaded = (size_t)meta[M_NPATTERNS_LOADED];
    vd_table *tabs[4] = {&v->vtab, &v->dtab, &v->itab, &v->ttab};
    size_t payloads[4] = {(size_t)nverbs, (size_t)ndisc, (size_t)niss, (size_t)nverbs};
    for (int k = 0; k < 4; k++)
        if ((rc = read_table(r, tabs[k], S_VTAB0 + 5 * k, meta[M_MAXSTEM0 + k], (size_t)nels,
                             payloads[k])))
            return rc;
    /* the patterns are stored in their finished order; finishing again rebuilds the
     * per-verb blocks (and whatever index verbd_finish builds) from the arrays */
    return verbd_finish(v) ? -2 : 0;
}

static int read_opts(reader *r, code_opts *o)
{
    if (r->sn[S_OPTS] != sizeof *o)
        return bad(r, "the options section has the wrong size");
    memcpy(o, r->sp[S_OPTS], sizeof *o);
    if (!memchr(o->def_source, 0, sizeof o->def_source) ||
        !memchr(o->def_target, 0, sizeof o->def_target))
        return bad(r, "a default code in the options is not terminated");
    return 0;
}

/* Check the recorded source files that still exist.  0 fresh, -1 stale (r->why set). */
static int check_sources(reader *r, int64_t count_limit)
{
    const unsigned char *p = r->sp[S_SOURCES];
    size_t n = r->sn[S_SOURCES], pos = 8;
    if (n < 8)
        return bad(r, "the source list is truncated");
    uint64_t count = load64(p);
    if (count > (uint64_t)count_limit)
        return bad(r, "the source list is truncated");
    dy_buf path;
    buf_init(&path);
    int rc = 0;
    for (uint64_t i = 0; i < count && !rc; i++) {
        if (n - pos < 32) {
            rc = bad(r, "the source list is truncated");
            break;
        }
        uint64_t size = load64(p + pos), hash = load64(p + pos + 16), pl = load64(p + pos + 24);
        int64_t mtime;
        memcpy(&mtime, p + pos + 8, 8);
        pos += 32;
        if (pl > n - pos || memchr(p + pos, 0, (size_t)pl)) {
            rc = bad(r, "a source path is out of bounds");
            break;
        }
        buf_clear(&path);
        if (buf_append(&path, (const char *)p + pos, (size_t)pl)) {
            rc = -2;
            break;
        }
        pos += (size_t)pl;
        pos += (8 - pos % 8) % 8;
        if (pos > n)
            pos = n;
        struct stat st;
        if (!path.s || stat(path.s, &st) || !S_ISREG(st.st_mode))
            continue; /* moved or deleted: nothing to compare with */
        int64_t mt = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
        if ((uint64_t)st.st_size == size && mt == mtime)
            continue; /* unchanged since compiled */
        char *data;
        size_t len;
        if (file_read_all(path.s, &data, &len))
            continue;
        uint64_t h = dimg_hash(data, len, 0);
        free(data);
        if (h != hash || len != size) {
            diag_emit(r->diag, r->ud, DY_ERROR, DY_EFORMAT, r->name, 0, NULL, -1,
                      "dictionary image is out of date: recompile (%s changed since it was "
                      "compiled)", path.s);
            rc = -3;
        }
    }
    buf_free(&path);
    return rc;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The header and directory: 0, or -1 with r->why. */
static int read_header(reader *r)
{
    const unsigned char *b = r->base;
    if (r->len < 8 || memcmp(b, DIMG_MAGIC, 8) != 0)
        return bad(r, "not a dyad dictionary image (bad magic)");
    if (r->len < DIMG_HEADER)
        return bad(r, "truncated (shorter than the header)");
    uint64_t hh = load64(b + 56);
    if (dimg_hash(b, 56, 3) != hh)
        return bad(r, "the header is corrupt (header checksum mismatch)");
    uint32_t h32[4];
    memcpy(h32, b + 8, sizeof h32);
    if (h32[1] != DIMG_ENDIAN)
        return bad(r, "written on a machine with another byte order: recompile");
    if (h32[0] != DIMG_VERSION)
        return bad(r, "written in another image format version: recompile");
    if (h32[2] != sizeof(void *))
        return bad(r, "written on a machine with another word size: recompile");
    if (h32[3] != dimg_layout_signature())
        return bad(r, "written by a different build of dyad: recompile");
    uint64_t total = load64(b + 24), sum = load64(b + 32);
    if (total > r->len)
        return bad(r, "truncated (shorter than the length in its header)");
    if (total < r->len)
        return bad(r, "has trailing bytes after the length in its header");
    uint32_t nsect = rd32(b + 48);
    if (nsect != DIMG_NSECT)
        return bad(r, "has the wrong number of sections");
    if (total < DIMG_HEADER + 16u * DIMG_NSECT)
        return bad(r, "truncated (no room for the section directory)");
    if (dimg_hash(b + DIMG_HEADER, (size_t)total - DIMG_HEADER, 0) != sum)
        return bad(r, "corrupt (checksum mismatch)");
    for (int s = 0; s < DIMG_NSECT; s++) {
        uint64_t off = load64(b + DIMG_HEADER + 16 * s), n = load64(b + DIMG_HEADER + 16 * s + 8);
        if (off < DIMG_HEADER + 16u * DIMG_NSECT || off > total || n > total - off)
            return bad(r, "a section lies outside the file");
        r->sp[s] = b + off;
        r->sn[s] = (size_t)n;
    }
    if (r->sn[S_META] != M_COUNT * 8)
        return bad(r, "the metadata section has the wrong size");
    return 0;
}

/* Contract: see image.h. */
dy_status dimg_load_mem(const char *name, const void *data, size_t len, int check_src,
                        dy_diag_fn diag, void *ud, dy_dict **out)
{
    if (!out)
        return DY_EINVAL;
    *out = NULL;
    double t0 = now_seconds();
    reader r;
    memset(&r, 0, sizeof r);
    r.base = data;
    r.len = data ? len : 0;
    r.name = name ? name : "dictionary image";
    r.diag = diag;
    r.ud = ud;
    int rc = read_header(&r);
    if (!rc && check_src)
        rc = check_sources(&r, (int64_t)(r.sn[S_SOURCES] / 32));
    if (rc == -3)
        return DY_EFORMAT; /* already reported */
    dy_dict *d = NULL;
    if (!rc) {
        d = calloc(1, sizeof *d);
        if (!d || !(d->actors = actd_new()) || !(d->verbs = verbd_new()))
            rc = -2;
    }
    uint64_t meta[M_COUNT];
    if (!rc) {
        memcpy(meta, r.sp[S_META], sizeof meta);
        rc = read_opts(&r, &d->opts);
    }
    if (!rc)
        rc = read_actors(&r, d->actors, meta);
    if (!rc)
        rc = read_verbs(&r, d->verbs, meta);
    if (!rc) {
        d->cameo = cameo_load_mem(r.name, (const char *)r.sp[S_CAMEO], r.sn[S_CAMEO], NULL, NULL);
        if (!d->cameo)
            rc = -2;
        else if (cameo_count(d->cameo) == 0)
            rc = bad(&r, "the CAMEO table is empty");
    }
    if (rc) {
        dy_dict_free(d);
        if (rc == -2) {
            diag_emit(diag, ud, DY_ERROR, DY_ENOMEM, r.name, 0, NULL, -1,
                      "out of memory loading the dictionary image");
            return DY_ENOMEM;
        }
        diag_emit(diag, ud, DY_ERROR, DY_EFORMAT, r.name, 0, NULL, -1,
                  "dictionary image rejected: %s", r.why ? r.why : "malformed");
        return DY_EFORMAT;
    }
    dict_fill_stats(d, t0);
    *out = d;
    return DY_OK;
}

/* Contract: see image.h. */
dy_status dimg_load_file(const char *path, dy_diag_fn diag, void *ud, dy_dict **out)
{
    if (!out)
        return DY_EINVAL;
    *out = NULL;
    double t0 = now_seconds();
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st)) {
        diag_emit(diag, ud, DY_ERROR, DY_EIO, path, 0, NULL, -1, "cannot open: %s",
                  strerror(errno));
        if (fd >= 0)
            close(fd);
        return DY_EIO;
    }
    size_t len = (size_t)st.st_size;
    void *map = NULL;
    if (len) {
        map = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (map == MAP_FAILED) {
            diag_emit(diag, ud, DY_ERROR, DY_EIO, path, 0, NULL, -1, "cannot map: %s",
                      strerror(errno));
            close(fd);
            return DY_EIO;
        }
    }
    close(fd);
    dy_status rc = dimg_load_mem(path, map, len, 1, diag, ud, out);
    if (map)
        munmap(map, len);
    if (rc == DY_OK)
        (*out)->stats.load_seconds = now_seconds() - t0;
    return rc;
}
