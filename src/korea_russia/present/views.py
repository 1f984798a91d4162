"""One function per chart the notebooks show; each returns the figure and the rows it drew,
so a notebook can state (and assert) exactly what is on the chart."""

import re
import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MultipleLocator

from korea_russia import registry, schemas
from korea_russia.analysis import citations
from korea_russia.present import charts
from korea_russia.present.charts import COLOURS

BN = 1e9
GREY = "#8c8c8c"
BANDS_NOTE = "Shaded: South Korean presidents (hatched: acting)."


def _source_colours(source_ids: list[str]) -> dict[str, str]:
    """A fixed colour per source, in order of publication."""
    table = citations.sources()
    ordered = sorted(set(source_ids), key=lambda i: (citations.lookup(i, table)["published"], i))
    palette = charts.SOURCE_COLOURS
    return {s: COLOURS[palette[k % len(palette)]] for k, s in enumerate(ordered)}


def describe(row: pd.Series, scale: float = BN, unit: str = "US$", suffix: str = "bn") -> str:
    """A figure as a reader would quote it: "> US$22bn in 2019 — Asmolov, … (2021)"."""
    sign = charts.sign(row["qualifier"])
    stated = row.get("period_basis") != "publication"  # an assumed year is not quoted
    period = schemas.period_label(row["period_start"], row["period_end"]) if stated else ""
    when = f" in {period}" if period else ""
    target = "target: " if row["measure"] == "target" else ""
    amount = f"{unit}{row['value'] / scale:g}{suffix}"
    return f"{target}{sign}{amount}{when} — {citations.short(row['source_id'])}"


def _points(
    ax: Axes, rows: pd.DataFrame, scale: float, unit: str, suffix: str
) -> tuple[list, list]:
    """Article figures as numbered points: ▲ over, ○ approximately, ● as stated, hollow ★ for
    targets, and a bar across the years for figures that cover several years."""
    colours = _source_colours(list(rows["source_id"]))
    xs, ys, labels, cs = [], [], [], []
    for _, row in rows.iterrows():
        lo, hi = charts.period_span(row["period_start"], row["period_end"])
        x, y, c = (lo + hi) / 2, row["value"] / scale, colours[row["source_id"]]
        if hi - lo > 1.01:
            ax.plot([lo, hi], [y, y], color=c, lw=2.5, solid_capstyle="butt", zorder=4)
        if row["measure"] == "target":
            ax.scatter(
                [x], [y], marker="*", s=220, facecolor="white", edgecolor=c, lw=1.5, zorder=5
            )
        else:
            hollow = row["qualifier"] == "approx"
            ax.scatter(
                [x],
                [y],
                marker=charts.marker(row["qualifier"]),
                s=64,
                facecolor="white" if hollow else c,
                edgecolor=c,
                lw=1.6,
                zorder=5,
            )
        xs.append(x)
        ys.append(y)
        labels.append(describe(row, scale, unit, suffix))
        cs.append(c)
    charts.numbered_points(ax, xs, ys, cs)
    return labels, cs


def _point_legend() -> list[Line2D]:
    """Legend entries for the shapes the article points use."""

    def handle(marker: str, label: str, face: str = "#555555", size: float = 7) -> Line2D:
        return Line2D(
            [],
            [],
            ls="",
            marker=marker,
            markersize=size,
            markerfacecolor=face,
            markeredgecolor="#555555",
            label=label,
        )

    return [
        handle("o", "article figure, as stated"),
        handle("o", "article figure, approximately", face="white"),
        handle("^", "article figure, over / at least"),
        handle("*", "article target", face="white", size=11),
    ]


def _top(*values: pd.Series, scale: float = BN, step: float = 5.0) -> float:
    """The top of a y-axis: room above the largest value, rounded up to a multiple of `step`."""
    peak = max((float(v.max()) for v in values if len(v)), default=0.0) / scale
    return charts.nice_top(peak, step=step)


def _title(ax: Axes, title: str) -> None:
    """The chart's headline, wrapped to the width of the plot; a second line takes room
    from the plot, not from the headline."""
    inches = ax.get_position().width * ax.figure.get_figwidth()
    width = int(inches * 72 / (ax.title.get_fontsize() * 0.6))  # bold glyphs: ~0.6 em wide
    text = textwrap.fill(title, width)
    ax.set_title(text)
    if "\n" in text:
        fig = ax.figure
        fig.subplots_adjust(top=fig.subplotpars.top - 0.045 * text.count("\n"))


def _stock(rows: pd.DataFrame) -> pd.Series:
    """Levels and targets: what a chart of amounts can place (a change is not an amount)."""
    return rows["measure"].isin(["level", "target"])


def _dated(rows: pd.DataFrame) -> pd.Series:
    """Rows the text dates: a period that is stated, relative or inherited, not one assumed
    from the publication date (period_basis "publication"), which a chart must not place."""
    return (rows["period_start"] != "") & (rows["period_basis"] != "publication")


def _x_range(years: pd.Series, *spans: pd.DataFrame, dates: pd.Series | None = None):
    """The x-axis range (float years) that holds every plotted year, period and date."""
    xs = [float(y) + 0.5 for y in years]
    for rows in spans:
        for r in rows.itertuples():
            if r.period_start:
                xs += list(charts.period_span(r.period_start, r.period_end))
    if dates is not None:
        xs += [charts.decimal_year(str(d)[:10]) for d in dates]
    return charts.year_range(xs)


def _series(rows: pd.DataFrame) -> pd.Series:
    """One value a year, every year between the first and last (missing years stay gaps)."""
    values = rows.set_index("year")["value"]
    return values.reindex(range(int(values.index.min()), int(values.index.max()) + 1))


def _frame(figsize: tuple[float, float] = (11, 6.8), bottom: float = 0.25) -> tuple[Figure, Axes]:
    charts.style()
    fig, ax = plt.subplots(figsize=figsize)
    fig.subplots_adjust(left=0.07, right=0.98, top=0.92, bottom=bottom)
    return fig, ax


def trade_points(figures: pd.DataFrame) -> pd.DataFrame:
    """The trade figures the trade chart places on its time axis: dated totals and targets."""
    rows = figures[
        (figures["metric"] == "bilateral_trade") & (figures["unit"] == "USD") & _stock(figures)
    ]
    return rows[_dated(rows)].sort_values(["period_start", "figure_id"])


def energy_points(figures: pd.DataFrame) -> pd.DataFrame:
    """The tonnages the LNG chart places: dated LNG levels and targets."""
    rows = figures[
        (figures["metric"] == "lng_imports") & (figures["unit"] == "t") & _stock(figures)
    ]
    return rows[_dated(rows)].sort_values(["period_start", "figure_id"])


def investment_rows(figures: pd.DataFrame) -> pd.DataFrame:
    """The money figures the investment chart draws, smallest first."""
    rows = figures[
        figures["metric"].isin(registry.metrics_in("investment"))
        & (figures["unit"] == "USD")
        & _stock(figures)
    ]
    return rows.sort_values(["value", "figure_id"]).reset_index(drop=True)


def trade(
    figures: pd.DataFrame,
    official: pd.DataFrame,
    terms: pd.DataFrame,
    key_events: pd.DataFrame,
    title: str,
) -> tuple[Figure, pd.DataFrame, pd.DataFrame]:
    """Bilateral trade over time: the official series behind, the articles' figures in front.

    Returns the figure, the article rows placed on the time axis, and the official rows drawn.
    """
    fig, ax = _frame()
    drawn = official[official["metric"] == "bilateral_trade"]
    rows = figures[
        (figures["metric"] == "bilateral_trade") & (figures["unit"] == "USD") & _stock(figures)
    ]
    placed = trade_points(figures)
    lo, hi = _x_range(drawn["year"], placed, dates=key_events["date"])
    charts.presidency_bands(ax, terms, lo, hi)
    charts.event_markers(ax, key_events)
    kr = _series(drawn[drawn["side"] == "KR"])
    ax.plot(
        kr.index + 0.5,
        kr.values / BN,
        color=GREY,
        lw=2,
        zorder=2,
        label="official total, Korean statistics (breaks: no total found)",
    )
    ru = drawn[drawn["side"] == "RU"]
    ax.scatter(
        ru["year"] + 0.5,
        ru["value"] / BN,
        marker="s",
        s=22,
        color=GREY,
        zorder=3,
        label="total stated by Russian officials",
    )
    labels, colours = _points(ax, placed, BN, "US$", "bn")
    notes = [
        f"not placed (no year in the text): {describe(r)}"
        for _, r in rows[~_dated(rows)].iterrows()
    ]
    charts.key_box(ax, labels, colours, notes=notes)
    ax.set_xlim(lo, hi)
    ax.xaxis.set_major_locator(MultipleLocator(5 if hi - lo > 25 else 2))
    ax.set_ylim(0, _top(drawn["value"], placed["value"]))
    ax.set_ylabel("Bilateral trade, US$ billion (current prices)")
    _title(ax, title)
    ax.legend(
        handles=ax.get_legend_handles_labels()[0] + _point_legend(),
        loc="upper center",
        bbox_to_anchor=(0.5, -0.05),
        ncol=3,
        fontsize=8,
    )
    charts.footer(
        fig,
        [
            charts.article_sources(placed["source_id"]) + ". " + BANDS_NOTE,
            charts.official_sources(drawn["reporter"]) + ".",
        ],
    )
    return fig, placed, drawn


def energy(
    figures: pd.DataFrame,
    lng: pd.DataFrame,
    terms: pd.DataFrame,
    key_events: pd.DataFrame,
    title: str,
) -> tuple[Figure, pd.DataFrame]:
    """LNG from Russia to South Korea: the articles' tonnages and the reported annual figures,
    as points only, since the reported figures mix contract, exporter and customs bases."""
    fig, ax = _frame((11, 6.2), bottom=0.22)
    ref = lng.dropna(subset=["tonnes"])
    rows = energy_points(figures)
    lo, hi = _x_range(ref["year"], rows, dates=key_events["date"])
    charts.presidency_bands(ax, terms, lo, hi)
    charts.event_markers(ax, key_events)
    ax.scatter(
        ref["year"] + 0.5,
        ref["tonnes"] / 1e6,
        marker="s",
        s=30,
        color=GREY,
        zorder=3,
        label="reported annual figure (mixed bases: contract, exporter, customs)",
    )
    labels, colours = _points(ax, rows, 1e6, "", " Mt")
    charts.key_box(ax, labels, colours)
    ax.set_xlim(lo, hi)
    ax.xaxis.set_major_locator(MultipleLocator(5 if hi - lo > 25 else 2))
    ax.set_ylim(0, _top(ref["tonnes"], rows["value"], scale=1e6, step=1.0))
    ax.set_ylabel("LNG from Russia to South Korea, million tonnes a year")
    _title(ax, title)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.05), fontsize=8)
    hosts = sorted({re.sub(r"^https?://(www\.)?", "", u).split("/")[0] for u in ref["source_url"]})
    charts.footer(
        fig,
        [
            charts.article_sources(rows["source_id"]) + ". " + BANDS_NOTE,
            "Reported figures (data/reference/lng_annual.csv), from: " + ", ".join(hosts) + ".",
        ],
    )
    return fig, rows


def investment(figures: pd.DataFrame, title: str) -> tuple[Figure, pd.DataFrame]:
    """Investment, fund and project values as labelled bars with their periods and qualifiers:
    a cumulative stock, a pledge and a valuation are different things, so no time series."""
    order = investment_rows(figures)
    kinds = {
        "investment": "investment",
        "fund_value": "fund (size stated)",
        "project_value": "project (valuation)",
    }
    colours = {
        "investment": COLOURS["blue"],
        "fund_value": COLOURS["orange"],
        "project_value": COLOURS["green"],
    }
    charts.style()
    fig, ax = plt.subplots(figsize=(11, 4.6))
    fig.subplots_adjust(left=0.3, right=0.97, top=0.86, bottom=0.22)
    ax.set_axisbelow(True)
    ax.grid(axis="x", color="#dddddd")
    ax.grid(axis="y", visible=False)
    for i, r in order.iterrows():
        ax.barh(i, r["value"] / BN, color=colours[r["metric"]], height=0.55)
        sign = charts.sign(r["qualifier"])
        ax.text(
            r["value"] / BN + 0.05, i, f"{sign}US${r['value'] / BN:g}bn", va="center", fontsize=10
        )
    ticks = []
    for r in order.itertuples():
        period = (
            "no period stated"
            if r.period_basis == "publication"
            else schemas.period_label(r.period_start, r.period_end, "no period stated")
        )
        ticks.append(f"{kinds.get(r.metric, r.metric)}\n{period}\n{citations.short(r.source_id)}")
    ax.set_yticks(range(len(order)), ticks, fontsize=8.5)
    ax.set_xlim(0, order["value"].max() / BN * 1.25)
    ax.set_xlabel("US$ billion (current prices, as stated)")
    _title(ax, title)
    charts.footer(
        fig,
        [
            charts.article_sources(order["source_id"]) + ".",
            "≈ approximately · ≥ no less than · ≤ up to, as each article qualifies it.",
        ],
    )
    return fig, order


def timeline(
    events: pd.DataFrame,
    reference_events: pd.DataFrame,
    official: pd.DataFrame,
    terms: pd.DataFrame,
    title: str,
) -> tuple[Figure, pd.DataFrame]:
    """Events by category in lanes (reference chronology filled, article events hollow), with
    presidential terms behind and the official trade total above for context."""
    charts.style()
    fig, (top, ax) = plt.subplots(
        2, 1, figsize=(11, 7.4), sharex=True, gridspec_kw={"height_ratios": [1, 3], "hspace": 0.08}
    )
    fig.subplots_adjust(left=0.1, right=0.98, top=0.93, bottom=0.16)
    kr = official[(official["side"] == "KR") & (official["metric"] == "bilateral_trade")]
    dates = pd.concat([reference_events["date"].str[:10], events["date_start"]])
    lo, hi = _x_range(kr["year"], dates=dates)
    series = _series(kr)
    top.plot(series.index + 0.5, series.values / BN, color=GREY, lw=1.8)
    top.set_ylabel("trade,\nUS$ bn", fontsize=8.5)
    top.set_ylim(0, _top(kr["value"], step=10.0))
    _title(top, title)
    charts.presidency_bands(top, terms, lo, hi)
    lanes = list(charts.CATEGORY_COLOURS)
    for i, lane in enumerate(lanes):
        colour = COLOURS[charts.CATEGORY_COLOURS[lane]]
        ref = reference_events[reference_events["category"] == lane]
        ax.scatter(
            [charts.decimal_year(d[:10]) for d in ref["date"]],
            [i - 0.12] * len(ref),
            s=38,
            color=colour,
            zorder=3,
            label="reference chronology" if i == 0 else None,
        )
        art = events[events["category"] == lane]
        ax.scatter(
            [charts.decimal_year(d) for d in art["date_start"]],
            [i + 0.16] * len(art),
            s=38,
            facecolor="white",
            edgecolor=colour,
            lw=1.3,
            zorder=3,
            label="stated in an article" if i == 0 else None,
        )
    for term in terms[terms["country"] == "KR"].itertuples():
        ax.axvline(charts.decimal_year(term.start), color="#dddddd", lw=0.8, zorder=0)
    ax.set_yticks(range(len(lanes)), lanes)
    ax.set_ylim(len(lanes) - 0.4, -0.6)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#f0f0f0")
    ax.set_xlim(lo, hi)
    ax.xaxis.set_major_locator(MultipleLocator(5 if hi - lo > 25 else 2))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.05), ncol=2, fontsize=8)
    charts.footer(
        fig,
        [
            charts.article_sources(events["source_id"]) + ".",
            "Reference chronology: data/reference/timeline.csv (each row sourced). Trade: official "
            "Korean totals, data/reference/trade_annual.csv. Thin lines: a new president in Seoul.",
        ],
    )
    return fig, events


def figures_by_source(figures: pd.DataFrame, title: str) -> tuple[Figure, pd.DataFrame]:
    """How many economic figures each source states, by metric (repeats counted once)."""
    counts = figures.pivot_table(
        index="source_id", columns="metric", values="figure_id", aggfunc="count", fill_value=0
    )
    table = citations.sources()
    counts = counts.loc[sorted(counts.index, key=lambda s: citations.lookup(s, table)["published"])]
    charts.style()
    fig, ax = plt.subplots(figsize=(11, 4.4))
    fig.subplots_adjust(left=0.3, right=0.98, top=0.88, bottom=0.2)
    ax.set_axisbelow(True)
    palette = [
        COLOURS[c] for c in ("blue", "orange", "green", "vermilion", "purple", "sky", "black")
    ]
    left = [0] * len(counts)
    for k, metric in enumerate(counts.columns):
        ax.barh(
            [citations.short(s).replace(", ", ",\n", 1) for s in counts.index],
            counts[metric],
            left=left,
            color=palette[k % len(palette)],
            label=registry.metric_label(metric),
            height=0.6,
        )
        left = [a + b for a, b in zip(left, counts[metric], strict=True)]
    ax.set_xlabel("economic figures stated")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#dddddd")
    ax.legend(loc="lower right", fontsize=8)
    _title(ax, title)
    charts.footer(fig, [charts.article_sources(figures["source_id"]) + "."])
    return fig, counts


VERDICT_STYLE = {
    "consistent": ("o", COLOURS["green"], "consistent with the official figure"),
    "differs": ("X", COLOURS["vermilion"], "differs from the official figure"),
    "unverifiable": ("o", "#555555", "unverifiable: no official figure for that year"),
}


def claims(
    claims_: pd.DataFrame,
    official: pd.DataFrame,
    terms: pd.DataFrame,
    key_events: pd.DataFrame,
    title: str,
) -> tuple[Figure, pd.DataFrame]:
    """Each article trade figure against both official series (Korean and Russian reporters,
    gaps left as gaps), coloured by verdict, on the political timeline."""
    fig, ax = _frame()
    trade = official[official["metric"] == "bilateral_trade"]
    drawn = claims_[
        (claims_["metric"] == "bilateral_trade") & (claims_["period_start"] != "") & _stock(claims_)
    ]
    drawn = drawn.sort_values(["period_start", "figure_id"])
    lo, hi = _x_range(trade["year"], drawn, dates=key_events["date"])
    charts.presidency_bands(ax, terms, lo, hi)
    charts.event_markers(ax, key_events)
    for side, colour, label in (
        ("KR", GREY, "official total, Korean statistics"),
        ("RU", COLOURS["sky"], "total stated by Russian officials"),
    ):
        series = _series(trade[trade["side"] == side])
        ax.plot(
            series.index + 0.5,
            series.values / BN,
            color=colour,
            lw=2 if side == "KR" else 0,
            marker=None if side == "KR" else "s",
            ms=5,
            zorder=2,
            label=label,
        )
    xs, ys, labels, colours = [], [], [], []
    for _, c in drawn.iterrows():
        marker, colour, _text = VERDICT_STYLE[c["verdict"]]
        lo_, hi_ = charts.period_span(c["period_start"], c["period_end"])
        x, y = (lo_ + hi_) / 2, c["value"] / BN
        hollow = c["verdict"] == "unverifiable" or c["measure"] == "target"
        ax.scatter(
            [x],
            [y],
            marker="*" if c["measure"] == "target" else marker,
            s=120,
            facecolor="white" if hollow else colour,
            edgecolor=colour,
            lw=1.6,
            zorder=5,
        )
        if c["official_value"] == c["official_value"] and c["official_value"]:
            ax.plot([x, x], [y, c["official_value"] / BN], color=colour, lw=1, ls="--", zorder=4)
        xs.append(x)
        ys.append(y)
        labels.append(f"{c['verdict']}: {describe(c)}")
        colours.append(colour)
    charts.numbered_points(ax, xs, ys, colours)
    charts.key_box(ax, labels, colours)
    ax.set_xlim(lo, hi)
    ax.xaxis.set_major_locator(MultipleLocator(5 if hi - lo > 25 else 2))
    ax.set_ylim(0, _top(trade["value"], drawn["value"]))
    ax.set_ylabel("Bilateral trade, US$ billion (current prices)")
    _title(ax, title)
    handles = ax.get_legend_handles_labels()[0] + [
        Line2D(
            [],
            [],
            ls="",
            marker=m,
            markersize=8,
            markerfacecolor=c if v != "unverifiable" else "white",
            markeredgecolor=c,
            label=text,
        )
        for v, (m, c, text) in VERDICT_STYLE.items()
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.05), ncol=3, fontsize=8)
    charts.footer(
        fig,
        [
            charts.article_sources(drawn["source_id"]) + ". " + BANDS_NOTE,
            charts.official_sources(trade["reporter"]) + ".",
            "Verdicts and their reasons: data/processed/claims.csv (korea-russia claims).",
        ],
    )
    return fig, drawn
