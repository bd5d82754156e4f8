"""Importing transcript files: parse, lay out, segment, and store each file all or nothing.

Parsing and sentence splitting happen before the transaction opens, so the database is locked
only for the inserts; a file that fails at any step leaves the project exactly as it was, and
the next file still imports. A folder's files are stored a few at a time, each in a savepoint
of its own inside one transaction (one commit for about half a second of parsing), and each is
reported only once that transaction has committed.
"""

from __future__ import annotations

import hashlib
import time
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebench.collector import few_collections
from codebench.environment import default_actor
from codebench.errors import CodebenchError, InputError
from codebench.files.limits import MAX_TOTAL_BYTES
from codebench.importers import SUPPORTED, parse_file
from codebench.importers.model import RawTranscript, RawTurn
from codebench.importers.render import RenderedTranscript, render
from codebench.segmentation.language import detect_language
from codebench.segmentation.pipeline import sentence_spans
from codebench.services.documents.removal import (
    DOCUMENTS,
    REPLACE_DOCUMENT,
    free_document_name,
    replace_recorded,
)
from codebench.services.documents.speakers import respondent_label, speaker_role
from codebench.services.documents.structure import Structure, TurnBlock, replace_structure
from codebench.services.events import record
from codebench.services.project import Project
from codebench.storage import models
from codebench.storage.locks import serialise
from codebench.storage.models import utcnow

_BATCH_SECONDS = 0.5
"""Files parsed for about this long (wall time) are stored in one transaction."""

_BLOCK_TURNS = 10_000
"""Turns stored with one insert (and their sentences with another): the rows of a long file
(a subtitle file of a million cues makes a million sentences) are made a block at a time."""


@dataclass(frozen=True)
class ImportOptions:
    """How to read the files: ``speaker_map`` renames labels, ``interviewers`` names who
    interviews, ``alternate`` gives unlabelled turns these speakers in turn, and ``replace``
    re-imports a file that is already in the project."""

    speaker_map: dict[str, str] | None = None
    interviewers: frozenset[str] = frozenset()
    language: str | None = None
    actor: str | None = None
    alternate: tuple[str, ...] = ()
    replace: bool = False


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
    replaced: bool = False


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one file: a document, the one-line reason it was refused, or the
    document it is already in the project as (``skipped``: same content, not imported again,
    as when an import is run again after it was interrupted)."""

    path: Path
    document: ImportedDocument | None = None
    error: str | None = None
    skipped: str | None = None


class AlreadyImported(InputError):
    """The file's content is in the project already, as document ``name``."""

    def __init__(self, path: Path, name: str) -> None:
        super().__init__(
            path,
            f"already imported as document '{name}' (same content; "
            "--replace imports it again, keeping its codings)",
        )
        self.name = name


@dataclass(frozen=True)
class _Sentences:
    """The sentences of a document in order, a column for each field: the index of the turn
    each is in, and its offsets in the text (arrays: a long file has a million)."""

    turns: array[int]
    starts: array[int]
    ends: array[int]


@dataclass(frozen=True)
class _Prepared:
    """A file parsed, laid out and split into sentences, ready to store; what it was parsed
    from is let go (a long subtitle file's parsed turns take more memory than all this)."""

    path: Path
    sha256: str
    source_format: str
    interviewers: frozenset[str]
    rendered: RenderedTranscript
    language: str
    sentences: _Sentences
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
        with path.open("rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror or exc})") from exc


def _alternate_speakers(raw: RawTranscript, speakers: Sequence[str]) -> RawTranscript:
    """Give the turns without a speaker the ``speakers`` in turn (I, R, I, R, ...): the
    usual shape of a typed interview whose typist left the labels out."""
    names = [" ".join(name.split()) for name in speakers]
    if len(names) < 2 or not all(names):
        raise CodebenchError("--alternate needs two or more speaker names, as 'A,B'")
    turns = []
    unlabelled = 0  # counted by position: two turns that both say "Ja." are two turns
    for turn in raw.turns:
        if turn.speaker is None:
            name = names[unlabelled % len(names)]
            turn = RawTurn(name, turn.paragraphs, turn.time, turn.end_time)
            unlabelled += 1
        turns.append(turn)
    return replace(raw, turns=turns)


def _prepare(path: Path, options: ImportOptions) -> _Prepared:
    source_format, interviewers, rendered = _parse(path, options)
    sha = _sha256(path)
    if not rendered.ends:
        raise InputError(path, "file is empty (no transcript text found)")
    language = options.language or detect_language(rendered.text)
    sentences = _sentences(rendered, language)
    words = sum(len(speech.split()) for speech in _speeches(rendered))
    return _Prepared(path, sha, source_format, interviewers, rendered, language, sentences, words)


def _parse(path: Path, options: ImportOptions) -> tuple[str, frozenset[str], RenderedTranscript]:
    """The file's format, the interviewers it names, and its stored layout; the parsed
    transcript itself is let go on return."""
    raw = parse_file(path, options.speaker_map)  # first: it refuses a file beyond the limits
    if options.alternate:
        raw = _alternate_speakers(raw, options.alternate)
    return raw.source_format, raw.interviewers, render(raw)


def _speeches(rendered: RenderedTranscript) -> Iterator[str]:
    """Each turn's speech, made as it is read (a long file's would take as much again as its
    text if all were held at once)."""
    text = rendered.text
    for start, end in zip(rendered.speech_starts, rendered.ends, strict=True):
        yield text[start:end]


def _sentences(rendered: RenderedTranscript, language: str) -> _Sentences:
    """The sentences of every turn's speech, by their offsets in the text."""
    found = _Sentences(array("q"), array("q"), array("q"))
    spans = sentence_spans(_speeches(rendered), language)
    for turn, (speech_start, turn_spans) in enumerate(
        zip(rendered.speech_starts, spans, strict=True)
    ):
        for start, end in turn_spans:
            found.turns.append(turn)
            found.starts.append(speech_start + start)
            found.ends.append(speech_start + end)
    return found


def _structure(prepared: _Prepared, options: ImportOptions, name: str) -> Structure:
    """The prepared file in the form :func:`documents.replace_structure` stores."""
    interviewers = options.interviewers | {n.casefold() for n in prepared.interviewers}
    labels = list(dict.fromkeys(s for s in prepared.rendered.speakers if s is not None))
    speakers = []
    for label in labels:
        role = speaker_role(label, interviewers)
        respondent = respondent_label(label, name) if role == "respondent" else None
        speakers.append({"id": None, "label": label, "role": role, "respondent": respondent})
    index: dict[str | None, int | None] = {None: None}
    index.update((label, i) for i, label in enumerate(labels))
    return Structure(_meta(prepared), speakers, _blocks(prepared, index))


def _blocks(
    prepared: _Prepared, speaker_index: dict[str | None, int | None]
) -> Iterator[TurnBlock]:
    """The prepared turns and sentences, :data:`_BLOCK_TURNS` turns at a time, each block made
    only when the one before is stored."""
    turns, sentences = prepared.rendered, prepared.sentences
    count = len(turns.ends)
    first_sentence = 0
    for first in range(0, count, _BLOCK_TURNS):
        last = min(first + _BLOCK_TURNS, count)
        end_sentence = bisect_left(sentences.turns, last, lo=first_sentence)
        yield TurnBlock(
            speakers=[speaker_index[label] for label in turns.speakers[first:last]],
            positions=range(first, last),
            starts=turns.starts[first:last],
            speech_starts=turns.speech_starts[first:last],
            ends=turns.ends[first:last],
            time_starts=turns.time_starts[first:last],
            time_ends=turns.time_ends[first:last],
            sentence_turns=sentences.turns[first_sentence:end_sentence],
            sentence_positions=range(first_sentence, end_sentence),
            sentence_starts=sentences.starts[first_sentence:end_sentence],
            sentence_ends=sentences.ends[first_sentence:end_sentence],
        )
        first_sentence = end_sentence


def _meta(prepared: _Prepared) -> dict[str, Any]:
    """The document's columns that come from the file."""
    return {
        "file_name": prepared.path.name,
        "source_format": prepared.source_format,
        "sha256": prepared.sha256,
        "text": prepared.rendered.text,
        "language": prepared.language,
        "word_count": prepared.words,
    }


def _replaced(session: Session, path: Path, sha256: str) -> models.Document | None:
    """The document ``--replace`` replaces: the one with these contents, else the one
    imported from a file of this name."""
    same = session.scalar(select(models.Document).where(models.Document.sha256 == sha256))
    if same is not None:
        return same
    named = session.scalars(
        select(models.Document).where(models.Document.file_name == path.name)
    ).all()
    if len(named) > 1:
        names = ", ".join(sorted(d.name for d in named))
        raise InputError(path, f"several documents came from a file of this name ({names})")
    return named[0] if named else None


def _store(session: Session, prepared: _Prepared, options: ImportOptions) -> ImportedDocument:
    path = prepared.path
    serialise(session, DOCUMENTS)
    actor = options.actor or default_actor()
    target = _replaced(session, path, prepared.sha256) if options.replace else None
    if target is None:
        existing = session.scalar(
            select(models.Document.name).where(models.Document.sha256 == prepared.sha256)
        )
        if existing is not None:
            raise AlreadyImported(path, existing)
        document = models.Document(
            name=free_document_name(session, path.stem),
            imported_at=utcnow(),
            **_meta(prepared),
        )
        session.add(document)
        session.flush()
        new = _structure(prepared, options, document.name)
        replace_structure(session, document, new, fresh=True)
        record(
            session,
            actor,
            "import",
            "document",
            document.id,
            {"file": path.name, "sha256": prepared.sha256, "format": prepared.source_format},
        )
    else:
        document = target
        new = _structure(prepared, options, document.name)
        try:
            replace_recorded(session, document, new, actor, REPLACE_DOCUMENT, {"file": path.name})
        except CodebenchError as exc:
            raise InputError(path, str(exc)) from exc
    return ImportedDocument(
        path=path,
        name=document.name,
        source_format=prepared.source_format,
        language=prepared.language,
        words=prepared.words,
        speakers=tuple(s["label"] for s in new.speakers),
        turns=len(prepared.rendered.ends),
        sentences=len(prepared.sentences.starts),
        replaced=target is not None,
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
    """Import many files; each succeeds, fails or is skipped (already imported) on its own,
    in the order given."""
    outcomes = []
    with few_collections():
        for outcome in _import_each(project, expand_paths(paths), options):
            outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
    return outcomes


def _import_each(
    project: Project, files: list[Path], options: ImportOptions
) -> Iterator[ImportOutcome]:
    """Each file's outcome, in order, once it is final: files are parsed outside any
    transaction, then stored several at a time (:func:`_store_all`), so an outcome is yielded
    only after the transaction that holds its document has committed."""
    known = {} if options.replace else _imported(project)
    pending: list[_Prepared | ImportOutcome] = []
    work = 0.0
    for path in files:
        existing = _imported_as(path, known)
        if existing is not None:
            pending.append(ImportOutcome(path, skipped=existing))
            continue
        started = time.perf_counter()
        try:
            pending.append(_prepare(path, options))
        except CodebenchError as exc:
            pending.append(ImportOutcome(path, error=str(exc)))
        work += time.perf_counter() - started
        if work >= _BATCH_SECONDS:
            yield from _store_all(project, pending, options)
            pending, work = [], 0.0
    yield from _store_all(project, pending, options)


def _store_all(
    project: Project, pending: list[_Prepared | ImportOutcome], options: ImportOptions
) -> list[ImportOutcome]:
    """Store the prepared files among ``pending`` in one transaction, each inside a savepoint
    of its own: a file the project refuses rolls back alone and the others still import. The
    write lock is held for the inserts alone (the files were parsed before it began), about a
    tenth of a second at the medium size. Should the transaction itself fail (the project busy,
    a database error), each file is tried again in a transaction of its own."""
    if not any(isinstance(item, _Prepared) for item in pending):
        return [item for item in pending if isinstance(item, ImportOutcome)]
    try:
        with project.transaction() as session:
            return [
                _store_in_savepoint(session, item, options) if isinstance(item, _Prepared) else item
                for item in pending
            ]
    except CodebenchError:
        return [
            _store_alone(project, item, options) if isinstance(item, _Prepared) else item
            for item in pending
        ]


def _store_in_savepoint(
    session: Session, prepared: _Prepared, options: ImportOptions
) -> ImportOutcome:
    savepoint = session.begin_nested()
    try:
        document = _store(session, prepared, options)
    except CodebenchError as exc:
        savepoint.rollback()
        return _refused(prepared.path, exc)
    savepoint.commit()
    return ImportOutcome(prepared.path, document=document)


def _store_alone(project: Project, prepared: _Prepared, options: ImportOptions) -> ImportOutcome:
    try:
        with project.transaction() as session:
            return ImportOutcome(prepared.path, document=_store(session, prepared, options))
    except CodebenchError as exc:
        return _refused(prepared.path, exc)


def _refused(path: Path, exc: CodebenchError) -> ImportOutcome:
    if isinstance(exc, AlreadyImported):
        return ImportOutcome(path, skipped=exc.name)
    return ImportOutcome(path, error=str(exc))


def _imported(project: Project) -> dict[str, str]:
    """The project's documents by the SHA-256 of the file each came from."""
    with project.reading() as session:
        rows = session.execute(select(models.Document.sha256, models.Document.name))
        return {sha: name for sha, name in rows}


def _imported_as(path: Path, known: dict[str, str]) -> str | None:
    """The document a file is already in the project as, found before it is parsed (an
    interrupted import run again skips what it did); None when it is not, or when the file
    cannot be read here, which the import then reports with its reason."""
    try:
        if not known or not path.is_file() or path.stat().st_size > MAX_TOTAL_BYTES:
            return None  # no document yet; a pipe, a folder; more than any importer reads
        with path.open("rb") as file:
            return known.get(hashlib.file_digest(file, "sha256").hexdigest())
    except OSError:
        return None
