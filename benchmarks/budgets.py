"""The budgets of the issue, the work each size does, and the rows they make.

Budgets are medians on the 2-core development machine, CPU time from process start unless
marked wall. The medium size is the budget point; above it a budget that grows with the work
is scaled linearly (time only where it grows with the work; memory always).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.clock import Sample
from benchmarks.context import Context
from benchmarks.corpus import SIZES, Size
from benchmarks.results import Budget, Peer, Result

BUDGET_POINT = SIZES["medium"]
MEMORY_MB = 500.0
START = Budget(0.25, megabytes=MEMORY_MB)
SMALL_COMMAND = Budget(0.6, megabytes=MEMORY_MB)
FIRST_SCREEN_WALL = 1.0
AT_MEDIUM = 1.5
IMPORT_RATIO = 2.0
AGREE_RATIO = 1.5
KEY_WALL = 0.05
SUGGEST_TRAIN_CPU = 30.0
SUGGEST_FOLDS_CPU = 60.0
"""``suggest --evaluate`` and ``agree`` with ``model:CODER``: a handful of models by document
(three folds at the medium size, and the learning curve's four on one fold; the model coder's
three and one for the uncoded interview), each learning from no more than the coder's own
model: twice the budget of training that model once."""
SUGGEST_WALL = 0.5
PSEUDONYMISE_WALL = 10.0

Run = Callable[[Context], list[Result]]


@dataclass(frozen=True)
class Job:
    name: str
    """As ``--only`` names it."""
    group: str
    """"start-up" runs once, "commands" and "in-process" once per size."""
    run: Run


# -- the size's work, and budgets scaled to it ---------------------------------------------


def words(size: Size) -> int:
    return size.documents * size.words


def documents(size: Size) -> int:
    return size.documents + 1


def codings(size: Size) -> int:
    return size.codings


def budget(
    size: Size,
    work: Callable[[Size], int],
    seconds: float | None = None,
    clock: str = "CPU",
    ratio: float | None = None,
    fixed_time: bool = False,
    memory: bool = True,
) -> Budget:
    """A budget at the budget point, scaled linearly with the work above it (time only where
    it grows with the work; memory always)."""
    scale = max(1.0, work(size) / work(BUDGET_POINT))
    if seconds is not None and not fixed_time:
        seconds *= scale
    return Budget(seconds, clock, ratio, MEMORY_MB * scale if memory else None, scale)


def amount(size: Size, work: Callable[[Size], int]) -> str:
    if work is words:
        count = words(size)
        text = f"{count / 1e6:.1f} M" if count >= 1_000_000 else f"{count:,}"
        return f"{size.documents:,} docs, {text} words"
    if work is documents:
        return f"{size.long_words:,}-word doc of {documents(size):,}"
    return f"{documents(size):,} docs, {size.codings:,} codings"


def size_row(
    ctx: Context,
    group: str,
    operation: str,
    work: Callable[[Size], int],
    samples: list[Sample],
    limit: Budget | None,
    peer: Peer | None = None,
) -> Result:
    size = ctx.sized
    return Result(group, operation, size.name, amount(size, work), work(size), samples, limit, peer)


def start_row(operation: str, what: str, samples: list[Sample], limit: Budget) -> Result:
    return Result("start-up", operation, "demo", what, 0, samples, limit)
