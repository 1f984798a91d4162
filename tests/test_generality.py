"""Rules for news the development articles never showed: whose figure it is, which way it
went, which period and commodity it has, and events from datelines and weekdays. Every
sentence here was written for these tests (none is taken from the dev set)."""

import pytest
from helpers import doc

from korea_russia.extract import dateline, events, figures

# A story about Korea and Russia, so that a figure naming one of them has the other as partner.
KR_RU = "Korea and Russia held talks in Seoul. "


def found(text: str, published: str = "2024-05-20") -> list[figures.Figure]:
    return figures.figures(doc(text, published))


def kept(text: str, published: str = "2024-05-20") -> list[figures.Figure]:
    return figures.korea_russia(found(text, published))


def one(text: str, mention: str, published: str = "2024-05-20") -> figures.Figure:
    [hit] = [f for f in found(text, published) if f.mention == mention]
    return hit


# --- whose figure -----------------------------------------------------------------------


def test_a_third_countrys_trade_in_the_next_clause_is_not_korea_russia() -> None:
    text = (
        "South Korea's exports to Russia fell 22.6 percent to $6.2 billion in 2023, "
        "while China's trade with Russia reached $240 billion."
    )
    rows = {f.mention: f for f in found(text)}
    assert rows["22.6 percent"].parties == "KR;RU" and rows["22.6 percent"].value == -22.6
    assert (rows["$6.2 billion"].metric, rows["$6.2 billion"].period_start) == (
        "exports_kr_to_ru",
        "2023",
    )
    assert rows["$240 billion"].parties == "RU;CN"
    assert [f.mention for f in kept(text)] == ["22.6 percent", "$6.2 billion"]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (KR_RU + "Vietnam bought 4 million tonnes of Russian coal in 2023.", "RU;VN"),
        (KR_RU + "Seoul's exports to Kyrgyzstan reached $1.1 billion in 2023.", "KR;KG"),
        (KR_RU + "South Korea's total gas consumption was 45 million tonnes in 2023.", "KR"),
        (KR_RU + "The global level of Russian exports rose 12% in 2023.", "RU"),
        ("Indonesia's coal exports to India rose to 30 million tonnes in 2024.", "ID;IN"),
    ],
)
def test_other_economies_figures_are_theirs(text: str, parties: str) -> None:
    [figure] = found(text)
    assert figure.parties == parties
    assert kept(text) == []


def test_an_exchange_rate_is_not_a_figure() -> None:
    text = "Korea's imports from Russia reached 2.2 trillion won ($1 = 1,380.5 won) in 2023."
    assert [f.mention for f in found(text)] == ["2.2 trillion won"]


def test_a_route_through_a_third_country_is_not_a_party() -> None:
    text = "A gas pipeline from Russia to South Korea via North Korea would cost $3 billion."
    assert one(text, "$3 billion").parties == "KR;RU"


def test_the_partner_is_implied_in_a_korea_russia_story() -> None:
    text = KR_RU + "The Russian side will supply 2 million tonnes of LNG in 2025."
    assert one(text, "2 million tonnes").parties == "KR;RU"


def test_a_company_said_to_be_korean_counts_as_korea() -> None:
    text = (
        "Lotte, the South Korean retail group, opened a mall in Moscow in 2010. "
        "Russia now accounts for 12% of Lotte's sales worldwide."
    )
    assert one(text, "12%").parties == "KR;RU"


def test_list_items_take_their_heading() -> None:
    text = (
        KR_RU + "\nKorean LNG imports (Jan-Apr 2024):\n"
        "· Qatar: 3.1 mio t (+4.0% y-o-y);\n"
        "· Russia: 1.2 mio t (-8.5% y-o-y);\n"
    )
    rows = {f.mention: f for f in found(text)}
    assert rows["1.2 mio t"].parties == "KR;RU"
    assert (rows["1.2 mio t"].period_start, rows["1.2 mio t"].period_end) == ("2024-01", "2024-04")
    assert rows["1.2 mio t"].period_basis == "inherited"
    assert rows["3.1 mio t"].parties == "KR;QA"
    assert rows["8.5%"].value == -8.5
    assert {f.mention for f in kept(text)} == {"1.2 mio t", "8.5%"}


# --- which way ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("Korea–Russia trade was down 28.6% in 2023.", "28.6%", -28.6),
        ("Korean exports to Russia declined 20.2% y/y in March 2024.", "20.2%", -20.2),
        ("Korea's imports from Russia dropped 37 percent in 2023.", "37 percent", -37.0),
        ("Korea–Russia trade posted a 12% decrease in 2023.", "12%", -12.0),
        ("Korea's LNG imports from Russia were 1.1 mio t (-0.3 mio t) in 2023.", "0.3 mio t", -3e5),
        ("Korea–Russia trade rose 8% in 2024.", "8%", 8.0),
        ("Korea's imports from Russia were $2 billion (+14.5%) in 2024.", "14.5%", 14.5),
    ],
)
def test_a_decline_is_negative(text: str, mention: str, value: float) -> None:
    figure = one(text, mention)
    assert figure.measure == "change" and figure.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("South Korean exports to Russia dropped to $6.2 billion in 2023.", "exports_kr_to_ru"),
        ("Russian imports from Korea reached $5 billion in 2021.", "exports_kr_to_ru"),
        ("Russian shipments to Korea were worth $1 billion in 2020.", "imports_kr_from_ru"),
        (
            "Russia's supplies to South Korean firms reached $900 million in 2019.",
            "imports_kr_from_ru",
        ),
        (
            "Korea's imports from Russia, mostly crude oil, reached $1.6 billion in 2022.",
            "imports_kr_from_ru",
        ),
    ],
)
def test_export_and_import_direction_from_any_phrasing(text: str, metric: str) -> None:
    [figure] = found(text)
    assert figure.metric == metric


def test_a_flow_with_its_partner_beats_a_commodity_further_on() -> None:
    text = (
        "Korea's imports from Russia, mostly crude oil and coal, "
        "dropped 37 percent to $8.1 billion in 2023."
    )
    assert [(f.mention, f.metric, f.value) for f in found(text)] == [
        ("37 percent", "imports_kr_from_ru", -37.0),
        ("$8.1 billion", "imports_kr_from_ru", 8.1e9),
    ]


def test_a_flow_word_without_a_country_takes_the_reporter_told_before() -> None:
    text = "Korea's imports from Russia rose to $2 billion in May. Exports fell to $0.5 billion."
    rows = {f.mention: f.metric for f in found(text, "2024-06-10")}
    assert rows == {"$2 billion": "imports_kr_from_ru", "$0.5 billion": "exports_kr_to_ru"}


# --- which period ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "period", "basis"),
    [
        ("Korea–Russia trade fell 10% in 1Q23.", "2023-06-01", ("2023-01", "2023-03"), "stated"),
        ("Korea–Russia trade was $3 billion in Q2 2022.", "", ("2022-04", "2022-06"), "stated"),
        ("Korea–Russia trade was $6 billion in H1 2021.", "", ("2021-01", "2021-06"), "stated"),
        (
            "Korea–Russia trade was $4 billion in the first quarter.",
            "2024-05-20",
            ("2024-01", "2024-03"),
            "relative",
        ),
        (
            "Korea–Russia trade was $7 billion in the first half.",
            "2024-08-20",
            ("2024-01", "2024-06"),
            "relative",
        ),
        (
            "Korea–Russia trade was $9 billion in the first nine months of 2018.",
            "",
            ("2018-01", "2018-09"),
            "stated",
        ),
        (
            "Korea–Russia trade was $5 billion in January-April this year.",
            "2024-05-20",
            ("2024-01", "2024-04"),
            "relative",
        ),
        (
            "Korea–Russia trade was $1 billion last month.",
            "2024-01-15",
            ("2023-12", "2023-12"),
            "relative",
        ),
        (
            "Korea–Russia trade was $20 billion last year.",
            "2024-01-15",
            ("2023", "2023"),
            "relative",
        ),
        (
            "Korea–Russia trade has totalled $300 billion since 1992.",
            "2024-01-15",
            ("1992", "2024"),
            "stated",
        ),
        ("Korea–Russia trade reached $12 billion in 2009-20100.", "", ("2009", "2010"), "stated"),
        (
            "Korea's imports from Russia reached $8 billion in fiscal 2021.",
            "",
            ("2021", "2021"),
            "stated",
        ),
        ("Korea–Russia trade was $14 billion.", "2024-05-20", ("2024", "2024"), "publication"),
        ("Russia will send 9 million tons of gas to Korea annually.", "2024-05-20", ("", ""), ""),
        ("Korea–Russia trade could reach $30 billion.", "2024-05-20", ("", ""), ""),
        (
            "Korea–Russia trade rose 5% as of the end of May.",
            "2024-07-01",
            ("2024-01", "2024-05"),
            "relative",
        ),
    ],
)
def test_news_periods(text: str, published: str, period: tuple[str, str], basis: str) -> None:
    [figure] = found(text, published)
    assert (figure.period_start, figure.period_end) == period
    assert figure.period_basis == basis


def test_the_base_of_a_comparison_is_not_the_figures_period() -> None:
    text = "Korea–Russia trade rose to $18 billion in 2021, up 12 percent from 2020."
    assert [(f.mention, f.period_start) for f in found(text)] == [
        ("$18 billion", "2021"),
        ("12 percent", "2021"),
    ]


def test_in_the_same_period_takes_the_period_told_before() -> None:
    text = (
        "Korea's imports from Russia were $900 million in February. "
        "Exports during the same period ($300 million) fell 40%."
    )
    rows = {f.mention: f for f in found(text, "2024-03-15")}
    assert rows["$300 million"].period_start == "2024-02"
    assert rows["$300 million"].period_basis == "inherited"
    assert rows["40%"].period_start == "2024-02" and rows["40%"].value == -40


def test_a_year_earlier_counts_back_from_the_period_told() -> None:
    text = (
        "Russia's share of Korea's coal imports was 30% in the second quarter of 2023, "
        "against 45% a year earlier."
    )
    rows = {f.mention: (f.period_start, f.period_end) for f in found(text)}
    assert rows == {"30%": ("2023-04", "2023-06"), "45%": ("2022-04", "2022-06")}


def test_a_range_keeps_its_upper_bound_and_from_to_gives_two_figures() -> None:
    [target] = found("Korea–Russia trade could grow to US$25-30 billion by 2030.")
    assert (target.value, target.value_upper, target.measure) == (25e9, 30e9, "target")
    rows = found(
        "Korea's imports of Russian LNG rose from 1 million tonnes to 3 million tonnes in 2022."
    )
    assert [(f.value, f.period_start) for f in rows] == [(1e6, "2022"), (3e6, "2022")]


# --- which commodity ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "commodity", "metric"),
    [
        (
            "Korea bought 11.5 million tonnes of Russian crude oil in 2021.",
            "crude_oil",
            "energy_imports",
        ),
        ("Korea bought 20 million tonnes of Russian coal in 2021.", "coal", "energy_imports"),
        (
            "Russia sent 8 billion cubic metres of gas to Korea in 2021.",
            "pipeline_gas",
            "energy_imports",
        ),
        ("Russia sent 3 million tonnes of LNG to Korea in 2021.", "lng", "lng_imports"),
        ("Korea bought 2 million tonnes of Russian naphtha in 2021.", "naphtha", "energy_imports"),
    ],
)
def test_energy_figures_name_their_commodity(text: str, commodity: str, metric: str) -> None:
    [figure] = found(text)
    assert (figure.commodity, figure.metric) == (commodity, metric)


def test_the_nearest_commodity_wins_in_a_sentence_with_two() -> None:
    text = (
        "Russia shipped 9 million tonnes of crude oil and 2 million tonnes of LNG to Korea in 2020."
    )
    assert [(f.commodity, f.metric) for f in found(text)] == [
        ("crude_oil", "energy_imports"),
        ("lng", "lng_imports"),
    ]


# --- other spellings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention", "value", "unit"),
    [
        (
            "Three-quarters of Korea's imports from Russia were energy in 2021.",
            "Three-quarters",
            75.0,
            "percent",
        ),
        ("Korea–Russia trade could grow 2-3 fold by 2030.", "2-3 fold", 2.0, "times"),
        ("Korea bought 4 mio t of Russian coal in 2023.", "4 mio t", 4e6, "t"),
        ("Russia sent 6 billion cubic m of gas to Korea in 2022.", "6 billion cubic m", 6e9, "m3"),
        ("Korea–Russia trade rose 12pc in 2022.", "12pc", 12.0, "percent"),
    ],
)
def test_more_spellings(text: str, mention: str, value: float, unit: str) -> None:
    figure = one(text, mention)
    assert (figure.value, figure.unit) == (pytest.approx(value), unit)


def test_the_number_of_things_counts_bare_numbers() -> None:
    text = "The number of items Korea bars from export to Russia rose to 1,402 from 1,159 in 2024."
    assert [(f.mention, f.metric) for f in found(text)] == [
        ("1,402", "export_controls"),
        ("1,159", "export_controls"),
    ]


def test_the_number_of_things_is_read_across_any_white_space() -> None:
    """ "Number  of" with two spaces, a no-break space or in capitals counts as the words do."""
    for words in ("The number  of", "The number\u00a0of", "The NUMBER OF"):
        text = f"{words} items Korea bars from export to Russia rose to 1,402 in 2024."
        assert [f.mention for f in found(text)] == ["1,402"], words


def test_wrapped_wire_lines_are_one_sentence() -> None:
    text = (
        "SEOUL, March 3 (Yonhap) -- South Korea and Russia agreed to\n"
        "expand energy cooperation, officials said, after talks that\n"
        "lasted two days. Russia will supply an estimated 30 percent of\n"
        "South Korea's natural gas needs from next year, they said.\n"
    )
    figure = one(text, "30 percent", "2024-03-03")
    assert figure.parties == "KR;RU" and figure.commodity == "pipeline_gas"


def test_a_number_split_by_a_paragraph_break_is_one_figure() -> None:
    text = "Korea–Russia trade exceeded $9.\n\n8 billion in 2021, officials said."
    assert [(f.value, f.period_start) for f in found(text)] == [(9.8e9, "2021")]


# --- events ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        ("SEOUL, June 3 (Yonhap) -- Korea and Russia met.", "2024", "2024-06-03"),
        ("MOSCOW. Oct 12 (Interfax) - Korea and Russia met.", "2023", "2023-10-12"),
        ("SEOUL, July 4. /TASS/. Korea and Russia met.", "2022", "2022-07-04"),
        ("MOSCOW (Some News / Sputnik - 2nd March, 2021) Korea and Russia met.", "", "2021-03-02"),
    ],
)
def test_datelines_give_the_publication_day_and_are_no_event(
    text: str, published: str, day: str
) -> None:
    d = doc(text, published)
    assert dateline.with_publication(d).source.published == day
    assert events.events(d) == []


@pytest.mark.parametrize(
    ("text", "published", "date"),
    [
        ("The ministers met in Seoul on Tuesday.", "2024-05-23", "2024-05-21"),
        ("The envoy arrived on Thursday evening.", "2024-05-23", "2024-05-23"),
        ("The leaders spoke by phone Monday.", "2024-05-23", "2024-05-20"),
        ("The delegation will visit Moscow on Friday.", "2024-05-23", "2024-05-24"),
        ("The deal was signed last week.", "2024-05-02", "2024-04"),
        ("The talks open later this week.", "2024-05-23", "2024-05"),
        ("The firm left Russia earlier this month.", "2024-05-23", "2024-05"),
        ("The plant closed two months ago.", "2024-05-23", "2024-03"),
        ("In December, the ministry widened the export ban.", "2024-02-10", "2023-12"),
        ("The first cargo will arrive in early June.", "2024-02-10", "2024-06"),
        ("The president will visit this autumn.", "2024-02-10", "2024"),
    ],
)
def test_relative_news_dates(text: str, published: str, date: str) -> None:
    assert [e.date_start for e in events.events(doc(text, published))] == [date]


def test_a_figures_date_that_also_dates_an_act_is_both() -> None:
    text = "Korea expanded its export controls on Russia to 1,402 items on March 5, 2024."
    d = doc(text, "2024-03-20")
    [figure] = figures.figures(d)
    assert (figure.mention, figure.period_start) == ("1,402 items", "2024")
    assert [e.date_start for e in events.events(d)] == ["2024-03-05"]
    sold = doc(
        "Hyundai sold its plant in Russia in December 2023 for 10,000 roubles.", "2024-03-20"
    )
    assert [e.date_start for e in events.events(sold)] == ["2023-12"]


def test_statistics_for_a_month_are_no_event() -> None:
    text = "Korea's imports from Russia totaled $1.2 billion in March 2024."
    assert events.events(doc(text, "2024-04-15")) == []


@pytest.mark.parametrize(
    "text",
    [
        "It was the first meeting of the two ministers since February 2022.",
        "Kommersant reported on Monday that the talks had stalled.",
        "Korea–Russia trade fell 10% compared to the same period last year.",
        "By Feb 20, 2024 (Gmt+09:00)",
        "The ministers met in Seoul on June 30, 2024.",  # after the publication day: a caption
    ],
)
def test_dates_that_are_not_events(text: str) -> None:
    assert events.events(doc(text, "2024-05-23")) == []


@pytest.mark.parametrize(
    "text",
    [
        "Trade with Russia fell 10 percent to $5 billion in 2023, officials said, as export "
        "controls bit.",
        "South Korea's trade with Russia reached $7 billion in 2021, the ministry said, while "
        "investment stalled.",
    ],
)
def test_the_subject_before_the_figure_beats_a_word_after_a_comma(text: str) -> None:
    money = [f for f in figures.figures(doc(text)) if f.unit == "USD"]
    assert [f.metric for f in money] == ["bilateral_trade"]
