"""How long the command takes to start: `korea-russia --help` and `korea-russia cite trade
2019` on the committed tables, median of 15 runs each, beside the baseline of a bare Python
start and of Python importing pandas (what every command paid before #13 made the imports
lazy). Measured as wall-clock time of a fresh process on this machine."""

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 15
COMMANDS = {
    "python (bare start)": [sys.executable, "-c", "pass"],
    "python -c 'import pandas' (baseline)": [sys.executable, "-c", "import pandas"],
    "korea-russia --help": [sys.executable, "-m", "korea_russia", "--help"],
    "korea-russia cite trade 2019": [sys.executable, "-m", "korea_russia", "cite", "trade", "2019"],
}


def median_seconds(command: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


if __name__ == "__main__":
    print(f"Start-up time, median of {RUNS} fresh processes (seconds):")
    for label, command in COMMANDS.items():
        print(f"  {label:<40} {median_seconds(command):.3f}")
