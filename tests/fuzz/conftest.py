"""The template project every fuzz example starts from, and the real files that seed mutations.

The template holds one interview (with speakers and a respondent) and a small codebook whose
GUIDs are those of the seed ``study.qdpx``/``study.qdc``, so mutated files meet existing rows:
codes matched by GUID, a document already imported, a respondent already known.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from fuzz_support import CODEBOOK, INTERVIEW, Workbench

from codebench.services.codebook.files import merge_codebook
from codebench.services.documents.importing import ImportOptions, import_file
from codebench.services.project import init_project


@pytest.fixture(scope="session")
def workbench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workbench]:
    folder = tmp_path_factory.mktemp("fuzz-template")
    shutil.copy(INTERVIEW, folder / INTERVIEW.name)
    with init_project(folder / "template.codebench", "Fuzz study") as project:
        import_file(project, folder / INTERVIEW.name, ImportOptions(language="nl"))
        merge_codebook(project, CODEBOOK, "fuzz")
    bench = Workbench(folder / "template.codebench", tmp_path_factory.mktemp("fuzz-scratch"))
    yield bench
    bench.close()
