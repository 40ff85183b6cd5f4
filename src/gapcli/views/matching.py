"""What a search query or ``--by`` matches: words in order, any run of white space between
them, case-insensitive, a straight quote matching a curly one."""

from __future__ import annotations

import re

from gapcli.errors import UsageError

_SINGLE = "'\u2018\u2019\u201a\u201b"  # straight, then typographic single quotes
_DOUBLE = '"\u201c\u201d\u201e\u201f'  # straight, then typographic double quotes
_QUOTE_CLASS = {**dict.fromkeys(_SINGLE, f"[{_SINGLE}]"), **dict.fromkeys(_DOUBLE, f"[{_DOUBLE}]")}


def search_pattern(query: str) -> re.Pattern[str]:
    """The compiled query: case-insensitive, any run of white space, straight = curly quotes."""
    words = query.split()
    if not words:
        raise UsageError("empty search query; give a word or phrase, e.g. gapcli search Taiwan")
    parts = ("".join(_QUOTE_CLASS.get(ch) or re.escape(ch) for ch in word) for word in words)
    return re.compile(r"\s+".join(parts), re.IGNORECASE)
