"""One module per command, each imported only when its command runs (see ``cli.registry``)."""
