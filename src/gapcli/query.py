"""Choosing issues: by id (with suggestions), by tag, for an export; the export date."""

from __future__ import annotations

import difflib
import os
from datetime import UTC, date, datetime

from gapcli.errors import UsageError
from gapcli.models import Dataset, Issue


def find_issue(dataset: Dataset, issue_id: str) -> Issue:
    """The issue with this id, or a usage error suggesting the closest ids."""
    issue = dataset.issue(issue_id)
    if issue is None:
        raise UsageError(unknown_issue_message(dataset, issue_id))
    return issue


def unknown_issue_message(dataset: Dataset, issue_id: str) -> str:
    """``unknown issue 'x'; did you mean ...?`` with a pointer to ``gapcli list``."""
    ids = [i.id for i in dataset.issues]
    close = difflib.get_close_matches(issue_id.lower(), ids, n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return f"unknown issue {issue_id!r}{hint} (run 'gapcli list' to see all ids)"


def by_tag(dataset: Dataset, tag: str | None) -> list[Issue]:
    """Issues carrying ``tag`` (all issues when None); an unknown tag is a usage error."""
    if tag is None:
        return list(dataset.issues)
    chosen = [i for i in dataset.issues if tag in i.tags]
    if not chosen:
        known = sorted({t for i in dataset.issues for t in i.tags})
        raise UsageError(f"no issue has tag {tag!r}; tags in use: {', '.join(known) or '(none)'}")
    return chosen


def select_issues(dataset: Dataset, ids: list[str], tag: str | None) -> list[Issue]:
    """Issues named by ``--issue`` (in dataset order), further narrowed by ``--tag``."""
    for issue_id in ids:
        find_issue(dataset, issue_id)
    wanted = set(ids)
    chosen = [i for i in by_tag(dataset, tag) if not wanted or i.id in wanted]
    if not chosen:
        raise UsageError(f"no issue matches both --issue {' '.join(ids)} and --tag {tag}")
    return chosen


def export_date() -> str:
    """Today (UTC), or SOURCE_DATE_EPOCH's date for reproducible exports."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date().isoformat()
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix timestamp") from None
    return date.today().isoformat()
