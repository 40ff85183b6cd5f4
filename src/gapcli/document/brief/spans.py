"""The brief's building blocks: spans of fixed wording or traced values, sentences, rows,
and the one builder that makes them (each value with the ¶ references of its entry)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from gapcli.domain.models import (
    Citation,
    Dataset,
    Event,
    GapType,
    Issue,
    Loc,
    Party,
    Verdict,
    Voice,
)
from gapcli.domain.text import attribution
from gapcli.views.explore import when

LIST_CAP = 3  # entries named in one bottom-line sentence; the rest are counted
BRIDGE_CAP = 1  # bridges shown per issue; the rest are counted
TITLE_CAP = 4  # issue titles named in one bottom-line sentence
LEFT_OUT_CAP = 12  # titles of the issues not detailed, named before "and N more"
BACKGROUND_CAP = 6  # facts and dates in the brief's background

# The three kinds of gap the bottom line sorts issues into.
GAP_GROUPS: tuple[tuple[str, frozenset[GapType]], ...] = (
    ("facts and evidence", frozenset({GapType.FACT, GapType.CAUSE})),
    ("motives, linkage or venue", frozenset({GapType.INTENT, GapType.LINKAGE, GapType.VENUE})),
    ("methods and expectations", frozenset({GapType.METHOD, GapType.EXPECTATION})),
)

# Every fixed wording a sentence may hold (N: a count). A test checks that nothing else does.
PHRASES = frozenset(
    {
        *(f"N of N gaps are about {name}: " for name, _ in GAP_GROUPS),
        *(f"N gap is about {name}: " for name, _ in GAP_GROUPS),
        "Where the sides already agree: ",
        "The source records no common ground on these issues.",
        "The source judges how one side reads another: ",
        "The source judges no side's reading of another on these issues.",
        "Each side reads the other's conduct or motives on: ",
        " reads ",
        " on ",
        "; ",
        ": ",
        ".",
        " — ",
        " (",
        ")",
        " asks: ",
        "No side's asks of another are recorded on these issues.",
        "Recommended next steps: ",
        "The source records no recommendation naming these issues.",
        "; and N more.",
        "; and N more below.",
        "; and N more in the full dossier.",
        "The source reports no official position of ",
        "No stance passes the filters for ",
        "Misreading",
        "More",
        "In the full dossier.",
        " asks",
        "Bridges",
        "'s own account: ",
        "'s own account: its stance, above",
        "N more facts and dates in the full dossier.",
        " on this.",
        "N more issues are not detailed here: ",
    }
)


@dataclass(frozen=True)
class Where:
    """Where a value of a span comes from: an issue (None: the dataset file), the path to the
    model inside it, and the field (``text``, ``title``, ``label``, ``verdict`` ...)."""

    issue: str | None
    loc: Loc
    field: str


@dataclass(frozen=True)
class Span:
    """A piece of a sentence: fixed wording (``where`` None) or a value from the dataset,
    followed by the ¶ references of the entry it comes from (``refs``, shown as written)."""

    text: str
    where: Where | None = None
    cites: tuple[Citation, ...] = ()
    refs: str = ""
    strong: bool = False
    struck: bool = False  # words taken out (the dossier's "What changed" section only)
    em: bool = False  # italic: the dossier's attributions and questions
    # The dossier's own spans carry no ``where``: ``data`` marks a dataset value (Markdown
    # escapes it), ``before`` and ``after`` fixed wording around it inside its formatting
    # (``**Claim:**``), ``code`` an id (code in Markdown, plain text elsewhere).
    data: bool = False
    before: str = ""
    after: str = ""
    code: bool = False

    @property
    def shown(self) -> str:
        """The span's text with the fixed wording around it (references aside)."""
        return self.before + self.text + self.after


Sentence = tuple[Span, ...]


@dataclass(frozen=True)
class BriefRow:
    """A labelled line of an issue's section, e.g. ``Washington``: its stance."""

    label: Sentence
    sentence: Sentence


@dataclass(frozen=True)
class IssueBrief:
    """One issue in the brief: question, gap in one line, each side's stance, the key
    misreading, asks and bridges."""

    number: int
    issue: Issue
    question: Sentence | None  # left out when it would keep another issue from the brief
    gap: Sentence
    rows: list[BriefRow]


_WORD = re.compile(r"[^\W_]")  # a letter or a digit


def words(text: str) -> int:
    """Words: runs of non-space characters holding a letter or digit (``—``, ``·`` and
    Markdown's ``-`` and ``**`` are not words; ``¶6`` and ``2.0`` are)."""
    return sum(1 for token in text.split() if _WORD.search(token))


def sentence_text(sentence: Sentence) -> str:
    """The sentence as plain text, references included."""
    return "".join(s.shown + (f" {s.refs}" if s.refs else "") for s in sentence)


def value_of(dataset: Dataset, where: Where) -> str:
    """The dataset's value at ``where``, as the brief shows it (an event's date as ``when``)."""
    model = model_at(dataset, where)
    if isinstance(model, Event) and where.field == "date":
        return when(model)
    if where.field == "by" and isinstance(getattr(model, "voice", None), Voice):
        return attribution(model)  # type: ignore[arg-type]
    value = getattr(model, where.field)
    return str(value.value if isinstance(value, Verdict | GapType) else value)


def model_at(dataset: Dataset, where: Where) -> BaseModel:
    """The model at ``where`` (an issue, a side's stance, an entry, a party ...)."""
    node: object = dataset.meta if where.issue is None else dataset.issue(where.issue)
    for part in where.loc:
        if isinstance(part, int):
            node = node[part]  # type: ignore[index]
        elif isinstance(node, dict):
            node = node[part]
        else:
            node = getattr(node, part)
    assert isinstance(node, BaseModel), where
    return node


class Builder:
    """Builds spans for one dataset: fixed wording, values with their ¶ references."""

    def __init__(self, dataset: Dataset, filtered: bool = False) -> None:
        self.dataset = dataset
        self.multi = len(dataset.meta.sources) > 1
        self.filtered = filtered  # a missing stance may only be filtered out

    def say(self, phrase: str, *counts: int) -> Span:
        assert phrase in PHRASES, phrase
        text = phrase
        for count in counts:
            text = text.replace("N", str(count), 1)
        return Span(text)

    def refs(self, cites: Sequence[Citation]) -> str:
        return ", ".join(dict.fromkeys(self.marker(c) for c in cites))

    def marker(self, cite: Citation) -> str:
        return f"{cite.source} ¶{cite.para}" if self.multi else f"¶{cite.para}"

    def value(
        self, issue: str | None, loc: Loc, name: str, cited: bool = True, strong: bool = False
    ) -> Span:
        where = Where(issue, loc, name)
        model = model_at(self.dataset, where)
        cites: tuple[Citation, ...] = tuple(getattr(model, "cite", ())) if cited else ()
        return Span(value_of(self.dataset, where), where, cites, self.refs(cites), strong)

    def label(self, party: Party) -> Span:
        index = self.dataset.meta.parties.index(party)
        return self.value(None, ("parties", index), "label", cited=False)

    def title(self, issue: Issue, strong: bool = False) -> Span:
        return self.value(issue.id, (), "title", cited=False, strong=strong)


def listed(
    b: Builder,
    items: list[list[Span]],
    cap: int,
    more: str = "; and N more.",
    most: int | None = None,
) -> list[Span]:
    """Items joined by ``; ``, at most ``cap`` of them (and, past the first, no more than
    ``most`` words together), then ``and N more``. Items that read the same are shown once."""
    seen: set[str] = set()
    unique = []
    for item in items:
        key = sentence_text(tuple(item))
        if key not in seen:
            seen.add(key)
            unique.append(item)
    out: list[Span] = []
    shown = 0
    for item in unique[:cap]:
        if shown and most is not None and words_in([(*out, *item)]) > most:
            break
        if shown:
            out.append(b.say("; "))
        out += item
        shown += 1
    if len(unique) > shown:
        out.append(b.say(more, len(unique) - shown))
    else:
        out.append(b.say("."))
    return out


def words_in(sentences: Iterable[Sentence]) -> int:
    """The words of these sentences, references included."""
    return sum(words(sentence_text(s)) for s in sentences)
