"""Writing report files: the tables a file holds by default, and the agreement table on request.

Apart from building (:mod:`codebench.services.reports.build`) because the writers load
python-docx, openpyxl and matplotlib, and the agreement table the agreement computation: a
command that prints one table needs none of them.
"""

from __future__ import annotations

from pathlib import Path

from codebench.agreement.model import AgreementOptions
from codebench.agreement.tables import agreement_table
from codebench.errors import CodebenchError
from codebench.exports import export_tables as write_tables
from codebench.exports import output_paths
from codebench.reports.model import Filters
from codebench.reports.registry import KINDS, kind_named
from codebench.services.agreement import agree
from codebench.services.documents.overview import project_name
from codebench.services.project import Project
from codebench.services.reports.build import table_from
from codebench.services.reports.data import load_report_data
from codebench.services.viewer import Viewer


class FilesExist(CodebenchError):
    """The export would replace files that are there already (``paths``); nothing written."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        names = ", ".join(path.name for path in paths)
        super().__init__(f"{names} {'exists' if len(paths) == 1 else 'exist'} already")


def export_tables(
    project: Project,
    path: Path,
    filters: Filters | None = None,
    names: tuple[str, ...] | None = None,
    attribute: str | None = None,
    agreement: AgreementOptions | None = None,
    *,
    viewer: Viewer,
    replace: bool = True,
) -> list[Path]:
    """Write report tables to ``path`` (format by suffix); returns the files written.

    Without ``names``: the registered tables marked ``exported``, or ``in_docx`` for a Word
    report (the participants table, the theme table, the quotes and codes by attribute). With
    ``agreement``, the inter-coder agreement table of those coders is added. A blind viewer
    exports their own codings only, and an agreement table is refused for them. With
    ``replace`` False, raises :class:`FilesExist` (writing nothing) when any file it would
    write is there already: the TUI asks first.
    """
    if agreement is not None:
        viewer.refuse_if_blind("the agreement table")
    data = load_report_data(project, filters, viewer=viewer)
    chosen = names or _default_tables(docx=path.suffix.casefold() == ".docx")
    if not data.respondents.columns.drop("documents", errors="ignore").size:
        chosen = tuple(n for n in chosen if not _uses_attribute(n))
    built = [table_from(data, name, attribute) for name in chosen]
    if agreement is not None:
        built.append(agreement_table(agree(project, agreement, viewer=viewer)))
    if not replace:
        existing = [target for target in output_paths(built, path) if target.exists()]
        if existing:
            raise FilesExist(existing)
    try:
        return write_tables(built, path, data=data, title=project_name(project))
    except ValueError as exc:
        raise CodebenchError(str(exc)) from exc
    except OSError as exc:
        raise CodebenchError(f"{path}: cannot write ({exc.strerror or exc})") from exc


def _default_tables(*, docx: bool) -> tuple[str, ...]:
    """The registered tables a report file holds when the user names none."""
    return tuple(kind.name for kind in KINDS if (kind.in_docx if docx else kind.exported))


def _uses_attribute(name: str) -> bool:
    kind = kind_named(name)
    return kind is not None and kind.uses_attribute
