"""Every table's schema (the tables built here, the sources and the reference tables), the
checks a table passes before it is written, and the few conventions the columns share:
stable ids, dates with their precision, and how a period reads."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from korea_russia import registry
from korea_russia.errors import InternalError

if TYPE_CHECKING:  # pandas is loaded by the table code only: `cite` and `--help` start fast
    import pandas as pd

DATE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
PRECISIONS = {"year": r"\d{4}", "month": r"\d{4}-\d{2}", "day": r"\d{4}-\d{2}-\d{2}"}
PERIOD_BASES = ("", "stated", "relative", "publication", "inherited")
LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}


@dataclass(frozen=True)
class Column:
    """One column: its type, whether it may be empty, and its allowed values or pattern."""

    name: str
    dtype: str  # "str", "int" or "float"
    description: str
    required: bool = True
    allowed: tuple[str, ...] = ()
    pattern: str = ""
    unit: str = ""


@dataclass(frozen=True)
class Schema:
    """A table: its columns, primary key, where it lives and what it is."""

    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    title: str = ""
    description: str = ""

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def pick(self, *names: str, **changes: str) -> tuple[Column, ...]:
        """Some of this table's columns, for a table that repeats them (claims repeats the
        figure's); `changes` rewrite a column's description."""
        return tuple(
            replace(self.column(n), description=changes.get(n, self.column(n).description))
            for n in names
        )


def stable_id(prefix: str, *parts: object) -> str:
    """An id that the same parts give on every run: `prefix` + 10 hex digits of SHA-256."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()
    return f"{prefix}{digest[:10]}"


def period_label(start: str, end: str, empty: str = "") -> str:
    """ "2019", "2017-01–2017-06", or `empty` when no period is stated."""
    if not start:
        return empty
    return start if start == end else f"{start}–{end}"


def parse_date(value: str) -> tuple[str, str]:
    """A date as YYYY, YYYY-MM or YYYY-MM-DD with its precision; ValueError names the problem."""
    value = value.strip()
    for precision, pattern in PRECISIONS.items():
        if re.fullmatch(pattern, value):
            parts = [int(p) for p in value.split("-")] + [1, 1]
            try:
                date(parts[0], parts[1], parts[2])
            except ValueError:
                raise ValueError(f"{value!r} is not a real date") from None
            return value, precision
    raise ValueError(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def _cell_problem(column: Column, value: object) -> str | None:
    """Why one cell breaks its column's rules, or None."""
    if _empty(value):
        return f"{column.name} is empty" if column.required else None
    if column.dtype == "int" and not (isinstance(value, int) and not isinstance(value, bool)):
        return f"{column.name}={value!r} is not an integer"
    if column.dtype == "float" and not isinstance(value, int | float):
        return f"{column.name}={value!r} is not a number"
    if column.allowed and value not in column.allowed:
        return f"{column.name}={value!r} is not one of {', '.join(a for a in column.allowed if a)}"
    if column.pattern and not re.fullmatch(column.pattern, str(value)):
        return f"{column.name}={value!r} does not match {column.pattern}"
    return None


RowCheck = Callable[[Mapping[str, object]], str | None]


def validate(
    frame: pd.DataFrame, schema: Schema, checks: Sequence[RowCheck] = (), limit: int = 3
) -> None:
    """Raise InternalError naming the table, the first bad rows and why; return if all is well.
    The tables are built by this package, so a bad row is a bug, not bad input."""
    problems: list[str] = []
    if list(frame.columns) != schema.names:
        raise InternalError(
            f"{schema.name} table", f"columns {list(frame.columns)} differ from {schema.names}"
        )
    for number, row in enumerate(frame.to_dict("records")):
        why = [p for c in schema.columns if (p := _cell_problem(c, row[c.name]))]
        why += [p for check in checks if (p := check(row))]
        if why:
            problems.append(f"row {number} ({row.get(schema.primary_key[0])}): {'; '.join(why)}")
    duplicated = frame.duplicated(list(schema.primary_key))
    if duplicated.any():
        problems.append(
            f"duplicate {'/'.join(schema.primary_key)}: {frame.loc[duplicated].index[0]}"
        )
    if problems:
        more = f" (and {len(problems) - limit} more)" if len(problems) > limit else ""
        raise InternalError(f"{schema.name} table", " | ".join(problems[:limit]) + more)


def span_checks(texts: Mapping[str, str]) -> list[RowCheck]:
    """Row checks that tie a row to its document: the spans slice back to mention and quote."""

    def check(row: Mapping[str, object]) -> str | None:
        text = texts.get(str(row["source_id"]))
        if text is None:
            return f"source_id {row['source_id']!r} is not a loaded document"
        start, end = int(row["start"]), int(row["end"])  # type: ignore[arg-type]
        q0, q1 = int(row["quote_start"]), int(row["quote_end"])  # type: ignore[arg-type]
        if "mention" in row and text[start:end] != row["mention"]:
            return f"text[{start}:{end}] is not the mention {row['mention']!r}"
        if start >= end:
            return f"empty span {start}:{end}"
        if text[q0:q1] != row["quote"]:
            return f"text[{q0}:{q1}] is not the quote"
        if not (q0 <= start and end <= q1):
            return "the mention is not inside the quote"
        return None

    return [check]


CHARS = "characters"
_YMD = "YYYY, YYYY-MM or YYYY-MM-DD"


def _spans(what: str) -> tuple[Column, ...]:
    return (
        Column("start", "int", f"offset of the {what} in the document text", unit=CHARS),
        Column("end", "int", f"end offset (exclusive) of the {what}", unit=CHARS),
        Column("quote_start", "int", "offset of the quote in the document text", unit=CHARS),
        Column("quote_end", "int", "end offset (exclusive) of the quote", unit=CHARS),
    )


COLOUR = r"#[0-9A-Fa-f]{6}"

SOURCES = Schema(
    name="sources",
    title="The source articles",
    description="What is known about each file of data/raw/; unknown facts are empty.",
    primary_key=("source_id",),
    columns=(
        Column("source_id", "str", "stable id the tables cite"),
        Column("file", "str", "file name in data/raw/"),
        Column("outlet", "str", "publisher; empty when unknown", required=False),
        Column("author", "str", "author; empty when unknown", required=False),
        Column("title", "str", "title; empty when unknown", required=False),
        Column(
            "published",
            "str",
            "publication date as far as known",
            required=False,
            pattern=DATE,
            unit="YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        Column(
            "published_precision",
            "str",
            "how much of the date is known",
            required=False,
            allowed=tuple(PRECISIONS),
        ),
        Column("url", "str", "address of the original; empty when unknown", required=False),
        Column("language", "str", "language of the text", required=False, unit="ISO 639-1"),
        Column(
            "colour",
            "str",
            "the colour every chart draws this source in (set by add); empty: one picked from "
            "the source_id",
            required=False,
            pattern=COLOUR,
            unit="#RRGGBB",
        ),
    ),
)


def _figures() -> Schema:
    return Schema(
        name="figures",
        title="Economic figures stated in the articles",
        description="One row per distinct figure, with its period, metric, qualifier, verbatim "
        "quote and character span; every span slices back to its mention.",
        primary_key=("figure_id",),
        columns=(
            Column("figure_id", "str", "stable id: a hash of source, sentence and mention"),
            Column("source_id", "str", "the document (data/sources.csv)"),
            Column("metric", "str", "what is measured", allowed=registry.metric_names()),
            Column(
                "measure",
                "str",
                "level, change (growth/decline), share or target",
                allowed=registry.measure_names(),
            ),
            Column(
                "value",
                "float",
                "the number in base units (US$22 billion -> 22000000000); a change is "
                "negative for a decline (fell 22.6% -> -22.6)",
                unit="see unit",
            ),
            Column(
                "value_upper",
                "float",
                "upper bound of a range (US$30-40 billion -> 40000000000); empty otherwise",
                required=False,
                unit="see unit",
            ),
            Column("unit", "str", "base unit of value", allowed=registry.unit_codes()),
            Column(
                "period_start",
                "str",
                "first month/year the figure covers; empty when the text says nothing",
                required=False,
                pattern=DATE,
                unit="YYYY or YYYY-MM",
            ),
            Column(
                "period_end",
                "str",
                "last month/year the figure covers",
                required=False,
                pattern=DATE,
                unit="YYYY or YYYY-MM",
            ),
            Column(
                "period_basis",
                "str",
                "where the period came from: stated (the text writes it), relative (read "
                "against the publication date: last year, last month), publication (a level "
                "with no period, as of the publication year), inherited (from the figure "
                "before, the list heading or 'the same period'); empty when there is none",
                required=False,
                allowed=PERIOD_BASES,
            ),
            Column(
                "parties",
                "str",
                "the economies the figure is about, ISO 3166-1 alpha-2 codes joined by ';' "
                "(KR;RU first, then others); the tables keep KR;RU figures",
                required=False,
                pattern=r"(?:[A-Z]{2}(?:;[A-Z]{2})*)?",
            ),
            Column(
                "commodity",
                "str",
                "what an energy figure is of (lng, pipeline_gas, crude_oil, coal, …); empty "
                "for other figures",
                required=False,
                allowed=("", *registry.commodity_names()),
            ),
            Column(
                "qualifier",
                "str",
                "qualifier stated with the number (around, over, at least…); empty if none",
                required=False,
                allowed=registry.qualifier_names(),
            ),
            Column("mention", "str", "the figure as written: text[start:end]"),
            Column("quote", "str", "the sentence the figure stands in, verbatim"),
            *_spans("mention"),
            Column("occurrences", "int", "how often the document states this figure", unit="count"),
        ),
    )


def _events() -> Schema:
    return Schema(
        name="events",
        title="Dated events stated in the articles",
        description="One row per dated event: date, precision, summary, category, actors, "
        "quote and span of the date expression.",
        primary_key=("event_id",),
        columns=(
            Column("event_id", "str", "stable id: a hash of source, sentence and date position"),
            Column("source_id", "str", "the document (data/sources.csv)"),
            Column(
                "date_start", "str", "first day/month/year of the event", pattern=DATE, unit=_YMD
            ),
            Column("date_end", "str", "last day/month/year of the event", pattern=DATE, unit=_YMD),
            Column("precision", "str", "how much of the date is known", allowed=tuple(PRECISIONS)),
            Column("summary", "str", "the sentence without its date: who did what (≤ 140 chars)"),
            Column("category", "str", "kind of event", allowed=registry.category_names()),
            Column(
                "actors",
                "str",
                "canonical names (data/reference/actors.csv), ;-separated",
                required=False,
            ),
            Column("quote", "str", "the sentence, verbatim, text[quote_start:quote_end]"),
            *_spans("date expression"),
        ),
    )


def _official() -> Schema:
    return Schema(
        name="official_trade",
        title="Official trade series",
        description="One value per period (a year, or the months a partial figure covers), "
        "side and metric, chosen from data/reference/trade_annual.csv by the rule in "
        "korea_russia.reference; gaps are left as gaps.",
        primary_key=("side", "metric", "period_start", "period_end"),
        columns=(
            Column("year", "int", "the calendar year the period starts in"),
            Column(
                "period_start",
                "str",
                "first year, month or day covered (YYYY, YYYY-MM or YYYY-MM-DD)",
                pattern=DATE,
            ),
            Column(
                "period_end",
                "str",
                "last year, month or day covered; equal to period_start for one year",
                pattern=DATE,
            ),
            Column(
                "side",
                "str",
                "KR: Korean statistics; RU: Russian statistics and officials",
                allowed=("KR", "RU"),
            ),
            Column(
                "metric", "str", "what is measured", allowed=tuple(registry.metrics_in("trade"))
            ),
            Column("value", "float", "current prices", unit="USD"),
            Column(
                "rule",
                "str",
                "stated by the source, or derived (exports + imports)",
                allowed=("stated", "derived"),
            ),
            Column("reporter", "str", "who reports the figure (data/reference/trade_annual.csv)"),
            Column("source_title", "str", "the source of the value"),
            Column("source_url", "str", "its address"),
            Column("source_quote", "str", "verbatim snippet holding the number"),
        ),
    )


VERDICTS = ("consistent", "differs", "met", "missed", "unverifiable")


def _claims() -> Schema:
    figures = _figures()
    return Schema(
        name="claims",
        title="Article figures against official statistics",
        description="Each checkable figure with its official counterpart, difference and verdict "
        "(consistent, differs; met or missed for a target; unverifiable) and the reason.",
        primary_key=("figure_id",),
        columns=(
            *figures.pick(
                "figure_id",
                "source_id",
                "metric",
                "measure",
                "period_start",
                "period_end",
                "value",
                "unit",
                "qualifier",
                "mention",
                "quote",
                figure_id="the article figure (figures.csv)",
                value="the article's value, in base units",
            ),
            Column(
                "compared_value",
                "float",
                "the article's value as compared: in US$ after any currency conversion, in "
                "tonnes, or a change or share in percent",
                required=False,
                unit="compared_unit",
            ),
            Column(
                "compared_unit",
                "str",
                "unit of compared_value, official_value, other_side_value and difference",
                required=False,
                allowed=("", "USD", "t", "percent"),
            ),
            Column(
                "official_value",
                "float",
                "the official value the verdict rests on (a change: the official change)",
                required=False,
                unit="compared_unit",
            ),
            Column(
                "official_side",
                "str",
                "KR (Korean statistics) or RU (Russian); empty where the reference has no side",
                required=False,
                allowed=("KR", "RU", ""),
            ),
            Column("official_reporter", "str", "who reports the official value", required=False),
            Column("official_source_title", "str", "source of the official value", required=False),
            Column("official_source_url", "str", "its address", required=False),
            Column(
                "official_source_quote",
                "str",
                "the reference row's verbatim snippet(s) holding the official value",
                required=False,
            ),
            Column(
                "other_side_value",
                "float",
                "the other reporter's value for the same period, when known",
                required=False,
                unit="compared_unit",
            ),
            Column("other_side_reporter", "str", "who reports it", required=False),
            Column("other_side_source_quote", "str", "its verbatim snippet(s)", required=False),
            Column(
                "difference",
                "float",
                "compared_value minus official_value",
                required=False,
                unit="compared_unit",
            ),
            Column("relative_difference", "float", "difference / official value", required=False),
            Column(
                "tolerance",
                "float",
                "tolerance applied: relative for levels, percentage points for changes and shares",
                required=False,
            ),
            Column(
                "verdict",
                "str",
                "consistent, differs, met or missed (a target), or unverifiable",
                allowed=VERDICTS,
            ),
            Column("note", "str", "why: likely reasons for a gap, or what is missing"),
        ),
    )


DOCUMENTS = Schema(
    name="documents",
    title="The documents as read",
    description="One row per document of data/raw/: metadata, size and checksum.",
    primary_key=("source_id",),
    columns=(
        *SOURCES.pick("source_id", "file", "outlet", "author", "published", "published_precision"),
        Column("chars", "int", "length of the decoded text", unit=CHARS),
        Column("words", "int", "white-space separated words", unit="count"),
        Column("sha256", "str", "SHA-256 of the raw bytes", pattern="[0-9a-f]{64}"),
    ),
)

ACTORS = Schema(
    name="actors",
    title="Actors and their spellings",
    description="One row per spelling of a person or organisation, with its canonical name.",
    primary_key=("alias",),
    columns=(
        Column("actor", "str", "canonical name (events.csv `actors`)"),
        Column("alias", "str", "a spelling found in text"),
        Column(
            "kind",
            "str",
            "leader (a head of state or government), person or organisation",
            allowed=("leader", "person", "organisation"),
        ),
    ),
)

REPORTERS = Schema(
    name="reporters",
    title="Reporters of trade statistics",
    description="One row per reporter named in trade_annual.csv: whose statistics it is (side), "
    "a short name, the rank the official series gives it, and what kind of source it is.",
    primary_key=("reporter",),
    columns=(
        Column("reporter", "str", "the reporter exactly as trade_annual.csv names it"),
        Column(
            "side", "str", "KR, RU, or empty: not used", required=False, allowed=("KR", "RU", "")
        ),
        Column("name", "str", "short name for footers and notes"),
        Column("priority", "int", "rank within its side: 1 is preferred", required=False),
        Column(
            "kind",
            "str",
            "customs (the customs authority's own series), statistics, official (a statement) "
            "or media",
            allowed=("customs", "statistics", "official", "media"),
        ),
    ),
)


def __getattr__(name: str) -> Schema:
    """FIGURES, EVENTS, OFFICIAL and CLAIMS, built from the vocabulary in use (their allowed
    values are the registry's metrics, units, qualifiers and categories)."""
    builders = {"FIGURES": _figures, "EVENTS": _events, "OFFICIAL": _official, "CLAIMS": _claims}
    if name in builders:
        return builders[name]()
    raise AttributeError(name)


def built() -> list[Schema]:
    """The tables `build` writes to data/processed/, in the order the data package lists them."""
    return [_figures(), _events(), SOURCES, DOCUMENTS, _official(), _claims()]


ARCHIVE_ERRORS = Schema(
    name="errors",
    title="Files an archive run skipped",
    description="One row per input file that `korea-russia archive` could not read or extract "
    "from, with the one-line reason; every other file's rows are in the other datasets.",
    primary_key=("file",),
    columns=(
        Column("file", "str", "the file's path or URL, as listed"),
        Column("reason", "str", "why it was skipped, in one line"),
    ),
)
