/* test_code_opts.c - unit tests of the TABARI and PETRARCH option parsers (lib/code/code_opts.c). */
#include "code/code_opts.h"
#include "check.h"

static void diag_count(void *ud, const dy_diag *d)
{
    (void)d;
    (*(int *)ud)++;
}

int main(void)
{
    code_opts o;
    copt_default(&o);
    CHECK_INT(o.code_by, COPT_BY_CLAUSE);
    CHECK_INT(o.comma_min, 2);
    CHECK_INT(o.comma_bmin, 128);

    CHECK_INT(copt_apply_tabari(&o, "COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN"), 1);
    CHECK_INT(o.cx_verbs, 5);
    CHECK_INT(o.cx_conj, 4);
    CHECK_INT(o.cx_noactprior, 1);
    CHECK_INT(o.cx_noverb, 0);

    CHECK_INT(copt_apply_tabari(&o, "COMMA: MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8"), 1);
    CHECK_INT(o.comma_min, 4);
    CHECK_INT(o.comma_max, 6);
    CHECK_INT(o.comma_emin, 3);
    CHECK_INT(o.comma_bmax, 8);
    CHECK_INT(copt_apply_tabari(&o, "COMMA: OFF"), 1);
    CHECK_INT(o.comma_on, 0);

    CHECK_INT(copt_apply_tabari(&o, "DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [deftar] AFTER"), 1);
    CHECK_STR(o.def_source, "DEFSRC");
    CHECK_STR(o.def_target, "DEFTAR");
    CHECK_INT(o.def_source_prior, 1);
    CHECK_INT(copt_apply_tabari(&o, "DEFAULT: OFF"), 1);
    CHECK_STR(o.def_source, "");

    CHECK_INT(copt_apply_tabari(&o, "SET: CODE BY SENTENCE"), 1);
    CHECK_INT(o.code_by, COPT_BY_SENTENCE);
    CHECK_INT(copt_apply_tabari(&o, "SET: CODE ALL"), 1);
    CHECK_INT(o.code_by, COPT_ALL);
    CHECK_INT(copt_apply_tabari(&o, "SET: MINIMUM WORDS = 8"), 1);
    CHECK_INT(o.min_words, 8);
    CHECK_INT(copt_apply_tabari(&o, "SET: CONVERT AGENT = TRUE"), 1);
    CHECK_INT(o.convert_agents, 1);
    CHECK_INT(copt_apply_tabari(&o, "LABEL: 010=YIELD"), 0);
    CHECK_INT(copt_apply_tabari(&o, "FROBNICATE: 3"), -1);

    CHECK_INT(copt_apply_petr(&o, "code_by_sentence", "True"), 1);
    CHECK_INT(o.code_by, COPT_BY_SENTENCE);
    CHECK_INT(copt_apply_petr(&o, "require_dyad", "False"), 1);
    CHECK_INT(o.require_dyad, 0);
    CHECK_INT(copt_apply_petr(&o, "comma_max", "8"), 1);
    CHECK_INT(o.comma_max, 8);
    CHECK_INT(copt_apply_petr(&o, "no_such_option", "1"), -1);

    const char *file = "// comment\nCOMPLEX: VERBS[6]\nGARBAGE LINE\nSET: CODE BY CLAUSE\n";
    int warnings = 0;
    copt_default(&o);
    CHECK_INT(copt_load_tabari(&o, "t.options", file, strlen(file), diag_count, &warnings), 0);
    CHECK_INT(warnings, 1);
    CHECK_INT(o.cx_verbs, 6);
    return check_summary();
}
