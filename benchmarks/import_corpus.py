"""Import benchmark: generate N synthetic interview transcripts and time importing them.

Budget (BRIEF section 9): 200 transcripts x 10,000 words, with segmentation, in under 60 s.
Run by hand, never as a timed test:

    python3 benchmarks/import_corpus.py --documents 200 --words 10000
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from codebench.services.importing import ImportOptions, import_files
from codebench.services.overview import project_summary
from codebench.services.project import init_project
from corpus import generate_corpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--project", help="database URL (default: a temporary SQLite file)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        files = generate_corpus(folder, args.documents, args.words)
        generated = time.perf_counter() - started
        location = args.project or str(folder / "bench.codebench")
        with init_project(location) as project:
            started = time.perf_counter()
            outcomes = import_files(project, files, ImportOptions(actor="benchmark"))
            elapsed = time.perf_counter() - started
            summary = project_summary(project)
        failed = [o for o in outcomes if o.error]
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"corpus: {args.documents} transcripts x {args.words:,} words "
            f"(generated in {generated:.1f} s)"
        )
        print(
            f"imported: {summary.documents} documents, {summary.words:,} words, "
            f"{summary.turns:,} turns, {summary.sentences:,} sentences; {len(failed)} failed"
        )
        print(
            f"import time: {elapsed:.1f} s ({summary.words / elapsed:,.0f} words/s); "
            f"budget 60 s for 200 x 10,000 words; peak memory {peak_mb:.0f} MB"
        )
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
