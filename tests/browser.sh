#!/usr/bin/env bash
# browser.sh - runs the dashboard's browser test (tests/browser/dashboard.test.mjs): headless
# Debian Chromium driven by playwright-core through `dyad serve` over the VOA stories.
# Installs nothing: skips, with a message, when node, web/node_modules (make web runs npm ci),
# /usr/bin/chromium (apt-get install chromium), BUILD/dyad or the built dashboard is missing.
# The dashboard is BUILD/web, or build/web when BUILD has none (make web builds build/web).
# Screenshots go to BUILD/screenshots/.  Ends with "N passed, M failed".
#
# Usage: bash tests/browser.sh [BUILD-DIR]     (default: $BUILD or "build")
# Exit status: 0 all passed, 1 a check failed, 77 skipped.

set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2

BUILD_DIR=${1:-${BUILD:-build}}
CHROMIUM=${DYAD_CHROMIUM:-/usr/bin/chromium}

skipped() {
    echo "SKIPPED: $*"
    echo "0 passed, 0 failed"
    exit 77
}

command -v node >/dev/null 2>&1 || skipped "node is not installed (apt-get install nodejs npm)"
[ -d web/node_modules/playwright-core ] || skipped "web/node_modules is missing (run make web)"
[ -x "$CHROMIUM" ] || skipped "$CHROMIUM is missing (apt-get install chromium)"
[ -x "$BUILD_DIR/dyad" ] || skipped "$BUILD_DIR/dyad is not built"
WEB_DIR=$BUILD_DIR/web
[ -f "$WEB_DIR/index.html" ] || WEB_DIR=build/web
[ -f "$WEB_DIR/index.html" ] || skipped "the dashboard is not built (run make web)"

node tests/browser/dashboard.test.mjs --dyad "$BUILD_DIR/dyad" --web "$WEB_DIR" \
    --screenshots "$BUILD_DIR/screenshots" --chromium "$CHROMIUM"
rc=$?
# the test's own skip (e.g. a dyad without 'serve') has no summary line of its own
[ "$rc" -eq 77 ] && echo "0 passed, 0 failed"
exit "$rc"
