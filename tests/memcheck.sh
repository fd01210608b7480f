#!/usr/bin/env bash
# memcheck.sh - runs dyad under valgrind (memcheck) over the real corpora, validation suites
# and dictionaries in ../shared/data, and over dyad's own engine cases.  Each run is one
# check: it passes when valgrind reports no error and no leak and dyad exits normally
# (0, or 1 for "some events/records did not match", which is not a memory problem).
# Ends with "N passed, M failed".  Slow (minutes); not part of `make check`.
#
# Usage: bash tests/memcheck.sh [BUILD-DIR]     (default: $BUILD or "build"; run `make` first)
# Exit status: 0 all passed (or everything skipped), 1 a check failed, 2 usage/build problem.

set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2

BUILD_DIR=${1:-${BUILD:-build}}
VALGRIND_ERROR=99
TIMEOUT_SECONDS=${DYAD_MEMCHECK_TIMEOUT:-1800}

if ! command -v valgrind >/dev/null 2>&1; then
    echo "SKIPPED: valgrind is not installed"
    echo "0 passed, 0 failed"
    exit 0
fi
# DYAD, SHARED, the counters and the scratch folder $WORK (tests/lib.sh)
. tests/lib.sh memcheck "$BUILD_DIR"
skipped=0

# memcheck NAME CMD... : run CMD under valgrind; pass unless valgrind found something or
# dyad crashed / exited with a status other than 0 or 1.
memcheck() {
    local name=$1
    shift
    local log=$WORK/$(printf '%s' "$name" | tr -c 'A-Za-z0-9_.-' '_')
    local rc
    local runner=()
    command -v timeout >/dev/null 2>&1 && runner=(timeout "$TIMEOUT_SECONDS")
    "${runner[@]}" valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
        --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=$VALGRIND_ERROR \
        --log-file="$log.vg" "$@" >"$log.out" 2>"$log.err"
    rc=$?
    if { [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]; } && [ ! -s "$log.vg" ]; then
        passed=$((passed + 1))
        echo "ok    $name"
        return
    fi
    failed=$((failed + 1))
    case $rc in
        "$VALGRIND_ERROR") echo "FAIL  $name: valgrind reported errors" ;;
        124) echo "FAIL  $name: timed out after ${TIMEOUT_SECONDS}s" ;;
        *) echo "FAIL  $name: exit status $rc" ;;
    esac
    if [ -s "$log.vg" ]; then
        sed -n '1,60p' "$log.vg" | sed 's/^/      | /'
    else
        tail -n 20 "$log.err" | sed 's/^/      | /'
    fi
}

skip() {
    echo "SKIPPED: $*"
    skipped=$((skipped + 1))
}

# ---------------------------------------------------------------- our own material
if [ -f tests/cases/engine.cases ]; then
    memcheck "cases engine" "$DYAD" cases -q tests/cases/engine.cases
fi
if [ -f tests/cases/builtin.cases ]; then
    memcheck "cases builtin" "$DYAD" cases -q tests/cases/builtin.cases
fi
memcheck "dict builtin" "$DYAD" dict
for t in "$BUILD_DIR"/tests/test_coder; do
    [ -x "$t" ] && memcheck "unit $(basename "$t")" "$t"
done

# ---------------------------------------------------------------- the shared corpora
if [ ! -d "$SHARED" ]; then
    skip "$SHARED is absent: corpora, validation suites and real dictionaries not checked"
else
    want() { # want FILE: true if it exists, else a skip line
        [ -e "$1" ] && return 0
        skip "$1 is absent"
        return 1
    }
    voa=$SHARED/voa/voa_stories.jsonl
    giga=$SHARED/petrarch/GigaWord.sample.PETR.xml
    p1=$SHARED/phoenix/PETR1_config.ini
    p2=$SHARED/phoenix/PETR_config.ini
    for corpus in "$voa" "$giga"; do
        want "$corpus" || continue
        memcheck "code $(basename "$corpus") (built-in)" "$DYAD" code -o /dev/null "$corpus"
        for cfg in "$p1" "$p2"; do
            want "$cfg" &&
                memcheck "code $(basename "$corpus") ($(basename "$cfg"))" \
                    "$DYAD" code --dict "$cfg" -o /dev/null "$corpus"
        done
    done

    for suite in "$SHARED/tabari/Validate.project" \
                 "$SHARED/petrarch/suite-2015/PETR.UnitTest.records.xml" \
                 "$SHARED/petrarch/PETR.UnitTest.records.xml"; do
        want "$suite" && memcheck "validate ${suite#"$SHARED"/}" "$DYAD" validate "$suite"
    done
    gsr=$SHARED/petrarch/PETR2_GSR_validation.xml
    want "$gsr" && want "$p1" &&
        memcheck "validate ${gsr#"$SHARED"/} (PETR1_config.ini)" "$DYAD" validate --dict "$p1" "$gsr"

    # every real dictionary file, and the configs that name them
    for f in "$SHARED"/tabari/*.actors "$SHARED"/tabari/*.agents "$SHARED"/tabari/*.verbs \
             "$SHARED"/tabari/*.options "$SHARED"/tabari/*.project \
             "$SHARED"/phoenix/Phoenix.*.actors.txt "$SHARED"/phoenix/Phoenix.agents.txt \
             "$SHARED"/phoenix/Phoenix.discards.txt "$SHARED"/phoenix/Phoenix.IssueCoding.txt \
             "$SHARED"/phoenix/CAMEO.*.txt "$SHARED"/phoenix/*.ini \
             "$SHARED"/petrarch/PETR.Validate.*.txt "$SHARED"/petrarch/suite-2015/PETR.Validate.*.txt; do
        [ -f "$f" ] || continue
        memcheck "dict ${f#"$SHARED"/}" "$DYAD" dict --dict "$f"
    done
fi

[ "$skipped" -gt 0 ] && echo "($skipped skipped)"
finish
