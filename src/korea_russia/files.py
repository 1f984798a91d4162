"""Atomic, write-if-changed file output: an interrupted run never leaves a half-written file."""

import os
import tempfile
from pathlib import Path


def write_bytes(path: Path, data: bytes) -> bool:
    """Write `data` to `path` via a temporary file and a rename; skip if unchanged.

    Returns True when the file was (re)written. Leaving identical files untouched keeps
    their mtimes, so `make` stays quick and `git status` stays clean.
    """
    path = Path(path)
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_text(path: Path, text: str) -> bool:
    """`write_bytes` for UTF-8 text with LF line ends."""
    return write_bytes(path, text.encode("utf-8"))


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Delete the temporary files a killed run left behind (`.name.xxxx.tmp`); the real
    outputs beside them were never touched, since they are only ever replaced by rename."""
    removed = []
    for tmp in Path(folder).glob(".*.tmp") if Path(folder).is_dir() else []:
        tmp.unlink(missing_ok=True)
        removed.append(tmp)
    return removed
