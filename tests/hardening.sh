#!/usr/bin/env bash
# hardening.sh - dyad code keeps its promises on bad input and interruption:
#   1. accounting: a corpus with planted bad records -- stories read + records rejected add
#      up to the records fed in, every rejection is in the --rejects report with its line,
#      the exit status says something was rejected, and every good story's events are
#      exactly those it gets in a clean corpus;
#   2. interruption: SIGINT or SIGTERM during `-o FILE` leaves the old FILE untouched and no
#      temporary file behind -- or, when the signal comes after the file was put in place,
#      the complete FILE, and says which;
#   1b. size limits through the options: a record nested too deep is rejected and named
#      (--max-nesting), a 2 MB word is coded around with a warning (--max-token-bytes), a
#      bad limit value is a usage error;
#   3. a full disk: writing to /dev/full fails with exit status 2 and a message, and on a
#      small tmpfs (when this machine lets us mount one) `-o` leaves the old file intact.
# Usage: bash tests/hardening.sh [path/to/dyad]   Ends with "N passed, M failed".
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
# DYAD, the counters, pass/fail/finish and the scratch folder $WORK (tests/lib.sh)
. tests/lib.sh hardening "$@"
TMP=$WORK
MNT=""
cleanup() {
    [ -n "$MNT" ] && umount "$MNT" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

check() { # check NAME CONDITION-EXIT-STATUS
    if [ "$2" -eq 0 ]; then pass; else fail "$1"; fi
}

# ---------------------------------------------------------------- the clean corpus
if [ -f ../shared/data/voa/voa_stories.jsonl ]; then
    cp ../shared/data/voa/voa_stories.jsonl "$TMP/clean.jsonl"
else
    echo "note: ../shared/data absent; using data/sample/sample.jsonl only"
    cp data/sample/sample.jsonl "$TMP/clean.jsonl"
fi
good=$(grep -ac . "$TMP/clean.jsonl")

# ---------------------------------------------------------------- 1. planted garbage
# After every good line, sometimes a bad one: broken JSON, wrong types, no date, no text,
# invalid UTF-8, a NUL byte, HTML junk, an empty object.  Blank lines are not records.
awk 'BEGIN { srand(42) }
     { print }
     NR % 3 == 0 { k = (NR / 3) % 8
       if (k == 0) print "{\"id\": \"bad-json-" NR "\", \"date\": \"2024-01-01\", \"text\": \"unterminated"
       if (k == 1) print "{\"id\": \"bad-type-" NR "\", \"date\": \"2024-01-01\", \"text\": 42}"
       if (k == 2) print "{\"id\": \"no-date-" NR "\", \"text\": \"Iraq attacked Turkey.\"}"
       if (k == 3) print "{\"id\": \"no-text-" NR "\", \"date\": \"2024-01-01\"}"
       if (k == 4) print "{\"id\": \"bad-date-" NR "\", \"date\": \"2024-13-45\", \"text\": \"x\"}"
       if (k == 5) print "<html><body>not json " NR "</body></html>"
       if (k == 6) print "{}"
       if (k == 7) print "[1, 2, 3]" }' "$TMP/clean.jsonl" >"$TMP/planted.jsonl"
printf '{"id": "nul-\0-byte", "date": "2024-01-01", "text": "x"}\n' >>"$TMP/planted.jsonl"
printf '{"id": "latin1-\xe9", "date": "2024-01-01", "text": "caf\xe9 \xff"}\n' >>"$TMP/planted.jsonl"
records=$(grep -ac . "$TMP/planted.jsonl")
bad=$((records - good))

"$DYAD" code --output jsonl "$TMP/clean.jsonl" >"$TMP/clean.out" 2>"$TMP/clean.err"
check "clean corpus codes with exit 0" $?
"$DYAD" code --output jsonl --rejects "$TMP/rejects.jsonl" "$TMP/planted.jsonl" \
    >"$TMP/planted.out" 2>"$TMP/planted.err"
rc=$?
check "planted corpus: exit status 1 (something was rejected), got $rc" $((rc != 1))
summary=$(grep -E '^dyad: [0-9]+ stories read' "$TMP/planted.err")
read_n=$(echo "$summary" | sed -E 's/^dyad: ([0-9]+) stories read.*/\1/')
rej_n=$(echo "$summary" | sed -E 's/.* ([0-9]+) records rejected.*/\1/')
# the Latin-1 record is repaired, not rejected: it is a good record too
check "stories read + rejected = records fed in ($read_n + $rej_n vs $records)" \
    $((read_n + rej_n != records))
check "stories read = good records + the repaired Latin-1 one ($read_n vs $((good + 1)))" \
    $((read_n != good + 1))
rj_lines=$(grep -c . "$TMP/rejects.jsonl" 2>/dev/null || echo 0)
check "one reject-report line per rejected record ($rj_lines vs $rej_n)" $((rj_lines != rej_n))
check "the reject report is JSON with file, line and reason" \
    "$(grep -vc '^{"file":".*","line":[0-9]*,"record":.*,"byte":[0-9-]*,"status":".*","reason":".*"}$' \
        "$TMP/rejects.jsonl")"
# every planted line is named by its line number
planted_lines=$(grep -a -n -v -F -x -f "$TMP/clean.jsonl" "$TMP/planted.jsonl" | cut -d: -f1 | sort -n)
reported=$(sed -E 's/.*"line":([0-9]+).*/\1/' "$TMP/rejects.jsonl" | sort -n)
expected_reported=$(echo "$planted_lines" | sed '$d') # all but the repaired Latin-1 record
check "the report names every planted bad line" \
    "$([ "$expected_reported" = "$reported" ]; echo $?)"
# the good stories' events are unchanged (the planted corpus adds one Latin-1 story)
grep -v '"doc":"latin1-' "$TMP/planted.out" >"$TMP/planted.good.out"
cmp -s "$TMP/clean.out" "$TMP/planted.good.out"
check "events of the good stories are byte-identical with and without the garbage" $?
"$DYAD" code --threads 2 --output jsonl --rejects "$TMP/rejects2.jsonl" "$TMP/planted.jsonl" \
    >"$TMP/planted2.out" 2>/dev/null
cmp -s "$TMP/planted.out" "$TMP/planted2.out" && cmp -s "$TMP/rejects.jsonl" "$TMP/rejects2.jsonl"
check "same events and reject report with --threads 2" $?

# ---------------------------------------------------------------- 1b. size limits
# Line 2 nests 301 deep (its object, then 300 arrays: over the default of 256), line 3
# nests 5 deep; line 4 carries a 2 MB word between two coded sentences.
{
    echo '{"id": "ok-1", "date": "2024-01-01", "text": "Iraq accused Turkey of shelling villages."}'
    printf '{"id": "deep-300", "date": "2024-01-01", "text": "Iraq accused Turkey.", "m": '
    printf '[%.0s' $(seq 300); printf ']%.0s' $(seq 300); echo '}'
    echo '{"id": "deep-5", "date": "2024-01-01", "text": "Egypt praised Israel.", "m": {"a": [[{"b": 1}]]}}'
    printf '{"id": "blob", "date": "2024-01-01", "text": "Iraq accused Turkey. '
    yes QmFzZTY0IGJsb2IgMDEyMzQ1Njc4OQ | head -c 2000000 | tr -d '\n' # 2 MB, no space
    echo ' Egypt praised Israel."}'
} >"$TMP/limits.jsonl"
"$DYAD" code --rejects "$TMP/lim.rej" "$TMP/limits.jsonl" >"$TMP/lim.out" 2>"$TMP/lim.err"
rc=$?
check "limits: exit status 1 (one record rejected), got $rc" $((rc != 1))
check "limits: the record nested 301 deep is rejected at line 2 with the limit named" \
    "$(grep -q '"line":2,.*"status":"size limit exceeded".*nested deeper than the limit of 256' "$TMP/lim.rej"; echo $?)"
check "limits: exactly one rejection" "$([ "$(grep -c . "$TMP/lim.rej")" = 1 ]; echo $?)"
check "limits: the record nested 5 deep is coded" "$(grep -q 'deep-5' "$TMP/lim.out"; echo $?)"
check "limits: both sentences around the 2 MB word are coded" \
    "$([ "$(grep -c $'\tblob\t' "$TMP/lim.out")" = 2 ]; echo $?)"
check "limits: one warning names the story and the 256-byte limit" \
    "$([ "$(grep -c 'warning: .*longer than the limit of 256 bytes.*\[record blob\]' "$TMP/lim.err")" = 1 ]; echo $?)"
"$DYAD" code --max-nesting 4 "$TMP/limits.jsonl" >/dev/null 2>"$TMP/lim4.err"
check "--max-nesting 4: the record nested 5 deep is rejected too" \
    "$(grep -q 'limits.jsonl:3: error: JSON nested deeper than the limit of 4' "$TMP/lim4.err"; echo $?)"
"$DYAD" code --max-nesting 301 --max-token-bytes 2M "$TMP/limits.jsonl" >"$TMP/lim300.out" 2>"$TMP/lim300.err"
rc=$?
check "--max-nesting 301 --max-token-bytes 2M: nothing rejected, no warning, exit 0 (got $rc)" \
    "$([ "$rc" = 0 ] && ! grep -q 'warning\|error' "$TMP/lim300.err"; echo $?)"
check "--max-nesting 301: the deep record is coded" "$(grep -q 'deep-300' "$TMP/lim300.out"; echo $?)"
"$DYAD" code --threads 2 --rejects "$TMP/lim2.rej" "$TMP/limits.jsonl" >"$TMP/lim2.out" 2>"$TMP/lim2.err"
cmp -s "$TMP/lim.out" "$TMP/lim2.out" && cmp -s "$TMP/lim.rej" "$TMP/lim2.rej" &&
    cmp -s <(grep -v '^dyad:' "$TMP/lim.err") <(grep -v '^dyad:' "$TMP/lim2.err")
check "limits: same events, rejections and warnings with --threads 2" $?
for bad in "--max-nesting 0" "--max-token-bytes 12Q" "--max-token-bytes -1" "--max-line-bytes"; do
    # shellcheck disable=SC2086
    "$DYAD" code $bad "$TMP/limits.jsonl" >/dev/null 2>"$TMP/bad.err"
    rc=$?
    check "'$bad' is a usage error (exit 2, got $rc)" $((rc != 2))
done

# ---------------------------------------------------------------- 2. interruption
# A corpus big enough to take a while: the clean one repeated with unique ids.
copies=40
[ "$good" -lt 50 ] && copies=2000 # the small sample: enough output to fill a 64 KiB disk
for i in $(seq 1 "$copies"); do sed "s/\"id\": \"/\"id\": \"r$i-/" "$TMP/clean.jsonl"; done >"$TMP/big.jsonl"
for sig in INT TERM; do
    echo "old contents" >"$TMP/out.tsv"
    "$DYAD" code -o "$TMP/out.tsv" "$TMP/big.jsonl" 2>"$TMP/sig.err" &
    pid=$!
    sleep 0.3
    kill -s "$sig" "$pid" 2>/dev/null
    wait "$pid"
    rc=$?
    if [ "$rc" -eq 0 ]; then
        # finished before the signal arrived: then the file must be complete
        check "SIG$sig: run completed before the signal; output complete" \
            "$(cmp -s "$TMP/out.tsv" <("$DYAD" code "$TMP/big.jsonl" 2>/dev/null); echo $?)"
    elif grep -q 'interrupted after its output files were written' "$TMP/sig.err"; then
        # the signal came after the output was put in place: then it must be complete
        check "SIG$sig: interrupted after the output was written; output complete" \
            "$(cmp -s "$TMP/out.tsv" <("$DYAD" code "$TMP/big.jsonl" 2>/dev/null); echo $?)"
        check "SIG$sig: no temporary file left" "$([ -z "$(ls "$TMP"/out.tsv.tmp.* 2>/dev/null)" ]; echo $?)"
    else
        check "SIG$sig: old output left untouched" \
            "$([ "$(cat "$TMP/out.tsv")" = "old contents" ]; echo $?)"
        check "SIG$sig: no temporary file left" "$([ -z "$(ls "$TMP"/out.tsv.tmp.* 2>/dev/null)" ]; echo $?)"
        check "SIG$sig: says so" "$(grep -q 'interrupted; output files left unchanged' "$TMP/sig.err"; echo $?)"
    fi
done

# ---------------------------------------------------------------- 2b. devices are not replaced
"$DYAD" code -o /dev/null "$TMP/clean.jsonl" 2>/dev/null
check "-o /dev/null succeeds" $?
check "-o /dev/null leaves /dev/null a device" "$([ -c /dev/null ]; echo $?)"

# ---------------------------------------------------------------- 3. a full disk
"$DYAD" code "$TMP/clean.jsonl" >/dev/full 2>"$TMP/full.err"
rc=$?
check "writing to a full device: exit status 2, got $rc" $((rc != 2))
check "writing to a full device: a write error is reported" \
    "$(grep -qi 'error' "$TMP/full.err"; echo $?)"
MNT=$TMP/small
mkdir -p "$MNT"
if mount -t tmpfs -o size=64k tmpfs "$MNT" 2>/dev/null; then
    echo "old contents" >"$MNT/out.tsv"
    "$DYAD" code -o "$MNT/out.tsv" "$TMP/big.jsonl" 2>"$TMP/small.err"
    rc=$?
    check "-o on a full tmpfs: exit status 2, got $rc" $((rc != 2))
    check "-o on a full tmpfs: old file intact" \
        "$([ "$(cat "$MNT/out.tsv")" = "old contents" ]; echo $?)"
    check "-o on a full tmpfs: no temporary file left" \
        "$([ -z "$(ls "$MNT"/out.tsv.tmp.* 2>/dev/null)" ]; echo $?)"
    umount "$MNT"
    MNT=""
else
    echo "SKIPPED: cannot mount a small tmpfs here (not root?): full-disk -o check"
    MNT=""
fi

finish
