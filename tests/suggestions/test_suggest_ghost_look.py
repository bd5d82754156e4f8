"""A suggestion never looks like a coding: its text keeps the transcript's background (a coding
tints it) and is italic and underlined, and its stripe is dashed where a coding's is solid."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.segment import Segment
from textual.pilot import Pilot

from codebench.services.project import open_project
from codebench.tui.app import CodebenchApp
from codebench.tui.transcript.painter import GHOST_STRIPE, STRIPE
from codebench.tui.transcript_view import TranscriptView
from helpers.pilots import drive, settle, view
from helpers.suggestion_study import REPEATED, at_repeated_suggestion


@pytest.fixture(autouse=True)
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CODEBENCH_SETTINGS", str(tmp_path / "settings.yaml"))


def drawn(tv: TranscriptView, fragment: str) -> list[Segment]:
    """The segments drawing ``fragment``'s words, and the stripes on their lines."""
    found = []
    for y in range(tv.scrollable_content_region.height):
        segments = list(tv.render_line(y))
        if any(s.text.strip() and s.text.strip() in fragment for s in segments):
            found += [s for s in segments if s.text.strip()]
    return found


def test_a_suggestion_is_drawn_unlike_a_coding(study: Path) -> None:
    seen: dict[str, list[Segment]] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await at_repeated_suggestion(app, pilot)
        await pilot.press("k")  # the cursor off the sentence: only the suggestion marks it
        await settle(pilot)
        seen["question"] = drawn(view(app), "Vertel eens.")
        seen["suggested"] = drawn(view(app), REPEATED)
        await pilot.press("j", "y", "k")
        await settle(pilot)
        seen["coded"] = drawn(view(app), REPEATED)

    with open_project(study) as project:
        drive(CodebenchApp(project, "anna"), scenario)
    plain = next(s.style for s in seen["question"] if "Vertel" in s.text)
    assert plain is not None
    words = [s for s in seen["suggested"] if s.text.strip() in REPEATED]
    assert words and all(s.style and s.style.italic and s.style.underline for s in words)
    assert all(s.style and s.style.bgcolor == plain.bgcolor for s in words)
    assert any(s.text.startswith(GHOST_STRIPE) for s in seen["suggested"])
    coded = [s for s in seen["coded"] if s.text.strip() in REPEATED]
    assert coded and all(s.style and not s.style.italic for s in coded)
    assert all(s.style and s.style.bgcolor != plain.bgcolor for s in coded)
    assert any(s.text.startswith(STRIPE) for s in seen["coded"])
