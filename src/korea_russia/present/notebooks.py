"""Execute notebooks in place with nbclient and normalise them, so outputs are byte-stable."""

import os
import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from korea_russia import io
from korea_russia.errors import InputError, InternalError

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Fix what changes between runs: kernel, versions, timings, cell ids, and where the
    kernel happened to flush a cell's printed output."""
    nb.metadata = nbformat.from_dict(
        {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    )
    for number, cell in enumerate(nb.cells, start=1):
        cell.id = f"cell-{number:02d}"
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        if cell.cell_type == "code":
            cell.outputs = coalesce_streams(cell.outputs)
    nb.nbformat, nb.nbformat_minor = 4, 5
    return nb


def coalesce_streams(outputs: list) -> list:
    """Join consecutive stdout (or stderr) chunks into one output: the kernel flushes on a
    timer, so one cell's prints arrive in one piece or several depending on machine load."""
    joined: list = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (
            output.get("output_type") == "stream"
            and previous is not None
            and previous.get("output_type") == "stream"
            and previous.get("name") == output.get("name")
        ):
            previous["text"] = _text(previous["text"]) + _text(output["text"])
        else:
            joined.append(output)
    return joined


def _text(text: str | list[str]) -> str:
    return text if isinstance(text, str) else "".join(text)


@contextmanager
def kernel_environment() -> Iterator[None]:
    """The environment the kernel starts in, whoever calls: inline charts (no MPLBACKEND
    override) and a fixed hash seed, so outputs do not depend on the caller's shell."""
    saved = {k: os.environ.get(k) for k in ("MPLBACKEND", "PYTHONHASHSEED")}
    os.environ.pop("MPLBACKEND", None)
    os.environ["PYTHONHASHSEED"] = "0"
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def read(path: Path) -> nbformat.NotebookNode:
    """A notebook file, or one line saying why it is none (never echoing its content)."""
    from korea_russia.sources import corpus

    where = corpus.display(path)
    if Path(path).suffix != ".ipynb":
        raise InputError(where, "is not a notebook (.ipynb file)")
    data = corpus.decode(corpus.read_bytes(Path(path)), where)
    try:
        return nbformat.reads(data, as_version=4)
    except Exception as exc:  # nbformat raises several kinds for what is not a notebook
        raise InputError(where, f"is not a notebook ({type(exc).__name__})") from None


def execute(path: Path, timeout: int = 300) -> bool:
    """Run every cell of the notebook at `path` and write it back if its content changed."""
    nb = read(path)
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=timeout,
        record_timing=False,
        resources={"metadata": {"path": str(Path(path).resolve().parent)}},
    )
    try:
        with kernel_environment(), tempfile.TemporaryFile("w+", encoding="utf-8") as log:
            try:
                client.execute(stderr=log)
            finally:
                _pass_on(log)
    except CellExecutionError as exc:
        failed = next((i for i, c in enumerate(nb.cells, 1) if _has_error(c)), "?")
        why = f"{exc.ename}: {exc.evalue}" if str(exc.evalue).strip() else _failing_line(exc)
        raise InternalError(path, f"cell {failed} failed: {why}") from None
    return io.write_text(path, nbformat.writes(normalise(nb)) + "\n")


# The kernel warns on every start that it talks TCP without encryption; it listens on
# localhost only, for this one run, so the warning tells the user nothing they can act on.
_NOISE = re.compile(r"Kernel is running over TCP without encryption")


def _pass_on(log: IO[str]) -> None:
    """Show what the kernel wrote to stderr, less the TCP warning."""
    log.seek(0)
    for line in log:
        if line.strip() and not _NOISE.search(line):
            sys.stderr.write(line)


def _failing_line(exc: CellExecutionError) -> str:
    """For an error with no message (a bare `assert`), the line of the cell that raised it."""
    plain = re.sub(r"\x1b\[[0-9;]*m", "", str(exc.traceback or ""))
    arrows = re.findall(r"^-+>\s*\d+\s+(.+)$", plain, re.M)
    return f"{exc.ename} at `{arrows[-1].strip()}`" if arrows else exc.ename


def _has_error(cell: nbformat.NotebookNode) -> bool:
    return any(o.get("output_type") == "error" for o in cell.get("outputs", []))
