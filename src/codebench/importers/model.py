"""What every importer hands to the rest of the system: speakers, turns and their paragraphs.

Importers only parse a format and find the speakers; how a transcript is laid out as stored
plain text is decided once, in :mod:`codebench.importers.render`, so every format gives the
same kind of document.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawTurn:
    """One stretch of speech by one speaker, as found in the source.

    ``speaker`` is the label as written in the source (``"I"``, ``"Respondent 4"``,
    ``"Jonas Rosland"``), or ``None`` for text nobody speaks (a title or header block).
    ``time`` is the start of the turn in seconds from the start of the recording, when the
    source gives one. ``paragraphs`` hold the speech only: no label, no timestamp.
    """

    speaker: str | None
    paragraphs: list[str] = field(default_factory=list)
    time: float | None = None
    end_time: float | None = None


@dataclass
class RawTranscript:
    """A parsed source file: its turns in order and the format it came in.

    ``source_format`` names the format recognised from the content (``vtt``, ``srt``,
    ``whisper-txt``, ``whisper-tsv``, ``whisper-json``, ``otter``, ``transcribe``, ``md``,
    ``txt``, ``docx``), which need not match the file's extension. ``interviewers`` holds the
    speaker names the source itself says are interviewers (otter's "Interviewer is X").
    """

    source_format: str
    turns: list[RawTurn]
    warnings: list[str] = field(default_factory=list)
    interviewers: frozenset[str] = frozenset()
