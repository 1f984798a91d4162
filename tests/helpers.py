"""Small helpers the test modules share."""

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
