"""Codebooks as files: the tree of codes (:mod:`.model`), its rules (:mod:`.validate`), and the
YAML, JSON and CSV formats (:mod:`.formats`, one module per format behind it).

Import from the module that holds what you need: this package loads nothing itself, so naming
a code's fields (:data:`.model.FIELDS`) does not load the file formats' libraries.
"""
