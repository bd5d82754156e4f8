"""Textual-free parts of the transcript view: the wrapped layout and the coding index."""
