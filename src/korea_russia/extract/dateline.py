"""News datelines: "MOSCOW, Sept. 29 (Yonhap) --", "SEOUL. Nov 10 (Interfax) -", "SEOUL,
September 6. /TASS/.", "Moscow, June 23 (IANS)", "MOSCOW (UrduPoint News / Sputnik - 24th
September, 2019)". A dateline opens the text; its date is the day the story was filed, not
an event, and it gives the publication day when `sources.csv` lacks it.
"""

import re
from dataclasses import replace
from datetime import date
from typing import NamedTuple

from korea_russia import registry
from korea_russia.extract.timex import YEAR, month_pattern
from korea_russia.sources.corpus import Document

_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"


class Dateline(NamedTuple):
    start: int
    end: int
    day: str  # YYYY-MM-DD, or "" when its year is not known


@registry.compiled
def _patterns() -> tuple[re.Pattern[str], ...]:
    month = f"(?i:{month_pattern()})"
    city = r"[A-Z][A-Za-z'’.-]+(?:[ /][A-Z][A-Za-z'’.-]+){0,3}"
    caps = r"[A-Z][A-Z'’.-]+(?:[ /][A-Z][A-Z'’.-]+){0,3}"
    when = (
        rf"(?:(?P<m1>{month})\s+(?P<d1>{_DAY})|(?P<d2>{_DAY})\s+(?P<m2>{month}))"
        rf"(?:,?\s+(?P<y>{YEAR}))?"
    )
    agency = r"(?:\s*\((?P<agency>[^()\n]{1,40})\)|\s*/(?P<agency2>[^/\n]{1,20})/\.?)"
    return (
        # A capitalised city, the date, an agency in brackets or slashes, a dash.
        re.compile(rf"\A\s*{city}[,.]\s+{when}[.,]?{agency}\s*(?:[-–—]+|:)?"),
        # An upper-case city and the date, with no agency.
        re.compile(rf"\A\s*{caps}[,.]\s+{when}[.,]?\s*(?:[-–—]+|:)"),
        # "MOSCOW (UrduPoint News / Sputnik - 24th September, 2019)"
        re.compile(rf"\A\s*{caps}\s*\([^()\n]{{1,60}}?[-–—]\s*{when}\)"),
    )


def find(doc: Document) -> Dateline | None:
    """The dateline that opens the story, if any: at the start of one of the first lines
    (a standfirst or a photo credit may stand above it)."""
    at = 0
    while at < min(len(doc.text), 800):
        head = doc.text[at : at + 200]
        for pattern in _patterns():
            m = pattern.match(head)
            if m:
                return Dateline(at + m.start(), at + m.end(), _day(m, doc.source.year))
        nxt = doc.text.find("\n", at)
        if nxt < 0:
            break
        at = nxt + 1
    return None


def _day(m: re.Match[str], known_year: int | None) -> str:
    month = m.group("m1") or m.group("m2")
    day = re.match(r"\d+", m.group("d1") or m.group("d2")).group()
    year = int(m.group("y")) if m.group("y") else known_year
    if year is None:
        return ""
    try:
        return date(year, registry.month_number(month), int(day)).isoformat()
    except ValueError:
        return ""


def with_publication(doc: Document) -> Document:
    """The document with its publication day completed from its dateline (see `completed`)."""
    return completed(doc, find(doc))


def completed(doc: Document, line: Dateline | None) -> Document:
    """The document with its publication day completed from the dateline `line`, where
    `sources.csv` gives less than the day (or nothing) and the dateline agrees with it."""
    if doc.source.published_precision == "day":
        return doc
    if line is None or not line.day or not line.day.startswith(doc.source.published):
        return doc
    return replace(doc, source=replace(doc.source, published=line.day, published_precision="day"))
