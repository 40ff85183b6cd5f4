"""The tutorial: from a text to a validated three-party dataset, one real command at a time.

The steps are defined once, here. ``docs/tutorial.md`` is their output (a cog block calls
``page()``, which plays them in a temporary folder with ``python -m gapcli``), and
``tests/docs/test_tutorial.py`` plays the same steps in-process and checks what each one does, so
the page cannot go stale and the workflow cannot break unnoticed.

Only ``init``, ``new``, ``source show``/``find``, edits of values and ``validate --fix`` build
the dataset; the edits are listed here as replacements, applied in order, each to the first
place its text occurs.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "data" / "varna"  # the dataset this tutorial ends with
TEXT = FIXTURE / "sources" / "brief.txt"
FOLDER = "varna"


@dataclass(frozen=True)
class Say:
    """A paragraph of the page."""

    text: str


@dataclass(frozen=True)
class Run:
    """A command, and the exit status it must end with."""

    command: str
    code: int = 0


@dataclass(frozen=True)
class Edit:
    """Values changed in a file by hand: each ``(old, new)`` replaces the first ``old``."""

    file: str
    changes: tuple[tuple[str, str], ...]


Step = Say | Run | Edit
Runner = Callable[[list[str], Path], tuple[str, int]]  # gapcli arguments, folder -> output, code

P = '"<paragraph number>"'
Q = '"<the source\'s exact words (gapcli source find brief \\"words\\")>"'
BY = '"<who holds it, in the source\'s words>"'
VOICE = '"<government, official or legislature>"'


def _entry(indent: int, fields: list[tuple[str, str]], para: int, quote: str) -> str:
    """One list entry in the shipped style: ``- id: ...`` then its fields and one citation."""
    pad = " " * indent
    lines = [f"{pad}- {fields[0][0]}: {fields[0][1]}"]
    lines += [f"{pad}  {key}: {value}" for key, value in fields[1:]]
    lines += [f"{pad}  cite:", f'{pad}    - source: "brief"', f"{pad}      para: {para}"]
    lines.append(f"{pad}      quote: {quote}")
    return "\n".join(lines)


STEPS: list[Step] = [
    Say(
        "The text is a briefing on an invented dispute over a river shared by three countries, "
        "saved as UTF-8 in `varna-brief.txt`. Start a dataset with it: `init` copies the text "
        "into the dataset's `sources/` folder and records its paragraph count and SHA-256, so "
        "`validate` checks every quote against it from now on, without `--source-text`."
    ),
    Run(
        "gapcli init varna --title 'Three capitals, one river' --party arland=Arland "
        "--party borvia=Borvia --party caspia=Caspia --source brief=varna-brief.txt"
    ),
    Say(
        "A paragraph is a line with text; blank lines between paragraphs take no number, and a "
        "title line would be ¶1 ([the paragraph rule](../positions/README.md#citations)). "
        "`source show` prints the text as gapcli numbers it, so nobody counts by hand:"
    ),
    Run("gapcli source show brief -p varna"),
    Say(
        "Start an issue. `new` writes a section for every declared side, with a placeholder in "
        "`<angle brackets>` wherever a value is needed:"
    ),
    Run("gapcli new dam-flows -p varna --gap-type fact"),
    Say(
        "`validate` lists every problem in every file in one run, each with its file, line and "
        "column; here, every placeholder still to fill in:"
    ),
    Run("gapcli validate -p varna", code=1),
    Say(
        "Quotes come from the text. `source find` tolerates curly or straight quotes, dashes, "
        "spacing and case in what you type, and prints a citation with the source's exact "
        "characters, ready to paste:"
    ),
    Run('gapcli source find brief "will not take a single litre from anyone" -p varna'),
    Run('gapcli source find brief "an existential threat" -p varna'),
    Say("Fill in the dataset file's placeholders:"),
    Edit(
        "varna/dataset.yaml",
        (
            (
                '"<what the dataset is: the dispute, its sides, the source>"',
                '"Where Arland, Borvia and Caspia diverge on the Kessel Dam, as a briefing on '
                'the Varna talks reports it."',
            ),
            ('"<title of brief>"', '"Three Capitals, One River: Why the Varna Talks Stall"'),
            ('"<publisher of brief>"', '"Varna Basin Institute"'),
        ),
    ),
    Say(
        "Then the issue's. Two slips are left in on purpose, as they happen: the Borvian "
        "reading cites paragraph 11 (its line number in the file, blank lines counted), and "
        "the Borvian ask has a hyphen where the text has a dash. Arland's stance quote was typed "
        "with straight quotes, which `validate` accepts as the same words."
    ),
    Edit(
        "varna/dam-flows.yaml",
        (
            ('"<short title>"', '"What the Kessel Dam takes from the river"'),
            (
                '"<the question in dispute, neutral between the sides>"',
                '"What does the Kessel Dam take from the Varna, and what must it leave?"',
            ),
            (
                '"<the gap in one line, at most about 120 characters>"',
                '"Arland says the dam takes nothing; Borvia wants summer flow; Caspia says only '
                'the spring flood counts"',
            ),
            (
                '"<the position of arland in one line>"',
                '"The dam will not take a single litre from anyone: the reservoir fills only in '
                'wet years."',
            ),
            (BY, '"Arland\'s energy ministry"'),
            (VOICE, '"official"'),
            (P, "2"),
            (
                Q,
                '"will not take a single litre from anyone,\\" because the reservoir fills '
                'only   in wet years"',
            ),
            (
                "    readings: []",
                "    readings:\n"
                + _entry(
                    6,
                    [
                        ("id", '"caspia-internationalises"'),
                        ("of", '"caspia"'),
                        (
                            "text",
                            "\"Sees Caspia's campaign as an attempt to internationalise a "
                            'domestic fishing crisis."',
                        ),
                        ("by", '"Arland"'),
                        ("voice", '"government"'),
                    ],
                    6,
                    '"Arland sees Caspia\u2019s campaign as an attempt to internationalise a '
                    'domestic fishing crisis"',
                ),
            ),
            (
                '"<the position of borvia in one line>"',
                '"Borvia does not oppose the dam as such."',
            ),
            (BY, '"Borvia\'s agriculture ministry"'),
            (VOICE, '"official"'),
            (P, "3"),
            (Q, '"does not oppose the dam as such"'),
            (
                "    readings: []",
                "    readings:\n"
                + _entry(
                    6,
                    [
                        ("id", '"trade-leverage"'),
                        ("of", '"arland"'),
                        (
                            "text",
                            '"Suspects Arland of using the dam as leverage in an unrelated '
                            'trade dispute."',
                        ),
                        ("by", '"Borvian officials"'),
                        ("voice", '"official"'),
                    ],
                    11,
                    '"Borvian officials suspect Arland of using the dam as leverage in an '
                    'unrelated trade dispute"',
                ),
            ),
            (
                "    asks: []\n  caspia:",
                "    asks:\n"
                + _entry(
                    6,
                    [
                        ("id", '"summer-release"'),
                        (
                            "text",
                            '"A guaranteed summer release of 40 cubic metres per second, and '
                            'daily reservoir data from Arland."',
                        ),
                        ("by", '"Borvia\'s agriculture ministry"'),
                        ("voice", '"official"'),
                    ],
                    3,
                    '"a guaranteed summer release of 40 cubic metres per second - the volume '
                    'its canals need"',
                )
                + "\n  caspia:",
            ),
            (
                '"<the position of caspia in one line>"',
                '"The dam is an existential threat to the delta."',
            ),
            (BY, '"Caspia\'s foreign ministry"'),
            (VOICE, '"official"'),
            (P, "4"),
            (Q, '"calls the dam “an existential threat to the delta.”"'),
            (
                "    claims: []\n    readings: []\n    asks: []\nanalysis: []",
                "    claims:\n"
                + _entry(
                    6,
                    [
                        ("id", '"fish-catch"'),
                        (
                            "text",
                            "\"The delta's fish catch could fall by half, on the estimate of "
                            'Caspian scientists."',
                        ),
                        ("by", '"Caspian scientists"'),
                        ("voice", '"expert"'),
                    ],
                    4,
                    '"Caspian scientists estimate that the delta\u2019s fish catch could fall '
                    'by half"',
                )
                + "\n    readings: []\n    asks: []\nanalysis:\n"
                + _entry(
                    2,
                    [
                        ("id", '"kessel-dam"'),
                        (
                            "text",
                            '"Arland, where the river rises, is finishing the Kessel Dam; '
                            "Borvia irrigates from the middle course; Caspia's fisheries depend "
                            'on the spring flood."',
                        ),
                        ("by", '"the brief"'),
                        ("voice", '"analysis"'),
                    ],
                    1,
                    '"Arland, where it rises, is finishing the Kessel Dam"',
                ),
            ),
            (
                '"<exactly what the sides disagree on>"',
                '"Arland speaks of annual volume, Borvia of summer flow, Caspia of the timing '
                'of the flood."',
            ),
            (
                '"<its consequence, as the source draws it>"',
                '"The brief finds that each side answers a question the others did not ask."',
            ),
            (P, "5"),
            (Q, '"each answers a question the others did not ask"'),
            (
                "common_ground: []\nbridges: []",
                "common_ground:\n"
                + _entry(
                    2,
                    [
                        ("id", '"varna-commission"'),
                        (
                            "text",
                            '"All three accept the 1998 Varna Commission as a forum, and agree '
                            "the river's data should be measured jointly.\"",
                        ),
                        ("by", '"all three governments"'),
                        ("voice", '"government"'),
                    ],
                    7,
                    '"All three governments accept the 1998 Varna Commission as a forum"',
                )
                + "\nbridges:\n"
                + _entry(
                    2,
                    [
                        ("id", '"monitoring-station"'),
                        (
                            "text",
                            '"A joint monitoring station at the border could give the sides '
                            'one set of numbers to argue from."',
                        ),
                        ("by", '"a Borvian hydrologist at the talks"'),
                        ("voice", '"expert"'),
                    ],
                    8,
                    '"A joint monitoring station at the border"',
                ),
            ),
        ),
    ),
    Say(
        "`validate` now finds the two slips; where the correction needs no judgement it says so "
        "(a quote found in another paragraph; a quote that differs only in dashes, quotes or "
        "spacing), and when it cannot find a quote it names the nearest passage:"
    ),
    Run("gapcli validate -p varna", code=1),
    Say(
        "`validate --fix` makes those corrections in place, changing only the values it lists "
        "(comments, order and formatting stay as they were), and checks the dataset again. It "
        "also gives Arland's quote the text's own curly quotation mark and spacing:"
    ),
    Run("gapcli validate -p varna --fix"),
    Say(
        "Warnings point at what a valid dataset probably still lacks (a side with no position "
        "in an issue, a summary past 120 characters, a gap with no quote, a paragraph nothing "
        "cites); there are none here, so even `--strict`, which makes them errors, passes:"
    ),
    Run("gapcli validate -p varna --strict"),
    Say("The result, side by side:"),
    Run("gapcli compare dam-flows -p varna"),
]


def play(folder: Path, run: Runner) -> Iterator[tuple[Step, str]]:
    """Play every step in ``folder`` (with the text beside it): each step and what it shows
    (a command's output, an edited file's new text)."""
    shutil.copyfile(TEXT, folder / "varna-brief.txt")
    for step in STEPS:
        if isinstance(step, Run):
            args = shlex.split(step.command)
            assert args[0] == "gapcli"
            output, code = run(args[1:], folder)
            assert code == step.code, f"{step.command}: exit {code}\n{output}"
            yield step, output
        elif isinstance(step, Edit):
            path = folder / step.file
            text = path.read_text(encoding="utf-8")
            for old, new in step.changes:
                assert old in text, f"{step.file}: {old!r} not found"
                text = text.replace(old, new, 1)
            path.write_text(text, encoding="utf-8")
            yield step, text
        else:
            yield step, ""


def process(args: list[str], folder: Path) -> tuple[str, int]:
    """Run gapcli as a user at a 100-column terminal without colour: stdout, then stderr."""
    env = {k: v for k, v in os.environ.items() if k not in {"GAPCLI_POSITIONS", "FORCE_COLOR"}}
    env.update(COLUMNS="100", NO_COLOR="1", SOURCE_DATE_EPOCH="1732838400")
    done = subprocess.run(
        [sys.executable, "-m", "gapcli", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout + done.stderr, done.returncode


def markdown(steps: Iterator[tuple[Step, str]]) -> list[str]:
    """The page's body: paragraphs, console blocks with real output, edited files."""
    out: list[str] = []
    for step, shown in steps:
        if isinstance(step, Say):
            out += [step.text, ""]
        elif isinstance(step, Run):
            lines = [line.rstrip() for line in shown.splitlines()]
            out += ["```console", f"$ {step.command}", *lines]
            out += [f"(exit {step.code})"] if step.code else []
            out += ["```", ""]
        else:
            out += [f"`{step.file}` after editing:", "", "```yaml", *shown.splitlines(), "```", ""]
    return out


def page() -> None:
    """Write the tutorial's body (for the cog block in docs/tutorial.md)."""
    import tempfile

    import cog  # type: ignore[import-not-found]

    with tempfile.TemporaryDirectory() as tmp:
        for line in markdown(play(Path(tmp), process)):
            cog.outl(line)
