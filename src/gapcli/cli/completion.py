"""Shell completion of issue ids and tags, from the dataset chosen by --positions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from gapcli.domain.models import Dataset


def _positions(ctx: typer.Context) -> str | None:
    """--positions as given after the command, else before it."""
    given = ctx.params.get("positions")
    if given is None and ctx.parent is not None:
        given = ctx.parent.params.get("positions")
    return given if isinstance(given, str) else None


def _dataset(ctx: typer.Context) -> Dataset | None:
    from gapcli.errors import GapcliError
    from gapcli.loader import load_dataset, positions_dir

    try:
        return load_dataset(positions_dir(_positions(ctx)))
    except GapcliError:
        return None  # completion must never fail loudly


def issue_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Issue ids starting with ``incomplete``, from the file names: nothing to parse per TAB."""
    from gapcli.errors import GapcliError
    from gapcli.loader import issue_ids as ids_in
    from gapcli.loader import positions_dir

    try:
        ids = ids_in(positions_dir(_positions(ctx)))
    except GapcliError:
        return []  # completion must never fail loudly
    return [i for i in ids if i.startswith(incomplete)]


def tags(ctx: typer.Context, incomplete: str) -> list[str]:
    """Tags in use starting with ``incomplete``."""
    dataset = _dataset(ctx)
    if dataset is None:
        return []
    return sorted({t for i in dataset.issues for t in i.tags if t.startswith(incomplete)})


def sides(ctx: typer.Context, incomplete: str) -> list[str]:
    """Declared party ids starting with ``incomplete``."""
    dataset = _dataset(ctx)
    if dataset is None:
        return []
    return [p.id for p in dataset.meta.parties if p.id.startswith(incomplete)]
