"""Inter-coder agreement as use cases: compare coders, list disagreements, mark progress.

Data is missing only where a coder was not assigned a document or has not finished it. A
project that records no assignments for a coder treats every document as finished by them;
once a coder has assignments, only the documents marked done count for that coder.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebench.agreement.analysis import UnitSet, agreement_for, code_matrix, pooled
from codebench.agreement.disagreements import Disagreement, find_disagreements
from codebench.agreement.model import AgreementOptions, AgreementResult, Comparison
from codebench.agreement.units import UNIT_KINDS, Unit
from codebench.errors import CodebenchError
from codebench.services.codes import code_paths, find_code, find_coder
from codebench.services.events import default_actor, record
from codebench.services.overview import find_document
from codebench.services.project import Project
from codebench.storage import models

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


def _units(session: Session, kind: str, texts: dict[str, str]) -> list[Unit]:
    speakers = dict(session.execute(select(models.Speaker.id, models.Speaker.label)).all())
    names = dict(session.execute(select(models.Document.id, models.Document.name)).all())
    core = session.connection()
    turns = core.execute(
        select(
            models.Turn.id,
            models.Turn.document_id,
            models.Turn.position,
            models.Turn.speech_start,
            models.Turn.end,
            models.Turn.speaker_id,
        ).order_by(models.Turn.document_id, models.Turn.position)
    ).all()
    turn_info = {t.id: (t.position, speakers.get(t.speaker_id)) for t in turns}
    units: list[Unit] = []
    if kind == "sentence":
        for doc_id, turn_id, position, start, end in core.execute(
            select(
                models.Sentence.document_id,
                models.Sentence.turn_id,
                models.Sentence.position,
                models.Sentence.start,
                models.Sentence.end,
            ).order_by(models.Sentence.document_id, models.Sentence.position)
        ).all():
            turn, speaker = turn_info[turn_id]
            units.append(Unit(names[doc_id], position + 1, start, end, turn, speaker))
    else:
        for turn in turns:
            if turn.end <= turn.speech_start:
                continue
            speaker = speakers.get(turn.speaker_id)
            name = names[turn.document_id]
            if kind == "turn":
                units.append(
                    Unit(
                        name, turn.position + 1, turn.speech_start, turn.end, turn.position, speaker
                    )
                )
            else:
                text = texts[name]
                units.extend(
                    Unit(name, i + 1, i, i + 1, turn.position, speaker)
                    for i in range(turn.speech_start, turn.end)
                    if not text[i].isspace()
                )
    return units


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


def compare(project: Project, options: AgreementOptions, with_texts: bool = False) -> Comparison:
    """Read units and the coders' spans and build one coders x units matrix per code
    (with the documents' texts when the caller will show passages)."""
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
        units = _units(session, options.unit, texts)
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
    unit_set = UnitSet.build(units)
    order = {cid: i for i, cid in enumerate(sorted(paths, key=lambda c: paths[c]))}
    matrices = {
        code_id: code_matrix(unit_set, options.coders, by_coder, missing, options.threshold)
        for code_id, by_coder in sorted(spans.items(), key=lambda item: order[item[0]])
    }
    return Comparison(options, unit_set, matrices, dict(spans), paths, texts, document_ids, missing)


def agree(project: Project, options: AgreementOptions) -> AgreementResult:
    """Per-code and pooled agreement between the coders."""
    comparison = compare(project, options)
    coders = options.coders
    per_code = [
        agreement_for(comparison.paths[code_id], matrix, coders, options.bootstrap, options.seed)
        for code_id, matrix in comparison.matrices.items()
    ]
    total = pooled(list(comparison.matrices.values()), coders, options.bootstrap, options.seed)
    warnings = (CHAR_WARNING,) if options.unit == "char" else ()
    return AgreementResult(
        options,
        per_code,
        total,
        len(comparison.unit_set.offsets),
        len(comparison.unit_set.units),
        warnings,
    )


def disagreements(
    project: Project, options: AgreementOptions
) -> tuple[Comparison, list[Disagreement]]:
    comparison = compare(project, options, with_texts=True)
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
