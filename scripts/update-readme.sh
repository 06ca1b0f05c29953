#!/usr/bin/env bash
# Regenerates the configuration reference in README.md from `corpusclean stages`, so the
# README cannot drift from the code (a test checks it).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product corpusclean >/dev/null
python3 - <<'PY'
import subprocess, re
out = subprocess.run([".build/debug/corpusclean", "stages"], capture_output=True, text=True, check=True).stdout
readme = open("README.md").read()
block = "<!-- stages:begin -->\n```text\n" + out + "```\n<!-- stages:end -->"
readme = re.sub(r"<!-- stages:begin -->.*?<!-- stages:end -->", lambda m: block, readme, flags=re.S)
open("README.md", "w").write(readme)
PY
