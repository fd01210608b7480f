#!/usr/bin/env bash
# callgrind.sh - instruction counts for dyad, stable on a noisy machine: runs
# `valgrind --tool=callgrind` on a small fixed slice (the raw VOA file, ~2,750 sentences)
# for each dictionary set, and reports
#   - Ir (instructions executed) of `dyad code` on the slice, and per sentence coded;
#   - Ir of `dyad dict` alone (start-up + dictionary load), and the coding-only Ir per
#     sentence (code minus dict, divided by sentences);
#   - the top functions by inclusive and by self cost (callgrind_annotate).
# Output is Markdown on stdout; with --append it is also appended to docs/BENCHMARKS.md.
# The callgrind.out files stay in BUILD/bench/ for callgrind_annotate or kcachegrind.
#
# Usage: bash bench/callgrind.sh [--append] [--top N] [BUILD-DIR]   (default: $BUILD or "build")
# Environment: BENCH_DICTS (subset of: builtin phoenix-petr1 phoenix-petr2).
# Exit status: 0 done (or skipped: no ../shared/data or no valgrind), 1 error.

set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

APPEND=""
TOP=15
BUILD_DIR=${BUILD:-build}
while [ $# -gt 0 ]; do
    case $1 in
    --append) APPEND=1 ;;
    --top) TOP=${2:?--top needs a number}; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) BUILD_DIR=$1 ;;
    esac
    shift
done

DYAD=$BUILD_DIR/dyad
SHARED=../shared/data
BENCH_OUT=$BUILD_DIR/bench
SLICE=$SHARED/voa/voa_stories.jsonl
DOC=docs/BENCHMARKS.md

. bench/common.sh

if [ ! -f "$SLICE" ]; then
    echo "callgrind: SKIPPED: the slice $SLICE is absent (../shared/data is not next to this checkout)"
    exit 0
fi
for tool in valgrind callgrind_annotate; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "callgrind: SKIPPED: $tool is not installed (Debian package valgrind)"
        exit 0
    fi
done
if [ ! -x "$DYAD" ]; then
    echo "callgrind: $DYAD not found; run 'make' first" >&2
    exit 1
fi
mkdir -p "$BENCH_OUT" || exit 1

# Total Ir recorded in a callgrind.out file.
ir_total() {
    sed -n -E 's/^(summary|totals): *([0-9]+).*/\2/p' "$1" | head -n 1
}

# The top N lines of callgrind_annotate (inclusive when $3 is "yes"), with the functions of
# the program named by repository-relative file:function and machine paths removed.
top_functions() {
    local file=$1 n=$2 inclusive=$3 root
    root=$(pwd -P)
    # (a function can be listed twice, under its absolute and its relative file name:
    # after the paths are made relative, the first, larger, line is kept)
    callgrind_annotate --auto=no --inclusive="$inclusive" "$file" 2>/dev/null |
        awk '/^-+$/ { dashes++; next } dashes >= 4 && NF' |
        grep -v -E 'PROGRAM TOTALS|\?\?\?:|\(below main\)|libc_start|file:function' |
        sed -E -e 's/ \[[^]]*\]$//' -e "s|$root/||g" -e 's|^( *[0-9,]+ \( *[0-9.]+%\)) +|\1  |' |
        awk '!seen[$NF]++' |
        head -n "$n"
}

REPORT=$BENCH_OUT/callgrind.md
declare -A R
sets=()
while read -r set; do
    [ -n "$set" ] || continue
    bench_dict_args "$set" >/dev/null || exit 1
    mapfile -t dict_args < <(bench_dict_args "$set")
    if [ "$set" != builtin ] && [ ! -f "${dict_args[1]}" ]; then
        echo "callgrind: $set: ${dict_args[1]} absent; set skipped" >&2
        continue
    fi
    code_out=$BENCH_OUT/callgrind.$set.code.out
    dict_out=$BENCH_OUT/callgrind.$set.dict.out
    echo "callgrind: $set: dyad code on the slice..." >&2
    if ! valgrind --tool=callgrind --callgrind-out-file="$code_out" \
            "$DYAD" code "${dict_args[@]}" "$SLICE" >/dev/null 2>"$BENCH_OUT/callgrind.$set.code.err"; then
        tail -n 5 "$BENCH_OUT/callgrind.$set.code.err" >&2
        echo "callgrind: $set: dyad code failed under valgrind" >&2
        exit 1
    fi
    echo "callgrind: $set: dyad dict..." >&2
    if ! valgrind --tool=callgrind --callgrind-out-file="$dict_out" \
            "$DYAD" dict "${dict_args[@]}" >/dev/null 2>"$BENCH_OUT/callgrind.$set.dict.err"; then
        tail -n 5 "$BENCH_OUT/callgrind.$set.dict.err" >&2
        echo "callgrind: $set: dyad dict failed under valgrind" >&2
        exit 1
    fi
    counts=$(bench_code_summary "$BENCH_OUT/callgrind.$set.code.err")
    read -r stories sentences events rejected <<<"$counts"
    code_ir=$(ir_total "$code_out")
    dict_ir=$(ir_total "$dict_out")
    if [ -z "${sentences:-}" ] || [ "${sentences:-0}" -eq 0 ] || [ -z "$code_ir" ] || [ -z "$dict_ir" ]; then
        echo "callgrind: $set: could not read the sentence count or the Ir totals" >&2
        exit 1
    fi
    sets+=("$set")
    R[$set,stories]=$stories R[$set,sentences]=$sentences R[$set,events]=$events
    R[$set,code_ir]=$code_ir R[$set,dict_ir]=$dict_ir
    R[$set,per_sentence]=$(awk -v i="$code_ir" -v n="$sentences" 'BEGIN { printf "%.0f", i / n }')
    R[$set,coding_per_sentence]=$(awk -v i="$code_ir" -v d="$dict_ir" -v n="$sentences" 'BEGIN { printf "%.0f", (i - d) / n }')
done < <(bench_dict_names)

if [ ${#sets[@]} -eq 0 ]; then
    echo "callgrind: no dictionary set could be profiled" >&2
    exit 1
fi

{
    echo "### callgrind $(date -u '+%Y-%m-%d %H:%M UTC') — commit $(bench_commit)"
    echo
    echo "- Slice: \`../shared/data/voa/voa_stories.jsonl\` as it is;" \
         "$(valgrind --version 2>/dev/null); $(bench_machine)"
    echo "- Ir = instructions executed (whole process); \"coding only\" subtracts the Ir of" \
         "\`dyad dict\` with the same dictionaries (start-up and load)"
    echo
    echo "| dictionaries | stories | sentences | events | Ir, dyad code | Ir, dyad dict | Ir/sentence | Ir/sentence, coding only |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    for s in "${sets[@]}"; do
        echo "| $(bench_dict_label "$s") | ${R[$s,stories]} | ${R[$s,sentences]} | ${R[$s,events]} |" \
             "${R[$s,code_ir]} | ${R[$s,dict_ir]} | ${R[$s,per_sentence]} | ${R[$s,coding_per_sentence]} |"
    done
    echo
    for s in "${sets[@]}"; do
        echo "#### $(bench_dict_label "$s"): top $TOP functions of \`dyad code\`, inclusive Ir"
        echo
        echo '```'
        top_functions "$BENCH_OUT/callgrind.$s.code.out" "$TOP" yes
        echo '```'
        echo
        echo "#### $(bench_dict_label "$s"): top $TOP functions of \`dyad code\`, self Ir"
        echo
        echo '```'
        top_functions "$BENCH_OUT/callgrind.$s.code.out" "$TOP" no
        echo '```'
        echo
    done
} >"$REPORT"

cat "$REPORT"
if [ -n "$APPEND" ]; then
    if [ -f "$DOC" ]; then
        cat "$REPORT" >>"$DOC" && echo "callgrind: results appended to $DOC" >&2
    else
        echo "callgrind: $DOC is missing; results left in $REPORT" >&2
    fi
fi
exit 0
