"""A stand-alone REFI-QDA codebook (``.qdc``, namespace ``urn:QDA-XML:codebook:1.0``).

Codes keep their hierarchy, their GUID (lower case), name and colour, and their definition in
the single ``Description`` the schema allows (:mod:`codebench.refi.description`). The project
export writes its code tree with the same :func:`add_codes`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from xml.etree import ElementTree as ET

from codebench import __version__
from codebench.codebook.model import Codebook, CodePath, CodeSpec
from codebench.errors import CodebenchError
from codebench.files.private import write_private
from codebench.refi.description import description_text
from codebench.refi.validate import validate_written
from codebench.refi.xml import clean_guid, colour, element, serialise, text_element

CODEBOOK_NAMESPACE = "urn:QDA-XML:codebook:1.0"

#: The origin attribute written on the root element.
ORIGIN = f"codebench {__version__}"


def code_guid(code: CodeSpec, path: CodePath) -> str:
    """The code's own GUID in lower case, or one derived from its path when it has none."""
    return clean_guid(code.guid, "code", "\x1f".join(path))


def add_codes(
    parent: ET.Element,
    codes: Sequence[CodeSpec],
    path: CodePath = (),
    extra: dict[str, list[ET.Element]] | None = None,
) -> None:
    """``Code`` elements for ``codes`` and their children under ``parent``, in tree order.

    ``extra`` maps a code GUID to elements placed after its ``Description`` and before its
    child codes (the project writer passes ``NoteRef`` elements for code memos).
    """
    stack: list[tuple[ET.Element, Sequence[CodeSpec], CodePath]] = [(parent, codes, path)]
    while stack:
        into, siblings, prefix = stack.pop(0)
        for code in siblings:
            code_path = (*prefix, code.name)
            guid = code_guid(code, code_path)
            node = element(
                into,
                "Code",
                guid=guid,
                name=code.name,
                isCodable="true",
                color=colour(code.colour),
            )
            description = description_text(code)
            if description is not None:
                text_element(node, "Description", description)
            for child in (extra or {}).get(guid, []):
                node.append(child)
            if code.children:
                stack.append((node, code.children, code_path))


def codebook_document(codebook: Codebook) -> bytes:
    """The ``.qdc`` XML of ``codebook``."""
    if not codebook.codes:
        raise CodebenchError("the codebook has no codes: a REFI-QDA codebook needs at least one")
    root = element(None, "CodeBook", xmlns=CODEBOOK_NAMESPACE, origin=ORIGIN)
    add_codes(element(root, "Codes"), codebook.codes)
    return serialise(root)


def write_qdc(codebook: Codebook, path: Path) -> Path:
    """Write ``codebook`` as a REFI-QDA ``.qdc`` at ``path`` (owner-only), validated.

    Raises :class:`CodebenchError` (and leaves no file) if the result does not validate
    against ``Codebook.xsd``.
    """
    path = Path(path)
    write_private(path, codebook_document(codebook))
    validate_written(path, "codebook")
    return path
