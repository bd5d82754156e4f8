"""Text a spreadsheet will open: cells that cannot run as formulas.

A code name, coder name or quote that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return) is a formula to Excel and LibreOffice when they open a CSV file; a crafted one
can fetch a URL with the sheet's contents. Following the OWASP rule for CSV injection, such a
cell is written with a leading apostrophe, which spreadsheets show as text. Files codebench
reads back (codebook CSV) drop that apostrophe again, so a name survives the round trip.
"""

from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: object) -> object:
    """``value`` as a CSV cell no spreadsheet evaluates; numbers and other values unchanged.
    A text that already begins with an apostrophe before a trigger (or a second apostrophe)
    gets one more, so :func:`restored` gives it back exactly."""
    if isinstance(value, str) and (value.startswith(TRIGGERS) or _escaped(value)):
        return "'" + value
    return value


def restored(text: str) -> str:
    """A cell read back from a file :func:`inert` wrote: the protective apostrophe removed."""
    return text[1:] if _escaped(text) else text


def _escaped(text: str) -> bool:
    """Whether ``text`` looks as :func:`inert` writes: an apostrophe before a trigger or
    before another apostrophe."""
    return text.startswith("'") and text[1:].startswith((*TRIGGERS, "'"))
