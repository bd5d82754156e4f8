"""Agreement review: how far two coders agree per code, and each disagreement settled into the
consensus coder one key at a time.

The screen has two views. The overview is the per-code table (pooled row last, codes with too
few positive units marked ⚠), the codes one coder applied where the other applied another, and
the notes that say how units and the threshold were read. The review walks through one code's
disagreements (or every code's): the unit in context, each coder's span side by side, and the
decision taken. Every decision is one call of ``resolve`` (one committed transaction) with the
workspace coder as reviewer; only then does the view change.

This module asks for the run, ready to show
(:func:`~codebench.services.agreement_review.load_review`), composes the two views and passes
their messages on: the per-code table is
:class:`~codebench.tui.agreement_table.AgreementTable` (a row chosen opens its review), the
review :class:`~codebench.tui.agreement_review.ReviewPanel` (a decision taken updates the
overview's counts, a passage chosen closes the screen on it); words
:mod:`~codebench.tui.agreement_format`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Static

from codebench.agreement.units import DEFAULT_THRESHOLD
from codebench.errors import CodebenchError
from codebench.services.agreement_review import Review, load_review, substitutions
from codebench.services.coders import CONSENSUS
from codebench.tui.agreement_format import short
from codebench.tui.agreement_review import ReviewPanel
from codebench.tui.agreement_table import AgreementTable
from codebench.tui.modals import Choice, ChoiceList, TextPrompt
from codebench.tui.session import Workspace

BOOTSTRAP = 1000
NARROW = 110
UNITS = ("sentence", "turn")
OVERVIEW_ACTIONS = frozenset({"review_code", "review_all", "coders", "unit", "threshold"})


class AgreementScreen(Screen[tuple[int, int] | None]):
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("r", "review_code", "Review code"),
        Binding("R", "review_all", "Review all"),
        Binding("k", "coders", "Coders"),
        Binding("u", "unit", "Unit"),
        Binding("t", "threshold", "Threshold"),
    ]
    # The help lists the review's keys too, though the panel holds them (its escape is Back).
    HELP_BINDINGS: ClassVar[list[BindingType]] = [*BINDINGS, *ReviewPanel.BINDINGS]

    def __init__(self, workspace: Workspace, coders: Sequence[str] = ()) -> None:
        super().__init__()
        self.ws = workspace
        self.coders: tuple[str, ...] = tuple(coders)
        self.unit = "sentence"
        self.threshold: float | None = DEFAULT_THRESHOLD
        self.data: Review | None = None
        self.reviewing = False
        self._table_narrow = False

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="agreement"):
            yield Static("", id="agreement-settings")
            with ContentSwitcher(initial="agreement-overview", id="agreement-views"):
                with Vertical(id="agreement-overview"):
                    yield AgreementTable(id="agreement-table")
                    yield Static("", id="agreement-row-note")
                    with VerticalScroll(id="agreement-info"):
                        yield Static("", id="agreement-substitutions")
                        yield Static("", id="agreement-notes")
                yield ReviewPanel(self.ws, id="agreement-review")
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
        self.query_one(AgreementTable).focus()
        self._reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in OVERVIEW_ACTIONS:
            return not self.reviewing and not self.ws.blind
        return True

    # -- computing -------------------------------------------------------------------------

    def _reload(self) -> None:
        self.query_one("#agreement-settings", Static).update(
            Text(f"{self._settings_text()}   computing…", style="dim")
        )
        self.query_one(AgreementTable).loading = True
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
        self.query_one(AgreementTable).loading = False
        self.query_one("#agreement-settings", Static).update(self._settings_text())
        self.notify(message, severity="error", title="No agreement")

    def _loaded(self, data: Review) -> None:
        self.data = data
        self.coders = data.options.coders
        self.query_one(AgreementTable).loading = False
        self._show_table()
        self._show_info()
        self._show_settings()
        if self.reviewing:
            self.query_one(ReviewPanel).reshow(data, self._narrow())

    def _settings_text(self) -> str:
        coders = " × ".join(self.coders) if self.coders else "(the two busiest coders)"
        rule = f"θ = {self.threshold:g}" if self.threshold is not None else "any overlap"
        return f"{coders} · {self.unit} units · {rule}"

    def _show_settings(self) -> None:
        assert self.data is not None
        rows = self.data.rows
        text = Text("" if self._narrow() else "Agreement  ", style="bold")
        text.append(self._settings_text(), style="bold")
        if rows:
            still = sum(1 for r in rows if r["resolution"] == "open")
            text.append(f" · {len(rows)} disagreements, {still} open")
        self.query_one("#agreement-settings", Static).update(text)

    # -- the overview ----------------------------------------------------------------------

    def _narrow(self) -> bool:
        return self.app.size.width < NARROW

    def _show_table(self) -> None:
        assert self.data is not None
        self.query_one(AgreementTable).show(self.data, self._narrow())
        self._table_narrow = self._narrow()

    def on_resize(self) -> None:
        if self.data is None:
            return
        self._show_info()
        self._show_settings()
        if self._table_narrow != self._narrow():
            self._show_table()
            if self.reviewing:
                self.query_one(ReviewPanel).reshow(self.data, self._narrow())

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
                text.append("■ ", style=self.ws.code_colour(mine))
                text.append(f"{short(mine, width):<{width}}")
                text.append(" → ", style="dim")
                text.append("■ ", style=self.ws.code_colour(theirs))
                text.append(short(theirs, room) + "\n")
        else:
            text.append("No substitutions: the coders never put different codes on one unit.\n")
        self.query_one("#agreement-substitutions", Static).update(text)
        notes = Text("\n".join(data.notes), style="dim")
        self.query_one("#agreement-notes", Static).update(notes)

    @on(AgreementTable.CodeHighlighted)
    def _show_row_note(self, event: AgreementTable.CodeHighlighted) -> None:
        """The highlighted code in full, with its positive units per coder and any warning."""
        assert self.data is not None
        text = Text()
        if event.code is None:
            text.append("All codes pooled", style="bold")
        else:
            text.append("■ ", style=self.ws.code_colour(event.code))
            text.append(event.code, style="bold")
            # A highlight sent just before a reload may name a code the new run lacks.
            item = next((c for c in self.data.result.codes if c.code == event.code), None)
            if item is not None:
                positives = ", ".join(f"{c} {n}" for c, n in item.positives.items())
                text.append(f"  positives: {positives}", style="dim")
                if item.warning:
                    text.append(f"  ⚠ {item.warning}", style="italic")
        self.query_one("#agreement-row-note", Static).update(text)

    @on(AgreementTable.ReviewCode)
    def _review_code(self, event: AgreementTable.ReviewCode) -> None:
        self._open_review(event.code)

    def action_review_code(self) -> None:
        self.query_one(AgreementTable).action_select_cursor()

    def action_review_all(self) -> None:
        if self.data is not None:
            self._open_review(None)

    def _open_review(self, code: str | None) -> None:
        assert self.data is not None
        self.reviewing = True
        self.query_one(ContentSwitcher).current = "agreement-review"
        self.refresh_bindings()
        self.query_one(ReviewPanel).open(self.data, code, self._narrow())

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

    def pairs(self) -> list[tuple[str, str]]:
        """Other pairs of coders the overview could compare (the command palette's "Compare
        ... with ..."), busiest coders first; none while reviewing."""
        if self.data is None or self.reviewing or self.ws.blind:
            return []
        counts = self.data.coding_counts
        names = sorted(counts, key=lambda c: (c == CONSENSUS, -counts[c], c))
        return [
            (first, second)
            for i, first in enumerate(names)
            for second in names[i + 1 :]
            if {first, second} != set(self.coders)
        ]

    def compare(self, coders: tuple[str, ...]) -> None:
        """Compare ``coders`` from now on (as ``k`` does after two choices)."""
        self.coders = tuple(coders)
        self._reload()

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

    # -- the review ------------------------------------------------------------------------

    @on(ReviewPanel.Decided)
    def _decided(self, event: ReviewPanel.Decided) -> None:
        self.data = event.review
        self.query_one(AgreementTable).show_open(event.review.rows)
        self._show_settings()

    @on(ReviewPanel.GoTo)
    def _go_to(self, event: ReviewPanel.GoTo) -> None:
        self.dismiss((event.document_id, event.offset))

    @on(ReviewPanel.Closed)
    def _review_closed(self) -> None:
        self.reviewing = False
        self.query_one(ContentSwitcher).current = "agreement-overview"
        self.refresh_bindings()
        self.query_one(AgreementTable).focus()

    def action_back(self) -> None:
        self.dismiss(None)
