"""Words as the agreement screen shows them: code names cut to the room there is, whitespace
flattened and decisions as labels (the figures come as text from the service).

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


def flat(text: str) -> str:
    return " ".join(text.split())


def decision_label(resolution: str, accepted: str | None, long: bool = False) -> str:
    if resolution == "accept":
        return f"accepted {accepted}'s version" if long else f"✓ {accepted}"
    return DECISION_LABELS.get(resolution, resolution)
