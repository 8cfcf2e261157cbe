"""``python -m dyad`` runs the command line."""

from .cli import main

main()
