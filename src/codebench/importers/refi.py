"""Reading REFI-QDA files (a ``.qdpx`` project or a ``.qdc`` codebook) into plain data.

Nothing here touches a database: :func:`read_qdpx` returns a :class:`RefiProject` and
:func:`read_qdc` a :class:`~codebench.codebook.model.Codebook`; the service
:mod:`codebench.services.qdpx_import` stores them.

What is accepted beyond the letter of the standard, because real tools write it:

* the project entry ``project.qde`` or ``Project.qde``; sources under ``sources/`` or
  ``Sources/`` (any case), or inline as ``PlainTextContent``; a ``.zip`` extension;
* the namespaces ``urn:QDA-XML:project:1.0`` and ``urn:QDA-XML:codebook:1.0`` (validated
  against the shipped XSDs; an invalid file is refused) and ``urn:QDA-XML:codebook:0:4``
  written by ATLAS.ti 23 (accepted *without* XSD validation: no schema exists for it).
  Elements are matched on their local names, whatever their namespace.

Offsets of ``PlainTextSelection`` are code points of the source text; a project whose
``origin`` mentions NVivo counts UTF-16 code units instead, and those are converted. Source
texts with CRLF (or CR) line ends are stored with LF, and offsets are shifted to match; a
selection outside its source's text is dropped and reported.

What cannot be kept is reported in :attr:`RefiProject.skipped`, one line each: non-text
sources (PDF, picture, audio, video), text sources whose file is missing, sets.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from codebench.codebook.model import Codebook, CodeSpec, Position
from codebench.codebook.validate import MAX_DEPTH, validate
from codebench.errors import InputError
from codebench.exports.refi.validate import schema_problem
from codebench.exports.refi.xml import clean_guid, colour
from codebench.importers.archive import ZIP_ERRORS
from codebench.importers.encoding import one_line, read_bytes
from codebench.importers.limits import MAX_ENTRY_BYTES, MAX_TEXT_BYTES, MAX_TOTAL_BYTES, too_large

#: Namespaces validated against a shipped schema, and the schema each one uses.
VALIDATED = {"urn:QDA-XML:project:1.0": "project", "urn:QDA-XML:codebook:1.0": "codebook"}

#: Namespaces accepted without validation (ATLAS.ti 23.x writes this one).
UNVALIDATED = frozenset({"urn:QDA-XML:codebook:0:4"})

_NON_TEXT = {
    "PDFSource": "PDF",
    "PictureSource": "picture",
    "AudioSource": "audio",
    "VideoSource": "video",
}

_LABELS = {"Inclusion": "inclusion", "Exclusion": "exclusion", "Example": "example"}

_VALUES = ("TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue")


@dataclass
class RefiCoding:
    """One code applied by one user to ``[start, end)`` of a source (code points, LF text)."""

    start: int
    end: int
    code_guid: str
    user: str | None
    note_guids: list[str] = field(default_factory=list)
    description: str | None = None


@dataclass
class RefiSource:
    """A text source: its name, its text (LF line ends) and its codings."""

    guid: str
    name: str
    text: str
    codings: list[RefiCoding] = field(default_factory=list)
    note_guids: list[str] = field(default_factory=list)


@dataclass
class RefiNote:
    guid: str
    name: str
    text: str
    user: str | None


@dataclass
class RefiCase:
    """A case (a respondent): its attribute values by variable name and its sources."""

    guid: str
    name: str
    values: dict[str, str] = field(default_factory=dict)
    source_guids: list[str] = field(default_factory=list)


@dataclass
class RefiProject:
    """Everything codebench can keep from a ``.qdpx``; GUIDs are lower case throughout."""

    name: str
    origin: str | None
    users: dict[str, str]
    codebook: Codebook
    code_notes: dict[str, list[str]]
    cases: list[RefiCase]
    sources: list[RefiSource]
    notes: dict[str, RefiNote]
    project_note_guids: list[str]
    sets: int = 0
    skipped: list[str] = field(default_factory=list)


def utf16_to_codepoints(text: str, offset: int) -> int:
    """The code-point offset in ``text`` of ``offset`` counted in UTF-16 code units.

    A character outside the Basic Multilingual Plane (an emoji) is two UTF-16 units; an offset
    falling between its two halves is taken to the character's start.
    """
    units = 0
    for index, char in enumerate(text):
        if units >= offset:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
        if units > offset:
            return index
    return len(text)


def _guid(raw: str | None, kind: str = "refi") -> str:
    """A GUID in lower case without braces; an odd value gets a stable derived one."""
    value = (raw or "").strip()
    return clean_guid(value, kind, value.lower())


def _local(node: etree._Element) -> str:
    tag = node.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _children(node: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in node if _local(child) == name]


def _child(node: etree._Element, name: str) -> etree._Element | None:
    found = _children(node, name)
    return found[0] if found else None


def _text(node: etree._Element, name: str) -> str | None:
    child = _child(node, name)
    if child is None:
        return None
    return "".join(child.itertext())


def _parse(content: bytes, path: Path, entry: str | None = None) -> etree._Element:
    """Parse and (for the 1.0 namespaces) validate; refuse with one line otherwise."""
    where = f"{path}!{entry}" if entry else path
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(content, parser=parser)
    except etree.XMLSyntaxError as error:
        message = f"not well-formed XML: {one_line(error.msg)}"
        raise InputError(where, message, line=error.lineno) from None
    namespace = etree.QName(root.tag).namespace or ""
    if namespace in VALIDATED:
        kind = VALIDATED[namespace]
        problem = schema_problem(content, kind)  # type: ignore[arg-type]
        if problem is not None:
            schema = "Project.xsd" if kind == "project" else "Codebook.xsd"
            raise InputError(where, f"not valid against {schema}: {problem}")
    elif namespace not in UNVALIDATED:
        raise InputError(where, f"not a REFI-QDA file (namespace {namespace!r})")
    return root


def _split_description(text: str | None) -> dict[str, str | None]:
    """The description and the labelled paragraphs codebench writes into it."""
    if text is None or not text.strip():
        return {"description": None}
    fields: dict[str, str | None] = {}
    rest: list[str] = []
    for paragraph in text.strip().split("\n\n"):
        label, _, value = paragraph.partition(": ")
        if label in _LABELS and value.strip() and _LABELS[label] not in fields:
            fields[_LABELS[label]] = value.strip()
        else:
            rest.append(paragraph)
    fields["description"] = "\n\n".join(rest).strip() or None
    return fields


def _name(node: etree._Element) -> str:
    """The ``name`` attribute on one line and without control characters (XML allows the C1
    ones): a name is a label shown on screen, never a paragraph."""
    name = node.get("name") or ""
    kept = (char for char in name if char.isspace() or unicodedata.category(char) != "Cc")
    return one_line("".join(kept))


def _codes(
    parent: etree._Element,
    path: Path,
    notes: dict[str, list[str]],
    lines: dict[Position, int],
) -> list[CodeSpec]:
    """The ``Code`` children of ``parent`` as specs, nested; code note refs go to ``notes``,
    the line of each code (by position) to ``lines``. Codes nested deeper than any codebook
    may be (:data:`MAX_DEPTH`) refuse the file."""
    result: list[CodeSpec] = []
    stack: list[tuple[etree._Element, list[CodeSpec], Position]] = [(parent, result, ())]
    while stack:
        node, into, position = stack.pop()
        for index, code in enumerate(_children(node, "Code")):
            if len(position) >= MAX_DEPTH:
                message = f"codes nested more than {MAX_DEPTH} levels deep"
                raise InputError(path, message, line=code.sourceline)
            guid = _guid(code.get("guid"))
            spec = CodeSpec(
                name=_name(code) or "(unnamed)",
                colour=(colour(code.get("color")) or "").lower() or None,
                guid=guid,
                **_split_description(_text(code, "Description")),  # type: ignore[arg-type]
            )
            refs = [_guid(r.get("targetGUID")) for r in _children(code, "NoteRef")]
            if refs:
                notes.setdefault(guid, []).extend(refs)
            if code.sourceline is not None:
                lines[(*position, index)] = code.sourceline
            into.append(spec)
            stack.append((code, spec.children, (*position, index)))
    return result


def _codebook_of(
    root: etree._Element,
    path: Path,
    name: str,
    notes: dict[str, list[str]],
    lines: dict[Position, int],
) -> Codebook:
    book = root if _local(root) == "CodeBook" else _child(root, "CodeBook")
    codes = _child(book, "Codes") if book is not None else None
    specs = _codes(codes, path, notes, lines) if codes is not None else []
    return Codebook(name=name, codes=specs)


def read_qdc(path: Path) -> Codebook:
    """Read a stand-alone REFI-QDA codebook (``.qdc``); refuses an invalid file.

    The codebook must obey the rules of every codebook file (:func:`validate`): a code name
    twice under one parent, or a GUID on two codes, is refused with the line of the code.
    """
    path = Path(path)
    root = _parse(read_bytes(path, MAX_ENTRY_BYTES), path)
    if _local(root) != "CodeBook":
        raise InputError(path, f"not a REFI-QDA codebook (root element {_local(root)!r})")
    lines: dict[Position, int] = {}
    codebook = _codebook_of(root, path, path.stem, {}, lines)
    validate(codebook, path, lines)
    return codebook


class _Archive:
    """The zip with case-insensitive look-up of entries, read within the size limits (a .qdpx
    may carry large media files; only the entries read count)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
        except ZIP_ERRORS as exc:
            raise InputError(path, f"not a .qdpx (zip) file: {one_line(str(exc))}") from None
        self.names = {name.casefold(): name for name in self.zip.namelist()}
        self.inflated = 0

    def __enter__(self) -> _Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.zip.close()

    def find(self, name: str) -> str | None:
        return self.names.get(name.casefold())

    def read(self, name: str, limit: int) -> bytes:
        """The content of entry ``name``, refused if it would inflate beyond ``limit`` bytes or
        take all entries read beyond the archive's limit."""
        info = self.zip.getinfo(name)
        if info.file_size > limit:
            raise InputError(self.path, too_large(f"entry {name!r}", info.file_size, limit))
        self.inflated += info.file_size
        if self.inflated > MAX_TOTAL_BYTES:
            what = "the entries read"
            raise InputError(self.path, too_large(what, self.inflated, MAX_TOTAL_BYTES))
        try:
            return self.zip.read(info)
        except ZIP_ERRORS as exc:
            raise InputError(self.path, f"cannot read {name!r}: {one_line(str(exc))}") from None


def _utf16_length(text: str) -> int:
    """The length of ``text`` in UTF-16 code units (NVivo's offsets count those)."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def _lf_offsets(text: str) -> tuple[str, list[int]]:
    """``text`` with CRLF made LF, and the positions of the removed CRs (sorted). A lone CR
    (old Mac line ends) becomes LF too, which moves no offset."""
    removed = [m.start() for m in re.finditer("\r\n", text)]
    return text.replace("\r\n", "\n").replace("\r", "\n"), removed


def _offset(raw: str, removed: list[int], value: int, nvivo: bool) -> int:
    """A selection offset of the source text as it was, in code points of the stored text."""
    if nvivo:
        value = utf16_to_codepoints(raw, value)
    return value - bisect_left(removed, value)


def _source_text(
    source: etree._Element, archive: _Archive, name: str, skipped: list[str]
) -> str | None:
    inline = _text(source, "PlainTextContent")
    location = source.get("plainTextPath")
    if location:
        entry = location.removeprefix("internal://")
        found = archive.find(f"sources/{entry}")
        if found is None and not location.startswith("internal://"):
            found = archive.find(entry)
        if found is None:
            if inline is not None:
                return inline
            skipped.append(f"source '{name}': its text {location!r} is missing from the file")
            return None
        data = archive.read(found, MAX_TEXT_BYTES)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            skipped.append(f"source '{name}': its text {location!r} is not UTF-8")
            return None
        if "\x00" in text:  # no database keeps it, and no text file has it
            skipped.append(f"source '{name}': its text {location!r} is binary, not text")
            return None
        return text
    if inline is not None:
        return inline
    skipped.append(f"source '{name}': it has no text")
    return None


def _codings(selection: etree._Element, convert: dict[str, int]) -> list[RefiCoding]:
    start, end = convert["start"], convert["end"]
    description = _text(selection, "Description")
    user = selection.get("creatingUser")
    result = []
    for coding in _children(selection, "Coding"):
        ref = _child(coding, "CodeRef")
        if ref is None:
            continue
        result.append(
            RefiCoding(
                start=start,
                end=end,
                code_guid=_guid(ref.get("targetGUID")),
                user=_guid(who) if (who := coding.get("creatingUser") or user) else None,
                note_guids=[_guid(r.get("targetGUID")) for r in _children(coding, "NoteRef")],
                description=description.strip() if description and description.strip() else None,
            )
        )
    return result


def _source(
    node: etree._Element, archive: _Archive, nvivo: bool, skipped: list[str]
) -> RefiSource | None:
    name = _name(node) or _guid(node.get("guid"))
    raw = _source_text(node, archive, name, skipped)
    if raw is None:
        return None
    text, removed = _lf_offsets(raw)
    source = RefiSource(guid=_guid(node.get("guid")), name=name, text=text)
    source.note_guids = [_guid(r.get("targetGUID")) for r in _children(node, "NoteRef")]
    length = _utf16_length(raw) if nvivo else len(raw)
    for selection in _children(node, "PlainTextSelection"):
        try:
            first = int(selection.get("startPosition", ""))
            last = int(selection.get("endPosition", ""))
        except ValueError:
            skipped.append(f"source '{name}': a selection without numeric positions")
            continue
        if not 0 <= first < last <= length:
            skipped.append(
                f"source '{name}': selection {first}-{last} is not within its text "
                f"(0-{length}), its codings dropped"
            )
            continue
        convert = {
            "start": _offset(raw, removed, first, nvivo),
            "end": _offset(raw, removed, last, nvivo),
        }
        source.codings.extend(_codings(selection, convert))
    others = len(node) - len(_children(node, "PlainTextSelection"))
    others -= sum(len(_children(node, n)) for n in ("PlainTextContent", "NoteRef", "Description"))
    if others > 0:
        skipped.append(f"source '{name}': {others} other element(s) not kept")
    return source


def read_qdpx(path: Path) -> RefiProject:
    """Read a REFI-QDA project (``.qdpx`` or ``.zip``); refuses a file that is not valid.

    Raises :class:`InputError` (one line) if the zip has no ``project.qde``, if that XML is not
    well-formed or, in the 1.0 namespace, not valid against ``Project.xsd``.
    """
    path = Path(path)
    with _Archive(path) as archive:
        return _project(path, archive)


def _project(path: Path, archive: _Archive) -> RefiProject:
    entry = archive.find("project.qde")
    if entry is None:
        raise InputError(path, "no project.qde in the file: not a REFI-QDA project")
    root = _parse(archive.read(entry, MAX_ENTRY_BYTES), path, entry)
    if _local(root) != "Project":
        raise InputError(path, f"not a REFI-QDA project (root element {_local(root)!r})")
    origin = root.get("origin")
    nvivo = "nvivo" in (origin or "").casefold()
    skipped: list[str] = []

    users: dict[str, str] = {}
    for block in _children(root, "Users"):
        for user in _children(block, "User"):
            guid = _guid(user.get("guid"))
            users[guid] = _name(user) or guid

    code_notes: dict[str, list[str]] = {}
    name = _name(root) or path.stem
    codebook = _codebook_of(root, path, name, code_notes, {})

    variables: dict[str, str] = {}
    for block in _children(root, "Variables"):
        for variable in _children(block, "Variable"):
            variables[_guid(variable.get("guid"))] = _name(variable)

    cases: list[RefiCase] = []
    for block in _children(root, "Cases"):
        for node in _children(block, "Case"):
            case = RefiCase(
                guid=_guid(node.get("guid")),
                name=_name(node) or _guid(node.get("guid")),
            )
            for value in _children(node, "VariableValue"):
                ref = _child(value, "VariableRef")
                variable = variables.get(_guid(ref.get("targetGUID"))) if ref is not None else None
                texts = [_text(value, n) for n in _VALUES if _child(value, n) is not None]
                if variable and texts and texts[0] is not None:
                    case.values[variable] = texts[0]
            case.source_guids = [_guid(r.get("targetGUID")) for r in _children(node, "SourceRef")]
            cases.append(case)

    sources: list[RefiSource] = []
    for block in _children(root, "Sources"):
        for node in block:
            kind = _local(node)
            label = _name(node) or _guid(node.get("guid"))
            if kind == "TextSource":
                source = _source(node, archive, nvivo, skipped)
                if source is not None:
                    sources.append(source)
            elif kind in _NON_TEXT:
                skipped.append(f"source '{label}': {_NON_TEXT[kind]} sources are not supported")
            elif kind:
                skipped.append(f"source '{label}': {kind} is not supported")

    notes: dict[str, RefiNote] = {}
    for block in _children(root, "Notes"):
        for node in _children(block, "Note"):
            guid = _guid(node.get("guid"))
            text = _text(node, "PlainTextContent") or ""
            user = node.get("creatingUser")
            notes[guid] = RefiNote(
                guid=guid,
                name=_name(node),
                text=text,
                user=_guid(user) if user else None,
            )

    sets = sum(len(_children(block, "Set")) for block in _children(root, "Sets"))
    if sets:
        skipped.append(f"{sets} set(s) not kept: codebench has no sets")
    for unsupported in ("Graphs", "Links"):
        if _children(root, unsupported):
            skipped.append(f"{unsupported} not kept: codebench does not support them")

    return RefiProject(
        name=name,
        origin=origin,
        users=users,
        codebook=codebook,
        code_notes=code_notes,
        cases=cases,
        sources=sources,
        notes=notes,
        project_note_guids=[_guid(r.get("targetGUID")) for r in _children(root, "NoteRef")],
        sets=sets,
        skipped=skipped,
    )
