"""Set each article figure beside the official statistic for the same thing and period.

Verdicts respect the article's qualifier:
- `consistent`: a plain figure within its tolerance of the official value (the larger of 5%
  and the rounding of the number as written, e.g. ±US$0.05bn for "US$11.4 billion"); an
  "around" figure within 10%; "over X" / "at least X" with the official value above X;
  "under X" / "up to X" with it below;
- `differs`: outside that;
- `unverifiable`: no official value for that metric and period in `data/reference/` —
  stated as such, never estimated from neighbouring years.
The Korean-side series (the rule in `korea_russia.reference`) decides; a Russian-side value
for the same year is shown beside it.
"""

import pandas as pd

from korea_russia import reference, registry, schemas
from korea_russia.analysis.hedges import APPROX_TOLERANCE, TOLERANCE, rounding

_FIGURE_COLUMNS = [c for c in schemas.CLAIMS.names if c in schemas.FIGURES.names]


def verdict(value: float, qualifier: str, official: float, tolerance: float) -> str:
    """consistent or differs, by the qualifier the article put on its number."""
    bound = registry.qualifier(qualifier).bound
    if bound == "lower":
        return "consistent" if official >= value else "differs"
    if bound == "upper":
        return "consistent" if official <= value else "differs"
    return "consistent" if abs(official - value) <= tolerance * official else "differs"


def _year(figure: pd.Series) -> int | None:
    """The one calendar year a figure covers, or None (no period, a range, part of a year, or
    a year only assumed from the publication date: the article does not say it)."""
    start, end = figure["period_start"], figure["period_end"]
    if not start or start != end or len(start) != 4:
        return None
    if figure.get("period_basis") == "publication":
        return None
    return int(start)


def _lookup(official: pd.DataFrame, metric: str, year: int, side: str) -> pd.Series | None:
    rows = official[
        (official["metric"] == metric) & (official["year"] == year) & (official["side"] == side)
    ]
    return rows.iloc[0] if len(rows) else None


def _unverifiable_note(figure: pd.Series, official: pd.DataFrame, lng: pd.DataFrame) -> str:
    """Why no comparison is possible, and what the reference data does hold nearby."""
    year = _year(figure)
    if figure["measure"] == "target":
        return "a target, not an observation" + (
            f"; no official total for {year} in the reference data" if year else ""
        )
    if not figure["period_start"]:
        return "the article gives no year"
    if figure.get("period_basis") == "publication":
        return "the article gives no year (its publication year is only assumed)"
    if figure["metric"] == "investment":
        return _investment_note(figure)
    if year is None:
        span = schemas.period_label(figure["period_start"], figure["period_end"])
        return f"no official figure for {span} in the reference data"
    if figure["metric"] in ("bilateral_trade", "exports_kr_to_ru", "imports_kr_from_ru"):
        exports = _lookup(official, "exports_kr_to_ru", year, "KR")
        known = (
            f"; only Korean exports are known: US${exports['value'] / 1e9:.2f}bn"
            f" ({reference_name(exports)})"
            if (exports is not None and figure["metric"] != "exports_kr_to_ru")
            else ""
        )
        return f"no official total for {year} in the reference data{known}"
    if figure["metric"] == "lng_imports":
        near = lng.dropna(subset=["tonnes"])
        near = near.iloc[(near["year"] - year).abs().argsort()[:2]].sort_values("year")
        seen = ", ".join(
            f"{int(t / 1e5) / 10:g} Mt in {y}"
            for y, t in zip(near["year"], near["tonnes"], strict=True)
        )
        return f"no reported tonnage for {year}; nearest reported: {seen} (mixed bases)"
    return f"no official figure for {year}"


def _investment_note(figure: pd.Series) -> str:
    """What the reference data holds for cumulative Korean investment in Russia."""
    stocks = reference.investment()
    stocks = stocks[stocks["kind"] == "cumulative"]
    held = "; ".join(
        f"US${float(v) / 1e9:g}bn ({p})"
        for p, v in zip(stocks["period"], stocks["value_usd"], strict=True)
    )
    span = schemas.period_label(figure["period_start"], figure["period_end"])
    return f"no official cumulative figure for {span}; the reference data holds {held}"


def reference_name(row: pd.Series) -> str:
    """ "KITA" from "KR (KITA, Korean customs basis)" (data/reference/reporters.csv)."""
    return reference.reporter_name(row["reporter"])


def _reason(figure: pd.Series, official_row: pd.Series, other: pd.Series | None, rel: float) -> str:
    """The likely reasons for a gap, or what makes a match."""
    notes = []
    if "service" in figure["quote"].lower():
        notes.append("the article counts goods and services; the official figure is goods only")
    if official_row["rule"] == "derived":
        notes.append("official total = Korean exports + imports (two sources)")
    if other is not None:
        notes.append(f"Russian side reports US${other['value'] / 1e9:.2f}bn")
    qualifier = registry.qualifier(figure["qualifier"])
    if qualifier.bound:
        notes.append(f"the article gives a bound ({qualifier.text.strip()})")
    elif abs(rel) > 0:
        notes.append(f"{rel:+.1%} from the official value")
    return "; ".join(notes)


def check(
    figures: pd.DataFrame, official: pd.DataFrame | None = None, lng: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per checkable article figure with its official counterpart and verdict."""
    official = reference.official_trade() if official is None else official
    lng = reference.lng() if lng is None else lng
    checkable = [m.name for m in registry.metrics() if m.checkable]
    rows = []
    for _, f in figures[
        figures["metric"].isin(checkable) & (figures["unit"] != "percent")
    ].iterrows():
        year = _year(f)
        level = bool(year) and f["measure"] == "level"
        main = _lookup(official, f["metric"], year, "KR") if level else None
        other = _lookup(official, f["metric"], year, "RU") if level else None
        if main is None and other is not None:
            main, other = other, None
        row = {k: f[k] for k in _FIGURE_COLUMNS}
        if f.get("period_basis") == "publication":
            # A claim is checked for the period the article states; an assumed one is none.
            row.update(period_start="", period_end="")
        if main is None:
            row.update(verdict="unverifiable", note=_unverifiable_note(f, official, lng))
            rows.append(row)
            continue
        qualifier = registry.qualifier(f["qualifier"])
        tolerance = (
            APPROX_TOLERANCE
            if qualifier.approx
            else max(TOLERANCE, rounding(f["mention"], f["value"]))
        )
        difference = f["value"] - main["value"]
        relative = difference / main["value"]
        row.update(
            official_value=float(main["value"]),
            official_side=main["side"],
            official_reporter=main["reporter"],
            official_source_title=main["source_title"],
            official_source_url=main["source_url"],
            other_side_value=float(other["value"]) if other is not None else None,
            other_side_reporter=other["reporter"] if other is not None else "",
            difference=float(difference),
            relative_difference=round(float(relative), 6),
            tolerance=round(tolerance, 6),
            verdict=verdict(f["value"], f["qualifier"], main["value"], tolerance),
            note=_reason(f, main, other, relative),
        )
        rows.append(row)
    columns = schemas.CLAIMS.columns
    empty = {c.name: (None if c.dtype == "float" else "") for c in columns}
    frame = pd.DataFrame([{**empty, **r} for r in rows], columns=[c.name for c in columns])
    return frame.sort_values(
        ["metric", "period_start", "source_id", "figure_id"], ignore_index=True
    )
