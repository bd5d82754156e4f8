"""Inter-coder agreement as use cases: compare coders, list disagreements, mark progress.

Data is missing only where a coder was not assigned a document or has not finished it. A
project that records no assignments for a coder treats every document as finished by them;
once a coder has assignments, only the documents marked done count for that coder.

Units are sentences (or turns, or characters) of the respondents' turns by default: an
interviewer's questions and a header block nobody speaks are not what is coded, and their many
units nobody codes would inflate percent agreement and AC1. ``speakers="all"`` counts every
turn.

Comparing coders shows each one's codings beside the others', so every reading use case here
is refused to a viewer who codes blind.

A coder named ``model:anna`` is the suggestion model trained on anna's codings
(:mod:`codebench.services.suggestions.model_coder`), compared like any coder.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any, cast

import numpy as np
import numpy.typing as npt
from sqlalchemy import CursorResult, Select, func, select
from sqlalchemy.orm import Session

from codebench.agreement.analysis import code_matrices, code_tallies, figures_from_tallies
from codebench.agreement.disagreements import Disagreement, find_disagreements
from codebench.agreement.figure import RESAMPLED, Resampling
from codebench.agreement.model import SPEAKERS, AgreementOptions, AgreementResult, Comparison
from codebench.agreement.units import UNIT_KINDS, UnitSet
from codebench.environment import default_actor
from codebench.errors import CodebenchError
from codebench.i18n import N_
from codebench.i18n.phrase import Phrase
from codebench.services.codebook.lookup import code_paths, find_code
from codebench.services.coders import find_coder
from codebench.services.documents.overview import find_document
from codebench.services.events import record
from codebench.services.project import Project
from codebench.services.suggestions import MODEL_CODER
from codebench.services.viewer import Viewer
from codebench.storage import models

_NOT_SPACE = re.compile(r"\S")
Ints = npt.NDArray[np.int64]
CHAR_WARNING = N_(
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
    if options.speakers not in SPEAKERS:
        raise CodebenchError(f"speakers are one of {', '.join(SPEAKERS)}")
    if options.bootstrap_by not in RESAMPLED:
        raise CodebenchError(f"the bootstrap resamples one of {', '.join(RESAMPLED)}")


def _units(
    session: Session, kind: str, speakers_kept: str, texts: dict[str, str]
) -> tuple[UnitSet, list[str]]:
    """Every unit of the project in the turns of the speakers kept, as columns, and the
    documents that have speech but no unit in those turns: a project has a unit per
    sentence, so they are read as plain integers and arranged with numpy, never one object
    per unit."""
    labels: dict[int, str] = {}
    respondents: list[int] = []
    for speaker_id, label, role in session.execute(
        select(models.Speaker.id, models.Speaker.label, models.Speaker.role)
    ):
        labels[speaker_id] = label
        if role == "respondent":
            respondents.append(speaker_id)
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
        ),
        6,
    )
    spoken = turn_end > speech_start
    respondents_only = speakers_kept == "respondents"
    if kind == "sentence":
        doc, turn, position, start, end = _columns(core.execute(_sentences(respondents_only)), 5)
        rows = _lookup(turn_id.tolist())[turn]
        columns = (start, end, position + 1, turn_position[rows])
    else:
        kept = spoken & np.isin(turn_speaker, respondents) if respondents_only else spoken
        rows = np.flatnonzero(kept)
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
    speaker = _lookup([-1, *labels], shift=1)[turn_speaker[rows] + 1]
    unit_set = UnitSet.from_columns(
        list(names.values()),
        _lookup(list(names))[doc],
        columns,
        speaker,
        [None, *labels.values()],
    )
    silent = set(turn_doc[spoken].tolist()) - set(doc.tolist())
    return unit_set, sorted(names[d] for d in silent)


def _sentences(respondents_only: bool) -> Select[int, int, int, int, int]:
    """The sentences as (document, turn, position, start, end), in document order; only
    those in respondents' turns when asked (filtered by the database, so the others are
    never read)."""
    query = select(
        models.Sentence.document_id,
        models.Sentence.turn_id,
        models.Sentence.position,
        models.Sentence.start,
        models.Sentence.end,
    ).order_by(models.Sentence.document_id, models.Sentence.position)
    if not respondents_only:
        return query
    respondent_turns = (
        select(models.Turn.id)
        .join(models.Speaker, models.Turn.speaker_id == models.Speaker.id)
        .where(models.Speaker.role == "respondent")
    )
    return query.where(models.Sentence.turn_id.in_(respondent_turns))


def _columns(result: CursorResult[Any], width: int) -> npt.NDArray[np.int64]:
    """A query's rows of ``width`` integers as ``width`` arrays (one per column).

    The rows stream from the database driver's cursor straight into the array: no list of
    100,000s of rows (which costs as much again in allocation and garbage collection as
    reading them) and no row object per row (integers need no conversion by SQLAlchemy;
    reading the driver's tuples is a quarter faster on both SQLite and PostgreSQL)."""
    try:
        # sqlite3's and psycopg's cursors iterate over their rows (PEP 249's extension).
        rows = cast(Iterable[Sequence[int]], result.cursor)
        flat = np.fromiter(chain.from_iterable(rows), dtype=np.int64)
    finally:
        result.close()
    return flat.reshape(-1, width).T.copy()


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


@dataclass(frozen=True)
class _Reading:
    """What a run reads from the project, before any matrix is made.

    ``codings`` are the compared coders' spans of the compared codes as columns (code id,
    coder's index in the options, document id, start, end), in the order the database gives.
    """

    unit_set: UnitSet
    paths: dict[int, str]
    texts: dict[str, str]
    document_ids: dict[str, int]
    missing: set[tuple[str, str]]
    codings: npt.NDArray[np.int64]
    silent: list[str]
    """Documents with units, none of them in the turns of the speakers compared."""


def _read(project: Project, options: AgreementOptions, with_texts: bool) -> _Reading:
    """Units, the compared coders' codings (as integers: no names per row), the codebook's
    paths and the missing data, in one read transaction."""
    virtual = [i for i, coder in enumerate(options.coders) if coder.startswith(MODEL_CODER)]
    with project.reading() as session:
        humans = [i for i in range(len(options.coders)) if i not in virtual]
        coder_ids = [find_coder(session, options.coders[i]).id for i in humans]
        paths = code_paths(session)
        keep: set[int] | None = None
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
        unit_set, silent = _units(session, options.unit, options.speakers, texts)
        code_id, coder_id, document_id, start, end = _columns(
            session.connection().execute(
                select(
                    models.Coding.code_id,
                    models.Coding.coder_id,
                    models.Coding.document_id,
                    models.Coding.start,
                    models.Coding.end,
                ).where(models.Coding.coder_id.in_(coder_ids))
            ),
            5,
        )
        missing = _missing(session, options.coders, list(document_ids))
    coder = np.asarray(humans, dtype=np.int64)[_lookup(coder_ids)[coder_id]]
    codings = np.stack([code_id, coder, document_id, start, end])
    if virtual:
        codings = np.hstack([codings, *_model_codings(project, options, virtual)])
    if keep is not None:
        codings = codings[:, np.isin(codings[0], np.fromiter(keep, dtype=np.int64))]
    return _Reading(unit_set, paths, texts, document_ids, missing, codings, silent)


def _model_codings(
    project: Project, options: AgreementOptions, indexes: Sequence[int]
) -> list[npt.NDArray[np.int64]]:
    """The codings of the models named ``model:CODER`` among the coders, as columns like the
    coders' own (code id, coder's index, document id, start, end); loaded only when asked
    for, since training one loads scikit-learn and spaCy."""
    from codebench.services.suggestions.model_coder import model_codings

    found = []
    for index in indexes:
        code_id, document_id, start, end = model_codings(project, options.coders[index])
        found.append(np.stack([code_id, np.full_like(code_id, index), document_id, start, end]))
    return found


def _placed(reading: _Reading) -> tuple[list[int], tuple[Ints, Ints, Ints, Ints]]:
    """The codes the coders applied, in the codebook's order of paths, and the spans as
    (code index, coder index, start, end) columns in the unit set's global coordinates (each
    document's offsets shifted by its ``bases``); spans in a document without units are
    dropped."""
    code_id, coder, document_id, start, end = reading.codings
    paths = reading.paths
    present = sorted(set(code_id.tolist()), key=lambda c: paths[c])
    code = _lookup(present)[code_id]
    shift = np.full(max(reading.document_ids.values(), default=0) + 1, -1, dtype=np.int64)
    for name, base in reading.unit_set.bases.items():
        shift[reading.document_ids[name]] = base
    base = shift[document_id]
    placed = base >= 0
    return present, (
        code[placed],
        coder[placed],
        start[placed] + base[placed],
        end[placed] + base[placed],
    )


def compare(
    project: Project, options: AgreementOptions, with_texts: bool = False, *, viewer: Viewer
) -> Comparison:
    """Read units and the coders' spans and build one coders x units matrix per code
    (with the documents' texts when the caller will show passages)."""
    viewer.refuse_if_blind("agreement")
    _check_options(options)
    reading = _read(project, options, with_texts)
    names = {document_id: name for name, document_id in reading.document_ids.items()}
    spans: dict[int, dict[tuple[str, str], list[tuple[int, int]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for code_id, coder, document_id, start, end in zip(*reading.codings.tolist(), strict=True):
        spans[code_id][(options.coders[coder], names[document_id])].append((start, end))
    present, placed = _placed(reading)
    stack = code_matrices(
        reading.unit_set,
        options.coders,
        len(present),
        placed,
        reading.missing,
        options.threshold,
    )
    return Comparison(
        options,
        reading.unit_set,
        {code_id: stack[i] for i, code_id in enumerate(present)},
        dict(spans),
        reading.paths,
        reading.texts,
        reading.document_ids,
        reading.missing,
    )


def agree(project: Project, options: AgreementOptions, *, viewer: Viewer) -> AgreementResult:
    """Per-code and pooled agreement between the coders, counted straight from the spans:
    no matrix is made (see :func:`~codebench.agreement.analysis.code_tallies`)."""
    viewer.refuse_if_blind("agreement")
    _check_options(options)
    reading = _read(project, options, with_texts=False)
    present, placed = _placed(reading)
    resampling = Resampling(options.bootstrap, options.seed, options.bootstrap_by)
    counted = code_tallies(
        reading.unit_set,
        options.coders,
        len(present),
        placed,
        reading.missing,
        options.threshold,
        by_document=resampling.replicates > 0 and resampling.by == "document",
    )
    tallies = {reading.paths[code_id]: t for code_id, t in zip(present, counted, strict=True)}
    per_code, total = figures_from_tallies(tallies, options.coders, resampling)
    warnings = _warnings(options, reading.silent)
    return AgreementResult(
        options,
        per_code,
        total,
        len(reading.unit_set.documents),
        len(reading.unit_set.starts),
        warnings,
    )


def _warnings(options: AgreementOptions, silent: Sequence[str]) -> tuple[Phrase, ...]:
    """What the reader of the figures should know about the run: character units, and
    documents that gave no units because nobody but the interviewer speaks in them (phrases,
    so a report document says them in its own language)."""
    warnings = [CHAR_WARNING] if options.unit == "char" else []
    if silent:
        shown = ", ".join(silent[:3]) + (", …" if len(silent) > 3 else "")
        warnings.append(
            N_(
                "documents without respondent turns gave no units ({count}: {shown}); "
                "--speakers all counts every turn",
                count=len(silent),
                shown=shown,
            )
        )
    return tuple(warnings)


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
