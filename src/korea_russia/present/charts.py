"""Charts in the house style: a page laid out in inches (headline, plot, legend, key, source
lines), presidential bands, key events, labels placed where they collide with nothing, one
colour per source, and byte-stable PNG/SVG export to `reports/figures/`."""

import hashlib
import itertools
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files as package_files
from io import BytesIO
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox, blended_transform_factory

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
CATEGORY_COLOURS = {
    "presidency": "grey",
    "diplomacy": "blue",
    "summit": "sky",
    "economy": "green",
    "sanctions": "vermilion",
    "conflict": "black",
    "other": "purple",
}
INK = "#444444"  # secondary text: event labels, notes
FOOT_INK = "#555555"  # source lines, band names, quotes
STYLE = str(package_files("korea_russia.present") / "house.mplstyle")
WIDTH = 11.0  # inches: every page is this wide
LEFT, RIGHT = 0.8, 0.25  # inches of margin beside the plot (room for the y-axis label)


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


def sign(qualifier: str) -> str:
    """The symbol a chart puts before a qualified value ("≈ ", "> ")."""
    return registry.qualifier(qualifier).sign


def marker(qualifier: str) -> str:
    """The marker of a point with this qualifier (▲ a lower bound, ▼ an upper one)."""
    return registry.qualifier(qualifier).marker


def year_range(*years: Iterable[float], pad: float = 0.8) -> tuple[float, float]:
    """The x-axis range that holds every year given, with `pad` years either side."""
    values = [float(y) for ys in years for y in ys]
    return min(values) - pad, max(values) + pad


def nice_top(peak: float, headroom: float = 1.2, step: float = 10.0) -> float:
    """A y-axis top above `peak` with room for labels, rounded up to a multiple of `step`."""
    return max(step, -(-peak * headroom // step) * step)


def source_colours(source_ids: Iterable[str], table: citations.Sources | None = None) -> dict:
    """{source_id: colour}: the colour stored with each source in sources.csv (`add` picks
    it), else one taken from the id's hash, so no chart's colour depends on what else is
    plotted, added or removed."""
    table = table if table is not None else citations.sources()
    palette = config.SOURCE_PALETTE
    colours = {}
    for source_id in sorted(set(source_ids)):
        stored = citations.lookup(source_id, table).get("colour", "")
        digest = int(hashlib.sha256(source_id.encode("utf-8")).hexdigest(), 16)
        colours[source_id] = stored or palette[digest % len(palette)]
    return colours


def president_names(terms: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """{name: (long, short)} for a band label: the family name, Korean order first ("Moon"),
    unless another president shares it (two Rohs, two Lees), then with initials ("Roh M.-h.")."""
    names = list(dict.fromkeys(terms.loc[terms["role"] != "acting", "name"]))
    families = [n.split()[0] for n in names]
    labels = {}
    for name, family in zip(names, families, strict=True):
        initials = " ".join("-".join(f"{p[0]}." for p in g.split("-")) for g in name.split()[1:])
        shared = families.count(family) > 1 and initials
        labels[name] = (name, f"{family} {initials}" if shared else family)
    return labels


# --------------------------------------------------------------------------- labels


@dataclass
class Layout:
    """Places text where it overlaps no text, marker or line already there and stays inside
    its area: each label tries its candidate positions in order and takes the first free one.
    Work in display units (pixels), so call it once the figure's geometry is final."""

    fig: Figure
    pad: float = 3.0  # pixels kept clear around every label
    taken: list[Bbox] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.renderer = self.fig.canvas.get_renderer()

    def block(self, box: Bbox) -> None:
        self.taken.append(box)

    def block_text(self, *texts: Text) -> None:
        for text in texts:
            if text.get_visible() and text.get_text().strip():
                self.block(text.get_window_extent(self.renderer))

    def block_points(self, ax: Axes, xs: Sequence[float], ys: Sequence[float], size: float) -> None:
        """Markers of `size` points (width) at data coordinates."""
        half = size / 2 * self.fig.dpi / 72
        for x, y in ax.transData.transform(list(zip(xs, ys, strict=True))):
            self.block(Bbox([[x - half, y - half], [x + half, y + half]]))

    def block_line(self, ax: Axes, xs: Sequence[float], ys: Sequence[float], width: float = 2):
        """A polyline, as small boxes every few pixels along it (gaps, NaN, break it)."""
        half = max(width, 2) / 2 * self.fig.dpi / 72
        points = ax.transData.transform(list(zip(xs, ys, strict=True)))
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            if any(v != v for v in (x0, y0, x1, y1)):
                continue
            steps = max(1, int(max(abs(x1 - x0), abs(y1 - y0)) / 3))
            for k in range(steps + 1):
                x, y = x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps
                self.block(Bbox([[x - half, y - half], [x + half, y + half]]))

    def free(self, box: Bbox, area: Bbox) -> bool:
        inside = box.x0 >= area.x0 and box.x1 <= area.x1 and box.y0 >= area.y0 and box.y1 <= area.y1
        return inside and not any(_overlap(box, other, self.pad) for other in self.taken)

    def place(
        self,
        ax: Axes,
        xy: tuple[float, float],
        text: str,
        candidates: Sequence[tuple[float, float, str, str]],
        xycoords: object = "data",
        leader: float = 14.0,
        area: Bbox | None = None,
        **style: object,
    ) -> Annotation | None:
        """Write `text` at the first free candidate (dx, dy in points from `xy`, ha, va); a
        label set further than `leader` points away gets a thin line back to its anchor.
        Returns None, drawing nothing, when every candidate is taken."""
        area = area or ax.get_window_extent(self.renderer)
        label = ax.annotate(
            text,
            xy,
            xytext=(0, 0),
            xycoords=xycoords,
            textcoords="offset points",
            annotation_clip=False,
            **style,
        )
        for dx, dy, ha, va in candidates:
            label.set_position((dx, dy))
            label.set_ha(ha)
            label.set_va(va)
            box = label.get_window_extent(self.renderer)
            if self.free(box, area):
                self.block(box)
                if (dx * dx + dy * dy) ** 0.5 > leader:
                    _leader(ax, label, xycoords, box, style.get("color"))
                return label
        label.remove()
        return None


def _overlap(a: Bbox, b: Bbox, pad: float = 0.0) -> bool:
    return a.x0 < b.x1 + pad and b.x0 < a.x1 + pad and a.y0 < b.y1 + pad and b.y0 < a.y1 + pad


def _leader(ax: Axes, label: Annotation, xycoords: object, box: Bbox, colour: object) -> None:
    """A hairline from a data anchor to the nearest point of its label's box."""
    if xycoords != "data":
        return
    px, py = ax.transData.transform(label.xy)
    tx, ty = min(max(px, box.x0), box.x1), min(max(py, box.y0), box.y1)
    (x0, y0), (x1, y1) = ax.transData.inverted().transform([(px, py), (tx, ty)])
    ax.plot([x0, x1], [y0, y1], color=colour or INK, lw=0.6, zorder=4, solid_capstyle="butt")


def ring(
    distances: Sequence[float] = (4, 9, 16, 26, 38, 52),
) -> list[tuple[float, float, str, str]]:
    """Candidate positions around a point, nearest first: right, above, below, left and the
    diagonals, each further out in turn."""
    out = []
    for d in distances:
        for dx, dy, ha, va in (
            (d, d * 0.4, "left", "bottom"),
            (d, -d * 0.4, "left", "top"),
            (d, 0, "left", "center"),
            (0, d, "center", "bottom"),
            (0, -d, "center", "top"),
            (-d, d * 0.4, "right", "bottom"),
            (-d, -d * 0.4, "right", "top"),
            (-d, 0, "right", "center"),
        ):
            out.append((dx, dy, ha, va))
    return out


def numbered_points(
    ax: Axes, layout: Layout, xs: Sequence[float], ys: Sequence[float], colours: Sequence[str]
) -> list[int]:
    """A number beside each point (1, 2, …), keyed to the list under the chart, each where
    it collides with nothing. Returns the numbers that found no place (none, in practice)."""
    lost = []
    for n, (x, y, c) in enumerate(zip(xs, ys, colours, strict=True), start=1):
        placed = layout.place(
            ax, (x, y), str(n), ring(), fontsize=9, fontweight="bold", color=c, zorder=7
        )
        if placed is None:
            lost.append(n)
    return lost


# --------------------------------------------------------------------------- page


@dataclass
class Page:
    """A figure laid out top to bottom in inches: headline, plot, legend, numbered key,
    source lines. Nothing is placed by guesswork, so the parts cannot run into each other
    however many entries the key or the footer has."""

    fig: Figure
    ax: Axes
    legend_top: float  # figure fraction
    key_top: float
    footer_top: float
    height: float

    def y(self, inches_from_top: float) -> float:
        return 1 - inches_from_top / self.height


TITLE_SIZE, KEY_SIZE, FOOT_SIZE = 13, 8.5, 7.5
LINE = 1.45 / 72  # inches per point of type, line spacing included


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """`text` wrapped to `width` inches of `size`-point type (DejaVu Sans is about 0.55 em,
    bold 0.62 em, a glyph)."""
    chars = int(width * 72 / (size * (0.62 if bold else 0.55)))
    return textwrap.wrap(text, chars) or [""]


def page(
    title: str,
    key: Sequence[str] = (),
    footer: Sequence[str] = (),
    legend_rows: int = 2,
    plot_height: float = 4.3,
    left: float = LEFT,
    tick_room: float = 0.45,
) -> Page:
    """A figure with room for every part, sized to what it holds."""
    style()
    usable = WIDTH - left - RIGHT
    head = wrap(title, TITLE_SIZE, usable, bold=True)
    foot = [w for line in footer for w in wrap(line, FOOT_SIZE, WIDTH - 0.3)]
    # as key_list writes them: each line after its number (the widest number, to be safe)
    number = f"{len(key)}  "
    keys = [w for line in key for w in wrap(number + line, KEY_SIZE, WIDTH - 0.4, bold=True)]
    parts = {
        "top": 0.2,
        "title": len(head) * TITLE_SIZE * LINE + 0.15,
        "plot": plot_height,
        "ticks": tick_room,
        "legend": legend_rows * 0.24 + (0.1 if legend_rows else 0),
        "key": len(keys) * KEY_SIZE * LINE + (0.15 if keys else 0),
        "footer": len(foot) * FOOT_SIZE * LINE + 0.15,
    }
    height = sum(parts.values())
    fig = plt.figure(figsize=(WIDTH, height))
    plot_top = parts["top"] + parts["title"]
    ax = fig.add_axes(
        (left / WIDTH, 1 - (plot_top + plot_height) / height, usable / WIDTH, plot_height / height)
    )
    p = Page(fig, ax, 0, 0, 0, height)
    headline(fig, head, left / WIDTH, p.y(parts["top"]))
    p.legend_top = p.y(plot_top + plot_height + tick_room)
    p.key_top = p.y(plot_top + plot_height + tick_room + parts["legend"])
    p.footer_top = p.y(height - parts["footer"] + 0.05)
    source_lines(fig, foot, p.footer_top)
    return p


def headline(fig: Figure, lines: Sequence[str], x: float, y: float) -> None:
    """The chart's headline, already wrapped, its top left at (x, y) in figure fractions."""
    fig.text(
        x,
        y,
        "\n".join(lines),
        ha="left",
        va="top",
        fontsize=TITLE_SIZE,
        fontweight="bold",
        linespacing=1.25,
    )


def source_lines(fig: Figure, lines: Sequence[str], y: float) -> None:
    """The source lines, already wrapped, in small grey type from `y` (figure fraction) down."""
    fig.text(
        0.012,
        y,
        "\n".join(lines),
        ha="left",
        va="top",
        fontsize=FOOT_SIZE,
        color=FOOT_INK,
        linespacing=1.45,
    )


def key_list(p: Page, entries: Sequence[str], colours: Sequence[str], notes: Sequence[str] = ()):
    """The numbered list of what the points say, under the legend, one line each, in the
    colour of its point; notes after it in grey."""
    lines = [
        (f"{n}  {e}", c) for n, (e, c) in enumerate(zip(entries, colours, strict=True), start=1)
    ]
    lines += [(note, INK) for note in notes]
    text_lines, text_colours = [], []
    for line, colour in lines:
        for part in wrap(line, KEY_SIZE, WIDTH - 0.4, bold=True):
            text_lines.append(part)
            text_colours.append(colour)
    step = KEY_SIZE * LINE / p.height
    for i, (line, colour) in enumerate(zip(text_lines, text_colours, strict=True)):
        p.fig.text(
            LEFT / WIDTH / 3,
            p.key_top - i * step,
            line,
            fontsize=KEY_SIZE,
            va="top",
            color=colour,
            fontweight="bold" if colour != INK else "normal",
        )


def legend(p: Page, handles: list, ncol: int = 3) -> None:
    """The legend centred under the plot."""
    p.fig.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, p.legend_top),
        ncol=ncol,
        fontsize=8,
        borderaxespad=0,
        handletextpad=0.5,
        columnspacing=1.6,
    )


# --------------------------------------------------------------------------- political time


def presidency_bands(ax: Axes, layout: Layout, terms: pd.DataFrame, lo: float, hi: float) -> list:
    """Shade South Korean presidential terms between lo and hi, each labelled with the
    president's name (full, else family name, else with initials where two share it) where it
    fits; acting presidents hatched. Returns the names written, for the notebook to state."""
    kr = terms[terms["country"] == "KR"]
    names = president_names(kr)
    top = blended_transform_factory(ax.transData, ax.transAxes)
    drawn = []
    for i, term in enumerate(kr.itertuples()):
        start = decimal_year(term.start)
        end = decimal_year(term.end) if term.end else hi  # in office: to the edge of the chart
        if end < lo or start > hi:
            continue
        start, end = max(start, lo), min(end, hi)
        if term.role == "acting":
            ax.axvspan(
                start, end, facecolor="none", edgecolor="#c8c8c8", hatch="////", lw=0, zorder=0
            )
            continue
        ax.axvspan(start, end, color="#000000", alpha=0.05 if i % 2 else 0.02, lw=0, zorder=0)
        left, right = ax.transData.transform([(start, 0), (end, 0)])[:, 0]
        band = ax.get_window_extent(layout.renderer)
        band = Bbox([[left + 2, band.y0], [right - 2, band.y1]])
        if not term.end:  # in office: the label may reach back over the bands before it
            band = Bbox([[ax.get_window_extent(layout.renderer).x0, band.y0], [band.x1, band.y1]])
        for text in dict.fromkeys(names[term.name]):
            for xy, ha in (((start + end) / 2, "center"), (end, "right")):
                placed = layout.place(
                    ax,
                    (xy, 0.985),
                    text,
                    [(-3 if ha == "right" else 0, dy, ha, "top") for dy in (0, -11)],
                    xycoords=top,
                    area=band,
                    fontsize=8,
                    color=FOOT_INK,
                )
                if placed is not None:
                    drawn.append(term.name)
                    break
            else:
                continue
            break
    return drawn


def event_lines(ax: Axes, layout: Layout, events: pd.DataFrame, lo: float, hi: float) -> list:
    """A dotted line at each key event between lo and hi, with "2014 Crimea annexed" written
    across the top of the plot at the first free height (never over the data). Returns the
    labels written."""
    top = blended_transform_factory(ax.transData, ax.transAxes)
    written = []
    for event in events.itertuples():
        x = decimal_year(event.date.split("/")[0])
        if not lo <= x <= hi:
            continue
        ax.axvline(x, color=COLOURS["grey"], lw=0.8, ls=":", zorder=1)
        text = f"{event.date[:4]} {event.label}"
        candidates = [
            (dx, -14 - 11 * level, ha, "top")
            for level in range(8)
            for dx, ha in ((3, "left"), (-3, "right"))
        ]
        placed = layout.place(
            ax,
            (x, 1.0),
            text,
            candidates,
            xycoords=top,
            fontsize=7.5,
            color=INK,
            zorder=6,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5, "alpha": 0.8},
        )
        if placed is not None:
            written.append(text)
    return written


# --------------------------------------------------------------------------- source lines


def article_sources(source_ids: Iterable[str]) -> str:
    """The footer line for the articles whose rows are plotted."""
    return "Articles: " + citations.short_list(source_ids)


KIND_LINES = {
    "customs": "Official statistics",
    "statistics": "Official statistics",
    "official": "Totals stated by officials",
    "media": "Totals reported in the media",
}


def official_sources(reporters: Iterable[str]) -> list[str]:
    """Footer lines for the official series plotted, by who published them: statistics
    offices and customs services apart from officials' statements and media reports."""
    table = reference.reporters()
    kinds = dict(zip(table["reporter"], table["kind"], strict=True))
    sides = dict(zip(table["reporter"], table["side"], strict=True))
    groups: dict[str, set[str]] = {}
    for reporter in set(reporters):
        parts = (
            reporter.removeprefix("exports: ").split(" + imports: ")
            if reporter.startswith("exports: ")
            else [reporter]
        )
        for part in parts:
            line = KIND_LINES.get(kinds.get(part, ""), "Other reports")
            side = {"KR": "Korean", "RU": "Russian"}.get(sides.get(part, ""), "")
            name = reference.reporter_name(part, table)
            groups.setdefault(line, set()).add(f"{name} ({side})" if side else name)
    order = [*list(dict.fromkeys(KIND_LINES.values())), "Other reports"]
    return [f"{line}: {', '.join(sorted(groups[line]))}." for line in order if line in groups]


def save(fig: Figure, name: str, folder: Path | None = None) -> None:
    """Write `name`.png and `name`.svg to reports/figures/ byte-stably (no dates or versions
    in the metadata). Returns nothing, so a notebook cell ending with it shows only the chart."""
    folder = folder or config.charts_dir()
    for ext, metadata in (("png", {"Software": None}), ("svg", {"Date": None, "Creator": None})):
        buffer = BytesIO()
        fig.savefig(buffer, format=ext, metadata=metadata)
        io.write_bytes(folder / f"{name}.{ext}", buffer.getvalue())
