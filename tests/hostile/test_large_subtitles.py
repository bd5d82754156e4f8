"""A subtitle file of many cues is read as a stream: in memory a few times its size
(webvtt-py's captions took 25 times it), into the turns its cues make in a small file; a
million cues import whole within the memory cap (they took 1.2 GB when the import held every
turn and sentence as objects, and spaCy every word it had read).

Every cue is one sentence of speaker A or B, who take turns every four cues: a hundred thousand
cues make 25,000 turns of four sentences each. (A million cues, measured by hand: read in 15 to
23 seconds and about 230 MB, where webvtt-py took 30 to 46 seconds and 1.1 GB.)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from codebench.files.limits import MAX_TEXT_BYTES
from codebench.importers import parse_file
from helpers.capped import run_capped, shown

CUES = 100_000
TURNS = CUES // 4
MILLION = 1_000_000

# Parses each file in a fresh interpreter and says how much its resident memory grew.
_MEASURE = """
import json, resource, sys
from pathlib import Path
from codebench.importers import parse_file
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
raw = parse_file(Path(sys.argv[1]))
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({"turns": len(raw.turns), "grown": grown * 1024}))
"""


def _time(second: int, separator: str) -> str:
    return f"{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}{separator}"


def write_cues(path: Path, cues: int) -> Path:
    """``cues`` cues of speaker A or B (in turns of four), as WebVTT or SubRip by suffix."""
    vtt = path.suffix == ".vtt"
    with path.open("w", encoding="utf-8") as out:
        out.write("WEBVTT\n\n" if vtt else "")
        for i in range(cues):
            speaker = "AB"[i // 4 % 2]
            start, end = _time(i, "." if vtt else ","), _time(i, "." if vtt else ",")
            timing = f"{start}000 --> {end}800"
            text = f"<v {speaker}>Word {i}." if vtt else f"{speaker}: Word {i}."
            out.write(f"{timing}\n{text}\n\n" if vtt else f"{i + 1}\n{timing}\n{text}\n\n")
    return path


def write_million(path: Path) -> Path:
    """A million cues of speaker A or B (in turns of four) as WebVTT, each as short as WebVTT
    allows (every cue at the same time), so that the file stays within the largest text file
    codebench reads."""
    with path.open("w", encoding="utf-8") as out:
        out.write("WEBVTT\n\n")
        out.writelines(
            f"0:0.0-->0:0.8\n<v {'AB'[i // 4 % 2]}>Word {i}.\n\n" for i in range(MILLION)
        )
    assert path.stat().st_size < MAX_TEXT_BYTES
    return path


@pytest.mark.parametrize("suffix", [".vtt", ".srt"])
def test_many_cues_make_the_turns_a_few_make(tmp_path: Path, suffix: str) -> None:
    """The turns of fifty thousand cues start as those of their first forty alone, and the
    file reads in memory a few times its size."""
    big = write_cues(tmp_path / f"big{suffix}", CUES // 2)
    small = parse_file(write_cues(tmp_path / f"small{suffix}", 40))
    assert [turn.speaker for turn in small.turns] == list("ABABABABAB")
    assert small.turns[1].paragraphs == ["Word 4. Word 5. Word 6. Word 7."]
    measured = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(big)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    found = json.loads(measured.stdout)
    assert found["turns"] == TURNS // 2
    assert found["grown"] < 10 * big.stat().st_size, found


def test_a_million_cues_import_within_the_memory_cap(sqlite_location: str, tmp_path: Path) -> None:
    """Every turn, sentence and word of the file is stored by a process that cannot take more
    memory than the cap."""
    path = write_million(tmp_path / "long.vtt")
    assert run_capped("init", sqlite_location).returncode == 0
    result = run_capped(
        "import", "--project", sqlite_location, "--language", "en", path, timeout=900
    )
    assert result.returncode == 0, shown(result)
    expected = f"{2 * MILLION:,} words, {MILLION // 4} turns, {MILLION} sentences; speakers: A, B"
    assert expected in result.stdout, shown(result)
