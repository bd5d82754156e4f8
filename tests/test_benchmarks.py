"""The benchmark suite runs end to end at its tiny size: a test that it works, not a timing
gate (times on a shared CI machine mean nothing; the sizes that matter are run by hand)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START_UP = (
    "codebench --version",
    "codebench --help",
    "codebench info",
    "codebench code",
    "codebench codings",
    "TUI first screen (codebench demo)",
    "codebench import (one transcript)",
    "codebench pseudonymise --all",
)
COMMANDS = (
    "codebench import FOLDER",
    "TUI first screen (codebench open)",
    "codebench export X.qdpx",
    "codebench import X.qdpx",
    "codebench report themes",
    "codebench report respondents",
    "codebench report by-attribute",
    "codebench report attributes",
    "codebench report quotes",
    "codebench report cooccurrence --level unit",
    "codebench report cooccurrence --level overlap",
    "codebench export X.xlsx",
    "codebench export X.docx",
    "codebench agree --coders coder1,coder2",
    "codebench agree --coders coder1,coder2,coder3",
    "codebench suggest DOC (model trained on all codings)",
    "codebench suggest --evaluate (all codings)",
    "codebench agree --coders coder1,model:coder1",
)
IN_PROCESS = (
    "agree service, 2 coders, no bootstrap",
    "agree service, 3 coders, no bootstrap",
    "TUI apply code (key to repaint)",
    "TUI remove code (key to repaint)",
    "suggestion model trained (all codings)",
    "suggestions for an uncoded interview (10,000 words at medium)",
)


def _rows(text: str, heading: str) -> dict[str, list[str]]:
    """The body rows of the Markdown table under ``heading``, by operation."""
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("| ")]
    rows = [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[1:]]
    return {row[0]: row for row in rows}


def test_every_operation_is_timed_against_its_budget(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    command = [sys.executable, "-m", "benchmarks", "--sizes", "tiny", "--repeat", "1"]
    command += ["--work", str(tmp_path / "work"), "--out", str(out), "--no-peers"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    assert done.stdout.strip() == text.strip()
    assert text.startswith("# Benchmark results\n\nWritten by `python -m benchmarks --sizes tiny")

    tables = {
        "Start-up and one-document commands (the demo project)": START_UP,
        "Whole commands at each size": COMMANDS,
        "In process, after the imports": IN_PROCESS,
    }
    for heading, operations in tables.items():
        rows = _rows(text, heading)
        assert list(rows) == list(operations), heading
        for operation, size, amount, runs, wall, cpu, peak, budget, _, _, verdict in rows.values():
            assert size in ("demo", "tiny") and amount and int(runs) >= 1, operation
            for time in (wall, cpu):
                assert time.endswith((" ms", " s")) and float(time.split()[0]) > 0, operation
            assert float(peak.replace(",", "")) > 10, operation
            assert budget != "—" and (verdict == "holds" or verdict.startswith("NO (")), operation

    start = _rows(text, "Start-up and one-document commands (the demo project)")
    assert start["codebench --version"][7] == "≤ 250 ms CPU; ≤ 500 MB"
    assert start["TUI first screen (codebench demo)"][7] == "≤ 1.00 s wall; ≤ 500 MB"
    commands = _rows(text, "Whole commands at each size")
    assert commands["codebench import FOLDER"][8].startswith("bare spaCy: ")
    assert commands["codebench import FOLDER"][7] == "≤ 2× peer CPU; ≤ 500 MB"
    assert float(commands["codebench import FOLDER"][9]) > 0
    assert commands["codebench import X.qdpx"][8].startswith("qc init -i: not used")
    agree = _rows(text, "In process, after the imports")["agree service, 2 coders, no bootstrap"]
    assert agree[8].startswith("krippendorff.alpha: ") and float(agree[9]) > 0
