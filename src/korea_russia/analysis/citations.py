"""Citations generated from `data/sources.csv`, so chart footers, reports and the README never
drift from the metadata: a short form for footers, a long form and Markdown for reports,
BibTeX and CSL-JSON for reference managers, and `cite` for any figure.

Free of pandas: `korea-russia cite` reads figures.csv with the csv module and starts fast."""

import csv
import itertools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from io import StringIO
from pathlib import Path
from typing import Any

from korea_russia import config, io, registry, schemas
from korea_russia.analysis import hedges
from korea_russia.errors import InputError
from korea_russia.extract.text import Sentences
from korea_russia.sources import corpus
from korea_russia.sources.corpus import outlet_name
from korea_russia.sources.names import family_given

STYLES = ("short", "long", "markdown")
YEARS = (1900, 2100)
Sources = dict[str, dict[str, str]]
Row = Mapping[str, Any]


class NoMatch(InputError):
    """No figure matches a citation request; the message suggests the nearest ones."""


def sources(path: Path | None = None) -> Sources:
    """{source_id: its metadata}, unknown facts as empty strings (read and validated by the one
    reader of sources.csv)."""
    rows = corpus.read_sources(Path(path) if path else config.sources_csv()).values()
    return {r.source_id: asdict(r) for r in rows}


def lookup(source_id: str, table: Sources | None = None) -> dict[str, str]:
    """A source's metadata; a file with no row in sources.csv gets empty (unknown) facts."""
    table = table if table is not None else sources()
    if source_id in table:
        return table[source_id]
    return {**{c: "" for c in corpus.SOURCE_COLUMNS}, "source_id": source_id}


def short(source_id: str, table: Sources | None = None) -> str:
    """ "Gubin, Russian International Affairs Council (2025)"; with no author, "News1 (2025)";
    a Korean author by family name ("Kim Min-ji" -> "Kim")."""
    row = lookup(source_id, table)
    surname = family_given(row["author"])[0]
    outlet = outlet_name(row["outlet"]) or _quoted_title(row["title"]) or source_id
    return f"{surname + ', ' if surname else ''}{outlet} ({row['published'][:4] or 'n.d.'})"


def _quoted_title(title: str, limit: int = 48) -> str:
    """A title standing in for an unknown outlet: “Seoul-Moscow trade shrinks again…”."""
    if not title:
        return ""
    cut = title if len(title) <= limit else title[: title.rfind(" ", 0, limit)] + "…"
    return f"“{cut}”"


def in_context(row: Row, raw_dir: Path | None = None, table: Sources | None = None) -> str:
    """A row's quote, with the sentence before it when the quote opens by pointing back
    ("The project was valued at…"): the words a reader needs to know what the figure is of
    (vocab/citing.toml). The quote alone when the text cannot be read."""
    quote = str(row["quote"])
    words = "|".join(re.escape(w) for w in registry.load("citing")["back_references"])
    if not re.match(rf"(?:{words})\b", quote, re.I):
        return quote
    source = lookup(str(row["source_id"]), table)
    path = (raw_dir or config.raw_dir()) / source["file"] if source["file"] else None
    if path is None or not path.is_file():
        return quote
    sentences = Sentences(corpus.main_text(path))
    before = int(row["quote_start"]) - 1
    while before > 0 and sentences.text[before].isspace():
        before -= 1
    start, end = sentences.span(before)
    return f"{sentences.text[start:end]} {quote}" if end <= int(row["quote_start"]) else quote


def short_list(source_ids: Iterable[str], table: Sources | None = None) -> str:
    """Short citations of the distinct sources, oldest first, joined by semicolons."""
    table = table if table is not None else sources()
    ids = sorted(set(source_ids), key=lambda i: (lookup(i, table)["published"], i))
    return "; ".join(short(i, table) for i in ids)


def long(source_id: str, table: Sources | None = None) -> str:
    """Author, "title", outlet, date, URL: the parts that are known, in that order."""
    row = lookup(source_id, table)
    parts = [
        row["author"],
        f"“{row['title']}”" if row["title"] else "",
        row["outlet"],
        row["published"] or "n.d.",
        row["url"],
    ]
    return ", ".join(p for p in parts if p) + "."


def _period(row: Row) -> str:
    label = schemas.period_label(row["period_start"], row["period_end"], "no period stated")
    if row.get("period_basis") == "publication":
        return f"no period stated (as of publication, {label})"
    return label


def amount(value: float, unit: str) -> str:
    """A value as a reader writes it: US$30bn, US$450m, 2.1 Mt, 12.5%, 1,500."""
    if unit == "USD":
        big = abs(value) >= 1e9
        return f"US${value / (1e9 if big else 1e6):,.4g}{'bn' if big else 'm'}"
    if unit == "t":
        return f"{value / 1e6:,.4g} Mt" if abs(value) >= 1e5 else f"{value:,.4g} t"
    if unit == "percent":
        return f"{value:,.4g}%"
    return f"{value:,.4g} {unit}" if unit and unit != "count" else f"{value:,.4g}"


def said(row: Row) -> str:
    """What the figure says, in a citation's words: the mention as written, a change with its
    direction ("fell 12.5 percent"), a target with its value ("target: US$30bn by 2020")."""
    qualifier = registry.qualifier(row["qualifier"]).text
    label = registry.metric_label(row["metric"])
    if row["measure"] == "target":
        by = f" by {row['period_end'][:4]}" if row["period_end"] else ""
        stated = f"; stated as “{row['mention']}”" if row["mention"] else ""
        return (
            f"target: {qualifier}{amount(float(row['value']), row['unit'])}{by} ({label}{stated})"
        )
    mention = row["mention"]
    if row["measure"] == "change":
        mention = ("fell " if float(row["value"]) < 0 else "rose ") + mention.lstrip("+-−–")
    return f"{qualifier}{mention} ({label}, {_period(row)})"


@dataclass(frozen=True)
class Cited:
    """One figure with its citation in the requested style."""

    figure_id: str
    source_id: str
    metric: str
    value: float
    unit: str
    period: str
    qualifier: str
    mention: str
    quote: str
    text: str

    def __str__(self) -> str:
        return self.text


def _format(row: Row, style: str, table: Sources) -> str:
    """A figure in one of the citation styles."""
    what = said(row)
    if style == "short":
        return f"{what} — {short(row['source_id'], table)}"
    where = (
        f"figure {row['figure_id']}, characters {row['start']}–{row['end']} of {row['source_id']}"
    )
    if style == "long":
        return f"{what}\n{long(row['source_id'], table)}\n“{row['quote']}”\n({where})"
    source = lookup(row["source_id"], table)
    name = (
        f"[{outlet_name(source['outlet'])}]({source['url']})"
        if source["url"]
        else f"*{outlet_name(source['outlet'])}*"
    )
    author = f"{source['author']}, " if source["author"] else ""
    when = source["published"] or "n.d."
    return f"> “{row['quote']}”\n>\n> — {author}{name}, {when} ({what}; {where})"


def disagreements(rows: Iterable[Row]) -> list[tuple[Row, Row]]:
    """Pairs of figures that disagree: different sources, the same metric, measure, unit and
    stated period, and values outside each other's hedge ("over US$22bn" and "US$22.3bn"
    agree; one source's 2018 and 2024 figures are not a disagreement)."""
    keys = ("metric", "measure", "unit", "period_start", "period_end")
    stated = [r for r in rows if r["period_start"] and r.get("period_basis", "") != "publication"]
    stated.sort(key=lambda r: tuple(r[k] for k in keys))
    found = []
    for _, group in itertools.groupby(stated, key=lambda r: tuple(r[k] for k in keys)):
        for a, b in itertools.combinations(list(group), 2):
            if a["source_id"] == b["source_id"]:
                continue
            lo_a, hi_a = hedges.hedge(float(a["value"]), a["qualifier"], a["mention"])
            lo_b, hi_b = hedges.hedge(float(b["value"]), b["qualifier"], b["mention"])
            if hi_a < lo_b or hi_b < lo_a:
                found.append((a, b))
    return found


class Citations(list):
    """The figures that answer one request; printing shows them, flagging sources that
    disagree (see `disagreements`)."""

    def __init__(self, items: Iterable[Cited] = (), conflicts: Sequence = ()) -> None:
        super().__init__(items)
        self.conflicts = list(conflicts)

    def __str__(self) -> str:
        head = ""
        if self.conflicts:
            ids = {r["source_id"] for pair in self.conflicts for r in pair}
            head = f"{len(ids)} sources disagree:\n\n"
        return head + "\n\n".join(c.text for c in self)


def _key(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


def _suggest(query: str, choices: Iterable[str]) -> list[str]:
    """The choices a typo most likely meant (rapidfuzz), best first."""
    from rapidfuzz import fuzz, process, utils

    found = process.extract(
        query,
        list(choices),
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=3,
        score_cutoff=75,
    )
    return [choice for choice, _score, _index in found]


def request(query: str) -> registry.Ask:
    """What a user asks for: a metric name, an everyday word ("turnover", "Russian exports",
    "crude"), or the one entry that contains the words given. An ambiguous word lists its
    candidates; a typo gets "did you mean"."""
    asked = registry.asked()
    key = _key(query)
    if key in asked:
        return asked[key]
    hits = {a for word, a in asked.items() if key and key in word}
    if len(hits) == 1:
        return hits.pop()
    if hits:
        names = sorted({m for a in hits for m in a.metrics})
        if len(names) == 1:
            return registry.Ask((key,), (names[0],))
        raise NoMatch(query, f"is ambiguous; did you mean one of: {', '.join(names)}")
    guesses = _suggest(key, asked)
    if guesses:
        return_words = ", ".join(f"{g!r}" for g in guesses)
        raise NoMatch(query, f"is not a metric; did you mean {return_words}?")
    raise NoMatch(query, f"is not a metric; metrics: {', '.join(registry.metric_names())}")


def _covers(row: Row, year: int) -> bool:
    return bool(row["period_start"]) and int(row["period_start"][:4]) <= year <= int(
        row["period_end"][:4]
    )


def _nearest(rows: Sequence[Row], year: int | None, n: int = 3) -> str:
    """The figures closest in time to `year`, for the suggestion in a NoMatch message."""
    if not rows:
        return "none stated for this metric"

    def distance(r: Row) -> tuple[float, str]:
        if not r["period_start"] or year is None:
            return 9999, r["figure_id"]
        ends = (int(r["period_start"][:4]), int(r["period_end"][:4]))
        return min(abs(e - year) for e in ends), r["figure_id"]

    ranked = sorted(rows, key=distance)[:n]
    return "; ".join(f"{r['mention']} ({_period(r)}, --id {r['figure_id']})" for r in ranked)


def read_figures(path: Path | None = None) -> list[dict[str, Any]]:
    """figures.csv as rows (value as a number), read without pandas."""
    path = Path(path) if path else config.processed_dir() / "figures.csv"
    data = io.check_build(path)
    try:
        reader = csv.DictReader(StringIO(data.decode("utf-8"), newline=""))
        missing = [c for c in schemas.FIGURES.names if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError("empty" if not data.strip() else f"missing column(s): {missing[0]}…")
        rows = list(reader)
        for r in rows:
            if None in r or None in r.values():
                raise ValueError("a row does not have the table's number of fields")
            for key, cell in r.items():
                r[key] = io.plain_cell(cell)
            r["value"] = float(r["value"])
    except (ValueError, csv.Error) as exc:
        why = "not UTF-8" if isinstance(exc, UnicodeDecodeError) else str(exc)
        raise InputError(
            corpus.display(path), f"is not a figures table ({why}); run `make`"
        ) from None
    return rows


def _rows(figures: Any) -> list[Row]:
    """The figures to search: a list of rows, a pandas frame, or (None) figures.csv."""
    if figures is None:
        return read_figures()
    if hasattr(figures, "to_dict"):
        return figures.to_dict("records")
    return list(figures)


def cite(
    metric: str | None = None,
    year: int | None = None,
    *,
    source: str | None = None,
    style: str = "short",
    figure_id: str | None = None,
    figures: Any = None,
) -> Citations:
    """The figures for a metric (and year, and source), each with its citation.

    `cite("bilateral_trade", 2024)` gives the US$11.4 billion figure cited to "Gubin, Russian
    International Affairs Council (2025)"; `metric` may be an everyday word ("turnover",
    "Russian exports", "LNG"). Where sources disagree on a period, all are returned and
    flagged. Raises NoMatch, naming the nearest figures, when nothing matches.
    """
    if style not in STYLES:
        raise InputError("style", f"{style!r} is not one of {', '.join(STYLES)}")
    if year is not None and not YEARS[0] <= year <= YEARS[1]:
        raise InputError("year", f"{year} is outside {YEARS[0]}–{YEARS[1]}")
    rows = _rows(figures)
    table = sources()
    if source is not None and source not in table and source not in {r["source_id"] for r in rows}:
        guesses = _suggest(source, table)
        hint = f"did you mean {guesses[0]!r}?" if guesses else f"sources: {', '.join(table)}"
        raise InputError("--source", f"{source!r} is not a source_id; {hint}")
    if figure_id is not None:
        found = [r for r in rows if r["figure_id"] == figure_id]
        if not found:
            raise NoMatch(figure_id, "is not a figure id in figures.csv")
    else:
        if metric is None:
            raise InputError("cite", "give a metric (and a year), or a figure id")
        ask = request(metric)
        candidates = [
            r
            for r in rows
            if r["metric"] in ask.metrics
            and (not ask.commodities or r.get("commodity", "") in ask.commodities)
            and (source is None or r["source_id"] == source)
        ]
        found = candidates if year is None else [r for r in candidates if _covers(r, year)]
        if not found:
            name = " or ".join(ask.metrics)
            name = name if _key(metric) == _key(name) else f"{metric} ({name})"
            what = f"{name}{f' in {year}' if year else ''}{f' from {source}' if source else ''}"
            raise NoMatch(what, f"no figure found; nearest: {_nearest(candidates, year)}")
    found.sort(key=lambda r: (r["period_start"], r["source_id"], r["figure_id"]))
    return Citations(
        (
            Cited(
                r["figure_id"],
                r["source_id"],
                r["metric"],
                float(r["value"]),
                r["unit"],
                _period(r),
                r["qualifier"],
                r["mention"],
                r["quote"],
                _format(r, style, table),
            )
            for r in found
        ),
        disagreements(found),
    )


BRACES = {"{": "\\textbraceleft{}", "}": "\\textbraceright{}"}


def _bib_escape(text: str) -> str:
    """A field value safe inside BibTeX braces: LaTeX's special characters escaped, braces
    written as commands (an unbalanced "}" would end the field and let the rest add fields of
    its own), backslashes and control characters dropped."""
    text = "".join(ch for ch in text if ch.isprintable()).replace("\\", "")
    text = re.sub(r"([&%$#_])", r"\\\1", text)
    # BibTeX counts braces even after a backslash: write them as commands whose own braces
    # are balanced, so no title can close its field early.
    return re.sub(r"[{}]", lambda m: BRACES[m.group()], text)


def bibtex(table: Sources | None = None) -> str:
    """One @misc entry per source (BibTeX has no better type for web articles)."""
    table = table if table is not None else sources()
    entries = []
    for source_id, row in sorted(table.items()):
        fields = {}
        if row["author"]:
            family, given = family_given(row["author"])
            fields["author"] = f"{family}, {given}" if given else family
        if row["title"]:
            fields["title"] = "{" + _bib_escape(row["title"]) + "}"  # braces keep its case
        fields["howpublished"] = row["outlet"]
        if row["published"]:
            fields["year"] = row["published"][:4]
            if len(row["published"]) >= 7:
                fields["month"] = registry.month_abbreviations()[int(row["published"][5:7]) - 1]
            if len(row["published"]) == 10:
                fields["day"] = row["published"][8:]
        if row["url"]:
            fields["url"] = row["url"]
        fields["language"] = row["language"]
        fields["note"] = f"File data/raw/{row['file']}"
        body = ",\n".join(
            f"  {k} = {v}"
            if k == "month"
            else f"  {k} = {{{_bib_escape(v) if k not in ('url', 'title') else v}}}"
            for k, v in fields.items()
        )
        entries.append(f"@misc{{{source_id},\n{body}\n}}\n")
    return "\n".join(entries)


def csl_json(table: Sources | None = None) -> str:
    """The sources as CSL-JSON items (Zotero, pandoc citeproc)."""
    table = table if table is not None else sources()
    items = []
    for source_id, row in sorted(table.items()):
        item: dict[str, object] = {"id": source_id, "type": "article"}
        if row["title"]:
            item["title"] = row["title"]
        if row["author"]:
            family, given = family_given(row["author"])
            item["author"] = (
                [{"family": family, "given": given}] if given else [{"literal": family}]
            )
        item["container-title"] = row["outlet"]
        if row["published"]:
            item["issued"] = {"date-parts": [[int(p) for p in row["published"].split("-")]]}
        if row["url"]:
            item["URL"] = row["url"]
        item["language"] = row["language"]
        item["note"] = f"File data/raw/{row['file']}"
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
