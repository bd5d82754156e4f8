"""clean_speech collapses every run of spaces and tabs to one space, whatever its shape."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from codebench.importers.speakers import clean_speech


def reference(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text).strip()


@given(st.text(alphabet=st.sampled_from(["a", "é", " ", "\t", "\n", "\u00a0", "."]), max_size=40))
def test_runs_of_spaces_and_tabs_become_one_space(text: str) -> None:
    assert clean_speech(text) == reference(text)


def test_single_spaces_and_other_whitespace_stay() -> None:
    assert clean_speech(" a b\u00a0 c\n  d\t\te \t f ") == "a b\u00a0 c\n d e f"
