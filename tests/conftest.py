"""The scoring code lives in benchmarks/ (it is evaluation, not the library); the tests that
score the development gold import it from there."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
