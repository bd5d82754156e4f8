"""How wide a text is on the page, measured in the widest font a reader may see the report in.

The report asks for Calibri. Word has it, and LibreOffice shows Carlito (the same widths)
where that is installed, but otherwise falls back to DejaVu Sans, about a third wider: a
header sized for Calibri then breaks mid-word ("Responden|ten") and a vertical header is cut.
So widths are measured in DejaVu Sans, which ships with matplotlib: what fits in it fits in
Calibri too, with a little room to spare. Only the font's own metrics are read (FreeType, no
drawing), once per distinct text.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

import matplotlib
from matplotlib.ft2font import FT2Font

PT_TO_CM = 2.54 / 72
_MEASURE_PT = 100
"""Texts are measured at this size and scaled: at 9 pt FreeType's hinting rounds every glyph
up to whole pixels, which overstates the width by a tenth."""
_FONTS = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}
_MIN_EM = 0.5
"""Per character at least half an em: a glyph the font lacks measures nothing."""
_LOCK = threading.Lock()


@cache
def _font(bold: bool) -> FT2Font:
    font = FT2Font(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / _FONTS[bold]))
    font.set_size(_MEASURE_PT, 72)
    return font


@cache
def _em_width(text: str, bold: bool) -> float:
    """The width of ``text`` in ems (multiples of the font size)."""
    with _LOCK:
        font = _font(bold)
        font.set_text(text, 0.0)
        width = font.get_width_height()[0] / 64 / _MEASURE_PT
    return max(width, len(text) * _MIN_EM)


def text_cm(text: str, font_pt: float, bold: bool = False) -> float:
    """The width of ``text`` set on one line, in cm."""
    return _em_width(text, bold) * font_pt * PT_TO_CM if text else 0.0


def longest_word_cm(text: str, font_pt: float, bold: bool = False) -> float:
    """The widest word of ``text``: the least width it can wrap to without breaking a word."""
    return max((text_cm(word, font_pt, bold) for word in text.split()), default=0.0)


def wrapped_lines(text: str, width_cm: float, font_pt: float, bold: bool = False) -> int:
    """How many lines ``text`` takes wrapped at spaces into ``width_cm`` (a longer word
    takes a line of its own)."""
    lines, line = 0, ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and text_cm(candidate, font_pt, bold) > width_cm:
            lines, line = lines + 1, word
        else:
            line = candidate
    return lines + 1 if line else max(lines, 1)
