"""The checks a notebook makes: only what must hold whatever articles are added.

Every plotted point has a source and a quote, and the development articles still state their
own headline figures (looked up by `source_id`). A failed check raises AssertionError naming
the figure and both values, so `make` reports the notebook, the cell and the check in one line.
"""

import pandas as pd

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
