"""Find the body and the styles of a Word file in its package, reading nothing else.

A .docx is a zip of XML parts tied together by relationships (Open Packaging Conventions):
``_rels/.rels`` names the main document part, the main part's own relationships name its
styles part, and ``[Content_Types].xml`` says what kind each part is. They are followed here
as Word and python-docx follow them, so a package with its parts under other names reads the
same. Only the two parts the importer needs are inflated (through
:func:`~codebench.files.archive.docx_zip`, which stops a part that inflates like a bomb) and
parsed: python-docx loads every part, pictures included, and parses each XML one, which was
most of the time an import spent on a Word file.

A package that breaks these rules where it matters (no main document, a part of another kind,
XML that does not parse) is refused as a whole with :data:`CORRUPT`; a part that is missing but
not needed (a picture, the settings) is not looked for.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from codebench.errors import InputError
from codebench.files.archive import ZIP_ERRORS, check_inflated_sizes, docx_zip
from codebench.files.limits import MAX_DOCX_BODY_BYTES, too_large

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CORRUPT = "not a valid .docx file (corrupt or not a Word document)"

_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_STYLES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
# python-docx's parser settings: entities are not expanded, blank text between tags is dropped.
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


class _Corrupt(Exception):
    """The package breaks a rule the reader relies on."""


@dataclass(frozen=True)
class WordParts:
    """The ``w:body`` of the main document and the ``w:styles`` root (None without styles)."""

    body: Any
    styles: Any | None


def read_word_parts(path: Path, data: bytes) -> WordParts:
    """The body and styles of the Word package ``data`` (read from ``path``); raise
    :class:`InputError` for a package that is not a Word document or whose parts inflate
    beyond the limits."""
    try:
        with docx_zip(path, data) as archive:
            check_inflated_sizes(path, archive.infolist())
            return _Package(path, archive).word_parts()
    except (_Corrupt, etree.XMLSyntaxError, *ZIP_ERRORS) as exc:
        raise InputError(path, CORRUPT) from exc


class _Package:
    """Part lookups in one zip: content types, relationships, parts by name."""

    def __init__(self, path: Path, archive: zipfile.ZipFile) -> None:
        self._path = path
        self._archive = archive
        self._overrides, self._defaults = self._content_types()

    def word_parts(self) -> WordParts:
        document_name = self._related("/", _OFFICE_DOCUMENT)
        if document_name is None or self._content_type(document_name) != _DOCUMENT_TYPE:
            raise _Corrupt("no main document part")
        document = self._xml(document_name, MAX_DOCX_BODY_BYTES)
        body = document.find(f"{{{W}}}body") if document.tag == f"{{{W}}}document" else None
        if body is None:
            raise _Corrupt("the main document has no body")
        styles_name = self._related(document_name, _STYLES)
        if styles_name is None:
            return WordParts(body, None)
        if self._content_type(styles_name) != _STYLES_TYPE:
            raise _Corrupt("the styles part is of another kind")
        styles = _parsed_styles(self._part(styles_name), self._info(styles_name).CRC)
        if styles.tag != f"{{{W}}}styles":
            raise _Corrupt("the styles part holds no styles")
        return WordParts(body, styles)

    def _content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        """Content types by part name and by extension, both lower-cased."""
        root = self._xml("/[Content_Types].xml")
        overrides = {}
        for item in root.findall(f"{{{_TYPES}}}Override"):
            overrides[_required(item, "PartName").lower()] = _required(item, "ContentType")
        defaults = {}
        for item in root.findall(f"{{{_TYPES}}}Default"):
            defaults[_required(item, "Extension").lower()] = _required(item, "ContentType")
        return overrides, defaults

    def _content_type(self, name: str) -> str | None:
        extension = posixpath.splitext(name)[1].removeprefix(".")
        return self._overrides.get(name.lower(), self._defaults.get(extension.lower()))

    def _related(self, source: str, relationship: str) -> str | None:
        """The part name ``source`` relates to by ``relationship`` ("/" is the package), or
        None when it has none; more than one, or one outside the package, is corrupt."""
        folder, file = posixpath.split(source)
        rels = posixpath.join(folder, "_rels", f"{file}.rels")
        if rels.lstrip("/") not in self._archive.NameToInfo:
            return None
        targets = {}  # by id: a repeated id replaces the earlier one, as python-docx reads it
        for item in self._xml(rels).findall(f"{{{_RELS}}}Relationship"):
            targets[item.get("Id")] = item
        found = [item for item in targets.values() if item.get("Type") == relationship]
        if not found:
            return None
        if len(found) > 1 or found[0].get("TargetMode") == "External":
            raise _Corrupt(f"not one internal {relationship} relationship")
        return posixpath.normpath(posixpath.join(folder, _required(found[0], "Target")))

    def _xml(self, name: str, limit: int | None = None) -> Any:
        """The parsed part ``name``; one above ``limit`` bytes is refused as too large."""
        return etree.fromstring(self._part(name, limit), _PARSER)

    def _part(self, name: str, limit: int | None = None) -> bytes:
        """The bytes of part ``name``; one above ``limit`` bytes is refused as too large."""
        info = self._info(name)
        if limit is not None and info.file_size > limit:
            raise InputError(self._path, too_large("the document text", info.file_size, limit))
        return self._archive.read(info)

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = self._archive.NameToInfo.get(name.lstrip("/"))
        if info is None:
            raise _Corrupt(f"no part {name}")
        return info


_STYLES_KEPT = 4
_styles: dict[tuple[int, int], tuple[bytes, Any]] = {}


def _parsed_styles(data: bytes, crc: int) -> Any:
    """A styles part, parsed once for all the files that carry it byte for byte: transcripts
    typed from one template share it, and it is often several times the size of the text
    (python-docx's template holds 350 kB of table styles). The tree is only read.

    The parts kept are found by the checksum the zip states for them (``crc``; reading the
    part checked it) and their length, then compared byte for byte: hashing the bytes, as a
    cache keyed by them does, took longer than comparing them."""
    key = (crc, len(data))
    kept = _styles.get(key)
    if kept is not None and kept[0] == data:
        return kept[1]
    tree = etree.fromstring(data, _PARSER)
    if key not in _styles and len(_styles) >= _STYLES_KEPT:
        _styles.pop(next(iter(_styles)), None)  # the oldest
    _styles[key] = (data, tree)
    return tree


def _required(element: Any, attribute: str) -> str:
    value = element.get(attribute)
    if value is None:
        raise _Corrupt(f"{attribute} missing")
    return str(value)
