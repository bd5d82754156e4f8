"""Importers: turn a transcript file of any supported format into speakers and turns.

:func:`parse_file` is the one entry point the services use. It recognises the format by the
file's content (:mod:`codebench.importers.detect`), so a Zoom transcript saved as ``.txt``, a
Word file without an extension or Whisper's output renamed all import as what they are; the
suffix (case-insensitive) only decides between Markdown and plain text. Every text format is
parsed from the text read here, so a file is read and decoded once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from pathlib import Path
from typing import cast

from codebench.files.encoding import read_text
from codebench.importers.detect import TextFormat, is_word_document, text_format
from codebench.importers.model import RawTranscript, RawTurn

__all__ = ["SUPPORTED", "RawTranscript", "RawTurn", "parse_file"]

#: The suffixes a folder import picks up; a single file is read whatever its name.
SUPPORTED = (".docx", ".txt", ".md", ".markdown", ".vtt", ".srt", ".tsv", ".json")

_TextParser = Callable[[Path, str, Mapping[str, str] | None], RawTranscript]

# Each format's parser, by module and function: only the one a file needs is imported, so a
# folder of text files never loads the Word or Markdown libraries (lxml, markdown-it, yaml).
_PARSERS: dict[TextFormat, tuple[str, str]] = {
    "vtt": ("subtitles", "parse_vtt_text"),
    "srt": ("subtitles", "parse_srt_text"),
    "pasted-cues": ("pasted", "parse_pasted_cues"),
    "whisper-txt": ("whisper", "parse_whisper_txt"),
    "whisper-tsv": ("whisper", "parse_whisper_tsv"),
    "whisper-json": ("whisper", "parse_whisper_json"),
    "md": ("markdown", "parse_markdown_text"),
    "txt": ("text", "parse_plain_text"),
}


def parse_file(path: Path, speaker_map: Mapping[str, str] | None = None) -> RawTranscript:
    """Parse a transcript file, whatever its format; raise :class:`InputError` for a file that
    is no transcript (binary, empty, too large, another kind of zip)."""
    if is_word_document(path):
        from codebench.importers.docx import parse_docx

        return parse_docx(path, speaker_map)
    text = read_text(path)
    module, function = _PARSERS[text_format(text, path.suffix)]
    parser = getattr(import_module(f"codebench.importers.{module}"), function)
    return cast(_TextParser, parser)(path, text, speaker_map)
