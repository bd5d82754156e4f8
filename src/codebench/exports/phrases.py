"""The English sentences report tables carry, translated through the catalog.

:mod:`codebench.reports` builds each table's title, notes and filter summary in English with
its figures filled in ("20 respondents in scope; share = respondents / 20."). The exports
write them in the report's language: each such sentence is marked here as the template it is
made from, and :func:`translate` finds that template, translates it and fills in the same
values. A sentence no template matches is written as it is; ``tests/i18n`` checks that every
sentence the registered tables and the filters produce has a translation, so a sentence
changed in ``reports/`` without its template here fails a test rather than reaching a Dutch
report in English.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from functools import cache

from codebench.i18n import N_

TEMPLATES: tuple[str, ...] = (
    # The filter summary (reports.model.Filters.describe).
    N_("none"),
    N_("all codes"),
    N_("all documents"),
    N_("all respondents"),
    N_("all coders: {names} (union: a passage counted once)"),
    N_("{names} (union: a passage counted once)"),
    # Titles of tables without a caption in the registry.
    N_("Exemplar quotes"),
    # Notes (reports.tables).
    N_("{total} respondents in scope; share = respondents / {total}."),
    N_("Interviewer passages are counted apart and never credited to a respondent."),
    N_("An interview counts under each value its respondents have."),
    N_("A group's row counts every code below it."),
    N_(
        "Per code and respondent: the passage the coder starred as exemplar (the first, if "
        "several); otherwise the longest passage of at most {words} words, or the shortest if "
        "all are longer; ties go to the earliest in document order."
    ),
    N_("Diagonal: {unit} with that code. Off the diagonal: with both codes."),
    N_("sentence units"),
    N_("turns"),
    N_("overlapping passages"),
)


def translate(text: str, gettext: Callable[[str], str]) -> str:
    """``text`` in the catalog's language when a template made it, else unchanged.

    The values a template's fields matched are translated too when they are templates
    themselves ("turns" in a note on co-occurrence of turns); names and figures are not."""
    for template, pattern in _patterns():
        match = pattern.fullmatch(text)
        if match is None:
            continue
        values = {
            name: gettext(value) if value in _LITERALS else value
            for name, value in match.groupdict().items()
        }
        return gettext(template).format(**values)
    return text


_LITERALS = frozenset(template for template in TEMPLATES if "{" not in template)


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each template as a pattern: its text literally, each field as a lazy group (a field
    used twice must match the same text twice)."""
    compiled = []
    for template in TEMPLATES:
        parts: list[str] = []
        seen: set[str] = set()
        for literal, field, _spec, _conversion in string.Formatter().parse(template):
            parts.append(re.escape(literal))
            if field is None:
                continue
            parts.append(f"(?P={field})" if field in seen else f"(?P<{field}>.+?)")
            seen.add(field)
        compiled.append((template, re.compile("".join(parts), re.DOTALL)))
    return tuple(compiled)
