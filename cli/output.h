/*
 * output.h - writing events as TSV (the PETRARCH/Phoenix event line) or JSON Lines, in the
 * CAMEO or the PLOVER ontology (--ontology).
 */
#ifndef DY_CLI_OUTPUT_H
#define DY_CLI_OUTPUT_H

#include <stdio.h>

#include "dyad.h"

typedef enum { OUT_TSV = 0, OUT_JSONL = 1 } out_format;

/* The event type written: CAMEO codes (the default) or PLOVER types. */
typedef enum { ONT_CAMEO = 0, ONT_PLOVER = 1 } out_ontology;

/* "cameo" or "plover" into *out: 0, or -1 (and *out unchanged) for any other name. */
int out_ontology_from_name(const char *name, out_ontology *out);

/* Does ev have a place in ontology ont?  Always for CAMEO; for PLOVER only when its code
 * has a PLOVER type (ev->plover non-empty).  Callers leave the others out and count them. */
int out_event_kept(out_ontology ont, const dy_event *ev);

/*
 * Write one event in the given format and ontology, newline-terminated.  TSV columns:
 * CAMEO: date, source, target, CAMEO code, story id, sentence number;
 * PLOVER: date, source, target, PLOVER type, PLOVER mode (empty if none), story id,
 * sentence number.  JSON Lines are the same in both ontologies: "code" is the CAMEO code,
 * and "plover", "plover_mode" (strings, "" if none) and "plover_context" (an array of
 * strings, [] if none) follow "goldstein"; the three are left out when ev->plover is NULL
 * (an event whose PLOVER fields are not known, e.g. one read back from a store).
 * Returns 0, or -1 on a write error.
 */
int out_event_as(FILE *f, out_format fmt, out_ontology ont, const dy_event *ev);

/* out_event_as in the CAMEO ontology. */
int out_event(FILE *f, out_format fmt, const dy_event *ev);

/* The --rejects report line for an error diagnostic: a JSON object with file, line,
 * record, byte, status and reason, newline-terminated, malloc'd into *line (*len bytes).
 * 0 ok, -1 out of memory. */
int out_reject_line(const dy_diag *d, char **line, size_t *len);

/* Write s as a JSON string literal (with quotes). */
void out_json_string(FILE *f, const char *s);

#endif
