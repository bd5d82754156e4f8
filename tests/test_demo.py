"""The demo study: 17 interviews, 20 respondents, 29 codes in 3 groups, two coders."""

from __future__ import annotations

import csv
import subprocess
import sys
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

from codebench.resources import data_path
from codebench.services.codebook.tree import codebook_tree
from codebench.services.coding.by_name import list_codings
from codebench.services.demo import build_demo
from codebench.services.documents.overview import document_view, project_summary
from codebench.services.project import Project
from codebench.services.viewer import Viewer

EVERYONE = Viewer.everyone()

SAMPLES = data_path("sample_transcripts")
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    location = tmp_path_factory.mktemp("demo") / "demo.codebench"
    with build_demo(location) as project:
        yield project


def test_demo_summary_matches_the_seed_study(demo: Project) -> None:
    summary = project_summary(demo, viewer=EVERYONE)
    assert summary.documents == 17
    assert summary.respondents == 20
    assert summary.respondent_attributes["organisation_type"] == {
        "gemeente": 7,
        "provincie": 4,
        "netwerkorganisatie": 4,
        "agentschap": 2,
        "regionaal samenwerkingsorgaan": 1,
        "ministerie": 1,
        "private partij": 1,
    }
    assert (summary.codes - summary.code_groups, summary.code_groups) == (29, 3)
    assert set(summary.codings_by_coder) == {"coder1", "coder2"}


def test_every_code_has_codings_from_both_coders(demo: Project) -> None:
    coders_per_code: dict[str, set[str]] = defaultdict(set)
    for row in list_codings(demo, viewer=EVERYONE):
        coders_per_code[row.coding.code_path].add(row.coding.coder)
    leaves = [n.path for n in codebook_tree(demo, viewer=EVERYONE) if n.depth == 1]
    assert len(leaves) == 29
    assert {path: coders_per_code[path] for path in leaves} == {
        path: {"coder1", "coder2"} for path in leaves
    }


def test_every_quote_is_found_once_in_respondent_speech(demo: Project) -> None:
    with (SAMPLES / "codings.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    views = {name: document_view(demo, name) for name in {r["document"] for r in rows}}
    problems = []
    for line, row in enumerate(rows, start=2):
        view = views[row["document"]]
        at = view.text.find(row["quote"])
        if at == -1 or view.text.find(row["quote"], at + 1) != -1:
            problems.append(f"line {line}: found {view.text.count(row['quote'])} times")
            continue
        turn = next(t for t in view.turns if t.start <= at < t.end)
        if turn.role != "respondent" or at < turn.speech_start:
            problems.append(f"line {line}: not in a respondent's speech")
    assert problems == []
    assert len(list_codings(demo, viewer=EVERYONE)) == len(rows)


def test_demo_is_opened_not_rebuilt_and_reset_rebuilds(tmp_path: Path) -> None:
    location = tmp_path / "demo.codebench"
    build_demo(location).close()
    with build_demo(location) as again:
        assert project_summary(again, viewer=EVERYONE).documents == 17
    with build_demo(location, reset=True) as fresh:
        assert project_summary(fresh, viewer=EVERYONE).documents == 17


def test_the_wheel_carries_the_sample_study(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
    )
    [wheel] = tmp_path.glob("codebench-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for sample in SAMPLES.iterdir():
        assert f"codebench/_data/sample_transcripts/{sample.name}" in names
    assert "codebench/_data/codebooks/genai-overheid.yaml" in names
    assert "codebench/storage/migrations/versions/0001_initial_schema.py" in names


def test_attribute_report_reproduces_the_seed_studys_tabel_1(demo: Project) -> None:
    from click.testing import CliRunner

    from codebench.cli import cli

    result = CliRunner().invoke(
        cli,
        [
            "report",
            "attributes",
            "--by",
            "organisation_type",
            "--format",
            "csv",
            "-p",
            demo.location,
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "organisation_type,interviews,respondents",
        "gemeente,6,7",
        "netwerkorganisatie,3,4",
        "provincie,3,4",
        "agentschap,2,2",
        "ministerie,1,1",
        "private partij,1,1",
        "regionaal samenwerkingsorgaan,1,1",
        "total,17,20",
    ]
