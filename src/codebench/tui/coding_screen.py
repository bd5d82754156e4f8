"""The coding screen: documents | transcript and status | codebook, and every coding key.

The screen is composed of widgets that talk to it through messages: the document list
(:class:`~codebench.tui.panels.DocumentList`, a document chosen), the transcript
(:class:`~codebench.tui.transcript_view.TranscriptView`, with its own keys for moving and
selecting; the cursor moved), the status bar and the codebook panel (a code highlighted). The
screen keeps them current from the open document
(:class:`~codebench.tui.open_document.OpenDocument`) and holds the keys that only move around:
search, jumps between passages of a code, filters, focus and the other screens. The keys that
change the project are handed to its :class:`~codebench.tui.coding_actions.CodingActions`;
the code suggestions (ghost marks, accept, reject) to its
:class:`~codebench.tui.suggestions.SuggestionMarks`.

Above the panes a header names whose codings show (the view, ``v``) and who is coding; under
the transcript the codes-here panel lists every coding under the cursor. How codings look is
kept by :class:`~codebench.tui.look.Looks`; which side panes show at this width by
:class:`~codebench.tui.side_panes.SidePanes`.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer

from codebench.errors import CodebenchError
from codebench.services.codebook.details import code_details
from codebench.services.codebook.tree import CodeNode, codebook_tree
from codebench.services.coding.views import CodingView, DocumentProgress, document_progress
from codebench.services.viewer import coders_to_switch_to
from codebench.settings import load_settings, save_settings
from codebench.tui.codes_here import CodesHere
from codebench.tui.coding_actions import CodingActions
from codebench.tui.coding_header import CodingHeader
from codebench.tui.finder import Finder, Picked
from codebench.tui.look import Looks
from codebench.tui.modals import Choice
from codebench.tui.open_document import OpenDocument
from codebench.tui.panels import CodebookPanel, DocumentList
from codebench.tui.session import Workspace
from codebench.tui.side_panes import CODEBOOK, DOCUMENTS, SidePanes
from codebench.tui.status_bar import StatusBar
from codebench.tui.suggestions import SuggestionBar, SuggestionMarks
from codebench.tui.transcript_finding import Finding
from codebench.tui.transcript_view import TranscriptView

EMPTY_CODEBOOK_KEYS = (
    ("i", "new code from the selection"),
    ("c", "code finder: type a new name"),
    ("e", "codebook editor (a: add)"),
    ("L", "load a codebook file (.yaml .json .csv .qdc)"),
)


def empty_codebook_hint() -> Group:
    """What the codebook pane says while there are no codes: the keys that make some."""
    keys = Table.grid(padding=(0, 1))
    keys.add_column(style="bold", no_wrap=True)
    keys.add_column()
    for key, what in EMPTY_CODEBOOK_KEYS:
        keys.add_row(key, what)
    return Group(
        Text("The codebook is empty. To make codes:", style="bold"),
        keys,
        Text("A name 'Group > Code' makes the group too.", style="dim"),
    )


class CodingScreen(Screen[None]):
    BINDINGS = [
        Binding("c", "apply_code", "Code"),
        Binding("full_stop", "repeat_code", "Repeat code", key_display="."),
        Binding("x", "remove_code", "Uncode"),
        Binding("i", "new_code", "New code"),
        Binding("m", "coding_memo", "Memo"),
        Binding("M", "document_memo", "Doc memo", show=False),
        Binding("s", "star", "Exemplar"),
        Binding("S", "set_speaker", "Speaker of turn", show=False),
        Binding("u,ctrl+z", "undo", "Undo"),
        Binding("U,ctrl+y", "redo", "Redo"),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("n", "search_next", "Next match", show=False),
        Binding("N", "search_previous", "Previous match", show=False),
        Binding("greater_than_sign", "next_passage", "Next passage of code", show=False),
        Binding("less_than_sign", "previous_passage", "Previous passage of code", show=False),
        Binding("f", "filter", "Filter", show=False),
        Binding("F", "clear_filter", "Clear filter", show=False),
        Binding("number_sign", "toggle_numbers", "Numbers", show=False),
        Binding("e", "codebook_editor", "Codebook", show=False),
        Binding("L", "load_codebook", "Load codebook file", show=False),
        Binding("C", "switch_coder", "Switch coder", show=False),
        Binding("r", "retrieval", "Retrieve", show=False),
        Binding("o", "memos", "Memos", show=False),
        Binding("p", "reports", "Reports", show=False),
        Binding("a", "agreement", "Agreement", show=False),
        Binding("d", "focus_documents", "Documents", show=False),
        Binding("t", "focus_transcript", "Transcript", show=False),
        Binding("b", "focus_codebook", "Codebook tree", show=False),
        Binding("v", "choose_view", "View: mine / all / one coder / consensus", show=False),
        Binding("backslash", "toggle_panes", "Side panes", key_display="\\", show=False),
        Binding("g", "toggle_suggestions", "Suggestions: show or hide", show=False),
        Binding("G", "next_suggestion", "Next suggestion", show=False),
        Binding("y", "accept_suggestion", "Accept the suggestion here", show=False),
        Binding("X", "reject_suggestion", "Reject the suggestion here", show=False),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.ws = workspace
        self.document = OpenDocument(workspace)
        self.coding = CodingActions(self)
        self.looks = Looks(self)
        self.panes = SidePanes(self)
        self.finding = Finding(self)
        self.suggestions = SuggestionMarks(self)
        self.progress: list[DocumentProgress] = []

    def compose(self) -> ComposeResult:
        yield CodingHeader(id="coding-header")
        with Horizontal(id="coding-panes"):
            yield DocumentList(id="documents")
            with Vertical(id="transcript-pane"):
                yield TranscriptView(id="transcript")
                yield CodesHere(id="codes-here")
                yield SuggestionBar(id="suggestion-bar")
                yield StatusBar("", id="status")
            yield CodebookPanel(id="codebook")
        yield Footer()

    @property
    def transcript(self) -> TranscriptView:
        return self.query_one(TranscriptView)

    @property
    def codebook(self) -> CodebookPanel:
        return self.query_one(CodebookPanel)

    @property
    def document_list(self) -> DocumentList:
        return self.query_one(DocumentList)

    @property
    def document_id(self) -> int | None:
        """The open document (None: no document left)."""
        return self.document.id

    @property
    def codings(self) -> list[CodingView]:
        """The open document's codings, as the coder may see them."""
        return self.document.codings

    def on_mount(self) -> None:
        self.panes.fold_for(self.app.size.width)
        self.document_list.border_title = "Documents"
        self.codebook.border_title = "Codebook"
        self.codebook.empty_hint = empty_codebook_hint()
        self.codebook.colour_of = self.ws.colour_of
        self.looks.mount()
        self.panes.mount()
        self.refresh_codebook()
        names = self.ws.document_names()
        self.document_list.show_names(names)
        if names:
            self.open_document(names[0][0])
        self.transcript.focus()
        self._load_progress()
        if not self.ws.codes:
            keys = ", ".join(f"{key}: {what}" for key, what in EMPTY_CODEBOOK_KEYS)
            self.notify(keys, title="The codebook is empty", timeout=10)

    @work(thread=True, exclusive=True, group="progress")
    def _load_progress(self) -> None:
        """Every document's progress reads all sentences and codings: after the first screen."""
        progress = document_progress(self.ws.project, self.ws.viewer)
        self.app.call_from_thread(self._show_progress, progress)

    def _show_progress(self, progress: list[DocumentProgress]) -> None:
        self.progress = progress
        self.document_list.show(progress, self.ws.coder, self.document_id)

    # -- keeping the panes current ---------------------------------------------------------

    def open_document(self, document_id: int) -> None:
        view = self.document.open(document_id)
        self.transcript.load(view, self.document.codings)
        self.suggestions.document_opened()
        self.finding.reset()
        self._show_title()
        self._update_status()

    def reload_transcript(self) -> None:
        """After the open document's speakers changed: read its turns again, keeping the
        codings, the filter and the cursor where they are."""
        self.transcript.reload(self.document.reread())

    def reload_documents(self, document_id: int) -> None:
        """After documents were removed or restored: list them again, and open ``document_id``
        if it is there (restored or imported again), else keep the open one, else the first."""
        names = self.ws.document_names()
        self.document_list.show_names(names)
        ids = [doc_id for doc_id, _ in names]
        if document_id in ids:
            self.open_document(document_id)
        elif self.document_id not in ids:
            if ids:
                self.open_document(ids[0])
            else:
                self._show_no_document()
        self.refresh_codebook()
        self._load_progress()

    def _show_no_document(self) -> None:
        """The last document is gone: an empty transcript, until one is restored."""
        self.transcript.load(self.document.close(), [])
        self._show_title()
        self.query_one(StatusBar).update("")
        self.query_one(CodesHere).show([], self.looks.look, self.transcript.lane_of, self.ws.coder)

    def _show_title(self) -> None:
        self.query_one("#transcript-pane").border_title = self.document.name

    def reload_codings(self, added: CodingView | None = None, removed: int | None = None) -> None:
        """After a committed change: repaint the touched lines, then the side panes."""
        self.document.update_codings(added, removed)
        self.transcript.set_highlights(self.suggestions.with_ghosts(self.document.codings))
        self.suggestions.codings_changed()
        self._update_status()
        self._refresh_side_panes(self.document.require())

    @work(thread=True, exclusive=True, group="side-panes")
    def _refresh_side_panes(self, document_id: int) -> None:
        [row] = document_progress(self.ws.project, self.ws.viewer, document_id)
        nodes = codebook_tree(self.ws.project, viewer=self.ws.viewer)
        self.app.call_from_thread(self._show_side_panes, row, nodes)

    def _show_side_panes(self, row: DocumentProgress, nodes: list[CodeNode]) -> None:
        if self.progress:
            self.progress = [row if r.id == row.id else r for r in self.progress]
            self.document_list.show(self.progress, self.ws.coder, self.document_id)
        self.codebook.show(nodes, self.codebook.highlighted_code)

    def refresh_codebook(self) -> None:
        """Read the codebook once (its counts are the viewer's: their own when blind)."""
        self.ws.reload_codes()
        self.codebook.show(self.ws.codes, self.codebook.highlighted_code)

    def _update_status(self) -> None:
        """The header, the codes-here panel and the status bar for the cursor (and the look
        of the codings, if the codebook, coder or view changed)."""
        look = self.looks.sync()
        self.suggestions.sync_look(look)
        view = self.document.view.label(self.ws.coder, self.ws.blind)
        legend = self.looks.legend()
        self.query_one(CodingHeader).show(view, legend, self.ws.coder, self.ws.blind)
        if self.document_id is None:
            return
        transcript = self.transcript
        here = self.suggestions.without_ghosts(transcript.codings_in_selection())
        self.query_one(CodesHere).show(here, look, transcript.lane_of, self.ws.coder)
        self.query_one(StatusBar).show(
            transcript.cursor_sentence, transcript.selection, here, transcript.cursor_speaker
        )
        self.suggestions.cursor_moved()

    # -- what the widgets say --------------------------------------------------------------

    @on(DocumentList.OptionSelected)
    def _document_chosen(self, event: DocumentList.OptionSelected) -> None:
        if event.option.id is not None:
            self.open_document(int(event.option.id))
            self.transcript.focus()

    @on(CodebookPanel.CodeHighlighted)
    def _code_highlighted(self, event: CodebookPanel.CodeHighlighted) -> None:
        try:
            details = code_details(self.ws.project, event.code_id, viewer=self.ws.viewer)
        except CodebenchError:
            details = None
        self.codebook.show_details(details)

    @on(TranscriptView.CursorMoved)
    def _cursor_moved(self) -> None:
        self._update_status()

    def on_key(self, event: events.Key) -> None:
        """A code's shortcut key in the transcript applies that code to the selection."""
        if self.focused is not self.transcript or not event.character:
            return
        code = self.ws.code_by_shortcut(event.character)
        if code is not None:
            event.stop()
            self.coding.apply_shortcut(code)

    # -- keys that change the project ------------------------------------------------------

    def action_apply_code(self) -> None:
        self.coding.apply_code()

    def action_repeat_code(self) -> None:
        self.coding.repeat_code()

    def action_remove_code(self) -> None:
        self.coding.remove_code()

    def action_new_code(self) -> None:
        self.coding.new_code()

    def action_coding_memo(self) -> None:
        self.coding.coding_memo()

    def action_document_memo(self) -> None:
        self.coding.document_memo()

    def action_star(self) -> None:
        self.coding.star()

    def action_set_speaker(self) -> None:
        self.coding.set_speaker()

    def action_undo(self) -> None:
        self.coding.undo()

    def action_redo(self) -> None:
        self.coding.redo()

    def action_toggle_suggestions(self) -> None:
        self.suggestions.toggle()

    def action_next_suggestion(self) -> None:
        self.suggestions.go_next()

    def action_accept_suggestion(self) -> None:
        self.suggestions.accept_here()

    def action_reject_suggestion(self) -> None:
        self.suggestions.reject_here()

    # -- finding things --------------------------------------------------------------------

    def action_search(self) -> None:
        self.finding.ask()

    def action_search_next(self) -> None:
        self.finding.search(1)

    def action_search_previous(self) -> None:
        self.finding.search(-1)

    def action_next_passage(self) -> None:
        self.finding.jump_to_code(1)

    def action_previous_passage(self) -> None:
        self.finding.jump_to_code(-1)

    def action_filter(self) -> None:
        self.finding.choose_filter()

    def action_clear_filter(self) -> None:
        self.finding.clear_filter()

    def show_view_state(self, text: str) -> None:
        """What a filter or a search has on, in the transcript's bottom border: it stays there
        after the notification fades."""
        self.query_one("#transcript-pane").border_subtitle = text

    def action_toggle_numbers(self) -> None:
        self.transcript.show_numbers = not self.transcript.show_numbers

    # -- other screens and focus -----------------------------------------------------------

    def action_codebook_editor(self) -> None:
        from codebench.tui.codebook_editor import CodebookEditor

        self.app.push_screen(CodebookEditor(self.ws), lambda _: self._after_editor())

    def _after_editor(self) -> None:
        self.refresh_codebook()
        if self.document_id is not None:
            self.reload_codings()

    def action_retrieval(self) -> None:
        from codebench.tui.retrieval import RetrievalScreen

        code = self.codebook.highlighted_code
        if code is None:
            self.notify("Highlight a code in the codebook first", severity="warning")
            return
        self.app.push_screen(RetrievalScreen(self.ws, code), self._jump_from_retrieval)

    def _jump_from_retrieval(self, target: tuple[int, int] | None) -> None:
        if target is None:
            return
        document, offset = target
        if document != self.document_id:
            self.open_document(document)
        self.transcript.go_to(offset)
        self.transcript.focus()

    def action_reports(self) -> None:
        from codebench.tui.reports_screen import ReportsScreen

        self.app.push_screen(ReportsScreen(self.ws), self._jump_from_retrieval)

    def action_agreement(self) -> None:
        from codebench.tui.agreement_screen import AgreementScreen

        self.app.push_screen(AgreementScreen(self.ws), self._jump_from_retrieval)

    def action_memos(self) -> None:
        from codebench.tui.memos import MemosScreen

        if self.document_id is not None:
            self.app.push_screen(MemosScreen(self.ws, self.document_id), self._jump_from_retrieval)

    def action_load_codebook(self) -> None:
        self.coding.load_codebook()

    def action_switch_coder(self) -> None:
        """Code as someone else from here on (blind mode stays on, and offers no names)."""
        choices = [
            Choice(name, index, detail="(you)" if name == self.ws.coder else "")
            for index, name in enumerate(coders_to_switch_to(self.ws.project, self.ws.viewer))
        ]
        blind = ", blind" if self.ws.blind else ""
        finder = Finder(
            f"Code as which coder? (now {self.ws.coder}{blind})",
            choices,
            new="new coder",
            placeholder="a coder's name",
            swatches=False,
        )
        self.app.push_screen(finder, lambda picked: self._switch_coder(choices, picked))

    def _switch_coder(self, choices: list[Choice], picked: Picked | None) -> None:
        if picked is not None:
            self.switch_coder(
                picked.name or next(c.label for c in choices if c.value == picked.value)
            )

    def switch_coder(self, name: str) -> None:
        """Code as ``name`` from here on (the finder's choice, or the palette's "Code as")."""
        if name == self.ws.coder:
            return
        try:
            self.ws.switch_coder(name)
        except CodebenchError as exc:
            self.notify(str(exc), severity="error", title="Not switched")
            return
        self.coding.last_code = None
        settings = load_settings()
        settings.coder = self.ws.coder
        save_settings(settings)
        self.app.sub_title = self.ws.session_title
        self.codebook.show(self.ws.codes, self.codebook.highlighted_code)
        if self.document_id is not None:
            self.reload_codings()
        self.progress = []
        self._load_progress()
        blind = " (blind: only your own codings)" if self.ws.blind else ""
        self.notify(f"Coding as {self.ws.coder} now{blind}", timeout=3)

    def action_choose_view(self) -> None:
        self.looks.choose()

    def action_toggle_panes(self) -> None:
        self.panes.toggle()

    def action_focus_documents(self) -> None:
        self.panes.visit(DOCUMENTS)
        self.document_list.focus()

    def action_focus_transcript(self) -> None:
        self.transcript.focus()

    def action_focus_codebook(self) -> None:
        self.panes.visit(CODEBOOK)
        self.codebook.code_tree.focus()
