"""Inter-coder agreement as use cases: compare coders, list disagreements, mark progress.

Data is missing only where a coder was not assigned a document or has not finished it. A
project that records no assignments for a coder treats every document as finished by them;
once a coder has assignments, only the documents marked done count for that coder.

Comparing coders shows each one's codings beside the others', so every reading use case here
is refused to a viewer who codes blind.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from itertools import chain

import numpy as np
import numpy.typing as npt
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from codebench.agreement.analysis import agreement_figures, code_matrix
from codebench.agreement.disagreements import Disagreement, find_disagreements
from codebench.agreement.model import AgreementOptions, AgreementResult, Comparison
from codebench.agreement.units import UNIT_KINDS, UnitSet
from codebench.environment import default_actor
from codebench.errors import CodebenchError
from codebench.services.codebook.lookup import code_paths, find_code
from codebench.services.coders import find_coder
from codebench.services.documents.overview import find_document
from codebench.services.events import record
from codebench.services.project import Project
from codebench.services.viewer import Viewer
from codebench.storage import models

_NOT_SPACE = re.compile(r"\S")
CHAR_WARNING = (
    "character units (as NVivo counts) weigh long passages heavily and ignore sentence "
    "structure; prefer sentence units for reporting"
)


def _check_options(options: AgreementOptions) -> None:
    if len(options.coders) < 2 or len(set(options.coders)) != len(options.coders):
        raise CodebenchError("name at least two different coders")
    if options.unit not in UNIT_KINDS:
        raise CodebenchError(f"unknown unit '{options.unit}' (one of {', '.join(UNIT_KINDS)})")
    if options.threshold is not None and not 0 < options.threshold <= 1:
        raise CodebenchError("the threshold must lie in (0, 1]")


def _units(session: Session, kind: str, texts: dict[str, str]) -> UnitSet:
    """Every unit of the project, as columns: a project has a unit per sentence, so they are
    read as plain integers and arranged with numpy, never one object per unit."""
    speakers = dict(session.execute(select(models.Speaker.id, models.Speaker.label)).all())
    names = dict(session.execute(select(models.Document.id, models.Document.name)).all())
    core = session.connection()
    turn_id, turn_doc, turn_position, speech_start, turn_end, turn_speaker = _columns(
        core.execute(
            select(
                models.Turn.id,
                models.Turn.document_id,
                models.Turn.position,
                models.Turn.speech_start,
                models.Turn.end,
                func.coalesce(models.Turn.speaker_id, -1),
            ).order_by(models.Turn.document_id, models.Turn.position)
        ).all(),
        6,
    )
    if kind == "sentence":
        doc, turn, position, start, end = _columns(
            core.execute(
                select(
                    models.Sentence.document_id,
                    models.Sentence.turn_id,
                    models.Sentence.position,
                    models.Sentence.start,
                    models.Sentence.end,
                ).order_by(models.Sentence.document_id, models.Sentence.position)
            ).all(),
            5,
        )
        rows = _lookup(turn_id.tolist())[turn]
        columns = (start, end, position + 1, turn_position[rows])
    else:
        rows = np.flatnonzero(turn_end > speech_start)
        if kind == "turn":
            start, end = speech_start[rows], turn_end[rows]
            columns = (start, end, turn_position[rows] + 1, turn_position[rows])
        else:
            found = [
                [m.start() for m in _NOT_SPACE.finditer(texts[names[d]], s, e)]
                for d, s, e in zip(
                    turn_doc[rows].tolist(),
                    speech_start[rows].tolist(),
                    turn_end[rows].tolist(),
                    strict=True,
                )
            ]
            rows = np.repeat(rows, [len(f) for f in found])
            start = np.fromiter(chain.from_iterable(found), dtype=np.int64, count=len(rows))
            columns = (start, start + 1, start + 1, turn_position[rows])
        doc = turn_doc[rows]
    speaker = _lookup([-1, *speakers], shift=1)[turn_speaker[rows] + 1]
    return UnitSet.from_columns(
        list(names.values()),
        _lookup(list(names))[doc],
        columns,
        speaker,
        [None, *speakers.values()],
    )


def _columns(rows: Sequence[Sequence[int]], width: int) -> npt.NDArray[np.int64]:
    """Query rows of ``width`` integers as ``width`` arrays (one per column)."""
    flat = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=len(rows) * width)
    return flat.reshape(len(rows), width).T.copy()


def _lookup(keys: Sequence[int], shift: int = 0) -> npt.NDArray[np.int64]:
    """An array that maps each of ``keys`` (small non-negative ids once shifted) to its
    position in ``keys``."""
    table = np.zeros(max(keys, default=0) + shift + 1, dtype=np.int64)
    table[np.asarray(keys, dtype=np.int64) + shift] = np.arange(len(keys))
    return table


def _missing(
    session: Session, coders: Sequence[str], documents: Sequence[str]
) -> set[tuple[str, str]]:
    rows = session.execute(
        select(models.Coder.name, models.Document.name, models.Assignment.status)
        .join(models.Coder, models.Assignment.coder_id == models.Coder.id)
        .join(models.Document, models.Assignment.document_id == models.Document.id)
        .where(models.Coder.name.in_(coders))
    ).all()
    done: dict[str, set[str]] = defaultdict(set)
    tracked = set()
    for coder, document, status in rows:
        tracked.add(coder)
        if status == "done":
            done[coder].add(document)
    return {(c, d) for c in tracked for d in documents if d not in done[c]}


def compare(
    project: Project, options: AgreementOptions, with_texts: bool = False, *, viewer: Viewer
) -> Comparison:
    """Read units and the coders' spans and build one coders x units matrix per code
    (with the documents' texts when the caller will show passages)."""
    viewer.refuse_if_blind("agreement")
    _check_options(options)
    with project.reading() as session:
        for coder in options.coders:
            find_coder(session, coder)
        paths = code_paths(session)
        keep = set(paths)
        if options.codes:
            root = find_code(session, options.codes)
            prefix = paths[root.id]
            keep = {cid for cid, p in paths.items() if p == prefix or p.startswith(prefix + " > ")}
        texts = (
            dict(session.execute(select(models.Document.name, models.Document.text)).all())
            if with_texts or options.unit == "char"
            else {}
        )
        document_ids = dict(session.execute(select(models.Document.name, models.Document.id)).all())
        unit_set = _units(session, options.unit, texts)
        spans: dict[int, dict[tuple[str, str], list[tuple[int, int]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for code_id, coder, document, start, end in (
            session.connection()
            .execute(
                select(
                    models.Coding.code_id,
                    models.Coder.name,
                    models.Document.name,
                    models.Coding.start,
                    models.Coding.end,
                )
                .join(models.Coder, models.Coding.coder_id == models.Coder.id)
                .join(models.Document, models.Coding.document_id == models.Document.id)
                .where(models.Coder.name.in_(options.coders))
            )
            .all()
        ):
            if code_id in keep:
                spans[code_id][(coder, document)].append((start, end))
        missing = _missing(session, options.coders, list(document_ids))
    order = {cid: i for i, cid in enumerate(sorted(paths, key=lambda c: paths[c]))}
    matrices = {
        code_id: code_matrix(unit_set, options.coders, by_coder, missing, options.threshold)
        for code_id, by_coder in sorted(spans.items(), key=lambda item: order[item[0]])
    }
    return Comparison(options, unit_set, matrices, dict(spans), paths, texts, document_ids, missing)


def agree(project: Project, options: AgreementOptions, *, viewer: Viewer) -> AgreementResult:
    """Per-code and pooled agreement between the coders."""
    comparison = compare(project, options, viewer=viewer)
    matrices = {comparison.paths[code_id]: m for code_id, m in comparison.matrices.items()}
    per_code, total = agreement_figures(matrices, options.coders, options.bootstrap, options.seed)
    warnings = (CHAR_WARNING,) if options.unit == "char" else ()
    return AgreementResult(
        options,
        per_code,
        total,
        len(comparison.unit_set.documents),
        len(comparison.unit_set.starts),
        warnings,
    )


def disagreements(
    project: Project, options: AgreementOptions, *, viewer: Viewer
) -> tuple[Comparison, list[Disagreement]]:
    comparison = compare(project, options, with_texts=True, viewer=viewer)
    found = find_disagreements(
        comparison.unit_set, options.coders, comparison.matrices, comparison.spans
    )
    return comparison, found


def mark_assignment(
    project: Project, documents: Sequence[str], coder: str, status: str, actor: str | None = None
) -> int:
    """Assign documents to a coder, or mark them done (which also assigns them)."""
    if status not in ("assigned", "done"):
        raise CodebenchError("status is 'assigned' or 'done'")
    with project.transaction() as session:
        coder_row = find_coder(session, coder)
        for name in documents:
            document = find_document(session, name)
            row = session.get(models.Assignment, (document.id, coder_row.id))
            if row is None:
                session.add(
                    models.Assignment(document_id=document.id, coder_id=coder_row.id, status=status)
                )
            else:
                row.status, row.updated_at = status, models.utcnow()
            record(
                session,
                actor or default_actor(),
                f"mark_{status}",
                "document",
                document.id,
                {"coder": coder},
            )
        return len(documents)
