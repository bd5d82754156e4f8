"""Small Word files written by tests, with optional bold speaker labels."""

from __future__ import annotations

from pathlib import Path

from docx import Document


def write_docx(path: Path, paragraphs: list[str | tuple[str, str]]) -> Path:
    """Write a .docx; a (label, text) pair becomes a paragraph with a bold "label: " run."""
    document = Document()
    for item in paragraphs:
        paragraph = document.add_paragraph()
        if isinstance(item, tuple):
            label, body = item
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(body)
        else:
            paragraph.add_run(item)
    document.save(str(path))
    return path
