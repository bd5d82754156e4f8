"""One document as the coding screen's document list shows it, laid out for the pane's width.

Its name; who was interviewed (the respondents its speakers are, and their organisation); the
coder's own progress in words ("29 of 101 sentences coded"); and how many codings each other
coder made there (never in blind mode: the service does not return them). Each line is chosen
to fit the width it gets: a longer wording where there is room, a shorter one where there is
not, and a name or a respondent that still does not fit is cut with an ellipsis, so no line
ever breaks inside a word.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from codebench.services.coding.views import DocumentProgress


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _cut(text: str, style: str = "") -> Text:
    return Text(text, style=style, overflow="ellipsis", no_wrap=True)


def _first_fitting(width: int, *wordings: str) -> str:
    """The first (longest) wording that fits ``width``; else the last, which may wrap."""
    return next((w for w in wordings if len(w) <= width), wordings[-1])


def _respondents(labels: tuple[str, ...], room: int) -> str:
    """ "Respondent 2, Respondent 3", or where that does not fit "Respondents 2, 3"."""
    full = ", ".join(labels)
    heads = {label.rpartition(" ")[0] for label in labels}
    if len(full) <= room or len(labels) < 2 or len(heads) != 1 or "" in heads:
        return full
    return f"{heads.pop()}s {', '.join(label.rpartition(' ')[2] for label in labels)}"


def document_entry(row: DocumentProgress, coder: str, width: int) -> Group:
    """``row`` in ``width`` cells (0: not laid out yet, as wide as it needs)."""
    room = width if width > 0 else 1_000
    lines = [_cut(row.name, "bold")]
    respondents = _respondents(row.respondents, room)
    organisations = ", ".join(row.organisations)
    together = " · ".join(part for part in (respondents, organisations) if part)
    if len(together) <= room or not (respondents and organisations):
        if together:
            lines.append(_cut(together, "dim"))
    else:
        lines += [_cut(respondents, "dim"), _cut(organisations, "dim")]
    mine = row.coded_sentences.get(coder, 0)
    if not row.sentences:
        lines.append(Text("no sentences to code", style="dim"))
    else:
        of, slash = f"{mine} of {row.sentences}", f"{mine}/{row.sentences}"
        sentences = "sentence" if row.sentences == 1 else "sentences"
        progress = Text(
            _first_fitting(
                room,
                f"{of} {sentences} coded",
                f"{slash} {sentences} coded",
                f"{of} coded",
                f"{slash} coded",
            )
        )
        if mine:
            progress.stylize("bold green" if mine >= row.sentences else "green", 0, len(str(mine)))
        lines.append(progress)
    for other, count in sorted(row.codings.items()):
        if other != coder:
            lines.append(Text(f"{other}: {plural(count, 'coding')}", "dim"))  # wraps by word
    return Group(*lines)
