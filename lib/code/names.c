/*
 * names.c - people named in a story (SET: PERSON NAMES, docs/CODING.md section 3): the
 * capitalised names no dictionary knows, the actor a title or an appositive gives them, the
 * story's table of people found again by surname, and what HE/SHE and a verb's subject slot
 * mean in their light.  Part of the coder (coder.h); module prefix names_.
 */
#include "code/coder.h"

#include <string.h>

/*
 * SET: PERSON NAMES (default mode).  News names people: "U.S. Secretary of State Marco
 * Rubio", "Geir Pedersen, the U.N. envoy for Syria", then "Pedersen said".  A capitalised run
 * of words that no dictionary knows is a name.  A name right after a titled actor, or
 * followed by an appositive holding one, is that actor; the story remembers it, so a later
 * "Pedersen said" codes the envoy, and HE/SHE mean the last person named.  A name no actor
 * stands beside is an unknown person: a verb whose subject it is codes no event (another
 * actor of the sentence must not stand in for the speaker), and a HE/SHE after it is not
 * resolved to anyone.
 */

/* Can word k be part of a name: a capitalised word no dictionary and no word list knows? */
static int name_word(const dy_coder *c, size_t k)
{
    const text_tok *t = &c->words.v[k];
    if ((t->flags & (TOK_CAP | TOK_NUM | TOK_PUNCT | TOK_LONG)) != TOK_CAP)
        return 0; /* most words: not capitalised */
    const cw_info *inf = &c->info.v[k];
    if (inf->deleted || inf->entity >= 0 || (inf->type != W_NONE && inf->type != W_NOUN))
        return 0;
    if (t->uplen < 2 || t->up[0] < 'A' || t->up[0] > 'Z')
        return 0;
    return !word_is(t, WC_PRONOUNS | WC_CONJS | WC_DETS | WC_AUXS | WC_SUBORDINATORS |
                           WC_FUNCTION_WORDS | WC_NEGS | WC_BARE_ADVERBS | WC_OPENERS |
                           WC_AUX_LIKE | WC_TIME_WORDS | WC_BY | WC_OF_IN | WC_FROM_FOR |
                           WC_MODALS | WC_FIRST_PERSON);
}

/* Does the name [a, b) read as a person's rather than a place's or an organisation's?  Not
 * after a preposition, a determiner or a possessive ("in Houston", "the Eurasia Group", "its
 * Sohae Satellite Launching Ground"), no acronym, and two words or more -- or one word that
 * is a verb's subject ("Abanda says"). */
static int person_like(const dy_coder *c, size_t a, size_t b)
{
    if (a > 0) {
        const cw_info *p = &c->info.v[a - 1];
        const text_tok *pt = &c->words.v[a - 1];
        /* "according to Caoilfhionn Gallagher" names a speaker, a person or a body */
        int according = a > 1 && !strcmp(pt->up, "TO") &&
                        !strcmp(c->words.v[a - 2].up, "ACCORDING");
        if (!according &&
            (p->type == W_PREP || p->type == W_DET || p->type == W_BY || p->poss ||
             word_is(pt, WC_FUNCTION_WORDS | WC_OF_IN | WC_FROM_FOR | WC_DETS | WC_OPENERS |
                         WC_POSS_PRONOUNS)))
            return 0;
    }
    for (size_t k = a; k < b; k++)
        if (c->words.v[k].flags & TOK_ALLCAP)
            return 0;
    if (b - a >= 2)
        return 1;
    return b < c->words.n && (c->info.v[b].type == W_VERB || c->info.v[b].type == W_AUX ||
                              word_is(&c->words.v[b], WC_AUX_LIKE));
}

/* Is entity E a person the text names or titles: a name given an actor, or an actor joined
 * to an agent ("the Israeli leader")? */
static int person_entity(const ce_entity *E)
{
    return !E->pronoun && !E->unknown && (E->person || E->has_agent);
}

/* Does a head stand for E: "the head of Doctors Without Borders", "the director of the
 * WFP" -- HEAD, CHIEF, DIRECTOR, CHAIRMAN or CHAIRWOMAN, then OF (and THE) right before
 * it?  Such a head is the person a later HE/HIS means. */
static int headed_entity(const dy_coder *c, const ce_entity *E)
{
    static const char *const HEADS[] = {"HEAD", "CHIEF", "DIRECTOR", "CHAIRMAN", "CHAIRWOMAN",
                                        NULL};
    size_t k = E->start;
    if (k > 0 && !strcmp(c->words.v[k - 1].up, "THE"))
        k--;
    return k >= 2 && !strcmp(c->words.v[k - 1].up, "OF") && up_in(c->words.v[k - 2].up, HEADS);
}

/* The story's person whose name the words [a, b) repeat: the same words, or the same last
 * word.  -1 if none. */
static int find_person(const dy_coder *c, size_t b, const char *full)
{
    const char *last = c->words.v[b - 1].up;
    for (size_t p = c->persons.n; p-- > 0;) {
        const story_person *P = &c->persons.v[p];
        if (!strcmp(P->full, full) || !strcmp(P->surname, last))
            return (int)p;
    }
    return -1;
}

/* The upper-case words [a, b) joined by spaces into b (cleared first).  0, -1 ENOMEM. */
static int join_words(const dy_coder *c, size_t a, size_t b, dy_buf *out)
{
    buf_clear(out);
    for (size_t k = a; k < b; k++)
        if ((k > a && buf_putc(out, ' ')) ||
            buf_append(out, c->words.v[k].up, c->words.v[k].uplen))
            return -1;
    return buf_putc(out, 0) ? -1 : (out->len--, 0);
}

/* The story's person of this surname (the table holds one per surname), or -1. */
static int person_by_surname(const dy_coder *c, const char *surname)
{
    for (size_t p = 0; p < c->persons.n; p++)
        if (!strcmp(c->persons.v[p].surname, surname))
            return (int)p;
    return -1;
}

/* Does the story know a person of this surname with this (first) code? */
static int known_person(const dy_coder *c, const char *surname, const char *code)
{
    int p = person_by_surname(c, surname);
    return p >= 0 && c->persons.v[p].ncodes > 0 && !strcmp(c->persons.v[p].codes[0], code);
}

/* Remember a person of the story, or give a known one these codes: a name with no codes
 * never replaces one with codes.  0 ok, -1 ENOMEM. */
static int add_person(dy_coder *c, const char *full, const char *surname, const char **codes,
                      int ncodes)
{
    int known = person_by_surname(c, surname);
    if (known >= 0 && (ncodes == 0 || (c->persons.v[known].ncodes > 0 &&
                                       !strcmp(c->persons.v[known].codes[0], codes[0]))))
        return 0; /* nothing new (the usual case) */
    story_person P = {arena_strdup(&c->arena, surname), arena_strdup(&c->arena, full), NULL, 0};
    if (!P.surname || !P.full)
        return -1;
    if (ncodes > 0) {
        P.codes = arena_alloc(&c->arena, sizeof(char *) * (size_t)ncodes);
        if (!P.codes)
            return -1;
        for (int k = 0; k < ncodes; k++)
            if (!(P.codes[P.ncodes++] = arena_strdup(&c->arena, codes[k])))
                return -1;
    }
    if (known >= 0) {
        c->persons.v[known] = P;
        return 0;
    }
    return VEC_PUSH(&c->persons, P) ? -1 : 0;
}

/* The actor a name right after it titles: "U.S. Secretary of State [Marco Rubio]", "Afghan
 * writer [Nazeer Ahmad Sahaar]" (one lower-case word may stand between), "Kuwaiti Minister
 * of Commerce and Industry [Abdullah Al Taweel]", "North Korea's army chief of staff [Pak
 * Jong Chon]" (an OF-tail), not "Iraq's [Anbar]" nor a person's own entry.  Its entity, or
 * -1. */
static int title_before(const dy_coder *c, size_t a)
{
    if (a == 0)
        return -1;
    size_t k = a - 1;
    const text_tok *t = &c->words.v[k];
    int gap = 0;
    if (c->info.v[k].entity < 0 && k > 0 && !c->info.v[k].deleted &&
        strcmp(c->words.v[k - 1].up, "OF") &&
        (c->info.v[k].type == W_NONE || c->info.v[k].type == W_NOUN ||
         c->info.v[k].type == W_AGENT) &&
        !(t->flags & (TOK_CAP | TOK_NUM | TOK_PUNCT)) && !c->info.v[k].poss &&
        !word_is(t, WC_PRONOUNS | WC_CONJS | WC_DETS | WC_AUXS | WC_SUBORDINATORS |
                        WC_FUNCTION_WORDS | WC_NEGS | WC_BARE_ADVERBS | WC_AUX_LIKE |
                        WC_TIME_WORDS | WC_BY | WC_OF_IN | WC_FROM_FOR | WC_MODALS)) {
        k--;
        gap = 1;
    } else {
        /* back over a title's tail: capitalised words joined by OF and AND */
        size_t j = k;
        int of = 0;
        for (int steps = 0; j > 0 && steps < 6 && c->info.v[j].entity < 0 &&
                            !c->info.v[j].deleted; steps++, j--) {
            const text_tok *w = &c->words.v[j];
            if (!strcmp(w->up, "OF"))
                of = 1;
            else if (!strcmp(w->up, "AND") || !strcmp(w->up, "&"))
                continue;
            else if ((w->flags & TOK_NUM) ||
                     (c->info.v[j].type != W_NONE && c->info.v[j].type != W_NOUN) ||
                     (!(w->flags & TOK_CAP) && word_is(w, WC_FUNCTION_WORDS | WC_DETS |
                                                               WC_CONJS | WC_PRONOUNS)))
                break; /* lower-case words too: "army chief of staff [Pak Jong Chon]" */
        }
        if (of && c->info.v[j].entity >= 0 && !strcmp(c->words.v[j + 1].up, "OF"))
            k = j;
    }
    int e = c->info.v[k].entity;
    if (e < 0 || c->info.v[k].deleted || c->info.v[k].poss || c->ents.v[e].end != k + 1)
        return -1;
    const ce_entity *E = &c->ents.v[e];
    if (E->pronoun || E->person)
        return -1;
    /* a bare name of a country or body before a name is no title ("China Sea") */
    if (!gap && !E->has_agent && !E->unknown)
        return -1;
    /* nor an actor inside a prepositional phrase ("Coordinator in Myanmar [Andrew Kirkwood]") */
    if (E->start > 0 && (c->info.v[E->start - 1].type == W_PREP ||
                         word_is(&c->words.v[E->start - 1], WC_FUNCTION_WORDS | WC_OF_IN)))
        return -1;
    return e;
}

/* Add the name [a, b) as a person entity with these codes (arena strings).  0 ok, -1
 * ENOMEM. */
static int add_person_entity(dy_coder *c, size_t a, size_t b, const char **codes, int ncodes)
{
    if (coder_add_entity(c, a, b, codes[0], 0))
        return -1;
    ce_entity *N = &c->ents.v[c->ents.n - 1];
    N->codes = codes;
    N->ncodes = ncodes;
    N->person = 1;
    N->full_name = 1;
    return 0;
}

/* Entity e takes in the words [from, b) (its end becomes b): they are its words now, and no
 * name. */
static void extend_entity(dy_coder *c, int e, size_t from, size_t b)
{
    c->ents.v[e].end = b;
    for (size_t k = from; k < b; k++) {
        c->info.v[k].entity = e;
        c->info.v[k].type = W_ACTOR;
        c->info.v[k].name = 0;
    }
}

/* The first entity of the appositive after a name ("Pedersen, the U.N. envoy, said"): the
 * words after the comma up to the next comma or verb.  -1 if none, or if it names no
 * person. */
static int appositive_actor(const dy_coder *c, size_t b)
{
    size_t n = c->words.n;
    if (b >= n || c->info.v[b].type != W_COMMA)
        return -1;
    for (size_t m = b + 1; m < n && m <= b + 12; m++) {
        const cw_info *inf = &c->info.v[m];
        if (inf->type == W_COMMA || inf->type == W_VERB)
            return -1;
        if (inf->entity >= 0)
            return person_entity(&c->ents.v[inf->entity]) ? inf->entity : -1;
    }
    return -1;
}

/* Is this a code of a state whose people put the family name first (China, Hong Kong,
 * Taiwan, the two Koreas, Vietnam, Cambodia)? */
static int family_name_first(const char *code)
{
    static const char *const STATES[] = {"CHN", "HKG", "TWN", "KOR", "PRK", "VNM", "KHM", NULL};
    for (int i = 0; STATES[i]; i++)
        if (!strncmp(code, STATES[i], 3))
            return 1;
    return 0;
}

/* Find the sentence's names: link them to the actor beside them, give repeated names their
 * actor, mark the rest (cw_info.name).  Entities may be added or extended (reindexed).
 * 0 ok, -1 ENOMEM. */
int names_find(dy_coder *c)
{
    size_t n = c->words.n;
    int added = 0;
    dy_buf *full = &c->name_buf;
    buf_clear(full);
    /* a dictionary person named in full ("Ishaq Dar") may come back by surname ("Dar said") */
    for (size_t e = 0; e < c->ents.n; e++) {
        const ce_entity *E = &c->ents.v[e];
        if (!E->person || E->pronoun || E->end - E->start < 2 || !E->ncodes ||
            !(c->words.v[E->end - 1].flags & TOK_CAP) ||
            known_person(c, c->words.v[E->end - 1].up, E->codes[0]))
            continue;
        if (join_words(c, E->start, E->end, full) ||
            add_person(c, full->s, c->words.v[E->end - 1].up, E->codes, E->ncodes))
            goto oom;
        coder_trace(c, "name   [%zu-%zu) %s: remembered as %s", E->start, E->end, full->s,
              E->codes[0]);
        /* Chinese, Korean, Vietnamese and Cambodian names put the family name first:
         * "Kim Jong Un", then "Kim said" */
        size_t f = E->end - 1; /* the name's first word: back past capitalised non-titles */
        while (f > E->start && (c->words.v[f - 1].flags & TOK_CAP) &&
               c->info.v[f - 1].type != W_AGENT)
            f--;
        const text_tok *fw = &c->words.v[f];
        if (family_name_first(E->codes[0]) && f + 1 < E->end && fw->uplen <= 6 &&
            strcmp(fw->up, "NORTH") && strcmp(fw->up, "SOUTH") &&
            !known_person(c, fw->up, E->codes[0])) {
            if (add_person(c, full->s, fw->up, E->codes, E->ncodes))
                goto oom;
            coder_trace(c, "name   [%zu-%zu) %s: also by its family name %s", E->start,
                        E->end, full->s, fw->up);
        }
    }
    for (size_t a = 0; a < n; a++) {
        if (!name_word(c, a))
            continue;
        size_t b = a + 1;
        while (b < n && b < a + 5 && name_word(c, b))
            b++;
        const char *surname = c->words.v[b - 1].up;
        if (b == a + 1 && (c->words.v[a].flags & TOK_ALLCAP) && a > 0 &&
            c->info.v[a - 1].entity >= 0 && !c->info.v[a - 1].deleted &&
            c->ents.v[c->info.v[a - 1].entity].end == a) {
            /* "the Nigeria Labour Congress (NLC)": the actor's abbreviation */
            extend_entity(c, c->info.v[a - 1].entity, a, b);
            continue;
        }
        if (a > 0 && c->info.v[a - 1].entity >= 0 && !c->info.v[a - 1].deleted &&
            !c->info.v[a - 1].poss && c->ents.v[c->info.v[a - 1].entity].person &&
            c->ents.v[c->info.v[a - 1].entity].end == a && !c->ents.v[c->info.v[a - 1].entity].pronoun) {
            /* "Xi [Jinping]": the rest of a person's name */
            int e = c->info.v[a - 1].entity;
            extend_entity(c, e, a, b);
            if (c->o.trace)
                coder_trace(c, "name   [%zu-%zu) %s: the rest of %s's name", a, b,
                      coder_span_words(c, a, b), c->ents.v[e].codes[0]);
            a = b - 1;
            continue;
        }
        if (join_words(c, a, b, full))
            goto oom;
        int person = person_like(c, a, b);
        int title = person ? title_before(c, a) : -1;
        int appos = person && title < 0 ? appositive_actor(c, b) : -1;
        if (title >= 0) {
            /* "Secretary of State Marco Rubio": the titled actor takes in the name */
            ce_entity *E = &c->ents.v[title];
            extend_entity(c, title, E->end, b);
            E->person = 1;
            coder_trace(c, "name   [%zu-%zu) %s: %s", a, b, full->s, E->codes[0]);
            if (add_person(c, full->s, surname, E->codes, E->ncodes))
                goto oom;
        } else if (appos >= 0) {
            /* the codes live in an arena; the entity table may move when one is added */
            const char **codes = c->ents.v[appos].codes;
            int ncodes = c->ents.v[appos].ncodes;
            coder_trace(c, "name   [%zu-%zu) %s: %s (appositive)", a, b, full->s, codes[0]);
            if (add_person(c, full->s, surname, codes, ncodes) ||
                add_person_entity(c, a, b, codes, ncodes))
                goto oom;
            added = 1;
        } else {
            int p = find_person(c, b, full->s);
            if (p >= 0 && c->persons.v[p].ncodes > 0) {
                const story_person *P = &c->persons.v[p];
                coder_trace(c, "name   [%zu-%zu) %s: %s (named before)", a, b, full->s, P->codes[0]);
                if (add_person_entity(c, a, b, P->codes, P->ncodes))
                    goto oom;
                added = 1;
            } else {
                /* a one-word name never seen before ("Roberts said") is no evidence of
                 * a speaker other than the sentence's actors: it is left unmarked */
                int kind = person || p >= 0 ? NAME_PERSON : NAME_OTHER;
                if (p < 0 && a > 0 && c->info.v[a - 1].entity >= 0) {
                    /* "the Syria Solidarity Movement", "the British High Commission": the
                     * rest of a name an actor's word begins */
                    coder_trace(c, "name   [%zu-%zu) %s: goes on from an actor", a, b, full->s);
                    a = b - 1;
                    continue;
                }
                if (kind == NAME_PERSON && p < 0 && b == a + 1) {
                    coder_trace(c, "name   [%zu-%zu) %s: one word, not seen before", a, b, full->s);
                    a = b - 1;
                    continue;
                }
                if (kind == NAME_OTHER && b == a + 1 && (c->words.v[a].flags & TOK_FIRST)) {
                    a = b - 1; /* a capitalised first word: no telling */
                    continue;
                }
                for (size_t k = a; k < b; k++)
                    c->info.v[k].name = (uint8_t)kind;
                coder_trace(c, "name   [%zu-%zu) %s: no actor (%s)", a, b, full->s,
                      kind == NAME_PERSON ? "a person" : "a place or body");
                if (kind == NAME_PERSON && p < 0 && b - a >= 2 &&
                    add_person(c, full->s, surname, NULL, 0))
                    goto oom;
            }
        }
        a = b - 1;
    }
    if (added)
        coder_reindex_entities(c);
    return 0;
oom:
    return -1;
}

/* HE/SHE/HIS/HER/HIM under SET: PERSON NAMES: the first person the sentence names before it
 * -- its subject, as a rule ("Iran's Supreme Leader rejected Trump's offer, and he ...").
 * Returns its entity, -2 when that is a name with no actor (the pronoun stays unresolved),
 * -1 when the sentence names nobody before it. */
int names_person_before(const dy_coder *c, size_t i)
{
    for (size_t k = 0; k < i; k++) {
        const cw_info *inf = &c->info.v[k];
        if (inf->deleted)
            continue;
        if (inf->name == NAME_PERSON)
            return -2;
        if (inf->entity >= 0 && (person_entity(&c->ents.v[inf->entity]) ||
                                 headed_entity(c, &c->ents.v[inf->entity])) &&
            !coder_in_opening(c, &c->ents.v[inf->entity], i))
            return inf->entity;
    }
    return -1;
}

int names_person_pronoun(const char *u)
{
    /* HE, SHE, HIS, HER, HIM */
    return u[0] == 'H' ? !strcmp(u, "HE") || !strcmp(u, "HIS") || !strcmp(u, "HER") ||
                             !strcmp(u, "HIM")
                       : !strcmp(u, "SHE");
}

/* The entity at word k, or -1: the word's own, else a pronoun's that resolve_pronouns added
 * (the word index is rebuilt only later). */
static int entity_at(const dy_coder *c, size_t k)
{
    if (c->info.v[k].entity >= 0)
        return c->info.v[k].entity;
    if (c->info.v[k].type != W_PRON)
        return -1;
    for (size_t e = c->ents.n; e-- > 0;)
        if (c->ents.v[e].pronoun && c->ents.v[e].start == k && !c->ents.v[e].absorbed)
            return (int)e;
    return -1;
}

/* Is E a person: a person's actor, or HE/SHE/HIS/HER/HIM that means one? */
static int person_or_pronoun(const dy_coder *c, const ce_entity *E)
{
    return person_entity(E) || (E->pronoun && names_person_pronoun(c->words.v[E->start].up));
}

/* Remember the sentence's person for HE/SHE in the next ones: its subject when a person
 * stands before its first verb, else the last person it named.  0 ok, -1 ENOMEM. */
int names_remember_person(dy_coder *c)
{
    /* the sentence's subject, when a person stands before its first verb ("Rubio said ...
     * with Putin ..."; then "He is scheduled to travel"), else the last person named.  The
     * verbs of an opening phrase are not the first verb, nor are its actors the subject
     * ("While critical of the British government, he warned ..."). */
    size_t first_verb = c->words.n;
    for (size_t k = c->opening_end; k < c->words.n && first_verb == c->words.n; k++)
        if (c->info.v[k].type == W_VERB && !c->info.v[k].deleted)
            first_verb = k;
    size_t from = c->words.n;
    for (size_t k = 0; k < first_verb; k++) {
        int e = c->info.v[k].deleted ? -1 : entity_at(c, k);
        if (e < 0)
            continue;
        const ce_entity *E = &c->ents.v[e];
        /* a possessive is no subject: "Lai's plight has received support" */
        if ((person_or_pronoun(c, E) || headed_entity(c, E)) &&
            !coder_in_opening(c, E, first_verb) &&
            !c->info.v[E->end - 1].poss) {
            from = E->end;
            break;
        }
    }
    for (size_t k = from; k-- > 0;) {
        const cw_info *inf = &c->info.v[k];
        /* in a dropped comma clause ("..., according to Caoilfhionn Gallagher, ...",
         * "..., Moise tweeted ...") only a person's name counts: a name with no actor, a
         * person known by a full name (the story's, or a dictionary entry's) -- not a
         * group's one word the dictionary dates ("the Taliban") */
        if (inf->deleted && inf->name != NAME_PERSON) {
            int e = entity_at(c, k);
            if (e < 0 || c->ents.v[e].pronoun || !c->ents.v[e].full_name)
                continue;
        }
        if (inf->name == NAME_PERSON) {
            c->last_person_set = 1;
            c->last_person_codes = NULL;
            c->last_person_n = 0;
            return 0;
        }
        int e = entity_at(c, k);
        if (e < 0)
            continue;
        const ce_entity *E = &c->ents.v[e];
        if (!person_or_pronoun(c, E) || c->info.v[E->end - 1].poss)
            continue;
        const char **codes = arena_alloc(&c->arena, sizeof(char *) * (size_t)(E->ncodes + 1));
        if (!codes)
            return -1;
        for (int j = 0; j < E->ncodes; j++)
            if (!(codes[j] = arena_strdup(&c->arena, E->codes[j])))
                return -1;
        c->last_person_set = 1;
        c->last_person_codes = codes;
        c->last_person_n = E->ncodes;
        return 0;
    }
    return 0;
}

/* SET: PERSON NAMES: what stands in the subject slot of the verb at vs -- right before it,
 * past at most four auxiliaries, negations, adverbs or time words ("Rubio on Friday said"),
 * or before an appositive set off by commas ("Brew, an analyst at X, said").  Returns the
 * entity of a person named there, -2 for a name with no actor (the verb's source is
 * unknown), -1 for anything else. */
int names_subject(const dy_coder *c, size_t lo, size_t vs)
{
    size_t k = vs, skipped = 0;
    while (k > lo) {
        const cw_info *inf = &c->info.v[k - 1];
        const text_tok *t = &c->words.v[k - 1];
        if (inf->deleted) {
            k--;
            continue;
        }
        int skip = inf->type == W_AUX || inf->type == W_NEG ||
                   word_is(t, WC_AUX_LIKE | WC_BARE_ADVERBS | WC_TIME_WORDS) ||
                   (inf->type == W_NONE && !(t->flags & TOK_CAP) && word_ends(t, "LY")) ||
                   (!strcmp(t->up, "ON") && k < vs && word_is(&c->words.v[k], WC_TIME_WORDS));
        if (!skip || skipped >= 4)
            break;
        k--;
        skipped++;
    }
    if (k == lo)
        return -1;
    size_t w = k - 1;
    if (c->info.v[w].type == W_COMMA) {
        /* an appositive: back to the comma that opens it */
        size_t p = w;
        while (p > lo && w - p < 16 && c->info.v[p - 1].type != W_COMMA)
            p--;
        if (p <= lo + 1 || c->info.v[p - 1].type != W_COMMA)
            return -1;
        w = p - 2;
    }
    if (c->info.v[w].name) {
        /* a name inside a prepositional phrase ("the town of Gjilan", "the Ministry of
         * Information and Culture") is not the subject */
        size_t f = w;
        while (f > lo && (c->info.v[f - 1].name ||
                          (f > lo + 1 && c->info.v[f - 1].type == W_CONJ &&
                           c->info.v[f - 2].name)))
            f--;
        if (f > lo && (c->info.v[f - 1].type == W_PREP ||
                       word_is(&c->words.v[f - 1], WC_FUNCTION_WORDS | WC_OF_IN | WC_FROM_FOR)))
            return -1;
        return -2;
    }
    int e = c->info.v[w].entity;
    return e >= 0 && c->ents.v[e].person ? e : -1;
}

