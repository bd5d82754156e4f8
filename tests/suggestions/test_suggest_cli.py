"""``codebench suggest``, ``suggest --evaluate``, ``similar`` and ``agree`` with the model as a
coder, as a user runs them; a project imported from another tool's REFI-QDA file; and start-up:
only the suggest commands load scikit-learn."""

from __future__ import annotations

import csv
import io
import json
import stat
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from codebench.cli import cli
from helpers.atlas_restored import CODER, restored_atlas_project
from helpers.suggestion_study import REPEATED


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_suggest_lists_codes_for_the_uncoded_sentences(study: Path) -> None:
    rows = json.loads(
        run("suggest", "interview_6", "--coder", "anna", "--format", "json", "-p", str(study))
    )
    assert rows and {row["document"] for row in rows} == {"interview_6"}
    assert next(row for row in rows if row["text"] == REPEATED)["code"] == "Budget"
    table = run("suggest", "interview_6", "--coder", "anna", "--top", "1", "-p", str(study))
    assert "Budget" in table and "model of anna from" in table and "up to date" in table


def test_evaluate_beats_both_baselines_and_writes_the_figures(study: Path) -> None:
    target = study.with_name("figures.csv")
    printed = run("suggest", "--evaluate", "--coder", "anna", "-o", str(target), "-p", str(study))
    assert "keywords" in printed and "Learning curve" in printed
    assert "5 folds by document over 5 documents" in printed and "models trained" in printed
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    f1 = {row["name"]: float(row["f1"]) for row in rows if row["table"] == "methods"}
    assert f1["model"] > max(f1["keywords"], f1["most frequent code"])
    assert {row["name"] for row in rows if row["table"] == "codes"} == {"Budget", "Privacy"}
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    markdown = study.with_name("figures.md")
    run("suggest", "--evaluate", "--coder", "anna", "-o", str(markdown), "-p", str(study))
    assert "| model |" in markdown.read_text(encoding="utf-8")
    refused = CliRunner().invoke(
        cli, ["suggest", "--evaluate", "--coder", "anna", "-o", str(target), "-p", str(study)]
    )
    assert refused.exit_code == 1 and "--force" in refused.output


def test_suggest_needs_a_document_and_a_coder_with_codings(study: Path) -> None:
    for args, said in (
        (["suggest"], "name a document"),
        (["suggest", "interview_6", "--coder", "nobody"], "no coder 'nobody'"),
    ):
        result = CliRunner().invoke(cli, [*args, "-p", str(study)])
        assert result.exit_code == 1 and said in result.output


def test_similar_and_agreement_with_the_model(study: Path) -> None:
    found = run("similar", "interview_6", "--quote", REPEATED, "--format", "csv", "-p", str(study))
    first = next(csv.DictReader(io.StringIO(found)))
    assert first["document"] == "interview_1" and first["text"] == REPEATED
    agreement = run(
        "agree",
        "--coders",
        "anna,model:anna",
        "--bootstrap",
        "0",
        "--format",
        "csv",
        "-p",
        str(study),
    )
    rows = {row["code"]: row for row in csv.DictReader(io.StringIO(agreement))}
    assert int(rows["Budget"]["positives model:anna"]) > 0


def test_evaluate_runs_on_a_project_imported_from_atlas_ti(tmp_path: Path) -> None:
    qdpx = restored_atlas_project(tmp_path / "atlas.qdpx")
    location = str(tmp_path / "atlas.codebench")
    run("init", location)
    run("import", str(qdpx), "-p", location)
    printed = run("suggest", "--evaluate", "--coder", CODER, "-p", location)
    assert "most frequent code" in printed and "Per code" in printed


LOADED = """
import json, sys
from codebench.cli import cli
try:
    cli({args!r}, prog_name="codebench")
except SystemExit:
    pass
print(json.dumps(sorted({{m.partition(".")[0] for m in sys.modules}})), file=sys.stderr)
"""


def _loaded(args: list[str], cwd: Path) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", LOADED.format(args=args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_only_training_loads_scikit_learn(study: Path) -> None:
    project = ["-p", str(study)]
    assert _loaded(["suggest", "--help"], study.parent) & {"sklearn", "scipy", "spacy"} == set()
    assert "sklearn" in _loaded(
        ["suggest", "interview_6", "--coder", "anna", *project], study.parent
    )
    # With the model trained, suggesting needs no scikit-learn.
    assert "sklearn" not in _loaded(
        ["suggest", "interview_6", "--coder", "anna", *project], study.parent
    )
