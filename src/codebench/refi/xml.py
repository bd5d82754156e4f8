"""Small helpers shared by the REFI-QDA readers and writers: GUIDs, colours, XML-safe text,
timestamps."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

#: The namespace every GUID codebench derives lives in, so the same input gives the same GUID.
GUID_NAMESPACE = uuid.UUID("6f1b5c1e-3a52-5d0e-9c52-2f0a1c9e7b41")

#: Characters XML 1.0 does not allow anywhere (controls other than tab, LF, CR; lone surrogates).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


def derived_guid(kind: str, key: object) -> str:
    """A lower-case GUID that is always the same for the same ``kind`` and ``key``."""
    return str(uuid.uuid5(GUID_NAMESPACE, f"{kind}:{key}"))


def clean_guid(guid: str | None, kind: str, key: object) -> str:
    """``guid`` in lower case if it is a UUID, otherwise one derived from ``kind`` and ``key``."""
    if guid:
        text = guid.strip().strip("{}").lower()
        if _GUID.fullmatch(text):
            return text
    return derived_guid(kind, key)


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry (they would make the file invalid)."""
    return _NOT_XML.sub("", text)


def colour(value: str | None) -> str | None:
    """A ``#RRGGBB`` colour in upper case, or ``None`` when the code has no usable colour."""
    if value and _COLOUR.fullmatch(value.strip()):
        return value.strip().upper()
    return None


def timestamp(moment: datetime | None) -> str | None:
    """An ``xsd:dateTime`` in UTC (``2024-05-01T09:30:00Z``); naive values are taken as UTC."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def element(parent: ET.Element | None, tag: str, **attributes: str | None) -> ET.Element:
    """A new element (under ``parent`` if given) with the attributes that are not ``None``."""
    attrib = {name: xml_text(value) for name, value in attributes.items() if value is not None}
    if parent is None:
        return ET.Element(tag, attrib)
    return ET.SubElement(parent, tag, attrib)


def text_element(parent: ET.Element, tag: str, text: str) -> ET.Element:
    """A child element holding ``text`` (made XML-safe)."""
    child = ET.SubElement(parent, tag)
    child.text = xml_text(text)
    return child


def serialise(root: ET.Element) -> bytes:
    """The document as UTF-8 bytes with an XML declaration, indented for people who look."""
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'.encode()
