"""From timed cues to turns: the one grouping rule every subtitle-like format shares.

WebVTT, SubRip and Whisper's txt, tsv and json all cut speech into cues of a few seconds, far
shorter than a turn. Each format's parser only reads its cues; how cues become turns and
paragraphs is decided here, once, so the same recording gives the same document whatever format
it was saved in.

Cues WITH a speaker: consecutive cues of one speaker are one turn that keeps the first cue's
time; a pause of two seconds or more starts a new paragraph inside it. A monologue (a Zoom
lecture, one voice for an hour) is not one giant turn either: once a turn is long, it ends at a
sentence end and the speaker goes on in a new turn with its own time.

Cues WITHOUT a speaker (Whisper, most subtitles) have no turns to follow, and one turn holding a
whole hour would leave the coder nothing to navigate by. Each paragraph becomes a turn of its
own, with its own start and end time: a paragraph ends at a pause, at the end of a sentence once
it is long enough to read as a paragraph, and at the latest when it reaches a hard cap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from codebench.errors import InputError
from codebench.importers.model import RawTranscript, RawTurn
from codebench.importers.speakers import (
    Paragraph,
    SpeakerLabels,
    clean_speech,
    find_prefix_label,
    paragraphs_to_turns,
)

#: A pause of at least this many milliseconds between cues starts a paragraph.
PARAGRAPH_PAUSE_MS = 2000

#: A speakerless paragraph of at least this many words ends with the cue that ends a sentence.
PARAGRAPH_WORDS = 60

#: A speakerless paragraph of at least this many words ends with its cue, sentence end or not.
MAX_PARAGRAPH_WORDS = 150

#: A speaker's turn of at least this many words ends with the cue that ends a sentence.
TURN_WORDS = 300

#: A speaker's turn of at least this many words ends with its cue, sentence end or not.
MAX_TURN_WORDS = 600

#: The longest speaker name (from a voice tag or a speaker field) the project stores.
MAX_VOICE = 200

_SENTENCE_END_RE = re.compile(r"[.?!…][\"'”’»)\]]*$")


@dataclass(frozen=True, slots=True)
class Cue:
    """Speech of one voice within one timed cue, as its format gives it.

    ``text`` is plain speech on one line (no markup, no timing). ``voice`` is a speaker the
    format names outright (a ``<v>`` tag, Zoom's quoted cue identifier, WhisperX's speaker
    field); ``identifier`` is a name-shaped cue identifier, a speaker only if the document
    confirms it. A ``Name:`` prefix in the text is found here, so every format learns it alike.
    """

    start_ms: int
    end_ms: int
    text: str
    voice: str | None = None
    identifier: str | None = None


def cues_to_turns(
    path: Path,
    source_format: str,
    cues: Iterable[Cue],
    speaker_map: Mapping[str, str] | None,
    preamble: Sequence[str] = (),
) -> RawTranscript:
    """Group ``cues`` into turns (see the module docstring), in time linear in their number.

    ``cues`` are read twice, the speakers learnt from all of them first: a list, or an object
    that reads them afresh each time it is iterated (a large subtitle file, never held whole);
    an iterator, which could be read only once, is refused. ``preamble`` holds lines of text
    before the first cue (a title above cues pasted into a document, a tool's log lines): they
    are read as text paragraphs and kept in front.
    """
    if iter(cues) is cues:
        raise TypeError("cues_to_turns reads the cues twice: give a list or a re-iterable")
    labels = _learn_labels(path, cues, speaker_map)
    turns = _Turns()
    last_end = 0
    for cue in cues:
        prefix = find_prefix_label(cue.text) if cue.voice is None else None
        who, text = _speaker_and_text(cue, prefix, labels)
        if not text:
            continue
        pause = cue.start_ms - last_end >= PARAGRAPH_PAUSE_MS
        last_end = cue.end_ms
        turns.add(who, text, cue, pause)
    front = paragraphs_to_turns([Paragraph(line) for line in preamble if line.strip()], speaker_map)
    found = turns.finish()
    if not found:
        raise InputError(path, "file is empty")
    return RawTranscript(source_format=source_format, turns=front + found)


def _learn_labels(
    path: Path, cues: Iterable[Cue], speaker_map: Mapping[str, str] | None
) -> SpeakerLabels:
    """The speaker labels of all the cues: each ``Name:`` prefix and identifier counted. A voice
    name longer than :data:`MAX_VOICE` is refused, once the cues have all been read (a file
    that is broken besides is refused for that first, wherever it is)."""
    labels = SpeakerLabels(speaker_map)
    too_long: str | None = None
    for cue in cues:
        if cue.voice is None:
            prefix = find_prefix_label(cue.text)
            if prefix is not None:
                labels.count(prefix[0])
        elif too_long is None and len(cue.voice) > MAX_VOICE:
            too_long = cue.voice
        if cue.identifier is not None:
            labels.count(cue.identifier)
    if too_long is not None:
        message = f"voice name {too_long[:30]!r}... is longer than {MAX_VOICE} characters"
        raise InputError(path, message)
    return labels


class _Turns:
    """The turns found so far. The open turn's last paragraph is kept as its pieces and joined
    when it closes, and its words are counted as they come, so that a cue costs the same at
    the end of a long turn as at its start."""

    def __init__(self) -> None:
        self.turns: list[RawTurn] = []
        self.pieces: list[str] = []  # the open paragraph of the last turn
        self.turn_words = 0
        self.paragraph_words = 0

    def add(self, who: str | _Continue, text: str, cue: Cue, pause: bool) -> None:
        """Add a cue's speech: to the open turn, or as a new turn (see the module docstring)."""
        current = self.turns[-1] if self.turns else None
        if isinstance(who, _Continue):
            speaker = current.speaker if current is not None else None
        else:
            speaker = who
        words = len(text.split())
        if current is None or current.speaker != speaker or self._ends(current, pause):
            self._close()
            self.turns.append(
                RawTurn(speaker, [], time=cue.start_ms / 1000, end_time=cue.end_ms / 1000)
            )
            self.pieces, self.turn_words, self.paragraph_words = [text], words, words
            return
        if pause:
            self._close()
            self.pieces, self.paragraph_words = [text], words
        else:
            self.pieces.append(text)
            self.paragraph_words += words
        self.turn_words += words
        # Cues need not come in time order; the turn lasts until its latest cue ends.
        current.end_time = max(current.end_time or 0.0, cue.end_ms / 1000)

    def finish(self) -> list[RawTurn]:
        self._close()
        return self.turns

    def _close(self) -> None:
        """Close the open paragraph of the last turn."""
        if self.pieces:
            self.turns[-1].paragraphs.append(" ".join(self.pieces))
            self.pieces = []

    def _ends(self, turn: RawTurn, pause: bool) -> bool:
        """Whether ``turn`` ends before the next cue of the same speaker (or of nobody)."""
        if turn.speaker is None:
            return pause or _full(
                self.paragraph_words, self.pieces[-1], PARAGRAPH_WORDS, MAX_PARAGRAPH_WORDS
            )
        return _full(self.turn_words, self.pieces[-1], TURN_WORDS, MAX_TURN_WORDS)


def _full(words: int, last: str, enough: int, cap: int) -> bool:
    """Whether a speakerless paragraph or a speaker's turn of ``words`` words, ending with the
    speech ``last``, is long enough to end before the next cue: at a sentence end once it has
    ``enough`` words, at ``cap`` words in any case."""
    if words >= cap:
        return True
    return words >= enough and _SENTENCE_END_RE.search(last) is not None


class _Continue:
    """Marker: the cue names no speaker, so it continues the current one."""


_CONTINUE = _Continue()


def _speaker_and_text(
    cue: Cue, prefix: tuple[str, str] | None, labels: SpeakerLabels
) -> tuple[str | _Continue, str]:
    """Who speaks a cue (voice, then text prefix, then identifier) and its speech."""
    if cue.voice:
        return labels.name(cue.voice), cue.text
    if prefix is not None and labels.is_speaker(prefix[0]):
        return labels.name(prefix[0]), clean_speech(prefix[1])
    if cue.identifier is not None and labels.is_speaker(cue.identifier):
        return labels.name(cue.identifier), cue.text
    return _CONTINUE, cue.text
