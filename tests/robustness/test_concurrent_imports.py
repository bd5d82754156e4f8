"""Two coders importing the same transcript at the same moment: one document, one refusal."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from codebench.errors import InputError
from codebench.services.documents.importing import ImportOptions, import_file
from codebench.services.project import init_project, open_project
from codebench.storage import models
from helpers.small_study import SAMPLES


def test_the_same_file_imported_twice_at_once_is_stored_once(backend_location: str) -> None:
    location = backend_location
    init_project(location).close()
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def import_as(coder: str) -> None:
        with open_project(location) as project:
            start.wait()
            try:
                import_file(
                    project, SAMPLES / "interview_06.txt", ImportOptions(language="nl", actor=coder)
                )
                outcomes.append("imported")
            except InputError as refused:
                outcomes.append(str(refused))

    threads = [threading.Thread(target=import_as, args=(c,)) for c in ("anna", "bram")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sorted(outcomes)[-1] == "imported"
    assert "already imported" in sorted(outcomes)[0]
    with open_project(location) as project, project.reading() as session:
        assert session.scalar(select(func.count(models.Document.id))) == 1
        assert session.scalar(select(func.count(models.Respondent.id))) == 1
