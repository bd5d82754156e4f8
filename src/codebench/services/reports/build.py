"""Reports as use cases: pick a table by name, apply filters, build it from the project.

Which tables exist is the registry's (:mod:`codebench.reports.registry`); these use cases read
the project once and build from it. Writing report files is
:mod:`codebench.services.reports.export`'s, so printing a table never loads the writers.
"""

from __future__ import annotations

from codebench.errors import CodebenchError
from codebench.reports.kind import ReportKind, ReportOptions
from codebench.reports.model import Filters, ReportData, ReportTable
from codebench.reports.registry import NAMES, kind_named
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


def _kind(name: str) -> ReportKind:
    kind = kind_named(name)
    if kind is None:
        raise CodebenchError(f"no report '{name}' (one of {', '.join(REPORTS)})")
    return kind


def table_from(
    data: ReportData,
    name: str,
    attribute: str | None = None,
    presence: bool = False,
    level: str = "unit",
) -> ReportTable:
    """One named table from data already read (the TUI and exports read once, build many)."""
    kind = _kind(name)
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
    """One named table, read for ``viewer`` (a blind viewer's own codings only); only what
    the table uses is read."""
    reads = _kind(name).reads(ReportOptions(attribute or "", presence, level))
    data = load_report_data(project, filters, viewer=viewer, reads=reads)
    return table_from(data, name, attribute, presence, level)
