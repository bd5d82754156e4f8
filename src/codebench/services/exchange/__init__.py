"""REFI-QDA exchange: a whole project in (:mod:`.qdpx_import`, also a ``.qdc`` codebook) and
out (:mod:`.qdpx_export`); the format itself lives in :mod:`codebench.refi`.
"""
