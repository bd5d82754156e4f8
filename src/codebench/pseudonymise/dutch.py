"""Dutch detection with deduce, the maintained Dutch de-identification library.

deduce's own constructor builds every lookup list it ships, 150,000 street names and 49,000
care institutions among them: two minutes the first time, then an 80 MB pickle written into
its own package folder (or refused, on a read-only install) that takes ~15 s to load. Interview
transcripts need neither list, so this module builds deduce's pipeline from the lists that
matter here (first names, surnames, place names, hospitals and the whitelists that keep common
words out) in about three seconds, in memory, with no cache file and no network, once per
process. The age annotator is left out too: "twintig jaar ervaring" is content, not identity.

deduce ships no type information, so it is imported through :mod:`importlib` as ``Any``.
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from typing import Any

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
from codebench.pseudonymise.rules import POSTCODE_RE

#: The lists deduce would build that interviews do not need (and that cost the two minutes).
_SKIPPED_LISTS = ("locations/lst_street", "institutions/lst_healthcare_institution")
#: Annotators that need a skipped list, clinical metadata, or that would take content (ages).
_SKIPPED_ANNOTATORS = frozenset({"street_lookup", "institution", "patient_name", "age"})
_PLAIN_SETS = (
    "common_word",
    "medical_term",
    "stop_word",
    "initial",
    "interfix_surname",
    "hospital_abbr",
)
_TRIES = ("first_name", "surname", "placename", "hospital", "eponymous_disease")
#: deduce's tags, by the category they are replaced as (tags deduce merges, like
#: "voornaam+achternaam", are turned into "persoon" by deduce itself).
_TAGS = {
    "persoon": PERSON,
    "patient": PERSON,
    "locatie": PLACE,
    "ziekenhuis": ORGANISATION,
    "zorginstelling": ORGANISATION,
    "datum": DATE,
    "telefoonnummer": PHONE,
    "emailadres": EMAIL,
    "url": URL,
    "bsn": ID,
    "id": ID,
}


def detect_dutch(text: str) -> list[Detection]:
    """The spans deduce finds in ``text``, in codebench's categories (unknown tags dropped).

    A person's span starts at the name ("collega Pieter Jansen" keeps "collega") and ends
    with its sentence, and a place written with its postcode is two spans, so "Zwolle" is one
    place wherever it is."""
    document = _deidentifier().deidentify(text)
    found: list[Detection] = []
    for annotation in document.annotations:
        category = _TAGS.get(annotation.tag)
        if category is None:
            continue
        start, end = annotation.start_char, annotation.end_char
        if category == PERSON:
            found += _sentences(text, _after_prefix(text, start, end), end)
        elif category == PLACE:
            found += _split_postcode(text, start, end)
        elif start < end:
            found.append(Detection(start, end, category, "deduce", text[start:end]))
    return sorted(found)


def _after_prefix(text: str, start: int, end: int) -> int:
    """Where a name begins after the titles deduce includes ("dhr.", "collega", "de heer")."""
    while True:
        match = _PREFIX_RE.match(text, start, end)
        if match is None:
            return start
        start = match.end()


def _sentences(text: str, start: int, end: int) -> list[Detection]:
    """A person's span cut where a sentence ends inside it: deduce joins neighbouring names
    across a full stop ("Mooi. Pas" from two sentences), and each part is judged alone."""
    parts, first = [], start
    for stop in _SENTENCE_END.finditer(text, start, end):
        parts.append((first, stop.start()))
        first = stop.end()
    parts.append((first, end))
    return [Detection(s, e, PERSON, "deduce", text[s:e]) for s, e in parts if s < e]


def _split_postcode(text: str, start: int, end: int) -> list[Detection]:
    """A place span as its postcode (an identifier) and the places around it."""
    postcode = POSTCODE_RE.search(text, start, end)
    if postcode is None:
        return [Detection(start, end, PLACE, "deduce", text[start:end])]
    parts = [
        Detection(postcode.start(), postcode.end(), ID, "deduce", postcode.group()),
    ]
    for piece in ((start, postcode.start()), (postcode.end(), end)):
        match = _PLACE_PIECE.search(text, *piece)
        if match is not None:
            parts.append(Detection(match.start(), match.end(), PLACE, "deduce", match.group()))
    return parts


_PREFIX_RE = re.compile(
    r"(?i:collega|de heer|dhr|meneer|mijnheer|mevrouw|mevr|mw|mej|dr|drs|ir|ing|mr|prof|ds)"
    r"\.?\s+"
)
_SENTENCE_END = re.compile(r"(?<=\w\w)[.!?]\s+")
_PLACE_PIECE = re.compile(r"\w[\w .'-]*\w|\w")


@cache
def _deidentifier() -> Any:
    """deduce's pipeline over the lists interviews need, built once per process."""
    docdeid = importlib.import_module("docdeid")
    frozendict = importlib.import_module("frozendict").frozendict
    deduce = importlib.import_module("deduce.deduce")
    path = deduce._LOOKUP_LIST_PATH
    config = dict(deduce.Deduce._initialize_config(load_base_config=True))
    annotators = config["annotators"]
    config["annotators"] = {
        name: spec for name, spec in annotators.items() if name not in _SKIPPED_ANNOTATORS
    }
    tokenizer = deduce.Deduce._initialize_tokenizer(path)
    deidentifier = docdeid.DocDeid()
    deidentifier.tokenizers["default"] = tokenizer
    extras = {"tokenizer": tokenizer, "ds": _lookup_structs(docdeid, path, tokenizer)}
    deidentifier.processors = deduce._DeduceProcessorLoader().load(
        config=frozendict(config), extras=extras
    )
    return deidentifier


def _lookup_structs(docdeid: Any, path: Any, tokenizer: Any) -> Any:
    """The lookup sets and tries deduce's annotators read, as deduce builds them."""
    structs = importlib.import_module("deduce.lookup_structs")
    loaders = importlib.import_module("deduce.lookup_struct_loader")
    lists = [name for name in structs.all_lists if name not in _SKIPPED_LISTS]
    raw = structs.load_raw_itemsets(base_path=path, subdirs=lists)
    collection = docdeid.ds.DsCollection()
    for name in _PLAIN_SETS:
        lookup = docdeid.ds.LookupSet()
        lookup.add_items_from_iterable(raw[name])
        collection[name] = lookup
    collection["prefix"] = loaders.load_prefix_lookup(raw)
    collection["interfix"] = loaders.load_interfix_lookup(raw)
    collection["whitelist"] = loaders.load_whitelist_lookup(raw)
    for name in _TRIES:
        collection[name] = getattr(loaders, f"load_{name}_lookup")(raw, tokenizer)
    return collection
