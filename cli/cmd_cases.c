/*
 * cmd_cases.c - "dyad cases": runs coding cases written as data (the .cases files under
 * tests/cases; format in docs/CASES.md) through the coder and compares the (source, target, code) events found
 * with the expected ones, as multisets.  Uses only the public API and the cli.h helpers.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dyad.h"

/* ------------------------------------------------------------------ small growables */

typedef struct text_buf {
    char *s;
    size_t len, cap;
} text_buf;

static int text_append(text_buf *b, const char *s, size_t n)
{
    if (n > (size_t)-1 / 2 - b->len)
        return -1;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1) {
            if (cap > (size_t)-1 / 2)
                return -1;
            cap *= 2;
        }
        char *p = realloc(b->s, cap);
        if (!p)
            return -1;
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
    return 0;
}

typedef struct str_list {
    char **v;
    size_t n, cap;
} str_list;

/* Append a malloc'd copy of s[0..n). 0 ok, -1 ENOMEM. */
static int list_push(str_list *l, const char *s, size_t n)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        if (cap > (size_t)-1 / sizeof *l->v)
            return -1;
        char **p = realloc(l->v, cap * sizeof *p);
        if (!p)
            return -1;
        l->v = p;
        l->cap = cap;
    }
    char *c = malloc(n + 1);
    if (!c)
        return -1;
    memcpy(c, s, n);
    c[n] = 0;
    l->v[l->n++] = c;
    return 0;
}

static void list_clear(str_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    l->n = 0;
}

static void list_free(str_list *l)
{
    list_clear(l);
    free(l->v);
    l->v = NULL;
    l->cap = 0;
}

static int compare_strs(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read a whole file into a NUL-terminated buffer. 0 ok, -1 with errno. */
static int read_file(const char *path, text_buf *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char chunk[65536];
    size_t n;
    int rc = 0;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (text_append(out, chunk, n)) {
            errno = ENOMEM;
            rc = -1;
            break;
        }
    }
    if (!rc && ferror(f))
        rc = -1;
    fclose(f);
    if (!rc && !out->s && text_append(out, "", 0))
        rc = -1;
    return rc;
}

/* ------------------------------------------------------------------ case parsing */

/* One line of the file: [s, s+n), 1-based number. */
typedef struct src_line {
    const char *s;
    size_t n;
    long no;
} src_line;

static int is_blank(const src_line *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->s[i] != ' ' && l->s[i] != '\t')
            return 0;
    return 1;
}

static int is_comment(const src_line *l)
{
    size_t i = 0;
    while (i < l->n && (l->s[i] == ' ' || l->s[i] == '\t'))
        i++;
    return i < l->n && l->s[i] == '#';
}

static int is_digit(int c) { return c >= '0' && c <= '9'; }

/* YYYY-MM-DD or YYYYMMDD at the start of s; returns YYYYMMDD and *used, or 0. */
static int32_t parse_case_date(const char *s, size_t n, size_t *used)
{
    int32_t y = 0, m = 0, d = 0;
    if (n >= 10 && s[4] == '-' && s[7] == '-') {
        for (int i = 0; i < 10; i++)
            if (i != 4 && i != 7 && !is_digit((unsigned char)s[i]))
                return 0;
        y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        m = (s[5] - '0') * 10 + (s[6] - '0');
        d = (s[8] - '0') * 10 + (s[9] - '0');
        *used = 10;
    } else if (n >= 8) {
        for (int i = 0; i < 8; i++)
            if (!is_digit((unsigned char)s[i]))
                return 0;
        y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        m = (s[4] - '0') * 10 + (s[5] - '0');
        d = (s[6] - '0') * 10 + (s[7] - '0');
        *used = 8;
    } else {
        return 0;
    }
    if (*used < n && s[*used] != ' ' && s[*used] != '\t')
        return 0;
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > 31)
        return 0;
    return y * 10000 + m * 100 + d;
}

/* Split [s, s+n) on blanks into list. 0 ok, -1 ENOMEM. */
static int split_words(const char *s, size_t n, str_list *out)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        size_t start = i;
        while (i < n && s[i] != ' ' && s[i] != '\t')
            i++;
        if (i > start && list_push(out, s + start, i - start))
            return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ running */

typedef struct cases_run {
    const char *cli_dict;  /* --dict, or NULL for built-in */
    cli_limits lim;        /* --max-... (dictionaries and coder) */
    dy_dict *default_dict; /* loaded on first need */
    int default_failed;
    int verbose, quiet;
    long passed, failed;
} cases_run;

/* "A B C; D E F" from a sorted list, into out (cleared first). */
static int format_events(const str_list *l, text_buf *out)
{
    out->len = 0;
    if (text_append(out, "", 0))
        return -1;
    if (l->n == 0)
        return text_append(out, "none", 4);
    for (size_t i = 0; i < l->n; i++) {
        if (i && text_append(out, "; ", 2))
            return -1;
        if (text_append(out, l->v[i], strlen(l->v[i])))
            return -1;
    }
    return 0;
}

/* Collect the events of the last story fed as "SRC TGT CODE" strings. */
static int collect_events(dy_coder *coder, str_list *got)
{
    const dy_event *ev;
    text_buf tmp = {0};
    int rc = 0;
    while ((ev = dy_coder_next_event(coder)) != NULL) {
        const char *parts[3] = {ev->source ? ev->source : "---",
                                ev->target ? ev->target : "---", ev->code ? ev->code : "---"};
        tmp.len = 0;
        for (int k = 0; k < 3 && !rc; k++) {
            if (k && text_append(&tmp, " ", 1))
                rc = -1;
            else if (text_append(&tmp, parts[k], strlen(parts[k])))
                rc = -1;
        }
        if (rc || list_push(got, tmp.s, tmp.len)) {
            rc = -1;
            break;
        }
    }
    free(tmp.s);
    return rc;
}

/* Code one case and compare.  Returns 0 (counted pass/fail), -1 ENOMEM/limit (counted as
 * failed and reported). */
static int run_case(cases_run *run, dy_coder *coder, const char *file, long line, const char *id,
                    int32_t date, const text_buf *text, str_list *expected)
{
    dy_story story;
    memset(&story, 0, sizeof story);
    story.id = id;
    story.date = date;
    story.text = text->s ? text->s : "";
    story.text_len = text->len;
    story.line = line;
    story.byte = -1;

    str_list got = {0};
    text_buf want_s = {0}, got_s = {0};
    int rc = 0;
    dy_status st = dy_coder_feed(coder, &story);
    if (st != DY_OK) {
        fprintf(stdout, "FAIL %s:%ld %s: coder error: %s\n", file, line, id, dy_strerror(st));
        run->failed++;
        return st == DY_ENOMEM ? -1 : 0;
    }
    if (collect_events(coder, &got)) {
        rc = -1;
        goto done;
    }
    if (expected->n)
        qsort(expected->v, expected->n, sizeof *expected->v, compare_strs);
    if (got.n)
        qsort(got.v, got.n, sizeof *got.v, compare_strs);
    int same = expected->n == got.n;
    for (size_t i = 0; same && i < got.n; i++)
        same = strcmp(expected->v[i], got.v[i]) == 0;
    if (same) {
        run->passed++;
        if (run->verbose)
            fprintf(stdout, "ok   %s:%ld %s\n", file, line, id);
    } else {
        run->failed++;
        if (format_events(expected, &want_s) || format_events(&got, &got_s)) {
            rc = -1;
            goto done;
        }
        if (!run->quiet)
            fprintf(stdout, "FAIL %s:%ld %s: expected %s got %s\n", file, line, id, want_s.s,
                    got_s.s);
    }
done:
    list_free(&got);
    free(want_s.s);
    free(got_s.s);
    return rc;
}

/* The dictionary for a file: its own @dict (loaded into *own) or the run's default. */
static dy_dict *dict_for_file(cases_run *run, const char *case_file, const char *dict_rel,
                              dy_dict **own)
{
    *own = NULL;
    if (dict_rel) {
        /* resolve relative to the case file's folder */
        text_buf path = {0};
        const char *slash = strrchr(case_file, '/');
        int bad = 0;
        if (dict_rel[0] != '/' && slash)
            bad = text_append(&path, case_file, (size_t)(slash - case_file) + 1);
        if (!bad)
            bad = text_append(&path, dict_rel, strlen(dict_rel));
        if (bad) {
            free(path.s);
            fprintf(stderr, "dyad cases: out of memory\n");
            return NULL;
        }
        *own = cli_load_dict(path.s, run->quiet, &run->lim);
        free(path.s);
        return *own;
    }
    if (!run->default_dict && !run->default_failed) {
        run->default_dict = cli_load_dict(run->cli_dict, run->quiet, &run->lim);
        if (!run->default_dict)
            run->default_failed = 1;
    }
    return run->default_dict;
}

/* Report a malformed group: counted as a failure so that it cannot pass unnoticed. */
static void case_error(cases_run *run, const char *file, long line, const char *msg)
{
    fprintf(stdout, "FAIL %s:%ld: bad case: %s\n", file, line, msg);
    run->failed++;
}

/* Run every case of one file.  Returns 0, or 2 on a fatal error (unreadable file, no
 * dictionary, ENOMEM). */
static int run_file(cases_run *run, const char *file)
{
    text_buf content = {0};
    if (read_file(file, &content)) {
        fprintf(stderr, "dyad cases: cannot read %s: %s\n", file, strerror(errno));
        free(content.s);
        return 2;
    }
    /* split into lines */
    src_line *lines = NULL;
    size_t nlines = 0, cap = 0;
    int status = 0;
    char *dict_rel = NULL;
    str_list options = {0}; /* @option name, value pairs */
    for (size_t pos = 0; pos < content.len;) {
        const char *s = content.s + pos;
        const char *nl = memchr(s, '\n', content.len - pos);
        size_t n = nl ? (size_t)(nl - s) : content.len - pos;
        pos += n + (nl ? 1 : 0);
        if (n && s[n - 1] == '\r')
            n--;
        if (nlines == cap) {
            cap = cap ? cap * 2 : 256;
            src_line *p = realloc(lines, cap * sizeof *p);
            if (!p) {
                status = 2;
                goto out_of_memory;
            }
            lines = p;
        }
        lines[nlines].s = s;
        lines[nlines].n = n;
        lines[nlines].no = (long)nlines + 1;
        nlines++;
    }

    /* header: @dict / @option lines before the first case */
    size_t i = 0;
    for (; i < nlines; i++) {
        src_line *l = &lines[i];
        if (is_blank(l) || is_comment(l))
            continue;
        if (l->n < 1 || l->s[0] != '@')
            break;
        str_list w = {0};
        if (split_words(l->s, l->n, &w)) {
            list_free(&w);
            status = 2;
            goto out_of_memory;
        }
        if (w.n == 2 && strcmp(w.v[0], "@dict") == 0 && !dict_rel) {
            dict_rel = w.v[1];
            w.v[1] = NULL;
            w.n = 1;
        } else if (w.n == 3 && strcmp(w.v[0], "@option") == 0) {
            if (list_push(&options, w.v[1], strlen(w.v[1])) ||
                list_push(&options, w.v[2], strlen(w.v[2]))) {
                list_free(&w);
                status = 2;
                goto out_of_memory;
            }
        } else {
            fprintf(stderr, "%s:%ld: error: unknown or malformed directive (expected "
                            "'@dict PATH' once or '@option NAME VALUE')\n", file, l->no);
            list_free(&w);
            status = 2;
            goto done_header;
        }
        list_free(&w);
    }

    dy_dict *own = NULL;
    dy_dict *dict = dict_for_file(run, file, dict_rel, &own);
    dy_coder *coder = NULL;
    if (!dict) {
        fprintf(stderr, "dyad cases: %s: no dictionaries, cases not run\n", file);
        status = 2;
        goto done_dict;
    }
    dy_coder_opts co;
    dy_coder_opts_init(&co);
    cli_coder_limits(&run->lim, &co);
    coder = dy_coder_new(dict, &co);
    if (!coder) {
        status = 2;
        goto done_dict;
    }
    for (size_t k = 0; k + 1 < options.n; k += 2) {
        dy_status st = dy_coder_set_option(coder, options.v[k], options.v[k + 1]);
        if (st != DY_OK) {
            fprintf(stderr, "%s: error: option %s=%s: %s\n", file, options.v[k],
                    options.v[k + 1], dy_strerror(st));
            status = 2;
            goto done_dict;
        }
    }

    /* the cases */
    text_buf text = {0};
    str_list expected = {0}, words = {0};
    char *id = NULL;
    while (i < nlines) {
        /* skip blank and comment lines between groups */
        if (is_blank(&lines[i]) || is_comment(&lines[i])) {
            i++;
            continue;
        }
        src_line *head = &lines[i++];
        size_t used = 0;
        int32_t date = parse_case_date(head->s, head->n, &used);
        /* the group ends at the next blank line */
        size_t end = i;
        while (end < nlines && !is_blank(&lines[end]))
            end++;
        if (!date) {
            case_error(run, file, head->no, "first line of a case must be 'YYYY-MM-DD [id]'");
            i = end;
            continue;
        }
        list_clear(&words);
        if (split_words(head->s + used, head->n - used, &words))
            goto oom_cases;
        free(id);
        id = NULL;
        if (words.n > 1) {
            case_error(run, file, head->no, "the date line holds a date and at most one id");
            i = end;
            continue;
        }
        if (words.n == 1) {
            id = words.v[0];
            words.v[0] = NULL;
            words.n = 0;
        } else {
            char tmp[64];
            snprintf(tmp, sizeof tmp, "line%ld", head->no);
            id = malloc(strlen(tmp) + 1);
            if (!id)
                goto oom_cases;
            strcpy(id, tmp);
        }
        text.len = 0;
        list_clear(&expected);
        int expect_none = 0, n_expect_lines = 0, bad = 0;
        for (; i < end && !bad; i++) {
            src_line *l = &lines[i];
            if (is_comment(l))
                continue;
            if (l->n >= 2 && l->s[0] == '=' && l->s[1] == '>') {
                n_expect_lines++;
                list_clear(&words);
                if (split_words(l->s + 2, l->n - 2, &words))
                    goto oom_cases;
                if (words.n == 1 && strcmp(words.v[0], "none") == 0) {
                    expect_none = 1;
                } else if (words.n == 3) {
                    size_t n = strlen(words.v[0]) + strlen(words.v[1]) + strlen(words.v[2]) + 2;
                    char *t = malloc(n + 1);
                    if (!t)
                        goto oom_cases;
                    snprintf(t, n + 1, "%s %s %s", words.v[0], words.v[1], words.v[2]);
                    int e = list_push(&expected, t, n);
                    free(t);
                    if (e)
                        goto oom_cases;
                } else {
                    case_error(run, file, l->no, "expectation must be '=> SRC TGT CODE' or "
                                                 "'=> none'");
                    bad = 1;
                }
            } else if (n_expect_lines) {
                case_error(run, file, l->no, "text line after the expectation lines");
                bad = 1;
            } else {
                if ((text.len && text_append(&text, " ", 1)) || text_append(&text, l->s, l->n))
                    goto oom_cases;
            }
        }
        i = end;
        if (bad)
            continue;
        if (!text.len) {
            case_error(run, file, head->no, "case has no text");
            continue;
        }
        if (!n_expect_lines) {
            case_error(run, file, head->no, "case has no '=>' expectation line");
            continue;
        }
        if (expect_none && expected.n) {
            case_error(run, file, head->no, "'=> none' mixed with expected events");
            continue;
        }
        if (run_case(run, coder, file, head->no, id, date, &text, &expected))
            goto oom_cases;
    }
    goto done_cases;
oom_cases:
    status = 2;
    fprintf(stderr, "dyad cases: out of memory\n");
done_cases:
    free(text.s);
    free(id);
    list_free(&expected);
    list_free(&words);
done_dict:
    dy_coder_free(coder);
    dy_dict_free(own);
done_header:
    free(dict_rel);
    list_free(&options);
    free(lines);
    free(content.s);
    return status;
out_of_memory:
    fprintf(stderr, "dyad cases: out of memory\n");
    goto done_header;
}

static void cases_usage(FILE *f)
{
    fprintf(f, "usage: dyad cases [--dict PATH] [-v] [-q] FILE...\n"
               "  Run coding cases (format: docs/CASES.md); prints each failure and\n"
               "  'N passed, M failed'.  Exit 0 all passed, 1 some failed, 2 error.\n"
               "  --dict PATH  dictionaries for files without an @dict line (default: built-in)\n"
               "  -v           also list the cases that pass\n"
               "  -q           print only the summary line\n");
    cli_limits_usage(f, CLI_LIM_CODER | CLI_LIM_DICT);
}

int cmd_cases(int argc, char **argv)
{
    cases_run run;
    memset(&run, 0, sizeof run);
    int first_file = 0, lr;
    for (int a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--dict") == 0 || strcmp(argv[a], "-d") == 0) {
            if (a + 1 >= argc) {
                cases_usage(stderr);
                return 2;
            }
            run.cli_dict = argv[++a];
        } else if (strncmp(argv[a], "--dict=", 7) == 0) {
            run.cli_dict = argv[a] + 7;
        } else if (strcmp(argv[a], "-v") == 0 || strcmp(argv[a], "--verbose") == 0) {
            run.verbose = 1;
        } else if (strcmp(argv[a], "-q") == 0 || strcmp(argv[a], "--quiet") == 0) {
            run.quiet = 1;
        } else if (strcmp(argv[a], "-h") == 0 || strcmp(argv[a], "--help") == 0) {
            cases_usage(stdout);
            return 0;
        } else if (strcmp(argv[a], "--") == 0) {
            first_file = a + 1;
            break;
        } else if ((lr = cli_limit_arg("cases", CLI_LIM_CODER | CLI_LIM_DICT, argc, argv, &a,
                                       &run.lim)) != 0) {
            if (lr < 0)
                return 2;
        } else if (argv[a][0] == '-' && argv[a][1]) {
            fprintf(stderr, "dyad cases: unknown option %s\n", argv[a]);
            cases_usage(stderr);
            return 2;
        } else {
            first_file = a;
            break;
        }
    }
    if (!first_file || first_file >= argc) {
        cases_usage(stderr);
        return 2;
    }
    int status = 0;
    for (int a = first_file; a < argc; a++) {
        int st = run_file(&run, argv[a]);
        if (st > status)
            status = st;
    }
    dy_dict_free(run.default_dict);
    printf("%ld passed, %ld failed\n", run.passed, run.failed);
    fflush(stdout);
    if (status)
        return status;
    return run.failed ? 1 : 0;
}
