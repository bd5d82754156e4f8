"""Pseudonymisation of interview text: find who and where, and replace it consistently.

Pure functions over strings, no database: ``detect`` finds the spans (deduce for Dutch, rules
for every language, and the project's own list of names), ``surrogates`` gives every entity
one label for the whole project, ``offsets`` says where a position of the old text lies in the
new one, ``words`` counts the new text's words, and ``known`` rewrites free text (labels,
memos) with the same labels. The service in ``services/pseudonymisation`` reads the project,
calls these and writes the result.

Nothing heavy loads on import: deduce is built on the first Dutch text (~3 s, in memory).
"""
