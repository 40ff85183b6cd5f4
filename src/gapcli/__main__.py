"""``python -m gapcli``."""

from gapcli.cli import main

main(prog_name="gapcli")
