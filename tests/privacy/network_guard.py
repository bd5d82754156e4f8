"""Run codebench under an audit hook that forbids the network, as a child process of a test.

Usage: ``python network_guard.py cli COMMANDS.json RESULTS.json`` runs each command line of
COMMANDS (a JSON list of argument lists) through the real ``codebench`` entry point, in this one
process; ``python network_guard.py tui PROJECT RESULTS.json`` codes in the workbench with the
Textual pilot. The hook is installed before codebench is imported (audit hooks cannot be removed,
hence a process of its own). Any connection to an internet address, name lookup, ``sendto`` or
HTTP request is written to ``$CODEBENCH_NETWORK_LOG`` and then fails, so the command fails too.
Local sockets (the Unix socket pairs asyncio uses to wake its loop) are not network.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from pathlib import Path
from typing import Any

LOG = os.environ["CODEBENCH_NETWORK_LOG"]
ADDRESSED = {"socket.connect", "socket.sendto", "socket.sendmsg"}
LOOKUPS = {
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.gethostbyname_ex",
    "socket.gethostbyaddr",
    "socket.getnameinfo",
    "urllib.Request",
    "http.client.connect",
}
INTERNET = (socket.AF_INET, socket.AF_INET6)


def forbid_network(event: str, args: tuple[Any, ...]) -> None:
    if event in ADDRESSED:
        if args[0].family not in INTERNET:
            return
    elif event not in LOOKUPS:
        return
    with open(LOG, "a", encoding="utf-8") as log:
        log.write(f"{event} {args!r}\n")
    raise RuntimeError(f"network access attempted: {event}")


sys.addaudithook(forbid_network)


def run_cli(commands: list[list[str]]) -> list[dict[str, Any]]:
    from codebench.cli import cli

    results = []
    for command in commands:
        try:
            cli.main(args=command, prog_name="codebench")
            code: object = 0
        except SystemExit as exit_:
            code = exit_.code or 0
        except Exception as exc:
            code = f"{type(exc).__name__}: {exc}"
        results.append({"command": command, "exit": code})
    return results


def run_tui(location: str) -> list[dict[str, Any]]:
    """A short coding session: move, code with the finder, look at reports, undo, redo."""
    import asyncio

    from codebench.services.coding.by_name import list_codings
    from codebench.services.project import open_project
    from codebench.services.viewer import Viewer
    from codebench.tui.app import CodebenchApp

    async def session(app: CodebenchApp) -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("j", "j", "shift+down", "c")
            await pilot.pause()
            await pilot.press(*"afwezigheid budget", "enter")
            await pilot.pause()
            await pilot.press("p")
            await pilot.pause(0.5)
            await pilot.press("escape", "u", "U")
            await pilot.pause()

    with open_project(location) as project:
        asyncio.run(session(CodebenchApp(project, "tui-coder")))
        coded = list_codings(project, "tui-coder", viewer=Viewer("tui-coder", blind=True))
    return [{"command": ["tui"], "exit": 0, "codings": len(coded)}]


def main() -> None:
    mode, source, results = sys.argv[1:4]
    if mode == "cli":
        found = run_cli(json.loads(Path(source).read_text(encoding="utf-8")))
    else:
        found = run_tui(source)
    Path(results).write_text(json.dumps(found), encoding="utf-8")


if __name__ == "__main__":
    main()
