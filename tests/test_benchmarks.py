"""The benchmark suite runs end to end at its tiny size: a test that it works, not a timing
gate (times on a shared CI machine mean nothing; the sizes that matter are run by hand)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OPERATIONS = (
    "import",
    "TUI first screen",
    "TUI apply code",
    "TUI remove code",
    "report themes",
    "report respondents",
    "report by-attribute",
    "report attributes",
    "report quotes",
    "report cooccurrence (unit)",
    "report cooccurrence (overlap)",
    "export .xlsx",
    "export .docx",
    "agree 2 coders",
    "agree 3 coders",
    "qdpx export",
    "qdpx import",
)


def _rows(text: str, heading: str) -> list[list[str]]:
    """The body rows of the Markdown table under ``heading``."""
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[1:]]


def test_every_operation_is_timed_against_its_budget(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    command = [sys.executable, "-m", "benchmarks", "--sizes", "tiny", "--repeat", "1"]
    command += ["--work", str(tmp_path / "work"), "--out", str(out), "--no-peers"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    assert done.stdout.strip() == text.strip()

    rows = {row[0]: row for row in _rows(text, "Times and memory")}
    assert set(rows) == set(OPERATIONS)
    for operation, size, amount, median, cpu, runs, peak, budget, holds in rows.values():
        assert size == "tiny" and amount and int(runs) >= 1
        for time in (median, cpu):
            assert time.endswith((" ms", " s")) and float(time.split()[0]) > 0
        assert float(peak.replace(",", "")) > 10
        assert holds in ("yes", "NO") if budget != "—" else holds == "—", operation
    assert rows["agree 2 coders"][7] == "2.00 s"
    assert rows["TUI first screen"][7] == "500.0 ms; 500 MB"

    [peer] = _rows(text, "Peers on the same corpus")
    assert peer[0] == "agreement, 2 coders" and "krippendorff.alpha" in peer[3]
    assert float(peer[4]) > 0
