"""Agreement results as tables a reviewer reads: per code, pooled, and disagreements listed.

pandas is imported by the functions that make a frame, so importing this module (as every
command that may export agreement does) costs nothing until a table is made.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from codebench.agreement.blanks import BLANKS, Blank
from codebench.i18n import N_
from codebench.i18n.phrase import Phrase, phrases_in
from codebench.reports.model import ReportTable

if TYPE_CHECKING:
    import pandas as pd

    from codebench.agreement.analysis import CodeAgreement
    from codebench.agreement.disagreements import Disagreement
    from codebench.agreement.model import AgreementResult, Comparison

Decisions = Mapping[tuple[int, int, int, int], tuple[str, str | None, str | None]]

CODE_COLUMN = N_("code")
UNITS_COLUMN = N_("units")
BLANK_COLUMN = N_("blank because")
WARNING_COLUMN = N_("warning")
AGREEMENT_TITLE = N_("Inter-coder agreement")
UNITS = {
    "sentence": N_("sentence units"),
    "turn": N_("turn units"),
    "char": N_("character units"),
}
"""What a unit is, by :data:`~codebench.agreement.model.UNIT_KINDS`."""
_SPEAKERS = {"respondents": N_("respondents"), "all": N_("all")}
_WHOSE = {
    "respondents": N_("respondents' turns (not the interviewer's, nor text nobody speaks)"),
    "all": N_("every turn, the interviewer's and text nobody speaks included"),
}
_RESAMPLED = {"unit": N_("units"), "document": N_("documents")}


def _row(item: CodeAgreement, coders: Sequence[str]) -> dict[str, Any]:
    row: dict[str, Any] = {
        CODE_COLUMN: item.code,
        UNITS_COLUMN: item.units,
        **{N_("positives {coder}", coder=c): item.positives.get(c, 0) for c in coders},
    }
    for figure in item.figures:
        row[figure.column] = item.values[figure.name]
        if figure.interval is not None:
            ci = item.intervals.get(figure.name)
            row[figure.interval_column] = (
                N_(
                    "{low:.{places}f} to {high:.{places}f}",
                    low=ci[0],
                    high=ci[1],
                    places=figure.decimals,
                )
                if ci
                else None
            )
    row[BLANK_COLUMN] = _blank_text(item)
    row[WARNING_COLUMN] = item.warning
    return row


def _blank_text(item: CodeAgreement) -> Phrase | None:
    """Which of the row's cells are empty and why, reason by reason: "alpha, AC1: nobody
    applied the code" (its punctuation the same in every language: no message of its own)."""
    columns: dict[Blank, list[str]] = {}
    for column, blank in item.blanks.items():
        columns.setdefault(blank, []).append(column)
    parts = [
        Phrase(
            "{columns}: {reason}", {"columns": Phrase.joined(", ", names), "reason": blank.label}
        )
        for blank, names in columns.items()
    ]
    return Phrase.joined("; ", parts) if parts else None


def _rule(result: AgreementResult) -> Phrase:
    threshold = result.options.threshold
    return (
        N_("θ = {threshold}", threshold=threshold) if threshold is not None else N_("any overlap")
    )


def agreement_notes(result: AgreementResult) -> tuple[str, ...]:
    """How units and the threshold were read, how each figure is defined, what missing and
    empty mean, how intervals were drawn, and the run's warnings: the notes of
    :func:`agreement_table`, for a caller that shows the figures without making the table
    (which loads pandas)."""
    options = result.options
    return (
        N_(
            "Units: {kind} of {whose}: {units} in {documents} documents; a coder applied a "
            "code to a unit when a span overlaps it with |s ∩ u| / min(|s|, |u|) >= θ "
            "({rule}).",
            kind=UNITS[options.unit],
            whose=_WHOSE[options.speakers],
            units=result.units,
            documents=result.documents,
            rule=_rule(result),
        ),
        N_(
            "A unit coded by one coder and not by another is a disagreement (1 vs 0); only "
            "documents a coder was not assigned or has not finished are missing data. A "
            "row's units are those at least two coders rated."
        ),
        _definitions(len(options.coders)),
        _intervals(result),
        *_blank_notes(result),
        *result.warnings,
    )


def _definitions(coders: int) -> Phrase:
    kappa = (
        N_("Cohen's kappa (two coders) uses the units both rated; Gwet's AC1 handles")
        if coders == 2
        else N_("Fleiss' kappa (three or more coders) and Gwet's AC1 handle")
    )
    return N_(
        "Percent agreement: for each unit at least two coders rated, the share of its pairs "
        "of ratings that agree, averaged over those units (Gwet 2014; irrCAC's observed "
        "agreement); positive agreement: of the pairs of ratings on a unit where one coder "
        "applied the code, the share where the other did too (Uebersax). {kappa} missing "
        "ratings as Gwet does (irrCAC): observed agreement as above, category shares over "
        "every unit rated at least once. Krippendorff's alpha (nominal) pairs the ratings of "
        "every unit rated at least twice. Screens and report documents show percent and "
        "positive agreement as percentages, CSV and JSON as proportions.",
        kappa=kappa,
    )


def _intervals(result: AgreementResult) -> Phrase:
    options = result.options
    if not options.bootstrap:
        return N_("No 95% CI: no bootstrap was asked for (--bootstrap 0).")
    if options.bootstrap_by == "document":
        drawn = N_(
            "whole documents with all their units (sentences of one interview are not independent)"
        )
    else:
        drawn = N_(
            "units one by one, as if independent (--bootstrap-by document resamples whole "
            "documents, since units cluster in them)"
        )
    return N_(
        "95% CI of alpha: percentile bootstrap, {replicates} resamples of {drawn}, seed {seed}.",
        replicates=options.bootstrap,
        drawn=drawn,
        seed=str(options.seed),
    )


def _blank_notes(result: AgreementResult) -> list[Phrase]:
    """One line per reason some cell is empty, in the order of :data:`BLANKS`."""
    found = {blank for item in (*result.codes, result.pooled) for blank in item.blanks.values()}
    if not found:
        return []
    return [
        N_(
            "Empty cells are undefined, not zero; the mark on a screen (and the '{column}' "
            "column of an export) says why:",
            column=BLANK_COLUMN,
        ),
        *(
            Phrase(
                "{mark} {label}: {meaning}.",
                {"mark": blank.cell, "label": blank.label, "meaning": blank.meaning},
            )
            for blank in BLANKS
            if blank in found
        ),
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
    options = result.options
    filters: dict[str, str] = {
        "coders": ", ".join(coders),
        "codes": options.codes or N_("all codes"),
        "unit": UNITS[options.unit],
        "speakers": _SPEAKERS[options.speakers],
        "threshold": _rule(result),
        "bootstrap": N_(
            "{replicates} resamples of {drawn}",
            replicates=options.bootstrap,
            drawn=_RESAMPLED[options.bootstrap_by],
        )
        if options.bootstrap
        else N_("none"),
    }
    percent = {
        figure.column: max(figure.decimals - 2, 0)
        for figure in result.pooled.figures
        if figure.percent
    }
    return ReportTable(
        "agreement",
        AGREEMENT_TITLE,
        frame,
        filters,
        agreement_notes(result),
        phrases=phrases_in([*rows[0], *(value for row in rows for value in row.values())]),
        percent=percent,
    )


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
