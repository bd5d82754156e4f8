"""Cue timing lines (``00:01:02.500 --> 00:01:04.000``) of WebVTT and SubRip, read strictly.

Every timing line of a subtitle file, and of cues pasted into a document, is checked here and a
bad one refused with its line number: a timing line that a lenient reader skipped would leave
its cue out of the transcript without a word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from codebench.errors import InputError

Format = Literal["vtt", "srt"]

# Hours have at most 10 digits: no recording needs more, and a longer field is refused.
_VTT_TIME = r"(?:(\d{1,10}):)?(\d{1,2}):(\d{1,2})\.(\d{1,3})"
_SRT_TIME = r"(\d{1,10}):(\d{1,2}):(\d{1,2})[,.](\d{1,3})"
_TIMING_RE: dict[Format, re.Pattern[str]] = {
    "vtt": re.compile(rf"[ \t]*{_VTT_TIME}[ \t]*-->[ \t]*{_VTT_TIME}(?:[ \t].*)?"),
    "srt": re.compile(rf"[ \t]*{_SRT_TIME}[ \t]*-->[ \t]*{_SRT_TIME}(?:[ \t].*)?"),
}
EXPECTED: dict[Format, str] = {
    "vtt": "expected 'hh:mm:ss.ttt --> hh:mm:ss.ttt'",
    "srt": "expected 'hh:mm:ss,ttt --> hh:mm:ss,ttt'",
}


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
        raise InputError(path, f"bad cue timing {line.strip()!r} ({EXPECTED[fmt]})", line=number)
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


def subrip_milliseconds(line: str) -> tuple[int, int]:
    """Start and end (ms) of a SubRip timing line already checked by :func:`parse_timing`, read
    as SubRip players read it: the digits after the comma are a number of milliseconds, so
    ``00:00:07,5`` is 7.005 seconds."""
    match = _TIMING_RE["srt"].fullmatch(line)
    assert match is not None, "a timing line is checked before it is read"
    fields = [int(value) for value in match.groups()]
    return _carried(fields[:4]), _carried(fields[4:])


def _carried(fields: Sequence[int]) -> int:
    """Milliseconds of (hours, minutes, seconds, milliseconds), each field as large as given."""
    hours, minutes, seconds, millis = fields
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis


def _milliseconds(fields: Sequence[int], fraction: str) -> int:
    """Milliseconds of (hours, minutes, seconds, fraction) with the fraction as written."""
    return _carried([*fields[:3], int(fraction.ljust(3, "0"))])
