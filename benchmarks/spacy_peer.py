"""The import's peer, run as a command of its own: bare spaCy splitting the same text.

    python -m benchmarks.spacy_peer FOLDER

reads every ``LANG_NNNN.txt`` in FOLDER (the turns' speech codebench stored for the
transcripts, one paragraph a line, see ``inputs.spacy_lines``) and sends its lines through
``spacy.blank(LANG)`` with a sentencizer, the pipeline codebench's import builds, and nothing
else: no file formats, speakers, database. It prints the number of sentences, so the work
cannot be skipped.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    import spacy

    [folder] = argv if argv is not None else sys.argv[1:]
    pipelines: dict[str, spacy.language.Language] = {}
    sentences = 0
    for path in sorted(Path(folder).glob("*.txt")):
        lang = path.name.split("_", 1)[0]
        if lang not in pipelines:
            pipelines[lang] = spacy.blank(lang)
            pipelines[lang].add_pipe("sentencizer")
        lines = path.read_text(encoding="utf-8").split("\n")
        for doc in pipelines[lang].pipe(lines, batch_size=256):
            sentences += sum(1 for _ in doc.sents)
    print(sentences)
    return 0


if __name__ == "__main__":
    sys.exit(main())
