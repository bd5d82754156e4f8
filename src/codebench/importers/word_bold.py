"""Which runs of a Word paragraph are bold: direct formatting, else the run's character style,
else the paragraph's style, each style through the styles it is based on.

This is the reading python-docx gives (``run.bold``, ``style.font.bold``, ``base_style``) done
on the parsed XML, lookups cached: a value python-docx would refuse (``w:b w:val="maybe"``, a
style type Word does not have) raises :class:`MarkupError` at the same point, so a file that
imported before imports the same and one that was refused is refused.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal

from codebench.importers.word_package import W

StyleType = Literal["paragraph", "character"]

_STYLE = f"{{{W}}}style"
_STYLE_ID = f"{{{W}}}styleId"
_TYPE = f"{{{W}}}type"
_DEFAULT = f"{{{W}}}default"
_VAL = f"{{{W}}}val"
_RPR = f"{{{W}}}rPr"
_PPR = f"{{{W}}}pPr"
_B = f"{{{W}}}b"
_BASED_ON = f"{{{W}}}basedOn"
_R_STYLE = f"{{{W}}}rStyle"
_P_STYLE = f"{{{W}}}pStyle"
_STYLE_TYPES = frozenset({"paragraph", "character", "table", "numbering"})
_ON = frozenset({"1", "true", "on"})
_ON_OFF = _ON | {"0", "false", "off"}
_MAX_BASES = 20  # guard against a cyclic base-style chain


class MarkupError(ValueError):
    """A value in the document's XML that Word's schema does not allow."""


class BoldStyles:
    """Effective bold of runs in one document whose styles part is ``styles`` (None: none)."""

    def __init__(self, styles: Any | None) -> None:
        self._styles: list[Any] = [] if styles is None else styles.findall(_STYLE)
        self._by_id: dict[str, Any] = {}
        for style in reversed(self._styles):  # the first of a repeated id wins
            style_id = style.get(_STYLE_ID)
            if style_id is not None:
                self._by_id[style_id] = style
        self._cache: dict[tuple[str | None, StyleType], bool | None] = {}

    def of_paragraph(self, p: Any) -> bool:
        """Whether the paragraph's style makes its text bold."""
        return self.of_style(_style_id(first_child(p, _PPR), _P_STYLE), "paragraph") or False

    def of_run(self, properties: Any | None, paragraph_bold: bool) -> bool:
        """Whether a run with ``properties`` (its ``w:rPr``, None without) is bold: direct
        formatting, else the run's character style, else the paragraph's style."""
        direct = _bold(properties)
        if direct is not None:
            return direct
        from_style = self.of_style(_style_id(properties, _R_STYLE), "character")
        return paragraph_bold if from_style is None else from_style

    def of_style(self, style_id: str | None, style_type: StyleType) -> bool | None:
        """Bold as set by a style or the styles it is based on; None when none sets it."""
        key = (style_id, style_type)
        if key not in self._cache:
            self._cache[key] = self._style_bold(self._style(style_id, style_type))
        return self._cache[key]

    def _style(self, style_id: str | None, style_type: StyleType) -> Any | None:
        """The style of that id and type, else the type's default style (None if none)."""
        style = self._by_id.get(style_id) if style_id else None
        if style is not None and _type(style) == style_type:
            return style
        defaults = [s for s in self._styles if _type(s) == style_type and _on_off(s, _DEFAULT)]
        return defaults[-1] if defaults else None  # the last default, as the standard says

    def _style_bold(self, style: Any | None) -> bool | None:
        seen = 0
        while style is not None and seen < _MAX_BASES:
            value = _bold(style.find(_RPR))
            if value is not None:
                return value
            style = self._base(style)
            seen += 1
        return None

    def _base(self, style: Any) -> Any | None:
        based_on = style.find(_BASED_ON)
        if based_on is None:
            return None
        base = self._by_id.get(_val(based_on))
        if base is not None:
            _type(base)
        return base


@lru_cache(maxsize=4)
def bold_styles(styles: Any | None) -> BoldStyles:
    """The :class:`BoldStyles` of the parsed styles part ``styles``, made once for it: files
    typed from one template share one parsed part (see ``word_package``), so what one file
    has found out about the styles (their ids, the defaults, each style's bold) serves the
    next, instead of every file walking hundreds of styles again."""
    return BoldStyles(styles)


def first_child(element: Any, tag: str) -> Any | None:
    """``element.find(tag)`` for a tag with its namespace: the first child of that tag. A loop
    over the few children of a run or its properties; lxml's ``find`` parses its path first,
    which made it the larger part of reading a paragraph's bold."""
    for child in element:
        if child.tag == tag:
            return child
    return None


def _bold(properties: Any | None) -> bool | None:
    """The ``w:b`` in the properties (``w:rPr``) of a run or style: None when it says nothing."""
    b = first_child(properties, _B) if properties is not None else None
    if b is None:
        return None
    return _on_off(b, _VAL, default=True)


def _style_id(properties: Any | None, style_tag: str) -> str | None:
    """The style a paragraph's or run's properties (``w:pPr``, ``w:rPr``) name, if any."""
    style = first_child(properties, style_tag) if properties is not None else None
    return None if style is None else _val(style)


def _type(style: Any) -> str | None:
    value = style.get(_TYPE)
    if value is not None and value not in _STYLE_TYPES:
        raise MarkupError(f"style type '{value}' is not one Word has")
    return value  # type: ignore[no-any-return]


def _val(element: Any) -> str:
    value = element.get(_VAL)
    if value is None:
        raise MarkupError(f"required 'w:val' attribute not present on element {element.tag}")
    return str(value)


def _on_off(element: Any, attribute: str, default: bool = False) -> bool:
    value = element.get(attribute)
    if value is None:
        return default
    if value not in _ON_OFF:
        raise MarkupError(
            f"value must be one of '1', '0', 'true', 'false', 'on', or 'off', got '{value}'"
        )
    return value in _ON
