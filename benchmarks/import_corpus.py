"""Import benchmark: generate N synthetic interview transcripts and time importing them.

Budget (BRIEF section 9): 200 transcripts x 10,000 words, with segmentation, in under 60 s.
Run by hand, never as a timed test:

    python3 benchmarks/import_corpus.py --documents 200 --words 10000
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from docx import Document

from codebench.services.importing import ImportOptions, import_files
from codebench.services.overview import project_summary
from codebench.services.project import init_project

WORDS = (
    "de het een en van in dat is we ook niet op met voor zijn er maar als bij om dan nog wel "
    "gemeente provincie chatbot taalmodel pilot burgers ambtenaren privacy data beleid team "
    "experiment innovatie budget leiderschap samenwerking toepassing organisatie risico "
    "kwaliteit infrastructuur proces verantwoordelijkheid ethiek wetgeving duurzaamheid "
    "eigenlijk gewoon natuurlijk zeg maar heel belangrijk lastig mooi snel veilig samen"
).split()


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(6, 22))
    return " ".join(words).capitalize() + rng.choice(".....?!")


def _turns(rng: random.Random, words: int) -> list[tuple[str, str]]:
    turns, total = [], 0
    while total < words:
        interviewer = len(turns) % 2 == 0
        n = rng.randint(1, 2) if interviewer else rng.randint(3, 12)
        text = " ".join(_sentence(rng) for _ in range(n))
        turns.append(("Interviewer" if interviewer else "Respondent", text))
        total += len(text.split())
    return turns


def generate_corpus(folder: Path, documents: int, words: int, seed: int = 1) -> list[Path]:
    """Half Word files with bold labels, half UTF-8 text files, all deterministic."""
    rng = random.Random(seed)
    paths = []
    for i in range(documents):
        turns = _turns(rng, words)
        respondent = f"Respondent {i + 1}"
        if i % 2 == 0:
            path = folder / f"interview_{i:04d}.docx"
            doc = Document()
            for speaker, text in turns:
                label = respondent if speaker == "Respondent" else speaker
                paragraph = doc.add_paragraph()
                paragraph.add_run(f"{label}: ").bold = True
                paragraph.add_run(text)
            doc.save(str(path))
        else:
            path = folder / f"interview_{i:04d}.txt"
            lines = [f"{respondent if s == 'Respondent' else s}: {t}" for s, t in turns]
            path.write_text("\n\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


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
