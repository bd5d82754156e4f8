"""The plain data of an agreement run: what was asked, what was read, what came out.

Importing this module loads no numerical library: a command can take its options before it
knows whether it will compute anything (the types of the results are named for the checker
only).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from codebench.agreement.analysis import CodeAgreement
    from codebench.agreement.tally import Matrix
    from codebench.agreement.units import UnitSet

DEFAULT_THRESHOLD = 0.5
"""θ of the overlap rule (see :mod:`~codebench.agreement.units`)."""
UNIT_KINDS = ("sentence", "turn", "char")
SPEAKERS = ("respondents", "all")
"""Whose speech makes units: respondents' turns only (the default: an interviewer's questions
and a transcript's header are not what is coded, and their many uncoded units inflate
agreement), or every turn."""


@dataclass(frozen=True)
class AgreementOptions:
    """What to compare: ``bootstrap`` replicates (0: no intervals) resampling ``bootstrap_by``
    units or documents (see :data:`~codebench.agreement.figure.RESAMPLED`)."""

    coders: tuple[str, ...]
    unit: str = "sentence"
    threshold: float | None = DEFAULT_THRESHOLD
    codes: str | None = None
    bootstrap: int = 0
    seed: int = 0
    speakers: str = "respondents"
    bootstrap_by: str = "unit"


@dataclass(frozen=True)
class AgreementResult:
    options: AgreementOptions
    codes: list[CodeAgreement]
    pooled: CodeAgreement
    documents: int
    units: int
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    """Everything an agreement run reads and computes, kept for listing disagreements."""

    options: AgreementOptions
    unit_set: UnitSet
    matrices: dict[int, Matrix]
    spans: dict[int, dict[tuple[str, str], list[tuple[int, int]]]]
    paths: dict[int, str]
    texts: dict[str, str]
    document_ids: dict[str, int]
    missing: set[tuple[str, str]]
