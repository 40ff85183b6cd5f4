"""``python -m gapcli``."""

from gapcli.cli import main

main()
