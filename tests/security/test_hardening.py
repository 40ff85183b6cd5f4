"""Hardening, round two: each class of hostile input from the red-team pass, one test each.

Special files and unbounded reads, live markup through pandoc, quadratic work inside the
limits, completion of hostile file names, signals during a write, odd environments and
failing streams, silent skips, invisible characters, and messages that name the real problem.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gapcli.domain.text import outermost, visible
from gapcli.errors import DataError, Interrupted, OutputError
from gapcli.io.output import write_atomic
from gapcli.loader import issue_ids, load_dataset
from gapcli.loader.messages import _merge_typos
from gapcli.render.markdown import md
from gapcli.sources.verify import Index

from helpers import DATA, Run

TWO = DATA / "two-party"


def gapcli(
    *args: str, env: dict[str, str] | None = None, stdout: Any = subprocess.PIPE, timeout: int = 60
) -> subprocess.CompletedProcess[str]:
    """The installed entry point as a user runs it (``python -m gapcli``)."""
    full = {k: v for k, v in os.environ.items() if k not in ("GAPCLI_POSITIONS", "COLUMNS")}
    full.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "gapcli", *args],
        env=full,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=timeout,
        check=False,
    )


def copy_of(folder: Path, tmp_path: Path) -> Path:
    target = tmp_path / "ds"
    shutil.copytree(folder, target)
    return target


# --- 1. Live markup through pandoc ----------------------------------------------------------


def pandoc() -> str:
    found = shutil.which("pandoc")
    if found is None:
        pytest.skip("pandoc is not installed (Debian: apt-get install -y pandoc)")
    return found


def pandoc_texts(markdown: str, reader: str = "markdown-smart") -> list[str]:
    """Every piece of text pandoc reads from ``markdown``, and the kinds of element it made."""
    done = subprocess.run(
        [pandoc(), "-f", reader, "-t", "json"],
        input=markdown,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    kinds: list[str] = []
    words: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            kind = node.get("t")
            if kind:
                kinds.append(kind)
            if kind == "Str":
                words.append(node["c"])
            else:
                walk(node.get("c"))
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(json.loads(done.stdout)["blocks"])
    return ["".join(words), *kinds]


@pytest.mark.parametrize(
    ("text", "live"),
    [
        ('Harbour {onmouseover="alert(1)" style="color:red"}', None),
        ("$x^2$ and 2^10^ and H~2~O", "Math"),
        ("@smith says", "Cite"),
        ("[span]{.underline} and ^[a note]", "Span"),
        ("::: warning", "Div"),
        ("a) first item", "OrderedList"),
        (": a definition", "DefinitionList"),
    ],
)
def test_pandoc_reads_every_example_literally(text: str, live: str | None) -> None:
    got, *kinds = pandoc_texts(f"# {md(text)}\n\n- {md(text)}\n\n{md(text)}\n")
    assert got == "".join(text.split()) * 3
    assert not {"Math", "Cite", "Span", "Div", "OrderedList", "DefinitionList", "Note"} & set(
        kinds
    ), kinds


def test_a_hostile_title_does_not_become_an_attribute_in_pandoc_html(tmp_path: Path) -> None:
    folder = copy_of(TWO, tmp_path)
    meta = folder / "dataset.yaml"
    hostile = 'Harbour {onmouseover="alert(1)" style="color:red"}'
    meta.write_text(
        meta.read_text(encoding="utf-8").replace(
            'title: "Harbour dispute test set"', f"title: '{hostile}'"
        ),
        encoding="utf-8",
    )
    brief = gapcli("export", "--md", "-p", str(folder))
    assert brief.returncode == 0, brief.stderr
    page = subprocess.run(
        [pandoc(), "-f", "markdown-smart", "-s", "-t", "html", "--wrap=none"],
        input=brief.stdout,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    attributes = _attributes(page)
    assert not [a for a in attributes if a[0] == "onmouseover" or "color:red" in a[1]]
    assert 'Harbour {onmouseover="alert(1)" style="color:red"}</h1>' in page


def _attributes(page: str) -> list[tuple[str, str]]:
    """Every attribute of every element in an HTML page, as (name, value)."""
    import html.parser

    found: list[tuple[str, str]] = []

    class Collect(html.parser.HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.extend((name, value or "") for name, value in attrs)

    Collect().feed(page)
    return found


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40))
def test_any_text_reads_back_from_pandoc_as_written(text: str) -> None:
    """Property: what pandoc reads from ``md(text)`` is ``text`` (visible escapes aside),
    as words: no element but plain text, spaces and line breaks."""
    got, *kinds = pandoc_texts(md(text) + "\n")
    assert re.sub(r"\s", "", got) == re.sub(r"\s", "", visible(text))
    assert set(kinds) <= {"Para", "Plain", "Str", "Space", "SoftBreak", "LineBreak", "RawInline"}
    assert "RawInline" not in kinds or "<br>" in md(text)


# --- 2. Special files and unbounded reads -------------------------------------------------------


def test_a_dataset_file_linked_to_dev_zero_is_refused_at_once(tmp_path: Path) -> None:
    folder = copy_of(TWO, tmp_path)
    (folder / "dataset.yaml").unlink()
    (folder / "dataset.yaml").symlink_to("/dev/zero")
    done = gapcli("list", "-p", str(folder), timeout=30)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == (
        f"gapcli: error: {folder}/dataset.yaml: is a character device, not a regular file; "
        "gapcli reads only files"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_as_an_issue_file_is_refused_without_hanging(tmp_path: Path) -> None:
    folder = copy_of(TWO, tmp_path)
    os.mkfifo(folder / "pipe.yaml")
    done = gapcli("validate", "-p", str(folder), timeout=30)
    assert done.returncode == 1
    assert f"{folder}/pipe.yaml: is a pipe (FIFO), not a regular file" in done.stderr
    # Completion reads file names only: a TAB in this folder returns at once.
    script = str(Path(sys.executable).parent / "gapcli")  # completion runs the console script
    complete = subprocess.run(
        [script],
        capture_output=True,
        text=True,
        check=False,
        env={
            **os.environ,
            "_GAPCLI_COMPLETE": "complete_bash",
            "COMP_WORDS": f"gapcli compare -p {folder} ",
            "COMP_CWORD": "4",
        },
        timeout=30,
    )
    assert (complete.returncode, complete.stderr) == (0, "")
    assert complete.stdout.split() == ["dredging", "tolls"]  # a FIFO is no issue id


def test_a_source_text_that_is_a_device_is_a_usage_error(run: Run) -> None:
    result = run("validate", "-p", str(TWO), "--source-text", "memo=/dev/zero")
    assert result.exit_code == 2
    assert result.stderr == (
        "gapcli: error: --source-text 'memo=/dev/zero': /dev/zero: is a character device, "
        "not a regular file; gapcli reads only files\n"
    )


def test_a_folder_named_like_an_issue_is_reported_not_skipped(tmp_path: Path) -> None:
    folder = copy_of(TWO, tmp_path)
    (folder / "extra.yaml").mkdir()
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    assert caught.value.problems == [
        f"{folder}/extra.yaml: is a folder, not a regular file; gapcli reads only files"
    ]


# --- 3. No quadratic work inside the limits ----------------------------------------------------


def lines_run(work: Callable[[], Any], where: str) -> int:
    """How many lines of ``where`` (a source file) run while ``work`` runs."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename == where else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        work()
    finally:
        sys.settrace(previous)
    return count


def linear(
    work: Callable[[int], Any], where: str, sizes: tuple[int, ...] = (500, 1000, 2000)
) -> bool:
    counts = [lines_run(partial(work, n), where) for n in sizes]
    return counts[2] - counts[1] == 2 * (counts[1] - counts[0])


def test_unknown_key_suggestions_are_linear() -> None:
    import gapcli.loader.messages as messages

    def errors(n: int) -> None:
        found = [{"type": "missing", "loc": ("items", i, "text")} for i in range(n)]
        found += [{"type": "extra_forbidden", "loc": ("items", i, "txet")} for i in range(n)]
        assert len(_merge_typos(found)) == n

    assert linear(errors, messages.__file__)


def test_merging_the_quotes_of_one_paragraph_is_linear() -> None:
    import gapcli.domain.text as text

    assert linear(lambda n: outermost([f"quote {i}" for i in range(n)]), text.__file__)
    assert outermost(["a b", "a b c", "x"]) == ["a b c", "x"]  # contained quotes still merge


def test_finding_misplaced_quotes_is_linear() -> None:
    import gapcli.sources.paragraphs as source_text

    def check(n: int) -> None:
        index = Index([f"paragraph {i} says word{i} here" for i in range(n)])
        for i in range(n):
            assert index.paragraph_of(f"says word{i} here", 1) == i + 1

    assert linear(check, source_text.__file__)


# --- 4. Completion offers only valid ids ----------------------------------------------------


def test_completion_never_offers_a_hostile_file_name(tmp_path: Path) -> None:
    folder = copy_of(TWO, tmp_path)
    for name in ("$(touch PWNED).yaml", "\x1b[31mred.yaml", "UPPER.yaml", "ok-id.yaml"):
        (folder / name).write_text("id: x\n", encoding="utf-8")
    assert issue_ids(folder) == ["dredging", "ok-id", "tolls"]


# --- 5. Signals leave the target as it was -----------------------------------------------------


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_during_a_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    target = tmp_path / "brief.md"
    target.write_text("the old brief\n", encoding="utf-8")
    real_fsync = os.fsync

    def fsync_then_signal(fd: int) -> None:
        real_fsync(fd)
        os.kill(os.getpid(), getattr(signal, name))

    monkeypatch.setattr(os, "fsync", fsync_then_signal)
    with pytest.raises(Interrupted) as caught:
        write_atomic(target, "the new brief\n", force=True)
    assert caught.value.exit_code == 128 + getattr(signal, name)
    assert caught.value.message == f"interrupted by {name}; {target} was left as it was"
    assert target.read_text(encoding="utf-8") == "the old brief\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md"]
    assert signal.getsignal(signal.SIGTERM) is not None  # handlers restored


# --- 6. The environment and standard streams ----------------------------------------------


@pytest.mark.parametrize("columns", ["99999999999999999999", "abc", "-5", "0", " 80 "])
def test_odd_columns_never_give_a_traceback(columns: str) -> None:
    done = gapcli("compare", "tolls", "-p", str(TWO), env={"COLUMNS": columns}, timeout=60)
    assert (done.returncode, done.stderr) == (0, "")
    assert max(len(line) for line in done.stdout.splitlines()) <= 1000


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize(
    "args", [["--help"], ["list", "--help"], ["--version"], ["--show-completion", "bash"]]
)
def test_eager_options_on_a_full_disk_are_one_message(args: list[str]) -> None:
    # Typer finds the shell for --show-completion among the parent processes, unless told to
    # take it from the command line (a test run with no shell above it found none).
    shell_given = {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    with open("/dev/full", "w") as full:
        done = gapcli(*args, stdout=full, env=shell_given)
    assert done.returncode == 1
    assert done.stderr == "gapcli: error: cannot write the output: No space left on device\n"


# --- 8. Invisible characters ------------------------------------------------------------------


INVISIBLES = ["\u200b", "\u200e", "\u2028", "\u2066", "\ufeff", "\U000e0041", "\u00ad"]
# Round 3 of the red team: format controls outside the first list, and the braille blank.
INVISIBLES += ["\U0001d173", "\U0001bca0", "\U00013430", "\u0600", "\u06dd", "\u2800"]
# Characters that are kept (scripts and emoji need them) but draw nothing on their own.
NOTHING_ALONE = ["\u200c", "\u200d", "\ufe0f", "\u0301", "\u20e3"]


@pytest.mark.parametrize("char", INVISIBLES, ids=[f"U+{ord(c):04X}" for c in INVISIBLES])
def test_a_text_of_only_invisible_characters_is_blank(tmp_path: Path, char: str) -> None:
    folder = copy_of(TWO, tmp_path)
    tolls = folder / "tolls.yaml"
    tolls.write_text(
        tolls.read_text(encoding="utf-8").replace(
            'text: "Tolls are fair."', f'text: "{char}{char} "'
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    problem = (
        "is blank; write the text"  # U+2028 is white space to Python too
        if char.isspace()
        else "has no visible character (only spaces or invisible characters); write the text"
    )
    assert caught.value.problems == [
        f"{tolls}:10:7: positions.north.stance.text: {problem}, or leave an optional field out"
    ]


def escaped(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


@pytest.mark.parametrize("char", INVISIBLES, ids=[f"U+{ord(c):04X}" for c in INVISIBLES])
def test_invisible_characters_show_as_escapes_everywhere(char: str) -> None:
    from gapcli.render.json import dumps

    assert visible(f"a{char}b") == f"a{escaped(char)}b"  # the terminal
    assert md(f"a{char}b") == f"a{escaped(char).replace(chr(92), chr(92) * 2)}b"  # Markdown
    written = dumps({"text": f"a{char}b"})
    assert char not in written and json.loads(written) == {"text": f"a{char}b"}  # JSON


@pytest.mark.parametrize("char", NOTHING_ALONE, ids=[f"U+{ord(c):04X}" for c in NOTHING_ALONE])
def test_a_text_of_joiners_or_marks_alone_is_blank(tmp_path: Path, char: str) -> None:
    folder = copy_of(TWO, tmp_path)
    tolls = folder / "tolls.yaml"
    tolls.write_text(
        tolls.read_text(encoding="utf-8").replace(
            'text: "Tolls are fair."', f'text: "{char}{char}"'
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    assert caught.value.problems == [
        f"{tolls}:10:7: positions.north.stance.text: has no visible character (only spaces or "
        "invisible characters); write the text, or leave an optional field out"
    ]


def test_every_control_and_format_character_is_escaped() -> None:
    """Every character Unicode (as this Python knows it) calls a control, a format
    character or a line or paragraph separator is shown as an escape, but ZWNJ and ZWJ."""
    import unicodedata

    kept = {"\t", "\n", "\u200c", "\u200d"}
    missed = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ("Cc", "Cf", "Zl", "Zp")
        and chr(code) not in kept
        and visible(chr(code)) == chr(code)
    ]
    assert missed == []


def test_zero_width_joiners_that_scripts_need_are_kept() -> None:
    persian = "می\u200cخواهم"
    assert visible(persian) == persian


# --- 9. Messages name what is actually wrong -------------------------------------------------


def test_a_positions_folder_that_is_a_loop_of_links_says_so(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    done = gapcli("list", "-p", str(loop))
    assert done.returncode == 1
    assert done.stderr == (
        f"gapcli: error: {loop}: cannot open the positions folder: "
        "Too many levels of symbolic links\n"
        "gapcli: error: 1 problem found; fix it and run again.\n"
    )


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("/dev/stdout", "/dev/stdout: is a standard stream; to write to standard output use -o -"),
        ("afile/brief.md", "afile: is a file, not a folder; give a path inside a folder"),
        ("a" * 300, f"{'a' * 300}: cannot write there: File name too long"),
    ],
    ids=["dev-stdout", "file-as-folder", "name-too-long"],
)
def test_export_targets_name_the_real_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        write_atomic(target, "x")
    assert caught.value.message == message


def test_an_encoding_message_suggests_nothing_the_command_lacks() -> None:
    done = gapcli("search", "china", "-p", str(DATA / "explore"), env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 1
    assert "-o" not in done.stderr
    assert done.stderr.endswith("use a UTF-8 locale or set PYTHONIOENCODING=utf-8\n")


def test_quotes_of_a_dataset_built_in_code_are_checked_without_origins() -> None:
    """A Dataset made by a program (no file origins) is checked, and named by its key."""
    from gapcli.domain.models import Dataset
    from gapcli.sources.paragraphs import SourceText
    from gapcli.sources.texts import Text
    from gapcli.sources.verify import check_quotes

    loaded = load_dataset(TWO)
    built = Dataset(meta=loaded.meta, issues=loaded.issues)
    text = Text("memo", "memo.txt", SourceText.parse("x\ny\nz\nw\n"), "")
    found = check_quotes(built, {"memo": text})
    assert found.checked == 4
    assert found.problems[0].startswith(
        "dataset.yaml: dialogue.cite[0].quote: quote is not verbatim"
    )


def _renamed_entries(folder: Path, n: int, prefix: str, distinct: bool) -> Path:
    """The two-party set with ``n`` claims under one side, ids starting with ``prefix``."""
    target = folder / f"{prefix}{n}{'d' if distinct else 's'}"
    shutil.copytree(TWO, target)
    tolls = target / "tolls.yaml"
    claims = "".join(
        f'      - id: {prefix}{i}\n        text: "Tolls rise {"by step " + str(i) if distinct else "again"}'
        f' for ships and ferries alike"\n        by: "Southland shippers"\n        voice: public\n'
        "        cite: [{source: memo, para: 4}]\n"
        for i in range(n)
    )
    text = tolls.read_text(encoding="utf-8")
    start = text.index("    claims:\n") + len("    claims:\n")
    end = text.index("gap:")
    tolls.write_text(text[:start] + claims + text[end:], encoding="utf-8")
    return target


@pytest.mark.parametrize("distinct", [False, True], ids=["same-texts", "distinct-texts"])
def test_diff_of_renamed_entries_is_linear(tmp_path: Path, distinct: bool) -> None:
    """Red team, round 3: 100 renamed entries took 65 s, 200 over five minutes (every pair
    was compared by wording). Now the work per entry is bounded."""
    import gapcli.views.diff as diffing
    from gapcli.views.diff import diff
    from gapcli.views.revision import load_side

    def run(n: int) -> None:
        old = load_side(str(_renamed_entries(tmp_path, n, "old", distinct)), tmp_path)
        new = load_side(str(_renamed_entries(tmp_path, n, "new", distinct)), tmp_path)
        diff(old, new)

    assert linear(run, diffing.__file__, sizes=(200, 400, 800))


# --- GitHub's own renderer (cmark-gfm) -------------------------------------------------------


def github(markdown: str) -> str:
    import cmarkgfm  # type: ignore[import-untyped]

    return str(cmarkgfm.github_flavored_markdown_to_html(markdown))


@pytest.mark.parametrize(
    "text",
    [
        "see https://en.wikipedia.org/wiki/Foo_(bar)_baz and www.example.com/~user/x_y",
        "[link=http://evil.example/]click[/link] and <http://x>",
        ":smile: :+1: and 10:30",
    ],
)
def test_github_shows_urls_and_codes_as_written(text: str) -> None:
    """Red team, round 3: GFM's autolinks took the escapes into the link (a URL with `_`
    showed backslashes and pointed nowhere)."""
    import html

    page = github(md(text))
    assert "<a " not in page
    assert html.unescape(re.sub(r"<[^>]+>", "", page)).strip() == text


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60))
@example("\r\n")  # md reads CRLF as one line break, as the other writers do (docs/testing.md)
def test_any_text_reads_back_from_github_as_written(text: str) -> None:
    import html

    page = github(md(text) + "\n")
    shown = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert re.sub(r"\s", "", shown) == re.sub(r"\s", "", visible(text.replace("\r\n", "\n")))
    links = re.findall(r'<a href="([^"]*)"', page)
    assert all(link.startswith("mailto:") for link in links), links  # e-mail: same text


# --- quote verification compares the whole quote (issue #20) --------------------------------


@pytest.mark.parametrize(
    "quote",
    [
        "Ship traffic doubled in two years, and there is silt from the southern farmz",
        "Ship traffic doubled in ten years, and there is silt from the southern farms",
        "Ship traffic doubled in two years, and there is silt from the southern farms. And more.",
    ],
    ids=["last-letter", "middle-word", "longer-than-its-paragraph"],
)
def test_quote_verification_compares_the_whole_quote(quote: str) -> None:
    """A check of only a quote's first characters (20 of them passed every test once) would
    call each of these verbatim; each differs from ¶2 after its first 20 characters."""
    from gapcli.domain.models import Citation, Dataset
    from gapcli.sources.paragraphs import SourceText
    from gapcli.sources.texts import Text
    from gapcli.sources.verify import check_quotes

    loaded = load_dataset(TWO)
    tolls = loaded.issue("tolls")
    assert tolls is not None
    cite = Citation(source="memo", para=2, quote=quote)
    gap = tolls.gap.model_copy(update={"cite": [cite]})
    issue = tolls.model_copy(update={"gap": gap})
    built = Dataset(meta=loaded.meta.model_copy(update={"dialogue": None}), issues=[issue])
    paragraph = "Ship traffic doubled in two years, and there is silt from the southern farms."
    text = Text("memo", "memo.txt", SourceText.parse(f"one\n{paragraph}\nthree\nfour\n"), "")
    found = check_quotes(built, {"memo": text})
    assert quote[:20] == paragraph[:20]
    assert len(found.problems) == 1 and "quote is not verbatim in memo ¶2" in found.problems[0]
    exact = check_quotes(
        Dataset(
            meta=built.meta,
            issues=[
                issue.model_copy(
                    update={
                        "gap": gap.model_copy(
                            update={"cite": [cite.model_copy(update={"quote": paragraph})]}
                        )
                    }
                )
            ],
        ),
        {"memo": text},
    )
    assert exact.problems == []
