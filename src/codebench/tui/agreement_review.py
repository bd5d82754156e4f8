"""The agreement screen's review: one code's disagreements (or every code's) in a list, the
unit in context, each coder's span side by side, and the keys that settle them.

Every decision is one call of ``resolve`` (one committed transaction) with the workspace coder
as reviewer; only then does the view change. A mixin of
:class:`~codebench.tui.agreement_screen.AgreementScreen`, which computes the run and shows the
per-code overview the review is opened from.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.containers import Horizontal
from textual.coordinate import Coordinate
from textual.widgets import ContentSwitcher, DataTable, Label, Static

from codebench.agreement.disagreements import CoderView, Disagreement
from codebench.errors import CodebenchError
from codebench.services.agreement_review import Review, decide
from codebench.tui.agreement_format import decision_label, flat, short
from codebench.tui.modals import TextPrompt
from codebench.tui.session import Workspace

if TYPE_CHECKING:
    from textual.screen import Screen

    _ScreenBase = Screen[tuple[int, int] | None]
else:
    _ScreenBase = object

CONTEXT_WORDS = 25
KIND_HELP = {
    "presence": "left the unit without this code",
    "below threshold": "coded it here, but the span covers too little of the unit to count",
    "boundary": "all applied it; the spans start or end at different places in the unit",
}


class AgreementReview(_ScreenBase):
    """The review view; the screen provides the state and the three methods declared here."""

    ws: Workspace
    coders: tuple[str, ...]
    data: Review | None
    rows: list[dict[str, Any]]
    reviewing: bool
    review_code: str | None
    _table_codes: list[str | None]
    _items: list[int]
    _coder_boxes: list[Static]

    if TYPE_CHECKING:

        def _narrow(self) -> bool: ...

        def _colour(self, path: str) -> str: ...

        def _show_settings(self) -> None: ...

    # -- what is still open (the overview's "open" column shows it too) --------------------

    def _review_counts(self) -> Counter[tuple[str, bool]]:
        counts: Counter[tuple[str, bool]] = Counter()
        for row in self.rows:
            counts[(row["code"], row["resolution"] == "open")] += 1
        return counts

    def _to_review(self, code: str | None, counts: Counter[tuple[str, bool]]) -> str:
        if code is None:
            still = sum(n for (_, is_open), n in counts.items() if is_open)
            return f"{still}/{len(self.rows)}"
        total = counts[(code, True)] + counts[(code, False)]
        return f"{counts[(code, True)]}/{total}" if total else ""

    # -- the list and the disagreement under the cursor ------------------------------------

    def _open_review(self, code: str | None) -> None:
        if self.data is None:
            return
        self.review_code = code
        self._items = [i for i, row in enumerate(self.rows) if code is None or row["code"] == code]
        grid = self.query_one("#review-list", DataTable)
        keep = grid.cursor_row if self.reviewing else 0
        grid.clear(columns=True)
        columns = [
            "document",
            "unit",
            *([] if self._narrow() else ["speaker"]),
            *(["code"] if code is None else []),
            "kind",
        ]
        for name in columns:
            grid.add_column(name, key=name)
        grid.add_column("resolution", key="resolution")
        for index in self._items:
            row = self.rows[index]
            cells: list[str | Text] = [row["document"], str(row["unit"])]
            if not self._narrow():
                cells.append(row["speaker"] or "")
            if code is None:
                colour = self._colour(row["code"]) or "default"
                width = 22 if self._narrow() else 30
                cells.append(Text.assemble(("■ ", colour), short(row["code"], width)))
            cells.append(row["kind"])
            cells.append(decision_label(row["resolution"], row["accepted"]))
            grid.add_row(*cells, key=str(index))
        self.reviewing = True
        self.query_one(ContentSwitcher).current = "agreement-review"
        self.refresh_bindings()
        if self._items:
            grid.move_cursor(row=min(keep, len(self._items) - 1))
        grid.focus()
        self._show_disagreement()

    def _current(self) -> int | None:
        grid = self.query_one("#review-list", DataTable)
        if not self._items or not 0 <= grid.cursor_row < len(self._items):
            return None
        return self._items[grid.cursor_row]

    def _build_coder_boxes(self) -> None:
        box = self.query_one("#review-coders", Horizontal)
        box.remove_children()
        self._coder_boxes = []
        for number, coder in enumerate(self.coders, start=1):
            static = Static("", classes="coder-box")
            static.border_title = f"{number}: {coder}"
            self._coder_boxes.append(static)
        box.mount_all(self._coder_boxes)

    def _show_disagreement(self) -> None:
        assert self.data is not None
        title = self.query_one("#review-title", Label)
        what = short(self.review_code) if self.review_code else "all codes"
        current = self._current()
        still = sum(1 for i in self._items if self.rows[i]["resolution"] == "open")
        if current is None:
            title.update(f"Disagreements on {what}: none")
            for static in self.query("#review-detail Static").results(Static):
                static.update("")
            return
        position = self.query_one("#review-list", DataTable).cursor_row + 1
        title.update(f"Disagreements on {what}: {position} of {len(self._items)}, {still} open")
        row = self.rows[current]
        item = self.data.found[current]
        self.query_one("#review-head", Static).update(self._head_text(row, item))
        self.query_one("#review-unit", Static).update(self._unit_text(row))
        for static, view in zip(self._coder_boxes, item.coders, strict=False):
            static.update(self._coder_text(view, item))
        accept = "  ".join(f"{n}: {c}'s" for n, c in enumerate(self.coders, start=1))
        self.query_one("#review-keys", Static).update(
            Text(
                f"{accept}  m: merge  c: codebook issue  o: reopen  e: note  g: go to",
                style="dim",
            )
        )

    def _head_text(self, row: dict[str, Any], item: Disagreement) -> Text:
        """Where (document, unit, speaker), what (code, kind), and what was decided."""
        text = Text.assemble(
            (row["document"], "bold"),
            (f"  unit {row['unit']}", "dim"),
            (f"  {row['speaker'] or ''}", "cyan"),
            "\n",
            ("■ ", self._colour(row["code"]) or "default"),
            (row["code"], "bold"),
            "  ",
            (f" {row['kind']} ", "bold reverse"),
            "  ",
            (self._kind_text(row, item), "italic"),
            "\n",
            ("Resolution: ", "bold"),
            (
                decision_label(row["resolution"], row["accepted"], long=True),
                "bold" if row["resolution"] != "open" else "",
            ),
        )
        if row["note"]:
            text.append(f"   note: {row['note']}", style="italic")
        return text

    def _unit_text(self, row: dict[str, Any]) -> Text:
        """The unit (bold) between the end of the unit before and the start of the one after."""
        text = Text()
        before, after = flat(row["before"]).split(), flat(row["after"]).split()
        if before:
            cut = len(before) > CONTEXT_WORDS
            text.append(("… " if cut else "") + " ".join(before[-CONTEXT_WORDS:]) + " ", "dim")
        text.append(flat(row["unit_text"]), style="bold underline")
        if after:
            cut = len(after) > CONTEXT_WORDS
            text.append(" " + " ".join(after[:CONTEXT_WORDS]) + (" …" if cut else ""), "dim")
        return text

    def _kind_text(self, row: dict[str, Any], item: Disagreement) -> str:
        without = ", ".join(v.coder for v in item.coders if v.applied is False)
        if row["kind"] == "substitution":
            return f"{without} applied '{short(row['instead'] or '?')}' instead"
        if row["kind"] == "boundary":
            return KIND_HELP["boundary"]
        return f"{without}: {KIND_HELP.get(row['kind'], '')}"

    def _coder_text(self, view: CoderView, item: Disagreement) -> Text:
        assert self.data is not None
        text = Text()
        if view.applied is None:
            text.append("— missing (not assigned or not finished)\n", style="dim")
        elif view.applied:
            text.append("✓ applied", style="bold green")
        else:
            text.append("✗ not applied", style="bold red")
        if view.span is None:
            text.append("\nno span of this code here", style="dim")
            return text
        text.append(f"   overlap {view.ratio:.2f}\n", style="dim")
        document = self.data.comparison.texts[item.unit.document]
        start, end = view.span
        unit = item.unit
        inside = (max(start, unit.start), min(end, unit.end))
        before, after = flat(document[start : inside[0]]), flat(document[inside[1] : end])
        if before:
            text.append(before + " ", style="dim")
        text.append(flat(document[inside[0] : inside[1]]), style="bold")
        if after:
            text.append(" " + after, style="dim")
        return text

    # -- moving and deciding ---------------------------------------------------------------

    def action_next(self) -> None:
        self.query_one("#review-list", DataTable).action_cursor_down()

    def action_previous(self) -> None:
        self.query_one("#review-list", DataTable).action_cursor_up()

    def action_accept(self, coder: int) -> None:
        if coder < len(self.coders):
            self._decide("accept", self.coders[coder])

    def action_merge(self) -> None:
        self._decide("merge")

    def action_codebook_issue(self) -> None:
        self._decide("codebook")

    def action_reopen(self) -> None:
        self._decide("open")

    def action_note(self) -> None:
        current = self._current()
        if current is None:
            return
        row = self.rows[current]

        def chosen(note: str | None) -> None:
            if note is not None:
                self._decide(row["resolution"], row["accepted"], note.strip() or None, False)

        where = f"{row['document']} unit {row['unit']}, {short(row['code'])}"
        prompt = TextPrompt(f"Note on {where} (kept with the decision)", row["note"] or "")
        self.app.push_screen(prompt, chosen)

    def _decide(
        self,
        decision: str,
        coder: str | None = None,
        note: str | None = None,
        keep_note: bool = True,
    ) -> None:
        """Record ``decision`` on the current disagreement (keeping its note unless told)."""
        current = self._current()
        if current is None or self.data is None:
            return
        row = self.rows[current]
        kept = row["note"] if keep_note else note
        try:
            self.data, done = decide(
                self.ws.project,
                self.data,
                row["key"],
                decision,
                self.ws.coder,
                coder if decision == "accept" else None,
                kept,
                viewer=self.ws.viewer,
            )
        except CodebenchError as exc:
            self.notify(str(exc), severity="error", title="Not resolved")
            return
        self.rows = self.data.rows
        self._after_decision(current)
        change = f"consensus +{done.added} −{done.removed}" if done.added or done.removed else ""
        label = decision_label(decision, coder)
        self.notify(f"{label} {change}".strip(), timeout=2)

    def _after_decision(self, current: int) -> None:
        row = self.rows[current]
        grid = self.query_one("#review-list", DataTable)
        grid.update_cell(
            str(current), "resolution", decision_label(row["resolution"], row["accepted"])
        )
        overview = self.query_one("#agreement-table", DataTable)
        counts = self._review_counts()
        for number, code in enumerate(self._table_codes):
            overview.update_cell_at(
                Coordinate(number, overview.get_column_index("open")),
                Text(self._to_review(code, counts), justify="right"),
            )
        self._show_settings()
        self._show_disagreement()

    def action_go_to(self) -> None:
        current = self._current()
        if current is None or self.data is None:
            return
        unit = self.data.found[current].unit
        self.dismiss((self.data.comparison.document_ids[unit.document], unit.start))
