"""Agreement results as tables a reviewer reads: per code, pooled, and disagreements listed.

pandas is imported by the functions that make a frame, so importing this module (as every
command that may export agreement does) costs nothing until a table is made.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from codebench.agreement.blanks import BLANKS, Blank
from codebench.reports.model import ReportTable

if TYPE_CHECKING:
    import pandas as pd

    from codebench.agreement.analysis import CodeAgreement
    from codebench.agreement.disagreements import Disagreement
    from codebench.agreement.model import AgreementResult, Comparison

Decisions = Mapping[tuple[int, int, int, int], tuple[str, str | None, str | None]]


BLANK_COLUMN = "blank because"


def _row(item: CodeAgreement, coders: Sequence[str]) -> dict[str, Any]:
    row: dict[str, Any] = {
        "code": item.code,
        "units": item.units,
        **{f"positives {c}": item.positives.get(c, 0) for c in coders},
    }
    for figure in item.figures:
        row[figure.column] = item.values[figure.name]
        if figure.interval is not None:
            ci = item.intervals.get(figure.name)
            places = figure.decimals
            row[figure.interval_column] = (
                f"{ci[0]:.{places}f} to {ci[1]:.{places}f}" if ci else None
            )
    row[BLANK_COLUMN] = _blank_text(item)
    row["warning"] = item.warning
    return row


def _blank_text(item: CodeAgreement) -> str | None:
    """Which of the row's cells are empty and why, reason by reason: "alpha, AC1: nobody
    applied the code"."""
    columns: dict[Blank, list[str]] = {}
    for column, blank in item.blanks.items():
        columns.setdefault(blank, []).append(column)
    parts = [f"{', '.join(names)}: {blank.label}" for blank, names in columns.items()]
    return "; ".join(parts) or None


AGREEMENT_TITLE = "Inter-coder agreement"


def _rule(result: AgreementResult) -> str:
    threshold = result.options.threshold
    return f"θ = {threshold:g}" if threshold is not None else "any overlap"


_WHOSE = {
    "respondents": "respondents' turns (not the interviewer's, nor text nobody speaks)",
    "all": "every turn, the interviewer's and text nobody speaks included",
}


def agreement_notes(result: AgreementResult) -> tuple[str, ...]:
    """How units and the threshold were read, how each figure is defined, what missing and
    empty mean, how intervals were drawn, and the run's warnings: the notes of
    :func:`agreement_table`, for a caller that shows the figures without making the table
    (which loads pandas)."""
    options = result.options
    return (
        f"Units: {options.unit} units of {_WHOSE[options.speakers]}: {result.units:,} in "
        f"{result.documents} documents; a coder applied a code to a unit when a span overlaps "
        f"it with |s ∩ u| / min(|s|, |u|) >= θ ({_rule(result)}).",
        "A unit coded by one coder and not by another is a disagreement (1 vs 0); only "
        "documents a coder was not assigned or has not finished are missing data. A row's "
        "units are those at least two coders rated.",
        _definitions(len(options.coders)),
        _intervals(result),
        *_blank_notes(result),
        *result.warnings,
    )


def _definitions(coders: int) -> str:
    gwet = (
        "Cohen's kappa (two coders) uses the units both rated; Gwet's AC1 handles"
        if coders == 2
        else "Fleiss' kappa (three or more coders) and Gwet's AC1 handle"
    )
    return (
        "Percent agreement: for each unit at least two coders rated, the share of its pairs "
        "of ratings that agree, averaged over those units (Gwet 2014; irrCAC's observed "
        "agreement); positive agreement: of the pairs of ratings on a unit where one coder "
        f"applied the code, the share where the other did too (Uebersax). {gwet} missing "
        "ratings as Gwet does (irrCAC): observed agreement as above, category shares over "
        "every unit rated at least once. Krippendorff's alpha (nominal) pairs the ratings of "
        "every unit rated at least twice. Screens show percent and positive agreement as "
        "percentages, exports as proportions."
    )


def _intervals(result: AgreementResult) -> str:
    options = result.options
    if not options.bootstrap:
        return "No 95% intervals: no bootstrap was asked for (--bootstrap 0)."
    if options.bootstrap_by == "document":
        drawn = (
            "whole documents with all their units (sentences of one interview are not independent)"
        )
    else:
        drawn = (
            "units one by one, as if independent (--bootstrap-by document resamples whole "
            "documents, since units cluster in them)"
        )
    return (
        f"95% interval for alpha: percentile bootstrap, {options.bootstrap:,} resamples of "
        f"{drawn}, seed {options.seed}."
    )


def _blank_notes(result: AgreementResult) -> list[str]:
    """One line per reason some cell is empty, in the order of :data:`BLANKS`."""
    found = {blank for item in (*result.codes, result.pooled) for blank in item.blanks.values()}
    if not found:
        return []
    return [
        "Empty cells are undefined, not zero; the mark on a screen (and the "
        f"'{BLANK_COLUMN}' column of an export) says why:",
        *(f"{blank.cell} {blank.label}: {blank.meaning}." for blank in BLANKS if blank in found),
    ]


def agreement_table(result: AgreementResult) -> ReportTable:
    import pandas as pd

    coders = result.options.coders
    rows = [_row(item, coders) for item in result.codes]
    rows.append(_row(result.pooled, coders))
    frame = pd.DataFrame(rows)
    for figure in result.pooled.figures:
        if figure.column in frame:
            frame[figure.column] = frame[figure.column].map(
                lambda v, places=figure.decimals: (
                    None if v is None or pd.isna(v) else round(float(v), places)
                )
            )
    filters = {
        "coders": ", ".join(coders),
        "codes": result.options.codes or "all codes",
        "unit": result.options.unit,
        "speakers": result.options.speakers,
        "threshold": _rule(result),
        "bootstrap": f"{result.options.bootstrap} by {result.options.bootstrap_by}"
        if result.options.bootstrap
        else "none",
    }
    return ReportTable("agreement", AGREEMENT_TITLE, frame, filters, agreement_notes(result))


def disagreement_rows(
    comparison: Comparison, found: Sequence[Disagreement], decisions: Decisions
) -> list[dict[str, Any]]:
    """One row per disagreement, with the unit in context and each coder's span."""
    from codebench.agreement.disagreements import disagreement_key

    rows = []
    units = comparison.unit_set.units
    for item in found:
        unit = item.unit
        text = comparison.texts[unit.document]
        position = comparison.unit_set.index_of(unit)
        before = units[position - 1] if position > 0 else None
        after = units[position + 1] if position + 1 < len(units) else None
        document_id = comparison.document_ids[unit.document]
        decision = decisions.get((document_id, item.code_id, unit.start, unit.end))
        row: dict[str, Any] = {
            "key": disagreement_key(item),
            "document": unit.document,
            "unit": unit.number,
            "speaker": unit.speaker,
            "code": comparison.paths[item.code_id],
            "kind": item.kind,
            "instead": comparison.paths.get(item.substitute) if item.substitute else None,
            "unit_text": text[unit.start : unit.end],
            "before": text[before.start : before.end]
            if before and before.document == unit.document
            else "",
            "after": text[after.start : after.end]
            if after and after.document == unit.document
            else "",
        }
        for view in item.coders:
            span = view.span
            row[f"{view.coder} applied"] = view.applied
            row[f"{view.coder} span"] = text[span[0] : span[1]] if span else None
            row[f"{view.coder} overlap"] = round(view.ratio, 3)
        row["resolution"] = decision[0] if decision else "open"
        row["accepted"] = decision[1] if decision else None
        row["note"] = decision[2] if decision else None
        rows.append(row)
    return rows


def substitution_frame(comparison: Comparison, found: Sequence[Disagreement]) -> pd.DataFrame:
    """Code applied by one coder (rows) x code another applied instead (columns)."""
    import pandas as pd

    from codebench.agreement.disagreements import substitution_table

    counts = substitution_table(found)
    codes = sorted({c for pair in counts for c in pair}, key=lambda c: comparison.paths[c])
    labels = [comparison.paths[c] for c in codes]
    frame = pd.DataFrame(0, index=pd.Index(labels, name="applied"), columns=labels)
    for (applied, instead), n in counts.items():
        frame.at[comparison.paths[applied], comparison.paths[instead]] = n
    return frame
