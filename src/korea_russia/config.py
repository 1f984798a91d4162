"""Every path the project reads or writes, so library code and notebooks agree on them."""

import os
from pathlib import Path

# The colours a source can be drawn in (Okabe–Ito, distinguishable with every common
# colour-vision deficiency; yellow left out, it cannot be read on white; grey left out, the
# official series use it). `add` gives a new source the one fewest sources have, and stores it
# in data/sources.csv, so a source keeps its colour whatever is added or removed.
SOURCE_PALETTE = ("#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")


def project_root() -> Path:
    """The project folder: $KOREA_RUSSIA_ROOT, else the nearest parent of the working
    directory that holds `data/sources.csv`, else the source tree this package lives in."""
    env = os.environ.get("KOREA_RUSSIA_ROOT")
    if env:
        return Path(env).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "sources.csv").is_file():
            return folder
    return Path(__file__).resolve().parents[2]


def raw_dir() -> Path:
    """The source texts, byte for byte."""
    return project_root() / "data" / "raw"


def sources_csv() -> Path:
    """What is known about each raw file."""
    return project_root() / "data" / "sources.csv"


def processed_dir() -> Path:
    """The tables the library builds."""
    return project_root() / "data" / "processed"


def reference_dir() -> Path:
    """Curated facts from outside the corpus."""
    return project_root() / "data" / "reference"


def checksums() -> Path:
    """SHA-256 of every raw file."""
    return project_root() / "data" / "checksums.sha256"


def reports_dir() -> Path:
    """The register of figures and the exported charts."""
    return project_root() / "reports"


def charts_dir() -> Path:
    """Exported charts (PNG and SVG); `reports/figures/` by cookiecutter-data-science's name."""
    return reports_dir() / "figures"


def notebooks_dir() -> Path:
    """The notebooks, `NN-topic.ipynb`."""
    return project_root() / "notebooks"


def readme() -> Path:
    """The README, whose generated blocks `build` refreshes."""
    return project_root() / "README.md"
