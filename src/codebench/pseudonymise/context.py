"""Places and people that only the words around them give away, for languages without deduce.

deduce knows Dutch places and names from its lists; in English (and any other language) the
rules read the context instead. Each cue is guarded by what usually follows it when it is not
a place or a name:

- a capitalised word after "in", "near" or "from" is a place ("in Leeds", "from Cardiff"), and
  so are those listed after it ("in Stockport and Oldham", "in Boston, Massachusetts"); not a
  word the project also writes in lower case ("in Practice"), an acronym ("in BASIC"), a
  possessive ("in Caroline's hands"), a nationality or language ("in Japanese", "in Italian"),
  a month, day or product (:data:`NOT_PLACES`), nor a first name after "from" or in a list
  ("an email from Sarah"; "in Sydney" stays a place);
- a first name standing alone is a person ("Raj did most of the work") where no other
  detection covers it: not one the project also writes in lower case ("Will", "May"), after
  an article ("the Artemis missions"), within a longer capitalised name ("Guitar Hero",
  "Kill Bill", "Martha's Vineyard") or before a number ("Mario 64").

Every guard drops detections rather than adding them: a name missed here can still be added
with ``--include``, and the review shows what was found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from codebench.pseudonymise.model import PERSON, PLACE, Detection
from codebench.pseudonymise.rules import CAPITALISED_RE, MONTHS, WORD, span

#: What stands before a sentence's first word: a word there is capitalised whatever it is.
SENTENCE_START = re.compile(r"(?:^|[.!?:;…]\s+|\n\s*|[\"'“‘(]\s*)$")
ARTICLE_BEFORE = re.compile(r"\b(?:het|de|een|the|a|an)\s+$", re.IGNORECASE)

PLACE_CUE_RE = re.compile(
    rf"(?<=[a-z\d,] )(?P<cue>in|near|from)[ \t]+(?P<place>{WORD}(?:[ \t-]{WORD})?)"
)
#: A place listed after the first: ", Oldham", " and Oldham", " or Oldham".
LISTED_RE = re.compile(rf"(?:,|,?[ \t]+(?:and|or))[ \t]+(?P<place>{WORD}(?:[ \t-]{WORD})?)")
NOT_PLACES = frozenset(
    f"""{MONTHS.replace("|", " ")} monday tuesday wednesday thursday friday saturday sunday
    english dutch french german spanish welsh scottish irish british european teams excel word
    outlook sharepoint copilot chatgpt python parliament government council addition fact
    general particular practice short total time""".split()
)
_POSSESSIVE = re.compile(r"['’]s$")
#: Languages and nationalities: "Japanese", "Portuguese", "Italian", "Canadian".
_DEMONYM = re.compile(r"(?:ese|ian)$")
_CAPITALISED_BEFORE = re.compile(rf"{WORD}[ \t]+$")
#: After a first name: a number ("Mario 64", "Windows 10") or a capitalised word the pairs of
#: first name and surname did not take ("Martha's Vineyard").
_NAME_GOES_ON = re.compile(rf"[ \t]+(?:\d|{WORD})")


def detect_in_context(
    text: str,
    first_names: frozenset[str],
    ordinary: frozenset[str],
    found: Sequence[Detection],
) -> list[Detection]:
    """Places after their cues, and first names alone where nothing in ``found`` (the other
    rules' detections) or among the places covers them; ``ordinary`` holds the words the
    project writes in lower case."""
    places = list(_places(text, first_names, ordinary))
    taken = [*found, *places]
    names = [
        name
        for name in _lone_first_names(text, first_names, ordinary)
        if all(name.end <= other.start or other.end <= name.start for other in taken)
    ]
    return places + names


def _places(
    text: str, first_names: frozenset[str], ordinary: frozenset[str]
) -> Iterator[Detection]:
    for match in PLACE_CUE_RE.finditer(text):
        names_too = match.group("cue") == "from"
        if _not_a_place(match.group("place"), first_names, ordinary, names_too=names_too):
            continue
        yield span(text, match.start("place"), match.end("place"), PLACE)
        end = match.end()
        while (listed := LISTED_RE.match(text, end)) is not None:
            if _not_a_place(listed.group("place"), first_names, ordinary, names_too=True):
                break
            yield span(text, listed.start("place"), listed.end("place"), PLACE)
            end = listed.end()


def _not_a_place(
    place: str, first_names: frozenset[str], ordinary: frozenset[str], *, names_too: bool
) -> bool:
    first = place.split()[0]
    return (
        place.casefold() in NOT_PLACES
        or first.isupper()  # an acronym, or "I"
        or _POSSESSIVE.search(place) is not None
        or _DEMONYM.search(first) is not None
        or (" " not in place and place.lower() in ordinary)
        or (names_too and first in first_names)
    )


def _lone_first_names(
    text: str, first_names: frozenset[str], ordinary: frozenset[str]
) -> Iterator[Detection]:
    for match in CAPITALISED_RE.finditer(text):
        name = _POSSESSIVE.sub("", match.group())
        if name not in first_names or name.lower() in ordinary:
            continue
        before = text[max(0, match.start() - 40) : match.start()]
        if ARTICLE_BEFORE.search(before) or _inside_a_name(before):
            continue
        if _NAME_GOES_ON.match(text, match.end()):
            continue
        yield Detection(match.start(), match.start() + len(name), PERSON, "rule", name)


def _inside_a_name(before: str) -> bool:
    """Whether a capitalised word stands right before, other than a sentence's first word."""
    previous = _CAPITALISED_BEFORE.search(before)
    return previous is not None and SENTENCE_START.search(before[: previous.start()]) is None
