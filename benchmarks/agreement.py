"""Agreement benchmark: the whole ``agree`` run (units, matrices, statistics, no bootstrap).

Budget (issue 6): under 2 s for 2 coders x 100,000 units x 30 codes, and for 5 coders x
20,000 units. Prints the time of ``agree`` and, for comparison, of the ``krippendorff``
package called directly on the same matrices. Run by hand, never as a timed test:

    python3 benchmarks/agreement.py
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import krippendorff
from sqlalchemy import func, insert, select

from codebench.agreement.analysis import value_counts
from codebench.agreement.model import AgreementOptions
from codebench.services.agreement import agree, compare
from codebench.services.codebook import add_code
from codebench.services.codes import get_or_create_coder
from codebench.services.importing import ImportOptions, import_files
from codebench.services.project import Project, init_project
from codebench.storage import models
from corpus import generate_corpus

WORDS_PER_SENTENCE = 14


def build(folder: Path, units: int, coders: int, codes: int, prevalence: float) -> Project:
    documents = max(1, round(units * WORDS_PER_SENTENCE / 10_000))
    files = generate_corpus(folder, documents, 10_000)
    project = init_project(folder / "agree.codebench")
    import_files(project, files, ImportOptions(actor="bench", language="nl"))
    code_ids = [add_code(project, f"Code {i:02d}") for i in range(codes)]
    rng = random.Random(11)
    with project.transaction() as session:
        sentences = session.execute(
            select(
                models.Sentence.document_id, models.Sentence.start, models.Sentence.end
            ).order_by(models.Sentence.document_id, models.Sentence.position)
        ).all()
        names = [get_or_create_coder(session, f"coder{i + 1}").id for i in range(coders)]
        rows = []
        for code in code_ids:
            chosen = rng.sample(range(len(sentences)), int(len(sentences) * prevalence))
            for index in chosen:
                doc, start, end = sentences[index]
                for coder in names:
                    if rng.random() < 0.85:  # each coder finds 85% of the passages
                        rows.append(
                            {
                                "document_id": doc,
                                "code_id": code,
                                "coder_id": coder,
                                "start": start,
                                "end": end,
                            }
                        )
        session.execute(insert(models.Coding), rows)
        total = session.scalar(select(func.count(models.Sentence.id)))
    print(f"  {total:,} sentence units in {documents} documents, {len(rows):,} codings")
    return project


def run(units: int, coders: int, codes: int, rounds: int) -> None:
    print(f"{coders} coders x ~{units:,} units x {codes} codes")
    with tempfile.TemporaryDirectory() as tmp:
        project = build(Path(tmp), units, coders, codes, 0.03)
        options = AgreementOptions(tuple(f"coder{i + 1}" for i in range(coders)))
        times = []
        for _ in range(rounds):
            t0 = time.perf_counter()
            agree(project, options)
            times.append(time.perf_counter() - t0)
        comparison = compare(project, options)
        t0 = time.perf_counter()
        for matrix in comparison.matrices.values():
            krippendorff.alpha(value_counts(matrix), level_of_measurement="nominal")
        direct = time.perf_counter() - t0
        project.close()
    median = statistics.median(times)
    print(
        f"  agree: median {median:.2f} s, max {max(times):.2f} s "
        f"({'holds' if median < 2 else 'MISSES'} the 2 s budget); "
        f"krippendorff package alone on the same matrices: {direct:.2f} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    run(100_000, 2, 30, args.rounds)
    run(20_000, 5, 30, args.rounds)
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
