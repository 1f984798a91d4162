"""Extract dated events from any article: the date, who did what, a category and the actors.

Every date expression that is not a figure's period, the dateline or page furniture makes
an event; dates without a year take it from the publication date, and a date that cannot
be resolved is kept at a lower precision rather than guessed.
"""

import csv
import functools
import io
import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from korea_russia import config, registry, schemas
from korea_russia.errors import InputError, display
from korea_russia.extract import dateline, text
from korea_russia.extract import figures as figures_module
from korea_russia.extract.timex import YEAR, future
from korea_russia.sources import corpus
from korea_russia.sources.corpus import Document

PRECISION = tuple(schemas.PRECISIONS)  # year, month, day: from least to most precise

_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?!\d)"
_DASH = r"\s*[–—-]\s*"


def _first_letter_any_case(word: str) -> str:
    return f"[{word[0].upper()}{word[0].lower()}]{word[1:]}"


@dataclass(frozen=True)
class _Patterns:
    rules: list[tuple[str, re.Pattern[str]]]
    needs: list[frozenset[str]]  # per rule: the kinds of hint it cannot match without
    led: list[registry.Led]  # each rule, found from its core (the rule without "since" …)
    hint: re.Pattern[str]  # a year, a numeric date, a month or a weekday (group: its kind)
    hint_words: "re.Pattern[str] | registry.Needled"  # a relative date's word ("year", "autumn")
    furniture: "re.Pattern[str] | registry.Needled"
    speculation: "re.Pattern[str] | registry.Needled"
    statistics: "re.Pattern[str] | registry.Needled"
    not_event: re.Pattern[str]
    future: "re.Pattern[str] | registry.Needled"
    categories: list[
        tuple[
            str, "re.Pattern[str] | registry.Needled", "re.Pattern[str] | registry.Needled | None"
        ]
    ]
    any_category: "re.Pattern[str] | registry.Needled"  # every category's words, group c<i>


@registry.compiled
def _patterns() -> _Patterns:
    """The date rules, most specific first (where two overlap, the earlier rule wins), and
    the word lists of vocab/events.toml."""
    words = registry.event_words()
    time = registry.time_words()
    # Month names as written (capitalised), and abbreviations only with their full stop.
    table = time["months"]
    full = sorted((n.title() for n in table), key=len, reverse=True)
    short = sorted((a.title() + r"\." for names in table.values() for a in names), key=len)
    mon = "(?:" + "|".join(full + short[::-1]) + ")"
    month_only = "|".join(full)
    weekdays = "|".join(d.title() for d in time["weekdays"])
    lead = "|".join(
        r"\s+".join(_first_letter_any_case(w) if i == 0 else w for i, w in enumerate(p.split()))
        for p in sorted(words["lead"], key=len, reverse=True)
    )
    lead = rf"(?:\b(?:{lead})\s+)?"
    # Years relative to the publication date; "the previous year" is relative to the date
    # told before it in a narrative, so it is left to the `next` rule's kind of reading.
    relative = "|".join(
        r"\s+".join(k.split())
        for k in sorted(time["relative_years"], key=len, reverse=True)
        if not k.startswith("the ")
    )
    modifiers = "|".join(words["relative_modifiers"])
    weeks = "|".join(
        r"\s+".join(k.split()) for k in sorted(words["relative_weeks"], key=len, reverse=True)
    )
    months_rel = "|".join(
        r"\s+".join(k.split()) for k in sorted(time["relative_months"], key=len, reverse=True)
    )
    seasons = "|".join(time["seasons"])
    count = registry.number_word_pattern()
    bare = [
        (k, p)
        for k, p in [
            (
                "md_range_y",
                rf"(?P<m1>{mon})\s+(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY}),?\s+(?P<y>{YEAR})",
            ),
            ("mdy", rf"(?P<m1>{mon})\s+(?P<d1>{_DAY}),?\s+(?P<y>{YEAR})"),
            ("dmy", rf"(?P<d1>{_DAY})\s+(?P<m1>{mon})\s+(?P<y>{YEAR})"),
            (
                "numeric",
                r"(?<![\d.])(?P<d1>[0-3]\d)\.(?P<mm>[01]\d)\.(?P<y>(?:19|20)\d{2})(?![\d.]\d)",
            ),
            (
                "md_range",
                rf"(?P<m1>{mon})\s+(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY})(?![\d,]*\s*\d{{4}})",
            ),
            (
                "md_between",
                rf"(?:[Bb]etween|[Ff]rom)\s+(?P<m1>{mon})\s+(?P<d1>{_DAY})\s+(?:and|to|until|through)\s+(?P<m2>{mon})\s+(?P<d2>{_DAY})(?!,?\s*\d{{4}})",
            ),
            ("md", rf"(?P<m1>{mon})\s+(?P<d1>{_DAY})(?!,?\s*\d{{4}})(?![\d:])"),
            ("my", rf"(?P<m1>{mon}),?\s+(?P<y>{YEAR})"),
            (
                "y_range",
                rf"(?:[Bb]etween\s+(?P<y>{YEAR})\s+and\s+|[Ff]rom\s+(?P<ya>{YEAR})\s+(?:to|until|till)\s+)(?P<y2>{YEAR})",
            ),
            ("y_dash", rf"(?P<y>{YEAR}){_DASH}(?P<y2>{YEAR})"),
            (
                "m_only",
                rf"(?<=\b[Ii]n\s)(?:(?:early|mid|late)[\s-]+)?(?P<m1>{month_only})\b(?!\s+\d)",
            ),
            (
                "weekday",
                rf"(?:\b(?P<wmod>[Ll]ast|[Tt]his|[Nn]ext)\s+)?(?P<wd>{weekdays})\b(?!\s*,?\s*(?:{mon}|\d))",
            ),
            ("week", rf"(?i:\b(?P<week>{weeks})\b)"),
            ("month_rel", rf"(?i:(?<!the\s)\b(?P<relm>{months_rel})\b)"),
            ("months_ago", rf"(?i:\b(?P<n>\d{{1,2}}|{count})\s+months?\s+ago\b)"),
            ("season", rf"(?i:\b(?P<smod>this|last|next)\s+(?P<season>{seasons})\b)"),
            (
                "relative",
                rf"(?i:\b(?:(?P<mod>{modifiers})\s+)?(?P<rel>{relative})\b)",
            ),
            (
                "next",
                r"(?i:\b(?:the\s+(?:following|next)\s+(?P<unit>month|year)|a\s+(?P<unit2>month|year)\s+later)\b)",
            ),
            ("y", rf"(?P<y>{YEAR})"),
        ]
    ]
    led = [registry.led(lead + p, p, words["lead"]) for _, p in bare]
    rules = [(k, r.whole) for (k, _), r in zip(bare, led, strict=True)]
    # What a sentence must hold to be worth searching for dates, by kind; the words of a
    # relative date, in any case, found from where they stand (see registry.Needled).
    hint = registry.fast(
        rf"(?P<year>{YEAR})|(?P<numeric>\d\d\.\d\d\.\d{{4}})|(?P<month>{mon})"
        rf"|(?P<weekday>\b(?:{weekdays})\b)"
    )
    hint_words = registry.needled(rf"(?i:\b(?:year|months?|week|{seasons})\b)")
    # A rule runs on a sentence only where the sentence holds the kinds of hint its groups
    # read (a month name for `m1`, a year for `y`); one with none of those groups reads a
    # relative expression ("last week", "this autumn"), which holds one of the hint's words.
    kinds = {"m1": "month", "m2": "month", "y": "year", "ya": "year", "y2": "year"}
    kinds |= {"mm": "numeric", "wd": "weekday"}
    needs = [frozenset(kinds[g] for g in p.groupindex if g in kinds) for _, p in rules]
    needs = [  # a numeric date ("05.03.2020") holds its year; a relative one, a hint word
        frozenset({"numeric"}) if "numeric" in n else n or frozenset({"words"}) for n in needs
    ]

    def any_of(key: str) -> "re.Pattern[str] | registry.Needled":
        return registry.needled("|".join(words[key]["words"]), re.I)

    listed = [c for c in words["category"] if c["words"]]
    categories = [
        (
            c["name"],
            registry.needled("|".join(c["words"]), re.I),
            registry.needled("|".join(c["meeting"]), re.I) if c.get("meeting") else None,
        )
        for c in listed
    ]
    any_category = registry.needled(
        "|".join(f"(?P<c{i}>{'|'.join(c['words'])})" for i, c in enumerate(listed)), re.I
    )
    return _Patterns(
        rules,
        needs,
        led,
        hint,
        hint_words,
        any_of("furniture"),
        any_of("speculation"),
        any_of("statistics"),
        registry.fast("|".join(words["not_events"]["before"]), re.I),
        future(),  # the same words timex reads
        categories,
        any_category,
    )


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


def row(event: Event) -> dict[str, object]:
    """An event as a table row (its fields are plain values: no deep copy as `asdict` makes)."""
    return {name: getattr(event, name) for name in COLUMNS}


@dataclass(frozen=True)
class _Date:
    """A date expression at [start, end), resolved to the dates it covers."""

    start: int
    end: int
    date_start: str
    date_end: str
    precision: str


def _ymd(y: int, m: int, d: int) -> str | None:
    """`YYYY-MM-DD`, or None when it is not a real day."""
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _resolve(
    rule: str, m: re.Match[str], doc: Document, last: _Date | None, future: bool = False
) -> _Date | None:
    """Turn one matched date expression into a _Date, or None when it cannot be placed at all;
    `future`: the sentence speaks of what is to come."""
    g = m.groupdict()
    pub, pub_precision = doc.source.published, doc.source.published_precision
    pub_year = doc.source.year
    year = int(g.get("y") or g.get("ya") or 0) or pub_year
    span = (m.start(), m.end())
    if rule in ("md_range_y", "mdy", "dmy", "numeric", "md_range", "md", "md_between"):
        if year is None:
            return None
        month = int(g["mm"]) if rule == "numeric" else registry.month_number(g["m1"])
        first = _ymd(year, month, int(g["d1"]))
        month2 = registry.month_number(g["m2"]) if g.get("m2") else month
        last = _ymd(year, month2, int(g["d2"])) if g.get("d2") else first
        return _Date(*span, first, last, "day") if first and last and last >= first else None
    if rule in ("my", "m_only"):
        number = registry.month_number(g["m1"])
        # "In November" in an April story is last November, unless it is to come.
        known = rule == "m_only" and year and pub_precision in ("month", "day") and not g.get("y")
        if known and number > int(pub[5:7]) and not future:
            year -= 1
        month = f"{year}-{number:02d}"
        return _Date(*span, month, month, "month") if year else None
    if rule in ("y_range", "y_dash"):
        return _Date(*span, str(year), g["y2"], "year") if int(g["y2"]) > year else None
    if rule == "y":
        return _Date(*span, g["y"], g["y"], "year")
    if rule == "relative":
        if pub_year is None:
            return None
        offset = registry.time_words()["relative_years"][" ".join(g["rel"].lower().split())]
        return _Date(*span, str(pub_year + offset), str(pub_year + offset), "year")
    if rule == "next" and last is not None:
        return _next(span, g["unit"] or g["unit2"], last)
    if rule == "weekday" and pub and pub_precision != "day":
        # Which Friday is meant is not in the text without the publication day: keep the
        # publication month (or year) rather than guess a day.
        cut, precision = (pub[:7], "month") if pub_precision == "month" else (pub[:4], "year")
        return _Date(*span, cut, cut, precision)
    if rule == "weekday" and pub_precision == "day":
        # "said on Tuesday": the nearest Tuesday on or before the publication day ("next
        # Tuesday", or a sentence about what is to come: on or after it).
        day = date.fromisoformat(pub)
        wanted = registry.time_words()["weekdays"].index(g["wd"].lower())
        ahead = (g.get("wmod") or "").lower() == "next" or (
            future and (g.get("wmod") or "").lower() != "last"
        )
        if ahead:
            found = day + timedelta(
                days=(wanted - day.weekday()) % 7 or (7 if g.get("wmod") else 0)
            )
        else:
            back = (day.weekday() - wanted) % 7
            found = day - timedelta(
                days=back or (7 if (g.get("wmod") or "").lower() == "last" else 0)
            )
        return _Date(*span, found.isoformat(), found.isoformat(), "day")
    if rule == "week" and pub_precision == "day":
        offset = registry.event_words()["relative_weeks"][" ".join(g["week"].lower().split())]
        month = (date.fromisoformat(pub) + timedelta(days=offset)).isoformat()[:7]
        return _Date(*span, month, month, "month")
    if rule in ("month_rel", "months_ago") and pub_precision in ("month", "day"):
        if rule == "month_rel":
            offset = registry.time_words()["relative_months"][" ".join(g["relm"].lower().split())]
        else:
            word = registry.number_word(g["n"])
            offset = -int(word if word is not None else g["n"])
        y, mo = divmod(int(pub[:4]) * 12 + int(pub[5:7]) - 1 + offset, 12)
        month = f"{y}-{mo + 1:02d}"
        return _Date(*span, month, month, "month")
    if rule == "season" and pub_year:
        shift = {"this": 0, "last": -1, "next": 1}[g["smod"].lower()]
        return _Date(*span, str(pub_year + shift), str(pub_year + shift), "year")
    return None


def _next(span: tuple[int, int], unit: str, last: _Date) -> _Date | None:
    """ "the following month", "a year later": one month or year after the date told before."""
    if unit.lower() == "year":
        year = str(int(last.date_end[:4]) + 1)
        return _Date(*span, year, year, "year")
    if last.precision == "year":
        return None  # a month after "2019" is no month we know
    y, mo = int(last.date_end[:4]), int(last.date_end[5:7]) + 1
    y, mo = (y + 1, 1) if mo == 13 else (y, mo)
    return _Date(*span, f"{y}-{mo:02d}", f"{y}-{mo:02d}", "month")


def find_dates(
    sentence: str,
    doc: Document,
    offset: int,
    last: _Date | None = None,
    future: bool | None = None,
    kinds: frozenset[str] | None = None,
) -> list[_Date]:
    """The date expressions of one sentence (offsets in document coordinates), in order;
    `future`: whether the sentence speaks of what is to come, and `kinds` the kinds of
    hint it holds (both read from it when not given)."""
    taken: list[_Date] = []
    patterns = _patterns()
    if future is None:
        future = bool(patterns.future.search(sentence))
    if kinds is None:
        kinds = frozenset(kind for _, kind in _hints(sentence))
    blocked: list[tuple[int, int]] = []
    for (rule, _), led, needs in zip(patterns.rules, patterns.led, patterns.needs, strict=True):
        if not needs <= kinds:
            continue  # a rule that cannot match here ("md" in a sentence with no month)
        for m in led.finditer(sentence):
            if any(m.start() < d.end - offset and d.start - offset < m.end() for d in taken):
                continue
            if any(m.start() < b and a < m.end() for a, b in blocked):
                continue
            lead = _LEAD.match(m.group()).group()  # "since ", "on "
            told = _WHEN.match(sentence, m.end(), m.end() + 8)  # "…, when he"
            before = sentence[max(0, m.start() - 80) : m.start()] + lead
            if not told and patterns.not_event.search(before):
                blocked.append(m.span())  # nor is any part of it
                continue  # "the first meeting since February 2022", "reported on Monday"
            resolved = _resolve(rule, m, doc, last, future)
            if resolved:
                taken.append(
                    _Date(
                        offset + resolved.start,
                        offset + resolved.end,
                        resolved.date_start,
                        resolved.date_end,
                        resolved.precision,
                    )
                )
    return sorted(taken, key=lambda d: d.start)


_LEAD = re.compile(r"(?:[A-Za-z]+\s+)?")
_WHEN = re.compile(r",?\s+when\b")


class Actor(NamedTuple):
    """One spelling of an actor: the canonical name, its pattern, its kind and the alias."""

    name: str
    pattern: re.Pattern[str]
    kind: str
    alias: str = ""


def load_actors(path: Path | None = None) -> list[Actor]:
    """An Actor for every alias in `data/reference/actors.csv`, longest first."""
    path = path or config.reference_dir() / "actors.csv"
    if not path.is_file():
        raise InputError(display(path), "reference table not found")
    reader = csv.DictReader(io.StringIO(corpus.read_text(path), newline=""))
    missing = [c for c in ("actor", "alias", "kind") if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(display(path), f"missing column(s): {', '.join(missing)}")
    rows = [r for r in reader if r["alias"]]
    rows.sort(key=lambda r: -len(r["alias"]))
    out = []
    for r in rows:
        words = [re.escape(w) for w in re.split(r"[\s-]+", r["alias"])]
        pattern = re.compile(r"(?<![\w-])" + r"[\s-]".join(words) + r"(?![\w-])")
        out.append(Actor(r["actor"], pattern, r["kind"], r["alias"]))
    return out


def _spelled(alias: str) -> str:
    """An alias with its separators as single spaces ("Yoon Suk-Yeol": "Yoon Suk Yeol")."""
    return " ".join(re.split(r"[\s-]+", alias.strip()))


_AliasIndex = tuple[re.Pattern[str], dict[str, list[tuple[int, str]]]]
_recent: list[tuple[tuple[Actor, ...], "_AliasIndex | None"]] = []  # the last few, by identity


def _index_of(actors: Sequence[Actor]) -> "_AliasIndex | None":
    """The alias index of `actors`: for a tuple seen lately, looked up by identity (a tuple
    does not change, and hashing hundreds of actors per sentence costs more than the scan)."""
    if isinstance(actors, tuple):
        for seen, index in _recent:
            if seen is actors:
                return index
    key = tuple(actors)
    index = _alias_index(key)
    _recent[:] = [(key, index), *_recent[:3]]
    return index


@functools.lru_cache(maxsize=4)
def _alias_index(actors: tuple[Actor, ...]) -> "_AliasIndex | None":
    """One pattern for every alias, giving at each position the longest alias there; and
    each actor's alias as that pattern's matches are spelled, by first letter (with the
    actor's place in `actors`). None where an actor was built without its alias."""
    if not all(a.alias for a in actors):
        return None
    spelled = [_spelled(a.alias) for a in actors]
    trie = registry.alternation(set(spelled), space=r"[\s-]")
    by_letter: dict[str, list[tuple[int, str]]] = {}
    for i, alias in enumerate(spelled):
        by_letter.setdefault(alias[:1], []).append((i, alias))
    return registry.fast(rf"(?<![\w-])(?=(?P<alias>{trie})(?![\w-]))"), by_letter


def _named(sentence: str, actors: Sequence[Actor]) -> list[Actor]:
    """The actors (in their order) whose alias may stand in `sentence`: one scan for all of
    them, instead of one per alias. Each is then read with its own pattern, as before."""
    index = _index_of(actors)
    if index is None:
        return list(actors)  # built without their aliases: no index to read them from
    pattern, by_letter = index
    found = {_SEPARATOR.sub(" ", m.group("alias")) for m in pattern.finditer(sentence)}
    named = {i for f in found for i, alias in by_letter.get(f[:1], ()) if f.startswith(alias)}
    return [actors[i] for i in sorted(named)]


_SEPARATOR = re.compile(r"[\s-]")


def actors_in(sentence: str, actors: Sequence[Actor]) -> list[str]:
    """Canonical actors named in a sentence, in order of first mention, each once."""
    found: list[tuple[int, str]] = []
    covered: list[tuple[int, int]] = []
    for name, pattern, *_ in _named(sentence, actors):
        for m in pattern.finditer(sentence):
            if any(m.start() < b and a < m.end() for a, b in covered):
                continue
            covered.append(m.span())
            found.append((m.start(), name))
    seen: dict[str, None] = {}
    for _, name in sorted(found):
        seen.setdefault(name, None)
    return list(seen)


def category(sentence: str, leaders: Sequence[Actor] = ()) -> str:
    """The first category whose words appear in the sentence (conflict and sanctions first).
    A category's `meeting` words count too where a leader meets a leader: the sentence names
    two or more `leaders`, and one stands right after the meeting word ("his meeting with
    Kim Jong Un", "met Vladimir Putin")."""
    patterns = _patterns()
    first = _first_category(sentence, patterns)
    for i, (name, _pattern, meeting) in enumerate(patterns.categories):
        if i == first or (meeting and _leaders_meet(sentence, meeting, leaders)):
            return name
    return registry.category_names()[-1]


def _first_category(sentence: str, patterns: _Patterns) -> int:
    """The index of the first category whose words appear in `sentence` (past the last one
    if none do), in one scan: at each place a category's words match, the union gives the
    first such category; the least of those over the sentence is the first of all."""
    first = len(patterns.categories)
    pos = 0
    search = registry.searcher(patterns.any_category, sentence)
    while first and (m := search(pos)) is not None:
        first = min(first, int(m.lastgroup[1:]))  # c<i>: the outermost group closes last
        pos = m.start() + 1
    return first


def _leaders_meet(sentence: str, meeting: re.Pattern[str], leaders: Sequence[Actor]) -> bool:
    named = [a for a in _named(sentence, leaders) if a.pattern.search(sentence)]
    if len({a.name for a in named}) < 2:
        return False
    for m in meeting.finditer(sentence):
        after = sentence[m.end() : m.end() + 30]
        if any(a.pattern.match(after, k) for a in named for k in _word_starts(after)[:3]):
            return True
    return False


def _word_starts(text: str) -> list[int]:
    return [m.start() for m in re.finditer(r"\S+", text)]


_SPACE_BEFORE_MARK = re.compile(r"\s+(?=[,.;:])")
_MARKS = re.compile(r"([,;:])(?:\s*[,;:])+")


def summary(sentence: str, start: int, end: int, limit: int = 140) -> str:
    """The sentence without its date expression: who did what, at most `limit` characters."""
    clause = " ".join((sentence[:start] + sentence[end:]).split())
    clause = _MARKS.sub(r"\1", _SPACE_BEFORE_MARK.sub("", clause))
    clause = clause.lstrip(",;:–—- ").rstrip(",;: ")  # white space is single spaces by now
    if len(clause) > limit:
        clause = clause[: clause.rfind(" ", 0, limit)].rstrip(",;:") + "…"
    return clause[:1].upper() + clause[1:]


def _dateline(doc: Document, d: _Date) -> bool:
    """The publication date printed at the top of the text is not an event: a date that
    opens the text and is the publication date (or, with none known, opens a short line)."""
    if d.start > 40 or doc.text[: d.start].strip():
        return False
    if doc.source.published:
        return d.date_start == doc.source.published
    line = doc.text[d.end :].split("\n", 1)[0]
    return len(line.split()) < 6


def events(
    document: Document,
    actors: Sequence[Actor] | None = None,
    figures: Sequence[figures_module.Figure] | None = None,
) -> list[Event]:
    """Every distinct dated event the document states, in text order.

    `figures` (the document's, if already extracted) says which time expressions are a
    figure's period and so not events; they are extracted here when not given.
    """
    actors = tuple(load_actors() if actors is None else actors)  # its alias index kept by identity
    figures = figures_module.figures(document) if figures is None else figures
    line = dateline.find(document)
    document = dateline.completed(document, line)
    patterns = _patterns()
    leaders = tuple(a for a in actors if a.kind == "leader")
    periods = _Periods(figures)
    figure_sentences = {f.quote_start for f in figures}
    sentences = text.sentences_of(document.text)
    out: dict[tuple[str, str, str], Event] = {}
    last: _Date | None = None
    seen: set[str] = set()
    for (lo, hi), kinds in _sentences_with_dates(document.text, sentences).items():
        sentence = document.text[lo:hi]
        skip = patterns.furniture.search(sentence) or patterns.speculation.search(sentence)
        if sentence in seen or skip:
            continue  # a repeated sentence restates events already found
        seen.add(sentence)
        future = bool(patterns.future.search(sentence))
        dates = find_dates(sentence, document, lo, last, future, kinds)
        statistics = bool(patterns.statistics.search(sentence))
        masked = text.mask_parentheses(sentence)
        told: _Told | None = None  # who and what, read once per sentence
        for d in _merge(dates):
            last = d
            if (line and d.start < line.end) or _dateline(document, d):
                continue  # the dateline: page furniture
            if _date_line(document, sentences.line(d.start), d):
                continue  # a line that is only a date: page furniture
            used = periods.overlapping(d.start, d.end)
            if used and not (all(used) and _also_an_act(d, statistics)):
                continue
            stated = masked[d.start - lo] != " "  # not in brackets
            if d.precision == "year" and statistics and lo in figure_sentences and stated:
                continue  # "rose to $25 billion in 2018, up 29 percent from 2017": statistics
            if _after_publication(document, d) and not future:
                continue  # a caption's date after the story's own is not an event of the story

            if told is None:
                told = _Told(actors_in(sentence, actors), category(sentence, leaders))
            event = _event(document, sentence, lo, hi, d, told)
            out.setdefault((event.date_start, event.date_end, event.summary), event)
    return list(out.values())


def _also_an_act(d: _Date, statistics: bool) -> bool:
    """A figure's period that also dates an act: a day ("expanded its export controls to
    1,159 items on February 24, 2023"), or a single month in a sentence with no statistics
    verb ("In December, Korea amended the regulations to add 682 items")."""
    if d.precision == "day":
        return True
    return d.precision == "month" and d.date_start == d.date_end and not statistics


def _date_line(doc: Document, line: tuple[int, int], d: _Date) -> bool:
    """A line that is a date and a few words, with no full stop ("By Feb 20, 2024
    (Gmt+09:00)", "Updated 14 March 2024"): page furniture, not a statement."""
    first, last = line
    if last - first > 200:
        return False  # a date line is short
    rest = doc.text[first : d.start] + doc.text[d.end : last]
    words = re.findall(r"[^\W\d_]{2,}", rest)
    return len(words) <= 5 and not doc.text[first:last].rstrip().endswith(".")


def _after_publication(doc: Document, d: _Date) -> bool:
    """A date later than the publication day."""
    pub = doc.source.published
    return doc.source.published_precision == "day" and d.precision == "day" and d.date_start > pub


def _sentences_with_dates(
    txt: str, sentences: text.Sentences
) -> dict[tuple[int, int], frozenset[str]]:
    """The sentences that hold a year, a month name, a weekday or a relative year, in
    order, each with the kinds of hint it holds."""
    spans: dict[tuple[int, int], set[str]] = {}
    last: tuple[int, int] = (-1, -1)
    for at, kind in _hints(txt):
        if not last[0] <= at < last[1]:  # a new sentence
            last = sentences.span(at)
        spans.setdefault(last, set()).add(kind)
    return {span: frozenset(kinds) for span, kinds in sorted(spans.items())}


def _hints(txt: str) -> list[tuple[int, str]]:
    """Where `txt` holds a hint of a date, and its kind (year, numeric, month, weekday,
    words), in order."""
    patterns = _patterns()
    found = [(m.start(), m.lastgroup or "") for m in patterns.hint.finditer(txt)]
    found += [(m.start(), "words") for m in patterns.hint_words.finditer(txt)]
    return sorted(found)


def _merge(dates: list[_Date]) -> list[_Date]:
    """One event per date of a sentence: a date that a more precise one falls within, or
    that a later expression repeats, is dropped ("the 2025 seminar … on Friday" is one)."""
    keep = []
    for i, d in enumerate(dates):
        inside = any(
            (PRECISION.index(o.precision) > PRECISION.index(d.precision) or j > i)
            and o.date_start.startswith(d.date_start)
            and o.date_end.startswith(d.date_end)
            for j, o in enumerate(dates)
            if j != i
        )
        if not inside:
            keep.append(d)
    return keep


class _Told(NamedTuple):
    """What a sentence says whatever its date: the actors it names and its category."""

    actors: list[str]
    category: str


class _Periods:
    """The spans of the figures' periods, looked up by overlap in logarithmic time."""

    def __init__(self, figures: Sequence[figures_module.Figure]) -> None:
        spans = sorted(
            (*f.period_span, f.period_start == f.period_end) for f in figures if f.period_span
        )
        self._starts = [a for a, _, _ in spans]
        self._spans = spans
        self._longest = max((b - a for a, b, _ in spans), default=0)

    def overlapping(self, start: int, end: int) -> list[bool]:
        """For each period overlapping [start, end): whether it is a single period."""
        i = bisect_left(self._starts, start - self._longest)
        j = bisect_left(self._starts, end)
        return [single for a, b, single in self._spans[i:j] if a < end and start < b]


def _event(doc: Document, sentence: str, lo: int, hi: int, d: _Date, told: _Told) -> Event:
    """Build the Event row of one date expression in its sentence."""
    return Event(
        event_id=schemas.stable_id("E", doc.id, sentence, d.start - lo),
        source_id=doc.id,
        date_start=d.date_start,
        date_end=d.date_end,
        precision=d.precision,
        summary=summary(sentence, d.start - lo, d.end - lo),
        category=told.category,
        actors=";".join(told.actors),
        quote=sentence,
        start=d.start,
        end=d.end,
        quote_start=lo,
        quote_end=hi,
    )


def table(
    documents: Iterable[Document],
    figures: Mapping[str, Sequence[figures_module.Figure]] | None = None,
) -> pd.DataFrame:
    """The events of all documents as a tidy table, sorted by source and position;
    `figures` maps document ids to figures already extracted from them."""
    actors = load_actors()
    figures = figures or {}
    rows = [row(e) for doc in documents for e in events(doc, actors, figures.get(doc.id))]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.sort_values(["source_id", "start", "end"], ignore_index=True)
