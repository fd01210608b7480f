#!/usr/bin/env bash
# run.sh - dyad's speed benchmark, run by `make bench` (never by `make check`).
#
# Builds a corpus of at least 50 MB of JSON Lines in BUILD/bench/ from the VOA stories and
# the GigaWord sample in ../shared/data (whole copies of the set, story ids made unique),
# then for each dictionary set (built-in, Phoenix with PETRARCH-1 verbs, Phoenix with
# PETRARCH2 verbs) measures on one CPU (taskset -c 0 when available):
#   - `dyad code` over the corpus, BENCH_RUNS times (default 5): median wall time, hence
#     sentences/s, MB/s and events/s; CPU time; peak RSS;
#   - `dyad dict`, BENCH_LOAD_RUNS times (default 7): median dictionary load time (dyad's
#     own timer, dictionaries parsed from their text files) and process wall time.
# Prints a Markdown table and appends it, with the date, CPU model, machine and commit, to
# docs/BENCHMARKS.md (BENCH_NO_APPEND=1 prints only).
#
# Usage: bash bench/run.sh [BUILD-DIR]          (default: $BUILD or "build")
# Environment: BENCH_RUNS, BENCH_LOAD_RUNS, BENCH_MIN_BYTES (default 50000000),
#              BENCH_DICTS (subset of: builtin phoenix-petr1 phoenix-petr2), BENCH_NO_APPEND.
# Exit status: 0 done (or skipped because ../shared/data is absent), 1 error.

set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

BUILD_DIR=${1:-${BUILD:-build}}
DYAD=$BUILD_DIR/dyad
SHARED=../shared/data
BENCH_OUT=$BUILD_DIR/bench
RUNS=${BENCH_RUNS:-5}
LOAD_RUNS=${BENCH_LOAD_RUNS:-7}
MIN_BYTES=${BENCH_MIN_BYTES:-50000000}
DOC=docs/BENCHMARKS.md
VOA=$SHARED/voa/voa_stories.jsonl
GIGAWORD=$SHARED/petrarch/GigaWord.sample.PETR.xml

. bench/common.sh

if [ ! -f "$VOA" ]; then
    echo "bench: SKIPPED: the benchmark corpus is made from $VOA, which is absent" \
         "(../shared/data is not next to this checkout); nothing measured."
    exit 0
fi
if [ ! -x "$DYAD" ]; then
    echo "bench: $DYAD not found; run 'make' first (or 'make bench', which builds it)" >&2
    exit 1
fi
case $BUILD_DIR in
*san*) echo "bench: warning: $BUILD_DIR looks like a sanitizer build; numbers will be meaningless" >&2 ;;
esac

# Everything measured writes its events to /dev/null: it must be the device, not a file
# (a program that renames its output into place replaces it with a regular file).
if [ ! -c /dev/null ]; then
    echo "bench: /dev/null is not a character device on this machine; fix it first" >&2
    exit 1
fi

bench_build_helpers || { echo "bench: cannot build the helpers in $BENCH_OUT" >&2; exit 1; }
MEASURE=$BENCH_OUT/measure

# Measure a private copy of the binary, so that a rebuild during the run (make in the same
# tree) cannot change what is measured half-way through.
cp -f "$DYAD" "$BENCH_OUT/dyad" || { echo "bench: cannot copy $DYAD" >&2; exit 1; }
DYAD=$BENCH_OUT/dyad

# ------------------------------------------------------------------ corpus
CORPUS=$BENCH_OUT/corpus.jsonl
inputs=("$VOA")
[ -f "$GIGAWORD" ] && inputs+=("$GIGAWORD")
corpus_note=$("$BENCH_OUT/mkcorpus" -o "$CORPUS" -m "$MIN_BYTES" "${inputs[@]}" 2>"$BENCH_OUT/mkcorpus.log") || {
    cat "$BENCH_OUT/mkcorpus.log" >&2
    echo "bench: cannot build the corpus" >&2
    exit 1
}
CORPUS_BYTES=$(stat -c %s "$CORPUS")
# Every record starts {"id":"...": the ids must be unique and the size reached.
duplicate_id=$(awk -F'"' '{ print $4 }' "$CORPUS" | sort | uniq -d | head -n 1)
if [ -n "$duplicate_id" ] || [ "$CORPUS_BYTES" -lt "$MIN_BYTES" ]; then
    echo "bench: corpus check failed (duplicate id '${duplicate_id}', $CORPUS_BYTES bytes)" >&2
    exit 1
fi
echo "bench: $corpus_note"
cat "$CORPUS" >/dev/null # into the page cache before the first timed run

# ------------------------------------------------------------------ pinning
PIN=()
pin_note="not pinned (taskset unavailable)"
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then
    PIN=(taskset -c 0)
    pin_note="pinned to CPU 0 (taskset -c 0)"
fi

LOAD_AVG=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

# ------------------------------------------------------------------ measuring
# run_measured RESULT OUT ERR CMD...: one measured run; fails unless the command exited 0.
run_measured() {
    local result=$1 out=$2 err=$3
    shift 3
    "${PIN[@]}" "$MEASURE" -r "$result" -o "$out" -e "$err" -- "$@" || return 1
    local status
    status=$(sed -n 's/.*status=\([0-9]*\).*/\1/p' "$result")
    if [ "$status" != 0 ]; then
        echo "bench: '$*' failed with status $status:" >&2
        tail -n 5 "$err" >&2
        return 1
    fi
}

field() { # field NAME RESULT-FILE
    sed -n "s/.*$1=\([^ ]*\).*/\1/p" "$2"
}

declare -A R # R[set,metric]
sets=()
while read -r set; do
    [ -n "$set" ] || continue
    bench_dict_args "$set" >/dev/null || exit 1
    mapfile -t dict_args < <(bench_dict_args "$set")
    if [ "$set" != builtin ] && [ ! -f "${dict_args[1]}" ]; then
        echo "bench: $set: ${dict_args[1]} absent; set skipped"
        continue
    fi
    sets+=("$set")
    walls=() cpus=() rss_max=0 counts=""
    for ((i = 1; i <= RUNS; i++)); do
        res=$BENCH_OUT/code.$set.$i.res
        run_measured "$res" /dev/null "$BENCH_OUT/code.$set.err" \
            "$DYAD" code "${dict_args[@]}" "$CORPUS" || exit 1
        c=$(bench_code_summary "$BENCH_OUT/code.$set.err")
        if [ -z "$c" ]; then
            echo "bench: $set: no summary line from dyad code" >&2
            exit 1
        fi
        if [ -n "$counts" ] && [ "$c" != "$counts" ]; then
            echo "bench: warning: $set: run $i counted '$c', run 1 '$counts'" >&2
        fi
        counts=$c
        w=$(field wall_s "$res")
        walls+=("$w")
        cpus+=("$(awk -v u="$(field user_s "$res")" -v s="$(field sys_s "$res")" 'BEGIN { print u + s }')")
        rss=$(field maxrss_kb "$res")
        [ "$rss" -gt "$rss_max" ] && rss_max=$rss
        printf 'bench: %-14s code run %d/%d: %.3f s\n' "$set" "$i" "$RUNS" "$w"
    done
    read -r stories sentences events rejected <<<"$counts"
    wall_med=$(printf '%s\n' "${walls[@]}" | bench_median)
    wall_min=$(printf '%s\n' "${walls[@]}" | sort -g | head -n 1)
    wall_max=$(printf '%s\n' "${walls[@]}" | sort -g | tail -n 1)
    cpu_med=$(printf '%s\n' "${cpus[@]}" | bench_median)

    loads=() dict_walls=() dict_rss_max=0
    for ((i = 1; i <= LOAD_RUNS; i++)); do
        res=$BENCH_OUT/dict.$set.$i.res
        run_measured "$res" "$BENCH_OUT/dict.$set.out" "$BENCH_OUT/dict.$set.err" \
            "$DYAD" dict "${dict_args[@]}" || exit 1
        lt=$(sed -n 's/^load time: *\([0-9.]*\) *s.*/\1/p' "$BENCH_OUT/dict.$set.out" | tail -n 1)
        [ -n "$lt" ] && loads+=("$lt")
        dict_walls+=("$(field wall_s "$res")")
        rss=$(field maxrss_kb "$res")
        [ "$rss" -gt "$dict_rss_max" ] && dict_rss_max=$rss
    done
    if [ ${#loads[@]} -gt 0 ]; then
        load_med=$(printf '%s\n' "${loads[@]}" | bench_median)
    else
        load_med=""
    fi
    dict_wall_med=$(printf '%s\n' "${dict_walls[@]}" | bench_median)
    printf 'bench: %-14s dict load: %s s (dyad dict wall %.4f s)\n' "$set" "${load_med:-?}" "$dict_wall_med"

    # the same dictionaries as a compiled image (dyad compile), loaded LOAD_RUNS times
    image=$BENCH_OUT/dict.$set.dyc
    img_loads=()
    if "$DYAD" compile "${dict_args[@]}" -o "$image" >/dev/null 2>"$BENCH_OUT/compile.$set.err"; then
        for ((i = 1; i <= LOAD_RUNS; i++)); do
            "${PIN[@]}" "$DYAD" dict --dict "$image" >"$BENCH_OUT/dictimg.$set.out" 2>/dev/null || break
            lt=$(sed -n 's/^load time: *\([0-9.]*\) *s.*/\1/p' "$BENCH_OUT/dictimg.$set.out" | tail -n 1)
            [ -n "$lt" ] && img_loads+=("$lt")
        done
    fi
    if [ ${#img_loads[@]} -gt 0 ]; then
        R[$set,imgload]=$(printf '%s\n' "${img_loads[@]}" | bench_median | awk '{ printf "%.0f ms", $1 * 1000 }')
    else
        R[$set,imgload]="? (dyad compile failed)"
    fi

    # --threads 2 against 1 (unpinned: two cores), median of 3 each, same output checked
    t1=() t2=()
    for ((i = 1; i <= 3; i++)); do
        for t in 1 2; do
            res=$BENCH_OUT/threads.$set.$t.$i.res
            "$MEASURE" -r "$res" -o "$BENCH_OUT/threads.$set.$t.out" -e /dev/null -- \
                "$DYAD" code --threads "$t" "${dict_args[@]}" "$CORPUS" || exit 1
            if [ "$t" = 1 ]; then t1+=("$(field wall_s "$res")"); else t2+=("$(field wall_s "$res")"); fi
        done
    done
    if cmp -s "$BENCH_OUT/threads.$set.1.out" "$BENCH_OUT/threads.$set.2.out"; then
        R[$set,speedup]=$(awk -v a="$(printf '%s\n' "${t1[@]}" | bench_median)" \
            -v b="$(printf '%s\n' "${t2[@]}" | bench_median)" 'BEGIN { printf "%.2fx (%.2f s -> %.2f s)", a / b, a, b }')
    else
        R[$set,speedup]="? (outputs differ)"
    fi
    printf 'bench: %-14s image load %s; --threads 2: %s\n' "$set" "${R[$set,imgload]}" "${R[$set,speedup]}"

    R[$set,stories]=$stories R[$set,sentences]=$sentences R[$set,events]=$events
    R[$set,rejected]=$rejected
    R[$set,wall]=$(awk -v m="$wall_med" -v a="$wall_min" -v b="$wall_max" 'BEGIN { printf "%.2f (%.2f–%.2f)", m, a, b }')
    R[$set,cpu]=$(awk -v c="$cpu_med" 'BEGIN { printf "%.2f", c }')
    R[$set,sps]=$(awk -v n="$sentences" -v w="$wall_med" 'BEGIN { printf "%.0f", n / w }')
    R[$set,mbs]=$(awk -v n="$CORPUS_BYTES" -v w="$wall_med" 'BEGIN { printf "%.2f", n / 1e6 / w }')
    R[$set,eps]=$(awk -v n="$events" -v w="$wall_med" 'BEGIN { printf "%.0f", n / w }')
    R[$set,rss]=$(awk -v k="$rss_max" 'BEGIN { printf "%.1f", k / 1024 }')
    R[$set,load]=$(if [ -n "$load_med" ]; then awk -v l="$load_med" 'BEGIN { printf "%.0f ms", l * 1000 }'; else echo "? (no 'load time' line)"; fi)
    R[$set,dictwall]=$(awk -v w="$dict_wall_med" 'BEGIN { printf "%.1f ms", w * 1000 }')
    R[$set,dictrss]=$(awk -v k="$dict_rss_max" 'BEGIN { printf "%.1f", k / 1024 }')
done < <(bench_dict_names)

if [ ${#sets[@]} -eq 0 ]; then
    echo "bench: no dictionary set could be measured" >&2
    exit 1
fi

# ------------------------------------------------------------------ the table
TABLE=$BENCH_OUT/results.md
{
    echo "### $(date -u '+%Y-%m-%d %H:%M UTC') — commit $(bench_commit)"
    echo
    echo "- CPU: $(bench_cpu_model); $pin_note; load average at start: $LOAD_AVG"
    echo "- Machine: $(bench_machine)"
    echo "- Corpus: ${corpus_note#corpus: } ($(awk -v b="$CORPUS_BYTES" 'BEGIN { printf "%.1f MB", b / 1e6 }'))"
    echo "- dyad code: median of $RUNS runs over the whole corpus (wall time of the whole process," \
         "dictionary load included); dyad dict: median of $LOAD_RUNS runs"
    echo
    header="| measure |"
    rule="|---|"
    for s in "${sets[@]}"; do
        header+=" $(bench_dict_label "$s") |"
        rule+="---:|"
    done
    echo "$header"
    echo "$rule"
    row() { # row LABEL KEY
        local line="| $1 |"
        for s in "${sets[@]}"; do line+=" ${R[$s,$2]} |"; done
        echo "$line"
    }
    row_text() { # row_text LABEL TEXT (same text in every column)
        local line="| $1 |"
        for s in "${sets[@]}"; do line+=" $2 |"; done
        echo "$line"
    }
    row "sentences/s, 1 thread" sps
    row "MB/s, 1 thread" mbs
    row "events/s, 1 thread" eps
    row "wall s, median (min–max)" wall
    row "CPU s (user+sys), median" cpu
    row "peak RSS, MB (dyad code)" rss
    row "dictionary load, text files (dyad's timer)" load
    row "dyad dict process wall" dictwall
    row "peak RSS, MB (dyad dict)" dictrss
    row "dictionary load, compiled image (dyad's timer)" imgload
    row "speed-up with --threads 2 over 1 (wall, median of 3)" speedup
    row "stories read" stories
    row "sentences coded" sentences
    row "events written" events
    row "records rejected" rejected
    echo
} >"$TABLE"

echo
cat "$TABLE"

if [ -n "${BENCH_NO_APPEND:-}" ]; then
    echo "bench: BENCH_NO_APPEND set: $DOC not changed"
elif [ ! -f "$DOC" ]; then
    echo "bench: $DOC is missing; results left in $TABLE" >&2
else
    cat "$TABLE" >>"$DOC" && echo "bench: results appended to $DOC"
fi
exit 0
