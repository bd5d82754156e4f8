"""Pilot tests of what issue 15 found missing in the coding screen: a group's retrieval with its
sub-codes, a new project's empty codebook, codes made from the finder and from a path, the
coder switch, undo and redo that say what they undid, search positions, visible filters, and a
document list that says who was interviewed and how far the coder is, in words."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from rich.console import Console
from sqlalchemy import select
from textual.pilot import Pilot
from textual.widgets import Label, OptionList, Static

from codebench.resources import data_path
from codebench.services.codebook.tree import codebook_tree
from codebench.services.coding.views import DocumentProgress, document_progress
from codebench.services.documents.importing import ImportOptions, import_files
from codebench.services.project import Project, init_project
from codebench.services.viewer import Viewer
from codebench.settings import load_settings
from codebench.storage import models
from codebench.tui.app import CodebenchApp
from codebench.tui.coding_screen import CodingScreen
from codebench.tui.document_entry import document_entry
from codebench.tui.finder import Finder
from codebench.tui.panels import DocumentList
from codebench.tui.retrieval import RetrievalScreen
from helpers.pilots import drive

SAMPLES = data_path("sample_transcripts")


def coding_screen(app: CodebenchApp) -> CodingScreen:
    assert isinstance(app.screen, CodingScreen)
    return app.screen


class App(CodebenchApp):
    """The app, remembering every notification (they fade after a few seconds)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.said: list[str] = []

    def notify(self, message: str, *args: Any, **kwargs: Any) -> None:
        self.said.append(message)
        super().notify(message, *args, **kwargs)


def said(app: CodebenchApp) -> list[str]:
    assert isinstance(app, App)
    return app.said


def text_of(widget: Static, width: int = 60) -> str:
    console = Console(width=width, record=True)
    console.print(widget.content)
    return console.export_text()


def codes(project: Project) -> dict[str, int]:
    return {n.path: n.id for n in codebook_tree(project, viewer=Viewer.everyone())}


def coder_codings(project: Project, coder: str) -> list[models.Coding]:
    with project.reading() as session:
        return list(
            session.scalars(
                select(models.Coding).join(models.Coder).where(models.Coder.name == coder)
            )
        )


def test_retrieval_of_a_group_shows_its_sub_codes_passages(tui_project: Project) -> None:
    tree = codebook_tree(tui_project, viewer=Viewer("coder1"))
    group = tree[0]
    assert group.codings == 0 and group.total > 0  # a group: its codings are its sub-codes'
    seen: dict[str, Any] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("b", "r")  # the codebook tree's first line is the first group
        await pilot.pause()
        assert isinstance(app.screen, RetrievalScreen)
        seen["title"] = str(app.screen.query_one("#retrieval-title", Label).render())
        seen["passages"] = app.screen.query_one(OptionList).option_count

    drive(App(tui_project, "coder1"), scenario)
    assert seen["passages"] == group.total
    title, hint = seen["title"].splitlines()
    assert title.startswith(f"{group.name} with its sub-codes: {group.total} passages in ")
    assert hint == "enter: go to the passage in its transcript   s: passages like it"
    assert " 0 documents" not in seen["title"]


def test_a_new_project_says_what_to_do_and_the_finder_makes_codes(tmp_path: Path) -> None:
    with init_project(tmp_path / "new.codebench", "Nieuw") as project:
        import_files(project, [SAMPLES / "interview_06.txt"], ImportOptions(actor="setup"))
        seen: dict[str, Any] = {}

        async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
            screen = coding_screen(app)
            seen["hint"] = text_of(screen.query_one("#code-definition", Static))
            await pilot.press("j", "c")
            await pilot.pause()
            assert isinstance(app.screen, Finder)
            seen["finder"] = str(app.screen.query_one("#finder-empty", Label).render())
            await pilot.press(*"Tempo", "enter")
            await pilot.pause()
            await pilot.press("j", "j", "i")
            await pilot.pause()
            await pilot.press(*"Knelpunten > Doorlooptijd", "enter")
            await pilot.pause()
            seen["tree"] = [n.path for n in app.workspace.codes]

        app = App(project, "anna")
        drive(app, scenario)
        assert "The codebook is empty" in seen["hint"]
        for key in ("i new code", "c code finder", "e codebook editor", "L load a codebook"):
            assert key in seen["hint"]
        assert any(m.startswith("i: new code from the selection, c: ") for m in said(app))
        assert "No codes yet: type a name and press enter to make one." in seen["finder"]
        assert seen["tree"] == ["Tempo", "Knelpunten", "Knelpunten > Doorlooptijd"]
        applied = {c.code_id for c in coder_codings(project, "anna")}
        paths = codes(project)
        assert applied == {paths["Tempo"], paths["Knelpunten > Doorlooptijd"]}


def test_load_a_codebook_file_from_the_coding_screen(tmp_path: Path) -> None:
    with init_project(tmp_path / "new.codebench", "Nieuw") as project:
        import_files(project, [SAMPLES / "interview_06.txt"], ImportOptions(actor="setup"))
        book = data_path("codebooks") / "genai-overheid.yaml"

        async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
            await pilot.press("L")
            await pilot.pause()
            await pilot.press(*str(book), "enter")
            await pilot.pause()

        app = App(project, "anna")
        drive(app, scenario)
        assert "Codebook loaded: 32 added, 0 updated, 0 unchanged" in said(app)
        assert "Knelpunten" in codes(project)


def test_new_code_with_a_path_goes_into_the_group(tui_project: Project) -> None:
    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("j", "i")
        await pilot.pause()
        await pilot.press(*"knelpunten > Tempo", "enter")
        await pilot.pause()

    app = App(tui_project, "dora")
    drive(app, scenario)
    paths = codes(tui_project)
    assert "Knelpunten > Tempo" in paths
    assert not any(">" in path.split(" > ")[-1] for path in paths)
    assert "New code 'Knelpunten > Tempo' applied" in said(app)
    [coding] = coder_codings(tui_project, "dora")
    assert coding.code_id == paths["Knelpunten > Tempo"]


def test_undo_and_redo_say_what_they_undid_and_where(tui_project: Project) -> None:
    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("j", "j", "c")
        await pilot.pause()
        await pilot.press(*"afwezigheid budget", "enter")
        await pilot.pause()
        sentence = coding_screen(app).transcript.cursor_sentence
        assert sentence is not None
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("U")
        await pilot.pause()
        app.notify(f"sentence {sentence.number}")

    app = App(tui_project, "dora")
    drive(app, scenario)
    number = said(app)[-1]
    budget = "'De afwezigheid van budget, bronnen of andere middelen'"
    assert f"Undid: applied {budget} to interview_01 {number}" in said(app)
    assert f"Redid: applied {budget} to interview_01 {number}" in said(app)


def test_switch_coder_in_the_tui(tui_project: Project) -> None:
    seen: dict[str, Any] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        screen = coding_screen(app)
        seen["before"] = {c.coder for c in screen.codings}
        await pilot.press("C")
        await pilot.pause()
        assert isinstance(app.screen, Finder)
        await pilot.press(*"coder2", "enter")
        await pilot.pause()
        seen["coder"] = app.workspace.coder
        seen["subtitle"] = app.sub_title
        await pilot.press("C")
        await pilot.pause()
        await pilot.press(*"dora", "enter")  # a name no coder has: a new coder
        await pilot.pause()
        await pilot.press("j", "j", "c")
        await pilot.pause()
        await pilot.press(*"afwezigheid budget", "enter")
        await pilot.pause()

    app = App(tui_project, "coder1")
    drive(app, scenario)
    assert seen["coder"] == "coder2"
    assert seen["subtitle"].endswith("— coder2")
    assert "Coding as dora now" in said(app)
    assert len(coder_codings(tui_project, "dora")) == 1
    assert load_settings().coder == "dora"


def test_switch_coder_while_blind_never_shows_another_coders_work(tui_project: Project) -> None:
    seen: dict[str, Any] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        await pilot.press("C")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        seen["offered"] = [str(options.get_option_at_index(i).prompt) for i in range(1)]
        seen["count"] = options.option_count
        await pilot.press(*"coder2", "enter")
        await pilot.pause()
        seen["refused"] = app.workspace.coder
        await pilot.press("C")
        await pilot.pause()
        await pilot.press(*"emma", "enter")
        await pilot.pause()
        seen["codings"] = {c.coder for c in coding_screen(app).codings}

    app = App(tui_project, "coder1", blind=True)
    drive(app, scenario)
    assert seen["count"] == 1 and "coder1" in seen["offered"][0]  # no other coder's name
    assert seen["refused"] == "coder1"
    assert any("switching to coder2 would show coder2's codings" in m for m in said(app))
    assert app.workspace.coder == "emma" and app.workspace.blind
    assert seen["codings"] == set()


def test_search_says_which_match_and_a_filter_stays_visible(tui_project: Project) -> None:
    seen: dict[str, Any] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        screen = coding_screen(app)
        pane = screen.query_one("#transcript-pane")
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"gemeente", "enter")
        await pilot.pause()
        seen["total"] = len(screen.transcript.matches("gemeente"))
        seen["first"] = str(pane.border_subtitle)
        await pilot.press("n")
        await pilot.pause()
        seen["second"] = str(pane.border_subtitle)
        await pilot.press("N", "N")
        await pilot.pause()
        seen["wrapped"] = str(pane.border_subtitle)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("enter")  # the first speaker
        await pilot.pause()
        await asyncio.sleep(3.5)  # the notification fades; the filter stays on show
        await pilot.pause()
        seen["filtered"] = str(pane.border_subtitle)
        seen["speaker"] = screen.transcript.speakers[0]
        await pilot.press("F")
        await pilot.pause()
        seen["cleared"] = str(pane.border_subtitle)

    app = App(tui_project, "coder1")
    drive(app, scenario)
    total = seen["total"]
    assert total > 2
    first = int(seen["first"].split()[1])
    assert seen["first"] == f"'gemeente' {first} of {total} (n/N)"
    assert seen["second"] == f"'gemeente' {first + 1} of {total} (n/N)"
    assert seen["wrapped"] == f"'gemeente' {first - 1 or total} of {total} (n/N)"
    assert f"'gemeente': match {first + 1} of {total}" in said(app)
    assert seen["filtered"] == f"filter: speaker {seen['speaker']} (F: show all)"
    assert seen["cleared"] == ""


def test_filter_and_jumps_on_a_group_take_its_sub_codes(tui_project: Project) -> None:
    seen: dict[str, Any] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        screen = coding_screen(app)
        group = app.workspace.codes[0]
        spans = screen.document.spans_of(group.id)
        seen["spans"] = len(spans)
        seen["own"] = [c for c in screen.codings if c.code_id == group.id]
        await pilot.press("b")  # the group is highlighted
        await pilot.pause()
        await pilot.press("greater_than_sign")
        await pilot.pause()
        seen["jumped"] = screen.transcript.selection[0]
        seen["starts"] = sorted(s for s, _ in spans)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*group.path, "enter")
        await pilot.pause()
        seen["filter"] = str(screen.query_one("#transcript-pane").border_subtitle)
        seen["group"] = group.path

    drive(App(tui_project, "coder1"), scenario)
    assert seen["own"] == [] and seen["spans"] > 0
    assert seen["jumped"] in seen["starts"]
    assert seen["filter"] == (f"filter: code '{seen['group']}' and its sub-codes (F: show all)")


def entry_lines(row: DocumentProgress, coder: str, width: int) -> list[str]:
    console = Console(width=width, record=True)
    console.print(document_entry(row, coder, width))
    return [line.rstrip() for line in console.export_text().splitlines()]


def test_a_document_entry_fits_its_width_in_whole_words() -> None:
    row = DocumentProgress(
        1,
        "interview_02_gemeente_utrecht",
        101,
        {"anna": 29, "ben": 1},
        {"anna": 40, "ben": 1},
        ("Respondent 2", "Respondent 3"),
        ("gemeente",),
    )
    assert entry_lines(row, "anna", 60) == [
        "interview_02_gemeente_utrecht",
        "Respondent 2, Respondent 3 · gemeente",
        "29 of 101 sentences coded",
        "ben: 1 coding",
    ]
    assert entry_lines(row, "anna", 22) == [
        "interview_02_gemeente…",
        "Respondents 2, 3",
        "gemeente",
        "29/101 sentences coded",
        "ben: 1 coding",
    ]
    assert entry_lines(row, "ben", 14) == [
        "interview_02_…",
        "Respondents 2…",
        "gemeente",
        "1 of 101 coded",
        "anna: 40",  # wrapped between words, never inside one
        "codings",
    ]
    alone = DocumentProgress(2, "kort", 1, {"anna": 1}, {"anna": 1})
    assert entry_lines(alone, "anna", 30) == ["kort", "1 of 1 sentence coded"]


def test_document_list_says_who_and_how_far_in_words(tui_project: Project) -> None:
    entries: dict[str, list[str]] = {}

    async def scenario(app: CodebenchApp, pilot: Pilot[None]) -> None:
        for size in ((160, 40), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause(0.3)
            await pilot.press("d")  # below 140 columns the pane shows while it has the focus
            await pilot.pause(0.3)
            documents = app.screen.query_one(DocumentList)
            assert documents.has_focus
            console = Console(width=documents.scrollable_content_region.width, record=True)
            for index in range(documents.option_count):
                console.print(documents.get_option_at_index(index).prompt)
            entries[str(size)] = [line.rstrip() for line in console.export_text().splitlines()]

    drive(App(tui_project, "coder1"), scenario)
    [first, *_] = document_progress(tui_project, Viewer("coder1"))
    mine, total = first.coded_sentences["coder1"], first.sentences
    others = first.codings["coder2"]
    for lines in entries.values():
        assert lines[:5] == [
            "interview_01",
            "Respondent 1",
            "gemeente",
            lines[3],
            f"coder2: {others} codings",
        ]
        assert lines[3] in (f"{mine}/{total} sentences coded", f"{mine} of {total} coded")
        assert "Respondents 2, 3" in lines
