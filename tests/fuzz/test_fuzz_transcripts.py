"""Transcript importers (.docx .txt .md .vtt .srt, Whisper .tsv .json) fed malformed files.

Every example ends in a clean one-line refusal that leaves the project unchanged, or in exactly
one new document whose turns and sentences lie inside its text, in order.
"""

from __future__ import annotations

import io
from typing import TypeVar

import docx
from fuzz_support import (
    ODD_VALUES,
    REAL,
    SAMPLES,
    Workbench,
    attempt,
    check_documents,
    counts,
    fuzz,
    make_zip,
    mutated,
    with_invalid_utf8,
    zip_entries,
    zip_with_mutated_entry,
)
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree  # type: ignore[import-untyped]

from codebench.services.documents.importing import ImportOptions, import_file
from codebench.services.project import Project

#: "" is a file without an extension, recognised by its content alone.
SUFFIXES = (".docx", ".txt", ".md", ".vtt", ".srt", ".tsv", ".json", "")
OPTIONS = ImportOptions(language="nl")
T = TypeVar("T")


def import_bytes(workbench: Workbench, name: str, data: bytes) -> None:
    """Import ``data`` as file ``name`` into a fresh project and check the outcome."""
    with workbench.example() as (project, folder):
        path = folder / name
        path.write_bytes(data)
        before = counts(project)
        result = attempt(project, path, lambda: import_file(project, path, OPTIONS))
        if result is not None:
            check_new_document(project, before)


def check_new_document(project: Project, before: dict[str, int]) -> None:
    """Exactly one new document, and nothing else changed but its rows (and respondents)."""
    after = counts(project)
    assert after["document"] == before["document"] + 1
    for table in ("code", "coding", "memo", "coder"):
        assert after[table] == before[table], f"import changed {table}"
    check_documents(project)


# --- seeds -----------------------------------------------------------------------------------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
#: A body with everything the docx reader walks: bold labels (direct, by style, by val), soft
#: breaks, tracked changes, a table with merged cells and a time column, content controls.
RICH_BODY = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W}><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Interview 9</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Interviewer: </w:t></w:r>
<w:r><w:t>Hoe begon het?</w:t></w:r><w:r><w:br/><w:t>Tweede regel.</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:b w:val="true"/></w:rPr><w:t>R</w:t></w:r>
<w:r><w:t xml:space="preserve">: Met een hackathon. </w:t></w:r>
<w:ins w:id="1" w:author="x"><w:r><w:t>Iedereen deed mee.</w:t></w:r></w:ins>
<w:del w:id="2" w:author="x"><w:r><w:delText>Weg.</w:delText></w:r></w:del></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>00:01:02</w:t></w:r></w:p></w:tc>
<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>
<w:p><w:r><w:t>Interviewer</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:r><w:t>En toen?</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>00:01:09</w:t></w:r></w:p></w:tc>
<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>
<w:tc><w:p><w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>R:</w:t></w:r>
<w:r><w:t xml:space="preserve"> Ging het door.</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:sdt><w:sdtContent>
<w:p><w:r><w:t>R: Binnen een sdt. Klaar.</w:t></w:r></w:p></w:sdtContent></w:sdt>
<w:sectPr/></w:body></w:document>"""


def _rich_docx() -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    entries = zip_entries(buffer.getvalue())
    entries["word/document.xml"] = RICH_BODY.encode("utf-8")
    return make_zip(entries)


RICH_DOCX = _rich_docx()
SAMPLE_DOCX = (SAMPLES / "interview_01.docx").read_bytes()
SAMPLE_TXT = (SAMPLES / "interview_09.txt").read_bytes()[:1500]
SAMPLE_VTT = (SAMPLES / "interview_10.vtt").read_bytes()[:2000]
ZOOM_VTT = (REAL / "zoom_plc_fishbowl.vtt").read_bytes()[:2500]
WHISPER_SRT = (REAL / "whisper_goodboy.srt").read_bytes()[:2000]
OTTER_MD = (REAL / "otter_interview_lantana.md").read_bytes()[:2000]
WHISPER_TSV = (REAL / "whisper_goodboy.tsv").read_bytes()[:2000]
WHISPER_TXT = (REAL / "whisper_goodboy.txt").read_bytes()[:2000]
WHISPERX_JSON = (
    b'{"segments": [{"start": 0.5, "end": 2.0, "text": " Hoe was het?", "speaker": "SPEAKER_00"},'
    b' {"start": 2.4, "end": 4.0, "text": " Druk.", "speaker": "SPEAKER_01"}], "language": "nl"}'
)
DOCX_PARTS = (
    "word/document.xml",
    "word/styles.xml",
    "[Content_Types].xml",
    "word/_rels/document.xml.rels",
    "_rels/.rels",
)


# --- docx ------------------------------------------------------------------------------------


@fuzz(60)
@given(data=mutated(SAMPLE_DOCX))
def test_docx_with_mutated_bytes(workbench: Workbench, data: bytes) -> None:
    import_bytes(workbench, "interview.docx", data)


@fuzz(40)
@given(cut=st.integers(0, len(RICH_DOCX)))
def test_truncated_docx(workbench: Workbench, cut: int) -> None:
    import_bytes(workbench, "interview.docx", RICH_DOCX[:cut])


@fuzz(100)
@given(data=zip_with_mutated_entry(RICH_DOCX, DOCX_PARTS))
def test_docx_with_mutated_parts(workbench: Workbench, data: bytes) -> None:
    import_bytes(workbench, "interview.docx", data)


_W_VAL = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val"


@st.composite
def docx_with_odd_values(draw: st.DrawFn) -> bytes:
    """The rich document with ``w:val`` (bold, styles, merges) set to odd values or removed:
    well-formed XML that python-docx only checks when the importer reads it."""
    root = etree.fromstring(RICH_BODY.encode("utf-8"))
    elements = [node for node in root.iter() if isinstance(node.tag, str)]
    for node in draw(st.lists(st.sampled_from(elements), min_size=1, max_size=3)):
        value = draw(st.none() | st.sampled_from(ODD_VALUES))
        if value is None:
            node.attrib.pop(_W_VAL, None)
        else:
            node.set(_W_VAL, value)
    entries = zip_entries(RICH_DOCX)
    entries["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return make_zip(entries)


@fuzz(60)
@given(data=docx_with_odd_values())
def test_docx_with_odd_values(workbench: Workbench, data: bytes) -> None:
    import_bytes(workbench, "interview.docx", data)


# --- any format ------------------------------------------------------------------------------


@fuzz(60)
@given(suffix=st.sampled_from(SUFFIXES), data=st.binary(max_size=2000))
def test_random_bytes(workbench: Workbench, suffix: str, data: bytes) -> None:
    import_bytes(workbench, f"interview{suffix}", data)


@fuzz(60)
@given(
    seed_and_suffix=st.sampled_from(
        [(SAMPLE_TXT, ".txt"), (OTTER_MD, ".md"), (SAMPLE_VTT, ".vtt"), (WHISPER_SRT, ".srt")]
    ),
    data=st.data(),
)
def test_text_with_invalid_utf8(
    workbench: Workbench, seed_and_suffix: tuple[bytes, str], data: st.DataObject
) -> None:
    seed, suffix = seed_and_suffix
    import_bytes(workbench, f"interview{suffix}", data.draw(with_invalid_utf8(seed)))


@fuzz(60)
@given(
    seed_and_suffix=st.sampled_from(
        [
            (SAMPLE_TXT, ".txt"),
            (OTTER_MD, ".md"),
            (ZOOM_VTT, ".vtt"),
            (WHISPER_SRT, ".srt"),
            (WHISPER_TSV, ".tsv"),
            (WHISPER_TXT, ""),
            (WHISPERX_JSON, ".json"),
            (ZOOM_VTT, ".md"),
        ]
    ),
    data=st.data(),
)
def test_text_with_mutated_bytes(
    workbench: Workbench, seed_and_suffix: tuple[bytes, str], data: st.DataObject
) -> None:
    seed, suffix = seed_and_suffix
    import_bytes(workbench, f"interview{suffix}", data.draw(mutated(seed)))


# --- generated text transcripts --------------------------------------------------------------

#: Text as people type it: any printable character, line breaks excluded (added by the caller).
_TEXT = st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=40)
_LABELS = st.sampled_from(
    ["I", "R", "Interviewer", "Respondent 1", "Speaker 2", "P1", "Jonas Rosland", "De minister"]
)
_STAMPS = st.sampled_from(
    ["[00:01:23]", "(01:23)", "00:01:23", "#00:01:02-5#", "[99:99:99]", "#1:2:3#", "٠٣:٢٢:١١", ""]
)
_LINE = st.one_of(
    st.builds("{} {}: {}".format, _STAMPS, _LABELS, _TEXT),
    st.builds("{}: {} {}".format, _LABELS, _STAMPS, _TEXT),
    st.builds("{} {}".format, _LABELS, _STAMPS),
    st.builds("**{}:** {}".format, _LABELS, _TEXT),
    st.builds("## {}".format, _TEXT),
    st.builds("{} #00:00:0{}-1#".format, _TEXT, st.integers(0, 9)),
    _STAMPS,
    _TEXT,
    st.text(max_size=20),
)


@fuzz(80)
@given(
    lines=st.lists(_LINE, max_size=20),
    separator=st.sampled_from(["\n", "\n\n", "\r\n", "\r", "\u2028"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1252"]),
    suffix=st.sampled_from([".txt", ".md"]),
)
def test_generated_text_transcripts(
    workbench: Workbench, lines: list[str], separator: str, encoding: str, suffix: str
) -> None:
    data = separator.join(lines).encode(encoding, errors="replace")
    import_bytes(workbench, f"interview{suffix}", data)


# --- generated subtitles with broken timings -------------------------------------------------


def mostly(
    usual: st.SearchStrategy[T], odd: st.SearchStrategy[T], one_in: int = 8
) -> st.SearchStrategy[T]:
    """``usual``, and ``odd`` about once in ``one_in`` draws: a file with one broken cue among
    good ones is the interesting case. (Hypothesis favours small numbers, so the odd case is
    the largest one.)"""
    return st.integers(1, one_in).flatmap(lambda n: odd if n == one_in else usual)


_ODD_TIME = st.sampled_from(
    [
        "",
        "00:00",
        "1:2:3",
        "aa:bb:cc.ddd",
        "-1:00:00.000",
        "00:00:60.000",
        "00:60:00.000",
        "00:00:00.0000",
        "00:00:00",
        "00:00.5",
        "00:00.000",
        "٠٠:٠١:٠٢.٠٠٠",
        "99999999999999999999999:00:00.000",
        "9" * 400 + ":00:00.000",
        "00:00:00.000 position:10%",
    ]
)
_ARROW = mostly(st.just("-->"), st.sampled_from(["->", "—>", "", "-- >", "-->-->", "<--"]), 40)
_CUE_TEXT = mostly(
    st.one_of(
        st.builds("<v {}>{}</v>".format, _LABELS, _TEXT),
        st.builds("<v.loud {}>{}".format, _LABELS, _TEXT),
        st.builds("{}: {}".format, _LABELS, _TEXT),
        _TEXT.filter(str.strip),
    ),
    st.sampled_from(["", "-->", "<v>", "<v Anna", "&amp;&lt;&#0;&#x110000;", "<b><i>x</b>", "1"]),
    20,
)


def clock(milliseconds: int, fmt: str) -> str:
    """``hh:mm:ss.ttt`` (``,`` in SubRip); a negative time gets a sign, as a broken tool writes."""
    sign = "-" if milliseconds < 0 else ""
    seconds, millis = divmod(abs(milliseconds), 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    mark = "," if fmt == "srt" else "."
    return f"{sign}{hours:02d}:{minutes:02d}:{seconds:02d}{mark}{millis:03d}"


@st.composite
def subtitles(draw: st.DrawFn, fmt: str) -> str:
    """A WebVTT or SubRip file of generated cues: times out of order, overlapping, now and then
    a broken timing line, a missing arrow or cue number, odd voice tags."""
    blocks = []
    if fmt == "vtt":
        blocks.append(draw(mostly(st.just("WEBVTT"), st.sampled_from(["WEBVTTX", "", "webvtt"]))))
    start = 0
    for number in range(1, draw(st.integers(0, 8)) + 1):
        start = max(0, start + draw(mostly(st.integers(0, 5000), st.integers(-20_000, -1))))
        end = start + draw(mostly(st.integers(0, 8000), st.integers(-3000, -1), 40))
        first = draw(mostly(st.just(clock(start, fmt)), _ODD_TIME, 40))
        last = draw(mostly(st.just(clock(end, fmt)), _ODD_TIME, 40))
        lines = []
        if fmt == "srt":
            number_line = st.sampled_from(["", "x", "-3"])
            lines.append(draw(mostly(st.just(str(number)), number_line, 40)))
        elif draw(st.booleans()):
            lines.append(draw(st.sampled_from(["Anna", f"cue-{number}", "NOTE", "1"])))
        lines.append(f"{first} {draw(_ARROW)} {last}")
        lines.extend(draw(st.lists(_CUE_TEXT, min_size=1, max_size=3)))
        blocks.append("\n".join(lines))
    text = draw(mostly(st.just("\n\n"), st.sampled_from(["\n", "\n\n\n"]), 20)).join(blocks)
    return text.replace("\n", draw(st.sampled_from(["\n", "\r\n"])))


@fuzz(100)
@given(text=subtitles("vtt"))
def test_generated_vtt(workbench: Workbench, text: str) -> None:
    import_bytes(workbench, "meeting.vtt", text.encode("utf-8"))


@fuzz(100)
@given(text=subtitles("srt"))
def test_generated_srt(workbench: Workbench, text: str) -> None:
    import_bytes(workbench, "meeting.srt", text.encode("utf-8"))


@fuzz(60)
@given(text=subtitles("vtt"))
def test_generated_cues_pasted_into_markdown(workbench: Workbench, text: str) -> None:
    import_bytes(workbench, "meeting.md", f"# Vergadering\n\n{text}".encode())


def test_same_file_twice_is_refused_the_second_time(workbench: Workbench) -> None:
    with workbench.example() as (project, folder):
        path = folder / "again.txt"
        path.write_bytes(SAMPLE_TXT)
        before = counts(project)
        import_file(project, path, OPTIONS)
        check_new_document(project, before)
        assert attempt(project, path, lambda: import_file(project, path, OPTIONS)) is None
