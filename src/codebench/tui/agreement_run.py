"""One agreement run as the agreement screen holds it, and what the screen derives from it
without Textual: the default pair of coders and the tally of substituted codes.

The screen computes a run in a worker thread and hands this over whole, so the overview and
the review always show the same run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from codebench.agreement.disagreements import Disagreement
from codebench.agreement.model import AgreementOptions, AgreementResult, Comparison
from codebench.services.consensus import CONSENSUS


@dataclass(frozen=True)
class Loaded:
    """One agreement run as the screen shows it."""

    options: AgreementOptions
    result: AgreementResult
    comparison: Comparison
    found: list[Disagreement]
    decisions: dict[tuple[int, int, int, int], tuple[str, str | None, str | None]]
    coding_counts: dict[str, int]


def default_coders(counts: dict[str, int]) -> tuple[str, ...]:
    """The two coders with the most codings, the consensus coder aside."""
    ranked = sorted((c for c in counts if c != CONSENSUS), key=lambda c: (-counts[c], c))
    return tuple(ranked[:2])


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
