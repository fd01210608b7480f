/*
 * image.h - the compiled dictionary image (.dyc): a flat, versioned, checksummed file
 * holding a loaded dictionary set (actor trie, verb tables, CAMEO table, options) as
 * arrays of integers and string-pool offsets, written by `dyad compile` and opened by
 * dy_dict_load without parsing any dictionary text.  Module prefix dimg_.
 * The layout is described above the format constants in image.c and in
 * docs/ARCHITECTURE.md ("Compiled dictionary image").
 */
#ifndef DY_IMAGE_H
#define DY_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "dict/dict.h"

/* One source file a dictionary set was read from, as recorded in an image for the
 * staleness check: its path (as opened), size, modification time (ns) and content hash. */
typedef struct dimg_source {
    char *path;
    uint64_t size;
    int64_t mtime_ns;
    uint64_t hash;
} dimg_source;

typedef struct dimg_sources {
    dimg_source *v;
    size_t n, cap;
} dimg_sources;

void dimg_sources_free(dimg_sources *s);

/* Does this memory start with the image magic?  (len may be short: then 0.) */
int dimg_is_image(const void *data, size_t len);

/* Does the file at path start with the image magic?  0 when unreadable. */
int dimg_file_is_image(const char *path);

/* The 64-bit hash used for the payload checksum and the content key (fast, stable,
 * not cryptographic). */
uint64_t dimg_hash(const void *data, size_t len, uint64_t seed);

/* The image format version this build writes and reads (2: the CAMEO rows carry the PLOVER
 * type, mode and context), and the byte-order mark of the header. */
#define DIMG_VERSION 2u
#define DIMG_ENDIAN 0x01020304u

/* The layout signature this build writes into an image's header (offset 20): a hash of the
 * sizes of the structures an image restores.  An image with another one is refused. */
uint32_t dimg_layout_signature(void);

/*
 * Serialise dictionary set d into a malloc'd image (*out, *outlen).  `sources` (may be
 * NULL or empty) are recorded for the staleness check and their hashes, with the dyad
 * version, make the content key.  Returns DY_OK, DY_ENOMEM, or DY_ELIMIT when a table
 * does not fit the format's 32-bit ids.  Errors are reported through diag.
 */
dy_status dimg_build(const dy_dict *d, const dimg_sources *sources, void **out,
                     size_t *outlen, dy_diag_fn diag, void *ud);

/* dimg_build and write the image to `path` atomically (a temporary file in the same
 * folder, then rename).  DY_OK, DY_EIO, DY_ENOMEM, DY_ELIMIT. */
dy_status dimg_write(const dy_dict *d, const dimg_sources *sources, const char *path,
                     dy_diag_fn diag, void *ud);

/*
 * Build a dictionary set from an image in memory (`name` for diagnostics).  Every count,
 * offset and id is bounds-checked; a bad magic, truncation, checksum mismatch, other
 * format version or layout, or an out-of-range value gives DY_EFORMAT with a DY_ERROR
 * naming `name` and the reason.  check_sources: verify the recorded source files (those
 * that still exist) are unchanged, else DY_EFORMAT "out of date: recompile".
 * The dict copies what it needs: data may be released after the call.
 */
dy_status dimg_load_mem(const char *name, const void *data, size_t len, int check_sources,
                        dy_diag_fn diag, void *ud, dy_dict **out);

/* Map the file read-only and dimg_load_mem it (with the source check).  DY_EIO when the
 * file cannot be opened or mapped. */
dy_status dimg_load_file(const char *path, dy_diag_fn diag, void *ud, dy_dict **out);

/* Defined in dict.c: load a dictionary set from text like dy_dict_load (path NULL: the
 * built-in text dictionaries, never their embedded image) and, when sources is not NULL,
 * record every file read.  *out is NULL on failure. */
dy_status dict_load_text_recording(const char *path, const dy_dict_opts *opts,
                                   dimg_sources *sources, dy_dict **out);

#endif
