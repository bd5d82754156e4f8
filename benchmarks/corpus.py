"""Deterministic synthetic interview transcripts (Word and text files) and the suite's sizes.

The transcripts come from one seeded stream, so the first 200 files of the large corpus are the
medium corpus: the cache holds one folder of files and every size takes a prefix of it.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from pathlib import Path

from docx import Document

#: Bump when the generated transcripts or projects change, so stale caches are not reused.
GENERATOR_VERSION = 1

WORDS = (
    "de het een en van in dat is we ook niet op met voor zijn er maar als bij om dan nog wel "
    "gemeente provincie chatbot taalmodel pilot burgers ambtenaren privacy data beleid team "
    "experiment innovatie budget leiderschap samenwerking toepassing organisatie risico "
    "kwaliteit infrastructuur proces verantwoordelijkheid ethiek wetgeving duurzaamheid "
    "eigenlijk gewoon natuurlijk zeg maar heel belangrijk lastig mooi snel veilig samen"
).split()


@dataclass(frozen=True)
class Size:
    """One corpus size: transcripts of ``words`` words, codings scaled with the documents, and
    one long transcript (``long_words``) that the TUI opens first."""

    name: str
    documents: int
    words: int = 10_000
    codings_per_document: int = 500
    long_words: int = 30_000
    long_codings: int = 2_000

    @property
    def codings(self) -> int:
        return self.documents * self.codings_per_document + self.long_codings

    @property
    def key(self) -> str:
        """Names its cached files: a size whose figures change gets new ones."""
        figures = (self.documents, self.words, self.codings_per_document, self.long_words)
        return "-".join(map(str, (self.name, *figures, self.long_codings)))


#: medium is the budget point of brief section 9: 200 x 10,000 words and ~100,000 codings;
#: tiny only shows that the suite works (the test runs it), its times mean nothing.
SIZES = {
    size.name: size
    for size in (
        Size("tiny", 4, words=2_000, codings_per_document=200, long_words=5_000, long_codings=300),
        Size("small", 20),
        Size("medium", 200),
        Size("large", 1_000),
    )
}
LONG_STEM = "00_long_interview"


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(6, 22))
    return " ".join(words).capitalize() + rng.choice(".....?!")


def _turns(rng: random.Random, words: int) -> list[tuple[str, str]]:
    turns: list[tuple[str, str]] = []
    total = 0
    while total < words:
        interviewer = len(turns) % 2 == 0
        n = rng.randint(1, 2) if interviewer else rng.randint(3, 12)
        text = " ".join(_sentence(rng) for _ in range(n))
        turns.append(("Interviewer" if interviewer else "Respondent", text))
        total += len(text.split())
    return turns


def _write(path: Path, respondent: str, turns: list[tuple[str, str]]) -> None:
    """Write to a temporary name first: an interrupted run never leaves half a file cached."""
    partial = path.with_name(path.name + ".partial")
    if path.suffix == ".docx":
        doc = Document()
        for speaker, text in turns:
            label = respondent if speaker == "Respondent" else speaker
            paragraph = doc.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(text)
        doc.save(str(partial))
    else:
        lines = [f"{respondent if s == 'Respondent' else s}: {t}" for s, t in turns]
        partial.write_text("\n\n".join(lines), encoding="utf-8")
    os.replace(partial, path)


def generate_corpus(
    folder: Path, documents: int, words: int, seed: int = 1, stem: str = "interview"
) -> list[Path]:
    """Half Word files with bold labels, half UTF-8 text files, all deterministic.

    Files already in ``folder`` are kept (their text is still drawn, to keep the stream).
    """
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(documents):
        turns = _turns(rng, words)
        path = folder / f"{stem}_{i:04d}.{'docx' if i % 2 == 0 else 'txt'}"
        if not path.exists():
            _write(path, f"Respondent {i + 1}", turns)
        paths.append(path)
    return paths


def corpus_files(size: Size, work: Path) -> list[Path]:
    """The size's transcripts, generated once into the cache (shared by sizes of equal words)."""
    folder = work / f"corpus-{size.words}"
    return generate_corpus(folder, size.documents, size.words)


def long_transcript(size: Size, work: Path) -> Path:
    """The long transcript the TUI opens (its name sorts before the others)."""
    folder = work / f"long-{size.long_words}"
    [path] = generate_corpus(folder, 1, size.long_words, seed=2, stem=LONG_STEM)
    return path
