"""``codebench pseudonymise`` as a user types it, and offline: no network at run time."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result

from codebench.cli import cli

from .conftest import Study, document_ids, document_texts

GUARD = Path(__file__).parents[1] / "privacy"


def run(study: Study, *args: str) -> Result:
    command = ["pseudonymise", *args, "--project", str(study.location)]
    return CliRunner().invoke(cli, command, catch_exceptions=False)


def test_a_dry_run_lists_every_replacement_and_changes_nothing(study: Study) -> None:
    before = document_texts(study.project)
    table = run(study, "marieke", "--dry-run")
    assert table.exit_code == 0, table.output
    assert "dry run" in table.output and "Marieke de Boer" in table.output
    listing = run(study, "--all", "--dry-run", "--format", "csv", "--exclude", "Zwolle")
    rows = list(csv.DictReader(io.StringIO(listing.output)))
    assert {row["document"] for row in rows} == {"marieke", "sarah"}
    assert {"person", "place", "organisation", "email", "phone", "url", "id", "date"} <= {
        row["category"] for row in rows
    }
    assert not [row for row in rows if row["text"] == "Zwolle"]
    assert all(row["before"] or row["after"] for row in rows)
    assert document_texts(study.project) == before


def test_applying_replaces_the_text_and_says_where_the_key_is(study: Study) -> None:
    backup = study.location.with_name("study.codebench.0003.20250101T000000.bak")
    backup.write_bytes(b"an older copy")
    result = run(study, "--all", "--exclude", "Zwolle")
    assert result.exit_code == 0, result.output
    assert "Pseudonymised 2 documents" in result.output
    assert "pseudonymisation-key.json" in result.output
    assert "backup of the project from before" in result.output.replace("\n", " ")
    texts = "\n".join(document_texts(study.project).values())
    assert "Marieke de Boer" not in texts and "Zwolle" in texts  # excluded, so kept


def test_bad_requests_are_one_line_errors_and_change_nothing(study: Study) -> None:
    before = document_texts(study.project)
    for args in ((), ("marieke", "--all"), ("no-such-interview",)):
        result = run(study, *args)
        assert result.exit_code == 1
        assert result.output.count("\n") == 1 and "codebench: error:" in result.output
    assert document_texts(study.project) == before
    assert not study.location.with_name("study.codebench-key").exists()


def test_pseudonymising_makes_no_network_access(study: Study, tmp_path: Path) -> None:
    """deduce reads its lists from its own package: no download, no cache file written."""
    study.project.close()
    log = tmp_path / "network.log"
    env = {**os.environ, "CODEBENCH_NETWORK_LOG": str(log)}
    code = (
        "import sys, network_guard\n"
        "from codebench.cli import cli\n"
        "cli.main(['pseudonymise', '--all', '--project', sys.argv[1]], prog_name='codebench')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(study.location)],
        cwd=GUARD,
        env={**env, "PYTHONPATH": os.pathsep.join([str(GUARD), env.get("PYTHONPATH", "")])},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Pseudonymised 2 documents" in done.stdout
    assert not log.exists() or log.read_text() == ""


def test_import_pseudonymise_replaces_names_in_the_new_documents_only(
    study: Study, tmp_path: Path
) -> None:
    from .samples import sample

    before = _texts_by_id(study)
    new = tmp_path / "nieuw.txt"
    written = sample("sample_nl.txt")
    new.write_text(written.text + "\nTot slot: bedankt.\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["import", str(new), "--pseudonymise", "--project", str(study.location)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "1 of 1 files imported" in result.output
    assert "Pseudonymised 1 document:" in result.output
    texts = _texts_by_id(study)
    assert {key: texts[key] for key in before} == before  # the others' texts are untouched
    [added] = [text for key, text in texts.items() if key not in before]
    assert "[PERSOON-" in added
    assert not [name for name in written.entities("person") if name in added]


def _texts_by_id(study: Study) -> dict[int, str]:
    # By id: a document named after a person ("marieke") is renamed with the others' names.
    ids = document_ids(study.project)
    texts = document_texts(study.project)
    return {ids[name]: texts[name] for name in ids}
