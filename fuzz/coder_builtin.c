/*
 * coder_builtin.c - libFuzzer harness: the sentence coder (dy_coder_feed and
 * dy_coder_next_event) with the built-in dictionaries, loaded once per process.
 */
#include "coder_common.h"

static dy_dict *fuzz_dict;

static void fuzz_dict_free(void) { dy_dict_free(fuzz_dict); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int loaded;
    if (!loaded) {
        loaded = 1;
        dy_dict_opts opts = {.diag = NULL};
        if (dy_dict_load_builtin(&opts, &fuzz_dict) != DY_OK) {
            fprintf(stderr, "coder_builtin: the built-in dictionaries did not load\n");
            abort();
        }
        atexit(fuzz_dict_free);
    }
    fuzz_code_story(fuzz_dict, data, size);
    return 0;
}
