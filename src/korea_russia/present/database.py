"""`data/processed/korea_russia.db`: every table of the data package in one SQLite database,
for browsing in Datasette (`korea-russia serve`), and the Datasette metadata for it.

Both come from the data package descriptor (`reports.descriptor`), so the database, its
metadata and `datapackage.json` cannot disagree: the same tables, titles, descriptions,
column descriptions and units, primary keys and foreign keys (`source_id` → sources).
Added for the browser: full-text search over quotes, mentions and event summaries; indexes
on the columns people filter by; each figure's source URL beside it (Datasette shows it as
a link); facets; and the canned queries a journalist asks first.

The database is built by `make` and not committed: it is derived entirely from the CSV
tables, which are committed and reviewed as text.
"""

import os
import tempfile
from pathlib import Path

import pandas as pd

from korea_russia import config, io

NAME = "korea_russia.db"
# Full-text search: the words a reader looks for.
SEARCH = {
    "figures": ["mention", "quote"],
    "events": ["summary", "quote", "actors"],
    "claims": ["mention", "quote", "note"],
    "timeline": ["event"],
}
INDEXES = {
    "figures": [["metric"], ["source_id"], ["period_start"], ["unit"], ["parties"]],
    "events": [["date_start"], ["category"], ["source_id"]],
    "claims": [["verdict"], ["metric"], ["source_id"]],
    "official_trade": [["metric"], ["side"]],
    "timeline": [["date"], ["category"]],
}
FACETS = {
    "figures": ["metric", "source_id", "unit", "measure"],
    "events": ["category", "source_id", "precision"],
    "claims": ["verdict", "metric", "source_id"],
    "official_trade": ["side", "metric"],
    "timeline": ["category"],
}
TRADE = ("bilateral_trade", "exports_kr_to_ru", "imports_kr_from_ru")
QUERIES = {
    "figures_for_a_year": {
        "title": "Figures for a year",
        "description": "Every figure whose period includes the year, with its source and quote.",
        "sql": "select figure_id, source_id, source_url, metric, measure, value, unit, "
        "period_start, period_end, qualifier, mention, quote from figures "
        "where substr(period_start, 1, 4) <= :year and substr(period_end, 1, 4) >= :year "
        "order by metric, source_id, start",
    },
    "what_each_source_says_about_trade": {
        "title": "What each source says about trade",
        "description": "Bilateral trade, exports and imports, source by source, in period order.",
        "sql": "select source_id, source_url, metric, measure, value, unit, period_start, "
        "period_end, qualifier, mention, quote from figures where metric in "
        f"({', '.join(repr(m) for m in TRADE)}) order by source_id, period_start, start",
    },
    "claims_that_differ": {
        "title": "Claims that differ from official statistics",
        "description": "Article figures the official statistics contradict: a level or change "
        "that differs, or a target the official value missed.",
        "sql": "select verdict, source_id, metric, mention, period_start, period_end, "
        "official_value, official_side, official_reporter, official_source_url, "
        "relative_difference, note, quote from claims "
        "where verdict in ('differs', 'missed') order by period_start, source_id",
    },
    "events_between_two_dates": {
        "title": "Events between two dates",
        "description": "Dated events overlapping the window (dates as YYYY-MM-DD; an event "
        "known to the month or year counts where that month or year overlaps).",
        "sql": "select date_start, date_end, precision, category, actors, summary, source_id, "
        "quote from events where date_end >= substr(:start, 1, length(date_end)) "
        "and date_start <= :end order by date_start, source_id, start",
    },
}


def paths(package: dict, processed: Path, sources: Path | None = None) -> dict[str, Path]:
    """Where each resource's CSV is: the package's paths are relative to data/processed/,
    whose tables may have been written elsewhere (`processed`, for `build --out`), beside
    the sources CSV (`sources`) and the reference tables."""
    out = {}
    for resource in package["resources"]:
        where = resource["path"]
        if where == "../sources.csv":
            out[resource["name"]] = sources or config.sources_csv()
        elif where.startswith("../reference/"):
            out[resource["name"]] = config.reference_dir() / where.removeprefix("../reference/")
        else:
            out[resource["name"]] = processed / where
    return out


def frames(package: dict, paths: dict[str, Path]) -> dict[str, pd.DataFrame]:
    """Every resource of the package, read from its CSV (`paths`: by resource name) with the
    types its schema gives: text stays text ("2024", "001"), numbers are numbers."""
    out = {}
    for resource in package["resources"]:
        fields = resource["schema"]["fields"]
        text = {f["name"]: str for f in fields}
        frame = pd.read_csv(paths[resource["name"]], dtype=text, keep_default_na=False)
        for field in fields:
            column = field["name"]
            if field["type"] in ("number", "integer") and column in frame:
                values = pd.to_numeric(frame[column].replace("", None))
                frame[column] = values.astype("Int64") if field["type"] == "integer" else values
        out[resource["name"]] = frame
    if "figures" in out and "sources" in out:
        urls = dict(zip(out["sources"]["source_id"], out["sources"]["url"], strict=True))
        figures = out["figures"]
        figures.insert(2, "source_url", figures["source_id"].map(urls).fillna(""))
    return out


def write(package: dict, paths: dict[str, Path], path: Path) -> Path:
    """Build the database at `path` from the tables at `paths` (by resource name), through a
    temporary file beside it (renamed into place when complete, so a reader never sees half
    a database)."""
    import sqlite_utils

    tables = frames(package, paths)
    prefix = f".{path.name}.{io.TEMP_TAG}{os.getpid()}-"  # what io.remove_stale_temporaries finds
    fd, tmp = tempfile.mkstemp(prefix=prefix, dir=path.parent)
    os.close(fd)
    try:
        db = sqlite_utils.Database(tmp, recreate=True)
        order = ["sources"] + [r["name"] for r in package["resources"] if r["name"] != "sources"]
        resources = {r["name"]: r for r in package["resources"]}
        for name in order:
            schema = resources[name]["schema"]
            frame = tables[name].astype(object).where(tables[name].notna(), None)
            foreign = [
                (k["fields"][0], k["reference"]["resource"], k["reference"]["fields"][0])
                for k in schema.get("foreignKeys", [])
            ]
            types = {f["name"]: f["type"] for f in schema["fields"]}
            sql = {"number": float, "integer": int}
            columns = {c: sql.get(types.get(c, "string"), str) for c in frame.columns}
            db[name].create(columns, pk=tuple(schema["primaryKey"]), foreign_keys=foreign)
            db[name].insert_all(frame.to_dict("records"))
            for index in INDEXES.get(name, []):
                db[name].create_index(index)
            if name in SEARCH:
                db[name].enable_fts(SEARCH[name], tokenize="porter")
        db.conn.commit()
        db.close()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def metadata(package: dict) -> dict:
    """Datasette's metadata: the package's title, licence and sources; every table's title
    and description, every column's description with its unit; facets and canned queries."""
    licence = package["licenses"][0]
    tables = {}
    for resource in package["resources"]:
        columns = {}
        for field in resource["schema"]["fields"]:
            unit = f" (unit: {field['unit']})" if field.get("unit") else ""
            columns[field["name"]] = field.get("description", "") + unit
        if resource["name"] == "figures":
            columns["source_url"] = "address of the source article (from sources.csv)"
        table = {
            "title": resource.get("title", resource["name"]),
            "description": resource.get("description", ""),
            "columns": columns,
        }
        if resource["name"] in FACETS:
            table["facets"] = FACETS[resource["name"]]
        if resource["name"] == "sources":
            table["label_column"] = "source_id"  # what a figure's source_id shows; never empty
        tables[resource["name"]] = table
    return {
        "title": package["title"],
        "description": package["description"],
        "license": licence["name"],
        "license_url": licence["path"],
        "source": "News articles in data/raw/ (data/sources.csv) and sourced reference tables "
        "(data/reference/README.md)",
        "databases": {Path(NAME).stem: {"tables": tables, "queries": QUERIES}},
    }
