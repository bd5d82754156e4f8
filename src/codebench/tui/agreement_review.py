"""The agreement screen's review: one code's disagreements (or every code's) in a list, the
unit in context, each coder's span side by side, and the keys that settle them.

A panel of its own with its own keys: they are live only while it has the focus, that is while
the review is shown. Every decision is one call of
:func:`~codebench.services.agreement_review.decide` (one committed transaction) with the
workspace coder as reviewer; only then does the view change, and the panel tells the screen by
message (:class:`ReviewPanel.Decided`) so that the overview counts the decision too.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Label, Static

from codebench.agreement.disagreements import CoderView, Disagreement
from codebench.errors import CodebenchError
from codebench.services.agreement_review import Review, decide
from codebench.tui.agreement_format import decision_label, flat, short
from codebench.tui.modals import TextPrompt
from codebench.tui.session import Workspace

CONTEXT_WORDS = 25
KIND_HELP = {
    "presence": "left the unit without this code",
    "below threshold": "coded it here, but the span covers too little of the unit to count",
    "boundary": "all applied it; the spans start or end at different places in the unit",
}
SETTLING = frozenset({"accept", "merge", "codebook"})
"""Decisions after which the cursor moves on to the next open disagreement."""


class ReviewPanel(Vertical):
    """The disagreements of one review and the one under the cursor, settled by key."""

    # The footer reads "1-9 Accept coder  m Merge ...": one entry for the nine accept keys
    # (the key line under the spans says which number is which coder). That line names every
    # key, so the footer leaves out the previous, note and reopen keys and fits 80 columns.
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("n", "next", "Next"),
        Binding("p", "previous", "Previous", show=False),
        Binding("1", "accept(0)", "Accept coder", key_display="1-9"),
        *(Binding(str(n), f"accept({n - 1})", "", show=False) for n in range(2, 10)),
        Binding("m", "merge", "Merge"),
        Binding("c", "codebook_issue", "Codebook issue"),
        Binding("e", "note", "Note", show=False),
        Binding("o", "reopen", "Reopen", show=False),
        Binding("g", "go_to", "Go to"),
    ]

    class Decided(Message):
        """A decision was committed; ``review`` is the run with every decision since."""

        def __init__(self, review: Review) -> None:
            super().__init__()
            self.review = review

    class GoTo(Message):
        """Show the passage at ``offset`` of document ``document_id`` in the coding screen."""

        def __init__(self, document_id: int, offset: int) -> None:
            super().__init__()
            self.document_id = document_id
            self.offset = offset

    class Closed(Message):
        """Back to the overview."""

    def __init__(self, workspace: Workspace, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ws = workspace
        self._data: Review | None = None
        self._code: str | None = None
        self._items: list[int] = []
        self._coder_boxes: list[Static] = []

    def compose(self) -> ComposeResult:
        yield Label("", id="review-title")
        yield DataTable(id="review-list", zebra_stripes=True, cursor_type="row")
        with VerticalScroll(id="review-detail"):
            yield Static("", id="review-head")
            yield Static("", id="review-unit")
            yield Horizontal(id="review-coders")
            yield Static("", id="review-keys")

    def open(self, data: Review, code: str | None, narrow: bool) -> None:
        """Review ``code``'s disagreements (None: every code's) from the first one."""
        self._code = code
        self._show(data, narrow, 0)

    def reshow(self, data: Review, narrow: bool) -> None:
        """The same review again, for a new run or a new width, the cursor where it was."""
        self._show(data, narrow, self.query_one("#review-list", DataTable).cursor_row)

    # -- the list and the disagreement under the cursor ------------------------------------

    def _show(self, data: Review, narrow: bool, keep: int) -> None:
        if self._data is None or self._data.options.coders != data.options.coders:
            self._build_coder_boxes(data.options.coders)
        self._data = data
        code = self._code
        self._items = [i for i, row in enumerate(data.rows) if code is None or row["code"] == code]
        grid = self.query_one("#review-list", DataTable)
        grid.clear(columns=True)
        columns = [
            "document",
            "unit",
            *([] if narrow else ["speaker"]),
            *(["code"] if code is None else []),
            "kind",
        ]
        for name in columns:
            grid.add_column(name, key=name)
        grid.add_column("resolution", key="resolution")
        for index in self._items:
            row = data.rows[index]
            cells: list[str | Text] = [row["document"], str(row["unit"])]
            if not narrow:
                cells.append(row["speaker"] or "")
            if code is None:
                colour = self.ws.code_colour(row["code"])
                width = 22 if narrow else 30
                cells.append(Text.assemble(("■ ", colour), short(row["code"], width)))
            cells.append(row["kind"])
            cells.append(decision_label(row["resolution"], row["accepted"]))
            grid.add_row(*cells, key=str(index))
        if self._items:
            grid.move_cursor(row=min(keep, len(self._items) - 1))
        grid.focus()
        self._show_disagreement()

    def _current(self) -> int | None:
        grid = self.query_one("#review-list", DataTable)
        if not self._items or not 0 <= grid.cursor_row < len(self._items):
            return None
        return self._items[grid.cursor_row]

    def _build_coder_boxes(self, coders: tuple[str, ...]) -> None:
        box = self.query_one("#review-coders", Horizontal)
        box.remove_children()
        self._coder_boxes = []
        for number, coder in enumerate(coders, start=1):
            static = Static("", classes="coder-box")
            static.border_title = f"{number}: {coder}"
            self._coder_boxes.append(static)
        box.mount_all(self._coder_boxes)

    @on(DataTable.RowHighlighted, "#review-list")
    def _disagreement_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_disagreement()

    def _show_disagreement(self) -> None:
        assert self._data is not None
        rows = self._data.rows
        title = self.query_one("#review-title", Label)
        what = short(self._code) if self._code else "all codes"
        current = self._current()
        still = sum(1 for i in self._items if rows[i]["resolution"] == "open")
        if current is None:
            title.update(f"Disagreements on {what}: none")
            for static in self.query("#review-detail Static").results(Static):
                static.update("")
            return
        position = self.query_one("#review-list", DataTable).cursor_row + 1
        title.update(f"Disagreements on {what}: {position} of {len(self._items)}, {still} open")
        row = rows[current]
        item = self._data.found[current]
        self.query_one("#review-head", Static).update(self._head_text(row, item))
        self.query_one("#review-unit", Static).update(_unit_text(row))
        for static, view in zip(self._coder_boxes, item.coders, strict=False):
            static.update(self._coder_text(view, item))
        coders = self._data.options.coders
        accept = "  ".join(f"{n}: accept {c}'s" for n, c in enumerate(coders, start=1))
        self.query_one("#review-keys", Static).update(
            Text(
                f"{accept}  m: merge  c: codebook issue  e: note  o: reopen  g: go to  "
                "n/p: next/previous (after a decision the next open one comes up)",
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
            ("■ ", self.ws.code_colour(row["code"])),
            (row["code"], "bold"),
            "  ",
            (f" {row['kind']} ", "bold reverse"),
            "  ",
            (_kind_text(row, item), "italic"),
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

    def _coder_text(self, view: CoderView, item: Disagreement) -> Text:
        """Whether the coder applied the code, and their span: the part inside the unit bold."""
        assert self._data is not None
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
        document = self._data.comparison.texts[item.unit.document]
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
        if self._data is not None and coder < len(self._data.options.coders):
            self._decide("accept", self._data.options.coders[coder])

    def action_merge(self) -> None:
        self._decide("merge")

    def action_codebook_issue(self) -> None:
        self._decide("codebook")

    def action_reopen(self) -> None:
        self._decide("open")

    def action_note(self) -> None:
        current = self._current()
        if current is None or self._data is None:
            return
        row = self._data.rows[current]

        def chosen(note: str | None) -> None:
            if note is not None:
                self._decide(
                    row["resolution"], row["accepted"], note.strip() or None, keep_note=False
                )

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
        """Record ``decision`` on the current disagreement (keeping its note unless told); a
        decision that settles it (not a note, not a reopening) moves on to the next open one."""
        current = self._current()
        if current is None or self._data is None:
            return
        row = self._data.rows[current]
        kept = row["note"] if keep_note else note
        try:
            self._data, done = decide(
                self.ws.project,
                self._data,
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
        row = self._data.rows[current]
        grid = self.query_one("#review-list", DataTable)
        grid.update_cell(
            str(current), "resolution", decision_label(row["resolution"], row["accepted"])
        )
        self.post_message(self.Decided(self._data))
        change = f"consensus +{done.added} −{done.removed}" if done.added or done.removed else ""
        label = decision_label(decision, coder)
        settles = decision in SETTLING and keep_note  # a new note stays on its disagreement
        following = self._next_open(grid.cursor_row) if settles else None
        if following is not None:
            grid.move_cursor(row=following)
        elif settles:
            change = f"{change}; every disagreement here is settled".lstrip("; ")
        self._show_disagreement()
        self.notify(f"{label} {change}".strip(), timeout=2)

    def _next_open(self, after: int) -> int | None:
        """The list row of the first open disagreement after row ``after``, from the top
        again past the end; None when none is open."""
        assert self._data is not None
        rows = self._data.rows
        count = len(self._items)
        for step in range(1, count + 1):
            position = (after + step) % count
            if rows[self._items[position]]["resolution"] == "open":
                return position
        return None

    def action_go_to(self) -> None:
        current = self._current()
        if current is None or self._data is None:
            return
        unit = self._data.found[current].unit
        document_id = self._data.comparison.document_ids[unit.document]
        self.post_message(self.GoTo(document_id, unit.start))

    def action_close(self) -> None:
        self.post_message(self.Closed())


def _unit_text(row: dict[str, Any]) -> Text:
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


def _kind_text(row: dict[str, Any], item: Disagreement) -> str:
    """Who did what differently, in words."""
    without = ", ".join(v.coder for v in item.coders if v.applied is False)
    if row["kind"] == "substitution":
        return f"{without} applied '{short(row['instead'] or '?')}' instead"
    if row["kind"] == "boundary":
        return KIND_HELP["boundary"]
    return f"{without}: {KIND_HELP.get(row['kind'], '')}"
