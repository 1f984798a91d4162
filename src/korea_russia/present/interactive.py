"""Each chart again as an interactive web page (Vega-Lite, written with Altair): the version a
newsroom embeds. Hovering a point shows what the article says, its verbatim sentence and
its source; the official series show who reported them. The page is one HTML file beside
the PNG and SVG, byte-stable (no dates; the data sit inside the file in a fixed order); it
loads the Vega libraries from their CDN, pinned to the versions Altair wrote it for."""

import textwrap
from pathlib import Path

import altair as alt
import pandas as pd

from korea_russia import config, io, reference, registry, schemas
from korea_russia.analysis import citations
from korea_russia.present import charts, views

WIDTH, HEIGHT = 760, 380
BN = 1e9


def save(chart: alt.TopLevelMixin, name: str, folder: Path | None = None) -> None:
    """Write `name`.html to reports/figures/ (through a temporary file, like every output)."""
    folder = folder or config.charts_dir()
    html = chart.to_html(embed_options={"actions": False})
    io.write_bytes(folder / f"{name}.html", html.encode("utf-8"))


def _sources(rows: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The legend domain (short citations) and their fixed colours."""
    colours = charts.source_colours(rows["source_id"])
    ids = sorted(colours, key=lambda s: (citations.lookup(s)["published"], s))
    return [citations.short(s) for s in ids], [colours[s] for s in ids]


def _article_points(rows: pd.DataFrame, scale: float, unit: str) -> pd.DataFrame:
    """One record per article figure: where it goes and what a reader hovers to see."""
    out = []
    for _, r in rows.iterrows():
        lo, hi = charts.period_span(r["period_start"], r["period_end"])
        out.append(
            {
                "year": round((lo + hi) / 2, 3),
                "value": r["value"] / scale,
                "figure": citations.said(r),
                "period": schemas.period_label(r["period_start"], r["period_end"]),
                "quote": citations.in_context(r),
                "source": citations.short(r["source_id"]),
                "kind": "target" if r["measure"] == "target" else "stated",
                "unit": unit,
            }
        )
    return pd.DataFrame(
        out, columns=["year", "value", "figure", "period", "quote", "source", "kind", "unit"]
    )


def _official(drawn: pd.DataFrame) -> pd.DataFrame:
    """The official full-year totals with who reported them, for the hover."""
    table = reference.reporters()
    drawn = reference.full_years(drawn).sort_values(["side", "year"])
    return pd.DataFrame(
        {
            "year": drawn["year"].astype(int) + 0.5,
            "value": drawn["value"] / BN,
            "series": drawn["side"].map(
                {
                    "KR": "official total, Korean statistics",
                    "RU": "official total, Russian statistics",
                }
            ),
            "reported by": [reference.reporter_name(r, table) for r in drawn["reporter"]],
            "source": drawn["source_title"],
            # a run of consecutive years: the line breaks where a year has no total
            "run": (
                (drawn["year"].astype(int).diff() != 1) | (drawn["side"] != drawn["side"].shift())
            )
            .cumsum()
            .astype(int),
        }
    ).reset_index(drop=True)


def _official_lines(official: pd.DataFrame) -> alt.Chart:
    """Both reporters' official totals, one line each (grey: Korean, dark dashed: Russian)."""
    series = ["official total, Korean statistics", "official total, Russian statistics"]
    return (
        alt.Chart(official)
        .mark_line(point=alt.OverlayMarkDef(size=20))
        .encode(
            x=alt.X("year:Q", axis=alt.Axis(format="d"), scale=alt.Scale(zero=False)),
            y="value:Q",
            detail="run:N",
            color=alt.Color(
                "series:N",
                scale=alt.Scale(domain=series, range=[views.GREY, views.RU_COLOUR]),
                legend=alt.Legend(title="Official", orient="bottom", columns=1),
            ),
            strokeDash=alt.StrokeDash(
                "series:N", scale=alt.Scale(domain=series, range=[[1, 0], [4, 2]]), legend=None
            ),
            tooltip=["year:Q", alt.Tooltip("value:Q", format=".2f"), "reported by:N", "source:N"],
        )
    )


def _points_layer(points: pd.DataFrame, domain: list[str], colours: list[str], y_title: str):
    return (
        alt.Chart(points)
        .mark_point(size=120, filled=True, opacity=0.9)
        .encode(
            x=alt.X("year:Q", title=None, axis=alt.Axis(format="d"), scale=alt.Scale(zero=False)),
            y=alt.Y("value:Q", title=y_title),
            color=alt.Color(
                "source:N",
                scale=alt.Scale(domain=domain, range=colours),
                legend=alt.Legend(title="Article", orient="bottom", columns=1, labelLimit=480),
            ),
            shape=alt.Shape(
                "kind:N",
                scale=alt.Scale(domain=["stated", "target"], range=["circle", "diamond"]),
                legend=alt.Legend(title="Figure", orient="bottom"),
            ),
            tooltip=["figure:N", "period:N", "source:N", "quote:N"],
        )
    )


def trade(placed: pd.DataFrame, drawn: pd.DataFrame, title: str) -> alt.TopLevelMixin:
    """The trade chart: official totals (line, squares) and the articles' figures."""
    official = _official(drawn)
    domain, colours = _sources(placed)
    line = _official_lines(official)
    points = _points_layer(
        _article_points(placed, BN, "US$ bn"),
        domain,
        colours,
        "Bilateral trade, US$ billion (current prices)",
    )
    return (
        (line + points)
        .resolve_scale(color="independent")
        .properties(title=_title(title), width=WIDTH, height=HEIGHT)
    )


def energy(rows: pd.DataFrame, lng: pd.DataFrame, title: str) -> alt.TopLevelMixin:
    """The LNG chart: reported annual figures (squares) and the articles' tonnages."""
    ref = lng.dropna(subset=["tonnes"])
    reported = pd.DataFrame(
        {
            "year": ref["year"].astype(int) + 0.5,
            "value": ref["tonnes"] / 1e6,
            "reported by": ref["publisher"],
            "source": ref["source_title"],
        }
    ).reset_index(drop=True)
    domain, colours = _sources(rows)
    squares = (
        alt.Chart(reported)
        .mark_square(color="#8c8c8c", size=60)
        .encode(
            x=alt.X("year:Q", axis=alt.Axis(format="d"), scale=alt.Scale(zero=False)),
            y="value:Q",
            tooltip=["year:Q", "value:Q", "reported by:N", "source:N"],
        )
    )
    points = _points_layer(
        _article_points(rows, 1e6, "Mt"), domain, colours, "LNG, million tonnes a year"
    )
    return (squares + points).properties(title=_title(title), width=WIDTH, height=HEIGHT)


def investment(order: pd.DataFrame, title: str) -> alt.TopLevelMixin:
    """The investment items as bars, one row each, named by kind and source."""
    frame = pd.DataFrame(
        {
            "item": [
                f"{registry.metric_label(r.metric)} · {citations.short(r.source_id)}"
                for r in order.itertuples()
            ],
            "value": order["value"] / BN,
            "figure": [citations.said(r) for _, r in order.iterrows()],
            "quote": [citations.in_context(r) for _, r in order.iterrows()],
            "kind": [registry.metric_label(m) for m in order["metric"]],
        }
    )
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("item:N", sort=None, title=None, axis=alt.Axis(labelLimit=420)),
            x=alt.X("value:Q", title="US$ billion (current prices, as stated)"),
            color=alt.Color("kind:N", legend=alt.Legend(title="What it is", orient="bottom")),
            tooltip=["figure:N", "quote:N"],
        )
        .properties(title=_title(title), width=WIDTH - 200)
    )


def timeline(events: pd.DataFrame, reference_events: pd.DataFrame, title: str):
    """Events by category: the reference chronology and the articles' events."""
    lanes = list(charts.CATEGORY_COLOURS)
    ref = pd.DataFrame(
        {
            "year": [
                round(charts.decimal_year(d.split("/")[0]), 3) for d in reference_events["date"]
            ],
            "category": reference_events["category"],
            "what": reference_events["event"],
            "date": reference_events["date"],
            "source": reference_events["source_title"],
            "from": "reference chronology",
        }
    )
    art = pd.DataFrame(
        {
            "year": [round(charts.decimal_year(d), 3) for d in events["date_start"]],
            "category": events["category"],
            "what": events["quote"],
            "date": events["date_start"],
            "source": [citations.short(s) for s in events["source_id"]],
            "from": "stated in an article",
        }
    )
    frame = pd.concat([ref, art], ignore_index=True)
    return (
        alt.Chart(frame)
        .mark_point(size=70, filled=True)
        .encode(
            x=alt.X("year:Q", title=None, axis=alt.Axis(format="d"), scale=alt.Scale(zero=False)),
            y=alt.Y("category:N", sort=lanes, title=None),
            yOffset=alt.YOffset("from:N"),
            color=alt.Color(
                "category:N",
                sort=lanes,
                scale=alt.Scale(
                    domain=lanes,
                    range=[charts.COLOURS[c] for c in charts.CATEGORY_COLOURS.values()],
                ),
                legend=None,
            ),
            shape=alt.Shape("from:N", legend=alt.Legend(title=None, orient="bottom")),
            tooltip=["date:N", "what:N", "source:N"],
        )
        .properties(title=_title(title), width=WIDTH, height=HEIGHT)
    )


def figures_by_source(figures: pd.DataFrame, counts: pd.DataFrame, title: str):
    """The count of figures per article and metric; hover for the figures themselves."""
    rows = []
    for source_id, row in counts.iterrows():
        for metric, n in row.items():
            if n:
                said = figures[(figures["source_id"] == source_id) & (figures["metric"] == metric)]
                rows.append(
                    {
                        "article": citations.short(source_id),
                        "metric": registry.metric_label(metric),
                        "figures": int(n),
                        "what they say": "; ".join(citations.said(r) for _, r in said.iterrows()),
                    }
                )
    frame = pd.DataFrame(rows, columns=["article", "metric", "figures", "what they say"])
    order = [citations.short(s) for s in counts.index]
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("article:N", sort=order, title=None, axis=alt.Axis(labelLimit=400)),
            x=alt.X("figures:Q", title="economic figures stated"),
            color=alt.Color("metric:N", legend=alt.Legend(orient="bottom", columns=4)),
            tooltip=["article:N", "metric:N", "figures:Q", "what they say:N"],
        )
        .properties(title=_title(title), width=WIDTH - 200)
    )


def claims(drawn: pd.DataFrame, trade_: pd.DataFrame, title: str) -> alt.TopLevelMixin:
    """The claims chart: each trade figure by verdict, over the official totals."""
    official = _official(trade_[trade_["metric"] == "bilateral_trade"])
    points = _article_points(drawn, BN, "US$ bn")
    points["verdict"] = list(drawn["verdict"])
    points["why"] = list(drawn["note"])
    points["official"] = [views.claim_line(c).split(" · ", 1)[-1] for _, c in drawn.iterrows()]
    line = _official_lines(official)
    verdicts = [v for v in charts_verdicts() if v in set(drawn["verdict"])]
    dots = (
        alt.Chart(points)
        .mark_point(size=140, filled=True)
        .encode(
            x="year:Q",
            y=alt.Y("value:Q", title="Bilateral trade, US$ billion (current prices)"),
            color=alt.Color(
                "verdict:N",
                scale=alt.Scale(domain=verdicts, range=[charts_verdicts()[v] for v in verdicts]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=["verdict:N", "figure:N", "official:N", "why:N", "source:N", "quote:N"],
        )
    )
    return (
        (line + dots)
        .resolve_scale(color="independent")
        .properties(title=_title(title), width=WIDTH, height=HEIGHT)
    )


def charts_verdicts() -> dict[str, str]:
    """The verdict colours the PNG uses."""
    return {v: style[1] for v, style in views.VERDICT_STYLE.items()}


def _title(text: str) -> alt.TitleParams:
    """A headline wrapped to the chart's width, as the PNG wraps it."""
    return alt.TitleParams(textwrap.wrap(text, 95), anchor="start", fontSize=15)
