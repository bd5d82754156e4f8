"""A code's definition folded into the single ``Description`` REFI-QDA gives a code, and back.

The schema has one ``Description`` per code, so the definition, the inclusion and exclusion
criteria and the example are written into it as labelled paragraphs that read well in any QDA
program; reading a file takes the paragraphs codebench wrote back out. One table of labels
serves both directions, so what is written is always what is read.
"""

from __future__ import annotations

from codebench.codebook.model import CodeSpec

#: The code fields written as labelled paragraphs, and their labels.
_FIELDS: tuple[tuple[str, str], ...] = (
    ("inclusion", "Inclusion"),
    ("exclusion", "Exclusion"),
    ("example", "Example"),
)

_FIELD_OF_LABEL = {label: name for name, label in _FIELDS}


def description_text(code: CodeSpec) -> str | None:
    """The code's description with its criteria and example as labelled paragraphs."""
    parts = [code.description.strip()] if code.description and code.description.strip() else []
    for name, label in _FIELDS:
        value = getattr(code, name)
        if isinstance(value, str) and value.strip():
            parts.append(f"{label}: {value.strip()}")
    return "\n\n".join(parts) or None


def split_description(text: str | None) -> dict[str, str | None]:
    """The description and the labelled paragraphs codebench writes into it, by field."""
    if text is None or not text.strip():
        return {"description": None}
    fields: dict[str, str | None] = {}
    rest: list[str] = []
    for paragraph in text.strip().split("\n\n"):
        label, _, value = paragraph.partition(": ")
        name = _FIELD_OF_LABEL.get(label)
        if name is not None and value.strip() and name not in fields:
            fields[name] = value.strip()
        else:
            rest.append(paragraph)
    fields["description"] = "\n\n".join(rest).strip() or None
    return fields
