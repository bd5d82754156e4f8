"""Agreement on real projects: per-code figures worked by hand, missing data from assignments,
disagreements with their context, consensus, and the demo's two coders."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from codebench.agreement.model import AgreementOptions
from codebench.agreement.registry import figures_for
from codebench.agreement.tables import disagreement_rows
from codebench.cli import cli
from codebench.errors import CodebenchError
from codebench.i18n import translations
from codebench.i18n.phrase import Phrase
from codebench.reports.model import Filters
from codebench.reports.tables import theme_frequencies
from codebench.resources import data_path
from codebench.services.agreement import agree, disagreements, mark_assignment
from codebench.services.codebook.edits import add_code
from codebench.services.coding.by_name import Location, apply_code
from codebench.services.consensus import resolutions, resolve, start_consensus
from codebench.services.demo import build_demo
from codebench.services.documents.importing import ImportOptions, import_file
from codebench.services.documents.overview import document_view
from codebench.services.project import Project
from codebench.services.reports.data import load_report_data
from codebench.services.viewer import Viewer
from codebench.storage import models

EVERYONE = Viewer.everyone()

TEXT = (
    "Interviewer: Vertel.\n\n"
    "Respondent 1: Een. Twee. Drie. Vier. Vijf. Zes. Zeven. Acht. Negen. Tien.\n"
)


@pytest.fixture
def pair(project: Project, tmp_path: Path) -> Project:
    (tmp_path / "d.txt").write_text(TEXT, encoding="utf-8")
    import_file(project, tmp_path / "d.txt", ImportOptions(language="nl"))
    add_code(project, "k")
    add_code(project, "m")
    # anna: k on 1-4, ben: k on 1-3 and 5 -> units 1-3 agree, 4 (anna), 5 (ben) disagree.
    for coder, quotes in (
        ("anna", ["Een. Twee. Drie. Vier."]),
        ("ben", ["Een. Twee. Drie.", "Vijf."]),
    ):
        for quote in quotes:
            apply_code(project, "d", "k", coder, Location(quote=quote))
    apply_code(project, "d", "m", "anna", Location(quote="Tien."))
    apply_code(project, "d", "k", "ben", Location(quote="Tien"))  # substitution m -> k
    return project


def test_per_code_figures_by_hand(pair: Project) -> None:
    result = agree(pair, AgreementOptions(("anna", "ben"), bootstrap=200, seed=1), viewer=EVERYONE)
    by_code = {c.code: c for c in result.codes}
    k = by_code["k"]
    # The respondent's ten sentence units (the interviewer's "Vertel." is not a unit);
    # anna 1-4 (4), ben 1-3, 5, 10 (5).
    assert k.units == 10 and k.positives == {"anna": 4, "ben": 5}
    # Agree on 3 positives and 4 negatives (6, 7, 8, 9): 7 of 10.
    assert k.percent_agreement == pytest.approx(7 / 10)
    assert k.positive_agreement == pytest.approx(2 * 3 / (2 * 3 + 1 + 2))
    po, pe = 7 / 10, (4 / 10) * (5 / 10) + (6 / 10) * (5 / 10)
    assert k.kappa == pytest.approx((po - pe) / (1 - pe)) == pytest.approx(0.4)
    assert k.kappa_kind == "Cohen" and k.alpha is not None and k.alpha_ci is not None
    assert k.alpha_ci[0] <= k.alpha <= k.alpha_ci[1]
    assert k.warning is not None  # 6 units coded by anyone is too few
    assert by_code["m"].alpha == pytest.approx(-1 / 21, abs=1e-3) or by_code["m"].alpha < 0.1
    assert result.pooled.units == 20 and result.units == 10


def test_speakers_all_counts_the_interviewers_units_too(pair: Project) -> None:
    options = AgreementOptions(("anna", "ben"), speakers="all")
    result = agree(pair, options, viewer=EVERYONE)
    k = next(c for c in result.codes if c.code == "k")
    # 11 units (Vertel. + ten); agree on 3 positives and 5 negatives (Vertel, 6-9): 8 of 11.
    assert k.units == 11 and k.percent_agreement == pytest.approx(8 / 11)
    po, pe = 8 / 11, (4 / 11) * (5 / 11) + (7 / 11) * (6 / 11)
    assert k.kappa == pytest.approx((po - pe) / (1 - pe))
    assert result.pooled.units == 22
    listed = disagreements(pair, options, viewer=EVERYONE)[1]
    assert {d.unit.number for d in listed} == {5, 6, 11}  # the same keys as by default


def test_a_document_only_the_interviewer_speaks_in_gives_no_units(
    pair: Project, tmp_path: Path
) -> None:
    (tmp_path / "e.txt").write_text("Interviewer: Alleen ik. Nog een vraag.\n", encoding="utf-8")
    import_file(pair, tmp_path / "e.txt", ImportOptions(language="nl"))
    apply_code(pair, "e", "k", "anna", Location(quote="Alleen ik."))
    result = agree(pair, AgreementOptions(("anna", "ben")), viewer=EVERYONE)
    assert result.documents == 1 and result.units == 10
    assert any("without respondent turns" in w and "e" in w for w in result.warnings)
    # A Dutch report document says the warning in Dutch, the document named as it is.
    dutch = translations("nl").gettext
    [said] = [w.translated(dutch) for w in result.warnings if isinstance(w, Phrase)]
    assert said.startswith("documenten zonder beurten van respondenten") and "(1: e)" in said
    assert start_consensus(pair, AgreementOptions(("anna", "ben")), "rita", viewer=EVERYONE) == 0
    everyone = agree(pair, AgreementOptions(("anna", "ben"), speakers="all"), viewer=EVERYONE)
    assert everyone.documents == 2 and not everyone.warnings


def test_bootstrap_by_document_needs_two_documents(pair: Project) -> None:
    options = AgreementOptions(("anna", "ben"), bootstrap=200, bootstrap_by="document")
    result = agree(pair, options, viewer=EVERYONE)
    k = next(c for c in result.codes if c.code == "k")
    assert k.alpha is not None and k.alpha_ci is None
    assert k.blanks["alpha 95% CI"].label == "one document"


def test_unassigned_or_unfinished_documents_are_missing_data(pair: Project) -> None:
    mark_assignment(pair, ["d"], "ben", "assigned")
    result = agree(pair, AgreementOptions(("anna", "ben")), viewer=EVERYONE)
    k = next(c for c in result.codes if c.code == "k")
    assert k.units == 0 and k.alpha is None and k.kappa is None  # undefined, not 0
    assert {b.label for b in k.blanks.values()} == {"no unit rated twice"}
    mark_assignment(pair, ["d"], "ben", "done")
    assert (
        next(c for c in agree(pair, AgreementOptions(("anna", "ben")), viewer=EVERYONE).codes).units
        == 10
    )


def test_disagreements_listing_and_consensus(pair: Project) -> None:
    options = AgreementOptions(("anna", "ben"))
    comparison, found = disagreements(pair, options, viewer=EVERYONE)
    rows = disagreement_rows(comparison, found, resolutions(pair, viewer=EVERYONE))
    listed = {(r["unit"], r["code"], r["kind"]) for r in rows}
    assert listed == {
        (5, "k", "presence"),
        (6, "k", "presence"),
        (11, "k", "substitution"),
        (11, "m", "substitution"),
    }
    four = next(r for r in rows if r["unit"] == 5)
    assert (four["unit_text"], four["before"], four["after"]) == ("Vier.", "Drie.", "Vijf.")
    assert four["anna applied"] is True and four["ben applied"] is False
    assert four["speaker"] == "Respondent 1"

    # anna's one k span is not all agreed
    assert start_consensus(pair, options, "rita", viewer=EVERYONE) == 0
    done = resolve(
        pair,
        options,
        four["key"],
        "accept",
        "rita",
        coder="anna",
        note="klopt",
        viewer=EVERYONE,
    )
    assert (done.added, done.removed) == (1, 0)
    decided = disagreement_rows(
        *disagreements(pair, options, viewer=EVERYONE),
        resolutions(pair, viewer=EVERYONE),
    )
    assert next(r for r in decided if r["unit"] == 5)["resolution"] == "accept"
    with pair.reading() as session:
        consensus = session.scalars(
            select(models.Coding).join(models.Coder).where(models.Coder.name == "consensus")
        ).all()
        events = session.scalars(
            select(models.Event.action).where(models.Event.actor == "rita")
        ).all()
    assert len(consensus) == 1 and events == ["apply_code"]
    themes = theme_frequencies(
        load_report_data(pair, Filters(coders=("consensus",)), viewer=EVERYONE)
    ).frame
    assert themes.set_index("code").loc["k", "codings"] == 1
    with pytest.raises(CodebenchError, match="no disagreement"):
        resolve(pair, options, "d#99#1", "merge", "rita", viewer=EVERYONE)


def test_cli_agree_and_disagreements(pair: Project) -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli, ["agree", "--coders", "anna,ben", "--format", "csv", "-p", pair.location]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("code,units,positives anna,positives ben")
    assert lines[-1].startswith("(all codes pooled),20,")
    result = runner.invoke(
        cli,
        [
            "disagreements",
            "--coders",
            "anna",
            "--coders",
            "ben",
            "--format",
            "csv",
            "-p",
            pair.location,
        ],
    )
    rows = list(csv.DictReader(result.output.splitlines()))
    assert len(rows) == 4 and rows[0]["key"].startswith("d#")
    result = runner.invoke(cli, ["agree", "--coders", "anna", "-p", pair.location])
    assert result.exit_code == 1 and "at least two different coders" in result.stderr
    result = runner.invoke(
        cli, ["agree", "--coders", "anna,ben", "--unit", "char", "-p", pair.location]
    )
    assert "warning: character units" in result.output


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    with build_demo(tmp_path_factory.mktemp("agree") / "demo.codebench") as project:
        yield project


def test_demo_disagreements_cover_every_difference_in_the_data_files(demo: Project) -> None:
    """Wherever the two coders' codings.csv rows differ inside a sentence unit (a passage one
    coded and the other did not, a wider or narrower span, another code), that unit is listed
    for that code."""
    with (data_path("sample_transcripts") / "codings.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    options = AgreementOptions(("coder1", "coder2"))
    comparison, found = disagreements(demo, options, viewer=EVERYONE)
    listed = {(d.unit.document, comparison.paths[d.code_id], d.unit.start) for d in found}
    coverage: dict[tuple[str, str, str], set[int]] = {}
    texts = {name: document_view(demo, name).text for name in {r["document"] for r in rows}}
    for row in rows:
        start = texts[row["document"]].index(row["quote"])
        key = (row["coder"], row["document"], row["code"])
        coverage.setdefault(key, set()).update(range(start, start + len(row["quote"])))
    missed = []
    differences = 0
    for document, code in {(d, c) for _, d, c in coverage}:
        first = coverage.get(("coder1", document, code), set())
        second = coverage.get(("coder2", document, code), set())
        units = comparison.unit_set.offsets[document]
        _, starts, ends = units
        for index in range(len(starts)):
            inside = set(range(starts[index], ends[index]))
            if (first ^ second) & inside:
                differences += 1
                if (document, code, starts[index]) not in listed:
                    missed.append((document, code, index + 1))
    assert differences > 20
    assert missed == []
    result = agree(demo, options, viewer=EVERYONE)
    assert 0.5 < (result.pooled.alpha or 0) < 1
    assert len(result.codes) == 29


def test_export_adds_the_agreement_table(pair: Project, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "report.xlsx"
    result = CliRunner().invoke(
        cli,
        ["export", str(out), "--agreement", "anna,ben", "--coder", "anna", "-p", pair.location],
    )
    assert result.exit_code == 0, result.output
    # The interviews are Dutch, so is the report (its words, not the codes).
    sheet = openpyxl.load_workbook(out)["Overeenstemming tussen codeurs"]
    values = [row for row in sheet.iter_rows(values_only=True) if row and row[0]]
    assert any(row[0] == "k" for row in values)
    assert any(row[0] == "(alle codes samen)" for row in values)


def test_cli_agree_table_shows_every_screen_figure_of_the_registry(pair: Project) -> None:
    result = CliRunner().invoke(
        cli, ["agree", "--coders", "anna,ben", "-p", pair.location], env={"COLUMNS": "160"}
    )

    assert result.exit_code == 0, result.output
    header = next(line for line in result.output.splitlines() if "units" in line)
    for figure in figures_for(2):
        if figure.on_screen:
            assert figure.header in header, figure.name
    assert "(all codes pooled)" in result.output


def test_cli_disagreements_prints_each_unit_once(pair: Project) -> None:
    result = CliRunner().invoke(
        cli, ["disagreements", "--coders", "anna,ben", "-p", pair.location], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert "4 disagreements on 3 units" in out
    # "Tien." carries two disagreements (k and m substituted): its text is printed once, and
    # ben's k on "Tien" shows only the part he coded.
    assert out.count("Tien.") == 1 and "applied to “Tien”" in out
    assert out.count("Vier.") == 1 and out.count("Vijf.") == 1
    assert "Een. Twee" not in out  # anna's span runs over four units: "applied", not quoted


def test_cli_agree_shows_percentages_definitions_and_why_cells_are_empty(pair: Project) -> None:
    runner = CliRunner()
    wide = {"COLUMNS": "200"}
    result = runner.invoke(cli, ["agree", "--coders", "anna,ben", "-p", pair.location], env=wide)
    assert result.exit_code == 0, result.output
    k_row = next(line for line in result.output.splitlines() if line.strip().startswith("k "))
    assert "70.0%" in k_row  # percent agreement 7/10, as a percentage
    assert "averaged over those units" in result.output  # the definition
    assert "resamples of units one by one" in result.output
    # Every figure is defined; only m's interval is not (one positive unit: most resamples
    # have no variation).
    assert "(d) too many empty resamples:" in result.output
    assert not any(f"({mark}) " in result.output for mark in "abce")
    assert runner.invoke(cli, ["assign", "d", "--coder", "ben", "-p", pair.location]).exit_code == 0
    result = runner.invoke(
        cli, ["agree", "--coders", "anna,ben", "--bootstrap", "0", "-p", pair.location], env=wide
    )
    k_row = next(line for line in result.output.splitlines() if line.strip().startswith("k "))
    assert k_row.count("(a)") >= 5
    assert "(a) no unit rated twice:" in result.output
    assert "no bootstrap was asked for" in result.output
    result = runner.invoke(
        cli, ["agree", "--coders", "anna,ben", "--format", "csv", "-p", pair.location]
    )
    rows = list(csv.DictReader(result.output.splitlines()))
    k = next(row for row in rows if row["code"] == "k")
    assert k["alpha"] == "" and k["blank because"].endswith(", AC1: no unit rated twice")
    assert "percent agreement, positive agreement, alpha, alpha 95% CI" in k["blank because"]


def test_cli_speakers_and_bootstrap_by_document(pair: Project) -> None:
    runner = CliRunner()
    options = ["--coders", "anna,ben", "--speakers", "all", "--format", "csv"]
    everyone = runner.invoke(cli, ["agree", *options, "-p", pair.location])
    assert everyone.output.splitlines()[-1].startswith("(all codes pooled),22,")
    result = runner.invoke(
        cli,
        ["agree", "--coders", "anna,ben", "--bootstrap-by", "document", "-p", pair.location],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    assert "(e) one document:" in result.output and "whole documents" in result.output
