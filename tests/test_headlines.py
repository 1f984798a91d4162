"""Notebook headlines and checks follow the data: computed from whatever rows are there, and
a failed check names the figure and both values."""

import pandas as pd
import pytest

from korea_russia import schemas
from korea_russia.present import checks, headlines


def _figures(*rows: tuple[str, str, float, str, str]) -> pd.DataFrame:
    """Rows of (source_id, metric, value, unit, year) as a figures table."""
    records = []
    for n, (source, metric, value, unit, year) in enumerate(rows):
        record = dict.fromkeys(schemas.FIGURES.names, "")
        record.update(
            figure_id=f"F{n}",
            source_id=source,
            metric=metric,
            measure="level",
            value=value,
            unit=unit,
            period_start=year,
            period_end=year,
            period_basis="stated" if year else "",
            parties="KR;RU",
            mention=f"{value:g}",
            quote=f"The figure was {value:g}.",
        )
        records.append(record)
    return pd.DataFrame(records, columns=schemas.FIGURES.names)


OFFICIAL = pd.DataFrame(
    {
        "metric": "bilateral_trade",
        "side": "KR",
        "year": [2020, 2021, 2022],
        "period_start": ["2020", "2021", "2022-01"],
        "period_end": ["2020", "2021", "2022-07"],
        "value": [20e9, 27e9, 40e9],  # a partial year is never taken for a peak year
    }
)


def test_the_trade_headline_gives_the_latest_year_and_a_range_when_sources_differ() -> None:
    one = _figures(("a", "bilateral_trade", 21e9, "USD", "2022"))
    assert headlines.trade(one, OFFICIAL) == (
        "Bilateral trade: the articles' latest total is US$21bn (2022); "
        "the official Korean totals peak at US$27bn in 2021"
    )
    two = _figures(
        ("a", "bilateral_trade", 11.4e9, "USD", "2024"),
        ("b", "bilateral_trade", 10.2e9, "USD", "2024"),
        ("c", "bilateral_trade", 30e9, "USD", "2019"),
    )
    assert "latest totals run US$10.2–11.4bn (2024)" in headlines.trade(two, OFFICIAL)
    none = _figures(("a", "investment", 1e9, "USD", "2020"))
    assert "no article gives a dated total" in headlines.trade(none, OFFICIAL)


def test_the_energy_and_investment_headlines_follow_the_rows() -> None:
    lng = _figures(
        ("a", "lng_imports", 1.5e6, "t", "2018"),
        ("b", "lng_imports", 2.3e6, "t", "2024"),
        ("a", "lng_imports", 2.1e6, "t", "2024"),
    )
    assert headlines.energy(lng).endswith("from 1.5 Mt in 2018 to 2.1–2.3 Mt in 2024")
    money = _figures(("a", "fund_value", 1e9, "USD", ""), ("b", "investment", 3.5e9, "USD", ""))
    assert headlines.investment(money) == (
        "Investment, funds and projects: 2 figures from 2 articles; "
        "the largest is US$3.5bn (investment)"
    )


def test_a_failed_check_names_the_figure_and_both_values() -> None:
    rows = _figures(("riac", "lng_imports", 2.1e6, "t", "2024"))
    assert checks.stated(rows, "riac", "lng_imports", "2024", 2.1e6)["figure_id"] == "F0"
    with pytest.raises(
        AssertionError,
        match=r"riac lng_imports 2024 \(F0\): expected 2.5 Mt, "
        r"table has 2.1 Mt",
    ):
        checks.stated(rows, "riac", "lng_imports", "2024", 2.5e6)
    with pytest.raises(
        AssertionError,
        match="riac lng_imports 2019: expected 2.1 Mt, table has "
        r"2.1 Mt \(2024\)",
    ):
        checks.stated(rows, "riac", "lng_imports", "2019", 2.1e6)
    unsourced = rows.assign(quote="")
    with pytest.raises(AssertionError, match=r"point F0 .* has no quote"):
        checks.sourced(unsourced)
