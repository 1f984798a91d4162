"""Allow `python -m korea_russia`."""

from korea_russia._entry import run

raise SystemExit(run())
