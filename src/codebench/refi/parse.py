"""Parsing a REFI-QDA document, and finding one's way in it whatever its namespace.

What is accepted beyond the letter of the standard, because real tools write it: the
namespaces ``urn:QDA-XML:project:1.0`` and ``urn:QDA-XML:codebook:1.0`` (validated against the
shipped XSDs; an invalid file is refused) and ``urn:QDA-XML:codebook:0:4`` written by ATLAS.ti
23 (accepted *without* XSD validation: no schema exists for it). Elements are therefore matched
on their local names, whatever their namespace.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from codebench.errors import InputError
from codebench.files.encoding import one_line
from codebench.refi.validate import (
    SCHEMA_FILES,
    STREAM_OPTIONS,
    DocumentProblem,
    Kind,
    Opener,
    parse_error,
    schema_problem,
)
from codebench.refi.xml import clean_guid

#: Namespaces validated against a shipped schema, and the schema each one uses.
VALIDATED: dict[str, Kind] = {
    "urn:QDA-XML:project:1.0": "project",
    "urn:QDA-XML:codebook:1.0": "codebook",
}

#: Namespaces accepted without validation (ATLAS.ti 23.x writes this one).
UNVALIDATED = frozenset({"urn:QDA-XML:codebook:0:4"})


def parse_document(content: bytes, path: Path, entry: str | None = None) -> etree._Element:
    """Parse and (for the 1.0 namespaces) validate; refuse with one line otherwise."""
    where = f"{path}!{entry}" if entry else path
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(content, parser=parser)
    except etree.XMLSyntaxError as error:
        message = f"not well-formed XML: {one_line(error.msg)}"
        raise InputError(where, message, line=error.lineno) from None
    kind = schema_kind(root, where)
    if kind is not None:
        problem = schema_problem(content, kind)
        if problem is not None:
            raise InputError(where, f"not valid against {SCHEMA_FILES[kind]}: {problem}")
    return root


def schema_kind(root: etree._Element, where: str | Path) -> Kind | None:
    """The schema a document with this root is checked against, ``None`` for a namespace
    accepted unchecked; refuses any other namespace."""
    namespace = etree.QName(root.tag).namespace or ""
    if namespace in VALIDATED:
        return VALIDATED[namespace]
    if namespace not in UNVALIDATED:
        raise InputError(where, f"not a REFI-QDA file (namespace {namespace!r})")
    return None


def peek_root(open_document: Opener, where: str | Path) -> etree._Element:
    """The root element of a document as its start tag has it (name and attributes, no
    children), read without reading the rest."""
    with open_document() as stream:
        iterator = etree.iterparse(stream, events=("start",), **STREAM_OPTIONS)
        try:
            for _, element in iterator:
                return element
        except etree.XMLSyntaxError as error:
            message, line = parse_error(error, iterator.error_log)
            raise InputError(where, f"not well-formed XML: {message}", line=line) from None
    raise InputError(where, "not well-formed XML: no root element")


def stream_problem(problem: DocumentProblem, where: str | Path, kind: Kind | None) -> InputError:
    """The refusal of a streamed document, worded as :func:`parse_document` words it."""
    if problem.invalid and kind is not None:
        return InputError(where, f"not valid against {SCHEMA_FILES[kind]}: {problem}")
    return InputError(where, f"not well-formed XML: {problem.message}", line=problem.line)


def local_name(node: etree._Element) -> str:
    """The element's name without its namespace (empty for a comment or processing
    instruction)."""
    tag = node.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def children(node: etree._Element, name: str) -> list[etree._Element]:
    """The children of ``node`` named ``name``, in document order."""
    return [child for child in node if local_name(child) == name]


def first_child(node: etree._Element, name: str) -> etree._Element | None:
    """The first child of ``node`` named ``name``, if any."""
    found = children(node, name)
    return found[0] if found else None


def child_text(node: etree._Element, name: str) -> str | None:
    """All text inside the first child named ``name``, or ``None`` without such a child."""
    child = first_child(node, name)
    if child is None:
        return None
    return "".join(child.itertext())


def read_guid(raw: str | None) -> str:
    """A GUID in lower case without braces; an odd value gets a stable derived one."""
    value = (raw or "").strip()
    return clean_guid(value, "refi", value.lower())


def node_name(node: etree._Element) -> str:
    """The ``name`` attribute on one line and without control characters (XML allows the C1
    ones): a name is a label shown on screen, never a paragraph."""
    name = node.get("name") or ""
    kept = (char for char in name if char.isspace() or unicodedata.category(char) != "Cc")
    return one_line("".join(kept))


def ref_guids(node: etree._Element, name: str) -> list[str]:
    """The targets of the ``name`` references (``NoteRef``, ``SourceRef``) under ``node``."""
    return [read_guid(ref.get("targetGUID")) for ref in children(node, name)]
