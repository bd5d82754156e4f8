"""The reports screen: choose a table and filters, read it, see themes as bars, export it.

The list of tables is the report registry's; the tables come from the report services, ready
to show (:func:`~codebench.services.reports.screen.screen_table`: cells as text, which columns
are counts, each row in full, where a quote came from); the screen only lays them out. Counts
keep their width and names give way first (:mod:`~codebench.tui.table_fit`); the highlighted
row is shown in full below the table (a quote wrapped, a code by its path), and enter on a quote
jumps to its passage in the transcript. On a narrow terminal the list of tables and the filters
fold away (``f`` shows them; ``[`` and ``]`` step through the tables).

Whose codings the tables count is chosen as on the command line and shown above the table:
the consensus coder when there is one, else the coder at the keyboard (if they coded), one
other coder, or all coders as a union that counts a passage once; never a silent sum.

Exports run in a worker and never replace a file without asking.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from codebench.errors import CodebenchError
from codebench.reports.model import ALL_CODERS, Filters, ReportData
from codebench.reports.registry import KINDS
from codebench.services.reports.coders import CoderChoiceNeeded, coder_options
from codebench.services.reports.data import load_report_data
from codebench.services.reports.screen import Bar, ScreenRow, ScreenTable, screen_table
from codebench.tui.modals import Confirm, TextPrompt
from codebench.tui.session import Workspace
from codebench.tui.table_fit import content_room, cut, fit_widths, header_lines, header_width

TABLES = tuple(
    (kind.name, kind.label) for kind in sorted(KINDS, key=lambda kind: kind.menu_position)
)
EXPORT_SUFFIXES = (".xlsx", ".docx", ".md", ".csv", ".json")
ALL = "(all)"
ALL_CODERS_LABEL = "all coders (union)"
CHOOSE_CODER = "(choose whose codings)"
BAR_WIDTH = 30
BAR_LABEL_WIDTH = 34
NARROW = 110
"""Below this many columns the side pane (tables and filters) is folded away at first."""
MIN_LABEL = 20
"""A name column is not cut below this (the table scrolls sideways instead)."""
MIN_TEXT = 12
HEADER_LINES = 3


def theme_bars(bars: tuple[Bar, ...], colours: dict[str, str]) -> Text:
    """Codes (not groups) as horizontal bars of respondents, in table order."""
    text = Text()
    if not bars:
        return text
    most = max(max(bar.respondents for bar in bars), 1)
    for bar in bars:
        text.append(f"{cut(bar.name, BAR_LABEL_WIDTH):<{BAR_LABEL_WIDTH}} ")
        length = round(BAR_WIDTH * bar.respondents / most)
        text.append("█" * length, style=colours.get(bar.path, "default"))
        text.append(f" {bar.respondents}\n", style="bold")
    return text


def row_detail(table: ScreenTable, row: ScreenRow) -> Text:
    """The highlighted row in full: what it is about (a code's path), its other cells by column
    header, free text (a quote) wrapped below, and where enter goes."""
    text = Text()
    text.append(row.about or (row.cells[0] if row.cells else ""), style="bold")
    pairs = [
        (column.header, cell)
        for column, cell in zip(table.columns, row.cells, strict=True)
        if not column.long and not (column.label and cell.strip() == row.about.split(" > ")[-1])
    ]
    if pairs:
        text.append("\n")
        for number, (header, cell) in enumerate(pairs):
            if number:
                text.append("  ·  ", style="dim")
            text.append(f"{header} ", style="dim")
            text.append(cell or "—")
    for column, cell in zip(table.columns, row.cells, strict=True):
        if column.long and cell:
            text.append("\n")
            text.append(cell, style="italic")
    if row.place is not None:
        text.append("\nenter: show this passage in its transcript", style="dim")
    return text


class ReportGrid(DataTable[Text]):
    """The table, which says when its width changed so that its columns are fitted again."""

    class Resized(Message):
        pass

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized())


class ReportsScreen(Screen[tuple[int, int] | None]):
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("x", "export", "Export"),
        Binding("f", "toggle_side", "Tables & filters"),
        Binding("right_square_bracket", "step_table(1)", "Next table", key_display="]"),
        Binding(
            "left_square_bracket", "step_table(-1)", "Previous table", key_display="[", show=False
        ),
        Binding("ctrl+r", "refresh", "Refresh", show=False),
    ]

    def __init__(self, workspace: Workspace, table: str = "themes") -> None:
        super().__init__()
        self.ws = workspace
        self.data: ReportData | None = None
        self.table: ScreenTable | None = None
        self.table_name = table
        self.coders = coder_options(workspace.project, workspace.viewer)
        self.filters = Filters(coders=self.coders.default)
        self.side_shown: bool | None = None
        """Whether the side pane shows; None: as wide as the terminal allows."""
        self._fitted_to = 0
        """The table's width when its columns were last fitted."""

    def compose(self) -> ComposeResult:
        coders = [(name, name) for name in self.coders.coders]
        if len(self.coders.coders) > 1:
            coders.append((ALL_CODERS_LABEL, ALL_CODERS))
        groups = [(node.path, node.path) for node in self.ws.codes if node.depth == 0]
        with Horizontal(id="report-panes"):
            with Vertical(id="report-side"):
                yield OptionList(
                    *(Option(title, id=name) for name, title in TABLES), id="report-list"
                )
                yield Label("Coder")
                yield Select(
                    coders,
                    id="filter-coder",
                    prompt=CHOOSE_CODER,
                    disabled=self.ws.blind,
                    value=self.coders.default[0] if self.coders.default else Select.NULL,
                )
                yield Label("Codes")
                yield Select(groups, id="filter-code", prompt=ALL)
                yield Label("Respondents (name=value)")
                yield Input(placeholder="organisation_type=gemeente", id="filter-where")
            with Vertical(id="report-main"):
                yield Label("", id="report-title")
                yield ReportGrid(
                    id="report-table", zebra_stripes=True, cursor_type="row", fixed_columns=1
                )
                with VerticalScroll(id="report-detail"):
                    yield Static("", id="report-row")
                with VerticalScroll(id="report-chart-box"):
                    yield Static("", id="report-chart")
                yield Static("", id="report-notes")
        yield Footer()

    def on_mount(self) -> None:
        names = [name for name, _ in TABLES]
        index = names.index(self.table_name) if self.table_name in names else 0
        self.query_one("#report-list", OptionList).highlighted = index
        self._fold_side()
        self.action_refresh()

    # -- reading and showing ---------------------------------------------------------------

    def action_refresh(self) -> None:
        self._load(self.filters)

    @work(thread=True, exclusive=True, group="report")
    def _load(self, filters: Filters) -> None:
        try:
            data = load_report_data(self.ws.project, filters, viewer=self.ws.viewer)
        except CoderChoiceNeeded as exc:
            self.app.call_from_thread(self._ask_for_coders, exc.coders)
            return
        except CodebenchError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self._loaded, data)

    def _ask_for_coders(self, coders: list[str]) -> None:
        """Several coders and no consensus: the tables wait for a choice, as the command does."""
        self.data = None
        self.table = None
        self.query_one(ReportGrid).clear(columns=True)
        self.query_one("#report-chart-box").display = False
        self.query_one("#report-row", Static).update("")
        self.query_one("#report-notes", Static).update("")
        self.side_shown = True
        self._fold_side()
        self.query_one("#report-title", Label).update(
            Text.assemble(
                ("Whose codings? ", "bold"),
                f"{', '.join(coders)} coded this project and there is no consensus yet: "
                f"choose a coder, or {ALL_CODERS_LABEL} (a passage coded by several counts "
                "once), under Coder.",
            )
        )
        self.query_one("#filter-coder", Select).focus()

    def _loaded(self, data: ReportData) -> None:
        self.data = data
        self._show()

    def _show(self) -> None:
        if self.data is None:
            return
        try:
            table = screen_table(self.data, self.table_name)
        except CodebenchError as exc:
            self.notify(str(exc), severity="error")
            return
        self.table = table
        self._fill_grid()
        coders = f"   Coders: {table.coders}" if table.coders else ""
        title = Text.assemble((table.title, "bold"), coders, (f"   ({table.filters})", "dim"))
        self.query_one("#report-title", Label).update(title)
        colours = {node.path: self.ws.colour_of(node.id, node.colour) for node in self.ws.codes}
        self.query_one("#report-chart-box").display = bool(table.bars)
        self.query_one("#report-chart", Static).update(theme_bars(table.bars, colours))
        self.query_one("#report-notes", Static).update(Text("\n".join(table.notes), style="dim"))

    def _fill_grid(self) -> None:
        """The table's rows in columns fitted to the width the grid has now."""
        table = self.table
        if table is None:
            return
        grid = self.query_one(ReportGrid)
        self._fitted_to = grid.size.width
        keep = grid.cursor_row
        grid.clear(columns=True)
        columns = table.columns
        naturals = [
            max(
                [header_width(column.header), *(len(row.cells[i]) for row in table.rows)],
                default=1,
            )
            for i, column in enumerate(columns)
        ]
        room = content_room(grid.size.width or self.app.size.width, len(columns))
        widths = fit_widths(
            naturals,
            [column.count for column in columns],
            room,
            [MIN_LABEL if column.label else MIN_TEXT for column in columns],
            [column.long for column in columns],
        )
        headers = [header_lines(c.header, w) for c, w in zip(columns, widths, strict=True)]
        grid.header_height = min(max(len(lines) for lines in headers), HEADER_LINES)
        for number, (column, width, lines) in enumerate(zip(columns, widths, headers, strict=True)):
            label = Text("\n".join(lines), justify="right" if column.count else "left")
            grid.add_column(label, width=width, key=str(number))
        for number, row in enumerate(table.rows):
            style = "bold" if row.bold else ""
            grid.add_row(
                *(
                    Text(
                        cell if column.count else cut(cell, width),
                        style=style,
                        justify="right" if column.count else "left",
                    )
                    for column, width, cell in zip(columns, widths, row.cells, strict=True)
                ),
                key=str(number),
            )
        if table.rows:
            grid.move_cursor(row=min(keep, len(table.rows) - 1))
        self._show_row()

    @on(DataTable.RowHighlighted, "#report-table")
    def _row_highlighted(self) -> None:
        self._show_row()

    def _show_row(self) -> None:
        detail = self.query_one("#report-row", Static)
        table = self.table
        row = self.query_one("#report-table", DataTable).cursor_row
        if table is None or not 0 <= row < len(table.rows):
            detail.update("")
            return
        detail.update(row_detail(table, table.rows[row]))

    def on_resize(self, event: events.Resize) -> None:
        self._fold_side()

    @on(ReportGrid.Resized)
    def _grid_resized(self) -> None:
        if self.query_one(ReportGrid).size.width != self._fitted_to:
            self._fill_grid()

    # -- choosing ----------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#report-list")
    def _choose_table(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None and event.option.id != self.table_name:
            self.table_name = event.option.id
            self._show()

    def show_table(self, name: str) -> None:
        """Show the registered table ``name`` (the command palette's "Report: ...")."""
        names = [table for table, _ in TABLES]
        if name not in names:
            return
        if not self.is_mounted:  # just pushed: on_mount highlights it
            self.table_name = name
            return
        self.query_one("#report-list", OptionList).highlighted = names.index(name)

    def action_step_table(self, step: int) -> None:
        names = [name for name, _ in TABLES]
        index = names.index(self.table_name) if self.table_name in names else 0
        self.show_table(names[(index + step) % len(names)])

    def action_toggle_side(self) -> None:
        self.side_shown = not self.query_one("#report-side").display
        self._fold_side()
        if self.side_shown:
            self.query_one("#report-list", OptionList).focus()
        else:
            self.query_one("#report-table", DataTable).focus()

    def _fold_side(self) -> None:
        shown = self.side_shown if self.side_shown is not None else self.app.size.width >= NARROW
        side = self.query_one("#report-side")
        if side.display != shown:
            side.display = shown
            if not shown:
                self.query_one("#report-table", DataTable).focus()

    @on(Select.Changed)
    @on(Input.Submitted, "#filter-where")
    def _filters_changed(self) -> None:
        coder = self.query_one("#filter-coder", Select).value
        code = self.query_one("#filter-code", Select).value
        where = self.query_one("#filter-where", Input).value.strip()
        attributes: tuple[tuple[str, str], ...] = ()
        if where:
            name, sep, value = where.partition("=")
            if not sep:
                self.notify("Write the respondent filter as name=value", severity="warning")
                return
            attributes = ((name.strip(), value.strip()),)
        self.filters = Filters(
            coders=(str(coder),) if isinstance(coder, str) else (),
            code=str(code) if isinstance(code, str) else None,
            attributes=attributes,
        )
        self._load(self.filters)

    @on(DataTable.RowSelected, "#report-table")
    def _jump(self, event: DataTable.RowSelected) -> None:
        table = self.table
        if table is None or not 0 <= event.cursor_row < len(table.rows):
            return
        place = table.rows[event.cursor_row].place
        if place is not None:
            document, offset = place
            self.dismiss((self.ws.document_id(document), offset))

    # -- exporting -------------------------------------------------------------------------

    def action_export(self, suffix: str = ".xlsx") -> None:
        """Ask where to write the tables (the suffix picks the format), then write them."""
        known = " ".join(EXPORT_SUFFIXES)
        prompt = TextPrompt(f"Export the report tables to ({known})", f"report{suffix}")
        self.app.push_screen(prompt, self._export_to)

    def _export_to(self, name: str | None) -> None:
        if name and name.strip():
            self.notify(f"Exporting to {name.strip()} …", timeout=2)
            self._write(Path(name.strip()).expanduser(), False)

    @work(thread=True, exclusive=True, group="export")
    def _write(self, path: Path, replace: bool) -> None:
        from codebench.services.reports.export import FilesExist, export_tables

        try:
            written = export_tables(
                self.ws.project, path, self.filters, viewer=self.ws.viewer, replace=replace
            )
        except FilesExist as exc:
            self.app.call_from_thread(self._ask_replace, path, exc.paths)
            return
        except CodebenchError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", title="Not exported")
            return
        names = ", ".join(str(p) for p in written)
        self.app.call_from_thread(self.notify, f"Wrote {names}", timeout=4)

    def _ask_replace(self, path: Path, existing: list[Path]) -> None:
        names = ", ".join(str(p) for p in existing)
        one = len(existing) == 1

        def answered(replace: bool | None) -> None:
            if replace:
                self._write(path, True)
            else:
                self.notify(f"Kept {names}; nothing exported", timeout=4)

        question = (
            f"{names} {'exists' if one else 'exist'} already. Replace {'it' if one else 'them'}?"
        )
        self.app.push_screen(Confirm(question, "replace", "keep, export nothing"), answered)

    def action_close(self) -> None:
        self.dismiss(None)
