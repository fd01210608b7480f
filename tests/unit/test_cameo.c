/*
 * test_cameo.c - checks the CAMEO code table: data/cameo/cameo.tsv parses cleanly, quads and
 * roots follow the code, lookups are exact, bad rows are warned about, and (when
 * ../shared/data is present) every code of the reference list is there with its score, and
 * every code's PLOVER type, mode and context are those of the CAMEO-to-PLOVER table
 * (../shared/data/plover/CAMEO2PLOVER-2021.txt, parsed here): all of its codes, both ways.
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

/* Does the reference CAMEO list (code,name,... CSV) have a row for this code?  Only the
 * start of each line is looked at, which is where the code is. */
static int reference_has_code(const char *csv, size_t len, const char *code)
{
    size_t n = strlen(code);
    for (size_t pos = 0; pos < len;) {
        const char *line = csv + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t ll = nl ? (size_t)(nl - line) : len - pos;
        if (ll > n && memcmp(line, code, n) == 0 && line[n] == ',')
            return 1;
        pos += ll + 1;
    }
    return 0;
}

/* [s, s + n) without the spaces and tabs at both ends, into out (cleared first). */
static void trimmed(dy_buf *out, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    buf_clear(out);
    buf_append(out, s, n);
}

/*
 * Compare the PLOVER fields of the table with the CAMEO-to-PLOVER conversion table.  Its
 * lines are "CODE: TYPE, MODE, CONTEXT # comment"; "CODE: TYPE" without commas is a section
 * heading, not a code's mapping; contexts are joined by "; ".  Every code it maps must have
 * exactly that type, mode and context here (contexts joined by ';', no spaces); a code it
 * maps that is not a CAMEO code at all (not in csv) is only noted.  Every code here that it
 * does not map must have no PLOVER type.
 */
static void check_against_plover(const cameo_table *t, const char *map_path, const char *csv,
                                  size_t csv_len)
{
    char *map = NULL;
    size_t len = 0;
    if (file_read_all(map_path, &map, &len) != 0) {
        CHECK_SKIP("cannot read the CAMEO-to-PLOVER table");
        return;
    }
    dy_intern mapped;
    intern_init(&mapped);
    dy_buf code, type, mode, ctx, want_ctx;
    buf_init(&code);
    buf_init(&type);
    buf_init(&mode);
    buf_init(&ctx);
    buf_init(&want_ctx);
    int listed = 0, matched = 0, mismatched = 0, not_cameo = 0;
    for (size_t pos = 0; pos < len;) {
        const char *line = map + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + 1;
        const char *hash = memchr(line, '#', n);
        if (hash)
            n = (size_t)(hash - line);
        const char *colon = memchr(line, ':', n);
        if (!colon)
            continue;
        const char *rest = colon + 1;
        size_t rn = n - (size_t)(rest - line);
        const char *c1 = memchr(rest, ',', rn);
        if (!c1)
            continue; /* a section heading */
        const char *c2 = memchr(c1 + 1, ',', rn - (size_t)(c1 + 1 - rest));
        trimmed(&code, line, (size_t)(colon - line));
        if (!c2) {
            fprintf(stderr, "plover table: code %s: fewer than three fields\n", code.s);
            mismatched++;
            continue;
        }
        trimmed(&type, rest, (size_t)(c1 - rest));
        trimmed(&mode, c1 + 1, (size_t)(c2 - c1 - 1));
        trimmed(&ctx, c2 + 1, rn - (size_t)(c2 + 1 - rest));
        /* "crime; corruption" -> "crime;corruption" */
        buf_clear(&want_ctx);
        for (size_t i = 0; i < ctx.len; i++)
            if (ctx.s[i] != ' ' && ctx.s[i] != '\t')
                buf_putc(&want_ctx, ctx.s[i]);
        listed++;
        intern_add(&mapped, code.s, code.len);
        const cameo_info *ci = cameo_get(t, code.s);
        if (!ci) {
            if (reference_has_code(csv, csv_len, code.s)) {
                fprintf(stderr, "plover table maps CAMEO code %s, missing from cameo.tsv\n",
                        code.s);
                mismatched++;
            } else {
                printf("  note: the plover table maps %s, which is not a CAMEO code\n", code.s);
                not_cameo++;
            }
            continue;
        }
        if (strcmp(ci->plover, type.s ? type.s : "") ||
            strcmp(ci->plover_mode, mode.s ? mode.s : "") ||
            strcmp(ci->plover_context, want_ctx.s ? want_ctx.s : "")) {
            fprintf(stderr, "code %s: table has '%s' '%s' '%s', plover table '%s' '%s' '%s'\n",
                    code.s, ci->plover, ci->plover_mode, ci->plover_context,
                    type.s ? type.s : "", mode.s ? mode.s : "", want_ctx.s ? want_ctx.s : "");
            mismatched++;
        } else {
            matched++;
        }
    }
    /* the other way: what the conversion table does not map has no PLOVER fields here */
    int invented = 0, unmapped = 0;
    for (size_t i = 0; i < cameo_count(t); i++) {
        const cameo_info *e = cameo_at(t, i);
        if (intern_find(&mapped, e->code, strlen(e->code)))
            continue;
        unmapped++;
        if (e->plover[0] || e->plover_mode[0] || e->plover_context[0]) {
            fprintf(stderr, "code %s: PLOVER '%s' '%s' '%s', but the plover table has no row\n",
                    e->code, e->plover, e->plover_mode, e->plover_context);
            invented++;
        }
    }
    printf("  plover table: %d rows, %d equal, %d differ, %d not CAMEO codes; %d codes of the "
           "table without a PLOVER type\n",
           listed, matched, mismatched, not_cameo, unmapped);
    CHECK(listed >= 200);
    CHECK_INT(mismatched, 0);
    CHECK_INT(invented, 0);
    CHECK(matched + not_cameo == listed);
    intern_free(&mapped);
    buf_free(&code);
    buf_free(&type);
    buf_free(&mode);
    buf_free(&ctx);
    buf_free(&want_ctx);
    free(map);
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

    /* PLOVER fields of a handful of codes, as CAMEO2PLOVER-2021 gives them */
    ci = cameo_get(t, "043");
    CHECK(ci && !strcmp(ci->plover, "CONSULT") && !strcmp(ci->plover_mode, "visit") &&
          !strcmp(ci->plover_context, ""));
    ci = cameo_get(t, "091");
    CHECK(ci && !strcmp(ci->plover, "ACCUSE") && !strcmp(ci->plover_mode, "investigate") &&
          !strcmp(ci->plover_context, "crime;corruption"));
    ci = cameo_get(t, "163"); /* under SANCTION's heading, but COERCE */
    CHECK(ci && !strcmp(ci->plover, "COERCE") && !strcmp(ci->plover_mode, "restrict") &&
          !strcmp(ci->plover_context, "diplomatic"));
    ci = cameo_get(t, "0871");
    CHECK(ci && !strcmp(ci->plover, "RETREAT") && !strcmp(ci->plover_mode, "ceasefire") &&
          !strcmp(ci->plover_context, "military"));
    ci = cameo_get(t, "1712"); /* under COERCE's heading, but ASSAULT */
    CHECK(ci && !strcmp(ci->plover, "ASSAULT") && !strcmp(ci->plover_mode, "seize"));
    ci = cameo_get(t, "196");
    CHECK(ci && !strcmp(ci->plover, "ASSAULT") && !strcmp(ci->plover_context, "legal;military"));
    /* statements, appeals, roots and codes newer than the conversion table: no type */
    const char *no_type[] = {"010", "019", "023", "0256", "03", "08", "155", "176", "1951"};
    for (size_t i = 0; i < sizeof no_type / sizeof *no_type; i++) {
        ci = cameo_get(t, no_type[i]);
        CHECK(ci && !ci->plover[0] && !ci->plover_mode[0] && !ci->plover_context[0]);
    }

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
        char path[512], map_path[512];
        snprintf(path, sizeof path, "%s/cameo/cameo_codes.csv", shared);
        check_against_reference(t, path);
        snprintf(map_path, sizeof map_path, "%s/plover/CAMEO2PLOVER-2021.txt", shared);
        char *csv = NULL;
        size_t csv_len = 0;
        if (file_read_all(path, &csv, &csv_len) == 0)
            check_against_plover(t, map_path, csv, csv_len);
        else
            CHECK_SKIP("cannot read the reference CAMEO code list");
        free(csv);
    } else {
        CHECK_SKIP("../shared/data absent: not comparing with the reference CAMEO list");
        CHECK_SKIP("../shared/data absent: not comparing with the CAMEO-to-PLOVER table");
    }
    cameo_free(t);
    free(data);

    /* malformed rows are warned about and skipped; good rows still load */
    const char *bad_tsv = "code\tgoldstein\tquad\tname\tplover\tplover_mode\tplover_context\n"
                          "# a comment\n"
                          "\n"
                          "010\t0\t1\tok row\t\t\t\r\n"
                          "01x\t0\t1\tbad code\t\t\t\n"
                          "21\t0\t4\troot out of range\t\t\t\n"
                          "011\tabc\t1\tbad score\t\t\t\n"
                          "012\t-11\t1\tscore out of range\t\t\t\n"
                          "013\t0.4\t5\tbad quad\t\t\t\n"
                          "014\t0\t1\t\t\t\n"
                          "015\t0\t1\tthe old four-column form\n"
                          "010\t1\t1\tduplicate\t\t\t\n"
                          "040\t1\t1\ttyped\tCONSULT\tvisit\tcrime;corruption\n"
                          "041\t1\t1\tlower-case type\tconsult\t\t\n"
                          "042\t1\t1\tmode without type\t\tvisit\t\n"
                          "043\t1\t1\ttwo-word mode\tCONSULT\tvi sit\t\n"
                          "044\t1\t1\tempty context item\tCONSULT\t\tcrime;;corruption\n"
                          "045\t1\t1\tcontext with a space\tCONSULT\t\tcrime; corruption\n"
                          "0201\tNA\t1\tlast row without newline\t\t\t";
    dc = (diag_count){0};
    t = cameo_load_mem("bad.tsv", bad_tsv, strlen(bad_tsv), count_diag, &dc);
    CHECK(t != NULL);
    CHECK_INT(dc.warnings, 13);
    CHECK_INT(dc.errors, 0);
    CHECK_INT(dc.last_line, 18); /* the last warning names the line of "045" */
    CHECK_INT(cameo_count(t), 8);
    ci = cameo_get(t, "010");
    CHECK(ci && strcmp(ci->name, "ok row") == 0 && ci->goldstein == 0.0 && !ci->plover[0]);
    ci = cameo_get(t, "0201");
    CHECK(ci && ci->goldstein_known == 0 && ci->root == 2);
    CHECK(cameo_get(t, "011") == NULL);
    CHECK(cameo_get(t, "015") == NULL);
    ci = cameo_get(t, "040");
    CHECK(ci && !strcmp(ci->plover, "CONSULT") && !strcmp(ci->plover_mode, "visit") &&
          !strcmp(ci->plover_context, "crime;corruption"));
    /* malformed PLOVER fields: the code is kept, with no PLOVER fields at all */
    const char *kept[] = {"041", "042", "043", "044", "045"};
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++) {
        ci = cameo_get(t, kept[i]);
        CHECK(ci && ci->quad == 1 && ci->goldstein == 1.0 && !ci->plover[0] &&
              !ci->plover_mode[0] && !ci->plover_context[0]);
    }
    cameo_free(t);

    /* an empty table is valid */
    t = cameo_load_mem(NULL, "", 0, NULL, NULL);
    CHECK(t != NULL && cameo_count(t) == 0 && cameo_get(t, "010") == NULL);
    cameo_free(t);
    cameo_free(NULL);

    return check_summary();
}
