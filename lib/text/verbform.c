/*
 * verbform.c - English verb morphology for the verb dictionaries: the inflected forms of a
 * base verb (vform_inflect) and the candidate base forms of a word (vform_lemmas).
 *
 * Regular forms follow English spelling rules (ES after sibilants and O, IES/IED after a
 * consonant + Y, D after E, E dropped before ING, final consonant doubled in stressed CVC
 * syllables: STOP -> STOPPED, PREFER -> PREFERRED, but VISIT -> VISITED; both spellings for a
 * final unstressed L: CANCELED/CANCELLED).  On top of these, vform_inflect also emits the
 * forms TABARI generates mechanically (BASE + S, ES, ED, EN, ING; manual 5.2.3) so that a
 * dictionary read by dyad matches at least what TABARI matched.  Irregular verbs come from
 * the table below (manual 5.5.1 lets dictionaries add more with {...} lines).
 */
#include <string.h>

#include "text/text.h"
#include "text/text_private.h"

/* Irregular verbs: the base, then its irregular past and participle forms (all variants). */
static const char *const irregular_verbs[] = {
    "ARISE AROSE ARISEN", "AWAKE AWOKE AWOKEN", "BE WAS WERE BEEN IS AM ARE BEING",
    "BEAR BORE BORNE BORN", "BEAT BEAT BEATEN", "BECOME BECAME BECOME", "BEGIN BEGAN BEGUN",
    "BEND BENT", "BESET BESET", "BET BET", "BID BID BADE BIDDEN", "BIND BOUND",
    "BITE BIT BITTEN", "BLEED BLED", "BLOW BLEW BLOWN", "BREAK BROKE BROKEN",
    "BREED BRED", "BRING BROUGHT", "BROADCAST BROADCAST", "BUILD BUILT", "BURN BURNT",
    "BURST BURST", "BUY BOUGHT", "CAST CAST", "CATCH CAUGHT", "CHOOSE CHOSE CHOSEN",
    "CLING CLUNG", "COME CAME COME", "COST COST", "CREEP CREPT", "CUT CUT", "DEAL DEALT",
    "DIG DUG", "DO DID DONE DOES", "DRAW DREW DRAWN", "DREAM DREAMT", "DRINK DRANK DRUNK",
    "DRIVE DROVE DRIVEN", "DWELL DWELT", "EAT ATE EATEN", "FALL FELL FALLEN", "FEED FED",
    "FEEL FELT", "FIGHT FOUGHT", "FIND FOUND", "FLEE FLED", "FLING FLUNG", "FLY FLEW FLOWN FLIES",
    "FORBID FORBADE FORBIDDEN", "FORECAST FORECAST", "FORESEE FORESAW FORESEEN",
    "FORETELL FORETOLD", "FORGET FORGOT FORGOTTEN", "FORGIVE FORGAVE FORGIVEN",
    "FORSAKE FORSOOK FORSAKEN", "FREEZE FROZE FROZEN", "GET GOT GOTTEN", "GIVE GAVE GIVEN",
    "GO WENT GONE GOES", "GRIND GROUND", "GROW GREW GROWN", "HANG HUNG", "HAVE HAD HAS",
    "HEAR HEARD", "HIDE HID HIDDEN", "HIT HIT", "HOLD HELD", "HURT HURT", "KEEP KEPT",
    "KNEEL KNELT", "KNOW KNEW KNOWN", "LAY LAID", "LEAD LED", "LEAN LEANT", "LEAP LEAPT",
    "LEARN LEARNT", "LEAVE LEFT", "LEND LENT", "LET LET", "LIE LAY LAIN", "LIGHT LIT",
    "LOSE LOST", "MAKE MADE", "MEAN MEANT", "MEET MET", "MISLEAD MISLED",
    "MISTAKE MISTOOK MISTAKEN", "MISUNDERSTAND MISUNDERSTOOD", "OUTDO OUTDID OUTDONE",
    "OVERCOME OVERCAME OVERCOME", "OVERDO OVERDID OVERDONE", "OVERHEAR OVERHEARD",
    "OVERRIDE OVERRODE OVERRIDDEN", "OVERRUN OVERRAN OVERRUN", "OVERSEE OVERSAW OVERSEEN",
    "OVERTAKE OVERTOOK OVERTAKEN", "OVERTHROW OVERTHREW OVERTHROWN", "PAY PAID",
    "PROVE PROVEN", "PUT PUT", "QUIT QUIT", "READ READ", "REBUILD REBUILT", "REDO REDID REDONE",
    "RELAY RELAID", "REPAY REPAID", "RESELL RESOLD", "RESET RESET", "RETAKE RETOOK RETAKEN",
    "RETELL RETOLD", "REWRITE REWROTE REWRITTEN", "RID RID", "RIDE RODE RIDDEN", "RING RANG RUNG",
    "RISE ROSE RISEN", "RUN RAN RUN", "SAW SAWN", "SAY SAID SAYS", "SEE SAW SEEN",
    "SEEK SOUGHT", "SELL SOLD", "SEND SENT", "SET SET", "SEW SEWN", "SHAKE SHOOK SHAKEN",
    "SHED SHED", "SHINE SHONE", "SHOOT SHOT", "SHOW SHOWN", "SHRINK SHRANK SHRUNK",
    "SHUT SHUT", "SING SANG SUNG", "SINK SANK SUNK", "SIT SAT", "SLAY SLEW SLAIN",
    "SLEEP SLEPT", "SLIDE SLID", "SLING SLUNG", "SLIT SLIT", "SMELL SMELT", "SOW SOWN",
    "SPEAK SPOKE SPOKEN", "SPEED SPED", "SPEND SPENT", "SPILL SPILT", "SPIN SPUN",
    "SPIT SPAT", "SPLIT SPLIT", "SPOIL SPOILT", "SPREAD SPREAD", "SPRING SPRANG SPRUNG",
    "STAND STOOD", "STEAL STOLE STOLEN", "STICK STUCK", "STING STUNG", "STINK STANK STUNK",
    "STRIDE STRODE STRIDDEN", "STRIKE STRUCK STRICKEN", "STRING STRUNG", "STRIVE STROVE STRIVEN",
    "SWEAR SWORE SWORN", "SWEEP SWEPT", "SWELL SWOLLEN", "SWIM SWAM SWUM", "SWING SWUNG",
    "TAKE TOOK TAKEN", "TEACH TAUGHT", "TEAR TORE TORN", "TELL TOLD", "THINK THOUGHT",
    "THROW THREW THROWN", "THRUST THRUST", "TREAD TROD TRODDEN", "UNDERGO UNDERWENT UNDERGONE",
    "UNDERSTAND UNDERSTOOD", "UNDERTAKE UNDERTOOK UNDERTAKEN", "UNDERWRITE UNDERWROTE UNDERWRITTEN",
    "UNDO UNDID UNDONE", "UPHOLD UPHELD", "UPSET UPSET", "WAKE WOKE WOKEN", "WEAR WORE WORN",
    "WEAVE WOVE WOVEN", "WED WED", "WEEP WEPT", "WIN WON", "WIND WOUND", "WITHDRAW WITHDREW WITHDRAWN",
    "WITHHOLD WITHHELD", "WITHSTAND WITHSTOOD", "WRING WRUNG", "WRITE WROTE WRITTEN",
    "BEHOLD BEHELD", "BESEECH BESOUGHT", "CLOTHE CLAD", "DIVE DOVE", "FIT FIT", "FORGO FORWENT FORGONE",
    "FORESWEAR FORESWORE FORESWORN", "INLAY INLAID", "INPUT INPUT", "INTERWEAVE INTERWOVE INTERWOVEN",
    "MISHEAR MISHEARD", "MISLAY MISLAID", "MISSPELL MISSPELT", "MOW MOWN", "OUTBID OUTBID",
    "OUTGROW OUTGREW OUTGROWN", "OUTRUN OUTRAN OUTRUN", "OUTSHINE OUTSHONE", "OVERBID OVERBID",
    "OVERFLY OVERFLEW OVERFLOWN", "OVERHANG OVERHUNG", "OVERPAY OVERPAID", "OVERSHOOT OVERSHOT",
    "OVERSLEEP OVERSLEPT", "PLEAD PLED", "PROOFREAD PROOFREAD", "REBIND REBOUND",
    "RECAST RECAST", "REMAKE REMADE", "REREAD REREAD", "RESEND RESENT", "RETHINK RETHOUGHT",
    "REWIND REWOUND", "SHOE SHOD", "SPELL SPELT", "SUBLET SUBLET", "TELECAST TELECAST",
    "UNBIND UNBOUND", "UNDERBID UNDERBID", "UNDERCUT UNDERCUT", "UNDERLIE UNDERLAY UNDERLAIN",
    "UNDERPAY UNDERPAID", "UNDERSELL UNDERSOLD", "UNWIND UNWOUND", "UPHEAVE UPHOVE",
    "WAYLAY WAYLAID", "WITHSTRIVE WITHSTROVE", "BROADCAST BROADCASTED", "FORECAST FORECASTED",
    "SHINE SHINED", "BEFALL BEFELL BEFALLEN", "BEGET BEGOT BEGOTTEN",
    "CHIDE CHID CHIDDEN", "SLINK SLUNK", "STRIVE STRIVED",
};

/* Polysyllabic verbs stressed on their final CVC syllable: consonant doubled. */
static const char *const doubling_endings[] = {
    "MIT", "CUR", "PEL", "TROL", "GRET", "QUIT", "QUIP", "BET", "BID", "FER", "STIR",
    "WIT", "FIT", "BAR", "MIT", "SET", "GET", "LET", "PIN", "MAR", "ZAP",
};
/* Exceptions to doubling_endings: unstressed final syllable. */
static const char *const no_doubling_words[] = {
    "OFFER", "SUFFER", "DIFFER", "PROFFER", "BENEFIT", "PROFIT", "TARGET", "BUDGET",
    "BLANKET", "MARKET", "CLOSET", "BUFFET", "RIVET", "PICKET", "POCKET", "BUCKET",
    "RACKET", "TICKET", "BRACKET", "LIMIT", "VISIT", "EDIT", "CREDIT", "DEPOSIT", "EXHIBIT",
    "INHIBIT", "POSIT", "ORBIT", "HABIT", "SOLICIT", "ELICIT", "INHERIT", "FORFEIT",
    "SURFEIT", "COVET", "RIVET", "BALLOT", "PIVOT", "PILOT", "CARPET", "GADGET", "HATCHET",
    "BUDGET", "SONNET", "ALPHABET", "CABINET", "PUPPET", "RICOCHET", "INTERPRET",
    "COVER", "DELIVER", "CONSIDER", "LETTER", "GATHER", "SOLDIER", "EMBARGO",
};
/* Other polysyllabic verbs that double their final consonant. */
static const char *const doubling_words[] = {
    "BEGIN", "DETER", "INTER", "REBEL", "EXTOL", "OUTWIT", "KIDNAP", "WORSHIP", "HANDICAP", "EMBED",
    "UNPLUG", "EQUIP", "ACQUIT", "OUTRUN", "UNDERPIN", "UNZIP", "ABHOR", "ALLOT", "ANNUL",
    "BEFIT", "BESET", "CONCUR", "DISTIL", "ENROL", "ENTRAP", "FOREGO", "IMPEL", "INFER",
    "INSTIL", "OVERLAP", "OVERSTEP", "RECAP", "REMIT", "REPEL", "REFIT", "REGRET", "RESUBMIT",
    "TRANSFER", "UNWRAP", "UPSTAGE", "FORMAT", "PROGRAM", "WATERLOG", "BEDIM", "DEBAR",
    "EMBAR", "DISBAR", "DEMUR", "ABUT", "ABET", "OUTSTRIP", "OUTGUN", "COMPEL", "EXPEL",
    "PROPEL", "DISPEL", "PATROL", "CONTROL", "PREFER", "REFER", "CONFER", "DEFER", "OCCUR",
    "RECUR", "INCUR", "ADMIT", "COMMIT", "SUBMIT", "OMIT", "EMIT", "PERMIT", "TRANSMIT",
};

static int is_vowel(char c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U'; }

static int word_in(const char *const *list, size_t n, const char *w, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(list[i]) == len && memcmp(list[i], w, len) == 0)
            return 1;
    return 0;
}

static int ends_with(const char *w, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && memcmp(w + len - n, suffix, n) == 0;
}

/* Number of vowel groups (Y counts as a vowel after a consonant) - a syllable estimate. */
static size_t vowel_groups(const char *w, size_t len)
{
    size_t groups = 0;
    int in_vowel = 0;
    for (size_t i = 0; i < len; i++) {
        int v = is_vowel(w[i]) || (w[i] == 'Y' && i > 0 && !is_vowel(w[i - 1]));
        if (v && !in_vowel)
            groups++;
        in_vowel = v;
    }
    return groups;
}

/* Ends in consonant-vowel-consonant, the last consonant not W, X or Y ("QU" counts as a
 * consonant: QUIT, EQUIP). */
static int ends_cvc(const char *w, size_t len)
{
    if (len < 2)
        return 0;
    char c3 = w[len - 1], v = w[len - 2];
    if (is_vowel(c3) || c3 == 'W' || c3 == 'X' || c3 == 'Y' || !is_vowel(v))
        return 0;
    if (len == 2)
        return 1; /* "UP"-like two letters: no leading consonant, but ok for e.g. "AD" */
    char c1 = w[len - 3];
    if (is_vowel(c1))
        return c1 == 'U' && len >= 4 && w[len - 4] == 'Q';
    return 1;
}

/* How a base's final consonant behaves before -ED / -ING. */
enum { DBL_NO, DBL_YES, DBL_BOTH };

static int doubling(const char *w, size_t len)
{
    if (!ends_cvc(w, len) || len < 3)
        return DBL_NO;
    if (word_in(no_doubling_words, sizeof no_doubling_words / sizeof *no_doubling_words, w,
                len))
        return DBL_NO;
    size_t groups = vowel_groups(w, len);
    if (groups <= 1)
        return DBL_YES; /* STOP, PLAN, QUIT */
    if (word_in(doubling_words, sizeof doubling_words / sizeof *doubling_words, w, len))
        return DBL_YES;
    for (size_t i = 0; i < sizeof doubling_endings / sizeof *doubling_endings; i++)
        if (ends_with(w, len, doubling_endings[i]) && !ends_with(w, len, "FFER") &&
            !ends_with(w, len, "TTER"))
            return DBL_YES;
    if (w[len - 1] == 'L')
        return DBL_BOTH; /* CANCELED / CANCELLED, TRAVELED / TRAVELLED */
    return DBL_NO;
}

/* ---------------------------------------------------------------- output list */

/* A NUL-separated list being built in `out`, without duplicates. */
static int list_has(const dy_buf *out, const char *w, size_t len)
{
    size_t i = 0;
    while (i < out->len) {
        size_t n = strlen(out->s + i);
        if (n == len && memcmp(out->s + i, w, len) == 0)
            return 1;
        i += n + 1;
    }
    return 0;
}

/* Append head + suffix + tail (one form) unless present.  tail is the rest of a multi-word
 * base ("_OUT"), appended unchanged. */
static int add_form(dy_buf *out, const char *head, size_t hlen, const char *suffix,
                    const char *tail, size_t tlen)
{
    size_t slen = strlen(suffix);
    if (hlen + slen + tlen == 0)
        return 0;
    if (buf_reserve(out, hlen + slen + tlen + 1))
        return -1;
    /* build at the end, then check for a duplicate */
    size_t at = out->len;
    memcpy(out->s + at, head, hlen);
    memcpy(out->s + at + hlen, suffix, slen);
    memcpy(out->s + at + hlen + slen, tail, tlen);
    size_t n = hlen + slen + tlen;
    out->s[at + n] = 0;
    /* compare against earlier entries only */
    size_t saved = out->len;
    out->len = at;
    int dup = list_has(out, out->s + at, n);
    out->len = saved;
    if (!dup)
        out->len = at + n + 1;
    out->s[out->len] = 0;
    return 0;
}

/* Index of the next irregular entry at or after *pos whose base is w[0..len), or -1. */
static int irregular_next(const char *w, size_t len, size_t *pos)
{
    for (size_t i = *pos; i < sizeof irregular_verbs / sizeof *irregular_verbs; i++) {
        const char *e = irregular_verbs[i];
        if (strncmp(e, w, len) == 0 && e[len] == ' ') {
            *pos = i + 1;
            return (int)i;
        }
    }
    *pos = sizeof irregular_verbs / sizeof *irregular_verbs;
    return -1;
}

/* TABARI's mechanical verb endings (manual 5.2.3). */
static const char *const tabari_endings[] = {"S", "ED", "ES", "EN", "ING"};

/* Add the regular S, ED and ING forms of the head word w[0..hlen) (hlen >= 1). */
static int add_regular_forms(dy_buf *out, const char *w, size_t hlen, const char *tail,
                             size_t tlen)
{
    char last = w[hlen - 1], before = hlen >= 2 ? w[hlen - 2] : 0;
    int consonant_y = last == 'Y' && hlen >= 2 && !is_vowel(before);
    int dbl = doubling(w, hlen);

    /* third person singular */
    if (consonant_y) {
        if (add_form(out, w, hlen - 1, "IES", tail, tlen))
            return -1;
    } else if (last == 'S' || last == 'X' || last == 'Z' || last == 'O' ||
               ends_with(w, hlen, "CH") || ends_with(w, hlen, "SH")) {
        if (add_form(out, w, hlen, "ES", tail, tlen))
            return -1;
    } else if (add_form(out, w, hlen, "S", tail, tlen)) {
        return -1;
    }
    /* past / participle */
    if (last == 'E') {
        if (add_form(out, w, hlen, "D", tail, tlen))
            return -1;
    } else if (consonant_y) {
        if (add_form(out, w, hlen - 1, "IED", tail, tlen))
            return -1;
    } else if (last == 'C') {
        if (add_form(out, w, hlen, "KED", tail, tlen))
            return -1;
    } else {
        char dsfx[4] = {last, 'E', 'D', 0};
        if (dbl != DBL_NO && add_form(out, w, hlen, dsfx, tail, tlen))
            return -1;
        if (dbl != DBL_YES && add_form(out, w, hlen, "ED", tail, tlen))
            return -1;
    }
    /* present participle */
    if (ends_with(w, hlen, "IE")) {
        if (add_form(out, w, hlen - 2, "YING", tail, tlen))
            return -1;
    } else if (last == 'E' && hlen > 2 && before != 'E' && before != 'O' && before != 'Y') {
        if (add_form(out, w, hlen - 1, "ING", tail, tlen))
            return -1;
    } else if (last == 'C') {
        if (add_form(out, w, hlen, "KING", tail, tlen))
            return -1;
    } else {
        char isfx[5] = {last, 'I', 'N', 'G', 0};
        if (dbl != DBL_NO && add_form(out, w, hlen, isfx, tail, tlen))
            return -1;
        if (dbl != DBL_YES && add_form(out, w, hlen, "ING", tail, tlen))
            return -1;
    }
    return 0;
}

int vform_inflect(const char *base, size_t len, dy_buf *out)
{
    buf_clear(out);
    /* the head word (a multi-word base "PULL_OUT" / "PULL OUT" is inflected on its first
     * word; the rest is kept unchanged) */
    size_t hlen = 0;
    while (hlen < len && base[hlen] != '_' && base[hlen] != ' ')
        hlen++;
    const char *tail = base + hlen;
    size_t tlen = len - hlen;
    const char *w = base;
    if (add_form(out, w, hlen, "", tail, tlen))
        return -1;
    if (hlen == 0)
        goto done;
    int is_be = hlen == 2 && memcmp(w, "BE", 2) == 0; /* BES, BED: not forms of BE */
    if (!is_be && add_regular_forms(out, w, hlen, tail, tlen))
        return -1;
    /* irregular forms */
    size_t pos = 0;
    for (int k; (k = irregular_next(w, hlen, &pos)) >= 0;) {
        const char *p = irregular_verbs[k] + hlen;
        while (*p) {
            while (*p == ' ')
                p++;
            const char *q = p;
            while (*q && *q != ' ')
                q++;
            if (q > p && add_form(out, p, (size_t)(q - p), "", tail, tlen))
                return -1;
            p = q;
        }
    }
    /* TABARI's mechanical endings (manual 5.2.3) */
    for (size_t i = 0; !is_be && i < sizeof tabari_endings / sizeof *tabari_endings; i++)
        if (add_form(out, w, hlen, tabari_endings[i], tail, tlen))
            return -1;
done:
    /* terminating empty string */
    if (buf_reserve(out, 1))
        return -1;
    out->s[out->len] = 0;
    out->len += 1;
    out->s[out->len] = 0;
    return 0;
}

/* Add stem + suffix as a lemma candidate when the result is at least two letters long. */
static int add_candidate(dy_buf *out, const char *w, size_t stem, const char *suffix)
{
    if (stem < 1 || stem + strlen(suffix) < 2)
        return 0;
    return add_form(out, w, stem, suffix, "", 0);
}

/* Candidates for a word that ended in a suffix now removed (stem = w[0..n)): the stem, the
 * stem + E, and the stem with a doubled final consonant undone. */
static int add_stem_candidates(dy_buf *out, const char *w, size_t n, int try_e)
{
    if (add_candidate(out, w, n, ""))
        return -1;
    if (try_e && add_candidate(out, w, n, "E"))
        return -1;
    if (n >= 3 && w[n - 1] == w[n - 2] && !is_vowel(w[n - 1]) && add_candidate(out, w, n - 1, ""))
        return -1;
    if (n >= 3 && w[n - 1] == 'K' && w[n - 2] == 'C' && add_candidate(out, w, n - 1, ""))
        return -1; /* PANICKED -> PANIC */
    return 0;
}

int vform_lemmas(const char *word, size_t len, dy_buf *out)
{
    buf_clear(out);
    if (add_form(out, word, len, "", "", 0))
        return -1;
    /* irregular forms */
    for (size_t i = 0; i < sizeof irregular_verbs / sizeof *irregular_verbs; i++) {
        const char *e = irregular_verbs[i];
        const char *sp = strchr(e, ' ');
        const char *p = sp;
        while (p && *p) {
            while (*p == ' ')
                p++;
            const char *q = p;
            while (*q && *q != ' ')
                q++;
            if ((size_t)(q - p) == len && memcmp(p, word, len) == 0 &&
                add_form(out, e, (size_t)(sp - e), "", "", 0))
                return -1;
            p = q;
        }
    }
    /* regular endings */
    if (ends_with(word, len, "IES") && add_candidate(out, word, len - 3, "Y"))
        return -1;
    if (ends_with(word, len, "ES") && add_candidate(out, word, len - 2, ""))
        return -1;
    if (ends_with(word, len, "S") && !ends_with(word, len, "SS") &&
        add_candidate(out, word, len - 1, ""))
        return -1;
    if (ends_with(word, len, "IED") && add_candidate(out, word, len - 3, "Y"))
        return -1;
    if (ends_with(word, len, "ED") && add_stem_candidates(out, word, len - 2, 1))
        return -1;
    if (ends_with(word, len, "YING") && add_candidate(out, word, len - 4, "IE"))
        return -1;
    if (ends_with(word, len, "ING") && add_stem_candidates(out, word, len - 3, 1))
        return -1;
    if (ends_with(word, len, "EN") && add_candidate(out, word, len - 2, ""))
        return -1;
    /* terminating empty string */
    if (buf_reserve(out, 1))
        return -1;
    out->s[out->len] = 0;
    out->len += 1;
    out->s[out->len] = 0;
    return 0;
}
