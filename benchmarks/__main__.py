"""Run the benchmark suite and print its tables (progress goes to stderr).

    python -m benchmarks [--sizes small,medium,large] [--repeat 3] [--out results.md]

Corpora and coded projects are cached under --work (default: codebench's cache folder), keyed
by the generator's version, so later runs skip generating them; operations that write (import,
the TUI) always work on a fresh project or a scratch copy.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import platformdirs

from benchmarks.clock import Sample
from benchmarks.corpus import SIZES, Size
from benchmarks.operations import JOBS, KRIPPENDORFF, Job
from benchmarks.peers import PeerResult, krippendorff_peer, qc_peers
from benchmarks.projects import base_project, qdpx_file, work_folder
from benchmarks.results import Result, median_of, render

ROOT = Path(__file__).resolve().parent.parent


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_job(job: Job, size: Size, work: Path, repeat: int) -> list[Result]:
    """Run a job in child processes (one per repetition for cold jobs) and gather its rows.

    Raises CalledProcessError if a child fails (its traceback is on stderr)."""
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path}
    timings: dict[str, list[Sample]] = {}
    peak = 0.0
    for count in [1] * repeat if job.cold else [repeat]:
        with tempfile.TemporaryDirectory(dir=work) as folder:
            result = Path(folder) / "result.json"
            command = [sys.executable, "-m", "benchmarks.operations", job.name, size.name]
            command += ["--work", str(work), "--repeat", str(count), "--result", str(result)]
            subprocess.run(command, check=True, cwd=ROOT, env=env)
            found = json.loads(result.read_text())
        for row, samples in found["timings"].items():
            timings.setdefault(row, []).extend(Sample(*sample) for sample in samples)
        peak = max(peak, found["peak_mb"])
    return [Result(row, size, samples, peak) for row, samples in timings.items()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="small,medium,large",
        help=f"comma-separated, of {', '.join(SIZES)} (default: small,medium,large)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per operation (median)")
    parser.add_argument("--only", help="comma-separated operations to run (default: all)")
    parser.add_argument("--no-peers", action="store_true", help="skip the command-line peers")
    parser.add_argument("--out", type=Path, help="also write the tables to this file")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(platformdirs.user_cache_dir("codebench")) / "benchmarks",
        help="cache of corpora and projects",
    )
    args = parser.parse_args(argv)
    sizes = [SIZES[name] for name in args.sizes.split(",")]
    wanted = set(args.only.split(",")) if args.only else None
    unknown = (wanted or set()) - {job.name for job in JOBS}
    if unknown:
        parser.error(f"no operation {', '.join(sorted(unknown))}")
    jobs = [job for job in JOBS if wanted is None or job.name in wanted]
    work = work_folder(args.work)
    results: list[Result] = []
    peers: list[PeerResult] = []
    failed: list[str] = []
    for size in sizes:
        started = time.perf_counter()
        project = base_project(size, work)
        _log(f"{size.name}: project ready in {time.perf_counter() - started:.0f} s ({project})")
        for job in jobs:
            started = time.perf_counter()
            try:
                results += run_job(job, size, work, args.repeat)
            except subprocess.CalledProcessError:
                failed.append(f"{job.name} ({size.name})")
            _log(f"{size.name}: {job.name} ({time.perf_counter() - started:.0f} s)")
        if wanted is None or KRIPPENDORFF in wanted:
            agree = median_of(results, "agree 2 coders", size)
            direct = median_of(results, KRIPPENDORFF, size)
            peers.append(krippendorff_peer(size.name, agree, direct))
        if not args.no_peers and qdpx_file(size, work).exists():
            with tempfile.TemporaryDirectory(dir=work) as scratch:
                peers += qc_peers(
                    size.name, project, qdpx_file(size, work), args.repeat, Path(scratch)
                )
            _log(f"{size.name}: peers")
    text = render(results, peers)
    if failed:
        text += f"\nFailed (see the tracebacks above): {', '.join(failed)}\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
