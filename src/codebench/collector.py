"""Python's cyclic garbage collector run rarely while transcripts import.

An import loads libraries whose objects live until the process ends (spaCy, SQLAlchemy: some
100,000) and makes millions of short-lived ones that reference counting frees; every young
collection walks them all again. Raising the young generation's threshold for the duration
keeps the collections few; the few cycles an import makes are still collected, later (peak
memory at the medium benchmark size grows by some 15 MB).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG = 50_000
"""Allocations between young collections while importing (Python's default: 700)."""


@contextmanager
def few_collections() -> Iterator[None]:
    """Raise the young generation's threshold to :data:`YOUNG`, and put it back after."""
    threshold = gc.get_threshold()
    if threshold[0]:  # 0: the collector is off already
        gc.set_threshold(max(YOUNG, threshold[0]), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
