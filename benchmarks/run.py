"""Run every benchmark in turn (`make bench`)."""

import runpy
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    for name in ("figures.py", "events.py", "devset.py", "startup.py", "speed.py"):
        runpy.run_path(str(HERE / name), run_name="__main__")
        print()
