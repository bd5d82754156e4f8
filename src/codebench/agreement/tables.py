"""Agreement results as tables a reviewer reads: per code, pooled, and disagreements listed.

pandas is imported by the functions that make a frame, so importing this module (as every
command that may export agreement does) costs nothing until a table is made.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from codebench.reports.model import ReportTable

if TYPE_CHECKING:
    import pandas as pd

    from codebench.agreement.analysis import CodeAgreement
    from codebench.agreement.disagreements import Disagreement
    from codebench.agreement.model import AgreementResult, Comparison

Decisions = Mapping[tuple[int, int, int, int], tuple[str, str | None, str | None]]


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
    row["warning"] = item.warning
    return row


AGREEMENT_TITLE = "Inter-coder agreement"


def _rule(result: AgreementResult) -> str:
    threshold = result.options.threshold
    return f"θ = {threshold:g}" if threshold is not None else "any overlap"


def agreement_notes(result: AgreementResult) -> tuple[str, ...]:
    """How units and the threshold were read, what missing and empty mean, and the run's
    warnings: the notes of :func:`agreement_table`, for a caller that shows the figures
    without making the table (which loads pandas)."""
    return (
        f"Units: {result.options.unit} ({result.units:,} in {result.documents} documents); "
        f"a coder applied a code to a unit when a span overlaps it with "
        f"|s ∩ u| / min(|s|, |u|) >= θ ({_rule(result)}).",
        "A unit coded by one coder and not by another is a disagreement (1 vs 0); only "
        "documents a coder was not assigned or has not finished are missing data.",
        "Empty cells are undefined (no variation), not zero.",
        *result.warnings,
    )


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
        "threshold": _rule(result),
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
