"""Words and numbers as the agreement screen shows them: code names cut to the room there is,
coefficients to two decimals, whitespace flattened and decisions as labels.

Shared by the overview and the review, and kept free of Textual so they read (and test) alone.
"""

from __future__ import annotations

DECISION_LABELS = {
    "open": "open",
    "merge": "merged",
    "codebook": "codebook issue",
}


def short(path: str, width: int = 0) -> str:
    """The last part of a code path, cut to ``width`` characters (0: not cut)."""
    name = path.rsplit(" > ", 1)[-1]
    return name if not width or len(name) <= width else name[: width - 1] + "…"


def two(value: float) -> str:
    """Two decimals, without a minus sign on what rounds to zero."""
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text


def flat(text: str) -> str:
    return " ".join(text.split())


def decision_label(resolution: str, accepted: str | None, long: bool = False) -> str:
    if resolution == "accept":
        return f"accepted {accepted}'s version" if long else f"✓ {accepted}"
    return DECISION_LABELS.get(resolution, resolution)
