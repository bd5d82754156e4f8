"""codebench's benchmark suite: what a user waits for. Every user-facing operation runs as a
whole command from process start (wall, CPU, peak memory), the TUI from launch to its first
screen, each beside its budget, its peer where one exists, and a verdict; on deterministic
corpora at several sizes, with how each figure grows from one size to the next. Run it from
the repository root as ``python -m benchmarks`` (see the README); it writes ``results.md``."""
