"""`data/processed/datapackage.json`: a Frictionless Data Package (v2) describing every table,
its fields, allowed values, keys, sources and licence, generated from the same schemas the
tables are validated against before they are written."""

import json

from korea_russia import __version__
from korea_russia.corpus import PRECISIONS, SOURCE_COLUMNS
from korea_russia.schema import DATE, Column, Schema
from korea_russia.tables import CLAIMS, EVENTS, FIGURES, OFFICIAL

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
_TYPES = {"str": "string", "int": "integer", "float": "number"}
LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}

SOURCES = Schema(
    name="sources",
    primary_key=("source_id",),
    columns=tuple(
        Column(
            name,
            "str",
            text,
            required=name in ("source_id", "file"),
            allowed=allowed,
            pattern=pattern,
        )
        for name, text, allowed, pattern in (
            ("source_id", "stable id the tables cite", (), ""),
            ("file", "file name in data/raw/", (), ""),
            ("outlet", "publisher; empty when unknown", (), ""),
            ("author", "author; empty when unknown", (), ""),
            ("title", "title; empty when unknown", (), ""),
            ("published", "publication date as far as known", (), DATE),
            ("published_precision", "how much of the date is known", tuple(PRECISIONS), ""),
            ("url", "address of the original; empty when unknown", (), ""),
            ("language", "ISO 639-1 language code", (), ""),
        )
    ),
)
assert [c.name for c in SOURCES.columns] == list(SOURCE_COLUMNS)


def _field(column: Column) -> dict:
    """A Table Schema field for one column."""
    field: dict = {
        "name": column.name,
        "type": _TYPES[column.dtype],
        "description": column.description,
    }
    constraints: dict = {}
    if column.required:
        constraints["required"] = True
    if column.allowed:
        constraints["enum"] = [a for a in column.allowed if a or not column.required]
    if column.pattern and column.dtype == "str":
        constraints["pattern"] = column.pattern
    if constraints:
        field["constraints"] = constraints
    return field


def _resource(
    name: str, path: str, schema_: Schema, title: str, description: str, foreign: bool = True
) -> dict:
    """A tabular resource with its schema; empty cells are missing values."""
    schema = {
        "fields": [_field(c) for c in schema_.columns],
        "primaryKey": list(schema_.primary_key),
        "missingValues": [""],
    }
    if foreign and "source_id" in schema_.names and name != "sources":
        schema["foreignKeys"] = [
            {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}}
        ]
    return {
        "name": name,
        "type": "table",
        "path": path,
        "scheme": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": title,
        "description": description,
        "schema": schema,
    }


def _reference(
    name: str, fields: list[tuple[str, str, str]], key: list[str], description: str
) -> dict:
    """A reference table from data/reference/, every row with its source columns."""
    sourced = [
        ("source_title", "string", "title of the source of this row"),
        ("source_url", "string", "address of the source of this row"),
        ("source_quote", "string", "verbatim snippet holding the number or date"),
    ]
    return {
        "name": name,
        "type": "table",
        "path": f"../reference/{name}.csv",
        "scheme": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": f"Reference: {name.replace('_', ' ')}",
        "description": description,
        "schema": {
            "fields": [{"name": n, "type": t, "description": d} for n, t, d in fields + sourced],
            "primaryKey": key,
            "missingValues": [""],
        },
    }


def descriptor() -> dict:
    """The whole data package, as a dict ready for JSON."""
    figures = _resource(
        "figures",
        "figures.csv",
        FIGURES,
        "Economic figures stated in the articles",
        "One row per distinct figure, with its period, metric, hedge, verbatim "
        "quote and character span; every span slices back to its mention.",
    )
    events_ = _resource(
        "events",
        "events.csv",
        EVENTS,
        "Dated events stated in the articles",
        "One row per dated event: date, precision, summary, category, actors, "
        "quote and span of the date expression.",
    )
    sources = _resource(
        "sources",
        "../sources.csv",
        SOURCES,
        "The source articles",
        "What is known about each file of data/raw/; unknown facts are empty.",
    )
    return {
        "$schema": PROFILE,
        "name": "korea-russia-economic-relations",
        "title": "South Korea–Russia economic relations: cited figures and political timeline",
        "description": "Economic figures and dated events from five articles (2018–2025), "
        "each row traceable to its sentence, with a sourced reference chronology "
        "and official trade statistics.",
        "version": __version__,
        "licenses": [LICENCE],
        "sources": [
            {
                "title": "Source articles in data/raw/ (see data/sources.csv)",
                "path": "../sources.csv",
            },
            {
                "title": "Researched reference facts (see data/reference/README.md)",
                "path": "../reference/README.md",
            },
        ],
        "keywords": ["South Korea", "Russia", "trade", "LNG", "investment", "sanctions"],
        "resources": [
            figures,
            events_,
            sources,
            _resource(
                "official_trade",
                "official_trade.csv",
                OFFICIAL,
                "Official trade series",
                "One value per year, side and metric, chosen from data/reference/trade_annual.csv "
                "by the rule in korea_russia.reference; gaps are left as gaps.",
                foreign=False,
            ),
            _resource(
                "claims",
                "claims.csv",
                CLAIMS,
                "Article figures against official statistics",
                "Each checkable figure with its official counterpart, difference and verdict "
                "(consistent, differs, unverifiable) and the reason.",
                foreign=True,
            ),
            _reference(
                "timeline",
                [
                    ("date", "string", "YYYY, YYYY-MM, YYYY-MM-DD or a day range"),
                    ("date_precision", "string", "year, month, day or day-range, with notes"),
                    ("event", "string", "what happened"),
                    (
                        "category",
                        "string",
                        "diplomacy, summit, sanctions, economy, presidency, conflict",
                    ),
                ],
                ["date", "event"],
                "Sourced chronology of the relationship, 1988–2025.",
            ),
            _reference(
                "presidents",
                [
                    ("country", "string", "KR or RU"),
                    ("name", "string", "president"),
                    ("role", "string", "president or acting"),
                    ("start", "string", "first day in office"),
                    ("end", "string", "last day; empty while in office"),
                    ("start_precision", "string", "day or month"),
                    ("end_precision", "string", "day, month or empty"),
                ],
                ["country", "name", "start"],
                "Presidential terms, acting presidents included.",
            ),
            _reference(
                "trade_annual",
                [
                    ("year", "integer", "calendar year"),
                    ("reporter", "string", "who reports: KR, RU, unclear"),
                    ("exports_kr_to_ru_usd", "number", "Korean exports to Russia, US$"),
                    ("imports_kr_from_ru_usd", "number", "Korean imports from Russia, US$"),
                    ("total_usd", "number", "bilateral trade, US$"),
                ],
                [
                    "year",
                    "reporter",
                    "source_title",
                    "exports_kr_to_ru_usd",
                    "imports_kr_from_ru_usd",
                    "total_usd",
                ],
                "Annual goods trade by reporter, one row per (year, reporter, source).",
            ),
            _reference(
                "lng_annual",
                [
                    ("year", "integer", "calendar year"),
                    ("tonnes", "number", "LNG from Russia, tonnes"),
                    ("rank_among_suppliers", "integer", "Russia's rank among suppliers"),
                ],
                ["year", "source_title", "tonnes", "rank_among_suppliers"],
                "South Korea's LNG imports from Russia as reported (mixed bases).",
            ),
            _reference(
                "investment",
                [
                    ("period", "string", "period or date the figure covers"),
                    ("value_usd", "number", "US$"),
                    ("kind", "string", "annual or cumulative"),
                ],
                ["period", "value_usd", "kind"],
                "Korean direct investment in Russia.",
            ),
        ],
    }


def to_json() -> str:
    """The descriptor as stable JSON text."""
    return json.dumps(descriptor(), ensure_ascii=False, indent=2) + "\n"
