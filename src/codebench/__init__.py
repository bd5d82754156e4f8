"""codebench: a keyboard-first terminal workbench for coding interview transcripts."""

__version__ = "0.1.0"
