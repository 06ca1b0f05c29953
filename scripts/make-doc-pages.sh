#!/usr/bin/env bash
# Builds the doc-pages boilerplate test set (see scripts/make-doc-pages.py): installs the Debian
# documentation packages it reads when they are missing, then writes DIR (default /tmp/doc-pages).
#   scripts/make-doc-pages.sh [DIR]
#   .build/release/corpusclean-bench boilerplate --data DIR --verbose
set -euo pipefail
cd "$(dirname "$0")/.."
packages=$(python3 scripts/make-doc-pages.py --packages)
missing=$(for p in $packages; do dpkg-query -W -f '${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || echo "$p"; done)
if [ -n "$missing" ]; then
  sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get install -y --no-install-recommends $missing
fi
exec python3 scripts/make-doc-pages.py "$@"
