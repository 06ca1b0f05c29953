#!/usr/bin/env bash
# Regenerates the configuration reference in docs/configuration.md (linked from the README)
# from `corpusclean stages`, so the documentation cannot drift from the code (a test checks it).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product corpusclean >/dev/null
python3 - <<'PY'
import subprocess, re
out = subprocess.run([".build/debug/corpusclean", "stages"], capture_output=True, text=True, check=True).stdout
page = open("docs/configuration.md").read()
block = "<!-- stages:begin -->\n```text\n" + out + "```\n<!-- stages:end -->"
page = re.sub(r"<!-- stages:begin -->.*?<!-- stages:end -->", lambda m: block, page, flags=re.S)
open("docs/configuration.md", "w").write(page)
PY
