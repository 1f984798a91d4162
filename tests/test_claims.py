"""Claims against official statistics: the series rule, verdicts, and their reasons."""

from pathlib import Path

import pytest
from helpers import development

from korea_russia import reference, schemas, tables
from korea_russia.analysis import claims
from korea_russia.cli import main
from korea_russia.schemas import validate

ROOT = Path(__file__).resolve().parents[1]
PROCESSED = ROOT / "data" / "processed"
FIGURES = development(tables.figures(PROCESSED))
OFFICIAL = reference.official_trade()
CLAIMS = claims.check(FIGURES, OFFICIAL)


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
    around_21 = verdict_of("2022", "$21 billion")
    assert (around_21["verdict"], around_21["official_value"]) == ("consistent", 21.15e9)
    assert around_21["relative_difference"] == pytest.approx(-0.007092, abs=1e-6)
    assert "goods and services" in around_21["note"]
    latest = verdict_of("2024", "$11.4 billion")
    assert latest["verdict"] == "unverifiable"
    assert latest["note"] == (
        "no official total for 2024 in the reference data; "
        "only Korean exports are known: US$4.53bn (KITA)"
    )
    assert verdict_of("2020", "double that by 2020")["note"].startswith(
        "a target, not an observation"
    )
    assert set(CLAIMS["verdict"]) <= set(schemas.VERDICTS)
    assert (CLAIMS["verdict"] == "consistent").sum() == 2 and len(CLAIMS) == 9


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
    kr = OFFICIAL[(OFFICIAL["side"] == "KR") & (OFFICIAL["metric"] == "bilateral_trade")]
    by_year = kr.set_index("year")
    assert by_year.loc[2019, "value"] == pytest.approx(22.34064e9)  # KITA wins over the minister
    assert by_year.loc[2021, "value"] == 27.334e9
    assert not {2020, 2023, 2024} & set(by_year.index)  # no stated total: a gap, not a guess
    assert by_year.loc[1995, "rule"] == "derived"  # exports + imports, both Korean customs
    assert by_year.loc[1995, "value"] == pytest.approx(1415881000 + 1892400000)
    ru = OFFICIAL[(OFFICIAL["side"] == "RU") & (OFFICIAL["metric"] == "bilateral_trade")]
    assert ru.set_index("year").loc[2016, "value"] == 15.1e9
    validate(OFFICIAL[schemas.OFFICIAL.names], schemas.OFFICIAL)
    assert (OFFICIAL["source_quote"] != "").all()


def test_committed_claims_table_is_valid_and_current() -> None:
    committed = development(tables.claims(PROCESSED))
    validate(committed, schemas.CLAIMS)
    assert committed["figure_id"].tolist() == CLAIMS["figure_id"].tolist()
    assert committed["verdict"].tolist() == CLAIMS["verdict"].tolist()


def test_cli_prints_the_verdict_table(capsys: pytest.CaptureFixture) -> None:
    assert main(["claims"]) == 0
    out = capsys.readouterr().out
    assert "consistent    US$22 billion" in out
    counts = tables.claims(PROCESSED)["verdict"].value_counts()
    summary = ", ".join(f"{counts.get(v, 0)} {v}" for v in schemas.VERDICTS)
    assert out.strip().endswith(summary)
