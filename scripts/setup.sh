#!/usr/bin/env bash
# setup.sh - first step of dyad's quick start: install the build dependencies (Debian or
# Ubuntu, with apt-get), build dyad, and code the bundled sample stories with the built-in
# dictionaries, printing the events as TSV.  Installing needs root; when the packages are
# already present it does not.  Run from anywhere: bash scripts/setup.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PACKAGES=(build-essential pkg-config zlib1g-dev libzstd-dev liblzma-dev libsqlite3-dev libmicrohttpd-dev iso-codes)
SAMPLE=data/sample/sample.jsonl

missing_packages() {
    local p
    for p in "${PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
            printf '%s ' "$p"
        fi
    done
}

if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    missing=$(missing_packages)
    if [ -n "$missing" ]; then
        if [ "$(id -u)" -ne 0 ]; then
            echo "setup: these packages are needed: $missing" >&2
            echo "setup: run this script as root (sudo bash scripts/setup.sh), or install them:" >&2
            echo "    sudo apt-get update && sudo apt-get install -y $missing" >&2
            exit 2
        fi
        echo "== installing: $missing"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update
        # shellcheck disable=SC2086  # $missing is a list of package names
        apt-get install -y --no-install-recommends $missing
    else
        echo "== dependencies already installed"
    fi
else
    echo "setup: no apt-get here; make sure a C11 compiler, GNU make and the zlib, zstd" >&2
    echo "setup: and liblzma development files and the iso-codes data are installed, then this script goes on." >&2
fi

echo "== building"
JOBS=$(nproc 2>/dev/null || echo 1)
[ "$JOBS" -gt 2 ] && JOBS=2
make -j"$JOBS"

echo "== coding $SAMPLE with the built-in dictionaries (TSV: date, source, target, code, story, sentence)"
build/dyad code "$SAMPLE"
