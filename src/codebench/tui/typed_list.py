"""The list under a type-to-filter prompt (the code finder, the speaker picker): refilled as the
user types, its first entry highlighted because enter takes it, hidden when nothing matches,
and moved with the arrow keys while the focus stays in the prompt."""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option


def show_first(options: OptionList) -> None:
    """Highlight the first entry; an empty list is not shown at all."""
    options.highlighted = 0 if options.option_count else None
    options.display = bool(options.option_count)


def refill(options: OptionList, entries: list[Option]) -> None:
    """Replace the entries with those matching what is typed now."""
    options.clear_options()
    options.add_options(entries)
    show_first(options)


def move(options: OptionList, step: int) -> None:
    """One entry down (step > 0) or up, from the prompt."""
    if step > 0:
        options.action_cursor_down()
    else:
        options.action_cursor_up()
