"""Reading files safely: only regular files, never more than a limit, never blocking.

Every file gapcli reads (dataset and issue files, source texts, schema files) goes through
``read_regular``: a device (``/dev/zero``), a pipe or a socket is refused before a byte is
read, even behind a symlink, and a file that grows past the limit while being read is
refused too. Opening with ``O_NONBLOCK`` means a FIFO cannot hang the open itself.
"""

from __future__ import annotations

import os
import stat

from gapcli.errors import DataError

MAX_FILE_BYTES = 1_048_576  # 1 MiB: far above any real dataset or issue file
CHUNK = 65_536


class NotRegular(DataError):
    """The path names something that is not a regular file."""


def kind_of(mode: int) -> str:
    """``a folder``, ``a pipe``... for a file mode that is not a regular file's."""
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def read_regular(path: str | os.PathLike[str], shown: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else is a DataError
    naming the file and what is wrong (``shown`` is the name used in messages)."""
    try:
        mode = os.stat(path).st_mode  # a socket cannot even be opened: say what it is
        if stat.S_ISSOCK(mode):
            raise NotRegular([f"{shown}: is a socket, not a regular file; gapcli reads only files"])
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise DataError([f"{shown}: cannot read file: {exc.strerror or exc}"]) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = kind_of(info.st_mode)
            raise NotRegular([f"{shown}: is {what}, not a regular file; gapcli reads only files"])
        if info.st_size > limit:
            raise DataError([f"{shown}: file is {info.st_size:,} bytes; the limit is {limit:,}"])
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = os.read(fd, min(CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise DataError(
                    [f"{shown}: file grew past {limit:,} bytes (the limit) as it was read"]
                )
        return b"".join(chunks)
    except OSError as exc:
        raise DataError([f"{shown}: cannot read file: {exc.strerror or exc}"]) from None
    finally:
        os.close(fd)
