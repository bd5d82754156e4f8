"""English text that remembers the message it was made from, so a report file can say it in
its own language.

:mod:`codebench.reports` and :mod:`codebench.agreement` build titles, notes, filter values and
a few cells in English with their figures filled in ("20 respondents in scope; ..."). The
command line and the TUI show that English as it is: a :class:`Phrase` is a ``str``. An
export says the same phrase in the report's language from the catalog directly: the message
(its msgid) translated, then the same fields filled in, a field that is a phrase itself
translated too and numbers written with the language's marks. No export has to recognise an
English sentence to translate it, so a sentence reworded at its source cannot silently stay
English: its msgid changes with it, and ``tests/i18n`` fails until the catalogs have it.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeAlias

Field: TypeAlias = "str | int | float | Phrase"
"""What a field holds: a phrase (translated), a number (written with the language's marks)
or any other text (a name, a figure already written: shown as it is)."""


def _as_it_is(text: str) -> str:
    return text


class Phrase(str):
    """``message`` with ``fields`` filled in, as English text; :meth:`translated` says it in
    another language. Without fields the message is the text as it is (a caption that a
    caller fills in later may keep its "{attribute}")."""

    message: str
    fields: Mapping[str, Field]

    def __new__(cls, message: str, fields: Mapping[str, Field] | None = None) -> Phrase:
        text = _Filler(str, _as_it_is, {}).vformat(message, (), fields) if fields else message
        phrase = super().__new__(cls, text)
        phrase.message = str(message)
        phrase.fields = dict(fields or {})
        return phrase

    def translated(
        self,
        gettext: Callable[[str], str],
        number: Callable[[str], str] = _as_it_is,
        names: Mapping[str, Callable[[str], str]] | None = None,
    ) -> str:
        """This phrase through ``gettext``: its fields translated the same way, numbers (as
        English writes them: "1,234.5") through ``number``, and a text field whose name is
        in ``names`` through that function (a respondent attribute's name in words)."""
        template = gettext(self.message)
        if not self.fields:
            return template

        def say(phrase: Phrase) -> str:
            return phrase.translated(gettext, number, names)

        return _Filler(say, number, names or {}).vformat(template, (), self.fields)

    @classmethod
    def joined(cls, separator: Field, parts: Sequence[Field]) -> Phrase:
        """``parts`` one after another with ``separator`` between them, each translated on
        its own (the joint is no message of the catalog: its words are the parts')."""
        message = "{separator}".join(f"{{part{i}}}" for i in range(len(parts)))
        fields: dict[str, Field] = {f"part{i}": part for i, part in enumerate(parts)}
        return cls(message, {**fields, "separator": separator} if parts else None)


class _Filler(string.Formatter):
    """Fills a message in: phrases through ``say``, numbers in English first (ints grouped
    by thousands, floats as briefly as exact, or as the message's format asks) and then
    through ``number``, named texts through ``names``."""

    def __init__(
        self,
        say: Callable[[Phrase], str],
        number: Callable[[str], str],
        names: Mapping[str, Callable[[str], str]],
    ) -> None:
        super().__init__()
        self.say = say
        self.number = number
        self.names = names

    def get_value(self, key: int | str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        value = kwargs[str(key)]
        if isinstance(value, Phrase):
            return self.say(value)
        if isinstance(value, str) and key in self.names:
            return self.names[str(key)](value)
        return value

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, int | float) and not isinstance(value, bool):
            default = "," if isinstance(value, int) else "g"
            return self.number(format(value, format_spec or default))
        return format(value, format_spec)


def phrases_in(texts: Sequence[object]) -> dict[str, Phrase]:
    """The phrases among ``texts`` by their English text: what a table's frame holds as plain
    text (column names, cells) and an export says in its language."""
    return {str(text): text for text in texts if isinstance(text, Phrase)}
