"""A small study built by hand for the export tests, and the demo study for the real thing.

The hand-built study: two groups of codes (Succesfactoren, Knelpunten) with two codes each,
four respondents in three interviews (interview_02 has two respondents), an interviewer
passage that must never be credited to a respondent, a starred exemplar, a quote that starts
mid-sentence and one with straight quotation marks and an apostrophe inside.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from codebench.reports import tables
from codebench.reports.model import (
    CODE_COLUMNS,
    PASSAGE_COLUMNS,
    Filters,
    ReportData,
    ReportTable,
)
from codebench.services.demo import build_demo
from codebench.services.project import Project
from codebench.services.reports.data import load_report_data
from codebench.services.viewer import Viewer

# code_id, path, colour; names, parents, groups and depths follow from the paths.
CODES = [
    (1, "Succesfactoren", "#3d8c52"),
    (2, "Succesfactoren > Duidelijk doel", "#2e7823"),
    (3, "Succesfactoren > Leiderschap", "#227752"),
    (4, "Knelpunten", "#c44e52"),
    (5, "Knelpunten > Budget", "#ca6e2f"),
    (6, "Knelpunten > Privacy", "#c3312e"),
]
DESCRIPTIONS = {
    "Succesfactoren": "Wat volgens respondenten helpt.",
    "Duidelijk doel": "Een toepassing die uit een omschreven probleem voortkomt.",
    "Leiderschap": "Bestuurders die het gebruik zichtbaar steunen.",
    "Knelpunten": "Wat volgens respondenten in de weg zit.",
    "Budget": "Gebrek aan geld, tijd of mensen.",
}  # Privacy has no description in the codebook

RESPONDENTS = {
    "Respondent 1": (("interview_01",), "gemeente"),
    "Respondent 2": (("interview_02",), "provincie"),
    "Respondent 3": (("interview_02",), "provincie"),
    "Respondent 10": (("interview_03",), "agentschap"),
}
SPEAKER_LABELS = {"Respondent 10": "R10"}  # a transcript that labels its speaker differently

# document, code_id, respondent (None: the interviewer), starred, text
PASSAGES = [
    ("interview_01", 2, "Respondent 1", False, "We begonnen bij het probleem, niet de techniek."),
    ("interview_01", 2, "Respondent 1", True, "Het doel was vanaf dag één helder."),
    ("interview_01", 5, "Respondent 1", False, "Er was gewoon geen geld voor."),
    ("interview_01", 5, None, False, "Hoe zit het met het budget?"),
    ("interview_02", 2, "Respondent 2", False, "we wisten precies wat we wilden bereiken"),
    ("interview_02", 3, "Respondent 3", False, 'De wethouder zei: "doe het gewoon", en dat hielp.'),
    ("interview_02", 5, "Respondent 3", False, "Budget is er niet, dus we doen 't met z'n tweeën."),
    ("interview_03", 5, "Respondent 10", True, "Zonder middelen kom je niet verder."),
    ("interview_03", 6, "Respondent 10", False, "Privacy remde alles af."),
]


def make_data(language: str = "nl") -> ReportData:
    ids = {path: code_id for code_id, path, _ in CODES}
    code_rows = []
    for order, (code_id, path, colour) in enumerate(CODES):
        parts = path.split(" > ")
        parent = ids[" > ".join(parts[:-1])] if len(parts) > 1 else None
        description = DESCRIPTIONS.get(parts[-1])
        code_rows.append(
            (code_id, path, parts[-1], parent, parts[0], len(parts) - 1, order, colour, description)
        )
    codes = pd.DataFrame(code_rows, columns=list(CODE_COLUMNS))
    respondents = pd.DataFrame(
        [
            {"respondent": label, "documents": documents, "organisation_type": kind}
            for label, (documents, kind) in RESPONDENTS.items()
        ]
    ).set_index("respondent")
    documents = pd.DataFrame(
        [(1, "interview_01"), (2, "interview_02"), (3, "interview_03")],
        columns=["document_id", "document"],
    )
    rows: list[dict[str, Any]] = []
    for i, (document, code_id, respondent, starred, text) in enumerate(PASSAGES):
        speaker = SPEAKER_LABELS.get(respondent, respondent) if respondent else "Interviewer"
        rows.append(
            {
                "coding_id": i + 1,
                "document": document,
                "code_id": code_id,
                "coder": "coder1",
                "start": i * 100,
                "end": i * 100 + len(text),
                "text": text,
                "speaker": speaker,
                "role": "respondent" if respondent else "interviewer",
                "respondent": respondent,
                "turn": i + 1,
                "sentence_first": i + 1,
                "sentence_last": i + 1,
                "exemplar": starred,
            }
        )
    passages = pd.DataFrame(rows, columns=list(PASSAGE_COLUMNS))
    return ReportData(
        passages, respondents, codes, documents, Filters(coders=("coder1",)), language=language
    )


@pytest.fixture
def data() -> ReportData:
    return make_data()


@pytest.fixture
def english_data() -> ReportData:
    return make_data("en")


@pytest.fixture
def themes(data: ReportData) -> ReportTable:
    return tables.theme_frequencies(data)


@pytest.fixture
def all_tables(data: ReportData) -> list[ReportTable]:
    return [
        tables.attribute_table(data, "organisation_type"),
        tables.theme_frequencies(data),
        tables.code_by_attribute(data, "organisation_type"),
        tables.code_by_respondent(data),
        tables.exemplar_quotes(data),
        tables.co_occurrence(data),
    ]


@pytest.fixture(scope="module")
def demo_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    location: Path = tmp_path_factory.mktemp("demo") / "demo.codebench"
    with build_demo(location) as project:
        yield project


@pytest.fixture(scope="module")
def demo_data(demo_project: Project) -> ReportData:
    # The demo has two coders and no consensus: its report is their union (a passage both
    # coded counts once), as `codebench export --coder all` writes it.
    return load_report_data(demo_project, Filters(coders=("all",)), viewer=Viewer.everyone())
