"""The demo study: the bundled sample interviews, codebook and two coders' codings.

It lives in the user's data folder so that ``codebench demo`` works from any directory, and is
built once; ``reset`` throws it away and builds it again from the bundled files.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from codebench.codebook.formats import load_codebook
from codebench.errors import CodebenchError
from codebench.resources import data_path
from codebench.services.codebook.files import merge_codebook
from codebench.services.coding.spreadsheet import import_codings
from codebench.services.documents.importing import ImportOptions, import_files
from codebench.services.documents.respondents import import_attributes
from codebench.services.project import Project, init_project, open_project

DEMO_NAME = "GenAI bij de overheid (demo)"
RESPONDENTS_CSV = "respondents.csv"
CODINGS_CSV = "codings.csv"
CODEBOOK = "genai-overheid.yaml"


def _remove(location: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        location.with_name(location.name + suffix).unlink(missing_ok=True)


def build_demo(
    location: Path, reset: bool = False, progress: Callable[[str], None] | None = None
) -> Project:
    """Open the demo project at ``location``, building it first if needed (or if ``reset``)."""
    say = progress or (lambda _msg: None)
    if reset:
        _remove(location)
    if location.exists():
        return open_project(location)
    samples = data_path("sample_transcripts")
    say(f"Building the demo project in {location} ...")
    # The data folder holds interview transcripts: made owner-only if codebench makes it.
    location.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    project = init_project(location, DEMO_NAME)
    try:
        outcomes = import_files(project, [samples], ImportOptions(actor="demo"))
        failed = [o.error for o in outcomes if o.error]
        if failed:
            raise CodebenchError("the bundled sample transcripts failed to import: " + failed[0])
        import_attributes(project, samples / RESPONDENTS_CSV, actor="demo")
        merge_codebook(project, load_codebook(data_path("codebooks") / CODEBOOK), actor="demo")
        coded = import_codings(project, samples / CODINGS_CSV, actor="demo")
    except BaseException:
        project.close()
        _remove(location)
        raise
    say(
        f"Imported {len(outcomes)} sample interviews and {coded.codings} codings by "
        + " and ".join(coded.coders)
    )
    return project
