"""The captions of a WebVTT or SubRip text, read as a stream: a line at a time, each caption
given as soon as it is complete, nothing else kept.

A subtitle file of a long recording holds a million cues. webvtt-py, which read them before,
builds every caption as a few objects in one list: 1.2 GB and minutes for a million cues. This
reader gives the same captions, in order, holding only the caption being read, so a caller can
turn them into cues and let them go (:mod:`codebench.importers.subtitles` reads them twice
that way). Two readings of the lines happen at once:

- The check, which refuses with a line number what a lenient reader would skip without a word:
  every timing line (:func:`~codebench.importers.cue_timing.parse_timing`), and every block of
  lines between blank lines must be a cue (WebVTT's header, comments, styles and regions
  aside; in SubRip a block after a cue that does not start with a cue number is more of its
  text, as some files hold blank lines inside a cue).
- The captions, read as webvtt-py reads them, down to its leniencies (the test
  ``tests/importers/test_subtitle_blocks.py`` holds the two to the same captions). WebVTT: a
  block ends at an empty line, or at a line with ``-->`` that cannot be its timing line (the
  block's first line, or its second after an identifier). SubRip: a block ends at a blank
  line, or where a cue number is followed by a timing line; a lone cue number joins the timing
  that follows it; a block that starts no cue is more text of the cue before; a cue without a
  number, or without text, is no caption; the digits after the comma count milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from codebench.errors import InputError
from codebench.importers.cue_timing import EXPECTED, Format, parse_timing, subrip_milliseconds

_NOT_CUES = ("NOTE", "STYLE", "REGION")


@dataclass(slots=True)
class Caption:
    """One cue of the file: its times, its identifier (WebVTT only) and its lines of text."""

    start_ms: int
    end_ms: int
    identifier: str | None
    lines: list[str]


def vtt_captions(path: Path, text: str) -> Iterator[Caption]:
    """The captions of the WebVTT ``text`` (read from ``path``), checked as they are read."""
    check = _BlockCheck(path, "vtt")
    block = _VttBlock()
    for number, line in _numbered_lines(text):
        if not line:
            check.end_block()
            yield from block.flush()
            continue
        times = check.line(number, line)
        if block.ends_before(line):
            yield from block.flush()
        block.add(line, times)
    check.end_block()
    yield from block.flush()


def srt_captions(path: Path, text: str) -> Iterator[Caption]:
    """The captions of the SubRip ``text`` (read from ``path``), checked as they are read."""
    check = _BlockCheck(path, "srt")
    cues = _SrtCues()
    for number, line in _numbered_lines(text):
        if not line.strip():
            check.end_block()
            yield from cues.end_block()
            continue
        check.line(number, line)
        yield from cues.line(line)
    check.end_block()
    yield from cues.end_block()
    yield from cues.finish()
    if not _srt_start(text):
        raise InputError(
            path, "not a valid SubRip file (it must start with a cue number and a timing line)"
        )


def _numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    """The lines of ``text`` split at LF (as ``text.split("\\n")``) with their numbers, one at
    a time."""
    start = 0
    number = 1
    while (end := text.find("\n", start)) >= 0:
        yield number, text[start:end]
        start = end + 1
        number += 1
    yield number, text[start:]


class _BlockCheck:
    """The check of the blocks between blank lines (see the module docstring), fed a line at a
    time; raises :class:`InputError` with the line number."""

    def __init__(self, path: Path, fmt: Format) -> None:
        self.path = path
        self.fmt = fmt
        self.blocks = 0
        self.seen_cue = False
        self._reset()

    def _reset(self) -> None:
        self.first: tuple[int, str] | None = None
        self.size = 0
        self.timed_early = False

    def line(self, number: int, line: str) -> tuple[int, int] | None:
        """Check a line of the block; the times of a timing line."""
        if self.first is None:
            self.first = (number, line)
        self.size += 1
        if "-->" not in line:
            return None
        times = parse_timing(self.path, line, number, self.fmt)
        self.timed_early = self.timed_early or self.size <= 2
        return times

    def end_block(self) -> None:
        """The block has ended: it must have been a cue, or something allowed instead."""
        first, size, timed_early = self.first, self.size, self.timed_early
        self._reset()
        if first is None:
            return
        self.blocks += 1
        number, line = first
        if self.fmt == "vtt" and (self.blocks == 1 or line.startswith(_NOT_CUES)):
            return  # the header, comments, styles and regions hold no cue
        if timed_early:
            self.seen_cue = True
            return
        if self.fmt == "srt" and self.seen_cue and not (size >= 2 and line.strip().isdigit()):
            return  # SubRip files sometimes hold blank lines inside a cue's text
        raise InputError(
            self.path, f"cue without a timing line ({EXPECTED[self.fmt]})", line=number
        )


class _VttBlock:
    """The WebVTT block being read, as webvtt-py cuts blocks; a caption if it is a cue."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.times: tuple[int, int] | None = None
        self.timing_at = -1
        self.in_header = True

    def ends_before(self, line: str) -> bool:
        """Whether ``line`` starts a new block: a timing line that cannot be this block's."""
        return (
            bool(self.lines)
            and "-->" in line
            and (self.in_header or len(self.lines) > 1 or self.timing_at == 0)
        )

    def add(self, line: str, times: tuple[int, int] | None) -> None:
        if times is not None:
            self.times, self.timing_at = times, len(self.lines)
        self.lines.append(line)

    def flush(self) -> Iterator[Caption]:
        """End the block; its caption if it has a timing line first, or after an identifier."""
        if not self.lines:
            return
        lines, times, at = self.lines, self.times, self.timing_at
        self.lines, self.times, self.timing_at = [], None, -1
        self.in_header = False
        if times is not None and at == 0:
            yield Caption(*times, None, lines[1:])
        elif times is not None and at == 1:
            yield Caption(*times, lines[0], lines[2:])


class _SrtCues:
    """SubRip's blocks cut and joined as webvtt-py cuts and joins them, read into captions."""

    def __init__(self) -> None:
        self.piece: list[str] = []  # the lines of the current block since its last cut
        self.block_size = 0
        self.held: list[str] | None = None  # a lone cue number, waiting for its timing
        self.caption: Caption | None = None

    def line(self, line: str) -> Iterator[Caption]:
        """A line of a block; the block is cut before a cue number followed by a timing."""
        if self.block_size >= 2 and "-->" in line and self.piece[-1].strip().isdigit():
            number = self.piece.pop()
            yield from self._piece(self.piece)
            self.piece = [number]
        self.piece.append(line)
        self.block_size += 1

    def end_block(self) -> Iterator[Caption]:
        if self.piece:
            yield from self._piece(self.piece)
        self.piece, self.block_size = [], 0

    def finish(self) -> Iterator[Caption]:
        if self.held is not None:
            yield from self._block(self.held)
            self.held = None
        if self.caption is not None and self.caption.lines:
            yield self.caption
        self.caption = None

    def _piece(self, piece: list[str]) -> Iterator[Caption]:
        """A piece of a block, a lone cue number first joined with the timing after it."""
        if self.held is not None:
            held, self.held = self.held, None
            if "-->" in piece[0]:
                piece = held + piece
            else:
                yield from self._block(held)
        if len(piece) == 1 and piece[0].strip().isdigit():
            self.held = piece
        else:
            yield from self._block(piece)

    def _block(self, block: list[str]) -> Iterator[Caption]:
        """A block that starts a cue ends the caption before; any other continues it."""
        numbered = len(block) > 1 and block[0].strip().isdigit() and "-->" in block[1]
        if "-->" in block[0] or numbered:
            if self.caption is not None and self.caption.lines:
                yield self.caption
            self.caption = (
                Caption(*subrip_milliseconds(block[1]), None, block[2:]) if numbered else None
            )
        elif self.caption is not None:
            self.caption.lines.extend(block)


def _srt_start(text: str) -> bool:
    """Whether the text starts as webvtt-py requires of SubRip: a cue number (digits only) on
    its first line after leading white space, a timing on the second, and a third line."""
    lines: list[str] = []
    start = 0
    while start < len(text) and text[start].isspace():
        start += 1
    while len(lines) < 3:
        end = text.find("\n", start)
        if end < 0:
            if start < len(text):
                lines.append(text[start:])
            break
        lines.append(text[start:end])
        start = end + 1
    return len(lines) == 3 and lines[0].isdigit() and "-->" in lines[1]
