#!/usr/bin/env bash
# run.sh - runs dyad's whole test suite from the repository root and sums the results:
#   1. every unit test binary BUILD/tests/test_*;
#   2. the coding cases: BUILD/dyad cases tests/cases/*.cases, tests/threads.sh
#      (dyad code --threads N gives the same output as one thread), tests/plover.sh (the
#      PLOVER fields and --ontology plover against the CAMEO table) and tests/hardening.sh
#      (planted bad records accounted for, outputs that survive signals and full disks);
#      tests/fuzz_replay.sh (every fuzzing seed and saved crasher, without libFuzzer);
#      tests/store.sh (the event store: dyad load, series and top, a killed loader) and
#      tests/serve.sh (the HTTP API: endpoints, concurrent clients, malformed requests);
#      tests/browser.sh (the dashboard through dyad serve in headless Chromium);
#   3. when ../shared/data exists, the TABARI and PETRARCH validation suites through
#      BUILD/dyad validate, each scored against tests/validation-thresholds.txt.
# Every component prints "N passed, M failed"; this script prints one line per component
# and ends with the summed "N passed, M failed".  A validation suite counts as one step
# (passed when its pass percentage reaches the threshold).  A component that crashes,
# times out, trips a sanitizer or prints no summary counts as a failure and is named.
# Components that do not exist yet are reported as SKIPPED, never as passed.
#
# Usage: bash tests/run.sh [BUILD-DIR]     (default: $BUILD or "build")
# Exit status: 0 all passed, 1 something failed or crashed, 2 nothing could be run.

set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2

BUILD_DIR=${1:-${BUILD:-build}}
DYAD=$BUILD_DIR/dyad
SHARED=../shared/data
THRESHOLDS=tests/validation-thresholds.txt
TIMEOUT_SECONDS=${DYAD_TEST_TIMEOUT:-900}

# Sanitizer reports get their own exit status so they are never mistaken for an ordinary
# "some checks failed" (1).  The caller's own options come last and win.
export ASAN_OPTIONS="exitcode=86:detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="exitcode=86:print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

LOG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/dyad-tests.XXXXXX") || exit 2
trap 'rm -rf "$LOG_DIR"' EXIT

total_passed=0
total_failed=0
components_run=0
components_skipped=0
crashed=()

# run_logged NAME CMD... : run CMD with a time limit, output (stdout+stderr) to a log.
# Sets RUN_RC and RUN_LOG.
run_logged() {
    local name=$1
    shift
    RUN_LOG=$LOG_DIR/$(printf '%s' "$name" | tr -c 'A-Za-z0-9_.-' '_').log
    # (in a subshell whose stderr is discarded: bash's own "Segmentation fault" notice
    # would otherwise clutter the report; the crash is reported below anyway)
    (
        if command -v timeout >/dev/null 2>&1; then
            timeout "$TIMEOUT_SECONDS" "$@" >"$RUN_LOG" 2>&1
        else
            "$@" >"$RUN_LOG" 2>&1
        fi
        exit $?
    ) 2>/dev/null
    RUN_RC=$?
}

# The last "N passed, M failed" line of a log, as "N M"; empty if there is none.
summary_of() {
    sed -n -E 's/^([0-9]+) passed, ([0-9]+) failed.*$/\1 \2/p' "$1" | tail -n 1
}

sanitizer_reported() {
    grep -q -E 'ERROR: (Address|Leak|Memory|Thread|UndefinedBehavior)Sanitizer|runtime error:' "$1"
}

# Does the log say the subcommand is not there (yet)?
unknown_subcommand() {
    grep -q -i -E "unknown (sub)?command|unrecognized (sub)?command|invalid (sub)?command|not (yet )?implemented" "$1"
}

# Why a run counts as a crash, or nothing if it does not.  $1 rc, $2 log, $3 summary.
# Exit status 1 is the normal "something failed" status, but only with a summary line.
crash_reason() {
    local rc=$1 log=$2 summary=$3
    if [ "$rc" -eq 124 ] && command -v timeout >/dev/null 2>&1; then
        echo "timed out after ${TIMEOUT_SECONDS}s"
    elif [ "$rc" -gt 128 ]; then
        echo "killed by signal $(kill -l $((rc - 128)) 2>/dev/null || echo $((rc - 128))) (exit $rc)"
    elif [ "$rc" -eq 86 ] || sanitizer_reported "$log"; then
        echo "sanitizer report (exit $rc)"
    elif [ -z "$summary" ]; then
        echo "no \"N passed, M failed\" line (exit $rc)"
    elif [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
        echo "unexpected exit status $rc"
    fi
}

show_log() {
    echo "      --- last lines of output ---"
    tail -n 40 "$1" | sed 's/^/      | /'
}

skip() {
    echo "SKIPPED: $*"
    components_skipped=$((components_skipped + 1))
}

record_crash() {
    local name=$1 why=$2
    crashed+=("$name")
    total_failed=$((total_failed + 1))
    echo "CRASH $name: $why"
}

# Score a component that prints "N passed, M failed" per check.
score_counts() {
    local name=$1 rc=$2 log=$3
    local summary why passed=0 failed=0
    summary=$(summary_of "$log")
    components_run=$((components_run + 1))
    if [ -n "$summary" ]; then
        read -r passed failed <<<"$summary"
        total_passed=$((total_passed + passed))
        total_failed=$((total_failed + failed))
    fi
    why=$(crash_reason "$rc" "$log" "$summary")
    if [ -n "$why" ]; then
        record_crash "$name" "$why${summary:+ [after $passed passed, $failed failed]}"
        show_log "$log"
    elif [ "$failed" -gt 0 ] || [ "$rc" -ne 0 ]; then
        echo "FAIL  $name: $passed passed, $failed failed"
        show_log "$log"
    else
        echo "ok    $name: $passed passed, $failed failed"
    fi
}

threshold_for() {
    local t=""
    if [ -f "$THRESHOLDS" ]; then
        t=$(awk -v n="$1" '$1 == n && $2 != "" { print $2; exit }' "$THRESHOLDS")
    fi
    echo "${t:-0}"
}

# ------------------------------------------------------------------ 1. unit tests
unit_tests=()
for t in "$BUILD_DIR"/tests/test_*; do
    [ -f "$t" ] && [ -x "$t" ] && unit_tests+=("$t")
done
if [ ${#unit_tests[@]} -eq 0 ]; then
    skip "unit tests (no $BUILD_DIR/tests/test_* built)"
fi
for t in "${unit_tests[@]}"; do
    name="unit $(basename "$t")"
    run_logged "$name" "$t"
    score_counts "$name" "$RUN_RC" "$RUN_LOG"
done

# ------------------------------------------------------------------ 2. coding cases
case_files=()
for f in tests/cases/*.cases; do
    [ -f "$f" ] && case_files+=("$f")
done
if [ ${#case_files[@]} -eq 0 ]; then
    skip "cases (no tests/cases/*.cases)"
elif [ ! -x "$DYAD" ]; then
    skip "cases ($DYAD not built)"
else
    run_logged cases "$DYAD" cases "${case_files[@]}"
    if [ "$RUN_RC" -eq 2 ] && [ -z "$(summary_of "$RUN_LOG")" ] && unknown_subcommand "$RUN_LOG"; then
        skip "cases ($DYAD has no 'cases' subcommand yet)"
    else
        score_counts "cases (${#case_files[@]} files)" "$RUN_RC" "$RUN_LOG"
    fi
fi

# ------------------------------------------------------------------ 2b. --threads
# dyad code --threads N must write exactly what --threads 1 writes (tests/threads.sh).
if [ ! -f tests/threads.sh ]; then
    skip "threads (no tests/threads.sh)"
elif [ ! -x "$DYAD" ]; then
    skip "threads ($DYAD not built)"
else
    run_logged threads bash tests/threads.sh "$DYAD"
    score_counts threads "$RUN_RC" "$RUN_LOG"
fi

# ------------------------------------------------------------------ 2b. PLOVER
# JSON Lines plover fields and --ontology plover against the CAMEO table (tests/plover.sh).
if [ ! -f tests/plover.sh ]; then
    skip "plover (no tests/plover.sh)"
elif [ ! -x "$DYAD" ]; then
    skip "plover ($DYAD not built)"
else
    run_logged plover bash tests/plover.sh "$DYAD"
    score_counts plover "$RUN_RC" "$RUN_LOG"
fi

# ------------------------------------------------------------------ 2c. bad input, interruption
# Planted garbage is accounted for and reported; -o survives signals and full disks
# (tests/hardening.sh).
if [ ! -f tests/hardening.sh ]; then
    skip "hardening (no tests/hardening.sh)"
elif [ ! -x "$DYAD" ]; then
    skip "hardening ($DYAD not built)"
else
    run_logged hardening bash tests/hardening.sh "$DYAD"
    score_counts hardening "$RUN_RC" "$RUN_LOG"
fi

# ------------------------------------------------------------------ 2c. fuzz replay
# Every fuzzing seed and saved crasher through the harnesses, built with $CC (no libFuzzer)
# against BUILD/libdyad.a (tests/fuzz_replay.sh; sanitized when BUILD is).
if [ ! -f tests/fuzz_replay.sh ]; then
    skip "fuzz replay (no tests/fuzz_replay.sh)"
elif [ ! -f "$BUILD_DIR/libdyad.a" ]; then
    skip "fuzz replay ($BUILD_DIR/libdyad.a not built)"
else
    run_logged "fuzz replay" bash tests/fuzz_replay.sh "$BUILD_DIR"
    score_counts "fuzz replay" "$RUN_RC" "$RUN_LOG"
fi

# ------------------------------------------------------------------ 2c. event store
# dyad load / series / top against the events counted directly (tests/store.sh).
if [ ! -f tests/store.sh ]; then
    skip "store (no tests/store.sh)"
elif [ ! -x "$DYAD" ]; then
    skip "store ($DYAD not built)"
else
    run_logged store bash tests/store.sh "$DYAD"
    score_counts store "$RUN_RC" "$RUN_LOG"
fi

# ------------------------------------------------------------------ 2d. dashboard in a browser
# The dashboard through `dyad serve` in headless Chromium (tests/browser.sh); skipped, with
# its reason, when node, web/node_modules (make web), chromium or the dashboard is missing.
if [ ! -f tests/browser.sh ]; then
    skip "browser (no tests/browser.sh)"
else
    run_logged browser bash tests/browser.sh "$BUILD_DIR"
    if [ "$RUN_RC" -eq 77 ]; then
        skip "browser ($(sed -n 's/^SKIPPED: //p' "$RUN_LOG" | head -n 1))"
    else
        score_counts browser "$RUN_RC" "$RUN_LOG"
    fi
fi

# ------------------------------------------------------------------ 2c. HTTP API
# dyad serve over a store of the VOA stories: every endpoint against the CLI, 8 concurrent
# clients, malformed requests, graceful SIGTERM (tests/serve.sh; needs curl).
if [ ! -f tests/serve.sh ]; then
    skip "serve (no tests/serve.sh)"
elif [ ! -x "$DYAD" ]; then
    skip "serve ($DYAD not built)"
else
    run_logged serve bash tests/serve.sh "$DYAD"
    score_counts serve "$RUN_RC" "$RUN_LOG"
fi

# ------------------------------------------------------------------ 3. validation suites
validate_suite() {
    local name=$1 file=$2
    local summary why passed=0 failed=0 pct threshold
    if [ ! -d "$SHARED" ]; then
        skip "validate $name (../shared absent)"
        return
    fi
    if [ ! -f "$file" ]; then
        skip "validate $name ($file absent)"
        return
    fi
    if [ ! -x "$DYAD" ]; then
        skip "validate $name ($DYAD not built)"
        return
    fi
    run_logged "validate $name" "$DYAD" validate "$file"
    summary=$(summary_of "$RUN_LOG")
    if [ "$RUN_RC" -eq 2 ] && [ -z "$summary" ] && unknown_subcommand "$RUN_LOG"; then
        skip "validate $name ($DYAD has no 'validate' subcommand yet)"
        return
    fi
    components_run=$((components_run + 1))
    why=$(crash_reason "$RUN_RC" "$RUN_LOG" "$summary")
    if [ -n "$why" ]; then
        record_crash "validate $name" "$why"
        show_log "$RUN_LOG"
        return
    fi
    read -r passed failed <<<"$summary"
    threshold=$(threshold_for "$name")
    pct=$(awk -v p="$passed" -v f="$failed" 'BEGIN { printf "%.1f", (p + f) ? 100 * p / (p + f) : 0 }')
    if awk -v p="$pct" -v t="$threshold" 'BEGIN { exit !(p + 0 >= t + 0) }'; then
        total_passed=$((total_passed + 1))
        echo "ok    validate $name: $passed passed, $failed failed ($pct% >= threshold $threshold%)"
    else
        total_failed=$((total_failed + 1))
        echo "FAIL  validate $name: $passed passed, $failed failed ($pct% < threshold $threshold%)"
    fi
}

validate_suite tabari "$SHARED/tabari/Validate.project"
validate_suite petrarch-2015 "$SHARED/petrarch/suite-2015/PETR.UnitTest.records.xml"

# ------------------------------------------------------------------ total
if [ ${#crashed[@]} -gt 0 ]; then
    crashed_list=$(printf '%s, ' "${crashed[@]}")
    echo "crashed: ${crashed_list%, }"
fi
if [ "$components_run" -eq 0 ]; then
    echo "nothing to run: build first (make check)"
    echo "0 passed, 0 failed"
    exit 2
fi
[ "$components_skipped" -gt 0 ] && echo "($components_skipped components skipped)"
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
