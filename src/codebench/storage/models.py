"""The project schema: SQLAlchemy 2 typed models shared by SQLite and PostgreSQL.

The schema itself is owned by the Alembic migrations in ``storage/migrations``; these models must
match the head revision (a test compares them). Offsets (``start``, ``end``) are Unicode code
points of ``Document.text``, which never changes after import, so codings stay valid forever.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Timestamps are stored in UTC so that a project moved between machines stays ordered."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Project(Base):
    """The one row that describes the study held in this database."""

    __tablename__ = "project"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Coder(Base):
    """A person who codes; every coding belongs to exactly one coder."""

    __tablename__ = "coder"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Document(Base):
    """An imported transcript; ``text`` is immutable because codings point into it by offset."""

    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    file_name: Mapped[str] = mapped_column(String(500))
    source_format: Mapped[str] = mapped_column(String(16))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    word_count: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    speakers: Mapped[list[Speaker]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Speaker.id"
    )
    turns: Mapped[list[Turn]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Turn.position"
    )


class Respondent(Base):
    """A participant (a case in REFI-QDA terms), shared across documents, with attributes."""

    __tablename__ = "respondent"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(200), unique=True)

    attributes: Mapped[list[RespondentAttribute]] = relationship(
        back_populates="respondent",
        cascade="all, delete-orphan",
        order_by="RespondentAttribute.name",
    )


class RespondentAttribute(Base):
    """One attribute value (organisation type, role, ...) of a respondent."""

    __tablename__ = "respondent_attribute"

    respondent_id: Mapped[int] = mapped_column(
        ForeignKey("respondent.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)

    respondent: Mapped[Respondent] = relationship(back_populates="attributes")


class Speaker(Base):
    """A voice in one document, as labelled there; a respondent or interviewer speaks through it."""

    __tablename__ = "speaker"
    __table_args__ = (
        UniqueConstraint("document_id", "label"),
        CheckConstraint("role IN ('interviewer', 'respondent', 'other')", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    respondent_id: Mapped[int | None] = mapped_column(
        ForeignKey("respondent.id", ondelete="SET NULL"), index=True
    )

    document: Mapped[Document] = relationship(back_populates="speakers")
    respondent: Mapped[Respondent | None] = relationship()


class Turn(Base):
    """A stretch of speech; ``start`` is where its label begins, ``speech_start`` its words."""

    __tablename__ = "turn"
    __table_args__ = (
        Index("ix_turn_document_position", "document_id", "position"),
        CheckConstraint('start <= speech_start AND speech_start <= "end"', name="offsets"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("speaker.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    speech_start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    time_start: Mapped[float | None] = mapped_column(Float)
    time_end: Mapped[float | None] = mapped_column(Float)

    document: Mapped[Document] = relationship(back_populates="turns")
    speaker: Mapped[Speaker | None] = relationship()


class Sentence(Base):
    """A sentence unit inside one turn: the unit of keyboard selection and of agreement."""

    __tablename__ = "sentence"
    __table_args__ = (
        Index("ix_sentence_document_position", "document_id", "position"),
        CheckConstraint('start < "end"', name="offsets"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    turn_id: Mapped[int] = mapped_column(ForeignKey("turn.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class Code(Base):
    """A node of the codebook tree; groups (themes) are codes with children."""

    __tablename__ = "code"
    __table_args__ = (
        CheckConstraint(
            "status IS NULL OR status IN ('candidate', 'reviewed', 'defined')", name="status"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("code.id", ondelete="RESTRICT"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    inclusion: Mapped[str | None] = mapped_column(Text)
    exclusion: Mapped[str | None] = mapped_column(Text)
    example: Mapped[str | None] = mapped_column(Text)
    colour: Mapped[str | None] = mapped_column(String(7))
    shortcut: Mapped[str | None] = mapped_column(String(16))
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    guid: Mapped[str] = mapped_column(String(36), unique=True)
    status: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    parent: Mapped[Code | None] = relationship(remote_side=[id])


class Coding(Base):
    """One coder's application of one code to a span of one document."""

    __tablename__ = "coding"
    __table_args__ = (
        Index("ix_coding_document_coder", "document_id", "coder_id"),
        CheckConstraint('start < "end"', name="offsets"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    code_id: Mapped[int] = mapped_column(ForeignKey("code.id", ondelete="RESTRICT"), index=True)
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id", ondelete="RESTRICT"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    memo: Mapped[str | None] = mapped_column(Text)
    exemplar: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    document: Mapped[Document] = relationship()
    code: Mapped[Code] = relationship()
    coder: Mapped[Coder] = relationship()


class Memo(Base):
    """Free text on the project, a document or a code (a coding's memo lives on the coding)."""

    __tablename__ = "memo"
    __table_args__ = (
        Index("ix_memo_target", "target_type", "target_id"),
        CheckConstraint("target_type IN ('project', 'document', 'code')", name="target_type"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int | None] = mapped_column(Integer)
    coder_id: Mapped[int | None] = mapped_column(ForeignKey("coder.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Event(Base):
    """An append-only record of one change: who did what to which row, and how to undo it.

    ``data`` holds what is needed to reverse or replay the change (the row before and after),
    so undo/redo and the audit trail read the same log.
    """

    __tablename__ = "event"
    __table_args__ = (Index("ix_event_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Assignment(Base):
    """Which coder is to code which document, and whether they have finished it.

    Agreement statistics need it: a unit is missing data only where a coder was not assigned
    a document or has not finished it; everywhere else an uncoded unit is a real "no".
    """

    __tablename__ = "assignment"
    __table_args__ = (CheckConstraint("status IN ('assigned', 'done')", name="status"),)

    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), primary_key=True
    )
    coder_id: Mapped[int] = mapped_column(
        ForeignKey("coder.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(16), default="assigned")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Resolution(Base):
    """A reviewer's decision on one disagreement: a unit of a document, for one code.

    ``decision`` is open, accept (``coder`` names whose coding the consensus takes), merge
    (the consensus takes the union of the coders' spans) or codebook (the definitions overlap;
    no coding changes). The consensus codings themselves are ordinary codings of the consensus
    coder, changed through the event log like any other.
    """

    __tablename__ = "resolution"
    __table_args__ = (
        UniqueConstraint("document_id", "code_id", "unit_start", "unit_end"),
        CheckConstraint("decision IN ('open', 'accept', 'merge', 'codebook')", name="decision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    code_id: Mapped[int] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"), index=True)
    unit_start: Mapped[int] = mapped_column(Integer)
    unit_end: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(16))
    coder: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(100))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SuggestionRejection(Base):
    """A code a coder said does not belong on a sentence, when the model suggested it there:
    never suggested on that sentence to that coder again."""

    __tablename__ = "suggestion_rejection"
    __table_args__ = (
        UniqueConstraint("coder_id", "document_id", "code_id", "start", "end"),
        CheckConstraint('start < "end"', name="offsets"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    code_id: Mapped[int] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    rejected_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
