"""The tidy tables of `data/processed/`: their schemas, builders and byte-stable writers."""

import hashlib
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from korea_russia import events, extract, files
from korea_russia.corpus import Document
from korea_russia.schema import DATE, Column, Schema, validate

FIGURES = Schema(
    name="figures",
    primary_key=("figure_id",),
    columns=(
        Column("figure_id", "str", "stable id: a hash of source, sentence and mention"),
        Column("source_id", "str", "the document (data/sources.csv)"),
        Column("metric", "str", "what is measured", allowed=extract.METRICS),
        Column(
            "measure",
            "str",
            "level, change (growth/decline), share or target",
            allowed=extract.MEASURES,
        ),
        Column("value", "float", "the number in base units (US$22 billion -> 22000000000)"),
        Column("unit", "str", "base unit of value", allowed=extract.UNITS),
        Column(
            "period_start",
            "str",
            "first month/year the figure covers",
            required=False,
            pattern=DATE,
        ),
        Column(
            "period_end", "str", "last month/year the figure covers", required=False, pattern=DATE
        ),
        Column(
            "qualifier",
            "str",
            "hedge stated with the number",
            required=False,
            allowed=extract.QUALIFIERS,
        ),
        Column("mention", "str", "the figure as written: text[start:end]"),
        Column("quote", "str", "the sentence the figure stands in, verbatim"),
        Column("start", "int", "offset of the mention in the document text", unit="characters"),
        Column("end", "int", "end offset (exclusive) of the mention", unit="characters"),
        Column("quote_start", "int", "offset of the quote in the document text", unit="characters"),
        Column("quote_end", "int", "end offset (exclusive) of the quote", unit="characters"),
        Column("occurrences", "int", "how often the document states this figure", unit="count"),
    ),
)


EVENTS = Schema(
    name="events",
    primary_key=("event_id",),
    columns=(
        Column("event_id", "str", "stable id: a hash of source, sentence and date position"),
        Column("source_id", "str", "the document (data/sources.csv)"),
        Column("date_start", "str", "first day/month/year of the event", pattern=DATE),
        Column("date_end", "str", "last day/month/year of the event", pattern=DATE),
        Column("precision", "str", "how much of the date is known", allowed=events.PRECISION),
        Column("summary", "str", "the sentence without its date: who did what"),
        Column("category", "str", "kind of event", allowed=events.CATEGORIES),
        Column(
            "actors",
            "str",
            "canonical names (data/reference/actors.csv), ;-separated",
            required=False,
        ),
        Column("quote", "str", "the sentence, verbatim, text[quote_start:quote_end]"),
        Column("start", "int", "offset of the date expression", unit="characters"),
        Column("end", "int", "end offset (exclusive) of the date expression", unit="characters"),
        Column("quote_start", "int", "offset of the quote in the document text", unit="characters"),
        Column("quote_end", "int", "end offset (exclusive) of the quote", unit="characters"),
    ),
)


OFFICIAL = Schema(
    name="official_trade",
    primary_key=("side", "metric", "year"),
    columns=(
        Column("year", "int", "calendar year"),
        Column("side", "str", "KR: Korean statistics; RU: Russian officials", allowed=("KR", "RU")),
        Column(
            "metric",
            "str",
            "what is measured",
            allowed=("bilateral_trade", "exports_kr_to_ru", "imports_kr_from_ru"),
        ),
        Column("value", "float", "US$, current prices", unit="USD"),
        Column(
            "rule",
            "str",
            "stated by the source, or derived (exports + imports)",
            allowed=("stated", "derived"),
        ),
        Column("reporter", "str", "who reports the figure (data/reference/trade_annual.csv)"),
        Column("source_title", "str", "the source of the value"),
        Column("source_url", "str", "its address"),
        Column("source_quote", "str", "verbatim snippet holding the number"),
    ),
)

CLAIMS = Schema(
    name="claims",
    primary_key=("figure_id",),
    columns=(
        Column("figure_id", "str", "the article figure (figures.csv)"),
        Column("source_id", "str", "the article"),
        Column("metric", "str", "what is measured", allowed=extract.METRICS),
        Column("measure", "str", "level, change, share or target", allowed=extract.MEASURES),
        Column("period_start", "str", "period the figure covers", required=False, pattern=DATE),
        Column("period_end", "str", "period the figure covers", required=False, pattern=DATE),
        Column("value", "float", "the article's value, base units"),
        Column("unit", "str", "base unit", allowed=extract.UNITS),
        Column(
            "qualifier", "str", "the article's hedge", required=False, allowed=extract.QUALIFIERS
        ),
        Column("mention", "str", "the figure as written"),
        Column("quote", "str", "the sentence, verbatim"),
        Column("official_value", "float", "the official value compared with", required=False),
        Column("official_side", "str", "KR or RU", required=False, allowed=("KR", "RU", "")),
        Column("official_reporter", "str", "who reports the official value", required=False),
        Column("official_source_title", "str", "source of the official value", required=False),
        Column("official_source_url", "str", "its address", required=False),
        Column(
            "other_side_value", "float", "the other reporter's value, when known", required=False
        ),
        Column("other_side_reporter", "str", "who reports it", required=False),
        Column("difference", "float", "article value minus official value", required=False),
        Column("relative_difference", "float", "difference / official value", required=False),
        Column("tolerance", "float", "relative tolerance applied", required=False),
        Column(
            "verdict",
            "str",
            "consistent, differs or unverifiable",
            allowed=("consistent", "differs", "unverifiable"),
        ),
        Column("note", "str", "why: likely reasons for a gap, or what is missing"),
    ),
)


def official_table() -> pd.DataFrame:
    """The tidy official trade series, validated."""
    from korea_russia import reference

    frame = reference.official_trade()[OFFICIAL.names]
    validate(frame, OFFICIAL)
    return frame


def claims_table(figures: pd.DataFrame, official: pd.DataFrame) -> pd.DataFrame:
    """Every checkable article figure beside its official counterpart, validated."""
    from korea_russia import claims

    frame = claims.check(figures, official)
    validate(frame, CLAIMS)
    return frame


def span_checks(texts: Mapping[str, str]):
    """Row checks that tie a row to its document: the spans slice back to mention and quote."""

    def check(row: Mapping[str, object]) -> str | None:
        text = texts.get(str(row["source_id"]))
        if text is None:
            return f"source_id {row['source_id']!r} is not a loaded document"
        start, end = int(row["start"]), int(row["end"])  # type: ignore[arg-type]
        q0, q1 = int(row["quote_start"]), int(row["quote_end"])  # type: ignore[arg-type]
        if "mention" in row and text[start:end] != row["mention"]:
            return f"text[{start}:{end}] is not the mention {row['mention']!r}"
        if start >= end:
            return f"empty span {start}:{end}"
        if text[q0:q1] != row["quote"]:
            return f"text[{q0}:{q1}] is not the quote"
        if not (q0 <= start and end <= q1):
            return "the mention is not inside the quote"
        return None

    return [check]


def figures_table(
    documents: Sequence[Document], found: Mapping[str, Sequence[extract.Figure]] | None = None
) -> pd.DataFrame:
    """The figures of all documents, validated against the schema and the texts."""
    frame = extract.table(documents, found)
    validate(frame, FIGURES, span_checks({d.id: d.text for d in documents}))
    return frame


def events_table(
    documents: Sequence[Document], found: Mapping[str, Sequence[extract.Figure]] | None = None
) -> pd.DataFrame:
    """The events of all documents, validated against the schema and the texts."""
    frame = events.table(documents, found)
    validate(frame, EVENTS, span_checks({d.id: d.text for d in documents}))
    return frame


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


def to_parquet_bytes(frame: pd.DataFrame) -> bytes:
    """Parquet bytes (pyarrow, no index); deterministic for pinned pandas/pyarrow versions."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False, engine="pyarrow", compression="zstd")
    return buffer.getvalue()


def to_json_bytes(frame: pd.DataFrame, lines: bool = False) -> bytes:
    """JSON (an array of records) or JSON Lines, UTF-8, one stable key order."""
    records = frame.to_dict("records")
    if lines:
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def encode(frame: pd.DataFrame, fmt: str) -> bytes:
    """A table in one of the CLI's output formats: csv, json or jsonl."""
    return {"csv": to_csv_bytes, "json": to_json_bytes}.get(fmt, lambda f: to_json_bytes(f, True))(
        frame
    )


def write_csv(frame: pd.DataFrame, path: Path) -> bool:
    """Write a table as CSV atomically; returns True when the file changed."""
    return files.write_bytes(path, to_csv_bytes(frame))


def read_csv(path: Path) -> pd.DataFrame:
    """Read a table written by `write_csv`, keeping empty cells as empty strings."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def read_typed(path: Path, schema: Schema) -> pd.DataFrame:
    """Read a table with its schema's column types; empty text stays "", empty numbers NaN."""
    numbers = {
        c.name: {"int": "int64", "float": "float64"}[c.dtype]
        for c in schema.columns
        if c.dtype != "str"
    }
    text = {c.name: "str" for c in schema.columns if c.dtype == "str"}
    frame = pd.read_csv(
        path,
        dtype={**text, **numbers},
        keep_default_na=False,
        na_values={name: [""] for name in numbers},
    )
    return frame[schema.names]


def read_figures(path: Path) -> pd.DataFrame:
    """Read figures.csv with its column types (value float, offsets int, text as str)."""
    return read_typed(path, FIGURES)


def read_claims(path: Path) -> pd.DataFrame:
    """Read claims.csv with its column types (official values NaN where unverifiable)."""
    return read_typed(path, CLAIMS)


def read_official(path: Path) -> pd.DataFrame:
    """Read official_trade.csv with its column types."""
    return read_typed(path, OFFICIAL)
