"""Event extraction: the events a careful reader sees, date expressions, actors, non-events."""

import csv
import itertools
from pathlib import Path

import pytest
from helpers import DEVELOPMENT, doc

from korea_russia import build, schemas
from korea_russia.extract import events
from korea_russia.schemas import validate
from korea_russia.sources import corpus

ROOT = Path(__file__).resolve().parents[1]
DOCS = [
    d
    for d in corpus.load(ROOT / "data" / "raw", ROOT / "data" / "sources.csv")
    if d.id in DEVELOPMENT
]
EVENTS = {d.id: events.events(d) for d in DOCS}


def find(source_id: str, words: str) -> events.Event:
    """The event of `source_id` whose sentence holds `words` (exactly one)."""
    [hit] = [e for e in EVENTS[source_id] if words in e.quote]
    return hit


@pytest.mark.parametrize(
    ("source_id", "words", "start", "end", "mention"),
    [
        (
            "neo-asmolov-2021",
            "Sergey Lavrov, visited South Korea",
            "2021-03-23",
            "2021-03-25",
            "On March 23 – 25, 2021",
        ),
        (
            "neo-asmolov-2021",
            "had a phone conversation",
            "2020-09-28",
            "2020-09-28",
            "on September 28, 2020",
        ),
        ("neo-asmolov-2021", "as a special envoy", "2020-12", "2020-12", "in December 2020"),
        (
            "neo-asmolov-2021",
            "the historical decision made",
            "1990-09-30",
            "1990-09-30",
            "on September 30, 1990",
        ),
        (
            "neo-asmolov-2021",
            "The plan to implement this concept was signed",
            "2020-10",
            "2020-10",
            "in October 2020",
        ),
        ("neo-asmolov-2021", "GL Rapha", "2020-11", "2020-11", "in November 2020"),
        ("riac-gubin-2025", "2017 Eastern Economic Forum", "2017", "2017", "2017"),
        ("riac-gubin-2025", "Hanoi", "2019-02", "2019-02", "in February 2019"),
        ("news1-2025", "The KRD was established", "2008", "2008", "in 2008"),
        ("archyde-2025", "Arctic Route", "2025-10-22", "2025-10-23", "for October 22-23"),
        ("riac-gubin-2025", "APEC summit in Gyeongju", "2025-10-31", "2025-10-31", "on October 31"),
        ("eaf-rinna-2018", "24 May 2017", "2017-05-24", "2017-05-24", "24 May 2017"),
        ("eaf-rinna-2018", "The following month", "2017-12", "2017-12", "The following month"),
    ],
)
def test_required_events_have_the_right_dates(source_id, words, start, end, mention) -> None:
    event = find(source_id, words)
    text = next(d.text for d in DOCS if d.id == source_id)
    assert (event.date_start, event.date_end) == (start, end)
    assert text[event.start : event.end] == mention
    assert text[event.quote_start : event.quote_end] == event.quote


def test_event_precision_and_categories() -> None:
    lavrov = find("neo-asmolov-2021", "Sergey Lavrov, visited South Korea")
    assert (lavrov.precision, lavrov.category, lavrov.actors) == (
        "day",
        "diplomacy",
        "Sergey Lavrov",
    )
    call = find("neo-asmolov-2021", "had a phone conversation")
    assert (call.category, call.actors) == ("summit", "Moon Jae-in;Vladimir Putin")
    assert call.summary.startswith(
        "However, the South Korea’s leader Moon Jae-in had a phone conversation"
    )
    apec = find("riac-gubin-2025", "APEC summit in Gyeongju")
    assert apec.category == "summit"


def test_weekday_without_a_known_day_is_kept_at_year_precision() -> None:
    seminar = find("news1-2025", "on Friday")
    assert (seminar.date_start, seminar.precision) == ("2025", "year")
    assert sum("Business Roundtable" in e.quote for e in EVENTS["news1-2025"]) == 1  # one event


def test_not_events() -> None:
    quotes = [e.quote for evs in EVENTS.values() for e in evs]
    dates = {(e.source_id, e.date_start) for evs in EVENTS.values() for e in evs}
    assert ("neo-asmolov-2021", "2021-04-08") not in dates  # the dateline
    assert not any("barely reached $11.4 billion" in q for q in quotes)  # a figure's period
    assert not any("bilateral trade in goods and services stood at" in q for q in quotes)
    assert not any("Copyright" in q for q in quotes)  # page furniture
    assert not any("chances for this visit" in q for q in quotes)  # speculation
    assert sum("quite successful up until 2022" in q for q in quotes) == 1  # repeated paragraph


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        (
            "On March 23 – 25, 2021, the minister visited Seoul.",
            "2021-04-08",
            ("2021-03-23", "2021-03-25", "day"),
        ),
        (
            "The leaders spoke on September 28, 2020.",
            "2021-04-08",
            ("2020-09-28", "2020-09-28", "day"),
        ),
        ("The envoy travelled in December 2020.", "2021-04-08", ("2020-12", "2020-12", "month")),
        ("Relations began September 30, 1990.", "2021-04-08", ("1990-09-30", "1990-09-30", "day")),
        ("In 2017, Seoul launched a policy.", "2021-04-08", ("2017", "2017", "year")),
        ("The talks were held in February 2019.", "2021-04-08", ("2019-02", "2019-02", "month")),
        (
            "The envoy met Putin in Moscow, 24 May 2017.",
            "2018-02-03",
            ("2017-05-24", "2017-05-24", "day"),
        ),
        (
            "A seminar is scheduled for October 22-23 in Busan.",
            "2025",
            ("2025-10-22", "2025-10-23", "day"),
        ),
        ("The summit will open on October 31.", "2025", ("2025-10-31", "2025-10-31", "day")),
        ("The dialogue took place in March.", "2025", ("2025-03", "2025-03", "month")),
        # a weekday is the nearest one to the publication day: ahead for what is to come
        ("The seminar will be held on Friday.", "2021-04-08", ("2021-04-09", "2021-04-09", "day")),
        ("The ministers met on Tuesday.", "2021-04-08", ("2021-04-06", "2021-04-06", "day")),
        ("The seminar was held on Friday.", "2021-04", ("2021-04", "2021-04", "month")),
        ("The commission met last year.", "2021-04-08", ("2020", "2020", "year")),
        ("Joint seminars were held between 2006 and 2019.", "2021-04-08", ("2006", "2019", "year")),
        ("Meeting held 05.03.2020 in Seoul.", "2021-04-08", ("2020-03-05", "2020-03-05", "day")),
    ],
)
def test_date_expressions(sentence: str, published: str, expected: tuple[str, str, str]) -> None:
    [event] = events.events(doc(sentence, published))
    assert (event.date_start, event.date_end, event.precision) == expected


def test_dates_without_a_year_and_no_publication_date_are_not_guessed() -> None:
    assert events.events(doc("The summit will open on October 31.", published="")) == []


def test_dateline_is_not_an_event() -> None:
    assert events.events(doc("08.04.2021 Author: A. Writer\n\nNothing dated here.")) == []


@pytest.mark.parametrize(
    ("spelling", "actor"),
    [
        ("Yoon Suk Yeol", "Yoon Suk Yeol"),
        ("Yoon Suk-Yeol", "Yoon Suk Yeol"),
        ("Yoon Seok-yeol", "Yoon Suk Yeol"),
        ("Georgy Zinovyev", "Georgy Zinoviev"),
        ("Zinoviev", "Georgy Zinoviev"),
        ("Moon Jae-in", "Moon Jae-in"),
        ("Moon Jae In", "Moon Jae-in"),
        ("Lee Jae Myung", "Lee Jae-myung"),
    ],
)
def test_one_person_is_one_actor_whatever_the_spelling(spelling: str, actor: str) -> None:
    [event] = events.events(doc(f"In 2022, {spelling} met the ambassador in Seoul."))
    assert event.actors == actor


def test_events_table_passes_its_schema() -> None:
    frame = build.events_table(DOCS)
    validate(frame, schemas.EVENTS, schemas.span_checks({d.id: d.text for d in DOCS}))
    assert frame["event_id"].is_unique
    per_source = frame.groupby("source_id").size().to_dict()
    assert per_source["neo-asmolov-2021"] == 18  # "This year's event" (2021) counts since #11


def _rows(name: str) -> list[dict[str, str]]:
    with open(ROOT / "data" / "reference" / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    "name",
    ["timeline.csv", "trade_annual.csv", "lng_annual.csv", "investment.csv", "presidents.csv"],
)
def test_every_reference_row_has_a_source(name: str) -> None:
    rows = _rows(name)
    assert rows
    for row in rows:
        assert row["source_title"].strip() and row["source_quote"].strip(), row
        assert row["source_url"].startswith("http"), row


def test_presidential_terms_leave_no_gap_from_1988() -> None:
    terms = [r for r in _rows("presidents.csv") if r["country"] == "KR"]
    assert terms[0]["start"] == "1988-02-25" and terms[-1]["end"] == ""
    for before, after in itertools.pairwise(terms):
        gap = (after["start"][:7], before["end"][:7])
        assert gap[0] >= gap[1], (before["name"], after["name"])  # no overlap back in time
        assert after["start"][:4] <= str(int(before["end"][:4]) + 1)  # and no year-long hole
    assert {"Hwang Kyo-ahn", "Han Duck-soo", "Choi Sang-mok", "Lee Ju-ho"} <= {
        t["name"] for t in terms
    }


def test_actor_aliases_are_unique() -> None:
    aliases = [r["alias"] for r in _rows("actors.csv")]
    assert len(aliases) == len(set(aliases))
