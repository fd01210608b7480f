/*
 * options.c - libFuzzer harness: the TABARI .options file parser (copt_load_tabari), and
 * each input line also as one OPTION: record (copt_apply_tabari) and, split at the first
 * '=', as a PETRARCH config option (copt_apply_petr).
 */
#include "fuzz_common.h"
#include "code/code_opts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    code_opts o;
    copt_default(&o);
    copt_load_tabari(&o, "fuzz.options", (const char *)data, size, fuzz_diag, NULL);
    /* the same bytes, line by line, through the one-line entry points */
    char *copy = malloc(size + 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    copy[size] = 0;
    for (char *line = copy, *nl; line; line = nl) {
        nl = strchr(line, '\n');
        if (nl)
            *nl++ = 0;
        copt_apply_tabari(&o, line);
        char *eq = strchr(line, '=');
        if (eq) {
            *eq = 0;
            copt_apply_petr(&o, line, eq + 1);
        }
    }
    fuzz_sink += (size_t)o.code_by + (size_t)o.min_words + strlen(o.def_source);
    free(copy);
    return 0;
}
