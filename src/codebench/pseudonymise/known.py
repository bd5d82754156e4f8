"""Finding names the project already knows, wherever they occur.

The project's own list (respondents and organisations from the attributes, names the user
includes, speaker labels that are names) and every form a surrogate already stands for are
replaced at every occurrence, also where no detector would have found them: this is what
makes "every occurrence of a respondent's name" hold, and keeps a name replaced in one
interview replaced in the next. The same matcher rewrites the project's other free text
(labels, memos, the event log) with the surrogates.

Forms match in any case ("JAN DE VRIES" in a file name, "marieke.txt"), except a single word
that is also an ordinary word: that matches only as written, so the name "Wil" leaves the verb
"wil" alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from codebench.pseudonymise.model import PERSON, Detection, normalise

_PARTICLES = frozenset("van de der den het ten ter te von da di du le la".split())
#: Shortest first name or surname that stands for a known person on its own.
MIN_ALIAS = 3


@dataclass(frozen=True)
class Known:
    """A form to replace, the category it is replaced as, the entity it stands for, and (once
    labels are given) its surrogate."""

    text: str
    category: str
    canonical: str = ""
    surrogate: str = ""


def person_aliases(name: str) -> list[str]:
    """How a person is also called: the first name, and the surname with its particles
    ("Marieke de Boer": "Marieke", "de Boer", "De Boer")."""
    words = name.split()
    if len(words) < 2:
        return []
    first, rest = words[0], words[1:]
    surname = " ".join(rest)
    aliases = [first, surname]
    if rest[0].casefold() in _PARTICLES:
        aliases.append(surname[:1].upper() + surname[1:])
    return [alias for alias in aliases if len(alias.replace(" ", "")) >= MIN_ALIAS]


def with_aliases(entries: Iterable[Known], *, first_names: bool = True) -> list[Known]:
    """``entries`` and, for each person of two words or more, their surname and (unless
    ``first_names`` is false: a first name alone is often also a word) their first name."""
    result = []
    for entry in entries:
        result.append(entry)
        if entry.category == PERSON:
            canonical = entry.canonical or entry.text
            aliases = person_aliases(entry.text)
            if not first_names:
                aliases = aliases[1:]
            result += [Known(alias, PERSON, canonical, entry.surrogate) for alias in aliases]
    return result


class KnownNames:
    """A matcher for a set of known forms: longest first, whole words only."""

    def __init__(self, entries: Iterable[Known], ordinary: frozenset[str] = frozenset()) -> None:
        """``ordinary``: lower-case words of the language; a form that is one of them (as a
        single word) matches only as written."""
        self._loose: dict[str, Known] = {}
        self._exact: dict[str, Known] = {}
        for entry in entries:
            text = " ".join(entry.text.split())
            if not text:
                continue
            if " " not in text and text.casefold() in ordinary:
                self._exact.setdefault(text, entry)
            else:
                self._loose.setdefault(normalise(text), entry)
        self._loose_re = _alternation(self._loose, re.IGNORECASE)
        self._exact_re = _alternation(self._exact, 0)

    def __bool__(self) -> bool:
        return bool(self._loose or self._exact)

    def find(self, text: str) -> list[Detection]:
        """Every occurrence of a known form in ``text`` (overlaps left to the caller)."""
        found = [
            Detection(start, end, entry.category, "custom", text[start:end], entry.canonical)
            for start, end, entry in self._matches(text)
        ]
        return sorted(found)

    def replace(self, value: str) -> str:
        """``value`` with every known form replaced by its surrogate (free text: a label, a
        memo, a file name), the longest form first where two overlap."""
        taken: list[tuple[int, int, str]] = []
        for start, end, entry in sorted(self._matches(value), key=lambda m: (m[0] - m[1], m[0])):
            if entry.surrogate and all(end <= s or e <= start for s, e, _ in taken):
                taken.append((start, end, entry.surrogate))
        pieces, last = [], 0
        for start, end, surrogate in sorted(taken):
            pieces += [value[last:start], surrogate]
            last = end
        return "".join([*pieces, value[last:]])

    def _matches(self, text: str) -> list[tuple[int, int, Known]]:
        matches = []
        for pattern, table, key in (
            (self._loose_re, self._loose, normalise),
            (self._exact_re, self._exact, str),
        ):
            if pattern is None:
                continue
            for match in pattern.finditer(text):
                entry = table.get(key(match.group()))
                if entry is not None:
                    matches.append((match.start(), match.end(), entry))
        return matches


def _alternation(table: dict[str, Known], flags: int) -> re.Pattern[str] | None:
    """One pattern for all forms, longest first; spaces match any run of white space."""
    if not table:
        return None
    forms = sorted({entry.text for entry in table.values()}, key=len, reverse=True)
    parts = [r"\s+".join(re.escape(word) for word in form.split()) for form in forms]
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)", flags)
