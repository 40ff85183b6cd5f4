"""Export targets: never clobber without --force, never leave half a briefing behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

from gapcli.errors import OutputError
from gapcli.io.output import write_atomic

from helpers import REPO, TWO, Run

OLD = b"old briefing\r\n\x00 kept byte for byte"


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in ``folder`` with its bytes and modification time."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def export(run: Run, target: Path | str, *extra: str) -> Any:
    return run("export", "--md", "-p", TWO, "-o", str(target), *extra)


def test_existing_file_is_refused_and_untouched(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    target.write_bytes(OLD)
    before = snapshot(tmp_path)
    result = export(run, target)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert (
        result.stderr == f"gapcli: error: {target}: already exists; use --force to overwrite it\n"
    )
    assert snapshot(tmp_path) == before


LINKED = (
    "is a symbolic link; gapcli does not write through links (a link in a shared folder could "
    "point anywhere): remove it, or name the file itself"
)


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_a_symlink_is_refused_and_its_target_untouched(
    run: Run, tmp_path: Path, force: list[str]
) -> None:
    """Red team, round 3: `brief.md -> ~/.bashrc` shipped in a cloned folder was replaced."""
    real = tmp_path / "real.md"
    real.write_bytes(OLD)
    link = tmp_path / "brief.md"
    link.symlink_to(real)
    result = export(run, link, *force)
    assert result.exit_code == 1
    assert result.stderr == f"gapcli: error: {link}: {LINKED}\n"
    assert link.is_symlink() and real.read_bytes() == OLD


def test_a_dangling_symlink_creates_nothing(run: Run, tmp_path: Path) -> None:
    link = tmp_path / "brief.md"
    link.symlink_to(tmp_path / "elsewhere" / "new.md")
    (tmp_path / "elsewhere").mkdir()
    result = export(run, link)
    assert (result.exit_code, result.stderr) == (1, f"gapcli: error: {link}: {LINKED}\n")
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_force_overwrites_with_the_whole_briefing(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    target.write_bytes(OLD)
    result = export(run, target, "--force")
    assert result.exit_code == 0
    assert result.stderr == f"Wrote {target} (2 issues).\n"
    assert target.read_text(encoding="utf-8") == run("export", "--md", "-p", TWO).stdout
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


def test_missing_folder_is_refused(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "brief.md"
    result = export(run, target)
    assert result.exit_code == 1
    assert result.stderr == (
        f"gapcli: error: {target.parent}: folder does not exist; create it first\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_target_that_is_a_folder_is_refused(run: Run, tmp_path: Path) -> None:
    result = export(run, tmp_path, "--force")
    assert result.exit_code == 1
    assert result.stderr == (
        f"gapcli: error: {tmp_path}: is a folder; give a file name, e.g. {tmp_path / 'brief.md'}\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_read_only_folder_is_refused(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("permission bits are not enforced for this user (root)")
        result = export(run, folder / "brief.md")
        left = list(folder.iterdir())
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 1
    assert result.stderr == f"gapcli: error: {folder}: cannot write here: Permission denied\n"
    assert left == []


def test_read_only_folder_simulated(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same refusal, forced even when running as root."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = export(run, tmp_path / "brief.md")
    assert result.exit_code == 1
    assert result.stderr == f"gapcli: error: {tmp_path}: cannot write here: Permission denied\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("force", [False, True])
def test_failure_mid_write_keeps_the_old_file_and_leaves_no_temporary(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, force: bool
) -> None:
    """The disk fills up after part of the briefing is written: nothing changes."""
    target = tmp_path / "brief.md"
    if force:
        target.write_bytes(OLD)
    before = snapshot(tmp_path)
    seen: list[int] = []

    def full_disk(fd: int) -> None:
        seen.append(os.fstat(fd).st_size)  # the temporary really holds the partial text
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    result = export(run, target, *(["--force"] if force else []))
    assert result.exit_code == 1
    assert result.stderr == f"gapcli: error: {target}: cannot write: No space left on device\n"
    assert seen and seen[0] > 0
    assert snapshot(tmp_path) == before


def test_interrupt_mid_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C after half the text is written: KeyboardInterrupt propagates, nothing changes."""
    target = tmp_path / "brief.md"
    target.write_bytes(OLD)
    before = snapshot(tmp_path)
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, text: str) -> int:
            self.handle.write(text[: len(text) // 2])
            self.handle.flush()
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "fdopen", lambda *a, **k: HalfWriter(real_fdopen(*a, **k)))
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "x" * 100_000, force=True)
    assert snapshot(tmp_path) == before


def test_rename_failure_keeps_the_old_file(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "brief.md"
    target.write_bytes(OLD)
    before = snapshot(tmp_path)

    def refuse(*args: Any) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "replace", refuse)
    result = export(run, target, "--force")
    assert result.exit_code == 1
    assert result.stderr == f"gapcli: error: {target}: cannot write: Invalid cross-device link\n"
    assert snapshot(tmp_path) == before


def test_file_appearing_during_the_write_is_not_clobbered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program creates the target after the existence check: still refused."""
    target = tmp_path / "brief.md"
    real_mkstemp = tempfile.mkstemp

    def racing_mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        made = real_mkstemp(*args, **kwargs)
        target.write_bytes(OLD)
        return made

    monkeypatch.setattr(tempfile, "mkstemp", racing_mkstemp)
    with pytest.raises(OutputError) as caught:
        write_atomic(target, "new text")
    assert caught.value.message == f"{target}: already exists; use --force to overwrite it"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]
    assert target.read_bytes() == OLD


def test_filesystem_without_hard_links_still_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*args: Any) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "brief.md"
    write_atomic(target, "new text\n")
    assert target.read_text(encoding="utf-8") == "new text\n"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


KILLED_WRITER = """
import os, sys, time
from pathlib import Path
from gapcli.io import output

def hang(fd):
    Path(sys.argv[2]).write_text("ready")
    time.sleep(60)

output.os.fsync = hang
output.write_atomic(Path(sys.argv[1]), "new briefing " * 50_000, force=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_mid_write_never_leaves_a_half_written_target(tmp_path: Path) -> None:
    """SIGKILL between writing and renaming: the target keeps its old bytes.

    Nothing can clean up after SIGKILL, so a hidden ``.brief.md.*.tmp`` may stay; the
    briefing itself is either the old file or the whole new one, never a mix.
    """
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "brief.md"
    target.write_bytes(OLD)
    ready = tmp_path / "ready"
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(target), str(ready)], cwd=REPO
    )
    try:
        deadline = time.monotonic() + 30
        while not ready.exists():
            assert proc.poll() is None, "writer exited early"
            assert time.monotonic() < deadline, "writer never got to the write"
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert target.read_bytes() == OLD
    others = [p.name for p in folder.iterdir() if p != target]
    assert all(n.startswith(".brief.md.") and n.endswith(".tmp") for n in others), others


def test_devices_and_pipes_are_refused_even_with_force(run: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target, kind in ((fifo, "a pipe (FIFO)"), (Path(os.devnull), "a character device")):
        result = export(run, target, "--force")
        assert result.exit_code == 1
        assert result.stderr == (
            f"gapcli: error: {target}: is {kind}, not a regular file; "
            "gapcli writes only regular files\n"
        )
    assert fifo.exists() and not fifo.is_file()
    assert Path(os.devnull).is_char_device()


def test_a_trailing_slash_names_a_folder_not_a_file(run: Run, tmp_path: Path) -> None:
    result = export(run, f"{tmp_path}/nodir/")
    assert result.exit_code == 1
    assert result.stderr == (
        f"gapcli: error: {tmp_path}/nodir/: names a folder; give a file name, "
        f"e.g. {tmp_path}/nodir/brief.md\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_permissions_are_kept_on_overwrite_and_follow_the_umask_when_new(
    run: Run, tmp_path: Path
) -> None:
    kept = tmp_path / "kept.md"
    kept.write_bytes(OLD)
    kept.chmod(0o600)
    assert export(run, kept, "--force").exit_code == 0
    assert kept.stat().st_mode & 0o777 == 0o600
    old_umask = os.umask(0o077)
    try:
        assert export(run, tmp_path / "new.md").exit_code == 0
    finally:
        os.umask(old_umask)
    assert (tmp_path / "new.md").stat().st_mode & 0o777 == 0o600
