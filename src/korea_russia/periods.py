"""Time expressions in a sentence: years, ranges, half-years, months, targets, relative years.

Each expression becomes a Period with a start and end (`YYYY` or `YYYY-MM`); relative ones
("last year", "30 years ago") resolve against a year stated in the same sentence or, failing
that, the publication year, and are dropped when neither is known (never guessed).
"""

import re
from dataclasses import dataclass

from korea_russia.quantities import NUMBER_WORDS

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
YEAR = r"(?<![\d.,$€₩/-])(?:19\d{2}|20\d{2})(?![\d%]|[.,]\d|-track|\s*(?:per\s*cent|percent))"
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_N = r"(?:\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_GAP = r"[^;.]{0,80}?"

_RULES: list[tuple[str, re.Pattern[str]]] = [  # most specific first
    (
        "range",
        re.compile(
            rf"\b(?:from|between)\b{_GAP}\b(?P<y1>{YEAR}){_GAP}"
            rf"(?:\buntil\b|\btill\b|\bto\b|\bthrough\b|\band\b|[–-])\s*(?:{_GAP}\b)?(?P<y2>{YEAR})",
            re.I,
        ),
    ),
    ("range", re.compile(rf"(?P<y1>{YEAR})\s*[–-]\s*(?P<y2>{YEAR})")),
    (
        "half",
        re.compile(rf"\b(?P<which>first|second|1st|2nd)\s+half\s+of\s+(?P<y1>{YEAR})", re.I),
    ),
    (
        "quarter",
        re.compile(
            rf"\b(?P<which>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+of\s+(?P<y1>{YEAR})",
            re.I,
        ),
    ),
    (
        "month_range",
        re.compile(
            rf"\bfrom\s+(?P<m1>{_MONTH})\s+(?:till|until|to|through)\s+(?:the\s+end\s+of\s+)?"
            rf"(?P<m2>{_MONTH})(?:,?\s+(?P<y1>{YEAR}))?",
            re.I,
        ),
    ),
    ("month", re.compile(rf"\b(?P<m1>{_MONTH})\s+(?P<y1>{YEAR})", re.I)),
    ("target", re.compile(rf"\bby\s+(?:the\s+end\s+of\s+)?(?P<y1>{YEAR})", re.I)),
    ("within", re.compile(rf"\bwithin\s+(?:the\s+next\s+)?(?P<n>{_N})\s+years?\b", re.I)),
    ("ago", re.compile(rf"\b(?P<n>{_N})\s+years?\s+ago\b", re.I)),
    (
        "relative",
        re.compile(r"\b(?P<rel>last\s+year|the\s+previous\s+year|this\s+year|next\s+year)\b", re.I),
    ),
    ("year", re.compile(rf"(?P<y1>{YEAR})")),
]
_YEAR = re.compile(YEAR)
# Substrings a rule cannot match without (None: no cheap test).
_NEEDS: dict[str, tuple[str, ...] | None] = {
    "range": None,
    "half": ("half",),
    "quarter": ("quarter",),
    "month_range": ("from",),
    "month": None,
    "target": ("by",),
    "within": ("within",),
    "ago": ("ago",),
    "relative": ("year",),
    "year": None,
}
_NO_YEAR_NEEDED = {"month_range", "within", "ago", "relative"}
_HALVES = {"first": (1, 6), "1st": (1, 6), "second": (7, 12), "2nd": (7, 12)}
_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_RELATIVE = {"last year": -1, "the previous year": -1, "this year": 0, "next year": 1}


@dataclass(frozen=True)
class Period:
    """A time expression at [start, end) of the searched text, resolved to a period."""

    start: int
    end: int
    first: str
    last: str
    kind: str

    @property
    def is_target(self) -> bool:
        """ "by 2020", "within three years": a goal rather than an observation."""
        return self.kind in ("target", "within")


def _count(token: str) -> int:
    return NUMBER_WORDS.get(token.lower().replace(" ", "-"), 0) or int(token)


def _month(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _resolve(
    kind: str, m: re.Match[str], base: int | None, anchor: int | None
) -> tuple[str, str] | None:
    """(first, last) of one matched expression, or None when it cannot be resolved."""
    g = m.groupdict()
    y1 = int(g["y1"]) if g.get("y1") else None
    if kind in ("year", "target"):
        return str(y1), str(y1)
    if kind == "range":
        return (str(y1), g["y2"]) if int(g["y2"]) > y1 else None
    if kind == "half":
        a, b = _HALVES[g["which"].lower()]
        return f"{y1}-{a:02d}", f"{y1}-{b:02d}"
    if kind == "quarter":
        q = _QUARTERS.get(g["which"].lower(), 4)
        return f"{y1}-{3 * q - 2:02d}", f"{y1}-{3 * q:02d}"
    if kind in ("month", "month_range"):
        year = y1 or base
        if year is None:
            return None
        a = _month(g["m1"])
        b = _month(g["m2"]) if g.get("m2") else a
        return (f"{year}-{a:02d}", f"{year}-{b:02d}") if b >= a else None
    if kind == "within":
        return (str(base + _count(g["n"])),) * 2 if base else None
    if kind == "ago":
        ref = anchor or base
        return (str(ref - _count(g["n"])),) * 2 if ref else None
    if kind == "relative":
        key = " ".join(g["rel"].lower().split())
        return (str(base + _RELATIVE[key]),) * 2 if base else None
    return None


def find(text: str, base_year: int | None = None) -> list[Period]:
    """Every time expression in `text`, most specific first where they overlap, in order.

    `base_year` is the publication year: it resolves "last year", "within three years" and
    months without a year. "N years ago" counts back from a year stated in `text`, if any.
    """
    years = [int(y) for y in _YEAR.findall(text)]
    anchor = years[-1] if years else None
    lower = text.lower()
    taken: list[Period] = []
    for kind, pattern in _RULES:
        needles = _NEEDS[kind]
        if needles is not None and not any(n in lower for n in needles):
            continue  # a substring test is far cheaper than a regex that cannot match
        if kind not in _NO_YEAR_NEEDED and not years:
            continue
        for m in pattern.finditer(text):
            if any(m.start() < p.end and p.start < m.end() for p in taken):
                continue
            resolved = _resolve(kind, m, base_year, anchor)
            if resolved:
                taken.append(Period(m.start(), m.end(), resolved[0], resolved[1], kind))
    return sorted(taken, key=lambda p: p.start)
