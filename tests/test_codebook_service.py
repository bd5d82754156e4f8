"""The project's codebook: load/export round trips, merging by GUID or path, and edits that
keep the event log and never orphan a coding."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from codebench.cli import cli
from codebench.codebook.formats import save_codebook
from codebench.errors import CodebenchError
from codebench.resources import data_path
from codebench.services.codebook.edits import (
    add_code,
    delete_code,
    merge_codes,
    move_code,
    rename_code,
)
from codebench.services.codebook.files import export_codebook, load_codebook_file
from codebench.services.codebook.tree import codebook_tree
from codebench.services.coding.by_name import Location, apply_code, list_codings
from codebench.services.documents.importing import ImportOptions, import_file
from codebench.services.project import Project, init_project
from codebench.services.viewer import Viewer
from codebench.storage import models

EVERYONE = Viewer.everyone()

CODEBOOKS = data_path("codebooks")


def _tree(project: Project) -> list[tuple[str, str | None, str | None]]:
    return [(n.path, n.colour, n.description) for n in codebook_tree(project, viewer=EVERYONE)]


@pytest.mark.parametrize("book", ["genai-overheid.yaml", "braun-clarke-starter.yaml"])
@pytest.mark.parametrize("suffix", [".yaml", ".json", ".csv"])
def test_load_export_load_gives_the_same_tree(tmp_path: Path, book: str, suffix: str) -> None:
    with init_project(tmp_path / "a.codebench") as first:
        load_codebook_file(first, CODEBOOKS / book)
        exported = tmp_path / f"export{suffix}"
        save_codebook(export_codebook(first), exported)
        with init_project(tmp_path / "b.codebench") as second:
            result = load_codebook_file(second, exported)
            assert result.updated == 0 and result.kept == ()
            assert _tree(second) == _tree(first)
            assert export_codebook(second).codes == export_codebook(first).codes


def test_reloading_updates_by_guid_and_keeps_codes_missing_from_the_file(
    project: Project, tmp_path: Path
) -> None:
    load_codebook_file(project, CODEBOOKS / "genai-overheid.yaml")
    add_code(project, "Eigen code", parent="Knelpunten")
    edited = (
        (CODEBOOKS / "genai-overheid.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "name: Digitale afhankelijkheid", "name: Digitale afhankelijkheid (vendor lock-in)"
        )
    )
    (tmp_path / "v2.yaml").write_text(edited, encoding="utf-8")

    result = load_codebook_file(project, tmp_path / "v2.yaml")

    assert (result.added, result.updated) == (0, 1)
    assert result.kept == ("Knelpunten > Eigen code",)
    paths = [n.path for n in codebook_tree(project, viewer=EVERYONE)]
    assert "Knelpunten > Digitale afhankelijkheid (vendor lock-in)" in paths
    assert "Knelpunten > Digitale afhankelijkheid" not in paths


@pytest.fixture
def coded(project: Project, tmp_path: Path) -> Project:
    load_codebook_file(project, CODEBOOKS / "genai-overheid.yaml")
    (tmp_path / "i.txt").write_text(
        "Interviewer: Wat speelt er?\n\nRespondent 1: We hebben geen budget. "
        "En de leverancier bepaalt alles.\n",
        encoding="utf-8",
    )
    import_file(project, tmp_path / "i.txt", ImportOptions())
    budget = "Knelpunten > De afwezigheid van budget, bronnen of andere middelen"
    apply_code(project, "i", budget, "anna", Location(quote="We hebben geen budget."))
    apply_code(
        project,
        "i",
        "Voldoende middelen (tijd, geld, expertise)",
        "anna",
        Location(quote="We hebben geen budget."),
    )
    apply_code(
        project,
        "i",
        "Digitale afhankelijkheid",
        "ben",
        Location(quote="En de leverancier bepaalt alles."),
    )
    return project


def _events(project: Project, action: str) -> list[models.Event]:
    with project.reading() as session:
        return list(session.scalars(select(models.Event).where(models.Event.action == action)))


def _orphans(project: Project) -> int:
    with project.reading() as session:
        return (
            session.scalar(
                select(func.count(models.Coding.id)).where(
                    models.Coding.code_id.not_in(select(models.Code.id))
                )
            )
            or 0
        )


def test_rename_and_move_keep_codings(coded: Project) -> None:
    rename_code(coded, "Digitale afhankelijkheid", "Lock-in")
    move_code(coded, "Knelpunten > Lock-in", "Succesfactoren")
    [row] = [r for r in list_codings(coded, viewer=EVERYONE) if r.coding.coder == "ben"]
    assert row.coding.code_path == "Succesfactoren > Lock-in"
    assert [e.data["after"]["name"] for e in _events(coded, "code_rename")] == ["Lock-in"]
    assert len(_events(coded, "code_move")) == 1
    with pytest.raises(CodebenchError, match="under itself"):
        move_code(coded, "Succesfactoren", "Succesfactoren > Lock-in")


def test_merge_moves_codings_and_folds_duplicates(coded: Project) -> None:
    moved = merge_codes(
        coded,
        "Voldoende middelen (tijd, geld, expertise)",
        "De afwezigheid van budget, bronnen of andere middelen",
        viewer=EVERYONE,
    )
    assert moved == 0  # anna's identical coding is folded into the target's
    codes = sorted(r.coding.code_path for r in list_codings(coded, viewer=EVERYONE))
    assert codes == [
        "Knelpunten > De afwezigheid van budget, bronnen of andere middelen",
        "Knelpunten > Digitale afhankelijkheid",
    ]
    [event] = _events(coded, "code_merge")
    assert event.data["folded"] == 1
    assert _orphans(coded) == 0


def test_delete_is_refused_with_codings_unless_forced(coded: Project) -> None:
    with pytest.raises(CodebenchError, match="has 1 codings; merge it"):
        delete_code(coded, "Digitale afhankelijkheid", viewer=EVERYONE)
    with pytest.raises(CodebenchError, match="has child codes"):
        delete_code(coded, "Knelpunten", viewer=EVERYONE)
    assert delete_code(coded, "Digitale afhankelijkheid", force=True, viewer=EVERYONE) == 1
    [removed] = _events(coded, "remove_code")
    assert removed.data["coding"]["start"] < removed.data["coding"]["end"]
    assert len(_events(coded, "code_delete")) == 1
    assert [r.coding.coder for r in list_codings(coded, viewer=EVERYONE)] == ["anna", "anna"]
    assert _orphans(coded) == 0


def test_add_refuses_duplicates_and_shortcut_collisions(project: Project) -> None:
    add_code(project, "Thema", shortcut="t")
    with pytest.raises(CodebenchError, match="already exists"):
        add_code(project, "thema")
    with pytest.raises(CodebenchError, match="shortcut 't'"):
        add_code(project, "Ander thema", shortcut="t")
    assert [n.path for n in codebook_tree(project, viewer=EVERYONE)] == ["Thema"]


def test_cli_codebook_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["init"]).exit_code == 0
    result = runner.invoke(cli, ["codebook", "load", str(CODEBOOKS / "genai-overheid.yaml")])
    assert result.exit_code == 0, result.output
    assert "32 added" in result.output
    show = runner.invoke(cli, ["codebook", "show"]).output
    assert "Knelpunten" in show and "Digitale afhankelijkheid" in show
    assert runner.invoke(cli, ["codebook", "add", "Nieuw", "--parent", "Knelpunten"]).exit_code == 0
    assert runner.invoke(cli, ["codebook", "rename", "Nieuw", "Nieuwer"]).exit_code == 0
    assert runner.invoke(cli, ["codebook", "move", "Nieuwer"]).exit_code == 0
    assert runner.invoke(cli, ["codebook", "export", "out.csv"]).exit_code == 0
    assert "Nieuwer," in (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert runner.invoke(cli, ["codebook", "delete", "Nieuwer"]).exit_code == 0


def test_cli_broken_codebook_is_one_line_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    runner.invoke(cli, ["init"])
    (tmp_path / "bad.yaml").write_text(
        "name: x\ncodes:\n  - name: A\n    colur: '#ffffff'\n", encoding="utf-8"
    )
    result = runner.invoke(cli, ["codebook", "load", "bad.yaml"])
    assert result.exit_code == 1
    assert result.stderr.startswith("codebench: error: bad.yaml:4: unknown field 'colur'")
    assert result.stderr.count("\n") == 1
    assert "0 codes" in runner.invoke(cli, ["codebook", "show"]).output


def test_a_name_with_the_path_separator_is_a_path_with_its_groups(project: Project) -> None:
    load_codebook_file(project, CODEBOOKS / "genai-overheid.yaml")
    before = {n.path for n in codebook_tree(project, viewer=EVERYONE)}

    add_code(project, "knelpunten >  Tempo", colour="#123456")  # a group found by name
    add_code(project, "Nieuw thema > Eerste > Code")  # groups added where missing
    add_code(project, "Los", parent="Knelpunten")  # a plain name goes under the parent

    nodes = {n.path: n for n in codebook_tree(project, viewer=EVERYONE)}
    assert set(nodes) - before == {
        "Knelpunten > Tempo",
        "Nieuw thema",
        "Nieuw thema > Eerste",
        "Nieuw thema > Eerste > Code",
        "Knelpunten > Los",
    }
    assert nodes["Knelpunten > Tempo"].colour == "#123456"
    assert nodes["Nieuw thema"].colour is None  # the fields are the new code's, not a group's
    assert not any(">" in n.name for n in nodes.values())
    with pytest.raises(CodebenchError, match="'Knelpunten > Tempo' already exists"):
        add_code(project, "Knelpunten>tempo")
    with pytest.raises(CodebenchError, match="empty part"):
        add_code(project, "Knelpunten > ")
    with pytest.raises(CodebenchError, match="cannot hold '>'"):
        rename_code(project, "Knelpunten > Tempo", "Knelpunten > Snelheid")
    assert "Knelpunten > Tempo" in {n.path for n in codebook_tree(project, viewer=EVERYONE)}


def test_cli_codebook_add_reads_a_path_as_the_service_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    runner.invoke(cli, ["init"])
    runner.invoke(cli, ["codebook", "load", str(CODEBOOKS / "genai-overheid.yaml")])

    added = runner.invoke(cli, ["codebook", "add", "Knelpunten > Tempo"])
    assert added.exit_code == 0, added.output
    assert "Added 'Knelpunten > Tempo'" in added.output
    nested = runner.invoke(cli, ["codebook", "add", "Nieuw > Sub", "--parent", "Succesfactoren"])
    assert "Added 'Nieuw > Sub' (a path says where it goes: --parent not used)" in nested.output
    refused = runner.invoke(cli, ["codebook", "add", "> Tempo"])
    assert refused.exit_code == 1 and "empty part" in refused.output
    show = runner.invoke(cli, ["codebook", "show"]).output
    assert "Knelpunten > Tempo" not in show  # a code, not a name holding the separator
    assert runner.invoke(cli, ["codebook", "delete", "Knelpunten > Tempo"]).exit_code == 0
    assert runner.invoke(cli, ["codebook", "delete", "Nieuw > Sub"]).exit_code == 0
