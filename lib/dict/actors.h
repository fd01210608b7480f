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

/* Both actd_match_at(a, toks, n, i, 0, actor) and actd_match_at(a, toks, n, i, 1, agent) in
 * one call, the token's first-word filter hash computed once for the two roots.  Returns
 * bit 1 if an actor matched (*actor filled), bit 2 if an agent matched (*agent filled). */
int actd_match_actor_agent(const actd *a, const text_tok *toks, size_t n, size_t i,
                           actd_match *actor, actd_match *agent);

/* The longest actor (agents == 0) or agent (agents == 1) phrase starting at token i;
 * returns 1 and fills *m, or 0 if none.  Honours stems vs whole words ('_' suffix). */
int actd_match_at(const actd *a, const text_tok *toks, size_t n, size_t i, int agents,
                  actd_match *m);

/* The code in force on `date` (YYYYMMDD) for this entry: the first date-restricted code
 * whose range holds the date, else the first unrestricted code; NULL if none.
 * NULL means the phrase is null-coded on that date (TABARI/PETRARCH: no default code and
 * no restriction satisfied = null code), not that the phrase did not match.
 * date <= 0 (unknown): the first unrestricted code, else the restricted code with the
 * latest start (the most recent role). */
const char *actd_code_on(const actd_entry *e, int32_t date);

/* Is the entry a person's: does any of its codes carry dates (the terms of an office)?
 * Countries and bodies have undated codes, and so do most groups; a group whose status
 * changed on a date ("TALIBAN_": AFGGOV, then AFGREB) is dated too, which
 * actd_entry_is_named_person tells apart. */
int actd_entry_is_person(const actd_entry *e);

/* A person (actd_entry_is_person) whose entry is headed by a name of two words or more
 * ("ASHRAF_GHANI_", not "TALIBAN_"): 1, else 0. */
int actd_entry_is_named_person(const actd_entry *e);

/* TABARI <NOUN> and <ADJECTIVE> lists from actors files: is this token one of them? */
int actd_is_noun(const actd *a, const text_tok *t);
int actd_is_adjective(const actd *a, const text_tok *t);

/* Entries (an actor with its synonyms counts once) read as actors / as agents. */
size_t actd_count(const actd *a, int agents);

/* --- additions beyond the original contract --- */

/* Distinct matchable phrases in the actor / agent trie (synonyms, {plurals} and substitution
 * expansions included; a phrase defined twice counts once). */
size_t actd_phrase_count(const actd *a, int agents);

/* All entries, actors and agents, in load order (for listing and explain). */
size_t actd_entry_total(const actd *a);
const actd_entry *actd_entry_at(const actd *a, size_t idx);

/* Most tokens a blank between two phrase words may pass over (TABARI: "AL GORE" matches
 * 'Al "The Weasel" Gore'); default 4; 0 makes blanks behave like '_' for adjacency.
 * Call before matching (not thread-safe against concurrent matching). */
void actd_set_max_gap(actd *a, size_t max_gap);

/* Stems shorter than this many bytes (default 4) match only the whole word or word+S, so
 * that entries such as +PLA, MAN or MP do not match PLAN, MANY or MPLA; 0 or 1 gives
 * TABARI's pure prefix matching.  Call before matching. */
void actd_set_min_stem(actd *a, size_t min_stem);

/* Multi-word <NOUN> / <ADJECTIVE> list phrases: the end token (exclusive) of the longest
 * one starting at token i, or 0 if none. */
size_t actd_match_noun_at(const actd *a, const text_tok *toks, size_t n, size_t i);
size_t actd_match_adjective_at(const actd *a, const text_tok *toks, size_t n, size_t i);

#endif
