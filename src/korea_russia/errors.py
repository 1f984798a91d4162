"""The one exception type the CLI turns into a single-line message and a non-zero exit."""


class InputError(Exception):
    """Bad input a user can fix: the message names the file and the problem, on one line."""

    def __init__(self, where: object, problem: str) -> None:
        self.where = str(where)
        self.problem = " ".join(problem.split())
        super().__init__(f"{self.where}: {self.problem}")
