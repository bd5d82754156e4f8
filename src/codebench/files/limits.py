"""How large an input may be, so that a huge or hostile file is refused instead of hanging.

Each limit is far beyond any real file of its kind (an interview transcript is well under a
megabyte) yet small enough that an import at the limit still takes seconds, not minutes. Sizes
are checked before anything is read or inflated where they are known (a file's size on disk,
the size a zip states for an entry, which refuses an honest "zip bomb" up front), and again
while reading, on what was really read: a zip may state any size it likes, so what its entries
inflate to is counted as they inflate (:mod:`codebench.files.archive`), against the limit of
the entry, of the archive, and of :data:`MAX_RATIO`.
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

#: All the XML parts of a .docx read together (its body, styles, numbering, notes...).
MAX_DOCX_XML_BYTES = 2 * MAX_DOCX_BODY_BYTES

#: How many bytes a zip's entries may inflate to for each compressed byte read. Real
#: documents compress 3 to 15 times (a .docx body, a REFI-QDA ``project.qde``); deflate can
#: reach 1,000, which only a bomb does. Measured from the bytes really read, never from sizes
#: the zip states.
MAX_RATIO = 100

#: What an archive may inflate to before :data:`MAX_RATIO` applies: a small entry of spaces
#: or repeated markup compresses beyond any ratio and is harmless.
RATIO_GRACE_BYTES = 2**20


def too_large(what: str, size: int, limit: int) -> str:
    """The message for ``what`` being ``size`` bytes where ``limit`` is the most allowed."""
    return f"{what} is too large ({_megabytes(size)}; the limit is {_megabytes(limit)})"


def inflates_beyond(what: str, limit: int) -> str:
    """The message for ``what`` (a zip entry, an archive) inflating past ``limit`` bytes."""
    return f"{what} inflates to more than {_megabytes(limit)}, the limit"


def _megabytes(size: int) -> str:
    return f"{size / 2**20:,.1f} MB"
