# lib.sh - what the shell test scripts share (sourced, not run): the dyad binary named by the
# script's argument, a scratch folder removed at exit, the pass/fail counters, a string
# comparison, and the summary line tests/run.sh reads.
#
# Usage, from the repository root:  . tests/lib.sh NAME "$@"
#   NAME names the script in messages and its scratch folder ($WORK).  The first argument is
#   a build folder or a dyad binary (default: $BUILD, else build).  When the binary is
#   missing the script ends here, with "0 passed, 0 failed" and status 2.  A script that has
#   more to clean up sets its own EXIT trap, which must remove $WORK too.

TEST_NAME=$1
shift
ARG=${1:-${BUILD:-build}}
if [ -d "$ARG" ]; then DYAD=$ARG/dyad; else DYAD=$ARG; fi
SHARED=../shared/data

passed=0
failed=0

if [ ! -x "$DYAD" ]; then
    echo "$TEST_NAME: $DYAD not built (run make first)" >&2
    echo "0 passed, 0 failed"
    exit 2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dyad-$TEST_NAME.XXXXXX") || exit 2
trap 'rm -rf "$WORK"' EXIT

pass() { passed=$((passed + 1)); }
fail() {
    failed=$((failed + 1))
    echo "FAIL: $*"
}
# same WHAT WANT GOT: the two strings are equal (long ones are cut to 300 bytes in the report)
same() {
    if [ "$2" = "$3" ]; then pass; else fail "$1: want [${2:0:300}], got [${3:0:300}]"; fi
}
# a sanitizer report in FILE must reach the caller's log (tests/run.sh looks for it)
show_sanitizer() { grep -E 'Sanitizer|runtime error:' "$1" || true; }
# the summary line, and the script's status: 0 when nothing failed
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
