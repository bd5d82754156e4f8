"""Agreement review: how far two coders agree per code, and each disagreement settled into the
consensus coder one key at a time.

The screen has two views. The overview is the per-code table (pooled row last, codes with too
few positive units marked ⚠), the codes one coder applied where the other applied another, and
the notes that say how units and the threshold were read. The review walks through one code's
disagreements (or every code's): the unit in context, each coder's span side by side, and the
decision taken. Every decision is one call of ``resolve`` (one committed transaction) with the
workspace coder as reviewer; only then does the view change.

This module asks for the run, ready to show
(:func:`~codebench.services.agreement_review.load_review`), and shows the overview. The review
is :class:`~codebench.tui.agreement_review.AgreementReview`; words
:mod:`~codebench.tui.agreement_format`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import ContentSwitcher, DataTable, Footer, Label, Static

from codebench.agreement.units import DEFAULT_THRESHOLD
from codebench.errors import CodebenchError
from codebench.services.agreement_review import Review, load_review, substitutions
from codebench.services.consensus import CONSENSUS
from codebench.tui.agreement_format import short
from codebench.tui.agreement_review import AgreementReview
from codebench.tui.modals import Choice, ChoiceList, TextPrompt
from codebench.tui.session import Workspace

BOOTSTRAP = 1000
NARROW = 110
UNITS = ("sentence", "turn")
OVERVIEW_ACTIONS = frozenset({"review_code", "review_all", "coders", "unit", "threshold"})
REVIEW_ACTIONS = frozenset(
    {"next", "previous", "accept", "merge", "codebook_issue", "reopen", "note", "go_to"}
)
ACCEPT = Binding.Group("Accept")
MOVE = Binding.Group("Move")


class AgreementScreen(AgreementReview, Screen[tuple[int, int] | None]):
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("r", "review_code", "Review code"),
        Binding("R", "review_all", "Review all"),
        Binding("k", "coders", "Coders"),
        Binding("u", "unit", "Unit"),
        Binding("t", "threshold", "Threshold"),
        Binding("n", "next", "Next", group=MOVE),
        Binding("p", "previous", "Previous", group=MOVE),
        Binding("1", "accept(0)", "Accept 1", group=ACCEPT),
        Binding("2", "accept(1)", "Accept 2", group=ACCEPT),
        *(Binding(str(n), f"accept({n - 1})", f"Accept {n}", show=False) for n in range(3, 10)),
        Binding("m", "merge", "Merge"),
        Binding("c", "codebook_issue", "Codebook"),
        Binding("o", "reopen", "Reopen"),
        Binding("e", "note", "Note"),
        Binding("g", "go_to", "Go to"),
    ]

    def __init__(self, workspace: Workspace, coders: Sequence[str] = ()) -> None:
        super().__init__()
        self.ws = workspace
        self.coders: tuple[str, ...] = tuple(coders)
        self.unit = "sentence"
        self.threshold: float | None = DEFAULT_THRESHOLD
        self.data: Review | None = None
        self.rows: list[dict[str, Any]] = []
        self.reviewing = False
        self.review_code: str | None = None
        self._table_codes: list[str | None] = []
        self._items: list[int] = []
        self._coder_boxes: list[Static] = []
        self._table_narrow = False

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="agreement"):
            yield Static("", id="agreement-settings")
            with ContentSwitcher(initial="agreement-overview", id="agreement-views"):
                with Vertical(id="agreement-overview"):
                    yield DataTable(
                        id="agreement-table", zebra_stripes=True, cursor_type="row", fixed_columns=1
                    )
                    yield Static("", id="agreement-row-note")
                    with VerticalScroll(id="agreement-info"):
                        yield Static("", id="agreement-substitutions")
                        yield Static("", id="agreement-notes")
                with Vertical(id="agreement-review"):
                    yield Label("", id="review-title")
                    yield DataTable(id="review-list", zebra_stripes=True, cursor_type="row")
                    with VerticalScroll(id="review-detail"):
                        yield Static("", id="review-head")
                        yield Static("", id="review-unit")
                        yield Horizontal(id="review-coders")
                        yield Static("", id="review-keys")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        if self.ws.blind:
            self.query_one("#agreement-settings", Static).update(
                Text(
                    "Agreement shows every coder's codings: not available while coding blind. "
                    "escape: back",
                    style="bold",
                )
            )
            return
        self.query_one("#agreement-table", DataTable).focus()
        self._reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in OVERVIEW_ACTIONS:
            return not self.reviewing and not self.ws.blind
        if action in REVIEW_ACTIONS:
            return self.reviewing
        return True

    # -- computing -------------------------------------------------------------------------

    def _reload(self) -> None:
        self.query_one("#agreement-settings", Static).update(
            Text(f"{self._settings_text()}   computing…", style="dim")
        )
        self.query_one("#agreement-table", DataTable).loading = True
        self._compute(self.coders, self.unit, self.threshold)

    @work(thread=True, exclusive=True, group="agreement")
    def _compute(self, coders: tuple[str, ...], unit: str, threshold: float | None) -> None:
        try:
            review = load_review(
                self.ws.project, coders, unit, threshold, BOOTSTRAP, viewer=self.ws.viewer
            )
        except CodebenchError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._loaded, review)

    def _failed(self, message: str) -> None:
        self.query_one("#agreement-table", DataTable).loading = False
        self.query_one("#agreement-settings", Static).update(self._settings_text())
        self.notify(message, severity="error", title="No agreement")

    def _loaded(self, data: Review) -> None:
        self.data = data
        self.coders = data.options.coders
        self.rows = data.rows
        self.query_one("#agreement-table", DataTable).loading = False
        self._show_table()
        self._show_info()
        self._build_coder_boxes()
        self._show_settings()
        if self.reviewing:
            self._open_review(self.review_code)

    def _settings_text(self) -> str:
        coders = " × ".join(self.coders) if self.coders else "(the two busiest coders)"
        rule = f"θ = {self.threshold:g}" if self.threshold is not None else "any overlap"
        return f"{coders} · {self.unit} units · {rule}"

    def _show_settings(self) -> None:
        text = Text("" if self._narrow() else "Agreement  ", style="bold")
        text.append(self._settings_text(), style="bold")
        if self.rows:
            still = sum(1 for r in self.rows if r["resolution"] == "open")
            text.append(f" · {len(self.rows)} disagreements, {still} open")
        self.query_one("#agreement-settings", Static).update(text)

    # -- the overview ----------------------------------------------------------------------

    def _narrow(self) -> bool:
        return self.app.size.width < NARROW

    def _show_table(self) -> None:
        """The per-code table as the service shows it: ⚠ before codes with too few positive
        units, the pooled row last in bold, and how many of each code's disagreements are
        still open. Narrow terminals drop the columns the figures mark as wide-only."""
        assert self.data is not None
        table = self.data.table
        keep_column = [column.narrow or not self._narrow() for column in table.columns]
        grid = self.query_one("#agreement-table", DataTable)
        keep = grid.cursor_row
        grid.clear(columns=True)
        width = 20 if self._narrow() else 36
        grid.add_column("code", key="code")
        for number, column in enumerate(table.columns):
            if keep_column[number]:
                grid.add_column(column.header, key=str(number))
        grid.add_column("open", key="open")
        self._table_codes = [row.code for row in table.rows]
        counts = self._review_counts()
        for number, row in enumerate(table.rows):
            style = "bold" if row.code is None else ""
            label = "(all codes pooled)" if row.code is None else short(row.code, width - 2)
            cells = [Text(("⚠ " if row.warned else "  ") + label, style=style)]
            cells += [
                Text(cell, style=style)
                for cell, shown in zip(row.cells, keep_column, strict=True)
                if shown
            ]
            cells.append(Text(self._to_review(row.code, counts), style=style))
            grid.add_row(*cells, key=str(number))
        self._table_narrow = self._narrow()
        if grid.row_count:
            grid.move_cursor(row=min(keep, grid.row_count - 1))
        self._show_row_note(grid.cursor_row)

    def on_resize(self) -> None:
        if self.data is None:
            return
        self._show_info()
        self._show_settings()
        if self._table_narrow != self._narrow():
            self._show_table()
            if self.reviewing:
                self._open_review(self.review_code)

    def _show_info(self) -> None:
        assert self.data is not None
        data = self.data
        first, rest = data.options.coders[0], ", ".join(data.options.coders[1:])
        found = substitutions(data.found, data.options.coders, data.comparison.paths)
        text = Text()
        if found:
            text.append(
                f"Substitutions: the code {first} applied where {rest} applied another (units)\n",
                style="bold",
            )
            room = max((self.app.size.width - 20) // 2, 12)
            width = min(max(len(short(mine)) for _, mine, _ in found), room)
            for n, mine, theirs in found:
                text.append(f"{n:>3}  ")
                text.append("■ ", style=self._colour(mine) or "default")
                text.append(f"{short(mine, width):<{width}}")
                text.append(" → ", style="dim")
                text.append("■ ", style=self._colour(theirs) or "default")
                text.append(short(theirs, room) + "\n")
        else:
            text.append("No substitutions: the coders never put different codes on one unit.\n")
        self.query_one("#agreement-substitutions", Static).update(text)
        notes = Text("\n".join(data.notes), style="dim")
        self.query_one("#agreement-notes", Static).update(notes)

    def _colour(self, path: str) -> str:
        return next((c.colour for c in self.ws.codes if c.path == path and c.colour), "")

    @on(DataTable.RowHighlighted, "#agreement-table")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_row_note(event.cursor_row)

    def _show_row_note(self, row: int) -> None:
        note = self.query_one("#agreement-row-note", Static)
        if self.data is None or not 0 <= row < len(self._table_codes):
            note.update("")
            return
        code = self._table_codes[row]
        text = Text()
        if code is None:
            text.append("All codes pooled", style="bold")
        else:
            text.append("■ ", style=self._colour(code) or "default")
            text.append(code, style="bold")
            item = next(c for c in self.data.result.codes if c.code == code)
            positives = ", ".join(f"{c} {n}" for c, n in item.positives.items())
            text.append(f"  positives: {positives}", style="dim")
            if item.warning:
                text.append(f"  ⚠ {item.warning}", style="italic")
        note.update(text)

    @on(DataTable.RowSelected, "#agreement-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self._table_codes):
            self._open_review(self._table_codes[event.cursor_row])

    def action_review_code(self) -> None:
        row = self.query_one("#agreement-table", DataTable).cursor_row
        if 0 <= row < len(self._table_codes):
            self._open_review(self._table_codes[row])

    def action_review_all(self) -> None:
        if self.data is not None:
            self._open_review(None)

    def action_coders(self) -> None:
        if self.data is None:
            return
        counts = self.data.coding_counts
        names = sorted(counts, key=lambda c: (c == CONSENSUS, -counts[c], c))
        choices = [
            Choice(name, i, detail=f"{counts[name]} codings") for i, name in enumerate(names)
        ]

        def second(index: int | None, first: str) -> None:
            if index is None:
                return
            self.coders = (first, names[index])
            self._reload()

        def chosen(index: int | None) -> None:
            if index is None:
                return
            first = names[index]
            others = [c for c in choices if c.value != index]
            self.app.push_screen(
                ChoiceList(f"Compare {first} with", others), lambda i: second(i, first)
            )

        self.app.push_screen(ChoiceList("First coder", choices), chosen)

    def action_unit(self) -> None:
        self.unit = UNITS[(UNITS.index(self.unit) + 1) % len(UNITS)]
        self.notify(f"Units: {self.unit}", timeout=2)
        self._reload()

    def action_threshold(self) -> None:
        def chosen(value: str | None) -> None:
            if value is None:
                return
            value = value.strip().lower()
            if value in ("any", "any overlap", "0"):
                self.threshold = None
            else:
                try:
                    number = float(value.replace(",", "."))
                except ValueError:
                    number = -1.0
                if not 0 < number <= 1:
                    self.notify("The threshold lies in (0, 1], or 'any'", severity="warning")
                    return
                self.threshold = number
            self._reload()

        current = "any" if self.threshold is None else f"{self.threshold:g}"
        title = "Threshold θ: the share of span or unit that must overlap (or 'any')"
        self.app.push_screen(TextPrompt(title, current), chosen)

    # -- the review (its view is AgreementReview) ------------------------------------------

    # Textual collects @on handlers only from classes of its own (not from a mixin): here.
    @on(DataTable.RowHighlighted, "#review-list")
    def _disagreement_highlighted(self) -> None:
        self._show_disagreement()

    def action_back(self) -> None:
        if self.reviewing:
            self.reviewing = False
            self.query_one(ContentSwitcher).current = "agreement-overview"
            self.refresh_bindings()
            self.query_one("#agreement-table", DataTable).focus()
            return
        self.dismiss(None)
