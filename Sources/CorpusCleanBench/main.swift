// Benchmarks live here; see scripts/bench.
print("corpusclean-bench: no benchmark selected")
