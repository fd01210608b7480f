/*
 * normalize.c - story text clean-up before sentence splitting: UTF-8 validation (bytes that
 * are not valid UTF-8 are read as Latin-1, with Windows-1252 punctuation for 0x80-0x9F),
 * typographic quotes/dashes/spaces/ellipsis folded to ASCII, control characters dropped,
 * white space collapsed.  Also the UTF-8 and case-mapping helpers of lib/text.
 *
 * The byte-class table below is written directly as a static const initialiser (no
 * generator program): printable ASCII is copied through a tight fast path.
 */
#include <string.h>

#include "text/text.h"
#include "text/text_private.h"

/* Byte classes. */
enum {
    BC_COPY = 0,  /* printable ASCII: copied as is */
    BC_SPACE = 1, /* ASCII white space and control characters (incl. NUL, DEL) */
    BC_HIGH = 2   /* 0x80-0xFF: start (or stray part) of a multi-byte sequence */
};

#define BC_ROW_SPACE BC_SPACE, BC_SPACE, BC_SPACE, BC_SPACE, BC_SPACE, BC_SPACE, BC_SPACE, BC_SPACE
#define BC_ROW_COPY BC_COPY, BC_COPY, BC_COPY, BC_COPY, BC_COPY, BC_COPY, BC_COPY, BC_COPY
#define BC_ROW_HIGH BC_HIGH, BC_HIGH, BC_HIGH, BC_HIGH, BC_HIGH, BC_HIGH, BC_HIGH, BC_HIGH

static const unsigned char byte_class[256] = {
    /* 0x00-0x1F control characters */
    BC_ROW_SPACE, BC_ROW_SPACE, BC_ROW_SPACE, BC_ROW_SPACE,
    /* 0x20 space, 0x21-0x7E printable, 0x7F DEL */
    BC_SPACE, BC_COPY, BC_COPY, BC_COPY, BC_COPY, BC_COPY, BC_COPY, BC_COPY,
    BC_ROW_COPY, BC_ROW_COPY, BC_ROW_COPY, BC_ROW_COPY, BC_ROW_COPY, BC_ROW_COPY, BC_ROW_COPY,
    BC_ROW_COPY, BC_ROW_COPY, BC_ROW_COPY,
    BC_COPY, BC_COPY, BC_COPY, BC_COPY, BC_COPY, BC_COPY, BC_COPY, BC_SPACE,
    /* 0x80-0xFF */
    BC_ROW_HIGH, BC_ROW_HIGH, BC_ROW_HIGH, BC_ROW_HIGH, BC_ROW_HIGH, BC_ROW_HIGH, BC_ROW_HIGH,
    BC_ROW_HIGH, BC_ROW_HIGH, BC_ROW_HIGH, BC_ROW_HIGH, BC_ROW_HIGH, BC_ROW_HIGH, BC_ROW_HIGH,
    BC_ROW_HIGH, BC_ROW_HIGH,
};

/* Windows-1252 meaning of the bytes 0x80-0x9F (0 where undefined: treated as a control). */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

uint32_t text_utf8_decode(const char *s, size_t len, size_t *used)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned char c = p[0];
    *used = 1;
    if (c < 0x80)
        return c;
    size_t need;
    uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2, cp = c & 0x1Fu, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3, cp = c & 0x0Fu, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4, cp = c & 0x07u, min = 0x10000;
    } else {
        return TEXT_UTF8_INVALID;
    }
    if (len < need)
        return TEXT_UTF8_INVALID;
    for (size_t i = 1; i < need; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return TEXT_UTF8_INVALID;
        cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return TEXT_UTF8_INVALID;
    *used = need;
    return cp;
}

size_t text_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Latin Extended-A U+0100-U+017F: pairs (upper, lower) start on an even code point except
 * in U+0139-U+0148 and U+0179-U+017E, where they start on an odd one.  U+0130, U+0131,
 * U+0138, U+0149 and U+017F have no simple partner here. */
static int ext_a_pair_start_odd(uint32_t cp)
{
    return (cp >= 0x0139 && cp <= 0x0148) || (cp >= 0x0179 && cp <= 0x017E);
}

static int ext_a_has_case(uint32_t cp)
{
    return cp >= 0x0100 && cp <= 0x017E && cp != 0x0130 && cp != 0x0131 && cp != 0x0138 &&
           cp != 0x0149;
}

int text_cp_is_lower(uint32_t cp)
{
    if (cp >= 0xDF && cp <= 0xFF)
        return cp != 0xF7;
    if (ext_a_has_case(cp))
        return ext_a_pair_start_odd(cp) ? (cp % 2 == 0) : (cp % 2 == 1);
    return cp == 0x0131 || cp == 0x0138 || cp == 0x0149 || cp == 0x017F;
}

int text_cp_is_upper(uint32_t cp)
{
    if (cp >= 0xC0 && cp <= 0xDE)
        return cp != 0xD7;
    if (cp == 0x0178 || cp == 0x0130)
        return 1;
    if (ext_a_has_case(cp))
        return ext_a_pair_start_odd(cp) ? (cp % 2 == 1) : (cp % 2 == 0);
    return 0;
}

uint32_t text_cp_upper(uint32_t cp)
{
    if (cp >= 'a' && cp <= 'z')
        return cp - 32;
    if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7)
        return cp - 0x20;
    if (cp == 0xFF)
        return 0x0178;
    if (cp == 0x0178)
        return cp;
    if (ext_a_has_case(cp) && text_cp_is_lower(cp))
        return cp - 1;
    return cp;
}

int text_cp_is_punct(uint32_t cp)
{
    if (cp < 0x80)
        return 0;
    if ((cp >= 0xA1 && cp <= 0xBF && cp != 0xAA && cp != 0xB5 && cp != 0xBA) || cp == 0xD7 ||
        cp == 0xF7)
        return 1;
    return (cp >= 0x2000 && cp <= 0x2BFF) || /* punctuation, symbols, arrows, math, ... */
           (cp >= 0x3000 && cp <= 0x303F) || /* CJK punctuation */
           (cp >= 0xFE30 && cp <= 0xFE6F) || /* compatibility/small forms */
           (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
           (cp >= 0x1F000 && cp <= 0x1FAFF); /* emoji and pictographs */
}

/* What a non-ASCII code point becomes: its ASCII replacement ("" to drop it, " " for white
 * space), or NULL to keep the code point as it is. */
static const char *fold_code_point(uint32_t cp)
{
    switch (cp) {
    case 0x00A0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F:
    case 0x3000: case 0x0085:
        return " ";
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
    case 0x200E: case 0x200F:
        return "";
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x2035:
    case 0x02BC: case 0xFF07:
        return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x2036:
    case 0x00AB: case 0x00BB: case 0xFF02:
        return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
        return "-";
    case 0x2026:
        return "...";
    default:
        break;
    }
    if (cp >= 0x2000 && cp <= 0x200A)
        return " ";
    if (cp < 0xA0)
        return " "; /* C1 control characters */
    return NULL;
}

int text_normalize(const char *in, size_t len, dy_buf *out)
{
    buf_clear(out);
    /* ASCII never grows; Latin-1 bytes (1 -> up to 3 bytes) reserve again below */
    if (buf_reserve(out, len))
        return -1;
    const unsigned char *p = (const unsigned char *)in;
    size_t i = 0;
    int pending_space = 0;
    while (i < len) {
        /* fast path: a run of printable ASCII */
        if (byte_class[p[i]] == BC_COPY) {
            size_t run = i + 1;
            /* a single blank between two printable characters is part of the run: the
             * white-space handling below would write that same blank (so the words of a
             * line are copied in one piece, not one append per word) */
            while (run < len) {
                if (len - run >= 8) {
                    /* eight bytes at once: each printable, or a blank before a printable
                     * one (a blank in the last byte is left to the tests below) */
                    uint64_t x = b8_load(in + run);
                    uint64_t high = x & B8_HIGH, x7 = x & ~B8_HIGH;
                    uint64_t copy = (x7 + B8_ONES * (0x80 - 0x21)) & ~(x7 + B8_ONES) &
                                    ~high & B8_HIGH; /* 0x21-0x7E */
                    uint64_t blank = ~((x7 ^ (B8_ONES * ' ')) + B8_ONES * 0x7F) & ~high &
                                     B8_HIGH;
                    uint64_t bad = ~(copy | (blank & (copy >> 8))) & B8_HIGH;
                    if (!bad) {
                        run += 8;
                        continue;
                    }
                    run += b8_first(bad);
                }
                if (byte_class[p[run]] == BC_COPY)
                    run++;
                else if (p[run] == ' ' && run + 1 < len && byte_class[p[run + 1]] == BC_COPY)
                    run += 2;
                else
                    break;
            }
            if (pending_space && out->len) {
                if (buf_reserve(out, 1))
                    return -1;
                out->s[out->len++] = ' ';
            }
            pending_space = 0;
            if (buf_append(out, in + i, run - i))
                return -1;
            i = run;
            continue;
        }
        if (byte_class[p[i]] == BC_SPACE) {
            pending_space = 1;
            i++;
            continue;
        }
        size_t used;
        uint32_t cp = text_utf8_decode(in + i, len - i, &used);
        if (cp == TEXT_UTF8_INVALID) {
            cp = p[i]; /* Latin-1 */
            if (cp < 0xA0)
                cp = cp1252_high[cp - 0x80] ? cp1252_high[cp - 0x80] : 0x80;
            used = 1;
        }
        i += used;
        const char *repl = fold_code_point(cp);
        char enc[4];
        size_t enc_len;
        if (repl) {
            if (repl[0] == ' ') {
                pending_space = 1;
                continue;
            }
            if (repl[0] == 0)
                continue;
            enc_len = strlen(repl);
            memcpy(enc, repl, enc_len);
        } else {
            enc_len = text_utf8_encode(cp, enc);
        }
        if (buf_reserve(out, enc_len + 1))
            return -1;
        if (pending_space && out->len)
            out->s[out->len++] = ' ';
        pending_space = 0;
        memcpy(out->s + out->len, enc, enc_len);
        out->len += enc_len;
        out->s[out->len] = 0;
    }
    return 0;
}
