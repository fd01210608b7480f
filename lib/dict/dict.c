/*
 * dict.c - loading a dictionary set from what users point dyad at: a PETRARCH config file,
 * a TABARI .project file, a directory, a single file, an explicit list of files, or the
 * built-in dictionaries embedded in the library.  File names inside a config or project
 * resolve relative to that file's folder.
 */
#include "dict/dict.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "dict/image.h"
#include "util/embedded.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int contains_ci(const char *s, const char *w)
{
    size_t n = strlen(w);
    for (; *s; s++)
        if (ascii_strncasecmp(s, w, n) == 0)
            return 1;
    return 0;
}

static int ends_with_ci(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && ascii_strcasecmp(s + a - b, suffix) == 0;
}

void dict_fill_stats(dy_dict *d, double t0)
{
    d->stats.actors = actd_count(d->actors, 0);
    d->stats.agents = actd_count(d->actors, 1);
    d->stats.verbs = verbd_count_verbs(d->verbs);
    d->stats.patterns = verbd_count_patterns(d->verbs);
    d->stats.synsets = verbd_count_synsets(d->verbs);
    d->stats.discards = verbd_count_discards(d->verbs);
    d->stats.load_seconds = now_seconds() - t0;
}

int dict_kind_from_name(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (ends_with_ci(base, ".options"))
        return DY_DICT_OPTIONS;
    if (ends_with_ci(base, ".agents") || contains_ci(base, "agents"))
        return DY_DICT_AGENTS;
    if (ends_with_ci(base, ".actors") || contains_ci(base, "actors"))
        return DY_DICT_ACTORS;
    if (ends_with_ci(base, ".verbs") || contains_ci(base, "verb") ||
        ascii_strncasecmp(base, "CAMEO.2", 7) == 0)
        return DY_DICT_VERBS;
    if (contains_ci(base, "discard"))
        return DY_DICT_DISCARDS;
    if (contains_ci(base, "issue"))
        return DY_DICT_ISSUES;
    return -1;
}

/* ---------------------------------------------------------------- the set being built */

#define DICT_DEFAULT_MAX_LINE ((size_t)64 << 10) /* real dictionary lines: 240 bytes at most */
#define DICT_DEFAULT_MAX_PATTERN 64u              /* real verb patterns: about 20 elements */

typedef struct loader {
    dy_dict *d;
    dy_diag_fn diag;
    void *ud;
    int errors;
    dimg_sources *rec; /* files read, for `dyad compile` (NULL: not recorded) */
    size_t max_line;   /* longer lines are skipped with a warning */
} loader;

/* A loader for a new, empty set under opts (limits: 0 = default).  L->d is NULL on ENOMEM. */
static dy_dict *dict_alloc(void);
static void loader_init(loader *L, const dy_dict_opts *opts, dimg_sources *rec)
{
    L->d = dict_alloc();
    L->diag = opts ? opts->diag : NULL;
    L->ud = opts ? opts->diag_ud : NULL;
    L->errors = 0;
    L->rec = rec;
    L->max_line = opts && opts->max_line_bytes ? opts->max_line_bytes : DICT_DEFAULT_MAX_LINE;
    if (L->d)
        verbd_set_max_pattern(L->d->verbs, opts && opts->max_pattern_tokens
                                               ? opts->max_pattern_tokens
                                               : DICT_DEFAULT_MAX_PATTERN);
}

/*
 * Lines longer than L->max_line bytes (not counting the newline) are reported as warnings
 * with file:line and emptied, so that the lines after them keep their numbers.  *data and
 * *len are left alone when no line is too long; otherwise they are replaced by a malloc'd
 * copy without those lines, which *owned receives (the caller frees it).  0, -1 ENOMEM.
 */
static int drop_long_lines(loader *L, const char *name, const char **data, size_t *len,
                           char **owned)
{
    *owned = NULL;
    const char *s = *data;
    size_t n = *len, i = 0, o = 0;
    char *copy = NULL;
    for (long lineno = 1; i < n; lineno++) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t ln = nl ? (size_t)(nl - (s + i)) : n - i, next = i + ln + (nl ? 1 : 0);
        if (ln > L->max_line) {
            diag_emit(L->diag, L->ud, DY_WARNING, DY_ELIMIT, name, lineno, NULL, -1,
                      "line of %zu bytes exceeds the limit of %zu bytes (skipped)", ln,
                      L->max_line);
            if (!copy) {
                if (!(copy = malloc(n ? n : 1))) {
                    diag_emit(L->diag, L->ud, DY_ERROR, DY_ENOMEM, name, lineno, NULL, -1,
                              "out of memory");
                    return -1;
                }
                memcpy(copy, s, i);
                o = i;
            }
            if (nl)
                copy[o++] = '\n';
        } else if (copy) {
            memcpy(copy + o, s + i, next - i);
            o += next - i;
        }
        i = next;
    }
    if (copy) {
        *data = copy;
        *len = o;
        *owned = copy;
    }
    return 0;
}

/* Note a file read (path, size, mtime, content hash) when recording. -1 on ENOMEM. */
static int record_source(loader *L, const char *path, const char *data, size_t len)
{
    if (!L->rec)
        return 0;
    struct stat st;
    dimg_source src = {NULL, len, 0, dimg_hash(data, len, 0)};
    if (stat(path, &st) == 0)
        src.mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    src.path = realpath(path, NULL);
    if (!src.path)
        src.path = dy_strdup(path);
    if (!src.path || vec_grow((void **)&L->rec->v, &L->rec->cap, L->rec->n + 1, sizeof src)) {
        free(src.path);
        diag_emit(L->diag, L->ud, DY_ERROR, DY_ENOMEM, path, 0, NULL, -1, "out of memory");
        L->errors++;
        return -1;
    }
    L->rec->v[L->rec->n++] = src;
    return 0;
}

static dy_dict *dict_alloc(void)
{
    dy_dict *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->actors = actd_new();
    d->verbs = verbd_new();
    copt_default(&d->opts);
    if (!d->actors || !d->verbs) {
        dy_dict_free(d);
        return NULL;
    }
    return d;
}

void dy_dict_free(dy_dict *d)
{
    if (!d)
        return;
    actd_free(d->actors);
    verbd_free(d->verbs);
    cameo_free(d->cameo);
    free(d);
}

static int load_one_mem(loader *L, int kind, const char *name, const char *data, size_t len)
{
    char *owned;
    if (drop_long_lines(L, name, &data, &len, &owned)) {
        L->errors++;
        return -1;
    }
    int rc = 0;
    switch (kind) {
    case DY_DICT_ACTORS: rc = actd_load_mem(L->d->actors, name, data, len, 0, L->diag, L->ud); break;
    case DY_DICT_AGENTS: rc = actd_load_mem(L->d->actors, name, data, len, 1, L->diag, L->ud); break;
    case DY_DICT_VERBS: rc = verbd_load_mem(L->d->verbs, name, data, len, L->diag, L->ud); break;
    case DY_DICT_DISCARDS:
        rc = verbd_load_discards_mem(L->d->verbs, name, data, len, L->diag, L->ud);
        break;
    case DY_DICT_ISSUES:
        rc = verbd_load_issues_mem(L->d->verbs, name, data, len, L->diag, L->ud);
        break;
    case DY_DICT_OPTIONS:
        rc = copt_load_tabari(&L->d->opts, name, data, len, L->diag, L->ud);
        break;
    default:
        diag_emit(L->diag, L->ud, DY_ERROR, DY_EFORMAT, name, 0, NULL, -1,
                  "cannot tell what kind of dictionary this is (name it *.actors, *.agents, "
                  "*.verbs, *discards*, *issues* or *.options)");
        rc = -1;
    }
    free(owned);
    if (rc)
        L->errors++;
    return rc;
}

static int load_one_file(loader *L, int kind, const char *path)
{
    char *data;
    size_t len;
    if (file_read_all(path, &data, &len)) {
        diag_emit(L->diag, L->ud, DY_ERROR, DY_EIO, path, 0, NULL, -1, "cannot read: %s",
                  strerror(errno));
        L->errors++;
        return -1;
    }
    record_source(L, path, data, len);
    int rc = load_one_mem(L, kind, path, data, len);
    free(data);
    return rc;
}

/* Trim spaces in place; returns s. */
static char *trim(char *s)
{
    while (ascii_isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && ascii_isspace((unsigned char)s[n - 1]))
        s[--n] = 0;
    return s;
}

/* Split data in place into lines: each call returns the next line (NUL-terminated, '\r'
 * removed) and advances *pos; NULL at the end.  Empty lines are returned too, so line
 * numbers stay right. */
static char *next_line(char *data, size_t len, size_t *pos)
{
    if (*pos >= len)
        return NULL;
    char *line = data + *pos;
    char *nl = memchr(line, '\n', len - *pos);
    size_t n = nl ? (size_t)(nl - line) : len - *pos;
    *pos += n + (nl ? 1 : 0);
    line[n] = 0;
    if (n && line[n - 1] == '\r')
        line[n - 1] = 0;
    return line;
}

/* Read a config or project file whole, without its over-long lines (drop_long_lines), and
 * note it as a source.  0, or -1 with the error reported. */
static int read_set_file(loader *L, const char *path, char **data, size_t *len)
{
    if (file_read_all(path, data, len)) {
        diag_emit(L->diag, L->ud, DY_ERROR, DY_EIO, path, 0, NULL, -1, "cannot read: %s",
                  strerror(errno));
        return -1;
    }
    record_source(L, path, *data, *len);
    const char *d = *data;
    char *owned;
    if (drop_long_lines(L, path, &d, len, &owned)) {
        free(*data);
        return -1;
    }
    if (owned) {
        free(*data);
        *data = owned;
    }
    return 0;
}

/* PETRARCH config (.ini): [Dictionaries] names the files, [Options] sets options. */
static int load_config(loader *L, const char *path)
{
    char *data;
    size_t len;
    if (read_set_file(L, path, &data, &len))
        return -1;
    const char *section = "";
    long lineno = 0;
    size_t pos = 0;
    int found = 0;
    for (char *line; (line = next_line(data, len, &pos));) {
        lineno++;
        char *s = trim(line);
        if (!*s || *s == '#' || *s == ';')
            continue;
        if (*s == '[') {
            char *e = strchr(s, ']');
            if (e)
                *e = 0;
            section = trim(s + 1); /* points into data, which lives until the end */
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq) {
            diag_emit(L->diag, L->ud, DY_WARNING, DY_EPARSE, path, lineno, NULL, -1,
                      "line without '=' ignored");
            continue;
        }
        *eq = 0;
        char *key = trim(s), *val = trim(eq + 1);
        if (!ascii_strcasecmp(section, "Dictionaries")) {
            int kind = -1;
            if (!ascii_strncasecmp(key, "verbfile", 8)) kind = DY_DICT_VERBS;
            else if (!ascii_strncasecmp(key, "actorfile", 9)) kind = DY_DICT_ACTORS;
            else if (!ascii_strncasecmp(key, "agentfile", 9)) kind = DY_DICT_AGENTS;
            else if (!ascii_strncasecmp(key, "discardfile", 11)) kind = DY_DICT_DISCARDS;
            else if (!ascii_strncasecmp(key, "issuefile", 9)) kind = DY_DICT_ISSUES;
            if (kind < 0) {
                diag_emit(L->diag, L->ud, DY_WARNING, DY_EPARSE, path, lineno, NULL, -1,
                          "unknown dictionary key '%s' ignored", key);
                continue;
            }
            char *save2 = NULL;
            for (char *f = strtok_r(val, ",", &save2); f; f = strtok_r(NULL, ",", &save2)) {
                f = trim(f);
                if (!*f)
                    continue;
                char *full = path_resolve(path, f);
                if (!full) {
                    free(data);
                    return -1;
                }
                load_one_file(L, kind, full);
                found++;
                free(full);
            }
        } else if (!ascii_strcasecmp(section, "Options")) {
            if (copt_apply_petr(&L->d->opts, key, val) < 0)
                diag_emit(L->diag, L->ud, DY_WARNING, DY_EPARSE, path, lineno, NULL, -1,
                          "unknown option '%s' ignored", key);
        }
    }
    free(data);
    if (!found) {
        diag_emit(L->diag, L->ud, DY_ERROR, DY_EPARSE, path, 0, NULL, -1,
                  "config names no dictionary files ([Dictionaries] section)");
        L->errors++;
    }
    return 0;
}

/* TABARI .project: <actorsfile> <verbsfile> <agentsfile> <optionsfile> name the files. */
static int load_project(loader *L, const char *path)
{
    /* TABARI projects get TABARI's pure stem rule (no minimum stem length) and its
     * default minimum sentence length of 8 words (an options file may change it) */
    actd_set_min_stem(L->d->actors, 0);
    L->d->opts.min_words = 8;
    L->d->opts.tabari = 1;
    char *data;
    size_t len;
    if (read_set_file(L, path, &data, &len))
        return -1;
    static const struct { const char *tag; int kind; } tags[] = {
        {"<actorsfile>", DY_DICT_ACTORS}, {"<verbsfile>", DY_DICT_VERBS},
        {"<agentsfile>", DY_DICT_AGENTS}, {"<optionsfile>", DY_DICT_OPTIONS},
        {"<issuesfile>", DY_DICT_ISSUES}};
    size_t pos = 0;
    int found = 0;
    for (char *line; (line = next_line(data, len, &pos));) {
        char *s = trim(line);
        for (size_t t = 0; t < sizeof tags / sizeof *tags; t++) {
            size_t tl = strlen(tags[t].tag);
            if (ascii_strncasecmp(s, tags[t].tag, tl) != 0)
                continue;
            char *f = trim(s + tl);
            char *sp = f;
            while (*sp && !ascii_isspace((unsigned char)*sp))
                sp++;
            *sp = 0;
            if (!*f)
                continue;
            char *full = path_resolve(path, f);
            if (!full) {
                free(data);
                return -1;
            }
            load_one_file(L, tags[t].kind, full);
            found++;
            free(full);
        }
    }
    free(data);
    if (!found) {
        diag_emit(L->diag, L->ud, DY_ERROR, DY_EPARSE, path, 0, NULL, -1,
                  "project names no dictionary files (<actorsfile>, <verbsfile> ...)");
        L->errors++;
    }
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_path(loader *L, const char *path);

/* A directory: its PETRARCH config if it has one (PETR_config.ini preferred), else its
 * single .project, else every file whose name says what it is, in name order. */
static int load_dir(loader *L, const char *path)
{
    DIR *dir = opendir(path);
    if (!dir) {
        diag_emit(L->diag, L->ud, DY_ERROR, DY_EIO, path, 0, NULL, -1, "cannot open: %s",
                  strerror(errno));
        L->errors++;
        return -1;
    }
    VEC(char *) names = {0};
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.')
            continue;
        char *n = dy_strdup(e->d_name);
        if (!n || VEC_PUSH(&names, n)) {
            free(n);
            rc = -1;
            break;
        }
    }
    closedir(dir);
    if (names.n)
        qsort(names.v, names.n, sizeof *names.v, cmp_str);
    const char *pick = NULL;
    for (size_t i = 0; !rc && i < names.n && !pick; i++)
        if (!ascii_strcasecmp(names.v[i], "PETR_config.ini"))
            pick = names.v[i];
    for (size_t i = 0; !rc && i < names.n && !pick; i++)
        if (ends_with_ci(names.v[i], ".ini") || ends_with_ci(names.v[i], ".project"))
            pick = names.v[i];
    dy_buf full;
    buf_init(&full);
    if (!rc && pick) {
        if (buf_printf(&full, "%s/%s", path, pick))
            rc = -1;
        else
            rc = load_path(L, full.s);
    } else if (!rc) {
        int any = 0;
        for (size_t i = 0; i < names.n; i++) {
            int kind = dict_kind_from_name(names.v[i]);
            if (kind < 0)
                continue;
            buf_clear(&full);
            if (buf_printf(&full, "%s/%s", path, names.v[i])) {
                rc = -1;
                break;
            }
            load_one_file(L, kind, full.s);
            any++;
        }
        if (!any) {
            diag_emit(L->diag, L->ud, DY_ERROR, DY_ENOTFOUND, path, 0, NULL, -1,
                      "no dictionary files found in this folder");
            L->errors++;
        }
    }
    buf_free(&full);
    for (size_t i = 0; i < names.n; i++)
        free(names.v[i]);
    VEC_FREE(&names);
    return rc;
}

static int load_path(loader *L, const char *path)
{
    struct stat st;
    if (stat(path, &st)) {
        diag_emit(L->diag, L->ud, DY_ERROR, DY_ENOTFOUND, path, 0, NULL, -1, "cannot open: %s",
                  strerror(errno));
        L->errors++;
        return -1;
    }
    if (S_ISDIR(st.st_mode))
        return load_dir(L, path);
    if (ends_with_ci(path, ".ini"))
        return load_config(L, path);
    if (ends_with_ci(path, ".project"))
        return load_project(L, path);
    return load_one_file(L, dict_kind_from_name(path), path);
}

/* Load the CAMEO table, compile, time and count. */
static dy_status dict_finish(loader *L, double t0, dy_dict **out)
{
    dy_dict *d = L->d;
    const dy_embedded_file *cf = embedded_find("cameo/cameo.tsv");
    if (cf)
        d->cameo = cameo_load_mem(cf->name, (const char *)cf->data, cf->len, L->diag, L->ud);
    if (!cf || !d->cameo) {
        diag_emit(L->diag, L->ud, DY_ERROR, DY_ENOMEM, "cameo/cameo.tsv", 0, NULL, -1,
                  "cannot load the built-in CAMEO code table");
        L->errors++;
    }
    if (!L->errors && (actd_finish(d->actors) || verbd_finish(d->verbs))) {
        diag_emit(L->diag, L->ud, DY_ERROR, DY_ENOMEM, NULL, 0, NULL, -1,
                  "out of memory compiling the dictionaries");
        L->errors++;
    }
    if (L->errors) {
        dy_dict_free(d);
        *out = NULL;
        return DY_EPARSE;
    }
    dict_fill_stats(d, t0);
    *out = d;
    return DY_OK;
}

static dy_status load_builtin_text(loader *L, double t0, dy_dict **out);

/* Contract: see image.h. */
dy_status dict_load_text_recording(const char *path, const dy_dict_opts *opts,
                                   dimg_sources *sources, dy_dict **out)
{
    if (!out)
        return DY_EINVAL;
    *out = NULL;
    double t0 = now_seconds();
    loader L;
    loader_init(&L, opts, sources);
    if (!L.d)
        return DY_ENOMEM;
    if (!path)
        return load_builtin_text(&L, t0, out);
    if (load_path(&L, path) && !L.errors)
        L.errors++;
    return dict_finish(&L, t0, out);
}

dy_status dy_dict_load(const char *path, const dy_dict_opts *opts, dy_dict **out)
{
    if (!out)
        return DY_EINVAL;
    *out = NULL;
    if (!path)
        return DY_EINVAL;
    struct stat st;
    /* a compiled image (dyad compile) is recognised by its magic, whatever its name */
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && dimg_file_is_image(path))
        return dimg_load_file(path, opts ? opts->diag : NULL, opts ? opts->diag_ud : NULL, out);
    return dict_load_text_recording(path, opts, NULL, out);
}

dy_status dy_dict_load_files(const dy_dict_file *files, size_t n, const dy_dict_opts *opts,
                             dy_dict **out)
{
    if (!out)
        return DY_EINVAL;
    *out = NULL;
    double t0 = now_seconds();
    loader L;
    loader_init(&L, opts, NULL);
    if (!L.d)
        return DY_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        if (files[i].kind == DY_DICT_OPTIONS) { /* a TABARI set: see load_project */
            actd_set_min_stem(L.d->actors, 0);
            L.d->opts.min_words = 8;
            L.d->opts.tabari = 1;
        }
        load_one_file(&L, (int)files[i].kind, files[i].path);
    }
    return dict_finish(&L, t0, out);
}

/* The embedded image of the built-in dictionaries, made at build time (see Makefile). */
#define BUILTIN_IMAGE "image/builtin.dyc"

dy_status dy_dict_load_builtin(const dy_dict_opts *opts, dy_dict **out)
{
    if (!out)
        return DY_EINVAL;
    *out = NULL;
    const dy_embedded_file *img = embedded_find(BUILTIN_IMAGE);
    if (img)
        return dimg_load_mem(BUILTIN_IMAGE, img->data, img->len, 0,
                             opts ? opts->diag : NULL, opts ? opts->diag_ud : NULL, out);
    return dict_load_text_recording(NULL, opts, NULL, out);
}

/* The built-in dictionaries from their embedded text files. */
static dy_status load_builtin_text(loader *Lp, double t0, dy_dict **out)
{
    loader L = *Lp;
    int any = 0;
    for (const dy_embedded_file *f = dy_embedded_files; f->name; f++) {
        if (strncmp(f->name, "builtin/", 8) != 0)
            continue;
        int kind = dict_kind_from_name(f->name);
        if (kind < 0)
            continue;
        if (L.rec) { /* a name that is never a file: no staleness check for these */
            dy_buf nm;
            buf_init(&nm);
            if (buf_printf(&nm, "(built-in) %s", f->name) == 0)
                record_source(&L, nm.s, (const char *)f->data, f->len);
            else
                L.errors++;
            buf_free(&nm);
        }
        load_one_mem(&L, kind, f->name, (const char *)f->data, f->len);
        any++;
    }
    if (!any) {
        diag_emit(L.diag, L.ud, DY_ERROR, DY_ENOTFOUND, "builtin", 0, NULL, -1,
                  "no built-in dictionaries were compiled into this library");
        L.errors++;
    }
    return dict_finish(&L, t0, out);
}

void dy_dict_get_stats(const dy_dict *d, dy_dict_stats *out)
{
    if (!d || !out)
        return;
    *out = d->stats;
}
