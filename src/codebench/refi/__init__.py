"""REFI-QDA (QDA-XML 1.0) exchange: ``.qdpx`` projects and ``.qdc`` codebooks, as plain data.

Reading and writing share one vocabulary (GUIDs, colours, the labelled paragraphs a code's
``Description`` carries) and the schemas shipped in ``schemas/``, so both directions live in
this one package, apart from the transcript importers and the report exports. Nothing here
touches a database: :func:`read_qdpx` returns a :class:`RefiProject` (:class:`QdpxReader`
gives its sources one at a time), :func:`read_qdc` a
:class:`~codebench.codebook.model.Codebook`, and :func:`write_qdc` writes a codebook file. The
use cases that store an imported project or export a whole one are
:mod:`codebench.services.exchange.qdpx_import` and :mod:`codebench.services.exchange.qdpx_export`.
"""

from __future__ import annotations

from codebench.refi.codebook_reader import read_qdc
from codebench.refi.codebook_writer import write_qdc
from codebench.refi.model import RefiCase, RefiCoding, RefiNote, RefiProject, RefiSource
from codebench.refi.project_reader import QdpxReader, read_qdpx

__all__ = [
    "QdpxReader",
    "RefiCase",
    "RefiCoding",
    "RefiNote",
    "RefiProject",
    "RefiSource",
    "read_qdc",
    "read_qdpx",
    "write_qdc",
]
