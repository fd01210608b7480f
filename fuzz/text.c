/*
 * text.c - libFuzzer harness: the text layer.  The input is normalised (text_normalize),
 * split into sentences (text_split_sentences), each sentence tokenised (tok_run), and each
 * word token's lemmas and inflections computed (vform_lemmas, vform_inflect).  Spans and
 * token offsets are checked against the text they index.
 */
#include "fuzz_common.h"
#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dy_buf norm, forms;
    text_span_vec spans = {0};
    text_tokenizer tk;
    buf_init(&norm);
    buf_init(&forms);
    tok_init(&tk);
    if (text_normalize((const char *)data, size, &norm) != 0 ||
        text_split_sentences(norm.s ? norm.s : "", norm.len, &spans) != 0)
        goto done;
    for (size_t i = 0; i < spans.n; i++) {
        text_span sp = spans.v[i];
        if (sp.start > sp.end || sp.end > norm.len)
            abort(); /* a sentence must lie inside the text */
        const char *sent = norm.s + sp.start;
        size_t len = sp.end - sp.start;
        if (tok_run(&tk, sent, len) != 0)
            goto done;
        for (size_t k = 0; k < tk.toks.n; k++) {
            const text_tok *t = &tk.toks.v[k];
            if (t->start > t->end || t->end > len || strlen(t->up) != t->uplen)
                abort(); /* a token must lie inside its sentence */
            if (!(t->flags & TOK_WORD))
                continue;
            if (vform_lemmas(t->up, t->uplen, &forms) != 0 ||
                vform_inflect(t->up, t->uplen, &forms) != 0)
                goto done;
            fuzz_sink += forms.len;
        }
    }
done:
    buf_free(&norm);
    buf_free(&forms);
    VEC_FREE(&spans);
    tok_free(&tk);
    return 0;
}
