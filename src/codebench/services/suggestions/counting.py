"""A coder's sentences as the models learn from them: counted, not kept.

The units of a large project (120,000 sentences with their text) and their words would be the
biggest things training, an evaluation or the model coder holds, and freed late they leave
the memory they took in pieces too small to give back; so the documents are read
:data:`DOCUMENTS` at a time, tokenised and counted
(:class:`~codebench.suggestions.counts.Counts`), and only the counts and each sentence's
document, place and codes are kept, as arrays.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy.orm import Session

from codebench.services.suggestions.reading import units_of
from codebench.suggestions.counts import Counts, Ints
from codebench.suggestions.tokens import Words, tokenize
from codebench.suggestions.units import Span, unit_labels

DOCUMENTS = 16
"""Documents read at a time."""


@dataclass(frozen=True)
class Counted:
    """Sentence units, in document and text order, as counts and columns."""

    counts: Counts
    documents: Ints
    starts: Ints
    ends: Ints
    labels: list[tuple[int, ...]]
    """The codes the spans give each unit."""


def counted_units(
    session: Session, document_ids: Collection[int], spans: Sequence[Span]
) -> Counted:
    """The units of these documents, counted, with the codes ``spans`` give them."""
    spans_in: dict[int, list[Span]] = defaultdict(list)
    for span in spans:
        spans_in[span.document_id].append(span)
    documents, starts, ends = array("q"), array("q"), array("q")
    labels: list[tuple[int, ...]] = []

    def words() -> Iterator[Words]:
        ordered = sorted(document_ids)
        for first in range(0, len(ordered), DOCUMENTS):
            batch = ordered[first : first + DOCUMENTS]
            units = units_of(session, batch)
            labels.extend(unit_labels(units, [s for d in batch for s in spans_in[d]]))
            documents.extend(u.document_id for u in units)
            starts.extend(u.start for u in units)
            ends.extend(u.end for u in units)
            yield from tokenize([u.text for u in units], [u.language for u in units])

    counts = Counts.of(words())
    return Counted(counts, _ints(documents), _ints(starts), _ints(ends), labels)


def _ints(column: array[int]) -> Ints:
    return np.frombuffer(column, dtype=np.int64)
