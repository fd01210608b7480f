# common.sh - shared by bench/run.sh and bench/callgrind.sh (sourced, not run): the
# dictionary sets measured, the machine description, and building the small C helpers
# (bench/measure.c, bench/mkcorpus.c) into BUILD/bench/.  Expects the repository root as the
# working directory and BUILD_DIR, SHARED and BENCH_OUT set by the caller.

# The dictionary sets: name, then the dyad arguments selecting it (empty = built-in).
# BENCH_DICTS (space-separated names) picks a subset; default: all of them.
bench_dict_names() {
    local all="builtin phoenix-petr1 phoenix-petr2"
    printf '%s\n' ${BENCH_DICTS:-$all}
}

# Prints the --dict argument of set $1 (nothing for the built-in one); fails if unknown.
bench_dict_args() {
    case $1 in
    builtin) ;;
    phoenix-petr1) printf '%s\n' --dict "$SHARED/phoenix/PETR1_config.ini" ;;
    phoenix-petr2) printf '%s\n' --dict "$SHARED/phoenix/PETR_config.ini" ;;
    *) echo "bench: unknown dictionary set '$1' (builtin, phoenix-petr1, phoenix-petr2)" >&2
       return 1 ;;
    esac
}

# A one-line human label for set $1.
bench_dict_label() {
    case $1 in
    builtin) echo "built-in" ;;
    phoenix-petr1) echo "Phoenix, PETRARCH-1 verbs" ;;
    phoenix-petr2) echo "Phoenix, PETRARCH2 verbs" ;;
    *) echo "$1" ;;
    esac
}

# The commit measured: the short hash, or "uncommitted (...)" when the working tree has
# changes to tracked files or new files that are not ignored.  Read-only git commands only.
bench_commit() {
    local head
    head=$(git rev-parse --short HEAD 2>/dev/null) || { echo "unknown (not a git checkout)"; return; }
    if ! git diff-index --quiet HEAD -- 2>/dev/null ||
       [ -n "$(git ls-files --others --exclude-standard 2>/dev/null | head -n 1)" ]; then
        echo "uncommitted (working tree differs from $head)"
    else
        echo "$head"
    fi
}

bench_cpu_model() {
    local m
    m=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -n 1)
    echo "${m:-unknown}"
}

# One line: kernel, architecture, CPU count, memory, compiler.
bench_machine() {
    local mem cc_version
    mem=$(awk '/^MemTotal:/ { printf "%.1f GB RAM", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
    cc_version=$(${CC:-cc} --version 2>/dev/null | head -n 1)
    echo "$(uname -sr) $(uname -m), $(nproc 2>/dev/null || echo '?') CPUs, ${mem:-? RAM}, ${cc_version:-unknown compiler}"
}

# Builds BENCH_OUT/measure and BENCH_OUT/mkcorpus (release flags, warnings on).
bench_build_helpers() {
    local cc=${CC:-cc}
    local flags="-std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith -Iinclude -Ilib"
    mkdir -p "$BENCH_OUT" || return 1
    $cc $flags bench/measure.c -o "$BENCH_OUT/measure" || return 1
    $cc $flags bench/mkcorpus.c lib/util/json.c lib/util/util.c -o "$BENCH_OUT/mkcorpus" || return 1
}

# The summary line dyad code prints on stderr, as "stories sentences events rejected".
bench_code_summary() {
    sed -n -E 's/^dyad: ([0-9]+) stories read, ([0-9]+) sentences coded, ([0-9]+) events written, ([0-9]+) records rejected.*/\1 \2 \3 \4/p' "$1" | tail -n 1
}

# Median of the numbers on standard input (one a line).
bench_median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
