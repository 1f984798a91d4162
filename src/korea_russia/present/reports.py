"""Reports generated from the tables and the schemas: `reports/figures.md` (the register of
every figure), the README's generated blocks (citations, data dictionary), and
`data/processed/datapackage.json`, a Frictionless Data Package (v2) describing every table,
its fields, units, allowed values, keys, sources and licence."""

import json
from collections.abc import Mapping

import pandas as pd

from korea_russia import __version__, registry, schemas
from korea_russia.analysis import citations
from korea_russia.schemas import Column, Schema

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
_TYPES = {"str": "string", "int": "integer", "float": "number"}


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
    if column.unit:
        field["unit"] = column.unit
    return field


def _resource(schema: Schema, path: str, foreign: bool = True) -> dict:
    """A tabular resource with its schema; empty cells are missing values."""
    table = {
        "fields": [_field(c) for c in schema.columns],
        "primaryKey": list(schema.primary_key),
        "missingValues": [""],
    }
    if foreign and "source_id" in schema.names and schema.name != "sources":
        table["foreignKeys"] = [
            {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}}
        ]
    return {
        "name": schema.name,
        "type": "table",
        "path": path,
        "scheme": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": schema.title,
        "description": schema.description,
        "schema": table,
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


def descriptor(
    documents: pd.DataFrame | None = None, hashes: Mapping[str, str] | None = None
) -> dict:
    """The whole data package, as a dict ready for JSON; `documents` (documents.csv) gives
    the description its count of articles and their years; `hashes` maps a resource's path
    to the SHA-256 of the file the same build wrote, which readers check (io.check_build)."""
    what = "the articles in data/raw/"
    if documents is not None and len(documents):
        years = sorted(y for y in documents["published"].str[:4] if y)
        span = f", {years[0]}–{years[-1]}" if years else ""
        what = f"{len(documents)} articles{span}"
    package = {
        "$schema": PROFILE,
        "name": "korea-russia-economic-relations",
        "title": "South Korea–Russia economic relations: cited figures and political timeline",
        "description": f"Economic figures and dated events from {what}, each row traceable "
        "to its sentence, with a sourced reference chronology and official trade statistics.",
        "version": __version__,
        "licenses": [schemas.LICENCE],
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
            _resource(schemas.FIGURES, "figures.csv"),
            _resource(schemas.EVENTS, "events.csv"),
            _resource(schemas.SOURCES, "../sources.csv"),
            _resource(schemas.DOCUMENTS, "documents.csv"),
            _resource(schemas.OFFICIAL, "official_trade.csv", foreign=False),
            _resource(schemas.CLAIMS, "claims.csv"),
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
                    (
                        "label",
                        "string",
                        "short name a chart writes beside a key event; empty: none",
                    ),
                    ("charts", "string", "time-series charts that mark it: trade, energy"),
                ],
                ["date", "event"],
                "Sourced chronology of the relationship.",
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
                    (
                        "year",
                        "string",
                        "calendar year (YYYY) or the period a partial figure covers "
                        "(YYYY-MM, YYYY-MM/YYYY-MM)",
                    ),
                    ("reporter", "string", "who reports (reporters.csv)"),
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
                    ("year", "string", "calendar year, a month, or years combined"),
                    ("tonnes", "number", "LNG from Russia, tonnes"),
                    ("rank_among_suppliers", "integer", "Russia's rank among suppliers"),
                    ("basis", "string", "plan, contract, exporter or importer"),
                    ("publisher", "string", "outlet or company that reported it"),
                ],
                ["year", "source_title", "tonnes", "rank_among_suppliers"],
                "South Korea's LNG imports from Russia as reported (mixed bases).",
            ),
            _reference(
                "investment",
                [
                    ("period", "string", "period or date the figure covers"),
                    ("value_usd", "number", "US$"),
                    ("kind", "string", "annual or cumulative, and the direction"),
                ],
                ["period", "value_usd", "kind"],
                "Direct investment: Korean investment in Russia and Russian investment in Korea.",
            ),
            _reference(
                "energy_imports",
                [
                    ("period", "string", "a year, month or range the row covers"),
                    ("commodity", "string", "crude oil, naphtha, coal, LNG…"),
                    ("reporter", "string", "whose figure: KR, RU, estimates"),
                    ("quantity", "number", "in quantity_unit"),
                    ("quantity_unit", "string", "barrels, tonnes, short tons"),
                    ("value_usd", "number", "US$"),
                    ("share_pct", "number", "percent of share_basis"),
                    ("share_basis", "string", "what the share is of"),
                ],
                [
                    "period",
                    "commodity",
                    "reporter",
                    "source_title",
                    "quantity",
                    "quantity_unit",
                    "value_usd",
                    "share_pct",
                ],
                "Korea's imports of Russian energy by commodity: value, volume or share.",
            ),
            _reference(
                "exchange_rates",
                [
                    ("year", "integer", "calendar year"),
                    ("currency", "string", "ISO code"),
                    ("per_usd", "number", "annual average, units of currency per US dollar"),
                ],
                ["year", "currency"],
                "Annual average exchange rates used to compare figures in other currencies.",
            ),
            _resource(schemas.REPORTERS, "../reference/reporters.csv", foreign=False),
            _resource(schemas.ACTORS, "../reference/actors.csv", foreign=False),
        ],
    }
    for resource in package["resources"]:
        if hashes and resource["path"] in hashes:
            resource["hash"] = f"sha256:{hashes[resource['path']]}"
    return package


def to_json(documents: pd.DataFrame | None = None, hashes: Mapping[str, str] | None = None) -> str:
    """The descriptor as stable JSON text."""
    return json.dumps(descriptor(documents, hashes), ensure_ascii=False, indent=2) + "\n"


def register(figures: pd.DataFrame, table: citations.Sources | None = None) -> str:
    """reports/figures.md: every figure grouped by metric, as written and normalised, with its
    period, source and verbatim quote."""
    table = table if table is not None else citations.sources()
    lines = [
        "# Register of figures",
        "",
        "Every economic figure in `data/processed/figures.csv`, grouped by metric. Regenerated by",
        "`make`; cite a figure with `korea-russia cite --id FIGURE_ID`.",
        "",
    ]
    for metric in registry.metric_names():
        rows = figures[figures["metric"] == metric].sort_values(
            ["period_start", "source_id", "figure_id"]
        )
        if rows.empty:
            continue
        lines += [f"## {metric.replace('_', ' ').capitalize()} ({len(rows)})", ""]
        for r in rows.to_dict("records"):
            value = f"{r['value']:,.0f}" if float(r["value"]).is_integer() else f"{r['value']:,}"
            qualifier = f", {r['qualifier']}" if r["qualifier"] else ""
            period = schemas.period_label(r["period_start"], r["period_end"], "no period stated")
            source = citations.short(r["source_id"], table)
            lines += [
                f"### {r['mention']} — {period}",
                "",
                f"- normalised: {value} {r['unit']} ({r['measure']}{qualifier})",
                f"- source: {source}; `{r['figure_id']}`, characters "
                f"{r['start']}–{r['end']} of `{r['source_id']}`",
                f"- quote: “{r['quote']}”",
                "",
            ]
    return "\n".join(lines)


README_START = "<!-- citations: generated by `korea-russia build` from data/sources.csv -->"
README_END = "<!-- end of citations -->"


def readme_block(table: citations.Sources | None = None) -> str:
    """The README's list of sources in the long citation form, between its markers."""
    table = table if table is not None else citations.sources()
    ordered = sorted(table, key=lambda i: (table[i]["published"], i))
    lines = [README_START, ""]
    lines += [f"- `{i}`: {_markdown_safe(citations.long(i, table))}" for i in ordered]
    return "\n".join([*lines, "", README_END])


def _markdown_safe(text: str) -> str:
    """One line of Markdown that renders as the text it is: no HTML (a title's "<script>" or
    "<!-- end of citations -->" is shown, not obeyed) and no line breaks."""
    return " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _replace_block(text: str, start: str, end: str, block: str) -> str:
    """`text` with the part from marker `start` to marker `end` replaced by `block`."""
    if start not in text or end not in text:
        return text
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return head + block + tail


DICTIONARY_START = (
    "<!-- data dictionary: generated by `korea-russia build` from korea_russia.schemas -->"
)
DICTIONARY_END = "<!-- end of data dictionary -->"
_WHERE = {"sources": "data/sources.csv"}


def dictionary_block() -> str:
    """The README's data dictionary: one table per schema, from the schemas themselves."""
    lines = [DICTIONARY_START, ""]
    for schema in schemas.built():
        path = _WHERE.get(schema.name, f"data/processed/{schema.name}.csv")
        also = " (and `figures.parquet`, the same table)" if schema.name == "figures" else ""
        key = ", ".join(f"`{k}`" for k in schema.primary_key)
        lines += [f"`{path}`{also} — {schema.description} Key: {key}.", ""]
        lines += ["| column | meaning | unit / format |", "|---|---|---|"]
        for c in schema.columns:
            allowed = ", ".join(f"`{a}`" for a in c.allowed if a)
            unit = c.unit or allowed
            optional = "" if c.required else " (may be empty)"
            lines.append(f"| `{c.name}` | {c.description}{optional} | {unit} |")
        lines.append("")
    return "\n".join([*lines, DICTIONARY_END])


def update_readme(text: str, table: citations.Sources | None = None) -> str:
    """README text with its generated blocks (citations, data dictionary) replaced; a README
    without the markers is returned unchanged."""
    text = _replace_block(text, README_START, README_END, readme_block(table))
    return _replace_block(text, DICTIONARY_START, DICTIONARY_END, dictionary_block())
