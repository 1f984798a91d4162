"""Reference data from outside the corpus: presidential terms, the chronology, and tidy
official trade series built from `data/reference/trade_annual.csv` by a documented rule.

Who reports each row is a table of its own, `data/reference/reporters.csv`: the reporter as
trade_annual.csv names it, its side (KR: Korean statistics and officials; RU: Russian; empty:
not used), a short name, its priority within its side, and its kind (customs statistics,
other statistics, an official's statement, media).

The rule, per year and side:
- a total stated by a source wins, the one of the highest priority (Korean side: KITA,
  then KOTRA, the finance ministry, the embassy, other Korean sources, officials' speeches
  last; Russian side: the Federal Customs Service, then officials, then media);
- exports and imports come from customs statistics where a year has them (Korea Customs
  Service via KOSIS and the COW mirror of it; on the Russian side the COW mirror of
  Russia's imports, i.e. Korean exports as Russia records them), else by priority;
- with no stated Korean total, exports plus imports from customs give a derived total
  (`rule = derived`), for the years that have both;
- years with none of these stay missing: they are gaps in every chart, never interpolated.
Rows whose reporter has no side (`unclear`, unattributed) are not used for the series.
"""

from pathlib import Path

import pandas as pd

from korea_russia import config
from korea_russia.errors import InputError, display

_SOURCE_COLUMNS = ["source_title", "source_url", "source_quote"]


# The columns each reference table must have (more are allowed); actors.csv is read by the
# events extractor, which checks the same columns.
COLUMNS = {
    "actors.csv": ["actor", "alias", "kind"],
    "investment.csv": ["period", "value_usd", "kind", *_SOURCE_COLUMNS],
    "lng_annual.csv": ["year", "tonnes", "rank_among_suppliers", "publisher", *_SOURCE_COLUMNS],
    "presidents.csv": ["country", "name", "role", "start", "end", *_SOURCE_COLUMNS],
    "reporters.csv": ["reporter", "side", "name", "priority", "kind"],
    "timeline.csv": [
        "date",
        "date_precision",
        "event",
        "category",
        "label",
        "charts",
        *_SOURCE_COLUMNS,
    ],
    "trade_annual.csv": [
        "year",
        "reporter",
        "exports_kr_to_ru_usd",
        "imports_kr_from_ru_usd",
        "total_usd",
        *_SOURCE_COLUMNS,
    ],
}


def _read(name: str, folder: Path | None = None) -> pd.DataFrame:
    path = (folder or config.reference_dir()) / name
    where = display(path)
    if not path.is_file():
        raise InputError(where, "reference table not found")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (ValueError, pd.errors.ParserError) as exc:  # UnicodeDecodeError is a ValueError
        why = "not UTF-8" if isinstance(exc, UnicodeDecodeError) else str(exc).splitlines()[0]
        raise InputError(where, f"is not a readable CSV table ({why})") from None
    missing = [c for c in COLUMNS.get(name, []) if c not in frame.columns]
    if missing:
        raise InputError(where, f"missing column(s): {', '.join(missing)}")
    return frame


def presidents(folder: Path | None = None) -> pd.DataFrame:
    """Presidential terms (KR and RU), with acting presidents, in order."""
    return _read("presidents.csv", folder)


def timeline(folder: Path | None = None) -> pd.DataFrame:
    """The sourced chronology of the relationship; `label` is the short name a chart writes
    beside a key event (empty: not labelled), `charts` the time-series charts that mark it."""
    return _read("timeline.csv", folder)


def reporters(folder: Path | None = None) -> pd.DataFrame:
    """Who reports each trade_annual.csv row: side, short name, priority and kind."""
    frame = _read("reporters.csv", folder)
    frame["priority"] = pd.to_numeric(frame["priority"]).fillna(99).astype(int)
    return frame


def reporter_name(reporter: str, table: pd.DataFrame | None = None) -> str:
    """The short name of a reporter ("KITA"); a derived total names both its sources."""
    table = reporters() if table is None else table
    names = dict(zip(table["reporter"], table["name"], strict=True))
    if reporter.startswith("exports: "):
        exports, imports = reporter.removeprefix("exports: ").split(" + imports: ")
        return f"{names.get(exports, exports)} exports + {names.get(imports, imports)} imports"
    return names.get(reporter, reporter)


def official_trade(folder: Path | None = None) -> pd.DataFrame:
    """One row per (year, side, metric): the official value by the rule in this module's doc.

    Columns: year, side, metric (bilateral_trade, exports_kr_to_ru, imports_kr_from_ru),
    value (USD), rule (stated or derived), reporter, and the source columns.
    """
    raw = _read("trade_annual.csv", folder)
    who = reporters(folder).set_index("reporter")
    unknown = sorted(set(raw["reporter"]) - set(who.index))
    if unknown:
        raise InputError("data/reference/reporters.csv", f"no row for reporter {unknown[0]!r}")
    raw = raw.join(who[["side", "priority", "kind"]], on="reporter")
    raw = raw[raw["side"] != ""]
    rows = []
    for (year, side), group in raw.groupby(["year", "side"], sort=True):
        ranked = group.sort_values("priority", kind="stable")
        for column, metric in (
            ("total_usd", "bilateral_trade"),
            ("exports_kr_to_ru_usd", "exports_kr_to_ru"),
            ("imports_kr_from_ru_usd", "imports_kr_from_ru"),
        ):
            stated = ranked[ranked[column] != ""]
            if metric != "bilateral_trade":
                customs = stated[stated["kind"] == "customs"]
                stated = customs if len(customs) else stated
            if len(stated):
                best = stated.iloc[0]
                rows.append(_row(int(year), side, metric, float(best[column]), "stated", best))
    frame = pd.DataFrame(rows)
    return _add_derived_totals(frame).sort_values(["side", "metric", "year"], ignore_index=True)


def _row(year: int, side: str, metric: str, value: float, rule: str, src: pd.Series) -> dict:
    return {
        "year": year,
        "side": side,
        "metric": metric,
        "value": value,
        "rule": rule,
        "reporter": src["reporter"],
        **{c: src[c] for c in _SOURCE_COLUMNS},
    }


def _add_derived_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Korean totals as exports + imports for years with both and no stated total."""
    kr = frame[frame["side"] == "KR"]
    have_total = set(kr.loc[kr["metric"] == "bilateral_trade", "year"])
    exports = kr[kr["metric"] == "exports_kr_to_ru"].set_index("year")
    imports = kr[kr["metric"] == "imports_kr_from_ru"].set_index("year")
    derived = []
    for year in sorted(set(exports.index) & set(imports.index) - have_total):
        e, i = exports.loc[year], imports.loc[year]
        derived.append(
            {
                "year": year,
                "side": "KR",
                "metric": "bilateral_trade",
                "value": float(e["value"]) + float(i["value"]),
                "rule": "derived",
                "reporter": f"exports: {e['reporter']} + imports: {i['reporter']}",
                "source_title": f"{e['source_title']} (exports + imports)",
                "source_url": e["source_url"],
                "source_quote": f"{e['source_quote']} | {i['source_quote']}",
            }
        )
    return pd.concat([frame, pd.DataFrame(derived)], ignore_index=True)


def lng(folder: Path | None = None) -> pd.DataFrame:
    """South Korea's LNG imports from Russia as reported (mixed bases: points, not a line)."""
    frame = _read("lng_annual.csv", folder)
    frame["year"] = frame["year"].astype(int)
    frame["tonnes"] = pd.to_numeric(frame["tonnes"], errors="coerce")
    return frame


def investment(folder: Path | None = None) -> pd.DataFrame:
    """Korean direct investment in Russia: annual flows and cumulative stocks as reported."""
    return _read("investment.csv", folder)


# The events each chart annotates (an editorial choice; every row comes from timeline.csv).
def key_events(chart: str, folder: Path | None = None) -> pd.DataFrame:
    """The chronology rows a chart marks (`chart` in their `charts` column: "trade",
    "energy"), each with its short `label`, in date order."""
    rows = timeline(folder)
    chosen = rows[rows["charts"].str.split().apply(lambda charts: chart in charts)]
    return chosen.sort_values("date", ignore_index=True)
