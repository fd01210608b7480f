/*
 * discards.c - libFuzzer harness: the discards file parser (verbd_load_discards_mem, verbd_finish);
 * then verbd_discard is run on the tokens of the input's own text, so the loaded phrases match.
 */
#include "fuzz_common.h"
#include "dict/verbs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    verbd *v = verbd_new();
    if (!v)
        return 0;
    if (verbd_load_discards_mem(v, "fuzz.discards", text, size, fuzz_diag, NULL) == 0 &&
        verbd_finish(v) == 0) {
        text_tokenizer tk;
        tok_init(&tk);
        if (tok_run(&tk, text, size) == 0) {
            fuzz_touch(verbd_discard(v, tk.toks.v, tk.toks.n));
        }
        tok_free(&tk);
        fuzz_sink += verbd_count_discards(v);
    }
    verbd_free(v);
    return 0;
}
