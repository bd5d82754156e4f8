"""Read a Markdown transcript (.md) into turns, through a real Markdown parser.

Interviews published as Markdown (blogs, podcast sites, otter.ai exports saved as .md) mix
Markdown with HTML: YAML front matter, ``<b>Ruben:</b><br>`` labels, ``<i>`` and entities such
as ``&euml;``. None of that markup is speech, so markdown-it-py parses the file and only the
text reaches the coder: headings and list items become paragraphs without their markers,
emphasis and links keep their text, HTML tags become text structure (``<br>`` a line break,
block tags a paragraph break, others nothing) and entities their characters. Front matter is
dropped but for its ``title``, kept as the first line of the header.

A line in the source is a paragraph, as in a .txt file: otter.ai and typists write one
paragraph per line, and a speaker label often has a line of its own. Bold text that opens a
line (``**Ruben:**``, ``__Ruben__:``, ``<strong>Ruben</strong>:``) is handed on as its bold
prefix, so :mod:`codebench.importers.speakers` learns bold labels here exactly as it does from a
Word document.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from html.parser import HTMLParser
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from codebench.files.encoding import read_text
from codebench.importers.exports import transcript_from_paragraphs
from codebench.importers.model import RawTranscript
from codebench.importers.speakers import Paragraph
from codebench.importers.tables import row_paragraphs

_PARSER = (
    MarkdownIt("commonmark", {"html": True})
    .enable(["table", "strikethrough"])
    .use(front_matter_plugin)
)
# HTML elements that end a paragraph where they open or close; every other tag (i, em, span,
# a, font, ...) is dropped and its text kept.
_BLOCK_TAGS = frozenset(
    {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "thead", "tbody", "tfoot"}
    | {"blockquote", "pre", "hr", "section", "article", "header", "footer", "aside", "nav"}
    | {"main", "figure", "figcaption", "address", "details", "summary", "caption"}
    | {"h1", "h2", "h3", "h4", "h5", "h6"}
)
_BOLD_TAGS = frozenset({"b", "strong"})
_CELL_TAGS = frozenset({"td", "th"})
# Elements whose content is never text a reader sees.
_HIDDEN_TAGS = frozenset({"script", "style", "template", "head", "title"})
_TAG_RE = re.compile(r"<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)")
_HTML_SPACE_RE = re.compile(r"[ \t\n\r\f]+")  # not \s: a no-break space stays


def parse_markdown(path: Path, speaker_map: Mapping[str, str] | None = None) -> RawTranscript:
    """Parse a Markdown file into turns (``source_format`` "md", or the tool that wrote it)."""
    return parse_markdown_text(path, read_text(path), speaker_map)


def parse_markdown_text(
    path: Path, text: str, speaker_map: Mapping[str, str] | None = None
) -> RawTranscript:
    """Parse Markdown already read from ``path`` (the dispatcher reads each file once)."""
    return transcript_from_paragraphs(path, markdown_paragraphs(text), speaker_map, "md")


def markdown_paragraphs(text: str) -> list[Paragraph]:
    """The text of a Markdown document as paragraphs, one per line, without any markup."""
    lines = _Lines()
    cells: list[list[str]] = []
    cell: _Lines | None = None
    for token in _PARSER.parse(text):
        target = cell or lines
        if token.type == "front_matter":
            lines.add(_front_matter_title(token.content))
        elif token.type == "inline":
            _add_inline(target, token.children or [])
        elif token.type == "html_block":
            _HtmlText(target).read(token.content)
        elif token.type in ("fence", "code_block"):
            for line in token.content.split("\n"):
                target.add(line)
        elif token.type in ("th_open", "td_open"):
            cell = _Lines()
        elif token.type in ("th_close", "td_close") and cell is not None:
            cells.append([paragraph.text for paragraph in cell.finish()])
            cell = None
        elif token.type == "tr_close":
            lines.extend(row_paragraphs(cells))
            cells = []
        else:
            target.end_line()  # any other block token opens or closes a block
    return lines.finish()


class _Lines:
    """Collects text into paragraphs, one per line, with the bold text that opens each line.

    Like a Word paragraph's leading bold runs, the bold prefix is the bold text (and the
    spaces around it) before the line's first plain text.
    """

    def __init__(self) -> None:
        self._paragraphs: list[Paragraph] = []
        self._text: list[str] = []
        self._bold_text: list[str] = []
        self._bold_depth = 0
        self._leading = True

    def text(self, text: str) -> None:
        """Add text to the current line."""
        if not text:
            return
        self._text.append(text)
        if self._leading:
            if self._bold_depth or not text.strip():
                self._bold_text.append(text)
            else:
                self._leading = False

    def bold(self, opens: bool) -> None:
        """A bold span opens or closes (unbalanced closes are ignored)."""
        self._bold_depth = self._bold_depth + 1 if opens else max(0, self._bold_depth - 1)

    def end_line(self) -> None:
        """End the current line; an empty line leaves no paragraph."""
        text = "".join(self._text).strip()
        if text:
            bold = "".join(self._bold_text).strip() or None
            self._paragraphs.append(Paragraph(text, bold))
        self._text = []
        self._bold_text = []
        self._leading = True

    def add(self, line: str) -> None:
        """Add a whole line of plain text."""
        self.end_line()
        self.text(line)
        self.end_line()

    def extend(self, paragraphs: Sequence[Paragraph]) -> None:
        """Add finished paragraphs (a table row) after the current line."""
        self.end_line()
        self._paragraphs.extend(paragraphs)

    def finish(self) -> list[Paragraph]:
        """All paragraphs, the current line ended."""
        self.end_line()
        return self._paragraphs


def _front_matter_title(front_matter: str) -> str:
    """The ``title`` of YAML front matter, or "" when it has none (or is not YAML)."""
    try:
        data = yaml.safe_load(front_matter)
    except yaml.YAMLError:
        return ""
    title = data.get("title") if isinstance(data, dict) else None
    return str(title) if isinstance(title, str | int | float) else ""


def _add_inline(lines: _Lines, children: Sequence[Token]) -> None:
    """Add the text of a paragraph's or heading's inline tokens (entities come decoded)."""
    for child in children:
        if child.type in ("text", "code_inline"):
            lines.text(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            lines.end_line()
        elif child.type in ("strong_open", "strong_close"):
            lines.bold(child.type == "strong_open")
        elif child.type == "html_inline":
            match = _TAG_RE.match(child.content)
            if match is not None:
                _apply_tag(lines, match["name"].lower(), closing=bool(match["close"]))


def _apply_tag(lines: _Lines, tag: str, *, closing: bool) -> None:
    """What an HTML tag means for the text: a line break, a bold span, a cell gap, or nothing."""
    if tag == "br" or tag in _BLOCK_TAGS:
        lines.end_line()
    elif tag in _BOLD_TAGS:
        lines.bold(not closing)
    elif tag in _CELL_TAGS and closing:
        lines.text(" ")


class _HtmlText(HTMLParser):
    """The text of an HTML block: entities decoded, whitespace collapsed as a browser does."""

    def __init__(self, lines: _Lines) -> None:
        super().__init__(convert_charrefs=True)
        self._lines = lines
        self._hidden = 0

    def read(self, html: str) -> None:
        """Add the text of ``html`` to the lines, ending with the block."""
        self.feed(html)
        self.close()
        self._lines.end_line()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden += 1
        else:
            _apply_tag(self._lines, tag, closing=False)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        else:
            _apply_tag(self._lines, tag, closing=True)

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._lines.text(_HTML_SPACE_RE.sub(" ", data))
