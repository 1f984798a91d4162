"""Build every table of `data/processed/` from the corpus, in one pass over the documents."""

from pathlib import Path

from korea_russia import corpus, files, paths, tables


def build_all(
    raw_dir: Path | None = None, sources: Path | None = None, out: Path | None = None
) -> list[tuple[Path, bool]]:
    """Build all tables; returns (path, changed) for each file written.

    Every table is computed before any is written, so a bad input leaves the previous
    outputs untouched, and each file is replaced atomically.
    """
    out = Path(out) if out is not None else paths.processed_dir()
    documents = corpus.load(raw_dir, sources)
    figures = tables.figures_table(documents)
    events = tables.events_table(documents)
    outputs = {
        out / "events.csv": tables.to_csv_bytes(events),
        out / "documents.csv": tables.to_csv_bytes(tables.documents_table(documents)),
        out / "figures.csv": tables.to_csv_bytes(figures),
        out / "figures.parquet": tables.to_parquet_bytes(figures),
    }
    return [(path, files.write_bytes(path, data)) for path, data in outputs.items()]
