"""The streaming subtitle reader gives the captions webvtt-py gives, which it replaced.

webvtt-py reads a file whole into a list of objects (a million cues took 1.2 GB); the reader in
``codebench.importers.subtitle_blocks`` reads a line at a time, and must still cut blocks,
identifiers, times and texts exactly as webvtt-py did, down to its leniencies. Both read a few
hundred generated files that mix what real ones hold: headers (with a cue right under them),
comments, styles, identifiers, Zoom's and Teams' speakers, cue numbers (alone on a line too),
short times, settings, blank lines with spaces, cues without blank lines between them, text
lines of digits.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
import webvtt
from webvtt.errors import MalformedFileError

from codebench.errors import InputError
from codebench.importers.subtitle_blocks import srt_captions, vtt_captions

WORDS = ["ja", "nee", "goed.", "Echt?", "&amp;", "<b>vet</b>", "2024", "A:", "zo!", "…"]
TEXTS = ["<v Anna>", "<v.loud Bob>", "Interviewer: ", "R: ", "12", "   ", ""]


class _Writer:
    """A random subtitle file of one format, cue after cue, in time order."""

    def __init__(self, rng: random.Random, fmt: str) -> None:
        self.rng, self.fmt, self.clock = rng, fmt, 0

    def time(self, ms: int) -> str:
        hours, rest = divmod(ms, 3_600_000)
        minutes, rest = divmod(rest, 60_000)
        seconds, millis = divmod(rest, 1000)
        fraction = f"{millis:03d}"[: self.rng.choice([1, 2, 3, 3])]
        if self.fmt == "vtt" and hours == 0 and self.rng.random() < 0.3:
            return f"{minutes:02d}:{seconds:02d}.{fraction}"
        mark = "." if self.fmt == "vtt" else self.rng.choice([",", ",", "."])
        return f"{hours:02d}:{minutes:02d}:{seconds:02d}{mark}{fraction}"

    def timing(self) -> str:
        start = self.clock + self.rng.choice([0, 100, 1500, 2500])
        self.clock = start + self.rng.randint(0, 4000)
        line = f"{self.time(start)} --> {self.time(self.clock)}"
        if self.rng.random() < 0.1:
            line += " align:start"
        return " " + line if self.rng.random() < 0.05 else line

    def text(self) -> str:
        words = " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(0, 6)))
        return self.rng.choice(TEXTS) + words

    def cue(self, number: int) -> list[str]:
        lines = []
        if self.fmt == "srt" and self.rng.random() < 0.97:
            lines.append(self.rng.choice([str(number), str(number), f" {number}"]))
            lines += [""] if self.rng.random() < 0.1 else []  # a cue number on its own
        if self.fmt == "vtt" and self.rng.random() < 0.4:
            lines.append(self.rng.choice([str(number), f'{number} "Jane Doe" (106328)', "Anna"]))
        lines.append(self.timing())
        lines += [self.text() for _ in range(self.rng.choice([0, 1, 1, 2, 3]))]
        return lines

    def file(self) -> str:
        lines = ["WEBVTT", "Kind: captions"][: self.rng.randint(1, 2)] if self.fmt == "vtt" else []
        lines += [""] if self.rng.random() < 0.85 else []  # the first cue right under the header
        for number in range(1, self.rng.randint(2, 12)):
            if self.fmt == "vtt" and self.rng.random() < 0.06:
                lines += [self.rng.choice(["NOTE a comment", "STYLE", "REGION"]), "x", ""]
            lines += self.cue(number)
            lines += self.rng.choice([[""], [""], [""], [" "], ["", ""], []])
        return "\n".join(lines) + self.rng.choice(["", "\n"])


def _webvtt(text: str, fmt: str) -> list[tuple[int, int, str | None, list[str]]]:
    if fmt == "vtt":
        captions = webvtt.from_string(text).captions
    else:
        captions = webvtt.from_buffer(io.StringIO(text.lstrip()), format="srt").captions
    return [
        (
            int(c.start_time.in_milliseconds()),
            int(c.end_time.in_milliseconds()),
            c.identifier if fmt == "vtt" else None,
            c.lines,
        )
        for c in captions
    ]


@pytest.mark.parametrize("fmt", ["vtt", "srt"])
def test_the_captions_are_webvtt_pys(fmt: str) -> None:
    rng = random.Random(17)
    compared = 0
    for _ in range(400):
        text = _Writer(rng, fmt).file()
        reader = vtt_captions if fmt == "vtt" else srt_captions
        try:
            ours = [(c.start_ms, c.end_ms, c.identifier, c.lines) for c in reader(Path("x"), text)]
        except InputError as refused:
            if "not a valid SubRip file" in str(refused):
                with pytest.raises(MalformedFileError):
                    _webvtt(text, fmt)
            continue  # a cue webvtt-py would have skipped without a word
        assert ours == _webvtt(text, fmt), text
        compared += 1
    assert compared > 250
