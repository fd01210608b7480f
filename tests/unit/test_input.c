/*
 * test_input.c - the story readers: every format on small fixtures (tests/data/input),
 * rejected records with their exact lines, gzip/zstd/xz streams made at run time,
 * truncated and corrupt streams, Latin-1, NUL bytes, size limits, and the real files
 * in ../shared/data when present.
 */
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "check.h"
#include "dyad.h"

#define FIX "tests/data/input/"

/* ---------------------------------------------------------------- diagnostics kept */
typedef struct seen_diag {
    dy_severity sev;
    dy_status code;
    long line;
    long long byte;
    char file[256], record[128], msg[256];
} seen_diag;

typedef struct diag_log {
    seen_diag d[64];
    int n, total;
} diag_log;

static void keep_diag(void *ud, const dy_diag *d)
{
    diag_log *lg = ud;
    lg->total++;
    if (lg->n >= 64)
        return;
    seen_diag *s = &lg->d[lg->n++];
    s->sev = d->severity;
    s->code = d->code;
    s->line = d->line;
    s->byte = d->byte;
    snprintf(s->file, sizeof s->file, "%s", d->file ? d->file : "");
    snprintf(s->record, sizeof s->record, "%s", d->record ? d->record : "");
    snprintf(s->msg, sizeof s->msg, "%s", d->msg ? d->msg : "");
}

/* ---------------------------------------------------------------- stories kept */
typedef struct kept {
    char id[128];
    int32_t date;
    char *text;
    size_t text_len;
    char title[64], source[64], url[64];
    int has_parse;
    char parse[128];
    long line;
    long long byte;
} kept;

typedef struct run {
    kept s[4096];
    int n;
    dy_status end;
    dy_reader_stats stats;
    dy_format fmt;
    diag_log log;
} run;

static void run_free(run *r)
{
    for (int i = 0; i < r->n; i++)
        free(r->s[i].text);
    free(r);
}

/* Read a whole file with the given limits; the run keeps copies of every story. */
static run *read_all_lim(const char *path, dy_format fmt, size_t max_record, size_t max_nesting)
{
    run *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    dy_reader_opts o;
    memset(&o, 0, sizeof o);
    o.format = fmt;
    o.diag = keep_diag;
    o.diag_ud = &r->log;
    o.max_record_bytes = max_record;
    o.max_nesting = max_nesting;
    dy_reader *rd = NULL;
    r->end = dy_reader_open(path, &o, &rd);
    if (r->end != DY_OK)
        return r;
    dy_story st;
    while ((r->end = dy_reader_next(rd, &st)) == DY_OK) {
        if (r->n < 4096) {
            kept *k = &r->s[r->n++];
            snprintf(k->id, sizeof k->id, "%s", st.id ? st.id : "(null)");
            k->date = st.date;
            k->text = malloc(st.text_len + 1);
            if (k->text) {
                memcpy(k->text, st.text, st.text_len);
                k->text[st.text_len] = 0;
            }
            k->text_len = st.text_len;
            snprintf(k->title, sizeof k->title, "%s", st.title ? st.title : "(null)");
            snprintf(k->source, sizeof k->source, "%s", st.source ? st.source : "(null)");
            snprintf(k->url, sizeof k->url, "%s", st.url ? st.url : "(null)");
            k->has_parse = st.parse != NULL;
            snprintf(k->parse, sizeof k->parse, "%s", st.parse ? st.parse : "");
            k->line = st.line;
            k->byte = st.byte;
        }
    }
    dy_reader_get_stats(rd, &r->stats);
    r->fmt = dy_reader_format(rd);
    dy_reader_close(rd);
    return r;
}

/* Read a whole file with the given options (default nesting limit). */
static run *read_all(const char *path, dy_format fmt, size_t max_record)
{
    return read_all_lim(path, fmt, max_record, 0);
}

/* ---------------------------------------------------------------- temp files */
static char tmp_paths[32][256];
static int n_tmp;

static const char *write_temp(const void *data, size_t len, const char *suffix)
{
    const char *dir = getenv("TMPDIR");
    char tmpl[256];
    snprintf(tmpl, sizeof tmpl, "%s/dyad_test_input_XXXXXX%s", dir && *dir ? dir : P_tmpdir, suffix);
    int fd = mkstemps(tmpl, (int)strlen(suffix));
    if (fd < 0)
        return NULL;
    const char *p = data;
    while (len) {
        ssize_t w = write(fd, p, len);
        if (w <= 0) {
            close(fd);
            return NULL;
        }
        p += w;
        len -= (size_t)w;
    }
    close(fd);
    if (n_tmp >= 32)
        return NULL;
    snprintf(tmp_paths[n_tmp], sizeof tmp_paths[n_tmp], "%s", tmpl);
    return tmp_paths[n_tmp++];
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    size_t got;
    while (b && (got = fread(b + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(b, cap *= 2);
            if (!nb) {
                free(b);
                b = NULL;
            }
            b = nb;
        }
    }
    fclose(f);
    *len = n;
    return b;
}

/* gzip with one member per part (parts split at `cut`, 0 = one member). */
static unsigned char *gzip_parts(const char *s, size_t n, size_t cut, size_t *out_len)
{
    size_t cap = n + 1024, used = 0;
    unsigned char *out = malloc(cap);
    size_t starts[2] = {0, cut ? cut : n}, ends[2] = {cut ? cut : n, n};
    for (int part = 0; part < (cut ? 2 : 1) && out; part++) {
        z_stream z;
        memset(&z, 0, sizeof z);
        if (deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
            return NULL;
        z.next_in = (Bytef *)(s + starts[part]);
        z.avail_in = (uInt)(ends[part] - starts[part]);
        z.next_out = out + used;
        z.avail_out = (uInt)(cap - used);
        int ret = deflate(&z, Z_FINISH);
        used = cap - z.avail_out;
        deflateEnd(&z);
        if (ret != Z_STREAM_END) {
            free(out);
            return NULL;
        }
    }
    *out_len = used;
    return out;
}

/* ---------------------------------------------------------------- fixtures */

static void test_names(void)
{
    CHECK_INT(dy_format_from_name("text"), DY_FMT_TEXT);
    CHECK_INT(dy_format_from_name("JSONL"), DY_FMT_JSONL);
    CHECK_INT(dy_format_from_name("xml"), DY_FMT_XML);
    CHECK_INT(dy_format_from_name("tabari"), DY_FMT_TABARI);
    CHECK_INT(dy_format_from_name("auto"), DY_FMT_AUTO);
    CHECK_INT(dy_format_from_name("csv"), -1);
    CHECK_INT(dy_format_from_name(NULL), -1);
    CHECK_STR(dy_format_name(DY_FMT_TABARI), "tabari");
    CHECK_STR(dy_format_name(DY_FMT_JSONL), "jsonl");
    CHECK_STR(dy_format_name((dy_format)99), "unknown");
}

static void test_text(void)
{
    run *r = read_all(FIX "stories.txt", DY_FMT_AUTO, 0);
    CHECK(r != NULL);
    if (!r)
        return;
    CHECK_INT(r->fmt, DY_FMT_TEXT);
    CHECK_INT(r->end, DY_EEOF);
    CHECK_INT(r->n, 6);
    CHECK_INT(r->stats.records_read, 6);
    CHECK_INT(r->stats.records_rejected, 4);
    if (r->n == 6) {
        CHECK_STR(r->s[0].id, FIX "stories.txt:1");
        CHECK_INT(r->s[0].date, 20201116);
        CHECK_STR(r->s[0].text, "Arnor restored ties with Gondor.");
        CHECK_INT(r->s[0].byte, 0);
        CHECK_INT(r->s[1].date, 20201117);
        CHECK_STR(r->s[2].text, "Rohan accused Mordor of aggression.");
        CHECK_INT(r->s[2].date, 20201118);
        CHECK_INT(r->s[3].date, 20201119);
        CHECK_STR(r->s[3].text, "Mordor denied it.");
        CHECK_STR(r->s[4].id, FIX "stories.txt:8");
        CHECK_INT(r->s[4].line, 8);
        CHECK_STR(r->s[4].text, "A story over\ntwo lines.");
        CHECK_INT(r->s[5].line, 12);
        CHECK_INT(r->s[5].date, 20201121);
        CHECK_STR(r->s[5].text, "Timestamped story.");
    }
    CHECK_INT(r->log.n, 4);
    long want_lines[4] = {5, 6, 11, 13};
    for (int i = 0; i < 4 && i < r->log.n; i++) {
        CHECK_INT(r->log.d[i].line, want_lines[i]);
        CHECK_INT(r->log.d[i].sev, DY_ERROR);
        CHECK_INT(r->log.d[i].code, DY_EPARSE);
        CHECK_STR(r->log.d[i].file, FIX "stories.txt");
    }
    if (r->log.n >= 1)
        CHECK_STR(r->log.d[0].msg, "no date at start of story");
    run_free(r);
}

static void test_jsonl(void)
{
    run *r = read_all(FIX "stories.jsonl", DY_FMT_AUTO, 0);
    CHECK(r != NULL);
    if (!r)
        return;
    CHECK_INT(r->fmt, DY_FMT_JSONL);
    CHECK_INT(r->end, DY_EEOF);
    CHECK_INT(r->n, 5);
    CHECK_INT(r->stats.records_rejected, 7);
    if (r->n == 5) {
        CHECK_STR(r->s[0].id, "a1");
        CHECK_STR(r->s[0].title, "T");
        CHECK_STR(r->s[0].source, "S");
        CHECK_STR(r->s[0].url, "http://example.org/a1");
        CHECK_STR(r->s[1].id, "42");
        CHECK_STR(r->s[1].text, "Caf\xc3\xa9 talks \xf0\x9f\x98\x80 ended.");
        CHECK_STR(r->s[1].title, "(null)");
        CHECK_STR(r->s[2].id, FIX "stories.jsonl:4");
        CHECK_INT(r->s[2].date, 20201118);
        CHECK_INT(r->s[2].line, 4);
        CHECK_STR(r->s[3].id, "p1");
        CHECK_INT(r->s[3].date, 20250314);
        CHECK_STR(r->s[4].id, "t2");
        CHECK_INT(r->s[4].line, 13);
    }
    long want_lines[7] = {5, 6, 7, 8, 10, 11, 12};
    CHECK_INT(r->log.n, 7);
    for (int i = 0; i < 7 && i < r->log.n; i++) {
        CHECK_INT(r->log.d[i].line, want_lines[i]);
        CHECK_INT(r->log.d[i].code, DY_EPARSE);
    }
    if (r->log.n == 7) {
        CHECK(strstr(r->log.d[0].msg, "invalid JSON") != NULL);
        CHECK_STR(r->log.d[1].record, "bad2");
        CHECK(strstr(r->log.d[1].msg, "date") != NULL);
        CHECK(strstr(r->log.d[2].msg, "\"text\" must be a string") != NULL);
        CHECK(strstr(r->log.d[6].msg, "missing \"text\"") != NULL);
    }
    run_free(r);
}

static void test_xml(void)
{
    run *r = read_all(FIX "stories.xml", DY_FMT_AUTO, 0);
    CHECK(r != NULL);
    if (!r)
        return;
    CHECK_INT(r->fmt, DY_FMT_XML);
    CHECK_INT(r->end, DY_EEOF);
    CHECK_INT(r->n, 6);
    CHECK_INT(r->stats.records_rejected, 2);
    if (r->n == 6) {
        CHECK_STR(r->s[0].id, "X1");
        CHECK_INT(r->s[0].date, 20150101);
        CHECK_STR(r->s[0].text, "Tom & Jerry met AT&T officials <today> \xc3\xa9\xc3\xa9 R&D.");
        CHECK_STR(r->s[0].source, "AFP");
        CHECK_INT(r->s[0].has_parse, 1);
        CHECK_STR(r->s[0].parse, "(ROOT (S (NP (NNP Tom))))");
        CHECK_INT(r->s[0].line, 4);
        CHECK_STR(r->s[1].id, "X2");
        CHECK_STR(r->s[1].text, "Self-closing form.");
        CHECK_INT(r->s[1].has_parse, 0);
        CHECK_STR(r->s[2].id, FIX "stories.xml:19");
        CHECK_INT(r->s[2].date, 20150104);
        CHECK_STR(r->s[2].text, "Raw <b> & stuff");
        CHECK_STR(r->s[3].text, "Latin1 caf\xc3\xa9");
        CHECK_STR(r->s[4].id, "X7");
        CHECK_STR(r->s[4].text, "Unclosed sentence runs to the next");
        CHECK_STR(r->s[5].id, "X8");
        CHECK_INT(r->s[5].line, 24);
    }
    CHECK_INT(r->log.n, 2);
    if (r->log.n == 2) {
        CHECK_INT(r->log.d[0].line, 14);
        CHECK_STR(r->log.d[0].record, "X3");
        CHECK_INT(r->log.d[1].line, 17);
        CHECK_STR(r->log.d[1].record, "X4");
    }
    run_free(r);
}

static void test_tabari(void)
{
    run *r = read_all(FIX "stories.tabari", DY_FMT_AUTO, 0);
    CHECK(r != NULL);
    if (!r)
        return;
    CHECK_INT(r->fmt, DY_FMT_TABARI);
    CHECK_INT(r->end, DY_EEOF);
    CHECK_INT(r->n, 3);
    CHECK_INT(r->stats.records_rejected, 2);
    if (r->n == 3) {
        CHECK_STR(r->s[0].id, "ARN-01");
        CHECK_INT(r->s[0].date, 19950101);
        CHECK_STR(r->s[0].text, "Arnor restored ties with Gondor.");
        CHECK_INT(r->s[0].line, 4);
        CHECK_STR(r->s[1].id, "TWO-02");
        CHECK_INT(r->s[1].date, 20120305);
        CHECK_STR(r->s[1].text, "Gondor thanked\nArnor   warmly.");
        CHECK_STR(r->s[2].id, "YYYY-01");
        CHECK_INT(r->s[2].date, 20151224);
        CHECK_INT(r->s[2].line, 18);
    }
    CHECK_INT(r->log.n, 2);
    if (r->log.n == 2) {
        CHECK_INT(r->log.d[0].line, 12);
        CHECK_STR(r->log.d[0].record, "BAD-01");
        CHECK_INT(r->log.d[1].line, 15);
        CHECK_STR(r->log.d[1].record, "EMPTY-01");
    }
    run_free(r);
}

/* An explicit format overrides detection: the jsonl fixture read as text rejects its lines. */
static void test_explicit_format(void)
{
    run *r = read_all(FIX "stories.jsonl", DY_FMT_TEXT, 0);
    CHECK(r && r->fmt == DY_FMT_TEXT);
    if (r) {
        CHECK_INT(r->n, 0);
        CHECK(r->stats.records_rejected > 0);
        run_free(r);
    }
}

static void test_missing_file(void)
{
    diag_log lg;
    memset(&lg, 0, sizeof lg);
    dy_reader_opts o;
    memset(&o, 0, sizeof o);
    o.diag = keep_diag;
    o.diag_ud = &lg;
    dy_reader *rd = (dy_reader *)&lg; /* must be reset to NULL */
    CHECK_INT(dy_reader_open(FIX "no-such-file.txt", &o, &rd), DY_ENOTFOUND);
    CHECK(rd == NULL);
    CHECK_INT(lg.n, 1);
    CHECK_STR(lg.d[0].file, FIX "no-such-file.txt");
    CHECK_INT(dy_reader_next(NULL, NULL), DY_EINVAL);
    dy_reader_close(NULL);
}

/* ---------------------------------------------------------------- byte-level behaviour */

static void test_latin1_nul_crlf(void)
{
    static const char data[] = "2020-01-01 caf\xe9 na\xefve \xe2\x82\xac ok\r\n"
                               "2020-01-02 a\0b\r\n";
    const char *p = write_temp(data, sizeof data - 1, ".txt");
    CHECK(p != NULL);
    if (!p)
        return;
    run *r = read_all(p, DY_FMT_AUTO, 0);
    CHECK(r && r->n == 2);
    if (r && r->n == 2) {
        CHECK_STR(r->s[0].text, "caf\xc3\xa9 na\xc3\xafve \xe2\x82\xac ok");
        CHECK_INT(r->s[1].text_len, 3);
        CHECK_STR(r->s[1].text, "a b");
        CHECK_INT(r->s[1].line, 2);
    }
    if (r)
        run_free(r);
}

static void test_limits_and_long_lines(void)
{
    /* a 3 MB story (bigger than the reader's first window) reads whole */
    size_t big = 3u << 20;
    char *data = malloc(big + 64);
    CHECK(data != NULL);
    if (!data)
        return;
    size_t n = (size_t)sprintf(data, "2020-02-02 ");
    memset(data + n, 'x', big);
    n += big;
    n += (size_t)sprintf(data + n, "\n2020-02-03 short\n");
    const char *p = write_temp(data, n, ".txt");
    free(data);
    CHECK(p != NULL);
    if (!p)
        return;
    run *r = read_all(p, DY_FMT_TEXT, 0);
    CHECK(r && r->n == 2);
    if (r && r->n == 2) {
        CHECK_INT(r->s[0].text_len, big);
        CHECK_STR(r->s[1].text, "short");
        CHECK_INT(r->s[1].line, 2);
    }
    if (r)
        run_free(r);
    /* with a 1000-byte limit it is rejected with DY_ELIMIT at line 1, and the next one read */
    r = read_all(p, DY_FMT_TEXT, 1000);
    CHECK(r && r->n == 1);
    if (r) {
        CHECK_INT(r->stats.records_rejected, 1);
        CHECK_INT(r->log.n, 1);
        CHECK_INT(r->log.d[0].code, DY_ELIMIT);
        CHECK_INT(r->log.d[0].line, 1);
        if (r->n == 1)
            CHECK_STR(r->s[0].text, "short");
        run_free(r);
    }
}

/* A JSON Lines record nested `depth` deep (its object is level 1), a newline after it. */
static void nested_json(FILE *f, const char *id, size_t depth)
{
    fprintf(f, "{\"id\":\"%s\",\"date\":\"2020-01-01\",\"text\":\"t %s\",\"m\":", id, id);
    for (size_t i = 1; i < depth; i++)
        fputc('[', f);
    for (size_t i = 1; i < depth; i++)
        fputc(']', f);
    fputs(depth > 1 ? "}\n" : "0}\n", f);
}

/* A PETRARCH XML record whose elements nest `depth` deep (<Sentence> is level 1). */
static void nested_xml(FILE *f, const char *id, size_t depth)
{
    fprintf(f, "<Sentence date=\"20200101\" id=\"%s\">\n<Text>t %s</Text>", id, id);
    for (size_t i = 1; i < depth; i++)
        fputs("<m>", f);
    for (size_t i = 1; i < depth; i++)
        fputs("</m>", f);
    fputs("\n</Sentence>\n", f);
}

/* max_nesting: default 256, just under passes, just over is rejected (DY_ELIMIT, its line),
 * and the records after it are read. */
static void test_nesting(void)
{
    static const struct { size_t limit, ok, bad; } runs[] = {{0, 256, 257}, {3, 3, 4}};
    for (int fmt = 0; fmt < 2; fmt++) {
        for (size_t k = 0; k < sizeof runs / sizeof *runs; k++) {
            char *data = NULL;
            size_t len = 0;
            FILE *f = open_memstream(&data, &len);
            CHECK(f != NULL);
            if (!f)
                continue;
            void (*rec)(FILE *, const char *, size_t) = fmt ? nested_xml : nested_json;
            if (fmt)
                fputs("<Sentences>\n", f);
            rec(f, "ok", runs[k].ok);  /* line 1 (XML: 2) */
            rec(f, "bad", runs[k].bad); /* line 2 (XML: 5) */
            rec(f, "after", 2);         /* line 3 (XML: 8) */
            if (fmt)
                fputs("</Sentences>\n", f);
            CHECK_INT(fclose(f), 0);
            const char *p = write_temp(data, len, fmt ? ".xml" : ".jsonl");
            free(data);
            CHECK(p != NULL);
            if (!p)
                continue;
            run *r = read_all_lim(p, DY_FMT_AUTO, 0, runs[k].limit);
            CHECK(r != NULL);
            if (!r)
                continue;
            CHECK_INT(r->end, DY_EEOF);
            CHECK_INT(r->n, 2);
            if (r->n == 2) {
                CHECK_STR(r->s[0].id, "ok");
                CHECK_STR(r->s[1].id, "after");
            }
            CHECK_INT(r->stats.records_rejected, 1);
            CHECK_INT(r->log.n, 1);
            if (r->log.n == 1) {
                CHECK_INT(r->log.d[0].sev, DY_ERROR);
                CHECK_INT(r->log.d[0].code, DY_ELIMIT);
                CHECK_INT(r->log.d[0].line, fmt ? 5 : 2);
                char want[64];
                snprintf(want, sizeof want, "limit of %zu levels",
                         runs[k].limit ? runs[k].limit : (size_t)256);
                CHECK(strstr(r->log.d[0].msg, want) != NULL);
            }
            run_free(r);
        }
    }
}

/* Build a jsonl corpus of n stories whose text encodes their number. */
static char *make_corpus(int n, size_t *len)
{
    size_t cap = (size_t)n * 120 + 1;
    char *s = malloc(cap);
    size_t used = 0;
    for (int i = 0; s && i < n; i++)
        used += (size_t)snprintf(s + used, cap - used,
                                 "{\"id\": \"s%d\", \"date\": \"2021-03-04\", \"text\": "
                                 "\"Story number %d is here.\"}\n", i, i);
    *len = used;
    return s;
}

static int corpus_ok(const run *r)
{
    for (int i = 0; i < r->n; i++) {
        char want[64];
        snprintf(want, sizeof want, "Story number %d is here.", i);
        if (strcmp(r->s[i].text, want) != 0)
            return 0;
    }
    return 1;
}

static void test_compressed(void)
{
    size_t len;
    char *corpus = make_corpus(3000, &len);
    CHECK(corpus != NULL);
    if (!corpus)
        return;
    /* gzip, two concatenated members, split mid-line */
    size_t gl;
    unsigned char *gz = gzip_parts(corpus, len, len / 2 + 7, &gl);
    CHECK(gz != NULL);
    const char *p = gz ? write_temp(gz, gl, ".gz") : NULL;
    run *r = p ? read_all(p, DY_FMT_AUTO, 0) : NULL;
    CHECK(r && r->end == DY_EEOF && r->n == 3000 && r->fmt == DY_FMT_JSONL);
    if (r) {
        CHECK(corpus_ok(r));
        CHECK_INT(r->stats.bytes, (long long)len);
        run_free(r);
    }
    /* truncated gzip: records before the cut, then DY_EIO with a located diagnostic */
    if (gz) {
        p = write_temp(gz, gl / 3, ".gz");
        r = p ? read_all(p, DY_FMT_AUTO, 0) : NULL;
        CHECK(r != NULL);
        if (r) {
            CHECK_INT(r->end, DY_EIO);
            CHECK(r->n > 100 && r->n < 3000);
            CHECK(corpus_ok(r));
            CHECK_INT(r->stats.records_rejected, 0);
            CHECK_INT(r->log.n, 1);
            CHECK_INT(r->log.d[0].code, DY_EIO);
            CHECK_STR(r->log.d[0].file, p);
            CHECK(strstr(r->log.d[0].msg, "truncated gzip") != NULL);
            CHECK(r->log.d[0].byte > 0);
            run_free(r);
        }
        /* corrupt gzip data in the middle */
        for (size_t i = gl / 2; i < gl / 2 + 64 && i < gl; i++)
            gz[i] ^= 0x5a;
        p = write_temp(gz, gl, ".gz");
        r = p ? read_all(p, DY_FMT_AUTO, 0) : NULL;
        CHECK(r && r->end == DY_EIO && r->n < 3000);
        if (r) {
            CHECK(r->log.n >= 1 && r->log.d[0].code == DY_EIO);
            run_free(r);
        }
    }
    free(gz);
    /* zstd */
    size_t zcap = ZSTD_compressBound(len);
    void *zs = malloc(zcap);
    size_t zl = zs ? ZSTD_compress(zs, zcap, corpus, len, 3) : 0;
    CHECK(zs && !ZSTD_isError(zl));
    p = zs && !ZSTD_isError(zl) ? write_temp(zs, zl, ".zst") : NULL;
    r = p ? read_all(p, DY_FMT_AUTO, 0) : NULL;
    CHECK(r && r->end == DY_EEOF && r->n == 3000);
    if (r) {
        CHECK(corpus_ok(r));
        run_free(r);
    }
    if (p) {
        p = write_temp(zs, zl - zl / 4, ".zst");
        r = p ? read_all(p, DY_FMT_AUTO, 0) : NULL;
        CHECK(r && r->end == DY_EIO && r->n < 3000 && r->log.n == 1);
        if (r) {
            CHECK(corpus_ok(r));
            run_free(r);
        }
    }
    free(zs);
    /* xz */
    size_t xcap = len + len / 2 + 1024, xl = 0;
    uint8_t *xs = malloc(xcap);
    lzma_ret lr = xs ? lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, NULL, (const uint8_t *)corpus,
                                               len, xs, &xl, xcap)
                     : LZMA_MEM_ERROR;
    CHECK(lr == LZMA_OK);
    p = lr == LZMA_OK ? write_temp(xs, xl, ".xz") : NULL;
    r = p ? read_all(p, DY_FMT_AUTO, 0) : NULL;
    CHECK(r && r->end == DY_EEOF && r->n == 3000);
    if (r) {
        CHECK(corpus_ok(r));
        run_free(r);
    }
    if (p) {
        p = write_temp(xs, xl - xl / 4, ".xz");
        r = p ? read_all(p, DY_FMT_AUTO, 0) : NULL;
        CHECK(r && r->end == DY_EIO && r->n < 3000 && r->log.n == 1);
        if (r) {
            CHECK(corpus_ok(r));
            run_free(r);
        }
    }
    free(xs);
    free(corpus);
}

/* The same fixture compressed reads exactly like the plain one (auto-detection included). */
static void test_compressed_fixture(void)
{
    size_t len;
    char *xml = slurp(FIX "stories.xml", &len);
    CHECK(xml != NULL);
    if (!xml)
        return;
    size_t gl;
    unsigned char *gz = gzip_parts(xml, len, 0, &gl);
    const char *p = gz ? write_temp(gz, gl, ".gz") : NULL;
    run *a = read_all(FIX "stories.xml", DY_FMT_AUTO, 0);
    run *b = p ? read_all(p, DY_FMT_AUTO, 0) : NULL;
    CHECK(a && b && a->n == b->n && b->fmt == DY_FMT_XML);
    if (a && b && a->n == b->n) {
        int same = 1;
        for (int i = 0; i < a->n; i++)
            same &= strcmp(a->s[i].text, b->s[i].text) == 0 && a->s[i].line == b->s[i].line &&
                    a->s[i].byte == b->s[i].byte;
        CHECK(same);
    }
    if (a)
        run_free(a);
    if (b)
        run_free(b);
    free(gz);
    free(xml);
}

/* ---------------------------------------------------------------- real files */

static void test_real_files(void)
{
    const char *sd = check_shared_data();
    if (!sd) {
        CHECK_SKIP("../shared/data absent: real-file reader tests skipped");
        return;
    }
    static const struct {
        const char *path;
        dy_format fmt;
        long long read, rejected;
    } files[] = {
        /* VOA: every story read */
        {"voa/voa_stories.jsonl", DY_FMT_JSONL, 89, 0},
        /* GigaWord sample: 76 <Sentence>s, 9 (TEST_1..TEST_9) have an empty <Text> */
        {"petrarch/GigaWord.sample.PETR.xml", DY_FMT_XML, 67, 9},
        /* GSR: 78 records, abc12_3 has an empty <Text> */
        {"petrarch/PETR2_GSR_validation.xml", DY_FMT_XML, 77, 1},
        {"petrarch/PETR.UnitTest.records.xml", DY_FMT_XML, 284, 0},
        {"petrarch/suite-2015/PETR.UnitTest.records.xml", DY_FMT_XML, 281, 0},
        {"tabari/TABARI.Demo.text", DY_FMT_TABARI, 46, 0},
        {"tabari/Validate.text", DY_FMT_TABARI, 481, 0},
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", sd, files[i].path);
        run *r = read_all(path, DY_FMT_AUTO, 0);
        CHECK(r != NULL);
        if (!r)
            continue;
        CHECK_INT(r->fmt, files[i].fmt);
        CHECK_INT(r->end, DY_EEOF);
        CHECK_INT(r->stats.records_read, files[i].read);
        CHECK_INT(r->stats.records_rejected, files[i].rejected);
        int dated = 1;
        for (int k = 0; k < r->n; k++)
            dated &= r->s[k].date >= 10000101 && r->s[k].text_len > 0;
        CHECK(dated);
        if (i == 0 && r->n == 89) {
            CHECK_STR(r->s[0].id, "8011115");
            CHECK_INT(r->s[0].date, 20250314);
            CHECK(strncmp(r->s[0].title, "Iraq says", 9) == 0);
        }
        if (i == 1 && r->n) {
            CHECK_STR(r->s[0].id, "AFP0808020625_4");
            CHECK_INT(r->s[0].date, 20080804);
            CHECK(r->s[0].has_parse);
        }
        if (i == 6 && r->n) {
            CHECK_STR(r->s[0].id, "START-00");
            CHECK_INT(r->s[0].date, 20000101);
            CHECK(strstr(r->s[0].text, "/*") == NULL && strstr(r->s[0].text, "{+++}") == NULL);
        }
        run_free(r);
    }
}

int main(void)
{
    test_names();
    test_text();
    test_jsonl();
    test_xml();
    test_tabari();
    test_explicit_format();
    test_missing_file();
    test_latin1_nul_crlf();
    test_limits_and_long_lines();
    test_nesting();
    test_compressed();
    test_compressed_fixture();
    test_real_files();
    for (int i = 0; i < n_tmp; i++)
        unlink(tmp_paths[i]);
    return check_summary();
}
