"""Read what Whisper (and WhisperX) write besides subtitles: its txt, tsv and json output.

Each gives timed segments, read here as cues and grouped into turns by
:mod:`codebench.importers.cues` exactly like WebVTT and SubRip, so the same run imports to the
same text whichever file the researcher kept.

- txt: one segment a line, ``[00:43.810 --> 00:47.850]  text`` (hours only when needed;
  whisper.cpp always writes them). Lines before the first segment (a console capture's log) are
  kept as text in front; a line without a timing after a segment continues its text.
- tsv: a ``start<TAB>end<TAB>text`` header, then times in integer milliseconds.
- json: ``{"text": ..., "segments": [{"start": s, "end": s, "text": ...}]}`` with times in
  seconds; WhisperX adds a ``speaker`` to a segment (pyannote's ``SPEAKER_00``), shown as
  ``Speaker 00`` so that it reads, and is treated, as the generic label it is.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from codebench.errors import InputError
from codebench.files.encoding import one_line
from codebench.importers.cues import Cue, cues_to_turns
from codebench.importers.model import RawTranscript
from codebench.importers.subtitles import parse_timing

_TIME = r"(?:\d{1,10}:)?\d{1,2}:\d{1,2}[.,]\d{1,3}"
#: A Whisper txt segment line: the bracketed timing, then the text.
TXT_LINE_RE = re.compile(rf"\[[ \t]*(?P<timing>{_TIME}[ \t]*-->[ \t]*{_TIME})[ \t]*\](?P<text>.*)")
#: The first line of a Whisper tsv file.
TSV_HEADER = ("start", "end", "text")
_MILLISECONDS_RE = re.compile(r"[ \t]*\d{1,15}[ \t]*")
_PYANNOTE_RE = re.compile(r"SPEAKER_(\d+)")


def parse_whisper_txt(
    path: Path, text: str, speaker_map: Mapping[str, str] | None = None
) -> RawTranscript:
    """Parse Whisper's txt output (``[start --> end]  text`` lines) into turns."""
    preamble: list[str] = []
    cues: list[Cue] = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = TXT_LINE_RE.match(line)
        if match is not None:
            timing = match["timing"].replace(",", ".")
            start_ms, end_ms = parse_timing(path, timing, number, "vtt")
            cues.append(Cue(start_ms, end_ms, one_line(match["text"])))
        elif not line.strip():
            continue
        elif cues:
            last = cues[-1]
            cues[-1] = Cue(last.start_ms, last.end_ms, one_line(f"{last.text} {line}"))
        else:
            preamble.append(line)
    return cues_to_turns(path, "whisper-txt", cues, speaker_map, preamble)


def parse_whisper_tsv(
    path: Path, text: str, speaker_map: Mapping[str, str] | None = None
) -> RawTranscript:
    """Parse Whisper's tsv output (times in milliseconds) into turns."""
    lines = text.split("\n")
    if tuple(field.strip() for field in lines[0].split("\t")) != TSV_HEADER:
        message = "not a Whisper TSV file (the first line must be 'start<TAB>end<TAB>text')"
        raise InputError(path, message, line=1)
    cues: list[Cue] = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t", 2)
        if len(fields) < 3 or not all(_MILLISECONDS_RE.fullmatch(f) for f in fields[:2]):
            message = f"bad row {one_line(line)[:60]!r} (expected 'start<TAB>end<TAB>text' in ms)"
            raise InputError(path, message, line=number)
        start_ms, end_ms = int(fields[0]), int(fields[1])
        if end_ms < start_ms:
            raise InputError(path, "segment ends before it starts", line=number)
        cues.append(Cue(start_ms, end_ms, one_line(fields[2])))
    return cues_to_turns(path, "whisper-tsv", cues, speaker_map)


def parse_whisper_json(
    path: Path, text: str, speaker_map: Mapping[str, str] | None = None
) -> RawTranscript:
    """Parse Whisper's (or WhisperX's) json output into turns."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not valid JSON ({exc.msg})", line=exc.lineno) from exc
    except (ValueError, RecursionError) as exc:  # a number too long, nesting too deep
        raise InputError(path, "not valid JSON (too deeply nested or too long a number)") from exc
    segments = data.get("segments") if isinstance(data, dict) else None
    if not isinstance(segments, list):
        raise InputError(path, "not a Whisper JSON transcript (it has no list of 'segments')")
    cues = [
        _segment_cue(path, index, segment, speaker_map) for index, segment in enumerate(segments)
    ]
    return cues_to_turns(path, "whisper-json", cues, speaker_map)


def _segment_cue(
    path: Path, index: int, segment: Any, speaker_map: Mapping[str, str] | None
) -> Cue:
    """One json segment as a cue; a segment without start, end or text is refused."""
    where = f"segment {index + 1}"
    if not isinstance(segment, dict):
        raise InputError(path, f"{where} is not an object")
    start_ms, end_ms, text = _ms(segment.get("start")), _ms(segment.get("end")), segment.get("text")
    if start_ms is None or end_ms is None or not isinstance(text, str):
        raise InputError(path, f"{where} needs a 'start' and 'end' in seconds and a 'text'")
    if end_ms < start_ms:
        raise InputError(path, f"{where} ends before it starts")
    speaker = segment.get("speaker")
    voice = _voice(speaker, speaker_map) if isinstance(speaker, str) else None
    return Cue(start_ms, end_ms, one_line(text), voice)


def _ms(seconds: Any) -> int | None:
    """Milliseconds of a time in seconds as JSON gives it, if it is one: a finite,
    non-negative number (not a boolean)."""
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        return None
    if not (math.isfinite(seconds) and 0 <= seconds < 10**12):
        return None
    return round(seconds * 1000)


def _voice(speaker: str, speaker_map: Mapping[str, str] | None) -> str | None:
    """A WhisperX speaker as a label: pyannote's ``SPEAKER_00`` reads ``Speaker 00``, unless
    the user's speaker map names the label as written."""
    speaker = one_line(speaker)
    pyannote = _PYANNOTE_RE.fullmatch(speaker)
    if pyannote is None or speaker in (speaker_map or {}):
        return speaker or None
    return f"Speaker {pyannote[1]}"
