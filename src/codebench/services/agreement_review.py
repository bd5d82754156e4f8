"""The agreement review as one use case: a run ready to show, and a decision taken on it.

The TUI's agreement screen shows the per-code table, the substituted codes, the notes and
every disagreement of one run, and settles disagreements one at a time. This module reads all
of it in one go (so the overview and the review always show the same run) as text and plain
values, and records a decision through :func:`~codebench.services.consensus.resolve`. Like
every agreement use case, it is refused to a viewer who codes blind.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from codebench.agreement.disagreements import Disagreement
from codebench.agreement.model import AgreementOptions, AgreementResult, Comparison
from codebench.agreement.screen import ScreenTable, screen_table
from codebench.agreement.tables import agreement_table, disagreement_rows
from codebench.errors import CodebenchError
from codebench.services.agreement import agree, disagreements
from codebench.services.coders import CONSENSUS
from codebench.services.consensus import Resolved, resolutions, resolve
from codebench.services.documents.overview import project_summary
from codebench.services.project import Project
from codebench.services.viewer import Viewer

Decisions = dict[tuple[int, int, int, int], tuple[str, str | None, str | None]]


@dataclass(frozen=True)
class Review:
    """One agreement run as the screen shows it.

    ``rows`` are the disagreements (one dict each, as ``codebench disagreements`` lists them)
    in the order of ``found``; ``table`` the per-code figures as text; ``notes`` how units and
    the threshold were read.
    """

    options: AgreementOptions
    result: AgreementResult
    comparison: Comparison
    found: list[Disagreement]
    decisions: Decisions
    coding_counts: dict[str, int]
    rows: list[dict[str, Any]]
    table: ScreenTable
    notes: tuple[str, ...]


def default_coders(counts: dict[str, int]) -> tuple[str, ...]:
    """The two coders with the most codings, the consensus coder aside."""
    ranked = sorted((c for c in counts if c != CONSENSUS), key=lambda c: (-counts[c], c))
    return tuple(ranked[:2])


def load_review(
    project: Project,
    coders: tuple[str, ...],
    unit: str,
    threshold: float | None,
    bootstrap: int,
    *,
    viewer: Viewer,
) -> Review:
    """The run of these coders (none given: the two busiest), its disagreements and the
    decisions taken so far."""
    counts = project_summary(project, viewer=viewer).codings_by_coder
    coders = coders or default_coders(counts)
    if len(coders) < 2:
        raise CodebenchError("agreement needs two coders with codings")
    options = AgreementOptions(coders, unit, threshold, bootstrap=bootstrap)
    result = agree(project, options, viewer=viewer)
    comparison, found = disagreements(project, options, viewer=viewer)
    decided = resolutions(project, viewer=viewer)
    return Review(
        options,
        result,
        comparison,
        found,
        decided,
        counts,
        disagreement_rows(comparison, found, decided),
        screen_table(result),
        agreement_table(result).notes,
    )


def decide(
    project: Project,
    review: Review,
    key: str,
    decision: str,
    reviewer: str,
    coder: str | None,
    note: str | None,
    *,
    viewer: Viewer,
) -> tuple[Review, Resolved]:
    """Record ``decision`` on disagreement ``key``; the review with every decision since."""
    done = resolve(project, review.options, key, decision, reviewer, coder, note, viewer=viewer)
    decided = resolutions(project, viewer=viewer)
    rows = disagreement_rows(review.comparison, review.found, decided)
    return replace(review, decisions=decided, rows=rows), done


def substitutions(
    found: Sequence[Disagreement], coders: Sequence[str], paths: dict[int, str]
) -> list[tuple[int, str, str]]:
    """(units, code of the first coder(s), code the other coder(s) applied instead), most first.

    A substitution is listed once per unit and pair of codes (the coders' two disagreements on
    the unit, one for each code, are one confusion), from the first coder's side.
    """
    seen: set[tuple[str, int, frozenset[int]]] = set()
    counts: Counter[tuple[str, str]] = Counter()
    for item in found:
        if item.kind != "substitution" or item.substitute is None:
            continue
        key = (item.unit.document, item.unit.number, frozenset((item.code_id, item.substitute)))
        if key in seen:
            continue
        seen.add(key)
        first_applied = next((v.applied for v in item.coders if v.coder == coders[0]), False)
        mine, theirs = (
            (item.code_id, item.substitute) if first_applied else (item.substitute, item.code_id)
        )
        counts[(paths[mine], paths[theirs])] += 1
    return sorted(((n, a, b) for (a, b), n in counts.items()), key=lambda t: (-t[0], t[1], t[2]))
