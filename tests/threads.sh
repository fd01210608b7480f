#!/usr/bin/env bash
# threads.sh - checks that `dyad code --threads N` writes exactly what `--threads 1` writes:
# the same events in the same order (TSV and JSON Lines, stdout and -o FILE), the same
# diagnostics on stderr, the same summary line and the same exit status.  Inputs: the
# sample stories in the repository with rejected records and an unreadable file mixed in
# (always run), and, when ../shared/data exists, the VOA stories replicated ten times with
# unique ids.  Small batches and a short queue (DYAD_BATCH_STORIES, DYAD_QUEUE_DEPTH) make
# the coder threads finish out of order.  Ends with "N passed, M failed".
#
# Usage: bash tests/threads.sh [BUILD-DIR or path of a dyad binary]   (default: build)
# Exit status: 0 all passed, 1 a check failed, 2 the binary is missing.

set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2

. tests/lib.sh threads "$@"
SAMPLE=data/sample/sample.jsonl

# run NAME ARGS... : run dyad code ARGS..., keeping stdout, stderr and exit status under NAME.
run() {
    local name=$1
    shift
    "$DYAD" code "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
    echo $? >"$WORK/$name.rc"
    show_sanitizer "$WORK/$name.err"
}

# same WANT GOT : GOT's stdout, stderr and exit status equal WANT's, byte for byte (this
# script compares runs, not strings: it replaces lib.sh's same).
same() {
    local want=$1 got=$2 part
    for part in out err rc; do
        if cmp -s "$WORK/$want.$part" "$WORK/$got.$part"; then
            pass
        else
            fail "$got.$part differs from $want.$part"
            diff "$WORK/$want.$part" "$WORK/$got.$part" | head -n 8 | sed 's/^/      /'
        fi
    done
}

# summary NAME : the summary line of a run.
summary() { grep '^dyad: .* stories read' "$WORK/$1.err"; }

# nonempty NAME MIN_LINES: the reference run really produced output (comparisons mean something).
nonempty() {
    local n
    n=$(wc -l <"$WORK/$1.out")
    if [ "$n" -ge "$2" ]; then pass; else fail "$1 wrote $n lines, expected at least $2"; fi
}

# compare_threads BASE ARGS... : --threads 1 (BASE.t1) against 2, 4 and 0 (one per CPU),
# with the default batches and with tiny ones.
compare_threads() {
    local base=$1 t
    shift
    run "$base.t1" --threads 1 "$@"
    for t in 2 4 0; do
        run "$base.t$t" --threads "$t" "$@"
        same "$base.t1" "$base.t$t"
    done
    DYAD_BATCH_STORIES=1 DYAD_QUEUE_DEPTH=1 run "$base.t3b1" --threads 3 "$@"
    same "$base.t1" "$base.t3b1"
    DYAD_BATCH_STORIES=7 run "$base.t2b7" --threads 2 "$@"
    same "$base.t1" "$base.t2b7"
}

# ------------------------------------------------------------------ repository input
# Two copies of the sample stories, two rejected records (bad JSON, no text), a file that
# does not exist, then the sample again.
MIX=$WORK/mix.jsonl
{
    cat "$SAMPLE"
    echo '{"id": "broken", "date": '
    sed 's/"id":"/"id":"again-/' "$SAMPLE"
    echo '{"id": "no-text", "date": "2024-01-01"}'
} >"$MIX"

compare_threads mix --output tsv "$MIX" "$WORK/does-not-exist.jsonl" "$SAMPLE"
nonempty mix.t1 8
# the reference run counted the rejected records and the missing file
if summary mix.t1 | grep -q ' 2 records rejected (some input could not be read completely)$' &&
    [ "$(cat "$WORK/mix.t1.rc")" = 1 ]; then
    pass
else
    fail "mix.t1: unexpected summary or status: $(summary mix.t1) (exit $(cat "$WORK/mix.t1.rc"))"
fi
if grep -q 'does-not-exist' "$WORK/mix.t1.err" && grep -q 'broken\|invalid JSON' "$WORK/mix.t1.err"; then
    pass
else
    fail "mix.t1: rejected records and the missing file were not reported"
fi
compare_threads mixj --output jsonl "$MIX" "$SAMPLE"

# standard input, and gzip input, through the pipeline
"$DYAD" code --threads 2 - <"$MIX" >"$WORK/stdin.t2.out" 2>"$WORK/stdin.t2.err"
"$DYAD" code --threads 1 - <"$MIX" >"$WORK/stdin.t1.out" 2>"$WORK/stdin.t1.err"
if cmp -s "$WORK/stdin.t1.out" "$WORK/stdin.t2.out" && cmp -s "$WORK/stdin.t1.err" "$WORK/stdin.t2.err"; then
    pass
else
    fail "standard input: --threads 2 differs from --threads 1"
fi
if command -v gzip >/dev/null 2>&1; then
    gzip -c "$MIX" >"$WORK/mix.jsonl.gz"
    run gz.t2 --threads 2 "$WORK/mix.jsonl.gz"
    run gz.t1 --threads 1 "$MIX"
    if cmp -s "$WORK/gz.t1.out" "$WORK/gz.t2.out" && [ "$(summary gz.t1)" = "$(summary gz.t2)" ]; then
        pass
    else
        fail "gzip input: --threads 2 differs from --threads 1 on the plain file"
    fi
fi

# -o FILE: same bytes as stdout, renamed into place, no temporary file left behind
mkdir -p "$WORK/o"
run o.t1 --threads 1 "$MIX"
run o.t2 --threads 2 -o "$WORK/o/events.tsv" "$MIX"
if cmp -s "$WORK/o/events.tsv" "$WORK/o.t1.out" && [ -s "$WORK/o.t1.out" ] &&
    [ ! -s "$WORK/o.t2.out" ] && [ "$(ls "$WORK/o")" = events.tsv ] &&
    [ "$(summary o.t2)" = "$(summary o.t1)" ]; then
    pass
else
    fail "-o with --threads 2: wrong file, leftovers or summary: $(ls "$WORK/o" | tr '\n' ' ')"
fi

# bad --threads values are usage errors
for bad in -1 two 1x ''; do
    "$DYAD" code --threads "$bad" "$SAMPLE" >"$WORK/bad.out" 2>"$WORK/bad.err"
    rc=$?
    if [ "$rc" = 2 ] && [ ! -s "$WORK/bad.out" ]; then pass; else fail "--threads '$bad' gave exit $rc"; fi
done
DYAD_BATCH_STORIES=0 "$DYAD" code --threads 2 "$SAMPLE" >"$WORK/bad.out" 2>"$WORK/bad.err"
rc=$?
if [ "$rc" = 2 ]; then pass; else fail "DYAD_BATCH_STORIES=0 gave exit $rc"; fi

# ------------------------------------------------------------------ VOA corpus x 10
VOA=$SHARED/voa/voa_stories.jsonl
if [ ! -f "$VOA" ]; then
    echo "SKIPPED: $VOA absent (VOA corpus comparisons)"
else
    BIG=$WORK/voa10.jsonl
    # ten copies, each story id made unique by a copy prefix; one bad record in copy 4
    awk '{ line = $0; sub(/"id": *"/, "&r" copy "-", line); print line }
         copy == 3 && FNR == 7 { print "{\"id\": \"cut-off\", \"text\": \"no end" }' \
        copy=0 "$VOA" copy=1 "$VOA" copy=2 "$VOA" copy=3 "$VOA" copy=4 "$VOA" \
        copy=5 "$VOA" copy=6 "$VOA" copy=7 "$VOA" copy=8 "$VOA" copy=9 "$VOA" >"$BIG"
    ids=$(grep -o '"id": *"r[0-9]-[^"]*"' "$BIG" | sort -u | wc -l)
    stories=$(wc -l <"$VOA")
    if [ "$ids" -eq $((stories * 10)) ]; then pass; else fail "replicated corpus has $ids unique ids, expected $((stories * 10))"; fi

    compare_threads voa --output tsv "$BIG"
    nonempty voa.t1 1000
    if summary voa.t1 | grep -q "^dyad: $((stories * 10)) stories read, .* 1 records rejected$"; then
        pass
    else
        fail "voa.t1: unexpected summary: $(summary voa.t1)"
    fi
    compare_threads voaj --output jsonl "$BIG"
    # the events of each copy are the same, in the same place of the stream
    if [ "$(grep -c $'\tr0-' "$WORK/voa.t4.out")" -eq "$(grep -c $'\tr9-' "$WORK/voa.t4.out")" ] &&
        [ "$(sed -n 's/.*\tr\([0-9]\)-.*/\1/p' "$WORK/voa.t4.out" | uniq | tr -d '\n')" = 0123456789 ]; then
        pass
    else
        fail "voa.t4: copies out of order or unequal"
    fi
fi

finish
