"""Charts in the house style: presidential bands, event markers, a source footer built from
the rows plotted, axis ranges from the data, and byte-stable PNG/SVG export to
`reports/figures/`."""

import textwrap
from collections.abc import Iterable, Sequence
from datetime import date
from importlib.resources import files as package_files
from io import BytesIO
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.transforms import blended_transform_factory

from korea_russia import config, io, reference, registry
from korea_russia.analysis import citations

# Okabe–Ito: distinguishable with every common colour-vision deficiency.
COLOURS = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermilion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#777777",
}
SOURCE_COLOURS = ["vermilion", "blue", "green", "purple", "orange", "sky"]
CATEGORY_COLOURS = {
    "presidency": "grey",
    "diplomacy": "blue",
    "summit": "sky",
    "economy": "green",
    "sanctions": "vermilion",
    "conflict": "black",
    "other": "purple",
}
STYLE = str(package_files("korea_russia.present") / "house.mplstyle")


def style() -> None:
    """Apply the house style (size, fonts, palette, SVG hash salt) to later figures."""
    plt.style.use(STYLE)


def decimal_year(when: str) -> float:
    """`2017` -> 2017.5, `2017-09` -> mid-September, `2017-09-07` -> that day, as a float year."""
    parts = [int(p) for p in when.split("-")]
    if len(parts) == 1:
        return parts[0] + 0.5
    if len(parts) == 2:
        return parts[0] + (parts[1] - 0.5) / 12
    day = date(*parts).timetuple().tm_yday
    return parts[0] + (day - 0.5) / 365.25


def period_span(start: str, end: str) -> tuple[float, float]:
    """The first and last instant a period covers, as float years."""
    first = [int(p) for p in start.split("-")]
    last = [int(p) for p in end.split("-")]
    lo = first[0] + ((first[1] - 1) / 12 if len(first) > 1 else 0)
    hi = last[0] + (last[1] / 12 if len(last) > 1 else 1)
    return lo, hi


def short_name(name: str) -> str:
    """Family name for a band label: Korean names put it first ("Moon Jae-in" -> "Moon")."""
    return name.split()[0]


def sign(qualifier: str) -> str:
    """The symbol a chart puts before a qualified value ("≈ ", "> ")."""
    return registry.qualifier(qualifier).sign


def marker(qualifier: str) -> str:
    """The marker of a point with this qualifier (▲ a lower bound, ▼ an upper one)."""
    return registry.qualifier(qualifier).marker


def year_range(*years: Iterable[float], pad: float = 1.0) -> tuple[float, float]:
    """The x-axis range that holds every year given, with `pad` years either side."""
    values = [float(y) for ys in years for y in ys]
    return min(values) - pad, max(values) + pad


def nice_top(peak: float, headroom: float = 1.2, step: float = 10.0) -> float:
    """A y-axis top above `peak` with room for labels, rounded up to a multiple of `step`."""
    return max(step, -(-peak * headroom // step) * step)


def presidency_bands(ax: Axes, terms: pd.DataFrame, lo: float, hi: float) -> list[str]:
    """Shade South Korean presidential terms between lo and hi, labelled with names.

    Acting presidents are hatched. Returns the names drawn, for the notebook to state.
    """
    drawn = []
    top = blended_transform_factory(ax.transData, ax.transAxes)
    for i, term in enumerate(terms[terms["country"] == "KR"].itertuples()):
        start = decimal_year(term.start)
        end = decimal_year(term.end) if term.end else hi  # in office: to the edge of the chart
        if end < lo or start > hi:
            continue
        start, end = max(start, lo), min(end, hi)
        acting = term.role == "acting"
        if acting:
            ax.axvspan(
                start, end, facecolor="none", edgecolor="#c8c8c8", hatch="////", lw=0, zorder=0
            )
        else:
            ax.axvspan(start, end, color="#000000", alpha=0.05 if i % 2 else 0.02, lw=0, zorder=0)
        if not acting and end - start >= 1.5:
            label = term.name if end - start >= 4.5 else short_name(term.name)
            ax.text(
                (start + end) / 2,
                0.985,
                label,
                transform=top,
                ha="center",
                va="top",
                fontsize=8,
                color="#555555",
            )
            drawn.append(term.name)
    return drawn


def event_markers(
    ax: Axes, events: pd.DataFrame, date_column: str = "date", label_column: str = "label"
) -> None:
    """A dotted vertical line per event with its label written upwards beside it, from near
    the bottom of the axes (where trade and tonnage series leave room)."""
    base = blended_transform_factory(ax.transData, ax.transAxes)
    for event in events.itertuples():
        x = decimal_year(str(getattr(event, date_column))[:10])
        ax.axvline(x, color=COLOURS["grey"], lw=0.8, ls=":", zorder=1)
        ax.text(
            x + 0.12,
            0.12,
            getattr(event, label_column),
            transform=base,
            rotation=90,
            ha="left",
            va="bottom",
            fontsize=7.5,
            color="#444444",
        )


def footer(fig: Figure, lines: Sequence[str], width: int = 175) -> None:
    """The source lines at the bottom of the figure, wrapped, in small grey type."""
    fig.text(
        0.01,
        0.012,
        "\n".join(w for line in lines for w in textwrap.wrap(line, width)),
        ha="left",
        va="bottom",
        fontsize=7.5,
        color="#555555",
        linespacing=1.4,
    )


def article_sources(source_ids: Iterable[str]) -> str:
    """The footer line for the articles whose rows are plotted."""
    return "Articles: " + citations.short_list(source_ids)


def official_sources(reporters: Iterable[str]) -> str:
    """The footer line for the official statistics plotted (data/reference/trade_annual.csv)."""
    table = reference.reporters()
    names = sorted({reference.reporter_name(r, table) for r in reporters})
    return "Official statistics (data/reference/): " + ", ".join(names)


def save(fig: Figure, name: str, folder: Path | None = None) -> None:
    """Write `name`.png and `name`.svg to reports/figures/ byte-stably (no dates or versions
    in the metadata). Returns nothing, so a notebook cell ending with it shows only the chart."""
    folder = folder or config.charts_dir()
    for ext, metadata in (("png", {"Software": None}), ("svg", {"Date": None, "Creator": None})):
        buffer = BytesIO()
        fig.savefig(buffer, format=ext, metadata=metadata)
        io.write_bytes(folder / f"{name}.{ext}", buffer.getvalue())


def numbered_points(
    ax: Axes, xs: Sequence[float], ys: Sequence[float], colours: Sequence[str]
) -> None:
    """A small number beside each point (1, 2, …), keyed to the list `key_box` draws; points
    that (nearly) coincide get their numbers side by side, "4,5", not on top of each other."""
    placed: list[tuple[float, float]] = []
    for n, (x, y, c) in enumerate(zip(xs, ys, colours, strict=True), start=1):
        here = ax.transData.transform((x, y))
        crowd = sum(1 for p in placed if abs(p[0] - here[0]) < 12 and abs(p[1] - here[1]) < 12)
        placed.append((here[0], here[1]))
        ax.annotate(
            ("," if crowd else "") + str(n),
            (x, y),
            xytext=(5 + 7 * crowd, 5),
            textcoords="offset points",
            fontsize=9,
            fontweight="bold",
            color=c,
        )


def key_box(
    ax: Axes,
    entries: Sequence[str],
    colours: Sequence[str],
    x: float = 0.012,
    y: float = 0.9,
    notes: Sequence[str] = (),
) -> None:
    """The numbered list of what the points say, in a box in an empty corner of the axes."""
    lines = [
        (f"{n}  {e}", c) for n, (e, c) in enumerate(zip(entries, colours, strict=True), start=1)
    ]
    lines += [(note, "#444444") for note in notes]
    step = 0.052
    ax.text(
        x - 0.004,
        y + 0.01,
        " ",
        transform=ax.transAxes,
        fontsize=8.5,
        va="top",
        bbox={"facecolor": "white", "edgecolor": "#cccccc", "boxstyle": "round,pad=0.3"},
        zorder=6,
    ).set_visible(False)
    for i, (line, colour) in enumerate(lines):
        ax.text(
            x,
            y - i * step,
            line,
            transform=ax.transAxes,
            fontsize=8.5,
            va="top",
            color=colour,
            zorder=7,
            fontweight="bold" if colour != "#444444" else "normal",
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6, "alpha": 0.9},
        )
