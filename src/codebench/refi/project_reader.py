"""Reading a REFI-QDA project (``.qdpx``) into a :class:`RefiProject`.

The project entry may be ``project.qde`` or ``Project.qde`` and the file may be named
``.zip``. Users, the codebook, cases with their variables, text sources with their codings and
notes are kept; everything else (non-text sources, sets, graphs, links) is reported in
:attr:`RefiProject.skipped`, one line each.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from codebench.errors import InputError
from codebench.files.limits import MAX_ENTRY_BYTES
from codebench.refi.archive import QdpxArchive
from codebench.refi.codebook_reader import codebook_of
from codebench.refi.model import RefiCase, RefiNote, RefiProject, RefiSource
from codebench.refi.parse import (
    child_text,
    children,
    first_child,
    local_name,
    node_name,
    parse_document,
    read_guid,
    ref_guids,
)
from codebench.refi.text_sources import read_text_source

_NON_TEXT = {
    "PDFSource": "PDF",
    "PictureSource": "picture",
    "AudioSource": "audio",
    "VideoSource": "video",
}

_VALUES = ("TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue")


def read_qdpx(path: Path) -> RefiProject:
    """Read a REFI-QDA project (``.qdpx`` or ``.zip``); refuses a file that is not valid.

    Raises :class:`InputError` (one line) if the zip has no ``project.qde``, if that XML is not
    well-formed or, in the 1.0 namespace, not valid against ``Project.xsd``.
    """
    path = Path(path)
    with QdpxArchive(path) as archive:
        return _project(path, archive)


def _project(path: Path, archive: QdpxArchive) -> RefiProject:
    entry = archive.find("project.qde")
    if entry is None:
        raise InputError(path, "no project.qde in the file: not a REFI-QDA project")
    root = parse_document(archive.read(entry, MAX_ENTRY_BYTES), path, entry)
    if local_name(root) != "Project":
        raise InputError(path, f"not a REFI-QDA project (root element {local_name(root)!r})")
    origin = root.get("origin")
    nvivo = "nvivo" in (origin or "").casefold()
    skipped: list[str] = []
    users = _users(root)
    code_notes: dict[str, list[str]] = {}
    name = node_name(root) or path.stem
    codebook = codebook_of(root, path, name, code_notes, {})
    cases = _cases(root)
    sources = _sources(root, archive, nvivo, skipped)
    notes = _notes(root)
    sets = sum(len(children(block, "Set")) for block in children(root, "Sets"))
    if sets:
        skipped.append(f"{sets} set(s) not kept: codebench has no sets")
    for unsupported in ("Graphs", "Links"):
        if children(root, unsupported):
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
        project_note_guids=ref_guids(root, "NoteRef"),
        sets=sets,
        skipped=skipped,
    )


def _users(root: etree._Element) -> dict[str, str]:
    """Each user's name by GUID (the GUID itself when the user has no name)."""
    users: dict[str, str] = {}
    for block in children(root, "Users"):
        for user in children(block, "User"):
            guid = read_guid(user.get("guid"))
            users[guid] = node_name(user) or guid
    return users


def _cases(root: etree._Element) -> list[RefiCase]:
    """The cases with their values by variable name (the first value of each) and sources."""
    variables: dict[str, str] = {}
    for block in children(root, "Variables"):
        for variable in children(block, "Variable"):
            variables[read_guid(variable.get("guid"))] = node_name(variable)
    cases: list[RefiCase] = []
    for block in children(root, "Cases"):
        for node in children(block, "Case"):
            case = RefiCase(
                guid=read_guid(node.get("guid")),
                name=node_name(node) or read_guid(node.get("guid")),
            )
            for value in children(node, "VariableValue"):
                ref = first_child(value, "VariableRef")
                if ref is None:
                    continue
                variable = variables.get(read_guid(ref.get("targetGUID")))
                texts = [child_text(value, n) for n in _VALUES if first_child(value, n) is not None]
                if variable and texts and texts[0] is not None:
                    case.values[variable] = texts[0]
            case.source_guids = ref_guids(node, "SourceRef")
            cases.append(case)
    return cases


def _sources(
    root: etree._Element, archive: QdpxArchive, nvivo: bool, skipped: list[str]
) -> list[RefiSource]:
    """The text sources that could be read; every other source is a line in ``skipped``."""
    sources: list[RefiSource] = []
    for block in children(root, "Sources"):
        for node in block:
            kind = local_name(node)
            label = node_name(node) or read_guid(node.get("guid"))
            if kind == "TextSource":
                source = read_text_source(node, archive, nvivo, skipped)
                if source is not None:
                    sources.append(source)
            elif kind in _NON_TEXT:
                skipped.append(f"source '{label}': {_NON_TEXT[kind]} sources are not supported")
            elif kind:
                skipped.append(f"source '{label}': {kind} is not supported")
    return sources


def _notes(root: etree._Element) -> dict[str, RefiNote]:
    """Every note by GUID, its text inline (empty when it has none)."""
    notes: dict[str, RefiNote] = {}
    for block in children(root, "Notes"):
        for node in children(block, "Note"):
            guid = read_guid(node.get("guid"))
            user = node.get("creatingUser")
            notes[guid] = RefiNote(
                guid=guid,
                name=node_name(node),
                text=child_text(node, "PlainTextContent") or "",
                user=read_guid(user) if user else None,
            )
    return notes
