"""Pseudonymising a project: plan the replacements, review them, apply them in one go.

``plan_pseudonymisation`` finds every replacement (read-only; ``--dry-run`` and the review
screen show it); ``apply_plan`` makes them in one transaction, rewrites what points into the
text, and keeps the key beside the project. ``pseudonymise_documents`` does both for callers
that do not review, such as ``import --pseudonymise`` on the documents it just imported.
"""

from __future__ import annotations

from collections.abc import Sequence

from codebench.services.project import Project
from codebench.services.pseudonymisation.apply import Applied, apply_plan
from codebench.services.pseudonymisation.plan import Finding, Plan, plan_pseudonymisation

__all__ = [
    "Applied",
    "Finding",
    "Plan",
    "apply_plan",
    "plan_pseudonymisation",
    "pseudonymise_documents",
]


def pseudonymise_documents(
    project: Project,
    documents: Sequence[str] = (),
    *,
    actor: str,
    exclude: Sequence[str] = (),
    include: Sequence[str] = (),
) -> Applied:
    """Pseudonymise ``documents`` (all when empty) without review, as one transaction."""
    plan = plan_pseudonymisation(project, documents, exclude=exclude, include=include)
    return apply_plan(project, plan, actor=actor)
