"""Suggestions for a document's uncoded sentences, and the coder's answer to each.

A sentence is "uncoded" when none of the coder's codings touches it; a code the coder
rejected on a sentence is never suggested there again. Accepting records an ordinary coding
through :func:`~codebench.services.coding.changes.create_coding` (so undo, history and every
report treat it like any other), its event marked ``"source": "suggestion"`` with the
confidence it was shown with; that mark is also what the accepted count counts, and undo and
redo carry it to the coding they put back (:mod:`codebench.services.coding.lineage`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from codebench.services.codebook.lookup import code_paths
from codebench.services.coders import find_coder, get_or_create_coder
from codebench.services.coding.changes import create_coding
from codebench.services.coding.views import CodingView, coding_views
from codebench.services.events import record
from codebench.services.project import Project
from codebench.services.suggestions.reading import document_row, spans_of, units_of
from codebench.services.viewer import Viewer
from codebench.storage import models
from codebench.suggestions.units import Unit, uncovered

if TYPE_CHECKING:
    from codebench.services.suggestions.store import Trained

SOURCE = "suggestion"
REJECT = "reject_suggestion"


@dataclass(frozen=True)
class Suggestion:
    """A code the model suggests for one sentence, with its calibrated confidence."""

    document_id: int
    document: str
    sentence: int
    start: int
    end: int
    text: str
    code_id: int
    code: str
    """The code's path ("Group > Code")."""
    confidence: float


@dataclass(frozen=True)
class Suggestions:
    """A document's suggestions, in text order (best first within a sentence)."""

    items: list[Suggestion]
    threshold: float
    """The confidence from which the model counts a code as applied."""
    trained: Trained


def suggest(
    project: Project,
    document: str | int,
    coder: str,
    *,
    viewer: Viewer,
    top: int = 3,
    min_confidence: float | None = None,
) -> Suggestions:
    """Up to ``top`` codes for each sentence of ``document`` (a name or an id) that the coder
    has not coded, those at least ``min_confidence`` sure (default: the model's threshold).

    The model, numpy and the spaCy tokenizer are loaded here, not on import: the workbench
    imports this module for its types and must open without them."""
    import numpy as np

    from codebench.services.suggestions.store import current_model
    from codebench.suggestions.tokens import tokenize

    (coder,) = viewer.coders([coder])
    trained = current_model(project, coder)
    with project.reading() as session:
        row = document_row(session, document)
        document_id, name = row.id, row.name
        coder_id = find_coder(session, coder).id
        units = units_of(session, {document_id})
        spans = spans_of(session, coder_id, {document_id})
        rejected = set(
            session.execute(
                select(
                    models.SuggestionRejection.code_id,
                    models.SuggestionRejection.start,
                    models.SuggestionRejection.end,
                ).where(
                    models.SuggestionRejection.coder_id == coder_id,
                    models.SuggestionRejection.document_id == document_id,
                )
            ).all()
        )
        paths = code_paths(session)
    model = trained.model
    floor = model.threshold if min_confidence is None else min_confidence
    words = tokenize([u.text for u in units], [u.language for u in units])
    confidences = model.confidences(model.features(words, [u.document_id for u in units]))
    items = []
    for index in uncovered(units, spans):
        unit = units[index]
        ranked = np.argsort(-confidences[index], kind="stable")
        chosen = [
            (model.codes[c], float(confidences[index, c]))
            for c in ranked
            if confidences[index, c] >= floor
            and model.codes[c] in paths
            and (model.codes[c], unit.start, unit.end) not in rejected
        ][:top]
        items += [
            Suggestion(
                document_id,
                name,
                unit.number,
                unit.start,
                unit.end,
                unit.text,
                code,
                paths[code],
                p,
            )
            for code, p in chosen
        ]
    return Suggestions(items, model.threshold, trained)


def accept(project: Project, suggestion: Suggestion, coder: str) -> CodingView:
    """Code the suggested sentence with the suggested code: one ordinary coding of the coder's
    own, its event marked as accepted from a suggestion."""
    with project.transaction() as session:
        values = {
            "document_id": suggestion.document_id,
            "code_id": suggestion.code_id,
            "coder_id": get_or_create_coder(session, coder).id,
            "start": suggestion.start,
            "end": suggestion.end,
            "memo": None,
            "exemplar": False,
        }
        extra = {"source": SOURCE, "confidence": round(suggestion.confidence, 3)}
        return coding_views(session, [create_coding(session, coder, values, extra=extra)])[0]


def still_open(project: Project, coder: str, items: Sequence[Suggestion]) -> list[Suggestion]:
    """Those of ``items`` whose sentence the coder has still not coded (no coding of theirs
    touches it, as when they were suggested): an undone acceptance opens its suggestion again,
    a redone one or a coding made by hand closes it."""
    with project.reading() as session:
        coder_id = session.scalar(select(models.Coder.id).where(models.Coder.name == coder))
        documents = {item.document_id for item in items}
        spans = spans_of(session, coder_id, documents) if coder_id is not None else []
    units = [Unit(i.document_id, i.sentence, i.start, i.end, i.text, "") for i in items]
    return [items[index] for index in uncovered(units, spans)]


def reject(project: Project, suggestion: Suggestion, coder: str) -> None:
    """Remember that the code does not belong on the sentence, for this coder."""
    with project.transaction() as session:
        coder_id = get_or_create_coder(session, coder).id
        key = {
            "coder_id": coder_id,
            "document_id": suggestion.document_id,
            "code_id": suggestion.code_id,
            "start": suggestion.start,
            "end": suggestion.end,
        }
        existing = session.scalar(select(models.SuggestionRejection.id).filter_by(**key))
        if existing is not None:
            return
        row = models.SuggestionRejection(**key)
        session.add(row)
        session.flush()
        record(
            session,
            coder,
            REJECT,
            "suggestion",
            row.id,
            {**key, "confidence": round(suggestion.confidence, 3)},
        )


@dataclass(frozen=True)
class Decisions:
    """How many suggestions the coder accepted (still coded) and rejected."""

    accepted: int
    rejected: int


def decisions(project: Project, coder: str, document_id: int | None = None) -> Decisions:
    """The coder's accepted and rejected suggestions, in one document or in all."""
    with project.reading() as session:
        coder_id = session.scalar(select(models.Coder.id).where(models.Coder.name == coder))
        if coder_id is None:
            return Decisions(0, 0)
        # A coding counts by the event that made it, the newest create event naming its id:
        # an accepted suggestion put back by undo or redo carries the mark on, and a coding
        # made by hand under the id of an undone acceptance (SQLite reuses ids) does not.
        made = aliased(models.Event)
        newest = (
            select(func.max(made.id))
            .where(
                made.entity == "coding",
                made.entity_id == models.Coding.id,
                made.data["op"].as_string() == "create",
            )
            .correlate(models.Coding)
            .scalar_subquery()
        )
        accepted = (
            select(func.count(models.Coding.id))
            .join(models.Event, models.Event.id == newest)
            .where(
                models.Coding.coder_id == coder_id,
                models.Event.data["source"].as_string() == SOURCE,
            )
        )
        rejected = select(func.count(models.SuggestionRejection.id)).where(
            models.SuggestionRejection.coder_id == coder_id
        )
        if document_id is not None:
            accepted = accepted.where(models.Coding.document_id == document_id)
            rejected = rejected.where(models.SuggestionRejection.document_id == document_id)
        return Decisions(session.scalar(accepted) or 0, session.scalar(rejected) or 0)
