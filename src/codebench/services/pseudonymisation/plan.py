"""Planning a pseudonymisation: every replacement it would make, read-only.

Detection runs outside any transaction (deduce takes seconds). Two passes make replacement
consistent: the first finds entities per document and gives each a label; the second looks
for every form found anywhere (and every form in the key from earlier runs) in every document,
so a name detected in one interview is replaced where a detector missed it in another. Only
then are the new labels numbered, in the order the replacements stand in the documents. The
plan is what ``--dry-run`` lists and the review screen shows, and what :mod:`.apply` writes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from codebench.errors import CodebenchError
from codebench.pseudonymise.detect import detect, disjoint, lowercase_words
from codebench.pseudonymise.gazetteer import common_dutch_words
from codebench.pseudonymise.known import Known, KnownNames, with_aliases
from codebench.pseudonymise.model import Detection, normalise
from codebench.pseudonymise.surrogates import SurrogateTable
from codebench.services.project import Project
from codebench.services.pseudonymisation.keys import (
    KEY_FILE,
    Corrections,
    key_folder,
    read_corrections,
    read_key,
    write_corrections,
)
from codebench.services.pseudonymisation.sources import (
    Source,
    context,
    labels_language,
    parse_include,
    project_names,
    read_documents,
    removed_documents,
    was_pseudonymised,
)


@dataclass(frozen=True)
class Finding:
    """One replacement: where, what, as which category and surrogate, and its context."""

    document_id: int
    document: str
    start: int
    end: int
    text: str
    category: str
    surrogate: str
    before: str
    after: str


@dataclass(frozen=True)
class Always:
    """A name from the project's own list: replaced wherever it is, also outside the text."""

    text: str
    category: str
    surrogate: str


@dataclass(frozen=True)
class Plan:
    """What a pseudonymisation would do; applying it checks the texts are still these."""

    findings: tuple[Finding, ...]
    documents: tuple[tuple[int, str, str], ...]  # id, name, sha256 of the text read
    always: tuple[Always, ...]
    language: str
    key_folder: Path
    #: Words the documents also use in lower case: as a name, matched only as written.
    ordinary: frozenset[str]

    def categories(self) -> dict[str, int]:
        return count_categories(self.findings)


def plan_pseudonymisation(
    project: Project,
    documents: Sequence[str] = (),
    *,
    exclude: Sequence[str] = (),
    include: Sequence[str] = (),
) -> Plan:
    """Every replacement pseudonymising ``documents`` (all when empty) would make.

    ``exclude`` and ``include`` correct the detection and are remembered for later runs (in
    the corrections file beside the key, since included words are names)."""
    folder = key_folder(project)
    corrections = read_corrections(folder)
    if exclude or include:
        corrections = corrections.merged(tuple(exclude), parse_include(include))
        write_corrections(folder, corrections)
    key = read_key(folder)
    with project.reading() as session:
        if key is None and was_pseudonymised(session):
            raise CodebenchError(
                f"{folder / KEY_FILE}: this project was pseudonymised before and its key is "
                "not here; put the key back to keep the labels consistent"
            )
        sources = read_documents(session, documents)
        removed = [] if documents else removed_documents(session)
        names = project_names(session, corrections.include)
        language = key.language if key is not None else labels_language(session)
    table = key or SurrogateTable(language)
    return _plan(sources, removed, names, table, corrections, folder)


def _plan(
    sources: list[Source],
    removed: list[Source],
    names: list[Known],
    table: SurrogateTable,
    corrections: Corrections,
    folder: Path,
) -> Plan:
    excluded = corrections.excluded()
    names = [n for n in names if normalise(n.text) not in excluded]
    texts = [*sources, *removed]
    ordinary = lowercase_words(source.text for source in texts) | common_dutch_words()
    known = KnownNames([*with_aliases(names), *_key_forms(table)], ordinary)
    first = {
        s.id: detect(s.text, s.language, known, exclude=excluded, ordinary=ordinary) for s in texts
    }
    table.assign(Detection(0, 0, n.category, "custom", n.text) for n in names)
    table.assign(d for found in first.values() for d in found)
    everywhere = KnownNames(_key_forms(table), ordinary)
    chosen: list[tuple[Source, Detection]] = []
    for source in sources:
        extra = [d for d in everywhere.find(source.text) if normalise(d.text) not in excluded]
        chosen += [(source, d) for d in disjoint([*first[source.id], *extra])]
    table.renumber([table.label(detection) for _, detection in chosen])
    findings = [_finding(source, d, table.label(d)) for source, d in chosen]
    always = tuple(
        Always(n.text, n.category, table.label(Detection(0, 0, n.category, "custom", n.text)))
        for n in names
    ) + tuple(Always(d.text, d.category, table.label(d)) for s in removed for d in first[s.id])
    documents = tuple((s.id, s.name, text_hash(s.text)) for s in sources)
    return Plan(tuple(findings), documents, always, table.language, folder, ordinary)


def _finding(source: Source, detection: Detection, surrogate: str) -> Finding:
    before, after = context(source.text, detection.start, detection.end)
    return Finding(
        source.id,
        source.name,
        detection.start,
        detection.end,
        detection.text,
        detection.category,
        surrogate,
        before,
        after,
    )


def _key_forms(table: SurrogateTable) -> list[Known]:
    """Every form a label stands for, and the surnames of the people among them."""
    forms = [Known(form, category) for form, (_, category) in table.forms().items()]
    return with_aliases(forms, first_names=False)


def count_categories(findings: Iterable[Finding]) -> dict[str, int]:
    """How many replacements per category."""
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.category] = counts.get(finding.category, 0) + 1
    return counts


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
