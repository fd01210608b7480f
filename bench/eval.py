#!/usr/bin/env python3
"""eval.py - dyad's accuracy comparison, run by `make eval` (never by `make check`).

Runs the scorer ../shared/eval/score.py on the gold sets in ../shared/data/gold twice, once with
dyad's built-in dictionaries and once with the Phoenix ones (PETRARCH-1 verbs), and prints the
figures side by side as a Markdown table (built-in, Phoenix, difference); then codes the VOA
stories with both and prints, for each, the events with a source and a target and how many of
them bench/voa_judged.tsv judges right (bench/voa_precision.py).  Skipped, with a message and
exit status 0, when ../shared is absent.

usage: python3 bench/eval.py [DYAD-BINARY]        (default: build/dyad)
Environment: EVAL_JSON=FILE also writes both summaries as JSON to FILE.
Exit status: 0 done or skipped, 1 error (a run failed or printed no summary).
"""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, '..', 'shared')
SCORER = os.path.join(SHARED, 'eval', 'score.py')
GOLD = os.path.join(SHARED, 'data', 'gold')
PHOENIX = os.path.join(SHARED, 'data', 'phoenix', 'PETR1_config.ini')
VOA = os.path.join(SHARED, 'data', 'voa', 'voa_stories.jsonl')
PRECISION = os.path.join(ROOT, 'bench', 'voa_precision.py')

# The figures shown, per set, in this order (any other numeric figure follows them).
SKIP_KEYS = {'n', 'rc', 'unparsed_lines', 'seconds'}


def run_scorer(dyad, extra):
    """Run score.py with the given dyad arguments; return its JSON summary (last line)."""
    cmd = [sys.executable, SCORER, GOLD, '--', dyad, 'code', '--quiet', '--format', 'jsonl',
           '--output', 'jsonl'] + extra + ['-']
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    lines = [l for l in proc.stdout.splitlines() if l.strip()]
    if proc.returncode != 0 or not lines:
        sys.stderr.write('eval: scorer failed (%d): %s\n' % (proc.returncode, proc.stderr[-500:]))
        return None
    try:
        return json.loads(lines[-1])
    except ValueError:
        sys.stderr.write('eval: scorer printed no JSON summary\n')
        return None


def table(builtin, phoenix):
    """Markdown table rows: set, figure, built-in, Phoenix, difference."""
    rows = ['| set | figure | built-in | Phoenix | diff |', '|---|---|---:|---:|---:|']
    wins = losses = 0
    for name in sorted(set(builtin) | set(phoenix)):
        b, p = builtin.get(name, {}), phoenix.get(name, {})
        keys = [k for k in list(b) + [k for k in p if k not in b]
                if k not in SKIP_KEYS and isinstance(b.get(k, p.get(k)), (int, float))]
        for k in keys:
            bv, pv = b.get(k), p.get(k)
            if isinstance(bv, (int, float)) and isinstance(pv, (int, float)):
                diff = '%+.1f' % (bv - pv)
                wins += bv > pv
                losses += bv < pv
            else:
                diff = ''
            rows.append('| %s | %s | %s | %s | %s |' % (name, k, '' if bv is None else bv,
                                                        '' if pv is None else pv, diff))
    rows.append('')
    rows.append('built-in higher on %d figures, lower on %d.' % (wins, losses))
    return '\n'.join(rows)


def voa_line(dyad, label, extra):
    """Code the VOA stories and print the judged-precision line.  0 ok, 1 error."""
    import tempfile
    with tempfile.NamedTemporaryFile('w+', suffix='.jsonl') as tmp:
        proc = subprocess.run([dyad, 'code', '--quiet', '--output', 'jsonl', '-o', tmp.name] +
                              extra + [VOA], cwd=ROOT, capture_output=True, text=True)
        if proc.returncode not in (0, 1):
            sys.stderr.write('eval: dyad code on VOA failed: %s\n' % proc.stderr[-500:])
            return 1
        proc = subprocess.run([sys.executable, PRECISION, '--label', label, tmp.name],
                              cwd=ROOT, capture_output=True, text=True)
        sys.stdout.write(proc.stdout)
        return 0 if proc.returncode == 0 else 1


def main():
    dyad = sys.argv[1] if len(sys.argv) > 1 else os.path.join('build', 'dyad')
    if not (os.path.isfile(SCORER) and os.path.isdir(GOLD)):
        print('eval: SKIPPED: ../shared/eval/score.py or ../shared/data/gold is absent '
              '(../shared is not next to this checkout); nothing measured.')
        return 0
    if not os.path.isfile(os.path.join(ROOT, dyad)) and not os.path.isfile(dyad):
        sys.stderr.write('eval: %s not found (run make first)\n' % dyad)
        return 1
    builtin = run_scorer(dyad, [])
    phoenix = run_scorer(dyad, ['--dict', os.path.relpath(PHOENIX, ROOT)])
    if builtin is None or phoenix is None:
        return 1
    print(table(builtin, phoenix))
    if os.path.isfile(VOA):
        print()
        print('VOA stories (events with a source and a target; judged by bench/voa_judged.tsv):')
        for label, extra in (('built-in', []), ('Phoenix', ['--dict', PHOENIX])):
            if voa_line(dyad, label, extra):
                return 1
    out = os.environ.get('EVAL_JSON')
    if out:
        with open(out, 'w', encoding='utf-8') as f:
            json.dump({'builtin': builtin, 'phoenix': phoenix}, f, indent=1)
    return 0


if __name__ == '__main__':
    sys.exit(main())
