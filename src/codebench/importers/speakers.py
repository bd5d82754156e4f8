"""Find speakers and turns in paragraphs of transcript text (shared by docx, txt and md).

Transcripts mark speakers in many ways: ``Name: text`` prefixes (``I:``, ``R:``, ``P1:``,
``Respondent 4:``), bold names, a label alone on its line with the speech below (Word's
Transcribe writes ``00:00:03 Speaker 1``, otter.ai ``Name  0:00``), often with a timestamp in
front (``[00:01:23]``) and f4/f5 stamps (``#00:01:01-9#``) sprinkled through the speech.

Only the *start* of a paragraph can hold a label, and a label is *learned per document*: it
counts as a speaker when it recurs (two or more paragraphs start with it), has a conventional
interview-label shape, or is in the user's speaker map. That keeps a one-off "De minister zei:
..." inside a turn as text, and a bold heading at the top of a document as a title, while an
unusual name that labels every other paragraph is still found. Timestamps become turn times and
never stay in the speech text, because coders read and code the speech, not the stamps.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from codebench.importers.model import RawTurn

MAX_LABEL_WORDS = 5
MAX_LABEL_CHARS = 40


class Paragraph(NamedTuple):
    """One paragraph of source text; ``bold_prefix`` is the text of its leading bold runs.

    A named tuple: a transcript makes one for every line it holds, and a tuple is made in
    half the time of a frozen dataclass."""

    text: str
    bold_prefix: str | None = None


# --- timestamps ----------------------------------------------------------------------------

_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_HMS = r"\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?"
_F4_BODY = r"\d{1,2}:\d{2}:\d{2}(?:[-.,]\d{1,3})?"
_F4_RE = re.compile(rf"#({_F4_BODY})#")
_CLOCK_PARTS_RE = re.compile(r"(?P<clock>\d+(?::\d+)+)(?:[-.,](?P<fraction>\d+))?")
_TIMESTAMP_ONLY_RE = re.compile(rf"\[[ \t]*{_CLOCK}[ \t]*\]|\([ \t]*{_CLOCK}[ \t]*\)|{_CLOCK}")
# A timestamp that opens a paragraph: [00:01:23], (00:01:23), [01:23], bare 00:01:23, f4 stamp.
# A bare m:ss is not accepted in front: "10:30 vergaderden we" is speech, not a time.
_LEADING_TS_RE = re.compile(
    rf"^(?:\[[ \t]*(?P<sq>{_CLOCK})[ \t]*\]|\([ \t]*(?P<par>{_CLOCK})[ \t]*\)"
    rf"|(?P<bare>{_HMS})(?=[ \t]|$)|#(?P<f4>{_F4_BODY})#)[ \t]*"
)


def parse_clock(value: str) -> float:
    """Seconds of ``h:mm:ss``, ``mm:ss`` or f4's ``hh:mm:ss-t`` (fraction after -, . or ,)."""
    match = _CLOCK_PARTS_RE.fullmatch(value)
    if match is None:
        raise ValueError(f"not a clock time: {value!r}")
    seconds = 0.0
    for part in match["clock"].split(":"):
        seconds = seconds * 60 + int(part)
    fraction = match["fraction"]
    if fraction:
        seconds += int(fraction) / 10 ** len(fraction)
    return seconds


def is_timestamp(text: str) -> bool:
    """Whether ``text`` is nothing but a clock time, bracketed or bare (``01:23`` included)."""
    return _TIMESTAMP_ONLY_RE.fullmatch(text.strip()) is not None


def split_leading_time(text: str) -> tuple[float | None, str]:
    """Split one leading timestamp off ``text``: (seconds or None, the rest)."""
    match = _LEADING_TS_RE.match(text)
    if match is None:
        return None, text
    value = next(group for group in match.groups() if group is not None)
    return parse_clock(value), text[match.end() :]


# --- labels ----------------------------------------------------------------------------------

_WORD = r"[^\W\d_][\w'’.&\-]*"
# A parenthesis in a label ("Speaker 1 (Interviewer)") must not start with a digit: that is a
# timestamp, handled on its own so that it does not make every label unique.
_TOKEN = rf"(?:{_WORD}|\d+|\([^()\d][^()]{{0,28}}\))"
_LABEL = rf"{_WORD}(?:[ \t]+{_TOKEN}){{0,{MAX_LABEL_WORDS - 1}}}"
_LABEL_RE = re.compile(_LABEL)
_BRACKET_TS = rf"(?:\[[ \t]*(?P<bts>{_CLOCK})[ \t]*\]|\([ \t]*(?P<pts>{_CLOCK})[ \t]*\))"
# "Name: text", "Name [00:01:23]: text"; a colon followed by "/" or a digit is a URL or a time.
_PREFIX_RE = re.compile(
    rf"^(?P<label>{_LABEL})[ \t]*(?:{_BRACKET_TS}[ \t]*)?:(?![/\d])[ \t]*(?P<rest>.*)$", re.S
)
# A paragraph that is only a label, optionally with a time after it: "Interviewer",
# "Jonas Rosland  0:00" (otter.ai), "Speaker 2 [00:03:10]".
_ONLY_RE = re.compile(
    rf"^(?P<label>{_LABEL})(?:[ \t]*{_BRACKET_TS}|[ \t]+(?P<ts>{_CLOCK}))?[ \t]*:?$"
)

_CONVENTIONAL_RE = re.compile(
    r"(?:[IRBQAP]\d*|Int|IV|Interviewer(?: \d+)?|Interviewee(?: \d+)?|Interviewster"
    r"|Respondent(?: \d+| [A-Z])?|Speaker \d+|Spreker \d+|Deelnemer \d+|Participant \d+"
    r"|Moderator|Onderzoeker(?: \d+)?|Gespreksleider|Geïnterviewde(?: \d+)?"
    r"|Geinterviewde(?: \d+)?)",
    re.IGNORECASE,
)
# Words a typist may put alone on a line that are speech, never a speaker label.
_NOT_LABELS = frozenset(
    {"ja", "nee", "ok", "oke", "oké", "okay", "yes", "no", "yeah", "right", "mhm", "hmm"}
    | {"uhm", "eh", "nou", "precies", "klopt", "inderdaad", "goed", "prima", "dank", "thanks"}
)
# otter.ai's footer: not speech, dropped wherever it stands.
OTTER_FOOTER_RE = re.compile(r"^transcribed by https?://otter\.ai/?\.?$", re.IGNORECASE)
# A run of spaces and tabs other than a single space: the runs clean_speech rewrites (matching
# every single space too would make it rebuild each paragraph word by word, for nothing).
_SPACES_RE = re.compile(r"\t[ \t]*| [ \t]+")


def clean_speech(text: str) -> str:
    """Collapse runs of spaces and tabs to one space and strip the ends; keep all else."""
    if "\t" not in text and "  " not in text:  # nothing to collapse: skip the regex's scan
        return text.strip()
    return _SPACES_RE.sub(" ", text).strip()


def is_otter_footer(line: str) -> bool:
    """Whether ``line``, cleaned (:func:`clean_speech`), is otter.ai's footer. Only a line
    whose first visible character is a "t" can be, so no other is cleaned for the question
    (every line of a transcript is asked)."""
    return line.lstrip()[:1] in ("t", "T") and OTTER_FOOTER_RE.match(clean_speech(line)) is not None


@lru_cache(maxsize=1024)  # a document's few labels recur on every turn
def label_key(label: str) -> str:
    """The form two spellings of one label share ("interviewer" == "Interviewer ")."""
    return " ".join(label.split()).rstrip(":").strip().casefold()


def is_label_shaped(text: str) -> bool:
    """Whether ``text`` could be a speaker label: a name of at most 5 words and 40 characters."""
    text = text.strip()
    return len(text) <= MAX_LABEL_CHARS and _LABEL_RE.fullmatch(text) is not None


@lru_cache(maxsize=1024)  # asked of every labelled paragraph, about a document's few labels
def is_conventional_label(label: str) -> bool:
    """Whether ``label`` has a shape interview transcripts use for speakers (I, R, P1, ...)."""
    return _CONVENTIONAL_RE.fullmatch(" ".join(label.split())) is not None


def find_prefix_label(text: str) -> tuple[str, str] | None:
    """Split a ``Name: text`` prefix off ``text``: (label, rest), or None if it has none."""
    match = _PREFIX_RE.match(text)
    if match is None or len(match["label"]) > MAX_LABEL_CHARS:
        return None
    return match["label"], match["rest"]


class SpeakerLabels:
    """Learns which label candidates of one document are speakers, and what they are called.

    Feed every candidate with :meth:`count` first, then ask :meth:`is_speaker` and
    :meth:`name`. A label is a speaker when the user mapped it, when it has a conventional
    shape, or when it recurs. Spellings that differ only in case or spacing are one speaker,
    named as first written (or as mapped).
    """

    def __init__(self, speaker_map: Mapping[str, str] | None = None) -> None:
        self._map = dict(speaker_map or {})
        self._map_by_key = {label_key(label): name for label, name in self._map.items()}
        self._counts: Counter[str] = Counter()
        self._first_spelling: dict[str, str] = {}

    def count(self, label: str) -> None:
        """Record that a paragraph (or cue) starts with ``label``."""
        key = label_key(label)
        self._counts[key] += 1
        if key not in self._first_spelling:
            self._first_spelling[key] = _spelling(label)

    def is_speaker(self, label: str) -> bool:
        """Whether ``label`` is a speaker label in this document."""
        key = label_key(label)
        return (
            label in self._map
            or key in self._map_by_key
            or is_conventional_label(label.rstrip(":"))
            or self._counts[key] >= 2
        )

    def name(self, label: str) -> str:
        """The speaker name for ``label``: the mapped name, else the label as first written."""
        if label in self._map:
            return self._map[label]
        key = label_key(label)
        if key in self._map_by_key:
            return self._map_by_key[key]
        first = self._first_spelling.get(key)
        return _spelling(label) if first is None else first


def _spelling(label: str) -> str:
    """A label as a speaker's name: its spacing made single, without the colon."""
    return " ".join(label.split()).rstrip(":").strip()


# --- paragraphs -> turns -------------------------------------------------------------------


@dataclass
class _Line:
    """What one paragraph holds once its label candidate and timestamps are found."""

    label: str | None  # the candidate speaker label, if the paragraph starts with one
    speech: str  # the text after the label, without timestamps (may be empty)
    time: float | None  # a time that precedes the speech (in front of or in the label)
    plain: str  # the whole text without leading/f4 timestamps, for when the label is rejected
    plain_time: float | None  # the leading timestamp only, for when the label is rejected
    end_time: float | None  # an f4 stamp closing the paragraph


def paragraphs_to_turns(
    paragraphs: Sequence[Paragraph], speaker_map: Mapping[str, str] | None = None
) -> list[RawTurn]:
    """Group paragraphs into turns by the speaker labels learned from this document.

    Every accepted label starts a new turn, even when the same speaker spoke just before; a
    paragraph without a label continues the current speaker's turn. While no speaker is known
    (before the first label, or in a document without labels) every paragraph is a speakerless
    turn of its own, with its leading timestamp as its time: structure the source gives is never
    merged into one turn of thousands of words that no coder could navigate.
    """
    lines = [line for paragraph in _split_lines(paragraphs) if (line := _analyse(paragraph))]
    labels = SpeakerLabels(speaker_map)
    for line in lines:
        if line.label is not None:
            labels.count(line.label)

    turns: list[RawTurn] = []
    current: RawTurn | None = None
    for line in lines:
        if line.label is not None and labels.is_speaker(line.label):
            current = RawTurn(speaker=labels.name(line.label), time=line.time)
            turns.append(current)
            text = line.speech
        else:
            if current is None or _opens_another_speakerless_turn(current, line):
                current = RawTurn(speaker=None)
                turns.append(current)
            if current.time is None and not current.paragraphs:
                current.time = line.plain_time
            text = line.plain
        if text:
            current.paragraphs.append(text)
        if line.end_time is not None:
            current.end_time = line.end_time
    for turn in turns:
        if turn.time is not None and turn.end_time is not None and turn.end_time < turn.time:
            turn.end_time = None  # a closing stamp out of order says nothing about the turn
    return [turn for turn in turns if turn.paragraphs]


def _opens_another_speakerless_turn(current: RawTurn, line: _Line) -> bool:
    """Whether an unlabelled paragraph after a speakerless paragraph is a turn of its own: when
    it holds text or a time (a closing f4 stamp alone belongs to the turn before)."""
    has_content = bool(line.plain) or line.plain_time is not None
    return current.speaker is None and bool(current.paragraphs) and has_content


def _split_lines(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """A paragraph holding line breaks becomes one paragraph per line (bold stays on the first)."""
    result: list[Paragraph] = []
    for paragraph in paragraphs:
        if "\n" not in paragraph.text:  # most: looked for, not split
            result.append(paragraph)
            continue
        parts = paragraph.text.split("\n")
        bold = paragraph.bold_prefix.split("\n")[0] if paragraph.bold_prefix else None
        result.append(Paragraph(parts[0], bold))
        result.extend(Paragraph(part) for part in parts[1:])
    return result


def _analyse(paragraph: Paragraph) -> _Line | None:
    """Find the label candidate, times and speech of one paragraph; None drops it."""
    text = clean_speech(paragraph.text)
    if not text or OTTER_FOOTER_RE.match(text):
        return None
    stamped = "#" in text
    if stamped and not _F4_RE.sub("", text).strip():
        # A paragraph of f4 stamps only: f4 writes them where a turn ends.
        return _Line(None, "", None, "", None, _closing_f4_time(text))
    leading_time, body = split_leading_time(text)
    end_time = _closing_f4_time(body) if stamped else None
    # The speech and the plain text are parts of ``text``, which clean_speech left without
    # tabs or double spaces: without f4 stamps in it, cleaning a part is stripping it (the
    # paragraph is not scanned again for what it cannot hold).
    tidy = _strip_f4 if stamped else str.strip

    label: str | None = None
    speech = ""
    time = leading_time
    found = _bold_label(body, paragraph.bold_prefix) or _text_label(body)
    if found is not None:
        label, label_time, rest = found
        rest_time, rest = split_leading_time(rest)
        if time is None:
            time = label_time if label_time is not None else rest_time
        speech = tidy(rest)
    plain = tidy(body)
    if label is None and not plain and end_time is None and leading_time is None:
        return None
    return _Line(label, speech, time, plain, leading_time, end_time)


def _bold_label(body: str, bold_prefix: str | None) -> tuple[str, float | None, str] | None:
    """A label formed by the paragraph's leading bold text, with or without a colon."""
    if not bold_prefix:
        return None
    bold = clean_speech(bold_prefix)
    _, bold_body = split_leading_time(bold)
    if not bold_body or not body.startswith(bold_body):
        return None
    match = _ONLY_RE.match(bold_body)
    if match is None or not _plausible_label(match["label"]):
        return None
    rest = body[len(bold_body) :].lstrip(" \t")
    rest = rest.removeprefix(":").lstrip(" \t")
    return match["label"], _match_time(match), rest


def _text_label(body: str) -> tuple[str, float | None, str] | None:
    """A ``Name: text`` prefix, or a paragraph that is only a label (with an optional time)."""
    match = _PREFIX_RE.match(body)
    if match is not None and len(match["label"]) <= MAX_LABEL_CHARS:
        return match["label"], _match_time(match), match["rest"]
    match = _ONLY_RE.match(body)
    if match is None or not _plausible_label(match["label"]):
        return None
    has_time = _match_time(match) is not None
    if not has_time and not _plausible_bare_label(match["label"]):
        return None
    return match["label"], _match_time(match), ""


def _match_time(match: re.Match[str]) -> float | None:
    """The time in a label match's timestamp groups, if any."""
    groups = match.groupdict()
    for group in ("bts", "pts", "ts"):
        value = groups.get(group)
        if value:
            return parse_clock(value)
    return None


def _plausible_label(label: str) -> bool:
    """Length and sentence-punctuation limits that every label candidate must meet."""
    return len(label) <= MAX_LABEL_CHARS and not label.endswith((".", ",", ";", "!", "?"))


def _plausible_bare_label(label: str) -> bool:
    """A line with nothing but a word or name: a label only if it looks like a name."""
    label = label.strip()
    return label[:1].isupper() and label_key(label) not in _NOT_LABELS


def _closing_f4_time(text: str) -> float | None:
    """The time of an f4 stamp at the very end of ``text`` (f4 marks where a turn ends)."""
    if "#" not in text:  # most paragraphs: no need to scan them for stamps
        return None
    matches = list(_F4_RE.finditer(text))
    if matches and not text[matches[-1].end() :].strip():
        return parse_clock(matches[-1].group(1))
    return None


def _strip_f4(text: str) -> str:
    """Remove every f4/f5 stamp from ``text``."""
    return clean_speech(_F4_RE.sub(" ", text) if "#" in text else text)
