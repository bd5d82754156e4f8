"""Reading one ``TextSource`` of a project: its text and the codings of its selections.

A source's text is an entry of the zip (``plainTextPath``, ``internal://`` meaning under
``sources/``, any case) or inline as ``PlainTextContent``. It is stored with LF line ends and
its selections' offsets are converted to match (:mod:`codebench.refi.offsets`). What cannot be
kept (a missing or binary text, a selection outside the text, elements codebench has no place
for) is reported in ``skipped``, one line each, and the rest of the source is kept.
"""

from __future__ import annotations

from lxml import etree  # type: ignore[import-untyped]

from codebench.files.limits import MAX_TEXT_BYTES
from codebench.refi.archive import QdpxArchive
from codebench.refi.model import RefiCoding, RefiSource
from codebench.refi.offsets import lf_offsets, stored_offset, utf16_length
from codebench.refi.parse import (
    child_text,
    children,
    first_child,
    node_name,
    read_guid,
    ref_guids,
)

#: The children of a ``TextSource`` that codebench keeps, besides its selections.
_KEPT = ("PlainTextContent", "NoteRef", "Description")


def read_text_source(
    node: etree._Element, archive: QdpxArchive, nvivo: bool, skipped: list[str]
) -> RefiSource | None:
    """The source ``node`` with its codings, or ``None`` (and a line in ``skipped``) when its
    text cannot be had; ``nvivo`` says its offsets count UTF-16 code units."""
    name = node_name(node) or read_guid(node.get("guid"))
    raw = _source_text(node, archive, name, skipped)
    if raw is None:
        return None
    text, removed = lf_offsets(raw)
    source = RefiSource(guid=read_guid(node.get("guid")), name=name, text=text)
    source.note_guids = ref_guids(node, "NoteRef")
    length = utf16_length(raw) if nvivo else len(raw)
    for selection in children(node, "PlainTextSelection"):
        try:
            first = int(selection.get("startPosition", ""))
            last = int(selection.get("endPosition", ""))
        except ValueError:
            skipped.append(f"source '{name}': a selection without numeric positions")
            continue
        if not 0 <= first < last <= length:
            skipped.append(
                f"source '{name}': selection {first}-{last} is not within its text "
                f"(0-{length}), its codings dropped"
            )
            continue
        start = stored_offset(raw, removed, first, nvivo)
        end = stored_offset(raw, removed, last, nvivo)
        source.codings.extend(_codings(selection, start, end))
    others = len(node) - len(children(node, "PlainTextSelection"))
    others -= sum(len(children(node, kept)) for kept in _KEPT)
    if others > 0:
        skipped.append(f"source '{name}': {others} other element(s) not kept")
    return source


def _source_text(
    source: etree._Element, archive: QdpxArchive, name: str, skipped: list[str]
) -> str | None:
    inline = child_text(source, "PlainTextContent")
    location = source.get("plainTextPath")
    if location:
        entry = location.removeprefix("internal://")
        found = archive.find(f"sources/{entry}")
        if found is None and not location.startswith("internal://"):
            found = archive.find(entry)
        if found is None:
            if inline is not None:
                return inline
            skipped.append(f"source '{name}': its text {location!r} is missing from the file")
            return None
        data = archive.read_entry(found, MAX_TEXT_BYTES)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            skipped.append(f"source '{name}': its text {location!r} is not UTF-8")
            return None
        if "\x00" in text:  # no database keeps it, and no text file has it
            skipped.append(f"source '{name}': its text {location!r} is binary, not text")
            return None
        return text
    if inline is not None:
        return inline
    skipped.append(f"source '{name}': it has no text")
    return None


def _codings(selection: etree._Element, start: int, end: int) -> list[RefiCoding]:
    """The codings of one selection, each by its own user or else the selection's."""
    description = child_text(selection, "Description")
    user = selection.get("creatingUser")
    result = []
    for coding in children(selection, "Coding"):
        ref = first_child(coding, "CodeRef")
        if ref is None:
            continue
        result.append(
            RefiCoding(
                start=start,
                end=end,
                code_guid=read_guid(ref.get("targetGUID")),
                user=read_guid(who) if (who := coding.get("creatingUser") or user) else None,
                note_guids=ref_guids(coding, "NoteRef"),
                description=description.strip() if description and description.strip() else None,
            )
        )
    return result
