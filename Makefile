# The two commands of the README, the install, and the benchmarks.
.PHONY: run test bench build install

PREFIX ?= /usr/local
DESTDIR ?=
export PREFIX DESTDIR

run:
	scripts/run.sh

test:
	scripts/test.sh

build:
	scripts/ensure-deps.sh
	swift build -c release

# The binary, its man page and its shell completions under $(DESTDIR)$(PREFIX);
# CORPUSCLEAN_BIN=path installs an already built binary instead of a release build.
install:
	scripts/install.sh

bench:
	scripts/bench.sh
