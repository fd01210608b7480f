/*
 * cmd_explain.c - `dyad explain`: code one sentence or story and print every step the coder
 * took: the words, the actors, agents and verbs found, each pattern tried, the one that
 * matched or why none did, and the events (with --ontology plover: their PLOVER type and
 * mode, and a note for each event left out for want of a PLOVER type).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"

static void print_trace(void *ud, const char *line)
{
    (void)ud;
    printf("  %s\n", line);
}

static int parse_date(const char *s, int32_t *out)
{
    int y, m, d;
    if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3 || sscanf(s, "%4d%2d%2d", &y, &m, &d) == 3) {
        *out = (int32_t)(y * 10000 + m * 100 + d);
        return 0;
    }
    return -1;
}

int cmd_explain(int argc, char **argv)
{
    const char *dict_path = NULL, *text = NULL;
    int32_t date = 20260101;
    cli_limits lim = {0, 0, 0, 0, 0, 0, 0};
    out_ontology ont = ONT_CAMEO;
    int lr;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--dict") && i + 1 < argc) {
            dict_path = argv[++i];
        } else if (!strcmp(argv[i], "--date") && i + 1 < argc) {
            if (parse_date(argv[++i], &date)) {
                fprintf(stderr, "dyad explain: bad date '%s' (want YYYY-MM-DD)\n", argv[i]);
                return 2;
            }
        } else if (!strcmp(argv[i], "--ontology") && i + 1 < argc) {
            if (out_ontology_from_name(argv[++i], &ont)) {
                fprintf(stderr, "dyad explain: unknown ontology '%s' (cameo or plover)\n",
                        argv[i]);
                return 2;
            }
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: dyad explain [--dict PATH] [--date YYYY-MM-DD] "
                   "[--ontology cameo|plover]\n"
                   "                    [--max-... N] [TEXT|-]\n"
                   "Events are printed as dyad code's TSV lines in that ontology (plover: the\n"
                   "PLOVER type and mode in place of the CAMEO code; an event whose code has no\n"
                   "PLOVER type is shown as left out).\n");
            cli_limits_usage(stdout, CLI_LIM_CODER | CLI_LIM_DICT);
            return 0;
        } else if ((lr = cli_limit_arg("explain", CLI_LIM_CODER | CLI_LIM_DICT, argc, argv, &i,
                                       &lim)) != 0) {
            if (lr < 0)
                return 2;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "dyad explain: unknown option '%s'\n", argv[i]);
            return 2;
        } else {
            text = argv[i];
        }
    }
    char *buf = NULL;
    size_t len = 0;
    if (!text || !strcmp(text, "-")) {
        size_t cap = 0;
        for (;;) {
            if (len + 4096 + 1 > cap) {
                cap = cap ? cap * 2 : 8192;
                char *nb = realloc(buf, cap);
                if (!nb) {
                    free(buf);
                    return 2;
                }
                buf = nb;
            }
            size_t got = fread(buf + len, 1, cap - len - 1, stdin);
            len += got;
            if (!got)
                break;
        }
        if (!buf)
            return 2;
        buf[len] = 0;
        text = buf;
    } else {
        len = strlen(text);
    }
    dy_dict *d = cli_load_dict(dict_path, 1, &lim);
    if (!d) {
        free(buf);
        return 2;
    }
    dy_coder_opts co;
    dy_coder_opts_init(&co);
    co.diag = cli_print_diag;
    co.trace = print_trace;
    cli_coder_limits(&lim, &co);
    dy_coder *c = dy_coder_new(d, &co);
    if (!c) {
        dy_dict_free(d);
        free(buf);
        return 2;
    }
    dy_story s = {0};
    s.id = "explain";
    s.date = date;
    s.text = text;
    s.text_len = len;
    printf("trace:\n");
    dy_status st = dy_coder_feed(c, &s);
    int n = 0;
    if (st == DY_OK) {
        printf("events:\n");
        const dy_event *ev;
        while ((ev = dy_coder_next_event(c))) {
            printf("  ");
            if (!out_event_kept(ont, ev)) {
                printf("(left out: CAMEO code %s has no PLOVER type)\n", ev->code);
                n++;
                continue;
            }
            out_event_as(stdout, OUT_TSV, ont, ev);
            n++;
        }
        if (!n)
            printf("  (none)\n");
    } else {
        fprintf(stderr, "dyad explain: %s\n", dy_strerror(st));
    }
    dy_coder_free(c);
    dy_dict_free(d);
    free(buf);
    return st == DY_OK ? 0 : 2;
}
