/*
 * cameo.c - libFuzzer harness: the CAMEO table loader (cameo_load_mem), then every entry
 * is listed (cameo_at) and looked up again by its code (cameo_get), which must find it, and
 * its strings (label, PLOVER type, mode and context) are read.
 */
#include "fuzz_common.h"
#include "dict/cameo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cameo_table *t = cameo_load_mem("fuzz.tsv", (const char *)data, size, fuzz_diag, NULL);
    if (!t)
        return 0;
    size_t n = cameo_count(t);
    for (size_t i = 0; i < n; i++) {
        const cameo_info *e = cameo_at(t, i);
        if (!e || cameo_get(t, e->code) != e)
            abort(); /* every listed code must be found again */
        fuzz_touch(e->name);
        fuzz_touch(e->plover);
        fuzz_touch(e->plover_mode);
        fuzz_touch(e->plover_context);
        fuzz_sink += (size_t)e->quad + (size_t)e->root;
    }
    if (cameo_at(t, n) != NULL)
        abort();
    cameo_free(t);
    return 0;
}
