#!/usr/bin/env bash
# fuzz_replay.sh - replays every seed input (fuzz/corpus/NAME/*) and every saved crasher
# (fuzz/crashers/NAME/*) through the fuzzing harnesses fuzz/NAME.c, built WITHOUT libFuzzer:
# each harness is linked with fuzz/replay_main.c and BUILD/libdyad.a (and the sources and
# libraries its " * fuzz-link: ..." comment line names) using $CC (default cc),
# with -fsanitize=address,undefined when that library was built with them (make SANITIZE=...,
# as "make fuzz-replay" does).  One check per input file: it passes when the harness returns
# without crashing, hanging or a sanitizer report.  Ends with "N passed, M failed".
#
# Usage: bash tests/fuzz_replay.sh [BUILD-DIR]     (default: $BUILD or "build")
# Exit status: 0 all passed, 1 something failed, 2 nothing could be built.

set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2

BUILD_DIR=${1:-${BUILD:-build}}
LIB=$BUILD_DIR/libdyad.a
OUT=$BUILD_DIR/fuzz-replay
CC=${CC:-cc}
PER_FILE_TIMEOUT=${DYAD_FUZZ_REPLAY_TIMEOUT:-60}
FLAGS=(-std=c11 -D_GNU_SOURCE -O1 -g -Wall -Wextra -Wshadow -Wstrict-prototypes
       -Wmissing-prototypes -Wpointer-arith -Iinclude -Ilib)
LIBS=(-lz -lzstd -llzma -lpthread -lm)

if [ ! -f "$LIB" ]; then
    echo "fuzz_replay: $LIB is not built (make lib, or make fuzz-replay)"
    echo "0 passed, 1 failed"
    exit 2
fi
# Match the library's sanitizers: a sanitized library needs the sanitizer runtimes.
if grep -q -a '__asan_report' "$LIB"; then
    FLAGS+=(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    sanitized="ASan+UBSan"
else
    sanitized="no sanitizers (build with make SANITIZE=address,undefined for a real replay)"
fi
export ASAN_OPTIONS="exitcode=86:detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="exitcode=86:print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
mkdir -p "$OUT" || exit 2
LOG=$(mktemp "${TMPDIR:-/tmp}/dyad-fuzz-replay.XXXXXX") || exit 2
trap 'rm -f "$LOG"' EXIT

echo "fuzz_replay: harnesses built with $CC against $LIB, $sanitized"
passed=0
failed=0
for src in fuzz/*.c; do
    name=$(basename "$src" .c)
    [ "$name" = replay_main ] && continue
    files=()
    for f in fuzz/corpus/"$name"/* fuzz/crashers/"$name"/*; do
        [ -f "$f" ] && files+=("$f")
    done
    bin=$OUT/$name
    # Sources and libraries beyond libdyad.a, from the harness's " * fuzz-link: ..." line.
    extra=()
    read -r -a extra < <(sed -n 's/^ \* fuzz-link: //p' "$src")
    if ! "$CC" "${FLAGS[@]}" -o "$bin" "$src" "${extra[@]}" fuzz/replay_main.c "$LIB" "${LIBS[@]}" \
            >"$LOG" 2>&1; then
        echo "FAIL  $name: does not build"
        sed 's/^/      | /' "$LOG" | tail -n 20
        failed=$((failed + ${#files[@]} + 1))
        continue
    fi
    if [ ${#files[@]} -eq 0 ]; then
        echo "SKIPPED: $name (no seed corpus fuzz/corpus/$name)"
        continue
    fi
    # All files in one process first (fast); if that fails, one process per file to name
    # the culprits.
    if timeout $((PER_FILE_TIMEOUT * ${#files[@]})) "$bin" "${files[@]}" >"$LOG" 2>&1 &&
       [ "$(grep -c '^ok ' "$LOG")" -eq ${#files[@]} ]; then
        passed=$((passed + ${#files[@]}))
        echo "ok    $name: ${#files[@]} inputs"
        continue
    fi
    bad=0
    for f in "${files[@]}"; do
        if timeout "$PER_FILE_TIMEOUT" "$bin" "$f" >"$LOG" 2>&1; then
            passed=$((passed + 1))
        else
            rc=$?
            bad=$((bad + 1))
            failed=$((failed + 1))
            echo "FAIL  $name: $f (exit $rc)"
            grep -E 'ERROR: |runtime error:|SUMMARY:|^    #[0-3] ' "$LOG" | head -n 8 | sed 's/^/      | /'
        fi
    done
    [ "$bad" -eq 0 ] && echo "ok    $name: ${#files[@]} inputs (one at a time)"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
