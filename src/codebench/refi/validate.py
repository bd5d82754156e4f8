"""Validation of REFI-QDA files against the QDA-XML schemas shipped in ``schemas/``.

An export is only reported done once its XML validates; a file that does not is removed and
the schema's first complaint is raised as a one-line :class:`CodebenchError`. A file being read
in a 1.0 namespace is checked against the same schemas (:func:`schema_problem`).
"""

from __future__ import annotations

import contextlib
import zipfile
from functools import cache
from pathlib import Path
from typing import Literal, TypeAlias

from lxml import etree  # type: ignore[import-untyped]

from codebench.errors import CodebenchError
from codebench.files.encoding import one_line

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"

Kind: TypeAlias = Literal["codebook", "project"]

#: The schema file of each kind of document.
SCHEMA_FILES: dict[Kind, str] = {"codebook": "Codebook.xsd", "project": "Project.xsd"}

#: The name of the project document inside a ``.qdpx`` zip.
PROJECT_ENTRY = "project.qde"


@cache
def _schema(kind: Kind) -> etree.XMLSchema:
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
    schema = _schema(kind)
    if schema.validate(document):
        return None
    first = schema.error_log[0]
    return one_line(f"line {first.line}: {first.message}")


def _content(path: Path, kind: Kind) -> bytes:
    if kind == "codebook":
        return path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        return archive.read(PROJECT_ENTRY)


def validate_written(path: Path, kind: Kind) -> None:
    """Check the file just written at ``path``; if it is invalid, remove it and raise.

    ``kind`` is ``"codebook"`` for a ``.qdc`` and ``"project"`` for a ``.qdpx`` (whose
    ``project.qde`` is checked).
    """
    path = Path(path)
    try:
        problem = schema_problem(_content(path, kind), kind)
    except (OSError, KeyError, zipfile.BadZipFile) as error:
        problem = one_line(str(error))
    if problem is None:
        return
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    schema = SCHEMA_FILES[kind]
    raise CodebenchError(f"{path}: not valid against {schema}, nothing written: {problem}")
