"""A small study for the crash and concurrency tests: two transcripts and five codes."""

from __future__ import annotations

from pathlib import Path

from codebench.services.codebook.edits import add_code
from codebench.services.documents.importing import ImportOptions, import_files
from codebench.services.project import init_project

SAMPLES = Path(__file__).parents[2] / "sample_transcripts"


def build_study(location: str) -> str:
    with init_project(location, "Robustness study") as project:
        files = [SAMPLES / "interview_06.txt", SAMPLES / "interview_09.txt"]
        import_files(project, files, ImportOptions(language="nl", actor="setup"))
        for name in ("Budget", "Leiderschap", "Privacy", "Samenwerking", "Infrastructuur"):
            add_code(project, name, actor="setup")
    return location
