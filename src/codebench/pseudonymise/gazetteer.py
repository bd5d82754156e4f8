"""deduce's word lists used as plain lists: first names, and Dutch words that are no names.

The first-name list (15,000 names, many of them international) lets the rules recognise
"Tom Hughes" in English text too; the list of frequent Dutch words tells a capitalised "Pas"
or "Mooi" at a sentence start from a surname. Reading a list takes milliseconds.
"""

from __future__ import annotations

import importlib
from functools import cache


@cache
def first_names() -> frozenset[str]:
    """First names of two letters or more, as written ("Sarah")."""
    return frozenset(name for name in _items("names/lst_first_name") if len(name) > 1)


@cache
def common_dutch_words() -> frozenset[str]:
    """The most frequent Dutch words and the stop words, in lower case."""
    words = _items("whitelist/lst_common_word") | _items("whitelist/lst_stop_word")
    return frozenset(word.casefold() for word in words)


def _items(name: str) -> set[str]:
    structs = importlib.import_module("deduce.lookup_structs")
    path = importlib.import_module("deduce.deduce")._LOOKUP_LIST_PATH
    items: set[str] = structs.load_raw_itemset(path / "src" / name)
    return items
