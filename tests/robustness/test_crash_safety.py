"""Killing codebench at any moment loses nothing that was reported done (brief, section 10).

A child process codes without pause (apply, remove, memos, codebook edits; each reported only
after its commit) and is killed with SIGKILL at seeded random moments, sixty times over on one
project. After every kill the project must open, pass ``PRAGMA integrity_check`` and hold
every acknowledged action; the one action in flight may have committed or not.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

from helpers.coding_log import differences, integrity, observe, parse, replay, start_worker
from helpers.small_study import build_study

KILLS = int(os.environ.get("CODEBENCH_CRASH_KILLS", "60"))
SEED = int(os.environ.get("CODEBENCH_CRASH_SEED", "20261128"))
CODER = "anna"


def test_sigkill_at_random_moments_loses_no_acknowledged_action(tmp_path: Path) -> None:
    path = tmp_path / "study.codebench"
    location = build_study(str(path))
    rng = random.Random(SEED)
    before = observe(location, CODER)
    acknowledged = 0
    for kill in range(KILLS):
        worker = start_worker(location, CODER, seed=kill, count=0)
        assert worker.stdout is not None and worker.stderr is not None
        output = b""
        if rng.random() < 0.15:  # sometimes while it starts up and opens the project
            time.sleep(rng.uniform(0.0, 0.6))
        else:
            output = worker.stdout.readline()
            assert output.startswith(b'{"ready"'), worker.stderr.read().decode()
            time.sleep(rng.uniform(0.0, 0.5))
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
        output += worker.stdout.read()  # through the reader, which may hold lines already
        errors = worker.stderr.read().decode()
        worker.stdout.close()
        worker.stderr.close()
        assert worker.returncode == -signal.SIGKILL, errors
        report = parse(output)
        acknowledged += len(report.acks)

        assert integrity(path) == "ok", f"kill {kill}"
        after = observe(location, CODER)
        expected = replay(before, report.acks)
        problems = differences(expected, after, report.intent)
        assert problems == [], f"kill {kill}: {problems} in flight: {report.intent}"
        before = after
    assert acknowledged > 10 * KILLS, "the worker was killed before it did much"
