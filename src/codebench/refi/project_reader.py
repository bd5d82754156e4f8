"""Reading a REFI-QDA project (``.qdpx``) into a :class:`RefiProject`, a source at a time.

The project entry may be ``project.qde`` or ``Project.qde`` and the file may be named
``.zip``. Users, the codebook, cases with their variables, text sources with their codings and
notes are kept; everything else (non-text sources, sets, graphs, links) is reported in
:attr:`RefiProject.skipped`, one line each.

A project's XML can be hundreds of megabytes (a selection per coding), so it is never held as
a tree: it is read twice as a stream (:func:`codebench.refi.validate.stream_elements`). The
first reading checks it against the schema and keeps everything but the sources (what the
sources refer to: users, codes, cases, notes); the second gives the text sources one at a time,
each with its text read from the zip only then, so that a caller can store each and let it go
(:class:`QdpxReader`). :func:`read_qdpx` reads them all into one :class:`RefiProject`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from codebench.codebook.model import Codebook
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
    peek_root,
    read_guid,
    ref_guids,
    schema_kind,
    stream_problem,
)
from codebench.refi.text_sources import read_text_source
from codebench.refi.validate import DocumentProblem, Kind, Readable, stream_elements

_NON_TEXT = {
    "PDFSource": "PDF",
    "PictureSource": "picture",
    "AudioSource": "audio",
    "VideoSource": "video",
}

_VALUES = ("TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue")

#: The blocks under ``Project`` that are read, whole or item by item.
_BLOCKS = ("Users", "CodeBook", "Variables", "Cases", "Sources", "Notes", "Sets", "Graphs", "Links")

#: The elements a stream gives: the blocks, the items of the blocks that may be long (emptied
#: one by one as the stream goes on), and the project's note references.
_TAGS = tuple(
    f"{{*}}{name}" for name in (*_BLOCKS, "Case", "Note", "TextSource", *_NON_TEXT, "NoteRef")
)


def read_qdpx(path: Path) -> RefiProject:
    """Read a REFI-QDA project (``.qdpx`` or ``.zip``) whole; refuses a file that is not valid.

    Raises :class:`InputError` (one line) if the zip has no ``project.qde``, if that XML is not
    well-formed or, in the 1.0 namespace, not valid against ``Project.xsd``. For a large file,
    :class:`QdpxReader` gives the sources one at a time instead.
    """
    with QdpxReader(path) as reader:
        sources = list(reader.sources())
        project = reader.project
        project.sources = sources
        project.skipped += reader.trailing
        return project


class QdpxReader:
    """A ``.qdpx`` being read; a context manager that closes it.

    Opening reads and checks the project XML to its end and keeps :attr:`project`, without its
    sources; :meth:`sources` then gives them one at a time. A file that is not valid is refused
    on opening, before anything is kept. Lines for what a source could not keep go to
    ``project.skipped`` as the sources are read; :attr:`trailing` holds those for what the
    project could not keep besides its sources (sets, graphs, links).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.archive = QdpxArchive(self.path)
        try:
            entry = self.archive.find("project.qde")
            if entry is None:
                raise InputError(self.path, "no project.qde in the file: not a REFI-QDA project")
            self.archive.allow(entry, MAX_ENTRY_BYTES)
            self.entry = entry
            self.where = f"{self.path}!{entry}"
            root = peek_root(self._open, self.where)
            self.kind: Kind | None = schema_kind(root, self.where)
            if local_name(root) != "Project":
                raise InputError(
                    self.path, f"not a REFI-QDA project (root element {local_name(root)!r})"
                )
            self.nvivo = "nvivo" in (root.get("origin") or "").casefold()
            self.trailing: list[str] = []
            self.project = self._project(root)
        except BaseException:
            self.archive.close()
            raise

    def __enter__(self) -> QdpxReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.archive.close()

    def _open(self) -> AbstractContextManager[Readable]:
        return self.archive.stream(self.entry, MAX_ENTRY_BYTES)

    def _elements(self, kind: Kind | None) -> Iterator[etree._Element]:
        """The elements of :data:`_TAGS` in document order (checked against ``kind``)."""
        try:
            yield from stream_elements(self._open, kind, _TAGS)
        except DocumentProblem as problem:
            raise stream_problem(problem, self.where, self.kind) from None

    def _project(self, root: etree._Element) -> RefiProject:
        """Everything but the sources, read in one checked pass to the end of the XML."""
        name = node_name(root) or self.path.stem
        users: dict[str, str] = {}
        code_notes: dict[str, list[str]] = {}
        codebook: Codebook | None = None
        variables: dict[str, str] = {}
        cases: list[tuple[RefiCase, dict[str, str]]] = []
        notes: dict[str, RefiNote] = {}
        project_notes: list[str] = []
        sets = 0
        unsupported: set[str] = set()
        for element in self._elements(self.kind):
            kind, place = local_name(element), _place(element)
            if place == 1:
                if kind == "Users":
                    users.update(_users(element))
                elif kind == "CodeBook" and codebook is None:
                    codebook = codebook_of(element, self.path, name, code_notes, {})
                elif kind == "Variables":
                    variables.update(_variables(element))
                elif kind == "Sets":
                    sets += len(children(element, "Set"))
                elif kind in ("Graphs", "Links"):
                    unsupported.add(kind)
                elif kind == "NoteRef":
                    project_notes.append(read_guid(element.get("targetGUID")))
            elif place == 2:
                block = local_name(element.getparent())
                if kind == "Case" and block == "Cases":
                    cases.append(_case(element))
                elif kind == "Note" and block == "Notes":
                    note = _note(element)
                    notes[note.guid] = note
        if sets:
            self.trailing.append(f"{sets} set(s) not kept: codebench has no sets")
        for kind in ("Graphs", "Links"):
            if kind in unsupported:
                self.trailing.append(f"{kind} not kept: codebench does not support them")
        for case, values in cases:
            for guid, value in values.items():
                variable = variables.get(guid)
                if variable:
                    case.values[variable] = value
        return RefiProject(
            name=name,
            origin=root.get("origin"),
            users=users,
            codebook=codebook or Codebook(name=name, codes=[]),
            code_notes=code_notes,
            cases=[case for case, _ in cases],
            sources=[],
            notes=notes,
            project_note_guids=project_notes,
            sets=sets,
            skipped=[],
        )

    def sources(self) -> Iterator[RefiSource]:
        """The text sources that could be read, in document order, each with its text and
        codings; every other source is a line in ``project.skipped``."""
        skipped = self.project.skipped
        for element in self._elements(None):
            if _place(element) != 2 or local_name(element.getparent()) != "Sources":
                if _place(element) == 1 and local_name(element) == "Sources":
                    skipped += _others(element)
                continue
            kind = local_name(element)
            label = node_name(element) or read_guid(element.get("guid"))
            if kind == "TextSource":
                source = read_text_source(element, self.archive, self.nvivo, skipped)
                if source is not None:
                    yield source
            else:
                skipped.append(f"source '{label}': {_NON_TEXT[kind]} sources are not supported")


def _place(element: etree._Element) -> int:
    """How deep ``element`` lies: 0 for the root, 1 for a block, 2 for an item, 3 deeper."""
    depth, parent = 0, element.getparent()
    while parent is not None and depth < 3:
        depth, parent = depth + 1, parent.getparent()
    return depth


def _others(block: etree._Element) -> list[str]:
    """Lines for the sources of a ``Sources`` block of a kind no stream gives (what is left in
    it at its end: those, and the last source read, already emptied)."""
    lines = []
    for node in block:
        kind = local_name(node)
        if kind and kind != "TextSource" and kind not in _NON_TEXT:
            label = node_name(node) or read_guid(node.get("guid"))
            lines.append(f"source '{label}': {kind} is not supported")
    return lines


def _users(block: etree._Element) -> dict[str, str]:
    """Each user's name by GUID (the GUID itself when the user has no name)."""
    users: dict[str, str] = {}
    for user in children(block, "User"):
        guid = read_guid(user.get("guid"))
        users[guid] = node_name(user) or guid
    return users


def _variables(block: etree._Element) -> dict[str, str]:
    """Each variable's name by GUID."""
    return {read_guid(v.get("guid")): node_name(v) for v in children(block, "Variable")}


def _case(node: etree._Element) -> tuple[RefiCase, dict[str, str]]:
    """A case with its sources, and its values by variable GUID (of a value, the first of
    its kinds; of a variable given twice, the later value)."""
    case = RefiCase(
        guid=read_guid(node.get("guid")),
        name=node_name(node) or read_guid(node.get("guid")),
    )
    values: dict[str, str] = {}
    for value in children(node, "VariableValue"):
        ref = first_child(value, "VariableRef")
        if ref is None:
            continue
        texts = [child_text(value, n) for n in _VALUES if first_child(value, n) is not None]
        if texts and texts[0] is not None:
            values[read_guid(ref.get("targetGUID"))] = texts[0]
    case.source_guids = ref_guids(node, "SourceRef")
    return case, values


def _note(node: etree._Element) -> RefiNote:
    """A note, its text inline (empty when it has none)."""
    user = node.get("creatingUser")
    return RefiNote(
        guid=read_guid(node.get("guid")),
        name=node_name(node),
        text=child_text(node, "PlainTextContent") or "",
        user=read_guid(user) if user else None,
    )
