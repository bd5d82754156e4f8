"""A small coded project for TUI tests: three sample interviews, the GenAI codebook, and the
demo coders' codings of them; copied fresh for every test so tests never see each other."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from codebench.codebook.formats import load_codebook
from codebench.resources import data_path
from codebench.services.codebook.files import merge_codebook
from codebench.services.coding.spreadsheet import import_codings
from codebench.services.documents.importing import ImportOptions, import_files
from codebench.services.documents.respondents import import_attributes
from codebench.services.project import Project, init_project, open_project

SAMPLES = data_path("sample_transcripts")
DOCUMENTS = ("interview_01", "interview_02", "interview_03")


@pytest.fixture(scope="session")
def template_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tui-template")
    location = folder / "tui.codebench"
    with init_project(location, "TUI test study") as project:
        files = [SAMPLES / f"{name}.docx" for name in DOCUMENTS]
        import_files(project, files, ImportOptions(actor="setup"))
        with (SAMPLES / "respondents.csv").open(encoding="utf-8") as handle:
            rows = [r for r in csv.DictReader(handle) if r["interview"] in DOCUMENTS]
        respondents = folder / "respondents.csv"
        with respondents.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        import_attributes(project, respondents, actor="setup")
        codebook = load_codebook(data_path("codebooks") / "genai-overheid.yaml")
        merge_codebook(project, codebook, actor="setup")
        with (SAMPLES / "codings.csv").open(encoding="utf-8") as handle:
            codings = [r for r in csv.DictReader(handle) if r["document"] in DOCUMENTS]
        codings_file = folder / "codings.csv"
        with codings_file.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(codings[0]))
            writer.writeheader()
            writer.writerows(codings)
        import_codings(project, codings_file, actor="setup")
    return location


@pytest.fixture
def tui_project(
    template_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Project]:
    monkeypatch.setenv("CODEBENCH_SETTINGS", str(tmp_path / "settings.yaml"))
    location = tmp_path / "study.codebench"
    shutil.copy(template_project, location)
    with open_project(location) as project:
        yield project
