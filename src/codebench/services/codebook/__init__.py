"""The codes: finding one by name or path, the tree and a code's details, and editing the book.

:mod:`.lookup` turns what a user types into a code; :mod:`.tree` and :mod:`.details` are what
the screens show; :mod:`.edits` loads, exports and edits the codebook, one transaction a change.
"""
