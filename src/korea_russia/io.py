"""Atomic, write-if-changed output and the table codecs (CSV, Parquet, JSON): an interrupted
run never leaves a half-written file, and the same table always gives the same bytes."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING

from korea_russia.errors import InputError, display
from korea_russia.schemas import Schema

if TYPE_CHECKING:
    import pandas as pd


def write_bytes(path: Path, data: bytes) -> bool:
    """Write `data` to `path` via a temporary file and a rename; skip if unchanged.

    Returns True when the file was (re)written. Leaving identical files untouched keeps
    their mtimes, so `make` stays quick and `git status` stays clean.
    """
    path = Path(path)
    try:
        if path.is_file() and path.read_bytes() == data:
            return False
    except OSError as exc:
        raise InputError(display(path), f"cannot be written ({exc.strerror})") from None
    with streamed(path) as handle:
        handle.write(data)
    return True


@contextmanager
def streamed(path: Path) -> Iterator[IO[bytes]]:
    """A file to write `path` through piece by piece: a temporary file beside it, renamed
    over `path` when the block ends without an error and removed when it does not, so a
    table too big to hold in memory is still written whole or not at all."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{TEMP_TAG}{os.getpid()}-", dir=path.parent)
    except OSError as exc:  # a folder that cannot be made or written to
        raise InputError(display(path), f"cannot be written ({exc.strerror})") from None
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # as an ordinary write would be, not mkstemp's 0600
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask (read by setting it and setting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def check_target(path: Path) -> None:
    """Refuse an output path that is not a regular file (or not there yet): a symlink, a
    FIFO, a device or a folder would be replaced by a regular file, or written through."""
    path = Path(path)
    if path.is_symlink():
        raise InputError(path, "is a symbolic link; give the path of a regular file")
    if path.exists() and not path.is_file():
        kind = "a folder" if path.is_dir() else "not a regular file (a device, FIFO or socket)"
        raise InputError(path, f"is {kind}; give the path of a regular file")


def write_text(path: Path, text: str) -> bool:
    """`write_bytes` for UTF-8 text with LF line ends."""
    return write_bytes(path, text.encode("utf-8"))


TEMP_TAG = "korea-russia-"  # our temporary files: `.NAME.korea-russia-PID-XXXX`
_TEMP = re.compile(r"^\..+\.korea-russia-(\d+)-[^/]+$")


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Delete the temporary files a killed run of ours left behind; the real outputs beside
    them were never touched, since they are only ever replaced by rename. Another program's
    `*.tmp` files, and those of a run still going (its process alive), are left alone."""
    removed = []
    for tmp in sorted(Path(folder).iterdir()) if Path(folder).is_dir() else []:
        m = _TEMP.match(tmp.name)
        if m and tmp.is_file() and not _alive(int(m.group(1))):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed


def _alive(pid: int) -> bool:
    """Whether a process with this id is running (this one counts as running)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


# A spreadsheet runs a cell that starts with one of these as a formula (a quote such as
# "=HYPERLINK(…)" would become a live link). Such a text cell is written with an apostrophe
# in front, as spreadsheet-safe exports do; so is one that starts with an apostrophe, so that
# readers can always take exactly one off again (`plain_cell`).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SAFE_MARK = "'"


def safe_cell(value: object) -> object:
    """A text cell as written to CSV: an apostrophe before a would-be formula."""
    if isinstance(value, str) and value.startswith((*FORMULA_START, SAFE_MARK)):
        return SAFE_MARK + value
    return value


def plain_cell(value: object) -> object:
    """A text cell as read from our CSV: the apostrophe `safe_cell` added taken off."""
    if isinstance(value, str) and value.startswith(SAFE_MARK):
        return value[1:]
    return value


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV bytes with fixed formatting: LF line ends, no index, UTF-8, text cells safe to
    open in a spreadsheet (`safe_cell`)."""
    from pandas.api.types import is_numeric_dtype

    frame = frame.copy()
    marked = (*FORMULA_START, SAFE_MARK)
    for column in frame.columns:
        if is_numeric_dtype(frame[column]):
            continue
        if any(isinstance(v, str) and v.startswith(marked) for v in frame[column].tolist()):
            frame[column] = frame[column].map(safe_cell)  # most columns have no cell to mark
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def to_parquet_bytes(frame: pd.DataFrame) -> bytes:
    """Parquet bytes (pyarrow, no index); deterministic for pinned pandas/pyarrow versions."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False, engine="pyarrow", compression="zstd")
    return buffer.getvalue()


def to_json_bytes(frame: pd.DataFrame, lines: bool = False) -> bytes:
    """JSON (an array of records) or JSON Lines, UTF-8, one stable key order."""
    records = frame.to_dict("records")
    if lines:
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


FORMATS = ("csv", "json", "jsonl")


class Parts:
    """A table in one of the CLI's formats, written in parts (one per file extracted) with
    the same bytes `encode` gives for the whole: the CSV header once, a JSON array's
    brackets around its parts, commas between them."""

    def __init__(self, columns: list[str], fmt: str) -> None:
        self.columns, self.fmt, self.count = columns, fmt, 0

    def body(self, rows: list[dict]) -> bytes:
        """The part of the table that `rows` make, without header or brackets (this runs in
        the worker, so the parent only copies bytes)."""
        import pandas as pd

        frame = pd.DataFrame(rows, columns=self.columns)
        if not rows:
            return b""
        data = encode(frame, self.fmt)
        if self.fmt == "csv":
            return data[data.index(b"\n") + 1 :]  # the header is written once, by `opening`
        if self.fmt == "json":
            return data[2:-3]  # "[\n" … "\n]\n"
        return data

    def opening(self) -> bytes:
        if self.fmt == "csv":
            return (",".join(self.columns) + "\n").encode("utf-8")
        return b"[" if self.fmt == "json" else b""

    def join(self, body: bytes) -> bytes:
        """`body` as written after the parts before it."""
        if not body:
            return b""
        self.count += 1
        if self.fmt == "json":
            return (b",\n" if self.count > 1 else b"\n") + body
        return body

    def closing(self) -> bytes:
        if self.fmt == "json":
            return b"\n]\n" if self.count else b"]\n"
        return b""


def encode(frame: pd.DataFrame, fmt: str) -> bytes:
    """A table in one of the CLI's output formats: csv, json or jsonl."""
    if fmt == "csv":
        return to_csv_bytes(frame)
    return to_json_bytes(frame, lines=fmt == "jsonl")


BUILD = "datapackage.json"  # beside the tables; its resources carry the build's hashes


def check_build(path: Path) -> bytes:
    """The bytes of a table, checked against the SHA-256 that the data package beside it
    holds for it: a table from another build (one killed between renames, or a file edited
    since) is refused rather than read with tables it does not match."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(display(path), "not found; run `make` to build it") from None
    except OSError as exc:
        raise InputError(display(path), f"cannot be read ({exc.strerror})") from None
    manifest = path.parent / BUILD
    if not manifest.is_file():
        return data  # tables written by hand or by another tool: nothing to check against
    try:
        package = json.loads(manifest.read_text(encoding="utf-8"))
        hashes = {r.get("path"): r.get("hash") for r in package.get("resources", [])}
    except (ValueError, AttributeError):
        raise InputError(display(manifest), "is not a data package (JSON); run `make`") from None
    expected = hashes.get(path.name)
    if expected and expected != f"sha256:{hashlib.sha256(data).hexdigest()}":
        raise InputError(
            display(path),
            f"is not from the build that wrote {BUILD} beside it (a build was interrupted, or "
            "the file was edited); run `make` to rebuild the tables together",
        )
    return data


def read_table(path: Path, schema: Schema) -> pd.DataFrame:
    """Read a table written by this package with its schema's column types: empty text stays
    "", empty numbers are NaN. The table must match its build (`check_build`)."""
    numbers = {
        c.name: {"int": "int64", "float": "float64"}[c.dtype]
        for c in schema.columns
        if c.dtype != "str"
    }
    text = {c.name: "str" for c in schema.columns if c.dtype == "str"}
    import pandas as pd  # here, not at the top: commands that read no table start faster

    data = check_build(path)
    try:
        frame = pd.read_csv(
            io.BytesIO(data),
            dtype={**text, **numbers},
            keep_default_na=False,
            na_values={name: [""] for name in numbers},
            encoding="utf-8",
        )
        missing = [name for name in schema.names if name not in frame.columns]
        if missing:
            raise ValueError(f"missing column(s): {', '.join(missing)}")
    except (ValueError, pd.errors.ParserError) as exc:  # UnicodeDecodeError is a ValueError
        why = "not UTF-8" if isinstance(exc, UnicodeDecodeError) else str(exc).splitlines()[0]
        raise InputError(
            display(path), f"is not a {schema.name} table ({why}); run `make`"
        ) from None
    for column in text:
        frame[column] = frame[column].map(plain_cell)
    return frame[schema.names]
