"""Extract dated events from any article: the date, who did what, a category and the actors.

Every date expression that is not a figure's period, the dateline or page furniture makes
an event; dates without a year take it from the publication date, and a date that cannot
be resolved is kept at a lower precision rather than guessed.
"""

import csv
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date
from pathlib import Path

import pandas as pd

from korea_russia import extract, paths, text
from korea_russia.corpus import Document
from korea_russia.periods import MONTHS, YEAR

CATEGORIES = ("diplomacy", "summit", "sanctions", "economy", "presidency", "conflict", "other")
PRECISION = ("year", "month", "day")

_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?!\d)"
_DASH = r"\s*[–—-]\s*"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_LEAD = (  # the preposition that introduces a date belongs to its expression: "On March 23"
    r"(?:\b(?:[Oo]n|[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Ff]or|[Dd]uring|[Aa]fter|"
    r"[Bb]ack in|[Uu]p until|[Aa]s of|[Ff]rom)\s+)?"
)
# Most specific first; where two overlap, the earlier rule wins.
_RULES: list[tuple[str, re.Pattern[str]]] = [
    (k, re.compile(_LEAD + p))
    for k, p in [
        ("md_range_y", rf"(?P<m1>{_MON})\s+(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY}),?\s+(?P<y>{YEAR})"),
        ("mdy", rf"(?P<m1>{_MON})\s+(?P<d1>{_DAY}),?\s+(?P<y>{YEAR})"),
        ("dmy", rf"(?P<d1>{_DAY})\s+(?P<m1>{_MON})\s+(?P<y>{YEAR})"),
        ("numeric", r"(?<![\d.])(?P<d1>[0-3]\d)\.(?P<mm>[01]\d)\.(?P<y>(?:19|20)\d{2})(?![\d.]\d)"),
        ("md_range", rf"(?P<m1>{_MON})\s+(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY})(?![\d,]*\s*\d{{4}})"),
        ("md", rf"(?P<m1>{_MON})\s+(?P<d1>{_DAY})(?!,?\s*\d{{4}})(?![\d:])"),
        ("my", rf"(?P<m1>{_MON}),?\s+(?P<y>{YEAR})"),
        (
            "y_range",
            rf"(?:[Bb]etween\s+(?P<y>{YEAR})\s+and\s+|[Ff]rom\s+(?P<ya>{YEAR})\s+(?:to|until|till)\s+)(?P<y2>{YEAR})",
        ),
        ("y_dash", rf"(?P<y>{YEAR}){_DASH}(?P<y2>{YEAR})"),
        (
            "m_only",
            r"(?<=\b[Ii]n\s)(?P<m1>January|February|March|April|June|July|August|September|October|November|December)\b(?!\s+\d)",
        ),
        (
            "weekday",
            r"(?<=\b[Oo]n\s)(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
        ),
        (
            "relative",
            r"\b(?P<rel>(?:later|earlier)\s+this\s+year|last\s+year|next\s+year|this\s+year)\b",
        ),
        ("next_month", r"\b[Tt]he\s+following\s+month\b"),
        ("y", rf"(?P<y>{YEAR})"),
    ]
]
_HINT = re.compile(
    rf"{YEAR}|\d\d\.\d\d\.\d{{4}}|{_MON}|\b(?:{'|'.join(d.title() for d in _WEEKDAYS)})\b|"
    r"\byear\b|following month"
)  # what a sentence must hold to be worth searching for dates
_FURNITURE = re.compile(
    r"©|\bcopyright\b|all rights reserved|reading time|printed from|\bvotes?\b", re.I
)
_SPECULATION = re.compile(r"\bchances?\b|\bmight\b|\bperhaps\b|\bprobability\b", re.I)
_CATEGORY_WORDS: list[tuple[str, re.Pattern[str]]] = [
    (k, re.compile(p, re.I))
    for k, p in [
        (
            "conflict",
            r"\bwar\b|invasion|military operation|\bCrimea\b|annex|\btroops\b|hostilities",
        ),
        ("sanctions", r"sanction|export (?:controls?|restrictions?)|unfriendly|embargo"),
        ("presidency", r"took office|inaugurat|sworn in|impeach|elected president|martial law"),
        ("summit", r"summit|state visit|phone (?:conversation|call)|meeting with Kim|leaders? met"),
        (
            "diplomacy",
            r"diplomatic|foreign minister|ambassador|envoy|\bvisit|ceremony|negotiations|"
            r"dialogue|seminar|anniversary|partnership|delegation",
        ),
        (
            "economy",
            r"trade|invest|\bfund\b|agreement|forum|econom|\bLNG\b|\bgas\b|plant|port|cargo|"
            r"shipp|business|project|policy|carriers|vaccine|production",
        ),
    ]
]


@dataclass(frozen=True)
class Event:
    """One dated statement of an article, with the span of its date expression."""

    event_id: str
    source_id: str
    date_start: str
    date_end: str
    precision: str
    summary: str
    category: str
    actors: str
    quote: str
    start: int
    end: int
    quote_start: int
    quote_end: int


COLUMNS = [f.name for f in fields(Event)]


@dataclass(frozen=True)
class _Date:
    start: int
    end: int
    first: str
    last: str
    precision: str


def _month(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _ymd(y: int, m: int, d: int) -> str | None:
    """`YYYY-MM-DD`, or None when it is not a real day."""
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _resolve(kind: str, m: re.Match[str], doc: Document, last: _Date | None) -> _Date | None:
    """Turn one matched date expression into a _Date, or None when it cannot be placed at all."""
    g = m.groupdict()
    pub, pub_precision = doc.source.published, doc.source.published_precision
    pub_year = doc.source.year
    year = int(g.get("y") or g.get("ya") or 0) or pub_year
    span = (m.start(), m.end())
    if kind in ("md_range_y", "mdy", "dmy", "numeric", "md_range", "md"):
        if year is None:
            return None
        month = int(g["mm"]) if kind == "numeric" else _month(g["m1"])
        first = _ymd(year, month, int(g["d1"]))
        last = _ymd(year, month, int(g["d2"])) if g.get("d2") else first
        return _Date(*span, first, last, "day") if first and last and last >= first else None
    if kind in ("my", "m_only"):
        return (
            _Date(*span, f"{year}-{_month(g['m1']):02d}", f"{year}-{_month(g['m1']):02d}", "month")
            if year
            else None
        )
    if kind in ("y_range", "y_dash"):
        return _Date(*span, str(year), g["y2"], "year") if int(g["y2"]) > year else None
    if kind == "y":
        return _Date(*span, g["y"], g["y"], "year")
    if kind == "relative":
        if pub_year is None:
            return None
        offset = -1 if g["rel"].startswith("last") else 1 if g["rel"].startswith("next") else 0
        return _Date(*span, str(pub_year + offset), str(pub_year + offset), "year")
    if kind == "next_month" and last is not None and last.precision != "year":
        y, mo = int(last.last[:4]), int(last.last[5:7]) + 1
        y, mo = (y + 1, 1) if mo == 13 else (y, mo)
        return _Date(*span, f"{y}-{mo:02d}", f"{y}-{mo:02d}", "month")
    if kind == "weekday" and pub:
        # Which Friday is meant is not in the text: keep the publication month (or year,
        # when that is all that is known) rather than guess a day.
        cut, precision = (pub[:7], "month") if pub_precision == "day" else (pub[:4], "year")
        return _Date(*span, cut, cut, precision)
    return None


def find_dates(sentence: str, doc: Document, offset: int, last: _Date | None = None) -> list[_Date]:
    """The date expressions of one sentence (offsets in document coordinates), in order."""
    taken: list[_Date] = []
    for kind, pattern in _RULES:
        for m in pattern.finditer(sentence):
            if any(m.start() < d.end - offset and d.start - offset < m.end() for d in taken):
                continue
            resolved = _resolve(kind, m, doc, last)
            if resolved:
                taken.append(
                    _Date(
                        offset + resolved.start,
                        offset + resolved.end,
                        resolved.first,
                        resolved.last,
                        resolved.precision,
                    )
                )
    return sorted(taken, key=lambda d: d.start)


def load_actors(path: Path | None = None) -> list[tuple[str, re.Pattern[str]]]:
    """(canonical name, pattern) for every alias in `data/reference/actors.csv`, longest first."""
    path = path or paths.reference_dir() / "actors.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows.sort(key=lambda r: -len(r["alias"]))
    out = []
    for r in rows:
        words = [re.escape(w) for w in re.split(r"[\s-]+", r["alias"])]
        out.append((r["actor"], re.compile(r"(?<![\w-])" + r"[\s-]".join(words) + r"(?![\w-])")))
    return out


def actors_in(sentence: str, actors: Sequence[tuple[str, re.Pattern[str]]]) -> list[str]:
    """Canonical actors named in a sentence, in order of first mention, each once."""
    found: list[tuple[int, str]] = []
    covered: list[tuple[int, int]] = []
    for name, pattern in actors:
        for m in pattern.finditer(sentence):
            if any(m.start() < b and a < m.end() for a, b in covered):
                continue
            covered.append(m.span())
            found.append((m.start(), name))
    seen: dict[str, None] = {}
    for _, name in sorted(found):
        seen.setdefault(name, None)
    return list(seen)


def category(sentence: str) -> str:
    """The first category whose words appear in the sentence (conflict and sanctions first)."""
    return next((name for name, pattern in _CATEGORY_WORDS if pattern.search(sentence)), "other")


def summary(sentence: str, start: int, end: int, limit: int = 140) -> str:
    """The sentence without its date expression: who did what, at most `limit` characters."""
    clause = (sentence[:start] + sentence[end:]).strip()
    clause = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s+", " ", clause))
    clause = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", clause)
    clause = re.sub(r"^[,;:–—\-\s]+|[,;:\s]+$", "", clause)
    if len(clause) > limit:
        clause = clause[: clause.rfind(" ", 0, limit)].rstrip(",;:") + "…"
    return clause[:1].upper() + clause[1:]


def _dateline(doc: Document, d: _Date) -> bool:
    """The publication date printed at the top of the text is not an event: a date that
    opens the text and is the publication date (or, with none known, opens a short line)."""
    if d.start > 40 or doc.text[: d.start].strip():
        return False
    if doc.source.published:
        return d.first == doc.source.published
    line = doc.text[d.end :].split("\n", 1)[0]
    return len(line.split()) < 6


def events(
    document: Document,
    actors: Sequence[tuple[str, re.Pattern[str]]] | None = None,
    figures: Sequence[extract.Figure] | None = None,
) -> list[Event]:
    """Every distinct dated event the document states, in text order.

    `figures` (the document's, if already extracted) says which time expressions are a
    figure's period and so not events; they are extracted here when not given.
    """
    actors = load_actors() if actors is None else actors
    figures = extract.figures(document) if figures is None else figures
    periods_used = [f.period_span for f in figures if f.period_span]
    sentences = text.Sentences(document.text)
    out: dict[tuple[str, str, str], Event] = {}
    last: _Date | None = None
    seen: set[str] = set()
    for lo, hi in _sentences_with_dates(document.text, sentences):
        sentence = document.text[lo:hi]
        if sentence in seen or _FURNITURE.search(sentence) or _SPECULATION.search(sentence):
            continue  # a repeated sentence restates events already found
        seen.add(sentence)
        dates = find_dates(sentence, document, lo, last)
        for d in _merge(dates):
            last = d
            if _dateline(document, d) or any(a < d.end and d.start < b for a, b in periods_used):
                continue
            event = _event(document, sentence, lo, hi, d, actors)
            out.setdefault((event.date_start, event.date_end, event.summary), event)
    return list(out.values())


def _sentences_with_dates(txt: str, sentences: text.Sentences) -> list[tuple[int, int]]:
    """Spans of the sentences that hold a year, a month name, a weekday or a relative year."""
    spans: dict[tuple[int, int], None] = {}
    for m in _HINT.finditer(txt):
        spans.setdefault(sentences.span(m.start()), None)
    return sorted(spans)


def _merge(dates: list[_Date]) -> list[_Date]:
    """One event per date of a sentence: a date that a more precise one falls within, or
    that a later expression repeats, is dropped ("the 2025 seminar … on Friday" is one)."""
    keep = []
    for i, d in enumerate(dates):
        inside = any(
            (PRECISION.index(o.precision) > PRECISION.index(d.precision) or j > i)
            and o.first.startswith(d.first)
            and o.last.startswith(d.last)
            for j, o in enumerate(dates)
            if j != i
        )
        if not inside:
            keep.append(d)
    return keep


def _event(
    doc: Document,
    sentence: str,
    lo: int,
    hi: int,
    d: _Date,
    actors: Sequence[tuple[str, re.Pattern[str]]],
) -> Event:
    """Build the Event row of one date expression in its sentence."""
    digest = hashlib.sha256(f"{doc.id}\x1f{sentence}\x1f{d.start - lo}".encode()).hexdigest()
    return Event(
        event_id=f"E{digest[:10]}",
        source_id=doc.id,
        date_start=d.first,
        date_end=d.last,
        precision=d.precision,
        summary=summary(sentence, d.start - lo, d.end - lo),
        category=category(sentence),
        actors=";".join(actors_in(sentence, actors)),
        quote=sentence,
        start=d.start,
        end=d.end,
        quote_start=lo,
        quote_end=hi,
    )


def table(
    documents: Iterable[Document], figures: Mapping[str, Sequence[extract.Figure]] | None = None
) -> pd.DataFrame:
    """The events of all documents as a tidy table, sorted by source and position;
    `figures` maps document ids to figures already extracted from them."""
    actors = load_actors()
    figures = figures or {}
    rows = [asdict(e) for doc in documents for e in events(doc, actors, figures.get(doc.id))]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.sort_values(["source_id", "start", "end"], ignore_index=True)
