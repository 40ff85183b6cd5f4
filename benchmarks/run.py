"""Benchmark the installed gapcli against floors measured in the same run.

    python benchmarks/run.py                 # the gapcli next to this Python, else on PATH
    python benchmarks/run.py --fresh-venv    # first `pip install .` into a new venv, use that

Each figure is the median over interleaved rounds of fresh subprocesses: in every round the
candidate and its floor run back to back (alternating which goes first), and the judged
ratio is the median of the per-round ratios, so load from other processes on the machine
cancels out as far as it can. The floors are tiny scripts written to a temporary folder and
run by the same interpreter as gapcli:

- compare:   ``gapcli compare china-role`` vs a one-command Typer app that imports PyYAML
             and prints a one-cell Rich table;
- version:   ``gapcli --version`` vs a one-command Typer app that prints its argument;
- list, export: ``gapcli list`` / ``gapcli export --md`` on a generated dataset of 2,000
             issues vs parsing the same files with PyYAML's C safe loader in one process
             (keeping the parsed data, as any program that shows it must);
- diff:      ``gapcli diff`` of that dataset and a copy with every tenth issue edited vs
             loading both with gapcli's own loader in one process (target: 3x);
- memory:    the children's peak resident memory (``ru_maxrss`` from ``os.wait4``) for
             list and export vs the same parsing floor;
- commands:  every other read-only command on the same 2,000 issues (search with no match,
             with about 1,000 hits and with tens of thousands, perceptions, mirror, timeline,
             facts, validate, export --md and --json, and brief and voices where the installed
             gapcli has them) vs ``gapcli list`` on the same data: at most 1.3x (``search the``,
             which prints every hit: 2x, and its peak memory at most 1.3x list's);
- growth:    each of those commands on 8,000 issues vs on 2,000: at most 4.4x (linear cost,
             with room for a larger heap).

Output is a Markdown table (paste it into the README as is); the exit status is 0 when
every target is met, 1 otherwise. Only the standard library is needed to run this script,
and it is not part of the test suite (timings do not belong in pass/fail tests).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

FLOOR_TABLE = """\
import typer
import yaml  # noqa: F401  (the floor pays for PyYAML's import, as gapcli does)
from rich.console import Console
from rich.table import Table

app = typer.Typer()


@app.command()
def main(name: str) -> None:
    table = Table()
    table.add_column("issue")
    table.add_row(name)
    Console().print(table)


app()
"""

FLOOR_ECHO = """\
import typer

app = typer.Typer()


@app.command()
def main(text: str) -> None:
    print(text)


app()
"""

FLOOR_PARSE = """\
import sys
from pathlib import Path

import yaml

folder = Path(sys.argv[1])
data = [
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    for path in sorted(folder.iterdir())
    if path.suffix == ".yaml"
]
print(len(data))
"""


FLOOR_LOAD_BOTH = """\
import gc
import sys
from pathlib import Path

from gapcli.views.revision import load_side

gc.disable()  # as gapcli does while loading
for folder in sys.argv[1:3]:
    load_side(folder, Path(folder))
print("loaded both")
"""


FLOORS = {
    "floor_table.py": FLOOR_TABLE,
    "floor_echo.py": FLOOR_ECHO,
    "floor_parse.py": FLOOR_PARSE,
    "floor_load_both.py": FLOOR_LOAD_BOTH,
}


EXIT = {"search, no match": 1}  # like grep: no match is exit 1
MEMORY_TARGET = 1.3  # search the: peak memory against list's on the same data


@dataclass
class Case:
    """A command and its floor, measured in the same rounds."""

    name: str
    command: list[str]
    floor: list[str]
    target: float | None  # judged on time; None = reported only
    times: list[float] = field(default_factory=list)
    floor_times: list[float] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)
    floor_rss: list[int] = field(default_factory=list)
    exit_code: int = 0  # the command's expected exit status (search with no match: 1)
    floor_exit_code: int = 0


def spawn(argv: Sequence[str], env: dict[str, str], expected: int = 0) -> tuple[float, int]:
    """Run ``argv`` with output discarded; return wall seconds and the child's peak RSS in KiB."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != expected:
        check(argv, env, expected)
    return elapsed, usage.ru_maxrss


def check(argv: Sequence[str], env: dict[str, str], expected: int = 0) -> None:
    """Run ``argv`` once; stop the benchmark if it fails or prints nothing (when it should)."""
    # The output goes to a file, never into this process: a child's peak memory as wait4
    # reports it includes this process's at the fork, so the benchmark must stay small.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        code = subprocess.run(argv, stdout=out, stderr=err, env=env, check=False).returncode
        printed = os.fstat(out.fileno()).st_size > 0
        if code != expected or (expected == 0 and not printed):
            err.seek(max(0, os.fstat(err.fileno()).st_size - 2000))
            sys.exit(
                f"benchmark: {' '.join(argv)} failed (exit {code}):\n"
                f"{err.read().decode(errors='replace')}"
            )


def measure(cases: list[Case], rounds: int, env: dict[str, str]) -> None:
    """Interleaved rounds: candidate and floor back to back, alternating who goes first."""
    for case in cases:  # warm-up: checks each command works, fills OS and bytecode caches
        check(case.command, env, case.exit_code)
        check(case.floor, env, case.floor_exit_code)
    for n in range(rounds):
        for case in cases:
            pair = [
                (case.command, case.times, case.rss, case.exit_code),
                (case.floor, case.floor_times, case.floor_rss, case.floor_exit_code),
            ]
            for argv, times, rss, expected in pair if n % 2 == 0 else reversed(pair):
                elapsed, peak = spawn(argv, env, expected)
                times.append(elapsed)
                rss.append(peak)
        print(f"  round {n + 1}/{rounds}", file=sys.stderr, end="\r", flush=True)
    print(file=sys.stderr)


def paired_ratio(a: list[float], b: list[float]) -> float:
    """Median of the per-round ratios a/b."""
    return statistics.median(x / y for x, y in zip(a, b, strict=True))


def interpreter_of(script: Path) -> str:
    """The Python that runs a console script (its shebang), else the one beside it."""
    try:
        first = script.read_bytes().split(b"\n", 1)[0].decode()
    except OSError:
        first = ""
    if first.startswith("#!") and "python" in first:
        return first[2:].strip().split()[0]
    for name in ("python", "python3"):
        if (script.parent / name).exists():
            return str(script.parent / name)
    return sys.executable


def find_gapcli(explicit: str | None) -> Path:
    """``--gapcli``, else the one installed beside this Python, else the one on PATH."""
    if explicit:
        return Path(explicit)
    beside = Path(sys.executable).parent / "gapcli"
    if beside.exists():
        return beside
    found = shutil.which("gapcli")
    if not found:
        sys.exit("benchmark: no gapcli found; `pip install .` first, or use --fresh-venv")
    return Path(found)


def fresh_venv(where: Path) -> Path:
    """Create a venv at ``where`` and ``pip install`` this checkout into it (not editable)."""
    print(f"Creating {where} and installing {REPO} into it...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    pip = [str(where / "bin" / "python"), "-m", "pip", "install", "--quiet", str(REPO)]
    subprocess.run(pip, check=True)
    return where / "bin" / "gapcli"


def run_text(argv: list[str], env: dict[str, str]) -> str:
    """The standard output of a command that must succeed."""
    return subprocess.run(argv, capture_output=True, text=True, env=env, check=True).stdout.strip()


def machine(python: str, gapcli: Path, env: dict[str, str]) -> str:
    """One line naming the machine, the interpreter and the gapcli measured."""
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    version = run_text([python, "-c", "import sys; print(sys.version.split()[0])"], env)
    gapcli_version = run_text([str(gapcli), "--version"], env)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{datetime.date.today().isoformat()}; {os.cpu_count()} CPUs ({cpu}); "
        f"Python {version}; {gapcli_version} at {gapcli}; load average {load}"
    )


def report(cases: list[Case], rounds: dict[str, int]) -> bool:
    """Print the Markdown table; True when every target is met."""
    rows = [
        "| Benchmark | gapcli (median) | Floor (median) | Ratio | Target | Result |",
        "|---|---:|---:|---:|---:|---|",
    ]
    ok = True
    for case in cases:
        ratio = paired_ratio(case.times, case.floor_times)
        passed = case.target is None or ratio <= case.target
        ok = ok and passed
        target = f"<= {case.target:.2f}" if case.target else "—"
        verdict = ("PASS" if passed else "FAIL") if case.target else "reported"
        ours, floor = (statistics.median(t) * 1000 for t in (case.times, case.floor_times))
        name = f"{case.name} ({rounds[case.name]} rounds)"
        rows.append(
            f"| {name} | {ours:,.0f} ms | {floor:,.0f} ms | {ratio:.2f} | {target} | {verdict} |"
        )
    for case in cases:
        judged = case.name.startswith("search the,") and " vs " not in case.name  # same data
        if case.name.startswith(("list", "export")) or judged:
            ours, floor = (statistics.median(r) / 1024 for r in (case.rss, case.floor_rss))
            ratio = paired_ratio([float(x) for x in case.rss], [float(x) for x in case.floor_rss])
            name = f"peak memory, {case.name}"
            passed = not judged or ratio <= MEMORY_TARGET
            ok = ok and passed
            target, verdict = (
                (f"<= {MEMORY_TARGET:.2f}", "PASS" if passed else "FAIL")
                if judged
                else ("—", "reported")
            )
            figures = f"{ours:,.0f} MiB | {floor:,.0f} MiB | {ratio:.2f}"
            rows.append(f"| {name} | {figures} | {target} | {verdict} |")
    print("\n".join(rows))
    return ok


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gapcli", metavar="PATH", help="The gapcli console script to measure.")
    parser.add_argument(
        "--fresh-venv",
        nargs="?",
        const="",
        metavar="DIR",
        help="pip install this checkout into a new venv (at DIR, else a temporary one); measure it",
    )
    parser.add_argument("--rounds", type=int, default=21, help="start-up rounds (default 21)")
    parser.add_argument("--scale-rounds", type=int, default=15, help="list/export rounds (15)")
    parser.add_argument("--issues", type=int, default=2000, help="generated issues (2000)")
    parser.add_argument(
        "--only",
        choices=("startup", "scale", "commands", "growth"),
        help="run one group of cases",
    )
    parser.add_argument("--command-rounds", type=int, default=7, help="command rounds (7)")
    parser.add_argument("--growth-rounds", type=int, default=3, help="growth rounds (3)")
    return parser.parse_args(argv)


def startup_cases(gapcli: str, python: str, work: Path, version: str) -> list[Case]:
    """compare and --version against their Typer floors."""
    return [
        Case(
            "compare china-role",
            [gapcli, "compare", "china-role"],
            [python, str(work / "floor_table.py"), "china-role"],
            1.05,
        ),
        Case(
            "--version", [gapcli, "--version"], [python, str(work / "floor_echo.py"), version], 1.10
        ),
    ]


def scale_cases(
    gapcli: str, python: str, work: Path, issues: int, env: dict[str, str]
) -> list[Case]:
    """list and export --md on a generated dataset against parsing it with the C safe loader."""
    data = generated(python, work, issues, env)
    floor = [python, str(work / "floor_parse.py"), str(data)]
    positions = ["--positions", str(data)]
    edited = edited_copy(data, work / "data-edited")
    load_both = [python, str(work / "floor_load_both.py"), str(data), str(edited)]
    return [
        Case(f"list, {issues:,} issues", [gapcli, "list", *positions], floor, 1.3),
        Case(f"export --md, {issues:,} issues", [gapcli, "export", "--md", *positions], floor, 3.0),
        Case(
            f"diff, 2 x {issues:,} issues", [gapcli, "diff", str(data), str(edited)], load_both, 3.0
        ),
    ]


def generated(python: str, work: Path, issues: int, env: dict[str, str]) -> Path:
    """A generated dataset of ``issues`` issues under ``work`` (made once, then reused)."""
    data = work / f"data-{issues}"
    if not data.exists():
        print(f"Generating {issues:,} issues in {data}...", file=sys.stderr)
        generate = [python, str(HERE / "generate.py"), str(data), "--issues", str(issues)]
        subprocess.run(generate, check=True, stdout=subprocess.DEVNULL, env=env)
    return data


def term_with_hits(data: Path, wanted: int) -> str:
    """A word that about ``wanted`` issue files contain (for the search case)."""
    counts: dict[str, int] = {}
    for path in data.glob("*.yaml"):
        words = {w.lower() for w in path.read_text(encoding="utf-8").split() if w.isalpha()}
        for word in words:
            if len(word) > 4:
                counts[word] = counts.get(word, 0) + 1
    return min(sorted(counts), key=lambda w: abs(counts[w] - wanted))


def read_only_commands(gapcli: str, data: Path, env: dict[str, str]) -> dict[str, list[str]]:
    """Every read-only command to measure, by name (brief and voices where they exist)."""
    positions = ["--positions", str(data)]
    commands = {
        "search, no match": ["search", "zzzxqj", *positions],
        "search, ~1,000 hits": ["search", term_with_hits(data, 1000), *positions],
        "perceptions": ["perceptions", *positions],
        "mirror": ["mirror", *positions],
        "timeline": ["timeline", *positions],
        "facts": ["facts", *positions],
        "validate": ["validate", *positions],
        "export --md": ["export", "--md", *positions],
        "export --json": ["export", "--json", *positions],
        "brief": ["brief", *positions],
        "voices": ["voices", *positions],
    }
    available = {
        name: argv
        for name, argv in commands.items()
        if subprocess.run(
            [gapcli, argv[0], "--help"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            check=False,
        ).returncode
        == 0
    }
    return {name: [gapcli, *argv] for name, argv in available.items()}


def command_cases(
    gapcli: str, python: str, work: Path, issues: int, env: dict[str, str]
) -> list[Case]:
    """Every read-only command against ``gapcli list`` on the same data."""
    data = generated(python, work, issues, env)
    listing = [gapcli, "list", "--positions", str(data)]
    cases = [
        Case(f"{name}, {issues:,} issues", argv, listing, 1.3, exit_code=EXIT.get(name, 0))
        for name, argv in read_only_commands(gapcli, data, env).items()
    ]
    cases.append(
        Case(
            f"search the, {issues:,} issues",
            [gapcli, "search", "the", "--positions", str(data)],
            listing,
            2.0,
        )
    )
    return cases


def growth_cases(
    gapcli: str, python: str, work: Path, issues: int, env: dict[str, str]
) -> list[Case]:
    """Each command on four times the issues against itself on ``issues``."""
    small, large = generated(python, work, issues, env), generated(python, work, 4 * issues, env)
    commands = read_only_commands(gapcli, small, env)
    commands["list"] = [gapcli, "list", "--positions", str(small)]
    commands["search the"] = [gapcli, "search", "the", "--positions", str(small)]
    return [
        Case(
            f"{name}, {4 * issues:,} vs {issues:,} issues",
            [str(large) if arg == str(small) else arg for arg in argv],
            argv,
            4.4,
            exit_code=EXIT.get(name, 0),
            floor_exit_code=EXIT.get(name, 0),
        )
        for name, argv in commands.items()
    ]


def edited_copy(data: Path, out: Path) -> Path:
    """``data`` with one word changed in every tenth issue file: the diff case's NEW side."""
    shutil.copytree(data, out)
    issue_files = sorted(p for p in out.iterdir() if p.name != "dataset.yaml")
    for path in issue_files[::10]:
        path.write_text(path.read_text(encoding="utf-8").replace(" the ", " a ", 1), "utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="gapcli-bench-") as tmp:
        work = Path(tmp)
        if args.fresh_venv is not None:
            gapcli = fresh_venv(Path(args.fresh_venv) if args.fresh_venv else work / "venv")
        else:
            gapcli = find_gapcli(args.gapcli)
        python = interpreter_of(gapcli)
        env = {k: v for k, v in os.environ.items() if k not in {"GAPCLI_POSITIONS", "FORCE_COLOR"}}
        env.update({"COLUMNS": "100", "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1732838400"})
        for name, text in FLOORS.items():
            (work / name).write_text(text, encoding="utf-8")
        version = run_text([str(gapcli), "--version"], env).split()[-1]
        header = machine(python, gapcli, env)
        startup, scale, commands, growth = [], [], [], []
        if args.only in (None, "startup"):
            startup = startup_cases(str(gapcli), python, work, version)
            print(f"Start-up cases, {args.rounds} rounds...", file=sys.stderr)
            measure(startup, args.rounds, env)
        if args.only in (None, "scale"):
            scale = scale_cases(str(gapcli), python, work, args.issues, env)
            print(f"Scale cases, {args.scale_rounds} rounds...", file=sys.stderr)
            measure(scale, args.scale_rounds, env)
        if args.only in (None, "commands"):
            commands = command_cases(str(gapcli), python, work, args.issues, env)
            print(f"Command cases, {args.command_rounds} rounds...", file=sys.stderr)
            measure(commands, args.command_rounds, env)
        if args.only in (None, "growth"):
            growth = growth_cases(str(gapcli), python, work, args.issues, env)
            print(f"Growth cases, {args.growth_rounds} rounds...", file=sys.stderr)
            measure(growth, args.growth_rounds, env)
    rounds = (
        {c.name: args.rounds for c in startup}
        | {c.name: args.scale_rounds for c in scale}
        | {c.name: args.command_rounds for c in commands}
        | {c.name: args.growth_rounds for c in growth}
    )
    print(f"\n{header}\n")
    ok = report(startup + scale + commands + growth, rounds)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    verdict = "every target met" if ok else "TARGET MISSED"
    print(f"\nLoad average at the end: {load}. {verdict}.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
