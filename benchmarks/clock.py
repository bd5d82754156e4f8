"""Wall-clock and CPU time (and peak memory) of one run, and repeating runs within a time limit.

Both times are kept because the machine may be shared: a wall time well above its CPU time
says the run waited (for the disk, or for other processes on the same cores). :class:`Clock`
times code inside a process (after its imports); :mod:`benchmarks.child` times whole commands.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from typing import NamedTuple

#: An operation that has taken this many seconds in all is not started again.
LONG = 120.0


class Sample(NamedTuple):
    wall: float
    cpu: float
    peak_mb: float = 0.0
    """Peak resident memory of the process that ran it (0: not measured per run)."""


def _cpu() -> float:
    """CPU seconds of this process (all threads) and of its finished children."""
    own = time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own + children.ru_utime + children.ru_stime


class Clock:
    """Started when made; :meth:`elapsed` is the time since, wall and CPU."""

    def __init__(self) -> None:
        self._wall, self._cpu = time.perf_counter(), _cpu()

    def elapsed(self) -> Sample:
        return Sample(time.perf_counter() - self._wall, _cpu() - self._cpu)


def repeated(repeat: int, run: Callable[[int], Sample]) -> list[Sample]:
    """``run(i)`` up to ``repeat`` times, fewer once the runs have taken LONG seconds, so the
    large size stays runnable when an operation is slow."""
    samples: list[Sample] = []
    while len(samples) < repeat and sum(s.wall for s in samples) < LONG:
        samples.append(run(len(samples)))
    return samples


def timed(repeat: int, action: Callable[[], object]) -> list[Sample]:
    def run(_: int) -> Sample:
        clock = Clock()
        action()
        return clock.elapsed()

    return repeated(repeat, run)
