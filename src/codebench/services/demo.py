"""The demo study: the bundled sample interviews, codebook and two coders' codings.

It lives in the user's data folder so that ``codebench demo`` works from any directory, and is
built once; ``reset`` throws it away and builds it again from the bundled files.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from codebench.errors import CodebenchError
from codebench.files.private import private_folder
from codebench.resources import data_path
from codebench.services.documents.overview import project_summary
from codebench.services.project import Project, init_project, open_project
from codebench.services.viewer import Viewer

if TYPE_CHECKING:
    from codebench.services.coding.spreadsheet import CodingsImported
    from codebench.services.documents.importing import ImportOutcome

DEMO_NAME = "GenAI bij de overheid (demo)"
RESPONDENTS_CSV = "respondents.csv"
CODINGS_CSV = "codings.csv"
CODEBOOK = "genai-overheid.yaml"


def _remove(location: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        location.with_name(location.name + suffix).unlink(missing_ok=True)


def build_demo(
    location: Path, reset: bool = False, progress: Callable[[str], None] | None = None
) -> Project:
    """Open the demo project at ``location``, building it first if needed (or if ``reset``).

    It is built in a file of its own next to ``location`` and renamed into place only when
    complete, so a build that is killed or whose terminal closes leaves no half-built demo to
    open later; a half-built one from before that rule is recognised by its missing codings.
    """
    say = progress or (lambda _msg: None)
    if reset:
        _remove(location)
    if location.exists():
        project = open_project(location)
        if not _complete(project):
            project.close()
            raise CodebenchError(
                f"{location}: the demo project is incomplete (its build was interrupted); "
                "rebuild it with 'codebench demo --reset'"
            )
        return project
    say(f"Building the demo project in {location} ...")
    # The data folder holds interview transcripts: made owner-only if codebench makes it.
    private_folder(location.parent)
    _remove_abandoned(location)
    building = location.with_name(f"{location.name}.building-{os.getpid()}")
    try:
        outcomes, coded = _fill(init_project(building, DEMO_NAME))
        os.replace(building, location)
    finally:
        _remove(building)
    say(
        f"Imported {len(outcomes)} sample interviews and {coded.codings} codings by "
        + " and ".join(coded.coders)
    )
    return open_project(location)


def _remove_abandoned(location: Path) -> None:
    """Remove what killed builds left (their process is gone); a build still running in
    another process keeps its file."""
    for leftover in location.parent.glob(f"{location.name}.building-*"):
        pid = leftover.name.removeprefix(f"{location.name}.building-").partition("-")[0]
        if pid.isdecimal() and not _alive(int(pid)):
            leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fill(project: Project) -> tuple[list[ImportOutcome], CodingsImported]:
    """Import the samples, respondents, codebook and codings into a new project, then close it
    (SQLite folds its write-ahead log into the file, which can then be moved). The importers
    are imported here: opening a demo that is built must not pay for loading spaCy."""
    from codebench.codebook.formats import load_codebook
    from codebench.services.codebook.files import merge_codebook
    from codebench.services.coding.spreadsheet import import_codings
    from codebench.services.documents.importing import ImportOptions, import_files
    from codebench.services.documents.respondents import import_attributes

    samples = data_path("sample_transcripts")
    with project:
        outcomes = import_files(project, [samples], ImportOptions(actor="demo"))
        failed = [o.error for o in outcomes if o.error]
        if failed:
            raise CodebenchError("the bundled sample transcripts failed to import: " + failed[0])
        import_attributes(project, samples / RESPONDENTS_CSV, actor="demo")
        merge_codebook(project, load_codebook(data_path("codebooks") / CODEBOOK), actor="demo")
        coded = import_codings(project, samples / CODINGS_CSV, actor="demo")
    return outcomes, coded


def _complete(project: Project) -> bool:
    """Whether an existing demo holds codings: a build interrupted before the rename rule left
    its documents without them."""
    return sum(project_summary(project, viewer=Viewer.everyone()).codings_by_coder.values()) > 0
