"""Recognise a transcript's format by what the file holds, not by what it is called.

Files reach researchers renamed, re-saved and without extensions: a Zoom transcript saved as
``.txt``, Whisper's output with the extension lost, a Word file mailed as ``interview``. The
extension is the last thing asked, and only among formats whose content has no signature of its
own (Markdown or plain text). A ``.docx``, ``.json`` or ``.tsv`` name is still believed when the
content matches no other format, so that a broken file of that kind gets that parser's precise
refusal instead of being read as text.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Literal

from codebench.errors import InputError
from codebench.files.archive import ZIP_ERRORS
from codebench.files.regular import open_regular

TextFormat = Literal[
    "vtt", "srt", "pasted-cues", "whisper-txt", "whisper-tsv", "whisper-json", "md", "txt"
]

ZIP_MAGIC = b"PK\x03\x04"
#: An OLE compound file: an old .doc, or a password-protected .docx (its encrypted package).
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
NOT_A_TRANSCRIPT = "a zip archive, not a transcript (a Word file holds word/document.xml)"

_WEBVTT_RE = re.compile(r"WEBVTT(?:[ \t\n]|$)")
# SubRip starts with a cue number and a timing with a decimal comma; with a decimal point it is
# WebVTT that lost its header, read leniently as pasted cues.
_SRT_START_RE = re.compile(r"[ \t]*\d+[ \t]*\n[ \t]*\d{1,10}:\d{1,2}:\d{1,2},\d{1,3}[ \t]*-->")
# What a suffix says when the content has no signature. A broken .json, .tsv, .vtt or .srt
# goes to its own parser, whose refusal says what is wrong with it.
_BY_SUFFIX: dict[str, TextFormat] = {
    ".json": "whisper-json",
    ".tsv": "whisper-tsv",
    ".vtt": "vtt",
    ".srt": "srt",
    ".md": "md",
    ".markdown": "md",
}


def is_word_document(path: Path) -> bool:
    """Whether ``path`` is a Word file by its content (or, for a .docx, by its name too).

    A Word file is a zip holding ``word/document.xml``; a password-protected one (or an old
    .doc) is an OLE container, which the Word importer refuses with advice. Another zip is no
    transcript, and refused here rather than read as binary text.
    """
    if path.suffix.lower() == ".docx":
        return True
    head = _head(path, len(OLE_MAGIC))
    if head.startswith(OLE_MAGIC):
        return True
    if not head.startswith(ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except ZIP_ERRORS:
        names = set()
    if "word/document.xml" not in names:
        raise InputError(path, NOT_A_TRANSCRIPT)
    return True


def _head(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of the file; an unreadable file, or one that is not a regular
    file (a FIFO would wait for a writer for ever), is refused in one line."""
    try:
        with open_regular(path) as file:
            return file.read(size)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise InputError(path, f"cannot read file: {reason}") from exc


def text_format(text: str, suffix: str) -> TextFormat:
    """The format of a transcript's text (decoded, LF line ends); ``suffix`` decides only
    where the content does not."""
    # Imported here: a Word file is recognised without loading the subtitle readers.
    from codebench.importers.subtitles import is_timing_line
    from codebench.importers.whisper import TSV_HEADER, TXT_LINE_RE

    suffix = suffix.lower()
    timed = "-->" in text
    lines = text.split("\n") if timed else []  # only a timed text is read line by line
    if _WEBVTT_RE.match(text):
        return "vtt"
    if text.lstrip().startswith("{") and '"segments"' in text:
        return "whisper-json"
    first_line = text.partition("\n")[0]
    if tuple(field.strip() for field in first_line.split("\t")) == TSV_HEADER:
        return "whisper-tsv"
    if timed and any(TXT_LINE_RE.match(line) for line in lines):
        return "whisper-txt"
    if _SRT_START_RE.match(text.lstrip()):
        return "srt"
    if timed and any(is_timing_line(line) for line in lines):
        return "pasted-cues"
    return _BY_SUFFIX.get(suffix, "txt")
