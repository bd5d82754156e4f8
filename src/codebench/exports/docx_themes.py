"""The report's sections per group and theme, written as the seed study writes them.

Per group of codes (Succesfactoren, Knelpunten): a heading, the group's definition, how many
respondents raised any of its themes, and a table of its themes with the number of respondents
and one exemplar quote each (the study's Tabel 3 and 4). Then per theme: a heading, its
definition, its reach and what respondents said, a paragraph each in the study's words
("Respondent 5 zegt: „…”"), starred exemplars first. A code at the top without codes below it
is a section of its own, without a table. Sections follow the codebook's order; a group's
table lists its themes as the theme table does (most respondents first).

Respondent labels are kept on one line ("Respondent 5" with a non-breaking space), and so is
an attribution after a quote ("…weet.” (Respondent 8)"), so it never starts a line alone.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from codebench.exports import exemplars
from codebench.exports.docx_grid import (
    TABLE_FONT_PT,
    TEXT_WIDTH_CM,
    Grid,
    least_width,
    natural_width,
)
from codebench.exports.docx_quotes import quote_text, quotes_by_code
from codebench.exports.docx_writer import ReportWriter
from codebench.exports.frames import format_cell
from codebench.reports.model import ReportTable

NBSP = "\u00a0"
THEME_COLUMN_CM = 5.0
"""At most this wide, the theme names of a group's table: the quotes need the room."""


def theme_sections(
    writer: ReportWriter,
    themes: ReportTable,
    quotes: ReportTable,
    definitions: Mapping[str, str],
    limit: int | None,
) -> None:
    """Per code, in codebook order: heading, definition, reach, the group's table, quotes."""
    said = writer.said
    data = writer.data
    reach = themes.frame.set_index("path")
    groups = {group.path: group for group in exemplars.groups(themes.frame, quotes.frame)}
    by_code = quotes_by_code(quotes.frame)
    total = len(data.respondents)
    for code in data.codes.itertuples():
        writer.heading(str(code.name), int(code.depth) + 1)
        definition = (
            definitions.get(str(code.path))
            or definitions.get(str(code.name))
            or _text(code.description)
        )
        if definition:
            # Heading, definition and reach stay on the page of what follows them.
            writer.document.add_paragraph(definition).paragraph_format.keep_with_next = True
        if code.path in reach.index:
            row = reach.loc[code.path]
            reach_line = said.gettext("Raised by {n} of {total} respondents ({share}).").format(
                n=int(row["respondents"]),
                total=total,
                share=format_cell(float(row["share"]), share=True),
            )
            writer.document.add_paragraph(reach_line).paragraph_format.keep_with_next = True
        group = groups.get(str(code.path))
        if group is not None:
            group_table(writer, group)
        rows = by_code.get(str(code.path), [])
        if limit is not None:
            rows = rows[:limit]
        is_leaf = not (data.codes["parent_id"] == code.code_id).any()
        if not rows and is_leaf:
            writer.note(said.gettext("No quotes from respondents in this selection."))
        for quote in rows:
            respondent_says(writer, str(quote["respondent"]), str(quote["quote"]))


def group_table(writer: ReportWriter, group: exemplars.Group) -> None:
    """Tabel 3/4 of the study: the group's themes, their respondents and an exemplar each."""
    said = writer.said
    header = [[said.column("code"), said.column("respondents"), said.gettext("Example quote")]]
    body = [
        [
            theme.name,
            format_cell(theme.respondents),
            attributed(str(theme.quote["quote"]), str(theme.quote["respondent"]), writer)
            if theme.quote is not None
            else "",
        ]
        for theme in group.themes
    ]
    names = [row[0] for row in body]
    theme_width = min(natural_width(names, header[0][:1], TABLE_FONT_PT), THEME_COLUMN_CM)
    count_width = least_width([], header[0][1:2], TABLE_FONT_PT)
    quote_width = TEXT_WIDTH_CM - theme_width - count_width
    grid = Grid(
        header=header,
        body=body,
        widths_cm=[theme_width, count_width, quote_width],
        numeric={1},
        indents_cm={i: 0.4 * (theme.depth - 1) for i, theme in enumerate(group.themes)},
    )
    caption = said.gettext("{group}: themes, respondents and an example quote")
    writer.caption("table", caption.format(group=group.name))
    writer.add_grid(grid)
    writer.note(
        said.gettext(
            "Example quote: a quote the coder starred where there is one, otherwise the "
            "first respondent's; all quotes follow under each theme."
        )
    )


def attributed(quote: str, respondent: str, writer: ReportWriter) -> str:
    """„quote” (Respondent 5), the attribution bound to the quote's last word."""
    opening, closing = writer.said.quote_marks
    text = quote_text(quote, writer.said.language)
    return f"{opening}{text}{closing}{NBSP}({respondent.replace(' ', NBSP)})"


def respondent_says(writer: ReportWriter, respondent: str, quote: str) -> None:
    """Respondent 5 zegt: „quote”: indented, the quote in italics."""
    said = writer.said
    opening, closing = said.quote_marks
    paragraph = writer.document.add_paragraph(style="Quote")
    who = said.gettext("{respondent} says:").format(respondent=respondent.replace(" ", NBSP))
    lead = paragraph.add_run(f"{who} ")
    lead.italic = False
    paragraph.add_run(f"{opening}{quote_text(quote, said.language)}{closing}")


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()
