"""The suite's rows and tables: each figure beside its budget and its peer, with a verdict.

A row's budget is fixed when the row is made (see :mod:`benchmarks.jobs`): seconds on the
wall clock or in CPU time, a ratio to the peer's figure on the same clock, and peak memory.
Above the budget point (the medium size) a size is held to the budget scaled linearly with its
work, which is what "nothing may grow faster than linearly" allows.

Growth compares each row's medians from one size to the next with the growth of its work, in
wall-clock and CPU time; the lesser of the two growing more than 1.5 times as fast as the work
is flagged (a step that really is super-linear shows in both, while other processes on a
shared machine only inflate the wall clock). Memory is compared the same way on the peak above
what a bare start takes (the ``--version`` row's peak), each at least 25 MB, so that a few
megabytes' noise on a small base cannot pass for growth.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from itertools import pairwise

from benchmarks.clock import Sample
from benchmarks.corpus import SIZES

SUPER_LINEAR = 1.5
MEMORY_FLOOR_MB = 25.0
GROUPS = {
    "start-up": "Start-up and one-document commands (the demo project)",
    "commands": "Whole commands at each size",
    "in-process": "In process, after the imports",
}


def _median(samples: list[Sample], clock: str) -> float:
    return statistics.median(s.cpu if clock == "CPU" else s.wall for s in samples)


@dataclass(frozen=True)
class Budget:
    seconds: float | None = None
    clock: str = "CPU"
    """Which median ``seconds`` and ``ratio`` hold for: "CPU" (user + system) or "wall"."""
    ratio: float | None = None
    """At most this many times the peer's median."""
    megabytes: float | None = None
    scale: float = 1.0
    """How far the budget was scaled up for a size above the budget point (shown)."""

    def text(self) -> str:
        parts = []
        if self.seconds is not None:
            parts.append(f"≤ {seconds(self.seconds)} {self.clock}")
        if self.ratio is not None:
            parts.append(f"≤ {self.ratio:g}× peer {self.clock}")
        if self.megabytes is not None:
            parts.append(f"≤ {self.megabytes:,.0f} MB")
        scaled = f" (×{self.scale:.3g})" if self.scale > 1 else ""
        return "; ".join(parts) + scaled if parts else "—"


@dataclass(frozen=True)
class Peer:
    name: str
    samples: list[Sample]
    note: str = ""
    """Why there is no figure (not installed, failed)."""


@dataclass(frozen=True)
class Result:
    group: str
    operation: str
    size: str
    amount: str
    """What the operation worked on, as text."""
    work: float
    """What its time should grow with (words, codings, documents); 0: not compared."""
    samples: list[Sample]
    budget: Budget | None = None
    peer: Peer | None = None
    error: str = ""

    @property
    def wall(self) -> float | None:
        return _median(self.samples, "wall") if self.samples else None

    @property
    def cpu(self) -> float | None:
        return _median(self.samples, "CPU") if self.samples else None

    @property
    def peak_mb(self) -> float | None:
        """The highest peak of its runs (0 for rows timed in process: see their child)."""
        return max(s.peak_mb for s in self.samples) if self.samples else None

    def ratio(self) -> float | None:
        clock = self.budget.clock if self.budget else "CPU"
        if not self.samples or not self.peer or not self.peer.samples:
            return None
        return _median(self.samples, clock) / _median(self.peer.samples, clock)

    def verdict(self) -> str:
        if self.error:
            return "FAILED"
        if self.budget is None:
            return "—"
        if not self.samples:
            return "not run"
        budget, missed = self.budget, []
        if budget.seconds is not None and _median(self.samples, budget.clock) > budget.seconds:
            missed.append("time")
        ratio = self.ratio()
        if budget.ratio is not None and ratio is None:
            missed.append("no peer")
        elif budget.ratio is not None and ratio is not None and ratio > budget.ratio:
            missed.append("ratio")
        peak = self.peak_mb or 0.0
        if budget.megabytes is not None and peak > budget.megabytes:
            missed.append("memory")
        if missed == ["no peer"]:
            return "no verdict (no peer)"
        return f"NO ({', '.join(missed)})" if missed else "holds"


def seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def megabytes(value: float | None) -> str:
    return "—" if not value else f"{value:,.0f}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def _peer_cell(result: Result) -> str:
    peer = result.peer
    if peer is None:
        return "—"
    if not peer.samples:
        return f"{peer.name}: {peer.note or '—'}"
    wall, cpu = (seconds(_median(peer.samples, clock)) for clock in ("wall", "CPU"))
    peak = max(s.peak_mb for s in peer.samples)
    return f"{peer.name}: {wall} / {cpu}" + (f", {megabytes(peak)} MB" if peak else "")


def main_table(results: list[Result]) -> list[str]:
    rows = []
    for r in results:
        ratio = r.ratio()
        rows.append(
            [
                r.operation,
                r.size,
                r.amount,
                str(len(r.samples)),
                seconds(r.wall),
                seconds(r.cpu),
                megabytes(r.peak_mb),
                r.budget.text() if r.budget else "—",
                _peer_cell(r),
                f"{ratio:.2f}" if ratio is not None else "—",
                r.verdict(),
            ]
        )
    header = ["operation", "size", "n", "runs", "wall", "CPU", "peak MB", "budget"]
    return _table([*header, "peer: wall / CPU", "ratio", "verdict"], rows)


def _ratio(before: float | None, after: float | None) -> float:
    return after / before if before and after else 0.0


def growth_table(results: list[Result], baseline_mb: float) -> list[str]:
    by_operation: dict[tuple[str, str], list[Result]] = {}
    for r in results:
        if r.work and r.samples and r.size in SIZES:
            by_operation.setdefault((r.group, r.operation), []).append(r)
    rows = []
    for (_, operation), found in by_operation.items():
        ordered = sorted(found, key=lambda r: list(SIZES).index(r.size))
        for a, b in pairwise(ordered):
            work = b.work / a.work
            wall, cpu = _ratio(a.wall, b.wall), _ratio(a.cpu, b.cpu)
            time = min(wall, cpu) / work
            memory = None
            if a.peak_mb and b.peak_mb:
                above = [max(MEMORY_FLOOR_MB, p - baseline_mb) for p in (a.peak_mb, b.peak_mb)]
                memory = above[1] / above[0] / work
            flags = [
                name
                for name, value in (("time", time), ("memory", memory))
                if value is not None and value > SUPER_LINEAR
            ]
            rows.append(
                [
                    operation,
                    f"{a.size} → {b.size}",
                    f"×{work:.3g}",
                    f"×{wall:.2f}",
                    f"×{cpu:.2f}",
                    f"{time:.2f}",
                    f"{memory:.2f}" if memory is not None else "—",
                    f"SUPER-LINEAR ({', '.join(flags)})" if flags else "ok",
                ]
            )
    header = ["operation", "sizes", "work", "wall", "CPU", "time growth/work"]
    return _table([*header, "memory growth/work", "verdict"], rows)


def render(header: str, results: list[Result], baseline_mb: float) -> str:
    lines = [header, ""]
    for group, title in GROUPS.items():
        found = [r for r in results if r.group == group]
        if found:
            lines += [f"## {title}", "", *main_table(found), ""]
    growth = growth_table(results, baseline_mb)
    if len(growth) > 2:
        lines += ["## Growth from one size to the next", "", *growth, ""]
    failed = [f"- {r.operation} ({r.size}): {r.error}" for r in results if r.error]
    if failed:
        lines += ["## Failed", "", *failed, ""]
    return "\n".join(lines)
