"""Extract the economic figures an article states about Korea–Russia, each with its source span.

For every quantity mention the extractor reads its sentence: the period (from the words
that belong to this figure, not a neighbour's), the metric (the nearest telling word:
trade, exports to Korea, invested, LNG, fund, project…), the hedge (around, over, no less
than…) and the measure (level, change, share, target). Nothing is keyed on one article.
"""

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace

import pandas as pd

from korea_russia import periods, quantities, text
from korea_russia.corpus import Document

METRICS = (
    "bilateral_trade",
    "exports_kr_to_ru",
    "imports_kr_from_ru",
    "investment",
    "lng_imports",
    "energy_imports",
    "project_value",
    "fund_value",
    "export_controls",
    "other",
)
MEASURES = ("level", "change", "share", "target")
UNITS = ("USD", "KRW", "RUB", "EUR", "t", "m3", "percent", "count")
QUALIFIERS = ("approx", "over", "under", "at_least", "up_to", "")

# Telling words, most specific first: where two overlap, the earlier one wins.
_KEYWORDS: list[tuple[str, re.Pattern[str]]] = [
    (k, re.compile(p, re.I))
    for k, p in [
        ("export_controls", r"\bexport\s+(?:restrictions?|controls?|bans?|curbs?|licen[cs]es?)\b"),
        ("lng_imports", r"\bLNG\b|\bliquefied\s+natural\s+gas\b"),
        ("energy_imports", r"\b(?:natural\s+gas|crude(?:\s+oil)?|oil|coal|petroleum|gas)\b"),
        ("fund_value", r"\bfunds?\b"),
        (
            "project_value",
            r"\bprojects?\b|\bpipelines?\b|\bvalued\s+at\b|\bcontracts?\b|\bdeals?\b",
        ),
        ("investment", r"\binvest(?:ed|ing|s|ments?|ors?)?\b|\bFDI\b"),
        ("exports", r"\bexport(?:s|ed|ing)?\b|\bshipped\b|\bshipments?\b|\bsupplie[ds]\b"),
        ("imports", r"\bimport(?:s|ed|ing)?\b|\bbuying\b|\bbought\b|\bpurchases?\b"),
        ("bilateral_trade", r"\btrade\b|\bturnover\b|\btrading\b|\bcommerce\b"),
    ]
]
_PRIORITY = {name: rank for rank, (name, _) in enumerate(_KEYWORDS)}
# All of them in one pass: at any position the earlier (more specific) alternative wins, and
# a word inside a longer match ("natural gas" in "liquefied natural gas") is not seen again.
_ANY_KEYWORD = re.compile("|".join(f"(?P<{n}>{p.pattern})" for n, p in _KEYWORDS), re.I)
_KOREA = (
    r"(?<!North )(?<!North-)\b(?:South\s+Korea|Republic\s+of\s+Korea|ROK|Seoul|Korea)(?:n|['’]s)?\b"
)
_RUSSIA = r"\b(?:Russia|Russian\s+Federation|Moscow|Kremlin|USSR|Soviet\s+Union)(?:n|['’]s)?\b"
_THIRD = re.compile(
    r"\b(?:China|Chinese|Beijing|Japan(?:ese)?|Tokyo|United\s+States|U\.S\.|America(?:n)?|"
    r"European\s+Union|EU|India(?:n)?|Vietnam(?:ese)?|Mongolia(?:n)?|Kazakhstan|Germany|German|"
    r"Taiwan(?:ese)?|North\s+Korea(?:n)?|Pyongyang|DPRK)\b"
)
_QUALIFIER_BEFORE = [
    ("at_least", r"(?:no|not)\s+less\s+than|at\s+least|a\s+minimum\s+of|no\s+fewer\s+than"),
    (
        "up_to",
        r"up\s+to|as\s+(?:much|many)\s+as|a\s+maximum\s+of|(?:no|not)\s+more\s+than|at\s+most",
    ),
    ("under", r"less\s+than|fewer\s+than|under|below|just\s+under"),
    ("over", r"over|more\s+than|above|exceeding|in\s+excess\s+of|upwards\s+of|well\s+over"),
    (
        "approx",
        r"around|about|approximately|approx\.|nearly|almost|some|roughly|close\s+to|an?\s+estimated|~",
    ),
]
_QUALIFIER = [(q, re.compile(rf"\b(?:{p})\s*$", re.I)) for q, p in _QUALIFIER_BEFORE]
_QUALIFIER_AFTER = [
    ("at_least", re.compile(r"^\s*(?:or\s+more|and\s+more|-plus|\+)", re.I)),
    ("approx", re.compile(r"^\s*or\s+so\b", re.I)),
]
_ANY_QUALIFIER = re.compile(rf"(?:\b(?:{'|'.join(p for _, p in _QUALIFIER_BEFORE)})\s*)$", re.I)
_CHANGE_BEFORE = re.compile(
    r"\b(?:grew|grow|grows|growing|rose|rise|rises|rising|increased?|increasing|fell|fall|falls|"
    r"declined?|dropped|drop|jumped|surged|shrank|plunged|up|down|growth\s+of|increase\s+of|"
    r"decline\s+of|drop\s+of)(?:\s+by)?\s*$",
    re.I,
)
_CHANGE_AFTER = re.compile(
    r"^\s*(?:increase|rise|growth|decline|drop|jump|fall|year-on-year)\b", re.I
)
_SHARE = re.compile(r"^\s+of\b", re.I)
_SHARE_BEFORE = re.compile(
    r"\b(?:share\s+of|accounted\s+for|accounts\s+for|account\s+for)\s*$", re.I
)
_TARGET_WORDS = re.compile(
    r"\b(?:target|goal|aims?\s+to|aimed\s+to|plans?\s+to|wants?\s+to|hopes?\s+to|seeks?\s+to|"
    r"pledged?\s+to|vowed\s+to|expected\s+to|will\s+(?:reach|rise|grow|increase|double))\b",
    re.I,
)
_MULTIPLE = re.compile(
    rf"\b(?P<verb>[Dd]ouble|[Tt]riple|[Qq]uadruple|[Hh]alve)\s+(?:that|this|it|the\s+figure)\s+by\s+"
    rf"(?:the\s+end\s+of\s+)?(?P<year>{periods.YEAR})"
)
_FACTORS = {"double": 2.0, "triple": 3.0, "quadruple": 4.0, "halve": 0.5}


@dataclass(frozen=True)
class Figure:
    """One economic figure, with everything needed to cite and check it."""

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


def _nearest_keyword(sentence: str, lo: int, hi: int) -> tuple[str, re.Match[str]] | None:
    """The telling word nearest to the mention [lo, hi) of `sentence`, ties to the more specific."""
    best: tuple[int, int, str, re.Match[str]] | None = None
    for m in _ANY_KEYWORD.finditer(sentence):
        if lo <= m.start() < hi:
            continue
        name = m.lastgroup or ""
        distance = lo - m.end() if m.end() <= lo else m.start() - hi
        if best is None or (distance, _PRIORITY[name]) < best[:2]:
            best = (distance, _PRIORITY[name], name, m)
    return (best[2], best[3]) if best else None


def _direction(name: str, sentence: str, m: re.Match[str]) -> str:
    """exports/imports as seen from Korea, from "X's exports to Y" style wording."""
    after = sentence[m.end() : m.end() + 60]
    before = sentence[max(0, m.start() - 30) : m.start()]
    to_or_from = (
        r"\s+(?:\w+\s+){0,4}?(?:to|into)\s+" if name == "exports" else r"\s+(?:\w+\s+){0,4}?from\s+"
    )
    if re.match(to_or_from + _KOREA, after):
        return "imports_kr_from_ru" if name == "exports" else "exports_kr_to_ru"
    if re.match(to_or_from + _RUSSIA, after):
        return "exports_kr_to_ru" if name == "exports" else "imports_kr_from_ru"
    russia_before = re.search(_RUSSIA + r"[^,;]*$", before)
    korea_before = re.search(_KOREA + r"[^,;]*$", before)
    if russia_before and not korea_before:
        return "imports_kr_from_ru" if name == "exports" else "exports_kr_to_ru"
    if korea_before and not russia_before:
        return "exports_kr_to_ru" if name == "exports" else "imports_kr_from_ru"
    return "other"


def _metric(sentence: str, lo: int, hi: int, kind: str) -> str:
    """The metric of the mention at [lo, hi) of a (parenthesis-masked) sentence."""
    found = _nearest_keyword(sentence, lo, hi)
    if found is None:
        return "other"
    name, m = found
    if kind in ("mass", "volume"):
        # A tonnage or gas volume is about the commodity named in its sentence, however
        # near a verb like "shipped" or "buying" stands.
        commodity = re.search(r"\bLNG\b|\bliquefied\s+natural\s+gas\b", sentence, re.I)
        return "lng_imports" if commodity else "energy_imports"
    if name in ("exports", "imports"):
        return _direction(name, sentence, m)
    return name


def _qualifier(before: str, after: str) -> str:
    """The hedge right before (or after) the number: around, over, no less than…"""
    for name, pattern in _QUALIFIER:
        if pattern.search(before):
            return name
    for name, pattern in _QUALIFIER_AFTER:
        if pattern.search(after):
            return name
    return ""


def _measure(
    quantity: quantities.Quantity,
    before: str,
    after: str,
    period: periods.Period | None,
    sentence: str,
    year: int | None,
) -> str:
    """level, change (grew 50 per cent), share (1% of…) or target (double by 2020)."""
    future = period is not None and (year is None or int(period.first[:4]) >= year)
    if period is not None and period.is_target and (future or _TARGET_WORDS.search(sentence)):
        return "target"
    if _TARGET_WORDS.search(before[-60:]):
        return "target"
    bare = _ANY_QUALIFIER.sub("", before)
    if _CHANGE_BEFORE.search(bare) or (quantity.kind == "percent" and _CHANGE_AFTER.match(after)):
        return "change"
    if quantity.kind == "percent" and (_SHARE.match(after) or _SHARE_BEFORE.search(bare)):
        return "share"
    return "level"


def _own_period(found: list[periods.Period], lo: int, hi: int, prev_end: int, next_start: int):
    """The period that belongs to the mention at [lo, hi): the first one after it (before the
    next figure), else the nearest one before it (after the previous figure)."""
    after = [p for p in found if hi <= p.start < next_start]
    if after:
        return after[0]
    before = [p for p in found if prev_end <= p.start and p.end <= lo]
    return before[-1] if before else None


def _about_korea_russia(context: str) -> bool:
    """False when the words leading up to a figure name a third country and not both Korea
    and Russia ("Japan's coal imports reached…", "China's trade with Russia…")."""
    if not _THIRD.search(context):
        return True
    return bool(re.search(_KOREA, context) and re.search(_RUSSIA, context))


def figure_id(source_id: str, quote: str, mention: str) -> str:
    """A stable id: the same source, sentence and mention give the same id on every run."""
    digest = hashlib.sha256(f"{source_id}\x1f{quote}\x1f{mention}".encode()).hexdigest()
    return f"F{digest[:10]}"


def _sentence_figures(
    doc: Document, lo: int, hi: int, found: list[quantities.Quantity]
) -> list[Figure]:
    """The figures of one sentence [lo, hi) of the document."""
    raw = doc.text[lo:hi]
    masked = text.mask_parentheses(raw)
    year = doc.source.year
    spans = [(q.start - lo, q.end - lo) for q in found]
    expressions = periods.find(masked, year)
    out: list[Figure] = []
    for i, q in enumerate(found):
        a, b = spans[i]
        prev_end = spans[i - 1][1] if i else 0
        next_start = spans[i + 1][0] if i + 1 < len(spans) else len(raw)
        metric = _metric(masked, a, b, q.kind)
        if q.kind in ("percent", "count") and metric == "other":
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
                period_start=period.first if period else "",
                period_end=period.last if period else "",
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


def _doc_span(period: periods.Period | None, lo: int) -> tuple[int, int] | None:
    """A sentence-level period's span as document offsets (None when inherited or absent)."""
    if period is None or period.kind == "inherited":
        return None
    return lo + period.start, lo + period.end


def _inherited(previous: Figure) -> periods.Period | None:
    """A figure with no period of its own shares the one of the figure before it in the sentence
    ("grew 50 per cent during the first half of 2017, and exports were up by 40 per cent")."""
    if not previous.period_start:
        return None
    return periods.Period(0, 0, previous.period_start, previous.period_end, "inherited")


def _multiples(doc: Document, sentences: text.Sentences, earlier: list[Figure]) -> list[Figure]:
    """Targets stated as a multiple of the money figure just before: "double that by 2020"."""
    out: list[Figure] = []
    if not any(word in doc.text for word in ("ouble ", "riple ", "uadruple ", "alve ")):
        return out  # a plain substring test skips the regex scan for almost every document
    for m in _MULTIPLE.finditer(doc.text):
        money = [
            f
            for f in earlier
            if f.unit in ("USD", "EUR", "KRW", "RUB")
            and f.measure == "level"
            and f.end <= m.start()
        ]
        if not money or m.start() - money[-1].end > 600:
            continue  # "that" must point at a figure close before it
        base, (lo, hi) = money[-1], sentences.span(m.start())
        quote = doc.text[lo:hi]
        out.append(
            replace(
                base,
                figure_id=figure_id(doc.id, quote, m.group()),
                measure="target",
                value=base.value * _FACTORS[m.group("verb").lower()],
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
