"""Run the benchmark suite, print its tables and write them to benchmarks/results.md.

    python -m benchmarks [--sizes small,medium,large] [--repeat 3] [--only JOB,...] [--dry-run]

A run limited by --only writes no file unless --out names one. Progress goes to stderr.
Corpora and coded projects are cached under --work (default: codebench's cache folder), keyed
by the generator's version, so later runs skip generating them; every command that writes
works on a fresh project or a scratch copy.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from datetime import datetime
from pathlib import Path

import platformdirs

from benchmarks.budgets import Job
from benchmarks.context import Context
from benchmarks.corpus import SIZES
from benchmarks.jobs import JOBS
from benchmarks.peers import QC_ENV, qc_command
from benchmarks.projects import base_project, work_folder
from benchmarks.results import Result, render
from benchmarks.runinfo import header, load

RESULTS = Path(__file__).resolve().with_name("results.md")


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _attempt(job: Job, ctx: Context) -> list[Result]:
    """The job's rows, or one row saying why it failed (the traceback goes to stderr)."""
    size = ctx.size.name if ctx.size else "demo"
    started = time.perf_counter()
    if ctx.dry_run:
        print(f"{job.name} ({size}):", flush=True)
    try:
        rows = job.run(ctx)
    except Exception as exc:
        traceback.print_exc()
        rows = [Result(job.group, job.name, size, "", 0, [], error=str(exc) or type(exc).__name__)]
    if not ctx.dry_run:
        _log(f"{size}: {job.name} ({time.perf_counter() - started:.0f} s)")
    return rows


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="small,medium,large",
        help=f"comma-separated, of {', '.join(SIZES)} (default: small,medium,large)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per operation (median)")
    parser.add_argument("--only", help="comma-separated jobs to run (default: all; see --list)")
    parser.add_argument("--list", action="store_true", help="list the jobs and stop")
    parser.add_argument(
        "--dry-run", action="store_true", help="print what each job would run, run nothing"
    )
    parser.add_argument("--no-peers", action="store_true", help=f"skip qc even if {QC_ENV} is set")
    parser.add_argument(
        "--out",
        type=Path,
        help=f"write the tables here (default: {RESULTS.relative_to(RESULTS.parent.parent)}, "
        "unless --only picks some jobs)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(platformdirs.user_cache_dir("codebench")) / "benchmarks",
        help="cache of corpora and projects",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = _parser()
    args = parser.parse_args(argv)
    if args.list:
        for job in JOBS:
            print(f"{job.name:28} {'once' if job.group == 'start-up' else 'per size'}")
        return 0
    sizes = [SIZES[name] for name in args.sizes.split(",")]
    wanted = set(args.only.split(",")) if args.only else {job.name for job in JOBS}
    unknown = wanted - {job.name for job in JOBS}
    if unknown:
        parser.error(f"no job {', '.join(sorted(unknown))} (see --list)")
    qc = None if args.no_peers else qc_command()
    started, load_at_start, clock = datetime.now(), load(), time.perf_counter()
    work = work_folder(args.work)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(dir=work, prefix="run-") as scratch:
        ctx = Context(work, Path(scratch), args.repeat, args.dry_run, qc)
        for job in JOBS:
            if job.name in wanted and job.group == "start-up":
                results += _attempt(job, ctx)
        per_size = [job for job in JOBS if job.name in wanted and job.group != "start-up"]
        for size in sizes if per_size else []:
            if not args.dry_run:
                begun = time.perf_counter()
                project = base_project(size, work)
                _log(
                    f"{size.name}: project ready in {time.perf_counter() - begun:.0f} s ({project})"
                )
            sized = ctx.for_size(size)
            for job in per_size:
                results += _attempt(job, sized)
    if args.dry_run:
        return 0
    minutes = (time.perf_counter() - clock) / 60
    baseline = next((r.peak_mb for r in results if r.operation == "codebench --version"), 0.0)
    text = render(header(argv, started, load_at_start, minutes, qc), results, baseline or 0.0)
    print(text)
    out = args.out or (None if args.only else RESULTS)
    if out is not None:
        out.write_text(text, encoding="utf-8")
    return 1 if any(r.error for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
