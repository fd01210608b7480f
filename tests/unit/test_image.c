/*
 * test_image.c - the compiled dictionary image (.dyc, lib/dict/image.c): dictionaries
 * compiled to an image and loaded back code stories byte-identically to the text-loaded
 * ones (built-ins, TABARI validation set, full Phoenix); corrupt, truncated, re-versioned
 * or tampered images are rejected with DY_EFORMAT and never crash; a stale image (a
 * source file changed since compiling) is refused; images are written atomically.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "check.h"
#include "dict/image.h"
#include "dyad.h"
#include "util/util.h"

/* Section numbers and the directory position, as documented in image.c's layout. */
enum { HDR = 64, NSECT = 38, S_META = 0, S_ASTR = 4, S_AEDGES = 6, S_AENTRIES = 7,
       S_VSTR = 9, S_VELS = 10, S_VPATS = 14, S_VTAB0 = 18 };

/* Collect diagnostics: the last error's code and message. */
typedef struct diag_log {
    int errors;
    dy_status last;
    char msg[512];
} diag_log;

static void log_diag(void *ud, const dy_diag *d)
{
    diag_log *l = ud;
    if (d->severity != DY_ERROR)
        return;
    l->errors++;
    l->last = d->code;
    snprintf(l->msg, sizeof l->msg, "%s: %s", d->file ? d->file : "", d->msg);
}

/* Code up to max_stories stories of `stories` with d; every field of every event goes to
 * out, one line per event.  Returns the number of events, or -1. */
static long code_all(const dy_dict *d, const char *stories, size_t max_stories, dy_buf *out)
{
    dy_reader *r = NULL;
    if (dy_reader_open(stories, NULL, &r) != DY_OK)
        return -1;
    dy_coder *c = dy_coder_new(d, NULL);
    long events = 0;
    dy_story s;
    for (size_t k = 0; c && k < max_stories && dy_reader_next(r, &s) == DY_OK; k++) {
        if (dy_coder_feed(c, &s) != DY_OK)
            continue;
        const dy_event *e;
        while ((e = dy_coder_next_event(c))) {
            events++;
            buf_printf(out,
                       "%s|%d|%d|%s|%s|%s|%d|%d|%.17g|%s|%s|%s|%s|%s|%s|%s|%d,%d,%d,%d,%d,%d|%s\n",
                       e->doc, e->sent, (int)e->date, e->source, e->target, e->code, e->root,
                       e->quad, e->goldstein, e->plover, e->plover_mode, e->plover_context,
                       e->sentence, e->source_text, e->target_text,
                       e->verb_text, e->source_start, e->source_end, e->target_start,
                       e->target_end, e->verb_start, e->verb_end, e->issues);
        }
    }
    dy_coder_free(c);
    dy_reader_close(r);
    return events;
}

static const char *stories_path(void)
{
    const char *sh = check_shared_data();
    return sh ? "../shared/data/voa/voa_stories.jsonl" : "data/sample/sample.jsonl";
}

/* The CAMEO tables of a and b hold the same codes with the same fields, PLOVER ones
 * included; returns the number of codes that differ (and names them). */
static int cameo_differences(const dy_dict *a, const dy_dict *b, int *plover_typed)
{
    int diff = cameo_count(a->cameo) != cameo_count(b->cameo);
    *plover_typed = 0;
    for (size_t i = 0; i < cameo_count(a->cameo); i++) {
        const cameo_info *x = cameo_at(a->cameo, i), *y = cameo_at(b->cameo, i);
        if (!y || strcmp(x->code, y->code) || strcmp(x->name, y->name) ||
            x->goldstein != y->goldstein || x->goldstein_known != y->goldstein_known ||
            x->quad != y->quad || strcmp(x->plover, y->plover) ||
            strcmp(x->plover_mode, y->plover_mode) ||
            strcmp(x->plover_context, y->plover_context)) {
            fprintf(stderr, "  CAMEO code %s differs after the round trip\n", x->code);
            diff++;
        }
        if (x->plover[0])
            ++*plover_typed;
    }
    return diff;
}

/* Load `path` (NULL: built-ins) from text, build its image; the image loaded back must
 * give the same counts and byte-identical events.  Returns the image (caller frees). */
static unsigned char *check_roundtrip(const char *path, const char *label, size_t *img_len)
{
    diag_log log = {0};
    dy_dict_opts o = {.diag = log_diag, .diag_ud = &log};
    dimg_sources src = {0};
    dy_dict *text = NULL, *img = NULL;
    void *bytes = NULL;
    *img_len = 0;
    CHECK_INT(dict_load_text_recording(path, &o, &src, &text), DY_OK);
    if (!text)
        fprintf(stderr, "  %s: %s\n", label, log.msg);
    CHECK(src.n > 0);
    if (!text) {
        dimg_sources_free(&src);
        return NULL;
    }
    CHECK_INT(dimg_build(text, &src, &bytes, img_len, log_diag, &log), DY_OK);
    CHECK(bytes && dimg_is_image(bytes, *img_len));
    CHECK_INT(dimg_load_mem(label, bytes, *img_len, 0, log_diag, &log, &img), DY_OK);
    if (!img)
        fprintf(stderr, "  %s: %s\n", label, log.msg);
    if (img) {
        dy_dict_stats a, b;
        dy_dict_get_stats(text, &a);
        dy_dict_get_stats(img, &b);
        CHECK_INT(b.actors, a.actors);
        CHECK_INT(b.agents, a.agents);
        CHECK_INT(b.verbs, a.verbs);
        CHECK_INT(b.patterns, a.patterns);
        CHECK_INT(b.synsets, a.synsets);
        CHECK_INT(b.discards, a.discards);
        int typed = 0;
        CHECK_INT(cameo_differences(text, img, &typed), 0);
        CHECK(cameo_count(img->cameo) >= 300 && typed >= 200);
        dy_buf ea, eb;
        buf_init(&ea);
        buf_init(&eb);
        long na = code_all(text, stories_path(), 100000, &ea);
        long nb = code_all(img, stories_path(), 100000, &eb);
        CHECK(na > 0);
        CHECK_INT(nb, na);
        CHECK_INT(eb.len, ea.len);
        CHECK(ea.s && eb.s && strcmp(ea.s, eb.s) == 0);
        printf("  %s: %zu-byte image, %ld events from text and image, identical: %s\n", label,
               *img_len, na, ea.s && eb.s && !strcmp(ea.s, eb.s) ? "yes" : "NO");
        /* the image of the image-loaded dictionary is the same image */
        void *again = NULL;
        size_t again_len = 0;
        CHECK_INT(dimg_build(img, &src, &again, &again_len, NULL, NULL), DY_OK);
        CHECK(again_len == *img_len && again && memcmp(again, bytes, again_len) == 0);
        free(again);
        buf_free(&ea);
        buf_free(&eb);
    }
    dy_dict_free(img);
    dy_dict_free(text);
    dimg_sources_free(&src);
    return bytes;
}

/* Recompute the payload and header checksums after a deliberate edit. */
static void reseal(unsigned char *img, size_t len)
{
    uint64_t sum = dimg_hash(img + HDR, len - HDR, 0);
    memcpy(img + 32, &sum, 8);
    uint64_t hh = dimg_hash(img, 56, 3);
    memcpy(img + 56, &hh, 8);
}

/* Load a copy of img (so ASan sees reads past its end); returns the status. */
static dy_status try_load(const unsigned char *img, size_t len, diag_log *log)
{
    unsigned char *copy = malloc(len ? len : 1);
    if (!copy)
        return DY_ENOMEM;
    if (len)
        memcpy(copy, img, len);
    dy_dict *d = NULL;
    memset(log, 0, sizeof *log);
    dy_status st = dimg_load_mem("test.dyc", copy, len, 0, log_diag, log, &d);
    if (st == DY_OK && d) { /* a harmless edit: the result must be usable */
        dy_dict_stats s;
        dy_dict_get_stats(d, &s);
    }
    dy_dict_free(d);
    free(copy);
    return st;
}

static uint64_t sect_off(const unsigned char *img, int s)
{
    uint64_t v;
    memcpy(&v, img + HDR + 16 * s, 8);
    return v;
}
static uint64_t sect_len(const unsigned char *img, int s)
{
    uint64_t v;
    memcpy(&v, img + HDR + 16 * s + 8, 8);
    return v;
}

static void check_corruption(const unsigned char *good, size_t len)
{
    diag_log log;
    unsigned char *img = malloc(len);
    if (!img) {
        CHECK(0);
        return;
    }
    CHECK_INT(try_load(good, len, &log), DY_OK);

    /* truncated at many lengths: every one rejected */
    int all = 1;
    for (size_t cut = 0; cut < len; cut += cut < 256 ? 1 : cut < 4096 ? 61 : len / 97 + 1) {
        if (try_load(good, cut, &log) != DY_EFORMAT || log.errors != 1)
            all = 0;
    }
    CHECK(all);
    CHECK(try_load(good, len - 1, &log) == DY_EFORMAT && strstr(log.msg, "test.dyc"));

    /* one flipped bit anywhere: rejected (header check or payload checksum) */
    all = 1;
    srand(12345);
    for (int k = 0; k < 300; k++) {
        size_t at = k < 64 ? (size_t)k : (size_t)rand() % len;
        memcpy(img, good, len);
        img[at] ^= (unsigned char)(1u << (k % 8));
        if (try_load(img, len, &log) != DY_EFORMAT)
            all = 0;
    }
    CHECK(all);
    memcpy(img, good, len);
    img[len / 2] ^= 0x40;
    CHECK_INT(try_load(img, len, &log), DY_EFORMAT);
    CHECK(strstr(log.msg, "checksum") != NULL);

    /* bad magic, another format version, another byte order: named reasons */
    memcpy(img, good, len);
    img[0] = 'X';
    CHECK_INT(try_load(img, len, &log), DY_EFORMAT);
    CHECK(strstr(log.msg, "magic") != NULL);
    memcpy(img, good, len);
    uint32_t ver = 99;
    memcpy(img + 8, &ver, 4);
    reseal(img, len);
    CHECK_INT(try_load(img, len, &log), DY_EFORMAT);
    CHECK(strstr(log.msg, "version") != NULL);
    memcpy(img, good, len);
    uint32_t endian = 0x04030201;
    memcpy(img + 12, &endian, 4);
    reseal(img, len);
    CHECK_INT(try_load(img, len, &log), DY_EFORMAT);
    CHECK(strstr(log.msg, "byte order") != NULL);

    /* a section pointing outside the file, checksums fixed up */
    memcpy(img, good, len);
    uint64_t huge = (uint64_t)len + 8;
    memcpy(img + HDR + 16 * S_VELS, &huge, 8);
    reseal(img, len);
    CHECK_INT(try_load(img, len, &log), DY_EFORMAT);
    CHECK(strstr(log.msg, "outside") != NULL);

    /* out-of-range ids and offsets inside sections, checksums fixed up: each rejected */
    struct { int sect; size_t at; uint32_t value; const char *why; } edits[] = {
        {S_VELS, 12, 0xFFFFFF00u, "string"},        /* element word offset past the pool */
        {S_VELS, 16, 0x7FFFFFFFu, "length"},        /* element word length */
        {S_VPATS, 0, 0xFFFFFFF0u, "out of bounds"}, /* pattern's first element */
        {S_AENTRIES, 20, 0x7FFFFFFFu, "out of bounds"}, /* entry's codes */
        {S_VTAB0 + 4, 20 + 12, 0x7FFFFFFFu, "out of bounds"}, /* verb table entry 1's next */
    };
    for (size_t k = 0; k < sizeof edits / sizeof *edits; k++) {
        memcpy(img, good, len);
        if (sect_len(img, edits[k].sect) < edits[k].at + 4) {
            CHECK_SKIP("section too small for this edit");
            continue;
        }
        memcpy(img + sect_off(img, edits[k].sect) + edits[k].at, &edits[k].value, 4);
        reseal(img, len);
        CHECK_INT(try_load(img, len, &log), DY_EFORMAT);
        if (!strstr(log.msg, edits[k].why))
            fprintf(stderr, "edit %zu: unexpected reason: %s\n", k, log.msg);
        CHECK(strstr(log.msg, edits[k].why) != NULL);
    }
    /* an edge naming a node out of bounds, and one put in a slot past the table */
    for (int field = 0; field < 2; field++) {
        memcpy(img, good, len);
        uint32_t far = 0x7FFFFFFF;
        CHECK(sect_len(img, S_AEDGES) >= 32);
        memcpy(img + sect_off(img, S_AEDGES) + (field ? 8 : 24), &far, 4);
        reseal(img, len);
        CHECK_INT(try_load(img, len, &log), DY_EFORMAT);
        CHECK(strstr(log.msg, field ? "slot" : "node") != NULL);
    }
    /* a string pool without its final NUL */
    memcpy(img, good, len);
    if (sect_len(img, S_ASTR)) {
        img[sect_off(img, S_ASTR) + sect_len(img, S_ASTR) - 1] = 'Z';
        reseal(img, len);
        CHECK_INT(try_load(img, len, &log), DY_EFORMAT);
    }
    /* random bytes changed with the checksums fixed up: rejected or harmless, never a
     * crash (ASan watches) */
    int rejected = 0, accepted = 0;
    for (int k = 0; k < 400; k++) {
        memcpy(img, good, len);
        size_t at = HDR + 16 * NSECT + (size_t)rand() % (len - HDR - 16 * NSECT);
        img[at] = (unsigned char)rand();
        reseal(img, len);
        dy_status st = try_load(img, len, &log);
        if (st == DY_EFORMAT)
            rejected++;
        else if (st == DY_OK)
            accepted++;
    }
    CHECK_INT(rejected + accepted, 400);
    printf("  resealed random edits: %d rejected, %d harmless\n", rejected, accepted);
    free(img);
}

static int write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int rc = fwrite(data, 1, len, f) == len ? 0 : -1;
    return fclose(f) || rc ? -1 : 0;
}

static int copy_file(const char *from, const char *to)
{
    char *data;
    size_t len;
    if (file_read_all(from, &data, &len))
        return -1;
    int rc = write_file(to, data, len);
    free(data);
    return rc;
}

/* Compile a copy of the TABARI validation set, then change a source: refused. */
static void check_stale(const char *shared)
{
    char dir[] = "/tmp/dyad_image_XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(0);
        return;
    }
    static const char *files[] = {"Validate.project", "Validate.options", "Validate.agents",
                                  "TABARI.Demo.actors", "TABARI.Demo.verbs"};
    dy_buf a, b;
    buf_init(&a);
    buf_init(&b);
    int ok = 1;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        buf_clear(&a);
        buf_clear(&b);
        buf_printf(&a, "%s/tabari/%s", shared, files[i]);
        buf_printf(&b, "%s/%s", dir, files[i]);
        if (copy_file(a.s, b.s))
            ok = 0;
    }
    CHECK(ok);
    buf_clear(&a);
    buf_printf(&a, "%s/Validate.project", dir);
    char project[256], image[256], verbs[256];
    snprintf(project, sizeof project, "%s", a.s);
    snprintf(image, sizeof image, "%s/v.dyc", dir);
    snprintf(verbs, sizeof verbs, "%s/TABARI.Demo.verbs", dir);

    diag_log log = {0};
    dy_dict_opts o = {.diag = log_diag, .diag_ud = &log};
    dimg_sources src = {0};
    dy_dict *text = NULL, *img = NULL;
    CHECK_INT(dict_load_text_recording(project, &o, &src, &text), DY_OK);
    CHECK_INT(src.n, 5); /* the project and its four files */
    CHECK_INT(dimg_write(text, &src, image, log_diag, &log), DY_OK);
    /* the public loader recognises the image by its magic */
    CHECK_INT(dy_dict_load(image, &o, &img), DY_OK);
    dy_dict_free(img);
    img = NULL;

    /* same content, newer time: still fresh */
    char *data;
    size_t len;
    CHECK(file_read_all(verbs, &data, &len) == 0);
    struct timespec pause = {0, 20 * 1000 * 1000};
    nanosleep(&pause, NULL);
    CHECK(write_file(verbs, data, len) == 0);
    CHECK_INT(dy_dict_load(image, &o, &img), DY_OK);
    dy_dict_free(img);
    img = NULL;

    /* changed content: stale */
    buf_clear(&b);
    buf_append(&b, data, len);
    buf_puts(&b, "\n# changed after compiling\n");
    CHECK(write_file(verbs, b.s, b.len) == 0);
    memset(&log, 0, sizeof log);
    CHECK_INT(dy_dict_load(image, &o, &img), DY_EFORMAT);
    CHECK(img == NULL);
    CHECK(strstr(log.msg, "out of date") && strstr(log.msg, "recompile") &&
          strstr(log.msg, "v.dyc"));

    /* source moved away: nothing to compare with, the image is used */
    CHECK(remove(verbs) == 0);
    CHECK_INT(dy_dict_load(image, &o, &img), DY_OK);
    dy_dict_free(img);
    free(data);

    /* atomic write: no temporary file left next to the image; unwritable folder fails */
    CHECK_INT(dimg_write(text, &src, "/nonexistent-dir/x.dyc", NULL, NULL), DY_EIO);
    dy_dict_free(text);
    dimg_sources_free(&src);

    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        buf_clear(&b);
        buf_printf(&b, "%s/%s", dir, files[i]);
        remove(b.s);
    }
    remove(image);
    CHECK(rmdir(dir) == 0); /* fails if a temporary file was left behind */
    buf_free(&a);
    buf_free(&b);
}

/* The image_load harness's compiled seeds must load with this build: an image from a build
 * whose layout differs is refused, and a stale seed would leave the fuzzer only the
 * header checks.  bash fuzz/image_seeds.sh writes them again. */
static void check_fuzz_seeds(void)
{
    static const char *const seeds[] = {"fuzz/corpus/image_load/compiled-actors",
                                        "fuzz/corpus/image_load/compiled-verbs",
                                        "fuzz/corpus/image_load/compiled-dir"};
    for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++) {
        FILE *f = fopen(seeds[i], "rb");
        CHECK(f != NULL);
        if (!f)
            continue;
        dy_buf b;
        buf_init(&b);
        char chunk[4096];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
            if (buf_append(&b, chunk, n))
                break;
        fclose(f);
        diag_log log = {0};
        dy_status st = try_load((const unsigned char *)b.s, b.len, &log);
        if (st != DY_OK)
            printf("  %s does not load (%s): run bash fuzz/image_seeds.sh\n", seeds[i],
                   log.msg);
        CHECK_INT(st, DY_OK);
        buf_free(&b);
    }
}

int main(void)
{
    const char *shared = check_shared_data();
    size_t len = 0;
    printf("built-in dictionaries:\n");
    unsigned char *builtin = check_roundtrip(NULL, "builtin.dyc", &len);
    if (builtin)
        check_corruption(builtin, len);
    free(builtin);

    /* the embedded built-in image (if this build has one) loads and matches the text */
    dy_dict *d = NULL;
    CHECK_INT(dy_dict_load_builtin(NULL, &d), DY_OK);
    dy_dict_free(d);

    printf("fuzzing seeds of the image loader:\n");
    check_fuzz_seeds();

    if (!shared) {
        CHECK_SKIP("../shared/data absent: TABARI validation set and Phoenix not tested");
        return check_summary();
    }
    printf("TABARI validation set:\n");
    free(check_roundtrip("../shared/data/tabari/Validate.project", "validate.dyc", &len));
    printf("TABARI demo project:\n");
    free(check_roundtrip("../shared/data/tabari/TABARI.Demo.project", "demo.dyc", &len));
    printf("Phoenix:\n");
    unsigned char *ph = check_roundtrip("../shared/data/phoenix/PETR_config.ini", "phoenix.dyc", &len);
    free(ph);
    check_stale(shared);
    return check_summary();
}
