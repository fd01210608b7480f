/*
 * dict_config.c - libFuzzer harness: the dictionary configuration readers, through
 * dy_dict_load on a temporary file holding the input: a PETRARCH config (.ini) when the
 * first byte is even, a TABARI .project when it is odd.  Small valid dictionary files sit
 * next to it (actors.txt, agents.txt, verbs.txt, discards.txt, issues.txt, fuzz.options),
 * so a config naming them loads real dictionaries; names of missing files exercise the
 * error paths.
 */
#include "fuzz_common.h"

static const struct {
    const char *name, *text;
} fuzz_dicts[] = {
    {"actors.txt", "ARNOR [ARN]\nGONDOR [GON]\n+PRESIDENT_OF_ARNOR [ARNGOV]\n"},
    {"agents.txt", "MINISTER [~GOV]\nREBEL [~REB]\n"},
    {"verbs.txt", "MEET [040]\n- $ * +  [043]\nACCUSE [112]\n"},
    {"discards.txt", "FOOTBALL\n+SPORTS DESK\n"},
    {"issues.txt", "OIL [ECON]\n~ DRILL\n"},
    {"fuzz.options", "SET: CODE BY SENTENCE\nCOMMA: MIN = 2 MAX = 10\n"},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int written;
    if (!written) {
        written = 1;
        for (size_t i = 0; i < sizeof fuzz_dicts / sizeof fuzz_dicts[0]; i++)
            free(fuzz_write_file(fuzz_dicts[i].name, (const uint8_t *)fuzz_dicts[i].text,
                                 strlen(fuzz_dicts[i].text)));
    }
    if (size < 1)
        return 0;
    char *path = fuzz_write_file(data[0] & 1 ? "fuzz.project" : "fuzz.ini", data + 1,
                                 size - 1);
    if (!path)
        return 0;
    dy_dict_opts opts = {.diag = fuzz_diag};
    dy_dict *d = NULL;
    if (dy_dict_load(path, &opts, &d) == DY_OK) {
        dy_dict_stats st;
        dy_dict_get_stats(d, &st);
        fuzz_sink += st.actors + st.verbs;
    }
    dy_dict_free(d);
    free(path);
    return 0;
}
