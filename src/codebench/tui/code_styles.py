"""How codes and coders look on screen: a distinct colour and a short name per code, a mark
per coder.

Colours. A code keeps the colour its codebook gives it when that colour stands apart: from the
colours given to the codes before it (in codebook order) and from the theme's cursor and
selection. A code without a colour of its own, or whose colour is too close to one of those
(codebooks often give every code of a group a shade of the group's hue), gets the next colour
of a fixed qualitative palette (Okabe-Ito, then Tableau 10) that is neither the cursor's nor the
selection's and differs from the codes just before it. Codes are thus told apart by colour, not
only grouped by it; the names in the margin and the codes-here panel do the rest once a
codebook has more codes than the palette has colours.

Tints. Coded text takes a tint of its code's colour at one lightness (dark on a dark theme, pale
on a light one) with its saturation kept, not a blend towards the background: a blend greys the
colour, and a 256-colour terminal then rounds blue, purple and pink to the same grey. The
palette's twelve tints stay twelve different colours in 256 colours, and a code whose tint
would round to the cursor's or the selection's colour is not given it.

Short names. Each code gets a name of at most three letters for the margin stripes: the
initials of its significant words ("Druk om GenAI te gebruiken" -> "DGG"), or the start of a
one-word name ("Aanleiding" -> "Aan"), made unique in the codebook.

Kept free of Textual widgets: colour arithmetic only (CIELAB distances).
"""

from __future__ import annotations

import colorsys
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rich.color import Color as RichColor
from rich.color import ColorSystem
from textual.color import Color, ColorParseError, Lab, rgb_to_lab

from codebench.services.codebook.tree import CodeNode
from codebench.services.coding.views import CodingView

PALETTE = (
    "#E69F00",  # orange          (Okabe-Ito)
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#59A14F",  # green           (Tableau 10)
    "#E15759",  # red
    "#76B7B2",  # teal
    "#FF9DA7",  # pink
    "#9C755F",  # brown
)
"""Colour-blind-safe first (Okabe-Ito without black), then Tableau 10's distinct others."""

MIN_DISTANCE = 25.0
"""CIE76 distance below which two codes' colours count as the same hue."""
RESERVED_DISTANCE = 30.0
"""CIE76 distance a code's colour keeps from the theme's primary and accent (cursor, selection)."""
MARK_DISTANCE = 12.0
"""CIE76 distance a code's tint keeps from the cursor's and selection's backgrounds."""
DARK_TINT = 0.325
LIGHT_TINT = 0.78
"""Lightness (HLS) of coded text's background on a dark and on a light theme."""
TINT_SATURATION = 0.6
"""Saturation a tint keeps at least (a grey stays grey)."""
NEIGHBOURS = 3
"""A palette colour differs from the colours of this many codes before it."""

SHORT = 3
"""Cells of a code's short name in the margin."""

_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹"
_SMALL_WORDS = frozenset(
    "de het een en of van te ten tot om op in met voor aan bij als door naar over uit zijn "
    "the a an and or of to for with on at by from in as into".split()
)
_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=512)
def _lab(colour: str) -> Lab | None:
    try:
        return rgb_to_lab(Color.parse(colour))
    except ColorParseError:
        return None


@lru_cache(maxsize=512)
def tint(colour: str, dark: bool = True) -> Color:
    """The background of text coded with ``colour``: its hue at a fixed lightness."""
    try:
        parsed = Color.parse(colour)
    except ColorParseError:
        parsed = Color(128, 128, 128)
    hue, _lightness, saturation = colorsys.rgb_to_hls(*(v / 255 for v in parsed.rgb))
    if saturation > 0.05:
        saturation = max(saturation, TINT_SATURATION)
    red, green, blue = colorsys.hls_to_rgb(hue, DARK_TINT if dark else LIGHT_TINT, saturation)
    return Color(round(red * 255), round(green * 255), round(blue * 255))


def eight_bit(colour: Color) -> int | None:
    """The colour a 256-colour terminal shows for ``colour`` (its palette number)."""
    return RichColor.from_rgb(colour.r, colour.g, colour.b).downgrade(ColorSystem.EIGHT_BIT).number


@dataclass(frozen=True)
class Reserved:
    """What codes keep away from: the theme's primary and accent (``hues``), the cursor's
    and selection's backgrounds as drawn (``marks``), and whether the theme is dark."""

    hues: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()
    dark: bool = True

    def clashes(self, colour: str) -> bool:
        if any(distance(colour, hue) < RESERVED_DISTANCE for hue in self.hues):
            return True
        shade = tint(colour, self.dark)
        for mark in self.marks:
            drawn = Color.parse(mark)
            if distance(shade.hex, drawn.hex) < MARK_DISTANCE:
                return True
            if eight_bit(shade) == eight_bit(drawn):
                return True
        return False


def distance(a: str, b: str) -> float:
    """CIE76 colour difference between two colours (infinite if one cannot be read)."""
    first, second = _lab(a), _lab(b)
    if first is None or second is None:
        return math.inf
    return math.dist((first.L, first.a, first.b), (second.L, second.a, second.b))


def _normalised(colour: str | None) -> str | None:
    if not colour:
        return None
    try:
        return Color.parse(colour).hex
    except ColorParseError:
        return None


def assign_colours(
    codes: Sequence[tuple[int, str | None]], reserved: Reserved = Reserved()
) -> dict[int, str]:
    """A display colour ('#RRGGBB') per code id, for codes in codebook order with their own
    colour (None: none), keeping away from the ``reserved`` cursor and selection colours."""
    usable = [p for p in PALETTE if not reserved.clashes(p)] or list(PALETTE)
    taken: list[str] = []
    colours: dict[int, str] = {}
    following = 0
    for code_id, own in codes:
        colour = _normalised(own)
        if colour is not None and not (
            reserved.clashes(colour) or any(distance(colour, t) < MIN_DISTANCE for t in taken)
        ):
            colours[code_id] = colour
            taken.append(colour)
            continue
        recent = taken[-NEIGHBOURS:]
        for step in range(len(usable)):
            candidate = usable[(following + step) % len(usable)]
            if all(distance(candidate, r) >= MIN_DISTANCE for r in recent):
                following += step + 1
                break
        else:
            candidate = usable[following % len(usable)]
            following += 1
        colours[code_id] = candidate
        taken.append(candidate)
    return colours


def short_name(name: str) -> str:
    """A code's short name: initials of its significant words, or a one-word name's start."""
    words: list[str] = _WORD.findall(name)
    if not words:
        return "?"
    significant = [w for w in words if w.lower() not in _SMALL_WORDS] or words
    if len(significant) == 1:
        word = significant[0]
        return word[:1].upper() + word[1:SHORT]
    return "".join(w[0].upper() for w in significant[:SHORT])


def _alternatives(name: str, base: str) -> Iterable[str]:
    yield base
    every: list[str] = _WORD.findall(name)
    words = [w for w in every if w.lower() not in _SMALL_WORDS] or every
    stem = base[: SHORT - 1] if len(base) >= SHORT else base
    for word in reversed(words):
        for letter in word[1:]:
            yield (stem + letter.lower())[:SHORT]
    for digit in range(2, 100):
        yield f"{base[: SHORT - len(str(digit))]}{digit}"


def short_names(codes: Sequence[tuple[int, str]]) -> dict[int, str]:
    """Unique short names for codes (id, name) in codebook order; the first keeps its own."""
    names: dict[int, str] = {}
    used: set[str] = set()
    for code_id, name in codes:
        chosen = next(a for a in _alternatives(name, short_name(name)) if a.lower() not in used)
        names[code_id] = chosen
        used.add(chosen.lower())
    return names


def coder_marks(coders: Iterable[str]) -> dict[str, str]:
    """A one-cell mark per coder (superscript digits, in the order given), for the stripes."""
    marks: dict[str, str] = {}
    for index, coder in enumerate(coders):
        marks[coder] = _SUPERSCRIPTS[index] if index < len(_SUPERSCRIPTS) else "⁺"
    return marks


class CodeStyles:
    """Display colour and short name of every code in the codebook as last read."""

    def __init__(self, codes: Sequence[CodeNode] = (), reserved: Reserved = Reserved()) -> None:
        self.reserved = reserved
        self._colours = assign_colours([(c.id, c.colour) for c in codes], reserved)
        self._short = short_names([(c.id, c.name) for c in codes])

    def colour(self, code_id: int, fallback: str = "") -> str:
        """The code's display colour; a code read after the codebook gets a palette colour."""
        found = self._colours.get(code_id)
        if found is not None:
            return found
        return _normalised(fallback) or PALETTE[code_id % len(PALETTE)]

    def short(self, code_id: int, name: str = "") -> str:
        return self._short.get(code_id) or short_name(name)


@dataclass(frozen=True)
class PlainLook:
    """Codings as the service gives them: their code's colour, a short name from the code's
    name, no coder marks (a view of one coder's work)."""

    def colour(self, coding: CodingView) -> str:
        return coding.colour

    def short(self, coding: CodingView) -> str:
        return short_name(coding.code_name)

    def mark(self, coding: CodingView) -> str:
        return ""

    def other(self, coding: CodingView) -> bool:
        return False

    def suggested(self, coding: CodingView) -> bool:
        return False

    @property
    def marked(self) -> bool:
        return False


@dataclass(frozen=True)
class ViewLook:
    """Codings as the coding screen shows them: the codebook's display colours and short
    names; in a view of several coders, each coding's coder mark, and the codings of coders
    other than ``me`` told apart (underlined in the text)."""

    styles: CodeStyles
    me: str
    marks: Mapping[str, str] | None = None
    """Coder -> mark when the view shows several coders (None: one coder's codings)."""

    def colour(self, coding: CodingView) -> str:
        return self.styles.colour(coding.code_id, coding.colour)

    def short(self, coding: CodingView) -> str:
        return self.styles.short(coding.code_id, coding.code_name)

    def mark(self, coding: CodingView) -> str:
        if self.marks is None:
            return ""
        return self.marks.get(coding.coder, "⁺")

    def other(self, coding: CodingView) -> bool:
        return self.marks is not None and coding.coder != self.me

    def suggested(self, coding: CodingView) -> bool:
        return False

    @property
    def marked(self) -> bool:
        return self.marks is not None
