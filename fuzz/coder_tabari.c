/*
 * coder_tabari.c - libFuzzer harness: the sentence coder with the dictionaries of TABARI's
 * validation suite (../shared/data/tabari/Validate.project, relative to the repository
 * root, or the project named by $DYAD_FUZZ_PROJECT), loaded once per process.  When the
 * project is absent the harness says so once and does nothing.
 */
#include "coder_common.h"

static dy_dict *fuzz_dict;

static void fuzz_dict_free(void) { dy_dict_free(fuzz_dict); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int loaded;
    if (!loaded) {
        loaded = 1;
        const char *project = getenv("DYAD_FUZZ_PROJECT");
        if (!project)
            project = "../shared/data/tabari/Validate.project";
        dy_dict_opts opts = {.diag = NULL};
        if (access(project, R_OK) != 0)
            fprintf(stderr, "coder_tabari: SKIPPED: %s is absent\n", project);
        else if (dy_dict_load(project, &opts, &fuzz_dict) != DY_OK)
            fprintf(stderr, "coder_tabari: %s did not load\n", project);
        atexit(fuzz_dict_free);
    }
    fuzz_code_story(fuzz_dict, data, size);
    return 0;
}
