"""What the transcript view needs to draw codings: spans, colours, and who made them.

Kept free of Textual so the screen can build it from service results and tests can make it
by hand.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Highlight:
    """One coding as drawn: its span in code points of the document text, and its code."""

    coding_id: int
    code_id: int
    code_name: str
    start: int
    end: int
    colour: str
    coder: str
    exemplar: bool = False
    memo: str | None = None
