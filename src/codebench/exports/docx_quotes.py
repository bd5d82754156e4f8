"""Quotes as the report prints them: typographic inner quotes and apostrophes, "[…]" where a
passage is cut mid-sentence, and per code the order they appear in (starred exemplars first).

Apart from the writer because the wording rules are language-specific and tested on their own.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from codebench.exports.labels import words


def quote_text(text: str, language: str) -> str:
    """The quote as printed between the outer marks: inner double quotes made single (the
    outer marks are double), and "[…]" where the passage starts or stops mid-sentence."""
    text = " ".join(text.split())
    inner_open, inner_close = words(language).inner_quote_marks
    parts = re.split(r'(["“”„])', text)
    open_next = True
    out = []
    for part in parts:
        if part in ('"', "“", "”", "„"):
            if part in ("“", "„") or (part == '"' and open_next):
                out.append(inner_open)
                open_next = False
            else:
                out.append(inner_close)
                open_next = True
        else:
            out.append(part)
    text = "".join(out)
    # Apostrophes: elisions ('t, 's, z'n) and word-inner ones become ’, a quote-opening ' ‘.
    text = re.sub(r"(?<!\w)'(?=(?:t|s|n|k|m|r|ns)\b)", "’", text)
    text = re.sub(r"(^|[\s(\[])'(?=\w)", "\\1‘", text).replace("'", "’")
    first = next((ch for ch in text if ch.isalpha()), "")
    if first and first.islower():
        text = f"[…] {text}"
    if text and text[-1] not in ".!?…’)]":
        text = f"{text.rstrip(',;: ')} […]"
    return text


def quotes_by_code(frame: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """Quotes per code path: starred exemplars first, then respondents in their order."""
    result: dict[str, list[dict[str, Any]]] = {}
    if frame.empty:
        return result
    ordered = frame.assign(_starred=~frame["starred"].astype(bool)).sort_values(
        "_starred", kind="stable"
    )
    for record in ordered.to_dict("records"):
        result.setdefault(str(record["code"]), []).append(record)
    return result
