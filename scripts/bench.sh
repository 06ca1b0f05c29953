#!/usr/bin/env bash
# Benchmarks, built in release mode: `scripts/bench.sh` runs them all, `scripts/bench.sh NAME
# [args]` runs one. Figures are medians; quote them with the command that gave them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
swift build -c release --product corpusclean-bench >/dev/null
swift build -c release --product corpusclean >/dev/null
bench=.build/release/corpusclean-bench
# The language benchmark's second labelled set: Debian's translated man pages (apt-get download).
if [ "${1:-language}" = language ] && [ ! -f .build/language-sets/manpages/sentences.jsonl ]; then
  scripts/language-eval/make-manpage-set.py >&2 || echo "no man-page set: the language benchmark leaves it out" >&2
fi
if [ $# -gt 0 ]; then
  exec "$bench" "$@"
fi
for name in $("$bench" | awk 'NR>2 && NF {print $1}'); do
  echo "== $name"
  "$bench" "$name"
done
