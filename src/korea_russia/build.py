"""Build every table of `data/processed/` (and the register and README blocks) from the
corpus: composition only — load, extract, validate, analyse, write."""

import hashlib
from pathlib import Path

import pandas as pd

from korea_russia import config, io, progress, reference, schemas
from korea_russia.analysis import citations, claims
from korea_russia.extract import events, figures
from korea_russia.present import database, reports
from korea_russia.sources import corpus


def _checked(frame: pd.DataFrame, schema: schemas.Schema, documents: list[corpus.Document]):
    """`frame`, once it passes its schema and every span slices back to its quote."""
    schemas.validate(frame, schema, schemas.span_checks({d.id: d.text for d in documents}))
    return frame


def figures_table(
    documents: list[corpus.Document], found: dict[str, list[figures.Figure]] | None = None
) -> pd.DataFrame:
    """The figures of all documents, validated against the schema and the texts."""
    return _checked(figures.table(documents, found), schemas.FIGURES, documents)


def events_table(
    documents: list[corpus.Document], found: dict[str, list[figures.Figure]] | None = None
) -> pd.DataFrame:
    """The events of all documents, validated against the schema and the texts."""
    steps = progress.bar(documents, len(documents), "events", "documents")
    return _checked(events.table(steps, found), schemas.EVENTS, documents)


def documents_table(documents: list[corpus.Document]) -> pd.DataFrame:
    """One row per document: its metadata, size and checksum."""
    frame = pd.DataFrame(
        [corpus.document_row(d) for d in documents], columns=schemas.DOCUMENTS.names
    )
    return frame.sort_values("source_id", ignore_index=True)


def build_all(
    raw_dir: Path | None = None, sources: Path | None = None, out: Path | None = None
) -> list[tuple[Path, bool]]:
    """Build all tables; returns (path, changed) for each file written.

    Every table is computed and validated before any is written, so a bad input leaves the
    previous outputs untouched, and each file is replaced atomically.
    """
    # With --out, everything goes there (tests, trial runs); by default the register of
    # figures goes to reports/, beside the charts, and the tables to data/processed/.
    reports_dir = Path(out) if out is not None else config.reports_dir()
    out = Path(out) if out is not None else config.processed_dir()
    for folder in (out, reports_dir):
        io.remove_stale_temporaries(folder)
    documents = corpus.load(raw_dir, sources)
    steps = progress.bar(documents, len(documents), "figures", "documents")
    found = {d.id: figures.figures(d) for d in steps}  # once: events need their periods
    figure_table = figures_table(documents, found)
    event_table = events_table(documents, found)
    official = reference.official_trade()[schemas.OFFICIAL.names]
    schemas.validate(official, schemas.OFFICIAL)
    claim_table = claims.check(figure_table, official)
    schemas.validate(claim_table, schemas.CLAIMS)
    document_table = documents_table(documents)
    schemas.validate(document_table, schemas.DOCUMENTS)
    table = citations.sources(sources)
    outputs = {
        out / "events.csv": io.to_csv_bytes(event_table),
        out / "official_trade.csv": io.to_csv_bytes(official),
        out / "claims.csv": io.to_csv_bytes(claim_table),
        out / "sources.bib": citations.bibtex(table).encode("utf-8"),
        out / "sources.json": citations.csl_json(table).encode("utf-8"),
        reports_dir / "figures.md": reports.register(figure_table, table).encode("utf-8"),
        out / "documents.csv": io.to_csv_bytes(document_table),
        out / "figures.csv": io.to_csv_bytes(figure_table),
        out / "figures.parquet": io.to_parquet_bytes(figure_table),
    }
    # The data package, written last, holds the SHA-256 of every table of this build: a
    # build killed between renames leaves tables that disagree with it, which readers refuse
    # (io.check_build) instead of mixing two builds.
    hashes = {
        p.name: hashlib.sha256(data).hexdigest() for p, data in outputs.items() if p.parent == out
    }
    outputs[out / "datapackage.json"] = reports.to_json(document_table, hashes).encode("utf-8")
    readme = config.readme()
    if out == config.processed_dir() and readme.is_file():
        text = readme.read_text(encoding="utf-8")
        outputs[readme] = reports.update_readme(text, table).encode("utf-8")
    written = [(path, io.write_bytes(path, data)) for path, data in outputs.items()]
    # The database for `serve`, from the tables just written and the reference tables.
    package = reports.descriptor(document_table)
    tables = database.paths(package, out, Path(sources) if sources else None)
    database.write(package, tables, out / database.NAME)
    return written
