"""A progress bar for long commands, on a terminal only.

    extract   ████████████░░░░░░░░░░░░  412/800 files  33.1 MB  4.2 MB/s  0:08 left

It is drawn on standard error when standard error is a terminal, and nowhere else: in CI,
in a notebook, in a pipe or a log file the output stays what it was. `KOREA_RUSSIA_PROGRESS`
set to 0 turns it off on a terminal too, and set to 1 forces it (for a test)."""

import os
import sys
import time
from collections.abc import Iterable, Iterator
from typing import IO, TypeVar

T = TypeVar("T")
WIDTH = 24  # characters of bar
EVERY = 0.1  # seconds between redraws


def wanted(stream: IO[str] | None = None) -> bool:
    """Whether to draw: on a terminal, unless switched off (or on) by the environment."""
    setting = os.environ.get("KOREA_RUSSIA_PROGRESS", "")
    if setting in ("0", "1"):
        return setting == "1"
    stream = stream if stream is not None else sys.stderr
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


class Bar:
    """Counts items (and, when told, bytes) and redraws one line at most ten times a second."""

    def __init__(self, label: str, total: int, unit: str = "files", stream: IO[str] | None = None):
        self.label, self.total, self.unit = label, total, unit
        self.stream = stream if stream is not None else sys.stderr
        self.done, self.size = 0, 0
        self.start = self.last = time.monotonic()
        self.shown = wanted(self.stream)

    def advance(self, items: int = 1, size: int = 0) -> None:
        self.done += items
        self.size += size
        now = time.monotonic()
        if self.shown and (now - self.last >= EVERY or self.done >= self.total):
            self.last = now
            self._draw(now)

    def line(self, now: float) -> str:
        """The bar as text."""
        share = self.done / self.total if self.total else 1.0
        filled = round(share * WIDTH)
        parts = [f"{self.label:<9} {'█' * filled}{'░' * (WIDTH - filled)}"]
        parts.append(f"{self.done}/{self.total} {self.unit}")
        elapsed = max(now - self.start, 1e-9)
        if self.size:
            parts.append(f"{self.size / 1e6:.1f} MB  {self.size / 1e6 / elapsed:.1f} MB/s")
        if 0 < self.done < self.total:
            left = elapsed / self.done * (self.total - self.done)
            parts.append(f"{int(left // 60)}:{int(left % 60):02d} left")
        return "  ".join(parts)

    def _draw(self, now: float) -> None:
        self.stream.write("\r" + self.line(now) + "\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        """Clear the line, so what the command prints next starts on a clean one."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def bar(items: Iterable[T], total: int, label: str, unit: str = "files") -> Iterator[T]:
    """`items`, one by one, with a bar advancing as each is taken."""
    progress = Bar(label, total, unit)
    try:
        for item in items:
            yield item
            progress.advance()
    finally:
        progress.close()
