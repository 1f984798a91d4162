"""Extract the economic figures an article states, each with its source span.

For every quantity mention the extractor reads its sentence: the period (from the words
that belong to this figure, not a neighbour's), the metric (the nearest telling word of the
metric registry), the qualifier (around, over, no less than…), the measure (level, change,
share, target), and whether it is about Korea and Russia at all (a sentence naming a third
country, and not both, is someone else's figure). Nothing is keyed on one article: the
words are the vocabulary's (`korea_russia/vocab/`).
"""

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace

import pandas as pd

from korea_russia import registry, schemas
from korea_russia.extract import countries, dateline, quantities, text, timex
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
    value_upper: float | None = None
    period_basis: str = ""
    parties: str = ""
    commodity: str = ""
    # Where in the document the period was read from (not a table column): the event
    # extractor leaves those words alone, since a figure's period is not an event.
    period_span: tuple[int, int] | None = field(
        default=None, repr=False, metadata={"column": False}
    )


COLUMNS = [
    "figure_id",
    "source_id",
    "metric",
    "measure",
    "value",
    "value_upper",
    "unit",
    "period_start",
    "period_end",
    "period_basis",
    "parties",
    "commodity",
    "qualifier",
    "mention",
    "quote",
    "start",
    "end",
    "quote_start",
    "quote_end",
    "occurrences",
]
assert set(COLUMNS) == {f.name for f in fields(Figure) if f.metadata.get("column", True)}


def row(figure: Figure) -> dict[str, object]:
    """A figure as a table row (the columns only)."""
    return {name: getattr(figure, name) for name in COLUMNS}


def _any(words: Iterable[str]) -> str:
    return "|".join(words)


_Words = re.Pattern[str] | registry.Needled  # a word list: found from its words where it can


@dataclass(frozen=True)
class _Patterns:
    keywords: _Words
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
    target: _Words
    multiple: registry.Needled
    decline_before: re.Pattern[str]
    decline_after: re.Pattern[str]
    not_flows: _Words
    per_year: _Words
    now: _Words
    hypothetical: _Words
    world: _Words
    transit: re.Pattern[str]
    commodities: list[tuple[str, str, _Words]]
    any_commodity: _Words  # whether any commodity is named at all
    exchange_rate: re.Pattern[str]


@registry.compiled
def _patterns() -> _Patterns:
    metrics = sorted((m for m in registry.metrics() if m.keywords), key=lambda m: m.priority)
    groups = {f"m{i}": m for i, m in enumerate(metrics)}
    # All telling words in one pass: at any position the earlier (more specific) metric
    # wins, and a word inside a longer match is not seen again.
    keywords = registry.needled(
        "|".join(f"(?P<{g}>{_any(m.keywords)})" for g, m in groups.items()), re.I
    )
    quals = [q for q in registry.qualifiers() if q.name]
    words = registry.measures()
    multiples = words["multiples"]
    verbs = _any(f"[{v[0].upper()}{v[0]}]{v[1:]}" for v in multiples)
    refers = _any(words["multiple_refers"]["words"])
    return _Patterns(
        keywords=keywords,
        groups=groups,
        priority={g: rank for rank, g in enumerate(groups)},
        physical=[(m, registry.fast(_any(m.keywords), re.I)) for m in metrics if m.physical],
        qualifier_before=[
            (q.name, registry.fast(rf"\b(?:{_any(q.before)})\s*$", re.I)) for q in quals if q.before
        ],
        qualifier_after=[
            (q.name, registry.fast(rf"^\s*(?:{_any(q.after)})", re.I)) for q in quals if q.after
        ],
        any_qualifier=registry.fast(
            rf"(?:\b(?:{_any(p for q in quals for p in q.before)})\s*)$", re.I
        ),
        change_before=registry.fast(rf"\b(?:{_any(words['change_before'])})(?:\s+by)?\s*$", re.I),
        change_after=registry.fast(rf"^\s*(?:{_any(words['change_after'])})\b", re.I),
        share_before=registry.fast(rf"\b(?:{_any(words['share_before'])})\s*$", re.I),
        share_after=registry.fast(rf"^\s+(?:{_any(words['share_after'])})", re.I),
        target=registry.needled(rf"\b(?:{_any(words['target'])})\b", re.I),
        multiple=registry.Needled(
            registry.fast(
                rf"\b(?P<verb>{verbs})\s+(?:{refers})\s+by\s+(?:the\s+end\s+of\s+)?(?P<year>{timex.YEAR})"
            ),
            tuple(v.lower() for v in multiples),
        ),
        decline_before=registry.fast(
            rf"\b(?:{_any(words['decline'])})(?:\s+by)?"
            rf"(?:\s+(?:{_any(p for q in quals for p in q.before)}))?\s*$",
            re.I,
        ),
        decline_after=registry.fast(rf"^\s*(?:{_any(words['decline'])})\b", re.I),
        not_flows=registry.needled(_any(words["not_flows"]), re.I),
        per_year=registry.needled(rf"\b(?:{_any(words['per_year'])})\b", re.I),
        now=registry.needled(_any(words["now"]), re.I),
        hypothetical=registry.needled(_any(words["hypothetical"]), re.I),
        world=registry.needled(_any(registry.country_words()["world"]), re.I),
        transit=registry.fast(rf"\b(?:{_any(registry.country_words()['transit'])})\s+(?:the\s+)?$"),
        commodities=[(n, m, registry.needled(w, re.I)) for n, m, w in registry.commodities()],
        any_commodity=registry.needled(
            "|".join(f"(?:{w})" for *_, w in registry.commodities()), re.I
        ),
        exchange_rate=registry.fast(r"^\s*=|=\s*$"),
    )


# The matches of a pattern in a stretch of one sentence, by (pattern, stretch): a sentence's
# figures share clauses, and each would otherwise scan its clause again.
_Seen = dict[tuple[int, str], list[re.Match[str]]]


def _scan(pattern: _Words, text: str, seen: "_Seen | None") -> list[re.Match[str]]:
    """`pattern.finditer(text)` as a list, read from `seen` where it was scanned before."""
    if seen is None:
        return list(pattern.finditer(text))
    key = (id(pattern), text)  # the patterns live as long as the vocabulary, beyond `seen`
    if key not in seen:
        seen[key] = list(pattern.finditer(text))
    return seen[key]


AFTER_COMMA = 200  # characters a telling word after a comma counts as farther away


def _nearest_keyword(
    sentence: str, lo: int, hi: int, seen: "_Seen | None" = None
) -> tuple[registry.Metric, re.Match[str]] | None:
    """The telling word nearest to the mention [lo, hi) of `sentence`, ties to the more specific."""
    p = _patterns()
    best: tuple[int, int, str, re.Match[str]] | None = None
    for m in _scan(p.keywords, sentence, seen):
        if lo <= m.start() < hi:
            continue
        group = m.lastgroup or ""
        distance = lo - m.end() if m.end() <= lo else m.start() - hi
        if m.start() >= hi and re.search(r"[,;:]", sentence[hi : m.start()]):
            # A word after a comma is in the next clause ("…to $18.6 billion, customs data
            # showed, as export controls weighed"): the subject before the figure comes first.
            distance += AFTER_COMMA
        if best is None or (distance, p.priority[group]) < best[:2]:
            best = (distance, p.priority[group], group, m)
    return (p.groups[best[2]], best[3]) if best else None


def _direction(
    metric: registry.Metric, sentence: str, m: re.Match[str], reporter: str = ""
) -> tuple[str, str]:
    """Exports or imports as seen from Korea, and the reporter (KR or RU) the words take:
    "exports to Russia", "shipments to Korea", "imports from Russia", "Russian imports",
    "South Korea's exports". With no country at the word, the reporter of the flow told
    before ("imports from Russia … exports during the same period") decides."""
    flows = {d: n for n, d in ((x.name, x.direction) for x in registry.metrics()) if d}
    korea, russia = countries.pattern("KR"), countries.pattern("RU")
    after = sentence[m.end() : m.end() + 60]
    before = sentence[max(0, m.start() - 40) : m.start()]
    is_export = metric.direction == "exports"
    to_or_from = (
        r"\s+(?:\w+\s+){0,4}?(?:to|into)\s+(?:the\s+)?"
        if is_export
        else r"\s+(?:\w+\s+){0,4}?from\s+(?:the\s+)?"
    )
    if re.match(to_or_from + korea, after):
        reporter = "RU"
    elif re.match(to_or_from + russia, after):
        reporter = "KR"
    else:
        own = r"(?:['’]s)?\s+(?:[\w-]+\s+){0,2}$"
        if re.search(korea + own, before) and not re.search(russia + own, before):
            reporter = "KR"
        elif re.search(russia + own, before) and not re.search(korea + own, before):
            reporter = "RU"
    if reporter not in ("KR", "RU"):
        return "other", ""
    korean_export = is_export == (reporter == "KR")
    return (flows["exports"] if korean_export else flows["imports"]), reporter


def _commodity(
    window: str, clause: str, lo: int, hi: int, unit: str, seen: "_Seen | None" = None
) -> str:
    """The commodity nearest the mention [lo, hi) of `clause` (searched in `window` first)."""
    named = _patterns().any_commodity
    if not _scan(named, clause, seen) and not _scan(named, window, seen):  # no commodity word
        return "pipeline_gas" if registry.dimension(unit) == "volume" else ""
    for words, a, b in ((window, None, None), (clause, lo, hi)):
        best: tuple[int, int, str] | None = None
        for rank, (name, _, pattern) in enumerate(_patterns().commodities):
            for m in _scan(pattern, words, seen):
                distance = 0 if a is None else (a - m.end() if m.end() <= a else m.start() - b)
                if best is None or (abs(distance), rank) < best[:2]:
                    best = (abs(distance), rank, name)
        if best:
            return best[2]
    return "pipeline_gas" if registry.dimension(unit) == "volume" else ""


def _metric(
    sentence: str,
    lo: int,
    hi: int,
    dimension: str,
    commodity: str,
    reporter: str = "",
    seen: "_Seen | None" = None,
) -> tuple[str, str]:
    """The metric of the mention at [lo, hi) of a (parenthesis-masked) clause or sentence,
    and the reporter a flow word gave it."""
    found = _nearest_keyword(sentence, lo, hi, seen)
    if dimension in ("mass", "volume") and commodity:
        # A tonnage or gas volume is about its commodity, however near a verb like "shipped"
        # or "buying" stands; without an energy commodity it is what its words say.
        return next(m for n, m, _ in _patterns().commodities if n == commodity), ""
    if found is None:
        return "other", ""
    metric, m = found
    if dimension in ("money", "percent") and not metric.direction:
        # "imports from Russia, mostly crude oil and coal, dropped 37 percent to $8.1
        # billion": a flow told with its partner, earlier in the clause, beats a commodity.
        flow = _partnered_flow(sentence[:lo])
        if flow:
            return flow
    if metric.direction:
        return _direction(metric, sentence, m, reporter)
    return metric.name, ""


def _partnered_flow(before: str) -> tuple[str, str] | None:
    """The last export or import flow in `before` whose partner is named right after it
    ("imports from Russia", "exports to Korea"), with its reporter; None when there is none."""
    p = _patterns()
    pair = f"(?:{countries.pattern('KR')}|{countries.pattern('RU')})"
    partner = rf"\s+(?:\w+\s+){{0,4}}?(?:to|into|from)\s+(?:the\s+)?{pair}"
    for m in reversed(list(p.keywords.finditer(before))):
        metric = p.groups[m.lastgroup or ""]
        if metric.direction and re.match(partner, before[m.end() :]):
            flow = _direction(metric, before, m)
            if flow[0] != "other":
                return flow
    return None


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
    """level, change (grew 50 per cent, +5.0 mio t), share (1% of…) or target (double by 2020)."""
    p = _patterns()
    future = period is not None and (year is None or int(period.period_start[:4]) >= year)
    if period is not None and period.is_target and (future or p.target.search(sentence)):
        return "target"
    if p.target.search(before[-60:]):
        return "target"
    bare = p.any_qualifier.sub("", before)
    relative = quantity.dimension in ("percent", "ratio")
    if quantity.sign or quantity.dimension == "ratio":
        return "change"
    if p.change_before.search(bare) or (relative and p.change_after.match(after)):
        return "change"
    if quantity.fraction or (
        quantity.dimension == "percent"
        and (p.share_after.match(after) or p.share_before.search(bare))
    ):
        return "share"
    return "level"


def _signed_value(q: quantities.Quantity, measure: str, before: str, after: str) -> float:
    """A change's value carries its direction: negative for a decline ("fell 22.6 percent",
    "a 48.5% decrease", "-1.9%")."""
    if measure != "change":
        return q.value
    p = _patterns()
    if q.sign < 0 or (
        not q.sign and (p.decline_before.search(before) or p.decline_after.match(after))
    ):
        return -abs(q.value)
    return q.value


_COORDINATED = re.compile(r"^[^,;.]{0,40}\b(?:and|or|to)\s+(?:the\s+|an?\s+)?$")


def _own_period(
    found: list[timex.Period],
    lo: int,
    hi: int,
    prev_end: int,
    next_start: int,
    gap: str = "",
    following: tuple[int, int, int] | None = None,
):
    """The period that belongs to the mention at [lo, hi): the first one after it (before the
    next figure), else the nearest one before it (after the previous figure). The base of a
    comparison ("from 2017", "vs. Jan–May 2025") is never a figure's own period."""
    own = [p for p in found if not p.base]
    after = [p for p in own if hi <= p.start < next_start]
    if after:
        return after[0]
    if following is not None and _COORDINATED.match(gap):
        # "75% of Russian coal and 25% of Australian one year earlier", "from 1 million
        # tonnes to 3 million tonnes in 2022": a time phrase after two joined figures dates both.
        shared = [p for p in own if following[1] <= p.start < following[2]]
        if shared:
            return shared[0]
    before = [p for p in own if prev_end <= p.start and p.end <= lo]
    return before[-1] if before else None


# --- Whose figure: the economies it is about -------------------------------------------

_JOINS = ("while", "whereas", "but", "although")
_CLAUSE = re.compile(rf";|,?\s+(?:{'|'.join(_JOINS)})\s+|\s+compared\s+(?:to|with)\s+")
_CLAUSE_NEEDS = (";", "compared", *_JOINS)  # every split holds one (most sentences none)


def _clause(
    sentence: str, lo: int, hi: int, marks: list[tuple[int, int]] | None = None
) -> tuple[int, int]:
    """The clause of `sentence` holding [lo, hi): split at semicolons and at while, whereas,
    but, although and "compared to" ("…to $6.2 billion, while China's trade with Russia…");
    `marks`: the spans of those splits, where already found for the sentence."""
    a, b = 0, len(sentence)
    for start, end in _clause_marks(sentence) if marks is None else marks:
        if end <= lo:
            a = end
        elif start >= hi:
            b = start
            break
    return a, b


def _clause_marks(sentence: str) -> list[tuple[int, int]]:
    if not any(word in sentence for word in _CLAUSE_NEEDS):
        return []
    return [m.span() for m in _CLAUSE.finditer(sentence)]


def _names(text: str, orgs: "countries.Organisations | None" = None) -> list[tuple[str, int]]:
    """(code, offset) of the economies `text` names (or names through a company the article
    said is from one: "Orion, the South Korean firm"), not counting those named as a route
    ("via North Korea")."""
    transit = _patterns().transit
    hits = countries.named_at(text) + (orgs.named_at(text) if orgs else [])
    return [(c, at) for c, at in hits if not transit.search(text[max(0, at - 25) : at])]


def _named(text: str, orgs: "countries.Organisations | None" = None) -> set[str]:
    return {code for code, _ in _names(text, orgs)}


def _within(names: list[tuple[str, int]], lo: int, hi: int) -> set[str]:
    return {code for code, at in names if lo <= at < hi}


def order(parties: set[str]) -> str:
    """`KR;RU` first, then the other economies in alphabetical order."""
    pair = [c for c in ("KR", "RU") if c in parties]
    return ";".join(pair + sorted(parties - {"KR", "RU"}))


def _parties(
    names: list[tuple[str, int]],
    window: tuple[int, int],
    clause: tuple[int, int],
    clause_text: str,
    context: set[str],
    topic: set[str],
    heading: set[str] = frozenset(),
) -> set[str]:
    """The economies a figure is about (`names`: those its sentence names, with offsets):
    those named nearest it (between its neighbours in its clause), else in its clause, else
    in the clauses before it, else those of its context (the list heading or the sentence
    before), else the article's topic. Where one of Korea and Russia is named and no third
    economy, the other is the partner in an article about the two, when the sentence names
    it too or names no third economy ("the Russian side is to send 7.5 million tons of
    gas"), unless the words say it is a total with the world ("South Korea's total coal
    imports")."""
    near = _within(names, *window) or _within(names, *clause)
    named = near or _within(names, 0, clause[0]) or set(context) or set(topic)
    named = named | heading  # "· Qatar: 3.1 mio t" under "Korean LNG imports:" is KR;QA
    if len(named & {"KR", "RU"}) == 1 and not named - {"KR", "RU"} and {"KR", "RU"} <= topic:
        in_sentence = {code for code, _ in names}
        partner_or_alone = ({"KR", "RU"} <= in_sentence) or not in_sentence - {"KR", "RU"}
        if partner_or_alone and not (near and _patterns().world.search(clause_text)):
            named = named | {"KR", "RU"}
    return named


def topic(text: str) -> set[str]:
    """The two economies an article names most (Korea and Russia when it names both)."""
    counts: dict[str, int] = {}
    for code, _ in countries.named_at(text):
        counts[code] = counts.get(code, 0) + 1
    if "KR" in counts and "RU" in counts:
        return {"KR", "RU"}
    return set(sorted(counts, key=lambda c: (-counts[c], c))[:2])


def is_korea_russia(parties: str) -> bool:
    """A figure about Korea and Russia (a route through a third economy is not a party)."""
    codes = set(parties.split(";"))
    return {"KR", "RU"} <= codes


def figure_id(source_id: str, quote: str, mention: str) -> str:
    """A stable id: the same source, sentence and mention give the same id on every run."""
    return schemas.stable_id("F", source_id, quote, mention)


@dataclass
class _Context:
    """What one figure reads from outside its sentence: the publication date, the article's
    topic, the parties and period of the list heading or the sentence before, and the last
    figure (for "in the same period")."""

    year: int | None
    month: int | None
    topic: set[str]
    parties: set[str] = field(default_factory=set)
    heading: str = ""
    heading_period: timex.Period | None = None
    last: "Figure | None" = None
    reporter: str = ""  # KR or RU: whose exports and imports the article last spoke of
    orgs: "countries.Organisations | None" = None  # companies the article says are from where
    told: timex.Period | None = None  # the date told in the sentence before (same paragraph)


def _sentence_figures(
    doc: Document, flat: str, lo: int, hi: int, found: list[quantities.Quantity], ctx: _Context
) -> list[Figure]:
    """The figures of one sentence [lo, hi) of the document (`flat`: its text with wrapped
    lines joined, same offsets)."""
    raw = doc.text[lo:hi]
    masked = text.mask_parentheses(flat[lo:hi])
    p = _patterns()
    spans = [(q.start - lo, q.end - lo) for q in found]
    expressions = timex.find(masked, ctx.year, ctx.month)
    to_date = next((e for e in expressions if e.rule == "to_date"), None)
    names = _names(masked, ctx.orgs)  # once per sentence: a long one may hold many figures
    marks = _clause_marks(masked)
    seen: _Seen = {}  # the words found in a clause, read again for its other figures
    out: list[Figure] = []
    for i, q in enumerate(found):
        a, b = spans[i]
        prev_end = spans[i - 1][1] if i else 0
        next_start = spans[i + 1][0] if i + 1 < len(spans) else len(raw)
        if p.exchange_rate.search(raw[b : b + 3]) or p.exchange_rate.search(raw[max(0, a - 3) : a]):
            continue  # "($1 = 1,480.46 won)" is an exchange rate, not a figure
        ca, cb = _clause(masked, a, b, marks)
        clause = masked[ca:cb]
        window = masked[max(ca, prev_end) : min(cb, next_start)]
        if q.dimension in ("percent", "count", "ratio") and p.not_flows.search(clause):
            continue  # "the 80% cap on capacity utilization" is an operating ratio
        commodity = _commodity(window, clause, a - ca, b - ca, q.unit, seen)
        metric, reporter = _metric(
            clause, a - ca, b - ca, q.dimension, commodity, ctx.reporter, seen
        )
        if metric == "other":
            metric, reporter = _metric(masked, a, b, q.dimension, commodity, ctx.reporter, seen)
        if metric == "other" and ctx.heading:
            shift = len(ctx.heading) + 1
            metric, reporter = _metric(
                ctx.heading + " " + masked,
                shift + a,
                shift + b,
                q.dimension,
                commodity,
                ctx.reporter,
            )
        ctx.reporter = reporter or ctx.reporter
        if q.dimension in ("percent", "count", "ratio") and metric == "other":
            bare = p.any_qualifier.sub("", masked[max(0, a - 40) : a])
            if not (q.dimension == "percent" and p.share_before.search(bare)):
                continue  # a bare percentage or count with no economic word is not a figure
        group = registry.metric_group(metric)
        parties = _parties(
            names,
            (max(ca, prev_end), min(cb, next_start)),
            (ca, cb),
            clause,
            ctx.parties,
            ctx.topic,
            ctx.parties if ctx.heading else set(),
        )
        before, after = raw[max(prev_end, a - 80) : a], raw[b : min(next_start, b + 40)]
        following = (
            (spans[i + 1][0], spans[i + 1][1], spans[i + 2][0] if i + 2 < len(spans) else len(raw))
            if i + 1 < len(spans)
            else None
        )
        period = _own_period(
            expressions, a, b, prev_end, next_start, masked[b:next_start], following
        )
        if period is not None and period.rule == "same" and not period.period_start:
            period = _carried(ctx.last)  # "in the same period": the last figure's
        if period is None and out:
            period = _carried(out[-1])  # the figure before it in the sentence
        if period is None and ctx.heading_period is not None:
            period = timex.as_inherited(ctx.heading_period)
        if to_date and (
            period is None or (period.period_start == period.period_end == to_date.period_start[:4])
        ):
            period = to_date  # "as of the end of July" narrows every figure of that year
        measure = _measure(q, before, after, period, masked, ctx.year)
        if period is None and measure == "level" and ctx.year is not None:
            period = _as_of_publication(masked, ctx.year)
        if period is None and ctx.year is None and measure in ("level", "change"):
            # With no publication date, the date the narrative told last dates the figure
            # ("On 8 August 2012 Eximbank announced … The credit line will increase from
            # USD 200 million to USD 700 million").
            period = timex.as_inherited(ctx.told) if ctx.told else _carried(ctx.last)
        figure = Figure(
            figure_id=figure_id(doc.id, raw, raw[a:b]),
            source_id=doc.id,
            metric=metric,
            measure=measure,
            value=_signed_value(q, measure, before, after),
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
            value_upper=q.upper,
            period_basis=(period.basis if period else ""),
            parties=order(parties),
            commodity=commodity if group == "energy" else "",
            period_span=_doc_span(period, lo),
        )
        out.append(figure)
    return out


def _carried(f: "Figure | None") -> timex.Period | None:
    """The period of figure `f`, carried over to another figure (None when it has none):
    "grew 50 per cent during the first half of 2017, and exports were up by 40 per cent"."""
    if f is None or not f.period_start:
        return None
    return timex.Period(0, 0, f.period_start, f.period_end, "inherited", "inherited")


def _as_of_publication(sentence: str, year: int) -> timex.Period | None:
    """A level stated with no period in a news report holds as of the publication year
    ("investments reached $1.2 billion"), unless it is a rate per year not said to hold now
    ("7.5 million tons of gas annually") or what may or would be ("could reach")."""
    p = _patterns()
    if p.hypothetical.search(sentence):
        return None
    if p.per_year.search(sentence) and not p.now.search(sentence):
        return None
    return timex.Period(0, 0, str(year), str(year), "publication", "publication")


def _doc_span(period: timex.Period | None, lo: int) -> tuple[int, int] | None:
    """A sentence-level period's span as document offsets (None when inherited or absent)."""
    if period is None or period.rule in ("inherited", "publication") or period.end == 0:
        return None
    return lo + period.start, lo + period.end


def _multiples(doc: Document, sentences: text.Sentences, earlier: list[Figure]) -> list[Figure]:
    """Targets stated as a multiple of the money figure just before: "double that by 2020"."""
    out: list[Figure] = []
    p = _patterns()  # `multiple` is found from its verbs: most documents have none
    factors = registry.measures()["multiples"]
    money = registry.currencies()
    levels = sorted(
        (f for f in earlier if f.unit in money and f.measure == "level"), key=lambda f: f.end
    )
    ends = [f.end for f in levels]
    for m in p.multiple.finditer(doc.text):
        i = bisect_right(ends, m.start())  # the levels that end before the multiple
        if not i or m.start() - ends[i - 1] > 600:
            continue  # "that" must point at a figure close before it
        base, (lo, hi) = levels[i - 1], sentences.span(m.start())
        quote = doc.text[lo:hi]
        out.append(
            replace(
                base,
                figure_id=figure_id(doc.id, quote, m.group()),
                measure="target",
                value=base.value * factors[m.group("verb").lower()],
                period_start=m.group("year"),
                period_end=m.group("year"),
                period_basis="stated",
                value_upper=None,
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


OPENING = 50_000  # characters read for an article's topic and its companies' origins
_ITEM = re.compile(r"\s*(?:[·•*▪‣◦–—-]\s*|\d{1,2}[.)]\s+)|\s*[A-Z][\w .'’&-]{1,40}:\s")


def _heading(flat: str, sentences: text.Sentences, at: int) -> tuple[str, int]:
    """The heading of the list whose item holds offset `at` ("South Korean coal imports
    (Jan–May 2026):" above "· Russia: 10.2 mio t"), with its offset; ("", -1) when the line
    is no list item or has no heading."""
    start = sentences.line(at)[0]
    if not _ITEM.match(flat, start):
        return "", -1
    for _ in range(60):  # walk up over the list's other items
        if start == 0:
            return "", -1
        prev = flat.rfind("\n", 0, start - 1) + 1
        line = flat[prev : start - 1]
        if len(line) > text.LONGEST:
            return "", -1  # a heading is a short line
        if line.rstrip().endswith(":") and not _ITEM.match(line + " "):
            return line, prev
        if not _ITEM.match(flat, prev) or not line.strip():
            return "", -1
        start = prev
    return "", -1


def _told_before(flat: str, sentences: text.Sentences, lo: int) -> timex.Period | None:
    """The last date told in the sentence before `lo`, in the same paragraph."""
    para = sentences.line(lo)[0]
    if lo <= para:
        return None
    a, _b = sentences.span(lo - 1)
    told = [p for p in timex.find(flat[a:lo]) if not p.base]
    return told[-1] if told else None


def _before_parties(
    flat: str, sentences: text.Sentences, lo: int, orgs: "countries.Organisations | None" = None
) -> set[str]:
    """The economies named by the nearest sentence before `lo` in its paragraph that names any."""
    para = sentences.line(lo)[0]
    at = lo
    for _ in range(6):
        if at <= para:
            break
        a, _b = sentences.span(max(para, at - 1))
        if a >= at:
            break
        named = _named(text.mask_parentheses(flat[a:at]), orgs)
        if named:
            return named
        at = a
    return set()


def figures(document: Document) -> list[Figure]:
    """Every distinct economic figure the document states, in text order, whoever it is
    about (`parties`; `korea_russia` keeps the Korea–Russia ones).

    A figure stated twice (a repeated paragraph, a standfirst repeated in the body) is one
    row, at its first mention, with `occurrences` counting the repeats.
    """
    document = dateline.with_publication(document)
    sentences = text.sentences_of(document.text)
    flat = sentences.text  # wrapped lines joined, offsets kept
    by_sentence: dict[tuple[int, int], list[quantities.Quantity]] = {}
    for q in quantities.find(flat):
        lo, hi = sentences.span(q.start)
        if q.end > hi:  # a number split across a break: its sentence runs on to the next
            hi = sentences.span(q.end - 1)[1]
        by_sentence.setdefault((lo, max(hi, q.end)), []).append(q)
    published = document.source.published
    month = int(published[5:7]) if len(published) >= 7 else None
    # An article names its subject and introduces its companies early: both are read from
    # its opening (which also keeps a 50 MB file from being scanned for them end to end).
    opening = flat[:OPENING]
    ctx = _Context(
        document.source.year, month, topic(opening), orgs=countries.organisations(opening)
    )
    found: list[Figure] = []
    seen: dict[str, list[Figure]] = {}  # a repeated sentence states the same figures again
    for (lo, hi), group in by_sentence.items():
        sentence = document.text[lo:hi]
        if sentence not in seen:
            heading, _at = _heading(flat, sentences, lo)
            ctx.heading = heading
            ctx.heading_period = (
                next((p for p in timex.find(heading, ctx.year, ctx.month) if not p.base), None)
                if heading
                else None
            )
            ctx.parties = (
                _named(heading) if heading else _before_parties(flat, sentences, lo, ctx.orgs)
            )
            ctx.told = None if ctx.year is not None else _told_before(flat, sentences, lo)
            seen[sentence] = _sentence_figures(document, flat, lo, hi, group, ctx)
        found += seen[sentence]
        if seen[sentence]:
            ctx.last = seen[sentence][-1]
    return _deduplicate(found + _multiples(document, sentences, found))


def korea_russia(found: Iterable[Figure]) -> list[Figure]:
    """The figures about Korea and Russia (what tables, charts, cite and claims use)."""
    return [f for f in found if is_korea_russia(f.parties)]


def _deduplicate(found: Iterable[Figure]) -> list[Figure]:
    """One row per (metric, measure, value, unit, period, qualifier, parties), at its first
    mention. A figure whose period was only inferred (from the publication date, or none)
    that is also stated with its own period ("up 45%" in a standfirst, "up 45% as of the end
    of July" in the body) is one row, the stated one."""
    found = list(found)
    stated = {
        (f.metric, f.measure, f.value, f.unit, f.parties)
        for f in found
        if f.period_basis not in ("", "publication")
    }
    kept: dict[tuple, Figure] = {}
    counts: dict[tuple, int] = {}
    for f in found:
        short = (f.metric, f.measure, f.value, f.unit, f.parties)
        if f.period_basis in ("", "publication") and short in stated:
            key: tuple = ("restated", short)
        else:
            key = (*short, f.period_start, f.period_end, f.qualifier)
        if key[0] != "restated":
            kept.setdefault(key, f)
        counts[key] = counts.get(key, 0) + 1
    for key, n in list(counts.items()):
        if key[0] == "restated":
            target = next(k for k in kept if k[:5] == key[1])
            counts[target] = counts.get(target, 0) + n
    rows = [
        replace(f, occurrences=counts[key]) if counts[key] > 1 else f for key, f in kept.items()
    ]
    return sorted(rows, key=lambda f: f.start)


def table(
    documents: Iterable[Document],
    found: Mapping[str, Sequence[Figure]] | None = None,
    parties: str = "korea-russia",
) -> pd.DataFrame:
    """The figures of all documents as a tidy table, sorted by source and position;
    `found` maps document ids to figures already extracted from them. `parties` is
    "korea-russia" (the default: only figures about the two) or "any"."""
    found = found or {}
    rows = [
        row(f)
        for doc in documents
        for f in (found[doc.id] if doc.id in found else figures(doc))
        if parties == "any" or is_korea_russia(f.parties)
    ]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["value_upper"] = frame["value_upper"].astype(float)
    return frame.sort_values(["source_id", "start", "end"], ignore_index=True)
