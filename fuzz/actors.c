/*
 * actors.c - libFuzzer harness: the actor/agent dictionary parser.  The first input byte
 * chooses actors (even) or agents (odd); the rest is parsed with actd_load_mem, the tables
 * are built (actd_finish), and then the phrases are matched against the tokens of the
 * input's own text, so that what was loaded is also exercised by the matcher.
 */
#include "fuzz_common.h"
#include "dict/actors.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int is_agents = data[0] & 1;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    actd *a = actd_new();
    if (!a)
        return 0;
    if (actd_load_mem(a, "fuzz.actors", text, len, is_agents, fuzz_diag, NULL) == 0 &&
        actd_finish(a) == 0) {
        text_tokenizer tk;
        tok_init(&tk);
        if (tok_run(&tk, text, len) == 0) {
            for (size_t i = 0; i < tk.toks.n; i++) {
                actd_match m;
                for (int agents = 0; agents <= 1; agents++)
                    if (actd_match_at(a, tk.toks.v, tk.toks.n, i, agents, &m))
                        fuzz_touch(actd_code_on(m.entry, 20200101));
                fuzz_sink += actd_match_noun_at(a, tk.toks.v, tk.toks.n, i) +
                             (size_t)actd_is_adjective(a, &tk.toks.v[i]);
            }
        }
        tok_free(&tk);
        fuzz_sink += actd_count(a, 0) + actd_phrase_count(a, 1);
    }
    actd_free(a);
    return 0;
}
