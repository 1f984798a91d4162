"""The two kinds of failure the CLI reports in one line: bad input (exit 1) and bugs (exit 2)."""

from pathlib import Path


def display(path: Path | str) -> str:
    """A path as a user would type it: relative to the working directory when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):  # outside it, or the working directory is gone
        return str(path)


class Failure(Exception):
    """A failure told in one line: where it happened and what went wrong."""

    def __init__(self, where: object, problem: str) -> None:
        self.where = str(where)
        self.problem = " ".join(problem.split())
        super().__init__(f"{self.where}: {self.problem}")

    def __reduce__(self):
        # Rebuilt from both parts when it crosses a process boundary (--jobs workers).
        return (type(self), (self.where, self.problem))


class InputError(Failure):
    """Bad input a user can fix: the message names the file and the problem (exit 1)."""


class InternalError(Failure):
    """Something the program itself got wrong, not the user's input: a table that fails its
    schema, a notebook check that no longer holds (exit 2)."""
