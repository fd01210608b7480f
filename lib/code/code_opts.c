/*
 * code_opts.c - parsing of TABARI options commands and PETRARCH config options into
 * code_opts.  TABARI's syntax is loose (spaces around '=' and inside brackets vary), so the
 * parsers scan for keywords rather than insisting on one spelling.
 */
#include "code/code_opts.h"

#include <stdlib.h>
#include <string.h>

void copt_default(code_opts *o)
{
    memset(o, 0, sizeof *o);
    o->code_by = COPT_BY_CLAUSE;
    o->comma_on = 1;
    o->comma_min = 2;
    o->comma_max = 10;
    o->comma_bmin = 128;
    o->comma_bmax = 0;
    o->comma_emin = 2;
    o->comma_emax = 10;
    o->require_dyad = 1;
    o->coref_story = 1;
}

/* Case-insensitive search for word `w` in s; returns pointer after it or NULL. */
static const char *find_kw(const char *s, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = s; *p; p++) {
        if (ascii_strncasecmp(p, w, n) == 0 && (p == s || !ascii_isalpha((unsigned char)p[-1])))
            return p + n;
    }
    return NULL;
}

/* The integer after `key` (skipping spaces, '=' and '['), or -1. */
static int kw_int(const char *s, const char *key)
{
    const char *p = find_kw(s, key);
    if (!p)
        return -1;
    while (*p == ' ' || *p == '\t' || *p == '=' || *p == '[')
        p++;
    if (!ascii_isdigit((unsigned char)*p))
        return -1;
    return atoi(p);
}

/* The bracketed code after `key` into out (upper-cased), or "" if none. */
static void kw_code(const char *s, const char *key, char *out, size_t outsz)
{
    out[0] = 0;
    const char *p = find_kw(s, key);
    if (!p)
        return;
    while (*p == ' ' || *p == ':' || *p == '\t')
        p++;
    if (*p != '[')
        return;
    p++;
    while (*p == ' ')
        p++;
    size_t i = 0;
    while (*p && *p != ']' && *p != ' ' && i + 1 < outsz)
        out[i++] = (char)ascii_toupper((unsigned char)*p++);
    out[i] = 0;
}

static int truthy(const char *s)
{
    while (*s == ' ' || *s == '=' || *s == '\t')
        s++;
    return ascii_strncasecmp(s, "TRUE", 4) == 0 || ascii_strncasecmp(s, "ON", 2) == 0 ||
           ascii_strncasecmp(s, "YES", 3) == 0 || *s == '1';
}

int copt_apply_tabari(code_opts *o, const char *line)
{
    while (*line == ' ' || *line == '\t')
        line++;
    if (ascii_strncasecmp(line, "COMPLEX:", 8) == 0) {
        const char *s = line + 8;
        int v;
        o->cx_verbs = (v = kw_int(s, "VERBS")) > 0 ? v : 0;
        o->cx_actors = (v = kw_int(s, "ACTORS")) > 0 ? v : 0;
        o->cx_pronouns = (v = kw_int(s, "PRONOUNS")) > 0 ? v : 0;
        o->cx_conj = (v = kw_int(s, "CONJ")) > 0 ? v : 0;
        o->cx_comma = (v = kw_int(s, "COMMA")) > 0 ? v : 0;
        o->cx_lateverb = (v = kw_int(s, "LATEVERB")) > 0 ? v : 0;
        o->cx_noactprior = find_kw(s, "NOACTPRIOR") != NULL;
        o->cx_noactafter = find_kw(s, "NOACTAFTER") != NULL;
        o->cx_noverb = find_kw(s, "NOVERB") != NULL;
        o->cx_nosource = find_kw(s, "NOSOURCE") != NULL;
        o->cx_notarget = find_kw(s, "NOTARGET") != NULL;
        o->cx_noevent = find_kw(s, "NOEVENT") != NULL;
        return 1;
    }
    if (ascii_strncasecmp(line, "COMMA:", 6) == 0) {
        const char *s = line + 6;
        if (find_kw(s, "OFF")) {
            o->comma_on = 0;
            return 1;
        }
        o->comma_on = 1;
        int v;
        if ((v = kw_int(s, "MIN")) >= 0) o->comma_min = v;
        if ((v = kw_int(s, "MAX")) >= 0) o->comma_max = v;
        if ((v = kw_int(s, "BMIN")) >= 0) o->comma_bmin = v;
        if ((v = kw_int(s, "BMAX")) >= 0) o->comma_bmax = v;
        if ((v = kw_int(s, "EMIN")) >= 0) o->comma_emin = v;
        if ((v = kw_int(s, "EMAX")) >= 0) o->comma_emax = v;
        return 1;
    }
    if (ascii_strncasecmp(line, "DEFAULT:", 8) == 0) {
        const char *s = line + 8;
        if (find_kw(s, "OFF")) {
            o->def_source[0] = o->def_target[0] = 0;
            o->def_source_prior = o->def_target_after = 0;
            return 1;
        }
        kw_code(s, "SOURCE", o->def_source, sizeof o->def_source);
        kw_code(s, "TARGET", o->def_target, sizeof o->def_target);
        o->def_source_prior = find_kw(s, "PRIOR") != NULL;
        o->def_target_after = find_kw(s, "AFTER") != NULL;
        return 1;
    }
    if (ascii_strncasecmp(line, "SET:", 4) == 0) {
        const char *s = line + 4;
        const char *p;
        if (find_kw(s, "CODE BY CLAUSE")) { o->code_by = COPT_BY_CLAUSE; return 1; }
        if (find_kw(s, "CODE BY SENTENCE")) { o->code_by = COPT_BY_SENTENCE; return 1; }
        if (find_kw(s, "CODE ALL")) { o->code_by = COPT_ALL; return 1; }
        if ((p = find_kw(s, "MINIMUM WORDS"))) {
            o->min_words = kw_int(s, "MINIMUM WORDS");
            if (o->min_words < 0)
                o->min_words = 0;
            return 1;
        }
        if ((p = find_kw(s, "STORY COUNTRY"))) {
            o->story_country = find_kw(p, "OFF") == NULL;
            return 1;
        }
        if ((p = find_kw(s, "PERSON NAMES"))) {
            o->person_names = find_kw(p, "OFF") == NULL;
            return 1;
        }
        if ((p = find_kw(s, "CONVERT AGENTS")) || (p = find_kw(s, "CONVERT AGENT"))) {
            o->convert_agents = truthy(p);
            return 1;
        }
        return 0; /* LABEL, USAGE, TIME SHIFT, YYYY, FBIS...: no effect on coding here */
    }
    if (ascii_strncasecmp(line, "FORWARD:", 8) == 0) {
        o->forward = find_kw(line + 8, "OFF") == NULL;
        return 1;
    }
    static const char *const inert[] = {"LABEL:", "OUTPUT:", "NONEVENTS:",
                                         "ISSUES:", "HAIKU:", "MATCH:"};
    for (size_t i = 0; i < sizeof inert / sizeof *inert; i++)
        if (ascii_strncasecmp(line, inert[i], strlen(inert[i])) == 0)
            return 0;
    return -1;
}

int copt_apply_petr(code_opts *o, const char *key, const char *value)
{
    int v = atoi(value);
    if (!ascii_strcasecmp(key, "code_by_sentence")) {
        o->code_by = truthy(value) ? COPT_BY_SENTENCE : COPT_BY_CLAUSE;
        return 1;
    }
    if (!ascii_strcasecmp(key, "require_dyad")) { o->require_dyad = truthy(value); return 1; }
    if (!ascii_strcasecmp(key, "comma_min")) { o->comma_min = v; return 1; }
    if (!ascii_strcasecmp(key, "comma_max")) { o->comma_max = v; return 1; }
    if (!ascii_strcasecmp(key, "comma_bmin")) { o->comma_bmin = v; return 1; }
    if (!ascii_strcasecmp(key, "comma_bmax")) { o->comma_bmax = v; return 1; }
    if (!ascii_strcasecmp(key, "comma_emin")) { o->comma_emin = v; return 1; }
    if (!ascii_strcasecmp(key, "comma_emax")) { o->comma_emax = v; return 1; }
    if (!ascii_strcasecmp(key, "story_country")) { o->story_country = truthy(value); return 1; }
    if (!ascii_strcasecmp(key, "person_names")) { o->person_names = truthy(value); return 1; }
    if (!ascii_strcasecmp(key, "new_actor_length")) {
        o->new_actor_length = v > 0 ? v : 0;
        return 1;
    }
    static const char *const inert[] = {"textfile_list", "textfile_name", "eventfile_name",
        "write_actor_root", "write_actor_text", "write_event_text", "null_verbs",
        "null_actors", "stop_on_error", "stanford_dir", "run_date",
        "stop_on_error", "stanford_dir", "pause"};
    for (size_t i = 0; i < sizeof inert / sizeof *inert; i++)
        if (!ascii_strcasecmp(key, inert[i]))
            return 0;
    return -1;
}

int copt_load_tabari(code_opts *o, const char *name, const char *data, size_t len,
                     dy_diag_fn diag, void *ud)
{
    dy_buf line;
    buf_init(&line);
    long lineno = 0;
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && data[j] != '\n')
            j++;
        lineno++;
        buf_clear(&line);
        if (buf_append(&line, data + i, j - i)) {
            buf_free(&line);
            return -1;
        }
        while (line.len && (line.s[line.len - 1] == '\r' || line.s[line.len - 1] == ' '))
            line.s[--line.len] = 0;
        i = j + 1;
        const char *s = line.s;
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s || (s[0] == '/' && s[1] == '/') || s[0] == '#' || s[0] == '~')
            continue;
        if (copt_apply_tabari(o, s) < 0)
            diag_emit(diag, ud, DY_WARNING, DY_EPARSE, name, lineno, NULL, -1,
                      "unrecognised options command ignored: %.60s", s);
    }
    buf_free(&line);
    return 0;
}
