"""Read a table row of a transcript: Word and Markdown transcripts often put each turn in a row
(time, speaker, speech), and a table around a whole transcript is layout, not structure."""

from __future__ import annotations

from codebench.importers.speakers import (
    Paragraph,
    is_label_shaped,
    is_timestamp,
    split_leading_time,
)


def row_paragraphs(cells: list[list[str]]) -> list[Paragraph]:
    """Paragraphs for one table row.

    A row whose first filled cell is a short label (optionally with a time cell before or after
    it) is a labelled turn: ``label: first line`` plus the other lines, so the label goes
    through the same learning as any other. A row with one filled cell is read like body text
    (a layout table around a whole transcript). Any other row is its cells joined by spaces.
    """
    filled = [[line.strip() for line in cell if line.strip()] for cell in cells]
    filled = [cell for cell in filled if cell]
    if not filled:
        return []
    if len(filled) == 1:
        return [Paragraph(line) for line in filled[0]]

    time = ""
    if len(filled) >= 3 and _is_time_cell(filled[0]):
        time, filled = filled[0][0], filled[1:]
    elif len(filled) >= 3 and _is_time_cell(filled[1]):
        time, filled = filled[1][0], [filled[0], *filled[2:]]
    label_cell = filled[0]
    speech = [line for cell in filled[1:] for line in cell]
    if len(label_cell) == 1 and _is_label_cell(label_cell[0]) and speech:
        label = label_cell[0].rstrip(": \t")
        stamp = (time if time.startswith(("[", "(")) else f"[{time}]") + " " if time else ""
        return [Paragraph(f"{stamp}{label}: {speech[0]}"), *(Paragraph(s) for s in speech[1:])]
    return [Paragraph(" ".join(line for cell in filled for line in cell))]


def _is_time_cell(cell: list[str]) -> bool:
    """A cell holding nothing but a timestamp."""
    return len(cell) == 1 and is_timestamp(cell[0])


def _is_label_cell(text: str) -> bool:
    """A cell that could name a speaker, optionally after a timestamp."""
    _, rest = split_leading_time(text)
    return is_label_shaped(rest.rstrip(": \t"))
