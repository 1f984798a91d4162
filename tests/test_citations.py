"""Citations: cite() and the CLI, bibliography exports, the register, the data package."""

import json
import subprocess
import sys
from pathlib import Path

import bibtexparser
import pandas as pd
import pytest
from helpers import development

import korea_russia
from korea_russia import tables
from korea_russia.analysis import citations
from korea_russia.cli import main
from korea_russia.present import charts, reports
from korea_russia.sources.names import family_given

ROOT = Path(__file__).resolve().parents[1]
PROCESSED = ROOT / "data" / "processed"
FIGURES = tables.figures(PROCESSED)
DEV = development(FIGURES)  # the development articles' figures, whatever else was added
SOURCES = pd.read_csv(ROOT / "data" / "sources.csv", dtype=str, keep_default_na=False)


def test_cite_trade_2024_gives_gubins_figure() -> None:
    [found] = korea_russia.cite("bilateral_trade", 2024, figures=DEV)
    assert (found.value, found.unit, found.source_id) == (11.4e9, "USD", "riac-gubin-2025")
    assert str(found) == (
        "$11.4 billion (bilateral trade, 2024) — "
        "Gubin, Russian International Affairs Council (2025)"
    )


def test_short_form_keeps_the_hedge() -> None:
    [found] = korea_russia.cite("trade", 2019, figures=DEV)
    assert found.text.startswith(
        "over US$22 billion (bilateral trade, 2019) — Asmolov, New Eastern"
    )


def test_long_and_markdown_styles_carry_metadata_and_the_verbatim_quote() -> None:
    [long] = korea_russia.cite("bilateral_trade", 2019, style="long", figures=DEV)
    assert "Konstantin Asmolov, “On Russia's Foreign Minister's Visit to Seoul”" in long.text
    assert "New Eastern Outlook, 2021-04-08." in long.text
    assert "which rose to over US$22 billion in 2019 from $200 million" in long.text
    [md] = korea_russia.cite("lng", 2024, style="markdown", figures=DEV)
    assert md.text.startswith(
        "> “Notably, Russia shipped 2.1 million tonnes of LNG to South Korea in 2024"
    )
    assert "Andrey Gubin, *Russian International Affairs Council*, 2025" in md.text


def test_disagreeing_sources_are_all_returned_and_flagged() -> None:
    other = DEV[DEV["mention"] == "$21 billion"].copy()
    other["figure_id"], other["source_id"], other["value"] = "Fother", "neo-asmolov-2021", 30e9
    both = korea_russia.cite("bilateral_trade", 2022, figures=pd.concat([DEV, other]))
    assert [(c.source_id, c.value) for c in both] == [
        ("neo-asmolov-2021", 30e9),
        ("riac-gubin-2025", 21e9),
    ]
    assert str(both).startswith("2 sources disagree:")


def _figure(source: str, value: float, qualifier: str = "", period: str = "2019") -> dict:
    return {
        "figure_id": f"F{source}{value:g}",
        "source_id": source,
        "metric": "bilateral_trade",
        "measure": "level",
        "unit": "USD",
        "value": value,
        "qualifier": qualifier,
        "mention": f"${value / 1e9:g} billion",
        "period_start": period,
        "period_end": period,
        "period_basis": "stated",
    }


@pytest.mark.parametrize(
    ("a", "b", "disagree"),
    [
        (_figure("x", 22e9, "over"), _figure("y", 22.3e9), False),  # a bound that holds
        (_figure("x", 22e9, "over"), _figure("y", 20e9), True),  # a bound that fails
        (_figure("x", 21e9, "approx"), _figure("y", 22e9), False),  # within "around"
        (_figure("x", 21e9), _figure("y", 25e9), True),
        (_figure("x", 21e9, period="2018"), _figure("y", 25e9), False),  # other periods
        (_figure("x", 21e9, period="2018"), _figure("x", 25e9), False),  # one source
        (_figure("x", 1e9, "up_to"), _figure("y", 1.5e9), True),
    ],
)
def test_disagreement_needs_two_sources_one_period_and_values_outside_the_hedge(
    a: dict, b: dict, disagree: bool
) -> None:
    assert bool(citations.disagreements([a, b])) is disagree


def test_one_sources_figures_for_two_years_do_not_disagree(capsys: pytest.CaptureFixture) -> None:
    assert main(["cite", "lng", "--source", "riac-gubin-2025"]) == 0
    out = capsys.readouterr().out
    assert "disagree" not in out and out.count("Gubin") == 2


def test_no_match_suggests_the_nearest_figures() -> None:
    with pytest.raises(citations.NoMatch) as caught:
        korea_russia.cite("bilateral_trade", 2023, figures=DEV)
    message = str(caught.value)
    assert message.startswith(
        "bilateral_trade in 2023: no figure found; nearest: $11.4 billion (2024"
    )
    assert "$21 billion (2022" in message


def test_cli_cite_and_its_errors(capsys: pytest.CaptureFixture) -> None:
    assert main(["cite", "bilateral_trade", "2024", "--source", "riac-gubin-2025"]) == 0
    assert "Gubin, Russian International Affairs Council (2025)" in capsys.readouterr().out
    assert main(["cite", "trade", "2023", "--source", "riac-gubin-2025"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nearest" in err
    assert main(["cite", "gdp", "2020"]) == 1
    assert "not a metric" in capsys.readouterr().err


def test_every_figure_id_can_be_cited(capsys: pytest.CaptureFixture) -> None:
    for figure_id, quote in zip(FIGURES["figure_id"], FIGURES["quote"], strict=True):
        assert main(["cite", "--id", figure_id, "--style", "long"]) == 0
        assert quote in capsys.readouterr().out
    assert main(["cite", "--id", "Fnope"]) == 1


def test_bibtex_parses_back_to_the_sources() -> None:
    text = (PROCESSED / "sources.bib").read_text(encoding="utf-8")
    assert text == citations.bibtex()
    entries = {e["ID"]: e for e in bibtexparser.loads(text).entries}
    assert set(entries) == set(SOURCES["source_id"])
    for row in SOURCES.itertuples():
        entry = entries[row.source_id]
        if row.published:
            assert entry["year"] == row.published[:4]
        else:  # a dateless source has no year field, rather than a made-up one
            assert "year" not in entry
        assert entry["howpublished"] == row.outlet
        if row.author:
            assert entry["author"].split(", ")[0] == family_given(row.author)[0]
        if row.url:
            assert entry["url"] == row.url
    assert entries["eaf-rinna-2018"]["month"] == "February"  # the feb macro, expanded
    assert entries["eaf-rinna-2018"]["day"] == "03"


def test_csl_json_parses_back_to_the_sources() -> None:
    items = json.loads((PROCESSED / "sources.json").read_text(encoding="utf-8"))
    by_id = {i["id"]: i for i in items}
    assert set(by_id) == set(SOURCES["source_id"])
    for row in SOURCES.itertuples():
        item = by_id[row.source_id]
        assert item["type"] == "article" and item["container-title"] == row.outlet
        assert item["issued"]["date-parts"] == [[int(p) for p in row.published.split("-")]]
    assert by_id["neo-asmolov-2021"]["author"] == [{"family": "Asmolov", "given": "Konstantin"}]


def test_register_lists_every_figure_with_its_quote() -> None:
    text = (ROOT / "reports" / "figures.md").read_text(encoding="utf-8")
    assert text == reports.register(FIGURES)
    for row in FIGURES.itertuples():
        assert f"`{row.figure_id}`" in text and row.quote in text
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    trade = (FIGURES["metric"] == "bilateral_trade").sum()
    assert headings[0] == f"## Bilateral trade ({trade})"


def test_footers_and_readme_use_the_citation_functions() -> None:
    assert charts.article_sources(["riac-gubin-2025", "eaf-rinna-2018"]) == (
        "Articles: Rinna, East Asia Forum (2018); "
        "Gubin, Russian International Affairs Council (2025)"
    )
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert reports.readme_block() in readme


def test_datapackage_validates_with_frictionless() -> None:
    path = PROCESSED / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    names = [r["name"] for r in descriptor["resources"]]
    assert names[:3] == ["figures", "events", "sources"]
    figures = descriptor["resources"][0]["schema"]
    assert figures["primaryKey"] == ["figure_id"]
    metric = next(f for f in figures["fields"] if f["name"] == "metric")
    assert "bilateral_trade" in metric["constraints"]["enum"]
    command = Path(sys.executable).with_name("frictionless")
    result = subprocess.run(
        [str(command), "validate", "--trusted", "--json", path.name],
        cwd=PROCESSED,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    assert report["valid"], [t.get("errors") for t in report["tasks"] if not t["valid"]]
    assert result.returncode == 0


@pytest.mark.parametrize(
    ("asked", "metrics"),
    [
        ("turnover", ("bilateral_trade",)),
        ("Trade", ("bilateral_trade",)),
        ("bilateral-trade", ("bilateral_trade",)),
        ("LNG", ("lng_imports",)),
        ("gas", ("lng_imports", "energy_imports")),
        ("crude", ("energy_imports",)),
        ("coal", ("energy_imports",)),
        ("exports", ("exports_kr_to_ru",)),
        ("imports", ("imports_kr_from_ru",)),
        ("Russian exports", ("imports_kr_from_ru",)),
        ("investment", ("investment",)),
        ("sanctions", ("export_controls",)),
        ("export controls", ("export_controls",)),
    ],
)
def test_everyday_words_name_metrics(asked: str, metrics: tuple[str, ...]) -> None:
    assert citations.request(asked).metrics == metrics


def test_commodity_words_keep_only_that_commodity() -> None:
    rows = [
        {**_figure("x", 5e6), "metric": "energy_imports", "unit": "t", "commodity": c}
        for c in ("coal", "crude_oil")
    ]
    rows[1]["value"], rows[1]["figure_id"] = 9e6, "Fcrude"
    for row in rows:
        row.update(quote="q", start=0, end=1)
    [coal] = korea_russia.cite("coal", 2019, figures=rows)
    assert coal.value == 5e6


def test_typos_and_ambiguous_words_get_the_candidates(capsys: pytest.CaptureFixture) -> None:
    assert main(["cite", "turnovr", "2019"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "did you mean 'turnover'?" in err
    assert main(["cite", "export"]) == 1
    err = capsys.readouterr().err
    assert "is ambiguous; did you mean one of:" in err
    assert "export_controls" in err and "investment" not in err and "lng_imports" not in err


def test_unknown_source_and_odd_years_are_refused(capsys: pytest.CaptureFixture) -> None:
    assert main(["cite", "trade", "--source", "riac-gubin-202"]) == 1
    assert "--source: 'riac-gubin-202' is not a source_id; did you mean 'riac-gubin-2025'?" in (
        capsys.readouterr().err
    )
    for year in ("1899", "2101", "20244"):
        assert main(["cite", "trade", year]) == 1
        assert "outside 1900–2100" in capsys.readouterr().err


def test_a_target_says_it_is_a_target_with_its_value() -> None:
    [target] = korea_russia.cite("trade", 2020, figures=DEV)
    assert str(target).startswith("target: US$30bn by 2020 (bilateral trade;")


def test_a_decline_is_cited_with_its_direction() -> None:
    fall = {**_figure("x", -12.5), "measure": "change", "unit": "percent", "mention": "12.5%"}
    fall.update(quote="Trade fell 12.5% in 2019.", start=11, end=16)
    [cited] = korea_russia.cite("trade", 2019, figures=[fall])
    assert str(cited).startswith("fell 12.5% (bilateral trade, 2019)") and cited.value == -12.5


@pytest.mark.parametrize(
    ("author", "family"),
    [
        ("Kim Min-ji", "Kim"),
        ("Moon Jae-in", "Moon"),
        ("Kim Jong Un", "Kim"),
        ("Anthony V Rinna", "Rinna"),
        ("Daniel Kim", "Kim"),
        ("Lee Ann Smith", "Smith"),
    ],
)
def test_korean_names_are_cited_by_family_name(author: str, family: str) -> None:
    assert family_given(author)[0] == family
    table = {"s": {**dict.fromkeys(citations.corpus.SOURCE_COLUMNS, ""), "author": author}}
    table["s"].update(outlet="Yonhap", published="2024")
    assert citations.short("s", table) == f"{family}, Yonhap (2024)"


def test_help_and_cite_do_not_load_pandas() -> None:
    """`--help` and `cite` start fast because they never import pandas (timings are measured
    in benchmarks/startup.py, not asserted here)."""
    code = (
        "import sys, contextlib, io\n"
        "from korea_russia.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['cite', 'trade', '2019']) == 0\n"
        "    try:\n"
        "        main(['--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = ('pandas', 'numpy', 'matplotlib', 'trafilatura')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert out.strip() == "[]"
