"""Extract the economic figures an article states, each with its source span.

For every quantity mention the extractor reads its sentence: the period (from the words
that belong to this figure, not a neighbour's), the metric (the nearest telling word of the
metric registry), the qualifier (around, over, no less than…), the measure (level, change,
share, target), and whether it is about Korea and Russia at all (a sentence naming a third
country, and not both, is someone else's figure). Nothing is keyed on one article: the
words are the vocabulary's (`korea_russia/vocab/`).
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace

import pandas as pd

from korea_russia import registry, schemas
from korea_russia.extract import countries, quantities, text, timex
from korea_russia.sources.corpus import Document


@dataclass(frozen=True)
class Figure:
    """One economic figure, with everything needed to cite and check it (the columns of
    `schemas.FIGURES`)."""

    figure_id: str
    source_id: str
    metric: str
    measure: str
    value: float
    unit: str
    period_start: str
    period_end: str
    qualifier: str
    mention: str
    quote: str
    start: int
    end: int
    quote_start: int
    quote_end: int
    occurrences: int = 1
    # Where in the document the period was read from (not a table column): the event
    # extractor leaves those words alone, since a figure's period is not an event.
    period_span: tuple[int, int] | None = field(
        default=None, repr=False, metadata={"column": False}
    )


COLUMNS = [f.name for f in fields(Figure) if f.metadata.get("column", True)]


def row(figure: Figure) -> dict[str, object]:
    """A figure as a table row (the columns only)."""
    return {name: getattr(figure, name) for name in COLUMNS}


def _any(words: Iterable[str]) -> str:
    return "|".join(words)


@dataclass(frozen=True)
class _Patterns:
    keywords: re.Pattern[str]
    groups: dict[str, registry.Metric]  # regex group -> metric
    priority: dict[str, int]
    physical: list[tuple[registry.Metric, re.Pattern[str]]]
    qualifier_before: list[tuple[str, re.Pattern[str]]]
    qualifier_after: list[tuple[str, re.Pattern[str]]]
    any_qualifier: re.Pattern[str]
    change_before: re.Pattern[str]
    change_after: re.Pattern[str]
    share_before: re.Pattern[str]
    share_after: re.Pattern[str]
    target: re.Pattern[str]
    multiple: re.Pattern[str]
    multiple_needles: tuple[str, ...]


@registry.compiled
def _patterns() -> _Patterns:
    metrics = sorted((m for m in registry.metrics() if m.keywords), key=lambda m: m.priority)
    groups = {f"m{i}": m for i, m in enumerate(metrics)}
    # All telling words in one pass: at any position the earlier (more specific) metric
    # wins, and a word inside a longer match is not seen again.
    keywords = re.compile("|".join(f"(?P<{g}>{_any(m.keywords)})" for g, m in groups.items()), re.I)
    quals = [q for q in registry.qualifiers() if q.name]
    words = registry.measures()
    multiples = words["multiples"]
    verbs = _any(f"[{v[0].upper()}{v[0]}]{v[1:]}" for v in multiples)
    refers = _any(words["multiple_refers"]["words"])
    return _Patterns(
        keywords=keywords,
        groups=groups,
        priority={g: rank for rank, g in enumerate(groups)},
        physical=[(m, re.compile(_any(m.keywords), re.I)) for m in metrics if m.physical],
        qualifier_before=[
            (q.name, re.compile(rf"\b(?:{_any(q.before)})\s*$", re.I)) for q in quals if q.before
        ],
        qualifier_after=[
            (q.name, re.compile(rf"^\s*(?:{_any(q.after)})", re.I)) for q in quals if q.after
        ],
        any_qualifier=re.compile(
            rf"(?:\b(?:{_any(p for q in quals for p in q.before)})\s*)$", re.I
        ),
        change_before=re.compile(rf"\b(?:{_any(words['change_before'])})(?:\s+by)?\s*$", re.I),
        change_after=re.compile(rf"^\s*(?:{_any(words['change_after'])})\b", re.I),
        share_before=re.compile(rf"\b(?:{_any(words['share_before'])})\s*$", re.I),
        share_after=re.compile(rf"^\s+(?:{_any(words['share_after'])})", re.I),
        target=re.compile(rf"\b(?:{_any(words['target'])})\b", re.I),
        multiple=re.compile(
            rf"\b(?P<verb>{verbs})\s+(?:{refers})\s+by\s+(?:the\s+end\s+of\s+)?(?P<year>{timex.YEAR})"
        ),
        multiple_needles=tuple(f"{v[1:]} " for v in multiples),
    )


def _nearest_keyword(
    sentence: str, lo: int, hi: int
) -> tuple[registry.Metric, re.Match[str]] | None:
    """The telling word nearest to the mention [lo, hi) of `sentence`, ties to the more specific."""
    p = _patterns()
    best: tuple[int, int, str, re.Match[str]] | None = None
    for m in p.keywords.finditer(sentence):
        if lo <= m.start() < hi:
            continue
        group = m.lastgroup or ""
        distance = lo - m.end() if m.end() <= lo else m.start() - hi
        if best is None or (distance, p.priority[group]) < best[:2]:
            best = (distance, p.priority[group], group, m)
    return (p.groups[best[2]], best[3]) if best else None


def _direction(metric: registry.Metric, sentence: str, m: re.Match[str]) -> str:
    """Exports or imports as seen from Korea, from "X's exports to Y" style wording."""
    flows = {d: n for n, d in ((x.name, x.direction) for x in registry.metrics()) if d}
    exports, imports = flows["exports"], flows["imports"]
    korea, russia = countries.pattern("KR"), countries.pattern("RU")
    after = sentence[m.end() : m.end() + 60]
    before = sentence[max(0, m.start() - 30) : m.start()]
    is_export = metric.direction == "exports"
    to_or_from = (
        r"\s+(?:\w+\s+){0,4}?(?:to|into)\s+" if is_export else r"\s+(?:\w+\s+){0,4}?from\s+"
    )
    if re.match(to_or_from + korea, after):
        return imports if is_export else exports
    if re.match(to_or_from + russia, after):
        return exports if is_export else imports
    russia_before = re.search(russia + r"[^,;]*$", before)
    korea_before = re.search(korea + r"[^,;]*$", before)
    if russia_before and not korea_before:
        return imports if is_export else exports
    if korea_before and not russia_before:
        return exports if is_export else imports
    return "other"


def _metric(sentence: str, lo: int, hi: int, dimension: str) -> str:
    """The metric of the mention at [lo, hi) of a (parenthesis-masked) sentence."""
    found = _nearest_keyword(sentence, lo, hi)
    if found is None:
        return "other"
    metric, m = found
    if dimension in ("mass", "volume"):
        # A tonnage or gas volume is about the commodity named in its sentence, however
        # near a verb like "shipped" or "buying" stands; the last physical metric is the
        # general one.
        physical = _patterns().physical
        return next((x.name for x, p in physical if p.search(sentence)), physical[-1][0].name)
    if metric.direction:
        return _direction(metric, sentence, m)
    return metric.name


def _qualifier(before: str, after: str) -> str:
    """The qualifier right before (or after) the number: around, over, no less than…"""
    p = _patterns()
    for name, pattern in p.qualifier_before:
        if pattern.search(before):
            return name
    for name, pattern in p.qualifier_after:
        if pattern.search(after):
            return name
    return ""


def _measure(
    quantity: quantities.Quantity,
    before: str,
    after: str,
    period: timex.Period | None,
    sentence: str,
    year: int | None,
) -> str:
    """level, change (grew 50 per cent), share (1% of…) or target (double by 2020)."""
    p = _patterns()
    future = period is not None and (year is None or int(period.period_start[:4]) >= year)
    if period is not None and period.is_target and (future or p.target.search(sentence)):
        return "target"
    if p.target.search(before[-60:]):
        return "target"
    bare = p.any_qualifier.sub("", before)
    percent = quantity.dimension == "percent"
    if p.change_before.search(bare) or (percent and p.change_after.match(after)):
        return "change"
    if percent and (p.share_after.match(after) or p.share_before.search(bare)):
        return "share"
    return "level"


def _own_period(found: list[timex.Period], lo: int, hi: int, prev_end: int, next_start: int):
    """The period that belongs to the mention at [lo, hi): the first one after it (before the
    next figure), else the nearest one before it (after the previous figure)."""
    after = [p for p in found if hi <= p.start < next_start]
    if after:
        return after[0]
    before = [p for p in found if prev_end <= p.start and p.end <= lo]
    return before[-1] if before else None


def _about_korea_russia(context: str) -> bool:
    """False when the words leading up to a figure name a third economy and not both Korea
    and Russia ("Japan's coal imports reached…", "China's trade with Russia…")."""
    named = countries.named(context)
    if not named - {"KR", "RU"}:
        return True
    return {"KR", "RU"} <= named


def figure_id(source_id: str, quote: str, mention: str) -> str:
    """A stable id: the same source, sentence and mention give the same id on every run."""
    return schemas.stable_id("F", source_id, quote, mention)


def _sentence_figures(
    doc: Document, lo: int, hi: int, found: list[quantities.Quantity]
) -> list[Figure]:
    """The figures of one sentence [lo, hi) of the document."""
    raw = doc.text[lo:hi]
    masked = text.mask_parentheses(raw)
    year = doc.source.year
    spans = [(q.start - lo, q.end - lo) for q in found]
    expressions = timex.find(masked, year)
    out: list[Figure] = []
    for i, q in enumerate(found):
        a, b = spans[i]
        prev_end = spans[i - 1][1] if i else 0
        next_start = spans[i + 1][0] if i + 1 < len(spans) else len(raw)
        metric = _metric(masked, a, b, q.dimension)
        if q.dimension in ("percent", "count") and metric == "other":
            continue  # a bare percentage or count with no economic word is not a figure
        if not _about_korea_russia(masked[prev_end : b + 30]):
            continue
        before, after = raw[max(prev_end, a - 80) : a], raw[b : min(next_start, b + 40)]
        period = _own_period(expressions, a, b, prev_end, next_start)
        if period is None and out:
            period = _inherited(out[-1])
        out.append(
            Figure(
                figure_id=figure_id(doc.id, raw, raw[a:b]),
                source_id=doc.id,
                metric=metric,
                measure=_measure(q, before, after, period, masked, year),
                value=q.value,
                unit=q.unit,
                period_start=period.period_start if period else "",
                period_end=period.period_end if period else "",
                qualifier=_qualifier(before, after),
                mention=raw[a:b],
                quote=raw,
                start=q.start,
                end=q.end,
                quote_start=lo,
                quote_end=hi,
                period_span=_doc_span(period, lo),
            )
        )
    return out


def _doc_span(period: timex.Period | None, lo: int) -> tuple[int, int] | None:
    """A sentence-level period's span as document offsets (None when inherited or absent)."""
    if period is None or period.rule == "inherited":
        return None
    return lo + period.start, lo + period.end


def _inherited(previous: Figure) -> timex.Period | None:
    """A figure with no period of its own shares the one of the figure before it in the sentence
    ("grew 50 per cent during the first half of 2017, and exports were up by 40 per cent")."""
    if not previous.period_start:
        return None
    return timex.Period(0, 0, previous.period_start, previous.period_end, "inherited")


def _multiples(doc: Document, sentences: text.Sentences, earlier: list[Figure]) -> list[Figure]:
    """Targets stated as a multiple of the money figure just before: "double that by 2020"."""
    out: list[Figure] = []
    p = _patterns()
    if not any(word in doc.text for word in p.multiple_needles):
        return out  # a plain substring test skips the regex scan for almost every document
    factors = registry.measures()["multiples"]
    money = registry.currencies()
    for m in p.multiple.finditer(doc.text):
        levels = [
            f for f in earlier if f.unit in money and f.measure == "level" and f.end <= m.start()
        ]
        if not levels or m.start() - levels[-1].end > 600:
            continue  # "that" must point at a figure close before it
        base, (lo, hi) = levels[-1], sentences.span(m.start())
        quote = doc.text[lo:hi]
        out.append(
            replace(
                base,
                figure_id=figure_id(doc.id, quote, m.group()),
                measure="target",
                value=base.value * factors[m.group("verb").lower()],
                period_start=m.group("year"),
                period_end=m.group("year"),
                qualifier="",
                mention=m.group(),
                quote=quote,
                start=m.start(),
                end=m.end(),
                quote_start=lo,
                quote_end=hi,
                period_span=(m.start("year"), m.end("year")),
            )
        )
    return out


def figures(document: Document) -> list[Figure]:
    """Every distinct economic figure the document states, in text order.

    A figure stated twice (a repeated paragraph, a standfirst repeated in the body) is one
    row, at its first mention, with `occurrences` counting the repeats.
    """
    sentences = text.Sentences(document.text)
    by_sentence: dict[tuple[int, int], list[quantities.Quantity]] = {}
    for q in quantities.find(document.text):
        lo, hi = sentences.span(q.start)
        by_sentence.setdefault((lo, max(hi, q.end)), []).append(q)
    found: list[Figure] = []
    seen: dict[str, list[Figure]] = {}  # a repeated sentence states the same figures again
    for (lo, hi), group in by_sentence.items():
        sentence = document.text[lo:hi]
        if sentence not in seen:
            seen[sentence] = _sentence_figures(document, lo, hi, group)
        found += seen[sentence]
    return _deduplicate(found + _multiples(document, sentences, found))


def _deduplicate(found: Iterable[Figure]) -> list[Figure]:
    """One row per (metric, measure, value, unit, period, qualifier), at its first mention."""
    kept: dict[tuple, Figure] = {}
    counts: dict[tuple, int] = {}
    for f in found:
        key = (f.metric, f.measure, f.value, f.unit, f.period_start, f.period_end, f.qualifier)
        kept.setdefault(key, f)
        counts[key] = counts.get(key, 0) + 1
    rows = [
        replace(f, occurrences=counts[key]) if counts[key] > 1 else f for key, f in kept.items()
    ]
    return sorted(rows, key=lambda f: f.start)


def table(
    documents: Iterable[Document], found: Mapping[str, Sequence[Figure]] | None = None
) -> pd.DataFrame:
    """The figures of all documents as a tidy table, sorted by source and position;
    `found` maps document ids to figures already extracted from them."""
    found = found or {}
    rows = [
        row(f) for doc in documents for f in (found[doc.id] if doc.id in found else figures(doc))
    ]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.sort_values(["source_id", "start", "end"], ignore_index=True)
