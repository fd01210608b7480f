/*
 * verbs.c - libFuzzer harness: the verb dictionary parser (TABARI, PETRARCH-1 and PETRARCH2
 * formats, detected from the content) through verbd_load_mem and verbd_finish; then every
 * verb found in the tokens of the input's own text is matched with verbd_match, with two
 * made-up actors placed before and after the verb, so the loaded patterns run as well.
 */
#include "fuzz_common.h"
#include "dict/verbs.h"

static void fuzz_match_verbs(const verbd *v, const text_tok *toks, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t ntok = 0;
        const verbd_verb *vb = verbd_find(v, toks, n, i, &ntok);
        if (!vb || ntok == 0 || i + ntok > n)
            continue;
        fuzz_touch(verbd_verb_name(vb));
        fuzz_touch(verbd_verb_code(vb));
        verbd_actor actors[2] = {{0, i > 0 ? 1 : 0, "AAA", 0}, {i + ntok, n, "BBB", 0}};
        size_t nactors = (i > 0) + (i + ntok < n);
        const verbd_actor *first = i > 0 ? actors : actors + 1;
        verbd_result r;
        verbd_match(v, vb, toks, 0, n, i, i + ntok, first, nactors, &r, NULL, NULL);
        fuzz_touch(r.code);
        fuzz_touch(r.pattern_text);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    verbd *v = verbd_new();
    if (!v)
        return 0;
    if (verbd_load_mem(v, "fuzz.verbs", text, size, fuzz_diag, NULL) == 0 &&
        verbd_finish(v) == 0) {
        text_tokenizer tk;
        tok_init(&tk);
        if (tok_run(&tk, text, size) == 0) {
            fuzz_match_verbs(v, tk.toks.v, tk.toks.n);
            long days = 0;
            fuzz_sink += (size_t)verbd_time_shift(v, tk.toks.v, tk.toks.n, &days);
            fuzz_touch(verbd_discard(v, tk.toks.v, tk.toks.n));
        }
        tok_free(&tk);
        fuzz_sink += verbd_count_verbs(v) + verbd_count_patterns(v) + verbd_count_synsets(v);
    }
    verbd_free(v);
    return 0;
}
