"""One function per chart the notebooks show; each returns the figure and the rows it drew,
so a notebook can state (and assert) exactly what is on the chart."""

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MultipleLocator

from korea_russia import reference, registry, schemas
from korea_russia.analysis import citations
from korea_russia.analysis import claims as claims_check
from korea_russia.present import charts
from korea_russia.present.charts import COLOURS

BN = 1e9
GREY = "#8c8c8c"
RU_COLOUR = "#4a4a4a"  # the Russian-reported series: dark and dashed beside the grey Korean one
BANDS_NOTE = "Shaded: South Korean presidents (hatched: acting)."


def describe(row: pd.Series, scale: float = BN, unit: str = "US$", suffix: str = "bn") -> str:
    """A figure as a reader would quote it: "> US$22bn in 2019 — Asmolov, … (2021)"."""
    sign = charts.sign(row["qualifier"])
    stated = row.get("period_basis") != "publication"  # an assumed year is not quoted
    period = schemas.period_label(row["period_start"], row["period_end"]) if stated else ""
    when = f" in {period}" if period else ""
    target = "target: " if row["measure"] == "target" else ""
    amount = f"{unit}{row['value'] / scale:g}{suffix}"
    return f"{target}{sign}{amount}{when} — {citations.short(row['source_id'])}"


def _point_legend(rows: pd.DataFrame) -> list[Line2D]:
    """Legend entries for the shapes the article points on the chart use (and no others)."""

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

    words: dict[tuple[str, str], list[str]] = {}
    for qualifier in sorted(set(rows.loc[rows["measure"] != "target", "qualifier"])):
        face = "white" if qualifier == "approx" else "#555555"
        text = registry.qualifier(qualifier).text.strip() or "as stated"
        words.setdefault((charts.marker(qualifier), face), []).append(text)
    handles = [handle(m, "article figure, " + " / ".join(w), f) for (m, f), w in words.items()]
    if (rows["measure"] == "target").any():
        handles.append(handle("*", "article target", face="white", size=11))
    return handles


def _top(*values: pd.Series, scale: float = BN, step: float = 5.0) -> float:
    """The top of a y-axis: room above the largest value, rounded up to a multiple of `step`."""
    peak = max((float(v.max()) for v in values if len(v)), default=0.0) / scale
    return charts.nice_top(peak, step=step)


def _stock(rows: pd.DataFrame) -> pd.Series:
    """Levels and targets: what a chart of amounts can place (a change is not an amount)."""
    return rows["measure"].isin(["level", "target"])


def _dated(rows: pd.DataFrame) -> pd.Series:
    """Rows the text dates: a period that is stated, relative or inherited, not one assumed
    from the publication date (period_basis "publication"), which a chart must not place."""
    return (rows["period_start"] != "") & (rows["period_basis"] != "publication")


def _series(rows: pd.DataFrame) -> pd.Series:
    """One value a year, every year between the first and last (missing years stay gaps)."""
    values = rows.set_index("year")["value"]
    return values.reindex(range(int(values.index.min()), int(values.index.max()) + 1))


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


def _x_range(spans: list[float], events: pd.DataFrame | None = None, reach: float = 2.0):
    """The x-axis range (float years): every plotted year and period, widened to take in key
    events up to `reach` years beyond them (one far-off event must not leave half the chart
    empty), with padding either side."""
    lo, hi = min(spans), max(spans)
    if events is not None:
        for when in events["date"]:
            x = charts.decimal_year(when.split("/")[0])
            if lo - reach <= x <= hi + reach:
                lo, hi = min(lo, x), max(hi, x)
    return charts.year_range([lo, hi])


def _spans(rows: pd.DataFrame) -> list[float]:
    """The first and last instant of every row's period, as float years."""
    return [x for r in rows.itertuples() for x in charts.period_span(r.period_start, r.period_end)]


def _years(ax: Axes, lo: float, hi: float) -> None:
    """Year ticks every 1, 2 or 5 years, whichever keeps them apart."""
    ax.set_xlim(lo, hi)
    ax.xaxis.set_major_locator(MultipleLocator(5 if hi - lo > 25 else 2 if hi - lo > 10 else 1))


def _floor(ax: Axes, top: float) -> None:
    """Zero at the bottom, with a sliver below it so a point at zero is not cut in half."""
    ax.set_ylim(-top * 0.03, top)


def _draw_points(ax: Axes, layout: charts.Layout, rows: pd.DataFrame, scale: float, colours):
    """Article figures as points in their source's colour: ● as stated, ○ approximately,
    ▲ over, hollow ★ a target, and a bar across the years for a figure covering several.
    Returns the points' x, y and colours, in row order."""
    xs, ys, cs = [], [], []
    for _, row in rows.iterrows():
        lo, hi = charts.period_span(row["period_start"], row["period_end"])
        x, y, c = (lo + hi) / 2, row["value"] / scale, colours[row["source_id"]]
        if hi - lo > 1.01:
            ax.plot([lo, hi], [y, y], color=c, lw=2.5, solid_capstyle="butt", zorder=4)
            layout.block_line(ax, [lo, hi], [y, y], 2.5)
        target = row["measure"] == "target"
        hollow = target or row["qualifier"] == "approx"
        size = 220 if target else 64
        ax.scatter(
            [x],
            [y],
            marker="*" if target else charts.marker(row["qualifier"]),
            s=size,
            facecolor="white" if hollow else c,
            edgecolor=c,
            lw=1.6,
            zorder=5,
        )
        layout.block_points(ax, [x], [y], size**0.5)
        xs.append(x)
        ys.append(y)
        cs.append(c)
    return xs, ys, cs


def _official_series(ax: Axes, layout: charts.Layout, drawn: pd.DataFrame) -> list:
    """The official full-year totals of both reporters: Korean statistics as a grey line,
    Russian statistics as a dark dashed line (a missing year stays a gap in each), and totals only
    stated by Russian officials or media as hollow squares. Partial years are not drawn.
    Returns the legend handles."""
    drawn = reference.full_years(drawn)
    kinds = dict(zip(*[reference.reporters()[c] for c in ("reporter", "kind")], strict=True))
    ru = drawn[drawn["side"] == "RU"]
    stats = ru["reporter"].map(kinds).isin(["customs", "statistics"]) | (ru["rule"] == "derived")
    handles = []
    for rows, colour, style, label in (
        (drawn[drawn["side"] == "KR"], GREY, "-", "official total, Korean statistics"),
        (ru[stats], RU_COLOUR, (0, (4, 2)), "official total, Russian statistics"),
    ):
        if rows.empty:
            continue
        series = _series(rows)
        (line,) = ax.plot(
            series.index + 0.5,
            series.values / BN,
            color=colour,
            ls=style,
            lw=1.6,
            zorder=2,
            label=label,
        )
        layout.block_line(ax, list(series.index + 0.5), list(series.values / BN), 2)
        handles.append(line)
    said = ru[~stats]
    if not said.empty:
        handles.append(
            ax.scatter(
                said["year"] + 0.5,
                said["value"] / BN,
                marker="s",
                s=26,
                facecolor="white",
                edgecolor=RU_COLOUR,
                lw=1.2,
                zorder=3,
                label="total stated by Russian officials or media",
            )
        )
        layout.block_points(ax, list(said["year"] + 0.5), list(said["value"] / BN), 26**0.5)
    return handles


def _political_time(ax, layout, terms, events, lo, hi) -> None:
    """Presidential bands with their names, then the key events, labelled where free."""
    charts.presidency_bands(ax, layout, terms, lo, hi)
    charts.event_lines(ax, layout, events, lo, hi)


def trade(
    figures: pd.DataFrame,
    official: pd.DataFrame,
    terms: pd.DataFrame,
    key_events: pd.DataFrame,
    title: str,
) -> tuple[Figure, pd.DataFrame, pd.DataFrame]:
    """Bilateral trade over time: the official series behind, the articles' figures in front,
    numbered, with the numbered key under the chart.

    Returns the figure, the article rows placed on the time axis, and the official rows drawn.
    """
    drawn = reference.full_years(official[official["metric"] == "bilateral_trade"])
    rows = figures[
        (figures["metric"] == "bilateral_trade") & (figures["unit"] == "USD") & _stock(figures)
    ]
    placed = trade_points(figures)
    colours = charts.source_colours(rows["source_id"])
    entries = [describe(r) for _, r in placed.iterrows()]
    notes = [
        f"not placed (no year in the text): {describe(r)}"
        for _, r in rows[~_dated(rows)].iterrows()
    ]
    footer = [
        charts.article_sources(rows["source_id"]) + ". " + BANDS_NOTE,
        *charts.official_sources(drawn["reporter"]),
    ]
    p = charts.page(title, [*entries, *notes], footer, legend_rows=3)
    ax = p.ax
    lo, hi = _x_range([y + 0.5 for y in drawn["year"]] + _spans(placed), key_events)
    _years(ax, lo, hi)
    top = charts.nice_top(max([*drawn["value"], *placed["value"]]) / BN, 1.45, 5.0)
    _floor(ax, top)
    layout = charts.Layout(p.fig)
    handles = _official_series(ax, layout, drawn)
    xs, ys, cs = _draw_points(ax, layout, placed, BN, colours)
    _political_time(ax, layout, terms, key_events, lo, hi)
    charts.numbered_points(ax, layout, xs, ys, cs)
    charts.key_list(p, entries, [colours[s] for s in placed["source_id"]], notes)
    ax.set_ylabel("Bilateral trade, US$ billion (current prices)")
    charts.legend(p, handles + _point_legend(placed))
    return p.fig, placed, drawn


def energy(
    figures: pd.DataFrame,
    lng: pd.DataFrame,
    terms: pd.DataFrame,
    key_events: pd.DataFrame,
    title: str,
) -> tuple[Figure, pd.DataFrame]:
    """LNG from Russia to South Korea: the articles' tonnages and the reported annual figures,
    as points only, since the reported figures mix contract, exporter and customs bases."""
    ref = lng.dropna(subset=["tonnes"])
    rows = energy_points(figures)
    colours = charts.source_colours(rows["source_id"])
    entries = [describe(r, 1e6, "", " Mt") for _, r in rows.iterrows()]
    publishers = sorted(set(ref["publisher"]))
    footer = [
        charts.article_sources(rows["source_id"]) + ". " + BANDS_NOTE,
        "Reported annual figures (company statements and press reports, mixed bases): "
        + "; ".join(publishers)
        + ".",
    ]
    p = charts.page(title, entries, footer, legend_rows=2, plot_height=3.8)
    ax = p.ax
    lo, hi = _x_range([y + 0.5 for y in ref["year"]] + _spans(rows), key_events)
    _years(ax, lo, hi)
    _floor(ax, charts.nice_top(max([*ref["tonnes"], *rows["value"]]) / 1e6, 1.5, 0.5))
    layout = charts.Layout(p.fig)
    reported = ax.scatter(
        ref["year"] + 0.5,
        ref["tonnes"] / 1e6,
        marker="s",
        s=30,
        color=GREY,
        zorder=3,
        label="reported annual figure (mixed bases: contract, exporter, customs)",
    )
    layout.block_points(ax, list(ref["year"] + 0.5), list(ref["tonnes"] / 1e6), 30**0.5)
    xs, ys, cs = _draw_points(ax, layout, rows, 1e6, colours)
    _political_time(ax, layout, terms, key_events, lo, hi)
    charts.numbered_points(ax, layout, xs, ys, cs)
    charts.key_list(p, entries, cs)
    ax.set_ylabel("LNG from Russia to South Korea,\nmillion tonnes a year")
    charts.legend(p, [reported, *_point_legend(rows)], ncol=3)
    return p.fig, rows


INVESTMENT_KINDS = {
    "investment": ("Investment: the amount invested over the period stated", COLOURS["blue"]),
    "fund_value": (
        "Funds: the size stated (set up or only announced, as the article says)",
        COLOURS["orange"],
    ),
    "project_value": ("Projects: their stated value", COLOURS["green"]),
}


def investment(figures: pd.DataFrame, title: str) -> tuple[Figure, pd.DataFrame]:
    """Investment, funds and projects, each group in its own panel and each item labelled
    with what it is, in the article's words: a cumulative stock, a fund's announced size and
    a project's valuation are different things, so no time series and no shared ranking."""
    order = investment_rows(figures)
    groups = [m for m in INVESTMENT_KINDS if (order["metric"] == m).any()]
    groups += sorted(set(order["metric"]) - set(groups))
    charts.style()
    item_h = 1.25
    footer = [
        charts.article_sources(order["source_id"]) + ".",
        "≈ approximately · ≥ no less than · ≤ up to, as each article qualifies it. Under each "
        "bar, the article's sentence (and the one before it where the sentence only says "
        "“the project” or “it”).",
    ]
    heights = [0.35 + item_h * (order["metric"] == g).sum() for g in groups]
    head = charts.wrap(title, charts.TITLE_SIZE, charts.WIDTH - 0.5, bold=True)
    top = 0.2 + len(head) * charts.TITLE_SIZE * charts.LINE + 0.2
    foot = [w for line in footer for w in charts.wrap(line, charts.FOOT_SIZE, charts.WIDTH - 0.3)]
    bottom = 0.45 + len(foot) * charts.FOOT_SIZE * charts.LINE + 0.2
    height = top + sum(heights) + bottom
    fig = plt.figure(figsize=(charts.WIDTH, height))
    charts.headline(fig, head, 0.25 / charts.WIDTH, 1 - 0.2 / height)
    charts.source_lines(fig, foot, (len(foot) * charts.FOOT_SIZE * charts.LINE + 0.15) / height)
    peak = order["value"].max() / BN * 1.25 if len(order) else 1.0
    y = top
    axes = []
    for group, h in zip(groups, heights, strict=True):
        items = order[order["metric"] == group].reset_index(drop=True)
        name, colour = INVESTMENT_KINDS.get(group, (registry.metric_label(group), GREY))
        ax = fig.add_axes(
            (
                0.25 / charts.WIDTH,
                1 - (y + h) / height,
                (charts.WIDTH - 0.5) / charts.WIDTH,
                (h - 0.35) / height,
            )
        )
        ax.set_title(name, loc="left", fontsize=10.5, fontweight="bold", pad=4)
        y += h
        axes.append(ax)
        for i, r in items.iterrows():
            ax.barh(i, r["value"] / BN, color=colour, height=0.26)
            period = (
                "no period stated"
                if r["period_basis"] == "publication"
                else schemas.period_label(r["period_start"], r["period_end"], "no period stated")
            )
            amount = f"{charts.sign(r['qualifier'])}US${r['value'] / BN:g}bn"
            label = f"{amount} · {period} · {citations.short(r['source_id'])}"
            ax.text(0, i - 0.2, label, va="bottom", fontsize=9.5, fontweight="bold")
            said = textwrap.shorten(citations.in_context(r), 440, placeholder=" …")
            ax.text(
                0,
                i + 0.2,
                "\n".join(textwrap.wrap(f"“{said}”", 160)),
                va="top",
                fontsize=7.5,
                color=charts.FOOT_INK,
                style="italic",
            )
        ax.set_ylim(len(items) - 0.15, -0.65)
        ax.set_axisbelow(True)
        ax.set_xlim(0, peak)
        ax.set_yticks([])
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", color="#eeeeee")
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="x", labelbottom=False, length=0)
    if axes:
        axes[-1].tick_params(axis="x", labelbottom=True, length=3)
        axes[-1].set_xlabel("US$ billion (current prices, as stated)")
    return fig, order


def _lane_clusters(rows: pd.DataFrame, width: float) -> list[list[int]]:
    """Article events of one lane grouped where they lie within `width` years of the one
    before, so one number can stand for a cluster a single number would crowd."""
    clusters: list[list[int]] = []
    last = None
    for i, r in rows.iterrows():
        x = r["x"]
        if last is not None and x - last <= width:
            clusters[-1].append(i)
        else:
            clusters.append([i])
        last = x
    return clusters


def timeline(
    events: pd.DataFrame,
    reference_events: pd.DataFrame,
    official: pd.DataFrame,
    terms: pd.DataFrame,
    title: str,
) -> tuple[Figure, pd.DataFrame]:
    """Events by category in lanes: the reference chronology filled, its key events labelled;
    the articles' events hollow and numbered (one number for a close cluster), keyed beside
    the chart; presidential terms behind and the official trade total above for context."""
    lanes = list(charts.CATEGORY_COLOURS)
    arts = events.copy()
    arts["x"] = [charts.decimal_year(d) for d in arts["date_start"]]
    arts["lane"] = [lanes.index(c) if c in lanes else len(lanes) - 1 for c in arts["category"]]
    arts = arts.sort_values(["lane", "x", "event_id"], ignore_index=True)
    refs = reference_events.copy()
    refs["x"] = [charts.decimal_year(d.split("/")[0]) for d in refs["date"]]
    kr = reference.full_years(official)
    kr = kr[(kr["side"] == "KR") & (kr["metric"] == "bilateral_trade")]
    lo, hi = charts.year_range([*refs["x"], *arts["x"], *(kr["year"] + 0.5)], pad=0.8)
    clusters = []
    for lane in range(len(lanes)):
        clusters += _lane_clusters(arts[arts["lane"] == lane], (hi - lo) / 60)
    key_size, key_w = 7.0, 4.3
    room = int((key_w - 0.15) * 72 / (key_size * 0.6))  # characters a key line holds
    entries = []
    for k, members in enumerate(clusters, start=1):
        first, last = arts.loc[members[0]], arts.loc[members[-1]]
        years = sorted({first["date_start"][:4], last["date_start"][:4]})
        when = first["date_start"] if len(members) == 1 else "–".join(years)
        more = f" (+{len(members) - 1} more)" if len(members) > 1 else ""
        who = textwrap.shorten(
            citations.short(first["source_id"]).split(",")[0].split(" (")[0], 24, placeholder="…"
        )
        head, tail = f"{k}  {when} ", f"{more} — {who}"
        summary = textwrap.shorten(
            first["summary"], max(12, room - len(head) - len(tail)), placeholder="…"
        )
        entries.append(head + summary + tail)
    charts.style()
    key_lines = max(1, len(entries))
    plot_h = max(5.2, key_lines * key_size * charts.LINE + 0.3)
    width = charts.WIDTH + key_w
    head = charts.wrap(title, charts.TITLE_SIZE, width - 1.5, bold=True)
    footer = [
        charts.article_sources(events["source_id"]) + ".",
        "Reference chronology: sourced event by event (news agencies, governments, reference "
        "works). Trade: official Korean totals. Shaded: South Korean presidents (hatched: acting).",
    ]
    foot = [w for line in footer for w in charts.wrap(line, charts.FOOT_SIZE, width - 0.3)]
    top_h, gap = 1.0, 0.12
    head_h = 0.2 + len(head) * charts.TITLE_SIZE * charts.LINE + 0.15
    bottom = 0.45 + 0.35 + len(foot) * charts.FOOT_SIZE * charts.LINE + 0.2
    height = head_h + top_h + gap + plot_h + bottom
    fig = plt.figure(figsize=(width, height))
    left = 1.05
    plot_w = charts.WIDTH - left - 0.25
    frac = lambda inches: inches / height  # noqa: E731
    top = fig.add_axes((left / width, 1 - frac(head_h + top_h), plot_w / width, frac(top_h)))
    ax = fig.add_axes(
        (left / width, 1 - frac(head_h + top_h + gap + plot_h), plot_w / width, frac(plot_h)),
        sharex=top,
    )
    charts.headline(fig, head, left / width, 1 - frac(0.2))
    charts.source_lines(fig, foot, frac(len(foot) * charts.FOOT_SIZE * charts.LINE + 0.15))
    series = _series(kr)
    top.plot(series.index + 0.5, series.values / BN, color=GREY, lw=1.8)
    top.set_ylabel("trade,\nUS$ bn", fontsize=8.5)
    top.set_ylim(0, charts.nice_top(kr["value"].max() / BN, 1.35, 10.0))
    top.tick_params(labelbottom=False)
    _years(ax, lo, hi)
    layout = charts.Layout(fig)
    charts.presidency_bands(top, layout, terms, lo, hi)
    for term in terms[terms["country"] == "KR"].itertuples():
        ax.axvline(charts.decimal_year(term.start), color="#dddddd", lw=0.8, zorder=0)
    for lane, name in enumerate(lanes):
        colour = COLOURS[charts.CATEGORY_COLOURS[name]]
        ref = refs[refs["category"] == name]
        ax.scatter(ref["x"], [lane - 0.13] * len(ref), s=38, color=colour, zorder=3)
        layout.block_points(ax, list(ref["x"]), [lane - 0.13] * len(ref), 38**0.5)
        art = arts[arts["lane"] == lane]
        ax.scatter(
            art["x"],
            [lane + 0.13] * len(art),
            s=38,
            facecolor="white",
            edgecolor=colour,
            lw=1.3,
            zorder=3,
        )
        layout.block_points(ax, list(art["x"]), [lane + 0.13] * len(art), 38**0.5)
    ax.set_yticks(range(len(lanes)), lanes)
    ax.set_ylim(len(lanes) - 0.45, -0.55)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#f0f0f0")
    labelled = refs[refs["label"] != ""]
    for r in labelled.itertuples():
        lane = lanes.index(r.category) if r.category in lanes else len(lanes) - 1
        cands = [
            (dx, 6 + dy, ha, "bottom")
            for dy in (0, 9)
            for dx, ha in (
                (3, "left"),
                (-3, "right"),
                (12, "left"),
                (-12, "right"),
                (24, "left"),
                (-24, "right"),
            )
        ]
        layout.place(
            ax, (r.x, lane - 0.13), r.label, cands, fontsize=7.5, color=charts.INK, leader=20
        )
    for k, members in enumerate(clusters, start=1):
        xs = arts.loc[members, "x"]
        lane = int(arts.loc[members[0], "lane"])
        colour = COLOURS[charts.CATEGORY_COLOURS[lanes[lane]]]
        cands = [
            (dx, -6 - dy, ha, "top")
            for dy in (0, 9)
            for dx, ha in (
                (0, "center"),
                (8, "left"),
                (-8, "right"),
                (18, "left"),
                (-18, "right"),
                (30, "left"),
                (-30, "right"),
            )
        ]
        layout.place(
            ax,
            (float(xs.mean()), lane + 0.13),
            str(k),
            cands,
            fontsize=7.5,
            fontweight="bold",
            color=colour,
            leader=20,
        )
    step = key_size * charts.LINE / height
    x0 = (left + plot_w + 0.35) / width
    y0 = 1 - frac(head_h + top_h + gap)
    for i, entry in enumerate(entries):
        lane = int(arts.loc[clusters[i][0], "lane"])
        fig.text(
            x0,
            y0 - i * step,
            entry,
            fontsize=key_size,
            va="top",
            color=COLOURS[charts.CATEGORY_COLOURS[lanes[lane]]],
        )
    ax.legend(
        handles=[
            Line2D(
                [],
                [],
                ls="",
                marker="o",
                color="#555555",
                label="reference chronology (key events labelled)",
            ),
            Line2D(
                [],
                [],
                ls="",
                marker="o",
                markerfacecolor="white",
                markeredgecolor="#555555",
                label="stated in an article (numbers: the list on the right)",
            ),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.05),
        ncol=2,
        fontsize=8,
    )
    return fig, events


def figures_by_source(
    figures: pd.DataFrame, documents: pd.DataFrame, title: str
) -> tuple[Figure, pd.DataFrame]:
    """How many economic figures each article states, by metric (repeats counted once);
    articles that state none are listed with zero, so the chart counts what the title counts."""
    counts = figures.pivot_table(
        index="source_id", columns="metric", values="figure_id", aggfunc="count", fill_value=0
    )
    table = citations.sources()
    ids = sorted(
        set(documents["source_id"]) | set(counts.index),
        key=lambda s: (citations.lookup(s, table)["published"], s),
    )
    counts = counts.reindex(ids, fill_value=0)
    order = [m for m in registry.metric_names() if m in counts.columns]
    counts = counts[order]
    footer = [charts.article_sources(ids) + "."]
    labels = ["\n".join(textwrap.wrap(citations.short(s, table), 42)) for s in counts.index]
    longest = max(len(line) for label in labels for line in label.split("\n"))
    plot_h = 0.5 * len(ids) + 0.3
    p = charts.page(
        title,
        footer=footer,
        legend_rows=(len(order) + 3) // 4,
        plot_height=plot_h,
        left=longest * 8.5 * 0.6 / 72 + 0.3,
    )
    ax = p.ax
    ax.set_axisbelow(True)
    palette = [
        COLOURS[c] for c in ("blue", "orange", "green", "vermilion", "purple", "sky", "black")
    ]
    left = [0] * len(counts)
    handles = []
    for k, metric in enumerate(counts.columns):
        handles.append(
            ax.barh(
                range(len(labels)),
                counts[metric],
                left=left,
                color=palette[k % len(palette)],
                label=registry.metric_label(metric),
                height=0.6,
            )
        )
        left = [a + b for a, b in zip(left, counts[metric], strict=True)]
    for i, total in enumerate(left):
        ax.text(
            total + 0.1,
            i,
            str(total) if total else "no figures",
            va="center",
            fontsize=8.5,
            color=charts.FOOT_INK,
        )
    ax.set_yticks(range(len(labels)), labels, fontsize=8.5)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.set_xlim(0, max([*left, 1]) * 1.15 + 0.5)
    ax.set_xlabel("economic figures stated")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#dddddd")
    charts.legend(p, handles, ncol=4)
    return p.fig, counts


VERDICT_STYLE = {
    "consistent": ("o", COLOURS["green"], "consistent with an official figure"),
    "differs": ("X", COLOURS["vermilion"], "differs from every official figure"),
    "met": ("*", COLOURS["green"], "target met"),
    "missed": ("*", COLOURS["vermilion"], "target missed"),
    "unverifiable": ("o", "#555555", "unverifiable: no official figure for that period"),
}


def claim_line(c: pd.Series) -> str:
    """One checked figure as the key lists it: the article's words, both reporters' official
    values and the verdict: "consistent: over US$22bn, 2019 (Asmolov …) · Korean statistics
    US$22.34bn · Russian US$24.37bn"."""
    period = reference.period_label(c["period_start"], c["period_end"]) or "no year"
    what = registry.metric_label(c["metric"])
    if c["measure"] in ("change", "target", "share"):
        what = f"{what} {c['measure']}"
    text = f"{c['verdict']}: {what}, {period}, “{c['mention']}” ({citations.short(c['source_id'])})"
    unit = c["compared_unit"]
    values = {c["official_side"]: c["official_value"], "other": c["other_side_value"]}
    if c["other_side_value"] == c["other_side_value"] and c["official_side"] in ("KR", "RU"):
        values[{"KR": "RU", "RU": "KR"}[c["official_side"]]] = c["other_side_value"]
    shown = []
    for side, name in (("KR", "Korean statistics"), ("RU", "Russian"), ("", "reference")):
        value = values.get(side)
        if value is not None and value == value:
            shown.append(f"{name} {claims_check.fmt(value, unit)}")
    if c["verdict"] != "unverifiable" and not shown:
        shown.append("no official value")
    return " · ".join([text, *shown])


def claims(
    claims_: pd.DataFrame,
    official: pd.DataFrame,
    terms: pd.DataFrame,
    key_events: pd.DataFrame,
    title: str,
) -> tuple[Figure, pd.DataFrame]:
    """Every checked figure: the trade totals and targets drawn against both official
    series (Korean and Russian statistics, gaps left as gaps) on the political timeline, and
    every checked figure, drawn or not, in the numbered key with both reporters' values and
    its verdict. Returns the figure and the rows drawn on the time axis."""
    trade_ = reference.full_years(official[official["metric"] == "bilateral_trade"])
    on_axis = (
        (claims_["metric"] == "bilateral_trade")
        & (claims_["period_start"] != "")
        & (claims_["unit"] == "USD")
        & _stock(claims_)
    )
    drawn = claims_[on_axis].sort_values(["period_start", "figure_id"])
    rest = claims_[~on_axis].sort_values(["metric", "period_start", "figure_id"])
    listed = pd.concat([drawn, rest])
    entries = [claim_line(c) for _, c in listed.iterrows()]
    colours = [VERDICT_STYLE[v][1] for v in listed["verdict"]]
    notes = []
    if len(rest):
        notes.append(
            f"{len(drawn) + 1}–{len(listed)}: checked, not drawn (other measures and units, "
            "or no year)."
        )
    footer = [
        charts.article_sources(listed["source_id"]) + ". " + BANDS_NOTE,
        *charts.official_sources(official["reporter"]),
        "Partial-year figures are not drawn. Verdicts and their reasons: korea-russia claims.",
    ]
    p = charts.page(title, entries + notes, footer, legend_rows=3)
    ax = p.ax
    values = [*trade_["value"], *drawn["value"]]
    lo, hi = _x_range([y + 0.5 for y in trade_["year"]] + _spans(drawn), key_events)
    _years(ax, lo, hi)
    _floor(ax, charts.nice_top(max(values) / BN, 1.45, 5.0))
    layout = charts.Layout(p.fig)
    handles = _official_series(ax, layout, trade_)
    xs, ys = [], []
    for _, c in drawn.iterrows():
        marker, colour, _text = VERDICT_STYLE[c["verdict"]]
        lo_, hi_ = charts.period_span(c["period_start"], c["period_end"])
        x, y = (lo_ + hi_) / 2, c["value"] / BN
        hollow = c["verdict"] == "unverifiable"
        ax.scatter(
            [x],
            [y],
            marker=marker,
            s=160 if marker == "*" else 120,
            facecolor="white" if hollow else colour,
            edgecolor=colour,
            lw=1.6,
            zorder=5,
        )
        layout.block_points(ax, [x], [y], 160**0.5)
        if c["official_value"] == c["official_value"]:
            ax.plot([x, x], [y, c["official_value"] / BN], color=colour, lw=1, ls="--", zorder=4)
            layout.block_line(ax, [x, x], [y, c["official_value"] / BN], 1)
        xs.append(x)
        ys.append(y)
    _political_time(ax, layout, terms, key_events, lo, hi)
    charts.numbered_points(ax, layout, xs, ys, colours[: len(drawn)])
    charts.key_list(p, entries, colours, notes)
    ax.set_ylabel("Bilateral trade, US$ billion (current prices)")
    shown = set(listed["verdict"])
    handles += [
        Line2D(
            [],
            [],
            ls="",
            marker=m,
            markersize=10 if m == "*" else 8,
            markerfacecolor=c if v != "unverifiable" else "white",
            markeredgecolor=c,
            label=text,
        )
        for v, (m, c, text) in VERDICT_STYLE.items()
        if v in shown
    ]
    charts.legend(p, handles)
    return p.fig, drawn
