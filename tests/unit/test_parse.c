/*
 * test_parse.c - use_parse: a story's Penn Treebank parse, when asked for, supplies the
 * words that are coded (PETRARCH's behaviour); a malformed parse rejects the story; a parse
 * that is not a bracketing (CoNLL-U) is ignored; without use_parse the parse is never used.
 */
#include <string.h>

#include "check.h"
#include "dyad.h"

static int n_errors;
static void count_errors(void *ud, const dy_diag *d)
{
    (void)ud;
    n_errors += d->severity == DY_ERROR;
}

/* Code one story; returns the status and writes "SRC TGT CODE;..." into out. */
static dy_status code(dy_coder *c, const char *text, const char *parse, char *out, size_t cap)
{
    dy_story s = {0};
    s.id = "p";
    s.date = 20250101;
    s.text = text;
    s.text_len = strlen(text);
    s.parse = parse;
    out[0] = 0;
    dy_status st = dy_coder_feed(c, &s);
    const dy_event *ev;
    while (st == DY_OK && (ev = dy_coder_next_event(c))) {
        size_t n = strlen(out);
        snprintf(out + n, cap - n, "%s %s %s;", ev->source, ev->target, ev->code);
    }
    return st;
}

int main(void)
{
    dy_dict *d = NULL;
    CHECK_INT(dy_dict_load_builtin(NULL, &d), DY_OK);
    if (!d)
        return check_summary();
    dy_coder_opts o;
    dy_coder_opts_init(&o);
    o.diag = count_errors;
    o.use_parse = 1;
    dy_coder *c = dy_coder_new(d, &o);
    dy_coder_opts_init(&o);
    dy_coder *plain = dy_coder_new(d, &o);
    CHECK(c && plain);
    char a[512], b[512];
    const char *text = "Iraq praised Turkey.";
    const char *parse = "(ROOT (S (NP (NNP Iraq)) (VP (VBD attacked) (NP (NNP Turkey))) (. .)))";
    /* with use_parse the parse's words are coded, without it the text */
    CHECK_INT(code(c, text, parse, a, sizeof a), DY_OK);
    CHECK_INT(code(plain, text, parse, b, sizeof b), DY_OK);
    CHECK(strstr(a, "IRQ TUR") != NULL);
    CHECK(strstr(b, "IRQ TUR") != NULL);
    CHECK(strcmp(a, b) != 0); /* attacked vs praised: different codes */
    char t[512];
    CHECK_INT(code(c, "Iraq attacked Turkey.", NULL, t, sizeof t), DY_OK);
    CHECK_STR(a, t); /* the parse's words code exactly like that text */
    /* brackets turned back into punctuation, clitics joined */
    CHECK_INT(code(c, "x",
                   "(ROOT (S (NP (NP (NNP Iraq) (POS 's)) (NN army)) (VP (VBD attacked) "
                   "(NP (NNP Turkey)))))",
                   a, sizeof a),
              DY_OK);
    CHECK(strstr(a, "IRQMIL TUR") != NULL);
    /* malformed parse: the story is rejected with an error, nothing coded */
    n_errors = 0;
    CHECK_INT(code(c, text, "(ROOT (S (NP (NNP Iraq)) (VP (VBD attacked) (NP (NNP Turkey)))", a,
                   sizeof a),
              DY_EPARSE);
    CHECK_INT(n_errors, 1);
    CHECK_INT(code(c, text, "(ROOT (S ))", a, sizeof a), DY_EPARSE); /* no words */
    /* a CoNLL-U parse is not a bracketing: the text is coded */
    CHECK_INT(code(c, text, "1\tIraq\tIraq\tPROPN\n2\tpraised\tpraise\tVERB\n", a, sizeof a), DY_OK);
    CHECK_INT(code(plain, text, NULL, b, sizeof b), DY_OK);
    CHECK_STR(a, b);
    dy_coder_free(c);
    dy_coder_free(plain);
    dy_dict_free(d);
    return check_summary();
}
