"""How well a coder's model would have suggested their codes: cross-validation by document.

Reads the coder's codings and the sentences of the documents they coded (nothing of any other
coder), counted (:mod:`.counting`), and hands them to
:func:`codebench.suggestions.evaluation.evaluate`.
"""

from __future__ import annotations

from dataclasses import dataclass

from codebench.services.codebook.lookup import code_paths
from codebench.services.coders import find_coder
from codebench.services.project import Project
from codebench.services.suggestions.counting import counted_units
from codebench.services.suggestions.reading import spans_of
from codebench.services.viewer import Viewer
from codebench.suggestions.evaluation import Evaluation, evaluate
from codebench.suggestions.tokens import release


@dataclass(frozen=True)
class CoderEvaluation:
    """The figures, and the codes' paths to show them by."""

    coder: str
    evaluation: Evaluation
    paths: dict[int, str]


def evaluate_coder(
    project: Project, coder: str, *, viewer: Viewer, with_curve: bool = True
) -> CoderEvaluation:
    """Cross-validate the coder's model and the baselines on the documents they coded."""
    (coder,) = viewer.coders([coder])
    with project.reading() as session:
        spans = spans_of(session, find_coder(session, coder).id)
        units = counted_units(session, {span.document_id for span in spans}, spans)
        paths = code_paths(session)
    release()  # the lemma tables: the models are trained without them
    found = evaluate(units.counts, units.documents, units.labels, with_curve=with_curve)
    return CoderEvaluation(coder, found, paths)
