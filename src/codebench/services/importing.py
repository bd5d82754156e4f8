"""Importing transcript files: parse, lay out, segment, and store each file in one transaction.

Parsing and sentence splitting happen before the transaction opens, so the database is locked
only for the inserts; a file that fails at any step leaves the project exactly as it was, and
the next file still imports.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from codebench.errors import CodebenchError, InputError
from codebench.importers import SUPPORTED, parse_file
from codebench.importers.render import RenderedTranscript, render
from codebench.segmentation.language import detect_language
from codebench.segmentation.pipeline import sentence_spans
from codebench.services.events import default_actor, record
from codebench.services.project import Project
from codebench.services.speakers import respondent_label, speaker_role
from codebench.storage import models
from codebench.storage.locks import serialise


@dataclass(frozen=True)
class ImportOptions:
    speaker_map: dict[str, str] | None = None
    interviewers: frozenset[str] = frozenset()
    language: str | None = None
    actor: str | None = None


@dataclass(frozen=True)
class ImportedDocument:
    path: Path
    name: str
    source_format: str
    language: str
    words: int
    speakers: tuple[str, ...]
    turns: int
    sentences: int


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one file: a document, or the one-line reason it was refused."""

    path: Path
    document: ImportedDocument | None = None
    error: str | None = None


@dataclass(frozen=True)
class _Prepared:
    path: Path
    sha256: str
    source_format: str
    rendered: RenderedTranscript
    language: str
    sentences: list[list[tuple[int, int]]]
    words: int


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus every supported file inside named folders (sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
            )
        else:
            files.append(path)
    return files


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror or exc})") from exc


def _prepare(path: Path, options: ImportOptions) -> _Prepared:
    raw = parse_file(path, options.speaker_map)  # first: it refuses a file beyond the limits
    sha = _sha256(path)
    rendered = render(raw)
    if not rendered.turns:
        raise InputError(path, "file is empty (no transcript text found)")
    language = options.language or detect_language(rendered.text)
    speech = [rendered.text[t.speech_start : t.end] for t in rendered.turns]
    sentences = list(sentence_spans(speech, language))
    words = sum(len(text.split()) for text in speech)
    return _Prepared(path, sha, raw.source_format, rendered, language, sentences, words)


# The advisory lock an import holds while it checks contents, names and respondents.
DOCUMENTS = "documents"


def _unique_name(session: Session, stem: str) -> str:
    """A free document name; callers hold the :data:`DOCUMENTS` lock, so two imports at once
    cannot both take it."""
    taken = set(
        session.scalars(select(models.Document.name).where(models.Document.name.like(f"{stem}%")))
    )
    name, n = stem, 2
    while name in taken:
        name, n = f"{stem} ({n})", n + 1
    return name


def _respondent(session: Session, label: str) -> models.Respondent:
    respondent = session.scalar(select(models.Respondent).where(models.Respondent.label == label))
    if respondent is None:
        respondent = models.Respondent(label=label)
        session.add(respondent)
        session.flush()
    return respondent


def _store(session: Session, prepared: _Prepared, options: ImportOptions) -> ImportedDocument:
    path = prepared.path
    serialise(session, DOCUMENTS)
    existing = session.scalar(
        select(models.Document.name).where(models.Document.sha256 == prepared.sha256)
    )
    if existing is not None:
        raise InputError(path, f"already imported as document '{existing}' (same content)")
    rendered = prepared.rendered
    document = models.Document(
        name=_unique_name(session, path.stem),
        file_name=path.name,
        source_format=prepared.source_format,
        sha256=prepared.sha256,
        text=rendered.text,
        language=prepared.language,
        word_count=prepared.words,
    )
    session.add(document)
    session.flush()

    speaker_ids: dict[str, int] = {}
    for turn in rendered.turns:
        if turn.speaker is None or turn.speaker in speaker_ids:
            continue
        role = speaker_role(turn.speaker, options.interviewers)
        respondent_id = None
        if role == "respondent":
            respondent_id = _respondent(session, respondent_label(turn.speaker, document.name)).id
        speaker = models.Speaker(
            document_id=document.id, label=turn.speaker, role=role, respondent_id=respondent_id
        )
        session.add(speaker)
        session.flush()
        speaker_ids[turn.speaker] = speaker.id

    turn_rows = [
        {
            "document_id": document.id,
            "speaker_id": speaker_ids.get(t.speaker) if t.speaker else None,
            "position": i,
            "start": t.start,
            "speech_start": t.speech_start,
            "end": t.end,
            "time_start": t.time_start,
            "time_end": t.time_end,
        }
        for i, t in enumerate(rendered.turns)
    ]
    session.execute(insert(models.Turn), turn_rows)
    turn_ids = session.scalars(
        select(models.Turn.id)
        .where(models.Turn.document_id == document.id)
        .order_by(models.Turn.position)
    ).all()
    sentence_rows: list[dict[str, int]] = []
    for turn, turn_id, spans in zip(rendered.turns, turn_ids, prepared.sentences, strict=True):
        for start, end in spans:
            sentence_rows.append(
                {
                    "document_id": document.id,
                    "turn_id": turn_id,
                    "position": len(sentence_rows),
                    "start": turn.speech_start + start,
                    "end": turn.speech_start + end,
                }
            )
    if sentence_rows:
        session.execute(insert(models.Sentence), sentence_rows)
    record(
        session,
        options.actor or default_actor(),
        "import",
        "document",
        document.id,
        {"file": path.name, "sha256": prepared.sha256, "format": prepared.source_format},
    )
    return ImportedDocument(
        path=path,
        name=document.name,
        source_format=prepared.source_format,
        language=prepared.language,
        words=prepared.words,
        speakers=tuple(speaker_ids),
        turns=len(turn_rows),
        sentences=len(sentence_rows),
    )


def import_file(project: Project, path: Path, options: ImportOptions) -> ImportedDocument:
    """Import one file, all or nothing; raises :class:`InputError` with a one-line reason."""
    prepared = _prepare(path, options)
    with project.transaction() as session:
        return _store(session, prepared, options)


def import_files(
    project: Project,
    paths: Iterable[Path],
    options: ImportOptions,
    progress: Callable[[ImportOutcome], None] | None = None,
) -> list[ImportOutcome]:
    """Import many files; each succeeds or fails on its own, in the order given."""
    outcomes = []
    for outcome in _import_each(project, expand_paths(paths), options):
        outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    return outcomes


def _import_each(
    project: Project, files: list[Path], options: ImportOptions
) -> Iterator[ImportOutcome]:
    for path in files:
        try:
            yield ImportOutcome(path, document=import_file(project, path, options))
        except CodebenchError as exc:
            yield ImportOutcome(path, error=str(exc))
