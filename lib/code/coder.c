/*
 * coder.c - the event coder: story -> sentences -> words -> actors, agents, verbs ->
 * compounds, comma clauses, conjunction clauses -> pattern matches -> events.
 *
 * The rules follow TABARI's shallow parse (its manual, chapters 5-7): default source is the
 * first actor before the verb, default target the first actor after it with a different
 * code; parsed compounds "A and B" act as one actor and expand into one event per member;
 * comma-delimited nonrestrictive clauses are dropped; passive voice ("was attacked by")
 * swaps source and target; pronouns take the sentence's (or, failing that, the story's)
 * most recent fitting actor.  No parse tree is needed or used.
 */
#include "code/coder.h"

#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>

/* ---------------------------------------------------------------- tracing */

void coder_trace(dy_coder *c, const char *fmt, ...)
{
    if (!c->o.trace)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    buf_clear(&c->line);
    if (n < 0 || buf_reserve(&c->line, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(c->line.s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    c->line.len = (size_t)n;
    c->o.trace(c->o.trace_ud, c->line.s);
}

/* ---------------------------------------------------------------- lifecycle */

/* The words [a, b) of the sentence joined by spaces, for trace lines (sentence arena);
 * "" when out of memory. */
const char *coder_span_words(dy_coder *c, size_t a, size_t b)
{
    size_t n = 0;
    for (size_t k = a; k < b; k++)
        n += strlen(c->words.v[k].up) + 1;
    char *out = arena_alloc(&c->sarena, n + 1);
    if (!out)
        return "";
    char *p = out;
    for (size_t k = a; k < b; k++) {
        size_t len = strlen(c->words.v[k].up);
        if (k > a)
            *p++ = ' ';
        memcpy(p, c->words.v[k].up, len);
        p += len;
    }
    *p = 0;
    return out;
}

void dy_coder_opts_init(dy_coder_opts *o)
{
    memset(o, 0, sizeof *o);
    o->require_dyad = -1; /* the dictionaries' setting (a config's require_dyad), else 1 */
}

static int wclass_build(dy_coder *c);

dy_coder *dy_coder_new(const dy_dict *d, const dy_coder_opts *opts)
{
    if (!d)
        return NULL;
    dy_coder *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->d = d;
    if (opts)
        c->o = *opts;
    else
        dy_coder_opts_init(&c->o);
    if (!c->o.max_story_bytes)
        c->o.max_story_bytes = (size_t)16 << 20;
    if (!c->o.max_sentence_tokens)
        c->o.max_sentence_tokens = 4096;
    if (!c->o.max_token_bytes)
        c->o.max_token_bytes = 256; /* the longest word in real stories is under 100 bytes */
    c->co = d->opts;
    if (opts && opts->require_dyad >= 0)
        c->co.require_dyad = opts->require_dyad != 0;
    tok_init(&c->tk);
    c->tk.max_token = c->o.max_token_bytes;
    arena_init(&c->arena, 0);
    arena_init(&c->sarena, 0);
    intern_init(&c->wclass);
    if (wclass_build(c)) {
        dy_coder_free(c);
        return NULL;
    }
    return c;
}

void dy_coder_free(dy_coder *c)
{
    if (!c)
        return;
    buf_free(&c->norm);
    VEC_FREE(&c->sents);
    tok_free(&c->tk);
    VEC_FREE(&c->words);
    VEC_FREE(&c->info);
    buf_free(&c->wup);
    VEC_FREE(&c->ents);
    VEC_FREE(&c->vacts);
    VEC_FREE(&c->evs);
    VEC_FREE(&c->countries);
    VEC_FREE(&c->persons);
    arena_free(&c->arena);
    arena_free(&c->sarena);
    buf_free(&c->line);
    buf_free(&c->issues);
    buf_free(&c->parse_text);
    buf_free(&c->fwd_story);
    buf_free(&c->fwd_code);
    intern_free(&c->wclass);
    VEC_FREE(&c->wclass_mask);
    VEC_FREE(&c->wclass_tab);
    VEC_FREE(&c->vmap);
    VEC_FREE(&c->kept);
    VEC_FREE(&c->kept_at);
    VEC_FREE(&c->kept_before);
    VEC_FREE(&c->kept_acts);
    VEC_FREE(&c->ag);
    VEC_FREE(&c->bare);
    buf_free(&c->scratch);
    buf_free(&c->name_buf);
    VEC_FREE(&c->commas);
    free(c);
}

dy_status dy_coder_set_option(dy_coder *c, const char *name, const char *value)
{
    if (!c || !name)
        return DY_EINVAL;
    if (!value)
        value = "";
    if (!ascii_strcasecmp(name, "require_dyad")) {
        c->co.require_dyad = value[0] == '1' || !ascii_strncasecmp(value, "true", 4);
        return DY_OK;
    }
    if (!ascii_strcasecmp(name, "story_country")) {
        c->co.story_country = value[0] == '1' || !ascii_strncasecmp(value, "true", 4);
        return DY_OK;
    }
    if (!ascii_strcasecmp(name, "coref_story")) {
        c->co.coref_story = value[0] == '1' || !ascii_strncasecmp(value, "true", 4);
        return DY_OK;
    }
    int r = copt_apply_petr(&c->co, name, value);
    if (r >= 0)
        return r ? DY_OK : DY_ENOTFOUND;
    /* a TABARI options command, given whole or as "COMMAND:" + rest */
    dy_buf b;
    buf_init(&b);
    if (buf_printf(&b, "%s %s", name, value)) {
        buf_free(&b);
        return DY_ENOMEM;
    }
    r = copt_apply_tabari(&c->co, b.s);
    buf_free(&b);
    return r > 0 ? DY_OK : DY_ENOTFOUND;
}

int dy_coder_sentence_count(const dy_coder *c) { return c ? c->nsent : 0; }

/* ---------------------------------------------------------------- word lists */

static const char *const PRONOUNS[] = {"HE", "SHE", "IT", "THEY", "THEM", "HIS", "HER",
                                       "ITS", "THEIR", "HIM", NULL};
static const char *const CONJS[] = {"AND", "BUT", "OR", "NOR", NULL};
static const char *const DETS[] = {"THE", "A", "AN", NULL};
static const char *const AUXS[] = {"WAS", "WERE", "BEEN", "IS", "ARE", "BEING", NULL};
static const char *const SUBORDINATORS[] = {"AFTER", "BEFORE", "WHEN", "WHILE", "BECAUSE",
                                            "SINCE", "AS", "THAT", "IF", "UNTIL", "ONCE",
                                            "ALTHOUGH", "THOUGH", "WHERE", "WHEREAS", NULL};
static const char *const FUNCTION_WORDS[] = {"WITH", "TO", "FOR", "FROM", "ON", "AT", "AS",
                                             "INTO", "ABOUT", "AGAINST", "OVER", "UNDER",
                                             "THAN", "WHICH", "WHO", "WHOM", "TOWARD",
                                             "TOWARDS", "THROUGH", "VIA", "WITHOUT", NULL};
static const char *const NEGS[] = {"NOT", "NEVER", "N'T", "DIDN'T", "DOESN'T", "DON'T",
                                   "WON'T", "CAN'T", "CANNOT", "WOULDN'T", "ISN'T",
                                   "WASN'T", "AREN'T", "WEREN'T", "HASN'T", "HAVEN'T",
                                   "HADN'T", "COULDN'T", "SHOULDN'T", "SELDOM", "RARELY",
                                   "HARDLY", NULL};

/* Adverbs that can stand alone after a verb without being its object. */
static const char *const BARE_ADVERBS[] = {"TODAY", "YESTERDAY", "TONIGHT", "NOW", "AGAIN",
                                           "LATER", "EARLIER", "TOO", "ALSO", "THEN", "HERE",
                                           "THERE", "SO", NULL};


/* Prepositions that open a sentence-initial phrase (opening_phrase_end). */
static const char *const OPENERS[] = {"ON", "IN", "AT", "DURING", "DESPITE", "AMID", "SINCE",
                                      "FOLLOWING", "REGARDING", "CONCERNING", "OVER",
                                      "UNDER", "WITHIN", "ACROSS", "THROUGHOUT",
                                      /* time and linking words: "Last week, ...",
                                       * "Meanwhile, ..." */
                                      "LAST", "EARLIER", "LATER", "MEANWHILE", "HOWEVER",
                                      "YESTERDAY", "TODAY", "SEPARATELY", "THIS", "NEXT",
                                      /* a concession with no verb: "While highly critical
                                       * of the British government ..., he has warned" */
                                      "WHILE", "ALTHOUGH", "THOUGH", "WHEREAS", NULL};

/* Words a verb's subject noun phrase may be separated from it by ("toll HAS risen"). */
static const char *const AUX_LIKE[] = {"HAS", "HAVE", "HAD", "WILL", "WOULD", "CAN", "COULD",
                                       "SHOULD", "MAY", "MIGHT", "MUST", "SHALL", "DID",
                                       "DOES", "DO", NULL};

/* Time words, which head no actor's noun phrase ("on Monday"). */
static const char *const TIME_WORDS[] = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY",
    "SATURDAY", "SUNDAY", "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY",
    "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER", "DAY", "DAYS", "WEEK", "WEEKS",
    "MONTH", "MONTHS", "YEAR", "YEARS", "WEEKEND", "MORNING", "EVENING", "NIGHT", NULL};

/* Prepositions after which a verb's form is a noun or an adjective, not a verb ("amid
 * fears", "in talks", "of jailed X"); an -ING form after them stays a verb ("in calling
 * on"), and temporal ones (after, before, during) are left out: "after talks with X" is an
 * event. */
static const char *const NOUN_PREPS[] = {"OF", "IN", "AMID", "DESPITE", "FOR", "ABOUT", "OVER",
                                         "AGAINST", "UNDER", "WITHOUT", "BETWEEN", "AMONG",
                                         NULL};

/* First- and second-person pronouns: never a name, and inside a quotation they mean its
 * speaker ("We urge Afghanistan ...," the minister said). */
static const char *const FIRST_PERSON[] = {"I", "WE", "US", "OUR", "MY", "ME", "YOU", "YOUR",
                                           NULL};

/* Possessive determiners: a verb's form right after one is a noun ("their talks"). */
static const char *const POSS_PRONOUNS[] = {"HIS", "HER", "ITS", "THEIR", "OUR", "MY", "YOUR",
                                            NULL};

/* Commentators: a verb whose subject they are reports a view, not an event (default mode:
 * "..., experts said", "analysts say the move is aimed at ..."). */
static const char *const ANALYSTS[] = {"ANALYST", "ANALYSTS", "EXPERT", "EXPERTS", "OBSERVER",
                                       "OBSERVERS", "CRITIC", "CRITICS", "COMMENTATOR",
                                       "COMMENTATORS", "SCHOLAR", "SCHOLARS", "RESEARCHER",
                                       "RESEARCHERS", NULL};

/* Words that open a condition, or a wish: a verb shortly after one is not an event (default
 * mode; "would ... if" looks for the conditions only). */
static const char *const CONDITIONALS[] = {"IF", "WHETHER", "UNLESS", NULL};
static const char *const WISHES[] = {"HOPE", "HOPES", "HOPED", "HOPING", NULL};

/* Modals of mere possibility: a verb right after them codes nothing (default mode). */
static const char *const MODALS[] = {"COULD", "MIGHT", NULL};

/* Words that negate what a verb does from its object ("said nothing", "offered no
 * evidence"). */
static const char *const NONE_WORDS[] = {"NOTHING", "NO", "NONE", NULL};

/* Verbs of telling: the actor right after them is who is told (default mode). */
static const char *const TELL[] = {"TOLD", "TELL", "TELLS", "TELLING", NULL};

/* Prepositions of place: an actor right after them is where, not who (default mode). */
static const char *const PLACE_PREPS[] = {"IN", "AT", "ACROSS", "NEAR", "INSIDE", NULL};

/* "the group", "the militant group", "the militia": a body named earlier (default mode). */
static const char *const BODY_NOUNS[] = {"GROUP", "ORGANIZATION", "ORGANISATION", "MILITIA",
                                         "MOVEMENT", "OUTFIT", NULL};
static const char *const ARMED_ADJS[] = {"MILITANT", "TERROR", "TERRORIST", "REBEL", "ARMED",
                                         "SEPARATIST", "INSURGENT", "JIHADIST", "EXTREMIST",
                                         "ISLAMIST", NULL};

/* Counts before OF: "killed dozens of civilians" (default mode). */
static const char *const QUANTITIES[] = {"DOZENS", "HUNDREDS", "THOUSANDS", "SCORES", "TENS",
                                         "MILLIONS", "NUMBER", "GROUP", "GROUPS", NULL};

/* Nouns a state's name or adjective only describes: "the Hanoi summit", "Chinese social
 * media", "a Pakistani train", "China's rivals", "EU membership" (default mode). */
static const char *const MODIFIED[] = {"SUMMIT", "SOCIAL", "TRAIN", "RIVAL", "RIVALS",
                                       "OPINIONS", "MEMBERSHIP", "SPIRITS", "VEHICLES",
                                       "CARS", "ELECTRIC", "AMERICANS", "THINK", "TOURISTS",
                                       NULL};

/* Sub-headings glued to a sentence (heading_end): the capitalised word that only opens a
 * sentence, the words that may not stand right before it, and the names THE begins. */
static const char *const HEAD_OPENS[] = {"THE", "A", "AN", "ON", "IN", "AT", "AFTER", "SINCE",
                                         "DESPITE", "DURING", "WHILE", "WHEN", "THEN", "BOTH",
                                         "MORE", "LAST", "THIS", "SOME", "MANY", "ACCORDING",
                                         "MEANWHILE", "HOWEVER", "ANOTHER", NULL};
static const char *const HEAD_NOT_AFTER[] = {"BEFORE", "AFTER", "TO", "OF", "IN", "ON", "AT",
                                             "BY", "FOR", "FROM", "WITH", "INTO", "ABOUT",
                                             "AND", "OR", "BUT", "THAT", "TOLD", "SAID",
                                             "SAYS", "SAY", "CALLED", "NAMED", "TITLED",
                                             "THE", "A", "AN", "IS", "WAS", "ARE", "WERE",
                                             NULL};
static const char *const THE_NAMES[] = {"HAGUE", "GAMBIA", "NETHERLANDS", "BAHAMAS", "TIMES",
                                        "ECONOMIST", "GUARDIAN", "TELEGRAPH", "INDEPENDENT",
                                        "WASHINGTON", "NEW", "WALL", "DAILY", "ASSOCIATED",
                                        "HILL", "ATLANTIC", "DIPLOMAT", NULL};

static const char *const BY_WORD[] = {"BY", NULL};
static const char *const OF_IN[] = {"OF", "IN", NULL};
static const char *const FROM_FOR[] = {"FROM", "FOR", NULL};


static const struct {
    const char *const *list;
    uint32_t bit;
} WORD_CLASSES[] = {
    {PRONOUNS, WC_PRONOUNS}, {CONJS, WC_CONJS}, {DETS, WC_DETS}, {AUXS, WC_AUXS},
    {SUBORDINATORS, WC_SUBORDINATORS}, {FUNCTION_WORDS, WC_FUNCTION_WORDS}, {NEGS, WC_NEGS},
    {BARE_ADVERBS, WC_BARE_ADVERBS}, {OPENERS, WC_OPENERS}, {AUX_LIKE, WC_AUX_LIKE},
    {TIME_WORDS, WC_TIME_WORDS}, {BY_WORD, WC_BY}, {OF_IN, WC_OF_IN}, {FROM_FOR, WC_FROM_FOR},
    {MODALS, WC_MODALS}, {NOUN_PREPS, WC_NOUN_PREPS}, {FIRST_PERSON, WC_FIRST_PERSON},
    {POSS_PRONOUNS, WC_POSS_PRONOUNS}, {CONDITIONALS, WC_CONDITIONALS}, {WISHES, WC_WISHES},
    {ANALYSTS, WC_ANALYSTS}, {TELL, WC_TELL}, {NONE_WORDS, WC_NONE},
    {PLACE_PREPS, WC_PLACE_PREPS}, {BODY_NOUNS, WC_BODY_NOUNS}, {ARMED_ADJS, WC_ARMED_ADJS},
    {QUANTITIES, WC_QUANTITIES}, {MODIFIED, WC_MODIFIED}, {HEAD_OPENS, WC_HEAD_OPENS},
    {HEAD_NOT_AFTER, WC_HEAD_NOT_AFTER}, {THE_NAMES, WC_THE_NAMES}
};

/* Lengths covered by the wclass_first / wclass_last filter (their size in coder.h). */
#define WCLASS_FILTER_LEN 16

/* Longest word wclass_tab can hold (two 64-bit keys). */
#define WCLASS_PACK_MAX 16

/* Pack the word up[0..n) (n <= WCLASS_PACK_MAX) into key[0..1] (see wclass_slot). */
static inline void wclass_pack(const char *up, size_t n, uint64_t key[2])
{
    key[0] = key[1] = 0;
    for (size_t i = 0; i < n; i++)
        key[i >> 3] |= (uint64_t)(unsigned char)up[i] << ((i & 7) * 8);
}

/* The first slot of wclass_tab (nslots a power of two) to probe for a packed word. */
static inline size_t wclass_slot_of(const uint64_t key[2], size_t n, size_t nslots)
{
    uint64_t h = (key[0] ^ (key[1] * 0x9E3779B97F4A7C15ULL) ^ n) * 0xBF58476D1CE4E5B9ULL;
    return (size_t)(h >> 32) & (nslots - 1);
}

/* Fill c->wclass_tab from c->wclass and c->wclass_mask (every listed word at most
 * WCLASS_PACK_MAX bytes).  0, or -1 on ENOMEM. */
static int wclass_tab_build(dy_coder *c)
{
    size_t nwords = intern_count(&c->wclass), nslots = 16;
    while (nslots < 4 * nwords)
        nslots *= 2;
    if (VEC_RESERVE(&c->wclass_tab, nslots))
        return -1;
    memset(c->wclass_tab.v, 0, nslots * sizeof *c->wclass_tab.v);
    for (uint32_t id = 1; id <= nwords; id++) {
        wclass_slot w;
        w.len = intern_len(&c->wclass, id);
        w.bits = c->wclass_mask.v[id];
        wclass_pack(intern_str(&c->wclass, id), w.len, w.key);
        size_t i = wclass_slot_of(w.key, w.len, nslots);
        while (c->wclass_tab.v[i].len)
            i = (i + 1) & (nslots - 1);
        c->wclass_tab.v[i] = w;
    }
    c->wclass_tab.n = nslots;
    return 0;
}

/* Build the word -> class bits table of a new coder.  0, or -1 on ENOMEM. */
static int wclass_build(dy_coder *c)
{
    for (size_t k = 0; k < sizeof WORD_CLASSES / sizeof WORD_CLASSES[0]; k++) {
        for (const char *const *w = WORD_CLASSES[k].list; *w; w++) {
            size_t len = strlen(*w);
            uint32_t id = intern_add(&c->wclass, *w, len);
            if (!id)
                return -1;
            while (c->wclass_mask.n <= id)
                if (VEC_PUSH(&c->wclass_mask, 0))
                    return -1;
            c->wclass_mask.v[id] |= WORD_CLASSES[k].bit;
            if (len > c->wclass_maxlen)
                c->wclass_maxlen = len;
            if (len < WCLASS_FILTER_LEN) {
                c->wclass_first[len] |= 1u << ((unsigned char)(*w)[0] & 31);
                c->wclass_last[len] |= 1u << ((unsigned char)(*w)[len - 1] & 31);
            }
        }
    }
    return c->wclass_maxlen <= WCLASS_PACK_MAX ? wclass_tab_build(c) : 0;
}

/* The WC_* bits of an upper-case word. */
static uint32_t wclass_of(const dy_coder *c, const char *up, size_t n)
{
    if (n > c->wclass_maxlen || n == 0)
        return 0;
    if (c->wclass_maxlen < WCLASS_FILTER_LEN &&
        (!((c->wclass_first[n] >> ((unsigned char)up[0] & 31)) & 1) ||
         !((c->wclass_last[n] >> ((unsigned char)up[n - 1] & 31)) & 1)))
        return 0; /* no listed word of this length starts or ends like it */
    if (c->wclass_tab.n) { /* n <= wclass_maxlen <= WCLASS_PACK_MAX */
        uint64_t key[2];
        wclass_pack(up, n, key);
        size_t mask = c->wclass_tab.n - 1;
        for (size_t i = wclass_slot_of(key, n, c->wclass_tab.n);; i = (i + 1) & mask) {
            const wclass_slot *w = &c->wclass_tab.v[i];
            if (!w->len)
                return 0;
            if (w->len == n && w->key[0] == key[0] && w->key[1] == key[1])
                return w->bits;
        }
    }
    uint32_t id = intern_find(&c->wclass, up, n);
    return id ? c->wclass_mask.v[id] : 0;
}

/* ---------------------------------------------------------------- sentence -> words */

/* Append a word.  `up` must stay valid and NUL-terminated at up[n] while the sentence is
 * coded: a token's upper form, a string constant, or a copy in wup (whose room build_words
 * reserved beforehand, so it does not move).  Room for the word in c->words and c->info was
 * reserved by build_words too. */
static void push_word(dy_coder *c, const char *up, size_t n, uint32_t start, uint32_t end,
                      uint32_t flags)
{
    text_tok *w = &c->words.v[c->words.n++];
    w->up = up;
    w->uplen = (uint32_t)n;
    w->start = start;
    w->end = end;
    w->flags = flags;
    w->word = wclass_of(c, up, n);
    cw_info *inf = &c->info.v[c->info.n++];
    memset(inf, 0, sizeof *inf);
    inf->entity = -1;
}

/* A news dateline at the start of a story: upper-case words (and commas or slashes), an optional
 * "(Agency)", then a dash: "BAGHDAD (Reuters) -".  Returns the index of the first token
 * after it, or 0 if there is none. */
static size_t dateline_end(const text_tok *tk, size_t nt)
{
    size_t i = 0;
    while (i < nt && i < 6 &&
           ((tk[i].flags & TOK_ALLCAP) || (tk[i].flags & TOK_COMMA) ||
            (i > 0 && tk[i].uplen == 1 && tk[i].up[0] == '/'))) /* "ISLAMABAD/PENTAGON -" */
        i++;
    if (i == 0 || i >= nt)
        return 0;
    if (tk[i].uplen == 1 && tk[i].up[0] == '(') {
        size_t j = i + 1;
        while (j < nt && j < i + 5 && !(tk[j].uplen == 1 && tk[j].up[0] == ')'))
            j++;
        if (j >= nt || tk[j].up[0] != ')')
            return 0;
        i = j + 1;
    }
    if (i < nt && (tk[i].flags & TOK_PUNCT) && tk[i].uplen == 1 && tk[i].up[0] == '-')
        return i + 1;
    return 0;
}

/* Default mode: a transcript's speaker label opening a sentence -- one to three capitalised
 * words and a colon ("VOA: During your visit ...", "Armitage: China has always said ...").
 * The label names who speaks, not an actor of the sentence.  Returns the number of tokens
 * it takes, colon included, or 0. */
static size_t speaker_label_end(const text_tok *tk, size_t nt)
{
    size_t i = 0;
    while (i < nt && i < 3 && (tk[i].flags & TOK_CAP) && !(tk[i].flags & TOK_PUNCT))
        i++;
    if (i == 0 || i >= nt || !(tk[i].flags & TOK_PUNCT) || tk[i].uplen != 1 ||
        tk[i].up[0] != ':')
        return 0;
    return i + 1;
}

/* Default mode: a story's sub-heading glued to the sentence after it, as news text without
 * paragraph breaks has it ("BLA surges The United States and Pakistan have ...", "Media
 * outlets closed On another front, NISA said ...", "Financial strain Both Dadaab and
 * Kakuma camps ..."): one to six words opening with a capital, then a capitalised word
 * that only opens a sentence (HEAD_OPENS) after a word with no punctuation that is none of
 * HEAD_NOT_AFTER -- prepositions, conjunctions, verbs of saying ("The case went before The
 * Hague" is none; nor THE before THE_NAMES: "The Hague", "The Gambia" ...).  The tokens
 * have no word classes yet: they are looked up here.  Returns the number of tokens of the
 * heading, or 0. */
static size_t heading_end(const dy_coder *c, const text_tok *tk, size_t nt)
{
    if (nt < 4 || !(tk[0].flags & TOK_CAP) || (tk[0].flags & TOK_PUNCT))
        return 0;
    for (size_t i = 1; i < nt && i <= 6; i++) {
        const text_tok *p = &tk[i - 1], *t = &tk[i];
        if ((p->flags & TOK_PUNCT) && !(p->flags & TOK_COMMA))
            return 0;
        if (!(t->flags & TOK_CAP) || (t->flags & (TOK_PUNCT | TOK_ALLCAP)) ||
            !(wclass_of(c, t->up, t->uplen) & WC_HEAD_OPENS))
            continue;
        if ((p->flags & (TOK_PUNCT | TOK_POSS)) ||
            (wclass_of(c, p->up, p->uplen) & (WC_HEAD_NOT_AFTER | WC_HEAD_OPENS)))
            return 0;
        if (!strcmp(t->up, "THE") && i + 1 < nt &&
            (wclass_of(c, tk[i + 1].up, tk[i + 1].uplen) & WC_THE_NAMES))
            return 0;
        return i;
    }
    return 0;
}

/*
 * TABARI's input filtering on our tokens: punctuation other than commas (and semicolons,
 * which become commas) is dropped, hyphenated words are split into their parts, a
 * possessive 's is dropped (its word is marked).
 */
static int build_words(dy_coder *c, size_t from, size_t *next)
{
    c->words.n = c->info.n = 0;
    buf_clear(&c->wup);
    const text_tok *tk = c->tk.toks.v;
    size_t nt = c->tk.toks.n;
    /* at most one word per byte of a token's upper form (hyphen parts) or per token (the
     * comma of a ';'); the hyphen parts' copies with their NULs take at most the tokenizer's
     * upper-form bytes: reserved now so that words can point into wup */
    size_t max_words = c->tk.up.len + nt + 1;
    if (VEC_RESERVE(&c->words, max_words) || VEC_RESERVE(&c->info, max_words) ||
        buf_reserve(&c->wup, c->tk.up.len + 1))
        return -1;
    size_t first = from;
    if (from == 0 && c->nsent == 1) {
        first = dateline_end(tk, nt);
        if (first)
            coder_trace(c, "dateline: first %zu tokens skipped", first);
    }
    if (!c->co.tabari) {
        size_t label = speaker_label_end(tk + first, nt - first);
        if (label) {
            coder_trace(c, "speaker label: first %zu tokens skipped", label);
            first += label;
        }
    }
    /* a sub-heading glued to the sentence is coded as a piece of its own */
    size_t heading = c->co.tabari || from ? 0 : heading_end(c, tk + first, nt - first);
    if (heading)
        coder_trace(c, "sub-heading: first %zu words coded on their own", heading);
    *next = nt;
    for (size_t i = first; i < nt; i++) {
        const text_tok *t = &tk[i];
        if (c->words.n >= c->o.max_sentence_tokens || (heading && i == first + heading)) {
            *next = i; /* the rest is coded as a sentence of its own */
            break;
        }
        if (t->flags & TOK_POSS) {
            if (c->info.n) {
                c->info.v[c->info.n - 1].poss = 1;
                c->words.v[c->words.n - 1].flags |= TOK_POSS;
            }
            continue;
        }
        if (t->flags & TOK_PUNCT) {
            /* "anti- Gondor": a hyphen glued to the word before it */
            if (t->uplen == 1 && t->up[0] == '-' && c->words.n &&
                c->words.v[c->words.n - 1].end == t->start)
                c->info.v[c->info.n - 1].hyph = 1;
            if ((t->flags & TOK_COMMA) || (t->uplen == 1 && t->up[0] == ';'))
                push_word(c, ",", 1, t->start, t->end, TOK_PUNCT | TOK_COMMA);
            continue;
        }
        /* split on hyphens (TABARI turns '-' into blanks; dictionaries use '_') */
        const char *u = t->up;
        size_t n = t->uplen, p = 0;
        int split = (t->flags & (TOK_HYPHEN | TOK_NUM)) == TOK_HYPHEN; /* tok_run's flag */
        if (!split) {
            push_word(c, u, n, t->start, t->end, t->flags); /* tokens end with a NUL */
            continue;
        }
        uint32_t flags = t->flags;
        while (p < n) {
            size_t q = p;
            while (q < n && u[q] != '-')
                q++;
            if (q > p) {
                /* map offsets approximately: same byte layout in source when ASCII */
                uint32_t s0 = t->start + (uint32_t)p, e0 = t->start + (uint32_t)q;
                if (e0 > t->end) e0 = t->end;
                if (s0 > t->end) s0 = t->end;
                char *part = c->wup.s + c->wup.len;
                memcpy(part, u + p, q - p);
                part[q - p] = 0;
                c->wup.len += q - p + 1;
                push_word(c, part, q - p, s0, e0, flags);
                c->info.v[c->info.n - 1].hyph = q < n;
                flags &= ~(uint32_t)TOK_FIRST;
            }
            p = q + 1;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- entities */

static const char *sdup(dy_coder *c, const char *s, size_t n)
{
    return arena_strndup(&c->sarena, s, n);
}

/* Split "A/B/C" into entity codes. */
static int set_codes(dy_coder *c, ce_entity *e, const char *code)
{
    int n = 1;
    for (const char *p = code; *p; p++)
        n += *p == '/';
    e->codes = arena_alloc(&c->sarena, sizeof(char *) * (size_t)n);
    if (!e->codes)
        return -1;
    e->ncodes = 0;
    const char *p = code;
    while (*p) {
        const char *q = strchr(p, '/');
        size_t len = q ? (size_t)(q - p) : strlen(p);
        if (len) {
            const char *s = sdup(c, p, len);
            if (!s)
                return -1;
            e->codes[e->ncodes++] = s;
        }
        if (!q)
            break;
        p = q + 1;
    }
    return 0;
}

int coder_add_entity(dy_coder *c, size_t start, size_t end, const char *code, int pronoun)
{
    ce_entity e;
    memset(&e, 0, sizeof e);
    e.start = start;
    e.end = end;
    e.group = (int)c->ents.n;
    e.uid = (int)c->ents.n + 1;
    e.pronoun = pronoun;
    if (set_codes(c, &e, code))
        return -1;
    e.root_code = e.ncodes ? e.codes[0] : "---";
    if (VEC_PUSH(&c->ents, e))
        return -1;
    for (size_t k = start; k < end; k++)
        c->info.v[k].entity = (int)c->ents.n - 1;
    return 0;
}

static const char *join_one_agent(dy_coder *c, const char *actor, const char *agent);

/* Join an agent code ("~GOV" suffix or "NGO~" prefix) to an actor code, skipping a
 * duplicate aligned on CAMEO's 3-character boundaries.  `agent` may hold several agent
 * codes separated by '|' (nested agent phrases, see nested_agents): they are joined in
 * turn. */
static const char *join_agent(dy_coder *c, const char *actor, const char *agent)
{
    const char *bar = strchr(agent, '|');
    if (!bar)
        return join_one_agent(c, actor, agent);
    const char *res = actor;
    const char *p = agent;
    while (res) {
        bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        const char *one = sdup(c, p, len);
        res = one ? join_one_agent(c, res, one) : NULL;
        if (!bar)
            break;
        p = bar + 1;
    }
    return res;
}

static const char *join_one_agent(dy_coder *c, const char *actor, const char *agent)
{
    size_t al = strlen(agent);
    dy_buf *b = &c->scratch;
    buf_clear(b);
    const char *res = NULL;
    if (al && agent[0] == '~') {
        const char *suf = agent + 1;
        size_t sl = al - 1, ac = strlen(actor);
        int dup = 0;
        for (size_t k = 3; k + sl <= ac; k += 3)
            if (!strncmp(actor + k, suf, sl))
                dup = 1;
        if (buf_puts(b, actor) || (!dup && buf_append(b, suf, sl)))
            goto out;
    } else if (al && agent[al - 1] == '~') {
        size_t pl = al - 1;
        if (!strncmp(actor, agent, pl)) {
            if (buf_puts(b, actor))
                goto out;
        } else if (buf_append(b, agent, pl) || buf_puts(b, actor)) {
            goto out;
        }
    } else {
        if (buf_puts(b, actor) || buf_puts(b, agent))
            goto out;
    }
    res = sdup(c, b->s, b->len);
out:
    return res;
}

/* ---------------------------------------------------------------- classification */

/* Default mode, after PETRARCH: an agent phrase also carries the agents whose phrases lie
 * inside it, starting at a later word ("main opposition group" = MAIN_OPPOSITION_GROUP ~MOP
 * and OPPOSITION_GROUP ~OPP; "human rights activists" = HGM~ and RIGHTS_ACTIVIST SGM~).
 * Returns `code` with the nested codes appended, '|'-separated, or NULL on ENOMEM. */
static const char *nested_agents(dy_coder *c, size_t start, size_t end, const char *code)
{
    dy_buf *b = &c->scratch;
    buf_clear(b);
    if (buf_puts(b, code))
        return NULL;
    int added = 0;
    for (size_t k = start + 1; k < end; k++) {
        actd_match m;
        if (!actd_match_at(c->d->actors, c->words.v, c->words.n, k, 1, &m) || m.end > end)
            continue;
        const char *inner = actd_code_on(m.entry, c->date);
        if (!inner || !*inner || !strcmp(inner, "---") || !strcmp(inner, code))
            continue;
        if (buf_putc(b, '|') || buf_puts(b, inner))
            return NULL;
        added = 1;
        coder_trace(c, "agent  [%zu-%zu) %s nested -> %s", m.start, m.end, m.entry->name, inner);
    }
    return added ? sdup(c, b->s, b->len) : code;
}

enum { SENT_OK = 0, SENT_DISCARD = 1, SENT_COMPLEX = 2 };

/*
 * Find actors, agents, verbs and the closed word classes; join agents to actors; build the
 * entity list.  Returns SENT_* or -1 on ENOMEM.
 */
/* Default mode: does a determiner stand at most three words before word i, with only
 * adjectives, hyphen prefixes and the actors they modify between, at least one of them a
 * hyphen prefix ("an anti- Gondor parade", "the US-led attack")?  Then word i is a noun. */
static int after_hyphen_modifier(const dy_coder *c, size_t i)
{
    int hyph = 0;
    for (size_t k = i, seen = 0; k > 0 && seen < 3; k--, seen++) {
        const cw_info *p = &c->info.v[k - 1];
        if (p->type == W_DET || word_is(&c->words.v[k - 1], WC_DETS))
            return hyph && seen > 0;
        if (p->hyph)
            hyph = 1;
        else if (p->type != W_ACTOR && p->type != W_ADJ)
            return 0;
    }
    return 0;
}

/* Is the word a verb whose own code is a statement (01x: say, tell, note ...)? */
static int statement_verb(const cw_info *inf)
{
    return inf->type == W_VERB && inf->verb && !strncmp(verbd_verb_code(inf->verb), "01", 2);
}

/* Is this the word before "of" that makes what follows an allegation ("accused of",
 * "suspected of", "charged with" has no OF), by its start: ACCUS-, SUSPECT-, CONVICT-,
 * ALLEG-, GUILTY? */
static int alleged_before(const text_tok *t)
{
    static const char *const STEMS[] = {"ACCUS", "SUSPECT", "CONVICT", "ALLEG", "GUILTY", NULL};
    for (int k = 0; STEMS[k]; k++)
        if (!strncmp(t->up, STEMS[k], strlen(STEMS[k])))
            return 1;
    return 0;
}

static int classify(dy_coder *c, span_vec *ag)
{
    const text_tok *w = c->words.v;
    size_t n = c->words.n;
    const actd *A = c->d->actors;
    const verbd *V = c->d->verbs;
    /* with a PETRARCH discards list (default mode), an actor coded [###] is an ordinary
     * code, as in PETRARCH: discarding is that list's job */
    int petr_discards = !c->co.tabari && verbd_count_discards(V) > 0;
    int allcaps = 1;
    for (size_t i = 0; i < n; i++)
        if ((w[i].flags & TOK_WORD) && !(w[i].flags & TOK_ALLCAP) && (w[i].flags & TOK_CAP) == 0) {
            allcaps = 0;
            break;
        }
    for (size_t i = 0; i < n;) {
        cw_info *inf = &c->info.v[i];
        if (w[i].flags & TOK_COMMA) {
            inf->type = W_COMMA;
            i++;
            continue;
        }
        actd_match am, gm;
        int found = actd_match_actor_agent(A, w, n, i, &am, &gm);
        int ha = found & 1, hg = (found >> 1) & 1;
        size_t vlen = 0;
        const verbd_verb *vb = verbd_find(V, w, n, i, &vlen);
        size_t alen = ha ? am.end - am.start : 0, glen = hg ? gm.end - gm.start : 0;
        if (vb && vlen > alen && vlen > glen) {
            ha = hg = 0;
        }
        /* a one-word actor of one to three letters ("US", "UN", "EU") must not be written
         * all in lower case in mixed-case text: "told us" is not the United States, "G7" and
         * "Xi" are fine */
        if (ha && alen == 1 && !allcaps && w[i].uplen <= 3 && !(w[i].flags & (TOK_ALLCAP | TOK_CAP)) &&
            !(w[i].flags & TOK_NUM)) {
            coder_trace(c, "actor  %s skipped: short actor not in capitals", w[i].up);
            ha = 0;
            alen = 0;
        }
        /* "IS", the Islamic State, is also the commonest verb: only written in capitals in
         * mixed-case text ("airstrikes against IS in Syria"; not "Is Iran ready", nor an
         * all-capitals headline) */
        if (ha && alen == 1 && w[i].uplen == 2 && !strcmp(w[i].up, "IS") &&
            (allcaps || !(w[i].flags & TOK_ALLCAP))) {
            coder_trace(c, "actor  %s skipped: IS not in capitals in mixed-case text", w[i].up);
            ha = 0;
            alen = 0;
        }
        if (ha && alen >= glen) {
            const char *code = actd_code_on(am.entry, c->date);
            if (!code || !strcmp(code, "---")) {
                for (size_t k = am.start; k < am.end; k++)
                    c->info.v[k].type = W_NOUN;
            } else if (!strcmp(code, "###") && !petr_discards) {
                coder_trace(c, "discard: actor %s has the discard code", am.entry->name);
                return SENT_DISCARD;
            } else if (!strcmp(code, "+++")) {
                coder_trace(c, "complex: actor %s has the complex code", am.entry->name);
                return SENT_COMPLEX;
            } else {
                for (size_t k = am.start; k < am.end; k++)
                    c->info.v[k].type = W_ACTOR;
                if (coder_add_entity(c, am.start, am.end, code, 0))
                    return -1;
                c->ents.v[c->ents.n - 1].person = actd_entry_is_person(am.entry);
                c->ents.v[c->ents.n - 1].full_name = actd_entry_is_named_person(am.entry);
                if (c->o.trace)
                    coder_trace(c, "actor  [%zu-%zu) %s (entry %s) -> %s", am.start, am.end,
                          coder_span_words(c, am.start, am.end), am.entry->name, code);
            }
            i = am.end;
            continue;
        }
        /* default mode: a role joined by a hyphen to a participle ("government-run
         * Vietnam Investment Review", "government-appointed judges") only describes what
         * follows: no agent */
        if (hg && !c->co.tabari && c->info.v[gm.end - 1].hyph && gm.end < n) {
            static const char *const RUN[] = {"RUN", "BACKED", "APPOINTED", "OWNED",
                                              "CONTROLLED", "FUNDED", "SPONSORED", NULL};
            if (up_in(w[gm.end].up, RUN)) {
                coder_trace(c, "agent  %s-%s describes what follows: no agent",
                            w[gm.end - 1].up, w[gm.end].up);
                hg = 0;
            }
        }
        if (hg) {
            const char *code = actd_code_on(gm.entry, c->date);
            if (code && strcmp(code, "---") && !c->co.tabari) {
                code = nested_agents(c, gm.start, gm.end, code);
                if (!code)
                    return -1;
            }
            if (code && strcmp(code, "---")) {
                for (size_t k = gm.start; k < gm.end; k++)
                    c->info.v[k].type = W_AGENT;
                span_code sc = {gm.start, gm.end, code, 1};
                if (VEC_PUSH(ag, sc))
                    return -1;
                if (c->o.trace)
                    coder_trace(c, "agent  [%zu-%zu) %s (entry %s) -> %s", gm.start, gm.end,
                          coder_span_words(c, gm.start, gm.end), gm.entry->name, code);
            } else {
                for (size_t k = gm.start; k < gm.end; k++)
                    c->info.v[k].type = W_NOUN;
            }
            i = gm.end;
            continue;
        }
        if (vb) {
            int noun = 0;
            if (i > 0 && word_is(&w[i - 1], WC_DETS))
                noun = 1;
            else if (!c->co.tabari && after_hyphen_modifier(c, i))
                noun = 1;
            else if (!c->co.tabari && i > 0 && !word_ends(&w[i], "ING") &&
                     (word_is(&w[i - 1], WC_NOUN_PREPS | WC_POSS_PRONOUNS) ||
                      (c->info.v[i - 1].poss && !word_is(&w[i - 1], WC_TIME_WORDS))) &&
                     !(!strcmp(w[i - 1].up, "UNDER") && i + 1 < n &&
                       (!strcmp(w[i + 1].up, "FROM") || !strcmp(w[i + 1].up, "BY"))))
                noun = 1; /* "amid fears", "the son of jailed X", "Beijing's promises", "their
                           * offers"; not "in calling on", "Tuesday's attack", nor "under
                           * fire from X", which the verb's patterns read */
            else if (!c->co.tabari && i > 1 && word_ends(&w[i], "ING") &&
                     !strcmp(w[i - 1].up, "OF") && alleged_before(&w[i - 2]))
                noun = 1; /* "accused of supporting rebels": the act alleged is no event */
            else if (!c->co.tabari && !strcmp(w[i].up, "AID") &&
                     !(i > 0 && (!strcmp(w[i - 1].up, "TO") || word_is(&w[i - 1], WC_AUX_LIKE))) &&
                     !(i + 1 < n && !strcmp(w[i + 1].up, "TO")))
                noun = 1; /* "boosting aid for Kyiv", "more aid from Beijing": the bare AID
                           * codes only after TO or an auxiliary ("to aid the rebels") or
                           * before TO ("military aid to Egypt") */
            else if (!allcaps && (w[i].flags & TOK_CAP) && !(w[i].flags & TOK_FIRST) &&
                     !(w[i].flags & TOK_ALLCAP))
                noun = 1;
            if (noun) {
                inf->type = W_NOUN;
                coder_trace(c, "noun   [%zu] %s (verb shifted to noun)", i, w[i].up);
            } else {
                inf->type = W_VERB;
                inf->verb = vb;
                inf->vlen = vlen ? vlen : 1;
                for (size_t k = i + 1; k < i + inf->vlen && k < n; k++)
                    c->info.v[k].type = W_VERB;
                coder_trace(c, "verb   [%zu-%zu) %s [%s]", i, i + inf->vlen, verbd_verb_name(vb),
                      verbd_verb_code(vb));
                i += inf->vlen;
                continue;
            }
            i++;
            continue;
        }
        if (word_is(&w[i], WC_PRONOUNS))
            inf->type = W_PRON;
        else if (word_is(&w[i], WC_CONJS))
            inf->type = W_CONJ;
        else if (word_is(&w[i], WC_DETS))
            inf->type = W_DET;
        else if (word_is(&w[i], WC_BY))
            inf->type = W_BY;
        else if (word_is(&w[i], WC_AUXS))
            inf->type = W_AUX;
        else if (word_is(&w[i], WC_NEGS))
            inf->type = W_NEG;
        else if (word_is(&w[i], WC_OF_IN) || (!c->co.tabari && word_is(&w[i], WC_FROM_FOR)))
            inf->type = W_PREP;
        else if (w[i].flags & TOK_NUM)
            inf->type = W_NUM;
        else if (actd_is_noun(A, &w[i]))
            inf->type = W_NOUN;
        else if (actd_is_adjective(A, &w[i]))
            inf->type = W_ADJ;
        i++;
    }
    return SENT_OK;
}

/* Entity whose span ends right before word i (skipping nothing), or -1. */
static int entity_ending_at(dy_coder *c, size_t i)
{
    if (i == 0)
        return -1;
    return c->info.v[i - 1].entity;
}

/*
 * Agents join the actor immediately before or after them, or after OF/IN (+THE): the joined
 * phrase becomes one entity.  "FORMER" before the pair turns the agent into ELI.  Unattached
 * agents become actors on their own only under CONVERT AGENTS; otherwise they are kept as
 * "bare" agents for story-level resolution ("the minister").
 */
static int is_compound_conj(const dy_coder *c, size_t j);

/* Give entity E, besides each code joined with its agent, the same root joined with a
 * second agent `agent2` ("lawmakers and officials in Fornost": FORGOV and FORLEG).  `roots`
 * are the codes before the first agent was joined.  0 ok, -1 ENOMEM. */
static int add_second_agent(dy_coder *c, ce_entity *E, const char *const *roots, int nroots,
                            const char *agent2)
{
    const char **codes = arena_alloc(&c->sarena, sizeof(char *) * (size_t)(E->ncodes + nroots));
    if (!codes)
        return -1;
    int n = 0;
    for (int k = 0; k < nroots; k++) {
        const char *jc = join_agent(c, roots[k], agent2);
        if (!jc)
            return -1;
        codes[n++] = jc;
    }
    for (int k = 0; k < E->ncodes; k++)
        codes[n++] = E->codes[k];
    E->codes = codes;
    E->ncodes = n;
    E->agent2_code = agent2;
    return 0;
}

static int bare_state(const ce_entity *E);
static int state_prefix(const char *code);
static int state_organ(const char *agent);

static int attach_agents(dy_coder *c, span_vec *ag, span_vec *bare)
{
    const text_tok *w = c->words.v;
    size_t n = c->words.n;
    for (size_t a = 0; a < ag->n; a++) {
        span_code *g = &ag->v[a];
        const char *acode = g->code;
        int former = g->start > 0 && !strcmp(w[g->start - 1].up, "FORMER");
        int e = -1;
        /* actor right after: "President Peres", or after OF/IN (THE): "president of Israel" */
        size_t j = g->end;
        int ea = -1;
        if (j < n && c->info.v[j].entity >= 0)
            e = ea = c->info.v[j].entity;
        else if (j < n && c->info.v[j].type == W_PREP) {
            size_t k = j + 1;
            if (k < n && c->info.v[k].type == W_DET)
                k++;
            if (k < n && c->info.v[k].entity >= 0) {
                e = c->info.v[k].entity;
                /* default mode: "the leader of Afghanistan's Taliban insurgency": a state
                 * with a possessive only places the actor or name after it, whose agent
                 * this is */
                size_t ke = c->ents.v[e].end;
                if (!c->co.tabari && c->info.v[ke - 1].poss && ke < n &&
                    bare_state(&c->ents.v[e])) {
                    if (c->info.v[ke].entity >= 0 && c->info.v[ke].entity != e)
                        e = c->info.v[ke].entity;
                    else if (c->info.v[ke].type == W_NONE && (w[ke].flags & TOK_CAP) &&
                             !(w[ke].flags & TOK_FIRST))
                        e = -1; /* "president of Cameroon's Interprofessional Association
                                 * of Poultry Farmers": a body we do not know */
                }
            }
        }
        /* actor right before: "Israeli president"; before wins if both, as in
         * "Israeli President Peres" both are the same country anyway */
        int eb = entity_ending_at(c, g->start);
        if (eb < 0 && !c->co.tabari) {
            /* "Iraq's new defense minister": up to two modifier words between, which may
             * be joined by a conjunction ("Ithilen's awful and evil minister") */
            for (size_t k = g->start, mods = 0; k > 0 && mods < 3; k--) {
                const cw_info *pi = &c->info.v[k - 1];
                if (pi->entity >= 0 && mods > 0) {
                    eb = pi->entity;
                    break;
                }
                if (mods == 1 && pi->type == W_CONJ && k >= 2 &&
                    c->info.v[k - 2].type == W_NONE && strcmp(c->words.v[k - 1].up, "BUT"))
                    continue; /* "awful AND evil": the conjunction joins two modifiers */
                if (pi->type != W_NONE || (c->words.v[k - 1].flags & TOK_NUM) ||
                    word_is(&c->words.v[k - 1], WC_FUNCTION_WORDS))
                    break;
                mods++;
            }
        }
        if (eb >= 0 && !c->ents.v[eb].pronoun)
            e = eb;
        if (e >= 0 && c->ents.v[e].has_agent &&
            (c->co.tabari || !strcmp(c->ents.v[e].agent_code, acode)))
            e = -1;
        if (e >= 0 && !former && c->ents.v[e].start > 0 &&
            !strcmp(w[c->ents.v[e].start - 1].up, "FORMER"))
            former = 1;
        if (former)
            acode = "~ELI";
        if (e < 0 && !c->co.tabari && g->start >= 2 && c->info.v[g->start - 1].type == W_CONJ &&
            !strcmp(c->words.v[g->start - 1].up, "AND")) {
            /* "Danish media and government": a second agent of the same actor */
            int prev = c->info.v[g->start - 2].entity;
            if (prev >= 0 && c->ents.v[prev].has_agent && !c->ents.v[prev].pronoun) {
                /* copied out: add_entity may move the entity array */
                const char *root = c->ents.v[prev].root_code;
                const char *pcode = c->ents.v[prev].codes[0];
                int puid = c->ents.v[prev].uid;
                if (former)
                    acode = "~ELI";
                const char *jc = join_agent(c, root, acode);
                if (!jc || coder_add_entity(c, g->start, g->end, jc, 0))
                    return -1;
                ce_entity *N = &c->ents.v[c->ents.n - 1];
                N->has_agent = 1;
                N->agent_code = acode;
                N->link_uid = puid; /* same compound group as that actor, kept across reindexing */
                c->info.v[g->start - 1].in_compound = 1;
                coder_trace(c, "agent  %s joins %s's actor -> %s", acode, pcode, jc);
                continue;
            }
        }
        if (e < 0) {
            if (c->co.convert_agents) {
                if (coder_add_entity(c, g->start, g->end, acode, 0))
                    return -1;
            } else {
                span_code b = *g;
                b.code = acode;
                if (VEC_PUSH(bare, b))
                    return -1;
            }
            continue;
        }
        ce_entity *E = &c->ents.v[e];
        E->has_agent = 1;
        E->agent_code = acode;
        E->agent_before = g->end <= E->start;
        /* "Bree President Romendacil": the actor after the agent is the same person */
        if (e == eb && ea >= 0 && ea != eb && !c->ents.v[ea].pronoun) {
            c->ents.v[ea].absorbed = 1;
            E->person |= c->ents.v[ea].person;
            if (c->ents.v[ea].end > g->end)
                g->end = c->ents.v[ea].end;
        }
        const char **roots = arena_alloc(&c->sarena, sizeof(char *) * (size_t)(E->ncodes + 1));
        if (!roots)
            return -1;
        int nroots = E->ncodes;
        for (int k = 0; k < E->ncodes; k++) {
            roots[k] = E->codes[k];
            const char *jc = join_agent(c, E->codes[k], acode);
            if (!jc)
                return -1;
            E->codes[k] = jc;
        }
        /* default mode: "lawmakers and officials in Fornost": an agent coordinated before
         * this one, which found no actor of its own, applies to the same actor */
        if (!c->co.tabari && a > 0 && e != eb && E->start >= g->end && g->start >= 2 &&
            is_compound_conj(c, g->start - 1) && ag->v[a - 1].end + 1 == g->start &&
            bare->n && bare->v[bare->n - 1].start == ag->v[a - 1].start && !former) {
            const char *a2 = bare->v[bare->n - 1].code;
            if (add_second_agent(c, E, roots, nroots, a2))
                return -1;
            bare->n--;
            c->info.v[g->start - 1].in_compound = 1;
            g->start = ag->v[a - 1].start;
            coder_trace(c, "join   coordinated agent %s + actor -> %s", a2, E->codes[0]);
        }
        size_t s = E->start < g->start ? E->start : g->start;
        size_t t = E->end > g->end ? E->end : g->end;
        E->start = s;
        E->end = t;
        for (size_t k = s; k < t; k++)
            c->info.v[k].entity = e;
        coder_trace(c, "join   agent %s + actor -> %s", acode, E->codes[0]);
    }
    return 0;
}

/* Order entities by start (agent joins can extend spans; keep the list sorted). */
static int ent_cmp(const void *a, const void *b)
{
    const ce_entity *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

void coder_reindex_entities(dy_coder *c)
{
    size_t out = 0;
    for (size_t e = 0; e < c->ents.n; e++)
        if (!c->ents.v[e].absorbed)
            c->ents.v[out++] = c->ents.v[e];
    c->ents.n = out;
    /* entities are mostly found left to right: sort only when they are not in order */
    size_t unsorted = 1;
    while (unsorted < c->ents.n && c->ents.v[unsorted - 1].start <= c->ents.v[unsorted].start)
        unsorted++;
    if (unsorted < c->ents.n)
        qsort(c->ents.v, c->ents.n, sizeof *c->ents.v, ent_cmp);
    for (size_t i = 0; i < c->info.n; i++)
        c->info.v[i].entity = -1;
    for (size_t e = 0; e < c->ents.n; e++) {
        c->ents.v[e].group = (int)e;
        for (size_t k = c->ents.v[e].start; k < c->ents.v[e].end; k++)
            c->info.v[k].entity = (int)e;
    }
    for (size_t e = 0; e < c->ents.n; e++) {
        if (!c->ents.v[e].link_uid)
            continue;
        for (size_t m = 0; m < c->ents.n; m++)
            if (c->ents.v[m].uid == c->ents.v[e].link_uid) {
                int from = c->ents.v[e].group, to = c->ents.v[m].group;
                for (size_t x = 0; x < c->ents.n; x++)
                    if (c->ents.v[x].group == from)
                        c->ents.v[x].group = to;
                break;
            }
    }
}

/* Parsed compounds: actor (, actor)* AND actor, with determiners/adjectives allowed before
 * each member.  Members share a group; the joining words are marked in_compound. */
static int is_compound_conj(const dy_coder *c, size_t j)
{
    const char *u = c->words.v[j].up;
    return c->info.v[j].type == W_CONJ && (!strcmp(u, "AND") || !strcmp(u, "OR") || !strcmp(u, "NOR"));
}

/* A plain lower-case word that may modify a compound member (not a function word). */
static int loose_word(const dy_coder *c, size_t k)
{
    const text_tok *t = &c->words.v[k];
    return c->info.v[k].type == W_NONE && !(t->flags & (TOK_CAP | TOK_NUM)) &&
           !word_is(t, WC_FUNCTION_WORDS) && !word_is(t, WC_SUBORDINATORS) &&
           !word_is(t, WC_BARE_ADVERBS);
}

static void find_compounds(dy_coder *c)
{
    size_t n = c->words.n;
    int prev_link = 0; /* how entity e joined its predecessor: 0 not, 1 comma, 2 conjunction */
    for (size_t e = 0; e + 1 < c->ents.n; e++) {
        int link = prev_link;
        prev_link = 0;
        ce_entity *E = &c->ents.v[e];
        size_t j = E->end;
        if (j >= n)
            continue;
        /* default mode: "Ithilen's sheep and goats of Gondor": up to two plain lower-case
         * words may follow the member before a conjunction */
        int tail = 0;
        if (!c->co.tabari) {
            size_t m = j;
            while (m < n && m < j + 2 && loose_word(c, m))
                m++;
            if (m > j && m < n && is_compound_conj(c, m)) {
                tail = 1;
                j = m;
            }
        }
        /* connector: AND/OR/NOR, ',', ', AND', or nothing but adjectives/determiners */
        size_t k = j;
        int has_conj = 0, has_comma = 0;
        if (c->info.v[k].type == W_COMMA) {
            has_comma = 1;
            k++;
        }
        if (k < n && is_compound_conj(c, k)) {
            has_conj = 1;
            k++;
        }
        /* modifiers before the next member: determiners, adjectives, and outside TABARI
         * mode (no adjective lists) up to two unclassified lower-case words */
        int loose = 0;
        while (k < n && (c->info.v[k].type == W_DET || c->info.v[k].type == W_ADJ ||
                         (!c->co.tabari && loose < 2 && c->info.v[k].type == W_NONE &&
                          !(c->words.v[k].flags & (TOK_CAP | TOK_NUM))))) {
            loose += c->info.v[k].type == W_NONE;
            k++;
        }
        /* ... "and goats OF Gondor": plain words then OF before the next member */
        if (tail && loose && k + 1 < n && c->info.v[k].type == W_PREP &&
            !strcmp(c->words.v[k].up, "OF")) {
            k++;
            if (c->info.v[k].type == W_DET)
                k++;
        }
        if (k >= n || c->info.v[k].entity != (int)e + 1 || c->ents.v[e + 1].pronoun)
            continue;
        if (tail && !has_conj)
            continue;
        /* default mode: ", and" after a single actor (no list before it) + an actor with
         * its own verb right after it opens a clause ("fighting the Sudanese Armed Forces,
         * and the United Nations says ..."; not "Mordor, Fornost, and Gondor welcomed") */
        if (!c->co.tabari && has_comma && has_conj && link == 0 && c->ents.v[e + 1].end < n &&
            (c->info.v[c->ents.v[e + 1].end].type == W_VERB ||
             c->info.v[c->ents.v[e + 1].end].type == W_AUX))
            continue;
        if (!has_conj && !has_comma && (k == j || loose))
            continue; /* two actors side by side, or only loose words between */
        if (has_comma && has_conj && link == 2 && !c->co.tabari)
            continue; /* "A and B, and C and D": the comma ends the first pair */
        if (has_comma && !has_conj) {
            /* a comma joins only if the list ends with AND actor */
            size_t m = e + 1;
            int ok = 0;
            while (m + 1 < c->ents.n) {
                size_t jj = c->ents.v[m].end;
                if (jj >= n)
                    break;
                if (is_compound_conj(c, jj) ||
                    (c->info.v[jj].type == W_COMMA && jj + 1 < n && is_compound_conj(c, jj + 1))) {
                    ok = 1;
                    break;
                }
                if (c->info.v[jj].type != W_COMMA)
                    break;
                m++;
            }
            if (!ok)
                continue;
        }
        int old = c->ents.v[e + 1].group;
        for (size_t m = 0; m < c->ents.n; m++)
            if (c->ents.v[m].group == old)
                c->ents.v[m].group = E->group;
        for (size_t m = j; m < k; m++)
            if (c->info.v[m].type == W_CONJ || c->info.v[m].type == W_COMMA)
                c->info.v[m].in_compound = 1;
        prev_link = has_comma && !has_conj ? 1 : has_conj ? 2 : link;
    }
    /* default mode: a conjunction between two plain words ("heavily and unjustly", "death
     * and injury toll") joins them, it does not start a clause */
    if (!c->co.tabari)
        for (size_t j = 1; j + 1 < n; j++)
            if (c->info.v[j].type == W_CONJ && c->info.v[j - 1].type == W_NONE &&
                c->info.v[j + 1].type == W_NONE && !(c->words.v[j + 1].flags & TOK_CAP))
                c->info.v[j].in_compound = 1;
    /* compound nouns / adjectives: noun CONJ adj* noun, adj CONJ adj */
    for (size_t j = 1; j + 1 < n; j++) {
        if (c->info.v[j].type != W_CONJ)
            continue;
        int prev = c->info.v[j - 1].type;
        size_t k = j + 1;
        while (k < n && c->info.v[k].type == W_ADJ)
            k++;
        if ((prev == W_NOUN && k < n && c->info.v[k].type == W_NOUN) ||
            (prev == W_ADJ && c->info.v[j + 1].type == W_ADJ))
            c->info.v[j].in_compound = 1;
    }
}

/* Does [lo, hi) open with a finite verb -- after any auxiliaries and adverbs ("had
 * earlier said") -- rather than a participle (", killing ...", ", backed by ...",
 * ", accused of ...") or a passive (", was confirmed as ...")?  A statement verb that opens
 * the sentence's last stretch has its speaker after it. */
static int predicate_opens(const dy_coder *c, size_t lo, size_t hi)
{
    size_t k = lo;
    while (k < hi && k < lo + 3 &&
           (word_is(&c->words.v[k], WC_AUX_LIKE | WC_BARE_ADVERBS) ||
            (c->info.v[k].type == W_NONE && word_ends(&c->words.v[k], "LY"))))
        k++;
    if (k >= hi || c->info.v[k].type != W_VERB || !c->info.v[k].verb)
        return 0;
    const text_tok *v = &c->words.v[k];
    if (word_ends(v, "ING"))
        return 0;
    /* ", said one Western official": a speaker after its verb closes the sentence (not
     * ", spoke with Putin on Thursday", ", said that ...") */
    size_t after = k + c->info.v[k].vlen;
    if (k == lo && hi == c->words.n && statement_verb(&c->info.v[k]) && !word_is(v, WC_TELL) &&
        !(after < hi && (c->info.v[after].type == W_PREP ||
                         word_is(&c->words.v[after], WC_FUNCTION_WORDS) ||
                         !strcmp(c->words.v[after].up, "THAT"))))
        return 0;
    if (k == lo && word_ends(v, "ED") && after < hi &&
        (c->info.v[after].type == W_BY || c->info.v[after].type == W_PREP ||
         word_is(&c->words.v[after], WC_FUNCTION_WORDS)))
        return 0;
    return 1;
}

static int after_subordinate(const dy_coder *c, size_t lo, size_t comma);

/* Comma-delimited clause elimination (TABARI COMMA: MIN MAX BMIN BMAX EMIN EMAX). */
static void drop_comma_clauses(dy_coder *c)
{
    if (!c->co.comma_on)
        return;
    size_t n = c->words.n;
    c->commas.n = 0;
    for (size_t i = 0; i < n; i++)
        if (c->info.v[i].type == W_COMMA && !c->info.v[i].in_compound)
            if (VEC_PUSH(&c->commas, i))
                break;
    if (!c->commas.n)
        return;
    int prev_dropped = 0;
    size_t last_lo = 0, last_hi = 0;
    /* an actor before the first comma, which a predicate after an apposition may have */
    int subject_before_commas = 0;
    for (size_t e = 0; e < c->ents.n && !subject_before_commas; e++)
        subject_before_commas = c->ents.v[e].end <= c->commas.v[0] && !c->ents.v[e].pronoun;
    size_t opening = c->opening_end; /* set by code_words before */
    /* segments: [0,c0) [c0+1,c1) ... [ck+1,n) */
    for (size_t s = 0; s <= c->commas.n; s++) {
        size_t lo = s == 0 ? 0 : c->commas.v[s - 1] + 1;
        size_t hi = s == c->commas.n ? n : c->commas.v[s];
        int len = (int)(hi - lo);
        int mn, mx;
        if (s == 0) {
            mn = c->co.comma_bmin;
            mx = c->co.comma_bmax;
        } else if (s == c->commas.n) {
            mn = c->co.comma_emin;
            mx = c->co.comma_emax;
        } else {
            mn = c->co.comma_min;
            mx = c->co.comma_max;
        }
        /* outside TABARI mode ", and Turkey criticized ..." is a coordinated clause */
        int coordinated = !c->co.tabari && s > 0 && lo < hi && c->info.v[lo].type == W_CONJ;
        /* default mode: the stretch right after a quotation is who says it ('"...," the
         * minister said'), not a comma clause */
        if (!c->co.tabari && s > 0 && lo >= 2 && lo < hi &&
            c->info.v[lo - 2].quoted &&
            !c->info.v[lo].quoted)
            coordinated = 1;
        /* default mode: a quotation opening right after a statement verb and its comma
         * (... has always said, "No one is going to ...") is what was said */
        if (!c->co.tabari && s > 0 && lo >= 2 && lo < hi && c->info.v[lo].quoted &&
            !c->info.v[lo - 2].quoted && statement_verb(&c->info.v[lo - 2]))
            coordinated = 1;
        /* default mode: after an opening phrase ("On October 14, the Taliban attacked an
         * army base, killing ...") or a subordinate clause that opens the sentence ("Three
         * days after President Lai took office, China conducted military drills ..."), a
         * stretch with a verb is the main clause */
        if (s == 1 && ((opening && lo == opening + 1) || after_subordinate(c, 0, lo - 1)))
            for (size_t k = lo; k < hi && !coordinated; k++)
                coordinated = c->info.v[k].type == W_VERB;
        /* default mode: a stretch that opens with a finite verb ("Ali Rezaei, a deputy
         * minister, told Iraqi officials ...", "..., had earlier said ...") is the
         * predicate of the subject before an apposition, not a comma clause */
        if (!c->co.tabari && s > 1 && !coordinated && subject_before_commas &&
            !c->info.v[lo].quoted && predicate_opens(c, lo, hi))
            coordinated = 1;
        /* chained commas: a comma that closed a dropped clause does not open another */
        if (len > mn && len <= mx && !prev_dropped && !coordinated) {
            prev_dropped = 1;
            for (size_t k = lo; k < hi; k++)
                c->info.v[k].deleted = 1;
            if (s > 0)
                c->info.v[c->commas.v[s - 1]].deleted = 1;
            coder_trace(c, "comma clause [%zu-%zu) dropped (%d words)", lo, hi, len);
            last_lo = lo;
            last_hi = hi;
        } else {
            prev_dropped = 0;
        }
    }
    /* default mode: if no verb is left outside the dropped clauses, keep the last one when
     * it holds a clause of its own -- an actor of known country followed by a verb
     * ('"...," the minister said after Germany threatened Zendia') */
    int verb_left = 0;
    for (size_t k = 0; k < n && !verb_left; k++)
        verb_left = !c->info.v[k].deleted && c->info.v[k].type == W_VERB;
    if (!verb_left && last_hi > last_lo && !c->co.tabari) {
        int actor_then_verb = 0, seen_actor = 0;
        for (size_t k = last_lo; k < last_hi && !actor_then_verb; k++) {
            int e = c->info.v[k].entity;
            if (e >= 0 && !c->ents.v[e].unknown && !c->ents.v[e].pronoun)
                seen_actor = 1;
            else if (seen_actor && c->info.v[k].type == W_VERB)
                actor_then_verb = 1;
        }
        if (actor_then_verb) {
            for (size_t k = last_lo; k < last_hi; k++)
                c->info.v[k].deleted = 0;
            if (last_lo > 0)
                c->info.v[last_lo - 1].deleted = 0;
            coder_trace(c, "comma clause [%zu-%zu) kept: it holds the only verb", last_lo, last_hi);
        }
    }
}

/* ---------------------------------------------------------------- pronouns */

/* Default mode: a sentence that opens with a prepositional phrase up to its first comma
 * ("On improvement of Gondor's health centres, he said ...", "In Baghdad, officials
 * said ...") or with a participle phrase ("Speaking at a U.N. meeting on X, Y said") --
 * the actors in it are neither the subject of the verbs after it nor what their pronouns
 * mean.  Returns the position of the comma that ends it, or 0 when there is none. */
static size_t opening_phrase_end(const dy_coder *c)
{
    if (c->co.tabari || !c->words.n)
        return 0;
    /* or a participle phrase: "Speaking at a U.N. meeting on X, Y said ..." */
    const text_tok *w0 = &c->words.v[0];
    int participle = w0->uplen > 4 && word_ends(w0, "ING");
    if (!participle && !word_is(w0, WC_OPENERS))
        return 0;
    for (size_t k = 1; k < c->words.n; k++) {
        if (c->info.v[k].type == W_VERB)
            return 0; /* a clause, not a phrase */
        if (c->info.v[k].type == W_COMMA && !c->info.v[k].in_compound)
            return k;
    }
    return 0;
}

/* The trace line for c->opening_end, which code_words sets from opening_phrase_end() before
 * the comma clauses are dropped. */
static void trace_opening_phrase(dy_coder *c)
{
    if (c->opening_end)
        coder_trace(c, "opening phrase [0-%zu): its actors are not subjects", c->opening_end);
}

/* Is entity e inside the opening phrase while position pos is after it? */
int coder_in_opening(const dy_coder *c, const ce_entity *E, size_t pos)
{
    return c->opening_end && E->end <= c->opening_end && pos > c->opening_end;
}

/* A pronoun at words [i, end) -- one word, or "the militant group" -- that means an actor
 * named earlier, with its codes (story arena).  0 ok, -1 ENOMEM. */
static int add_story_pronoun(dy_coder *c, size_t i, size_t end, const char **codes,
                             int ncodes)
{
    ce_entity cp;
    memset(&cp, 0, sizeof cp);
    cp.start = i;
    cp.end = end;
    cp.pronoun = 1;
    cp.group = (int)c->ents.n;
    cp.codes = codes;
    cp.ncodes = ncodes;
    return VEC_PUSH(&c->ents, cp) ? -1 : 0;
}

/* Is the pronoun at i THEY or WE right after a statement verb, or after its THAT ("said
 * they released", "said that we"), the subject of what is said? */
static int speakers_pronoun(const dy_coder *c, size_t i)
{
    const char *u = c->words.v[i].up;
    if (strcmp(u, "THEY") && strcmp(u, "WE")) /* IT is as often what is spoken of */
        return 0;
    size_t k = i;
    if (k > 0 && !strcmp(c->words.v[k - 1].up, "THAT"))
        k--;
    if (k == 0 || c->info.v[k - 1].type != W_VERB)
        return 0;
    size_t v = k - 1;
    while (v > 0 && c->info.v[v].type == W_VERB && !c->info.v[v].verb)
        v--; /* the first word of a verb of several words */
    return statement_verb(&c->info.v[v]);
}

/* Resolve pronouns into entities: HE/SHE/IT -> first actor of the sentence; HIS/HER/ITS ->
 * first actor before the pronoun; THEY/THEM/THEIR -> first compound, else first actor.
 * With no actor in the sentence, the story's last subject is used. */
static int resolve_pronouns(dy_coder *c)
{
    size_t n = c->words.n, nents = c->ents.n;
    for (size_t i = 0; i < n; i++) {
        if (c->info.v[i].type != W_PRON || c->info.v[i].deleted)
            continue;
        const char *u = c->words.v[i].up;
        int src = -1, by_person = 0;
        if (c->co.person_names && !c->co.tabari && names_person_pronoun(u)) {
            /* SET: PERSON NAMES: the nearest person named before it, else the story's last */
            int p = names_person_before(c, i);
            if (p == -2 || (p == -1 && c->last_person_set && !c->last_person_n)) {
                coder_trace(c, "pronoun [%zu] %s: the person named before it has no actor", i, u);
                continue;
            }
            if (p == -1 && c->last_person_set) {
                if (add_story_pronoun(c, i, i + 1, c->last_person_codes, c->last_person_n))
                    return -1;
                coder_trace(c, "pronoun [%zu] %s -> %s (the person named last)", i, u,
                      c->last_person_codes[0]);
                continue;
            }
            src = p;
            by_person = p >= 0;
        }
        if (by_person) {
            /* found above */
        } else if (!strcmp(u, "HIS") || !strcmp(u, "HER") || !strcmp(u, "ITS")) {
            for (size_t e = 0; e < nents; e++)
                if (c->ents.v[e].end <= i && !c->ents.v[e].pronoun) {
                    src = (int)e;
                    break;
                }
        } else if (!strcmp(u, "THEY") || !strcmp(u, "THEM") || !strcmp(u, "THEIR")) {
            for (size_t e = 0; e + 1 < nents && src < 0; e++)
                if (c->ents.v[e + 1].group == c->ents.v[e].group && c->ents.v[e].end <= i)
                    src = (int)e;
            if (src < 0)
                for (size_t e = 0; e < nents; e++)
                    if (c->ents.v[e].end <= i && !c->ents.v[e].pronoun) {
                        src = (int)e;
                        break;
                    }
        } else {
            for (size_t e = 0; e < nents; e++)
                if (!c->ents.v[e].pronoun && c->ents.v[e].end <= i &&
                    !coder_in_opening(c, &c->ents.v[e], i)) {
                    src = (int)e;
                    break;
                }
        }
        /* an object pronoun ("Turkey criticized it") does not mean the clause's own subject:
         * outside TABARI mode it takes the story's earlier subject instead */
        if (src >= 0 && !by_person && !c->co.tabari && c->co.coref_story && c->last_subject_n > 0 &&
            strcmp(u, "HIS") && strcmp(u, "HER") && strcmp(u, "ITS") && strcmp(u, "THEIR")) {
            int verb_between = 0;
            for (size_t k = c->ents.v[src].end; k < i && !verb_between; k++)
                verb_between = c->info.v[k].type == W_VERB;
            /* but "militants said they released ...": the subject of what is said is the
             * speaker's own clause subject */
            if (verb_between && speakers_pronoun(c, i))
                verb_between = 0;
            int same = 0;
            for (int k = 0; k < c->ents.v[src].ncodes && !same; k++)
                same = !strcmp(c->ents.v[src].codes[k], c->last_subject[0]);
            if (verb_between && !same)
                src = -1;
        }
        if (src >= 0) {
            /* copy the whole compound group */
            int g = c->ents.v[src].group, newg = -1;
            for (size_t e = 0; e < nents; e++) {
                if (c->ents.v[e].group != g)
                    continue;
                ce_entity cp = c->ents.v[e];
                cp.start = i;
                cp.end = i + 1;
                cp.pronoun = 1;
                cp.group = newg < 0 ? (int)c->ents.n : newg;
                if (newg < 0)
                    newg = cp.group;
                if (VEC_PUSH(&c->ents, cp))
                    return -1;
            }
            coder_trace(c, "pronoun [%zu] %s -> %s", i, u, c->ents.v[src].codes[0]);
        } else if (c->co.coref_story && c->last_subject_n > 0) {
            if (add_story_pronoun(c, i, i + 1, c->last_subject, c->last_subject_n))
                return -1;
            coder_trace(c, "pronoun [%zu] %s -> %s (from an earlier sentence)", i, u,
                  c->last_subject[0]);
        }
    }
    return 0;
}

/* What "the group" can mean of an actor code, read in its three-letter parts: BODY_ARMED for
 * an armed group ("IMGMUSISI", "SOMREB", "PAKUAF", "COLINS"), BODY_OTHER for a party,
 * opposition or NGO ("NGOHRI", "ZWEOPP"), 0 for anything else -- a state or a region, its
 * government or forces, an international organisation (news call the U.N. "the
 * organization" rarely and "the group" almost never). */
enum { BODY_OTHER = 1, BODY_ARMED = 2 };
static int body_kind(const char *code)
{
    if (!code || !code[0] || !code[1] || !code[2])
        return 0;
    if (!memcmp(code, "IMG", 3))
        return BODY_ARMED;
    int kind = !memcmp(code, "NGO", 3) ? BODY_OTHER : 0;
    for (const char *p = code + 3; p[0] && p[1] && p[2]; p += 3) {
        if (!memcmp(p, "REB", 3) || !memcmp(p, "UAF", 3) || !memcmp(p, "INS", 3))
            return BODY_ARMED;
        if (!memcmp(p, "NGO", 3) || !memcmp(p, "OPP", 3) || !memcmp(p, "PTY", 3))
            kind = BODY_OTHER;
    }
    return kind;
}

/* body_kind of entity E's first code, 0 for what "the group" never means: a pronoun, a
 * person, an agent of unknown country, a deleted word. */
static int entity_body_kind(const dy_coder *c, const ce_entity *E)
{
    if (E->pronoun || E->unknown || !E->ncodes || E->person || c->info.v[E->start].deleted)
        return 0;
    return body_kind(E->codes[0]);
}

/* The last entity ending at or before word `before` whose kind is an armed group (armed !=
 * 0) or any body; -1 if none. */
static int last_body_entity(const dy_coder *c, size_t before, int armed)
{
    int best = -1;
    for (size_t e = 0; e < c->ents.n; e++) {
        const ce_entity *E = &c->ents.v[e];
        int kind = E->end <= before ? entity_body_kind(c, E) : 0;
        if (kind && (!armed || kind == BODY_ARMED) &&
            (best < 0 || E->start > c->ents.v[best].start))
            best = (int)e;
    }
    return best;
}

/* Default mode, with story coreference on (coref_story): "the group", "the militant group",
 * "the terror organization", "the militia" with no actor of their own mean the last armed
 * group (with an armed adjective, or MILITIA) or body (else) named before them in the
 * sentence, else in the story's earlier sentences ("Al-Shabab claimed the attack. ... The
 * group frequently conducts bombings").  Not when a name follows ("the group Hamas") or OF
 * ("the group of seven").  0 ok, -1 ENOMEM. */
static int resolve_the_group(dy_coder *c)
{
    size_t n = c->words.n;
    if (c->co.tabari || !c->co.coref_story)
        return 0;
    /* found from the noun (a bit test per word), then back over the adjectives to THE */
    for (size_t k = 1; k < n; k++) {
        if (!word_is(&c->words.v[k], WC_BODY_NOUNS))
            continue;
        size_t i = k - 1;
        int armed = 0;
        while (i > 0 && i + 3 > k && word_is(&c->words.v[i], WC_ARMED_ADJS)) {
            armed = 1;
            i--;
        }
        if (strcmp(c->words.v[i].up, "THE") || c->info.v[i].deleted)
            continue;
        if (!strcmp(c->words.v[k].up, "MILITIA"))
            armed = 1;
        if (k + 1 < n && ((c->words.v[k + 1].flags & TOK_CAP) ||
                          !strcmp(c->words.v[k + 1].up, "OF")))
            continue;
        int taken = 0;
        for (size_t m = i; m <= k && !taken; m++)
            taken = c->info.v[m].entity >= 0 || c->info.v[m].deleted;
        if (taken)
            continue;
        const char **codes = NULL;
        int ncodes = 0;
        int e = last_body_entity(c, i, armed);
        if (e >= 0) {
            codes = c->ents.v[e].codes;
            ncodes = c->ents.v[e].ncodes;
        } else if (armed ? c->last_armed_n : c->last_body_n) {
            codes = armed ? c->last_armed : c->last_body;
            ncodes = armed ? c->last_armed_n : c->last_body_n;
        }
        if (!ncodes)
            continue;
        if (add_story_pronoun(c, i, k + 1, codes, ncodes))
            return -1;
        coder_trace(c, "the-group [%zu-%zu) -> %s (%s)", i, k + 1, codes[0],
                    e >= 0 ? "named before it" : "from an earlier sentence");
    }
    return 0;
}

/* Remember the sentence's last armed group and last body for resolve_the_group (one pass;
 * codes are copied into the story arena only when they change).  0 ok, -1 ENOMEM. */
static int remember_bodies(dy_coder *c)
{
    int last[2] = {-1, -1}; /* [0] any body, [1] an armed group */
    for (size_t e = 0; e < c->ents.n; e++) {
        const ce_entity *E = &c->ents.v[e];
        int kind = entity_body_kind(c, E);
        if (!kind)
            continue;
        if (last[0] < 0 || E->start > c->ents.v[last[0]].start)
            last[0] = (int)e;
        if (kind == BODY_ARMED && (last[1] < 0 || E->start > c->ents.v[last[1]].start))
            last[1] = (int)e;
    }
    for (int armed = 0; armed < 2; armed++) {
        if (last[armed] < 0)
            continue;
        const ce_entity *E = &c->ents.v[last[armed]];
        const char ***keep = armed ? &c->last_armed : &c->last_body;
        int *nkeep = armed ? &c->last_armed_n : &c->last_body_n;
        if (*nkeep == E->ncodes && !strcmp((*keep)[0], E->codes[0]))
            continue; /* the same body as before: nothing to copy */
        const char **codes = arena_alloc(&c->arena, sizeof(char *) * (size_t)E->ncodes);
        if (!codes)
            return -1;
        for (int j = 0; j < E->ncodes; j++)
            if (!(codes[j] = arena_strdup(&c->arena, E->codes[j])))
                return -1;
        *keep = codes;
        *nkeep = E->ncodes;
    }
    return 0;
}

/* Default mode: two agents side by side with no country ("the military spokesperson",
 * "government soldiers", "the gang leader") are one actor: the second names a role in the
 * first, so the actor has the first one's sector, then the second's unless that is a mere
 * head or voice (~GOV: leader, chief, spokesman): PAKMIL, SOMGOVMIL, HTICRM.  The pair
 * becomes one span; the second is used up.  0 ok, -1 ENOMEM. */
static int merge_adjacent_agents(dy_coder *c, span_vec *bare)
{
    if (c->co.tabari)
        return 0;
    /* an official, spokesman or chief right after an actor's agent ("Cameroon Livestock
     * Ministry official"): part of that actor */
    for (size_t a = 0; a < bare->n; a++) {
        span_code *g = &bare->v[a];
        if (!g->code || strcmp(g->code, "~GOV") || g->start == 0)
            continue;
        int e = c->info.v[g->start - 1].entity;
        if (e < 0 || c->ents.v[e].end != g->start || !c->ents.v[e].has_agent ||
            c->ents.v[e].pronoun || c->info.v[g->start - 1].type != W_AGENT)
            continue;
        coder_trace(c, "agents [%zu-%zu) %s after the agent of %s: part of it", g->start,
                    g->end, g->code, c->ents.v[e].ncodes ? c->ents.v[e].codes[0] : "---");
        c->ents.v[e].end = g->end;
        for (size_t k = g->start; k < g->end; k++)
            c->info.v[k].entity = e;
        g->code = NULL;
    }
    for (size_t a = 0; a + 1 < bare->n; a++) {
        span_code *g = &bare->v[a], *h = &bare->v[a + 1];
        if (!g->code || !h->code || g->end != h->start)
            continue;
        const char *both = g->code;
        if (strcmp(h->code, "~GOV")) { /* a leader, chief or spokesman adds nothing */
            size_t n1 = strlen(g->code), n2 = strlen(h->code);
            char *j = arena_alloc(&c->sarena, n1 + n2 + 2);
            if (!j)
                return -1;
            memcpy(j, g->code, n1);
            j[n1] = '|';
            memcpy(j + n1 + 1, h->code, n2 + 1);
            both = j;
        }
        coder_trace(c, "agents [%zu-%zu) %s and [%zu-%zu) %s side by side: one actor, %s",
                    g->start, g->end, g->code, h->start, h->end, h->code, both);
        g->end = h->end;
        g->code = both;
        h->code = NULL;
    }
    return 0;
}

/* Is code a state's actor with this sector at its end ("HTICOP" and "COP")? */
static int state_with_sector(const char *code, const char *sector)
{
    size_t cl = strlen(code), sl = strlen(sector);
    return cl > sl && !strcmp(code + cl - sl, sector) && state_prefix(code);
}

/* "the minister", "the ministry": an agent with no actor, after THE, takes the country of the
 * story's last subject. */
static int resolve_bare_agents(dy_coder *c, span_vec *bare)
{
    if (!c->co.coref_story || !c->last_subject_n)
        return 0;
    for (size_t a = 0; a < bare->n; a++) {
        span_code *g = &bare->v[a];
        if (!g->code || g->start == 0 || c->info.v[g->start - 1].type != W_DET ||
            strcmp(c->words.v[g->start - 1].up, "THE"))
            continue;
        const char *base = c->last_subject[0];
        const char *sector = g->code[0] == '~' ? g->code + 1 : NULL;
        /* default mode: a role in the singular ("the minister said") is the person the
         * story last named, when that person holds a role of the same sector ("Finance
         * Minister Muhammad Aurangzeb ... the minister said of his talks with the IMF") */
        if (!c->co.tabari && sector && c->last_person_n > 0 &&
            !word_ends(&c->words.v[g->end - 1], "S") &&
            state_with_sector(c->last_person_codes[0], sector))
            base = c->last_person_codes[0];
        /* default mode: an actor named earlier in this sentence with that agent's sector
         * ("the Haitian National Police ..., I encourage the police") is the one meant */
        for (size_t e = 0; sector && !c->co.tabari && e < c->ents.n; e++) {
            const ce_entity *E = &c->ents.v[e];
            if (E->end <= g->start && !E->pronoun && E->ncodes &&
                state_with_sector(E->codes[0], sector))
                base = E->codes[0];
        }
        /* a news outlet lends no country to a state's organ ("Survivors told VOA ... The
         * military said"), an organisation its officials, judges, forces ("the diplomats",
         * "the judges" of the G7, the ICJ), but not its newspaper or police: "IGO" + MED
         * is nobody's */
        size_t bl = strlen(base);
        if (bl < 3 ||
            (!c->co.tabari && bl > 3 && !strcmp(base + bl - 3, "MED") && state_organ(sector)) ||
            (!c->co.tabari && !state_prefix(base) &&
             !(sector && (!strcmp(sector, "GOV") || !strcmp(sector, "JUD") ||
                          !strcmp(sector, "MIL") || !strcmp(sector, "LEG")))))
            continue;
        char country[4] = {base[0], base[1], base[2], 0};
        const char *jc = join_agent(c, country, g->code);
        if (!jc)
            return -1;
        if (coder_add_entity(c, g->start - 1, g->end, jc, 1))
            return -1;
        c->ents.v[c->ents.n - 1].group = (int)c->ents.n - 1;
        coder_trace(c, "the-agent [%zu-%zu) %s -> %s (from an earlier sentence)", g->start, g->end,
              g->code, jc);
        g->code = NULL; /* used */
    }
    return 0;
}

/* ---------------------------------------------------------------- the story's country */

/* Is this code's root a state's (three letters that are not one of CAMEO's non-state or
 * regional prefixes)?  "IRQGOV" yes; "IGOUNO", "NGO", "IMGMUSISI", "AFR", "---GOV" no.
 * Called for every code of every entity: the prefixes are filed by their first letter
 * (NONSTATE[x - 'A'] holds the last two letters of those starting with x), so a code is
 * compared with at most nine of them. */
static int state_prefix(const char *code)
{
    static const char *const NONSTATE[26] = {
        ['A' - 'A'] = "FR" "SA" "GR",
        ['B' - 'A'] = "LK" "US" "UD",
        ['C' - 'A'] = "RB" "AU" "FR" "AS" "EU" "OP" "VL" "RM" "HR",
        ['E' - 'A'] = "IN" "AF" "EU" "UR" "DU" "LI" "NV",
        ['G' - 'A'] = "OV",
        ['H' - 'A'] = "LH" "IN",
        ['I' - 'A'] = "GO" "MG" "NT",
        ['J' - 'A'] = "UD" "EW",
        ['L' - 'A'] = "AM" "EG" "AB",
        ['M' - 'A'] = "NC" "EA" "DT" "IL" "ED" "US",
        ['N' - 'A'] = "GO" "AF" "MR",
        ['O' - 'A'] = "PP",
        ['P' - 'A'] = "GS",
        ['R' - 'A'] = "EB" "EF" "EL",
        ['S' - 'A'] = "AF" "AM" "AS" "EA" "CN" "PY",
        ['U' - 'A'] = "IS" "NK" "AF",
        ['W' - 'A'] = "AF" "ST" "EU",
    };
    if (!code)
        return 0;
    for (int i = 0; i < 3; i++) /* stops at the NUL of a shorter code */
        if (code[i] < 'A' || code[i] > 'Z')
            return 0;
    const char *rest = NONSTATE[code[0] - 'A'];
    for (; rest && *rest; rest += 2)
        if (rest[0] == code[1] && rest[1] == code[2])
            return 0;
    return 1;
}

/* Count the states the entities of the sentence just coded name.  0 ok, -1 ENOMEM. */
static int tally_countries(dy_coder *c)
{
    for (size_t k = 0; k < c->ents.n; k++) {
        const ce_entity *E = &c->ents.v[k];
        if (E->pronoun || E->unknown)
            continue;
        for (int j = 0; j < E->ncodes; j++) {
            if (!state_prefix(E->codes[j]))
                continue;
            size_t i = 0;
            while (i < c->countries.n && memcmp(c->countries.v[i].code, E->codes[j], 3))
                i++;
            if (i == c->countries.n) {
                story_country sc = {{E->codes[j][0], E->codes[j][1], E->codes[j][2], 0}, 0};
                if (VEC_PUSH(&c->countries, sc))
                    return -1;
            }
            c->countries.v[i].n++;
        }
    }
    return 0;
}

/* The story's country: the state the story's earlier sentences named most often -- at least
 * twice, and more often than any other -- or NULL.  The sentence's own actors do not count:
 * in "Officials criticized Turkey" the officials are not Turkey's. */
static const char *story_country_now(const dy_coder *c)
{
    int best = 0, second = 0;
    const char *home = NULL;
    for (size_t i = 0; i < c->countries.n; i++) {
        int n = c->countries.v[i].n;
        if (n > best) {
            second = best;
            best = n;
            home = c->countries.v[i].code;
        } else if (n > second) {
            second = n;
        }
    }
    return best >= 2 && best > second ? home : NULL;
}

/* Default mode: does the one-word state actor E only describe the noun after it ("the Hanoi
 * summit", "Chinese social media", "a Pakistani train", "Somalia-based al-Shabab")? */
static int describes_thing(const dy_coder *c, const ce_entity *E)
{
    size_t k = E->end;
    /* a state's or a region's name or adjective ("European spirits") */
    if (E->pronoun || E->has_agent || k >= c->words.n || E->ncodes != 1 ||
        strlen(E->codes[0]) != 3)
        return 0;
    /* "Somalia-based al-Shabab", "The Hague-based International Court of Justice", "the
     * Serb-controlled autonomous republic", "a Turkish-owned ship" */
    static const char *const PLACED[] = {"BASED", "CONTROLLED", "OWNED", "RUN", NULL};
    if (c->info.v[E->end - 1].hyph && up_in(c->words.v[k].up, PLACED))
        return 1;
    if (E->end != E->start + 1)
        return 0;
    /* the word after, or a lower-case word up to three plain lower-case words further
     * ("the Dutch international affairs think tank") */
    for (size_t m = 0; k < c->words.n && m < 4; k++, m++) {
        if (word_is(&c->words.v[k], WC_MODIFIED))
            return 1;
        if (c->info.v[k].type != W_NONE || (c->words.v[k].flags & (TOK_CAP | TOK_PUNCT)))
            return 0;
    }
    return 0;
}

/* Is E a state's bare name or adjective (one code of three letters, no agent)? */
static int bare_state(const ce_entity *E)
{
    return !E->pronoun && !E->has_agent && !E->unknown && E->ncodes == 1 &&
           strlen(E->codes[0]) == 3 && state_prefix(E->codes[0]);
}

/* Does the bare state E stand right before an actor F of its own ("Palestinian President
 * Abbas", "Iran's Supreme Leader Khamenei": PSEGOV, IRNGOV)? */
static int prefix_of_own_actor(const ce_entity *E, const ce_entity *F)
{
    if (E->end != F->start || F->pronoun || F->ncodes < 1 || F->unknown)
        return 0;
    for (int k = 0; k < F->ncodes; k++)
        if (strlen(F->codes[k]) <= 3 || memcmp(F->codes[k], E->codes[0], 3))
            return 0;
    return 1;
}

/* Is F, right after the bare state E (past at most one title word), an IGO actor with an
 * agent that holds AMBASSADOR, ENVOY, REPRESENTATIVE or MISSION: the state's envoy to it
 * ("British Deputy U.N. Ambassador Kariuki", "China's U.N. ambassador")? */
static int envoy_to_igo(const dy_coder *c, const ce_entity *E, const ce_entity *F)
{
    if (F->pronoun || !F->has_agent || F->ncodes != 1 || strncmp(F->codes[0], "IGO", 3) ||
        F->start < E->end || F->start > E->end + 1 ||
        (F->start == E->end + 1 && c->info.v[E->end].type != W_NONE))
        return 0;
    for (size_t k = F->start; k < F->end; k++) {
        const char *w = c->words.v[k].up;
        if (!strncmp(w, "AMBASSADOR", 10) || !strncmp(w, "ENVOY", 5) ||
            !strncmp(w, "REPRESENTATIVE", 14) || !strcmp(w, "MISSION"))
            return 1;
    }
    return 0;
}

/* Default mode: a state's bare name or adjective that is not an actor of its own, in one
 * pass over the sentence's actors:
 *  - right before an actor of the same state it is part of that actor, which takes in its
 *    words (PSEGOV, IRNGOV, not PSE and IRN);
 *  - right before its envoy to an international body it makes the envoy the state's
 *    government (GBRGOV, CHNGOV, not IGOUNOGOV);
 *  - a one-word name that only describes the noun after it is no actor at all, and its word
 *    a plain word.
 * The trace says `merge`, `envoy` and `modifier`.  0 ok, -1 ENOMEM. */
static int settle_state_names(dy_coder *c)
{
    if (c->co.tabari)
        return 0;
    int changed = 0;
    for (size_t e = 0; e < c->ents.n; e++) {
        ce_entity *E = &c->ents.v[e];
        if (describes_thing(c, E)) {
            coder_trace(c, "modifier [%zu-%zu) %s describes %s: no actor", E->start, E->end,
                        E->codes[0], c->words.v[E->end].up);
            E->absorbed = 1;
            c->info.v[E->start].type = W_NONE;
            changed = 1;
            continue;
        }
        if (e + 1 == c->ents.n || !bare_state(E))
            continue;
        ce_entity *F = &c->ents.v[e + 1];
        if (prefix_of_own_actor(E, F)) {
            coder_trace(c, "merge  [%zu-%zu) %s into [%zu-%zu) %s", E->start, E->end,
                        E->codes[0], F->start, F->end, F->codes[0]);
        } else if (envoy_to_igo(c, E, F)) {
            char *code = arena_alloc(&c->sarena, 7);
            if (!code)
                return -1;
            memcpy(code, E->codes[0], 3);
            memcpy(code + 3, "GOV", 4);
            coder_trace(c, "envoy  [%zu-%zu) %s to %s: %s", F->start, F->end, F->codes[0],
                        E->codes[0], code);
            F->codes[0] = code;
        } else {
            continue;
        }
        F->start = E->start;
        E->absorbed = 1;
        changed = 1;
        e++;
    }
    if (changed)
        coder_reindex_entities(c);
    return 0;
}

/* Is this agent code ("~GOV", "~MILCOP") a state's organ -- government, forces, police,
 * legislature, courts, intelligence?  Only those take the story's country: on the judged
 * VOA events the story's country was right for 13 of 30 such subjects and for 2 of 17
 * others (rights groups, militants, media, students, business). */
static int state_organ(const char *agent)
{
    if (!agent)
        return 0;
    if (*agent == '~')
        agent++;
    static const char *const ORGANS[] = {"GOV", "MIL", "COP", "LEG", "JUD", "SPY", NULL};
    for (int i = 0; ORGANS[i]; i++)
        if (!strncmp(agent, ORGANS[i], 3))
            return 1;
    return 0;
}

/* Outside TABARI mode an agent with no country is an actor of unknown country, "---GOV";
 * events with such an actor count as lacking that actor under require_dyad. */
static int bare_agents_as_actors(dy_coder *c, span_vec *bare)
{
    if (c->co.tabari)
        return 0;
    const char *home = c->co.story_country ? story_country_now(c) : NULL;
    for (size_t a = 0; a < bare->n; a++) {
        span_code *g = &bare->v[a];
        if (!g->code)
            continue;
        /* only a subject: an agent before the sentence's first verb */
        int subject = 1;
        for (size_t k = 0; k < g->start && subject; k++)
            subject = c->info.v[k].type != W_VERB;
        int organ = state_organ(g->code);
        const char *jc = join_agent(c, home && subject && organ ? home : "---", g->code);
        if (!jc || coder_add_entity(c, g->start, g->end, jc, 0))
            return -1;
        if (home && subject && organ) {
            coder_trace(c, "agent  [%zu-%zu) %s without a country -> %s (the story's country)",
                  g->start, g->end, g->code, jc);
            continue;
        }
        c->ents.v[c->ents.n - 1].unknown = 1;
        coder_trace(c, "agent  [%zu-%zu) %s without a country -> %s", g->start, g->end, g->code, jc);
    }
    return 0;
}

/* Outside TABARI mode an agent placed before a compound ("the ambassadors of A, B and C")
 * applies to every member. */
static int share_agents(dy_coder *c)
{
    if (c->co.tabari)
        return 0;
    for (size_t e = 0; e < c->ents.n; e++) {
        ce_entity *E = &c->ents.v[e];
        if (!E->has_agent || !E->agent_before || E->pronoun)
            continue;
        for (size_t m = e + 1; m < c->ents.n; m++) {
            ce_entity *M = &c->ents.v[m];
            if (M->group != E->group || M->has_agent || M->pronoun || M->unknown)
                continue;
            const char **roots = arena_alloc(&c->sarena, sizeof(char *) * (size_t)(M->ncodes + 1));
            if (!roots)
                return -1;
            int nroots = M->ncodes;
            for (int k = 0; k < M->ncodes; k++) {
                roots[k] = M->codes[k];
                const char *jc = join_agent(c, M->codes[k], E->agent_code);
                if (!jc)
                    return -1;
                M->codes[k] = jc;
            }
            if (E->agent2_code && add_second_agent(c, M, roots, nroots, E->agent2_code))
                return -1;
            M->has_agent = 1;
            M->agent_code = E->agent_code;
            coder_trace(c, "share  agent %s -> %s", E->agent_code, M->codes[0]);
        }
    }
    return 0;
}

/* Default mode: a sentence opening with a participle and BY ("Rebuked by Eriador, the
 * state's foe, Osgiliath ...") opens with a modifier of the subject after its comma: the
 * words up to that comma are dropped like a comma clause (none of its actors is the
 * sentence's source).  When another comma follows at once (an apposition), up to it. */
static void drop_opening_participle(dy_coder *c)
{
    size_t n = c->words.n;
    if (c->co.tabari || !n || c->info.v[0].type != W_VERB || !c->info.v[0].verb)
        return;
    size_t ve = c->info.v[0].vlen;
    if (ve >= n || c->info.v[ve].type != W_BY)
        return;
    size_t k = ve + 1;
    while (k < n && c->info.v[k].type != W_COMMA)
        k++;
    if (k >= n)
        return;
    for (size_t m = 0; m <= k; m++)
        c->info.v[m].deleted = 1;
    coder_trace(c, "opening participle [0-%zu) dropped (%s ... BY)", k + 1, c->words.v[0].up);
}

/* ---------------------------------------------------------------- new actors */

/* Can word k belong to an unknown noun phrase (new_actor_length)?  Plain words, nouns,
 * adjectives and determiners that are not closed-class function words. */
static int np_word(const dy_coder *c, size_t k)
{
    const cw_info *inf = &c->info.v[k];
    if (inf->deleted || inf->entity >= 0)
        return 0;
    if (inf->type != W_NONE && inf->type != W_NOUN && inf->type != W_ADJ && inf->type != W_DET)
        return 0;
    const text_tok *t = &c->words.v[k];
    return !(t->flags & TOK_COMMA) && !word_is(t, WC_FUNCTION_WORDS) && !word_is(t, WC_SUBORDINATORS) &&
           !word_is(t, WC_BARE_ADVERBS) && !word_is(t, WC_AUX_LIKE) && !word_is(t, WC_PRONOUNS) &&
           !word_is(t, WC_TIME_WORDS);
}

static int is_of(const dy_coder *c, size_t k)
{
    return c->info.v[k].type == W_PREP && !strcmp(c->words.v[k].up, "OF") && !c->info.v[k].deleted;
}

/* Insert a new entity [start, end) coded with its own text in quotes, keeping the entity
 * table in word order.  join >= 0: it joins that entity's compound group.  Returns its
 * index, -1 on ENOMEM. */
static int add_text_actor(dy_coder *c, size_t start, size_t end, int join)
{
    dy_buf b;
    buf_init(&b);
    int rc = buf_putc(&b, '"');
    for (size_t k = start; k < end && !rc; k++)
        rc = buf_printf(&b, "%s%s", k > start ? " " : "", c->words.v[k].up);
    if (!rc)
        rc = buf_putc(&b, '"');
    const char *code = rc ? NULL : sdup(c, b.s, b.len);
    buf_free(&b);
    if (!code)
        return -1;
    int group = 0;
    for (size_t e = 0; e < c->ents.n; e++)
        if (c->ents.v[e].group >= group)
            group = c->ents.v[e].group + 1;
    if (join >= 0)
        group = c->ents.v[join].group;
    if (coder_add_entity(c, start, end, code, 0))
        return -1;
    ce_entity ne = c->ents.v[c->ents.n - 1];
    ne.group = group;
    ne.root_code = ne.codes[0];
    ne.text = NULL;
    size_t pos = c->ents.n - 1;
    while (pos > 0 && c->ents.v[pos - 1].start > start) {
        c->ents.v[pos] = c->ents.v[pos - 1];
        pos--;
    }
    c->ents.v[pos] = ne;
    for (size_t e = 0; e < c->ents.n; e++)
        for (size_t k = c->ents.v[e].start; k < c->ents.v[e].end; k++)
            c->info.v[k].entity = (int)e;
    for (size_t k = start; k < end; k++)
        c->info.v[k].type = W_ACTOR;
    coder_trace(c, "new actor [%zu-%zu) %s (new_actor_length %d)", start, end, code,
          c->co.new_actor_length);
    return (int)pos;
}

/* PETRARCH's new_actor_length (default mode): an unknown noun phrase of at most that many
 * words right before a verb (after its auxiliaries) or right after it (after one
 * preposition) becomes an actor whose code is the phrase's text.  A noun phrase is
 * determiner? (plain word | noun | adjective)+, optionally continued by OF and another such
 * phrase; an object phrase followed by a preposition and an actor is left alone.  A
 * subject phrase joined by AND/OR to an actor standing at most two plain words
 * before (ERI's death and injury toll) joins that actor's compound.  0 ok, -1 ENOMEM. */
static int new_text_actors(dy_coder *c)
{
    size_t n = c->words.n, maxw = (size_t)c->co.new_actor_length;
    for (size_t v = 0; v < n; v++) {
        const cw_info *inf = &c->info.v[v];
        if (inf->type != W_VERB || !inf->verb || inf->deleted)
            continue;
        size_t ve = v + inf->vlen;
        /* subject: back over auxiliaries and null-coded verbs (HAS) */
        size_t k = v;
        while (k > 0 && !c->info.v[k - 1].deleted &&
               (c->info.v[k - 1].type == W_AUX || c->info.v[k - 1].type == W_NEG ||
                word_is(&c->words.v[k - 1], WC_AUX_LIKE) ||
                (c->info.v[k - 1].type == W_VERB && c->info.v[k - 1].verb &&
                 !strcmp(verbd_verb_code(c->info.v[k - 1].verb), "---"))))
            k--;
        size_t end = k, st = k;
        while (st > 0) {
            if (np_word(c, st - 1) && c->info.v[st - 1].type != W_DET) {
                st--;
            } else if (st < end && c->info.v[st - 1].type == W_DET) {
                st--;
                break;
            } else if (st < end && st >= 2 && is_of(c, st - 1) && np_word(c, st - 2) &&
                       c->info.v[st].type != W_DET) {
                st--;
            } else {
                break;
            }
        }
        while (st < end && is_of(c, st))
            st++;
        if (st < end && end - st <= maxw && c->info.v[end - 1].type != W_DET) {
            int join = -1;
            if (st >= 2 && is_compound_conj(c, st - 1)) {
                size_t j = st - 1, loose = 0;
                while (j > 0 && loose < 2 && c->info.v[j - 1].entity < 0 &&
                       (c->info.v[j - 1].type == W_NONE || c->info.v[j - 1].type == W_NOUN) &&
                       !(c->words.v[j - 1].flags & TOK_CAP) && !c->info.v[j - 1].deleted)
                    j--, loose++;
                if (j > 0 && c->info.v[j - 1].entity >= 0 && !c->info.v[j - 1].deleted) {
                    join = c->info.v[j - 1].entity;
                    c->info.v[st - 1].in_compound = 1;
                }
            }
            if (add_text_actor(c, st, end, join) < 0)
                return -1;
        }
        /* object: after the verb and at most one preposition */
        k = ve;
        if (k < n && !c->info.v[k].deleted &&
            (c->info.v[k].type == W_PREP || word_is(&c->words.v[k], WC_FUNCTION_WORDS)))
            k++;
        st = k;
        end = k;
        /* "threatened to leave": after TO a lower-case word is a verb, not a phrase */
        int infinitive = k > ve && !strcmp(c->words.v[ve].up, "TO") && k < n &&
                         c->info.v[k].type != W_DET && !(c->words.v[k].flags & TOK_CAP);
        while (!infinitive && end < n) {
            if (np_word(c, end) && (c->info.v[end].type != W_DET || end == st)) {
                end++;
            } else if (end > st && is_of(c, end) && end + 1 < n && np_word(c, end + 1)) {
                end++;
            } else {
                break;
            }
        }
        while (end > st && (is_of(c, end - 1) || c->info.v[end - 1].type == W_DET))
            end--;
        /* a phrase whose prepositional phrase holds an actor ("the dispute with Osgiliath")
         * is that actor's phrase, as in the parse */
        size_t after = end;
        if (after < n && (c->info.v[after].type == W_PREP || word_is(&c->words.v[after], WC_FUNCTION_WORDS)))
            after++;
        if (after < n && c->info.v[after].type == W_DET)
            after++;
        if (st < end && end - st <= maxw && (after == n || c->info.v[after].entity < 0)) {
            if (add_text_actor(c, st, end, -1) < 0)
                return -1;
        }
        v = ve - 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- events */


/*
 * Default mode, news text: a source that cannot be the actor of the event.  "its" is not a
 * subject unless an agent follows ("its army"), and "it" is one only right before the verb ("It then criticized Japan"); farther
 * away it is nearly always a thing or a dummy subject ("It is worth noting that ...", "it
 * is hard to predict how Duterte will react"); an actor inside a quotation is quoted by someone else, who is
 * the one acting (""He doesn't view Xi in adversarial terms," Wyne said").  Returns the
 * reason, or NULL when the source may act.
 */
static const char *source_cannot_act(const dy_coder *c, const ce_entity *S,
                                     size_t vs)
{
    if (c->co.tabari || !S)
        return NULL;
    const char *w = c->words.v[S->start].up;
    if (S->pronoun && word_is(&c->words.v[S->start], WC_POSS_PRONOUNS) &&
        !(S->end < c->words.n && c->info.v[S->end].type == W_AGENT))
        return "its source is a possessive (its, his, her, their) not followed by an agent "
               "(\"their army\")";
    if (S->pronoun && !strcmp(w, "IT") && (vs < S->end || vs - S->end > 1))
        return "its source is an \"it\" that is not right before the verb";
    if (c->info.v[S->start].quoted)
        return "its source is inside a quotation";
    if (S->start > 0 && word_is(&c->words.v[S->start - 1], WC_TELL))
        return "its source is who is told (\"told VOA\"), not who acts";
    if (S->start > 1 && vs > S->start && word_is(&c->words.v[S->start - 1], WC_PLACE_PREPS) &&
        (c->info.v[S->start - 2].type == W_VERB || c->info.v[S->start - 2].type == W_AUX ||
         word_ends(&c->words.v[S->start - 2], "ED")))
        return "its source is where something is or happened (\"were in Washington\", "
               "\"opened in Paris\"), not who acts";
    return NULL;
}

/*
 * Default mode, news text: a target that cannot be the actor acted on.  An IT that is the
 * subject of the next verb ("NISA said it closed 12 outlets", "China insists it is
 * committed") is nearly always the speaker itself or a thing, and a possessive (its, her,
 * their) not followed by an agent is its owner's thing ("detonated her explosive devices",
 * "reaffirmed their concerns"); "Turkey criticized it" keeps its target.  On the judged VOA
 * events 30 of 40 targets that were it/its/her/their were wrong.  Who is told ("told VOA",
 * "telling Egypt") is the target of the telling verb (ending at ve) only.  NULL if it can.
 */
static const char *target_cannot_be(const dy_coder *c, const ce_entity *T, size_t vs,
                                    size_t ve)
{
    if (c->co.tabari || !T)
        return NULL;
    /* who is told is the target of the telling only: "X told VOA that Y killed Z" */
    if (T->start > 0 && T->start != ve && word_is(&c->words.v[T->start - 1], WC_TELL))
        return "its target is who is told (\"told VOA\"), and the verb is not the telling";
    /* default mode, a statement: a place after IN or AT in the words that tell where and
     * when it was made -- right after the verb (and who is told) comes IN, AT, DURING,
     * ABOARD, BEFORE, AFTER or WHILE, and no verb, THAT, comma or quotation mark follows
     * before the place ("he said in Johannesburg", "told reporters aboard a military
     * plane before landing in Jeddah") -- is where it was said */
    size_t before_t = T->start > 0 && c->info.v[T->start - 1].type == W_DET ? T->start - 1
                                                                           : T->start;
    if (statement_verb(&c->info.v[vs]) && before_t > ve && !T->pronoun &&
        word_is(&c->words.v[before_t - 1], WC_PLACE_PREPS)) {
        size_t k = ve;
        if (word_is(&c->words.v[vs], WC_TELL) && k < T->start &&
            c->info.v[k].type == W_AGENT)
            k++; /* "told reporters" */
        while (k < T->start && word_is(&c->words.v[k], WC_TIME_WORDS))
            k++;
        static const char *const WHERE[] = {"IN", "AT", "DURING", "ABOARD", "BEFORE",
                                            "AFTER", "WHILE", NULL};
        int circumstance = k < T->start && up_in(c->words.v[k].up, WHERE);
        for (size_t j = k; circumstance && j < T->start; j++)
            if ((j > k && c->info.v[j].type == W_VERB && !word_ends(&c->words.v[j], "ING")) ||
                !strcmp(c->words.v[j].up, "THAT") || c->info.v[j].type == W_COMMA ||
                c->info.v[j].quoted != c->info.v[vs].quoted)
                circumstance = 0;
        if (circumstance)
            return "its target is where the statement was made (\"said in Johannesburg\")";
    }
    if (!T->pronoun)
        return NULL;
    const text_tok *w = &c->words.v[T->start];
    size_t next = T->end;
    if (!strcmp(w->up, "IT") && next < c->words.n &&
        (c->info.v[next].type == W_VERB || c->info.v[next].type == W_AUX ||
         c->info.v[next].type == W_NEG || word_is(&c->words.v[next], WC_AUX_LIKE)))
        return "its target is an \"it\" that is the subject of the next verb";
    if (word_is(w, WC_POSS_PRONOUNS) && strcmp(w->up, "HIS") &&
        !(next < c->words.n && c->info.v[next].type == W_AGENT))
        return "its target is a possessive (its, her, their) not followed by an agent";
    /* a pronoun two or more words after the verb, past any THAT or quotation mark, is the
     * subject or owner in some later phrase ("claimed to have come from other countries
     * when they were caught", "told the council that his teams ..."), not the object */
    if (T->start > ve && word_is(w, WC_PRONOUNS) && !word_is(w, WC_FIRST_PERSON)) {
        size_t words = 0;
        for (size_t k = ve; k < T->start; k++)
            if (!(c->words.v[k].flags & TOK_PUNCT) && strcmp(c->words.v[k].up, "THAT"))
                words++;
        if (words >= 2)
            return "its target is a pronoun two or more words after the verb";
    }
    return NULL;
}

static int emit(dy_coder *c, const char *sent, const ce_entity *S, const char *scode,
                const ce_entity *T, const char *tcode, const char *code, size_t vs, size_t ve,
                int sub, int dom)
{
    const char *why = source_cannot_act(c, S, vs);
    if (!why)
        why = target_cannot_be(c, T, vs, ve);
    if (why) {
        coder_trace(c, "event  %s %s %s dropped: %s", scode ? scode : "---", code,
              tcode ? tcode : "---", why);
        return 0;
    }
    coded_event ce;
    memset(&ce, 0, sizeof ce);
    dy_event *ev = &ce.ev;
    ce.subordinate = sub;
    ce.dominant = dom;
    ev->doc = c->doc;
    ev->sent = c->nsent;
    ev->date = c->date;
    ev->source = scode ? scode : "---";
    ev->target = tcode ? tcode : "---";
    ev->code = code;
    const cameo_info *ci = c->d->cameo ? cameo_get(c->d->cameo, code) : NULL;
    ev->plover = ev->plover_mode = ev->plover_context = "";
    if (ci) {
        ev->root = ci->root;
        ev->quad = ci->quad;
        ev->goldstein = ci->goldstein;
        ev->plover = ci->plover;
        ev->plover_mode = ci->plover_mode;
        ev->plover_context = ci->plover_context;
    }
    ev->sentence = sent;
    const text_tok *w = c->words.v;
    ev->source_start = ev->source_end = ev->target_start = ev->target_end = -1;
    if (S) {
        ev->source_start = (int)w[S->start].start;
        ev->source_end = (int)w[S->end - 1].end;
    }
    if (T) {
        ev->target_start = (int)w[T->start].start;
        ev->target_end = (int)w[T->end - 1].end;
    }
    ev->verb_start = (int)w[vs].start;
    ev->verb_end = (int)w[ve - 1].end;
    ev->issues = c->issues.len ? c->issues.s : "";
    return VEC_PUSH(&c->evs, ce);
}

/* Does entity e share a code with any member of x's compound group? */
static int shares_code(const dy_coder *c, int e, int x)
{
    if (x < 0)
        return 0;
    const ce_entity *E = &c->ents.v[e];
    for (size_t m = 0; m < c->ents.n; m++) {
        const ce_entity *M = &c->ents.v[m];
        if (M->group != c->ents.v[x].group)
            continue;
        for (int i = 0; i < E->ncodes; i++)
            for (int j = 0; j < M->ncodes; j++)
                if (!strcmp(E->codes[i], M->codes[j]))
                    return 1;
    }
    return 0;
}

/* The first entity in [lo, hi) ending before `pos` (before != 0) or starting at or after
 * it, not deleted, and sharing no code with entity `exclude` (-1: none) -- nor, when
 * whole_group is set, belonging to its compound group. */
static int first_entity_ex(dy_coder *c, size_t lo, size_t hi, int exclude, int whole_group,
                           int before, size_t pos)
{
    int best = -1;
    for (size_t e = 0; e < c->ents.n; e++) {
        const ce_entity *E = &c->ents.v[e];
        if (E->start < lo || E->end > hi || c->info.v[E->start].deleted)
            continue;
        if (before && E->end > pos)
            continue;
        if (!before && E->start < pos)
            continue;
        if (E->unknown && c->co.require_dyad)
            continue; /* an actor of unknown country can never make a dyad */
        if (before && coder_in_opening(c, E, pos))
            continue;
        if (exclude >= 0) {
            if (whole_group && (c->ents.v[exclude].group == E->group || shares_code(c, (int)e, exclude)))
                continue;
            if (!whole_group && (int)e == exclude)
                continue;
            if (!whole_group) {
                int same = 0;
                for (int i = 0; i < E->ncodes && !same; i++)
                    for (int j = 0; j < c->ents.v[exclude].ncodes && !same; j++)
                        same = !strcmp(E->codes[i], c->ents.v[exclude].codes[j]);
                if (same)
                    continue;
            }
        }
        /* an actor of known country beats an agent of unknown country */
        if (best < 0 || (c->ents.v[best].unknown && !E->unknown) ||
            (E->unknown == c->ents.v[best].unknown && E->start < c->ents.v[best].start))
            best = (int)e;
    }
    return best;
}

static int first_entity_in(dy_coder *c, size_t lo, size_t hi, int exclude, int before,
                           size_t pos)
{
    return first_entity_ex(c, lo, hi, exclude, 1, before, pos);
}

/* Default mode: is the word at `comma` a comma that closes a subordinate clause which opens
 * the clause [lo, ...) -- a subordinator among its first four words, and a verb between it
 * and the comma ("After Russia attacked, ...", "Three days after Lai took office, ...")? */
static int after_subordinate(const dy_coder *c, size_t lo, size_t comma)
{
    if (c->co.tabari || c->info.v[comma].type != W_COMMA)
        return 0;
    size_t sub = comma;
    for (size_t k = lo; k < comma && k < lo + 4 && sub == comma; k++)
        if (word_is(&c->words.v[k], WC_SUBORDINATORS) && strcmp(c->words.v[k].up, "THAT"))
            sub = k;
    for (size_t k = sub + 1; k < comma; k++) {
        if (c->info.v[k].type == W_COMMA)
            return 0;
        if (c->info.v[k].type == W_VERB)
            return 1;
    }
    return 0;
}

/* Outside TABARI mode: an actor standing right before the verb -- with at most three
 * auxiliaries, adverbs or negations between -- is its subject ("... after Germany
 * threatened Zendia"), wherever the clause's first actor is.  -1 if none. */
static int subject_next_to(dy_coder *c, size_t lo, size_t vs, int exclude)
{
    size_t k = vs, skipped = 0;
    while (k > lo && skipped <= 3) {
        const cw_info *inf = &c->info.v[k - 1];
        if (inf->deleted)
            return -1;
        if (inf->entity >= 0) {
            int e = inf->entity;
            if (exclude >= 0 && (e == exclude || shares_code(c, e, exclude)))
                return -1;
            /* only when a subordinate clause opens right before it */
            size_t st = c->ents.v[e].start;
            if (st == lo || st == 0)
                return -1;
            if (c->info.v[st - 1].type == W_DET && st - 1 > lo)
                st--;
            /* ... or a statement verb ("the United States said Iran is defying ..."), or
             * the comma that closes a subordinate clause opening the clause ("Three days
             * after President Lai took office, China conducted ...") */
            if (!word_is(&c->words.v[st - 1], WC_SUBORDINATORS) &&
                !statement_verb(&c->info.v[st - 1]) && !after_subordinate(c, lo, st - 1))
                return -1;
            return e;
        }
        if (inf->type != W_NONE && inf->type != W_AUX && inf->type != W_NEG)
            return -1;
        skipped++;
        k--;
    }
    return -1;
}

/* Expand a (source entity, target entity) pair over compound groups and coded compounds. */
static int emit_pair(dy_coder *c, const char *sent, int s, int t, const char *code, size_t vs,
                     size_t ve, int sub, int dom, const char *dsrc, const char *dtgt,
                     int s_single, int t_single)
{
    int nsg = 0;
    for (size_t a = 0; a < c->ents.n || (s < 0 && a == 0); a++) {
        const ce_entity *S = s >= 0 ? &c->ents.v[a] : NULL;
        if (S && (s_single ? (int)a != s : S->group != c->ents.v[s].group))
            continue;
        int ns = S ? S->ncodes : 1;
        for (int si = 0; si < ns; si++) {
            const char *scode = S ? S->codes[si] : dsrc;
            for (size_t b = 0; b < c->ents.n || (t < 0 && b == 0); b++) {
                const ce_entity *T = t >= 0 ? &c->ents.v[b] : NULL;
                if (T && (t_single ? (int)b != t : T->group != c->ents.v[t].group))
                    continue;
                int nt = T ? T->ncodes : 1;
                for (int ti = 0; ti < nt; ti++) {
                    const char *tcode = T ? T->codes[ti] : dtgt;
                    if (scode && tcode && !strcmp(scode, tcode))
                        continue;
                    if (c->co.require_dyad &&
                        (!scode || !tcode || !strncmp(scode, "---", 3) || !strncmp(tcode, "---", 3)))
                        continue;
                    const char *sc = scode ? arena_strdup(&c->arena, scode) : NULL;
                    const char *tc = tcode ? arena_strdup(&c->arena, tcode) : NULL;
                    if ((scode && !sc) || (tcode && !tc))
                        return -1;
                    size_t had = c->evs.n;
                    if (emit(c, sent, S, sc, T, tc, code, vs, ve, sub, dom))
                        return -1;
                    nsg += c->evs.n > had; /* a dropped event does not end the clause */
                }
                if (t < 0)
                    break;
            }
        }
        if (s < 0)
            break;
    }
    return nsg;
}

/* The speaker of a quotation before or after the verb at [vs, ve): the actor right before
 * it, past at most four auxiliaries, adverbs or time words ('...," the minister said'), or
 * right after it ('...," said the minister'), outside the quotation.  -1 if none. */
static int quote_speaker(const dy_coder *c, size_t lo, size_t hi, size_t vs, size_t ve)
{
    size_t k = vs, skipped = 0;
    while (k > lo && skipped < 4) {
        const cw_info *inf = &c->info.v[k - 1];
        const text_tok *t = &c->words.v[k - 1];
        if (inf->entity >= 0 || !(inf->type == W_AUX || inf->type == W_NEG ||
                                  word_is(t, WC_AUX_LIKE | WC_BARE_ADVERBS | WC_TIME_WORDS)))
            break;
        k--;
        skipped++;
    }
    int e = k > lo ? c->info.v[k - 1].entity : -1;
    size_t after = ve < hi && c->info.v[ve].type == W_DET ? ve + 1 : ve;
    /* and up to two plain lower-case words before the speaker's actor ('..." said retired
     * Turkish admiral Cem Gurdeniz') */
    for (int plain = 0; plain < 2 && after < hi && loose_word(c, after) &&
                        !(c->words.v[after].flags & TOK_PUNCT) &&
                        !word_is(&c->words.v[after], WC_TIME_WORDS);
         plain++)
        after++;
    if (e < 0 && after < hi)
        e = c->info.v[after].entity;
    if (e < 0 || c->info.v[c->ents.v[e].start].deleted || !c->ents.v[e].ncodes ||
        c->info.v[c->ents.v[e].start].quoted)
        return -1;
    return e;
}

/* Is the verb at vs preceded (past at most two auxiliaries, negations or adverbs) by WE or
 * I? */
static int first_person_subject(const dy_coder *c, size_t lo, size_t vs)
{
    for (size_t k = vs, seen = 0; k > lo && seen < 3; k--, seen++) {
        const text_tok *t = &c->words.v[k - 1];
        if (!strcmp(t->up, "WE") || !strcmp(t->up, "I"))
            return 1;
        if (c->info.v[k - 1].type != W_AUX && c->info.v[k - 1].type != W_NEG &&
            !word_is(t, WC_AUX_LIKE | WC_BARE_ADVERBS) &&
            !(c->info.v[k - 1].type == W_NONE && !(t->flags & TOK_CAP) && word_ends(t, "LY")))
            return 0; /* "we strongly reject", "we categorically reject" go on */
    }
    return 0;
}

/* The speaker named after the quotation that holds word vs: in the first words after the
 * quotation closes, an actor before a verb ('...," the minister said') or right after it
 * ('...," said the minister').  -1 if none, or if a name with no actor stands there. */
static int speaker_after_quote(const dy_coder *c, size_t vs)
{
    size_t n = c->words.n, k = vs;
    while (k < n && c->info.v[k].quoted)
        k++;
    int words_before = 0; /* words other than commas between the quotation and here */
    for (size_t m = k; m < n && m < k + 8; m++) {
        const cw_info *inf = &c->info.v[m];
        const text_tok *t = &c->words.v[m];
        if (inf->entity >= 0 && c->ents.v[inf->entity].ncodes)
            return inf->entity; /* also the first word of a titled name ("Indian foreign
                                 * ministry spokesperson Randhir Jaiswal") */
        if (inf->name || (inf->entity < 0 && (t->flags & TOK_CAP)))
            return -1; /* a name no actor stands for */
        if (inf->type == W_VERB && !words_before && m + 1 < n &&
            c->info.v[m + 1].entity >= 0 && c->ents.v[c->info.v[m + 1].entity].ncodes)
            return c->info.v[m + 1].entity; /* '...," said the minister' */
        if (inf->type == W_VERB)
            return -1;
        words_before += inf->type != W_COMMA;
    }
    return -1;
}

/* Can a compound act on itself with this code -- "A and B met / signed a deal / clashed"
 * (roots 03-06 cooperation but not 051-056, 18-20 force), but not "A and B rejected the
 * claims"? */
static int reciprocal_code(const char *code)
{
    if (!code || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9')
        return 1; /* not a CAMEO code: as before */
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    /* praise, verbal defence, rallying, recognition, apology, forgiveness (051-056) are one
     * side's ("Greece, Panama and South Korea supported the call" is not each other) */
    if (root == 5 && code[2] >= '1' && code[2] <= '6')
        return 0;
    return (root >= 3 && root <= 6) || (root >= 18 && root <= 20);
}

/* Is S a state's government, forces, police, judiciary or legislature (USAGOV, IRQMIL)
 * and T that same state, bare (USA, IRQ) -- or S an international organisation's
 * officials and T that organisation (IGOUNOGOV, IGOUNO)? */
static int own_state_pair(const ce_entity *S, const ce_entity *T)
{
    static const char *const ROLES[] = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", NULL};
    if (S->ncodes != 1 || T->ncodes != 1)
        return 0;
    size_t tl = strlen(T->codes[0]), sl = strlen(S->codes[0]);
    /* a state, bare; or an international organisation and its own officials
     * ("Guterres' spokesman ... Stephane Dujarric": IGOUNOGOV and IGOUNO) */
    int state = tl == 3 && state_prefix(T->codes[0]);
    int igo = tl >= 6 && !strncmp(T->codes[0], "IGO", 3) && sl == tl + 3;
    if ((!state && !igo) || sl < tl + 3 || strncmp(S->codes[0], T->codes[0], tl))
        return 0;
    for (int k = 0; ROLES[k]; k++)
        if (!strncmp(S->codes[0] + tl, ROLES[k], 3))
            return 1;
    return 0;
}

/* Default mode: is the verb at vs preceded (past at most two auxiliaries, negations or
 * adverbs) by a subject pronoun that resolved to nothing? */
static int unresolved_subject(const dy_coder *c, size_t lo, size_t vs)
{
    for (size_t k = vs, seen = 0; k > lo && seen < 3; k--, seen++) {
        const cw_info *inf = &c->info.v[k - 1];
        if (inf->type == W_PRON) {
            const char *u = c->words.v[k - 1].up;
            int subject = !strcmp(u, "HE") || !strcmp(u, "SHE") || !strcmp(u, "THEY") ||
                          !strcmp(u, "IT");
            if (!subject)
                return 0;
            for (size_t e = 0; e < c->ents.n; e++) /* resolved pronouns are entities */
                if (c->ents.v[e].pronoun && c->ents.v[e].start == k - 1)
                    return 0;
            return 1;
        }
        if (inf->type != W_AUX && inf->type != W_NEG && inf->type != W_NONE)
            return 0;
    }
    return 0;
}

/* Default mode: does a lower-case word stand in the subject slot of the verb at vs --
 * right before it, past at most three auxiliaries, negations or adverbs -- and not a
 * conjunction, preposition, subordinator or pronoun (the verb of '"...," said X' or "and
 * said" has none; "Nabil said", a name never seen, is no evidence either way)?  An agent
 * of no country there counts too ("Critics, including Hungary's Viktor Orban, suggest
 * Europe ...").  Dropped comma clauses are passed over. */
static int word_subject_before(const dy_coder *c, size_t lo, size_t vs)
{
    size_t k = vs;
    for (int m = 0; k > lo; k--) {
        const cw_info *inf = &c->info.v[k - 1];
        const text_tok *t = &c->words.v[k - 1];
        /* the commas around a dropped clause go with it (not a quotation's last comma:
         * '"..., so we need to be very firm," said Kallas') */
        if (inf->deleted || ((t->flags & TOK_COMMA) && !inf->quoted &&
                             ((k >= lo + 2 && c->info.v[k - 2].deleted) ||
                              (k < vs && c->info.v[k].deleted))))
            continue;
        if (m < 3 && (inf->type == W_AUX || inf->type == W_NEG ||
                      word_is(t, WC_AUX_LIKE | WC_BARE_ADVERBS) ||
                      (inf->type == W_NONE && !(t->flags & TOK_CAP) && word_ends(t, "LY")))) {
            m++;
            continue;
        }
        break;
    }
    if (k <= lo)
        return 0;
    const text_tok *w = &c->words.v[k - 1];
    int e = c->info.v[k - 1].entity;
    if (e >= 0)
        return c->ents.v[e].unknown && !c->ents.v[e].pronoun;
    return w->up && isalpha((unsigned char)w->up[0]) && !(w->flags & TOK_CAP) &&
           !word_is(w, WC_CONJS | WC_FUNCTION_WORDS | WC_SUBORDINATORS | WC_OPENERS |
                           WC_PRONOUNS | WC_FIRST_PERSON);
}

/* Default mode: does a form of RECEIVE or GET stand before the verb at vs, past at most
 * two lower-case words with no actor ("received bipartisan support", "got aid")? */
static int received_before(const dy_coder *c, size_t lo, size_t vs)
{
    static const char *const RECEIVE[] = {"RECEIVE", "RECEIVED", "RECEIVES", "RECEIVING",
                                          "GOT", "GET", "GETS", "GETTING", NULL};
    for (size_t k = vs, m = 0; k > lo && m < 3; k--, m++) {
        const text_tok *w = &c->words.v[k - 1];
        if (up_in(w->up, RECEIVE))
            return 1;
        if ((w->flags & TOK_CAP) || c->info.v[k - 1].entity >= 0 ||
            !isalpha((unsigned char)w->up[0]))
            return 0;
    }
    return 0;
}

/* Default mode: why the verb at vs reports no event, or NULL -- right after "could" or
 * "might" (one word may stand between: "could also"), a possibility; right after
 * "supposed to", an act that was to happen ("were supposed to sign a deal"); right after
 * "rather than" or "instead of", an act not done ("rather than cave in to Pyongyang's
 * pressure"); at most two words after "efforts to", "a bid to", "seeking to", "preparing
 * to", "a proposal to", "threats to", an act only attempted, prepared, proposed or
 * threatened; its subject, right before it past at most two auxiliaries or adverbs, is
 * analysts, experts, critics ..., a view ("..., experts said"); at most five words after
 * "if", "whether" or "unless", a condition ("if the U.K. imposes restrictions"), or after a
 * form of "hope", a wish ("in hopes that the United States can help", "still hope to
 * persuade the Thai government"); at most five words after a negated "respond to", what is
 * not responded to ("did not respond to a VOA inquiry"). */
static const char *moot_verb(const dy_coder *c, size_t lo, size_t vs)
{
    if ((vs > lo && word_is(&c->words.v[vs - 1], WC_MODALS)) ||
        (vs > lo + 1 && word_is(&c->words.v[vs - 2], WC_MODALS)))
        return "after could/might";
    if (vs > lo + 1 && !strcmp(c->words.v[vs - 1].up, "TO") &&
        !strcmp(c->words.v[vs - 2].up, "SUPPOSED"))
        return "after \"supposed to\", an act that was to happen";
    if (vs > lo + 1 && ((!strcmp(c->words.v[vs - 1].up, "THAN") &&
                         !strcmp(c->words.v[vs - 2].up, "RATHER")) ||
                        (!strcmp(c->words.v[vs - 1].up, "OF") &&
                         !strcmp(c->words.v[vs - 2].up, "INSTEAD"))))
        return "after \"rather than\", \"instead of\": an act not done";
    /* "any new efforts to impose sanctions against Turkey", "a bid to seize", "appears to
     * be preparing to launch": an act only attempted, prepared or proposed (TO at most two
     * words before the verb) */
    static const char *const INTENT[] = {"EFFORT", "EFFORTS", "ATTEMPT", "ATTEMPTS", "BID",
                                         "PREPARING", "PREPARES", "PROPOSAL", "PROPOSALS",
                                         "SEEKING", "SEEKS", "SOUGHT", "THREAT", "THREATS",
                                         NULL};
    for (size_t j = vs, m = 0; j > lo + 1 && m < 2; j--, m++)
        if (!strcmp(c->words.v[j - 1].up, "TO") && up_in(c->words.v[j - 2].up, INTENT))
            return "after \"efforts to\", \"a bid to\", \"preparing to\": an act only "
                   "attempted, prepared or proposed";
    /* "a Chinese and Russian proposal made on Monday for the U.N. Security Council to lift
     * sanctions ... and to ease restrictions": what a proposal, plan or request is for has
     * not happened (FOR at most eight words before TO, the noun at most four words before
     * FOR; an infinitive after AND TO is read from the TO of the one before it) */
    if (vs > 1 && !strcmp(c->words.v[vs - 1].up, "TO")) {
        static const char *const ASKED[] = {"PROPOSAL", "PROPOSALS", "PLAN", "PLANS",
                                            "REQUEST", "REQUESTS", "DEMAND", "DEMANDS", NULL};
        size_t to = vs - 1;
        if (to > 1 && !strcmp(c->words.v[to - 1].up, "AND"))
            for (size_t j = to - 1, m = 0; j > 0 && m < 30; j--, m++)
                if (!strcmp(c->words.v[j - 1].up, "TO")) {
                    to = j - 1;
                    break;
                }
        for (size_t f = to, m = 0; f > 1 && m < 8; f--, m++) {
            if (strcmp(c->words.v[f - 1].up, "FOR"))
                continue;
            for (size_t j = f - 1, n = 0; j > 0 && n < 4; j--, n++)
                if (up_in(c->words.v[j - 1].up, ASKED))
                    return "what a proposal, plan or request is for (\"a proposal for the "
                           "council to lift\")";
            break;
        }
    }
    size_t k = vs;
    for (int m = 0; m < 2 && k > lo &&
                    (c->info.v[k - 1].type == W_AUX ||
                     word_is(&c->words.v[k - 1], WC_AUX_LIKE | WC_BARE_ADVERBS));
         m++)
        k--;
    if (k > lo && word_is(&c->words.v[k - 1], WC_ANALYSTS))
        return "its subject is a commentator (analysts, experts ...): a view";
    for (size_t j = vs, m = 0; j > lo && m < 6; j--, m++)
        if (word_is(&c->words.v[j - 1], WC_CONDITIONALS | WC_WISHES))
            return "in a condition or a wish (if/whether/unless/hope)";
    /* "did not respond to a VOA inquiry", "did not reply to VOA's email requesting
     * comment": what one responds to is no event of its own */
    for (size_t j = vs, m = 0; j > lo + 2 && m < 5; j--, m++)
        if (!strcmp(c->words.v[j - 1].up, "TO") &&
            (!strncmp(c->words.v[j - 2].up, "RESPOND", 7) ||
             !strcmp(c->words.v[j - 2].up, "REPLY") || !strcmp(c->words.v[j - 2].up, "REPLIED")) &&
            (c->info.v[j - 3].type == W_NEG ||
             (j > lo + 3 && c->info.v[j - 4].type == W_NEG)))
            return "what is not responded to (\"did not respond to a VOA inquiry\")";
    return NULL;
}

/* Default mode: the first agent of unknown country ("---CVL": civilians, protesters,
 * militants) after the verb ending at ve and before `before`, with no other verb between,
 * when the source s is one state's actor: the agent takes that state ("SYRCVL") and its
 * index is returned.  -1 none, -2 out of memory. */
static int domestic_agent(dy_coder *c, int s, size_t ve, size_t before)
{
    const ce_entity *S = &c->ents.v[s];
    if (S->ncodes != 1 || S->unknown || !state_prefix(S->codes[0]))
        return -1;
    for (size_t k = ve; k < before && k < c->words.n; k++) {
        const cw_info *inf = &c->info.v[k];
        if (inf->deleted || inf->type == W_VERB || inf->type == W_COMMA)
            return -1;
        if (inf->entity < 0) {
            /* the verb's object only: not "the release of its citizens held by X" */
            const text_tok *w = &c->words.v[k];
            if (word_is(w, WC_POSS_PRONOUNS) ||
                (!strcmp(w->up, "OF") && !(k > ve && word_is(&c->words.v[k - 1], WC_QUANTITIES))))
                return -1;
            continue;
        }
        ce_entity *E = &c->ents.v[inf->entity];
        /* a state organ ("security forces") only for a source of that state that is no
         * organ of it: rebels fight their own state ("the BLA has ramped up attacks on
         * security forces"), a state's troops may fight another's */
        if (!E->unknown || E->pronoun || E->start != k || k - ve > 4 ||
            strlen(E->codes[0]) < 6 ||
            (state_organ(E->codes[0] + 3) &&
             (strlen(S->codes[0]) < 6 || state_organ(S->codes[0] + 3))))
            return -1;
        for (int j = 0; j < E->ncodes; j++) {
            char *nc = arena_strdup(&c->arena, E->codes[j]);
            if (!nc)
                return -2;
            memcpy(nc, S->codes[0], 3);
            E->codes[j] = nc;
        }
        E->unknown = 0;
        return inf->entity;
    }
    return -1;
}

/* Default mode: is the verb at vs a form of ADD that closes a quotation ('"...," the
 * spokesperson added', '"...," added Kariuki')?  ADD codes nothing by itself (adding
 * ships to a fleet), but after a quotation it says who spoke. */
static int added_after_quotation(const dy_coder *c, size_t lo, size_t vs)
{
    const char *w = c->words.v[vs].up;
    if (strcmp(w, "ADDED") && strcmp(w, "ADDS") && strcmp(w, "ADD"))
        return 0;
    size_t k = vs;
    if (k > lo && c->info.v[k - 1].entity >= 0) {
        k = c->ents.v[c->info.v[k - 1].entity].start;
        if (k > lo && c->info.v[k - 1].type == W_DET)
            k--;
    }
    /* the quotation may end right before the clause: "...," [the spokesperson added] */
    return k > 0 && c->info.v[k - 1].quoted && !c->info.v[vs].quoted;
}

/* A default target this many words or more after an act's verb is too far to be its object
 * (docs/CODING.md has the measurement). */
enum { FAR_TARGET_WORDS = 20 };

/* Is T a subject pronoun (he, she, it, they, we) right after the verb's span, or after its
 * THAT (after TELL, past who is told: "told the council that he ...")? */
static int said_subject_pronoun(const dy_coder *c, const ce_entity *T, size_t span_end)
{
    static const char *const SUBJECTS[] = {"HE", "SHE", "IT", "THEY", "WE", NULL};
    if (!T->pronoun || T->end != T->start + 1)
        return 0;
    size_t k = span_end;
    /* "told the council that he ...": who is told, then THAT */
    if (k > 0 && word_is(&c->words.v[k - 1], WC_TELL))
        for (size_t j = k; j < T->start && j < k + 6; j++)
            if (!strcmp(c->words.v[j].up, "THAT")) {
                k = j;
                break;
            }
    if (k < T->start && !strcmp(c->words.v[k].up, "THAT"))
        k++;
    if (k != T->start)
        return 0;
    return up_in(c->words.v[T->start].up, SUBJECTS);
}

/* Default mode: the actor (not a pronoun) at k, one determiner allowed, followed by a verb
 * at most three words after it -- the subject of a reported clause -- or -1. */
static int clause_subject_at(const dy_coder *c, size_t k, size_t hi)
{
    if (k < hi && c->info.v[k].type == W_DET)
        k++;
    if (k >= hi || c->info.v[k].entity < 0 || c->info.v[k].deleted || c->info.v[k].quoted)
        return -1;
    int e = c->info.v[k].entity;
    const ce_entity *E = &c->ents.v[e];
    if (E->pronoun || E->start != k || !E->ncodes)
        return -1;
    for (size_t j = E->end; j < hi && j < E->end + 4; j++)
        if (c->info.v[j].type == W_VERB)
            return c->info.v[j].deleted ? -1 : e;
    return -1;
}

/* Default mode: the subject of the clause a statement reports, or -1 -- an actor right
 * after the statement verb's span ("the United States said Iran is defying", "officials
 * said the security forces have arrested"), or after its THAT, before which only a time
 * phrase may stand ("said Thursday that", "said on Monday that") and, after TELL, who is
 * told ("told VOA that", "told reporters on Sunday that"). */
static int reported_subject(const dy_coder *c, size_t span_end, size_t hi)
{
    int e = clause_subject_at(c, span_end, hi);
    if (e >= 0)
        return e;
    int tell = span_end > 0 && word_is(&c->words.v[span_end - 1], WC_TELL);
    for (size_t j = span_end; j < hi && j < span_end + 6; j++) {
        const text_tok *w = &c->words.v[j];
        if (!strcmp(w->up, "THAT"))
            return clause_subject_at(c, j + 1, hi);
        int time = word_is(w, WC_TIME_WORDS) || !strcmp(w->up, "ON") || !strcmp(w->up, "LAST") ||
                   !strcmp(w->up, "EARLIER") || !strcmp(w->up, "THIS") ||
                   isdigit((unsigned char)w->up[0]);
        int told = tell && (c->info.v[j].entity >= 0 || !(w->flags & TOK_CAP));
        if ((!time && !told) || c->info.v[j].type == W_VERB || c->info.v[j].deleted)
            return -1;
    }
    return -1;
}

/* Default mode: why the verb at [vs, ve), in the act a statement reports, is no fact, or
 * NULL -- what its subject can, may, should or must do ("Abanda says Brazil can provide
 * ..."), a passive ("told VOA that Mech Dara has been released": its subject suffered the
 * act), an infinitive ("said Egypt was ready to meet Iraq"), a noun after NO ("argued that
 * Egypt had no veto"), a participle with its doer after BY ("said Somali forces backed by
 * Djiboutian soldiers ..."). */
static const char *reported_not_fact(const dy_coder *c, size_t lo, size_t hi, size_t vs,
                                     size_t ve)
{
    static const char *const MAY[] = {"CAN", "MAY", "SHOULD", "MUST", NULL};
    static const char *const BE[] = {"BEEN", "BEING", "WAS", "WERE", "IS", "ARE", "BE", NULL};
    if ((vs > lo && up_in(c->words.v[vs - 1].up, MAY)) ||
        (vs > lo + 1 && up_in(c->words.v[vs - 2].up, MAY)))
        return "a possibility or a duty reported";
    if (vs == lo)
        return NULL;
    const char *before = c->words.v[vs - 1].up;
    if (up_in(before, BE) &&
        (word_ends(&c->words.v[vs], "ED") || word_ends(&c->words.v[vs], "EN")))
        return "a passive: its subject suffered the act";
    if (!strcmp(before, "TO"))
        return "an infinitive: what its subject is ready, willing or set to do";
    if (!strcmp(before, "NO"))
        return "negated by NO";
    if (ve < hi && c->info.v[ve].type == W_BY && c->info.v[vs - 1].entity >= 0)
        return "a participle, its doer after BY";
    return NULL;
}

/* The number of words (not punctuation) in [from, to). */
static size_t words_between(const dy_coder *c, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t k = from; k < to; k++)
        n += isalnum((unsigned char)c->words.v[k].up[0]) != 0;
    return n;
}

/* How many words entity e stands after the verb's span ending at span_end (0 when it
 * stands before it): the far-target rule's measure. */
static size_t words_after_verb(const dy_coder *c, size_t span_end, int e)
{
    return c->ents.v[e].start >= span_end ? words_between(c, span_end, c->ents.v[e].start) : 0;
}

/* The clause [lo, hi) as the verbs' patterns see it: without the words of dropped comma
 * clauses -- as PETRARCH and TABARI cut them from the sentence -- so that no pattern matches
 * across or inside them.  With none dropped, nothing is built (kept_before is left empty);
 * else kept holds the other words, kept_at their positions, kept_before.v[p - lo] the
 * number of kept words before position p (lo <= p <= hi), and kept_acts the clause's actors
 * (vacts) at kept-word positions.  Built once per clause: the same for each of its verbs.
 * 0 ok, -1 ENOMEM. */
static int keep_clause(dy_coder *c, size_t lo, size_t hi)
{
    c->kept.n = c->kept_at.n = c->kept_before.n = c->kept_acts.n = 0;
    size_t ndel = 0;
    for (size_t k = lo; k < hi; k++)
        ndel += c->info.v[k].deleted;
    if (!ndel)
        return 0;
    for (size_t k = lo; k <= hi; k++) {
        if (VEC_PUSH(&c->kept_before, c->kept.n))
            return -1;
        if (k < hi && !c->info.v[k].deleted &&
            (VEC_PUSH(&c->kept, c->words.v[k]) || VEC_PUSH(&c->kept_at, k)))
            return -1;
    }
    for (size_t a = 0; a < c->vacts.n; a++) {
        verbd_actor va = c->vacts.v[a];
        va.start = c->kept_before.v[va.start - lo];
        va.end = c->kept_before.v[va.end - lo];
        if (VEC_PUSH(&c->kept_acts, va))
            return -1;
    }
    return 0;
}

/* The verb's patterns (verbd_match) against the clause [lo, hi) that keep_clause prepared,
 * the verb at [vs, ve).  The result's spans are word indices of the sentence.  1 a pattern
 * matched, 0 the verb's own code applies. */
static int match_kept(dy_coder *c, const verbd_verb *vb, size_t lo, size_t hi, size_t vs,
                      size_t ve, verbd_result *r)
{
    const verbd *V = c->d->verbs;
    if (!c->kept_before.n)
        return verbd_match(V, vb, c->words.v, lo, hi, vs, ve, c->vacts.v, c->vacts.n, r,
                           c->o.trace, c->o.trace_ud);
    int m = verbd_match(V, vb, c->kept.v, 0, c->kept.n, c->kept_before.v[vs - lo],
                        c->kept_before.v[ve - lo], c->kept_acts.v, c->kept_acts.n, r, c->o.trace,
                        c->o.trace_ud);
    r->span_start = r->span_start < c->kept.n ? c->kept_at.v[r->span_start] : vs;
    r->span_end = r->span_end > 0 && r->span_end <= c->kept.n ? c->kept_at.v[r->span_end - 1] + 1
                                                               : ve;
    return m;
}

/* Code one clause [lo, hi).  *src_carry is the sentence's running source entity.
 * Returns events added, or -1 on ENOMEM. */
static int code_clause(dy_coder *c, const char *sent, size_t lo, size_t hi, int *src_carry,
                       int first_clause)
{
    /* reported: the subject of what a statement reports; speaker: the statement's source */
    int added = 0, reported = -1, speaker = -1;
    /* entities of the clause, as the matcher sees them */
    c->vacts.n = 0;
    c->vmap.n = 0;
    for (size_t e = 0; e < c->ents.n; e++) {
        const ce_entity *E = &c->ents.v[e];
        if (E->start < lo || E->end > hi || c->info.v[E->start].deleted)
            continue;
        int members = 0;
        for (size_t k = 0; k < c->ents.n; k++)
            members += c->ents.v[k].group == E->group;
        verbd_actor va = {E->start, E->end, E->ncodes ? E->codes[0] : "---",
                          members > 1 ? E->group + 1 : 0};
        if (VEC_PUSH(&c->vacts, va) || VEC_PUSH(&c->vmap, (int)e))
            return -1;
    }
    if (keep_clause(c, lo, hi))
        return -1;
    /* an actor right after the conjunction overrides the carried source */
    if (!first_clause && lo < hi && c->info.v[lo].entity >= 0)
        *src_carry = -1;
    for (size_t i = lo; i < hi; i++) {
        cw_info *inf = &c->info.v[i];
        if (inf->type != W_VERB || !inf->verb || inf->deleted)
            continue;
        size_t vs = i, ve = i + inf->vlen;
        verbd_result r;
        memset(&r, 0, sizeof r);
        r.source = r.target = -1;
        int matched = match_kept(c, inf->verb, lo, hi, vs, ve, &r);
        size_t span_end = r.span_end > ve ? r.span_end : ve; /* pattern words after the verb */
        const char *code = r.code ? r.code : verbd_verb_code(inf->verb);
        if (!c->co.tabari && !r.pattern && code && !strcmp(code, "---") &&
            added_after_quotation(c, lo, vs)) {
            coder_trace(c, "verb %s: closes a quotation, a statement [010]", c->words.v[i].up);
            code = "010";
        }
        if (!code || !strcmp(code, "---") || !*code) {
            coder_trace(c, "verb %s: null code, no event", c->words.v[i].up);
            i = ve - 1;
            continue;
        }
        if (!strcmp(code, "###") || !strcmp(code, "+++")) {
            coder_trace(c, "verb %s: %s code: sentence not coded", c->words.v[i].up,
                  code[0] == '#' ? "discard" : "complex");
            return -2;
        }
        const int statement = !strncmp(code, "01", 2); /* a 01x code: said, told, noted... */
        /* default mode: a participle opening the sentence and followed by BY ("Rebuked by
         * Eriador, Osgiliath ...") modifies the subject after the comma: no clause of its
         * own, and PETRARCH, finding no subject for it, codes nothing */
        if (!c->co.tabari && vs == 0 && ve < hi && c->info.v[ve].type == W_BY) {
            coder_trace(c, "verb %s: sentence-opening participle + BY, no event", c->words.v[i].up);
            i = ve - 1;
            continue;
        }
        /* default mode: an -ED form right after a comma and followed by IN, AT, ACROSS,
         * NEAR or INSIDE ("... leaders is dead, killed in what U.S. and Iraqi officials
         * describe as a joint operation") is a passive participle: what stands before the
         * comma suffered the act, whose doer is not named -- no event */
        if (!c->co.tabari && !statement && vs > lo + 1 && c->info.v[vs - 1].type == W_COMMA &&
            !c->info.v[vs - 2].deleted && ve < hi && word_ends(&c->words.v[vs], "ED") &&
            word_is(&c->words.v[ve], WC_PLACE_PREPS)) {
            coder_trace(c, "verb %s: a participle after a comma, its doer unnamed: no event",
                        c->words.v[i].up);
            i = ve - 1;
            continue;
        }
        /* default mode: a statement verb's -ING form opening the sentence, with a comma
         * later ("Underscoring the insecurity along the border, the militants launched
         * ...") is a modifier of what follows, no statement of its own */
        if (!c->co.tabari && statement && vs == 0 && word_ends(&c->words.v[vs], "ING")) {
            size_t k = ve;
            while (k < c->words.n && c->info.v[k].type != W_COMMA)
                k++;
            if (k < c->words.n) {
                coder_trace(c, "verb %s: an -ing form opening the sentence: no statement",
                            c->words.v[i].up);
                i = ve - 1;
                continue;
            }
        }
        /* default mode: "would" before the verb and "if" or "unless" after it in the
         * clause ("the president would meet with Kim if there is a prospect of a deal"):
         * a condition, no event */
        if (!c->co.tabari && ((vs > lo && !strcmp(c->words.v[vs - 1].up, "WOULD")) ||
                              (vs > lo + 1 && !strcmp(c->words.v[vs - 2].up, "WOULD")))) {
            int cond = 0;
            for (size_t k = ve; k < hi && !cond; k++)
                cond = word_is(&c->words.v[k], WC_CONDITIONALS) &&
                       strcmp(c->words.v[k].up, "WHETHER");
            if (cond) {
                coder_trace(c, "verb %s: after \"would\", with a condition after it: no event",
                            c->words.v[i].up);
                i = ve - 1;
                continue;
            }
        }
        const char *moot = c->co.tabari ? NULL : moot_verb(c, lo, vs);
        if (moot) {
            coder_trace(c, "verb %s: %s, no event", c->words.v[i].up, moot);
            i = ve - 1;
            continue;
        }
        /* negation: a bare verb preceded by a negation word codes nothing */
        if (!matched && ((vs > lo && c->info.v[vs - 1].type == W_NEG) ||
                         (vs > lo + 1 && c->info.v[vs - 2].type == W_NEG &&
                          c->info.v[vs - 1].type != W_ACTOR))) {
            coder_trace(c, "verb %s: negated, no event", c->words.v[i].up);
            i = ve - 1;
            continue;
        }
        /* default mode: "said nothing", "offered no evidence": negated by its object */
        if (!c->co.tabari && ve < hi && word_is(&c->words.v[ve], WC_NONE)) {
            coder_trace(c, "verb %s: its object is %s, no event", c->words.v[i].up,
                        c->words.v[ve].up);
            i = ve - 1;
            continue;
        }
        int s = r.source >= 0 ? c->vmap.v[r.source] : -1;
        int t = r.target >= 0 ? c->vmap.v[r.target] : -1;
        /* % names a compound: in TABARI it acts on itself; in PETRARCH it is the source and
         * the target follows the default rules */
        if (r.compound && s >= 0 && t >= 0 && c->ents.v[s].group == c->ents.v[t].group) {
            if (c->co.tabari) {
                t = s;
            } else if (c->ents.v[s].start >= vs) {
                t = s; /* "agrees with % ": the compound after the verb is the target */
                s = -1;
            } else {
                t = -1;
            }
        }
        int explicit_s = s >= 0, explicit_t = t >= 0, s_single = 0, t_single = 0, s_default = 0,
            t_default = 0, s_carried = 0;
        /* default mode: "for Islamabad to negotiate", "leading South Korea to call for":
         * after FOR or a causative (leading, prompting, forcing, causing), the actor right
         * before TO is the subject of the verb after it */
        if (s < 0 && !c->co.tabari && vs >= lo + 3 && !strcmp(c->words.v[vs - 1].up, "TO") &&
            c->info.v[vs - 2].entity >= 0 && !c->info.v[vs - 2].deleted &&
            c->info.v[vs - 2].entity != t && !c->ents.v[c->info.v[vs - 2].entity].pronoun) {
            static const char *const CAUSE[] = {"FOR", "LEADING", "PROMPTING", "FORCING",
                                                "CAUSING", "PUSHING", NULL};
            int e = c->info.v[vs - 2].entity;
            size_t st = c->ents.v[e].start;
            if (st > lo && up_in(c->words.v[st - 1].up, CAUSE)) {
                s = e;
                coder_trace(c, "verb %s: %s before the actor before TO: %s is its subject",
                            c->words.v[i].up, c->words.v[st - 1].up, c->ents.v[s].codes[0]);
            }
        }
        /* default source: the first actor before the verb (distinct from a pattern target);
         * else the clause's carried source; else a PRIOR default; else the first actor after */
        if (s < 0 && !c->co.tabari)
            s = subject_next_to(c, lo, vs, t);
        /* default mode: a statement's speaker is the actor right before its verb ("...,
         * Chinese migrants say", "U.S. commanders say"), wherever the clause's first actor
         * stands */
        if (s < 0 && !c->co.tabari && statement && vs > lo &&
            c->info.v[vs - 1].entity >= 0 && !c->info.v[vs - 1].deleted &&
            c->info.v[vs - 1].entity != t && !c->ents.v[c->info.v[vs - 1].entity].pronoun)
            s = c->info.v[vs - 1].entity;
        /* SET: PERSON NAMES: a person named in the subject slot is the source; a name with
         * no actor there leaves the source unknown */
        int name_blocked = 0;
        if (s < 0 && !c->co.tabari && c->co.person_names) {
            int ns = names_subject(c, lo, vs);
            if (ns >= 0 && ns != t && (t < 0 || !shares_code(c, ns, t)))
                s = ns;
            name_blocked = ns == -2;
        }
        /* default mode: "he said ..." with "he" unresolved: the source is unknown, and no
         * other actor may stand in for it */
        int s_blocked = s < 0 && !c->co.tabari && (name_blocked || unresolved_subject(c, lo, vs));
        if (s_blocked)
            coder_trace(c, "verb %s: its subject %s: no source", c->words.v[i].up,
                  name_blocked ? "is a name with no actor" : "pronoun is unresolved");
        if (s < 0 && !s_blocked) {
            s = first_entity_in(c, lo, hi, t, 1, vs);
            if (s < 0 && *src_carry >= 0) {
                s = *src_carry;
                s_carried = 1;
            }
            if (s < 0 && c->co.def_source[0] && c->co.def_source_prior)
                s_default = 1;
            if (s < 0 && !s_default) {
                s = first_entity_in(c, lo, hi, t, 0, ve);
                s_single = s >= 0;
                /* default mode: a verb whose subject is a lower-case word with no actor
                 * ("critics suggest", "an indictment described", "Western politicians
                 * have called on China to ... Russia's war") has a doer we do not know:
                 * an actor after the verb is what is said or done, not who does it --
                 * unless it is the speaker named after a quotation or comma ('," said
                 * the EU's Kallas'), a pronoun meaning the speakers, or the actor after
                 * BY ("a visit by Modi").  With PETRARCH's new_actor_length, which
                 * makes such subjects actors, its fallback is kept. */
                if (s >= 0 && !c->co.tabari && !c->co.new_actor_length && !c->ents.v[s].pronoun &&
                    !(ve < hi && c->info.v[ve].type == W_BY) && word_subject_before(c, lo, vs)) {
                    coder_trace(c, "verb %s [%s]: its subject is a word with no actor, and %s "
                                "after it is not who acts: no event", c->words.v[i].up,
                                code, c->ents.v[s].codes[0]);
                    i = ve - 1;
                    continue;
                }
            }
            if (s < 0 && c->co.def_source[0])
                s_default = 1;
        }
        /* default mode: after a statement that reports an act, only that act's verb codes,
         * and only as a fact */
        if (reported >= 0) {
            const char *why = s < 0 || c->ents.v[s].group != c->ents.v[reported].group
                                  ? "not the act the statement reports"
                                  : reported_not_fact(c, lo, hi, vs, ve);
            if (why) {
                coder_trace(c, "verb %s: %s, no event", c->words.v[i].up, why);
                i = ve - 1;
                continue;
            }
        }
        /* default target: the first actor after the verb with another code; else an AFTER
         * default; else the first such actor before the verb (on its own); else a compound
         * source acting on itself; else the default */
        if (t < 0) {
            t = first_entity_ex(c, lo, hi, s, !s_single, 0, ve);
            if (t < 0 && c->co.def_target[0] && c->co.def_target_after)
                t_default = 1;
            if (t < 0 && !t_default) {
                t = first_entity_in(c, lo, hi, s, 1, vs);
                t_single = t >= 0;
            }
            /* default mode: not for a source carried from an earlier clause ("A and B
             * said ... and warned that ...") */
            if (t < 0 && !t_default && s >= 0 && !(s_carried && !c->co.tabari) &&
                (c->co.tabari || reciprocal_code(code))) {
                int g = c->ents.v[s].group, members = 0;
                for (size_t e = 0; e < c->ents.n; e++)
                    members += c->ents.v[e].group == g;
                if (members > 1)
                    t = s;
            }
            if (t < 0 && c->co.def_target[0])
                t_default = 1;
        }
        /* default mode: in the act a statement reports, an object pronoun right after the
         * verb is the speaker ("the Thai government said Beijing had assured it that ...":
         * CHN 030 THAGOV) */
        if (reported >= 0 && speaker >= 0 && !explicit_t && ve < hi && s >= 0 &&
            c->ents.v[speaker].group != c->ents.v[s].group) {
            static const char *const OBJ[] = {"IT", "THEM", "HIM", "HER", "US", NULL};
            if (up_in(c->words.v[ve].up, OBJ)) {
                t = speaker;
                t_single = 0;
                coder_trace(c, "verb %s: %s after it is the speaker, %s", c->words.v[i].up,
                            c->words.v[ve].up, c->ents.v[t].codes[0]);
            }
        }
        /* default mode: a subject pronoun right after a statement verb (or its THAT) is the
         * subject of what is said -- most often the speakers themselves ("ministers say
         * they hope", "the military said it killed 33 militants") -- not its target: the
         * statement codes nothing, and the verb it reports codes the act */
        if (!c->co.tabari && !explicit_t && !r.pattern && t >= 0 && !t_single &&
            (statement || (!strncmp(code, "02", 2) && span_end < hi &&
                           !strcmp(c->words.v[span_end].up, "THAT"))) &&
            said_subject_pronoun(c, &c->ents.v[t], span_end)) {
            coder_trace(c, "verb %s [%s]: %s is the subject of what is said, not its target: "
                        "no event", c->words.v[i].up, code, c->words.v[c->ents.v[t].start].up);
            if (s >= 0 && *src_carry < 0)
                *src_carry = s;
            i = ve - 1;
            continue;
        }
        /* default mode, SET: PERSON NAMES: an act whose object, right after the verb, is a
         * name no actor stands for ("accused YChina of supporting Chinese government
         * propaganda") has that unknown target, not a later actor */
        if (!c->co.tabari && c->co.person_names && !explicit_t && !statement && t >= 0 &&
            !t_single && c->ents.v[t].start > span_end) {
            size_t k = span_end;
            if (k < hi && c->info.v[k].type == W_DET)
                k++;
            if (k < hi && c->info.v[k].name && c->info.v[k].entity < 0 &&
                !c->info.v[k].deleted) {
                /* and an -ing form after OF or FOR later in the clause is that person's
                 * doing ("accused Mwangi of attacking Sudan"), no event of the source's */
                coder_trace(c, "verb %s [%s]: its object is a name with no actor: no target",
                            c->words.v[i].up, code);
                t = -1;
                for (size_t m = k + 1; m < hi; m++)
                    if (c->info.v[m].type == W_VERB && word_ends(&c->words.v[m], "ING") &&
                        (!strcmp(c->words.v[m - 1].up, "OF") ||
                         !strcmp(c->words.v[m - 1].up, "FOR")))
                        c->info.v[m].type = W_NOUN;
            }
        }
        /* default mode: an act's default target far after its verb ("upgraded their ties,
         * ... a move analysts say is aimed at ... China's footprint") is an actor of some
         * later phrase, not the verb's object: no target */
        size_t far = !c->co.tabari && !explicit_t && !statement && t >= 0 && !t_single
                         ? words_after_verb(c, span_end, t)
                         : 0;
        if (far >= FAR_TARGET_WORDS) {
            coder_trace(c, "verb %s [%s]: %s is %zu words after it, too far for its object: no "
                        "target", c->words.v[i].up, code, c->ents.v[t].codes[0], far);
            t = -1;
        }
        /* default mode: an agent of unknown country right after the verb of a state's actor
         * ("Iraqi security forces opened fire on protesters", "Syrian troops killed 500
         * civilians") is of the source's state, and the target -- before any later actor */
        if (!c->co.tabari && !explicit_t && s >= 0 && !statement) {
            int a = domestic_agent(c, s, span_end, t >= 0 ? c->ents.v[t].start : hi);
            if (a == -2)
                return -1;
            if (a >= 0) {
                coder_trace(c, "verb %s: agent %s after it is of the source's state: %s",
                            c->words.v[i].up, c->ents.v[a].text ? c->ents.v[a].text : "",
                            c->ents.v[a].codes[0]);
                t = a;
                t_single = 1;
            }
        }
        /* default mode: a state's government or forces rarely act on, or speak of, their
         * own bare state ("Netanyahu said Israel will ... Hamas", "the military killed 30
         * militants in Pakistan"): the next actor of the clause that is not that state, if
         * any, is the target; with none, no event */
        if (!c->co.tabari && !explicit_t && s >= 0 && t >= 0 &&
            own_state_pair(&c->ents.v[s], &c->ents.v[t])) {
            int next = -1;
            for (size_t e = 0; e < c->ents.n && next < 0; e++) {
                const ce_entity *E = &c->ents.v[e];
                if (E->start >= c->ents.v[t].end && E->end <= hi && !c->info.v[E->start].deleted &&
                    E->group != c->ents.v[s].group && E->ncodes &&
                    strncmp(E->codes[0], c->ents.v[s].codes[0], 3) && !E->unknown)
                    next = (int)e;
            }
            /* an act's object does not stand that far after it (the far-target rule) */
            if (next >= 0 && !statement && words_after_verb(c, span_end, next) >= FAR_TARGET_WORDS)
                next = -1;
            if (next < 0) {
                coder_trace(c, "verb %s [%s]: target %s is the source's own state, and no "
                            "other actor: no event", c->words.v[i].up, code,
                            c->ents.v[t].codes[0]);
                if (*src_carry < 0)
                    *src_carry = s;
                i = ve - 1;
                continue;
            }
            coder_trace(c, "verb %s [%s]: target %s is the source's own state: %s instead",
                        c->words.v[i].up, code, c->ents.v[t].codes[0], c->ents.v[next].codes[0]);
            t = next;
            t_single = 0;
        }
        /* default mode: "Neither China nor Thailand has explained ...": a statement denied
         * to both members of its subject is none (other verbs keep PETRARCH's reading) */
        if (!c->co.tabari && s >= 0 && statement) {
            size_t first = c->ents.v[s].start;
            for (size_t e = 0; e < c->ents.n; e++)
                if (c->ents.v[e].group == c->ents.v[s].group && c->ents.v[e].start < first)
                    first = c->ents.v[e].start;
            if (first > lo && !strcmp(c->words.v[first - 1].up, "NEITHER")) {
                coder_trace(c, "verb %s [%s]: its subject is NEITHER ... NOR: no event",
                            c->words.v[i].up, code);
                i = ve - 1;
                continue;
            }
        }
        /* default mode: a statement about a person named with no actor ("officials said
         * al-Rufay'i ran operations across Iraq and Syria") is about that person: actors
         * after the name are the person's doings, not the statement's target */
        if (!c->co.tabari && !explicit_t && t >= 0 && statement &&
            c->ents.v[t].start >= span_end) {
            size_t k = span_end;
            while (k < c->ents.v[t].start && c->info.v[k].name != NAME_PERSON)
                k++;
            if (k < c->ents.v[t].start) {
                coder_trace(c, "verb %s [%s]: it speaks of %s, a person with no actor, before "
                            "%s: no event", c->words.v[i].up, code, c->words.v[k].up,
                            c->ents.v[t].codes[0]);
                if (*src_carry < 0)
                    *src_carry = s;
                i = ve - 1;
                continue;
            }
        }
        /* passive voice: WAS/WERE/BEEN one or two words before, BY right after (or after
         * one modifier: "was opposed earlier by") */
        if (!explicit_s && !explicit_t) {
            int aux = (vs >= 1 && c->info.v[vs - 1].type == W_AUX) ||
                      (vs >= 2 && c->info.v[vs - 2].type == W_AUX);
            int by = (ve < hi && c->info.v[ve].type == W_BY) ||
                     (ve + 1 < hi && c->info.v[ve + 1].type == W_BY &&
                      c->info.v[ve].type == W_NONE);
            if (aux && by) {
                int tmp = s;
                s = t;
                t = tmp;
                tmp = s_default;
                s_default = t_default;
                t_default = tmp;
                tmp = s_single;
                s_single = t_single;
                t_single = tmp;
                coder_trace(c, "passive voice: source and target swapped");
            } else if (!aux && !c->co.tabari && ve + 1 < hi && c->info.v[ve].type == W_BY) {
                /* default mode, no auxiliary: "a meeting requested by X", "attacks by X",
                 * "a visit by X to Y" -- the actor right after BY acts; a participle's
                 * target is the nearest actor before it, a noun's the next one after */
                size_t k = ve + 1;
                if (c->info.v[k].type == W_DET && k + 1 < hi)
                    k++;
                /* one lower-case modifier may stand before the actor ("by armed militants") */
                if (c->info.v[k].entity < 0 && k + 1 < hi && !(c->words.v[k].flags & TOK_CAP) &&
                    (c->info.v[k].type == W_NONE || c->info.v[k].type == W_ADJ) &&
                    c->info.v[k + 1].entity >= 0 &&
                    c->ents.v[c->info.v[k + 1].entity].start == k + 1)
                    k++;
                int agent = c->info.v[k].deleted ? -1 : c->info.v[k].entity;
                if (agent >= 0 && c->ents.v[agent].start == k && agent != s) {
                    const text_tok *vw = &c->words.v[vs];
                    int participle = word_ends(vw, "ED");
                    int nt = -1;
                    for (size_t e = 0; e < c->ents.n; e++) {
                        const ce_entity *E = &c->ents.v[e];
                        if (E->start < lo || E->end > hi || c->info.v[E->start].deleted ||
                            E->group == c->ents.v[agent].group || shares_code(c, (int)e, agent))
                            continue;
                        if (participle ? E->end <= vs : E->start >= c->ents.v[agent].end) {
                            nt = (int)e;
                            if (!participle)
                                break;
                        }
                    }
                    coder_trace(c, "verb %s BY %s: the actor after BY is the source",
                          c->words.v[vs].up, c->ents.v[agent].codes[0]);
                    s = agent;
                    t = nt;
                    s_single = t_single = 0;
                    s_default = 0;
                    if (t < 0 && !t_default) {
                        if (*src_carry < 0)
                            *src_carry = s;
                        i = ve - 1;
                        continue;
                    }
                } else if (agent < 0 && word_ends(&c->words.v[vs], "ED") &&
                           !(c->words.v[k].flags & TOK_NUM)) {
                    /* "land claimed by Jewish settlers": a participle whose doer after BY
                     * is no actor has a doer we do not know */
                    coder_trace(c, "verb %s BY %s: its doer is no actor: no event",
                                c->words.v[vs].up, c->words.v[k].up);
                    i = ve - 1;
                    continue;
                }
            }
        }
        /* default mode: what one receives ("Lai's plight has received bipartisan support in
         * Washington", "Kyiv got military aid from Berlin") is done to one: the receiver is
         * the target, as for a reversed pattern */
        int received = !c->co.tabari && !explicit_s && !explicit_t && !r.reversed && s >= 0 &&
                       t >= 0 && received_before(c, lo, vs);
        if (received)
            coder_trace(c, "verb %s: received, so %s is its target", c->words.v[vs].up,
                        c->ents.v[s].codes[0]);
        if (r.reversed || received) {
            int tmp = s;
            s = t;
            t = tmp;
        }
        /* default mode: a statement outside a quotation with no target in its clause ('"...
         * Russia ...," the minister said'): the first actor quoted is what it is about */
        if (!c->co.tabari && !explicit_t && t < 0 && !t_default && s >= 0 &&
            statement && !c->info.v[vs].quoted) {
            for (size_t e = 0; e < c->ents.n && t < 0; e++) {
                const ce_entity *E = &c->ents.v[e];
                if (E->ncodes && !E->pronoun && E->group != c->ents.v[s].group &&
                    !c->info.v[E->start].deleted && !shares_code(c, (int)e, s) &&
                    c->info.v[E->start].quoted && !own_state_pair(&c->ents.v[s], E))
                    t = (int)e;
            }
            if (t >= 0) {
                t_single = 1;
                coder_trace(c, "verb %s: the first actor quoted, %s, is the target", c->words.v[i].up,
                      c->ents.v[t].codes[0]);
            }
        }
        /* default mode: a verb inside a quotation whose subject is WE or I ('"We urge
         * Afghanistan ...," the minister said'): the quotation's speaker is the source */
        if (!c->co.tabari && !explicit_s && c->info.v[vs].quoted &&
            first_person_subject(c, lo, vs)) {
            int sp = speaker_after_quote(c, ve);
            if (sp >= 0 && (t < 0 || sp == t || !shares_code(c, sp, t))) {
                coder_trace(c, "verb %s: first person in a quotation, the speaker %s is the source",
                      c->words.v[i].up, c->ents.v[sp].codes[0]);
                /* with no actor before the verb, the default source was the object; a
                 * default target that is the speaker itself is none */
                if (t == sp)
                    t = -1;
                if ((t < 0 || t == s) && s >= 0 && s != sp && !shares_code(c, s, sp)) {
                    t = s;
                    t_single = 1;
                }
                s = sp;
                s_single = 1;
            } else {
                coder_trace(c, "verb %s: first person in a quotation whose speaker is unknown: no "
                      "event", c->words.v[i].up);
                i = ve - 1;
                continue;
            }
        }
        /* default mode: a verb outside a quotation whose source would be an actor inside it
         * ('"Russia must stop ...," the minister said'): the speaker -- the actor right
         * before or right after the verb -- is the source, and the quoted actor the target */
        if (!c->co.tabari && !explicit_s && s >= 0 &&
            !c->info.v[vs].quoted &&
            c->info.v[c->ents.v[s].start].quoted) {
            int sp = quote_speaker(c, lo, hi, vs, ve);
            if (sp >= 0 && sp != s && c->ents.v[sp].group != c->ents.v[s].group &&
                !shares_code(c, sp, s)) {
                coder_trace(c, "verb %s: quoted, the speaker %s is the source", c->words.v[i].up,
                      c->ents.v[sp].ncodes ? c->ents.v[sp].codes[0] : "---");
                t = s;
                t_single = s_single;
                s = sp;
                s_single = 0;
            }
        }
        const char *dsrc = NULL, *dtgt = NULL;
        if (s < 0 && s_default)
            dsrc = c->co.def_source;
        if (t < 0 && t_default)
            dtgt = c->co.def_target;
        if ((s < 0 && !dsrc) || (t < 0 && !dtgt)) {
            if (c->co.require_dyad) {
                coder_trace(c, "verb %s [%s]: %s, no event", c->words.v[i].up, code,
                      s < 0 ? "no source" : "no target");
                if (s >= 0 && *src_carry < 0)
                    *src_carry = s;
                i = ve - 1;
                continue;
            }
        }
        /* default mode, no dyad required: a one-sided event with no target needs its verb
         * to have something after it -- PETRARCH codes a verb phrase only when it has an
         * object ("officials said on Thursday" is coded, "officials said today" is not) */
        if (!c->co.require_dyad && !c->co.tabari && t < 0 && !dtgt && !r.pattern) {
            int complement = 0;
            for (size_t k = span_end; k < hi && !complement; k++)
                complement = c->info.v[k].type != W_COMMA && !c->info.v[k].deleted &&
                             !word_is(&c->words.v[k], WC_BARE_ADVERBS);
            if (!complement) {
                coder_trace(c, "verb %s [%s]: no target and nothing after the verb, no event",
                      c->words.v[i].up, code);
                if (s >= 0 && *src_carry < 0)
                    *src_carry = s;
                i = ve - 1;
                continue;
            }
        }
        /* paired codes [032:033]: the second is the reverse event */
        int sub = r.subordinate, dom = r.dominant;
        const char *k1 = code;
        coder_trace(c, "event  %s %s %s (verb %s%s%s)",
              s >= 0 ? c->ents.v[s].codes[0] : dsrc ? dsrc : "---", k1,
              t >= 0 ? c->ents.v[t].codes[0] : dtgt ? dtgt : "---", c->words.v[i].up,
              r.pattern_text && *r.pattern_text ? ", pattern " : "",
              r.pattern_text ? r.pattern_text : "");
        int k = emit_pair(c, sent, s, t, k1, vs, ve, sub, dom, dsrc, dtgt, s_single, t_single);
        if (k < 0)
            return -1;
        added += k;
        if (r.code2 && *r.code2 && strcmp(r.code2, "---")) {
            k = emit_pair(c, sent, t, s, r.code2, vs, ve, sub, dom, dtgt, dsrc, t_single, s_single);
            if (k < 0)
                return -1;
            added += k;
        }
        if (s >= 0)
            *src_carry = s;
        if (k > 0 && c->co.code_by != COPT_ALL && !sub) {
            /* default mode: a statement followed by the subject of what it reports ("Iraqi
             * officials said Turkish troops attacked Kurdish rebels") also codes that act,
             * from the next verb on */
            if (c->co.tabari || !statement || reported >= 0 ||
                (reported = reported_subject(c, span_end, hi)) < 0)
                break;
            speaker = s;
            coder_trace(c, "verb %s: %s is the subject of what is said: its act is coded too",
                        c->words.v[i].up, c->ents.v[reported].codes[0]);
        }
        i = span_end - 1;
    }
    if (!added && first_clause && *src_carry < 0)
        *src_carry = first_entity_in(c, lo, hi, -1, 1, hi);
    return added;
}

/* Remember the sentence's subject for pronouns in later sentences. */
static int remember_subject(dy_coder *c)
{
    int e = -1;
    for (size_t k = 0; k < c->ents.n; k++)
        if (!c->ents.v[k].pronoun && !c->info.v[c->ents.v[k].start].deleted) {
            e = (int)k;
            break;
        }
    if (e < 0)
        return 0;
    const ce_entity *E = &c->ents.v[e];
    /* default mode: a sentence whose subject is a commentator ("Analysts told VOA ...")
     * leaves "they" in the next one without an actor */
    if (!c->co.tabari) {
        for (size_t k = 0; k < E->start && c->info.v[k].type != W_VERB; k++)
            if (word_is(&c->words.v[k], WC_ANALYSTS)) {
                c->last_subject_n = 0;
                return 0;
            }
    }
    if (c->co.forward) {
        /* TABARI forwards the first actor's code without its agent */
        const char **codes = arena_alloc(&c->arena, sizeof(char *));
        if (!codes || !(codes[0] = arena_strdup(&c->arena, E->root_code)))
            return -1;
        c->last_subject = codes;
        c->last_subject_n = 1;
        return 0;
    }
    /* the whole compound group: "They" in the next sentence means all of them */
    int total = 0;
    for (size_t m = 0; m < c->ents.n; m++)
        if (c->ents.v[m].group == E->group && !c->ents.v[m].pronoun)
            total += c->ents.v[m].ncodes;
    const char **codes = arena_alloc(&c->arena, sizeof(char *) * (size_t)total);
    if (!codes)
        return -1;
    int k = 0;
    for (size_t m = 0; m < c->ents.n; m++) {
        const ce_entity *M = &c->ents.v[m];
        if (M->group != E->group || M->pronoun)
            continue;
        for (int j = 0; j < M->ncodes; j++)
            if (!(codes[k++] = arena_strdup(&c->arena, M->codes[j])))
                return -1;
    }
    c->last_subject = codes;
    c->last_subject_n = total;
    return 0;
}

/*
 * Default mode: a final stretch after the last comma that has its own subject and verb
 * ("..., the agency WFNA said on Thursday") is a reporting clause, coded as a clause of its
 * own: its verb takes neither its source nor its target from the main clause.  Only when
 * the words before the comma hold a verb too.  Returns the comma's index, or words.n.
 */
static size_t reporting_clause(const dy_coder *c)
{
    size_t n = c->words.n;
    if (c->co.tabari)
        return n;
    size_t comma = n;
    for (size_t i = n; i-- > 0;)
        if (c->info.v[i].type == W_COMMA && !c->info.v[i].in_compound) {
            comma = i;
            break;
        }
    if (comma >= n || c->info.v[comma].deleted)
        return n; /* no comma, or the final stretch is a dropped comma clause */
    int verb_before = 0;
    for (size_t i = 0; i < comma && !verb_before; i++)
        verb_before = c->info.v[i].type == W_VERB && c->info.v[i].verb && !c->info.v[i].deleted;
    if (!verb_before)
        return n;
    /* the stretch opens with its subject: a noun phrase of at most 8 words holding an
     * actor or agent, with no preposition or clause word, then (after at most two
     * auxiliaries or negations) its verb */
    int subject = 0;
    size_t i = comma + 1, aux = 0;
    for (; i < n && i <= comma + 8; i++) {
        const cw_info *inf = &c->info.v[i];
        if (inf->type == W_VERB)
            break;
        if (inf->deleted || inf->type == W_COMMA || inf->type == W_PREP || inf->type == W_BY ||
            inf->type == W_CONJ || word_is(&c->words.v[i], WC_FUNCTION_WORDS) ||
            word_is(&c->words.v[i], WC_SUBORDINATORS))
            return n;
        if (inf->type == W_AUX || inf->type == W_NEG) {
            aux++;
            if (!subject || aux > 2)
                return n;
            continue;
        }
        if (aux)
            return n; /* words after the auxiliary: not "X (has) said" */
        if (inf->entity >= 0)
            subject = 1;
    }
    if (!subject || i >= n || c->info.v[i].type != W_VERB || !c->info.v[i].verb)
        return n;
    /* nothing in it but the reporting verb's own words: no actor after the verb */
    for (size_t k = i + 1; k < n; k++)
        if (c->info.v[k].entity >= 0)
            return n;
    return comma;
}

static int code_words(dy_coder *c, const char *sent, size_t len);

/* Code one sentence of the current story: tokenise it, then code its words in chunks of at
 * most max_sentence_tokens words (a longer sentence is split, never truncated).
 * 0 ok, -1 ENOMEM. */
static int code_sentence(dy_coder *c, const char *sent, size_t len)
{
    if (tok_run(&c->tk, sent, len))
        return -1;
    size_t from = 0, next = 0;
    do {
        if (build_words(c, from, &next) || code_words(c, sent, len))
            return -1;
        if (c->co.story_country && tally_countries(c))
            return -1;
        if (c->story_discarded)
            break;
        from = next;
    } while (from < c->tk.toks.n);
    return 0;
}

/* Does the sentence end with a question mark, before any closing quotes or spaces?
 * (Normalised text: typographic quotes are already ASCII.) */
static int is_question(const char *sent, size_t len)
{
    while (len > 0 && (sent[len - 1] == ' ' || sent[len - 1] == '"' || sent[len - 1] == '\''))
        len--;
    return len > 0 && sent[len - 1] == '?';
}

/* Default mode: does the conjunction at i join words rather than clauses -- two names with
 * no actor ("the Ministry of Information and Culture"), or a list of things closed by
 * ", and" with no verb before the next comma or conjunction?  It then splits no clause. */
static int joins_words(const dy_coder *c, size_t i)
{
    if (c->co.tabari || i == 0 || i + 1 >= c->words.n)
        return 0;
    if (c->info.v[i - 1].name && c->info.v[i + 1].name)
        return 1;
    /* ", and" closing a list of things with no verb before the next conjunction ("fired
     * tear gas, rubber bullets, and stun grenades at Palestinian demonstrators") */
    if (!(c->info.v[i - 1].type == W_COMMA))
        return 0;
    for (size_t k = i + 1; k < c->words.n; k++) {
        if (c->info.v[k].type == W_COMMA || c->info.v[k].type == W_CONJ)
            break;
        if (c->info.v[k].type == W_VERB || c->info.v[k].type == W_AUX)
            return 0;
    }
    return 1;
}

/* Default mode: does a contrasting clause open at word i -- WHILE or WHEREAS right after a
 * comma ("Europe retaliated with tariffs on U.S. exports, while Canada imposed new
 * tariffs on U.S. exports"), coded like one after AND?  Not before a verb or an -ing form
 * (", while adding ..." goes on with the same subject). */
static int contrast_clause(const dy_coder *c, size_t i)
{
    return !c->co.tabari && i > 0 && i + 1 < c->words.n && c->info.v[i - 1].type == W_COMMA &&
           !c->info.v[i].deleted && !c->info.v[i - 1].deleted &&
           (!strcmp(c->words.v[i].up, "WHILE") || !strcmp(c->words.v[i].up, "WHEREAS")) &&
           c->info.v[i + 1].type != W_VERB && !word_ends(&c->words.v[i + 1], "ING");
}

/* Code the words built from one sentence (or one chunk of a very long one). */
static int code_words(dy_coder *c, const char *sent, size_t len)
{
    arena_reset(&c->sarena);
    c->ents.n = 0;
    size_t n = c->words.n;
    if (c->o.trace) {
        dy_buf b;
        buf_init(&b);
        for (size_t i = 0; i < n; i++)
            if (buf_printf(&b, "%s%zu:%s", i ? " " : "", i, c->words.v[i].up))
                break;
        coder_trace(c, "sentence %d: %.*s", c->nsent, (int)len, sent);
        coder_trace(c, "words  %s", b.s ? b.s : "");
        buf_free(&b);
    }
    if (!n)
        return 0;
    /* which words stand inside a quotation (push_word cleared the flags): after an odd
     * number of '"' before their start; `next` is the offset of the next '"' not yet
     * counted (len when there is none), so the sentence is searched once, quote to quote */
    const char *q = memchr(sent, '"', len);
    if (q) {
        int inside = 0;
        size_t next = (size_t)(q - sent);
        /* default mode: an odd number of '"' whose first one closes a quotation (right
         * after a word or punctuation, not before one: 'robots," he said') -- the
         * quotation began in an earlier sentence, so the sentence opens inside it */
        if (!c->co.tabari && next > 0 && !isspace((unsigned char)sent[next - 1]) &&
            (next + 1 >= len || !isalnum((unsigned char)sent[next + 1]))) {
            size_t nq = 0;
            for (const char *p = q; p; p = memchr(p + 1, '"', len - (size_t)(p + 1 - sent)))
                nq++;
            if (nq % 2)
                inside = 1;
        }
        for (size_t k = 0; k < n; k++) {
            while (next < c->words.v[k].start) {
                inside ^= 1;
                q = next + 1 < len ? memchr(sent + next + 1, '"', len - next - 1) : NULL;
                next = q ? (size_t)(q - sent) : len;
            }
            c->info.v[k].quoted = (uint8_t)inside;
        }
    }
    if (c->co.min_words > 0 && (int)n < c->co.min_words) {
        coder_trace(c, "skipped: fewer than %d words", c->co.min_words);
        return 0;
    }
    const char *disc = verbd_discard(c->d->verbs, c->words.v, n);
    if (disc && !strcmp(disc, "+")) {
        coder_trace(c, "story discarded: story-level discard phrase");
        c->story_discarded = 1;
        return 0;
    }
    if (disc) {
        coder_trace(c, "discarded: discard phrase %s", *disc ? disc : "(plain)");
        return 0;
    }
    if (!c->co.tabari && is_question(sent, len)) {
        coder_trace(c, "skipped: a question reports no event");
        return 0;
    }
    span_vec *ag = &c->ag, *bare = &c->bare; /* kept by the coder: no allocation per sentence */
    ag->n = bare->n = 0;
    int rc = classify(c, ag);
    if (rc == SENT_OK)
        rc = attach_agents(c, ag, bare);
    if (rc == SENT_OK) {
        coder_reindex_entities(c);
        rc = merge_adjacent_agents(c, bare);
        if (rc == SENT_OK)
            rc = resolve_bare_agents(c, bare);
        if (rc == SENT_OK)
            rc = bare_agents_as_actors(c, bare);
        if (rc == SENT_OK) {
            coder_reindex_entities(c);
            if (settle_state_names(c))
                rc = -1;
            else if (c->co.person_names && !c->co.tabari && names_find(c))
                rc = -1;
        }
    }
    if (rc < 0)
        return -1;
    if (rc != SENT_OK)
        return 0;
    find_compounds(c);
    if (share_agents(c))
        return -1;
    c->opening_end = opening_phrase_end(c);
    drop_comma_clauses(c);
    drop_opening_participle(c);
    if (c->co.new_actor_length > 0 && !c->co.tabari && new_text_actors(c))
        return -1;
    trace_opening_phrase(c);
    if (resolve_pronouns(c) || resolve_the_group(c))
        return -1;
    if (c->co.person_names && !c->co.tabari && names_remember_person(c))
        return -1;
    buf_clear(&c->issues);
    if (verbd_issues(c->d->verbs, c->words.v, n, &c->issues))
        return -1;
    /* complexity conditions */
    {
        int nverbs = 0, nconj = 0, npron = 0, nact = 0;
        size_t first_verb = n;
        for (size_t i = 0; i < n; i++) {
            const cw_info *inf = &c->info.v[i];
            if (inf->deleted)
                continue;
            if (inf->type == W_VERB && inf->verb && strcmp(verbd_verb_code(inf->verb), "---")) {
                nverbs++;
                if (first_verb == n)
                    first_verb = i;
            }
            nconj += inf->type == W_CONJ && !inf->in_compound;
            npron += inf->type == W_PRON;
        }
        for (size_t e = 0; e < c->ents.n; e++)
            nact += !c->ents.v[e].pronoun;
        const char *why = NULL;
        if (c->co.cx_verbs && nverbs >= c->co.cx_verbs) why = "too many verbs";
        else if (c->co.cx_conj && nconj >= c->co.cx_conj) why = "too many conjunctions";
        else if (c->co.cx_pronouns && npron >= c->co.cx_pronouns) why = "too many pronouns";
        else if (c->co.cx_actors && nact >= c->co.cx_actors) why = "too many actors";
        else if (c->co.cx_noverb && !nverbs) why = "no verb";
        else if (c->co.cx_noactprior && first_verb < n &&
                 first_entity_in(c, 0, n, -1, 1, first_verb) < 0)
            why = "no actor before the first verb";
        if (why) {
            coder_trace(c, "complex sentence (%s): not coded", why);
            return 0;
        }
    }
    /* clauses at conjunctions not inside compounds, and before a reporting clause */
    size_t before = c->evs.n;
    int src_carry = -1, first = 1;
    size_t lo = 0, report = reporting_clause(c);
    for (size_t i = 0; i <= n; i++) {
        if (i < n && i != report &&
            !(c->info.v[i].type == W_CONJ && !c->info.v[i].in_compound && !c->info.v[i].deleted &&
              !joins_words(c, i)) &&
            !contrast_clause(c, i))
            continue;
        if (i == report && report < n) {
            coder_trace(c, "reporting clause [%zu-%zu) coded on its own", i + 1, n);
            if (i > lo) {
                int k = code_clause(c, sent, lo, i, &src_carry, first);
                if (k == -2) {
                    c->evs.n = before;
                    return 0;
                }
                if (k < 0)
                    return -1;
                first = 0;
                if (k > 0 && c->co.code_by == COPT_BY_SENTENCE)
                    break;
            }
            src_carry = -1; /* its subject is its own */
            lo = i + 1;
            continue;
        }
        if (i > lo) {
            int k = code_clause(c, sent, lo, i, &src_carry, first);
            if (k == -2) {
                c->evs.n = before;
                return 0;
            }
            if (k < 0)
                return -1;
            first = 0;
            if (k > 0 && c->co.code_by == COPT_BY_SENTENCE)
                break;
        }
        lo = i + 1;
    }
    /* dominant events suppress the rest; subordinate events only if nothing else */
    size_t ndom = 0, nnonsub = 0;
    for (size_t k = before; k < c->evs.n; k++) {
        ndom += c->evs.v[k].dominant;
        nnonsub += !c->evs.v[k].subordinate;
    }
    size_t out = before;
    for (size_t k = before; k < c->evs.n; k++) {
        coded_event *ce = &c->evs.v[k];
        if (ndom && !ce->dominant)
            continue;
        if (nnonsub && ce->subordinate)
            continue;
        int dup = 0;
        for (size_t m = before; m < out && !dup; m++) {
            const dy_event *a = &c->evs.v[m].ev, *b = &ce->ev;
            dup = !strcmp(a->source, b->source) && !strcmp(a->target, b->target) &&
                  !strcmp(a->code, b->code);
        }
        /* default mode: a plain statement (010) between the same two actors as another
         * event of the sentence only reports it ('"We condemn X," the minister said') */
        for (size_t m = before; m < c->evs.n && !dup && !c->co.tabari &&
                                !strcmp(ce->ev.code, "010"); m++) {
            const dy_event *a = &c->evs.v[m].ev, *b = &ce->ev;
            dup = m != k && strcmp(a->code, "010") && !strcmp(a->source, b->source) &&
                  !strcmp(a->target, b->target) && !(ndom && !c->evs.v[m].dominant) &&
                  !(nnonsub && c->evs.v[m].subordinate);
        }
        if (!dup)
            c->evs.v[out++] = *ce;
    }
    c->evs.n = out;
    /* provenance strings now that the events are final */
    for (size_t k = before; k < c->evs.n; k++) {
        dy_event *ev = &c->evs.v[k].ev;
        const char *st = arena_strndup(&c->arena, sent, len);
        if (!st)
            return -1;
        ev->sentence = st;
#define SPAN_TEXT(field, a, b)                                                               \
    do {                                                                                     \
        if (ev->a >= 0) {                                                                    \
            if (!(ev->field = arena_strndup(&c->arena, sent + ev->a, (size_t)(ev->b - ev->a))))\
                return -1;                                                                   \
        } else {                                                                             \
            ev->field = "";                                                                  \
        }                                                                                    \
    } while (0)
        SPAN_TEXT(source_text, source_start, source_end);
        SPAN_TEXT(target_text, target_start, target_end);
        SPAN_TEXT(verb_text, verb_start, verb_end);
#undef SPAN_TEXT
        if (c->issues.len && !(ev->issues = arena_strdup(&c->arena, c->issues.s)))
            return -1;
    }
    if (!c->co.tabari && c->co.coref_story && remember_bodies(c))
        return -1;
    return remember_subject(c);
}

/* Does this parse look like a Penn Treebank bracketing (as opposed to CoNLL-U)? */
static int treebank_like(const char *p)
{
    while (ascii_isspace((unsigned char)*p))
        p++;
    return *p == '(';
}

/* The words (leaves) of a Penn Treebank parse, joined by spaces, with the bracket tokens
 * turned back into punctuation and clitics ('s, n't) joined to their word.  Returns 0 ok,
 * 1 if the parse is malformed (unbalanced brackets, no words), -1 on ENOMEM. */
static int parse_leaves(const char *p, dy_buf *out)
{
    static const char *const map[][2] = {{"-LRB-", "("}, {"-RRB-", ")"}, {"-LSB-", "["},
                                         {"-RSB-", "]"}, {"-LCB-", "{"}, {"-RCB-", "}"},
                                         {"``", "\""}, {"''", "\""}};
    buf_clear(out);
    long depth = 0;
    size_t words = 0;
    while (*p) {
        if (*p == '(') {
            depth++;
            p++;
            while (*p && !ascii_isspace((unsigned char)*p) && *p != '(' && *p != ')')
                p++; /* the label */
            while (ascii_isspace((unsigned char)*p))
                p++;
            if (*p && *p != '(' && *p != ')') { /* a leaf */
                const char *w = p;
                while (*p && !ascii_isspace((unsigned char)*p) && *p != ')' && *p != '(')
                    p++;
                size_t n = (size_t)(p - w);
                const char *t = w;
                for (size_t m = 0; m < sizeof map / sizeof *map; m++)
                    if (strlen(map[m][0]) == n && !memcmp(w, map[m][0], n)) {
                        t = map[m][1];
                        n = strlen(t);
                    }
                int clitic = t[0] == '\'' || (n == 3 && !ascii_strncasecmp(t, "n't", 3));
                if (out->len && !clitic && buf_putc(out, ' '))
                    return -1;
                if (buf_append(out, t, n))
                    return -1;
                words++;
            }
        } else if (*p == ')') {
            if (--depth < 0)
                return 1;
            p++;
        } else {
            p++;
        }
    }
    return depth != 0 || words == 0 ? 1 : 0;
}

dy_status dy_coder_feed(dy_coder *c, const dy_story *s)
{
    if (!c || !s)
        return DY_EINVAL;
    c->evs.n = 0;
    c->next_ev = 0;
    c->nsent = 0;
    c->last_subject = NULL;
    c->last_subject_n = 0;
    c->story_discarded = 0;
    c->countries.n = 0;
    c->persons.n = 0;
    c->last_person_set = 0;
    c->last_person_codes = NULL;
    c->last_person_n = 0;
    c->last_body = c->last_armed = NULL;
    c->last_body_n = c->last_armed_n = 0;
    arena_reset(&c->arena);
    if (s->text_len > c->o.max_story_bytes) {
        diag_emit(c->o.diag, c->o.diag_ud, DY_ERROR, DY_ELIMIT, NULL, s->line, s->id, s->byte,
                  "story of %zu bytes exceeds the limit of %zu bytes", s->text_len,
                  c->o.max_story_bytes);
        return DY_ELIMIT;
    }
    c->doc = arena_strdup(&c->arena, s->id ? s->id : "");
    c->date = s->date;
    if (c->doc && c->co.forward) {
        /* records of one story share the id up to its last '-' */
        const char *dash = strrchr(c->doc, '-');
        size_t key = dash ? (size_t)(dash - c->doc) : strlen(c->doc);
        int same = c->fwd_story.len == key && c->fwd_code.len &&
                   !memcmp(c->fwd_story.s, c->doc, key);
        if (same) {
            const char **codes = arena_alloc(&c->arena, sizeof(char *));
            if (!codes || !(codes[0] = arena_strdup(&c->arena, c->fwd_code.s)))
                return DY_ENOMEM;
            c->last_subject = codes;
            c->last_subject_n = 1;
        }
        buf_clear(&c->fwd_story);
        buf_clear(&c->fwd_code);
        if (buf_append(&c->fwd_story, c->doc, key))
            return DY_ENOMEM;
    }
    const char *text = s->text ? s->text : "";
    size_t text_len = s->text ? s->text_len : 0;
    if (c->o.use_parse && s->parse && treebank_like(s->parse)) {
        /* PETRARCH codes the words of its parse tree: so does use_parse */
        int r = parse_leaves(s->parse, &c->parse_text);
        if (r < 0)
            return DY_ENOMEM;
        if (r > 0) {
            diag_emit(c->o.diag, c->o.diag_ud, DY_ERROR, DY_EPARSE, NULL, s->line, s->id, s->byte,
                      "malformed <Parse> (unbalanced brackets or no words): record not coded");
            return DY_EPARSE;
        }
        text = c->parse_text.s;
        text_len = c->parse_text.len;
        coder_trace(c, "coding the words of the record's parse tree");
    }
    if (!c->doc || text_normalize(text, text_len, &c->norm) ||
        text_split_sentences(c->norm.s ? c->norm.s : "", c->norm.len, &c->sents))
        return DY_ENOMEM;
    c->tk.nlong = 0;
    for (size_t k = 0; k < c->sents.n; k++) {
        c->nsent = (int)k + 1;
        const text_span *sp = &c->sents.v[k];
        if (code_sentence(c, c->norm.s + sp->start, sp->end - sp->start))
            return DY_ENOMEM;
        if (c->story_discarded) {
            c->evs.n = 0;
            break;
        }
    }
    if (c->co.forward && c->last_subject_n && buf_puts(&c->fwd_code, c->last_subject[0]))
        return DY_ENOMEM;
    if (c->tk.nlong)
        diag_emit(c->o.diag, c->o.diag_ud, DY_WARNING, DY_ELIMIT, NULL, s->line, s->id, s->byte,
                  "%zu word(s) longer than the limit of %zu bytes coded as non-words; the first, "
                  "of %zu bytes, at byte %zu of the normalised text", c->tk.nlong,
                  c->o.max_token_bytes, c->tk.long_len, (size_t)(c->tk.long_at - c->norm.s));
    return DY_OK;
}

const dy_event *dy_coder_next_event(dy_coder *c)
{
    if (!c || c->next_ev >= c->evs.n)
        return NULL;
    return &c->evs.v[c->next_ev++].ev;
}
