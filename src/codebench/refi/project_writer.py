"""Writing a REFI-QDA project (``.qdpx``) a part at a time.

A project's ``project.qde`` holds a selection for every coding, so it is never built as one
tree: :class:`ProjectDocument` writes it to a stream as the caller gives its parts in the
schema's order, whole (``Users``, ``CodeBook``, ``Cases``) or item by item inside a block (each
``TextSource`` of ``Sources``, each ``Note`` of ``Notes``), and each part is let go once written.
The text is the one :func:`~codebench.refi.xml.serialise` gives for the whole tree, indentation
included: each part is indented at its depth and serialised alone.

:class:`QdpxWriter` puts the entries into the zip one at a time, in a temporary file beside the
target that is moved into place only once ``project.qde`` validates (read back as a stream).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import zipfile
from pathlib import Path
from types import TracebackType
from typing import IO, Protocol
from xml.etree import ElementTree as ET

from codebench.refi.validate import validate_written
from codebench.refi.xml import element

PROJECT_NAMESPACE = "urn:QDA-XML:project:1.0"

#: Zip entries carry this date so that two exports of the same project are byte-identical.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

#: One level of indentation, as :func:`~codebench.refi.xml.serialise` indents.
_INDENT = "  "

#: Permissions of the written file: it holds interview quotes (owner only).
_PRIVATE_MODE = 0o600


class Writable(Protocol):
    def write(self, data: bytes, /) -> int: ...


class ProjectDocument:
    """``project.qde`` written to ``stream`` as its parts come; :meth:`close` ends it."""

    def __init__(self, stream: Writable, **attributes: str | None) -> None:
        self.stream = stream
        root = element(None, "Project", xmlns=PROJECT_NAMESPACE, **attributes)
        empty = ET.tostring(root, encoding="unicode")
        self._start = empty.removesuffix(" />")
        self._parts = 0
        self._block: str | None = None
        self._write('<?xml version="1.0" encoding="UTF-8"?>\n')

    def _write(self, text: str) -> None:
        self.stream.write(text.encode("utf-8"))

    def _open(self) -> None:
        if self._parts == 0:
            self._write(f"{self._start}>")
        self._parts += 1

    def _end_block(self) -> None:
        if self._block is not None:
            self._write(f"\n{_INDENT}</{self._block}>")
            self._block = None

    def add(self, part: ET.Element) -> None:
        """Write ``part`` (a ``Users``, ``CodeBook``, ``NoteRef``...) under the root."""
        self._end_block()
        self._open()
        self._write(f"\n{_INDENT}{_text(part, 1)}")

    def item(self, block: str, part: ET.Element) -> None:
        """Write ``part`` inside the block ``block`` under the root (a ``TextSource`` inside
        ``Sources``); consecutive items of one block share it."""
        if self._block != block:
            self._end_block()
            self._open()
            self._write(f"\n{_INDENT}<{block}>")
            self._block = block
        self._write(f"\n{_INDENT * 2}{_text(part, 2)}")

    def close(self) -> None:
        """End the document (an empty project is one empty element)."""
        self._end_block()
        self._write("\n</Project>\n" if self._parts else f"{self._start} />\n")


def _text(part: ET.Element, level: int) -> str:
    """``part`` serialised as it reads at depth ``level`` of the indented whole."""
    ET.indent(part, space=_INDENT, level=level)
    return ET.tostring(part, encoding="unicode")


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = _PRIVATE_MODE << 16
    return info


class QdpxWriter:
    """A ``.qdpx`` being written at ``path``, entry by entry; a context manager.

    The zip goes to a temporary file beside ``path``, owner-only. Leaving the block without an
    error checks its ``project.qde`` against the schema and moves it into place; an invalid
    document raises :class:`~codebench.errors.CodebenchError` (one line). On any failure the
    temporary file is removed and whatever was at ``path`` is left as it was.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent
        )
        self.temporary = Path(temporary)
        try:
            os.fchmod(descriptor, _PRIVATE_MODE)
            self.file = os.fdopen(descriptor, "w+b")
        except BaseException:
            os.close(descriptor)
            self.temporary.unlink()
            raise
        self.zip = zipfile.ZipFile(self.file, "w")

    def __enter__(self) -> QdpxWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            if kind is None:
                self.zip.close()
                self.file.close()
                validate_written(self.temporary, "project", shown=self.path)
                os.replace(self.temporary, self.path)
            else:
                with contextlib.suppress(Exception):  # the error that got us here comes first
                    self.zip.close()
                self.file.close()
        finally:
            with contextlib.suppress(FileNotFoundError):
                self.temporary.unlink()

    def entry(self, name: str) -> IO[bytes]:
        """A stream that writes entry ``name`` as it is given; close it before the next."""
        return self.zip.open(_info(name), "w")

    def add(self, name: str, content: bytes) -> None:
        """Entry ``name`` holding ``content``."""
        self.zip.writestr(_info(name), content)
