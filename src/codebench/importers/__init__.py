"""Importers: turn a transcript file of any supported format into speakers and turns.

:func:`parse_file` is the one entry point the services use. It recognises the format by the
file's content (:mod:`codebench.importers.detect`), so a Zoom transcript saved as ``.txt``, a
Word file without an extension or Whisper's output renamed all import as what they are; the
suffix (case-insensitive) only decides between Markdown and plain text. Every text format is
parsed from the text read here, so a file is read and decoded once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from codebench.files.encoding import read_text
from codebench.importers.detect import TextFormat, is_word_document, text_format
from codebench.importers.docx import parse_docx
from codebench.importers.markdown import parse_markdown_text
from codebench.importers.model import RawTranscript, RawTurn
from codebench.importers.pasted import parse_pasted_cues
from codebench.importers.subtitles import parse_srt_text, parse_vtt_text
from codebench.importers.text import parse_plain_text
from codebench.importers.whisper import parse_whisper_json, parse_whisper_tsv, parse_whisper_txt

__all__ = ["SUPPORTED", "RawTranscript", "RawTurn", "parse_file"]

#: The suffixes a folder import picks up; a single file is read whatever its name.
SUPPORTED = (".docx", ".txt", ".md", ".markdown", ".vtt", ".srt", ".tsv", ".json")

_TextParser = Callable[[Path, str, Mapping[str, str] | None], RawTranscript]

_PARSERS: dict[TextFormat, _TextParser] = {
    "vtt": parse_vtt_text,
    "srt": parse_srt_text,
    "pasted-cues": parse_pasted_cues,
    "whisper-txt": parse_whisper_txt,
    "whisper-tsv": parse_whisper_tsv,
    "whisper-json": parse_whisper_json,
    "md": parse_markdown_text,
    "txt": parse_plain_text,
}


def parse_file(path: Path, speaker_map: Mapping[str, str] | None = None) -> RawTranscript:
    """Parse a transcript file, whatever its format; raise :class:`InputError` for a file that
    is no transcript (binary, empty, too large, another kind of zip)."""
    if is_word_document(path):
        return parse_docx(path, speaker_map)
    text = read_text(path)
    return _PARSERS[text_format(text, path.suffix)](path, text, speaker_map)
