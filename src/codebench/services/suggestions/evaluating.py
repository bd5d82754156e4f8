"""How well a coder's model would have suggested their codes: cross-validation by document.

Reads the coder's codings and the sentences of the documents they coded (nothing of any other
coder), then hands them to :func:`codebench.suggestions.evaluation.evaluate`.
"""

from __future__ import annotations

from dataclasses import dataclass

from codebench.services.codebook.lookup import code_paths
from codebench.services.coders import find_coder
from codebench.services.project import Project
from codebench.services.suggestions.reading import spans_of, units_of
from codebench.services.viewer import Viewer
from codebench.suggestions.evaluation import Evaluation, evaluate
from codebench.suggestions.tokens import tokenize
from codebench.suggestions.units import unit_labels


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
        units = units_of(session, {span.document_id for span in spans})
        paths = code_paths(session)
    words = tokenize([u.text for u in units], [u.language for u in units])
    found = evaluate(
        words, [u.document_id for u in units], unit_labels(units, spans), with_curve=with_curve
    )
    return CoderEvaluation(coder, found, paths)
