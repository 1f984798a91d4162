"""The `korea-russia` program's entry point: Ctrl-C is answered with one line from the first
moment, before the command line module and what it imports have loaded."""

import signal
import sys


def _interrupted(_signum: int, _frame: object) -> None:
    print("korea-russia: interrupted while starting; nothing was written", file=sys.stderr)
    raise SystemExit(130)


def run() -> int:
    """Load the CLI under a quiet Ctrl-C handler, then run it with Python's own handler (the
    CLI turns KeyboardInterrupt into one line and exit status 130)."""
    signal.signal(signal.SIGINT, _interrupted)
    from korea_russia.cli import main

    signal.signal(signal.SIGINT, signal.default_int_handler)
    return main()
