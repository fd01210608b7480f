/*
 * dyad.h - the public interface of libdyad, a parser-free political event coder.
 *
 * Ownership, stated once for every type here:
 *  - Every *_new / *_open / *_load function hands the caller an object that the caller
 *    frees with the matching *_free / *_close.  Every free function accepts NULL.
 *  - Pointers returned by *_next / *_get functions (stories, events, records) are owned by
 *    the object they came from and stay valid until the next call on that object, or
 *    until it is freed, whichever comes first.  Copy what you need to keep.
 *  - Strings passed in are copied when they must outlive the call; the caller keeps them.
 *
 * Threads: a dy_dict is read-only once loaded and may be shared by any number of threads.
 * Every other object belongs to one thread at a time.  There is no global state.
 *
 * Errors: functions return a dy_status; details (file, line, reason) go to the diagnostic
 * callback given in the options, if any.  The library never exits or prints on its own.
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define DY_API __attribute__((visibility("default")))
#else
#define DY_API
#endif

#define DYAD_VERSION "0.1.0"

/* ------------------------------------------------------------------ status & diagnostics */

typedef enum dy_status {
    DY_OK = 0,
    DY_ENOMEM = 1,    /* an allocation failed */
    DY_EIO = 2,       /* a file could not be opened, read or written */
    DY_EPARSE = 3,    /* malformed input: a record or dictionary line could not be read */
    DY_EFORMAT = 4,   /* unknown or undetectable format, or unsupported compression */
    DY_ELIMIT = 5,    /* a configured size limit was exceeded */
    DY_EINVAL = 6,    /* an argument is invalid (NULL handle, bad option value) */
    DY_EEOF = 7,      /* end of input: no more records (not an error) */
    DY_ENOTFOUND = 8  /* a named file or entry does not exist */
} dy_status;

/* A short, static, English description of a status.  Never NULL. */
DY_API const char *dy_strerror(dy_status st);

typedef enum dy_severity { DY_NOTE = 0, DY_WARNING = 1, DY_ERROR = 2 } dy_severity;

/* One located diagnostic.  All pointers are valid only during the callback. */
typedef struct dy_diag {
    dy_severity severity;
    dy_status code;
    const char *file;   /* file name as given by the user, or "-" for stdin; may be NULL */
    long line;          /* 1-based line, 0 if not applicable */
    const char *record; /* record or story id, or NULL */
    long long byte;     /* byte offset in the (decompressed) input, -1 if unknown */
    const char *msg;    /* the reason, one line, no trailing newline */
} dy_diag;

typedef void (*dy_diag_fn)(void *ud, const dy_diag *d);

/* ------------------------------------------------------------------ dictionaries */

typedef struct dy_dict dy_dict;

typedef struct dy_dict_opts {
    dy_diag_fn diag;  /* receives warnings about odd dictionary lines and errors; may be NULL */
    void *diag_ud;
    size_t max_line_bytes;     /* 0 = default (64 KiB): a longer line of a dictionary, config
                                  or project file is skipped with a DY_WARNING (code DY_ELIMIT)
                                  naming file:line */
    size_t max_pattern_tokens; /* 0 = default (64): a verb pattern of more elements (words,
                                  synsets, slots, the verb marker, alternatives' words) is
                                  skipped with a DY_WARNING (code DY_ELIMIT) naming file:line */
} dy_dict_opts;

/*
 * Load and compile dictionaries.  The size limits of opts apply to dictionaries read from
 * text; a compiled image (.dyc, and the built-in dictionaries) holds what was compiled
 * under the limits in force then.  `path` is one of:
 *  - a PETRARCH config file (*.ini) naming actor/agent/verb/discard/issue files;
 *  - a TABARI .project file naming actors/verbs/agents/options files;
 *  - a directory: every recognised dictionary file in it is loaded;
 *  - a single dictionary file.
 * File names inside a config or project resolve relative to that file's folder.
 * On success *out is a read-only dictionary; on failure *out is NULL and at least one
 * DY_ERROR diagnostic was sent.  Odd-but-usable lines produce DY_WARNING diagnostics.
 */
DY_API dy_status dy_dict_load(const char *path, const dy_dict_opts *opts, dy_dict **out);

/* The dictionaries compiled into the library (our own, see data/builtin/). */
DY_API dy_status dy_dict_load_builtin(const dy_dict_opts *opts, dy_dict **out);

DY_API void dy_dict_free(dy_dict *d);

/* Counts for reporting: phrases in the actor, agent and verb dictionaries, patterns. */
typedef struct dy_dict_stats {
    size_t actors, agents, verbs, patterns, synsets, discards, words;
    double load_seconds;
} dy_dict_stats;
DY_API void dy_dict_get_stats(const dy_dict *d, dy_dict_stats *out);

/* ------------------------------------------------------------------ stories & events */

/* A story to code.  `date` is YYYYMMDD as an integer (20201116). */
typedef struct dy_story {
    const char *id;
    int32_t date;
    const char *text;  /* UTF-8 (the readers convert Latin-1); need not be NUL-terminated */
    size_t text_len;
    const char *title; /* optional, may be NULL */
    const char *source;/* optional, may be NULL */
    const char *url;   /* optional, may be NULL */
    const char *parse; /* optional Penn Treebank parse from PETRARCH XML; may be NULL */
    long line;         /* line of the input file where the record began, 0 if unknown */
    long long byte;    /* byte offset of the record in the decompressed input */
} dy_story;

/* A coded event.  Offsets are byte offsets into the sentence text (dy_event.sentence). */
typedef struct dy_event {
    const char *doc;        /* story id */
    int sent;               /* 1-based sentence number within the story */
    int32_t date;           /* YYYYMMDD */
    const char *source;     /* actor code, e.g. "IRQGOV"; "---" if unknown */
    const char *target;     /* actor code, or "---" */
    const char *code;       /* CAMEO event code as a string, e.g. "043" */
    int root;               /* first two digits of code, 1..20; 0 if not a CAMEO code */
    int quad;               /* quad class 1..4 (verbal/material cooperation/conflict); 0 unknown */
    double goldstein;       /* Goldstein score, -10..+10; 0 if unknown */
    const char *plover;     /* the code's PLOVER event type, e.g. "CONSULT"; "" if it has none */
    const char *plover_mode;    /* PLOVER mode, e.g. "visit"; "" if none */
    const char *plover_context; /* PLOVER context(s), ';'-separated ("crime;corruption"); ""
                                   if none.  The coder always sets all three (never NULL);
                                   an event built elsewhere (a store row) may leave them NULL
                                   for "not known". */
    const char *sentence;   /* the (normalised) sentence text */
    const char *source_text, *target_text, *verb_text;   /* matched words, "" if none */
    int source_start, source_end, target_start, target_end, verb_start, verb_end; /* -1 none */
    const char *issues;     /* issue codes found, comma-separated, "" if none */
} dy_event;

typedef struct dy_coder dy_coder;

/* Trace callback for dyad explain: one human-readable line per call (no newline). */
typedef void (*dy_trace_fn)(void *ud, const char *line);

typedef struct dy_coder_opts {
    dy_diag_fn diag;         /* may be NULL */
    void *diag_ud;
    dy_trace_fn trace;       /* NULL: no tracing (the fast path) */
    void *trace_ud;
    int require_dyad;        /* 1: drop events lacking a source or target; 0: keep them; -1 (the
                                default): as the dictionaries' config says (PETRARCH's
                                require_dyad option), which is 1 unless it says otherwise */
    int use_parse;           /* 1: when a story carries a Penn Treebank parse (PETRARCH XML),
                                code the words of the parse instead of its text, as PETRARCH
                                does, and reject the story if the parse is malformed.  Default
                                0: dyad never needs a parse. */
    size_t max_story_bytes;  /* 0 = default (16 MiB); longer stories are rejected with DY_ELIMIT */
    size_t max_sentence_tokens; /* 0 = default (4096); longer sentences are split at the limit */
    size_t max_token_bytes;  /* 0 = default (256): a longer word (a run of base64, a blob with no
                                spaces) is kept as an opaque word that matches no dictionary
                                entry, and one DY_WARNING (code DY_ELIMIT) per story names it */
} dy_coder_opts;

/* Fill opts with the defaults.  dy_coder_new(d, NULL) uses the same defaults. */
DY_API void dy_coder_opts_init(dy_coder_opts *opts);

/* A coder shares `d` (which must outlive it) and owns its scratch memory. NULL on ENOMEM. */
DY_API dy_coder *dy_coder_new(const dy_dict *d, const dy_coder_opts *opts);
DY_API void dy_coder_free(dy_coder *c);

/*
 * Code one story.  Its events are then pulled with dy_coder_next_event.  Coreference
 * ("he", "the minister") resolves within the story only; feeding a new story forgets the
 * previous one.  Returns DY_OK, DY_ELIMIT (story too long: nothing coded), DY_ENOMEM.
 * Over-long words (max_token_bytes) do not stop coding: the story is coded, with a warning.
 */
DY_API dy_status dy_coder_feed(dy_coder *c, const dy_story *s);

/* The next event of the last story fed, or NULL when there are no more.  The event and its
 * strings are owned by the coder and valid until the next dy_coder_feed or dy_coder_free. */
DY_API const dy_event *dy_coder_next_event(dy_coder *c);

/* Sentences found in the last story fed. */
DY_API int dy_coder_sentence_count(const dy_coder *c);

/* Set a TABARI/PETRARCH option by name, as an OPTION: record or config would
 * ("require_dyad", "code_by_sentence" ...).  DY_ENOTFOUND for an unknown name. */
DY_API dy_status dy_coder_set_option(dy_coder *c, const char *name, const char *value);

/* ------------------------------------------------------------------ reading stories */

typedef enum dy_format {
    DY_FMT_AUTO = 0, DY_FMT_TEXT, DY_FMT_JSONL, DY_FMT_XML, DY_FMT_TABARI
} dy_format;

/* "text", "jsonl", "xml", "tabari", "auto" -> format; -1 if unknown. */
DY_API int dy_format_from_name(const char *name);
DY_API const char *dy_format_name(dy_format f);

typedef struct dy_reader dy_reader;

typedef struct dy_reader_opts {
    dy_format format;        /* DY_FMT_AUTO detects from content (and the file name) */
    dy_diag_fn diag;         /* receives one DY_ERROR per rejected record; may be NULL */
    void *diag_ud;
    size_t max_record_bytes; /* 0 = default (64 MiB): a longer record (line, XML <Sentence>)
                                is rejected with DY_ELIMIT and skipped */
    size_t max_nesting;      /* 0 = default (256): the deepest nesting of JSON objects and
                                arrays in a JSON Lines record, or of XML elements in a
                                <Sentence> record (the record's own object or element is
                                level 1); a deeper record is rejected with DY_ELIMIT */
} dy_reader_opts;

/*
 * Open `path` ("-" for standard input).  gzip, zstd and xz input is detected by its magic
 * bytes and decompressed as it streams.  On failure *out is NULL and a diagnostic was sent.
 */
DY_API dy_status dy_reader_open(const char *path, const dy_reader_opts *opts, dy_reader **out);

/*
 * Read the next story into *story (owned by the reader, valid until the next call).
 * Returns DY_OK, DY_EEOF at the end, or DY_EIO/DY_ENOMEM on a failure that ends the input
 * (e.g. a truncated gzip stream; reported through diag).  Bad records are reported through
 * diag, counted, and skipped: they never end the input.
 */
DY_API dy_status dy_reader_next(dy_reader *r, dy_story *story);

typedef struct dy_reader_stats {
    long long records_read;     /* stories returned */
    long long records_rejected; /* records reported and skipped */
    long long bytes;            /* decompressed bytes consumed */
} dy_reader_stats;
DY_API void dy_reader_get_stats(const dy_reader *r, dy_reader_stats *out);
DY_API dy_format dy_reader_format(const dy_reader *r);
DY_API void dy_reader_close(dy_reader *r);

/* ------------------------------------------------------------------ validation records */

/* One expected event of a validation record. */
typedef struct dy_expected {
    const char *source, *target, *code;
} dy_expected;

typedef enum dy_valrec_kind {
    DY_VAL_RECORD = 0,   /* a sentence/story to code and compare */
    DY_VAL_OPTION = 1    /* a mid-file option change: name/value */
} dy_valrec_kind;

typedef struct dy_valrec {
    dy_valrec_kind kind;
    dy_story story;               /* kind == DY_VAL_RECORD */
    const char *category;         /* e.g. "DEMO", "ACTOR"; derived from the id for TABARI */
    int expect_none;              /* {+++} / noevents="True": no event expected */
    int expect_error;             /* PETRARCH error= records */
    int valid;                    /* 0 when the record is marked as not meant to pass */
    const dy_expected *expected;  /* n_expected entries */
    size_t n_expected;
    const char *opt_name, *opt_value; /* kind == DY_VAL_OPTION */
} dy_valrec;

typedef struct dy_valfile dy_valfile;

/* One dictionary file named explicitly, for dy_dict_load_files. */
typedef enum dy_dict_kind {
    DY_DICT_ACTORS = 0, DY_DICT_AGENTS, DY_DICT_VERBS, DY_DICT_DISCARDS, DY_DICT_ISSUES,
    DY_DICT_OPTIONS
} dy_dict_kind;
typedef struct dy_dict_file {
    dy_dict_kind kind;
    const char *path;
} dy_dict_file;

/* Load exactly these files (verb file formats are detected from their content). */
DY_API dy_status dy_dict_load_files(const dy_dict_file *files, size_t n,
                                    const dy_dict_opts *opts, dy_dict **out);

/*
 * Open a validation suite: a TABARI .project (its <textfile> holds the records, its other
 * files the dictionaries) or a PETRARCH XML file whose <Environment> names the dictionaries.
 * On failure *out is NULL and a diagnostic was sent.
 */
DY_API dy_status dy_valfile_open(const char *path, dy_diag_fn diag, void *diag_ud,
                                 dy_valfile **out);
/* The dictionary files the suite names, resolved against its folder (owned by the valfile;
 * *n == 0 if it names none).  Pass them to dy_dict_load_files. */
DY_API void dy_valfile_dict_files(const dy_valfile *v, const dy_dict_file **files, size_t *n);
/* Next record; DY_EEOF after the last (TABARI: at the FINAL record). */
DY_API dy_status dy_valfile_next(dy_valfile *v, const dy_valrec **rec);
DY_API void dy_valfile_close(dy_valfile *v);

#ifdef __cplusplus
}
#endif
#endif /* DYAD_H */
