"""Reading files safely (gapcli.io.files), exactly: what a path that is not a regular file is
called, a pipe or a socket refused without waiting, the limit held while reading, read errors
named.

Written to kill mutants that survived the rest of the suite (docs/testing.md).
"""

from __future__ import annotations

import os
import signal
import socket
import stat
import tempfile
from pathlib import Path

import pytest

from gapcli.errors import DataError
from gapcli.io.files import MAX_FILE_BYTES, NotRegular, kind_of, read_regular


@pytest.mark.parametrize(
    ("mode", "name"),
    [
        (stat.S_IFDIR, "a folder"),
        (stat.S_IFIFO, "a pipe (FIFO)"),
        (stat.S_IFCHR, "a character device"),
        (stat.S_IFBLK, "a block device"),
        (stat.S_IFSOCK, "a socket"),
        (stat.S_IFLNK, "not a regular file"),
        (0, "not a regular file"),
    ],
)
def test_what_is_not_a_regular_file_is_called(mode: int, name: str) -> None:
    assert kind_of(mode | 0o644) == name


def test_a_folder_is_named_as_one(tmp_path: Path) -> None:
    with pytest.raises(NotRegular) as caught:
        read_regular(tmp_path, "here")
    assert caught.value.problems == [
        "here: is a folder, not a regular file; gapcli reads only files"
    ]


def test_a_pipe_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)

    def stuck(signum: int, frame: object) -> None:
        raise TimeoutError("opening the pipe blocked")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(10)
    try:
        with pytest.raises(NotRegular) as caught:
            read_regular(fifo, "fifo")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert caught.value.problems == [
        "fifo: is a pipe (FIFO), not a regular file; gapcli reads only files"
    ]


def test_a_socket_is_refused_before_it_is_opened() -> None:
    with tempfile.TemporaryDirectory() as folder:  # short: a socket path has ~100 bytes
        path = os.path.join(folder, "s")
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            server.bind(path)
            with pytest.raises(NotRegular) as caught:
                read_regular(path, "sock")
        finally:
            server.close()
    assert caught.value.problems == [
        "sock: is a socket, not a regular file; gapcli reads only files"
    ]


def test_a_missing_file_is_named_with_the_reason(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        read_regular(tmp_path / "gone.yaml", "gone.yaml")
    assert type(caught.value) is DataError
    assert caught.value.problems == ["gone.yaml: cannot read file: No such file or directory"]


def test_files_are_read_where_the_platform_has_no_o_cloexec(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(os, "O_CLOEXEC", raising=False)
    text = tmp_path / "t.txt"
    text.write_bytes(b"abc")
    assert read_regular(text, "t.txt") == b"abc"


def test_a_file_is_opened_read_only_and_without_blocking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = tmp_path / "t.txt"
    text.write_bytes(b"abc")
    flags: list[int] = []
    real_open = os.open

    def spy(path: str, flag: int, *args: int) -> int:
        flags.append(flag)
        return real_open(path, flag, *args)

    monkeypatch.setattr(os, "open", spy)
    assert read_regular(text, "t.txt") == b"abc"
    assert flags == [os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC]


def test_the_default_limit_is_one_mib(tmp_path: Path) -> None:
    assert MAX_FILE_BYTES == 1_048_576
    exact = tmp_path / "exact.yaml"
    exact.write_bytes(b"a" * MAX_FILE_BYTES)
    assert len(read_regular(exact, "exact.yaml")) == MAX_FILE_BYTES
    over = tmp_path / "over.yaml"
    over.write_bytes(b"a" * (MAX_FILE_BYTES + 1))
    with pytest.raises(DataError) as caught:
        read_regular(over, "over.yaml")
    assert caught.value.problems == ["over.yaml: file is 1,048,577 bytes; the limit is 1,048,576"]


# read_regular's limit while reading: a file that grows after its size was taken is read
# to one byte past the limit and refused, never read whole. (A file growing under us is
# simulated by reporting its size as 0, as /proc files do.)

LIMIT = 70_000  # more than one CHUNK (64 KiB), so the limit spans two reads


def reads(monkeypatch: pytest.MonkeyPatch, size_zero: bool = True) -> list[int]:
    """The byte counts os.read returns, while the file's size is reported as 0."""
    counts: list[int] = []
    real_read, real_fstat = os.read, os.fstat

    def read(fd: int, n: int) -> bytes:
        chunk = real_read(fd, n)
        counts.append(len(chunk))
        return chunk

    def fstat(fd: int) -> os.stat_result:
        info = real_fstat(fd)
        if not size_zero:
            return info
        fields = list(info)
        fields[stat.ST_SIZE] = 0
        return os.stat_result(fields)

    monkeypatch.setattr(os, "read", read)
    monkeypatch.setattr(os, "fstat", fstat)
    return counts


def test_a_file_that_grows_past_the_limit_is_refused_after_limit_plus_one_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 200_000)
    counts = reads(monkeypatch)
    with pytest.raises(DataError) as caught:
        read_regular(big, "big.txt", LIMIT)
    assert caught.value.problems == [
        "big.txt: file grew past 70,000 bytes (the limit) as it was read"
    ]
    assert counts == [65_536, LIMIT + 1 - 65_536]


def test_a_file_of_exactly_the_limit_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exact = tmp_path / "exact.txt"
    exact.write_bytes(b"y" * LIMIT)
    for size_zero in (False, True):
        with monkeypatch.context() as patch:
            counts = reads(patch, size_zero)
            assert read_regular(exact, "exact.txt", LIMIT) == b"y" * LIMIT
            assert counts == [65_536, LIMIT - 65_536, 0]


def test_an_error_while_reading_is_a_data_error_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = tmp_path / "t.txt"
    text.write_bytes(b"abc")

    def broken(fd: int, n: int) -> bytes:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "read", broken)
    with pytest.raises(DataError) as caught:
        read_regular(text, "t.txt")
    assert caught.value.problems == ["t.txt: cannot read file: Input/output error"]


def test_an_error_without_a_reason_is_named_by_the_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = tmp_path / "t.txt"
    text.write_bytes(b"abc")

    def broken(fd: int, n: int) -> bytes:
        raise OSError("the disk went away")

    monkeypatch.setattr(os, "read", broken)
    with pytest.raises(DataError) as caught:
        read_regular(text, "t.txt")
    assert caught.value.problems == ["t.txt: cannot read file: the disk went away"]


def test_the_file_is_closed_after_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = tmp_path / "t.txt"
    text.write_bytes(b"abc")
    closed: list[int] = []
    real_close = os.close

    def spy(fd: int) -> None:
        closed.append(fd)
        real_close(fd)

    monkeypatch.setattr(os, "close", spy)
    read_regular(text, "t.txt")
    with pytest.raises(NotRegular):
        read_regular(tmp_path, "here")
    assert len(closed) == 2
