"""Agreement review: how far two coders agree per code, and each disagreement settled into the
consensus coder one key at a time.

The screen has two views. The overview is the per-code table (pooled row last, codes with too
few positive units marked ⚠), the codes one coder applied where the other applied another, and
the notes that say how units and the threshold were read. The review walks through one code's
disagreements (or every code's): the unit in context, each coder's span side by side, and the
decision taken. Every decision is one call of ``resolve`` (one committed transaction) with the
workspace coder as reviewer; only then does the view change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from rich.text import Text
from sqlalchemy.exc import SQLAlchemyError
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import ContentSwitcher, DataTable, Footer, Label, Static

from codebench.agreement.disagreements import CoderView, Disagreement
from codebench.agreement.model import AgreementOptions, AgreementResult, Comparison
from codebench.agreement.tables import agreement_table, disagreement_rows
from codebench.agreement.units import DEFAULT_THRESHOLD
from codebench.errors import CodebenchError
from codebench.exports.frames import format_cell, layout
from codebench.reports.display import for_screen
from codebench.services.agreement import agree, disagreements
from codebench.services.consensus import CONSENSUS, resolutions, resolve
from codebench.services.overview import project_summary
from codebench.tui.modals import Choice, ChoiceList, TextPrompt
from codebench.tui.session import Workspace

BOOTSTRAP = 1000
CONTEXT_WORDS = 25
NARROW = 110
NARROW_DROPS = ("percent agreement", "% agree", "alpha 95% CI")
HEADERS = {"alpha 95% CI": "95% CI"}
UNITS = ("sentence", "turn")
OVERVIEW_ACTIONS = frozenset({"review_code", "review_all", "coders", "unit", "threshold"})
REVIEW_ACTIONS = frozenset(
    {"next", "previous", "accept", "merge", "codebook_issue", "reopen", "note", "go_to"}
)
ACCEPT = Binding.Group("Accept")
MOVE = Binding.Group("Move")
KIND_HELP = {
    "presence": "left the unit without this code",
    "below threshold": "coded it here, but the span covers too little of the unit to count",
    "boundary": "all applied it; the spans start or end at different places in the unit",
}
DECISION_LABELS = {
    "open": "open",
    "merge": "merged",
    "codebook": "codebook issue",
}


@dataclass(frozen=True)
class Loaded:
    """One agreement run as the screen shows it."""

    options: AgreementOptions
    result: AgreementResult
    comparison: Comparison
    found: list[Disagreement]
    decisions: dict[tuple[int, int, int, int], tuple[str, str | None, str | None]]
    coding_counts: dict[str, int]


def default_coders(counts: dict[str, int]) -> tuple[str, ...]:
    """The two coders with the most codings, the consensus coder aside."""
    ranked = sorted((c for c in counts if c != CONSENSUS), key=lambda c: (-counts[c], c))
    return tuple(ranked[:2])


def short(path: str, width: int = 0) -> str:
    """The last part of a code path, cut to ``width`` characters (0: not cut)."""
    name = path.rsplit(" > ", 1)[-1]
    return name if not width or len(name) <= width else name[: width - 1] + "…"


def two(value: float) -> str:
    """Two decimals, without a minus sign on what rounds to zero."""
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text


def flat(text: str) -> str:
    return " ".join(text.split())


def substitutions(
    found: Sequence[Disagreement], coders: Sequence[str], paths: dict[int, str]
) -> list[tuple[int, str, str]]:
    """(units, code of the first coder(s), code the other coder(s) applied instead), most first.

    A substitution is listed once per unit and pair of codes (the coders' two disagreements on
    the unit, one for each code, are one confusion), from the first coder's side.
    """
    seen: set[tuple[str, int, frozenset[int]]] = set()
    counts: Counter[tuple[str, str]] = Counter()
    for item in found:
        if item.kind != "substitution" or item.substitute is None:
            continue
        key = (item.unit.document, item.unit.number, frozenset((item.code_id, item.substitute)))
        if key in seen:
            continue
        seen.add(key)
        first_applied = next((v.applied for v in item.coders if v.coder == coders[0]), False)
        mine, theirs = (
            (item.code_id, item.substitute) if first_applied else (item.substitute, item.code_id)
        )
        counts[(paths[mine], paths[theirs])] += 1
    return sorted(((n, a, b) for (a, b), n in counts.items()), key=lambda t: (-t[0], t[1], t[2]))


def decision_label(resolution: str, accepted: str | None, long: bool = False) -> str:
    if resolution == "accept":
        return f"accepted {accepted}'s version" if long else f"✓ {accepted}"
    return DECISION_LABELS.get(resolution, resolution)


class AgreementScreen(Screen[tuple[int, int] | None]):
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
        self.data: Loaded | None = None
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
            counts = project_summary(self.ws.project).codings_by_coder
            coders = coders or default_coders(counts)
            if len(coders) < 2:
                raise CodebenchError("agreement needs two coders with codings")
            options = AgreementOptions(coders, unit, threshold, bootstrap=BOOTSTRAP)
            result = agree(self.ws.project, options)
            comparison, found = disagreements(self.ws.project, options)
            decided = resolutions(self.ws.project)
        except (CodebenchError, SQLAlchemyError) as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        loaded = Loaded(options, result, comparison, found, decided, counts)
        self.app.call_from_thread(self._loaded, loaded)

    def _failed(self, message: str) -> None:
        self.query_one("#agreement-table", DataTable).loading = False
        self.query_one("#agreement-settings", Static).update(self._settings_text())
        self.notify(message, severity="error", title="No agreement")

    def _loaded(self, data: Loaded) -> None:
        self.data = data
        self.coders = data.options.coders
        self.rows = disagreement_rows(data.comparison, data.found, data.decisions)
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

    def _narrow(self) -> bool:
        return self.app.size.width < NARROW

    def _show_table(self) -> None:
        """The per-code table as ``for_screen`` narrows it: coefficients to two decimals,
        ⚠ before codes with too few positive units, the pooled row last in bold, and how many
        of each code's disagreements are still open. Narrow terminals drop two columns."""
        assert self.data is not None
        result = self.data.result
        frame = for_screen(agreement_table(result)).frame
        warned = [bool(item.warning) for item in result.codes] + [False]
        dropped = {"units", "!", *(NARROW_DROPS if self._narrow() else ())}
        frame = frame[[c for c in frame.columns if c not in dropped]]
        shape = layout(frame)
        names = shape.flat_header()
        grid = self.query_one("#agreement-table", DataTable)
        keep = grid.cursor_row
        grid.clear(columns=True)
        width = 20 if self._narrow() else 36
        for name in names:
            grid.add_column(HEADERS.get(name, name), key=name)
        grid.add_column("open", key="open")
        self._table_codes = [item.code for item in result.codes] + [None]
        counts = self._review_counts()
        rows = zip(shape.rows, self._table_codes, warned, strict=True)
        for number, (row, code, warning) in enumerate(rows):
            style = "bold" if code is None else ""
            cells: list[Text] = []
            for name, value in zip(names, row, strict=True):
                if name == "code":
                    label = "(all codes pooled)" if code is None else short(str(value), width - 2)
                    cells.append(Text(("⚠ " if warning else "  ") + label, style=style))
                elif name == "alpha 95% CI" and isinstance(value, str):
                    low, _, high = value.partition(" to ")
                    cells.append(Text(f"{two(float(low))}–{two(float(high))}", style=style))
                elif isinstance(value, float):
                    cells.append(Text(two(value), style=style))
                else:
                    cells.append(Text(format_cell(value), style=style))
            cells.append(Text(self._to_review(code, counts), style=style))
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
        table = agreement_table(data.result)
        notes = Text("\n".join(table.notes), style="dim")
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

    # -- the review ------------------------------------------------------------------------

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

    @on(DataTable.RowHighlighted, "#review-list")
    def _disagreement_highlighted(self) -> None:
        self._show_disagreement()

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
            done = resolve(
                self.ws.project,
                self.data.options,
                row["key"],
                decision,
                self.ws.coder,
                coder if decision == "accept" else None,
                kept,
            )
            decided = resolutions(self.ws.project)
        except CodebenchError as exc:
            self.notify(str(exc), severity="error", title="Not resolved")
            return
        except SQLAlchemyError as exc:
            self.notify(
                f"The project refused the change: {exc.__class__.__name__}",
                severity="error",
                title="Not saved",
            )
            return
        self.data = replace(self.data, decisions=decided)
        self.rows = disagreement_rows(self.data.comparison, self.data.found, decided)
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

    def action_back(self) -> None:
        if self.reviewing:
            self.reviewing = False
            self.query_one(ContentSwitcher).current = "agreement-overview"
            self.refresh_bindings()
            self.query_one("#agreement-table", DataTable).focus()
            return
        self.dismiss(None)
