"""Small helpers the test modules share."""

import shutil
from pathlib import Path

import pandas as pd

from korea_russia.sources.corpus import Document, Source


def doc(text: str, published: str = "2021-04-08", name: str = "test") -> Document:
    """An in-memory document with a publication date (precision from its length)."""
    precision = {4: "year", 7: "month", 10: "day"}.get(len(published), "")
    source = Source(name, f"{name}.txt", published=published, published_precision=precision)
    return Document(id=name, path=Path(f"{name}.txt"), text=text, source=source)


# The five development articles, by source_id. Corpus facts are asserted about these by id,
# never as whole-corpus totals, so adding an article (`korea-russia add`) keeps tests green.
DEVELOPMENT = (
    "news1-2025",
    "riac-gubin-2025",
    "archyde-2025",
    "neo-asmolov-2021",
    "eaf-rinna-2018",
)


def development(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of a table that come from the development articles."""
    return frame[frame["source_id"].isin(DEVELOPMENT)].reset_index(drop=True)


def development_data(root: Path, dest: Path) -> None:
    """Copy `root`/data to `dest`/data with only the development articles in the corpus (raw
    files, sources rows, checksums), whatever a user has added to the working copy since."""
    shutil.copytree(root / "data", dest / "data")
    data = dest / "data"
    lines = (data / "sources.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    keep = [lines[0]] + [line for line in lines[1:] if line.split(",", 1)[0] in DEVELOPMENT]
    files = {line.split(",")[1] for line in keep[1:]}
    (data / "sources.csv").write_text("".join(keep), encoding="utf-8")
    for path in (data / "raw").iterdir():
        if path.name not in files:
            path.unlink()
    sums = (data / "checksums.sha256").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in sums if line.split()[-1].removeprefix("raw/") in files]
    (data / "checksums.sha256").write_text("".join(kept), encoding="utf-8")
