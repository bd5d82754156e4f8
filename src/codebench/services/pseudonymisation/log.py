"""The event log after a pseudonymisation: the same history, told with the surrogates.

The log is append-only for every other change, but it holds the names this step removes
(speaker labels before an edit, whole documents in a removal's snapshot, file names) and the
offsets of codings in the old text. Left alone, the first would keep the originals in the
project file and the second would make undo put a coding back on the wrong words. So every
event is rewritten: each string through the known forms, the offsets of codings in the
pseudonymised documents through their offset maps, and a document kept inside an event (a
removal, a re-import) pseudonymised as a document of its own.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from codebench.pseudonymise.detect import disjoint
from codebench.pseudonymise.known import KnownNames
from codebench.pseudonymise.offsets import OffsetMap, Replacement, replace_spans
from codebench.pseudonymise.words import spoken_words
from codebench.storage import models


def rewrite_log(session: Session, maps: dict[int, OffsetMap], names: KnownNames) -> int:
    """Rewrite every event that mentions a replaced name or an offset that moved; how many."""
    documents = _coding_documents(session)
    changed = 0
    for event in session.scalars(select(models.Event).order_by(models.Event.id)):
        data = _strings(event.data, names)
        if event.entity == "coding":
            _remap_coding(data, maps.get(documents.get(event.entity_id or 0, 0)))
        for snapshot in (data.get("document"), data.get("structure")):
            if isinstance(snapshot, dict):
                _pseudonymise_snapshot(snapshot, names)
        if data != event.data:
            event.data = data
            changed += 1
    return changed


def _coding_documents(session: Session) -> dict[int, int]:
    """The document of every coding the log speaks of, also of codings deleted since."""
    documents = dict(session.execute(select(models.Coding.id, models.Coding.document_id)).all())
    events = session.execute(
        select(models.Event.entity_id, models.Event.data).where(models.Event.entity == "coding")
    )
    for coding_id, data in events:
        snapshot = data.get("coding") if isinstance(data, dict) else None
        if coding_id is not None and isinstance(snapshot, dict) and "document_id" in snapshot:
            documents.setdefault(coding_id, snapshot["document_id"])
    return documents


def _remap_coding(data: dict[str, Any], offsets: OffsetMap | None) -> None:
    """Move a coding event's offsets (create/delete: its snapshot; update: before and after)."""
    if offsets is None:
        return
    for part in (data.get("coding"), data.get("before"), data.get("after")):
        if isinstance(part, dict):
            _remap(part, offsets, "start", "end")


def _remap(row: dict[str, Any], offsets: OffsetMap, start: str, end: str) -> None:
    if isinstance(row.get(start), int):
        row[start] = offsets.start(row[start])
    if isinstance(row.get(end), int):
        row[end] = offsets.end(row[end])


def _pseudonymise_snapshot(snapshot: dict[str, Any], names: KnownNames) -> None:
    """A document kept in an event: its text with the known forms replaced, its rows moved,
    its words counted again."""
    meta = snapshot.get("meta")
    if not isinstance(meta, dict) or not isinstance(meta.get("text"), str):
        return
    text = meta["text"]
    found = names.find(text)
    replacements = [Replacement(d.start, d.end, names.replace(d.text)) for d in disjoint(found)]
    offsets = OffsetMap(replacements)
    meta["text"] = replace_spans(text, replacements)
    for key, start, end in (
        ("turns", "start", "end"),
        ("sentences", "start", "end"),
        ("codings", "start", "end"),
        ("resolutions", "unit_start", "unit_end"),
    ):
        for row in snapshot.get(key) or []:
            _remap(row, offsets, start, end)
            if key == "turns" and isinstance(row.get("speech_start"), int):
                row["speech_start"] = offsets.start(row["speech_start"])
    turns = snapshot.get("turns")
    if isinstance(meta.get("word_count"), int) and turns:
        speech = ((turn["speech_start"], turn["end"]) for turn in turns)
        meta["word_count"] = spoken_words(meta["text"], speech)


def _strings(value: Any, names: KnownNames, *, keep_text: bool = False) -> Any:
    """A copy of a JSON value with every string rewritten; a snapshot's text (``meta`` holds
    it) is kept for :func:`_pseudonymise_snapshot`, which moves its offsets too."""
    if isinstance(value, str):
        return names.replace(value)
    if isinstance(value, dict):
        return {
            key: item
            if keep_text and key == "text"
            else _strings(item, names, keep_text=key == "meta")
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_strings(item, names) for item in value]
    return value
