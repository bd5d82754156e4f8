"""Sentence units, the examples the model learns from, and the codes a coder gave them.

A unit is a sentence outside the interviewer's turns (questions are not what is coded). A coding
gives its code to every unit it covers by at least half of the shorter of the two, the rule the
agreement figures count by, so "the model agrees" means the same thing there and here.
"""

from __future__ import annotations

import bisect
import random
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

#: Share of the shorter of unit and coding that must overlap for the unit to take the code.
OVERLAP = 0.5


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence: where it lies, its words, and its document's language."""

    document_id: int
    number: int
    """The sentence's number in its transcript (from 1), as the workbench and commands count."""
    start: int
    end: int
    text: str
    language: str


@dataclass(frozen=True, slots=True)
class Span:
    """One coding as the model sees it: a code on a passage of a document."""

    document_id: int
    code_id: int
    start: int
    end: int


def covers(unit_start: int, unit_end: int, start: int, end: int) -> bool:
    """Whether a span covers a unit by :data:`OVERLAP` of the shorter of the two."""
    overlap = min(unit_end, end) - max(unit_start, start)
    return overlap > 0 and overlap >= OVERLAP * min(unit_end - unit_start, end - start)


def unit_labels(units: Sequence[Unit], spans: Iterable[Span]) -> list[tuple[int, ...]]:
    """The codes each unit takes from the spans (``units`` in document order), in id order
    (tuples, the empty one shared: a large project has a hundred thousand units, many
    taking none)."""
    labels: dict[int, set[int]] = defaultdict(set)
    by_document: dict[int, list[int]] = defaultdict(list)
    for index, unit in enumerate(units):
        by_document[unit.document_id].append(index)
    ends = {d: [units[i].end for i in rows] for d, rows in by_document.items()}
    for span in spans:
        rows = by_document.get(span.document_id)
        if rows is None:
            continue
        first = bisect.bisect_right(ends[span.document_id], span.start)
        for row in rows[first:]:
            unit = units[row]
            if unit.start >= span.end:
                break
            if covers(unit.start, unit.end, span.start, span.end):
                labels[row].add(span.code_id)
    return [tuple(sorted(labels[row])) if row in labels else () for row in range(len(units))]


def uncovered(units: Sequence[Unit], spans: Iterable[Span]) -> list[int]:
    """The indexes of the units no span touches at all: where a suggestion is still news."""
    touched: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for span in spans:
        touched[span.document_id].append((span.start, span.end))
    merged = {document: _union(found) for document, found in touched.items()}
    kept = []
    for index, unit in enumerate(units):
        starts, ends = merged.get(unit.document_id, ([], []))
        last = bisect.bisect_left(starts, unit.end) - 1
        if last < 0 or ends[last] <= unit.start:
            kept.append(index)
    return kept


def _union(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Overlapping spans joined: the starts and ends of what they cover, in order."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(spans):
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def training_documents(
    documents: Sequence[int], labels: Sequence[Collection[int]], per_code: int, limit: int
) -> set[int]:
    """The documents a model learns from (``documents`` and ``labels`` per sentence): all of
    them up to ``limit`` sentences. Beyond, documents are taken in a seeded random order while
    one of their codes still has fewer than ``per_code`` example sentences and the sentences
    stay within ``limit``: a model learns from at most ``per_code`` examples a code anyway, and
    a rare code's documents are never left out for a common one's."""
    sizes: dict[int, int] = defaultdict(int)
    codes: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for document, found in zip(documents, labels, strict=True):
        sizes[document] += 1
        for code in found:
            codes[document][code] += 1
    if sum(sizes.values()) <= limit:
        return set(sizes)
    order = sorted(sizes)
    random.Random(0).shuffle(order)
    examples: dict[int, int] = defaultdict(int)
    kept: set[int] = set()
    total = 0
    for document in order:
        needed = any(examples[code] < per_code for code in codes[document])
        if needed and total + sizes[document] <= limit:
            kept.add(document)
            total += sizes[document]
            for code, count in codes[document].items():
                examples[code] += count
    return kept
