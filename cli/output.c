/*
 * output.c - event lines: TSV columns date, source, target, code, story id, sentence number
 * (with --ontology plover the code column is the PLOVER type, followed by a PLOVER mode
 * column); JSON Lines with the same fields plus root, quad, goldstein, the PLOVER type, mode
 * and context, and provenance (matched texts and their byte offsets in the sentence).
 * Deterministic: same events, same bytes.
 */
#include "output.h"

#include <stdlib.h>
#include <string.h>

/* The n bytes at s as a JSON string literal (with quotes). */
static void json_string_n(FILE *f, const char *s, size_t n)
{
    fputc('"', f);
    const unsigned char *p = (const unsigned char *)s;
    for (const unsigned char *e = p + n; p < e; p++) {
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (*p < 0x20)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

void out_json_string(FILE *f, const char *s)
{
    json_string_n(f, s ? s : "", s ? strlen(s) : 0);
}

static void date_iso(const dy_event *ev, char out[16])
{
    int32_t d = ev->date;
    snprintf(out, 16, "%04d-%02d-%02d", (int)(d / 10000), (int)(d / 100 % 100), (int)(d % 100));
}

/* TSV fields must not contain tabs or newlines: replace them by spaces. */
static void tsv_field(FILE *f, const char *s)
{
    for (; s && *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

/* A ';'-separated list ("crime;corruption") as a JSON array of strings ("" gives []);
 * empty items are skipped. */
static void json_string_list(FILE *f, const char *s)
{
    int first = 1;
    fputc('[', f);
    while (s && *s) {
        const char *end = strchr(s, ';');
        size_t n = end ? (size_t)(end - s) : strlen(s);
        if (n) {
            if (!first)
                fputc(',', f);
            json_string_n(f, s, n);
            first = 0;
        }
        s = end ? end + 1 : s + n;
    }
    fputc(']', f);
}

int out_ontology_from_name(const char *name, out_ontology *out)
{
    if (name && !strcmp(name, "cameo"))
        *out = ONT_CAMEO;
    else if (name && !strcmp(name, "plover"))
        *out = ONT_PLOVER;
    else
        return -1;
    return 0;
}

int out_event_kept(out_ontology ont, const dy_event *ev)
{
    return ont != ONT_PLOVER || (ev->plover && *ev->plover);
}

int out_event(FILE *f, out_format fmt, const dy_event *ev)
{
    return out_event_as(f, fmt, ONT_CAMEO, ev);
}

int out_event_as(FILE *f, out_format fmt, out_ontology ont, const dy_event *ev)
{
    char date[16];
    date_iso(ev, date);
    if (fmt == OUT_TSV) {
        fprintf(f, "%s\t", date);
        tsv_field(f, ev->source);
        fputc('\t', f);
        tsv_field(f, ev->target);
        fputc('\t', f);
        if (ont == ONT_PLOVER) {
            tsv_field(f, ev->plover);
            fputc('\t', f);
            tsv_field(f, ev->plover_mode);
        } else {
            tsv_field(f, ev->code);
        }
        fputc('\t', f);
        tsv_field(f, ev->doc);
        fprintf(f, "\t%d\n", ev->sent);
    } else {
        fputs("{\"doc\":", f);
        out_json_string(f, ev->doc);
        fprintf(f, ",\"sent\":%d,\"date\":\"%s\",\"source\":", ev->sent, date);
        out_json_string(f, ev->source);
        fputs(",\"target\":", f);
        out_json_string(f, ev->target);
        fputs(",\"code\":", f);
        out_json_string(f, ev->code);
        fprintf(f, ",\"root\":%d,\"quad\":%d,\"goldstein\":%.1f", ev->root, ev->quad,
                ev->goldstein);
        if (ev->plover) {
            fputs(",\"plover\":", f);
            out_json_string(f, ev->plover);
            fputs(",\"plover_mode\":", f);
            out_json_string(f, ev->plover_mode);
            fputs(",\"plover_context\":", f);
            json_string_list(f, ev->plover_context);
        }
        fputs(",\"source_text\":", f);
        out_json_string(f, ev->source_text);
        fputs(",\"target_text\":", f);
        out_json_string(f, ev->target_text);
        fputs(",\"verb_text\":", f);
        out_json_string(f, ev->verb_text);
        fprintf(f,
                ",\"source_start\":%d,\"source_end\":%d,\"target_start\":%d,\"target_end\":%d,"
                "\"verb_start\":%d,\"verb_end\":%d",
                ev->source_start, ev->source_end, ev->target_start, ev->target_end,
                ev->verb_start, ev->verb_end);
        if (ev->issues && *ev->issues) {
            fputs(",\"issues\":", f);
            out_json_string(f, ev->issues);
        }
        fputs(",\"sentence\":", f);
        out_json_string(f, ev->sentence);
        fputs("}\n", f);
    }
    return ferror(f) ? -1 : 0;
}

int out_reject_line(const dy_diag *d, char **line, size_t *len)
{
    *line = NULL;
    *len = 0;
    FILE *f = open_memstream(line, len);
    if (!f)
        return -1;
    fputs("{\"file\":", f);
    out_json_string(f, d->file ? d->file : "");
    fprintf(f, ",\"line\":%ld,\"record\":", d->line);
    out_json_string(f, d->record ? d->record : "");
    fprintf(f, ",\"byte\":%lld,\"status\":", d->byte);
    out_json_string(f, dy_strerror(d->code));
    fputs(",\"reason\":", f);
    out_json_string(f, d->msg);
    fputs("}\n", f);
    if (fclose(f)) {
        free(*line);
        *line = NULL;
        return -1;
    }
    return 0;
}
