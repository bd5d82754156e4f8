"""How a parsed transcript is laid out as the stored plain text of a document.

Design decision: speaker labels ARE part of the stored text, timestamps are NOT. Each turn is
one block "Label: speech", paragraphs of a turn separated by one newline, turns by a blank
line. Keeping the labels makes the text read as a transcript everywhere it goes (the TUI, a
REFI-QDA export opened in ATLAS.ti or NVivo); each turn records where its speech starts, so
sentence units, quotes and codings never include a label. Times live on the turn instead.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from codebench.importers.model import RawTranscript

TURN_SEPARATOR = "\n\n"
PARAGRAPH_SEPARATOR = "\n"


@dataclass(frozen=True)
class RenderedTranscript:
    """The stored text and its turns, a column for each of their fields (turn ``i`` is item
    ``i`` of every column): a long subtitle file makes a quarter of a million turns, which
    held as an object each took more memory than the text and all its columns together.

    A turn's ``start`` is where its label begins, ``speech_start`` where its words do."""

    text: str
    speakers: list[str | None]
    starts: array[int]
    speech_starts: array[int]
    ends: array[int]
    time_starts: list[float | None]
    time_ends: list[float | None]


def render(raw: RawTranscript) -> RenderedTranscript:
    parts: list[str] = []
    speakers: list[str | None] = []
    starts, speech_starts, ends = array("q"), array("q"), array("q")
    time_starts: list[float | None] = []
    time_ends: list[float | None] = []
    offset = 0
    for raw_turn in raw.turns:
        speech = PARAGRAPH_SEPARATOR.join(p for p in raw_turn.paragraphs if p)
        if not speech:
            continue
        if parts:
            parts.append(TURN_SEPARATOR)
            offset += len(TURN_SEPARATOR)
        label = f"{raw_turn.speaker}: " if raw_turn.speaker else ""
        parts.extend((label, speech))
        speakers.append(raw_turn.speaker)
        starts.append(offset)
        speech_starts.append(offset + len(label))
        offset += len(label) + len(speech)
        ends.append(offset)
        time_starts.append(raw_turn.time)
        time_ends.append(raw_turn.end_time)
    text = "".join(parts)
    return RenderedTranscript(text, speakers, starts, speech_starts, ends, time_starts, time_ends)
