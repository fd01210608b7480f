/*
 * test_valid.c - unit tests of the validation-suite readers (lib/valid/): the TABARI
 * .project/text reader and the PETRARCH XML reader on small fixtures in tests/data/valid/,
 * and the record counts of the real suites in ../shared/data (skipped when absent).
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dyad.h"
#include "valid/valid_int.h"

/* Collected diagnostics: counts by severity and the lines of the last ones. */
typedef struct diag_log {
    int notes, warnings, errors;
    long last_error_line;
    char last_error_record[64];
} diag_log;

static void collect(void *ud, const dy_diag *d)
{
    diag_log *l = ud;
    if (d->severity == DY_ERROR) {
        l->errors++;
        l->last_error_line = d->line;
        snprintf(l->last_error_record, sizeof l->last_error_record, "%s",
                 d->record ? d->record : "");
    } else if (d->severity == DY_WARNING) {
        l->warnings++;
    } else {
        l->notes++;
    }
}

/* Next record or NULL at the end. */
static const dy_valrec *next(dy_valfile *v)
{
    const dy_valrec *r = NULL;
    return dy_valfile_next(v, &r) == DY_OK ? r : NULL;
}

static int expected_is(const dy_valrec *r, size_t i, const char *src, const char *tgt,
                       const char *code)
{
    return r && i < r->n_expected && strcmp(r->expected[i].source, src) == 0 &&
           strcmp(r->expected[i].target, tgt) == 0 && strcmp(r->expected[i].code, code) == 0;
}

static void test_tabari_fixture(void)
{
    diag_log log = {0};
    dy_valfile *v = NULL;
    CHECK_INT(dy_valfile_open("tests/data/valid/mini.project", collect, &log, &v), DY_OK);
    if (!v)
        return;

    const dy_dict_file *files = NULL;
    size_t n = 0;
    dy_valfile_dict_files(v, &files, &n);
    CHECK_INT(n, 4);
    if (n == 4) {
        CHECK_INT(files[0].kind, DY_DICT_ACTORS);
        CHECK_STR(files[0].path, "tests/data/valid/mini.actors");
        CHECK_INT(files[1].kind, DY_DICT_VERBS);
        CHECK_INT(files[2].kind, DY_DICT_OPTIONS);
        CHECK_INT(files[3].kind, DY_DICT_AGENTS);
        CHECK_STR(files[3].path, "tests/data/valid/mini.agents");
    }

    /* two events, blanks trimmed; the {} inside a remark is no field */
    const dy_valrec *r = next(v);
    CHECK(r && r->kind == DY_VAL_RECORD);
    if (r) {
        CHECK_STR(r->story.id, "ALPHA-01");
        CHECK_STR(r->category, "ALPHA");
        CHECK_INT(r->story.date, 20240105);
        CHECK_INT(r->story.line, 3);
        CHECK_INT(r->n_expected, 2);
        CHECK(expected_is(r, 0, "VEL", "OST", "057"));
        CHECK(expected_is(r, 1, "OST", "VEL", "057"));
        CHECK(!r->expect_none);
        CHECK(r->valid);
        CHECK(strstr(r->story.text, "Velmar signed") == r->story.text);
        CHECK(strstr(r->story.text, "/*") == NULL);
        CHECK(strstr(r->story.text, "057") == NULL);
        CHECK_INT(r->story.text_len, strlen(r->story.text));
    }

    r = next(v); /* {+++} */
    CHECK(r && r->kind == DY_VAL_RECORD && r->expect_none && r->n_expected == 0);
    if (r)
        CHECK_STR(r->story.id, "ALPHA-02");

    /* option record: three options, the last one with its '}' missing */
    r = next(v);
    CHECK(r && r->kind == DY_VAL_OPTION);
    if (r) {
        CHECK_STR(r->opt_name, "SET: TIME SHIFT");
        CHECK_STR(r->opt_value, "FALSE");
    }
    r = next(v);
    CHECK(r && r->kind == DY_VAL_OPTION);
    if (r) {
        CHECK_STR(r->opt_name, "DEFAULT:");
        CHECK_STR(r->opt_value, "SOURCE [VEL] AFTER");
    }
    r = next(v);
    CHECK(r && r->kind == DY_VAL_OPTION);
    if (r) {
        CHECK_STR(r->opt_name, "SET: MINIMUM WORDS");
        CHECK_STR(r->opt_value, "4");
    }

    /* 8-digit date, id = first word with a letter, -{ ends the list with a wildcard,
     * text after the comment is story text */
    r = next(v);
    CHECK(r && r->kind == DY_VAL_RECORD);
    if (r) {
        CHECK_STR(r->story.id, "BETA-02");
        CHECK_STR(r->category, "BETA");
        CHECK_INT(r->story.date, 20240108);
        CHECK_INT(r->n_expected, 2);
        CHECK(expected_is(r, 0, "VEL", "OST", "064"));
        CHECK(expected_is(r, 1, VALFILE_WILDCARD, VALFILE_WILDCARD, VALFILE_WILDCARD));
        CHECK(strstr(r->story.text, "Text before the comment") != NULL);
        CHECK(strstr(r->story.text, "and text after it.") != NULL);
        CHECK(strstr(r->story.text, "064") == NULL);
    }

    /* BETA-03 (no field) and BETA-04 (malformed) are reported and skipped */
    r = next(v);
    CHECK(r && r->kind == DY_VAL_RECORD);
    if (r) {
        CHECK_STR(r->story.id, "GAMMA");
        CHECK_STR(r->category, "GAMMA");
        CHECK(expected_is(r, 0, "~VEL", "OST", "075A"));
        CHECK(strstr(r->story.text, "Caf\xc3\xa9 text") != NULL); /* Latin-1 -> UTF-8 */
        CHECK(strstr(r->story.text, "\\n") == NULL);              /* "\n" marker gone */
    }

    /* FINAL-01 ends the suite: AFTER-01 is never returned */
    const dy_valrec *end = NULL;
    CHECK_INT(dy_valfile_next(v, &end), DY_EEOF);
    CHECK(end == NULL);
    CHECK_INT(dy_valfile_next(v, &end), DY_EEOF);

    long file_records, filtered, rejected;
    valfile_get_counts(v, &file_records, &filtered, &rejected);
    CHECK_INT(file_records, 7);
    CHECK_INT(rejected, 2);
    CHECK_INT(log.errors, 1);
    CHECK_INT(log.last_error_line, 33);
    CHECK_STR(log.last_error_record, "BETA-04");
    CHECK_INT(log.warnings, 2); /* unclosed '{' and the record without fields */
    dy_valfile_close(v);
}

static void test_petrarch_fixture(void)
{
    diag_log log = {0};
    dy_valfile *v = NULL;
    CHECK_INT(dy_valfile_open("tests/data/valid/mini.xml", collect, &log, &v), DY_OK);
    if (!v)
        return;
    const dy_dict_file *files = NULL;
    size_t n = 0;
    dy_valfile_dict_files(v, &files, &n);
    CHECK_INT(n, 5);
    if (n == 5) {
        CHECK_INT(files[0].kind, DY_DICT_VERBS);
        CHECK_INT(files[1].kind, DY_DICT_ACTORS);
        CHECK_STR(files[1].path, "tests/data/valid/a1.actors.txt");
        CHECK_INT(files[2].kind, DY_DICT_ACTORS);
        CHECK_STR(files[2].path, "tests/data/valid/a2.actors.txt");
        CHECK_INT(files[4].kind, DY_DICT_DISCARDS);
    }

    const dy_valrec *r = next(v); /* <Config> of the Environment comes first */
    CHECK(r && r->kind == DY_VAL_OPTION);
    if (r) {
        CHECK_STR(r->opt_name, "require_dyad");
        CHECK_STR(r->opt_value, "True");
    }
    r = next(v);
    CHECK(r && r->kind == DY_VAL_RECORD);
    if (r) {
        CHECK_STR(r->story.id, "DEMO-01");
        CHECK_STR(r->category, "DEMO");
        CHECK_INT(r->story.date, 19950101);
        CHECK_INT(r->n_expected, 2);
        CHECK(expected_is(r, 0, "ARN", "GON", "064"));
        CHECK(expected_is(r, 1, "ARN", "GON", "064"));
        CHECK_STR(r->story.text, "Arnor & friends restore ties with Gondor & more.");
        CHECK_STR(r->story.parse, "(ROOT (S (NP (NNP Arnor)) (CC &)))");
        CHECK(r->valid && !r->expect_none && !r->expect_error);
    }
    r = next(v); /* a <Config> between sentences keeps its place */
    CHECK(r && r->kind == DY_VAL_OPTION);
    if (r)
        CHECK_STR(r->opt_name, "new_actor_length");
    /* DEMO-02 is valid="false" and "valid" is included: left out */
    r = next(v);
    CHECK(r && r->kind == DY_VAL_RECORD);
    if (r) {
        CHECK_STR(r->story.id, "LEFT-01");
        CHECK(r->expect_error);
        CHECK_INT(r->n_expected, 0);
    }
    /* the record without id is reported and skipped; then the self-closed sentences */
    r = next(v);
    CHECK(r && r->kind == DY_VAL_RECORD);
    if (r) {
        CHECK_STR(r->story.id, "GSR_1");
        CHECK_STR(r->category, "OTHER");
        CHECK(expected_is(r, 0, "USA", "CHN", "042"));
        CHECK_INT(r->n_expected, 1);
        CHECK_STR(r->story.text, "Self-closed sentence text, S\xc3\xa3o Paulo.");
        CHECK(r->story.parse == NULL);
    }
    r = next(v);
    CHECK(r && r->kind == DY_VAL_RECORD);
    if (r) {
        CHECK_STR(r->story.id, "GSR_2");
        CHECK(r->expect_none);
    }
    CHECK(next(v) == NULL);
    long file_records, filtered, rejected;
    valfile_get_counts(v, &file_records, &filtered, &rejected);
    CHECK_INT(file_records, 6);
    CHECK_INT(filtered, 1);
    CHECK_INT(rejected, 1);
    CHECK_INT(log.errors, 1);
    CHECK_INT(log.last_error_line, 29);
    dy_valfile_close(v);
}

static void test_errors(void)
{
    diag_log log = {0};
    dy_valfile *v = (dy_valfile *)&log; /* must be reset to NULL on failure */
    CHECK_INT(dy_valfile_open("tests/data/valid/no-such.project", collect, &log, &v), DY_EIO);
    CHECK(v == NULL);
    CHECK_INT(log.errors, 1);
    CHECK_INT(dy_valfile_open(NULL, collect, &log, &v), DY_EINVAL);
    CHECK_INT(dy_valfile_next(NULL, NULL), DY_EINVAL);
    dy_valfile_close(NULL);
    const dy_dict_file *files = (const dy_dict_file *)&log;
    size_t n = 99;
    dy_valfile_dict_files(NULL, &files, &n);
    CHECK(files == NULL && n == 0);
}

/* Counts over a whole suite. */
typedef struct suite_counts {
    long records, options, events, wildcards, none, errors, not_valid;
    long file_records, filtered, rejected;
    int open_status;
} suite_counts;

static suite_counts count_suite(const char *path)
{
    suite_counts c;
    memset(&c, 0, sizeof c);
    diag_log log = {0};
    dy_valfile *v = NULL;
    c.open_status = dy_valfile_open(path, collect, &log, &v);
    if (!v)
        return c;
    const dy_valrec *r;
    while ((r = next(v)) != NULL) {
        if (r->kind == DY_VAL_OPTION) {
            c.options++;
            continue;
        }
        c.records++;
        c.none += r->expect_none;
        c.errors += r->expect_error;
        c.not_valid += !r->valid;
        for (size_t i = 0; i < r->n_expected; i++) {
            if (strcmp(r->expected[i].code, VALFILE_WILDCARD) == 0)
                c.wildcards++;
            else
                c.events++;
        }
    }
    valfile_get_counts(v, &c.file_records, &c.filtered, &c.rejected);
    dy_valfile_close(v);
    return c;
}

static void test_real_suites(void)
{
    const char *shared = check_shared_data();
    if (!shared) {
        CHECK_SKIP("../shared/data absent: real validation suites not checked");
        return;
    }
    char path[512];

    /* TABARI: 472 records before FINAL-01; 23 of them only set options (28 {OPTION:}
     * fields plus 3 with the '}' missing); 521 plain expected events and 6 "-{" fields. */
    snprintf(path, sizeof path, "%s/tabari/Validate.project", shared);
    suite_counts t = count_suite(path);
    CHECK_INT(t.open_status, DY_OK);
    CHECK_INT(t.file_records, 472);
    CHECK_INT(t.records, 449);
    CHECK_INT(t.options, 31);
    CHECK_INT(t.events, 521);
    CHECK_INT(t.wildcards, 6);
    CHECK_INT(t.none, 44);
    CHECK_INT(t.rejected, 0);

    /* PETRARCH 2015: 281 sentences; "valid" in <Include> keeps the 276 valid ones */
    snprintf(path, sizeof path, "%s/petrarch/suite-2015/PETR.UnitTest.records.xml", shared);
    suite_counts p = count_suite(path);
    CHECK_INT(p.open_status, DY_OK);
    CHECK_INT(p.file_records, 281);
    CHECK_INT(p.records, 276);
    CHECK_INT(p.filtered, 5);
    CHECK_INT(p.errors, 7);
    CHECK_INT(p.none, 19);
    CHECK_INT(p.options, 29);
    CHECK_INT(p.rejected, 0);

    /* PETRARCH 2019: 284 sentences (valid flag in sentence="..."), 5 marked false */
    snprintf(path, sizeof path, "%s/petrarch/PETR.UnitTest.records.xml", shared);
    suite_counts q = count_suite(path);
    CHECK_INT(q.open_status, DY_OK);
    CHECK_INT(q.file_records, 284);
    CHECK_INT(q.records, 279);
    CHECK_INT(q.rejected, 0);

    /* PETR2 GSR: 78 self-closed sentences, 80 expected events, 12 noevents */
    snprintf(path, sizeof path, "%s/petrarch/PETR2_GSR_validation.xml", shared);
    suite_counts g = count_suite(path);
    CHECK_INT(g.open_status, DY_OK);
    CHECK_INT(g.file_records, 78);
    CHECK_INT(g.records, 78);
    CHECK_INT(g.events, 80);
    CHECK_INT(g.none, 12);
}

int main(void)
{
    test_tabari_fixture();
    test_petrarch_fixture();
    test_errors();
    test_real_suites();
    return check_summary();
}
