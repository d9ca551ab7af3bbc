"""Read the files we are given with care: regular files only, and never more than a limit."""

from __future__ import annotations

import os
import stat
from pathlib import Path

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class NotRegularFile(OSError):
    """The path is a device, pipe, socket or folder; reading it could never end or means
    nothing."""

    def __init__(self, path: Path, folder: bool) -> None:
        self.folder = folder
        super().__init__(f"{path} is {'a folder' if folder else 'not a regular file'}")


class FileTooBig(OSError):
    """The file is larger than the limit for its kind."""

    def __init__(self, path: Path, size: int, limit: int) -> None:
        self.size, self.limit = size, limit
        super().__init__(f"{path} is {size:,} bytes; the limit is {limit:,}")


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path`, refusing it when it holds more than `limit`.

    A symlink is followed, but a device, pipe or folder is refused before anything is read
    (a link to /dev/zero would otherwise fill memory; a pipe would hang)."""
    fd = os.open(path, _FLAGS)
    try:  # checked before fdopen, which itself refuses a folder with IsADirectoryError
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(path, stat.S_ISDIR(info.st_mode))
        if info.st_size > limit:
            raise FileTooBig(path, info.st_size, limit)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:  # the file grew while we read it
        raise FileTooBig(path, len(data), limit)
    return data


def check_regular(path: Path, limit: int) -> int:
    """The size of the regular file at `path`, for readers that stream it themselves
    (zip archives); refuses what `read_bounded` refuses."""
    fd = os.open(path, _FLAGS)
    try:
        info = os.fstat(fd)
    finally:
        os.close(fd)
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFile(path, stat.S_ISDIR(info.st_mode))
    if info.st_size > limit:
        raise FileTooBig(path, info.st_size, limit)
    return info.st_size
