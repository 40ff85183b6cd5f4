"""render/terminal."""
