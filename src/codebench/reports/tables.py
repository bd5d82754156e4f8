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

import numpy as np
import pandas as pd

from codebench.i18n import N_
from codebench.i18n.phrase import Phrase, phrases_in
from codebench.reports.model import ReportData, ReportTable

EXEMPLAR_MAX_WORDS = 80
EXEMPLAR_RULE = N_(
    "Per code and respondent: the passage the coder starred as exemplar (the first, if "
    "several); otherwise the longest passage of at most {words} words, or the shortest if "
    "all are longer; ties go to the earliest in document order.",
    words=EXEMPLAR_MAX_WORDS,
)
NO_VALUE = N_("(none)")
"""The value of a respondent without the attribute, as a table lists it."""
CO_OCCURRENCE_UNITS = {
    "unit": N_("sentence units"),
    "turn": N_("turns"),
    "overlap": N_("overlapping passages"),
}
"""Where two codes meet, by co-occurrence level."""


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
    group_orders = _group_orders(data)
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
                "_group_order": group_orders.get(code.group, 0),
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
        N_("{total} respondents in scope; share = respondents / {total}.", total=respondents_total),
        N_("Interviewer passages are counted apart and never credited to a respondent."),
    )
    return ReportTable(
        "themes",
        N_("Theme frequencies"),
        frame.reset_index(drop=True),
        data.filters.describe(),
        notes,
    )


def _group_orders(data: ReportData) -> dict[str, int]:
    """Each group's place in the codebook, by name (the first, if two share a name)."""
    roots = data.codes[data.codes["depth"] == 0]
    orders: dict[str, int] = {}
    for name, order in zip(roots["name"], roots["order"], strict=True):
        orders.setdefault(str(name), int(order))
    return orders


def _respondent_order(data: ReportData) -> list[str]:
    return sorted(data.respondents.index, key=natural_key)


def _subtree_counts(data: ReportData) -> pd.DataFrame:
    """Respondents' passages per code (rows, in codebook order; a group's row counts its whole
    subtree) and respondent (columns, in natural order)."""
    respondents = _respondent_order(data)
    passages = _respondent_passages(data)
    codes = list(data.codes["code_id"])
    counts = (
        passages.groupby(["code_id", "respondent"])
        .size()
        .unstack(fill_value=0)
        .reindex(index=codes, columns=respondents, fill_value=0)
    )
    position = {code: i for i, code in enumerate(codes)}
    subtree = np.zeros((len(codes), len(codes)), dtype=np.int64)
    for code, members in _subtree_ids(data).items():
        subtree[position[code], [position[m] for m in members]] = 1
    rolled = subtree @ counts.to_numpy(dtype=np.int64)
    return pd.DataFrame(rolled, index=codes, columns=respondents)


def code_by_respondent(data: ReportData, presence: bool = False) -> ReportTable:
    """Codes down, respondents across (with their attributes as extra header rows)."""
    respondents = _respondent_order(data)
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
    counts = _subtree_counts(data).to_numpy()
    values = (counts > 0).astype(np.int64) if presence else counts
    frame = pd.DataFrame(values, columns=columns, index=pd.Index(data.codes["path"], name="code"))
    frame[("total", *([""] * len(attributes)))] = (
        (frame > 0).sum(axis=1) if presence else frame.sum(axis=1)
    )
    what = N_("presence (1 = raised)") if presence else N_("number of codings")
    return ReportTable(
        "respondents",
        N_("Codes by respondent ({what})", what=what),
        frame,
        data.filters.describe(),
        (N_("A group's row counts every code below it."),),
    )


def code_by_attribute(data: ReportData, attribute: str) -> ReportTable:
    """Codes down, attribute values across: how many respondents of each value raised a code."""
    if attribute not in data.respondents.columns:
        known = ", ".join(c for c in data.respondents.columns if c != "documents")
        raise ValueError(f"no respondent attribute '{attribute}' (known: {known})")
    values = data.respondents[attribute].fillna(NO_VALUE)
    order = sorted(values.unique(), key=lambda v: (-int((values == v).sum()), natural_key(v)))
    raised = _subtree_counts(data) > 0
    of_value = values.reindex(raised.columns).to_numpy(dtype=object)
    membership = of_value[:, None] == np.array(order, dtype=object)[None, :]
    rows = raised.to_numpy(dtype=np.int64) @ membership.astype(np.int64)
    # "gemeente (n=6)": a phrase where the value is the program's own "(none)".
    columns = [
        Phrase("{value} (n={n})", {"value": NO_VALUE, "n": int((values == v).sum())})
        if v == NO_VALUE
        else f"{v} (n={int((values == v).sum())})"
        for v in order
    ]
    frame = pd.DataFrame(rows, columns=columns, index=pd.Index(data.codes["path"], name="code"))
    return ReportTable(
        "attribute",
        N_("Codes by {attribute} (respondents)", attribute=attribute),
        frame,
        data.filters.describe(),
        phrases=phrases_in(columns),
    )


def attribute_table(data: ReportData, attribute: str) -> ReportTable:
    """Interviews and respondents per attribute value (the seed study's Tabel 1)."""
    if attribute not in data.respondents.columns:
        known = ", ".join(c for c in data.respondents.columns if c != "documents")
        raise ValueError(f"no respondent attribute '{attribute}' (known: {known})")
    respondents = data.respondents
    rows = []
    for value, group in respondents.groupby(respondents[attribute].fillna(NO_VALUE)):
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
    notes = (N_("An interview counts under each value its respondents have."),)
    counts_no_codings = {k: v for k, v in data.filters.describe().items() if k != "coders"}
    return ReportTable(
        "attributes",
        N_("Interviews and respondents by {attribute}", attribute=attribute),
        frame,
        counts_no_codings,
        notes,
        phrases=phrases_in([NO_VALUE]),
    )


def exemplar_quotes(data: ReportData) -> ReportTable:
    """Per code, one quote per respondent: the starred exemplar, else a reproducible pick.

    Within a code, starred quotes come first, then the others, each in respondent order."""
    passages = _respondent_passages(data)
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
            N_("Exemplar quotes"),
            pd.DataFrame(columns=columns),
            data.filters.describe(),
            (EXEMPLAR_RULE,),
        )
    words = np.array([len(text.split()) for text in passages["text"].tolist()], dtype=np.int64)
    fits = words <= EXEMPLAR_MAX_WORDS
    ranked = passages.assign(fits=fits, rank_length=np.where(fits, words, -words))
    ranked = ranked.sort_values(
        ["exemplar", "fits", "rank_length", "document", "start"],
        ascending=[False, False, False, True, True],
    )
    chosen = ranked.groupby(["code_id", "respondent"], sort=False).head(1)
    codes = data.codes.set_index("code_id")
    first, last = chosen["sentence_first"].to_numpy(), chosen["sentence_last"].to_numpy()
    respondent_rank = {
        r: i for i, r in enumerate(sorted(set(chosen["respondent"]), key=natural_key))
    }
    frame = pd.DataFrame(
        {
            "group": codes["group"].reindex(chosen["code_id"]).to_numpy(),
            "code": codes["path"].reindex(chosen["code_id"]).to_numpy(),
            "respondent": chosen["respondent"].to_numpy(),
            "quote": [" ".join(text.split()) for text in chosen["text"].tolist()],
            "document": chosen["document"].to_numpy(),
            "sentences": [
                f"{a}" if a == b else f"{a}-{b}" for a, b in zip(first, last, strict=True)
            ],
            "speaker": chosen["speaker"].to_numpy(),
            "coder": chosen["coder"].to_numpy(),
            "starred": chosen["exemplar"].to_numpy(dtype=bool),
            "_order": codes["order"].reindex(chosen["code_id"]).to_numpy(),
            "_respondent": chosen["respondent"].map(respondent_rank).to_numpy(),
        }
    )
    frame = frame.sort_values(
        ["_order", "starred", "_respondent"], ascending=[True, False, True], kind="stable"
    )
    frame = frame.drop(columns=["_order", "_respondent"]).reset_index(drop=True)
    return ReportTable(
        "quotes", N_("Exemplar quotes"), frame[columns], data.filters.describe(), (EXEMPLAR_RULE,)
    )


def _document_numbers(passages: pd.DataFrame) -> np.ndarray:
    return np.asarray(pd.factorize(passages["document"])[0], dtype=np.int64)


def _places(passages: pd.DataFrame, level: str) -> pd.DataFrame:
    """Which codes are present in each place (document and sentence unit, or turn), once."""
    document = _document_numbers(passages)
    code = passages["code_id"].to_numpy(dtype=np.int64)
    if level == "unit":
        first = passages["sentence_first"].to_numpy(dtype=np.int64)
        lengths = passages["sentence_last"].to_numpy(dtype=np.int64) - first + 1
        row = np.repeat(np.arange(len(passages)), lengths)
        step = np.arange(len(row)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        place = first[row] + step
    else:
        row = np.arange(len(passages))
        place = passages["turn"].fillna(-1).to_numpy(dtype=np.int64)
    found = pd.DataFrame({"document": document[row], "place": place, "code": code[row]})
    return found.drop_duplicates()


def _overlapping_pairs(passages: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The codes of every two passages of a document whose spans overlap (each pair once)."""
    document = _document_numbers(passages)
    start = passages["start"].to_numpy(dtype=np.int64)
    end = passages["end"].to_numpy(dtype=np.int64)
    code = passages["code_id"].to_numpy(dtype=np.int64)
    order = np.lexsort((code, end, start, document))
    document, start, end, code = document[order], start[order], end[order], code[order]
    shift = np.int64(1 << 32)
    # Sorted by start: the passages after one that start before it ends are the next few.
    stop = np.searchsorted(document * shift + start, document * shift + end, side="left")
    partners = stop - np.arange(len(order)) - 1
    first = np.repeat(np.arange(len(order)), partners)
    second = first + 1 + np.arange(len(first)) - np.repeat(np.cumsum(partners) - partners, partners)
    return code[first], code[second]


def co_occurrence(data: ReportData, level: str = "unit") -> ReportTable:
    """How often two codes meet: in one sentence unit, in one turn, or as overlapping spans."""
    passages = data.passages
    names = dict(zip(data.codes["code_id"], data.codes["path"], strict=True))
    present = set(passages["code_id"])
    leaves = [c for c in data.codes["code_id"] if c in present]
    if level in ("unit", "turn"):
        places = _places(passages, level)
        diagonal = places["code"].to_numpy()
        pairs = places.merge(places, on=["document", "place"])
        pairs = pairs[pairs["code_x"] < pairs["code_y"]]
        a, b = pairs["code_x"].to_numpy(), pairs["code_y"].to_numpy()
    elif level == "overlap":
        diagonal = passages["code_id"].to_numpy(dtype=np.int64)
        a, b = _overlapping_pairs(passages)
        a, b = a[a != b], b[a != b]
    else:
        raise ValueError(f"unknown co-occurrence level '{level}' (unit, turn or overlap)")
    position = pd.Index(leaves)
    matrix = np.zeros((len(leaves), len(leaves)), dtype=np.int64)
    d = position.get_indexer(diagonal)
    np.add.at(matrix, (d, d), 1)
    i, j = position.get_indexer(a), position.get_indexer(b)
    np.add.at(matrix, (i, j), 1)
    np.add.at(matrix, (j, i), 1)
    labels = [names[c] for c in leaves]
    frame = pd.DataFrame(matrix, index=pd.Index(labels, name="code"), columns=labels)
    unit = CO_OCCURRENCE_UNITS[level]
    return ReportTable(
        "cooccurrence",
        N_("Code co-occurrence ({unit})", unit=unit),
        frame,
        data.filters.describe(),
        (N_("Diagonal: {unit} with that code. Off the diagonal: with both codes.", unit=unit),),
    )
