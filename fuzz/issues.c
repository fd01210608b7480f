/*
 * issues.c - libFuzzer harness: the issues file parser (verbd_load_issues_mem, verbd_finish);
 * then verbd_issues is run on the tokens of the input's own text, so the loaded phrases match.
 */
#include "fuzz_common.h"
#include "dict/verbs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    verbd *v = verbd_new();
    if (!v)
        return 0;
    if (verbd_load_issues_mem(v, "fuzz.issues", text, size, fuzz_diag, NULL) == 0 &&
        verbd_finish(v) == 0) {
        text_tokenizer tk;
        tok_init(&tk);
        if (tok_run(&tk, text, size) == 0) {
            dy_buf out;
            buf_init(&out);
            if (verbd_issues(v, tk.toks.v, tk.toks.n, &out) == 0)
                fuzz_touch(out.s);
            buf_free(&out);
        }
        tok_free(&tk);
        fuzz_sink += verbd_count_issues(v);
    }
    verbd_free(v);
    return 0;
}
