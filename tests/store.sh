#!/usr/bin/env bash
# store.sh - end-to-end test of the event store: codes the VOA stories (../shared/data/voa,
# or data/sample/sample.jsonl when ../shared is absent) to JSON Lines, loads them into a
# store with `dyad load`, and checks `dyad series` and `dyad top` against the events
# counted directly from the JSON Lines (per month, per day for the busiest dyad, per quad
# class, with an actor pattern, under the one-a-day filter); that re-loading does not
# double count; that a story reprinted with small edits is clustered with the original
# and counted once under --dedup story; and that a loader killed mid-way (kill -9) leaves
# only whole batches, which a second run completes.  Ends with "N passed, M failed".
#
# Usage: bash tests/store.sh [BUILD-DIR or path of a dyad binary]   (default: build)
# Exit status: 0 all passed, 1 a check failed, 2 the binary is missing.

set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2

. tests/lib.sh store "$@"
LOADER_PID=
cleanup() {
    if [ -n "$LOADER_PID" ]; then kill -9 "$LOADER_PID" 2>/dev/null; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

if [ -f "$SHARED/voa/voa_stories.jsonl" ]; then
    STORIES=$SHARED/voa/voa_stories.jsonl
else
    echo "note: ../shared/data absent: using data/sample/sample.jsonl"
    STORIES=data/sample/sample.jsonl
fi

# field NAME: awk code extracting the string field NAME of a dyad JSON Lines event into v
field() { printf 'v = ""; if (match($0, /"%s":"[^"]*"/)) v = substr($0, RSTART + %d, RLENGTH - %d);' "$1" $((${#1} + 4)) $((${#1} + 5)); }

EVENTS=$WORK/events.jsonl
"$DYAD" code --output jsonl --quiet "$STORIES" >"$EVENTS" 2>"$WORK/code.err"
show_sanitizer "$WORK/code.err"
nevents=$(wc -l <"$EVENTS" | tr -d ' ')
if [ "$nevents" -gt 0 ]; then pass; else fail "dyad code wrote no events from $STORIES"; fi

# ------------------------------------------------------------------ load, info
DB=$WORK/events.sqlite
"$DYAD" load --db "$DB" --batch 10 "$EVENTS" 2>"$WORK/load.err"
rc=$?
show_sanitizer "$WORK/load.err"
same "dyad load exit status" 0 "$rc"

info() { "$DYAD" info --db "$1" 2>>"$WORK/info.err" | awk -F'\t' -v k="$2" '$1 == k { print $2 }'; }
ndocs=$(awk "{ $(field doc) print v }" "$EVENTS" | sort -u | wc -l | tr -d ' ')
same "events stored" "$nevents" "$(info "$DB" events)"
same "stories stored" "$ndocs" "$(info "$DB" stories)"
same "integrity" ok "$(info "$DB" integrity)"
same "schema version" 1 "$(info "$DB" schema)"

# ------------------------------------------------------------------ series vs. direct counts
# month -> count, from the JSON Lines
awk "{ $(field date) print substr(v, 1, 7) }" "$EVENTS" | sort | uniq -c |
    awk '{ print $2 "," $1 }' >"$WORK/want-months"
"$DYAD" series --db "$DB" --by month 2>"$WORK/series.err" | tail -n +2 | cut -d, -f1,2 >"$WORK/got-months"
show_sanitizer "$WORK/series.err"
same "events per month" "$(cat "$WORK/want-months")" "$(cat "$WORK/got-months")"

# quad classes per month
awk "{ $(field date) d = substr(v, 1, 7); q = 0; if (match(\$0, /\"quad\":[0-9]/)) q = substr(\$0, RSTART + 7, 1); n[d \",\" q]++; m[d] = 1 }
     END { for (d in m) print d \",\" n[d \",1\"] + 0 \",\" n[d \",2\"] + 0 \",\" n[d \",3\"] + 0 \",\" n[d \",4\"] + 0 }" \
    "$EVENTS" | sort >"$WORK/want-quads"
"$DYAD" series --db "$DB" --by month | tail -n +2 | cut -d, -f1,3-6 >"$WORK/got-quads"
same "quad classes per month" "$(cat "$WORK/want-quads")" "$(cat "$WORK/got-quads")"

# the busiest dyad, per day
top_dyad=$(awk "{ $(field source) s = v; $(field target) print s \" \" v }" "$EVENTS" |
    sort | uniq -c | sort -k1,1nr -k2 | head -n 1)
read -r top_n top_src top_tgt <<<"$top_dyad"
awk -v s="$top_src" -v t="$top_tgt" "{ $(field source) a = v; $(field target) b = v; $(field date) if (a == s && b == t) print v }" \
    "$EVENTS" | sort | uniq -c | awk '{ print $2 "," $1 }' >"$WORK/want-days"
"$DYAD" series --db "$DB" --source "$top_src" --target "$top_tgt" --by day | tail -n +2 |
    cut -d, -f1,2 >"$WORK/got-days"
same "events per day of $top_src -> $top_tgt" "$(cat "$WORK/want-days")" "$(cat "$WORK/got-days")"

# top: the busiest dyad comes first with its count
got_top=$("$DYAD" top --db "$DB" --n 1 | tail -n +2 | cut -d, -f1-3)
same "dyad top" "$top_src,$top_tgt,$top_n" "$got_top"

# an actor pattern: every source starting with the busiest source's first three letters
prefix=${top_src:0:3}
want=$(awk -v p="$prefix" "{ $(field source) if (substr(v, 1, length(p)) == p) n++ } END { print n + 0 }" "$EVENTS")
got=$("$DYAD" series --db "$DB" --source "$prefix*" --by month | tail -n +2 |
    awk -F, '{ n += $2 } END { print n + 0 }')
same "events with source $prefix*" "$want" "$got"

# the one-a-day filter: distinct (date, source, target, code)
want=$(awk "{ $(field date) d = v; $(field source) s = v; $(field target) t = v; $(field code) print d, s, t, v }" \
    "$EVENTS" | sort -u | wc -l | tr -d ' ')
got=$("$DYAD" series --db "$DB" --by month --dedup daily | tail -n +2 |
    awk -F, '{ n += $2 } END { print n + 0 }')
same "events under --dedup daily" "$want" "$got"

# JSON output parses as the same numbers
got=$("$DYAD" series --db "$DB" --by month --format json | grep -o '"events":[0-9]*' |
    awk -F: '{ n += $2 } END { print n + 0 }')
same "series --format json total" "$nevents" "$got"

# ------------------------------------------------------------------ re-loading
"$DYAD" series --db "$DB" --by week >"$WORK/series-before"
"$DYAD" load --db "$DB" --quiet "$EVENTS" 2>"$WORK/reload.err"
same "re-load exit status" 0 "$?"
same "events after re-load" "$nevents" "$(info "$DB" events)"
same "stories after re-load" "$ndocs" "$(info "$DB" stories)"
"$DYAD" series --db "$DB" --by week >"$WORK/series-after"
if cmp -s "$WORK/series-before" "$WORK/series-after"; then pass; else fail "series changed after re-load"; fi

# ------------------------------------------------------------------ near-duplicates
# The first story again under another id, with a few words changed (a reprint).
head -n 1 "$STORIES" >"$WORK/dup.jsonl"
head -n 1 "$STORIES" |
    sed -e 's/"id": *"\([^"]*\)"/"id":"\1-reprint"/' -e 's/ the / a /4' -e 's/ and / & also /2' \
        -e 's/\. /. Meanwhile, /3' >>"$WORK/dup.jsonl"
orig_id=$(head -n 1 "$STORIES" | sed -n 's/.*"id": *"\([^"]*\)".*/\1/p')
if cmp -s <(head -n 1 "$WORK/dup.jsonl") <(tail -n 1 "$WORK/dup.jsonl" | sed "s/$orig_id-reprint/$orig_id/"); then
    fail "the reprint has no edits"
else
    pass
fi
"$DYAD" code --output jsonl --quiet "$WORK/dup.jsonl" >"$WORK/dup-events.jsonl" 2>/dev/null
DUPDB=$WORK/dup.sqlite
"$DYAD" load --db "$DUPDB" --quiet "$WORK/dup-events.jsonl"
same "dup load exit status" 0 "$?"
cluster_of_reprint=$("$DYAD" info --db "$DUPDB" --stories | awk -F'\t' -v d="$orig_id-reprint" '$2 == d { print $3 }')
same "the reprint's cluster" "$orig_id" "$cluster_of_reprint"
same "clusters" 1 "$(info "$DUPDB" clusters)"
n_none=$("$DYAD" series --db "$DUPDB" --by month | tail -n +2 | awk -F, '{ n += $2 } END { print n + 0 }')
n_story=$("$DYAD" series --db "$DUPDB" --by month --dedup story | tail -n +2 | awk -F, '{ n += $2 } END { print n + 0 }')
n_orig=$(grep -c "\"doc\":\"$orig_id\"" "$WORK/dup-events.jsonl")
same "events with --dedup none" "$(wc -l <"$WORK/dup-events.jsonl" | tr -d ' ')" "$n_none"
if [ "$n_story" -le "$n_orig" ] && [ "$n_story" -gt 0 ] && [ "$n_story" -lt "$n_none" ]; then
    pass
else
    fail "--dedup story counted $n_story events (original story: $n_orig, both: $n_none)"
fi
# a different story is not a near-duplicate of it
if [ "$(wc -l <"$STORIES")" -gt 1 ]; then
    sed -n 2p "$STORIES" >>"$WORK/dup.jsonl"
    "$DYAD" code --output jsonl --quiet "$WORK/dup.jsonl" >"$WORK/dup-events.jsonl" 2>/dev/null
    "$DYAD" load --db "$DUPDB" --quiet "$WORK/dup-events.jsonl"
    want=$(awk "{ $(field doc) print v }" "$WORK/dup-events.jsonl" | sort -u | wc -l)
    same "clusters with an unrelated story" "$((want - 1))" "$(info "$DUPDB" clusters)"
fi

# ------------------------------------------------------------------ killed writer
# Many copies of the events under new story ids, loaded in batches of 7 stories; the
# loader is killed with SIGKILL once some batches are in.
BIG=$WORK/big.jsonl
# (about 100,000 events, so that the loader cannot finish before the first batches are
# seen, even with only the small bundled sample and a busy machine)
copies=$((100000 / nevents + 1))
[ "$copies" -lt 40 ] && copies=40
awk -v copies="$copies" '{ line[NR] = $0 }
    END { for (k = 1; k <= copies; k++) for (i = 1; i <= NR; i++) {
              l = line[i]
              if (match(l, /"doc":"[^"]*"/))
                  l = substr(l, 1, RSTART + RLENGTH - 2) "-copy" k substr(l, RSTART + RLENGTH - 1)
              print l } }' "$EVENTS" >"$BIG"
awk "{ $(field doc) n[v]++ } END { for (d in n) print d \"\t\" n[d] }" "$BIG" | sort >"$WORK/want-per-story"
KDB=$WORK/killed.sqlite
"$DYAD" load --db "$KDB" --batch 7 --quiet "$BIG" 2>"$WORK/kill-load.err" &
LOADER_PID=$!
for _ in $(seq 1 200); do
    b=$(info "$KDB" batches 2>/dev/null)
    [ -n "$b" ] && [ "$b" -ge 2 ] && break
    sleep 0.05
done
if kill -9 "$LOADER_PID" 2>/dev/null; then
    pass
else
    fail "the loader finished before it could be killed (make the input bigger)"
fi
wait "$LOADER_PID" 2>/dev/null
LOADER_PID=
same "integrity after kill" ok "$(info "$KDB" integrity)"
stories=$(info "$KDB" stories)
batches=$(info "$KDB" batches)
if [ -n "$stories" ] && [ "$stories" -gt 0 ] && [ $((stories % 7)) -eq 0 ] &&
    [ "$stories" -eq $((batches * 7)) ]; then
    pass
else
    fail "after kill: $stories stories in $batches batches: not whole batches of 7"
fi
# every story that is there has all its events
"$DYAD" info --db "$KDB" --stories | awk -F'\t' '{ print $2 "\t" $4 }' | sort >"$WORK/got-per-story"
partial=$(join -t "$(printf '\t')" "$WORK/got-per-story" "$WORK/want-per-story" | awk -F'\t' '$2 != $3' | head -n 3)
same "stories with some events missing after kill" "" "$partial"
# a second run completes the load, without double counting
"$DYAD" load --db "$KDB" --batch 500 --quiet "$BIG" 2>"$WORK/kill-reload.err"
same "reload after kill exit status" 0 "$?"
show_sanitizer "$WORK/kill-reload.err"
same "events after kill and reload" "$(wc -l <"$BIG" | tr -d ' ')" "$(info "$KDB" events)"
"$DYAD" info --db "$KDB" --stories | awk -F'\t' '{ print $2 "\t" $4 }' | sort >"$WORK/got-per-story"
if cmp -s "$WORK/want-per-story" "$WORK/got-per-story"; then pass; else fail "per-story events after reload differ"; fi

# ------------------------------------------------------------------ errors
"$DYAD" series --db "$WORK/absent.sqlite" >/dev/null 2>"$WORK/err1"
same "series on a missing store" 2 "$?"
if [ -e "$WORK/absent.sqlite" ]; then fail "series created a store"; else pass; fi
printf '{"doc":"x","sent":1}\nnot json\n' >"$WORK/bad.jsonl"
"$DYAD" load --db "$WORK/bad.sqlite" "$WORK/bad.jsonl" 2>"$WORK/err2"
same "load with bad lines exit status" 1 "$?"
if grep -q "bad.jsonl:2:" "$WORK/err2"; then pass; else fail "no located message for a bad line: $(cat "$WORK/err2")"; fi
"$DYAD" series --db "$DB" --by year >/dev/null 2>&1
same "series --by year exit status" 2 "$?"
# size limits: an event line nested 5 deep loads by default, not under --max-nesting 4;
# a line over --max-record-bytes is rejected with its line; a bad value is a usage error
EV1=$(head -n 1 "$EVENTS")
printf '%s\n' "${EV1%\}},\"x\":[[[[1]]]]}" >"$WORK/deep.jsonl"
"$DYAD" load --db "$WORK/deep1.sqlite" --quiet "$WORK/deep.jsonl" 2>"$WORK/err3"
same "load of a line nested 5 deep, default limit" 0 "$?"
"$DYAD" load --db "$WORK/deep2.sqlite" --quiet --max-nesting 4 "$WORK/deep.jsonl" 2>"$WORK/err4"
same "load of a line nested 5 deep, --max-nesting 4" 1 "$?"
if grep -q "deep.jsonl:1: error: JSON nested deeper than the limit of 4" "$WORK/err4"; then pass
else fail "no located nesting message: $(cat "$WORK/err4")"; fi
"$DYAD" load --db "$WORK/deep3.sqlite" --quiet --max-record-bytes 20 "$WORK/deep.jsonl" 2>"$WORK/err5"
same "load with --max-record-bytes 20" 1 "$?"
if grep -q "deep.jsonl:1: error: line of .* exceeds the limit of 20 bytes" "$WORK/err5"; then pass
else fail "no located length message: $(cat "$WORK/err5")"; fi
"$DYAD" load --db "$WORK/deep4.sqlite" --max-nesting 0 "$WORK/deep.jsonl" 2>/dev/null
same "load --max-nesting 0 exit status" 2 "$?"

cat "$WORK"/*.err 2>/dev/null | show_sanitizer /dev/stdin
finish
