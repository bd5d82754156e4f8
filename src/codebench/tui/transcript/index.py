"""Codings indexed by position, and the spans that change when the set of codings changes.

Highlights go into fixed-size buckets of code points, so the codings touching one visual line
are found without scanning the document's codings. Kept free of Textual.
"""

from __future__ import annotations

from collections.abc import Iterable

from codebench.services.coding.views import CodingView

BUCKET = 512


class HighlightIndex:
    """The current codings of one document, by id and by position."""

    def __init__(self) -> None:
        self._by_id: dict[int, CodingView] = {}
        self._buckets: dict[int, dict[int, CodingView]] = {}

    def __len__(self) -> int:
        return len(self._by_id)

    def all(self) -> list[CodingView]:
        return list(self._by_id.values())

    def _add(self, highlight: CodingView) -> None:
        self._by_id[highlight.id] = highlight
        last = max(highlight.start, highlight.end - 1)
        for bucket in range(highlight.start // BUCKET, last // BUCKET + 1):
            self._buckets.setdefault(bucket, {})[highlight.id] = highlight

    def _remove(self, highlight: CodingView) -> None:
        del self._by_id[highlight.id]
        last = max(highlight.start, highlight.end - 1)
        for bucket in range(highlight.start // BUCKET, last // BUCKET + 1):
            members = self._buckets.get(bucket)
            if members is not None:
                members.pop(highlight.id, None)
                if not members:
                    del self._buckets[bucket]

    def replace(self, highlights: Iterable[CodingView]) -> list[tuple[int, int]]:
        """Make `highlights` the current codings; returns the spans whose drawing changed."""
        new = {h.id: h for h in highlights}
        changed: list[tuple[int, int]] = []
        for coding_id, old in list(self._by_id.items()):
            current = new.get(coding_id)
            if current != old:
                self._remove(old)
                changed.append((old.start, old.end))
        for coding_id, highlight in new.items():
            if coding_id not in self._by_id:
                self._add(highlight)
                changed.append((highlight.start, highlight.end))
        return changed

    def overlapping(self, start: int, end: int) -> list[CodingView]:
        """Codings overlapping [start, end), oldest (lowest coding id) first."""
        if end <= start:
            return []
        found: dict[int, CodingView] = {}
        for bucket in range(start // BUCKET, (end - 1) // BUCKET + 1):
            members = self._buckets.get(bucket)
            if members:
                for coding_id, h in members.items():
                    if h.start < end and h.end > start:
                        found[coding_id] = h
        return [found[k] for k in sorted(found)]

    def at(self, offset: int) -> list[CodingView]:
        """Codings holding the code point at `offset`."""
        return self.overlapping(offset, offset + 1)
