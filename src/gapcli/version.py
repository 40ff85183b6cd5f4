"""The version, from package metadata (never a second hard-coded string)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _metadata_version


def version() -> str:
    """The installed gapcli version."""
    try:
        return _metadata_version("gapcli")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"
