"""Read a plain-text transcript (.txt) into turns.

Each non-empty line is a paragraph: typists end a paragraph with Enter, and tools such as
otter.ai write one paragraph per line with blank lines between. Markdown is not read here but
by :mod:`codebench.importers.markdown`, with a real parser: in a plain text file a ``#`` or
``**`` is what the typist wrote.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from codebench.files.encoding import read_text
from codebench.importers.exports import transcript_from_paragraphs
from codebench.importers.model import RawTranscript
from codebench.importers.speakers import Paragraph


def parse_text(path: Path, speaker_map: Mapping[str, str] | None = None) -> RawTranscript:
    """Parse a text file into turns (``source_format`` "txt", or the tool that wrote it)."""
    return parse_plain_text(path, read_text(path), speaker_map)


def parse_plain_text(
    path: Path, text: str, speaker_map: Mapping[str, str] | None = None
) -> RawTranscript:
    """Parse text already read from ``path`` (the dispatcher reads each file once)."""
    paragraphs = [Paragraph(line) for line in text.split("\n") if line.strip()]
    return transcript_from_paragraphs(path, paragraphs, speaker_map, "txt")
