"""How large an input may be, so that a huge or hostile file is refused instead of hanging.

Each limit is far beyond any real file of its kind (an interview transcript is well under a
megabyte) yet small enough that an import at the limit still takes seconds, not minutes. Sizes
are checked before anything is read or inflated: a file's size on disk, or the size a zip
states for an entry (:mod:`zipfile` never returns more than that, so a "zip bomb" of a few
kilobytes that would inflate to gigabytes is refused up front).
"""

from __future__ import annotations

#: A text file: a transcript, a codebook, a spreadsheet, a text source inside a .qdpx.
MAX_TEXT_BYTES = 32 * 2**20

#: The body of a .docx (``word/document.xml``); its markup is several times its text.
MAX_DOCX_BODY_BYTES = 64 * 2**20

#: Any one zip entry that is read (the REFI-QDA ``project.qde``, a part of a .docx). The
#: ``project.qde`` of a study of 1,000 transcripts with 500,000 codings is 262 MB (the large
#: benchmark), so the limit leaves room for about four times that.
MAX_ENTRY_BYTES = 1024 * 2**20

#: All zip entries read from one archive together (a .docx with its pictures, a .qdpx).
MAX_TOTAL_BYTES = 4096 * 2**20


def too_large(what: str, size: int, limit: int) -> str:
    """The message for ``what`` being ``size`` bytes where ``limit`` is the most allowed."""
    return f"{what} is too large ({_megabytes(size)}; the limit is {_megabytes(limit)})"


def _megabytes(size: int) -> str:
    return f"{size / 2**20:,.1f} MB"
