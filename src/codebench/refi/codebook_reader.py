"""Reading the code tree of a REFI-QDA file: a stand-alone ``.qdc`` or a project's codebook.

Codes keep their nesting, GUID, name and colour; the labelled paragraphs of a ``Description``
go back to the fields they came from (:mod:`codebench.refi.description`).
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from codebench.codebook.model import Codebook, CodeSpec, Position
from codebench.codebook.validate import MAX_DEPTH, validate
from codebench.errors import InputError
from codebench.files.encoding import read_bytes
from codebench.files.limits import MAX_ENTRY_BYTES
from codebench.refi.description import split_description
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
from codebench.refi.xml import colour


def read_qdc(path: Path) -> Codebook:
    """Read a stand-alone REFI-QDA codebook (``.qdc``); refuses an invalid file.

    The codebook must obey the rules of every codebook file (:func:`validate`): a code name
    twice under one parent, or a GUID on two codes, is refused with the line of the code.
    """
    path = Path(path)
    root = parse_document(read_bytes(path, MAX_ENTRY_BYTES), path)
    if local_name(root) != "CodeBook":
        raise InputError(path, f"not a REFI-QDA codebook (root element {local_name(root)!r})")
    lines: dict[Position, int] = {}
    codebook = codebook_of(root, path, path.stem, {}, lines)
    validate(codebook, path, lines)
    return codebook


def codebook_of(
    root: etree._Element,
    path: Path,
    name: str,
    notes: dict[str, list[str]],
    lines: dict[Position, int],
) -> Codebook:
    """The codebook under ``root`` (a ``CodeBook``, or a ``Project`` holding one) named
    ``name``; code note refs go to ``notes``, the line of each code (by position) to ``lines``.
    """
    book = root if local_name(root) == "CodeBook" else first_child(root, "CodeBook")
    codes = first_child(book, "Codes") if book is not None else None
    specs = _codes(codes, path, notes, lines) if codes is not None else []
    return Codebook(name=name, codes=specs)


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
        for index, code in enumerate(children(node, "Code")):
            if len(position) >= MAX_DEPTH:
                message = f"codes nested more than {MAX_DEPTH} levels deep"
                raise InputError(path, message, line=code.sourceline)
            guid = read_guid(code.get("guid"))
            spec = CodeSpec(
                name=node_name(code) or "(unnamed)",
                colour=(colour(code.get("color")) or "").lower() or None,
                guid=guid,
                **split_description(child_text(code, "Description")),  # type: ignore[arg-type]
            )
            refs = ref_guids(code, "NoteRef")
            if refs:
                notes.setdefault(guid, []).extend(refs)
            if code.sourceline is not None:
                lines[(*position, index)] = code.sourceline
            into.append(spec)
            stack.append((code, spec.children, (*position, index)))
    return result
