"""Importing a REFI-QDA project (``.qdpx``) or codebook (``.qdc``) into a codebench project.

A ``.qdpx`` is stored all or nothing, in one transaction: users become coders (by name),
codes are matched to project codes by GUID (new ones added, existing ones left as they are),
each text source becomes a document (its text kept exactly, CRLF made LF, as one turn without
a speaker, split into sentence units), cases become respondents with their attributes (linked
to their documents through a speaker of the same name), selections become codings by their
user, and notes become memos on the project, a document, a code or a coding. A document whose
text is already in the project refuses the whole import.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebench.codebook.model import format_path, walk
from codebench.environment import default_actor
from codebench.errors import InputError
from codebench.refi import RefiCoding, RefiProject, RefiSource, read_qdc, read_qdpx
from codebench.segmentation.language import detect_language
from codebench.segmentation.pipeline import sentence_spans
from codebench.services.codebook.files import LoadResult, merge_codebook
from codebench.services.coders import get_or_create_coder
from codebench.services.coding.changes import create_codings
from codebench.services.columns import fit
from codebench.services.documents.removal import DOCUMENTS, free_document_name
from codebench.services.documents.respondents import respondent_named
from codebench.services.events import record
from codebench.services.project import Project
from codebench.storage import models
from codebench.storage.locks import serialise

#: The ``source_format`` of documents imported from a ``.qdpx``.
SOURCE_FORMAT = "refi-qda"

#: Characters kept free in a cut code or document name for the " (2)" a taken name is given.
CODE_NUMBER = 10
DOCUMENT_NUMBER = 20

#: The coder of codings whose user the file does not name.
UNKNOWN_CODER = "refi-qda import"


@dataclass
class QdpxImportReport:
    """What an import kept, and one line for each thing it could not keep."""

    documents: int = 0
    codes_added: int = 0
    codes_matched: int = 0
    codings: dict[str, int] = field(default_factory=dict)
    memos: int = 0
    respondents: int = 0
    skipped: list[str] = field(default_factory=list)

    @property
    def codes(self) -> int:
        return self.codes_added + self.codes_matched


@dataclass(frozen=True)
class _Prepared:
    source: RefiSource
    sha256: str
    language: str
    sentences: list[tuple[int, int]]


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _prepare(
    sources: list[RefiSource], report: QdpxImportReport
) -> tuple[list[_Prepared], list[_Prepared]]:
    """The documents to store (one per distinct text) and, for each source, the one it is
    stored as: a source whose text another source already has is kept once, codings and all."""
    by_text: dict[str, _Prepared] = {}
    stored_as: list[_Prepared] = []
    for source in sources:
        sha = _sha256(source.text)
        if sha in by_text:
            first = by_text[sha].source.name
            report.skipped.append(
                f"source '{source.name}': the same text as source '{first}', stored once"
            )
        else:
            language = detect_language(source.text)
            (spans,) = sentence_spans([source.text], language)
            by_text[sha] = _Prepared(source, sha, language, spans)
        stored_as.append(by_text[sha])
    return list(by_text.values()), stored_as


def _free_name(name: str, taken: set[str]) -> str:
    """``name``, or ``name (2)``, ``name (3)``... if a sibling has it already (case ignored)."""
    candidate, number = name, 2
    while candidate.casefold() in taken:
        candidate, number = f"{fit(models.Code.name, name, CODE_NUMBER)} ({number})", number + 1
    taken.add(candidate.casefold())
    return candidate


def _codes(
    session: Session, refi: RefiProject, who: str, report: QdpxImportReport
) -> dict[str, int]:
    """Code ids by GUID: project codes with the same GUID, else new codes. A new code whose
    name a sibling already has (ignoring case) gets a number, as names identify codes."""
    by_guid: dict[str, int] = {}
    names: dict[int | None, set[str]] = {}
    for existing in session.scalars(select(models.Code)):
        by_guid[existing.guid.lower()] = existing.id
        names.setdefault(existing.parent_id, set()).add(existing.name.casefold())
    ids: dict[tuple[int, ...], int] = {}
    for position, entry in enumerate(walk(refi.codebook.codes)):
        spec = entry.code
        guid = (spec.guid or "").lower()
        if guid in by_guid:
            ids[entry.position] = by_guid[guid]
            report.codes_matched += 1
            continue
        parent_id = ids.get(entry.position[:-1]) if len(entry.position) > 1 else None
        wanted = fit(models.Code.name, spec.name)
        name = _free_name(wanted, names.setdefault(parent_id, set()))
        if name != wanted:
            report.skipped.append(
                f"code '{format_path(entry.path)}': its name is taken under the same parent, "
                f"stored as '{name}'"
            )
        code = models.Code(
            name=name,
            parent_id=parent_id,
            position=position,
            guid=guid,
            description=spec.description,
            inclusion=spec.inclusion,
            exclusion=spec.exclusion,
            example=spec.example,
            colour=spec.colour,
            keywords=[],
        )
        session.add(code)
        session.flush()
        record(session, who, "code_add", "code", code.id, {"guid": guid, "source": "refi-qda"})
        ids[entry.position] = by_guid[guid] = code.id
        report.codes_added += 1
    return by_guid


def _document(session: Session, prepared: _Prepared, path: Path, who: str) -> models.Document:
    source = prepared.source
    serialise(session, DOCUMENTS)
    existing = session.scalar(
        select(models.Document.name).where(models.Document.sha256 == prepared.sha256)
    )
    if existing is not None:
        raise InputError(path, f"source '{source.name}' already imported as document '{existing}'")
    document = models.Document(
        name=free_document_name(session, fit(models.Document.name, source.name, DOCUMENT_NUMBER)),
        file_name=fit(models.Document.file_name, path.name),
        source_format=SOURCE_FORMAT,
        sha256=prepared.sha256,
        text=source.text,
        language=prepared.language,
        word_count=len(source.text.split()),
    )
    session.add(document)
    session.flush()
    turn = models.Turn(
        document_id=document.id,
        speaker_id=None,
        position=0,
        start=0,
        speech_start=0,
        end=len(source.text),
    )
    session.add(turn)
    session.flush()
    session.add_all(
        models.Sentence(document_id=document.id, turn_id=turn.id, position=i, start=start, end=end)
        for i, (start, end) in enumerate(prepared.sentences)
    )
    record(
        session,
        who,
        "import",
        "document",
        document.id,
        {"file": path.name, "sha256": prepared.sha256, "format": SOURCE_FORMAT},
    )
    return document


def _respondents(
    session: Session, refi: RefiProject, documents: dict[str, int], report: QdpxImportReport
) -> None:
    """Cases as respondents, each linked to its documents by a speaker of its name (once per
    document, however often the file repeats a case or a reference)."""
    linked: set[tuple[int, str]] = set()
    for case in refi.cases:
        label = fit(models.Respondent.label, case.name)
        respondent = respondent_named(session, label)
        current = {a.name: a for a in respondent.attributes}
        for full_name, value in case.values.items():
            name = fit(models.RespondentAttribute.name, full_name)
            if name in current:
                current[name].value = value
            else:
                current[name] = models.RespondentAttribute(name=name, value=value)
                respondent.attributes.append(current[name])
        for guid in case.source_guids:
            if guid in documents and (documents[guid], label) not in linked:
                linked.add((documents[guid], label))
                session.add(
                    models.Speaker(
                        document_id=documents[guid],
                        label=label,
                        role="respondent",
                        respondent_id=respondent.id,
                    )
                )
        session.flush()
        report.respondents += 1


def _memo(
    session: Session, target: str, target_id: int | None, text: str, coder_id: int | None
) -> None:
    memo = session.scalar(
        select(models.Memo).where(
            models.Memo.target_type == target, models.Memo.target_id == target_id
        )
    )
    if memo is None:
        session.add(
            models.Memo(target_type=target, target_id=target_id, text=text, coder_id=coder_id)
        )
    else:
        memo.text = f"{memo.text}\n\n{text}"
    session.flush()


def import_qdpx(project: Project, path: Path, actor: str | None = None) -> QdpxImportReport:
    """Import a ``.qdpx`` (or ``.zip``) project into ``project``, all or nothing.

    Raises :class:`InputError` (and changes nothing) if the file is refused or one of its
    text sources is already in the project.
    """
    path = Path(path)
    who = actor or default_actor()
    refi = read_qdpx(path)
    report = QdpxImportReport(skipped=list(refi.skipped))
    sources = [source for source in refi.sources if source.text.strip()]
    report.skipped += [f"source '{s.name}': empty text" for s in refi.sources if not s.text.strip()]
    prepared, stored_as = _prepare(sources, report)
    with project.transaction() as session:
        coders = {
            guid: get_or_create_coder(session, fit(models.Coder.name, name)).id
            for guid, name in refi.users.items()
        }
        codes = _codes(session, refi, who, report)
        by_text: dict[str, int] = {}
        for item in prepared:
            by_text[item.sha256] = _document(session, item, path, who).id
            report.documents += 1
        # Each source's document, in the order of ``sources`` (two sources may share a GUID).
        document_of = [by_text[item.sha256] for item in stored_as]
        documents: dict[str, int] = {}
        for source, document_id in zip(sources, document_of, strict=True):
            documents.setdefault(source.guid, document_id)
        _respondents(session, refi, documents, report)
        noted: set[str] = set()
        codings: Counter[str] = Counter()
        names = {coder_id: name for name, coder_id in _coder_names(session, coders)}
        rows: list[dict[str, Any]] = []
        origins: list[tuple[RefiSource, RefiCoding, int]] = []
        for source, document_id in zip(sources, document_of, strict=True):
            for coding in source.codings:
                code_id = codes.get(coding.code_guid)
                if code_id is None:
                    report.skipped.append(
                        f"source '{source.name}': a coding of unknown code {coding.code_guid}"
                    )
                    continue
                coder_id = coders.get(coding.user or "")
                if coder_id is None:
                    coder_id = get_or_create_coder(session, UNKNOWN_CODER).id
                    names[coder_id] = UNKNOWN_CODER
                memo_parts = [refi.notes[g].text for g in coding.note_guids if g in refi.notes] or (
                    [coding.description] if coding.description else []
                )
                rows.append(
                    {
                        "document_id": document_id,
                        "code_id": code_id,
                        "coder_id": coder_id,
                        "start": coding.start,
                        "end": coding.end,
                        "memo": "\n\n".join(memo_parts) or None,
                        "exemplar": False,
                    }
                )
                origins.append((source, coding, coder_id))
        problems = create_codings(session, who, rows, action="import_coding")
        for (source, coding, coder_id), problem in zip(origins, problems, strict=True):
            if problem is not None:
                report.skipped.append(
                    f"source '{source.name}': coding {coding.start}-{coding.end} dropped: {problem}"
                )
                continue
            codings[names[coder_id]] += 1
            attached = {g for g in coding.note_guids if g in refi.notes} - noted
            noted.update(attached)
            report.memos += len(attached)
        report.codings = dict(sorted(codings.items()))

        targets: list[tuple[str, int | None, list[str]]] = [
            ("project", None, refi.project_note_guids)
        ]
        targets += [
            ("document", document_id, source.note_guids)
            for source, document_id in zip(sources, document_of, strict=True)
        ]
        targets += [("code", codes[g], refs) for g, refs in refi.code_notes.items() if g in codes]
        for target, target_id, refs in targets:
            for guid in refs:
                note = refi.notes.get(guid)
                if note is None or guid in noted or not note.text.strip():
                    continue
                noted.add(guid)
                _memo(session, target, target_id, note.text.strip(), coders.get(note.user or ""))
                report.memos += 1
        for guid, note in refi.notes.items():
            if guid in noted or not note.text.strip():
                continue
            _memo(session, "project", None, note.text.strip(), coders.get(note.user or ""))
            report.memos += 1
    return report


def _coder_names(session: Session, coders: dict[str, int]) -> list[tuple[str, int]]:
    ids = set(coders.values())
    return [
        (coder.name, coder.id) for coder in session.scalars(select(models.Coder)) if coder.id in ids
    ]


def import_qdc(project: Project, path: Path, actor: str | None = None) -> LoadResult:
    """Merge a REFI-QDA codebook (``.qdc``) into the project's codebook (codes by GUID)."""
    path = Path(path)
    return merge_codebook(project, read_qdc(path), actor, source=str(path))
