/*
 * dict.h - the compiled dictionary set (struct dy_dict): actor and agent phrases, verbs and
 * patterns, discards, issues, the CAMEO code table and the coding options that came with
 * the dictionaries.  Read-only once loaded; shared by coders on any number of threads.
 */
#ifndef DY_DICT_H
#define DY_DICT_H

#include "code/code_opts.h"
#include "dict/actors.h"
#include "dict/cameo.h"
#include "dict/verbs.h"

struct dy_dict {
    actd *actors;        /* actors and agents */
    verbd *verbs;        /* verbs, patterns, synsets, discards, issues */
    cameo_table *cameo;  /* code -> name, Goldstein score, quad class */
    code_opts opts;      /* options from .options / config files (coders start from these) */
    dy_dict_stats stats;
};

/* Classify a dictionary file by its name (and for verbs, its content is checked later).
 * Returns a dy_dict_kind, or -1 when the name says nothing. */
int dict_kind_from_name(const char *path);

/* Fill d->stats from a finished set (counts of its actors, agents, verbs, patterns, synsets
 * and discards); the load time is now minus t0 (now_seconds()). */
void dict_fill_stats(dy_dict *d, double t0);

#endif
