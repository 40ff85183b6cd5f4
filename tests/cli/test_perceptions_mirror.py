"""``gapcli perceptions`` (who reads whom, issue by issue) and ``gapcli mirror`` (each side's
reading of another beside that side's own account), with exact output on the fixtures.

Their ``--json`` documents are in test_json.py.
"""

from __future__ import annotations

import io

from rich.console import Console

from gapcli.domain.models import Dataset
from gapcli.loader import load_dataset
from gapcli.render import json as render_json
from gapcli.render.terminal.explore import perception_table
from gapcli.views.explore import perceptions

from helpers import EXPLORE, THREE, TWO, Run, lines

# --- perceptions --------------------------------------------------------------------------


def test_perceptions_two_party(run: Run) -> None:
    result = run("perceptions", "-p", TWO)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "Who reads whom, issue by issue (rows read columns)",
        "╭────────────────┬───────────┬──────────────────────────────────┬──────────────────────────────────╮",
        "│ Issue          │ Reader    │ of Northport                     │ of Southport                     │",
        "├────────────────┼───────────┼──────────────────────────────────┼──────────────────────────────────┤",
        "│ dredging       │ Northport │ ·                                │ • Southland is stalling.         │",
        "│ Who dredges    │           │                                  │   — the Northland government ·   │",
        "│ the channel    │           │                                  │   government ¶3                  │",
        "│                │           │                                  │   The source's assessment:       │",
        "│                │           │                                  │   exaggerated — Talks resumed in │",
        "│                │           │                                  │   June.                          │",
        "│                │           │                                  │   — the memo · analysis ¶3       │",
        "├────────────────┼───────────┼──────────────────────────────────┼──────────────────────────────────┤",
        "│                │ Southport │ Other voices (not official):     │ ·                                │",
        "│                │           │ • Northland blames farms to      │                                  │",
        "│                │           │   avoid paying.                  │                                  │",
        "│                │           │   — a Southland delegate ·       │                                  │",
        "│                │           │   participant ¶3                 │                                  │",
        "├────────────────┼───────────┼──────────────────────────────────┼──────────────────────────────────┤",
        "│ tolls          │ Northport │ ·                                │ —                                │",
        "│ Harbour tolls  │           │                                  │                                  │",
        "├────────────────┼───────────┼──────────────────────────────────┼──────────────────────────────────┤",
        "│                │ Southport │ —                                │ ·                                │",
        "╰────────────────┴───────────┴──────────────────────────────────┴──────────────────────────────────╯",
    ]


def test_perceptions_three_party(run: Run) -> None:
    result = run("perceptions", "-p", THREE)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "Who reads whom, issue by issue (rows read columns)",
        "╭────────────────┬────────────┬──────────────────────┬──────────────────────┬──────────────────────╮",
        "│ Issue          │ Reader     │ of Alphaville        │ of Betatown          │ of Gammaton          │",
        "├────────────────┼────────────┼──────────────────────┼──────────────────────┼──────────────────────┤",
        "│ water-share    │ Alphaville │ ·                    │ • Beta free-rides on │ Other voices (not    │",
        "│ Sharing the    │            │                      │   Alpha's dams.      │ official):           │",
        "│ river          │            │                      │   — the Alpha        │ • Sees Gamma as      │",
        "│                │            │                      │   Republic ·         │   hoarding demands.  │",
        "│                │            │                      │   government (report │   — one Alpha        │",
        "│                │            │                      │   ¶3)                │   delegate ·         │",
        "│                │            │                      │                      │   participant (notes │",
        "│                │            │                      │                      │   ¶2)                │",
        "├────────────────┼────────────┼──────────────────────┼──────────────────────┼──────────────────────┤",
        "│                │ Betatown   │ —                    │ ·                    │ —                    │",
        "├────────────────┼────────────┼──────────────────────┼──────────────────────┼──────────────────────┤",
        "│                │ Gammaton   │ • Alpha treats the   │ —                    │ ·                    │",
        "│                │            │   river as its own.  │                      │                      │",
        "│                │            │   — the Gamma        │                      │                      │",
        "│                │            │   Federation ·       │                      │                      │",
        "│                │            │   government (report │                      │                      │",
        "│                │            │   ¶3)                │                      │                      │",
        "│                │            │   The source's       │                      │                      │",
        "│                │            │   assessment:        │                      │                      │",
        "│                │            │   mirror-image —     │                      │                      │",
        "│                │            │   Each upstream and  │                      │                      │",
        "│                │            │   downstream state   │                      │                      │",
        "│                │            │   reads the other as │                      │                      │",
        "│                │            │   selfish.           │                      │                      │",
        "│                │            │   — the report ·     │                      │                      │",
        "│                │            │   analysis (report   │                      │                      │",
        "│                │            │   ¶3)                │                      │                      │",
        "╰────────────────┴────────────┴──────────────────────┴──────────────────────┴──────────────────────╯",
    ]


def test_perceptions_mirror_images_side_by_side(run: Run) -> None:
    result = run("perceptions", "-p", EXPLORE)
    assert result.exit_code == 0
    assert lines(result.stdout)[:7] == [
        "Who reads whom, issue by issue (rows read columns)",
        "╭────────────────┬──────────┬───────────────────────────────────┬──────────────────────────────────╮",
        "│ Issue          │ Reader   │ of Eastport                       │ of Westport                      │",
        "├────────────────┼──────────┼───────────────────────────────────┼──────────────────────────────────┤",
        "│ canal-fees     │ Eastport │ ·                                 │ • Westport acts in bad faith.    │",
        "│ Canal fees     │          │                                   │   — Eastport · government ¶3     │",
        "├────────────────┼──────────┼───────────────────────────────────┼──────────────────────────────────┤",
    ]


def _without_gamma() -> Dataset:
    """The three-party set with Gamma's position removed from its one issue."""
    full = load_dataset(THREE)
    issue = full.issues[0]
    positions = {k: v for k, v in issue.positions.items() if k != "gamma"}
    return Dataset(meta=full.meta, issues=[issue.model_copy(update={"positions": positions})])


def test_perceptions_party_without_a_position() -> None:
    dataset = _without_gamma()
    rows = perceptions(dataset)
    gamma = rows[2]
    assert (gamma.reader.id, gamma.has_position, gamma.views) == (
        "gamma",
        False,
        {"alpha": [], "beta": []},
    )
    assert rows[1].has_position and rows[1].views == {"alpha": [], "gamma": []}
    doc = render_json.perceptions(rows, dataset)
    assert doc["issues"][0]["readings"]["gamma"] is None
    console = Console(width=100, color_system=None, file=io.StringIO())
    console.print(perception_table(rows, dataset))
    assert "(nothing recorded)" in console.file.getvalue()  # type: ignore[attr-defined]


# --- mirror -------------------------------------------------------------------------------


def test_mirror_one_issue_shows_every_ordered_pair(run: Run) -> None:
    """Each reading beside the entries it answers; a non-official reading is marked so."""
    result = run("mirror", "dredging", "-p", TWO)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "Who dredges the channel  (dredging)",
        "Northport reads Southport",
        "╭─────────────────────────────────────────────────┬────────────────────────────────────────────────╮",
        "│ Northport's reading of Southport                │ Southport's own account                        │",
        "├─────────────────────────────────────────────────┼────────────────────────────────────────────────┤",
        "│ Southland is stalling.                          │ • Ship traffic doubled.                        │",
        "│ — the Northland government · government ¶3      │   — the Southland government · government ¶2   │",
        "│ The source's assessment: exaggerated — Talks    │                                                │",
        "│ resumed in June.                                │                                                │",
        "│ — the memo · analysis ¶3                        │                                                │",
        "╰─────────────────────────────────────────────────┴────────────────────────────────────────────────╯",
        "Southport reads Northport",
        "╭─────────────────────────────────────────────────┬────────────────────────────────────────────────╮",
        "│ Southport's reading of Northport                │ Northport's own account                        │",
        "├─────────────────────────────────────────────────┼────────────────────────────────────────────────┤",
        "│ Not an official view: Northland blames farms to │ • Silt comes from southern farms.              │",
        "│ avoid paying.                                   │   — the Northland port authority · official ¶2 │",
        "│ — a Southland delegate · participant ¶3         │                                                │",
        "╰─────────────────────────────────────────────────┴────────────────────────────────────────────────╯",
    ]


def test_mirror_three_parties_and_pairs_without_a_reading(run: Run) -> None:
    """Six ordered pairs for three sides; no `about` falls back to the read side's stance."""
    result = run("mirror", "water-share", "-p", THREE, columns=80)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "Sharing the river  (water-share)",
        "Alphaville reads Betatown",
        "╭───────────────────────────────────────┬──────────────────────────────────────╮",
        "│ Alphaville's reading of Betatown      │ Betatown's own account               │",
        "├───────────────────────────────────────┼──────────────────────────────────────┤",
        "│ Beta free-rides on Alpha's dams.      │ The source reports no official       │",
        "│ — the Alpha Republic · government     │ position of Betatown on this.        │",
        "│ (report ¶3)                           │                                      │",
        "╰───────────────────────────────────────┴──────────────────────────────────────╯",
        "Alphaville reads Gammaton",
        "╭───────────────────────────────────────┬──────────────────────────────────────╮",
        "│ Alphaville's reading of Gammaton      │ Gammaton's own account               │",
        "├───────────────────────────────────────┼──────────────────────────────────────┤",
        "│ Not an official view: Sees Gamma as   │ • A minimum flow at the border.      │",
        "│ hoarding demands.                     │   — the Gamma Federation ·           │",
        "│ — one Alpha delegate · participant    │   government (notes ¶2)              │",
        "│ (notes ¶2)                            │                                      │",
        "╰───────────────────────────────────────┴──────────────────────────────────────╯",
        "Betatown reads Alphaville",
        "╭───────────────────────────────────────┬──────────────────────────────────────╮",
        "│ Betatown's reading of Alphaville      │ Alphaville's own account             │",
        "├───────────────────────────────────────┼──────────────────────────────────────┤",
        "│ The source records no reading of      │ Stance: Use rights follow the        │",
        "│ Alphaville by Betatown.               │ source.                              │",
        "│                                       │ — the Alpha water ministry ·         │",
        "│                                       │ official (report ¶1)                 │",
        "╰───────────────────────────────────────┴──────────────────────────────────────╯",
        "Betatown reads Gammaton",
        "╭───────────────────────────────────────┬──────────────────────────────────────╮",
        "│ Betatown's reading of Gammaton        │ Gammaton's own account               │",
        "├───────────────────────────────────────┼──────────────────────────────────────┤",
        "│ The source records no reading of      │ Stance: Guarantee a minimum flow.    │",
        "│ Gammaton by Betatown.                 │ — the Gamma Federation · government  │",
        "│                                       │ (notes ¶2)                           │",
        "╰───────────────────────────────────────┴──────────────────────────────────────╯",
        "Gammaton reads Alphaville",
        "╭───────────────────────────────────────┬──────────────────────────────────────╮",
        "│ Gammaton's reading of Alphaville      │ Alphaville's own account             │",
        "├───────────────────────────────────────┼──────────────────────────────────────┤",
        "│ Alpha treats the river as its own.    │ • The river rises in Alpha.          │",
        "│ — the Gamma Federation · government   │   — the Alpha water ministry ·       │",
        "│ (report ¶3)                           │   official (report ¶1)               │",
        "│ The source's assessment: mirror-image │                                      │",
        "│ — Each upstream and downstream state  │                                      │",
        "│ reads the other as selfish.           │                                      │",
        "│ — the report · analysis (report ¶3)   │                                      │",
        "╰───────────────────────────────────────┴──────────────────────────────────────╯",
        "Gammaton reads Betatown",
        "╭───────────────────────────────────────┬──────────────────────────────────────╮",
        "│ Gammaton's reading of Betatown        │ Betatown's own account               │",
        "├───────────────────────────────────────┼──────────────────────────────────────┤",
        "│ The source records no reading of      │ The source reports no official       │",
        "│ Betatown by Gammaton.                 │ position of Betatown on this.        │",
        "╰───────────────────────────────────────┴──────────────────────────────────────╯",
    ]


def test_mirror_all_issues_lists_pairs_without_a_reading_in_one_line(run: Run) -> None:
    result = run("mirror", "-p", EXPLORE)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "Canal fees  (canal-fees)",
        "Eastport reads Westport",
        "╭─────────────────────────────────────────────────┬────────────────────────────────────────────────╮",
        "│ Eastport's reading of Westport                  │ Westport's own account                         │",
        "├─────────────────────────────────────────────────┼────────────────────────────────────────────────┤",
        "│ Westport acts in bad faith.                     │ Stance: The fees are a weapon.                 │",
        "│ — Eastport · government ¶3                      │ — Westport · government ¶3                     │",
        "╰─────────────────────────────────────────────────┴────────────────────────────────────────────────╯",
        "Westport reads Eastport",
        "╭─────────────────────────────────────────────────┬────────────────────────────────────────────────╮",
        "│ Westport's reading of Eastport                  │ Eastport's own account                         │",
        "├─────────────────────────────────────────────────┼────────────────────────────────────────────────┤",
        "│ Eastport is weaponizing the canal fees.         │ Stance: The fees are fair.                     │",
        "│ — Westport · government ¶3                      │ — Eastport · government ¶3                     │",
        "╰─────────────────────────────────────────────────┴────────────────────────────────────────────────╯",
        "",
        "China Wharf's role  (china-role)",
        "No reading recorded: Eastport → Westport; Westport → Eastport",
        "",
        "Chip exports  (chip-exports)",
        "No reading recorded: Eastport → Westport; Westport → Eastport",
    ]


def test_mirror_in_colour_only_the_stance_label_is_bold(run: Run) -> None:
    """The own account's "Stance:" label is bold; the stance after it is plain text, with
    its attribution in italics and its citation dim, as every claim is shown."""
    result = run("mirror", "canal-fees", "-p", EXPLORE, env={"NO_COLOR": None, "FORCE_COLOR": "1"})
    assert result.exit_code == 0
    rows = result.stdout.splitlines()
    assert rows[5] == (
        "│ Westport acts in bad faith.                     │ \x1b[1mStance: \x1b[0mThe fees are a"
        " weapon.                 │"
    )
    assert rows[6] == (
        "│ — \x1b[3mEastport · government\x1b[0m \x1b[2m¶3\x1b[0m                      │ — "
        "\x1b[3mWestport · government\x1b[0m \x1b[2m¶3\x1b[0m                     │"
    )


def test_mirror_unknown_issue_is_a_usage_error(run: Run) -> None:
    result = run("mirror", "dredgin", "-p", TWO)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("gapcli: error: unknown issue 'dredgin'; did you mean")
