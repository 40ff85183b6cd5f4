"""Today's date for what gapcli writes (briefs), reproducible with ``SOURCE_DATE_EPOCH``."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from gapcli.errors import UsageError


def today() -> str:
    """Today (UTC), or SOURCE_DATE_EPOCH's date for reproducible exports."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date().isoformat()
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix timestamp") from None
    return datetime.now(UTC).date().isoformat()
