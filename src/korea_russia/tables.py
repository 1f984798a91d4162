"""Build the tidy tables in `data/processed/` and write them byte-stably and atomically."""

import hashlib
import io
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from korea_russia import files
from korea_russia.corpus import Document


def documents_table(documents: Sequence[Document]) -> pd.DataFrame:
    """One row per document: its metadata, size and checksum (what notebook 00 shows)."""
    rows = [
        {
            "source_id": doc.id,
            "file": doc.path.name,
            "outlet": doc.source.outlet,
            "author": doc.source.author,
            "published": doc.source.published,
            "published_precision": doc.source.published_precision,
            "chars": len(doc.text),
            "words": len(doc.text.split()),
            "sha256": hashlib.sha256(doc.path.read_bytes()).hexdigest(),
        }
        for doc in documents
    ]
    return pd.DataFrame(rows).sort_values("source_id", ignore_index=True)


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV bytes with fixed formatting: LF line ends, no index, UTF-8."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def write_csv(frame: pd.DataFrame, path: Path) -> bool:
    """Write a table as CSV atomically; returns True when the file changed."""
    return files.write_bytes(path, to_csv_bytes(frame))


def read_csv(path: Path) -> pd.DataFrame:
    """Read a table written by `write_csv`, keeping empty cells as empty strings."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)
