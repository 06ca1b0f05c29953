#!/usr/bin/env bash
# The main job: installs what is missing, builds in release mode, and cleans seeds/ into out/
# with pipeline.json. Extra arguments go to `corpusclean run`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
swift build -c release --product corpusclean
status=0
.build/release/corpusclean run --config pipeline.json "$@" || status=$?
exit $status
