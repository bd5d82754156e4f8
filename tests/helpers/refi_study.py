"""The texts and codings of the small REFI-QDA study (shared by its fixture and tests)."""

from __future__ import annotations

DOC_A = (
    "Interviewer: Hoe ging het?\n\nRespondent 1: Het café was 😀 geweldig. Één keer niet.\n\n"
    "Respondent 2: Naïef 🎉 gedacht. Daarna beter.\n"
)
DOC_B = "I: Vraag?\n\nR: Zeven 👍🏽 acht. Crème brûlée.\n"
CODINGS = [
    ("A", "a", "anna", "😀 geweldig.", "een memo met 😀"),
    ("A", "b", "anna", "Één keer niet.", None),
    ("B", "c", "anna", "Crème brûlée.", None),
    ("A", "a", "ben", "Naïef 🎉 gedacht.", None),
    ("B", "c", "ben", "👍🏽 acht.", "ben's memo"),
]
