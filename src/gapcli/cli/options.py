"""The options commands share, defined once: the filters, brief headers, --format, --full.

Every filter means the same on every command (docs/usage.md, "Filters"): ``--issue`` and
``--tag`` choose issues, ``--side``, ``--voice`` and ``--by`` choose statements. Light at
import time: the core (``gapcli.views.filters``) is imported only when a command runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from functools import wraps
from inspect import Parameter, Signature, signature
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, cast, get_type_hints

import typer

from gapcli.domain.choices import OutputFormat, VoiceChoice

if TYPE_CHECKING:
    from gapcli.document.brief import Options
    from gapcli.views.filters import Filters


def complete_issue_id(ctx: typer.Context, incomplete: str) -> list[str]:
    """Issue ids for shell completion, from the dataset chosen by --positions."""
    from gapcli.cli.completion import issue_ids

    return issue_ids(ctx, incomplete)


def complete_tag(ctx: typer.Context, incomplete: str) -> list[str]:
    """Tags for shell completion, from the dataset chosen by --positions."""
    from gapcli.cli.completion import tags

    return tags(ctx, incomplete)


def complete_side(ctx: typer.Context, incomplete: str) -> list[str]:
    """Party ids for shell completion, from the dataset chosen by --positions."""
    from gapcli.cli.completion import sides

    return sides(ctx, incomplete)


IssuesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--issue",
        "-i",
        metavar="ID",
        help="Only this issue (repeatable).",
        autocompletion=complete_issue_id,
    ),
]
TagsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "-t",
        metavar="TAG",
        help="Only issues with this tag (repeatable: any of them).",
        autocompletion=complete_tag,
    ),
]
AllTagsOption = Annotated[
    bool, typer.Option("--all-tags", help="With several --tag: only issues with all of them.")
]
SidesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--side",
        metavar="PARTY",
        help="Only what this side says: a party id (repeatable).",
        autocompletion=complete_side,
    ),
]
VoicesOption = Annotated[
    list[VoiceChoice] | None,
    typer.Option(
        "--voice",
        help="Only statements in this voice, or in a group: official-voices (government, "
        "official, legislature), other-voices (participant, expert, public, media) "
        "(repeatable).",
        case_sensitive=False,
    ),
]
ByOption = Annotated[
    str | None,
    typer.Option(
        "--by", metavar="TEXT", help="Only statements whose speaker matches TEXT (as search)."
    ),
]
FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        help="table (the default), tsv (one line a row, for grep and cut) or json (as --json).",
        case_sensitive=False,
        show_default=False,
    ),
]
FullOption = Annotated[
    bool, typer.Option("--full", help="Whole texts, not snippets around the match.")
]


@dataclass(frozen=True)
class FilterOptions:
    """The filter options as given on the command line (not yet checked against a dataset)."""

    issue: IssuesOption = None
    tag: TagsOption = None
    all_tags: AllTagsOption = False
    side: SidesOption = None
    voice: VoicesOption = None
    by: ByOption = None

    def filters(self, *issues: str, by: str | None = None) -> Filters:
        """As one ``Filters``: ``issues`` (a command's arguments) first, ``by`` for --by."""
        from gapcli.views.filters import Filters

        return Filters(
            (*issues, *(self.issue or ())),
            tuple(self.tag or ()),
            self.all_tags,
            tuple(self.side or ()),
            tuple(self.voice or ()),
            by if by is not None else self.by,
        )


TitleOption = Annotated[
    str | None,
    typer.Option("--title", metavar="TEXT", help="The brief's title (default: the dataset's)."),
]
ForOption = Annotated[
    str | None,
    typer.Option("--for", metavar="TEXT", help='Whom it is for, e.g. "Participants, round 2".'),
]
MarkingOption = Annotated[
    str | None,
    typer.Option(
        "--marking", metavar="TEXT", help='A handling marking, e.g. "Chatham House Rule".'
    ),
]
QuotesOption = Annotated[
    bool, typer.Option("--quotes", "-q", help="Add the quotes behind every ¶ cited.")
]


@dataclass(frozen=True)
class HeaderOptions:
    """The reader's choices that brief and export share: title, whom for, marking, quotes."""

    title: TitleOption = None
    prepared_for: ForOption = None
    marking: MarkingOption = None
    quotes: QuotesOption = False

    def options(self, filtered: bool = False) -> Options:
        """As the brief's ``Options``, checked like dataset text (a blank title is refused)."""
        from gapcli.document.brief import Options
        from gapcli.domain.models import INVISIBLE
        from gapcli.errors import UsageError

        given = (("--title", self.title), ("--for", self.prepared_for), ("--marking", self.marking))
        for name, value in given:
            if value is not None and not value.strip(f" \t\n{INVISIBLE}"):
                raise UsageError(f"{name} is blank; give the text, or leave the option out")
        return Options(self.title, self.prepared_for, self.marking, self.quotes, filtered)


NO_FILTERS = FilterOptions()  # what a command's bundle parameters default to
NO_HEADER = HeaderOptions()
BUNDLES = (FilterOptions, HeaderOptions)
Command = TypeVar("Command", bound=Callable[..., Any])


def bundled(
    *, without: tuple[str, ...] = (), after_tag: tuple[str, ...] = ()
) -> Callable[[Command], Command]:
    """Declares a command's option bundles: each parameter typed ``FilterOptions`` or
    ``HeaderOptions`` is shown as the bundle's options, in its place, and the command gets
    the bundle built from them. ``without``: bundle options the command does not take;
    ``after_tag``: parameters shown between --tag and the filters after it (as brief and
    export have always listed them)."""

    def decorate(command: Command) -> Command:
        hints = get_type_hints(command, include_extras=True)
        own = [p.replace(annotation=hints[p.name]) for p in signature(command).parameters.values()]
        bundles = {p.name: p.annotation for p in own if p.annotation in BUNDLES}
        fields = {name: _fields(kind, without) for name, kind in bundles.items()}
        moved = [q for name in after_tag for q in own if q.name == name]
        shown: list[Parameter] = []
        for p in own:
            if p.name not in after_tag:
                shown += fields.get(p.name, [p])
            if p.name in bundles and "tag" in (f.name for f in fields[p.name]):
                at = next(i for i, f in enumerate(shown) if f.name == "tag") + 1
                shown[at:at] = [f for q in moved for f in fields.get(q.name, [q])]

        @wraps(command)
        def run(**given: Any) -> Any:
            for name, kind in bundles.items():
                given[name] = kind(**{f.name: given.pop(f.name) for f in fields[name]})
            return command(**given)

        run.__signature__ = Signature(shown)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in shown}
        return cast("Command", run)

    return decorate


def _fields(kind: type, without: tuple[str, ...]) -> list[Parameter]:
    hints = get_type_hints(kind, include_extras=True)
    return [
        Parameter(
            f.name, Parameter.POSITIONAL_OR_KEYWORD, default=f.default, annotation=hints[f.name]
        )
        for f in dataclass_fields(kind)
        if f.name not in without
    ]


def output_format(chosen: OutputFormat | None, as_json: bool) -> OutputFormat:
    """``--format``, with ``--json`` as ``--format json``; the two disagreeing is an error."""
    if as_json and chosen not in (None, OutputFormat.JSON):
        from gapcli.errors import UsageError

        raise UsageError(f"--json and --format {chosen.value} disagree; choose one")
    return OutputFormat.JSON if as_json else chosen or OutputFormat.TABLE


def nothing_left(left: int, noun: str, described: str) -> None:
    """Filters that leave nothing exit 1 (like search), saying which filters."""
    if described and not left:
        from gapcli.errors import GapcliError

        raise GapcliError(f"no {noun} matches {described}")
