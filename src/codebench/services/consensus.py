"""Settling disagreements into a consensus coder whose codings reports can use.

The consensus starts from what the coders agree on (the first coder's spans on units where
every coder applied the code) and grows by the reviewer's decisions, one disagreement at a
time: accept one coder's version, merge the coders' spans, or flag a codebook issue. Every
change to the consensus codings goes through the event log like any coder's. Reviewing sets
the coders' codings side by side, so all of it is refused to a viewer who codes blind.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebench.agreement.disagreements import Disagreement, disagreement_key
from codebench.agreement.model import AgreementOptions, Comparison
from codebench.agreement.units import overlap_ratio
from codebench.errors import CodebenchError
from codebench.services.agreement import compare, disagreements
from codebench.services.coders import CONSENSUS, get_or_create_coder
from codebench.services.coding.changes import create_coding, delete_coding
from codebench.services.project import Project
from codebench.services.viewer import Viewer
from codebench.storage import models

DECISIONS = ("accept", "merge", "codebook", "open")


@dataclass(frozen=True)
class Resolved:
    key: str
    decision: str
    added: int
    removed: int


def _consensus_codings(
    session: Session, consensus_id: int, document_id: int, code_id: int, start: int, end: int
) -> list[models.Coding]:
    return list(
        session.scalars(
            select(models.Coding).where(
                models.Coding.coder_id == consensus_id,
                models.Coding.document_id == document_id,
                models.Coding.code_id == code_id,
                models.Coding.start < end,
                models.Coding.end > start,
            )
        )
    )


def start_consensus(
    project: Project, options: AgreementOptions, reviewer: str, *, viewer: Viewer
) -> int:
    """Copy into the consensus every span of the first coder on which all coders agree."""
    comparison = compare(project, options, viewer=viewer)
    first = options.coders[0]
    added = 0
    with project.transaction() as session:
        consensus = get_or_create_coder(session, CONSENSUS)
        if session.scalar(select(models.Coding.id).where(models.Coding.coder_id == consensus.id)):
            raise CodebenchError("the consensus coder already has codings; resolve from there")
        for code_id, matrix in comparison.matrices.items():
            for (coder, document), spans in comparison.spans[code_id].items():
                if coder != first or document not in comparison.unit_set.offsets:
                    continue  # another coder's, or a document with no units compared
                base, starts, ends = comparison.unit_set.offsets[document]
                for span in spans:
                    units = [
                        base + i
                        for i in range(len(starts))
                        if overlap_ratio(span, (starts[i], ends[i])) > 0
                    ]
                    if units and all((matrix[:, u] == 1).all() for u in units):
                        values = {
                            "document_id": comparison.document_ids[document],
                            "code_id": code_id,
                            "coder_id": consensus.id,
                            "start": span[0],
                            "end": span[1],
                        }
                        create_coding(session, reviewer, values, extra={"consensus": "agreed"})
                        added += 1
    return added


def resolve(
    project: Project,
    options: AgreementOptions,
    key: str,
    decision: str,
    reviewer: str,
    coder: str | None = None,
    note: str | None = None,
    *,
    viewer: Viewer,
) -> Resolved:
    """Record a decision on one disagreement and change the consensus codings to match."""
    viewer.refuse_if_blind("resolving a disagreement")
    if decision not in DECISIONS:
        raise CodebenchError(f"decision is one of {', '.join(DECISIONS)}")
    if decision == "accept" and coder not in options.coders:
        raise CodebenchError(f"accept which coder? one of {', '.join(options.coders)}")
    comparison, found = disagreements(project, options, viewer=viewer)
    target = next((d for d in found if disagreement_key(d) == key), None)
    if target is None:
        raise CodebenchError(f"no disagreement '{key}' (see 'codebench disagreements')")
    return _apply(project, comparison, target, key, decision, reviewer, coder, note)


def _apply(
    project: Project,
    comparison: Comparison,
    target: Disagreement,
    key: str,
    decision: str,
    reviewer: str,
    coder: str | None,
    note: str | None,
) -> Resolved:
    unit = target.unit
    document_id = comparison.document_ids[unit.document]
    added = removed = 0
    with project.transaction() as session:
        consensus = get_or_create_coder(session, CONSENSUS)
        wanted: list[tuple[int, int]] = []
        if decision == "accept":
            view = next(v for v in target.coders if v.coder == coder)
            if view.applied and view.span is not None:
                wanted = [view.span]
        elif decision == "merge":
            spans = [v.span for v in target.coders if v.span is not None]
            if spans:
                wanted = [(min(s[0] for s in spans), max(s[1] for s in spans))]
        if decision in ("accept", "merge"):
            for existing in _consensus_codings(
                session, consensus.id, document_id, target.code_id, unit.start, unit.end
            ):
                delete_coding(session, reviewer, existing, extra={"consensus": key})
                removed += 1
            for start, end in wanted:
                values = {
                    "document_id": document_id,
                    "code_id": target.code_id,
                    "coder_id": consensus.id,
                    "start": start,
                    "end": end,
                }
                create_coding(session, reviewer, values, extra={"consensus": key})
                added += 1
        row = session.scalar(
            select(models.Resolution).where(
                models.Resolution.document_id == document_id,
                models.Resolution.code_id == target.code_id,
                models.Resolution.unit_start == unit.start,
                models.Resolution.unit_end == unit.end,
            )
        )
        if row is None:
            row = models.Resolution(
                document_id=document_id,
                code_id=target.code_id,
                unit_start=unit.start,
                unit_end=unit.end,
                reviewer=reviewer,
                decision=decision,
            )
            session.add(row)
        row.decision, row.coder, row.note, row.reviewer = decision, coder, note, reviewer
        row.decided_at = models.utcnow()
    return Resolved(key, decision, added, removed)


def resolutions(
    project: Project, *, viewer: Viewer
) -> dict[tuple[int, int, int, int], tuple[str, str | None, str | None]]:
    """(document id, code id, unit start, unit end) -> (decision, coder, note)."""
    viewer.refuse_if_blind("the review of disagreements")
    with project.reading() as session:
        return {
            (r.document_id, r.code_id, r.unit_start, r.unit_end): (r.decision, r.coder, r.note)
            for r in session.scalars(select(models.Resolution))
        }
