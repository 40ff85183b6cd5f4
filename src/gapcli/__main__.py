"""``python -m gapcli``."""

from gapcli.console import main

main(prog_name="gapcli")
