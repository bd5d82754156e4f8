"""The reports screen: choose a table and filters, read it, see themes as bars, export it.

The list of tables is the report registry's; tables come from the report services (read once
per change of filters, built per table); the screen only lays them out. Enter on an exemplar
quote jumps to the passage in its transcript.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from codebench.errors import CodebenchError
from codebench.exports.frames import format_cell, layout
from codebench.reports.display import for_screen
from codebench.reports.model import Filters, ReportData, ReportTable
from codebench.reports.registry import KINDS
from codebench.services.reports.build import table_from
from codebench.services.reports.data import load_report_data
from codebench.tui.modals import TextPrompt
from codebench.tui.session import Workspace

TABLES = tuple(
    (kind.name, kind.label) for kind in sorted(KINDS, key=lambda kind: kind.menu_position)
)
ALL = "(all)"
BAR_WIDTH = 30
BAR_LABEL_WIDTH = 34


def theme_bars(table: ReportTable, colours: dict[str, str]) -> Text:
    """Codes (not groups) as horizontal bars of respondents, in table order."""
    frame = table.frame
    text = Text()
    if frame.empty or "respondents" not in frame:
        return text
    codes = frame[frame["level"] == "code"]
    most = max(int(codes["respondents"].max() or 0), 1)
    for row in codes.itertuples():
        name = (
            row.code if len(row.code) <= BAR_LABEL_WIDTH else row.code[: BAR_LABEL_WIDTH - 1] + "…"
        )
        text.append(f"{name:<{BAR_LABEL_WIDTH}} ")
        length = round(BAR_WIDTH * int(row.respondents) / most)
        text.append("█" * length, style=colours.get(row.path, "default"))
        text.append(f" {row.respondents}\n", style="bold")
    return text


class ReportsScreen(Screen[tuple[int, int] | None]):
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("x", "export", "Export"),
        Binding("ctrl+r", "refresh", "Refresh"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.ws = workspace
        self.data: ReportData | None = None
        self.table_name = "themes"
        self.filters = Filters(coders=(workspace.coder,) if workspace.blind else ())
        self._quote_targets: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        coders = [(name, name) for name in self.ws.coder_names()]
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
                    prompt=ALL,
                    disabled=self.ws.blind,
                    value=self.ws.coder if self.ws.blind else Select.NULL,
                )
                yield Label("Codes")
                yield Select(groups, id="filter-code", prompt=ALL)
                yield Label("Respondents (name=value)")
                yield Input(placeholder="organisation_type=gemeente", id="filter-where")
            with Vertical(id="report-main"):
                yield Label("", id="report-title", classes="dialog-title")
                yield DataTable(id="report-table", zebra_stripes=True, cursor_type="row")
                with VerticalScroll(id="report-chart-box"):
                    yield Static("", id="report-chart")
                yield Static("", id="report-notes")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#report-list", OptionList).highlighted = 0
        self.action_refresh()

    def action_refresh(self) -> None:
        self._load(self.filters)

    @work(thread=True, exclusive=True, group="report")
    def _load(self, filters: Filters) -> None:
        try:
            data = load_report_data(self.ws.project, filters, viewer=self.ws.viewer)
        except CodebenchError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(self._loaded, data)

    def _loaded(self, data: ReportData) -> None:
        self.data = data
        self._show()

    def _show(self) -> None:
        if self.data is None:
            return
        try:
            table = table_from(self.data, self.table_name)
        except CodebenchError as exc:
            self.notify(str(exc), severity="error")
            return
        screen_table = for_screen(table)
        shape = layout(screen_table.frame)
        grid = self.query_one("#report-table", DataTable)
        grid.clear(columns=True)
        for name in shape.flat_header(lambda c: " / ".join(x for x in c if x)):
            grid.add_column(name)
        for number, row in enumerate(shape.rows):
            style = "bold" if number in shape.emphasised_rows else ""
            grid.add_row(
                *(
                    Text(format_cell(v, share=i in shape.share_columns), style=style)
                    for i, v in enumerate(row)
                )
            )
        self._quote_targets = (
            list(zip(table.frame["document"], table.frame["quote"], strict=True))
            if table.name == "quotes" and not table.frame.empty
            else []
        )
        filters = "; ".join(f"{k}: {v}" for k, v in table.filters.items())
        self.query_one("#report-title", Label).update(f"{table.title}   ({filters})")
        colours = {node.path: node.colour or "default" for node in self.ws.codes}
        chart = self.query_one("#report-chart-box")
        chart.display = table.name == "themes"
        self.query_one("#report-chart", Static).update(theme_bars(table, colours))
        self.query_one("#report-notes", Static).update(Text("\n".join(table.notes), style="dim"))

    @on(OptionList.OptionHighlighted, "#report-list")
    def _choose_table(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self.table_name = event.option.id
            self._show()

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
        if not self._quote_targets or self.data is None:
            return
        document, quote = self._quote_targets[event.cursor_row]
        passages = self.data.passages
        match = passages[
            (passages["document"] == document)
            & (passages["text"].str.split().str.join(" ") == quote)
        ]
        if match.empty:
            return
        self.dismiss((self.ws.document_id(document), int(match["start"].iloc[0])))

    def action_export(self) -> None:
        def export(name: str | None) -> None:
            if not name:
                return
            from pathlib import Path

            from codebench.services.reports.export import export_tables

            try:
                written = export_tables(
                    self.ws.project, Path(name).expanduser(), self.filters, viewer=self.ws.viewer
                )
            except CodebenchError as exc:
                self.notify(str(exc), severity="error", title="Not exported")
                return
            self.notify("Wrote " + ", ".join(str(p) for p in written), timeout=4)

        prompt = TextPrompt("Export to (.xlsx .docx .md .csv .json)", "report.xlsx")
        self.app.push_screen(prompt, export)

    def action_close(self) -> None:
        self.dismiss(None)
