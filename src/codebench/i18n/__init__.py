"""The words codebench writes into report files, in Dutch or English, from gettext catalogs.

Messages are marked in the source in English (``gettext("Selection")``, ``N_("Theme")`` for a
word looked up later) and translated by the catalogs beside this module:
``locale/messages.pot`` (the template, extracted from the source), ``locale/<lang>/LC_MESSAGES/
messages.po`` (the translations) and the compiled ``messages.mo`` the program reads. Run time
needs only the standard library's :mod:`gettext`; Babel is the tool that keeps the catalogs
(a test dependency), so an installed codebench does not carry it.

A sentence with figures in it is marked where it is made, its values passed apart:
``N_("{total} respondents in scope; ...", total=20)`` is a :class:`~.phrase.Phrase`, English
text that keeps its message and fields, so an export says it from the catalog (no English
sentence is ever matched back to its message). The report tables of :mod:`codebench.reports`
and :mod:`codebench.agreement` carry their titles, notes, filter values and the column names
and cells they name in ``phrases`` this way; a registered table's caption and sheet name are
messages of the registry, filled in with its title's fields.

After marking, changing or removing a message (the tests in ``tests/i18n`` fail until done),
from the repository's root (``babel.cfg`` names the files below it)::

    pybabel extract -F babel.cfg --no-location --sort-output \\
        -o src/codebench/i18n/locale/messages.pot .
    pybabel update -i src/codebench/i18n/locale/messages.pot -d src/codebench/i18n/locale \\
        --no-fuzzy-matching --ignore-obsolete
    # translate the new entries in nl/LC_MESSAGES/messages.po (the English catalog may leave
    # msgstr empty: the English message is then the text)
    pybabel compile -d src/codebench/i18n/locale

A message must not hold "%" before a letter Python's %-format reads as a conversion ("95%
interval"): Babel then flags it python-format and refuses a translation without the same
placeholder ("95% CI" is safe).

Which language a report is written in: the one chosen for this export (``codebench export
--lang``, :func:`chosen_language`), else the interviews'; any other language than those with
a catalog reads English. The catalogs are for report files only (DOCX, XLSX, and CSV and
Markdown written by ``export``): the program's own interface is English, so what the command
line prints (``codebench report``, ``agree``, their ``--format md|csv|json`` output too) and
the TUI show the English text of the same phrases, and JSON keeps the program's names.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import TYPE_CHECKING

from codebench.i18n.phrase import Field, Phrase

if TYPE_CHECKING:
    import gettext

LANGUAGES = ("en", "nl")
"""The languages with a catalog; English is the language messages are written in."""
SOURCE_LANGUAGE = "en"
DOMAIN = "messages"

_CHOSEN: ContextVar[str | None] = ContextVar("codebench_report_language", default=None)


def N_(message: str, /, **fields: Field) -> Phrase:
    """Mark ``message`` for the catalog where it is defined (the name gettext tools look
    for); it is translated where it is used. With ``fields``, the phrase they fill in: the
    English text, which a report file says in its language (:class:`Phrase`)."""
    return Phrase(message, fields)


def base_language(tag: str) -> str:
    """The catalog for a language tag: "nl-NL" and "nl_BE" read Dutch, unknown ones English."""
    base = tag.replace("_", "-").split("-")[0].casefold()
    return base if base in LANGUAGES else SOURCE_LANGUAGE


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog of ``language`` (a tag as :func:`base_language` reads it).

    Read through :mod:`importlib.resources`, so it works from a wheel as from a checkout
    (both imported here: the command line names the languages without loading them)."""
    import gettext
    from importlib import resources

    catalog = resources.files(__name__).joinpath(
        "locale", base_language(language), "LC_MESSAGES", f"{DOMAIN}.mo"
    )
    with catalog.open("rb") as handle:
        return gettext.GNUTranslations(handle)


@contextmanager
def chosen_language(language: str | None) -> Iterator[None]:
    """Write the reports made inside this block in ``language`` (None: the interviews').

    The command line's ``--lang`` reaches the export writers this way, without every service
    between the command and the writer passing it on."""
    token = _CHOSEN.set(language)
    try:
        yield
    finally:
        _CHOSEN.reset(token)


def report_language(interviews: str) -> str:
    """The catalog a report is written with: the chosen language, else the interviews'."""
    return base_language(_CHOSEN.get() or interviews)
