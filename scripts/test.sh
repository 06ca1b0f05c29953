#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
swift build --build-tests
# The tests' scratch files live in one folder of their own, removed however the run ends.
# Open to every user as /tmp is (a test runs the CLI as nobody).
scratch=$(mktemp -d "${TMPDIR:-/tmp}/corpusclean-tests.XXXXXX")
chmod 1777 "$scratch"
trap 'rm -rf "$scratch"' EXIT
TMPDIR=$scratch swift test --skip-build --disable-xctest
