"""The sample interviews written for these tests, and the score of a detector on them.

Each sample marks what must be replaced inline: ``{person:Marieke de Boer}``. :func:`sample`
strips the marks and returns the text with the gold spans; :func:`score` compares spans found
with the gold ones per category (exact span and category: a partial hit counts as a miss and
a false alarm) and gives precision and recall.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
MARK = re.compile(r"\{(\w+):([^}]*)\}")


@dataclass(frozen=True)
class Sample:
    text: str
    gold: frozenset[tuple[int, int, str]]

    def entities(self, category: str) -> set[str]:
        return {self.text[s:e] for s, e, c in self.gold if c == category}


def sample(name: str) -> Sample:
    raw = (HERE / name).read_text(encoding="utf-8")
    pieces, gold, last, length = [], set(), 0, 0
    for match in MARK.finditer(raw):
        pieces.append(raw[last : match.start()])
        length += match.start() - last
        word = match.group(2)
        gold.add((length, length + len(word), match.group(1)))
        pieces.append(word)
        length += len(word)
        last = match.end()
    pieces.append(raw[last:])
    return Sample("".join(pieces), frozenset(gold))


@dataclass(frozen=True)
class Score:
    category: str
    gold: int
    found: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0


Span = tuple[int, int, str]


def score(found: Iterable[Span], gold: Iterable[Span]) -> list[Score]:
    """Precision and recall per category (and "all"), exact spans."""
    found, gold = set(found), set(gold)
    categories = sorted({c for *_, c in found | gold})
    rows = []
    for category in [*categories, "all"]:
        f = {x for x in found if category in ("all", x[2])}
        g = {x for x in gold if category in ("all", x[2])}
        rows.append(Score(category, len(g), len(f), len(f & g)))
    return rows


def table(title: str, rows: list[Score]) -> str:
    lines = [title, f"{'category':<14}{'gold':>5}{'found':>6}{'prec':>7}{'recall':>7}"]
    lines += [
        f"{r.category:<14}{r.gold:>5}{r.found:>6}{r.precision:>7.2f}{r.recall:>7.2f}" for r in rows
    ]
    return "\n".join(lines)
