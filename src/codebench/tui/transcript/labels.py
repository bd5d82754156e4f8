"""Short speaker labels for a narrow gutter: "Respondent 1" -> "R1", "Interviewer" -> "I".

Derived from the labels themselves and unique within the document, so two respondents never
look alike when the gutter has no room for their full labels. Kept free of Textual.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

MAX_SHORT = 4
"""Cells of a short label, at most (a longer number is kept whole)."""

_WORD = re.compile(r"[^\W\d_]+|\d+")


def _parts(label: str) -> tuple[list[str], str]:
    """The label's words and its trailing number ("" when it has none)."""
    tokens = _WORD.findall(label)
    number = tokens.pop() if tokens and tokens[-1].isdigit() else ""
    return [t for t in tokens if not t.isdigit()], number


def _candidates(label: str) -> Iterator[str]:
    compact = label.strip()
    if len(compact) <= 2 or (len(compact) <= MAX_SHORT and " " not in compact):
        yield compact
    words, number = _parts(label)
    if not words:
        yield (number or compact)[:MAX_SHORT]
    else:
        initials = "".join(w[0].upper() for w in words if w[0].isupper()) or words[0][0].upper()
        yield initials[: max(1, MAX_SHORT - len(number))] + number
        first = words[0]
        for size in range(2, len(first) + 1):
            yield first[:size].capitalize()[: max(1, MAX_SHORT - len(number))] + number
    for index in range(2, 100):
        yield f"{(words[0][0].upper() if words else 'S')}{number}·{index}"


def short_labels(labels: Iterable[str]) -> dict[str, str]:
    """Label -> short label, unique among ``labels`` (in order: the first keeps the shortest)."""
    short: dict[str, str] = {}
    used: set[str] = set()
    for label in dict.fromkeys(labels):
        chosen = next(c for c in _candidates(label) if c and c.lower() not in used)
        short[label] = chosen
        used.add(chosen.lower())
    return short
