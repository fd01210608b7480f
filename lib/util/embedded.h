/*
 * embedded.h - data files compiled into libdyad: every file under data/builtin/ and
 * data/cameo/, turned into C arrays by tools/embed.c at build time (build/embedded.c).
 * Lets the library load its built-in dictionaries and the CAMEO code table without
 * touching the file system.  The table is constant: safe from any number of threads.
 */
#ifndef DY_EMBEDDED_H
#define DY_EMBEDDED_H

#include <stddef.h>

/* One embedded file.  `name` is its path relative to data/ ("builtin/actors.txt"),
 * `data` holds its exact bytes followed by a NUL that `len` does not count. */
typedef struct dy_embedded_file {
    const char *name;
    const unsigned char *data;
    size_t len;
} dy_embedded_file;

/* All embedded files, sorted by name (byte order), ending with {NULL, NULL, 0}. */
extern const dy_embedded_file dy_embedded_files[];

/* How many files dy_embedded_files holds (the terminator not counted). */
extern const size_t dy_embedded_count;

/* The embedded file called `name` (relative to data/, e.g. "cameo/cameo_codes.csv"),
 * or NULL if there is none (or name is NULL). */
const dy_embedded_file *embedded_find(const char *name);

#endif /* DY_EMBEDDED_H */
