#!/usr/bin/env python3
"""voa_precision.py - how many of dyad's events on the VOA stories are right, by the judged
events of bench/voa_judged.tsv (docs/EVAL.md, "Judged VOA events").

Reads dyad's JSON Lines events (`dyad code --output jsonl`) for
../shared/data/voa/voa_stories.jsonl and prints one summary line: events with both a source
and a target, how many of them are judged right / wrong / not judged yet, and the precision
over the judged ones.

usage: python3 bench/voa_precision.py [--label NAME] [--unjudged FILE] [--sample N --seed S]
                                      EVENTS.jsonl
  --unjudged FILE  write the events not judged yet, with their sentences, to FILE (to judge them)
  --sample N       also print a Markdown table of N events drawn at random (random.seed(S))
                   with their verdicts, for docs/EVAL.md
Exit status: 0, or 2 on a usage or input error.
"""
import argparse
import json
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JUDGED = os.path.join(ROOT, 'bench', 'voa_judged.tsv')


def load_judged(path):
    """(doc, sent, source, code, target) -> (verdict, category, note)."""
    out = {}
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            if line.startswith('#') or not line.strip():
                continue
            cols = line.rstrip('\n').split('\t')
            if len(cols) != 8 or cols[5] not in ('right', 'wrong'):
                sys.exit('%s:%d: expected 8 tab-separated columns with right|wrong' % (path, n))
            out[tuple(cols[:5])] = (cols[5], cols[6], cols[7])
    return out


def key(ev):
    return (str(ev['doc']), str(ev['sent']), ev['source'], ev['code'], ev['target'])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('events')
    ap.add_argument('--label', default='')
    ap.add_argument('--unjudged')
    ap.add_argument('--sample', type=int, default=0)
    ap.add_argument('--seed', type=int, default=1)
    a = ap.parse_args()
    judged = load_judged(JUDGED)
    events = []
    with open(a.events, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            try:
                ev = json.loads(line)
            except ValueError:
                sys.exit('%s:%d: not a JSON event' % (a.events, n))
            if ev.get('source', '---') != '---' and ev.get('target', '---') != '---':
                events.append(ev)
    right = sum(1 for e in events if judged.get(key(e), ('',))[0] == 'right')
    wrong = sum(1 for e in events if judged.get(key(e), ('',))[0] == 'wrong')
    todo = [e for e in events if key(e) not in judged]
    prec = '%.1f%%' % (100.0 * right / (right + wrong)) if right + wrong else 'n/a'
    print('%sevents %d, judged right %d, wrong %d, not judged %d; precision over judged %s'
          % (a.label + ': ' if a.label else '', len(events), right, wrong, len(todo), prec))
    if a.unjudged:
        with open(a.unjudged, 'w', encoding='utf-8') as o:
            for e in todo:
                o.write('\t'.join(key(e)) + '\t' + e.get('sentence', '') + '\n')
    if a.sample:
        rnd = random.Random(a.seed)
        pick = rnd.sample(events, min(a.sample, len(events)))
        print('| # | story/sentence | event | verb | judgement |')
        print('|---:|---|---|---|---|')
        for i, e in enumerate(pick, 1):
            v = judged.get(key(e))
            verdict = '%s (%s): %s' % (v[0], v[1], v[2]) if v else 'not judged'
            print('| %d | %s/%s | %s %s %s | %s | %s |' % (i, e['doc'], e['sent'], e['source'],
                  e['code'], e['target'], e.get('verb_text', ''), verdict.replace('|', '/')))
    return 0


if __name__ == '__main__':
    sys.exit(main())
