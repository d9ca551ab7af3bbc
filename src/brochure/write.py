"""Write files atomically: a temporary file beside the target, then a rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

TEMP_PREFIX = ".partial-"


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step; on any failure the old file stays as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def remove_leftovers(folder: Path) -> int:
    """Delete temporary files an interrupted earlier run left behind; return how many."""
    removed = 0
    if folder.is_dir():
        for leftover in folder.glob(f"{TEMP_PREFIX}*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()
                removed += 1
    return removed
