"""Read the tables of `data/processed/` with their schemas' column types: the way notebooks,
`cite` and `claims` read what `build` wrote."""

from pathlib import Path

import pandas as pd

from korea_russia import config, io, schemas


def _read(name: str, schema: schemas.Schema, folder: Path | None) -> pd.DataFrame:
    return io.read_table((folder or config.processed_dir()) / f"{name}.csv", schema)


def figures(folder: Path | None = None) -> pd.DataFrame:
    """figures.csv: value float, offsets int, text as str ("" when empty)."""
    return _read("figures", schemas.FIGURES, folder)


def events(folder: Path | None = None) -> pd.DataFrame:
    """events.csv."""
    return _read("events", schemas.EVENTS, folder)


def claims(folder: Path | None = None) -> pd.DataFrame:
    """claims.csv: official values NaN where unverifiable."""
    return _read("claims", schemas.CLAIMS, folder)


def official(folder: Path | None = None) -> pd.DataFrame:
    """official_trade.csv."""
    return _read("official_trade", schemas.OFFICIAL, folder)


def documents(folder: Path | None = None) -> pd.DataFrame:
    """documents.csv."""
    return _read("documents", schemas.DOCUMENTS, folder)
