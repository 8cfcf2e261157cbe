"""Command groups that the main ``dyad`` command registers with ``cli.add_command``."""
