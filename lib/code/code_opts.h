/*
 * code_opts.h - the coding options TABARI .options files, OPTION: validation records and
 * PETRARCH config files set (CODE BY, COMMA, COMPLEX, DEFAULT, MINIMUM WORDS, ...), with
 * parsers for both syntaxes.  Module prefix copt_.
 */
#ifndef DY_CODE_OPTS_H
#define DY_CODE_OPTS_H

#include "util/util.h"

enum { COPT_BY_CLAUSE = 0, COPT_BY_SENTENCE = 1, COPT_ALL = 2 };

typedef struct code_opts {
    int code_by;              /* COPT_BY_* */
    int comma_on;             /* eliminate comma-delimited clauses */
    int comma_min, comma_max; /* words between two commas */
    int comma_bmin, comma_bmax; /* before the first comma */
    int comma_emin, comma_emax; /* after the last comma */
    /* COMPLEX: conditions (0 = inactive) */
    int cx_verbs, cx_actors, cx_pronouns, cx_conj, cx_comma, cx_lateverb;
    int cx_noactprior, cx_noactafter, cx_noverb, cx_nosource, cx_notarget, cx_noevent;
    /* DEFAULT: codes ("" = none) */
    char def_source[32], def_target[32];
    int def_source_prior, def_target_after;
    int min_words;            /* SET: MINIMUM WORDS (0 = off) */
    int convert_agents;       /* SET: CONVERT AGENTS */
    int require_dyad;         /* drop events lacking source or target */
    int coref_story;          /* resolve pronouns across sentences of a story */
    int tabari;               /* TABARI compatibility (dictionaries from a .project): one agent
                                 per actor, agents not shared by compounds, unattached agents
                                 are not actors */
    int forward;              /* TABARI FORWARD: carry the subject across records of one story
                                 (records whose ids differ only after the last '-') */
    int new_actor_length;     /* PETRARCH new_actor_length: an unknown noun phrase of at most
                                 this many words in the subject or object slot of a verb
                                 becomes an actor coded with its own text; 0 = off */
    int story_country;        /* dyad's SET: STORY COUNTRY: an agent with no country ("the
                                 police", "officials") takes the story's country, the one its
                                 actors have named most so far; off by default */
    int person_names;         /* dyad's SET: PERSON NAMES: people named in the story are
                                 remembered with the actor beside their name, found again by
                                 surname, and are what HE/SHE mean; a verb whose subject is a
                                 name with no actor codes no event; off by default */
} code_opts;

void copt_default(code_opts *o);

/* Apply one TABARI options line ("COMPLEX: VERBS[5] NOACTPRIOR", "SET: CODE BY CLAUSE",
 * "COMMA: MIN = 2 MAX = 10", "DEFAULT: SOURCE [X] PRIOR", ...).  Returns 1 if understood,
 * 0 if the command is known but has no effect in dyad (LABEL:, OUTPUT:, FORWARD: ...),
 * -1 if not an options command. */
int copt_apply_tabari(code_opts *o, const char *line);

/* Apply a PETRARCH config option (code_by_sentence, require_dyad, comma_min ...).
 * 1 understood, 0 known-but-ignored, -1 unknown. */
int copt_apply_petr(code_opts *o, const char *key, const char *value);

/* Parse a TABARI .options file from memory; unknown lines -> warnings. 0 ok. */
int copt_load_tabari(code_opts *o, const char *name, const char *data, size_t len,
                     dy_diag_fn diag, void *ud);

#endif
