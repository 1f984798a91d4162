"""Build every table of `data/processed/` from the corpus, in one pass over the documents."""

from pathlib import Path

from korea_russia import citations, corpus, datapackage, extract, files, paths, tables


def build_all(
    raw_dir: Path | None = None, sources: Path | None = None, out: Path | None = None
) -> list[tuple[Path, bool]]:
    """Build all tables; returns (path, changed) for each file written.

    Every table is computed before any is written, so a bad input leaves the previous
    outputs untouched, and each file is replaced atomically.
    """
    # With --out, everything goes there (tests, trial runs); by default the register of
    # figures goes to reports/, beside the charts, and the tables to data/processed/.
    reports = Path(out) if out is not None else paths.project_root() / "reports"
    out = Path(out) if out is not None else paths.processed_dir()
    for folder in (out, reports):
        files.remove_stale_temporaries(folder)
    documents = corpus.load(raw_dir, sources)
    found = {d.id: extract.figures(d) for d in documents}  # once: events need their periods
    figures = tables.figures_table(documents, found)
    events = tables.events_table(documents, found)
    official = tables.official_table()
    claims = tables.claims_table(figures, official)
    table = citations.sources(sources)
    register = citations.register(figures, table).encode("utf-8")
    outputs = {
        out / "events.csv": tables.to_csv_bytes(events),
        out / "official_trade.csv": tables.to_csv_bytes(official),
        out / "claims.csv": tables.to_csv_bytes(claims),
        out / "sources.bib": citations.bibtex(table).encode("utf-8"),
        out / "sources.json": citations.csl_json(table).encode("utf-8"),
        out / "datapackage.json": datapackage.to_json().encode("utf-8"),
        reports / "figures.md": register,
        out / "documents.csv": tables.to_csv_bytes(tables.documents_table(documents)),
        out / "figures.csv": tables.to_csv_bytes(figures),
        out / "figures.parquet": tables.to_parquet_bytes(figures),
    }
    readme = paths.project_root() / "README.md"
    if out == paths.processed_dir() and readme.is_file():
        text = readme.read_text(encoding="utf-8")
        outputs[readme] = citations.update_readme(text, table).encode("utf-8")
    return [(path, files.write_bytes(path, data)) for path, data in outputs.items()]
