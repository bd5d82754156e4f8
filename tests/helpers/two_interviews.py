"""Two short interviews, A and B, imported with their respondents: the start of the small
studies that report, REFI-QDA and blind-mode tests code by hand."""

from __future__ import annotations

from pathlib import Path

from codebench.services.documents.importing import ImportOptions, import_file
from codebench.services.documents.respondents import import_attributes
from codebench.services.project import Project


def import_two_interviews(
    project: Project, folder: Path, doc_a: str, doc_b: str, respondents_csv: str
) -> None:
    """Write A.txt, B.txt and respondents.csv into ``folder`` and import them (Dutch)."""
    for name, text in (("A.txt", doc_a), ("B.txt", doc_b)):
        (folder / name).write_text(text, encoding="utf-8")
        import_file(project, folder / name, ImportOptions(language="nl"))
    (folder / "respondents.csv").write_text(respondents_csv, encoding="utf-8")
    import_attributes(project, folder / "respondents.csv")
