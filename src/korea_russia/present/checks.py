"""The checks a notebook makes: only what must hold whatever articles are added.

Every plotted point has a source and a quote, and the development articles still state their
own headline figures (looked up by `source_id`). A failed check raises AssertionError naming
the figure and both values, so `make` reports the notebook, the cell and the check in one line.
"""

import itertools
import math

import pandas as pd
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.text import Text

from korea_russia import schemas
from korea_russia.analysis.citations import amount


def sourced(rows: pd.DataFrame, what: str = "point") -> None:
    """Every row drawn on a chart has a source_id and a verbatim quote."""
    for column in ("source_id", "quote"):
        if column not in rows.columns:
            continue
        missing = rows[rows[column].fillna("").astype(str).str.strip() == ""]
        if not missing.empty:
            row = missing.iloc[0]
            name = row.get("figure_id", row.get("event_id", "?"))
            raise AssertionError(f"{what} {name} ({row.get('mention', '')}) has no {column}")


def stated(
    figures: pd.DataFrame,
    source_id: str,
    metric: str,
    period: str | None,
    value: float,
    qualifier: str | None = None,
) -> pd.Series:
    """The figure `source_id` states for `metric` in `period` (None: any or none), checked
    against the value (and qualifier) the article gives; returns the row."""
    rows = figures[(figures["source_id"] == source_id) & (figures["metric"] == metric)]
    label = f"{source_id} {metric}" + (f" {period}" if period else "")
    same = rows if period is None else rows[rows["period_start"].str[: len(period)] == period]
    if same.empty:
        found = ", ".join(
            f"{amount(r.value, r.unit)} ({schemas.period_label(r.period_start, r.period_end)})"
            for r in rows.itertuples()
        )
        unit = rows["unit"].iloc[0] if len(rows) else ""
        raise AssertionError(
            f"{label}: expected {amount(value, unit)}, table has {found or 'no such figure'}"
        )
    close = same[(same["value"] - value).abs() <= abs(value) * 1e-9]
    if close.empty:
        row = same.iloc[0]
        raise AssertionError(
            f"{label} ({row['figure_id']}): expected {amount(value, row['unit'])}, "
            f"table has {amount(row['value'], row['unit'])}"
        )
    row = close.iloc[0]
    if qualifier is not None and row["qualifier"] != qualifier:
        raise AssertionError(
            f"{label} ({row['figure_id']}): expected qualifier {qualifier!r}, "
            f"table has {row['qualifier']!r}"
        )
    return row


def verdict(claims: pd.DataFrame, source_id: str, period: str, expected: str) -> pd.Series:
    """The verdict on the trade figure `source_id` states for `period`."""
    rows = claims[
        (claims["source_id"] == source_id)
        & (claims["metric"] == "bilateral_trade")
        & (claims["period_start"] == period)
    ]
    label = f"{source_id} bilateral_trade {period or 'no period'}"
    if rows.empty:
        raise AssertionError(f"{label}: expected a claim ({expected}), claims.csv has none")
    row = rows.iloc[0]
    if row["verdict"] != expected:
        raise AssertionError(
            f"{label} ({row['figure_id']}): expected {expected}, claims.csv says {row['verdict']}"
        )
    return row


def equal(what: str, expected: object, found: object) -> None:
    """A named fact holds: "neo-asmolov-2021 published: expected '2021-04-08', found …"."""
    if expected != found:
        raise AssertionError(f"{what}: expected {expected!r}, found {found!r}")


def dated(events: pd.DataFrame, source_id: str, date: str, category: str) -> pd.Series:
    """The event `source_id` dates to `date` in `category`; returns the row."""
    rows = events[(events["source_id"] == source_id) & (events["date_start"] == date)]
    if rows.empty:
        raise AssertionError(f"{source_id} event on {date}: expected one, events.csv has none")
    same = rows[rows["category"] == category]
    if same.empty:
        raise AssertionError(
            f"{source_id} event on {date}: expected {category}, "
            f"events.csv has {', '.join(sorted(set(rows['category'])))}"
        )
    return same.iloc[0]


def _texts(fig: Figure) -> list[Text]:
    """Every piece of text drawn on the figure: free text, titles, axis and tick labels
    (ticks inside the view only), annotations, legends."""
    fig.canvas.draw()
    texts = list(fig.texts)
    for legend in fig.legends:
        texts += legend.get_texts()
    for ax in fig.axes:
        texts += [*ax.texts, ax.title, ax._left_title, ax._right_title]
        texts += [ax.xaxis.label, ax.yaxis.label]
        for axis, view in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            lo, hi = sorted(view)
            texts += [t.label1 for t in axis.get_major_ticks() if lo <= t.get_loc() <= hi]
        if ax.get_legend() is not None:
            texts += ax.get_legend().get_texts()
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


def legible(fig: Figure, name: str = "chart") -> None:
    """No two pieces of text on the chart overlap, none runs off the figure, and no marker
    lies (even partly) outside its axes. Independent of pixels: it compares the boxes the
    renderer gives each artist. Raises AssertionError naming the first problem."""
    renderer = fig.canvas.get_renderer()
    page = fig.bbox
    boxes = [
        (t.get_text().replace("\n", " ")[:60], t.get_window_extent(renderer)) for t in _texts(fig)
    ]
    for text, box in boxes:
        if (
            box.x0 < page.x0 - 1
            or box.x1 > page.x1 + 1
            or box.y0 < page.y0 - 1
            or box.y1 > page.y1 + 1
        ):
            raise AssertionError(f"{name}: {text!r} runs off the figure")
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        width = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        height = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        if width > 0.5 and height > 0.5:
            raise AssertionError(f"{name}: {a!r} overlaps {b!r}")
    scale = fig.dpi / 72
    for ax in fig.axes:
        area = ax.get_window_extent(renderer)
        marks = []
        for collection in ax.collections:
            if isinstance(collection, PathCollection) and len(collection.get_offsets()):
                points = collection.get_offset_transform().transform(collection.get_offsets())
                sizes = list(collection.get_sizes()) or [36.0]
                for k, (x, y) in enumerate(points):
                    marks.append((x, y, math.sqrt(sizes[k % len(sizes)]) / 2 * scale))
        for line in ax.lines:
            if line.get_marker() not in (None, "", "None", " ") and line.get_visible():
                for x, y in line.get_transform().transform(line.get_xydata()):
                    marks.append((x, y, line.get_markersize() / 2 * scale))
        for x, y, r in marks:
            if x != x or y != y:
                continue
            if (
                x - r < area.x0 - 0.5
                or x + r > area.x1 + 0.5
                or y - r < area.y0 - 0.5
                or y + r > area.y1 + 0.5
            ):
                raise AssertionError(
                    f"{name}: a marker at ({x:.0f}, {y:.0f}) px lies outside its axes"
                )
