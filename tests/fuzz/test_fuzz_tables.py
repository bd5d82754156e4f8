"""Spreadsheet importers fed malformed CSV: respondent attributes and codings.

Both check the whole file before writing: a refused file changes nothing, an accepted one
leaves every attribute and speaker pointing at a respondent that exists, and every coding
inside its document.
"""

from __future__ import annotations

import csv
import io

from fuzz_support import (
    CODE_PATHS,
    DOCUMENT,
    INTERVIEW,
    SPEAKERS,
    Workbench,
    attempt,
    check_code_tree,
    check_documents,
    counts,
    fuzz,
    mutated,
    with_invalid_utf8,
)
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from codebench.services.coding.spreadsheet import import_codings
from codebench.services.documents.respondents import import_attributes
from codebench.services.project import Project
from codebench.storage import models

RESPONDENTS = (
    "label,interview,speaker,organisation_type,role\n"
    f"Respondent 7,{DOCUMENT},Respondent 7,gemeente,privacy officer\n"
    f"Privacy officer,{DOCUMENT},Interviewer,gemeente,interviewer\n"
).encode()
TEXT = INTERVIEW.read_text(encoding="utf-8")
CODINGS = (
    "document,code,coder,quote,occurrence,exemplar,memo\n"
    f"{DOCUMENT},G1 > a,anna,Ik ben privacy officer bij de gemeente.,,1,eerste\n"
    f'{DOCUMENT},G2 > c,ben,"Gelaagd.",1,,\n'
    f"{DOCUMENT},b,anna,Drie kleuren,,ja,\n"
).encode()

#: Text as a spreadsheet cell may hold it: anything printable, quotes, delimiters and line
#: breaks included.
_CELL = st.text(
    st.characters(exclude_categories=("Cc", "Cs")) | st.sampled_from("\n\r\t"), max_size=12
)


def rows_to_csv(
    draw: st.DrawFn, header: list[str], cells: dict[str, st.SearchStrategy[str]]
) -> bytes:
    """A header and rows (now and then short, long or ragged), each cell drawn as its column
    holds it, in one of the delimiters and encodings people save with."""
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    for _ in range(draw(st.integers(1, 6))):
        row = [draw(_odd(cells.get(column.strip().casefold(), _CELL))) for column in header]
        if draw(st.integers(0, 39)) == 39:
            row = row[: draw(st.integers(0, len(row)))] + draw(st.lists(_CELL, max_size=1))
        writer.writerow(row)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return buffer.getvalue().encode(encoding, errors="replace")


def _odd(usual: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """``usual``, and about once in forty any text at all (a row in every few files)."""
    return st.integers(0, 39).flatmap(lambda n: _CELL if n == 39 else usual)


def check_people(project: Project) -> None:
    """Every attribute and speaker points at a respondent that exists."""
    with project.reading() as session:
        respondents = set(session.scalars(select(models.Respondent.id)))
        for attribute in session.scalars(select(models.RespondentAttribute)):
            assert attribute.respondent_id in respondents, "an attribute of no respondent"
            assert "\n" not in attribute.name
        for speaker in session.scalars(select(models.Speaker)):
            assert speaker.respondent_id is None or speaker.respondent_id in respondents


# --- respondents -----------------------------------------------------------------------------


def import_people(workbench: Workbench, data: bytes) -> None:
    with workbench.example() as (project, folder):
        path = folder / "respondents.csv"
        path.write_bytes(data)
        before = counts(project)
        result = attempt(project, path, lambda: import_attributes(project, path))
        if result is not None:
            after = counts(project)
            for table in ("document", "code", "coding", "turn", "sentence"):
                assert after[table] == before[table], f"attributes changed {table}"
            check_people(project)


_PEOPLE_COLUMNS = st.sampled_from(
    ["interview", "document", "speaker", "role", "organisation type", "x y", "", "é", "label"]
)
_LABELS = st.sampled_from([*SPEAKERS, *SPEAKERS, "Respondent 8", " "])
_PEOPLE_CELLS = {
    "label": _LABELS,
    "respondent": _LABELS,
    "interview": st.sampled_from([DOCUMENT, DOCUMENT, "interview", "", "interview_99"]),
    "document": st.sampled_from([DOCUMENT, ""]),
    "speaker": _LABELS,
}


@st.composite
def respondent_tables(draw: st.DrawFn) -> bytes:
    first = draw(st.sampled_from(["label", "label", "respondent", "Label ", "x"]))
    header = [first, *draw(st.lists(_PEOPLE_COLUMNS, max_size=4, unique=True))]
    return rows_to_csv(draw, header, _PEOPLE_CELLS)


@fuzz(80)
@given(data=respondent_tables())
def test_generated_respondent_tables(workbench: Workbench, data: bytes) -> None:
    import_people(workbench, data)


@fuzz(40)
@given(data=mutated(RESPONDENTS) | with_invalid_utf8(RESPONDENTS))
def test_respondents_with_mutated_bytes(workbench: Workbench, data: bytes) -> None:
    import_people(workbench, data)


# --- codings ---------------------------------------------------------------------------------


def import_coding_table(workbench: Workbench, data: bytes) -> None:
    with workbench.example() as (project, folder):
        path = folder / "codings.csv"
        path.write_bytes(data)
        before = counts(project)
        result = attempt(project, path, lambda: import_codings(project, path))
        if result is not None:
            after = counts(project)
            assert after["coding"] - before["coding"] == result.codings
            for table in ("document", "code", "turn", "sentence", "respondent"):
                assert after[table] == before[table], f"codings changed {table}"
            check_documents(project)
            check_code_tree(project)


@st.composite
def quotes(draw: st.DrawFn) -> str:
    """A passage of the template interview (once, often or never found), or odd text."""
    start = draw(st.integers(0, len(TEXT) - 1))
    quote = TEXT[start : start + draw(st.integers(15, 80))]
    return draw(st.sampled_from([quote] * 6 + ["de", " ", "niet in de tekst", quote.upper()]))


_CODING_COLUMNS = ["document", "code", "coder", "quote", "occurrence", "exemplar", "memo"]


_CODING_CELLS = {
    "document": st.sampled_from([DOCUMENT, DOCUMENT, "interview", "Interview_06 "]),
    "code": st.sampled_from([*CODE_PATHS, "a", "g1>b", "G3"]),
    "coder": st.sampled_from(["anna", "ben", " anna ", "x" * 101]),
    "quote": quotes(),
    "occurrence": st.sampled_from(["", "", "1", "2", "0", "-1", "x", "10" * 20]),
    "exemplar": st.sampled_from(["", "1", "ja", "0"]),
    "memo": st.sampled_from(["", "een memo", "twee\nregels"]),
}


@st.composite
def coding_tables(draw: st.DrawFn) -> bytes:
    optional = draw(st.lists(st.sampled_from(_CODING_COLUMNS[4:]), unique=True))
    header = list(draw(st.permutations([*_CODING_COLUMNS[:4], *optional])))
    if draw(st.integers(0, 9)) == 9:
        del header[draw(st.integers(0, len(header) - 1))]
    return rows_to_csv(draw, header, _CODING_CELLS)


@fuzz(80)
@given(data=coding_tables())
def test_generated_coding_tables(workbench: Workbench, data: bytes) -> None:
    import_coding_table(workbench, data)


@fuzz(40)
@given(data=mutated(CODINGS) | with_invalid_utf8(CODINGS))
def test_codings_with_mutated_bytes(workbench: Workbench, data: bytes) -> None:
    import_coding_table(workbench, data)


def test_seed_codings_import(workbench: Workbench) -> None:
    with workbench.example() as (project, folder):
        path = folder / "codings.csv"
        path.write_bytes(CODINGS)
        assert import_codings(project, path).codings == 3
