"""``python -m gapcli``."""

from gapcli.entry import main

main(prog_name="gapcli")
