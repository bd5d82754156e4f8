"""Detection by rules, for every language: contact details, identifiers, dates and the names
that context gives away (after a title, a name cue or as a repeated speaker label).

No model and no download: each rule is a regular expression, some with a check behind it
(IBAN mod-97, the Dutch "elfproef" of BSN numbers), so English and other transcripts get the
detections that do not need a trained recogniser, and Dutch ones get them on top of deduce's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

from codebench.pseudonymise.model import (
    DATE,
    EMAIL,
    ID,
    ORGANISATION,
    PERSON,
    PHONE,
    PLACE,
    URL,
    Detection,
)

_UPPER = "A-ZÀ-ÖØ-Þ"
WORD = rf"[{_UPPER}][\w'’-]*"  # a capitalised word
_PARTICLE = r"(?:van|de|der|den|het|ten|ter|te|von|da|di|du|le|la|o'|mc)"
#: A person's name: capitalised words, initials and particles ("J. van der Berg", "Sarah Ng").
_NAME = rf"(?:[{_UPPER}]\.[ \t]?)*{WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{WORD}){{0,3}}"

MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "january|february|march|may|june|july|august|october|"
    "jan|feb|mrt|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec"
)

EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
URL_RE = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"'()\[\]]+"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|nl|uk|eu|gov|edu|io|be|de)\b(?:/[^\s<>\"']*)?"
)
PHONE_RE = re.compile(
    r"(?<![\w+])(?:"
    r"(?:\+|00)\d{1,3}[ .-]?(?:\(0\)[ .-]?)?\d(?:[ .-]?\d){6,11}"  # +31 6 1234 5678
    r"|\(0\d{1,4}\)[ .-]?\d(?:[ .-]?\d){4,8}"  # (020) 123 4567
    r"|0\d{1,4}[ .-]?\d(?:[ .-]?\d){5,8}"  # 06-12345678, 01622 694000
    r"|\(\d{3}\)\s?\d{3}-\d{4}|\d{3}-\d{3}-\d{4}"  # (555) 123-4567, 555-123-4567
    r")(?![\w-])"
)
IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
BSN_RE = re.compile(r"(?<![\d.-])(?:\d{9}|\d{4}[ .]\d{2}[ .]\d{3}|\d{3}\.\d{3}\.\d{3})(?![\d-])")
POSTCODE_RE = re.compile(r"\b[1-9]\d{3} ?(?!SA|SD|SS|AI|EU|IT|VS|UK|US|HR)[A-Z]{2}(?![\w-])")
UK_POSTCODE_RE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b")
DATE_RES = (
    re.compile(rf"(?i)\b\d{{1,2}}(?:st|nd|rd|th|e)?[ \t]+(?:{MONTHS})\.?[ \t]+\d{{4}}\b"),
    re.compile(rf"(?i)\b(?:{MONTHS})\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+\d{{4}}\b"),
    re.compile(r"(?<![\d/.-])\d{1,2}([-/.])\d{1,2}\1(?:19|20)\d{2}(?![\d/.-])"),
    re.compile(r"(?<![\d/.-])(?:19|20)\d{2}-\d{2}-\d{2}(?![\d/.-])"),
)
_TITLES = (
    "mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame|lord|lady|councillor|cllr|mayor|"
    "meneer|mevrouw|mevr|dhr|mw|heer|wethouder|burgemeester|gedeputeerde|drs|ir|ing"
)
TITLE_RE = re.compile(rf"(?i:\b(?:{_TITLES}))\.?[ \t]+(?P<name>{_NAME})")
CUE_RE = re.compile(
    rf"(?i:\b(?:my name is|mijn naam is|ik heet|my colleague|colleague|mijn collega|collega"
    rf"|leidinggevende|manager|director|directeur|officer|adviser|advisor|adviseur|chair"
    rf"|voorzitter|coordinator|coördinator|boss))[,:]?[ \t]+(?:(?i:{_TITLES})\.?[ \t]+)?"
    rf"(?P<name>{_NAME})"
)
LABEL_RE = re.compile(
    rf"^[ \t]*(?P<name>{_NAME})[ \t]*(?:\([^)\n]*\))?[ \t]*(?:\[[\d:.,]+\])?[ \t]*:", re.M
)
#: Labels that say a role, not who: never replaced as a name.
GENERIC_LABELS = frozenset(
    """interviewer interviewster interview respondent speaker spreker deelnemer participant
    moderator onderzoeker vraag antwoord question answer note noot datum date locatie location
    plaats tijd time duur duration q a i r b p""".split()
)
_ORGANISATION_HEADS = (
    "gemeente|provincie|ministerie van|waterschap|hoogheemraadschap|universiteit|hogeschool"
    "|stichting|vereniging|veiligheidsregio|omgevingsdienst|ggd|university of|ministry of"
    "|department (?:of|for)|city of|county of|borough of"
)
ORGANISATION_HEAD_RE = re.compile(
    rf"(?i:\b(?:{_ORGANISATION_HEADS}))[ \t]+(?:(?:{_PARTICLE}|en|and|the|voor|for)[ \t]+)*"
    rf"{WORD}(?:[ \t]+(?:(?:en|and|&|voor|for)[ \t]+)?{WORD})*"
)
ORGANISATION_TAIL_RE = re.compile(
    rf"\b(?!(?:The|Our|This|That|An?|De|Het|Onze?|Een)\b)"
    rf"{WORD}(?:[ \t]+(?:(?:and|&|en)[ \t]+)?{WORD}){{0,4}}[ \t]+"
    r"(?:B\.V\.|BV|N\.V\.|NV|Ltd\.?|Limited|Inc\.?|LLC|plc|GmbH|Foundation|Trust|Agency"
    r"|County Council|City Council|District Council|Borough Council|Council|Hospital|Ziekenhuis)"
    r"(?!\w)"
)
#: Public bodies that interviews in government name without a head word.
PUBLIC_BODIES = re.compile(
    r"\b(?:Rijkswaterstaat|Belastingdienst|Kadaster|UWV|DUO|SVB|RIVM|CBS|IND|CJIB|RVO|Logius"
    r"|ICTU|VNG|Dienst Justitiële Inrichtingen|Rijksvastgoedbedrijf|Nationale Politie)\b"
)
#: A place written next to a postcode: "8011 PK Zwolle", "Maidstone, ME14 1XQ".
PLACE_AFTER_POSTCODE_RE = re.compile(rf"\b[1-9]\d{{3}} ?[A-Z]{{2}},?[ \t]+(?P<place>{WORD})")
PLACE_BEFORE_POSTCODE_RE = re.compile(
    rf"(?P<place>{WORD}(?:[ \t]+{WORD})?),?[ \t]+[A-Z]{{1,2}}\d[A-Z\d]? \d[A-Z]{{2}}\b"
)
ADDRESS_RE = re.compile(
    rf"\b\d{{1,4}}[a-z]?[ \t]+{WORD}(?:[ \t]+{WORD}){{0,3}}[ \t]+"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Square|Drive|Place|Close|Way|Crescent|Terrace)\b"
)


def detect_rules(text: str, first_names: frozenset[str] = frozenset()) -> list[Detection]:
    """Every span the rules find in ``text`` (they may overlap; the caller picks).

    ``first_names``: a first name followed by a capitalised word is a person ("Tom Hughes").
    Places and names only context gives away are :mod:`~codebench.pseudonymise.context`'s."""
    found: list[Detection] = []
    for category, pattern, check in _PATTERNS:
        for match in pattern.finditer(text):
            if check is None or check(match.group()):
                found.append(span(text, match.start(), match.end(), category))
    for pattern in (TITLE_RE, CUE_RE):
        for match in pattern.finditer(text):
            found.append(span(text, match.start("name"), match.end("name"), PERSON))
    found.extend(_speaker_labels(text))
    found.extend(_places(text))
    if first_names:
        found.extend(_first_name_pairs(text, first_names))
    return sorted(found)


def _places(text: str) -> Iterator[Detection]:
    for pattern in (PLACE_AFTER_POSTCODE_RE, PLACE_BEFORE_POSTCODE_RE):
        for match in pattern.finditer(text):
            yield span(text, match.start("place"), match.end("place"), PLACE)


CAPITALISED_RE = re.compile(rf"(?<![\w'’-]){WORD}")
_SURNAME_RE = re.compile(rf"[ \t]+(?:{_PARTICLE}[ \t]+)*[{_UPPER}][\w'’-]+")


def _first_name_pairs(text: str, first_names: frozenset[str]) -> Iterator[Detection]:
    """A known first name and the capitalised surname after it."""
    for match in CAPITALISED_RE.finditer(text):
        if match.group() in first_names:
            surname = _SURNAME_RE.match(text, match.end())
            if surname is not None:
                yield span(text, match.start(), surname.end(), PERSON)


def span(text: str, start: int, end: int, category: str) -> Detection:
    while end > start and text[end - 1] in ".,;:!?)":
        end -= 1
    return Detection(start, end, category, "rule", text[start:end])


def _speaker_labels(text: str) -> Iterator[Detection]:
    """Names used as speaker labels: two words or more, or one word used as a label twice."""
    matches = [m for m in LABEL_RE.finditer(text) if not _generic(m.group("name"))]
    seen = Counter(m.group("name") for m in matches)
    for match in matches:
        name = match.group("name")
        if " " in name or seen[name] > 1:
            yield span(text, match.start("name"), match.end("name"), PERSON)


def _generic(label: str) -> bool:
    return any(word.casefold() in GENERIC_LABELS for word in label.split())


def iban_valid(value: str) -> bool:
    """The ISO 13616 check: the rearranged number is 1 modulo 97."""
    compact = value.replace(" ", "")
    digits = "".join(str(int(c, 36)) for c in compact[4:] + compact[:4])
    return int(digits) % 97 == 1


def bsn_valid(value: str) -> bool:
    """The Dutch "elfproef" every BSN passes (weights 9..2, the last digit -1)."""
    digits = [int(c) for c in value if c.isdigit()]
    total = sum(w * d for w, d in zip(range(9, 1, -1), digits[:8], strict=True)) - digits[8]
    return total % 11 == 0 and total > 0


def _not_email(value: str) -> bool:
    return "@" not in value


_PATTERNS: tuple[tuple[str, re.Pattern[str], Callable[[str], bool] | None], ...] = (
    (EMAIL, EMAIL_RE, None),
    (URL, URL_RE, _not_email),
    (PHONE, PHONE_RE, lambda value: sum(c.isdigit() for c in value) >= 9),
    (ID, IBAN_RE, iban_valid),
    (ID, BSN_RE, bsn_valid),
    (ID, POSTCODE_RE, None),
    (ID, UK_POSTCODE_RE, None),
    *((DATE, pattern, None) for pattern in DATE_RES),
    (ORGANISATION, ORGANISATION_HEAD_RE, None),
    (ORGANISATION, ORGANISATION_TAIL_RE, None),
    (ORGANISATION, PUBLIC_BODIES, None),
    (PLACE, ADDRESS_RE, None),
)
