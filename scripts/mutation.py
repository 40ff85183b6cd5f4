#!/usr/bin/env python3
"""Mutation testing of the trust core: ``scripts/mutation.py [MODULE...]`` (docs/testing.md).

Runs mutmut 3 (configured under ``[tool.mutmut]`` in pyproject.toml) from a clean
``mutants/`` folder over the modules that decide what is trusted and shown, then prints
one row per module: mutants, killed, survived, of those the equivalent ones (listed in
``EQUIVALENT`` below with the reason no test can tell them from the code), timeouts, other
(no tests, suspicious...), and the score: killed and timed-out mutants over all mutants but
the equivalent ones (``raw``: over all mutants). With no MODULE, every module below is run
but the optional one (``messages``: error wording); ``--list`` names them; ``--survivors``
prints each surviving mutant that is not listed as equivalent (``.venv/bin/mutmut show
NAME`` shows its diff); ``--equivalents`` prints the list as Markdown for docs/testing.md.
The exit status is 1 when a module scores below ``--fail-under`` (90 by default).
``--recheck`` reruns only the last run's mutants that were not detected (survivors not
listed as equivalent, mutants not yet checked), keeping ``mutants/`` (mutmut collects stats
for new tests only): the quick loop after adding tests. ``--retry-timeouts SECONDS`` reruns
each timed-out mutant with the exact tests first (``retry_timeouts``): mutmut times mutants
by the wall clock, so on a busy machine slow tests look like a hang.

Some modules are mutated only in the functions that are in scope (``MODULES``): in the
renderers the escaping functions, not the layout; in the models the field validators; in
source_text the matching, not ``nearest`` (a hint) or ``find`` (``source find``); in sources
the reading and checking of texts, not ``source show``'s lookup; in query the selection and
filters, not the wording of an unknown id.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Module:
    """A module under mutation testing, and the functions in scope (None: all of them)."""

    path: str
    functions: tuple[str, ...] | None = None
    optional: bool = False  # run only when named

    @property
    def dotted(self) -> str:
        return self.path.removeprefix("src/").removesuffix(".py").replace("/", ".")

    def patterns(self) -> list[str]:
        """mutmut's mutant-name globs for this module's mutants in scope."""
        if self.functions is None:
            return [f"{self.dotted}.*"]
        return [f"{self.dotted}.{mangled(f)}__mutmut_*" for f in self.functions]

    def in_scope(self, key: str) -> bool:
        module, _, function = key.rpartition("__mutmut_")[0].rpartition(".")
        if module != self.dotted:
            return False
        return self.functions is None or function in {mangled(f) for f in self.functions}


def mangled(function: str) -> str:
    """mutmut's name for a function (``x_md``) or a method (``xǁIndexǁparagraph_of``)."""
    cls, _, name = function.rpartition(".")
    return f"xǁ{cls}ǁ{name}" if cls else f"x_{name}"


MODULES = {
    "verify": Module("src/gapcli/sources/verify.py"),
    "source_text": Module(
        "src/gapcli/sources/paragraphs.py",
        (
            "normalise",
            "split_paragraphs",
            "_folded",
            "spans",
            "SourceText.parse",
            "SourceText.verbatim",
            "SourceText.exact",
            "SourceText.relocated",
            "Index.__init__",
            "Index.candidates",
            "Index.paragraph_of",
        ),
    ),
    "sources": Module(
        "src/gapcli/sources/texts.py", ("read_text", "text_file", "dataset_texts", "option_texts")
    ),
    "files": Module("src/gapcli/io/files.py"),
    "yaml_safe": Module("src/gapcli/loader/yaml_safe.py"),
    "checks": Module("src/gapcli/loader/checks.py"),
    "messages": Module("src/gapcli/loader/messages.py", optional=True),
    "models": Module(
        "src/gapcli/domain/values.py",
        ("_visible", "_draws", "placeholder", "_real_date", "_unique", "inside_dataset"),
    ),
    "query": Module(
        "src/gapcli/views/filters.py",
        (
            "voices_of",
            "Filters.check",
            "Filters.select",
            "Filters._tagged",
            "Filters.keeper",
            "Filters.parties",
            "Filters.narrow",
            "Filters.narrow_pairs",
            "Filters.narrow_dataset",
            "to_compare",
            "_whom",
            "find_issue",
            "select_issues",
        ),
    ),
    "text": Module("src/gapcli/domain/text.py"),
    "markdown": Module("src/gapcli/render/markdown.py", ("md", "quoted", "spans", "front_matter")),
    "brief_markdown": Module("src/gapcli/render/brief_markdown.py", ("source_entry",)),
    "json": Module("src/gapcli/render/json.py", ("dumps", "_escape")),
    "html": Module("src/gapcli/render/html.py", ("esc", "spans", "_source")),
    "docx": Module("src/gapcli/render/docx.py", ("plain", "_source")),
}

# Surviving mutants that no test can tell from the original, and why (docs/testing.md). A
# name is stable while its function's code is unchanged; a listed name that no longer
# survives is reported, so the list cannot go stale unnoticed.
_UNREACHED = "no character in models.INVISIBLE is at this boundary, so _escape never sees one"
EQUIVALENT: dict[str, str] = {
    "gapcli.sources.paragraphs.x__folded__mutmut_3": (
        "`space = None` before the loop: it is read only once `out` holds a character, by "
        "which time the loop has set it"
    ),
    "gapcli.sources.paragraphs.x__folded__mutmut_4": "`space = True` before the loop: as above",
    "gapcli.sources.paragraphs.x__folded__mutmut_10": (
        "records None as the position of a space: a match never starts or ends at a space "
        "(the words are folded the same way, so they never start or end with one)"
    ),
    "gapcli.sources.paragraphs.x__folded__mutmut_14": (
        "`space = None` instead of False after a visible character: only its truth is read"
    ),
    "gapcli.sources.texts.x_read_text__mutmut_11": (
        'decodes with "UTF-8" instead of "utf-8": the same codec'
    ),
    "gapcli.loader.yaml_safe.xǁ_Problemǁ__init____mutmut_1": (
        "the exception's own message (args) becomes None: it is never shown, plain() reports "
        "its .message"
    ),
    "gapcli.loader.yaml_safe.xǁ_Problemǁ__init____mutmut_4": (
        "`if node` becomes `if node or True`: every _Problem is raised with a node, so the "
        "None branch is never taken"
    ),
    "gapcli.loader.yaml_safe.xǁ_Loaderǁresolve__mutmut_21": (
        "an untagged sequence resolves to the map tag: _build tells sequences from mappings "
        "by the node's class, and both tags are allowed, so the tag is never looked at"
    ),
    "gapcli.loader.yaml_safe.x_compose_bytes__mutmut_6": (
        'decodes with "UTF-8" instead of "utf-8": the same codec'
    ),
    "gapcli.loader.yaml_safe.x_compose_bytes__mutmut_26": (
        "`if mark` becomes `if mark or True`: every syntax error PyYAML's parser and scanner "
        "raise carries a problem or context mark, so the branch without one is never taken"
    ),
    "gapcli.loader.yaml_safe.x_compose_bytes__mutmut_62": (
        '`exc.problem or "XXXX"`: when there is no problem text, neither "" nor "XXXX" starts '
        'with "mapping values are not allowed"'
    ),
    "gapcli.loader.yaml_safe.x_plain__mutmut_11": (
        "`if problem.mark` becomes `... or True`: every _Problem has a mark (see _Problem mutant 4)"
    ),
    "gapcli.loader.yaml_safe.x_read_yaml__mutmut_10": (
        "drops the limit argument of read_regular, whose default is the same MAX_FILE_BYTES"
    ),
    "gapcli.loader.yaml_safe.x_compose__mutmut_10": "the same in compose()",
    "gapcli.loader.yaml_safe.x__mark__mutmut_16": (
        "depth - 1 for a list item: _mark runs only on data that _build accepted (at most "
        "MAX_DEPTH levels), so its own depth guard is never reached"
    ),
    "gapcli.loader.yaml_safe.x__mark__mutmut_27": (
        "depth - 1 for a mapping value: as above, the guard is never reached"
    ),
    "gapcli.loader.checks.x__check_entries__mutmut_64": (
        '`in \'XXaeiouXX\'` choosing "a" or "an": no voice starts with X'
    ),
    "gapcli.loader.checks.x_undeclared__mutmut_11": (
        "drops n=1 from difflib.get_close_matches: only the first, best match is used"
    ),
    "gapcli.loader.checks.x_undeclared__mutmut_12": (
        "drops cutoff=0.6 from difflib.get_close_matches, whose default cutoff is 0.6"
    ),
    "gapcli.loader.checks.x_undeclared__mutmut_13": "n=2 instead of 1: as above",
    "gapcli.domain.values.x__draws__mutmut_6": (
        '`not in "XXMCZXX"`: no Unicode general category starts with X, so the same letters count'
    ),
    "gapcli.views.filters.xǁFiltersǁcheck__mutmut_7": (
        "zip(..., strict=None) over the tags: the lower-cased tags are made from the tags "
        "asked, so the two are always the same length"
    ),
    "gapcli.views.filters.xǁFiltersǁcheck__mutmut_10": "drops strict=True there: as above",
    "gapcli.views.filters.xǁFiltersǁcheck__mutmut_11": "strict=False there: as above",
    "gapcli.views.filters.xǁFiltersǁcheck__mutmut_32": "strict=None over the sides: as above",
    "gapcli.views.filters.xǁFiltersǁcheck__mutmut_35": "drops strict=True there: as above",
    "gapcli.views.filters.xǁFiltersǁcheck__mutmut_36": "strict=False there: as above",
    "gapcli.views.filters.xǁFiltersǁkeeper__mutmut_6": (
        "the stand-in for --by when none is given becomes None: keep() returns before calling "
        "it whenever `by` is None, so it is never called"
    ),
    "gapcli.views.filters.xǁFiltersǁkeeper__mutmut_7": "the stand-in returns None: as above",
    "gapcli.views.filters.xǁFiltersǁkeeper__mutmut_8": "the stand-in returns False: as above",
    "gapcli.domain.text.x__escape__mutmut_3": f"`code < 0x100` becomes `<=`: {_UNREACHED}",
    "gapcli.domain.text.x__escape__mutmut_4": f"`code < 0x100` becomes `< 257`: {_UNREACHED}",
    "gapcli.domain.text.x__escape__mutmut_7": f"`code < 0x10000` becomes `<=`: {_UNREACHED}",
    "gapcli.domain.text.x__escape__mutmut_8": (f"`code < 0x10000` becomes `< 65537`: {_UNREACHED}"),
    "gapcli.render.markdown.x_quoted__mutmut_3": (
        "ensure_ascii=None instead of False: json.dumps only tests its truth"
    ),
    "gapcli.render.html.x_esc__mutmut_8": (
        "drops quote=True from html.escape, whose default it is"
    ),
    "gapcli.render.json.x_dumps__mutmut_3": (
        "ensure_ascii=None instead of False: json.dumps only tests its truth"
    ),
    "gapcli.render.json.x__escape__mutmut_3": f"`code < 0x10000` becomes `<=`: {_UNREACHED}",
    "gapcli.render.json.x__escape__mutmut_4": (f"`code < 0x10000` becomes `< 65537`: {_UNREACHED}"),
}

# mutmut's exit codes (mutmut.stats.status_by_exit_code) grouped for the table.
KILLED = {1, 3}
SURVIVED = {0}
TIMEOUT = {24, -24, 36, 152, 255}


def results() -> dict[str, int | None]:
    """Every mutant's exit code, from the ``.meta`` files mutmut leaves in ``mutants/``."""
    codes: dict[str, int | None] = {}
    for meta in (ROOT / "mutants").rglob("*.py.meta"):
        codes.update(json.loads(meta.read_text("utf-8"))["exit_code_by_key"])
    return codes


def retry_timeouts(keys: list[str], limit: float, workers: int) -> Counter[str]:
    """Run each timed-out mutant once more and record what happened in ``mutants/``.

    mutmut stops a mutant after a multiple of its tests' measured time by the wall clock, so
    on a busy machine a mutant whose tests merely ran slowly counts as a timeout (which it
    scores as detected). Here each one runs the exact tests (``tests/test_*_exact.py``) for
    at most ``limit`` seconds, then, if they all pass, the rest of the suite for at most ten
    times that: a failing test makes it killed, passing tests a survivor, and only a mutant
    still running at the limit stays a timeout. A timeout listed in ``EQUIVALENT`` is recorded
    as the survivor its reason says it is, without running it.
    """
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    shutil.copytree(ROOT / "tests", ROOT / "mutants" / "tests", dirs_exist_ok=True)
    exact = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob("test_*_exact.py"))
    base = [sys.executable, "-m", "pytest", "-x", *config["pytest_add_cli_args"]]
    stages = [(exact, limit), (["tests", *(f"--ignore={e}" for e in exact)], 10 * limit)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "mutants" / "src")}

    def one(key: str) -> int:
        for tests, seconds in stages:
            try:
                run = subprocess.run(
                    [*base, *tests],
                    cwd=ROOT / "mutants",
                    env={**env, "MUTANT_UNDER_TEST": key},
                    capture_output=True,
                    timeout=seconds,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                return 36
            if run.returncode != 0:
                return 1 if run.returncode in (1, 3) else run.returncode
        return 0

    listed = [key for key in keys if key in EQUIVALENT]  # survivors by their reason: not rerun
    rerun = [key for key in keys if key not in EQUIVALENT]
    with ThreadPoolExecutor(workers) as pool:
        outcome = dict(zip(rerun, pool.map(one, rerun), strict=True))
    outcome.update(dict.fromkeys(listed, 0))
    for meta in (ROOT / "mutants").rglob("*.py.meta"):
        data = json.loads(meta.read_text("utf-8"))
        mine = {k: v for k, v in outcome.items() if k in data["exit_code_by_key"]}
        if mine:
            data["exit_code_by_key"].update(mine)
            meta.write_text(json.dumps(data, indent=4), "utf-8")
    return Counter(
        "killed" if c in KILLED else "survived" if c in SURVIVED else "timeout"
        for c in outcome.values()
    )


def table(chosen: list[str], codes: dict[str, int | None]) -> tuple[list[str], list[float]]:
    """The per-module table as Markdown lines, and each module's score (percent)."""
    lines = [
        "| module | mutants | killed | survived | equivalent | timeouts | other | score | raw |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    scores: list[float] = []
    total: Counter[str] = Counter()
    for name in chosen:
        module = MODULES[name]
        mine = {key: code for key, code in codes.items() if module.in_scope(key)}
        row = Counter(
            mutants=len(mine),
            killed=sum(c in KILLED for c in mine.values()),
            survived=sum(c in SURVIVED for c in mine.values()),
            equivalent=sum(c in SURVIVED and k in EQUIVALENT for k, c in mine.items()),
            timeouts=sum(c in TIMEOUT for c in mine.values()),
        )
        row["other"] = row["mutants"] - row["killed"] - row["survived"] - row["timeouts"]
        total.update(row)
        scores.append(_score(row))
        lines.append(_row(module.path.removeprefix("src/gapcli/"), row))
    if len(chosen) > 1:
        lines.append(_row("**all**", total))
    return lines, scores


def _score(row: Counter[str], raw: bool = False) -> float:
    detected = row["killed"] + row["timeouts"]
    return 100 * detected / max(row["mutants"] - (0 if raw else row["equivalent"]), 1)


def _row(label: str, row: Counter[str]) -> str:
    keys = ("mutants", "killed", "survived", "equivalent", "timeouts", "other")
    counts = " | ".join(str(row[k]) for k in keys)
    return f"| {label} | {counts} | {_score(row):.1f}% | {_score(row, raw=True):.1f}% |"


def _mutmut() -> str:
    """mutmut beside this Python, else in the project's ``.venv``, else on the PATH."""
    for candidate in (Path(sys.executable).with_name("mutmut"), ROOT / ".venv/bin/mutmut"):
        if candidate.exists():
            return str(candidate)
    return shutil.which("mutmut") or "mutmut"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("modules", nargs="*", metavar="MODULE", help="default: all")
    parser.add_argument("--list", action="store_true", help="name the modules and exit")
    parser.add_argument("--survivors", action="store_true", help="list surviving mutants")
    parser.add_argument(
        "--equivalents", action="store_true", help="print the equivalent mutants as Markdown"
    )
    parser.add_argument("--max-children", type=int, default=2, help="parallel test workers")
    parser.add_argument("--fail-under", type=float, default=90.0, help="least score, percent")
    parser.add_argument(
        "--report-only", action="store_true", help="print the table of the last run; run nothing"
    )
    parser.add_argument(
        "--retry-timeouts",
        type=float,
        metavar="SECONDS",
        help="after the run, rerun each timed-out mutant with the exact tests first, for at most "
        "SECONDS (mutmut times mutants by the wall clock: a busy machine makes false timeouts)",
    )
    parser.add_argument(
        "--recheck",
        action="store_true",
        help="rerun only the last run's survivors (after adding tests), keeping mutants/",
    )
    args = parser.parse_args(argv)
    if args.equivalents:
        for key, reason in EQUIVALENT.items():
            print(f"- `{key}`: {reason}")
        return 0
    if args.list:
        for name, module in MODULES.items():
            scope = ", ".join(module.functions) if module.functions else "all functions"
            when = "; optional: run when named" if module.optional else ""
            print(f"{name:10} {module.path} ({scope}{when})")
        return 0
    unknown = [m for m in args.modules if m not in MODULES]
    if unknown:
        parser.error(f"unknown module {', '.join(unknown)}; choose from {', '.join(MODULES)}")
    chosen = args.modules or [name for name, module in MODULES.items() if not module.optional]
    start = time.monotonic()
    if not args.report_only:
        if args.recheck:
            patterns = [
                key
                for key, code in results().items()
                if code not in KILLED | TIMEOUT
                and (code is None or key not in EQUIVALENT)
                and any(MODULES[n].in_scope(key) for n in chosen)
            ]
        else:
            shutil.rmtree(ROOT / "mutants", ignore_errors=True)
            patterns = [p for name in chosen for p in MODULES[name].patterns()]
        if patterns:  # (a recheck with no survivors has nothing to run)
            command = [_mutmut(), "run", f"--max-children={args.max_children}", *patterns]
            run = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, check=False)
            if run.returncode:
                print(f"mutmut run failed (exit status {run.returncode})", file=sys.stderr)
                return run.returncode
    if args.retry_timeouts:
        timeouts = [
            key
            for key, code in results().items()
            if code in TIMEOUT and any(MODULES[n].in_scope(key) for n in chosen)
        ]
        retried = retry_timeouts(timeouts, args.retry_timeouts, args.max_children)
        print(f"{len(timeouts)} timeouts retried: {dict(retried)}")
    codes = results()
    lines, scores = table(chosen, codes)
    print("\n".join(lines))
    if not args.report_only:
        print(f"\n{time.monotonic() - start:.0f} s for {', '.join(chosen)}")
    in_scope = {k: c for k, c in codes.items() if any(MODULES[n].in_scope(k) for n in chosen)}
    stale = [k for k in EQUIVALENT if k in in_scope and in_scope[k] not in SURVIVED]
    if stale:
        print(f"\nlisted as equivalent but not surviving (update EQUIVALENT): {', '.join(stale)}")
    if args.survivors:
        for key, code in sorted(in_scope.items()):
            if code in SURVIVED and key not in EQUIVALENT:
                print(key)
    return 1 if any(s < args.fail_under for s in scores) else 0


if __name__ == "__main__":
    sys.exit(main())
