"""Set each checkable article figure beside the official statistics for the same thing and
period, from both reporters where both exist.

What is checked, and against what (all in `data/reference/`, each value with its quote):
- trade levels (total, exports, imports) against the official series of each side
  (`reference.official_trade`), for exactly the article's period: a full year against a full
  year, "January–July 2024" against the same months; a partial year is never compared with a
  full-year claim, and the note says what the reference data holds instead;
- trade changes ("fell 22.6 percent in 2022") against the change between the official values
  for that period and the same period a year earlier, in percentage points;
- targets ("double to US$30bn by 2020") against the official total of the target year:
  `met` when it reaches the target as written, else `missed`; a target year with no official
  value yet is unverifiable;
- LNG and other energy imports by commodity, in tonnes or US$ (`lng_annual.csv`,
  `energy_imports.csv`; rows on a stated basis: a plan is not an import), and import shares
  whose denominator is Korea's own imports of that commodity;
- investment stocks and flows where the basis matches: the same direction (Korean investment
  in Russia or Russian investment in Korea, read from the sentence), a stock against a stock
  with the same cut-off year, a flow against a flow of the same period.

Currencies: a figure in won, euros or roubles is converted with the annual average rate of its
year (`exchange_rates.csv`, each rate with its source) before it is compared; with no sourced
rate it is unverifiable, never compared as if it were US$.

Verdicts respect the article's qualifier:
- `consistent`: a plain figure within its tolerance of an official value (the larger of 5% and
  the rounding of the number as written); an "around" figure within 10%; "over X" with the
  official value above X, "under X" below; a change within 1 percentage point (2 for "about")
  or its rounding;
- `differs`: outside that for every official value there is;
- `met` / `missed`: a target, against the target year's value;
- `unverifiable`: nothing to compare with, and the note says what is missing.
Two reporters (Korean and Russian statistics) often disagree by more than the tolerance; an
article that agrees with either is consistent, and the note gives the other. The `official_*`
columns hold the value the verdict rests on (Korean first), `other_side_*` the other side's.

A figure that counts goods and services (a phrase rule, `vocab/claims.toml`) is compared with
goods-only statistics: within tolerance it is consistent, below it differs, above it is
unverifiable (services are not in the reference data).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from korea_russia import reference, registry, schemas
from korea_russia.analysis.hedges import APPROX_TOLERANCE, TOLERANCE, rounding

_FIGURE_COLUMNS = [c for c in schemas.CLAIMS.names if c in schemas.FIGURES.names]
_TRADE = ("bilateral_trade", "exports_kr_to_ru", "imports_kr_from_ru")
CHANGE_POINTS = 1.0
APPROX_CHANGE_POINTS = 2.0


@dataclass(frozen=True)
class Official:
    """One reference value a figure can be compared with."""

    value: float
    side: str
    reporter: str
    title: str
    url: str
    quote: str
    basis: str = ""


@dataclass
class Reference:
    """The reference tables a check reads, loaded once."""

    official: pd.DataFrame
    lng: pd.DataFrame = field(default_factory=reference.lng)
    energy: pd.DataFrame = field(default_factory=reference.energy_imports)
    investment: pd.DataFrame = field(default_factory=reference.investment)
    rates: pd.DataFrame = field(default_factory=reference.exchange_rates)
    reporters: pd.DataFrame = field(default_factory=reference.reporters)

    def name(self, reporter: str) -> str:
        """A reporter's short name where reporters.csv knows it ("KITA"), else as given."""
        return reference.reporter_name(reporter, self.reporters)


def verdict(value: float, qualifier: str, official: float, tolerance: float) -> str:
    """consistent or differs, by the qualifier the article put on its number."""
    return _within(value, qualifier, official, tolerance * abs(official))


def change_verdict(value: float, qualifier: str, official: float, points: float) -> str:
    """A claimed change against the official one, in percentage points."""
    return _within(value, qualifier, official, points)


def _within(value: float, qualifier: str, official: float, allowed: float) -> str:
    """consistent where the official value meets the bound the qualifier sets ("over",
    "under"), or, with none, lies within `allowed` of the article's value; else differs."""
    bound = registry.qualifier(qualifier).bound
    if bound == "lower":
        return "consistent" if official >= value else "differs"
    if bound == "upper":
        return "consistent" if official <= value else "differs"
    return "consistent" if abs(official - value) <= allowed else "differs"


def target_verdict(target: float, qualifier: str, official: float, mention: str) -> str:
    """met or missed: the official value against the target as written (its rounding)."""
    if registry.qualifier(qualifier).bound == "upper":
        return "met" if official <= target * (1 + rounding(mention, target)) else "missed"
    return "met" if official >= target * (1 - rounding(mention, target)) else "missed"


def _tolerance(figure: pd.Series) -> float:
    if registry.qualifier(figure["qualifier"]).approx:
        return APPROX_TOLERANCE
    return max(TOLERANCE, rounding(figure["mention"], figure["value"]))


def counts_services(quote: str) -> bool:
    """The sentence counts services as well as goods (vocab/claims.toml), not merely a name
    with "Service" in it."""
    return any(re.search(p, quote, re.IGNORECASE) for p in _words()["goods_and_services"])


def _words() -> dict:
    return registry.load("claims")


def investment_direction(quote: str) -> str:
    """KR->RU (Korean investment in Russia), RU->KR, or "" when the sentence does not say."""
    words = _words()["investment"]
    into = r"\b(?:in|into)\s+(?:the\s+)?"
    for match in re.finditer(r"\binvest\w*", quote, re.IGNORECASE):
        after = re.split(r"[.;](?!\d)", quote[match.end() : match.end() + 90])[0]
        for direction, key in (("KR->RU", "into_russia"), ("RU->KR", "into_korea")):
            if any(re.search(into + w, after, re.IGNORECASE) for w in words[key]):
                return direction
        before = quote[max(0, match.start() - 40) : match.start()]
        for direction, key in (("KR->RU", "from_korea"), ("RU->KR", "from_russia")):
            if any(re.search(rf"\b{w}\s+(?:\w+\s+)?$", before, re.IGNORECASE) for w in words[key]):
                return direction
    return ""


def is_cumulative(figure: pd.Series) -> bool:
    """A stock: a multi-year period, or words of accumulation in the sentence."""
    start, end = figure["period_start"], figure["period_end"]
    if start and end and start[:4] != end[:4]:
        return True
    return any(re.search(p, figure["quote"], re.IGNORECASE) for p in _words()["cumulative"])


def _span(figure: pd.Series) -> tuple[str, str] | None:
    """The period the article states (None: none, or only assumed from the publication)."""
    if not figure["period_start"] or figure.get("period_basis") == "publication":
        return None
    return figure["period_start"], figure["period_end"]


def _label(start: str, end: str) -> str:
    return reference.period_label(start, end)


def _bn(value: float) -> str:
    return f"US${value / 1e9:.2f}bn"


def _in_usd(figure: pd.Series, data: Reference) -> tuple[float, str, str]:
    """(value in US$, how it was converted, why not) for a money figure."""
    unit = figure["unit"]
    if unit == "USD":
        return float(figure["value"]), "", ""
    span = _span(figure)
    year = int(span[0][:4]) if span and span[0][:4] == span[1][:4] else None
    if year is None:
        return float("nan"), "", f"a {unit} figure without one year to take an exchange rate from"
    rates = data.rates[(data.rates["currency"] == unit) & (data.rates["year"] == year)]
    if rates.empty:
        return (
            float("nan"),
            "",
            (
                f"no sourced annual average {unit}/US$ rate for {year} in the reference data; "
                f"a {unit} figure is not compared as if it were US$"
            ),
        )
    rate = rates.iloc[0]
    how = (
        f"{unit} converted at {rate['per_usd']:g} per US$ ({year} average, {rate['source_title']})"
    )
    return float(figure["value"]) / float(rate["per_usd"]), how, ""


def _trade(data: Reference, metric: str, start: str, end: str, side: str) -> Official | None:
    o = data.official
    rows = o[
        (o["metric"] == metric)
        & (o["period_start"] == start)
        & (o["period_end"] == end)
        & (o["side"] == side)
    ]
    if rows.empty:
        return None
    r = rows.iloc[0]
    return Official(
        float(r["value"]),
        side,
        r["reporter"],
        r["source_title"],
        r["source_url"],
        r["source_quote"],
        r["rule"],
    )


def _what_is_held(data: Reference, metric: str, start: str, end: str) -> str:
    """What the reference data holds for a trade metric near a period it has no value for."""
    year = start[:4]
    o = data.official
    same_year = o[(o["period_start"].str[:4] == year) & (o["side"] == "KR")]
    held = []
    if metric == "bilateral_trade" and reference.full_year(start, end):
        exports = same_year[
            (same_year["metric"] == "exports_kr_to_ru") & (same_year["period_start"] == year)
        ]
        if len(exports):
            e = exports.iloc[0]
            held.append(
                f"only Korean exports are known: {_bn(e['value'])} ({data.name(e['reporter'])})"
            )
    partial = same_year[same_year["metric"] == metric]
    partial = partial[~reference.full_year_mask(partial)]
    for _, p in partial.iterrows():
        if (p["period_start"], p["period_end"]) != (start, end):
            held.append(
                f"a partial year only: {_label(p['period_start'], p['period_end'])} "
                f"{_bn(p['value'])} ({data.name(p['reporter'])}), "
                "not compared with a claim for another period"
            )
    return "; ".join(held)


def _row(figure: pd.Series) -> dict:
    row = {k: figure[k] for k in _FIGURE_COLUMNS}
    if figure.get("period_basis") == "publication":
        # A claim is checked for the period the article states; an assumed one is none.
        row.update(period_start="", period_end="")
    return row


def _unverifiable(figure: pd.Series, note: str) -> dict:
    return {**_row(figure), "verdict": "unverifiable", "note": note}


def _as_level(value: float, figure: pd.Series, tolerance: float) -> Callable[[float], str]:
    """The verdict of a level stated in `figure` against an official value."""
    return lambda official: verdict(value, figure["qualifier"], official, tolerance)


def _compared(
    data: Reference,
    figure: pd.Series,
    value: float,
    unit: str,
    candidates: list[Official],
    decide,
    tolerance: float,
    notes: list[str],
) -> dict:
    """A row for a figure with at least one official value: the verdict against each, the
    first consistent one (Korean side first) deciding."""
    seen: set[tuple[float, str]] = set()
    unique = []
    for c in candidates:  # one source often reaches two tables (LNG tonnes, energy imports)
        if (c.value, c.side) not in seen:
            seen.add((c.value, c.side))
            unique.append(c)
    order = sorted(unique, key=lambda c: c.side != "KR")
    judged = [(c, decide(c.value)) for c in order]
    chosen = next(((c, v) for c, v in judged if v in ("consistent", "met")), judged[0])
    main, result = chosen
    others = [c for c in order if c.side != main.side and c.side]
    other = others[0] if others else None
    difference = value - main.value
    relative = None if unit == "percent" or not main.value else round(difference / main.value, 6)
    for c in order:
        if c is not main and c.side == main.side:
            notes.append(f"also {fmt(c.value, unit)} ({data.name(c.reporter)}{_basis(c)})")
    if main.basis == "derived":
        notes.append(f"the official {_side_name(main.side)} total is exports + imports")
    if other is not None:
        summed = ", exports + imports" if other.basis == "derived" else ""
        notes.append(
            f"{_side_name(other.side)} side reports {fmt(other.value, unit)} "
            f"({data.name(other.reporter)}{summed})"
        )
    qualifier = registry.qualifier(figure["qualifier"])
    if qualifier.bound and result != "met" and result != "missed":
        notes.append(f"the article gives a bound ({qualifier.text.strip()})")
    elif relative is not None and abs(relative) > 0 and result not in ("met", "missed"):
        notes.append(f"{relative:+.1%} from the official value")
    elif unit == "percent" and result not in ("met", "missed"):
        notes.append(f"{difference:+.1f} percentage points from the official change")
    return {
        **_row(figure),
        "compared_value": float(value),
        "compared_unit": unit,
        "official_value": float(main.value),
        "official_side": main.side,
        "official_reporter": main.reporter + _basis(main),
        "official_source_title": main.title,
        "official_source_url": main.url,
        "official_source_quote": main.quote,
        "other_side_value": float(other.value) if other is not None else None,
        "other_side_reporter": other.reporter if other is not None else "",
        "other_side_source_quote": other.quote if other is not None else "",
        "difference": float(difference),
        "relative_difference": relative,
        "tolerance": round(tolerance, 6),
        "verdict": result,
        "note": "; ".join(n for n in notes if n) or "equal to the official value",
    }


def _basis(c: Official) -> str:
    return f", {c.basis}" if c.basis and c.basis not in ("stated", "derived") else ""


def _side_name(side: str) -> str:
    return {"KR": "Korean", "RU": "Russian"}.get(side, side)


def fmt(value: float, unit: str) -> str:
    """A compared value as a reader reads it: US$22.34bn, 2.10 Mt, -22.6%."""
    if unit == "USD":
        return _bn(value)
    if unit == "t":
        return f"{value / 1e6:.2f} Mt"
    if unit == "percent":
        return f"{value:+.1f}%"
    return f"{value:g} {unit}"


def _check_trade_level(figure: pd.Series, data: Reference) -> dict:
    span = _span(figure)
    value, how, why = _in_usd(figure, data)
    if why:
        return _unverifiable(figure, why)
    start, end = span
    candidates = [
        c for side in ("KR", "RU") if (c := _trade(data, figure["metric"], start, end, side))
    ]
    label = _label(start, end)
    if not candidates:
        what = (
            "total"
            if figure["metric"] == "bilateral_trade"
            else registry.metric_label(figure["metric"])
        )
        held = _what_is_held(data, figure["metric"], start, end)
        return _unverifiable(
            figure,
            f"no official {what} for {label} in the reference data" + (f"; {held}" if held else ""),
        )
    tolerance = _tolerance(figure)
    notes = [how]
    services = counts_services(figure["quote"])
    row = _compared(
        data,
        figure,
        value,
        "USD",
        candidates,
        _as_level(value, figure, tolerance),
        tolerance,
        notes,
    )
    if services:
        if row["verdict"] == "differs" and value > row["official_value"]:
            row.update(
                verdict="unverifiable",
                note="the article counts goods and services; the official figures are goods "
                "only and services are not in the reference data; " + row["note"],
            )
        else:
            row["note"] = (
                "the article counts goods and services; the official figure is goods only; "
                + row["note"]
            )
    return row


def _previous(start: str, end: str) -> tuple[str, str]:
    """The same period one year earlier."""
    return str(int(start[:4]) - 1) + start[4:], str(int(end[:4]) - 1) + end[4:]


def _check_trade_change(figure: pd.Series, data: Reference) -> dict:
    if figure["unit"] != "percent":
        return _unverifiable(
            figure, f"a change in {figure['unit']} is not checked (only percentages)"
        )
    start, end = _span(figure)
    before = _previous(start, end)
    candidates = []
    missing = []
    for side in ("KR", "RU"):
        now = _trade(data, figure["metric"], start, end, side)
        then = _trade(data, figure["metric"], *before, side)
        if now and then:
            change = (now.value / then.value - 1) * 100
            candidates.append(
                Official(
                    round(change, 4),
                    side,
                    now.reporter
                    if now.reporter == then.reporter
                    else f"{then.reporter}; {now.reporter}",
                    now.title if now.title == then.title else f"{then.title} | {now.title}",
                    now.url,
                    f"{_label(*before)}: {then.quote} | {_label(start, end)}: {now.quote}",
                )
            )
        elif now or then:
            have = _label(start, end) if now else _label(*before)
            lack = _label(*before) if now else _label(start, end)
            missing.append(f"{_side_name(side)} statistics give {have} but not {lack}")
    if not candidates:
        what = (
            "total"
            if figure["metric"] == "bilateral_trade"
            else registry.metric_label(figure["metric"])
        )
        both = f"{_label(*before)} and {_label(start, end)}"
        note = f"no official {what} for both {both} to compute a change"
        return _unverifiable(figure, "; ".join([note, *missing]))
    points = max(
        APPROX_CHANGE_POINTS if registry.qualifier(figure["qualifier"]).approx else CHANGE_POINTS,
        rounding(figure["mention"], figure["value"]) * abs(figure["value"]),
    )
    value = float(figure["value"])
    return _compared(
        data,
        figure,
        value,
        "percent",
        candidates,
        lambda official: change_verdict(value, figure["qualifier"], official, points),
        points,
        [f"official change {_label(*before)} to {_label(start, end)}"],
    )


def _check_target(figure: pd.Series, data: Reference) -> dict:
    span = _span(figure)
    if figure["metric"] not in _TRADE:
        return _unverifiable(figure, "a target for a measure without an official series")
    value, how, why = _in_usd(figure, data)
    if why:
        return _unverifiable(figure, why)
    year = span[1][:4]
    candidates = [
        c for side in ("KR", "RU") if (c := _trade(data, figure["metric"], year, year, side))
    ]
    if not candidates:
        held = _what_is_held(data, figure["metric"], year, year)
        return _unverifiable(
            figure,
            f"a target for {year}; no official full-year value for {year} in the reference data"
            + (f"; {held}" if held else ""),
        )
    row = _compared(
        data,
        figure,
        value,
        "USD",
        candidates,
        lambda official: target_verdict(value, figure["qualifier"], official, figure["mention"]),
        rounding(figure["mention"], value),
        [how, f"the target: {_bn(value)} by {year}"],
    )
    reached = row["official_value"] / value
    row["note"] = f"{reached:.0%} of the target reached; " + row["note"]
    return row


def _commodity(text: str) -> str:
    """Our commodity name for a reference table's commodity cell ("bituminous coal" -> coal)."""
    for name, _metric, pattern in registry.commodities():
        if re.search(pattern, text, re.IGNORECASE):
            return name
    return ""


def _energy_candidates(figure: pd.Series, data: Reference, start: str, end: str) -> list[Official]:
    """Reference rows for the figure's commodity, period and unit, each with its side."""
    commodity = figure["commodity"] or ("lng" if figure["metric"] == "lng_imports" else "")
    found = []
    if commodity == "lng" and figure["unit"] == "t":
        lng = data.lng.dropna(subset=["tonnes"])
        lng = lng[
            (lng["period_start"] == start) & (lng["period_end"] == end) & (lng["basis"] != "plan")
        ]
        for _, r in lng.iterrows():
            side = "RU" if r["basis"] == "exporter" else "KR"
            found.append(
                Official(
                    float(r["tonnes"]),
                    side,
                    r["publisher"],
                    r["source_title"],
                    r["source_url"],
                    r["source_quote"],
                    r["basis"],
                )
            )
    e = data.energy
    e = e[(e["period_start"] == start) & (e["period_end"] == end)]
    e = e[[_commodity(c) == commodity and "share" not in c for c in e["commodity"]]]
    for _, r in e.iterrows():
        side = (
            "KR"
            if r["reporter"].startswith("KR")
            else "RU"
            if r["reporter"].startswith("RU")
            else ""
        )
        if not side:
            continue  # estimates (CREA) and third-country analyses (US EIA) are not official
        if figure["measure"] == "share":
            if pd.notna(r["share_pct"]) and r["share_basis"].startswith("of Korea's"):
                found.append(
                    Official(
                        float(r["share_pct"]),
                        side,
                        r["reporter"],
                        r["source_title"],
                        r["source_url"],
                        r["source_quote"],
                        r["share_basis"],
                    )
                )
        elif figure["unit"] == "t" and r["quantity_unit"] == "tonnes" and pd.notna(r["quantity"]):
            found.append(
                Official(
                    float(r["quantity"]),
                    side,
                    r["reporter"],
                    r["source_title"],
                    r["source_url"],
                    r["source_quote"],
                )
            )
        elif figure["unit"] in registry.currencies() and pd.notna(r["value_usd"]):
            found.append(
                Official(
                    float(r["value_usd"]),
                    side,
                    r["reporter"],
                    r["source_title"],
                    r["source_url"],
                    r["source_quote"],
                )
            )
    return found


def _check_energy(figure: pd.Series, data: Reference) -> dict:
    start, end = _span(figure)
    commodity = figure["commodity"] or ("lng" if figure["metric"] == "lng_imports" else "")
    if not commodity:
        return _unverifiable(figure, "the article does not say which energy commodity")
    unit = figure["unit"]
    how = ""
    value = float(figure["value"])
    if figure["measure"] == "share":
        unit = "percent"
    elif unit in registry.currencies():
        value, how, why = _in_usd(figure, data)
        if why:
            return _unverifiable(figure, why)
        unit = "USD"
    elif unit != "t":
        return _unverifiable(
            figure, f"{commodity} in {unit}: the reference data has tonnes and US$"
        )
    candidates = _energy_candidates(figure, data, start, end)
    if not candidates:
        return _unverifiable(figure, _energy_note(figure, data, commodity, start, end))
    tolerance = _tolerance(figure)
    if unit == "percent":
        points = max(CHANGE_POINTS, rounding(figure["mention"], value) * value)
        decide = lambda official: change_verdict(value, figure["qualifier"], official, points)  # noqa: E731
        tolerance = points
    else:
        decide = _as_level(value, figure, tolerance)
    bases = {c.basis for c in candidates if c.basis}
    notes = [
        how,
        f"reference rows on mixed bases ({', '.join(sorted(bases))})" if len(bases) > 1 else "",
    ]
    return _compared(data, figure, value, unit, candidates, decide, tolerance, notes)


def _energy_note(figure: pd.Series, data: Reference, commodity: str, start: str, end: str) -> str:
    label = _label(start, end)
    if commodity == "lng" and figure["unit"] == "t" and figure["measure"] != "share":
        near = data.lng.dropna(subset=["tonnes"])
        near = near[near["full_year"] & (near["basis"] != "plan")]
        year = int(start[:4])
        near = near.iloc[(near["year"] - year).abs().argsort()[:2]].sort_values("year")
        seen = ", ".join(
            f"{t / 1e6:.1f} Mt in {y} ({b})"
            for y, t, b in zip(near["year"], near["tonnes"], near["basis"], strict=True)
        )
        return f"no reported LNG tonnage for {label}; nearest reported: {seen}"
    what = {"percent": "share"}.get(figure["unit"], "figure")
    return f"no official {commodity.replace('_', ' ')} {what} for {label} in the reference data"


def _check_investment(figure: pd.Series, data: Reference) -> dict:
    if figure["measure"] != "level":
        return _unverifiable(figure, f"an investment {figure['measure']} is not checked")
    value, how, why = (
        _in_usd(figure, data)
        if figure["unit"] in registry.currencies()
        else (0, "", f"investment in {figure['unit']}")
    )
    if why:
        return _unverifiable(figure, why)
    direction = investment_direction(figure["quote"])
    if not direction:
        return _unverifiable(figure, "the sentence does not say which way the investment goes")
    start, end = _span(figure)
    inv = data.investment[data.investment["direction"] == direction]
    who = "Korean investment in Russia" if direction == "KR->RU" else "Russian investment in Korea"
    if is_cumulative(figure):
        rows = inv[(inv["stock"] == "cumulative") & (inv["cutoff"] == end[:4])]
        if rows.empty:
            stocks = inv[inv["stock"] == "cumulative"]
            held = "; ".join(
                f"{_bn(v)} ({p})"
                for p, v in zip(stocks["period"], stocks["value_usd"], strict=True)
            )
            return _unverifiable(
                figure,
                f"no stock of {who} to {end[:4]} in the reference data (stocks held, on mixed "
                f"bases: {held or 'none'})",
            )
    else:
        rows = inv[
            (inv["stock"] == "annual") & (inv["period_start"] == start) & (inv["period_end"] == end)
        ]
        if rows.empty:
            return _unverifiable(
                figure, f"no flow of {who} for {_label(start, end)} in the reference data"
            )
    candidates = [
        Official(
            float(r["value_usd"]),
            "",
            r["kind"],
            r["source_title"],
            r["source_url"],
            r["source_quote"],
        )
        for _, r in rows.iterrows()
    ]
    tolerance = _tolerance(figure)
    return _compared(
        data,
        figure,
        value,
        "USD",
        candidates,
        _as_level(value, figure, tolerance),
        tolerance,
        [how, f"{who}; investment figures are on mixed bases (reported or remitted)"],
    )


def check_one(figure: pd.Series, data: Reference) -> dict:
    """The claims row for one article figure."""
    if _span(figure) is None:
        if figure.get("period_basis") == "publication":
            return _unverifiable(
                figure, "the article gives no year (its publication year is only assumed)"
            )
        return _unverifiable(figure, "the article gives no year")
    metric, measure = figure["metric"], figure["measure"]
    if measure == "target":
        return _check_target(figure, data)
    if metric in _TRADE:
        if measure == "change":
            return _check_trade_change(figure, data)
        if measure == "level":
            if figure["unit"] not in registry.currencies():
                return _unverifiable(
                    figure, f"trade in {figure['unit']}: official statistics are in US$"
                )
            return _check_trade_level(figure, data)
        return _unverifiable(figure, f"a {measure} of trade is not checked")
    if metric in ("lng_imports", "energy_imports"):
        if measure not in ("level", "share"):
            return _unverifiable(figure, f"an energy {measure} is not checked")
        return _check_energy(figure, data)
    if metric == "investment":
        return _check_investment(figure, data)
    return _unverifiable(figure, "no official series for this measure")


def checkable(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures the check reports on: checkable metrics; of percentages, only changes,
    targets and energy shares (an investment share has no official denominator here)."""
    metrics = [m.name for m in registry.metrics() if m.checkable]
    keep = figures["metric"].isin(metrics)
    percent = figures["unit"] == "percent"
    energy_share = figures["metric"].isin(["lng_imports", "energy_imports"]) & (
        figures["measure"] == "share"
    )
    return figures[keep & (~percent | (figures["measure"] == "change") | energy_share)]


def check(
    figures: pd.DataFrame,
    official: pd.DataFrame | None = None,
    data: Reference | None = None,
) -> pd.DataFrame:
    """One row per checkable article figure with its official counterparts and verdict."""
    if data is None:
        data = Reference(reference.official_trade() if official is None else official)
    rows = [check_one(f, data) for _, f in checkable(figures).iterrows()]
    columns = schemas.CLAIMS.columns
    empty = {c.name: (None if c.dtype == "float" else "") for c in columns}
    frame = pd.DataFrame([{**empty, **r} for r in rows], columns=[c.name for c in columns])
    return frame.sort_values(
        ["metric", "period_start", "source_id", "figure_id"], ignore_index=True
    )


def counts(claims: pd.DataFrame) -> dict[str, int]:
    """How many claims got each verdict, in the order of schemas.VERDICTS."""
    found = claims["verdict"].value_counts()
    return {v: int(found.get(v, 0)) for v in schemas.VERDICTS}
