"""The two kinds of failure the CLI reports in one line: bad input (exit 1) and bugs (exit 2)."""

import os
import re
from pathlib import Path


def display(path: Path | str) -> str:
    """A path as a user would type it: relative to the working directory when inside it."""
    try:  # absolute, not resolved: a symbolic link is shown as given, even a looping one
        return printable(str(Path(os.path.abspath(path)).relative_to(Path.cwd().resolve())))
    except (ValueError, OSError):  # outside it, or the working directory is gone
        return printable(str(path))


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def printable(text: str) -> str:
    """`text` fit for one line of a terminal: control characters (a newline in a file name)
    and bytes that are not UTF-8 (a Latin-1 file name) shown as escapes."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


class Failure(Exception):
    """A failure told in one line: where it happened and what went wrong."""

    def __init__(self, where: object, problem: str) -> None:
        self.where = printable(str(where))
        self.problem = printable(" ".join(problem.split()))
        super().__init__(f"{self.where}: {self.problem}")

    def __reduce__(self):
        # Rebuilt from both parts when it crosses a process boundary (--jobs workers).
        return (type(self), (self.where, self.problem))


class InputError(Failure):
    """Bad input a user can fix: the message names the file and the problem (exit 1)."""


class InternalError(Failure):
    """Something the program itself got wrong, not the user's input: a table that fails its
    schema, a notebook check that no longer holds (exit 2)."""
