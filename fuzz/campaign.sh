#!/usr/bin/env bash
# campaign.sh - a long fuzzing campaign: runs the built libFuzzer harnesses
# (build-fuzz/fuzz/NAME, from `make fuzz-build`) side by side under `nice -n 19`, each for
# the same wall-clock time, in fork mode so that one finding does not end the search, then
# prints a Markdown table per harness: wall time, CPU time, execs, coverage (cov, ft), the
# features found by half of the run's time (a plateau shows as little growth after it) and
# findings.  Logs, new inputs and findings stay in build-fuzz/ (never in the repository).
#
# Usage: bash fuzz/campaign.sh SECONDS [NAME...]       (default: every built harness)
#        FUZZ_BUILD=DIR picks the build folder (default build-fuzz, as make fuzz-build FUZZ_BUILD=DIR)
#        bash fuzz/campaign.sh --report [NAME...]      (the table of the last campaign)
# Run it from anywhere; it works from the repository root.  Parallel runs share the cores:
# the table's CPU column says how much each harness really got.

set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
B=${FUZZ_BUILD:-build-fuzz}
LOGS=$B/campaign

usage() { echo "usage: bash fuzz/campaign.sh SECONDS|--report [NAME...]" >&2; exit 2; }
[ $# -ge 1 ] || usage
mode=$1; shift
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
    for f in "$B"/fuzz/*; do [ -x "$f" ] && names+=("$(basename "$f")"); done
fi
[ ${#names[@]} -gt 0 ] || { echo "campaign: no harness built (make fuzz-build)" >&2; exit 2; }

report() {
    echo "| harness | wall | CPU (user+sys) | execs | cov | ft | ft at half time | findings (crash/timeout/oom) |"
    echo "|---|---|---|---|---|---|---|---|"
    for h in "${names[@]}"; do
        local log=$LOGS/$h.log tm=$LOGS/$h.time
        [ -f "$log" ] || { echo "| \`$h\` | not run | | | | | | |"; continue; }
        # Fork-mode status lines: "#EXECS: cov: C ft: F corp: ... oom/timeout/crash: O/T/X time: S ..."
        local last
        last=$(grep -E '^#[0-9]+: cov:' "$log" | tail -n 1)
        local execs cov ft otc wall cpu
        execs=$(sed -E 's/^#([0-9]+):.*/\1/' <<<"$last")
        cov=$(sed -E 's/.* cov: ([0-9]+).*/\1/' <<<"$last")
        ft=$(sed -E 's/.* ft: ([0-9]+).*/\1/' <<<"$last")
        otc=$(sed -nE 's#.*oom/timeout/crash: ([0-9]+)/([0-9]+)/([0-9]+).*#\3/\2/\1#p' <<<"$last")
        # plateau: the features found by half of the run's time (fork-mode "time: Ns")
        local half
        half=$(grep -E '^#[0-9]+: cov:' "$log" | sed -nE 's/.* ft: ([0-9]+) .* time: ([0-9]+)s.*/\2 \1/p' |
               awk '{t[NR]=$1; f[NR]=$2} END {for (i = 1; i <= NR; i++) if (t[i] >= t[NR] / 2) {print f[i]; exit}}')
        wall=$(awk '{printf "%.0f min", $1/60}' "$tm" 2>/dev/null)
        cpu=$(awk '{printf "%.1f min", ($2+$3)/60}' "$tm" 2>/dev/null)
        echo "| \`$h\` | ${wall:-running} | ${cpu:-running} | ${execs:-?} | ${cov:-?} | ${ft:-?} | ${half:-?} | ${otc:-?} |"
    done
}

if [ "$mode" = "--report" ]; then report; exit 0; fi
[[ "$mode" =~ ^[0-9]+$ ]] || usage

mkdir -p "$LOGS"
pids=()
for h in "${names[@]}"; do
    [ -x "$B/fuzz/$h" ] || { echo "campaign: $B/fuzz/$h is not built" >&2; continue; }
    mkdir -p "$B/corpus/$h" "$B/crashes/$h"
    echo "campaign: $h for ${mode}s (log $LOGS/$h.log)"
    /usr/bin/time -f '%e %U %S' -o "$LOGS/$h.time" \
        nice -n 19 "$B/fuzz/$h" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
            -max_total_time="$mode" -timeout=10 -rss_limit_mb=1024 \
            -artifact_prefix="$B/crashes/$h/" "$B/corpus/$h" "fuzz/corpus/$h" \
            >"$LOGS/$h.log" 2>&1 &
    pids+=($!)
done
wait "${pids[@]}"
report
