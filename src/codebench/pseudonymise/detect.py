"""One list of spans to replace in a text: every detector's finds, filtered and made disjoint.

Known names (the project's list) always count; rules find contact details, identifiers,
dates and names in context in every language; deduce adds Dutch names, places and dates, and
in other languages the context rules add places after "in" or "from" and first names alone
(:mod:`~codebench.pseudonymise.context`).
Where spans overlap, the longer wins ("gemeente Deventer" over "Deventer"), then the detector
that knows more (known names, rules, deduce). Words the user excluded are never replaced.
deduce sometimes takes a capitalised word for a name ("Pas toen ...", "Mooi.", "als Rijk"): a
one-word name that is a frequent Dutch word, or that starts a sentence and is written in lower
case elsewhere in the project, is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from codebench.pseudonymise.context import ARTICLE_BEFORE, SENTENCE_START, detect_in_context
from codebench.pseudonymise.gazetteer import common_dutch_words, first_names
from codebench.pseudonymise.known import KnownNames
from codebench.pseudonymise.model import PERSON, SOURCE_RANK, Detection, normalise
from codebench.pseudonymise.rules import detect_rules

_LOWER_WORD = re.compile(r"(?<![\w-])[^\W\d_A-ZÀ-ÖØ-Þ][^\W\d_]*(?![\w-])")


def lowercase_words(texts: Iterable[str]) -> frozenset[str]:
    """The words written in lower case somewhere in ``texts`` (so: ordinary words)."""
    words: set[str] = set()
    for text in texts:
        words.update(_LOWER_WORD.findall(text))
    return frozenset(words)


def detect(
    text: str,
    language: str,
    known: KnownNames,
    *,
    exclude: frozenset[str] = frozenset(),
    ordinary: frozenset[str] = frozenset(),
) -> list[Detection]:
    """The spans to replace in ``text``, disjoint and in order.

    ``language`` picks deduce for Dutch; ``exclude`` holds normalised words never replaced;
    ``ordinary`` the lower-case words of the project (see :func:`lowercase_words`)."""
    if language.casefold().startswith("nl"):
        from codebench.pseudonymise.dutch import detect_dutch

        found = detect_rules(text)
        found += [d for d in detect_dutch(text) if not _ordinary_word(text, d, ordinary)]
    else:
        found = detect_rules(text, first_names())
        found += detect_in_context(text, first_names(), ordinary, found)
    found += known.find(text)
    return disjoint(d for d in found if d.text.strip() and normalise(d.text) not in exclude)


def disjoint(detections: Iterable[Detection]) -> list[Detection]:
    """Overlaps resolved: the longest span first, then the surest detector, then the earliest."""
    ranked = sorted(
        detections, key=lambda d: (-(d.end - d.start), -SOURCE_RANK.get(d.source, 0), d.start)
    )
    taken: list[Detection] = []
    for detection in ranked:
        if all(detection.end <= t.start or t.end <= detection.start for t in taken):
            taken.append(detection)
    return sorted(taken)


def _ordinary_word(text: str, detection: Detection, ordinary: frozenset[str]) -> bool:
    """A one-word "name" that is a frequent Dutch word ("als Rijk"), follows an article, or
    starts a sentence and is written in lower case elsewhere in the project.

    A known person is still replaced under such a name: the project's list and the full names
    found elsewhere are matched apart from deduce."""
    if detection.category != PERSON or " " in detection.text.strip():
        return False
    word = detection.text.casefold()
    before = text[max(0, detection.start - 40) : detection.start]
    if word in common_dutch_words() or ARTICLE_BEFORE.search(before):
        return True
    return word in ordinary and bool(SENTENCE_START.search(before))
