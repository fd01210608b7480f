/*
 * output.h - writing events as TSV (the PETRARCH/Phoenix event line) or JSON Lines.
 */
#ifndef DY_CLI_OUTPUT_H
#define DY_CLI_OUTPUT_H

#include <stdio.h>

#include "dyad.h"

typedef enum { OUT_TSV = 0, OUT_JSONL = 1 } out_format;

/* Write one event in the given format, newline-terminated. Returns 0 or -1 on write error. */
int out_event(FILE *f, out_format fmt, const dy_event *ev);

/* The --rejects report line for an error diagnostic: a JSON object with file, line,
 * record, byte, status and reason, newline-terminated, malloc'd into *line (*len bytes).
 * 0 ok, -1 out of memory. */
int out_reject_line(const dy_diag *d, char **line, size_t *len);

/* Write s as a JSON string literal (with quotes). */
void out_json_string(FILE *f, const char *s);

#endif
