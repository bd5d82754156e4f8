"""``python -m codebench`` runs the command line, for machines where scripts are not on PATH."""

from codebench.cli import main

main()
