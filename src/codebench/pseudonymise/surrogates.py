"""Consistent surrogates: the same entity gets the same label in every document of a project.

Labels count per category ("[PERSOON-1]", "[PERSOON-2]", "[LOCATIE-1]") in the vocabulary of
the project's language, chosen once and kept, and numbered in the order a reader meets the
entities: "[PERSOON-1]" is the first person the first document names. A person mentioned by
first name or surname only ("De Boer") gets the label of the one known person of that name;
when two known people share it, the mention gets a label of its own rather than a guess. The
table is what the key file holds: every label with the forms it replaced, so the owner can
re-identify.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from codebench.pseudonymise.known import person_aliases
from codebench.pseudonymise.model import CATEGORIES, LABEL_WORDS, PERSON, Detection, normalise

KEY_FORMAT = "codebench-pseudonymisation-key"
KEY_VERSION = 1


class SurrogateTable:
    """Labels by entity, and the forms each label stands for."""

    def __init__(self, language: str) -> None:
        if language not in LABEL_WORDS:
            raise ValueError(f"no surrogate vocabulary for {language!r}")
        self.language = language
        self._labels: dict[tuple[str, str], str] = {}
        self._forms: dict[str, list[str]] = {}
        self._categories: dict[str, str] = {}
        self._aliases: dict[str, set[str]] = defaultdict(set)
        self._counts: dict[str, int] = defaultdict(int)
        self._made: list[str] = []
        """Labels made here rather than read from a key: :meth:`renumber` may change them."""

    def label(self, detection: Detection) -> str:
        """The label of the entity ``detection`` mentions, made if the entity is new."""
        key = (detection.category, normalise(detection.canonical or detection.text))
        label = self._labels.get(key)
        if label is None and detection.category == PERSON:
            candidates = self._aliases.get(key[1], set())
            label = next(iter(candidates)) if len(candidates) == 1 else None
        if label is None:
            label = self._new(detection.category, detection.canonical or detection.text)
        self._add_form(label, detection.text)
        return label

    def assign(self, detections: Iterable[Detection]) -> None:
        """Give every entity a label: full names first, so a later "De Boer" finds its person.
        The numbers follow that order until :meth:`renumber` puts them in reading order."""
        ordered = sorted(detections, key=lambda d: (d.category != PERSON, -len(d.text.split())))
        for detection in ordered:
            self.label(detection)

    def forms(self) -> dict[str, tuple[str, str]]:
        """Every replaced form: its label and category."""
        return {
            form: (label, self._categories[label])
            for label, forms in self._forms.items()
            for form in forms
        }

    def labels(self) -> list[str]:
        return list(self._forms)

    def renumber(self, mentions: Iterable[str]) -> None:
        """Number the labels made here per category in the order of their first place in
        ``mentions`` (the labels of the replacements in reading order), so numbers follow the
        text rather than the order entities were resolved in; labels never mentioned follow in
        the order they were made. A key's labels keep their numbers: earlier runs used them."""
        first = [label for label in dict.fromkeys(mentions) if label in self._made]
        ranked = list(dict.fromkeys([*first, *self._made]))
        free: dict[str, list[int]] = defaultdict(list)
        for label in self._made:
            free[self._categories[label]].append(_number(label))
        slots = {category: iter(sorted(numbers)) for category, numbers in free.items()}
        renamed = {}
        for label in ranked:
            category = self._categories[label]
            renamed[label] = self._text(category, next(slots[category]))
        self._labels = {key: renamed.get(label, label) for key, label in self._labels.items()}
        kept = {label: forms for label, forms in self._forms.items() if label not in renamed}
        self._forms = kept | {renamed[label]: self._forms[label] for label in ranked}
        self._categories = {renamed.get(label, label): c for label, c in self._categories.items()}
        for alias, labels in self._aliases.items():
            self._aliases[alias] = {renamed.get(label, label) for label in labels}
        self._made = [renamed[label] for label in ranked]

    def _text(self, category: str, number: int) -> str:
        return f"[{LABEL_WORDS[self.language][category]}-{number}]"

    def _new(self, category: str, canonical: str) -> str:
        self._counts[category] += 1
        label = self._text(category, self._counts[category])
        self._labels[(category, normalise(canonical))] = label
        self._forms[label] = []
        self._categories[label] = category
        self._made.append(label)
        if category == PERSON:
            for alias in person_aliases(canonical):
                self._aliases[normalise(alias)].add(label)
        return label

    def _add_form(self, label: str, form: str) -> None:
        category = self._categories[label]
        self._labels.setdefault((category, normalise(form)), label)
        if form not in self._forms[label]:
            self._forms[label].append(form)

    def to_json(self) -> dict[str, Any]:
        """The key: every label with its category and the forms it replaced."""
        return {
            "format": KEY_FORMAT,
            "version": KEY_VERSION,
            "language": self.language,
            "entities": [
                {"label": label, "category": self._categories[label], "forms": forms}
                for label, forms in self._forms.items()
            ],
        }

    def record(self, label: str, category: str, form: str) -> None:
        """Note that ``label`` (given when the replacements were planned) replaced ``form``."""
        if label not in self._forms:
            if category not in CATEGORIES:
                raise ValueError(f"unknown category {category!r} of {label!r}")
            self._counts[category] = max(self._counts[category], _number(label))
            self._forms[label] = []
            self._categories[label] = category
            if category == PERSON:
                for alias in person_aliases(form):
                    self._aliases[normalise(alias)].add(label)
        self._add_form(label, form)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SurrogateTable:
        """A table read back from a key; ValueError when it is not one."""
        if data.get("format") != KEY_FORMAT or data.get("version") != KEY_VERSION:
            raise ValueError("not a codebench pseudonymisation key")
        table = cls(str(data.get("language")))
        for entity in data.get("entities", []):
            for form in entity["forms"]:
                table.record(entity["label"], entity["category"], form)
        return table


def _number(label: str) -> int:
    """The number of a label ("[PERSOON-3]": 3)."""
    return int(label.rstrip("]").rsplit("-", 1)[1])
