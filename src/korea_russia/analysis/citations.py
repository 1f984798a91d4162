"""Citations generated from `data/sources.csv`, so chart footers, reports and the README never
drift from the metadata: a short form for footers, a long form and Markdown for reports,
BibTeX and CSL-JSON for reference managers, and `cite` for any figure."""

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from korea_russia import config, registry, schemas
from korea_russia.errors import InputError
from korea_russia.sources import corpus
from korea_russia.sources.add import outlet_name

STYLES = ("short", "long", "markdown")


class NoMatch(InputError):
    """No figure matches a citation request; the message suggests the nearest ones."""


def sources(path: Path | None = None) -> pd.DataFrame:
    """The sources table indexed by source_id, unknown facts as empty strings (read and
    validated by the one reader of sources.csv)."""
    rows = corpus.read_sources(Path(path) if path else config.sources_csv()).values()
    frame = pd.DataFrame([asdict(r) for r in rows], columns=list(corpus.SOURCE_COLUMNS))
    return frame.set_index("source_id")


def lookup(source_id: str, table: pd.DataFrame | None = None) -> pd.Series:
    """A source's metadata; a file with no row in sources.csv gets empty (unknown) facts."""
    table = table if table is not None else sources()
    if source_id in table.index:
        return table.loc[source_id]
    return pd.Series({c: "" for c in table.columns}, name=source_id)


def short(source_id: str, table: pd.DataFrame | None = None) -> str:
    """ "Gubin, Russian International Affairs Council (2025)"; with no author, "News1 (2025)"."""
    row = lookup(source_id, table)
    surname = row["author"].split()[-1] if row["author"] else ""
    outlet = outlet_name(row["outlet"]) or source_id
    return f"{surname + ', ' if surname else ''}{outlet} ({row['published'][:4] or 'n.d.'})"


def short_list(source_ids: Iterable[str], table: pd.DataFrame | None = None) -> str:
    """Short citations of the distinct sources, oldest first, joined by semicolons."""
    table = table if table is not None else sources()
    ids = sorted(set(source_ids), key=lambda i: (lookup(i, table)["published"], i))
    return "; ".join(short(i, table) for i in ids)


def long(source_id: str, table: pd.DataFrame | None = None) -> str:
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


def _period(row: pd.Series | dict) -> str:
    label = schemas.period_label(row["period_start"], row["period_end"], "no period stated")
    if row.get("period_basis") == "publication":
        return f"no period stated (as of publication, {label})"
    return label


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


def _format(row: dict, style: str, table: pd.DataFrame) -> str:
    """A figure in one of the citation styles."""
    qualifier = registry.qualifier(row["qualifier"]).text
    what = f"{qualifier}{row['mention']} ({row['metric'].replace('_', ' ')}, {_period(row)})"
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


class Citations(list):
    """The figures that answer one request; printing shows them, flagging any disagreement."""

    def __str__(self) -> str:
        values = {(c.value, c.unit, c.qualifier) for c in self}
        head = f"{len(self)} sources disagree:\n\n" if len(values) > 1 and len(self) > 1 else ""
        return head + "\n\n".join(c.text for c in self)


def _metric(query: str) -> str:
    """The metric a user means: an exact name, or the one name containing the words given."""
    key = query.strip().lower().replace(" ", "_").replace("-", "_")
    names = registry.metric_names()
    if key in names:
        return key
    hits = [m for m in names if key in m]
    if len(hits) == 1:
        return hits[0]
    known = ", ".join(names)
    raise NoMatch(query, f"is {'ambiguous' if hits else 'not a metric'}; metrics: {known}")


def _covers(row: pd.Series, year: int) -> bool:
    return bool(row["period_start"]) and int(row["period_start"][:4]) <= year <= int(
        row["period_end"][:4]
    )


def _nearest(rows: pd.DataFrame, year: int | None, n: int = 3) -> str:
    """The figures closest in time to `year`, for the suggestion in a NoMatch message."""
    if rows.empty:
        return "none stated for this metric"

    def distance(r: pd.Series) -> float:
        if not r["period_start"] or year is None:
            return 9999
        return min(abs(int(r["period_start"][:4]) - year), abs(int(r["period_end"][:4]) - year))

    ranked = rows.assign(d=rows.apply(distance, axis=1)).sort_values(["d", "figure_id"]).head(n)
    return "; ".join(
        f"{r.mention} ({_period(r._asdict())}, --id {r.figure_id})" for r in ranked.itertuples()
    )


def cite(
    metric: str | None = None,
    year: int | None = None,
    *,
    source: str | None = None,
    style: str = "short",
    figure_id: str | None = None,
    figures: pd.DataFrame | None = None,
) -> Citations:
    """The figures for a metric (and year, and source), each with its citation.

    `cite("bilateral_trade", 2024)` gives the US$11.4 billion figure cited to "Gubin, Russian
    International Affairs Council (2025)". Where sources disagree on a year, all are returned.
    Raises NoMatch, naming the nearest figures, when nothing matches.
    """
    if style not in STYLES:
        raise InputError("style", f"{style!r} is not one of {', '.join(STYLES)}")
    if figures is None:
        from korea_russia import tables

        figures = tables.figures()
    table = sources()
    if figure_id is not None:
        rows = figures[figures["figure_id"] == figure_id]
        if rows.empty:
            raise NoMatch(figure_id, "is not a figure id in figures.csv")
    else:
        if metric is None:
            raise InputError("cite", "give a metric (and a year), or a figure id")
        name = _metric(metric)
        candidates = figures[figures["metric"] == name]
        if source is not None:
            candidates = candidates[candidates["source_id"] == source]
        rows = (
            candidates if year is None else candidates[candidates.apply(_covers, axis=1, year=year)]
        )
        if rows.empty:
            what = f"{name}{f' in {year}' if year else ''}{f' from {source}' if source else ''}"
            raise NoMatch(what, f"no figure found; nearest: {_nearest(candidates, year)}")
    rows = rows.sort_values(["period_start", "source_id", "figure_id"])
    return Citations(
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
        for r in rows.to_dict("records")
    )


def _bib_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", text)


def bibtex(table: pd.DataFrame | None = None) -> str:
    """One @misc entry per source (BibTeX has no better type for web articles)."""
    table = table if table is not None else sources()
    entries = []
    for source_id, row in table.sort_index().iterrows():
        fields = {}
        if row["author"]:
            given, _, family = row["author"].rpartition(" ")
            fields["author"] = f"{family}, {given}" if given else family
        if row["title"]:
            fields["title"] = "{" + row["title"] + "}"
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


def csl_json(table: pd.DataFrame | None = None) -> str:
    """The sources as CSL-JSON items (Zotero, pandoc citeproc)."""
    table = table if table is not None else sources()
    items = []
    for source_id, row in table.sort_index().iterrows():
        item: dict[str, object] = {"id": source_id, "type": "article"}
        if row["title"]:
            item["title"] = row["title"]
        if row["author"]:
            given, _, family = row["author"].rpartition(" ")
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
