"""A document's structure (its metadata, speakers, turns and sentences), written in bulk and
read back as JSON.

An import stores a file's structure here, a block of turns at a time; a re-import swaps it
(keeping the document row, its codings and memos); removal and undo keep it as JSON in an
event and store it again from there, with the ids it had where they are still free.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import repeat
from typing import Any

from sqlalchemy import Dialect, Table, delete, func, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler

from codebench.storage import models

_META = ("file_name", "source_format", "sha256", "text", "language", "word_count")
_TURN = ("id", "speaker_id", "position", "start", "speech_start", "end", "time_start", "time_end")
_SENTENCE = ("turn_id", "position", "start", "end")
_TURN_COLUMNS = ("document_id", *_TURN[1:])
_SENTENCE_COLUMNS = ("document_id", *_SENTENCE)
# Speakers, turns and sentences are inserted with Core and the driver's executemany, not
# through the mapped classes: ORM inserts spend more on each row's bookkeeping than the database
# spends storing it, and a transcript has thousands of sentences (a long subtitle file, a
# million: their rows are made from columns by ``zip``, a block of turns at a time).
_TURNS = models.Base.metadata.tables[models.Turn.__tablename__]
_SENTENCES = models.Base.metadata.tables[models.Sentence.__tablename__]
_SPEAKERS = models.Base.metadata.tables[models.Speaker.__tablename__]
_RESPONDENTS = models.Base.metadata.tables[models.Respondent.__tablename__]
_NEW_SPEAKER = insert(_SPEAKERS).returning(_SPEAKERS.c.id)
_NEW_RESPONDENT = insert(_RESPONDENTS).returning(_RESPONDENTS.c.id)


@dataclass(frozen=True)
class TurnBlock:
    """Consecutive turns of a document and the sentences inside them, a column for each field
    (turn ``i`` of the block is item ``i`` of every turn column, and so for sentences).

    ``speakers`` name each turn's speaker by its index in :attr:`Structure.speakers` (None: no
    one's); ``sentence_turns`` name each sentence's turn by its index among all the turns of
    the document. ``ids`` are ids the turns had (a restore): kept if every one is free."""

    speakers: Sequence[int | None]
    positions: Sequence[int]
    starts: Sequence[int]
    speech_starts: Sequence[int]
    ends: Sequence[int]
    time_starts: Sequence[float | None]
    time_ends: Sequence[float | None]
    sentence_turns: Sequence[int]
    sentence_positions: Sequence[int]
    sentence_starts: Sequence[int]
    sentence_ends: Sequence[int]
    ids: Sequence[int] | None = None


@dataclass(frozen=True)
class Structure:
    """What an import made of a file, as :func:`replace_structure` stores it: the document's
    metadata, its speakers (``label``, ``role``, ``respondent``, and an ``id`` to keep if it is
    free) and its turns with their sentences, block by block in order of position. An import
    makes each block as it is stored, so a long file's rows are never all held at once."""

    meta: dict[str, Any]
    speakers: list[dict[str, Any]]
    blocks: Iterable[TurnBlock]


def saved_structure(session: Session, doc: models.Document) -> dict[str, Any]:
    """What an import made of a file, as JSON for an event: its metadata, speakers, turns and
    sentences, with their ids (kept on restore where free, :func:`stored_structure`).

    Turns name their speaker, and sentences their turn, by index in the lists, as the columns
    of a :class:`TurnBlock` do."""
    respondents = dict(session.execute(select(models.Respondent.id, models.Respondent.label)).all())
    speaker_rows = session.scalars(
        select(models.Speaker)
        .where(models.Speaker.document_id == doc.id)
        .order_by(models.Speaker.id)
    ).all()
    speaker_index = {s.id: i for i, s in enumerate(speaker_rows)}
    turns = json_rows(session, models.Turn, _TURN, models.Turn.document_id == doc.id)
    turns.sort(key=lambda row: row["position"])
    turn_index = {row["id"]: i for i, row in enumerate(turns)}
    for row in turns:
        speaker_id = row.pop("speaker_id")
        row["speaker"] = speaker_index[speaker_id] if speaker_id is not None else None
    in_document = models.Sentence.document_id == doc.id
    sentences = json_rows(session, models.Sentence, _SENTENCE, in_document)
    for row in sentences:
        row["turn"] = turn_index[row.pop("turn_id")]
    return {
        "meta": {name: getattr(doc, name) for name in _META},
        "speakers": [
            {
                "id": s.id,
                "label": s.label,
                "role": s.role,
                "respondent": respondents.get(s.respondent_id) if s.respondent_id else None,
            }
            for s in speaker_rows
        ],
        "turns": turns,
        "sentences": sentences,
    }


def stored_structure(saved: dict[str, Any]) -> Structure:
    """A structure in the JSON form :func:`saved_structure` gives (an event's, a snapshot's), to
    store again: its turns and sentences as one block, their ids kept where free."""
    turns, sentences = saved["turns"], saved["sentences"]
    ids = [row.get("id") for row in turns]
    block = TurnBlock(
        speakers=[row["speaker"] for row in turns],
        positions=[row["position"] for row in turns],
        starts=[row["start"] for row in turns],
        speech_starts=[row["speech_start"] for row in turns],
        ends=[row["end"] for row in turns],
        time_starts=[row["time_start"] for row in turns],
        time_ends=[row["time_end"] for row in turns],
        sentence_turns=[row["turn"] for row in sentences],
        sentence_positions=[row["position"] for row in sentences],
        sentence_starts=[row["start"] for row in sentences],
        sentence_ends=[row["end"] for row in sentences],
        ids=ids if all(ids) else None,
    )
    return Structure(saved["meta"], saved["speakers"], [block])


def replace_structure(
    session: Session, doc: models.Document, new: Structure, *, fresh: bool = False
) -> None:
    """Make ``doc``'s metadata, speakers, turns and sentences those of ``new``; bulk inserts,
    a block of turns and their sentences at a time, since a long transcript has thousands.

    ``fresh``: ``doc`` was just inserted with ``new``'s metadata and holds nothing yet (an
    import, a restore), so nothing is deleted and the row is not written twice."""
    doc_id = doc.id  # read once, not once for each of thousands of sentence rows
    if not fresh:
        delete_structure(session, doc_id)
        for name, value in new.meta.items():
            setattr(doc, name, value)
    speaker_ids = _insert_speakers(session, doc_id, new.speakers)
    speaker_of: dict[int | None, int | None] = {None: None, **dict(enumerate(speaker_ids))}
    turn_ids: array[int] = array("q")  # of every turn stored so far, in order
    for block in new.blocks:
        turn_ids.extend(_insert_turns(session, doc_id, block, speaker_of))
        _insert_sentences(session, doc_id, block, turn_ids)
    session.flush()


def _insert_speakers(session: Session, doc_id: int, speakers: list[dict[str, Any]]) -> list[int]:
    """Insert speakers (keeping each id that is free) and return their ids in order."""
    connection = session.connection()
    ids = []
    for row in speakers:
        respondent = row["respondent"]
        values = {
            "document_id": doc_id,
            "label": row["label"],
            "role": row["role"],
            "respondent_id": _respondent_id(session, respondent) if respondent else None,
        }
        free = free_id(session, models.Speaker, row["id"]) if row["id"] else None
        if free is not None:
            values["id"] = free
        ids.append(connection.execute(_NEW_SPEAKER, values).scalar_one())
    return ids


def _respondent_id(session: Session, label: str) -> int:
    """The id of the respondent called ``label``, created if the project has none yet (as
    ``respondents.respondent_named`` does, without loading the row into the session)."""
    connection = session.connection()
    found = connection.execute(select(_RESPONDENTS.c.id).where(_RESPONDENTS.c.label == label))
    respondent_id = found.scalar()
    if respondent_id is None:
        respondent_id = connection.execute(_NEW_RESPONDENT, {"label": label}).scalar_one()
    return int(respondent_id)


def _insert_turns(
    session: Session, doc_id: int, block: TurnBlock, speaker_of: dict[int | None, int | None]
) -> Sequence[int]:
    """Insert a block's turns (keeping their ids when every one is free) and return their ids
    in order."""
    if not block.positions:
        return []
    columns = (
        repeat(doc_id),
        map(speaker_of.__getitem__, block.speakers),
        block.positions,
        block.starts,
        block.speech_starts,
        block.ends,
        block.time_starts,
        block.time_ends,
    )
    wanted = block.ids
    if wanted is not None and not session.scalar(
        select(func.count(models.Turn.id)).where(models.Turn.id.in_(wanted))
    ):
        rows = list(zip(wanted, *columns, strict=False))  # repeat() never ends
        _insert_rows(session, _TURNS, ("id", *_TURN_COLUMNS), rows)
        return wanted
    _insert_rows(session, _TURNS, _TURN_COLUMNS, list(zip(*columns, strict=False)))
    ids = (
        select(_TURNS.c.id)
        .where(
            _TURNS.c.document_id == doc_id,
            _TURNS.c.position.between(block.positions[0], block.positions[-1]),
        )
        .order_by(_TURNS.c.position)
    )
    return session.connection().execute(ids).scalars().all()


def _insert_sentences(
    session: Session, doc_id: int, block: TurnBlock, turn_ids: Sequence[int]
) -> None:
    """Insert a block's sentences, each pointing at its turn's id among ``turn_ids``."""
    rows = zip(
        repeat(doc_id),
        map(turn_ids.__getitem__, block.sentence_turns),
        block.sentence_positions,
        block.sentence_starts,
        block.sentence_ends,
        strict=False,  # repeat() never ends; the block's columns are of one length
    )
    _insert_rows(session, _SENTENCES, _SENTENCE_COLUMNS, list(rows))


def _insert_rows(
    session: Session, table: Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """Insert ``rows`` (values of ``columns``) with the driver's own executemany: SQLAlchemy's
    spends more on building each row's parameters than the database spends storing the row,
    and a transcript has thousands of sentences."""
    if not rows:
        return
    connection = session.connection()
    statement = _insert_statement(connection.dialect, table, columns)
    if statement.positional:  # SQLite: "?" placeholders take the tuples as they are
        connection.exec_driver_sql(statement.string, rows)
    else:  # PostgreSQL: named placeholders take a dict per row
        named = [dict(zip(columns, row, strict=True)) for row in rows]
        connection.exec_driver_sql(statement.string, named)


@lru_cache(maxsize=8)
def _insert_statement(dialect: Dialect, table: Table, columns: tuple[str, ...]) -> SQLCompiler:
    """The INSERT of ``columns`` into ``table``, compiled once per database kind."""
    statement = insert(table).compile(dialect=dialect, column_keys=list(columns))
    if statement.positional and statement.positiontup != list(columns):
        raise ValueError(f"list the columns of {table.name} in the table's order: {columns}")
    return statement


def delete_structure(session: Session, doc_id: int) -> None:
    """Delete a document's speakers, turns and sentences (not its row, codings or memos)."""
    session.execute(delete(models.Sentence).where(models.Sentence.document_id == doc_id))
    session.execute(delete(models.Turn).where(models.Turn.document_id == doc_id))
    session.execute(delete(models.Speaker).where(models.Speaker.document_id == doc_id))
    session.expire_all()


def json_rows(
    session: Session, model: Any, fields: tuple[str, ...], *where: Any
) -> list[dict[str, Any]]:
    """The ``fields`` of the rows of ``model`` that match ``where``, as JSON-ready values
    (times as ISO strings), for an event to hold."""
    columns = [getattr(model, name) for name in fields]
    return [
        {
            name: value.isoformat() if isinstance(value, datetime) else value
            for name, value in zip(fields, row, strict=True)
        }
        for row in session.execute(select(*columns).where(*where)).all()
    ]


def free_id(session: Session, model: Any, wanted: int) -> int | None:
    """``wanted`` if no row of ``model`` has that id (None lets the database choose)."""
    taken = session.scalar(select(model.id).where(model.id == wanted))
    return wanted if taken is None else None
