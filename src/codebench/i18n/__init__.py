"""The words codebench writes into report files, in Dutch or English, from gettext catalogs.

Messages are marked in the source in English (``gettext("Selection")``, ``N_("Theme")`` for a
word looked up later) and translated by the catalogs beside this module:
``locale/messages.pot`` (the template, extracted from the source), ``locale/<lang>/LC_MESSAGES/
messages.po`` (the translations) and the compiled ``messages.mo`` the program reads. Run time
needs only the standard library's :mod:`gettext`; Babel is the tool that keeps the catalogs
(a test dependency), so an installed codebench does not carry it.

After marking, changing or removing a message (the tests in ``tests/i18n`` fail until done)::

    pybabel extract -F babel.cfg --no-location --sort-output \\
        -o src/codebench/i18n/locale/messages.pot src/codebench
    pybabel update -i src/codebench/i18n/locale/messages.pot -d src/codebench/i18n/locale \\
        --no-fuzzy-matching
    # translate the new entries in nl/LC_MESSAGES/messages.po (the English catalog may leave
    # msgstr empty: the English message is then the text)
    pybabel compile -d src/codebench/i18n/locale

Which language a report is written in: the one chosen for this export (``codebench export
--lang``, :func:`chosen_language`), else the interviews' language; any other language than
those with a catalog reads English.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext

LANGUAGES = ("en", "nl")
"""The languages with a catalog; English is the language messages are written in."""
SOURCE_LANGUAGE = "en"
DOMAIN = "messages"

_CHOSEN: ContextVar[str | None] = ContextVar("codebench_report_language", default=None)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog where it is defined; it is translated where used
    (the name gettext tools look for)."""
    return message


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
