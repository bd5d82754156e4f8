"""Read WebVTT (.vtt) and SubRip (.srt) transcripts into turns.

Meeting tools and speech recognisers write transcripts as subtitles: Microsoft Teams marks the
speaker with a voice tag (``<v Name>text</v>``), Zoom writes ``Name: text`` in the cue text (or
the name as the cue identifier), Whisper gives no speaker at all. A cue is a few seconds of
speech, far shorter than a turn, so consecutive cues of one speaker are merged into one turn;
a pause of two seconds or more starts a new paragraph inside it, which keeps a long monologue
(or a speakerless Whisper file) readable.

webvtt-py does the parsing, but it silently skips cues it cannot read and does not report line
numbers. Losing speech without a word is worse than refusing the file, so every cue timing
line is checked here first and a bad one is reported with its line number.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from codebench.errors import InputError
from codebench.importers.encoding import read_text
from codebench.importers.model import RawTranscript, RawTurn
from codebench.importers.speakers import (
    SpeakerLabels,
    clean_speech,
    find_prefix_label,
    is_label_shaped,
)

Format = Literal["vtt", "srt"]

#: A pause of at least this many milliseconds between cues of one speaker starts a paragraph.
PARAGRAPH_PAUSE_MS = 2000

#: The longest speaker name (from a voice tag) the project stores.
MAX_VOICE = 200

# Hours have at most 10 digits: webvtt-py drops a cue with more without a word.
_VTT_TIME = r"(?:(\d{1,10}):)?(\d{1,2}):(\d{1,2})\.(\d{1,3})"
_SRT_TIME = r"(\d{1,10}):(\d{1,2}):(\d{1,2})[,.](\d{1,3})"
_TIMING_RE: dict[Format, re.Pattern[str]] = {
    "vtt": re.compile(rf"[ \t]*{_VTT_TIME}[ \t]*-->[ \t]*{_VTT_TIME}(?:[ \t].*)?"),
    "srt": re.compile(rf"[ \t]*{_SRT_TIME}[ \t]*-->[ \t]*{_SRT_TIME}(?:[ \t].*)?"),
}
_EXPECTED: dict[Format, str] = {
    "vtt": "expected 'hh:mm:ss.ttt --> hh:mm:ss.ttt'",
    "srt": "expected 'hh:mm:ss,ttt --> hh:mm:ss,ttt'",
}
_VOICE_RE = re.compile(r"<v(?:\.[\w.-]+)*[ \t]+([^>]*?)[ \t]*>")
_TAG_RE = re.compile(r"<[^>]*>")


def parse_vtt(path: Path, speaker_map: Mapping[str, str] | None = None) -> RawTranscript:
    """Parse a WebVTT file (Teams, Zoom, Whisper) into turns."""
    text = read_text(path)
    if not re.match(r"WEBVTT(?:[ \t\n]|$)", text):
        raise InputError(path, "not a WebVTT file (the first line must be 'WEBVTT')", line=1)
    _check_cues(path, text, "vtt")
    try:
        captions = webvtt.from_string(text).captions
    except (MalformedFileError, MalformedCaptionError) as exc:
        raise InputError(path, f"not a valid WebVTT file ({exc})") from exc
    return _transcript(path, "vtt", captions, speaker_map)


def parse_srt(path: Path, speaker_map: Mapping[str, str] | None = None) -> RawTranscript:
    """Parse a SubRip file into turns."""
    text = read_text(path)
    _check_cues(path, text, "srt")
    try:
        captions = webvtt.from_buffer(io.StringIO(text.lstrip()), format="srt").captions
    except (MalformedFileError, MalformedCaptionError) as exc:
        raise InputError(
            path, "not a valid SubRip file (it must start with a cue number and a timing line)"
        ) from exc
    return _transcript(path, "srt", captions, speaker_map)


# --- validation with line numbers ----------------------------------------------------------


def _check_cues(path: Path, text: str, fmt: Format) -> None:
    """Check every cue's timing line, and that each cue has one; errors carry line numbers."""
    blocks = _blocks(text.split("\n"), blank_if_whitespace=fmt == "srt")
    seen_cue = False
    for index, block in enumerate(blocks):
        for number, line in block:
            if "-->" in line:
                _check_timing(path, line, number, fmt)
        first_number, first_line = block[0]
        if fmt == "vtt" and (index == 0 or first_line.startswith(("NOTE", "STYLE", "REGION"))):
            continue  # the header, comments, styles and regions hold no cue
        if any("-->" in line for _, line in block[:2]):
            seen_cue = True
            continue
        if fmt == "srt" and seen_cue and not _looks_like_cue_number(block):
            continue  # SubRip files sometimes hold blank lines inside a cue's text
        raise InputError(path, f"cue without a timing line ({_EXPECTED[fmt]})", line=first_number)


def _blocks(lines: Sequence[str], blank_if_whitespace: bool) -> list[list[tuple[int, str]]]:
    """Blank-line separated blocks of (line number, line), as the subtitle parsers see them."""
    blocks: list[list[tuple[int, str]]] = []
    block: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        blank = not line.strip() if blank_if_whitespace else not line
        if blank:
            if block:
                blocks.append(block)
                block = []
        else:
            block.append((number, line))
    if block:
        blocks.append(block)
    return blocks


def _looks_like_cue_number(block: Sequence[tuple[int, str]]) -> bool:
    """A SubRip block that starts with a cue number followed by more lines."""
    return len(block) >= 2 and block[0][1].strip().isdigit()


def _check_timing(path: Path, line: str, number: int, fmt: Format) -> None:
    """Reject a timing line that does not parse, has an out-of-range field or runs backwards."""
    match = _TIMING_RE[fmt].fullmatch(line)
    if match is None:
        raise InputError(path, f"bad cue timing {line.strip()!r} ({_EXPECTED[fmt]})", line=number)
    fields = [int(value) if value else 0 for value in match.groups()]
    start, end = fields[:4], fields[4:]
    if any(part > 59 for part in (start[1], start[2], end[1], end[2])):
        raise InputError(
            path, f"bad cue timing {line.strip()!r} (minutes or seconds above 59)", line=number
        )
    if _milliseconds(end, match.group(8)) < _milliseconds(start, match.group(4)):
        raise InputError(path, f"cue ends before it starts ({line.strip()!r})", line=number)


def _milliseconds(fields: Sequence[int], fraction: str) -> int:
    """Milliseconds of (hours, minutes, seconds, fraction) with the fraction as written."""
    hours, minutes, seconds = fields[:3]
    millis = int(fraction.ljust(3, "0"))
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis


# --- cues -> turns -------------------------------------------------------------------------


@dataclass
class _Segment:
    """Speech of one voice within one cue."""

    start_ms: int
    end_ms: int
    voice: str | None  # from a <v> tag
    label: str | None  # a "Name:" prefix candidate from the text
    identifier: str | None  # a name-shaped cue identifier
    text: str  # the cue text without tags
    rest: str  # the text after the "Name:" prefix, if there is one


def _transcript(
    path: Path, fmt: Format, captions: Sequence[Any], speaker_map: Mapping[str, str] | None
) -> RawTranscript:
    """Turn webvtt-py captions into merged turns."""
    segments = [segment for caption in captions for segment in _segments(caption, fmt)]
    too_long = next((s.voice for s in segments if s.voice and len(s.voice) > MAX_VOICE), None)
    if too_long is not None:
        message = f"voice name {too_long[:30]!r}... is longer than {MAX_VOICE} characters"
        raise InputError(path, message)
    labels = SpeakerLabels(speaker_map)
    for segment in segments:
        for candidate in (segment.label, segment.identifier):
            if candidate is not None:
                labels.count(candidate)

    turns: list[RawTurn] = []
    last_end = 0
    for segment in segments:
        who, text = _speaker_and_text(segment, labels)
        if not text:
            continue
        current = turns[-1] if turns else None
        speaker: str | None
        if isinstance(who, _Continue):
            speaker = current.speaker if current is not None else None
        else:
            speaker = who
        if current is not None and current.speaker == speaker:
            if segment.start_ms - last_end >= PARAGRAPH_PAUSE_MS:
                current.paragraphs.append(text)
            else:
                current.paragraphs[-1] = f"{current.paragraphs[-1]} {text}"
            # Cues need not come in time order; the turn lasts until its latest cue ends.
            current.end_time = max(current.end_time or 0.0, segment.end_ms / 1000)
        else:
            turns.append(
                RawTurn(
                    speaker=speaker,
                    paragraphs=[text],
                    time=segment.start_ms / 1000,
                    end_time=segment.end_ms / 1000,
                )
            )
        last_end = segment.end_ms
    if not turns:
        raise InputError(path, "file is empty")
    return RawTranscript(source_format=fmt, turns=turns)


class _Continue:
    """Marker: the segment names no speaker, so it continues the current one."""


_CONTINUE = _Continue()


def _speaker_and_text(segment: _Segment, labels: SpeakerLabels) -> tuple[str | _Continue, str]:
    """Who speaks a segment (voice tag, then text prefix, then identifier) and its speech."""
    if segment.voice:
        return labels.name(segment.voice), segment.text
    if segment.label is not None and labels.is_speaker(segment.label):
        return labels.name(segment.label), segment.rest
    if segment.identifier is not None and labels.is_speaker(segment.identifier):
        return labels.name(segment.identifier), segment.text
    return _CONTINUE, segment.text


def _segments(caption: Any, fmt: Format) -> list[_Segment]:
    """Split a caption at its voice tags; strip tags and entities from the text."""
    start_ms = int(caption.start_time.in_milliseconds())
    end_ms = int(caption.end_time.in_milliseconds())
    identifier = caption.identifier if fmt == "vtt" else None
    if identifier is not None and not is_label_shaped(identifier):
        identifier = None

    parts: list[tuple[str | None, str]] = []
    voice: str | None = None
    for line in caption.lines:
        position = 0
        for match in _VOICE_RE.finditer(line):
            parts.append((voice, line[position : match.start()]))
            voice = _voice_name(match.group(1))
            position = match.end()
        parts.append((voice, line[position:]))

    merged: list[tuple[str | None, str]] = []
    for part_voice, raw in parts:
        text = _plain(raw, fmt)
        if not text:
            continue
        if merged and merged[-1][0] == part_voice:
            merged[-1] = (part_voice, f"{merged[-1][1]} {text}")
        else:
            merged.append((part_voice, text))

    segments = []
    for part_voice, text in merged:
        found = find_prefix_label(text) if part_voice is None else None
        label, rest = found if found is not None else (None, text)
        segments.append(
            _Segment(start_ms, end_ms, part_voice, label, identifier, text, clean_speech(rest))
        )
    return segments


def _voice_name(raw: str) -> str | None:
    """A voice tag's name as a speaker label: one line, without control characters (a voice
    name is not checked against the shape of a label, as it needs no guessing)."""
    kept = "".join(char for char in raw if char.isspace() or unicodedata.category(char) != "Cc")
    return " ".join(kept.split()) or None


def _plain(raw: str, fmt: Format) -> str:
    """Cue text without tags; WebVTT's character references (&amp; ...) decoded."""
    text = _TAG_RE.sub("", raw)
    if fmt == "vtt":
        text = html.unescape(text)
    return clean_speech(text)
