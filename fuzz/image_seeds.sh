#!/usr/bin/env bash
# image_seeds.sh - writes the seeds of the image_load harness (fuzz/corpus/image_load/
# compiled-*) again with the current build: a compiled image is refused by a dyad whose
# image layout differs, and the harness then only reaches the structural checks through
# its header patching.  tests/unit/test_image.c fails when a compiled-* seed no longer
# loads, naming this script.
#
# The images are written by tools/dict_image with no source files recorded, so they name no
# path of the machine that made them (`dyad compile` records the sources' full paths).
#
# Usage: bash fuzz/image_seeds.sh [BUILD-DIR]      (default: build; run make first)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
TOOL=${1:-build}/tools/dict_image
OUT=fuzz/corpus/image_load
[ -x "$TOOL" ] || { echo "image_seeds: $TOOL is not built (make)" >&2; exit 2; }
"$TOOL" "$OUT/compiled-actors" tests/data/engine/engine.actors.txt
"$TOOL" "$OUT/compiled-verbs" tests/data/engine/engine.verbs.txt
"$TOOL" "$OUT/compiled-dir" tests/data/engine
ls -l "$OUT"/compiled-*
