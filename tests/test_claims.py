"""Claims against official statistics: the series rule, verdicts, and their reasons."""

from pathlib import Path

import pandas as pd
import pytest
from helpers import development, doc

from korea_russia import reference, schemas, tables
from korea_russia.analysis import claims
from korea_russia.cli import main
from korea_russia.extract import figures
from korea_russia.schemas import validate

ROOT = Path(__file__).resolve().parents[1]
PROCESSED = ROOT / "data" / "processed"
REFERENCE = ROOT / "data" / "reference"
FIGURES = development(tables.figures(PROCESSED))
OFFICIAL = reference.official_trade()
CLAIMS = claims.check(FIGURES, OFFICIAL)
DATA = claims.Reference(OFFICIAL)


def verdict_of(period: str, mention: str) -> dict:
    [row] = CLAIMS[(CLAIMS["period_start"] == period) & (CLAIMS["mention"] == mention)].to_dict(
        "records"
    )
    return row


def test_corpus_verdicts() -> None:
    over_22 = verdict_of("2019", "US$22 billion")
    assert (over_22["verdict"], over_22["official_value"]) == (
        "consistent",
        pytest.approx(22.34064e9),
    )
    assert over_22["official_reporter"] == "KR (KITA, Korean customs basis)"
    # both reporters: the Russian-reported total for 2019 is DOTS exports + imports
    assert over_22["other_side_value"] == pytest.approx(7997169607 + 16377066137)
    target = verdict_of("2020", "double that by 2020")
    assert (target["verdict"], target["measure"]) == ("missed", "target")
    assert target["compared_value"] == 30e9  # "double that": twice the US$15bn before it
    assert target["official_value"] == pytest.approx(6899968000 + 10682690000)  # derived
    assert target["note"].startswith("59% of the target reached")
    around_21 = verdict_of("2022", "$21 billion")
    assert (around_21["verdict"], around_21["official_value"]) == ("consistent", 21.15e9)
    assert around_21["relative_difference"] == pytest.approx(-0.007092, abs=1e-6)
    assert "goods and services" in around_21["note"]
    latest = verdict_of("2024", "$11.4 billion")
    assert latest["verdict"] == "unverifiable"
    assert "no official total for 2024" in latest["note"]
    assert "only Korean exports are known: US$4.53bn (KITA)" in latest["note"]
    assert "a partial year only: Jan–Jul 2024 US$6.64bn" in latest["note"]
    assert set(CLAIMS["verdict"]) <= set(schemas.VERDICTS)


def test_every_official_value_traces_to_a_reference_row_with_its_quote() -> None:
    quotes = set()
    for name in ("trade_annual", "lng_annual", "energy_imports", "investment"):
        table = pd.read_csv(REFERENCE / f"{name}.csv", dtype=str, keep_default_na=False)
        quotes |= set(table["source_quote"])
    shown = CLAIMS[CLAIMS["official_value"].notna()]
    assert len(shown) >= 3
    for _, row in shown.iterrows():
        for column in ("official_source_quote", "other_side_source_quote"):
            for piece in filter(None, row[column].split(" | ")):
                piece = (
                    piece.split(": ", 1)[1] if piece[:1].isalpha() and ": " in piece[:20] else piece
                )
                assert any(piece in quote for quote in quotes), (row["figure_id"], piece)
    levels = shown[
        (shown["measure"] == "level") & shown["metric"].str.contains("trade|exports|imports")
    ]
    for _, row in levels.iterrows():
        match = OFFICIAL[
            (OFFICIAL["metric"] == row["metric"])
            & (OFFICIAL["period_start"] == row["period_start"])
            & (OFFICIAL["side"] == row["official_side"])
        ]
        assert match["value"].tolist() == [row["official_value"]]


@pytest.mark.parametrize(
    ("value", "qualifier", "official", "tolerance", "expected"),
    [
        (22e9, "over", 22.34e9, 0.05, "consistent"),
        (22e9, "over", 21.9e9, 0.05, "differs"),
        (1e9, "up_to", 0.8e9, 0.05, "consistent"),
        (1e9, "up_to", 1.2e9, 0.05, "differs"),
        (2.5e9, "at_least", 2.4e9, 0.05, "differs"),
        (21e9, "approx", 23e9, 0.10, "consistent"),
        (21e9, "approx", 24e9, 0.10, "differs"),
        (11.4e9, "", 11.9e9, 0.05, "consistent"),
        (11.4e9, "", 12.5e9, 0.05, "differs"),
    ],
)
def test_verdict_respects_the_hedge(value, qualifier, official, tolerance, expected) -> None:
    assert claims.verdict(value, qualifier, official, tolerance) == expected


def test_rounding_tolerance_of_the_number_as_written() -> None:
    assert claims.rounding("$11.4 billion", 11.4e9) == pytest.approx(0.05 / 11.4)
    assert claims.rounding("US$22 billion", 22e9) == pytest.approx(0.5 / 22)


def test_official_series_follows_the_documented_rule() -> None:
    full = reference.full_years(OFFICIAL)
    kr = full[(full["side"] == "KR") & (full["metric"] == "bilateral_trade")].set_index("year")
    assert kr.loc[2019, "value"] == pytest.approx(22.34064e9)  # KITA wins over the minister
    assert kr.loc[2021, "value"] == 27.34e9  # KITA before the KIEP reading of it
    assert kr.loc[2020, "rule"] == "derived"  # customs exports + DOTS imports, both Korean
    assert not {2023, 2024} & set(kr.index)  # no stated total: a gap, not a guess
    assert kr.loc[1995, "value"] == pytest.approx(1415881000 + 1892400000)
    ru = full[(full["side"] == "RU") & (full["metric"] == "bilateral_trade")].set_index("year")
    assert ru.loc[2016, "value"] == 15.1e9  # the Federal Customs Service states it
    assert ru.loc[2014, "rule"] == "derived"  # Russian statistics before Naryshkin's "27bn"
    assert ru.loc[2020, "value"] == pytest.approx(7159266823 + 12524226573)
    partial = OFFICIAL[~reference.full_year_mask(OFFICIAL)]
    jan_jul = partial[(partial["period_start"] == "2024-01") & (partial["side"] == "KR")]
    assert jan_jul.set_index("metric")["value"].to_dict() == {
        "bilateral_trade": 6.638e9,
        "exports_kr_to_ru": 2.843e9,
        "imports_kr_from_ru": 3.794e9,
    }
    assert (jan_jul["period_end"] == "2024-07").all()
    # a stated lower bound ("exceeded $14.5bn", Jan-Jul 2019) is not taken as a value
    assert partial[partial["period_start"] == "2019-01"].empty
    validate(OFFICIAL[schemas.OFFICIAL.names], schemas.OFFICIAL)
    assert (OFFICIAL["source_quote"] != "").all()


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2024", ("2024", "2024")),
        ("2022-03", ("2022-03", "2022-03")),
        ("2024-01/2024-07", ("2024-01", "2024-07")),
        ("2022-02-24/2022-07-31", ("2022-02-24", "2022-07-31")),
        ("2009-2010 (two years combined)", ("2009", "2010")),
        ("to 2008-06 (end-June 2008)", None),
    ],
)
def test_reference_periods_are_read_as_written(cell, expected) -> None:
    assert reference.period(cell) == expected


def test_period_labels_read_as_a_person_writes_them() -> None:
    assert reference.period_label("2024-01", "2024-07") == "Jan–Jul 2024"
    assert reference.period_label("2022-03", "2022-03") == "Mar 2022"
    assert reference.period_label("2009", "2010") == "2009–2010"
    assert reference.period_label("2023-11", "2024-02") == "Nov 2023–Feb 2024"


def _claim(sentence: str) -> dict:
    """The claims row for the one Korea-Russia figure in a sentence written for the test."""
    found = figures.korea_russia(figures.figures(doc(sentence, "2025-01-10")))
    [row] = claims.check(pd.DataFrame(found), data=DATA).to_dict("records")
    return row


# Sentences written for these tests (not from any article), one per verdict kind and rule.
@pytest.mark.parametrize(
    ("sentence", "verdict", "said"),
    [
        (
            "South Korea's trade with Russia reached US$22.3 billion in 2019, according to KITA.",
            "consistent",
            "Russian side reports US$24.37bn",
        ),
        (
            "Trade between South Korea and Russia stood at US$30 billion in 2019.",
            "differs",
            "+34.3%",
        ),
        # right by the Russian statistics only: consistent, and the Korean value is given
        (
            "Trade between Russia and South Korea reached $27.3 billion in 2014.",
            "consistent",
            "Korean side reports US$25.80bn",
        ),
        (
            "Seoul and Moscow aim to raise bilateral trade with Russia to US$15 billion by 2019.",
            "met",
            "149% of the target reached",
        ),
        (
            "The two governments pledged to lift South Korea-Russia trade to $30 billion by 2020.",
            "missed",
            "59% of the target reached",
        ),
        (
            "South Korea's trade with Russia fell 22.6 percent in 2022.",
            "consistent",
            "official change 2021 to 2022",
        ),
        (
            "South Korea's trade with Russia fell 40 percent in 2022.",
            "differs",
            "-17.4 percentage points",
        ),
        # a partial year is used for a claim about the same months
        (
            "Trade between South Korea and Russia came to US$6.6 billion in January-July 2024.",
            "consistent",
            "-0.6% from the official value",
        ),
        # ... and never for a full-year claim
        (
            "South Korea's trade with Russia was $11.4 billion in 2024.",
            "unverifiable",
            "a partial year only: Jan–Jul 2024",
        ),
        (
            "South Korea imported 1.7 million tonnes of Russian LNG in 2023.",
            "consistent",
            "equal to the official value",
        ),
        ("South Korea imported 3 million tonnes of Russian LNG in 2023.", "differs", "+76.5%"),
    ],
)
def test_written_sentences_get_each_verdict(sentence, verdict, said) -> None:
    row = _claim(sentence)
    assert row["verdict"] == verdict, row["note"]
    assert said in row["note"]


@pytest.mark.parametrize(
    ("sentence", "verdict", "compared"),
    [
        # 26 trillion won at the 2019 average of 1,165.8016 won per dollar
        (
            "Trade between South Korea and Russia reached 26 trillion won in 2019.",
            "consistent",
            26e12 / 1165.8016,
        ),
        (
            "Trade between South Korea and Russia reached 35 trillion won in 2019.",
            "differs",
            35e12 / 1165.8016,
        ),
        (
            "Trade between South Korea and Russia reached €20 billion in 2019.",
            "consistent",
            20e9 / 0.8933,
        ),
    ],
)
def test_other_currencies_are_converted_with_a_sourced_annual_rate(sentence, verdict, compared):
    row = _claim(sentence)
    assert (row["verdict"], row["compared_unit"]) == (verdict, "USD")
    assert row["compared_value"] == pytest.approx(compared)
    assert "per US$ (2019 average, Federal Reserve H.10" in row["note"]


def test_a_currency_without_a_sourced_rate_is_never_compared_as_dollars() -> None:
    row = _claim("Trade between South Korea and Russia reached 1.5 trillion roubles in 2019.")
    assert row["verdict"] == "unverifiable"
    assert row["note"].startswith("no sourced annual average RUB/US$ rate for 2019")
    assert pd.isna(row["official_value"])  # nothing compared


@pytest.mark.parametrize(
    ("quote", "counts"),
    [
        ("Bilateral trade in goods and services reached $26 billion.", True),
        ("Trade in services grew faster than merchandise trade.", True),
        ("Services trade between the two countries fell.", True),
        ("Exports, including services, rose.", True),
        ("Korea Customs Service data show trade with Russia reached $22.3 billion.", False),
        ("The Federal Customs Service said trade reached $15.1 billion.", False),
        ("Trade reached $22 billion, the news service reported.", False),
    ],
)
def test_goods_and_services_is_a_phrase_not_a_substring(quote, counts) -> None:
    assert claims.counts_services(quote) is counts


def test_goods_and_services_above_goods_only_is_unverifiable_not_a_miss() -> None:
    row = _claim(
        "South Korea's bilateral trade in goods and services with Russia reached $26 billion "
        "in 2019."
    )
    assert row["verdict"] == "unverifiable"
    assert "services are not in the reference data" in row["note"]
    customs = _claim(
        "Korea Customs Service data show trade with Russia reached $22.3 billion in 2019."
    )
    assert customs["verdict"] == "consistent" and "services" not in customs["note"]


def _investment(quote: str, value: float, start: str, end: str) -> pd.Series:
    return pd.Series(
        {
            "figure_id": "F1",
            "source_id": "t",
            "metric": "investment",
            "measure": "level",
            "period_start": start,
            "period_end": end,
            "period_basis": "stated",
            "value": value,
            "unit": "USD",
            "qualifier": "",
            "mention": f"${value / 1e9:g} billion",
            "quote": quote,
            "commodity": "",
        }
    )


@pytest.mark.parametrize(
    ("quote", "direction"),
    [
        ("the Republic of Korea invested around $3.5 billion in the Russian economy", "KR->RU"),
        ("Korean investment in Russia reached $2.9 billion", "KR->RU"),
        ("Russian investment in South Korea stood at $60 million", "RU->KR"),
        ("Russia has invested $31 million into Korea", "RU->KR"),
        ("investment reached $1 billion", ""),
    ],
)
def test_the_direction_of_an_investment_is_read_from_the_sentence(quote, direction) -> None:
    assert claims.investment_direction(quote) == direction


def test_investment_stocks_are_compared_only_on_a_matching_basis() -> None:
    stock = _investment(
        "Korean companies have invested a cumulative $2.9 billion in Russia.", 2.9e9, "2013", "2013"
    )
    row = claims.check_one(stock, DATA)
    assert (row["verdict"], row["official_value"]) == ("consistent", 2.9e9)
    later = _investment(
        "Korean companies have invested a cumulative $2.9 billion in Russia.", 2.9e9, "1990", "2022"
    )
    assert claims.check_one(later, DATA)["note"].startswith(
        "no stock of Korean investment in Russia to 2022"
    )
    unknown = _investment("Investment reached $2.9 billion.", 2.9e9, "2013", "2013")
    assert claims.check_one(unknown, DATA)["verdict"] == "unverifiable"


def test_committed_claims_table_is_valid_and_current() -> None:
    committed = development(tables.claims(PROCESSED))
    validate(committed, schemas.CLAIMS)
    assert committed["figure_id"].tolist() == CLAIMS["figure_id"].tolist()
    assert committed["verdict"].tolist() == CLAIMS["verdict"].tolist()


def test_cli_prints_the_verdict_table(capsys: pytest.CaptureFixture) -> None:
    assert main(["claims"]) == 0
    out = capsys.readouterr().out
    assert "consistent    US$22 billion" in out
    assert "missed        double that by 2020" in out
    counts = tables.claims(PROCESSED)["verdict"].value_counts()
    summary = ", ".join(f"{counts.get(v, 0)} {v}" for v in schemas.VERDICTS)
    assert out.strip().endswith(summary)
