"""Figure extraction: the corpus figures, each spelling, what is not a figure, and invariants."""

import json
from pathlib import Path

import evaluate
import pytest
from helpers import DEVELOPMENT, development, doc
from hypothesis import given, settings
from hypothesis import strategies as st

from korea_russia import build, schemas
from korea_russia import io as table_io
from korea_russia.errors import InternalError
from korea_russia.extract import figures as extract
from korea_russia.schemas import validate
from korea_russia.sources import corpus

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold_figures.json"
DOCS = [
    d
    for d in corpus.load(ROOT / "data" / "raw", ROOT / "data" / "sources.csv")
    if d.id in DEVELOPMENT
]
BY_FILE = {d.path.name: d for d in DOCS}
FIGURES = {d.path.name: extract.figures(d) for d in DOCS}


def one(text: str, published: str = "2021-04-08") -> extract.Figure:
    [figure] = extract.figures(doc(text, published))
    return figure


def gold_entries() -> list[dict]:
    return json.loads(GOLD.read_text(encoding="utf-8"))["figures"]


@pytest.mark.parametrize("entry", gold_entries(), ids=lambda e: e["mention"])
def test_every_gold_figure_is_extracted_exactly(entry: dict) -> None:
    text = BY_FILE[entry["file"]].text
    start = text.index(entry["quote"]) + entry["quote"].index(entry["mention"])
    [hit] = [
        f
        for f in FIGURES[entry["file"]]
        if f.start < start + len(entry["mention"]) and start < f.end
    ]
    first, _, last = (entry["period"] or "").partition("/")
    assert text[hit.start : hit.end] == hit.mention == entry["mention"]
    assert (hit.value, hit.unit) == (entry["value"], entry["unit"])
    assert extract.is_korea_russia(hit.parties)
    # The gold file gives a period only where the text states one; a period assumed from
    # the publication date is the publication year, marked as such.
    if hit.period_basis == "publication":
        assert (
            entry["period"] is None
            and hit.period_start == BY_FILE[entry["file"]].source.published[:4]
        )
    else:
        assert (hit.period_start, hit.period_end) == (first, last or first)
    assert (hit.metric, hit.measure) == (entry["metric"], entry["measure"])
    assert hit.qualifier == (entry["qualifier"] or "")
    assert entry["quote"] in hit.quote
    assert hit.occurrences == entry["occurrences"]


def test_corpus_score_meets_the_bar() -> None:
    frame = extract.table(DOCS)
    frame.loc[frame["period_basis"] == "publication", ["period_start", "period_end"]] = ""
    frame["file"] = frame["source_id"].map({d.id: d.path.name for d in DOCS})
    gold = evaluate.load_gold(GOLD, {d.path.name: d.text for d in DOCS})
    score = evaluate.score(frame, gold)
    assert (score.gold, score.matched, score.predicted) == (14, 14, 14)
    assert score.recall >= 0.95 and score.precision >= 0.95 and score.period_and_metric >= 0.9


def test_nothing_else_in_the_corpus_is_a_figure() -> None:
    mentions = sorted(f.mention for fs in FIGURES.values() for f in fs)
    assert len(mentions) == 15
    for not_a_figure in ("31%", "28%", "60,000", "850km", "50 representatives", "1.5-track"):
        assert not any(not_a_figure in m for m in mentions)


@pytest.mark.parametrize(
    ("sentence", "mention", "value", "unit"),
    [
        ("Bilateral trade reached US$22 billion in 2019.", "US$22 billion", 22e9, "USD"),
        ("Bilateral trade reached $200 million in 1992.", "$200 million", 2e8, "USD"),
        ("Bilateral trade reached $ 19 billion in 2020.", "$ 19 billion", 19e9, "USD"),
        ("Bilateral trade reached $3.53bn in 2020.", "$3.53bn", 3.53e9, "USD"),
        ("Korea invested $800m in Russia in 2015.", "$800m", 8e8, "USD"),
        ("Trade grew to 888.8 million dollars in 1990.", "888.8 million dollars", 888.8e6, "USD"),
        ("Trade was USD 4.3 billion in 2021.", "USD 4.3 billion", 4.3e9, "USD"),
        (
            "Korean investment reached KRW 4.85 trillion in 2021.",
            "KRW 4.85 trillion",
            4.85e12,
            "KRW",
        ),
        ("Korean investment reached 1.112trn won in 2021.", "1.112trn won", 1.112e12, "KRW"),
        ("Korean investment reached ₩500 billion in 2021.", "₩500 billion", 5e11, "KRW"),
        ("Russia's trade with Korea hit €2.5bn in 2021.", "€2.5bn", 2.5e9, "EUR"),
        (
            "Korean investment reached 90 billion roubles in 2021.",
            "90 billion roubles",
            9e10,
            "RUB",
        ),
        (
            "Korea bought 7.5 million tons of LNG from Russia in 2021.",
            "7.5 million tons",
            7.5e6,
            "t",
        ),
        ("Korea bought 7.5 mln t of LNG from Russia in 2021.", "7.5 mln t", 7.5e6, "t"),
        ("Korea bought 1.5 Mt of LNG from Russia in 2021.", "1.5 Mt", 1.5e6, "t"),
        (
            "Russia supplied 2 billion cubic metres of gas to Korea in 2021.",
            "2 billion cubic metres",
            2e9,
            "m3",
        ),
        ("Russia supplied 10 bcm of gas to Korea in 2021.", "10 bcm", 1e10, "m3"),
        (
            "Korea bought one million tonnes of LNG from Russia in 2021.",
            "one million tonnes",
            1e6,
            "t",
        ),
        # a decline is stored negative
        ("Bilateral trade fell 40% in 2022.", "40%", -40.0, "percent"),
        ("Bilateral trade fell 12 percent in 2022.", "12 percent", -12.0, "percent"),
        ("Seoul put export controls on 798 items in 2023.", "798 items", 798.0, "count"),
        (
            "Bilateral trade reached US$\u00a022\u00a0billion in 2019.",
            "US$\u00a022\u00a0billion",
            22e9,
            "USD",
        ),
    ],
)
def test_spellings(sentence: str, mention: str, value: float, unit: str) -> None:
    figure = one(sentence)
    assert figure.mention == mention
    assert figure.value == pytest.approx(value, rel=1e-12)
    assert figure.unit == unit
    assert sentence[figure.start : figure.end] == mention


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        ("Bilateral trade reached $20 billion in 2019.", ("2019", "2019")),
        ("In 2022, bilateral trade stood at $21 billion.", ("2022", "2022")),
        ("From 1990 until 2022, Korea invested $3.5 billion in Russia.", ("1990", "2022")),
        ("Trade grew 50 per cent during the first half of 2017.", ("2017-01", "2017-06")),
        ("Trade grew 10 per cent in the second half of 2018.", ("2018-07", "2018-12")),
        ("Trade grew 5 per cent in the third quarter of 2018.", ("2018-07", "2018-09")),
        ("From January till the end of July, trade reached $8 billion.", ("2021-01", "2021-07")),
        ("As of 2015, Korean investment in Russia was $2 billion.", ("2015", "2015")),
        ("Bilateral trade reached $25 billion last year.", ("2020", "2020")),
        ("Bilateral trade should reach $30 billion next year.", ("2022", "2022")),
        ("Trade rose to $22 billion in 2019 from $200 million 30 years ago.", ("2019", "2019")),
        ("Trade was $200 million 30 years ago.", ("1991", "1991")),
        ("Bilateral trade reached $10 billion in December 2020.", ("2020-12", "2020-12")),
        # a level with no period holds as of the publication year (period_basis says so)
        ("Bilateral trade was $15 billion.", ("2021", "2021")),
    ],
)
def test_periods(sentence: str, period: tuple[str, str]) -> None:
    figure = extract.figures(doc(sentence))[0]
    assert (figure.period_start, figure.period_end) == period


def test_years_ago_counts_back_from_the_year_in_the_sentence() -> None:
    first, second = extract.figures(
        doc("Trade rose to $22 billion in 2019 from $200 million 30 years ago.")
    )
    assert (first.value, first.period_start) == (22e9, "2019")
    assert (second.value, second.period_start) == (2e8, "1989")


def test_relative_years_are_dropped_when_the_publication_year_is_unknown() -> None:
    figure = one("Bilateral trade reached $25 billion last year.", published="")
    assert (figure.period_start, figure.period_end) == ("", "")


@pytest.mark.parametrize(
    ("sentence", "measure", "period"),
    [
        ("Seoul aims to raise bilateral trade to $30 billion by 2030.", "target", "2030"),
        ("The two sides want trade of $25 billion within three years.", "target", "2024"),
        ("Trade grew 50 per cent in 2017.", "change", "2017"),
        ("Exports to Russia were up by 40 per cent in 2017.", "change", "2017"),
        ("Trade rose to $22 billion in 2019.", "level", "2019"),
        (
            "Korea invested less than 1% of its outbound investment in Russia in 2020.",
            "share",
            "2020",
        ),
    ],
)
def test_measures(sentence: str, measure: str, period: str) -> None:
    figure = one(sentence)
    assert (figure.measure, figure.period_start) == (measure, period)


def test_multiple_of_an_earlier_figure_is_a_target() -> None:
    found = extract.figures(
        doc("Trade with Russia was US$15 billion. Seoul wants to double that by 2020.")
    )
    target = found[1]
    assert (target.mention, target.value, target.measure, target.period_start) == (
        "double that by 2020",
        30e9,
        "target",
        "2020",
    )


@pytest.mark.parametrize(
    ("sentence", "metric"),
    [
        ("Two-way trade rose to $22 billion in 2019.", "bilateral_trade"),
        ("Commodity turnover was $15 billion in 2016.", "bilateral_trade"),
        ("South Korean exports to Russia reached $10 billion in 2021.", "exports_kr_to_ru"),
        ("Korea's exports reached $10 billion in Russia's market in 2021.", "exports_kr_to_ru"),
        ("Russian exports to South Korea rose to $17 billion in 2021.", "imports_kr_from_ru"),
        ("Korea's imports from Russia rose to $17 billion in 2021.", "imports_kr_from_ru"),
        ("Korean firms invested $3 billion in Russia.", "investment"),
        ("Korea imported 2.1 million tonnes of LNG from Russia in 2024.", "lng_imports"),
        ("Korea bought 3 million tonnes of Russian coal in 2021.", "energy_imports"),
        ("Russia and Korea set up a fund worth $1 billion.", "fund_value"),
        ("The Russia–Korea gas pipeline was valued at $2.5 billion.", "project_value"),
        ("Korea put 1,159 items under export controls on Russia.", "export_controls"),
        ("Korea and Russia signed deals for $5 billion of ships.", "project_value"),
    ],
)
def test_metrics(sentence: str, metric: str) -> None:
    assert one(sentence).metric == metric


@pytest.mark.parametrize(
    ("sentence", "qualifier"),
    [
        ("Trade stood at around $21 billion in 2022.", "approx"),
        ("Trade stood at about $21 billion in 2022.", "approx"),
        ("Trade stood at nearly $21 billion in 2022.", "approx"),
        ("Trade was some $21 billion in 2022.", "approx"),
        ("Trade rose to over US$22 billion in 2019.", "over"),
        ("Trade rose to more than $22 billion in 2019.", "over"),
        ("Korea invested less than $1 billion in Russia.", "under"),
        ("The project was valued at no less than $2.5 billion.", "at_least"),
        ("The project was valued at at least $2.5 billion.", "at_least"),
        ("A fund worth up to $1 billion was agreed.", "up_to"),
        ("Trade reached $21 billion in 2022.", ""),
    ],
)
def test_qualifiers(sentence: str, qualifier: str) -> None:
    assert one(sentence).qualifier == qualifier


@pytest.mark.parametrize(
    "text",
    [
        "Relations were established on September 30, 1990.",
        "A semi-official (1.5-track) dialogue took place in 2025.",
        "Rate this article\n(votes: 3, rating: 5)\n (3 votes)",
        "U.S. wants to deter Russia\n 30 (28%)",
        "Reading Time: 4 mins",
        "1. In your opinion, what are the US long-term goals?",
        "Vladivostok, while 850km from Khabarovsk, was chosen.",
        "About 60,000 Koreans reside in the Russian Far East.",
        "About 50 representatives attended the ceremony.",
        "Japan's coal imports reached 180 million tonnes in 2019.",
        "China's trade with Russia reached $240 billion in 2023.",
        "Malformed: $1,2,3 billion and 1.2.3 million tonnes of LNG traded.",
    ],
)
def test_not_figures(text: str) -> None:
    assert extract.korea_russia(extract.figures(doc(text))) == []


def test_a_repeated_paragraph_is_one_row_with_occurrences() -> None:
    paragraph = "Bilateral trade reached $20 billion in 2019. "
    [figure] = extract.figures(doc(paragraph + "Other words. " + paragraph))
    assert (figure.occurrences, figure.start) == (2, paragraph.index("$20"))


def test_figure_ids_are_stable_and_unique() -> None:
    frame = extract.table(DOCS)
    again = extract.table(corpus.load(ROOT / "data" / "raw", ROOT / "data" / "sources.csv"))
    # the same ids whatever else is in the corpus: an added article does not renumber them
    assert frame["figure_id"].tolist() == development(again)["figure_id"].tolist()
    assert frame["figure_id"].is_unique


def test_schema_rejects_a_row_whose_span_does_not_slice_back() -> None:
    frame = build.figures_table(DOCS)
    bad = frame.copy()
    bad.loc[0, "start"] = bad.loc[0, "start"] + 1
    with pytest.raises(InternalError, match=r"figures table: row 0 .*is not the mention"):
        validate(bad, schemas.FIGURES, schemas.span_checks({d.id: d.text for d in DOCS}))
    bad = frame.copy()
    bad.loc[1, "metric"] = "gdp"
    with pytest.raises(InternalError, match=r"metric='gdp' is not one of"):
        validate(bad, schemas.FIGURES)


def test_csv_and_parquet_round_trip_exactly(tmp_path: Path) -> None:
    import pandas as pd

    frame = build.figures_table(DOCS)
    (tmp_path / "f.csv").write_bytes(table_io.to_csv_bytes(frame))
    (tmp_path / "f.parquet").write_bytes(table_io.to_parquet_bytes(frame))
    pd.testing.assert_frame_equal(table_io.read_table(tmp_path / "f.csv", schemas.FIGURES), frame)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "f.parquet"), frame)


_piece = st.sampled_from(
    [
        "$",
        "US$",
        "€",
        "₩",
        "%",
        " per cent",
        ".",
        ",",
        "-",
        " ",
        "(",
        ")",
        "\n",
        "0",
        "1",
        "5",
        "22",
        "1,500",
        "2019",
        " billion",
        "bn",
        "m",
        " million",
        " tonnes",
        " t",
        " won",
        " trade",
        " LNG",
        " exports to Korea",
        " by",
        " in",
        " around",
        " over",
        " last year",
        " ago",
        "double that by 2020",
    ]
)
_text = st.lists(_piece, max_size=40).map("".join)


@settings(max_examples=2000, deadline=None)
@given(_text)
def test_extraction_never_raises_and_spans_slice_back(text: str) -> None:
    for figure in extract.figures(doc(text)):
        assert text[figure.start : figure.end] == figure.mention
        assert text[figure.quote_start : figure.quote_end] == figure.quote
        assert figure.quote_start <= figure.start < figure.end <= figure.quote_end


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.text(alphabet=" \n\t", max_size=5))
def test_extraction_is_invariant_to_surrounding_whitespace(text: str, pad: str) -> None:
    plain = [(f.value, f.unit, f.mention) for f in extract.figures(doc(text))]
    padded = [(f.value, f.unit, f.mention) for f in extract.figures(doc(pad + text + pad))]
    assert plain == padded
