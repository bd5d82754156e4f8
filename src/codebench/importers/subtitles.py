"""Read WebVTT (.vtt) and SubRip (.srt) transcripts into cues.

Meeting tools and speech recognisers write transcripts as subtitles: Microsoft Teams marks the
speaker with a voice tag (``<v Name>text</v>``), Zoom writes ``Name: text`` in the cue text, or
(newer versions) the name in the cue identifier (``1 "Jane Doe" (1063281152)``), Whisper gives
no speaker at all. This module only reads cues; :mod:`codebench.importers.cues` groups them into
turns, the same way for every timed format.

The captions are read as a stream (:mod:`codebench.importers.subtitle_blocks`, which also
refuses with its line number every cue a lenient reader would skip), and turned into cues
afresh each time they are iterated: grouping them into turns reads them twice, and a file of a
million cues is then never held as a million objects.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from codebench.errors import InputError
from codebench.files.encoding import read_text
from codebench.importers.cue_timing import Format, is_timing_line, parse_timing
from codebench.importers.cues import Cue, cues_to_turns
from codebench.importers.model import RawTranscript
from codebench.importers.speakers import clean_speech, is_label_shaped
from codebench.importers.subtitle_blocks import Caption, srt_captions, vtt_captions

__all__ = [
    "is_timing_line",
    "parse_srt",
    "parse_srt_text",
    "parse_timing",
    "parse_vtt",
    "parse_vtt_text",
    "split_cue",
]

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
    cues = _Cues(lambda: vtt_captions(path, text), "vtt")
    return cues_to_turns(path, "vtt", cues, speaker_map)


def parse_srt(path: Path, speaker_map: Mapping[str, str] | None = None) -> RawTranscript:
    """Parse a SubRip file into turns."""
    return parse_srt_text(path, read_text(path), speaker_map)


def parse_srt_text(
    path: Path, text: str, speaker_map: Mapping[str, str] | None = None
) -> RawTranscript:
    """Parse the text of a SubRip file, already read from ``path``, into turns."""
    cues = _Cues(lambda: srt_captions(path, text), "srt")
    return cues_to_turns(path, "srt", cues, speaker_map)


class _Cues:
    """The cues of a subtitle text, read from its captions afresh each time they are iterated."""

    def __init__(self, captions: Callable[[], Iterator[Caption]], fmt: Format) -> None:
        self.captions = captions
        self.fmt = fmt

    def __iter__(self) -> Iterator[Cue]:
        for c in self.captions():
            yield from split_cue(c.start_ms, c.end_ms, c.identifier, c.lines, self.fmt)


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
    if voice is None and len(lines) == 1 and "<" not in lines[0] and "&" not in lines[0]:
        text = clean_speech(lines[0])  # the usual cue, without tags or entities, made quick
        return [Cue(start_ms, end_ms, text, None, identifier)] if text else []

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
