"""codebench's benchmark suite: deterministic corpora at several sizes, every costly operation
timed against the budgets of brief section 9, how each time grows with size, and peers doing
the same work. Run it from the repository root as ``python -m benchmarks`` (see the README)."""
