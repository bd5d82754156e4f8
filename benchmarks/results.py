"""The suite's tables: times against the budgets of brief section 9, growth, and peers.

Budgets hold at the budget point (the medium size: 200 transcripts of 10,000 words, ~100,000
codings) and below; a larger size is held to the budget scaled linearly with its work, which
is what "nothing may grow faster than linearly" allows. The TUI's times stay fixed whatever
the project's size: a coder waits for one transcript, not for the project.

Growth compares each operation's median from one size to the next with the growth of its work
(words imported, codings read, or documents in the project for the TUI), in wall-clock and in
CPU time; the lesser of the two growing more than 1.5 times as fast as the work is flagged as
super-linear (a step that really is super-linear shows in both, while other processes on a
shared machine only inflate the wall clock).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from itertools import pairwise

from benchmarks.clock import Sample
from benchmarks.corpus import SIZES, Size
from benchmarks.peers import PeerResult
from benchmarks.tui import APPLY, FIRST_SCREEN, REMOVE

BUDGET_POINT = SIZES["medium"]
SUPER_LINEAR = 1.5


@dataclass(frozen=True)
class Result:
    operation: str
    size: Size
    samples: list[Sample]
    peak_mb: float

    @property
    def median(self) -> float:
        """Median wall-clock seconds."""
        return statistics.median(s.wall for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)


@dataclass(frozen=True)
class Budget:
    seconds: float
    megabytes: float | None = None
    fixed_time: bool = False


TUI_BUDGET = {FIRST_SCREEN: 0.5, APPLY: 0.05, REMOVE: 0.05}
BUDGETS = {
    "import": Budget(60),
    **{row: Budget(seconds, 500, fixed_time=True) for row, seconds in TUI_BUDGET.items()},
    **{row: Budget(2) for row in ("agree 2 coders", "agree 3 coders")},
}


def budget_for(operation: str) -> Budget | None:
    return Budget(2) if operation.startswith("report ") else BUDGETS.get(operation)


def words(size: Size) -> int:
    return size.documents * size.words


def work(operation: str, size: Size) -> int:
    """What an operation's time should grow with."""
    if operation == "import":
        return words(size)
    if operation.startswith("TUI"):
        return size.documents
    return size.codings


def amount(operation: str, size: Size) -> str:
    if operation == "import":
        return f"{size.documents:,} docs, {words(size) / 1e6:.1f} M words"
    if operation.startswith("TUI"):
        return (
            f"{size.long_words:,}-word doc, {size.long_codings:,} codings; "
            f"{size.documents + 1:,} docs"
        )
    return f"{size.documents + 1:,} docs, {size.codings:,} codings"


def seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def _scale(value: float, point: float) -> float:
    return max(1.0, value / point)


def check(result: Result) -> tuple[str, str]:
    """The budget as it applies to this size, and whether it holds."""
    budget = budget_for(result.operation)
    if budget is None:
        return "—", "—"
    op, size = result.operation, result.size
    time_scale = 1.0 if budget.fixed_time else _scale(work(op, size), work(op, BUDGET_POINT))
    limit = budget.seconds * time_scale
    text = seconds(limit) + (f" (×{time_scale:.3g})" if time_scale > 1 else "")
    holds = result.median <= limit
    if budget.megabytes is not None:
        memory = budget.megabytes * _scale(words(size), words(BUDGET_POINT))
        text += f"; {memory:,.0f} MB"
        holds = holds and result.peak_mb <= memory
    return text, "yes" if holds else "NO"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def main_table(results: list[Result]) -> list[str]:
    rows = []
    for result in results:
        if result.operation.startswith("peer:"):
            continue
        budget, holds = check(result)
        rows.append(
            [
                result.operation,
                result.size.name,
                amount(result.operation, result.size),
                seconds(result.median),
                seconds(result.cpu),
                str(len(result.samples)),
                f"{result.peak_mb:,.0f}",
                budget,
                holds,
            ]
        )
    header = ["operation", "size", "n", "median", "CPU", "runs", "peak MB", "budget", "holds"]
    return _table(header, rows)


def growth_table(results: list[Result]) -> list[str]:
    by_operation: dict[str, list[Result]] = {}
    for result in results:
        if not result.operation.startswith("peer:"):
            by_operation.setdefault(result.operation, []).append(result)
    rows = []
    for operation, found in by_operation.items():
        ordered = sorted(found, key=lambda r: list(SIZES).index(r.size.name))
        for before, after in pairwise(ordered):
            work_ratio = work(operation, after.size) / work(operation, before.size)
            wall = after.median / before.median
            cpu = after.cpu / before.cpu
            normalised = min(wall, cpu) / work_ratio
            rows.append(
                [
                    operation,
                    f"{before.size.name} → {after.size.name}",
                    f"×{work_ratio:.3g}",
                    f"×{wall:.2f}",
                    f"×{cpu:.2f}",
                    f"{normalised:.2f}",
                    "SUPER-LINEAR" if normalised > SUPER_LINEAR else "ok",
                ]
            )
    header = ["operation", "sizes", "work", "time", "CPU", "growth/work", "verdict"]
    return _table(header, rows)


def peer_table(peers: list[PeerResult]) -> list[str]:
    rows = [
        [
            p.task,
            p.size,
            f"{p.ours}: {seconds(p.ours_seconds)}",
            f"{p.peer}: {seconds(p.peer_seconds)}",
            f"{p.ours_seconds / p.peer_seconds:.2f}" if p.ours_seconds and p.peer_seconds else "—",
            p.note,
        ]
        for p in peers
    ]
    return _table(["task", "size", "codebench", "peer", "ratio codebench/peer", "note"], rows)


def median_of(results: list[Result], operation: str, size: Size) -> float | None:
    found = [r for r in results if r.operation == operation and r.size == size]
    return found[0].median if found else None


def render(results: list[Result], peers: list[PeerResult]) -> str:
    lines = ["## Times and memory", "", *main_table(results), ""]
    lines += ["## Growth from one size to the next", "", *growth_table(results), ""]
    if peers:
        lines += ["## Peers on the same corpus", "", *peer_table(peers), ""]
    return "\n".join(lines)
