"""Hostile zips, built in a moment and small on disk, that inflate to gigabytes.

Compressing a gigabyte takes seconds, so the deflate stream is put together instead: after a
full flush a deflate compressor starts afresh, so the compressed form of one megabyte of filler
is the same wherever it stands, and repeating it a thousand times is a valid stream of a
thousand megabytes (about a megabyte on disk). The zip around it is written by hand, so each
entry can state whatever size a test wants it to lie about. The checksums are not computed
(they would take the seconds saved): every entry built here is refused, or never read, before
its end is reached.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from helpers.docx_files import write_docx

MEGABYTE = 2**20
DEFLATED = zipfile.ZIP_DEFLATED


@dataclass(frozen=True)
class Entry:
    """One deflated zip entry as stored: its name, its bytes, the inflated size it states and
    its checksum."""

    name: str
    stored: bytes
    stated: int
    crc: int = 0


def inflating(name: str, head: bytes, filler: bytes, megabytes: int, stated: int) -> Entry:
    """Entry ``name`` inflating to ``head`` followed by ``megabytes`` megabytes of ``filler``
    (whose length divides a megabyte, so that it repeats whole), stating ``stated`` bytes."""
    assert MEGABYTE % len(filler) == 0, "the filler would be cut at each megabyte"
    unit = filler * (MEGABYTE // len(filler))
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(unit) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(unit) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert block == again, "a flushed deflate block depends on what came before it"
    end = compressor.flush()
    return Entry(name, start + block * megabytes + end, stated)


def lying(name: str, head: bytes = b"", filler: bytes = b" ", stated: int = 1000) -> Entry:
    """Entry ``name`` stating ``stated`` MB (within the limits) that inflates to 2,000 MB
    (2 MB on disk): zipfile, asked for the whole entry, inflates all 2,000 MB into one buffer
    before it cuts it to the stated size and finds the checksum wrong."""
    return inflating(name, head, filler, 2000, stated * MEGABYTE)


def plain(name: str, content: bytes) -> Entry:
    """An honest deflated entry."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    stored = compressor.compress(content) + compressor.flush()
    return Entry(name, stored, len(content), crc=zlib.crc32(content))


def zip_bytes(entries: list[Entry]) -> bytes:
    """The zip holding ``entries``, each stating its own sizes."""
    out = bytearray()
    directory = bytearray()
    for entry in entries:
        name = entry.name.encode()
        sizes = (entry.crc, len(entry.stored), entry.stated, len(name), 0)
        directory += _central(entry, name, len(out))
        out += struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, DEFLATED, 0, 33, *sizes)
        out += name + entry.stored
    offset = len(out)
    out += directory
    count = len(entries)
    out += struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, count, count, len(directory), offset, 0)
    return bytes(out)


def _central(entry: Entry, name: bytes, offset: int) -> bytes:
    return (
        struct.pack(
            "<4s6H3I5H2I",
            b"PK\x01\x02",
            20,
            20,
            0,
            DEFLATED,
            0,
            33,
            entry.crc,
            len(entry.stored),
            entry.stated,
            len(name),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        + name
    )


def word_entries(folder: Path) -> list[Entry]:
    """The entries of a real Word file of one paragraph (written in ``folder``)."""
    source = write_docx(folder / "source.docx", [("Interviewer", "Hoe ging het?")])
    with zipfile.ZipFile(source) as archive:
        return [plain(name, archive.read(name)) for name in archive.namelist()]


def replaced(entries: list[Entry], *hostile: Entry) -> list[Entry]:
    """``entries`` with those named as in ``hostile`` replaced (or added)."""
    names = {entry.name for entry in hostile}
    return [entry for entry in entries if entry.name not in names] + list(hostile)


def write_zip(path: Path, entries: list[Entry]) -> Path:
    path.write_bytes(zip_bytes(entries))
    return path
