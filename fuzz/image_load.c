/*
 * image_load.c - libFuzzer harness: the compiled dictionary image loader (dimg_load_mem).
 * Each input is loaded as it is (almost always stopped by the checksums), then, when it
 * starts with the image magic, again with this build's version, byte order, word size and
 * layout signature written into its header and its checksums recomputed, so
 * that the structural checks (every count, offset and id bounds-checked) are what the
 * fuzzer exercises.  A loaded dictionary is walked: every entry and code read, every
 * count taken, and the image written again from it.
 */
#include "fuzz_common.h"
#include "dict/image.h"

static void walk(const dy_dict *d)
{
    dy_dict_stats st;
    dy_dict_get_stats(d, &st);
    fuzz_sink += st.actors + st.agents + st.verbs + st.patterns + st.synsets + st.discards;
    size_t n = actd_entry_total(d->actors);
    for (size_t i = 0; i < n; i++) {
        const actd_entry *e = actd_entry_at(d->actors, i);
        fuzz_touch(e->name);
        fuzz_touch(e->file);
        for (size_t k = 0; k < e->ncodes; k++)
            fuzz_touch(e->codes[k].code);
        fuzz_touch(actd_code_on(e, 20100101));
    }
    for (size_t i = 0; i < cameo_count(d->cameo); i++)
        fuzz_touch(cameo_at(d->cameo, i)->name);
    void *again = NULL;
    size_t len = 0;
    if (dimg_build(d, NULL, &again, &len, fuzz_diag, NULL) == DY_OK)
        fuzz_sink += len;
    free(again);
}

static void load(const uint8_t *data, size_t size)
{
    dy_dict *d = NULL;
    if (dimg_load_mem("fuzz.dyc", data, size, 0, fuzz_diag, NULL, &d) == DY_OK)
        walk(d);
    dy_dict_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    load(data, size);
    if (size < 64 || !dimg_is_image(data, size))
        return 0;
    uint8_t *copy = malloc(size);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    /* header layout (lib/dict/image.c): version, byte order, word size and layout
     * signature at 8..24 (set to this build's, so that an image from an older build still
     * reaches the structural checks), length at 24, payload checksum at 32 over [64, end),
     * header checksum at 56 over [0, 56) */
    uint32_t h32[4] = {DIMG_VERSION, DIMG_ENDIAN, (uint32_t)sizeof(void *),
                       dimg_layout_signature()};
    memcpy(copy + 8, h32, sizeof h32);
    uint64_t total = size, sum = dimg_hash(copy + 64, size - 64, 0);
    memcpy(copy + 24, &total, 8);
    memcpy(copy + 32, &sum, 8);
    uint64_t hh = dimg_hash(copy, 56, 3);
    memcpy(copy + 56, &hh, 8);
    load(copy, size);
    free(copy);
    return 0;
}
