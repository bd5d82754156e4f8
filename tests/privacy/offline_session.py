"""A researcher's whole session on the command line, run offline under the network guard.

From an empty folder: init, import (docx, txt, vtt), attributes, codebook, code and uncode,
every report, every export format, the REFI-QDA codebook, agreement, the demo and local code
suggestions (suggest, evaluate, similar, the model as a coder), each through
the real ``codebench`` entry point in one child process (``network_guard.py``) with HOME, the
data and the config folders inside the session's folder and a permissive umask (0022), so the
same run shows that nothing goes to the network and that every file it leaves is private.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codebench.resources import data_path

GUARD = Path(__file__).with_name("network_guard.py")
SAMPLES = data_path("sample_transcripts")
CODEBOOK = data_path("codebooks") / "genai-overheid.yaml"
INTERVIEWS = ("interview_01.docx", "interview_06.txt", "interview_10.vtt")
PRESSURE = "Aanleiding > Druk om GenAI te gebruiken"
REPORTS = ("themes", "respondents", "by-attribute", "attributes", "quotes", "cooccurrence")
EXPORTS = ("r.xlsx", "r.docx", "r.md", "r.csv", "r.json", "study.qdpx")
WRITTEN = ("r.xlsx", "r.docx", "r.md", "r-themes.csv", "r.json", "study.qdpx", "codes.qdc")


def commands(folder: Path) -> list[list[str]]:
    """What a researcher types, from an empty folder to exports, agreement and the demo."""
    code = ["code", "interview_01", PRESSURE]
    return [
        ["init", "study.codebench"],
        ["import", *(str(SAMPLES / name) for name in INTERVIEWS)],
        ["attributes", "import", str(folder / "respondents.csv")],
        ["codebook", "load", str(CODEBOOK)],
        [*code, "--sentences", "2-4", "--coder", "coder1", "--exemplar", "--memo", "druk"],
        [*code, "--sentences", "3-5", "--coder", "coder2"],
        [*code, "--sentences", "9", "--coder", "coder2"],
        ["uncode", "interview_01", PRESSURE, "--sentences", "9", "--coder", "coder2"],
        ["codings", "--format", "csv"],
        *(["report", name, "--coder", "all"] for name in REPORTS),
        ["report", "quotes", "--coder", "all", "--format", "md", "--output", "quotes.md"],
        *(
            ["export", name, *([] if name.endswith(".qdpx") else ["--coder", "all"])]
            for name in EXPORTS
        ),
        ["codebook", "export", "codes.qdc"],
        ["agree", "--coders", "coder1,coder2", "--bootstrap", "50"],
        ["disagreements", "--coders", "coder1,coder2", "--format", "csv"],
        ["demo", "--summary"],
        # Local suggestions: trained, evaluated and compared on this machine.
        [*code, "--sentences", "6-7", "--coder", "coder1"],
        ["code", "interview_06", PRESSURE, "--sentences", "2-3", "--coder", "coder1"],
        ["suggest", "interview_10", "--coder", "coder1"],
        ["suggest", "--evaluate", "--coder", "coder1", "-o", "suggestions.md"],
        ["similar", "interview_01", "--sentences", "6"],
        ["agree", "--coders", "coder1,model:coder1", "--bootstrap", "0"],
    ]


def guarded(args: list[str], folder: Path) -> list[dict[str, Any]]:
    """Run ``network_guard.py`` with ``args``; its results, after checking it logged nothing."""
    log = folder / "network.log"
    env = {
        **os.environ,
        "HOME": str(folder / "home"),
        "XDG_DATA_HOME": str(folder / "home" / "data"),
        "XDG_CONFIG_HOME": str(folder / "home" / "config"),
        "MPLCONFIGDIR": str(folder / "home" / "matplotlib"),
        "CODEBENCH_PROJECT": str(folder / "study.codebench"),
        "CODEBENCH_NETWORK_LOG": str(log),
    }
    env.pop("CODEBENCH_SETTINGS", None)
    results = folder / "results.json"
    done = subprocess.run(
        [sys.executable, str(GUARD), *args, str(results)],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        umask=0o022,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert not log.exists(), log.read_text(encoding="utf-8")
    return json.loads(results.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


#: What the session folder holds that codebench did not write.
INPUTS = ("respondents.csv", "commands.json", "results.json", "home/matplotlib")


@dataclass(frozen=True)
class Offline:
    folder: Path
    results: list[dict[str, Any]]


def run_offline(folder: Path) -> Offline:
    """Write the inputs (a respondents CSV for the three interviews) and run the session."""
    wanted = {name.rsplit(".", 1)[0] for name in INTERVIEWS}
    with (SAMPLES / "respondents.csv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["interview"] in wanted]
    with (folder / "respondents.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    (folder / "commands.json").write_text(json.dumps(commands(folder)), encoding="utf-8")
    return Offline(folder, guarded(["cli", str(folder / "commands.json")], folder))
