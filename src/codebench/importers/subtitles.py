"""Read WebVTT (.vtt) and SubRip (.srt) transcripts into cues.

Meeting tools and speech recognisers write transcripts as subtitles: Microsoft Teams marks the
speaker with a voice tag (``<v Name>text</v>``), Zoom writes ``Name: text`` in the cue text, or
(newer versions) the name in the cue identifier (``1 "Jane Doe" (1063281152)``), Whisper gives
no speaker at all. This module only reads cues; :mod:`codebench.importers.cues` groups them into
turns, the same way for every timed format.

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
from pathlib import Path
from typing import Any, Literal

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from codebench.errors import InputError
from codebench.files.encoding import read_text
from codebench.importers.cues import Cue, cues_to_turns
from codebench.importers.model import RawTranscript
from codebench.importers.speakers import clean_speech, is_label_shaped

Format = Literal["vtt", "srt"]

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
# Zoom's cue identifier naming the speaker: a cue number, the quoted name, a participant id.
_ZOOM_IDENTIFIER_RE = re.compile(r'\d+[ \t]+"(?P<name>[^"]*)"(?:[ \t]+\(\d+\))?[ \t]*')


def parse_vtt(path: Path, speaker_map: Mapping[str, str] | None = None) -> RawTranscript:
    """Parse a WebVTT file (Teams, Zoom, Whisper) into turns."""
    return parse_vtt_text(path, read_text(path), speaker_map)


def parse_vtt_text(
    path: Path, text: str, speaker_map: Mapping[str, str] | None = None
) -> RawTranscript:
    """Parse the text of a WebVTT file, already read from ``path``, into turns."""
    if not re.match(r"WEBVTT(?:[ \t\n]|$)", text):
        raise InputError(path, "not a WebVTT file (the first line must be 'WEBVTT')", line=1)
    _check_cues(path, text, "vtt")
    try:
        captions = webvtt.from_string(text).captions
    except (MalformedFileError, MalformedCaptionError) as exc:
        raise InputError(path, f"not a valid WebVTT file ({exc})") from exc
    return cues_to_turns(path, "vtt", _cues(captions, "vtt"), speaker_map)


def parse_srt(path: Path, speaker_map: Mapping[str, str] | None = None) -> RawTranscript:
    """Parse a SubRip file into turns."""
    return parse_srt_text(path, read_text(path), speaker_map)


def parse_srt_text(
    path: Path, text: str, speaker_map: Mapping[str, str] | None = None
) -> RawTranscript:
    """Parse the text of a SubRip file, already read from ``path``, into turns."""
    _check_cues(path, text, "srt")
    try:
        captions = webvtt.from_buffer(io.StringIO(text.lstrip()), format="srt").captions
    except (MalformedFileError, MalformedCaptionError) as exc:
        raise InputError(
            path, "not a valid SubRip file (it must start with a cue number and a timing line)"
        ) from exc
    return cues_to_turns(path, "srt", _cues(captions, "srt"), speaker_map)


def _cues(captions: Sequence[Any], fmt: Format) -> list[Cue]:
    """webvtt-py's captions as cues."""
    return [
        cue
        for caption in captions
        for cue in split_cue(
            int(caption.start_time.in_milliseconds()),
            int(caption.end_time.in_milliseconds()),
            caption.identifier if fmt == "vtt" else None,
            caption.lines,
            fmt,
        )
    ]


# --- validation with line numbers ----------------------------------------------------------


def _check_cues(path: Path, text: str, fmt: Format) -> None:
    """Check every cue's timing line, and that each cue has one; errors carry line numbers."""
    blocks = _blocks(text.split("\n"), blank_if_whitespace=fmt == "srt")
    seen_cue = False
    for index, block in enumerate(blocks):
        for number, line in block:
            if "-->" in line:
                parse_timing(path, line, number, fmt)
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


def is_timing_line(line: str) -> bool:
    """Whether ``line`` is a cue timing line in WebVTT or SubRip style."""
    return any(pattern.fullmatch(line) for pattern in _TIMING_RE.values())


def parse_timing(path: Path, line: str, number: int, fmt: Format | None) -> tuple[int, int]:
    """Start and end (ms) of a cue timing line; ``fmt`` None takes either style (cues pasted
    into a document). A line that does not parse, has an out-of-range field or runs backwards
    is refused with its line number."""
    if fmt is None:
        fmt = "srt" if _TIMING_RE["srt"].fullmatch(line) else "vtt"
    match = _TIMING_RE[fmt].fullmatch(line)
    if match is None:
        raise InputError(path, f"bad cue timing {line.strip()!r} ({_EXPECTED[fmt]})", line=number)
    fields = [int(value) if value else 0 for value in match.groups()]
    start, end = fields[:4], fields[4:]
    if any(part > 59 for part in (start[1], start[2], end[1], end[2])):
        raise InputError(
            path, f"bad cue timing {line.strip()!r} (minutes or seconds above 59)", line=number
        )
    start_ms = _milliseconds(start, match.group(4))
    end_ms = _milliseconds(end, match.group(8))
    if end_ms < start_ms:
        raise InputError(path, f"cue ends before it starts ({line.strip()!r})", line=number)
    return start_ms, end_ms


def _milliseconds(fields: Sequence[int], fraction: str) -> int:
    """Milliseconds of (hours, minutes, seconds, fraction) with the fraction as written."""
    hours, minutes, seconds = fields[:3]
    millis = int(fraction.ljust(3, "0"))
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis


# --- captions -> cues --------------------------------------------------------------------


def split_cue(
    start_ms: int, end_ms: int, identifier: str | None, lines: Sequence[str], fmt: Format
) -> list[Cue]:
    """One caption as cues, one per voice: split at its voice tags, tags and entities removed.

    A Zoom identifier (``1 "Jane Doe" (1063281152)``) names the voice of the whole caption;
    another name-shaped identifier is only a candidate (see :class:`Cue`).
    """
    voice: str | None = None
    zoom = _ZOOM_IDENTIFIER_RE.fullmatch(identifier) if identifier else None
    if zoom is not None:
        voice = _voice_name(zoom["name"])
        identifier = None
    elif identifier is not None and not is_label_shaped(identifier):
        identifier = None

    parts: list[tuple[str | None, str]] = []
    for line in lines:
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
    return [Cue(start_ms, end_ms, text, part_voice, identifier) for part_voice, text in merged]


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
