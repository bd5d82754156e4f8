"""Read subtitle cues pasted into a text document: a .md or .txt holding a meeting's transcript.

Researchers copy a Zoom or Teams transcript into their notes, often with a title above it,
without the ``WEBVTT`` header, inside a code fence, or with the blank lines between cues lost.
Such a file is still cues, and read as text it would keep every timing line and cue number in
the speech. So it is read leniently, as WebVTT: a timing line (WebVTT or SubRip style) starts a
cue; the line above it is the cue's identifier when a blank line or the cue number shape says
so; a line without a timing continues the cue above it; text before the first cue is kept in
front as text. A line that tries to be a timing line but is not one is still refused with its
line number, so that no timing ends up in the speech.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from codebench.importers.cues import Cue, cues_to_turns
from codebench.importers.model import RawTranscript
from codebench.importers.subtitles import parse_timing, split_cue

# A cue number, optionally with Zoom's quoted speaker, or a Teams cue id (a GUID and a suffix).
_CUE_ID_RE = re.compile(
    r'[ \t]*(?:\d+(?:[ \t]+"[^"]*"(?:[ \t]+\(\d+\))?)?|[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}\S*)[ \t]*'
)
_FENCE_RE = re.compile(r"[ \t]*(?:```|~~~).*")
_HEADER_RE = re.compile(r"[ \t]*WEBVTT(?:[ \t].*)?")


def parse_pasted_cues(
    path: Path, text: str, speaker_map: Mapping[str, str] | None = None
) -> RawTranscript:
    """Parse text holding subtitle cues (see the module docstring) into turns."""
    cues: list[Cue] = []
    preamble: list[str] | None = None  # the lines before the first cue, once it is found
    timing: tuple[int, int, str | None] | None = None  # the open cue: start, end, identifier
    pending: list[str] = []  # lines since the last timing line (or the start)
    for number, line in enumerate(text.split("\n"), start=1):
        if _FENCE_RE.fullmatch(line):
            pending.append("")  # markup, not speech; it ends a block like a blank line
        elif "-->" in line and line.lstrip()[:1].isdigit():
            start_ms, end_ms = parse_timing(path, line, number, None)
            identifier = _identifier(pending, first=timing is None)
            if identifier is not None:
                pending.pop()
            if timing is None:
                preamble = pending
            else:
                cues.extend(split_cue(*timing, _speech(pending), "vtt"))
            timing, pending = (start_ms, end_ms, identifier), []
        else:
            pending.append(line)
    if timing is not None:
        cues.extend(split_cue(*timing, _speech(pending), "vtt"))
    return cues_to_turns(path, "vtt", cues, speaker_map, _without_header(preamble or []))


def _identifier(pending: Sequence[str], first: bool) -> str | None:
    """The line above a timing line, if it is the cue's identifier rather than speech: it has a
    cue number's shape, or a blank line (or the start of the document) above it."""
    if not pending or not pending[-1].strip():
        return None
    line = pending[-1]
    above_is_blank = len(pending) >= 2 and not pending[-2].strip()
    if _CUE_ID_RE.fullmatch(line) or above_is_blank or (first and len(pending) == 1):
        return line.strip()
    return None


def _speech(lines: Sequence[str]) -> list[str]:
    return [line for line in lines if line.strip()]


def _without_header(lines: Sequence[str]) -> list[str]:
    """The text before the first cue without a ``WEBVTT`` header block (``Kind: captions``
    and the like follow the header up to the first blank line)."""
    kept: list[str] = []
    in_header = False
    for line in lines:
        if _HEADER_RE.fullmatch(line):
            in_header = True
        elif not line.strip():
            in_header = False
        elif not in_header:
            kept.append(line)
    return kept
