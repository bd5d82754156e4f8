"""The published tables, computed with pandas from :class:`ReportData` (no database here).

Counting rules, the same in every table:
- a coded passage counts for the respondent who speaks in the turn that holds it; passages
  spoken by an interviewer are counted in their own column and never credited to a respondent;
- a code's row counts its own codings; a group's row (a code with children) counts every
  coding in its subtree, with documents and respondents counted once each;
- "share" is respondents who raised the code divided by respondents in scope (after filters).
"""

from __future__ import annotations

import re
from itertools import combinations

import pandas as pd

from codebench.reports.model import ReportData, ReportTable

EXEMPLAR_MAX_WORDS = 80
EXEMPLAR_RULE = (
    "Per code and respondent: the passage the coder starred as exemplar (the first, if several); "
    f"otherwise the longest passage of at most {EXEMPLAR_MAX_WORDS} words, or the shortest if "
    "all are longer; ties go to the earliest in document order."
)


def natural_key(text: str) -> tuple[object, ...]:
    """Sort "Respondent 2" before "Respondent 10"."""
    return tuple(int(p) if p.isdigit() else p.casefold() for p in re.split(r"(\d+)", text))


def _subtree_ids(data: ReportData) -> dict[int, set[int]]:
    """Every code with the ids of its subtree (itself included), in one pass up the tree."""
    parents = dict(zip(data.codes["code_id"], data.codes["parent_id"], strict=True))
    subtree: dict[int, set[int]] = {code: {code} for code in parents}
    for code in parents:
        parent = parents[code]
        while parent is not None and not pd.isna(parent):
            parent = int(parent)
            if parent not in subtree:
                break
            subtree[parent].add(code)
            parent = parents.get(parent)
    return subtree


def _respondent_passages(data: ReportData) -> pd.DataFrame:
    passages = data.passages
    return passages[passages["role"] == "respondent"]


def theme_frequencies(data: ReportData) -> ReportTable:
    respondents_total = len(data.respondents)
    by_code = _respondent_passages(data).groupby("code_id")
    interviewer = data.passages[data.passages["role"] == "interviewer"].groupby("code_id").size()
    codings = by_code.size()
    doc_sets = by_code["document"].agg(set)
    resp_sets = by_code["respondent"].agg(set)
    subtree = _subtree_ids(data)
    rows = []
    for code in data.codes.itertuples():
        ids = subtree[code.code_id]
        documents: set[str] = set().union(*(doc_sets.get(i, set()) for i in ids))
        respondents: set[str] = set().union(*(resp_sets.get(i, set()) for i in ids))
        rows.append(
            {
                "group": code.group,
                "code": code.name,
                "path": code.path,
                "level": "group" if len(ids) > 1 or code.depth == 0 else "code",
                "codings": int(sum(codings.get(i, 0) for i in ids)),
                "documents": len(documents),
                "respondents": len(respondents),
                "share": len(respondents) / respondents_total if respondents_total else 0.0,
                "interviewer codings": int(sum(interviewer.get(i, 0) for i in ids)),
                "_order": code.order,
                "_depth": code.depth,
                "_group_order": _group_order(data, code.group),
            }
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "group",
            "code",
            "path",
            "level",
            "codings",
            "documents",
            "respondents",
            "share",
            "interviewer codings",
            "_order",
            "_depth",
            "_group_order",
        ],
    )
    if not frame.empty:
        frame["_is_group"] = frame["_depth"] == 0
        frame = frame.sort_values(
            ["_group_order", "_is_group", "respondents", "codings", "_order"],
            ascending=[True, False, False, False, True],
        )
    frame = frame.drop(columns=[c for c in frame.columns if c.startswith("_")])
    notes = (
        f"{respondents_total} respondents in scope; share = respondents / {respondents_total}.",
        "Interviewer passages are counted apart and never credited to a respondent.",
    )
    return ReportTable(
        "themes", "Theme frequencies", frame.reset_index(drop=True), data.filters.describe(), notes
    )


def _group_order(data: ReportData, group: str) -> int:
    roots = data.codes[data.codes["depth"] == 0]
    matches = roots[roots["name"] == group]["order"]
    return int(matches.iloc[0]) if len(matches) else 0


def _respondent_order(data: ReportData) -> list[str]:
    return sorted(data.respondents.index, key=natural_key)


def code_by_respondent(data: ReportData, presence: bool = False) -> ReportTable:
    """Codes down, respondents across (with their attributes as extra header rows)."""
    respondents = _respondent_order(data)
    passages = _respondent_passages(data)
    counts = passages.groupby(["code_id", "respondent"]).size()
    subtree = _subtree_ids(data)
    attributes = [c for c in data.respondents.columns if c != "documents"]
    columns = pd.MultiIndex.from_tuples(
        [
            (
                r,
                *(
                    str(data.respondents.at[r, a]) if pd.notna(data.respondents.at[r, a]) else ""
                    for a in attributes
                ),
            )
            for r in respondents
        ],
        names=["respondent", *attributes],
    )
    rows = []
    for code in data.codes.itertuples():
        values = []
        for respondent in respondents:
            n = sum(int(counts.get((i, respondent), 0)) for i in subtree[code.code_id])
            values.append(int(n > 0) if presence else n)
        rows.append(values)
    frame = pd.DataFrame(rows, columns=columns, index=pd.Index(data.codes["path"], name="code"))
    frame[("total", *([""] * len(attributes)))] = (
        (frame > 0).sum(axis=1) if presence else frame.sum(axis=1)
    )
    what = "presence (1 = raised)" if presence else "number of codings"
    return ReportTable(
        "respondents",
        f"Codes by respondent ({what})",
        frame,
        data.filters.describe(),
        ("A group's row counts every code below it.",),
    )


def code_by_attribute(data: ReportData, attribute: str) -> ReportTable:
    """Codes down, attribute values across: how many respondents of each value raised a code."""
    if attribute not in data.respondents.columns:
        known = ", ".join(c for c in data.respondents.columns if c != "documents")
        raise ValueError(f"no respondent attribute '{attribute}' (known: {known})")
    values = data.respondents[attribute].fillna("(none)")
    order = sorted(values.unique(), key=lambda v: (-int((values == v).sum()), natural_key(v)))
    passages = _respondent_passages(data)
    raised = passages.groupby("code_id")["respondent"].agg(set)
    subtree = _subtree_ids(data)
    rows = []
    for code in data.codes.itertuples():
        who: set[str] = set().union(*(raised.get(i, set()) for i in subtree[code.code_id]))
        rows.append([sum(1 for r in who if values.get(r) == v) for v in order])
    columns = [f"{v} (n={int((values == v).sum())})" for v in order]
    frame = pd.DataFrame(rows, columns=columns, index=pd.Index(data.codes["path"], name="code"))
    return ReportTable(
        "attribute",
        f"Codes by {attribute} (respondents)",
        frame,
        data.filters.describe(),
        attribute=attribute,
    )


def attribute_table(data: ReportData, attribute: str) -> ReportTable:
    """Interviews and respondents per attribute value (the seed study's Tabel 1)."""
    if attribute not in data.respondents.columns:
        known = ", ".join(c for c in data.respondents.columns if c != "documents")
        raise ValueError(f"no respondent attribute '{attribute}' (known: {known})")
    respondents = data.respondents
    rows = []
    for value, group in respondents.groupby(respondents[attribute].fillna("(none)")):
        documents = {d for docs in group["documents"] for d in docs}
        documents &= set(data.documents["document"])
        rows.append({attribute: value, "interviews": len(documents), "respondents": len(group)})
    frame = pd.DataFrame(rows, columns=[attribute, "interviews", "respondents"])
    frame = frame.sort_values(
        ["interviews", "respondents", attribute], ascending=[False, False, True], key=None
    )
    all_documents = {d for docs in respondents["documents"] for d in docs}
    all_documents &= set(data.documents["document"])
    total = pd.DataFrame(
        [{attribute: "total", "interviews": len(all_documents), "respondents": len(respondents)}]
    )
    frame = pd.concat([frame, total], ignore_index=True)
    notes = ("An interview counts under each value its respondents have.",)
    return ReportTable(
        "attributes",
        f"Interviews and respondents by {attribute}",
        frame,
        data.filters.describe(),
        notes,
        attribute=attribute,
    )


def exemplar_quotes(data: ReportData) -> ReportTable:
    """Per code, one quote per respondent: the starred exemplar, else a reproducible pick."""
    passages = _respondent_passages(data).copy()
    columns = [
        "group",
        "code",
        "respondent",
        "quote",
        "document",
        "sentences",
        "speaker",
        "coder",
        "starred",
    ]
    if passages.empty:
        return ReportTable(
            "quotes",
            "Exemplar quotes",
            pd.DataFrame(columns=columns),
            data.filters.describe(),
            (EXEMPLAR_RULE,),
        )
    passages["words"] = passages["text"].map(lambda text: len(text.split()))
    passages["fits"] = passages["words"] <= EXEMPLAR_MAX_WORDS
    passages["rank_length"] = passages["words"].where(passages["fits"], -passages["words"])
    passages = passages.sort_values(
        ["exemplar", "fits", "rank_length", "document", "start"],
        ascending=[False, False, False, True, True],
    )
    chosen = passages.groupby(["code_id", "respondent"], sort=False).head(1)
    codes = data.codes
    groups = dict(zip(codes["code_id"], codes["group"], strict=True))
    paths = dict(zip(codes["code_id"], codes["path"], strict=True))
    orders = dict(zip(codes["code_id"], codes["order"], strict=True))
    rows = []
    for row in chosen.itertuples():
        first, last = row.sentence_first, row.sentence_last
        rows.append(
            {
                "group": groups[row.code_id],
                "code": paths[row.code_id],
                "respondent": row.respondent,
                "quote": " ".join(row.text.split()),
                "document": row.document,
                "sentences": f"{first}" if first == last else f"{first}-{last}",
                "speaker": row.speaker,
                "coder": row.coder,
                "starred": bool(row.exemplar),
                "_order": orders[row.code_id],
                "_respondent": natural_key(row.respondent),
            }
        )
    frame = pd.DataFrame(rows).sort_values(["_order", "_respondent"])
    frame = frame.drop(columns=["_order", "_respondent"]).reset_index(drop=True)
    return ReportTable(
        "quotes", "Exemplar quotes", frame[columns], data.filters.describe(), (EXEMPLAR_RULE,)
    )


def co_occurrence(data: ReportData, level: str = "unit") -> ReportTable:
    """How often two codes meet: in one sentence unit, in one turn, or as overlapping spans."""
    passages = data.passages
    names = dict(zip(data.codes["code_id"], data.codes["path"], strict=True))
    leaves = [c for c in data.codes["code_id"] if c in set(passages["code_id"])]
    counts: dict[tuple[int, int], int] = {}
    if level in ("unit", "turn"):
        places: dict[tuple[str, int], set[int]] = {}
        columns = zip(
            passages["document"].tolist(),
            passages["code_id"].tolist(),
            passages["sentence_first"].tolist(),
            passages["sentence_last"].tolist(),
            passages["turn"].tolist(),
            strict=True,
        )
        for document, code, first, last, turn in columns:
            keys = range(first, last + 1) if level == "unit" else (turn,)
            for key in keys:
                places.setdefault((document, key), set()).add(code)
        for present in places.values():
            for code in present:
                counts[(code, code)] = counts.get((code, code), 0) + 1
            for a, b in combinations(sorted(present), 2):
                counts[(a, b)] = counts.get((a, b), 0) + 1
    elif level == "overlap":
        for _, group in passages.groupby("document"):
            spans = sorted(zip(group["start"], group["end"], group["code_id"], strict=True))
            for i, (_start, end, code) in enumerate(spans):
                counts[(code, code)] = counts.get((code, code), 0) + 1
                for other_start, _, other in spans[i + 1 :]:
                    if other_start >= end:
                        break
                    if other != code:
                        key = (min(code, other), max(code, other))
                        counts[key] = counts.get(key, 0) + 1
    else:
        raise ValueError(f"unknown co-occurrence level '{level}' (unit, turn or overlap)")
    labels = [names[c] for c in leaves]
    frame = pd.DataFrame(0, index=pd.Index(labels, name="code"), columns=labels)
    for (a, b), n in counts.items():
        frame.at[names[a], names[b]] = n
        frame.at[names[b], names[a]] = n
    what = {"unit": "sentence units", "turn": "turns", "overlap": "overlapping passages"}[level]
    return ReportTable(
        "cooccurrence",
        f"Code co-occurrence ({what})",
        frame,
        data.filters.describe(),
        (f"Diagonal: {what} with that code. Off the diagonal: with both codes.",),
    )
