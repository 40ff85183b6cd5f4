"""The private and internal parts of Rich, Typer and python-docx that gapcli relies on, each
named here with what gapcli expects of it, so that an upgrade within the bounds in
pyproject.toml that changes one fails here first, by name. Each entry also names the text of
its use in src/gapcli: a use that goes away fails too, so this list stays the true one."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable

import pytest

from helpers import REPO

SOURCE = "\n".join(
    p.read_text(encoding="utf-8") for p in sorted((REPO / "src" / "gapcli").rglob("*.py"))
)


def rich_divide_line() -> None:
    from rich._wrap import divide_line

    assert list(inspect.signature(divide_line).parameters) == ["text", "width", "fold"]
    assert divide_line("aaa bbb ccc", 4) == [4, 8]  # offsets where each further line starts
    assert divide_line("abcdefgh", 3, fold=True) == [3, 6]
    assert divide_line("abcdefgh", 3, fold=False) == []


def typer_main_builders() -> None:
    import typer
    from typer.main import get_command_from_info, get_group
    from typer.models import CommandInfo

    def hello() -> None:
        """Say hello."""

    command = get_command_from_info(
        CommandInfo(name="hello", callback=hello),
        pretty_exceptions_short=True,
        rich_markup_mode=None,
    )
    assert (command.name, command.help) == ("hello", "Say hello.")
    group = typer.Typer(name="g")
    group.command()(hello)
    assert get_group(group).name == "g"


def typer_click_internals() -> None:
    from typer._click.exceptions import UsageError
    from typer._click.utils import make_default_short_help
    from typer.core import TyperGroup

    assert issubclass(UsageError, Exception) and hasattr(UsageError("x"), "message")
    assert make_default_short_help("One. Two.", 45) == "One."
    assert list(inspect.signature(TyperGroup._click_resolve_command).parameters) == [
        "self",
        "ctx",
        "args",
    ]


def typer_models() -> None:
    from typer.models import CommandInfo, TyperInfo

    command = CommandInfo(name=None, callback=typer_models)
    assert (command.name, command.callback) == (None, typer_models)
    group = TyperInfo(None, name="g")
    assert (group.name, group.typer_instance) == ("g", None)


def typer_group() -> None:
    from typer.core import TyperGroup  # on Typer's own copy of Click (typer._click) since 0.29

    def parameters(method: str) -> list[str]:
        return list(inspect.signature(getattr(TyperGroup, method)).parameters)

    assert parameters("parse_args") == ["self", "ctx", "args"]
    assert parameters("make_context") == ["self", "info_name", "args", "parent", "extra"]
    assert parameters("invoke") == ["self", "ctx"]


def docx_oxml() -> None:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    assert qn("w:val").startswith("{http://schemas.openxmlformats.org/")
    doc = Document()
    table = doc.add_table(rows=1, cols=1)
    table.rows[0]._tr.get_or_add_trPr().append(element)
    assert table._tbl.tblPr is not None
    run = doc.add_paragraph().add_run()
    run._r.append(OxmlElement("w:fldChar"))


# (what, the text of its use in src/gapcli, the check)
RELIED_ON: list[tuple[str, str, Callable[[], None]]] = [
    ("rich._wrap.divide_line", "from rich._wrap import divide_line", rich_divide_line),
    (
        "typer.main.get_command_from_info, get_group",
        "from typer.main import get_command_from_info, get_group",
        typer_main_builders,
    ),
    (
        "typer._click.exceptions.UsageError",
        "from typer._click.exceptions import UsageError",
        typer_click_internals,
    ),
    (
        "typer._click.utils.make_default_short_help",
        "from typer._click.utils import make_default_short_help",
        typer_click_internals,
    ),
    ("TyperGroup._click_resolve_command", "self._click_resolve_command(", typer_click_internals),
    ("typer.models.CommandInfo, TyperInfo", "from typer.models import", typer_models),
    ("typer.core.TyperGroup's Click methods", "from typer.core import TyperGroup", typer_group),
    ("python-docx's oxml elements", "from docx.oxml import OxmlElement", docx_oxml),
    ("python-docx's qn", "from docx.oxml.ns import qn", docx_oxml),
    ("python-docx's row._tr", "._tr.", docx_oxml),
    ("python-docx's run._r", "._r.", docx_oxml),
    ("python-docx's table._tbl", "._tbl.", docx_oxml),
]


@pytest.mark.parametrize(("what", "use", "check"), RELIED_ON, ids=[r[0] for r in RELIED_ON])
def test_each_internal_gapcli_uses_is_there(what: str, use: str, check: Callable[[], None]) -> None:
    assert use in SOURCE, f"{what} is no longer used: take it off RELIED_ON"
    check()


PRIVATE_IMPORT = re.compile(
    r"^\s*(?:from|import) ((?:rich|typer|click|docx|pydantic|pydantic_core|yaml)\.[\w.]+)", re.M
)
INTERNAL = re.compile(r"(?:^|\.)_|^typer\.(?:main|models|core)\b|^docx\.oxml\b|^click\.\w")


def test_no_internal_is_used_that_is_not_named_here() -> None:
    modules = {m for m in PRIVATE_IMPORT.findall(SOURCE) if INTERNAL.search(m)}
    named = " ".join(use for _, use, _ in RELIED_ON)
    assert {m for m in modules if m not in named} == set()
