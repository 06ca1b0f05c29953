#!/usr/bin/env bash
# `make install`: builds the release binary and installs it with its man page and its bash,
# zsh and fish completions under $DESTDIR$PREFIX (PREFIX defaults to /usr/local). With
# CORPUSCLEAN_BIN set, installs that binary instead of building one (the tests use the debug
# build). The completions come from the installed binary itself
# (`corpusclean --generate-completion-script SHELL`); the man page is docs/man/corpusclean.1
# (scripts/update-manual.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${PREFIX:-/usr/local}"
root="${DESTDIR:-}${prefix}"
binary="${CORPUSCLEAN_BIN:-}"
if [ -z "$binary" ]; then
  scripts/ensure-deps.sh
  swift build -c release --product corpusclean
  binary=.build/release/corpusclean
fi

install -d "$root/bin" "$root/share/man/man1" "$root/share/bash-completion/completions" \
  "$root/share/zsh/site-functions" "$root/share/fish/vendor_completions.d"
install -m 755 "$binary" "$root/bin/corpusclean"
install -m 644 docs/man/corpusclean.1 "$root/share/man/man1/corpusclean.1"
for shell in bash zsh fish; do
  case $shell in
    bash) target="$root/share/bash-completion/completions/corpusclean" ;;
    zsh) target="$root/share/zsh/site-functions/_corpusclean" ;;
    fish) target="$root/share/fish/vendor_completions.d/corpusclean.fish" ;;
  esac
  "$root/bin/corpusclean" --generate-completion-script "$shell" > "$target.tmp"
  chmod 644 "$target.tmp"
  mv "$target.tmp" "$target"
done
echo "installed corpusclean, its man page and completions under $root"
