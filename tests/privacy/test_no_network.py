"""No network at run time: the commands a researcher runs, and a coding session in the
workbench, make no connection to an internet address and look up no host name.

They run in child processes under the audit hook of ``network_guard.py`` (installed before
codebench is imported); see :mod:`offline_session` for the commands.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from offline_session import GUARD, WRITTEN, Offline, commands, guarded


def test_the_commands_a_user_runs_make_no_network_access(offline: Offline) -> None:
    folder, results = offline.folder, offline.results
    failed = [(r["command"], r["exit"]) for r in results if r["exit"] != 0]
    assert failed == []
    assert len(results) == len(commands(folder))
    for name in (*WRITTEN, "quotes.md"):
        assert (folder / name).stat().st_size > 0, name
    with zipfile.ZipFile(folder / "r.docx") as report:
        assert any(name.startswith("word/media/") for name in report.namelist())  # the chart
    assert (folder / "home" / "data" / "codebench" / "demo.codebench").exists()


def test_a_coding_session_in_the_workbench_makes_no_network_access(offline: Offline) -> None:
    folder = offline.folder
    [session] = guarded(["tui", str(folder / "study.codebench")], folder)
    assert session["codings"] == 1  # applied, undone, redone


PROBE = """
import socket
import network_guard
left, right = socket.socketpair()  # local: allowed
left.close(), right.close()
for attempt in (
    lambda: socket.getaddrinfo("example.org", 443),
    lambda: socket.socket().connect(("127.0.0.1", 9)),
    lambda: __import__("urllib.request").request.urlopen("http://example.org", timeout=1),
):
    try:
        attempt()
    except RuntimeError:
        pass
"""


def test_the_guard_catches_lookups_and_connections_but_not_local_sockets(tmp_path: Path) -> None:
    log = tmp_path / "network.log"
    env = {**os.environ, "CODEBENCH_NETWORK_LOG": str(log), "PYTHONPATH": str(GUARD.parent)}
    subprocess.run([sys.executable, "-c", PROBE], env=env, check=True, timeout=60)
    events = [line.split()[0] for line in log.read_text(encoding="utf-8").splitlines()]
    assert events == ["socket.getaddrinfo", "socket.connect", "urllib.Request"]
