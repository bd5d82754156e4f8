"""Report tables in the terminal: they fit its width, headers break only between words, a table
too wide says where the rest is, and quotes list starred ones first, a few per code."""

from __future__ import annotations

import pandas as pd
import pytest

from codebench.cli.report_text import Line, quote_lines, report_lines
from codebench.reports import tables
from codebench.reports.model import CODE_COLUMNS, PASSAGE_COLUMNS, Filters, ReportData

CODES = ["Knelpunten", "Knelpunten > Gebrek aan budget en capaciteit", "Knelpunten > Privacy"]
RESPONDENTS = [f"Respondent {n}" for n in range(1, 26)]


def study() -> ReportData:
    """25 respondents, each coding both codes a few times (respondent n: n % 4 + 1 times)."""
    codes = pd.DataFrame(
        [
            {
                "code_id": i + 1,
                "path": path,
                "name": path.split(" > ")[-1],
                "parent_id": None if i == 0 else 1,
                "group": "Knelpunten",
                "depth": min(i, 1),
                "order": i,
                "colour": "#000000",
                "description": None,
            }
            for i, path in enumerate(CODES)
        ],
        columns=list(CODE_COLUMNS),
    )
    respondents = pd.DataFrame(
        {"documents": [(f"doc{n}",) for n in range(1, 26)], "organisation_type": "gemeente"},
        index=pd.Index(RESPONDENTS, name="respondent"),
    )
    rows = []
    for n, label in enumerate(RESPONDENTS, start=1):
        for code in (2, 3):
            for k in range(n % 4 + 1):
                rows.append(
                    {
                        "coding_id": len(rows) + 1,
                        "document": f"doc{n}",
                        "code_id": code,
                        "coder": "coder1",
                        "start": 10 * k,
                        "end": 10 * k + 5,
                        "text": f"Zin {k} van {label}.",
                        "speaker": label,
                        "role": "respondent",
                        "respondent": label,
                        "turn": n,
                        "sentence_first": k + 1,
                        "sentence_last": k + 1,
                        "exemplar": k == 1 and code == 3,
                    }
                )
    passages = pd.DataFrame(rows, columns=list(PASSAGE_COLUMNS))
    documents = pd.DataFrame(
        {"document_id": range(1, 26), "document": [f"doc{n}" for n in range(1, 26)]}
    )
    return ReportData(passages, respondents, codes, documents, Filters(coders=("coder1",)))


def texts(lines: list[Line]) -> list[str]:
    return [line.text for line in lines]


@pytest.mark.parametrize("width", [80, 100, 140])
def test_respondents_fit_without_breaking_a_header(width: int) -> None:
    printed = texts(report_lines(tables.code_by_respondent(study()), width, None))
    assert printed[:2] == ["Codes by respondent (number of codings)", "Coders: coder1"]
    assert all(len(line) <= width for line in printed[:-2])  # the notes may wrap
    header = printed[3].split()
    # Column names whole: "Respondent" left out (a legend says so), numbers not cut.
    assert header[0] == "code" and header[-1] == "total"
    assert all(word.isdigit() for word in header[1:-1])
    assert any("shown without “Respondent”" in line for line in printed)
    shown = len(header) - 2
    if shown < len(RESPONDENTS):
        assert f"{len(RESPONDENTS) - shown} more columns with --format csv or md" in printed[-2]
    assert "Gebrek aan budget en capaciteit" in "\n".join(printed)


def test_a_table_that_fits_is_printed_whole_with_headers_broken_between_words() -> None:
    printed = texts(report_lines(tables.theme_frequencies(study()), 80, None))
    assert printed[3].split() == [
        "code",
        "respondents",
        "share",
        "documents",
        "codings",
        "interviewer",
    ]
    assert printed[4].split() == ["codings"]
    assert "100%" in printed[6]  # shares as percentages


def test_a_matrix_of_codes_is_numbered_when_too_wide() -> None:
    printed = texts(report_lines(tables.co_occurrence(study(), "unit"), 40, None))
    assert printed[3].split() == ["code", "1", "2"]
    assert printed[5].startswith("1 Knelpunten > Gebrek aan budget")
    assert "Columns are numbered as the rows." in printed


def test_quotes_list_starred_first_a_few_per_code_and_say_how_many_more() -> None:
    quotes = tables.exemplar_quotes(study())
    printed = texts(quote_lines(quotes, 80, 2))
    privacy = printed.index("Knelpunten > Privacy  (25 respondents)")
    assert printed[privacy + 1].startswith("  ★ “Zin 1 van Respondent 1.”")
    assert printed[privacy + 2] == "    — Respondent 1, doc1, sentence 2"
    assert "  … 23 more (--limit N or --all)" in printed
    assert len([line for line in printed if line.startswith("    — ")]) == 4
    everything = texts(quote_lines(quotes, 80, None))
    assert len([line for line in everything if line.startswith("    — ")]) == 50
    starred = quotes.frame[quotes.frame["code"] == "Knelpunten > Privacy"]["starred"].tolist()
    assert starred == sorted(starred, reverse=True)  # the table itself lists them first
