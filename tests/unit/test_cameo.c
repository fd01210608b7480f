/*
 * test_cameo.c - checks the CAMEO code table: data/cameo/cameo.tsv parses cleanly, quads and
 * roots follow the code, lookups are exact, bad rows are warned about, and (when
 * ../shared/data is present) every code of the reference list is there with its score.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dict/cameo.h"
#include "util/util.h"

typedef struct diag_count {
    int warnings, errors;
    long last_line;
} diag_count;

static void count_diag(void *ud, const dy_diag *d)
{
    diag_count *c = ud;
    if (d->severity == DY_WARNING)
        c->warnings++;
    else if (d->severity == DY_ERROR)
        c->errors++;
    c->last_line = d->line;
}

static int expected_quad(int root)
{
    return root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4;
}

/* Compare against the reference CSV (code,name,goldstein,description,notes; quoted fields).
 * Only the first and third fields are used. */
static void check_against_reference(const cameo_table *t, const char *csv_path)
{
    char *csv = NULL;
    size_t len = 0;
    if (file_read_all(csv_path, &csv, &len) != 0) {
        CHECK_SKIP("cannot read the reference CAMEO code list");
        return;
    }
    int rows = 0, matched = 0;
    size_t pos = 0;
    int first = 1;
    while (pos < len) {
        /* read one record, honouring quotes (fields may contain commas and newlines) */
        dy_buf field[3];
        for (int k = 0; k < 3; k++)
            buf_init(&field[k]);
        int fi = 0, inq = 0;
        while (pos < len) {
            char c = csv[pos++];
            if (inq) {
                if (c == '"' && pos < len && csv[pos] == '"') {
                    pos++;
                    if (fi < 3)
                        buf_putc(&field[fi], '"');
                } else if (c == '"') {
                    inq = 0;
                } else if (fi < 3) {
                    buf_putc(&field[fi], c);
                }
            } else if (c == '"') {
                inq = 1;
            } else if (c == ',') {
                fi++;
            } else if (c == '\n') {
                break;
            } else if (c != '\r' && fi < 3) {
                buf_putc(&field[fi], c);
            }
        }
        if (!first && field[0].len) {
            rows++;
            const cameo_info *ci = cameo_get(t, field[0].s);
            if (!ci) {
                fprintf(stderr, "code %s missing from cameo.tsv\n", field[0].s);
                CHECK(ci != NULL);
            } else {
                const char *gs = field[2].len ? field[2].s : "NA";
                if (strcmp(gs, "NA") == 0) {
                    /* no score in the reference: must not invent one, unless a duplicate
                       row of the same code in the reference gives it */
                    if (ci->goldstein_known == 0)
                        matched++;
                    else
                        fprintf(stderr, "code %s: reference has no score, table has %g\n",
                                field[0].s, ci->goldstein);
                } else if (ci->goldstein_known && fabs(ci->goldstein - atof(gs)) < 1e-9) {
                    matched++;
                } else {
                    fprintf(stderr, "code %s: Goldstein %g, reference %s\n", field[0].s,
                            ci->goldstein, gs);
                }
            }
        }
        first = 0;
        for (int k = 0; k < 3; k++)
            buf_free(&field[k]);
    }
    free(csv);
    CHECK(rows >= 300);
    CHECK_INT(matched, rows);
}

int main(void)
{
    char *data = NULL;
    size_t len = 0;
    CHECK(file_read_all("data/cameo/cameo.tsv", &data, &len) == 0);
    if (!data)
        return check_summary();

    diag_count dc = {0};
    cameo_table *t = cameo_load_mem("data/cameo/cameo.tsv", data, len, count_diag, &dc);
    CHECK(t != NULL);
    CHECK_INT(dc.warnings, 0);
    CHECK_INT(dc.errors, 0);
    CHECK(cameo_count(t) >= 300);

    /* well-known codes */
    const cameo_info *ci = cameo_get(t, "043");
    CHECK(ci != NULL);
    if (ci) {
        CHECK_STR(ci->code, "043");
        CHECK_INT(ci->root, 4);
        CHECK_INT(ci->quad, 1);
        CHECK(fabs(ci->goldstein - 2.8) < 1e-9);
        CHECK(ci->name && ci->name[0]);
    }
    ci = cameo_get(t, "1823");
    CHECK(ci && ci->root == 18 && ci->quad == 4 && ci->goldstein == -10.0);
    ci = cameo_get(t, "0874");
    CHECK(ci && ci->root == 8 && ci->quad == 2 && ci->goldstein == 10.0);
    ci = cameo_get(t, "112");
    CHECK(ci && ci->root == 11 && ci->quad == 3 && ci->goldstein == -2.0);
    ci = cameo_get(t, "20");
    CHECK(ci && ci->root == 20 && ci->quad == 4);
    ci = cameo_get(t, "176");
    CHECK(ci && ci->goldstein_known == 0 && ci->goldstein == 0.0);

    /* unknown and inexact codes */
    CHECK(cameo_get(t, "999") == NULL);
    CHECK(cameo_get(t, "04") != NULL);
    CHECK(cameo_get(t, "4") == NULL);
    CHECK(cameo_get(t, "0430") == NULL);
    CHECK(cameo_get(t, "043 ") == NULL);
    CHECK(cameo_get(t, "") == NULL);
    CHECK(cameo_get(t, NULL) == NULL);
    CHECK(cameo_get(NULL, "043") == NULL);

    /* every row: root from the code, quad from the root, sorted order, non-empty label */
    int bad = 0;
    for (size_t i = 0; i < cameo_count(t); i++) {
        const cameo_info *e = cameo_at(t, i);
        int root = (e->code[0] - '0') * 10 + (e->code[1] - '0');
        if (e->root != root || e->quad != expected_quad(root) || !e->name[0])
            bad++;
        if (i && strcmp(cameo_at(t, i - 1)->code, e->code) >= 0)
            bad++;
        if (cameo_get(t, e->code) != e)
            bad++;
    }
    CHECK_INT(bad, 0);
    CHECK(cameo_at(t, cameo_count(t)) == NULL);

    const char *shared = check_shared_data();
    if (shared) {
        char path[512];
        snprintf(path, sizeof path, "%s/cameo/cameo_codes.csv", shared);
        check_against_reference(t, path);
    } else {
        CHECK_SKIP("../shared/data absent: not comparing with the reference CAMEO list");
    }
    cameo_free(t);
    free(data);

    /* malformed rows are warned about and skipped; good rows still load */
    const char *bad_tsv = "code\tgoldstein\tquad\tname\n"
                          "# a comment\n"
                          "\n"
                          "010\t0\t1\tok row\r\n"
                          "01x\t0\t1\tbad code\n"
                          "21\t0\t4\troot out of range\n"
                          "011\tabc\t1\tbad score\n"
                          "012\t-11\t1\tscore out of range\n"
                          "013\t0.4\t5\tbad quad\n"
                          "014\t0\t1\n"
                          "010\t1\t1\tduplicate\n"
                          "0201\tNA\t1\tlast row without newline";
    dc = (diag_count){0};
    t = cameo_load_mem("bad.tsv", bad_tsv, strlen(bad_tsv), count_diag, &dc);
    CHECK(t != NULL);
    CHECK_INT(dc.warnings, 7);
    CHECK_INT(dc.errors, 0);
    CHECK_INT(cameo_count(t), 2);
    ci = cameo_get(t, "010");
    CHECK(ci && strcmp(ci->name, "ok row") == 0 && ci->goldstein == 0.0);
    ci = cameo_get(t, "0201");
    CHECK(ci && ci->goldstein_known == 0 && ci->root == 2);
    CHECK(cameo_get(t, "011") == NULL);
    cameo_free(t);

    /* an empty table is valid */
    t = cameo_load_mem(NULL, "", 0, NULL, NULL);
    CHECK(t != NULL && cameo_count(t) == 0 && cameo_get(t, "010") == NULL);
    cameo_free(t);
    cameo_free(NULL);

    return check_summary();
}
