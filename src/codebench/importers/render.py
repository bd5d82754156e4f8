"""How a parsed transcript is laid out as the stored plain text of a document.

Design decision: speaker labels ARE part of the stored text, timestamps are NOT. Each turn is
one block "Label: speech", paragraphs of a turn separated by one newline, turns by a blank
line. Keeping the labels makes the text read as a transcript everywhere it goes (the TUI, a
REFI-QDA export opened in ATLAS.ti or NVivo); each turn records where its speech starts, so
sentence units, quotes and codings never include a label. Times live on the turn instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from codebench.importers.model import RawTranscript

TURN_SEPARATOR = "\n\n"
PARAGRAPH_SEPARATOR = "\n"


@dataclass(frozen=True)
class RenderedTurn:
    speaker: str | None
    start: int
    speech_start: int
    end: int
    time_start: float | None
    time_end: float | None


@dataclass(frozen=True)
class RenderedTranscript:
    text: str
    turns: list[RenderedTurn]


def render(raw: RawTranscript) -> RenderedTranscript:
    parts: list[str] = []
    turns: list[RenderedTurn] = []
    offset = 0
    for raw_turn in raw.turns:
        speech = PARAGRAPH_SEPARATOR.join(p for p in raw_turn.paragraphs if p)
        if not speech:
            continue
        if parts:
            parts.append(TURN_SEPARATOR)
            offset += len(TURN_SEPARATOR)
        label = f"{raw_turn.speaker}: " if raw_turn.speaker else ""
        start = offset
        speech_start = start + len(label)
        end = speech_start + len(speech)
        parts.extend((label, speech))
        offset = end
        turns.append(
            RenderedTurn(
                raw_turn.speaker, start, speech_start, end, raw_turn.time, raw_turn.end_time
            )
        )
    return RenderedTranscript("".join(parts), turns)
