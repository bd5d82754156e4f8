"""Validation of REFI-QDA files against the QDA-XML schemas shipped in ``schemas/``.

An export is only reported done once its XML validates; a file that does not is removed and
the schema's first complaint is raised as a one-line :class:`CodebenchError`. A file being read
in a 1.0 namespace is checked against the same schemas (:func:`schema_problem`).

A project document may be hundreds of megabytes, and as a tree several times that, so it is
checked as a stream (:func:`streamed_problem`): libxml2 validates while it parses and nothing is
kept. Validating that way loses the line of a complaint, so the line is found again by a second
reading fed one line at a time (:func:`complaint_line`), only for a document that is refused.
"""

from __future__ import annotations

import contextlib
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from functools import cache
from pathlib import Path
from typing import Any, Literal, Protocol, TypeAlias

from lxml import etree  # type: ignore[import-untyped]

from codebench.errors import CodebenchError
from codebench.files.encoding import one_line

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"

Kind: TypeAlias = Literal["codebook", "project"]

#: The schema file of each kind of document.
SCHEMA_FILES: dict[Kind, str] = {"codebook": "Codebook.xsd", "project": "Project.xsd"}

#: The name of the project document inside a ``.qdpx`` zip.
PROJECT_ENTRY = "project.qde"


class Readable(Protocol):
    """A document being read: a file, a zip entry."""

    def read(self, size: int = -1, /) -> bytes: ...

    def readline(self, size: int = -1, /) -> bytes: ...


#: Opens a document afresh for one more reading (a zip entry, a file).
Opener: TypeAlias = Callable[[], AbstractContextManager[Readable]]

#: How a streamed document is parsed. Internal entities are expanded within libxml2's limits
#: (an entity bomb is refused) and external ones are never loaded. They are not left
#: unexpanded (``resolve_entities=False``, as :func:`schema_problem` parses) because lxml,
#: validating as it parses with entities unexpanded, lets a document that is not well-formed
#: (a truncated one) through without a word.
STREAM_OPTIONS: dict[str, Any] = {
    "resolve_entities": "internal",
    "no_network": True,
    "huge_tree": False,
}

#: lxml's message for a parse error met while a schema is plugged in: ``line 3: b'...'``.
_PLUGGED = re.compile(r"line (\d+): b(['\"])(.*)\2")


@cache
def schema_of(kind: Kind) -> etree.XMLSchema:
    """The parsed schema of ``kind`` documents, read once."""
    path = SCHEMA_DIR / SCHEMA_FILES[kind]
    if not path.is_file():
        raise CodebenchError(f"the REFI-QDA schema {path.name} is missing from this installation")
    return etree.XMLSchema(etree.parse(str(path)))


def schema_problem(content: bytes, kind: Kind) -> str | None:
    """The first reason ``content`` is not valid against the ``kind`` schema, or ``None``."""
    try:
        document = etree.fromstring(content, parser=etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError as error:
        return one_line(f"line {error.lineno}: {error.msg}")
    schema = schema_of(kind)
    if schema.validate(document):
        return None
    first = schema.error_log[0]
    return one_line(f"line {first.line}: {first.message}")


def complaints(log: Any) -> list[Any]:
    """The schema's complaints in an lxml error log (not the parser's)."""
    return [entry for entry in log if entry.domain_name.startswith("SCHEMA")]


def parse_error(error: etree.XMLSyntaxError, log: Any) -> tuple[str, int | None]:
    """The message and line of a document that is not well-formed, from the error raised and
    the parse's own error log (the error's own log may hold older parses' errors)."""
    for entry in log:
        if entry.domain_name == "PARSER" and entry.line:
            return one_line(entry.message), entry.line
    plugged = _PLUGGED.fullmatch(str(error.msg))
    if plugged:
        return one_line(plugged.group(3)), int(plugged.group(1))
    return one_line(str(error.msg)), error.lineno


def drop(element: etree._Element, last: etree._Element | None) -> etree._Element | None:
    """Free what a stream has read once ``element`` (just ended) has been used, and return the
    item to free at the next item's end.

    A block under the root (``Sources``) is emptied, and all before it removed. An item of a
    block (a ``TextSource``) is emptied, and the item emptied before it (``last``) removed if it
    is the one just before: an element the stream did not give in between is left for the
    block's end, where a reader may still look at it. Deeper elements are left to their item.
    """
    parent = element.getparent()
    if parent is None:
        return last
    grandparent = parent.getparent()
    if grandparent is None:
        element.clear(keep_tail=True)
        while element.getprevious() is not None:
            del parent[0]
        return None
    if grandparent.getparent() is not None:
        return last
    element.clear(keep_tail=True)
    before = element.getprevious()
    if before is not None and before is last:
        parent.remove(before)
    return element


class _Found(Exception):
    """The schema has complained: the line fed last is the line of the complaint."""


def complaint_line(open_document: Opener, kind: Kind) -> int | None:
    """The line at which the ``kind`` schema first complains about the document, found by
    feeding it to the parser one line at a time; ``None`` if it does not complain."""
    fed = current = 0
    iterator: Any = None

    class Lines:
        def __init__(self, stream: Readable) -> None:
            self.stream = stream

        def read(self, size: int) -> bytes:
            nonlocal fed, current
            if iterator is not None and complaints(iterator.error_log):
                raise _Found
            line = self.stream.readline(size)
            current = fed + 1
            fed += line.count(b"\n")
            return line

    with open_document() as stream:
        iterator = etree.iterparse(
            Lines(stream), events=("end",), schema=schema_of(kind), **STREAM_OPTIONS
        )
        item = None
        try:
            for _, element in iterator:
                item = drop(element, item)
        except _Found:
            return current
        except etree.XMLSyntaxError:
            return current if complaints(iterator.error_log) else None
    return None


def stream_elements(
    open_document: Opener, kind: Kind | None, tags: tuple[str, ...]
) -> Iterator[etree._Element]:
    """The elements named ``tags`` (``{*}Name``), each complete at its end tag, in document
    order; each is dropped (:func:`drop`) once the caller asks for the next.

    The document is checked against the ``kind`` schema (``None``: not checked) as it is read;
    raises :class:`DocumentProblem` at its end if it is not valid, or wherever it stops being
    well-formed.
    """
    schema = schema_of(kind) if kind is not None else None
    with open_document() as stream:
        iterator = etree.iterparse(
            stream, events=("end",), tag=tags, schema=schema, **STREAM_OPTIONS
        )
        last = None
        try:
            for _, element in iterator:
                yield element
                last = drop(element, last)
        except etree.XMLSyntaxError as error:
            found = complaints(iterator.error_log)
            if kind is not None and found:
                line = complaint_line(open_document, kind)
                raise DocumentProblem(one_line(found[0].message), line, invalid=True) from None
            message, line = parse_error(error, iterator.error_log)
            raise DocumentProblem(message, line, invalid=False) from None


class DocumentProblem(Exception):
    """Why a streamed document is refused: not well-formed, or (``invalid``) not valid."""

    def __init__(self, message: str, line: int | None, *, invalid: bool) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.invalid = invalid

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line is not None else self.message


def streamed_problem(open_document: Opener, kind: Kind) -> str | None:
    """The first reason the document is not valid against the ``kind`` schema, or ``None``;
    read as a stream, so a document of any size is checked in little memory."""
    try:
        for _ in stream_elements(open_document, kind, ("{*}TextSource", "{*}Note", "{*}Case")):
            pass
    except DocumentProblem as problem:
        return str(problem)
    return None


def validate_written(path: Path, kind: Kind, shown: Path | None = None) -> None:
    """Check the file just written at ``path``; if it is invalid, remove it and raise.

    ``kind`` is ``"codebook"`` for a ``.qdc`` and ``"project"`` for a ``.qdpx`` (whose
    ``project.qde`` is checked as a stream). ``shown`` is the name the message gives the file
    (a temporary file stands for its target).
    """
    path = Path(path)
    try:
        if kind == "codebook":
            problem = schema_problem(path.read_bytes(), kind)
        else:
            with zipfile.ZipFile(path) as archive:
                problem = streamed_problem(lambda: archive.open(PROJECT_ENTRY), kind)
    except (OSError, KeyError, zipfile.BadZipFile) as error:
        problem = one_line(str(error))
    if problem is None:
        return
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    schema = SCHEMA_FILES[kind]
    where = shown or path
    raise CodebenchError(f"{where}: not valid against {schema}, nothing written: {problem}")
