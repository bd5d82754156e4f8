"""Read a plain-text (.txt) or Markdown (.md) transcript into turns.

Each non-empty line is a paragraph: typists end a paragraph with Enter, and tools such as
otter.ai write one paragraph per line with blank lines between. Markdown is read as text with
two exceptions, because they are markup rather than speech: heading markers are dropped (by the
speaker module) and a bold span opening a line (``**Interviewer:** text``) counts as a bold
prefix, exactly like a bold name in a Word document.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from codebench.errors import InputError
from codebench.importers.encoding import read_text
from codebench.importers.model import RawTranscript
from codebench.importers.speakers import Paragraph, paragraphs_to_turns

_MD_LEADING_BOLD_RE = re.compile(r"^[ \t]*(\*\*|__)(?P<bold>\S(?:.*?\S)?)\1")


def parse_text(path: Path, speaker_map: Mapping[str, str] | None = None) -> RawTranscript:
    """Parse a .txt or .md file (``source_format`` "txt" or "md") into turns."""
    markdown = path.suffix.lower() == ".md"
    text = read_text(path)
    paragraphs = [
        _markdown_paragraph(line) if markdown else Paragraph(line)
        for line in text.split("\n")
        if line.strip()
    ]
    turns = paragraphs_to_turns(paragraphs, speaker_map)
    if not turns:
        raise InputError(path, "file is empty")
    return RawTranscript(source_format="md" if markdown else "txt", turns=turns)


def _markdown_paragraph(line: str) -> Paragraph:
    """A Markdown line, with a leading ``**bold**`` span turned into a bold prefix."""
    match = _MD_LEADING_BOLD_RE.match(line)
    if match is None:
        return Paragraph(line)
    bold = match["bold"]
    return Paragraph(bold + line[match.end() :], bold_prefix=bold)
