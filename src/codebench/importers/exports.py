"""Recognise transcripts written by transcription tools, and what their headers say.

Docx, text and Markdown transcripts all become paragraphs; which tool wrote them is then read
from those paragraphs, not from the file name, because a researcher saves otter.ai's export as
.txt or .md alike. otter.ai writes a label line ``Name  0:00`` before each turn and a footer
"Transcribed by https://otter.ai"; Word's Transcribe writes ``00:00:03 Speaker 1`` (a Word
Transcribe .docx is reported as "transcribe" too: the format names the tool, not the container).
A header sentence "Interviewer is Jonas Rosland." names that speaker as the interviewer, so the
user need not say it again with ``--interviewer``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from codebench.errors import InputError
from codebench.importers.model import RawTranscript, RawTurn
from codebench.importers.speakers import (
    Paragraph,
    SpeakerLabels,
    is_label_shaped,
    is_otter_footer,
    label_key,
    paragraphs_to_turns,
)

# Label lines only count as a tool's signature when the document has several of them.
MIN_LABEL_LINES = 2

_OTTER_LABEL_RE = re.compile(r"^(?P<label>\S.*?)[ \t]{2,}\d{1,2}(?::\d{2}){1,2}[ \t]*$")
_TRANSCRIBE_LABEL_RE = re.compile(r"^\d{2}:\d{2}:\d{2}[ \t]+(?P<label>\S.*?)[ \t]*$")
_INTERVIEWERS_RE = re.compile(
    r"\bInterviewers? (?:is|are|was|were) (?P<names>[^.;:()]+?)[ \t]*(?:[.;]|$)", re.IGNORECASE
)
_NAME_SEPARATOR_RE = re.compile(r"[ \t]*(?:,|&|\band\b)[ \t]*")


def transcript_from_paragraphs(
    path: Path,
    paragraphs: Sequence[Paragraph],
    speaker_map: Mapping[str, str] | None,
    plain_format: str,
) -> RawTranscript:
    """The transcript of a document's paragraphs, its format ``plain_format`` unless a tool's
    export is recognised; raise :class:`InputError` when nothing in it is text."""
    turns = paragraphs_to_turns(paragraphs, speaker_map)
    if not turns:
        raise InputError(path, "file is empty")
    return RawTranscript(
        source_format=export_format([paragraph.text for paragraph in paragraphs]) or plain_format,
        turns=turns,
        interviewers=header_interviewers(turns, speaker_map),
    )


def export_format(lines: Sequence[str]) -> str | None:
    """ "otter" or "transcribe" when ``lines`` carry that tool's marks, else None."""
    if any(map(is_otter_footer, lines)):
        return "otter"
    if _count_label_lines(lines, _OTTER_LABEL_RE, -1) >= MIN_LABEL_LINES:
        return "otter"
    if _count_label_lines(lines, _TRANSCRIBE_LABEL_RE, 0) >= MIN_LABEL_LINES:
        return "transcribe"
    return None


def _count_label_lines(lines: Sequence[str], pattern: re.Pattern[str], digit_at: int) -> int:
    """How many lines are a speaker label with a time in the tool's layout; ``digit_at`` is
    where that layout has a digit (0 first, -1 last), looked at first to spare the pattern a
    scan of every line of speech."""
    return sum(
        1
        for line in map(str.strip, lines)
        if line
        and line[digit_at].isdigit()
        and (match := pattern.match(line))
        and is_label_shaped(match["label"])
    )


def header_interviewers(
    turns: Sequence[RawTurn], speaker_map: Mapping[str, str] | None = None
) -> frozenset[str]:
    """Speakers the header (the speakerless turns before anyone speaks) names as interviewers.

    Each name is given as the turns name that speaker: through ``speaker_map``, and matched to
    a speaker with the same first and last word, since headers add what labels leave out
    ("Interviewer is Rich W McGrath" for the label "Rich McGrath").
    """
    labels = SpeakerLabels(speaker_map)
    speakers = {turn.speaker for turn in turns if turn.speaker is not None}
    names: set[str] = set()
    for turn in turns:
        if turn.speaker is not None:
            break
        for paragraph in turn.paragraphs:
            for match in _INTERVIEWERS_RE.finditer(paragraph):
                names.update(
                    _as_speaker(labels.name(name), speakers)
                    for name in _NAME_SEPARATOR_RE.split(match["names"])
                    if is_label_shaped(name) and name[:1].isupper()  # a name, not "interested"
                )
    return frozenset(names)


def _as_speaker(name: str, speakers: set[str]) -> str:
    """The one speaker ``name`` stands for (same words, or same first and last word), or
    ``name`` itself."""
    words = label_key(name).split()
    same = [s for s in speakers if label_key(s).split() == words]
    if not same:
        same = [s for s in speakers if _ends(label_key(s).split()) == _ends(words)]
    return same[0] if len(same) == 1 else name


def _ends(words: list[str]) -> tuple[str, str]:
    """The first and last word of a name (one word counts as both)."""
    return words[0], words[-1]
