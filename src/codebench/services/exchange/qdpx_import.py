"""Importing a REFI-QDA project (``.qdpx``) or codebook (``.qdc``) into a codebench project.

A ``.qdpx`` is stored all or nothing, in one transaction: users become coders (by name),
codes are matched to project codes by GUID (new ones added, existing ones left as they are),
each text source becomes a document (its text kept exactly, CRLF made LF, as one turn without
a speaker, split into sentence units), cases become respondents with their attributes (linked
to their documents through a speaker of the same name), selections become codings by their
user, and notes become memos on the project, a document, a code or a coding. A document whose
text is already in the project refuses the whole import.

The file is read and checked to the end before the transaction begins, without its sources
(:class:`~codebench.refi.QdpxReader`); the sources then come one at a time, and each is stored
with its sentences and codings (bulk inserts) before the next is read, so an import holds one
source in memory however large the file. A refusal met on the way (a text already in the
project, a text over the size limit) rolls the whole transaction back.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from codebench.codebook.model import format_path, walk
from codebench.environment import default_actor
from codebench.errors import InputError
from codebench.refi import QdpxReader, RefiProject, RefiSource, read_qdc
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


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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


def _document(session: Session, source: RefiSource, sha256: str, path: Path, who: str) -> int:
    """Store ``source`` as a document of one turn without a speaker, split into sentences
    (bulk inserts: a long source has thousands); its id."""
    serialise(session, DOCUMENTS)
    existing = session.scalar(select(models.Document.name).where(models.Document.sha256 == sha256))
    if existing is not None:
        raise InputError(path, f"source '{source.name}' already imported as document '{existing}'")
    text = source.text
    language = detect_language(text)
    (sentences,) = sentence_spans([text], language)
    name = free_document_name(session, fit(models.Document.name, source.name, DOCUMENT_NUMBER))
    document_id: int = session.execute(
        insert(models.Document)
        .values(
            name=name,
            file_name=fit(models.Document.file_name, path.name),
            source_format=SOURCE_FORMAT,
            sha256=sha256,
            text=text,
            language=language,
            word_count=len(text.split()),
        )
        .returning(models.Document.id)
    ).scalar_one()
    turn_id: int = session.execute(
        insert(models.Turn)
        .values(
            document_id=document_id,
            speaker_id=None,
            position=0,
            start=0,
            speech_start=0,
            end=len(text),
        )
        .returning(models.Turn.id)
    ).scalar_one()
    if sentences:
        session.execute(
            insert(models.Sentence),
            [
                {
                    "document_id": document_id,
                    "turn_id": turn_id,
                    "position": position,
                    "start": start,
                    "end": end,
                }
                for position, (start, end) in enumerate(sentences)
            ],
        )
    record(
        session,
        who,
        "import",
        "document",
        document_id,
        {"file": path.name, "sha256": sha256, "format": SOURCE_FORMAT},
    )
    return document_id


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
    with QdpxReader(path) as reader:
        refi = reader.project
        # The reader adds its lines for a source as it reads it: one list keeps them in order.
        report = QdpxImportReport(skipped=refi.skipped)
        with project.transaction() as session:
            coders = {
                guid: get_or_create_coder(session, fit(models.Coder.name, name)).id
                for guid, name in refi.users.items()
            }
            codes = _codes(session, refi, who, report)
            store = _Sources(session, path, who, refi, coders, codes, report)
            for source in reader.sources():
                store.add(source)
            report.codings = dict(sorted(store.codings.items()))
            _respondents(session, refi, store.documents, report)
            targets: list[tuple[str, int | None, list[str]]] = [
                ("project", None, refi.project_note_guids),
                *store.document_notes,
                *[("code", codes[g], refs) for g, refs in refi.code_notes.items() if g in codes],
            ]
            noted = store.noted
            for target, target_id, refs in targets:
                for guid in refs:
                    note = refi.notes.get(guid)
                    if note is None or guid in noted or not note.text.strip():
                        continue
                    noted.add(guid)
                    coder_id = coders.get(note.user or "")
                    _memo(session, target, target_id, note.text.strip(), coder_id)
                    report.memos += 1
            for guid, note in refi.notes.items():
                if guid in noted or not note.text.strip():
                    continue
                _memo(session, "project", None, note.text.strip(), coders.get(note.user or ""))
                report.memos += 1
        report.skipped += reader.trailing
    return report


class _Sources:
    """Stores the sources of one import as they come: each as a document with its codings,
    or, when another source had the same text, its codings on that document."""

    def __init__(
        self,
        session: Session,
        path: Path,
        who: str,
        refi: RefiProject,
        coders: dict[str, int],
        codes: dict[str, int],
        report: QdpxImportReport,
    ) -> None:
        self.session = session
        self.path = path
        self.who = who
        self.refi = refi
        self.coders = coders
        self.codes = codes
        self.report = report
        self.names = {coder_id: name for name, coder_id in _coder_names(session, coders)}
        self.unknown_coder: int | None = None
        #: The document of each text stored, and the first source with it, by SHA-256.
        self.by_text: dict[str, tuple[int, str]] = {}
        #: Each source's document by GUID (the first source of a GUID that two share).
        self.documents: dict[str, int] = {}
        #: The notes each document refers to, in the order of the sources.
        self.document_notes: list[tuple[str, int | None, list[str]]] = []
        #: Notes already a memo (on a coding), and the codings stored by coder name.
        self.noted: set[str] = set()
        self.codings: Counter[str] = Counter()

    def add(self, source: RefiSource) -> None:
        report = self.report
        if not source.text.strip():
            report.skipped.append(f"source '{source.name}': empty text")
            return
        sha = _sha256(source.text)
        if sha in self.by_text:
            document_id, first = self.by_text[sha]
            report.skipped.append(
                f"source '{source.name}': the same text as source '{first}', stored once"
            )
        else:
            document_id = _document(self.session, source, sha, self.path, self.who)
            self.by_text[sha] = (document_id, source.name)
            report.documents += 1
        self.documents.setdefault(source.guid, document_id)
        self.document_notes.append(("document", document_id, source.note_guids))
        self._codings(source, document_id)

    def _coder(self, user: str | None) -> int:
        coder_id = self.coders.get(user or "")
        if coder_id is not None:
            return coder_id
        if self.unknown_coder is None:
            self.unknown_coder = get_or_create_coder(self.session, UNKNOWN_CODER).id
            self.names[self.unknown_coder] = UNKNOWN_CODER
        return self.unknown_coder

    def _codings(self, source: RefiSource, document_id: int) -> None:
        """The source's codings, stored in bulk on ``document_id``; a line for each dropped."""
        notes, report = self.refi.notes, self.report
        rows: list[dict[str, Any]] = []
        kept = []
        for coding in source.codings:
            code_id = self.codes.get(coding.code_guid)
            if code_id is None:
                report.skipped.append(
                    f"source '{source.name}': a coding of unknown code {coding.code_guid}"
                )
                continue
            coder_id = self._coder(coding.user)
            memo_parts = [notes[g].text for g in coding.note_guids if g in notes] or (
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
            kept.append((coding, coder_id))
        if not rows:
            return
        problems = create_codings(self.session, self.who, rows, action="import_coding")
        for (coding, coder_id), problem in zip(kept, problems, strict=True):
            if problem is not None:
                report.skipped.append(
                    f"source '{source.name}': coding {coding.start}-{coding.end} dropped: {problem}"
                )
                continue
            self.codings[self.names[coder_id]] += 1
            attached = {g for g in coding.note_guids if g in notes} - self.noted
            self.noted.update(attached)
            report.memos += len(attached)


def _coder_names(session: Session, coders: dict[str, int]) -> list[tuple[str, int]]:
    ids = set(coders.values())
    return [
        (coder.name, coder.id) for coder in session.scalars(select(models.Coder)) if coder.id in ids
    ]


def import_qdc(project: Project, path: Path, actor: str | None = None) -> LoadResult:
    """Merge a REFI-QDA codebook (``.qdc``) into the project's codebook (codes by GUID)."""
    path = Path(path)
    return merge_codebook(project, read_qdc(path), actor, source=str(path))
