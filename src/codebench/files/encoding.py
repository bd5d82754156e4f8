"""Read a text file (a transcript, a codebook, a spreadsheet) whatever encoding and line endings
it was saved with.

Researchers receive transcripts from many hands: Word's "save as text" (cp1252 or UTF-16),
Notepad (UTF-8 with a BOM), macOS tools (UTF-8), typists on old Windows machines (cp1252). The
stored text is never edited after import, so it has to be right the first time: we decide the
encoding from hard evidence first (a byte-order mark, valid UTF-8, the NUL pattern of UTF-16)
and only then ask charset-normalizer, restricted to Western European code pages, because an
unrestricted guess on a short Dutch text happily answers cp1251 or cp1250 and turns "é" into
"й". Line endings are normalised to LF so that character offsets mean the same on every OS.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from codebench.errors import InputError
from codebench.files.limits import MAX_TEXT_BYTES, too_large
from codebench.files.regular import open_regular

#: Code pages charset-normalizer may choose from when the bytes are neither UTF-8 nor UTF-16.
WESTERN_CODEPAGES = ("cp1252", "iso8859_15", "latin_1")

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 LE one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_BINARY_MESSAGE = "not a text file (binary content)"
# Control characters that never occur in a real text file; a few stray ones are tolerated
# (typists' files do contain the odd form feed or DOS end-of-file mark), many mean binary.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.01


def one_line(text: str) -> str:
    """``text`` with every run of whitespace, line breaks included, made one space: for a
    message that quotes what a file holds, which must stay one line."""
    return " ".join(text.split())


def read_text(path: Path) -> str:
    """Return the text of ``path`` decoded, with LF line endings and without a BOM.

    Raises :class:`InputError` for an unreadable path, an empty, binary or too large file.
    """
    data = read_bytes(path, MAX_TEXT_BYTES)
    if not data.strip():
        raise InputError(path, "file is empty")
    text = decode_bytes(data, path)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(path, "file is empty")
    return text


def read_bytes(path: Path, limit: int) -> bytes:
    """Read the whole file, turning every OS-level failure into a one-line :class:`InputError`;
    what is not a regular file (a FIFO, a device) is refused by its type and a file larger
    than ``limit`` bytes by its size, both before it is read. No more than its size is read:
    a file that grows meanwhile is refused rather than read on without end."""
    try:
        with open_regular(path) as file:
            size = os.fstat(file.fileno()).st_size
            if size > limit:
                raise InputError(path, too_large("the file", size, limit))
            data = file.read(size + 1)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise InputError(path, f"cannot read file: {reason}") from exc
    if len(data) > size:
        raise InputError(path, "the file grew while it was being read; try again")
    return data


def decode_bytes(data: bytes, path: Path) -> str:
    """Decode ``data`` by the strongest evidence available; see the module docstring."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data[len(bom) :], encoding, path)

    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _decode_strict(data, utf16, path)

    if b"\x00" in data:
        raise InputError(path, _BINARY_MESSAGE)

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        _refuse_damaged_utf8(data, exc, path)
        text = _guess_western(data, path)
    _reject_control_characters(text, path)
    return text


def _refuse_damaged_utf8(data: bytes, exc: UnicodeDecodeError, path: Path) -> None:
    """A file that is UTF-8 but for a few bytes is refused with the first bad byte's line and
    offset: guessing a code page for it would store every "é" elsewhere in the file as "Ã©".
    Mostly UTF-8 means it has more valid multi-byte sequences than invalid bytes; a cp1252
    file's accented letters almost never form valid sequences."""
    decoded = data.decode("utf-8", errors="replace")
    invalid = decoded.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for char in decoded if ord(char) > 0x7F and char != "\ufffd")
    if valid > invalid:
        raise InputError(
            path,
            f"byte 0x{data[exc.start]:02x} at offset {exc.start} is not UTF-8 while the rest "
            "of the file is; correct it or save the file again as UTF-8",
            line=_line_of(exc),
        ) from exc


def _utf16_without_bom(data: bytes) -> str | None:
    """Recognise BOM-less UTF-16 by its NULs: text in Latin script is mostly ASCII, so in UTF-16
    every second byte is NUL (odd positions for little-endian, even ones for big-endian)."""
    pairs = len(data) // 2
    if pairs < 2:
        return None
    even_nuls = data[0 : pairs * 2 : 2].count(0)
    odd_nuls = data[1 : pairs * 2 : 2].count(0)
    if odd_nuls >= 0.3 * pairs and even_nuls <= 0.05 * pairs:
        return "utf-16-le"
    if even_nuls >= 0.3 * pairs and odd_nuls <= 0.05 * pairs:
        return "utf-16-be"
    return None


def _decode_strict(data: bytes, encoding: str, path: Path) -> str:
    """Decode in an encoding we are sure of; failure then means corrupt or binary content."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid {encoding.upper()} text", line=_line_of(exc)) from exc
    _reject_control_characters(text, path)
    return text


def _line_of(exc: UnicodeDecodeError) -> int:
    """Line number (1-based) of the first undecodable byte, counting LF bytes before it."""
    obj = exc.object
    prefix = obj[: exc.start] if isinstance(obj, bytes) else b""
    return prefix.count(b"\n") + 1


def _guess_western(data: bytes, path: Path) -> str:
    """Ask charset-normalizer, but only among Western European code pages.

    On a very short text it may find no answer ("Café één" is too little to judge); cp1252 is
    then the likeliest encoding of a text that is not UTF-8, and the control-character check
    that follows still rejects binary content. Imported here: most files are UTF-8, and the
    project's screens read attribute files' helpers without ever guessing an encoding.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(WESTERN_CODEPAGES)).best()
    if best is not None:
        return str(best)
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(path, _BINARY_MESSAGE) from exc


def _reject_control_characters(text: str, path: Path) -> None:
    """Treat text dense with control characters as binary that happened to decode."""
    if "\x00" in text:
        raise InputError(path, _BINARY_MESSAGE)
    controls = len(_CONTROL_RE.findall(text))
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise InputError(path, _BINARY_MESSAGE)
