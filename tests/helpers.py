"""Small helpers the test modules share."""

from pathlib import Path

from korea_russia.sources.corpus import Document, Source


def doc(text: str, published: str = "2021-04-08", name: str = "test") -> Document:
    """An in-memory document with a publication date (precision from its length)."""
    precision = {4: "year", 7: "month", 10: "day"}.get(len(published), "")
    source = Source(name, f"{name}.txt", published=published, published_precision=precision)
    return Document(id=name, path=Path(f"{name}.txt"), text=text, source=source)
