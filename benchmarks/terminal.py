"""The TUI from launch to its first screen, in a real (pseudo) terminal.

The command runs as a user runs it, attached to a pseudo-terminal of 120x40 whose other end
this process reads. Textual draws by writing escape sequences and text; with the escape
sequences taken out, the text of the screen is what is left, in the order it was drawn. The
first screen counts as painted once ``marker`` (the first words of the transcript the TUI
opens, which only its transcript pane shows) has been written, with the rest of the frame that
wrote it: the wall clock runs from just before the process is spawned to the last read of that
frame (the output that follows the marker without a pause of 5 ms). Then the child is killed at
once and reaped: its CPU (user + system) and peak memory are those of ``os.wait4``, so they
cover the launch up to the paint plus the few milliseconds until the kill. The clock and the
figures come from :mod:`benchmarks.launch`, which spawns the command.

Nothing in the application is changed or hooked: what is timed is the first frame a user sees.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import termios
import time
from collections.abc import Mapping
from pathlib import Path

from benchmarks.child import CommandFailed, Launched
from benchmarks.clock import Sample

COLUMNS, ROWS = 120, 40
TIMEOUT = 120.0
#: CSI sequences (cursor moves, colours, modes), OSC strings, and two-byte escapes.
_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[ -~]")
#: Bytes of the output searched again with each read (a marker split over two reads is found).
_OVERLAP = 16_384
#: A pause in the output this long ends a frame (well below Textual's 1/60 s between frames).
_FRAME_GAP = 0.005


def screen_text(output: bytes) -> str:
    """The text a terminal shows for ``output``, escape sequences removed, cursor moves as
    line breaks (so a marker is only found within one drawn line)."""
    text = _ESCAPES.sub(lambda m: b"\n" if m.group().endswith((b"H", b"f")) else b"", output)
    return text.decode("utf-8", errors="ignore")


def _rest_of_frame(master: int, started: float) -> float:
    """Read on while the frame that drew the marker is still coming (the terminal is written
    in pieces of a few KB, back to back); the time of its last piece, from ``started``."""
    last = time.monotonic()
    while last - started < TIMEOUT and select.select([master], [], [], _FRAME_GAP)[0]:
        try:
            os.read(master, 65_536)
        except OSError:
            break
        last = time.monotonic()
    return last - started


def first_paint(
    argv: list[str], marker: str, env: Mapping[str, str], cwd: Path, timeout: float = TIMEOUT
) -> Sample:
    """Launch ``argv`` in a 120x40 pseudo-terminal and time it until ``marker`` is drawn."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    try:
        command = Launched(argv, {**env, "TERM": "xterm-256color"}, cwd, (slave, slave, slave))
    finally:
        os.close(slave)
    output = b""
    painted: float | None = None
    try:
        while painted is None and time.monotonic() - command.started < timeout:
            if not select.select([master], [], [], 0.05)[0]:
                continue
            try:
                chunk = os.read(master, 65_536)
            except OSError:  # every end of the terminal is closed: the command has exited
                break
            output += chunk
            if marker in screen_text(output[-(len(chunk) + _OVERLAP) :]):
                painted = _rest_of_frame(master, command.started)
    finally:
        command.kill()
        _, sample = command.wait()
        os.close(master)
    if painted is None:
        lines = [line.strip() for line in screen_text(output).splitlines() if line.strip()]
        raise CommandFailed(f"{command.name}: {marker!r} never drawn; last lines: {lines[-3:]}")
    return sample._replace(wall=painted)
