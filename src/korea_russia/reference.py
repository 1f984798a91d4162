"""Reference data from outside the corpus: presidential terms, the chronology, official trade
series built from `data/reference/trade_annual.csv` by a documented rule, LNG, energy imports,
investment and the exchange rates used to compare figures in other currencies.

Who reports each trade row is a table of its own, `data/reference/reporters.csv`: the reporter
as trade_annual.csv names it, its side (KR: Korean statistics and officials; RU: Russian;
empty: not used), a short name, its priority within its side (1 first), and its kind
(customs, statistics, an official's statement, media).

Periods: a `year` cell is a full calendar year (`2024`), a month (`2022-03`), a range of
months or days (`2024-01/2024-07`), or two years combined (`2009-2010 (two years
combined)`). Every value keeps its period: a partial year is never made into a full one.

The rule, per period and side, for each of exports, imports and the total:
- exports and imports: the value of the highest-priority reporter that states one (Korean
  side: Korea Customs Service and the COW copy of Korean customs imports, then KITA, then
  IMF DOTS as Korea reports it, KOTRA, the finance ministry, the embassy…; Russian side:
  IMF DOTS as Russia reports it, then the COW mirror, then officials);
- the total: a total stated by a statistics or customs source, by priority; else exports plus
  imports chosen above when both come from statistics or customs (`rule = derived`); else a
  total stated by an official or the media, by priority;
- periods with none of these stay missing: gaps in every chart, never interpolated.
Rows whose reporter has no side (`unclear`, unattributed, a stated lower bound) are not used.
"""

import calendar
import re
from pathlib import Path

import pandas as pd

from korea_russia import config
from korea_russia.errors import InputError, display

_SOURCE_COLUMNS = ["source_title", "source_url", "source_quote"]


# The columns each reference table must have (more are allowed); actors.csv is read by the
# events extractor, which checks the same columns.
COLUMNS = {
    "actors.csv": ["actor", "alias", "kind"],
    "energy_imports.csv": [
        "period",
        "commodity",
        "reporter",
        "quantity",
        "quantity_unit",
        "value_usd",
        "share_pct",
        "share_basis",
        *_SOURCE_COLUMNS,
    ],
    "exchange_rates.csv": ["year", "currency", "per_usd", *_SOURCE_COLUMNS],
    "investment.csv": ["period", "value_usd", "kind", *_SOURCE_COLUMNS],
    "lng_annual.csv": [
        "year",
        "tonnes",
        "rank_among_suppliers",
        "basis",
        "publisher",
        *_SOURCE_COLUMNS,
    ],
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


_PERIOD = re.compile(r"(\d{4}(?:-\d{2}){0,2})(?:/(\d{4}(?:-\d{2}){0,2}))?")
_YEARS = re.compile(r"(\d{4})-(\d{4})\b")


def period(cell: str) -> tuple[str, str] | None:
    """(start, end) of a period cell: "2024" -> ("2024", "2024"); "2024-01/2024-07" ->
    ("2024-01", "2024-07"); "2009-2010 (two years combined)" -> ("2009", "2010"). None for
    anything else (a cumulative cut-off such as "to 2008-06")."""
    cell = cell.strip()
    whole = _PERIOD.fullmatch(cell)
    if whole:
        return whole[1], whole[2] or whole[1]
    years = _YEARS.match(cell)
    if years and int(years[1]) < int(years[2]):
        return years[1], years[2]
    return None


def full_year(start: str, end: str) -> bool:
    """A period that is one whole calendar year."""
    return len(start) == 4 and start == end


def period_label(start: str, end: str) -> str:
    """How a person reads a period: "2024", "Mar 2022", "Jan–Jul 2024", "2009–2010",
    "Nov 2023–Feb 2024", "24 Feb–31 Jul 2022"."""
    if not start:
        return ""

    def words(day: str) -> list[str]:
        parts = day.split("-")
        out = [parts[0]]
        if len(parts) > 1:
            out.insert(0, calendar.month_abbr[int(parts[1])])
        if len(parts) > 2:
            out.insert(0, str(int(parts[2])))
        return out

    a, b = words(start), words(end)
    if a == b:
        return " ".join(a)
    if a[-1] == b[-1] and len(a) == len(b):
        return f"{' '.join(a[:-1])}–{' '.join(b)}"
    return f"{' '.join(a)}–{' '.join(b)}"


_FLOWS = (
    ("exports_kr_to_ru_usd", "exports_kr_to_ru"),
    ("imports_kr_from_ru_usd", "imports_kr_from_ru"),
)
_STATISTICS = ("customs", "statistics")


def official_trade(folder: Path | None = None) -> pd.DataFrame:
    """One row per (period, side, metric): the official value by the rule in this module's doc.

    Columns: year (the period's first year), period_start, period_end, side, metric
    (bilateral_trade, exports_kr_to_ru, imports_kr_from_ru), value (USD), rule (stated or
    derived), reporter, and the source columns.
    """
    raw = _read("trade_annual.csv", folder)
    who = reporters(folder).set_index("reporter")
    unknown = sorted(set(raw["reporter"]) - set(who.index))
    if unknown:
        raise InputError("data/reference/reporters.csv", f"no row for reporter {unknown[0]!r}")
    raw = raw.join(who[["side", "priority", "kind"]], on="reporter")
    raw = raw[raw["side"] != ""]
    rows = []
    for (cell, side), group in raw.groupby(["year", "side"], sort=True):
        span = period(cell)
        if span is None:
            where = display((folder or config.reference_dir()) / "trade_annual.csv")
            raise InputError(where, f"year {cell!r} is not a year or a period")
        ranked = group.sort_values("priority", kind="stable")
        chosen = {}
        for column, metric in _FLOWS:
            stated = ranked[ranked[column] != ""]
            if len(stated):
                chosen[metric] = best = stated.iloc[0]
                rows.append(_row(span, side, metric, float(best[column]), "stated", best))
        totals = ranked[ranked["total_usd"] != ""]
        counted = totals[totals["kind"].isin(_STATISTICS)]
        if len(counted):
            best = counted.iloc[0]
            rows.append(
                _row(span, side, "bilateral_trade", float(best["total_usd"]), "stated", best)
            )
        elif len(chosen) == 2 and all(r["kind"] in _STATISTICS for r in chosen.values()):
            rows.append(
                _derived(span, side, chosen["exports_kr_to_ru"], chosen["imports_kr_from_ru"])
            )
        elif len(totals):
            best = totals.iloc[0]
            rows.append(
                _row(span, side, "bilateral_trade", float(best["total_usd"]), "stated", best)
            )
    return pd.DataFrame(rows).sort_values(
        ["side", "metric", "period_start", "period_end"], ignore_index=True
    )


def _row(span: tuple[str, str], side: str, metric: str, value: float, rule: str, src) -> dict:
    return {
        "year": int(span[0][:4]),
        "period_start": span[0],
        "period_end": span[1],
        "side": side,
        "metric": metric,
        "value": value,
        "rule": rule,
        "reporter": src["reporter"],
        **{c: src[c] for c in _SOURCE_COLUMNS},
    }


def _derived(span: tuple[str, str], side: str, e: pd.Series, i: pd.Series) -> dict:
    """A total as exports + imports of one side and period (two rows, both quoted)."""
    value = float(e["exports_kr_to_ru_usd"]) + float(i["imports_kr_from_ru_usd"])
    row = _row(span, side, "bilateral_trade", value, "derived", e)
    if e["source_quote"] == i["source_quote"]:
        title, quote = e["source_title"], e["source_quote"]
    else:
        title = f"{e['source_title']} (exports) + {i['source_title']} (imports)"
        quote = f"{e['source_quote']} | {i['source_quote']}"
    reporter = (
        e["reporter"]
        if e["reporter"] == i["reporter"]
        else (f"exports: {e['reporter']} + imports: {i['reporter']}")
    )
    return {**row, "reporter": reporter, "source_title": title, "source_quote": quote}


def full_year_mask(frame: pd.DataFrame) -> pd.Series:
    """True for the rows of a table with period_start/period_end that cover one whole year."""
    starts, ends = frame["period_start"], frame["period_end"]
    return (starts.str.len() == 4) & (starts == ends)


def full_years(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of a table with period_start/period_end that cover one whole calendar year."""
    return frame[full_year_mask(frame)]


def _periods(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    spans = [period(cell) or ("", "") for cell in frame[column]]
    frame["period_start"] = [s for s, _ in spans]
    frame["period_end"] = [e for _, e in spans]
    return frame


def lng(folder: Path | None = None) -> pd.DataFrame:
    """South Korea's LNG imports from Russia as reported (mixed bases, see `basis`: plan,
    contract, exporter, importer; points, not a line), with each row's period."""
    frame = _periods(_read("lng_annual.csv", folder), "year")
    frame["full_year"] = full_year_mask(frame)
    frame["year"] = frame["period_start"].str[:4].astype(int)
    frame["tonnes"] = pd.to_numeric(frame["tonnes"], errors="coerce")
    return frame


def energy_imports(folder: Path | None = None) -> pd.DataFrame:
    """Korea's imports of Russian crude oil, naphtha, coal, LNG… by value, volume or share."""
    frame = _periods(_read("energy_imports.csv", folder), "period")
    for column in ("quantity", "value_usd", "share_pct"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame


def investment(folder: Path | None = None) -> pd.DataFrame:
    """Direct investment as reported, with `direction` (KR->RU: Korean investment in Russia;
    RU->KR: Russian investment in Korea), `stock` (cumulative or annual) and, for a stock, the
    `cutoff` year it runs to (empty where the source does not state one)."""
    frame = _read("investment.csv", folder)
    kind = frame["kind"].str.lower()
    frame["direction"] = ["RU->KR" if "ru fdi" in k else "KR->RU" for k in kind]
    cumulative = [
        k.startswith("cumulative") or "stock" in k or p.startswith("to ") or "–" in p
        for k, p in zip(kind, frame["period"], strict=True)
    ]
    frame["stock"] = ["cumulative" if c else "annual" for c in cumulative]
    frame["cutoff"] = [
        _cutoff(p) if c else "" for p, c in zip(frame["period"], cumulative, strict=True)
    ]
    frame["value_usd"] = pd.to_numeric(frame["value_usd"], errors="coerce")
    return _periods(frame, "period")


def _cutoff(cell: str) -> str:
    """The year a cumulative stock runs to: "to 2008-06 (end-June 2008)" -> "2008"; "2013" ->
    "2013"; "1990–2020 (30 years)" -> "2020"; "to c.2015 (…; cut-off not stated)" -> ""."""
    if "c." in cell or "not stated" in cell:
        return ""
    head = cell.split("(")[0]
    years = re.findall(r"\d{4}", head)
    return years[-1] if years else ""


def exchange_rates(folder: Path | None = None) -> pd.DataFrame:
    """Annual average exchange rates: units of `currency` per US dollar, each with its source."""
    frame = _read("exchange_rates.csv", folder)
    frame["year"] = frame["year"].astype(int)
    frame["per_usd"] = frame["per_usd"].astype(float)
    return frame


# The events each chart annotates (an editorial choice; every row comes from timeline.csv).
def key_events(chart: str, folder: Path | None = None) -> pd.DataFrame:
    """The chronology rows a chart marks (`chart` in their `charts` column: "trade",
    "energy"), each with its short `label`, in date order."""
    rows = timeline(folder)
    chosen = rows[rows["charts"].str.split().apply(lambda charts: chart in charts)]
    return chosen.sort_values("date", ignore_index=True)
