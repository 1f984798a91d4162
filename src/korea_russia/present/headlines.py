"""One headline per notebook, computed from the tables: a chart's title and lead sentence say
what the data says now, whatever articles have been added. Each takes the rows the notebook
drew and returns one sentence; none assumes how many articles there are."""

import pandas as pd

from korea_russia import reference, registry
from korea_russia.analysis import citations
from korea_russia.present import views

BN = 1e9


def _n(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def _span(years: pd.Series) -> str:
    years = sorted({int(y) for y in years if str(y)[:4].isdigit()})
    if not years:
        return "undated"
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def corpus(documents: pd.DataFrame) -> str:
    """ "7 articles from 6 outlets, 2018–2026: 8,100 words"."""
    outlets = documents.loc[documents["outlet"] != "", "outlet"].nunique()
    years = documents["published"].str[:4]
    words = int(documents["words"].astype(int).sum())
    return (
        f"{_n(len(documents), 'article')} from {_n(outlets, 'outlet')}, "
        f"{_span(years)}: {words:,} words"
    )


def figures(figures_: pd.DataFrame, documents: pd.DataFrame) -> str:
    """ "3 of the 7 articles state Korea–Russia economic figures: 15 in all"."""
    stating = figures_["source_id"].nunique()
    return (
        f"{stating} of the {_n(len(documents), 'article')} state Korea–Russia economic figures: "
        f"{len(figures_):,} in all"
    )


def disagreement(figures_: pd.DataFrame) -> str:
    """Whether any two sources disagree on the same metric and period (citations rule)."""
    pairs = citations.disagreements(figures_.to_dict("records"))
    if not pairs:
        return "No two sources state values outside each other's hedge for the same period."
    lines = [f"{len(pairs)} disagreement(s) between sources:"]
    for a, b in pairs:
        lines.append(
            f"- {a['metric']} {a['period_start']}: {citations.said(a)} "
            f"({citations.short(a['source_id'])}) against {citations.said(b)} "
            f"({citations.short(b['source_id'])})"
        )
    return "\n".join(lines)


def _money(value: float) -> str:
    """Money for a headline, to three significant figures ("US$27.3bn")."""
    return f"US${value / BN:,.3g}bn"


def trade(figures_: pd.DataFrame, official: pd.DataFrame) -> str:
    """The latest year the articles give a trade total for, against the official peak."""
    placed = views.trade_points(figures_)
    trade_ = reference.full_years(official)
    trade_ = trade_[(trade_["metric"] == "bilateral_trade") & (trade_["side"] == "KR")]
    kr = trade_.set_index("year")["value"]
    official = f"official Korean totals peak at {_money(kr.max())} in {kr.idxmax()}"
    levels = placed[placed["measure"] == "level"]
    if levels.empty:
        return f"Bilateral trade: the {official}; no article gives a dated total"
    year = levels["period_end"].str[:4].max()
    latest = levels[levels["period_end"].str[:4] == year]
    if latest["value"].nunique() == 1:
        row = latest.iloc[0]
        said = f"total is {registry.qualifier(row['qualifier']).text}{_money(row['value'])}"
    else:
        low, high = latest["value"].min(), latest["value"].max()
        said = f"totals run US${low / BN:,.3g}–{high / BN:,.3g}bn"
    return f"Bilateral trade: the articles' latest {said} ({year}); the {official}"


def energy(figures_: pd.DataFrame) -> str:
    """The articles' LNG tonnages, first and last."""
    rows = views.energy_points(figures_)
    levels = rows[rows["measure"] == "level"].sort_values(["period_start", "figure_id"])
    if levels.empty:
        return "LNG from Russia to South Korea: no article states a dated tonnage"

    def mt(year: str) -> str:
        values = levels.loc[levels["period_start"].str[:4] == year, "value"] / 1e6
        low, high = values.min(), values.max()
        return f"{low:g} Mt in {year}" if low == high else f"{low:g}–{high:g} Mt in {year}"

    years = sorted(set(levels["period_start"].str[:4]))
    if len(years) == 1:
        return f"LNG from Russia to South Korea: the articles state {mt(years[0])}"
    return (
        f"LNG from Russia to South Korea: the articles' tonnages run from {mt(years[0])} "
        f"to {mt(years[-1])}"
    )


def investment(figures_: pd.DataFrame) -> str:
    """How many investment, fund and project figures, and the largest."""
    rows = views.investment_rows(figures_)
    if rows.empty:
        return "Investment, funds and projects: no article states a money figure"
    top = rows.sort_values(["value", "figure_id"]).iloc[-1]
    return (
        f"Investment, funds and projects: {_n(len(rows), 'figure')} from "
        f"{_n(rows['source_id'].nunique(), 'article')}; the largest is "
        f"{_money(top['value'])} ({registry.metric_label(top['metric'])})"
    )


def timeline(events: pd.DataFrame, reference_events: pd.DataFrame) -> str:
    """When the sanctions begin in the reference chronology, and what the articles date."""
    sanctions = reference_events.loc[reference_events["category"] == "sanctions", "date"]
    start = f"sanctions begin in {str(sanctions.min())[:4]}" if len(sanctions) else "no sanctions"
    if events.empty:
        return f"The political timeline: {start}; the articles date no event"
    counts = events["category"].value_counts()
    top = " and ".join(sorted(counts[counts == counts.max()].index))
    return (
        f"The political timeline: {start}; the articles date {_n(len(events), 'event')}, "
        f"{top} the most"
    )


def claims(claims_: pd.DataFrame) -> str:
    """How many checkable figures hold up, differ, or cannot be checked."""
    counts = claims_["verdict"].value_counts()
    checked = int(counts.get("consistent", 0) + counts.get("differs", 0))
    said = [
        f"{int(counts.get('consistent', 0))} of {checked} checked figures match the official "
        "statistics"
    ]
    targets = int(counts.get("met", 0) + counts.get("missed", 0))
    if targets:
        said.append(f"{int(counts.get('met', 0))} of {targets} targets met")
    said.append(f"{int(counts.get('unverifiable', 0))} cannot be checked")
    return "; ".join(said)
