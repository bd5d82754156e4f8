"""Several coders' codings as a union: overlapping spans of a code in a document are one passage.

Checked against the plainest implementation there is (merge intervals one document and code at
a time, in a loop) on random codings, and by hand on the cases a reader would ask about.
"""

from __future__ import annotations

import random

import pandas as pd

from codebench.reports.passages import CODING_COLUMNS, union_of_coders

NAMES = {1: "coder1", 2: "coder2", 3: "coder3"}


def codings(rows: list[tuple[int, int, int, int, int, int, bool]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(CODING_COLUMNS))


Row = tuple[int, int, str, int, int, bool]


def by_hand(frame: pd.DataFrame) -> list[Row]:
    """Interval merging in a loop: sorted by start (then end, id), a span that starts before
    the passage so far ends joins it."""
    merged: list[Row] = []
    for (document, code), group in frame.groupby(["document_id", "code_id"]):
        spans = sorted(group.itertuples(index=False), key=lambda r: (r.start, r.end, r.coding_id))
        passages: list[tuple[int, int, frozenset[str], bool]] = []
        for span in spans:
            name, star = NAMES[int(span.coder)], bool(span.exemplar)
            if passages and span.start < passages[-1][1]:
                start, end, coders, starred = passages[-1]
                passages[-1] = (start, max(end, int(span.end)), coders | {name}, starred or star)
            else:
                passages.append((int(span.start), int(span.end), frozenset({name}), star))
        merged += [
            (int(document), int(code), " + ".join(sorted(coders)), start, end, starred)
            for start, end, coders, starred in passages
        ]
    return sorted(merged)


def rows_of(frame: pd.DataFrame) -> list[Row]:
    return sorted(
        (int(r.document_id), int(r.code_id), r.coder, int(r.start), int(r.end), bool(r.exemplar))
        for r in frame.itertuples(index=False)
    )


def test_overlaps_merge_touching_spans_do_not_and_the_star_and_coders_carry_over() -> None:
    frame = codings(
        [
            (1, 1, 7, 1, 0, 10, False),
            (2, 1, 7, 2, 5, 20, True),  # overlaps the first: one passage 0-20, starred
            (3, 1, 7, 3, 20, 30, False),  # only touches it: a passage of its own
            (4, 1, 8, 2, 5, 20, False),  # another code: apart
            (5, 2, 7, 1, 5, 20, False),  # another document: apart
            (6, 1, 7, 1, 2, 4, False),  # inside the first passage, same coder
        ]
    )
    assert rows_of(union_of_coders(frame, NAMES)) == [
        (1, 7, "coder1 + coder2", 0, 20, True),
        (1, 7, "coder3", 20, 30, False),
        (1, 8, "coder2", 5, 20, False),
        (2, 7, "coder1", 5, 20, False),
    ]
    first = union_of_coders(frame, NAMES).set_index("start").loc[0, "coding_id"]
    assert first == 1  # the passage keeps its first coding's id


def test_a_chain_of_overlaps_is_one_passage_even_when_a_long_span_comes_first() -> None:
    frame = codings(
        [(1, 1, 7, 1, 0, 100, False), (2, 1, 7, 2, 10, 20, False), (3, 1, 7, 3, 90, 120, False)]
    )
    assert rows_of(union_of_coders(frame, NAMES)) == [
        (1, 7, "coder1 + coder2 + coder3", 0, 120, False)
    ]


def test_random_codings_match_interval_merging_by_hand() -> None:
    rng = random.Random(16)
    for _ in range(30):
        rows = []
        for number in range(rng.randint(0, 60)):
            start = rng.randint(0, 200)
            rows.append(
                (
                    number + 1,
                    rng.randint(1, 3),
                    rng.randint(1, 4),
                    rng.randint(1, 3),
                    start,
                    start + rng.randint(1, 30),
                    rng.random() < 0.1,
                )
            )
        frame = codings(rows)
        assert rows_of(union_of_coders(frame, NAMES)) == by_hand(frame)
