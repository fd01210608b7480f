/*
 * coder.h - private structures of the coder (struct dy_coder): the per-sentence word
 * table, the actor entities found in it, and the events of the last story fed; and the few
 * functions the coder's files share (coder.c, names.c).
 * Module prefix cw_ (coder words) and ce_ (coder entities).
 */
#ifndef DY_CODER_H
#define DY_CODER_H

#include "code/code_opts.h"
#include "dict/dict.h"
#include "text/text.h"
#include "util/util.h"

#include <string.h>

/* Word types, after TABARI's word classes (manual chapter 7). */
enum {
    W_NONE = 0, W_ACTOR, W_AGENT, W_VERB, W_PRON, W_CONJ, W_DET, W_NOUN, W_ADJ, W_COMMA,
    W_BY, W_AUX, W_NUM, W_NEG, W_PREP
};

/* Per-word information beside the text_tok array handed to the matchers. */
typedef struct cw_info {
    uint8_t type;
    uint8_t deleted;          /* inside an eliminated comma clause */
    uint8_t in_compound;      /* a conjunction or comma that joins a compound phrase */
    uint8_t poss;             /* followed by a possessive 's that was dropped */
    uint8_t hyph;             /* a hyphen followed it in its token ("anti-", "US-led") */
    uint8_t quoted;           /* inside a quotation: after an odd number of '"' in the
                                 sentence (normalised text: typographic quotes are ASCII) */
    uint8_t name;             /* SET: PERSON NAMES: part of a capitalised name no actor was
                                 found for (NAME_PERSON or NAME_OTHER), 0 otherwise */
    int entity;               /* entity index covering this word, -1 */
    const verbd_verb *verb;   /* W_VERB: the verb and how many words it covers */
    size_t vlen;
} cw_info;

/* An actor entity: one phrase (actor, agent+actor, pronoun reference), possibly part of a
 * parsed compound group.  codes: one or more codes (coded compounds "A/B"). */
typedef struct ce_entity {
    size_t start, end;        /* words [start, end) */
    const char **codes;       /* ncodes codes (a coded compound "A/B" has several); sentence arena */
    int ncodes;
    int group;                /* compound group: entities with the same group act together */
    int pronoun;              /* a resolved pronoun */
    int has_agent;            /* an agent has been joined to it */
    int absorbed;             /* merged into another entity (removed at reindex) */
    int unknown;              /* an agent of unknown country ("---GOV") */
    const char *agent_code;   /* the last agent joined, if any */
    int agent_before;         /* that agent stood before the actor */
    int person;               /* a named person (SET: PERSON NAMES): a name given an actor's
                                 codes, or a title-led actor followed by a name */
    int full_name;            /* a person known by a full name: one the story's names
                                 found (names.c), or a dictionary entry headed by one --
                                 not a group's one word ("the Taliban") */
    const char *agent2_code;  /* a second agent coordinated with it ("lawmakers and officials
                                 in A"): every code is also joined with this one */
    int uid;                  /* creation number (1-based), stable across reindexing */
    int link_uid;             /* belongs to the compound group of the entity with this uid */
    const char *root_code;    /* its first code before any agent was joined */
    const char *text;         /* surface text for provenance (arena) */
    uint32_t cstart, cend;    /* character offsets in the sentence */
} ce_entity;

/* A country the story's actors have named, and how often (SET: STORY COUNTRY). */
typedef struct story_country {
    char code[4];
    int n;
} story_country;

/* A person the story has named (SET: PERSON NAMES): the name's last word and whole text
 * (upper case, story arena) and the codes of the actor it was given, or none (ncodes 0) when
 * no actor stood beside it. */
typedef struct story_person {
    const char *surname;
    const char *full;
    const char **codes;
    int ncodes;
} story_person;

/* cw_info.name */
enum { NAME_PERSON = 1, NAME_OTHER = 2 };

/* A closed-class word in the coder's look-up table (wclass_tab): its bytes packed into
 * key[0] and key[1] (byte i at bits 8 * (i % 8) of key[i / 8], the rest zero), its length
 * (0: an empty slot) and its WC_* bits. */
typedef struct wclass_slot {
    uint64_t key[2];
    uint32_t len, bits;
} wclass_slot;

/* An agent phrase found in a sentence, with its code (classify, attach_agents). */
typedef struct span_code {
    size_t start, end;
    const char *code;
    int agent;
} span_code;
typedef VEC(span_code) span_vec;

typedef struct coded_event {
    dy_event ev;
    int subordinate, dominant;
} coded_event;

struct dy_coder {
    const dy_dict *d;
    dy_coder_opts o;
    code_opts co;
    dy_buf norm;                  /* normalised story text */
    text_span_vec sents;
    text_tokenizer tk;
    VEC(text_tok) words;          /* filtered words of the current sentence */
    VEC(cw_info) info;
    dy_buf wup;                   /* upper-case forms of merged/split words */
    VEC(ce_entity) ents;
    VEC(verbd_actor) vacts;       /* entities as the pattern matcher sees them */
    VEC(int) vmap;                /* the entity (index in ents) of each vacts entry */
    VEC(text_tok) kept;           /* keep_clause, when a comma clause inside the clause was
                                     dropped: the clause's other words, which the patterns see */
    VEC(size_t) kept_at;          /* the word index of each kept word */
    VEC(size_t) kept_before;      /* kept words before each clause position; empty: none
                                     dropped */
    VEC(verbd_actor) kept_acts;   /* vacts at kept-word positions */
    span_vec ag, bare;            /* code_words: the sentence's agents, and those joined to
                                     no actor (kept here so that no sentence allocates) */
    dy_buf scratch;               /* join_one_agent, nested_agents: a string being built
                                     (neither calls the other) */
    dy_buf name_buf;              /* find_names: the name being looked at */
    VEC(size_t) commas;           /* drop_comma_clauses: the clause-separating commas */
    VEC(coded_event) evs;         /* events of the current story */
    size_t next_ev;
    dy_arena arena;               /* strings of the current story's events */
    dy_arena sarena;              /* scratch of the current sentence */
    dy_buf line;                  /* trace line */
    dy_buf issues;
    dy_buf parse_text;            /* use_parse: the words of the record's parse tree */
    /* story-level coreference memory */
    const char **last_subject;    /* codes of the last sentence subject (story arena) */
    int last_subject_n;
    const char *last_actor;       /* most recent actor code seen in the story */
    VEC(story_country) countries; /* SET: STORY COUNTRY: the countries named so far */
    VEC(story_person) persons;    /* SET: PERSON NAMES: the people named so far */
    const char **last_person_codes; /* codes of the last person of the story's earlier
                                       sentences (story arena); NULL with
                                       last_person_known 0: an unknown person */
    int last_person_n;
    int last_person_set;          /* 0: no person named yet */
    const char **last_body;       /* codes of the story's last armed group, party,
                                     opposition or NGO ("the group" means it; story arena) */
    int last_body_n;
    const char **last_armed;      /* codes of the story's last armed group ("the militant
                                     group", "the militia"; story arena) */
    int last_armed_n;
    int nsent;
    size_t opening_end;           /* default mode: words [0, opening_end) open the sentence as a
                                     prepositional phrase (see opening_phrase_end); 0 none */
    int story_discarded;          /* a story-level discard phrase was seen */
    dy_buf fwd_story, fwd_code;   /* TABARI FORWARD: story key and subject of the last record */
    /* closed-class word lists (coder.c): word -> id, wclass_mask.v[id] = its WC_* bits;
     * built once in dy_coder_new; each word of a sentence gets its bits in text_tok.word */
    dy_intern wclass;
    VEC(uint32_t) wclass_mask;
    size_t wclass_maxlen;         /* longest listed word (longer words are in no list) */
    /* filter in front of wclass: bit (b & 31) of wclass_first[len] / wclass_last[len] is set
     * when some listed word of that length starts / ends with byte b (len < WCLASS_FILTER_LEN;
     * no filtering when wclass_maxlen is not below it) */
    uint32_t wclass_first[16], wclass_last[16];
    /* the same words and bits as wclass/wclass_mask, packed for a look-up with no hashing
     * of bytes and no memcmp (open addressing, wclass_tab.n slots, a power of two); empty
     * when some listed word is longer than 16 bytes (wclass is used then) */
    VEC(wclass_slot) wclass_tab;
    const char *doc;
    int32_t date;
};

/* ---------------------------------------------------------------- shared by the coder's files */

/* Closed-class membership as bits: every word of a sentence is looked up once (push_word in
 * coder.c, whose word lists they name) and carries the bits of the lists it is in, in
 * text_tok.word. */
enum {
    WC_PRONOUNS = 1u << 0, WC_CONJS = 1u << 1, WC_DETS = 1u << 2, WC_AUXS = 1u << 3,
    WC_SUBORDINATORS = 1u << 4, WC_FUNCTION_WORDS = 1u << 5, WC_NEGS = 1u << 6,
    WC_BARE_ADVERBS = 1u << 7, WC_OPENERS = 1u << 8, WC_AUX_LIKE = 1u << 9,
    WC_TIME_WORDS = 1u << 10, WC_BY = 1u << 11, WC_OF_IN = 1u << 12, WC_FROM_FOR = 1u << 13,
    WC_MODALS = 1u << 14, WC_NOUN_PREPS = 1u << 15, WC_FIRST_PERSON = 1u << 16,
    WC_POSS_PRONOUNS = 1u << 17, WC_CONDITIONALS = 1u << 18, WC_ANALYSTS = 1u << 19,
    WC_TELL = 1u << 20, WC_NONE = 1u << 21,
    WC_PLACE_PREPS = 1u << 22,
    WC_BODY_NOUNS = 1u << 23, WC_ARMED_ADJS = 1u << 24,
    WC_QUANTITIES = 1u << 25, WC_MODIFIED = 1u << 26, WC_HEAD_OPENS = 1u << 27,
    WC_HEAD_NOT_AFTER = 1u << 28, WC_THE_NAMES = 1u << 29, WC_WISHES = 1u << 30
};

static inline int word_is(const text_tok *t, uint32_t bits) { return (t->word & bits) != 0; }

/* Is the upper-case word up one of a rule's own short list (NULL-terminated)?  For lists
 * too local to spend one of the word-class bits on. */
static inline int up_in(const char *up, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(up, *list))
            return 1;
    return 0;
}

/* Does the upper-case word end with this suffix, with at least one letter before it? */
static inline int word_ends(const text_tok *t, const char *suffix)
{
    size_t n = strlen(suffix);
    return t->uplen > n && !memcmp(t->up + t->uplen - n, suffix, n);
}

/* coder.c: a trace line (only when tracing is on); the words [a, b) joined by spaces for a
 * trace line (sentence arena, "" on ENOMEM); a new entity [start, end) with code (split at
 * '/'), 0 or -1 on ENOMEM; the entity table sorted by position and the words' entity
 * indexes rebuilt; whether entity E lies in the sentence's opening phrase while pos is
 * after it. */
void coder_trace(dy_coder *c, const char *fmt, ...) DY_PRINTF(2, 3);
const char *coder_span_words(dy_coder *c, size_t a, size_t b);
int coder_add_entity(dy_coder *c, size_t start, size_t end, const char *code, int pronoun);
void coder_reindex_entities(dy_coder *c);
int coder_in_opening(const dy_coder *c, const ce_entity *E, size_t pos);

/* names.c (SET: PERSON NAMES, default mode): find the sentence's names, give them actors
 * (0, -1 ENOMEM); the first person named before word i (entity, -2 a name with no actor,
 * -1 none); whether u is HE, SHE, HIS, HER or HIM; remember the sentence's person (its
 * subject, else the last person named) for later sentences (0, -1 ENOMEM); what stands in
 * the subject slot of the verb at vs (a person's entity, -2 a name with no actor, -1
 * anything else). */
int names_find(dy_coder *c);
int names_person_before(const dy_coder *c, size_t i);
int names_person_pronoun(const char *u);
int names_remember_person(dy_coder *c);
int names_subject(const dy_coder *c, size_t lo, size_t vs);

#endif
