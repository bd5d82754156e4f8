"""Passages like a given one, across all documents: "find similar passages".

Uses the suggestion model's features (lemma n-grams with their neighbours, character n-grams)
over every sentence unit of the project, whoever coded it, fitted on the texts alone: no
coder's codings are read, so a blind coder may search too. The features of the last project
asked about are kept for the next question while its sentences stay the same, so a second
search in the workbench costs a product, not a pass over all the texts.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from codebench.errors import CodebenchError
from codebench.services.coding.by_name import Location, locate
from codebench.services.project import Project
from codebench.services.suggestions.reading import document_row, units_of
from codebench.storage import models
from codebench.suggestions.counts import Matrix
from codebench.suggestions.features import FeatureSpace
from codebench.suggestions.similar import most_similar
from codebench.suggestions.tokens import tokenize
from codebench.suggestions.units import Unit


@dataclass(frozen=True)
class SimilarPassage:
    """A sentence like the one asked about, and how alike they are (cosine, 0 to 1)."""

    document_id: int
    document: str
    sentence: int
    start: int
    end: int
    text: str
    similarity: float


_cache: dict[tuple[str, tuple[int, ...]], tuple[list[Unit], Matrix]] = {}


def similar_passages(
    project: Project, document: str | int, where: Location, count: int = 10
) -> list[SimilarPassage]:
    """The ``count`` sentences most like the passage ``where`` in ``document`` (a name or an
    id), best first."""
    with project.reading() as session:
        row = document_row(session, document)
        document_id = row.id
        start, end = locate(session, row, where)
        stamp = tuple(
            session.execute(
                select(func.count(models.Sentence.id), func.max(models.Sentence.id))
            ).one()
        )
        names = dict(session.execute(select(models.Document.id, models.Document.name)).all())
        key = (project.location, stamp)
        if key not in _cache:
            units = units_of(session)
    if key not in _cache:
        words = tokenize([u.text for u in units], [u.language for u in units])
        documents = [u.document_id for u in units]
        _cache.clear()
        _cache[key] = (units, FeatureSpace.fit_transform(words, documents)[1])
    units, features = _cache[key]
    query = [
        i
        for i, u in enumerate(units)
        if u.document_id == document_id and u.start < end and start < u.end
    ]
    if not query:
        raise CodebenchError("no sentence to compare there (an interviewer's turn or a label?)")
    found = most_similar(features, [u.document_id for u in units], query, count)
    return [
        SimilarPassage(
            units[i].document_id,
            names[units[i].document_id],
            units[i].number,
            units[i].start,
            units[i].end,
            units[i].text,
            score,
        )
        for i, score in found
    ]
