# The two commands of the README, and the benchmarks.
.PHONY: run test bench build

run:
	scripts/run.sh

test:
	scripts/test.sh

build:
	scripts/ensure-deps.sh
	swift build -c release

bench:
	scripts/bench.sh
