"""Where a span falls in a document: the turn that holds its start and the sentences it overlaps.

Codings are stored as offsets; a listing, a report and the coding progress need the turn and
the sentence units around them. Each reads the documents' turn starts and sentence spans once,
in order, and places many spans by bisection, not by a query or an overlap join per span.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebench.storage import models


@dataclass(frozen=True)
class TurnPlace:
    """The turn a span starts in: its id, time, and who speaks (label, role, respondent)."""

    id: int
    speaker: str | None
    role: str | None
    respondent: str | None
    time: float | None


class Sentences:
    """A document's sentence units as start and end offsets, in text order."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def __len__(self) -> int:
        return len(self.starts)

    def overlapping(self, start: int, end: int) -> tuple[int, int]:
        """The first and last index of the sentences a span overlaps; the last is smaller than
        the first when the span lies between two sentences (in a label, say)."""
        return bisect.bisect_right(self.ends, start), bisect.bisect_left(self.starts, end) - 1

    def covered(self, spans: Iterable[tuple[int, int]]) -> int:
        """How many sentences overlap at least one of the spans (each sentence counted once)."""
        covered = 0
        last = -1
        for start, end in sorted(spans):
            first, final = self.overlapping(start, end)
            first = max(first, last + 1)
            if final >= first:
                covered += final - first + 1
                last = final
        return covered


def sentences_of(session: Session, document_ids: Collection[int] | None) -> dict[int, Sentences]:
    """The sentence units of the given documents (of every document for None), by document."""
    query = select(models.Sentence.document_id, models.Sentence.start, models.Sentence.end)
    if document_ids is not None:
        query = query.where(models.Sentence.document_id.in_(document_ids))
    found: dict[int, Sentences] = {}
    for document_id, start, end in session.execute(
        query.order_by(models.Sentence.document_id, models.Sentence.start)
    ).all():
        sentences = found.setdefault(document_id, Sentences())
        sentences.starts.append(start)
        sentences.ends.append(end)
    return found


class Places:
    """Some documents' names, texts, turns and sentences, read once, to place many spans."""

    def __init__(self, session: Session, document_ids: Collection[int]) -> None:
        self.names: dict[int, str] = {}
        self.texts: dict[int, str] = {}
        for document_id, name, text in session.execute(
            select(models.Document.id, models.Document.name, models.Document.text).where(
                models.Document.id.in_(document_ids)
            )
        ).all():
            self.names[document_id], self.texts[document_id] = name, text
        self._sentences = sentences_of(session, document_ids)
        self._turns: dict[int, tuple[list[int], list[TurnPlace]]] = {}
        for document_id, turn_id, start, time, label, role, respondent in session.execute(
            select(
                models.Turn.document_id,
                models.Turn.id,
                models.Turn.start,
                models.Turn.time_start,
                models.Speaker.label,
                models.Speaker.role,
                models.Respondent.label,
            )
            .outerjoin(models.Speaker, models.Turn.speaker_id == models.Speaker.id)
            .outerjoin(models.Respondent, models.Speaker.respondent_id == models.Respondent.id)
            .where(models.Turn.document_id.in_(document_ids))
            .order_by(models.Turn.document_id, models.Turn.start)
        ).all():
            starts, turns = self._turns.setdefault(document_id, ([], []))
            starts.append(start)
            turns.append(TurnPlace(turn_id, label, role, respondent, time))

    def turn(self, document_id: int, offset: int) -> TurnPlace | None:
        """The turn that holds ``offset``; None before a document's first turn."""
        starts, turns = self._turns.get(document_id, ([], []))
        index = bisect.bisect_right(starts, offset) - 1
        return turns[index] if index >= 0 else None

    def sentences(self, document_id: int, start: int, end: int) -> tuple[int, int]:
        """The sentences a span overlaps, as :meth:`Sentences.overlapping` gives them."""
        return self._sentences.get(document_id, Sentences()).overlapping(start, end)
