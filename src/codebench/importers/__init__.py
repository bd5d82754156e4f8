"""Importers: turn a transcript file of any supported format into speakers and turns.

:func:`parse_file` is the one entry point the services use; it picks the parser by the file's
suffix (case-insensitive), so a researcher's ``Interview 3.DOCX`` works as well as ``.docx``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from codebench.errors import InputError
from codebench.importers.docx import parse_docx
from codebench.importers.model import RawTranscript, RawTurn
from codebench.importers.subtitles import parse_srt, parse_vtt
from codebench.importers.text import parse_text

__all__ = ["SUPPORTED", "RawTranscript", "RawTurn", "parse_file"]

SUPPORTED = (".docx", ".txt", ".md", ".vtt", ".srt")

_PARSERS: dict[str, Callable[[Path, Mapping[str, str] | None], RawTranscript]] = {
    ".docx": parse_docx,
    ".txt": parse_text,
    ".md": parse_text,
    ".vtt": parse_vtt,
    ".srt": parse_srt,
}


def parse_file(path: Path, speaker_map: Mapping[str, str] | None = None) -> RawTranscript:
    """Parse a transcript file by its suffix; raise :class:`InputError` for other types."""
    suffix = path.suffix.lower()
    parser = _PARSERS.get(suffix)
    if parser is None:
        shown = f"'{path.suffix}'" if path.suffix else "(none)"
        raise InputError(path, f"unsupported file type {shown} (supported: {', '.join(SUPPORTED)})")
    return parser(path, speaker_map)
