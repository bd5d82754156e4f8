"""What codebench keeps of a REFI-QDA project, read but not yet stored.

The readers fill these and :mod:`codebench.services.exchange.qdpx_import` stores them; keeping them
plain data lets the file be checked (and refused) completely before a transaction begins. A
large project's sources are not all held at once: :class:`~codebench.refi.QdpxReader` gives
them one at a time, and :attr:`RefiProject.sources` stays empty until :func:`read_qdpx` fills it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from codebench.codebook.model import Codebook


@dataclass
class RefiCoding:
    """One code applied by one user to ``[start, end)`` of a source (code points, LF text)."""

    start: int
    end: int
    code_guid: str
    user: str | None
    note_guids: list[str] = field(default_factory=list)
    description: str | None = None


@dataclass
class RefiSource:
    """A text source: its name, its text (LF line ends) and its codings."""

    guid: str
    name: str
    text: str
    codings: list[RefiCoding] = field(default_factory=list)
    note_guids: list[str] = field(default_factory=list)


@dataclass
class RefiNote:
    """A note (a memo): its text and who wrote it; what it is attached to refers to its GUID."""

    guid: str
    name: str
    text: str
    user: str | None


@dataclass
class RefiCase:
    """A case (a respondent): its attribute values by variable name and its sources."""

    guid: str
    name: str
    values: dict[str, str] = field(default_factory=dict)
    source_guids: list[str] = field(default_factory=list)


@dataclass
class RefiProject:
    """Everything codebench can keep from a ``.qdpx``; GUIDs are lower case throughout.

    What cannot be kept is in :attr:`skipped`, one line each: non-text sources (PDF, picture,
    audio, video), text sources whose file is missing, sets.
    """

    name: str
    origin: str | None
    users: dict[str, str]
    codebook: Codebook
    code_notes: dict[str, list[str]]
    cases: list[RefiCase]
    sources: list[RefiSource]
    notes: dict[str, RefiNote]
    project_note_guids: list[str]
    sets: int = 0
    skipped: list[str] = field(default_factory=list)
