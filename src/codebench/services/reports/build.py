"""Reports as use cases: pick a table by name, apply filters, and write report files.

Which tables exist, and which a report file holds by default, is the registry's
(:mod:`codebench.reports.registry`); these use cases read the project once and build from it.
"""

from __future__ import annotations

from pathlib import Path

from codebench.agreement.model import AgreementOptions
from codebench.agreement.tables import agreement_table
from codebench.errors import CodebenchError
from codebench.exports import export_tables as write_tables
from codebench.reports.kind import ReportOptions
from codebench.reports.model import Filters, ReportData, ReportTable
from codebench.reports.registry import KINDS, NAMES, kind_named
from codebench.services.agreement import agree
from codebench.services.documents.overview import project_name
from codebench.services.project import Project
from codebench.services.reports.data import load_report_data
from codebench.services.viewer import Viewer

REPORTS = NAMES
"""The tables a user may ask for by name."""
DEFAULT_ATTRIBUTE = "organisation_type"


def _attribute(data: ReportData, attribute: str | None) -> str:
    if attribute:
        return attribute
    known = [c for c in data.respondents.columns if c != "documents"]
    if DEFAULT_ATTRIBUTE in known:
        return DEFAULT_ATTRIBUTE
    if not known:
        raise CodebenchError("no respondent attributes yet (codebench attributes import)")
    return str(known[0])


def table_from(
    data: ReportData,
    name: str,
    attribute: str | None = None,
    presence: bool = False,
    level: str = "unit",
) -> ReportTable:
    """One named table from data already read (the TUI and exports read once, build many)."""
    kind = kind_named(name)
    if kind is None:
        raise CodebenchError(f"no report '{name}' (one of {', '.join(REPORTS)})")
    chosen = _attribute(data, attribute) if kind.uses_attribute else ""
    try:
        return kind.build(data, ReportOptions(chosen, presence, level))
    except ValueError as exc:
        raise CodebenchError(str(exc)) from exc


def build_report(
    project: Project,
    name: str,
    filters: Filters | None = None,
    attribute: str | None = None,
    presence: bool = False,
    level: str = "unit",
    *,
    viewer: Viewer,
) -> ReportTable:
    """One named table, read for ``viewer`` (a blind viewer's own codings only)."""
    data = load_report_data(project, filters, viewer=viewer)
    return table_from(data, name, attribute, presence, level)


def export_tables(
    project: Project,
    path: Path,
    filters: Filters | None = None,
    names: tuple[str, ...] | None = None,
    attribute: str | None = None,
    agreement: AgreementOptions | None = None,
    *,
    viewer: Viewer,
) -> list[Path]:
    """Write report tables to ``path`` (format by suffix); returns the files written.

    Without ``names``: the registered tables marked ``exported``, or ``in_docx`` for a Word
    report (the participants table, the theme table, the quotes and codes by attribute). With
    ``agreement``, the inter-coder agreement table of those coders is added. A blind viewer
    exports their own codings only, and an agreement table is refused for them.
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
