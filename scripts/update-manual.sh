#!/usr/bin/env bash
# Regenerates docs/man/corpusclean.1 with swift-argument-parser's generate-manual plugin, from
# the command's own help, so the man page cannot drift from `--help` (a test checks that it
# names every subcommand and option with its help text). `make install` installs it.
set -euo pipefail
cd "$(dirname "$0")/.."
swift package plugin generate-manual --configuration debug --date "$(date -u +%F)" >/dev/null
cp .build/plugins/GenerateManual/outputs/CorpusCleanCLI/corpusclean.1 docs/man/corpusclean.1
