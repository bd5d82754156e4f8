"""Selection offsets as other tools count them, made code points of the text codebench stores.

Offsets of ``PlainTextSelection`` are code points of the source text; a project whose
``origin`` mentions NVivo counts UTF-16 code units instead, and those are converted. Source
texts with CRLF (or CR) line ends are stored with LF, and offsets are shifted to match.
"""

from __future__ import annotations

import re
from bisect import bisect_left


def utf16_to_codepoints(text: str, offset: int) -> int:
    """The code-point offset in ``text`` of ``offset`` counted in UTF-16 code units.

    A character outside the Basic Multilingual Plane (an emoji) is two UTF-16 units; an offset
    falling between its two halves is taken to the character's start.
    """
    units = 0
    for index, char in enumerate(text):
        if units >= offset:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
        if units > offset:
            return index
    return len(text)


def utf16_length(text: str) -> int:
    """The length of ``text`` in UTF-16 code units (NVivo's offsets count those)."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def lf_offsets(text: str) -> tuple[str, list[int]]:
    """``text`` with CRLF made LF, and the positions of the removed CRs (sorted). A lone CR
    (old Mac line ends) becomes LF too, which moves no offset."""
    removed = [m.start() for m in re.finditer("\r\n", text)]
    return text.replace("\r\n", "\n").replace("\r", "\n"), removed


def stored_offset(raw: str, removed: list[int], value: int, nvivo: bool) -> int:
    """A selection offset of the source text as it was, in code points of the stored text."""
    if nvivo:
        value = utf16_to_codepoints(raw, value)
    return value - bisect_left(removed, value)
