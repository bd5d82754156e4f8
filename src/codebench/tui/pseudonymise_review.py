"""Reviewing a pseudonymisation before it is applied: every replacement, accepted or rejected.

Opened from the command palette ("Pseudonymise the project"). Detection runs in a worker (deduce
takes a few seconds the first time); the table lists each replacement with its document,
category, surrogate and context. Space rejects the highlighted replacement (or accepts it
again); ``a`` applies the accepted ones through the service in one transaction, after which
the coding screen reads the documents again. Escape leaves without changing anything.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static

from codebench.errors import CodebenchError
from codebench.services.pseudonymisation import (
    Applied,
    Finding,
    Plan,
    apply_plan,
    plan_pseudonymisation,
)
from codebench.tui.coding_screen import CodingScreen
from codebench.tui.session import Workspace

if TYPE_CHECKING:
    from codebench.tui.app import CodebenchApp

ACCEPTED, REJECTED = Text("✓", style="green"), Text("✗ kept", style="red")
CONTEXT = 30


class PseudonymiseReview(Screen[bool]):
    """The replacements of a pseudonymisation of the whole project; dismissed with whether
    they were applied."""

    BINDINGS = [
        Binding("space", "flip", "Accept / reject"),
        Binding("a", "apply", "Apply accepted"),
        Binding("escape", "close", "Back"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.ws = workspace
        self.plan: Plan | None = None
        self.rejected: set[tuple[int, int]] = set()

    def compose(self) -> ComposeResult:
        with Vertical(id="pseudonymise"):
            yield Label("Pseudonymise the project", classes="dialog-title")
            yield Static("Finding names, places and contact details…", id="pseudonymise-summary")
            yield DataTable(id="pseudonymise-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("", key="state")
        for label in ("Document", "Category", "By", "Context"):
            table.add_column(label, key=label.casefold())
        table.loading = True
        self._plan()

    @work(thread=True, exclusive=True, group="pseudonymise")
    def _plan(self) -> None:
        try:
            plan = plan_pseudonymisation(self.ws.project)
        except CodebenchError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._show, plan)

    def _failed(self, message: str) -> None:
        self.query_one(DataTable).loading = False
        self.query_one("#pseudonymise-summary", Static).update(Text(message, style="red"))
        self.notify(message, severity="error", title="Not pseudonymised")

    def _show(self, plan: Plan) -> None:
        self.plan = plan
        table = self.query_one(DataTable)
        table.loading = False
        for finding in plan.findings:
            table.add_row(
                ACCEPTED,
                finding.document,
                finding.category,
                finding.surrogate,
                _context(finding),
                key=_key(finding),
            )
        self._summarise()
        table.focus()

    def _summarise(self) -> None:
        if self.plan is None:
            return
        total = len(self.plan.findings)
        kept = len(self.rejected)
        self.query_one("#pseudonymise-summary", Static).update(
            f"{total - kept} of {total} replacements accepted · space: accept/reject · "
            "a: apply · escape: back (nothing changes)"
        )

    def action_flip(self) -> None:
        table = self.query_one(DataTable)
        if self.plan is None or not self.plan.findings:
            return
        finding = self.plan.findings[table.cursor_row]
        place = (finding.document_id, finding.start)
        if place in self.rejected:
            self.rejected.discard(place)
        else:
            self.rejected.add(place)
        table.update_cell(_key(finding), "state", REJECTED if place in self.rejected else ACCEPTED)
        self._summarise()

    def action_apply(self) -> None:
        if self.plan is None:
            return
        self.query_one(DataTable).loading = True
        self._apply(self.plan, frozenset(self.rejected))

    @work(thread=True, exclusive=True, group="pseudonymise")
    def _apply(self, plan: Plan, rejected: frozenset[tuple[int, int]]) -> None:
        try:
            applied = apply_plan(self.ws.project, plan, actor=self.ws.coder, rejected=rejected)
        except CodebenchError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._applied, applied)

    def _applied(self, applied: Applied) -> None:
        self.notify(
            f"{applied.replacements} replacements in {len(applied.documents)} documents; "
            f"key written to {applied.key}",
            title="Pseudonymised",
        )
        for backup in applied.backups:
            self.notify(
                f"{backup} still holds the original text: remove it, or keep it with the key",
                severity="warning",
                title="Backup from before",
            )
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(False)


def _key(finding: Finding) -> str:
    return f"{finding.document_id}:{finding.start}"


def _context(finding: Finding) -> Text:
    context = Text(f"…{finding.before[-CONTEXT:]}")
    context.append(finding.text, style="bold reverse")
    context.append(f"{finding.after[:CONTEXT]}…")
    return context


def review_command(app: CodebenchApp) -> list[SystemCommand]:
    """The palette's entry: open the review; after an apply the coding screen reads again."""

    def reread(coding: CodingScreen, applied: bool | None) -> None:
        if applied:
            coding.reload_documents(coding.document_id or 0)

    def open_review() -> None:
        coding = next((s for s in app.screen_stack if isinstance(s, CodingScreen)), None)
        if coding is not None:
            app.push_screen(PseudonymiseReview(app.workspace), partial(reread, coding))

    return [
        SystemCommand(
            "Pseudonymise the project",
            "review every replacement of names, places and contact details, then apply",
            open_review,
        )
    ]
