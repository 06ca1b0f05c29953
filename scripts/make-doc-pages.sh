#!/usr/bin/env bash
# Builds the doc-pages boilerplate test set (see scripts/make-doc-pages.py): installs the Debian
# documentation packages it reads when they are missing, then writes DIR
# (default /tmp/doc-pages; with --sample N, /tmp/doc-pages-<N+1>).
#   scripts/make-doc-pages.sh [DIR] [--sample N]
# --sample 0 (default) is the set the boilerplate stage was tuned on; --sample 1 the next pages of
# each source plus the sources added for it (maint-guide, harden-doc, python-doc...), none shared:
#   scripts/make-doc-pages.sh /tmp/doc-pages-2 --sample 1
#   .build/release/corpusclean-bench boilerplate --data DIR --verbose
set -euo pipefail
cd "$(dirname "$0")/.."
packages=$(python3 scripts/make-doc-pages.py --packages "$@")
missing=$(for p in $packages; do dpkg-query -W -f '${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || echo "$p"; done)
if [ -n "$missing" ]; then
  sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get install -y --no-install-recommends $missing
fi
exec python3 scripts/make-doc-pages.py "$@"
