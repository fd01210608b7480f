#!/usr/bin/env bash
# plover.sh - checks the PLOVER side of `dyad code` and `dyad explain` against the CAMEO
# table (data/cameo/cameo.tsv): every JSON Lines event carries the plover, plover_mode and
# plover_context of its CAMEO code; `--ontology plover` writes exactly the CAMEO run's
# events that have a PLOVER type, with the type and mode in place of the code, leaves the
# others out and counts them in the summary line; `--ontology cameo` is the default; the
# threaded pipeline agrees; explain shows the type and the events left out.  Inputs: a few
# stories written here, the sample stories, and the VOA stories when ../shared/data exists.
# Ends with "N passed, M failed".
#
# Usage: bash tests/plover.sh [BUILD-DIR or path of a dyad binary]   (default: build)
# Exit status: 0 all passed, 1 a check failed, 2 the binary is missing.

set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2

. tests/lib.sh plover "$@"
TABLE=data/cameo/cameo.tsv

# run NAME ARGS... : dyad ARGS..., keeping stdout, stderr and exit status under NAME.
run() {
    local name=$1
    shift
    "$DYAD" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
    echo $? >"$WORK/$name.rc"
    show_sanitizer "$WORK/$name.err"
}
summary() { grep '^dyad: .* stories read' "$WORK/$1.err"; }

# ------------------------------------------------------------------ stories written here
# One sentence each: a statement (010, no PLOVER type), an accusation of war crimes (1124:
# ACCUSE, allege, two contexts), an appeal for aid (023, no PLOVER type), a meeting (040).
STORIES=$WORK/stories.jsonl
cat >"$STORIES" <<'EOF'
{"id":"said","date":"2024-01-01","text":"Iran said Iraq was a friend."}
{"id":"accused","date":"2024-01-02","text":"Iraq accused Iran of war crimes."}
{"id":"appealed","date":"2024-01-03","text":"Iran appealed to Iraq for aid."}
{"id":"met","date":"2024-01-04","text":"The Iranian foreign minister met the Iraqi prime minister in Baghdad."}
EOF

run cameo code --output tsv "$STORIES"
# precondition: the built-in dictionaries code these sentences as the comments above say
same "CAMEO codes of the stories written here" "said 010|accused 1124|appealed 023|met 040|" \
    "$(awk -F'\t' '{ printf "%s %s|", $5, $4 }' "$WORK/cameo.out")"

run plover code --ontology plover "$STORIES"
same "plover TSV of the stories written here" \
    "$(printf '2024-01-02\tIRQ\tIRN\tACCUSE\tallege\taccused\t1\n2024-01-04\tIRNGOV\tIRQGOV\tCONSULT\t\tmet\t1')" \
    "$(cat "$WORK/plover.out")"
same "plover summary line" \
    "dyad: 4 stories read, 4 sentences coded, 2 events written, 2 without a PLOVER type left out, 0 records rejected" \
    "$(summary plover)"
same "plover exit status" 0 "$(cat "$WORK/plover.rc")"
# the summary line of the default ontology says nothing about PLOVER
if grep -q PLOVER "$WORK/cameo.err"; then fail "cameo summary mentions PLOVER"; else pass; fi

run json code --output jsonl "$STORIES"
same "JSON of 1124" '"code":"1124","root":11,"quad":3,"goldstein":-2.0,"plover":"ACCUSE","plover_mode":"allege","plover_context":["military","legal"],' \
    "$(grep '"doc":"accused"' "$WORK/json.out" | grep -o '"code":.*"plover_context":[^]]*\],')"
same "JSON of 010 (no PLOVER type)" '"plover":"","plover_mode":"","plover_context":[]' \
    "$(grep '"doc":"said"' "$WORK/json.out" | grep -o '"plover":.*"plover_context":[^]]*\]')"

# ------------------------------------------------------------------ explain
run explain explain --ontology plover --date 2024-01-02 "Iraq accused Iran of war crimes."
if grep -q "$(printf '^  2024-01-02\tIRQ\tIRN\tACCUSE\tallege\texplain\t1$')" "$WORK/explain.out"; then
    pass
else
    fail "explain --ontology plover: no ACCUSE/allege event line"
fi
run explain010 explain --ontology plover --date 2024-01-01 "Iran said Iraq was a friend."
if grep -q '^  (left out: CAMEO code 010 has no PLOVER type)$' "$WORK/explain010.out"; then
    pass
else
    fail "explain --ontology plover: the 010 event is not shown as left out"
fi

# ------------------------------------------------------------------ bad ontology
run bad code --ontology weis "$STORIES"
same "unknown ontology: exit status" 2 "$(cat "$WORK/bad.rc")"
if grep -q "unknown ontology 'weis'" "$WORK/bad.err" && [ ! -s "$WORK/bad.out" ]; then
    pass
else
    fail "unknown ontology: no message, or output written"
fi

# ------------------------------------------------------------------ against the table
# check_corpus NAME FILE : on every event of FILE, the JSON Lines plover fields are the
# table's for the event's code; the plover TSV is the CAMEO TSV mapped through the table
# (events without a type dropped); the left-out count is the number of those; the JSON
# Lines of --ontology plover are the default's minus those events; --ontology cameo is the
# default; --threads 2 agrees with one thread.
check_corpus() {
    local name=$1 file=$2
    run "$name.tsv" code "$file"
    run "$name.cameo" code --ontology cameo "$file"
    run "$name.json" code --output jsonl "$file"
    run "$name.plover" code --ontology plover "$file"
    run "$name.plover.json" code --ontology plover --output jsonl "$file"
    run "$name.plover.t2" code --ontology plover --threads 2 "$file"
    local n
    n=$(wc -l <"$WORK/$name.tsv.out")
    if [ "$n" -ge 4 ]; then pass; else fail "$name: only $n events (the checks mean little)"; fi

    if cmp -s "$WORK/$name.tsv.out" "$WORK/$name.cameo.out" &&
        cmp -s "$WORK/$name.tsv.err" "$WORK/$name.cameo.err"; then
        pass
    else
        fail "$name: --ontology cameo differs from the default"
    fi

    # JSON fields against the table: code -> type, mode, context (array joined by ';')
    awk -F'\t' -v out="$WORK/$name.mismatch" '
        FNR == NR { if ($1 != "code") { t[$1] = $5; m[$1] = $6; c[$1] = $7 }; next }
        {
            code = ""; ty = "?"; mo = "?"; cx = "?"
            if (match($0, /"code":"[^"]*"/)) code = substr($0, RSTART + 8, RLENGTH - 9)
            if (match($0, /,"plover":"[^"]*"/)) ty = substr($0, RSTART + 11, RLENGTH - 12)
            if (match($0, /,"plover_mode":"[^"]*"/)) mo = substr($0, RSTART + 16, RLENGTH - 17)
            if (match($0, /,"plover_context":\[[^]]*\]/)) {
                cx = substr($0, RSTART + 19, RLENGTH - 20)
                gsub(/"/, "", cx); gsub(/,/, ";", cx)
            }
            if (!(code in t) || ty != t[code] || mo != m[code] || cx != c[code])
                print FNR ": " code " " ty " " mo " " cx >out
            n++
        }
        END { print n + 0 }' "$TABLE" "$WORK/$name.json.out" >"$WORK/$name.checked"
    same "$name: JSON events checked" "$n" "$(cat "$WORK/$name.checked")"
    if [ ! -s "$WORK/$name.mismatch" ]; then
        pass
    else
        fail "$name: JSON plover fields differ from the table: $(head -n 3 "$WORK/$name.mismatch" | tr '\n' ' ')"
    fi

    # the plover TSV, derived from the CAMEO TSV and the table
    awk -F'\t' -v OFS='\t' '
        FNR == NR { if ($1 != "code") { t[$1] = $5; m[$1] = $6 }; next }
        t[$4] != "" { print $1, $2, $3, t[$4], m[$4], $5, $6 }' \
        "$TABLE" "$WORK/$name.tsv.out" >"$WORK/$name.want"
    if cmp -s "$WORK/$name.want" "$WORK/$name.plover.out"; then
        pass
    else
        fail "$name: --ontology plover TSV is not the CAMEO TSV mapped through the table"
        diff "$WORK/$name.want" "$WORK/$name.plover.out" | head -n 6 | sed 's/^/      /'
    fi
    local kept left
    kept=$(wc -l <"$WORK/$name.want")
    left=$((n - kept))
    if [ "$left" -gt 0 ] && [ "$kept" -gt 0 ]; then pass; else fail "$name: $kept kept, $left left out: both should be > 0"; fi
    same "$name: plover summary line" \
        "$(summary "$name.tsv" | sed "s/ $n events written, / $kept events written, $left without a PLOVER type left out, /")" \
        "$(summary "$name.plover")"
    same "$name: exit status" "$(cat "$WORK/$name.tsv.rc")" "$(cat "$WORK/$name.plover.rc")"

    # JSON Lines under plover: the default's lines whose plover type is not empty
    grep -v '"plover":""' "$WORK/$name.json.out" >"$WORK/$name.json.kept"
    if cmp -s "$WORK/$name.json.kept" "$WORK/$name.plover.json.out"; then
        pass
    else
        fail "$name: --ontology plover JSON Lines are not the default's minus the untyped events"
    fi

    if cmp -s "$WORK/$name.plover.out" "$WORK/$name.plover.t2.out" &&
        [ "$(summary "$name.plover")" = "$(summary "$name.plover.t2")" ]; then
        pass
    else
        fail "$name: --ontology plover --threads 2 differs from one thread"
    fi
}

check_corpus written "$STORIES"
check_corpus sample data/sample/sample.jsonl
if [ -f "$SHARED/voa/voa_stories.jsonl" ]; then
    check_corpus voa "$SHARED/voa/voa_stories.jsonl"
else
    echo "SKIPPED: ../shared/data absent: not checking the VOA stories"
fi

# ------------------------------------------------------------------ every code has a verb
# Issue 3 asks for verbs or patterns for every CAMEO code: each code of the table but the 20
# two-digit roots appears as a verb's or a pattern's [code] in data/builtin/verbs.txt.
VERBS=data/builtin/verbs.txt
nocode=$(awk -F'\t' 'length($1) > 2 && $1 ~ /^[0-9]+$/ { print $1 }' "$TABLE" | while read -r code; do
    grep -q "\[$code[]:?!]" "$VERBS" || printf '%s ' "$code"
done)
same "CAMEO codes with no verb or pattern in $VERBS" "" "$nocode"

finish
