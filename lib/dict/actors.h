/*
 * actors.h - actor and agent dictionaries (TABARI .actors/.agents and PETRARCH actors/agents
 * files) compiled for matching, and the matcher that finds actor and agent phrases in a
 * token array.  Owned by module prefix actd_.
 *
 * CONTRACT (the coder relies on this; the implementation may add functions):
 */
#ifndef DY_ACTORS_H
#define DY_ACTORS_H

#include "text/text.h"
#include "util/util.h"

typedef struct actd actd; /* a set of actor and agent phrases */

/* One code with an optional date restriction: applies when from <= date <= to
 * (from == 0: no lower bound; to == 0: no upper bound). */
typedef struct actd_code {
    const char *code;   /* e.g. "USAGOV", "~GOV" (agent suffix), "NGO~" (agent prefix), "---" */
    int32_t from, to;   /* YYYYMMDD */
} actd_code;

/* One dictionary entry (an actor or agent with its synonyms sharing the codes). */
typedef struct actd_entry {
    const char *name;        /* the first phrase as written in the file, for explain */
    const char *file;        /* where it was defined */
    long line;
    int is_agent;
    const actd_code *codes;  /* ncodes, in file order */
    size_t ncodes;
} actd_entry;

/* A match of a phrase at tokens [start, end). */
typedef struct actd_match {
    const actd_entry *entry;
    size_t start, end;
} actd_match;

actd *actd_new(void);
void actd_free(actd *a);

/* Parse one file (is_agents: 1 for an agents file).  Latin-1 is accepted.  Odd lines are
 * reported through diag as warnings with file:line and skipped; real errors as errors.
 * Returns 0, or -1 on ENOMEM / unreadable file (reported through diag). */
int actd_load_file(actd *a, const char *path, int is_agents, dy_diag_fn diag, void *ud);
/* The same from memory (`name` is used in diagnostics; data need not be NUL-terminated). */
int actd_load_mem(actd *a, const char *name, const char *data, size_t len, int is_agents,
                  dy_diag_fn diag, void *ud);

/* Build the match tables.  After this, actd is read-only and thread-safe. 0 / -1 ENOMEM. */
int actd_finish(actd *a);

/* The longest actor (agents == 0) or agent (agents == 1) phrase starting at token i;
 * returns 1 and fills *m, or 0 if none.  Honours stems vs whole words ('_' suffix). */
int actd_match_at(const actd *a, const text_tok *toks, size_t n, size_t i, int agents,
                  actd_match *m);

/* The code in force on `date` (YYYYMMDD) for this entry: the first date-restricted code
 * whose range holds the date, else the first unrestricted code; NULL if none. */
const char *actd_code_on(const actd_entry *e, int32_t date);

/* TABARI <NOUN> and <ADJECTIVE> lists from actors files: is this token one of them? */
int actd_is_noun(const actd *a, const text_tok *t);
int actd_is_adjective(const actd *a, const text_tok *t);

size_t actd_count(const actd *a, int agents);

#endif
