"""Codings made into the passages a report counts: several coders' codings joined as a union.

Two coders who both code a passage would count it twice if their codings were added up. In a
union, the spans of one code in one document that overlap (whoever made them) become one
passage, from the earliest start to the latest end, credited to every coder who coded part of
it and starred when any of them starred it. Spans that only touch stay apart. One coder's
codings are passages as they are.

Vectorised (one sort, a running maximum, reductions over runs), as the union of 100 000
codings is made whenever a report asks for several coders.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

CODING_COLUMNS = ("coding_id", "document_id", "code_id", "coder", "start", "end", "exemplar")
"""The codings a union is made of, one row each, as the services read them."""
CODER_JOIN = " + "


def union_of_coders(codings: pd.DataFrame, names: Mapping[int, str]) -> pd.DataFrame:
    """``codings`` (:data:`CODING_COLUMNS`, "coder" a coder's id, named in ``names``) with
    overlapping spans of a code in a document merged into one row; the row keeps the id of
    its first coding (by start, end, id), names its coders joined by " + " in name order and
    is starred when any of its codings is."""
    if codings.empty:
        return codings.assign(coder=codings["coder"].astype(object))
    column = {name: codings[name].to_numpy() for name in CODING_COLUMNS}
    order = np.lexsort(
        (
            column["coding_id"],
            column["end"],
            column["start"],
            column["code_id"],
            column["document_id"],
        )
    )
    sorted_ = {name: values[order] for name, values in column.items()}
    document, code = sorted_["document_id"], sorted_["code_id"]
    start, end = sorted_["start"].astype(np.int64), sorted_["end"].astype(np.int64)
    same = np.zeros(len(order), dtype=bool)
    same[1:] = (document[1:] == document[:-1]) & (code[1:] == code[:-1])
    opens = ~same
    reach = _running_max(end, opens)
    opens[1:] |= start[1:] >= reach[:-1]
    first = np.flatnonzero(opens)
    return pd.DataFrame(
        {
            "coding_id": sorted_["coding_id"][first],
            "document_id": document[first],
            "code_id": code[first],
            "coder": _coders(sorted_["coder"], first, names),
            "start": start[first],
            "end": np.maximum.reduceat(end, first),
            "exemplar": np.maximum.reduceat(sorted_["exemplar"].astype(bool), first),
        },
        columns=list(CODING_COLUMNS),
    )


def _running_max(values: np.ndarray, restarts: np.ndarray) -> np.ndarray:
    """The maximum of ``values`` so far, starting afresh where ``restarts`` is True (values
    are offsets, so shifting each run above the previous ones lets one cumulative maximum
    serve every run)."""
    lift = np.cumsum(restarts).astype(np.int64) * (int(values.max()) + 1)
    return np.maximum.accumulate(values + lift) - lift


def _coders(coders: np.ndarray, first: np.ndarray, names: Mapping[int, str]) -> list[str]:
    """Each passage's coders, joined in name order: a bit per coder (Python integers, so any
    number of coders fits), or-ed over the passage's codings; each combination named once."""
    ids = sorted(names, key=lambda coder: names[coder])
    rank = np.zeros(max(ids) + 1, dtype=np.int64)
    rank[ids] = np.arange(len(ids))
    bit = np.array([1 << i for i in range(len(ids))], dtype=object)
    masks = np.bitwise_or.reduceat(bit[rank[coders.astype(np.int64)]], first).tolist()
    named = {
        mask: CODER_JOIN.join(names[coder] for i, coder in enumerate(ids) if mask >> i & 1)
        for mask in set(masks)
    }
    return [named[mask] for mask in masks]
