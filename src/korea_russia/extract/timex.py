"""Time expressions in a sentence: years, ranges, half-years, quarters, months, targets and
relative years, each resolved to a Period with `period_start` and `period_end` (`YYYY` or
`YYYY-MM`). Relative ones ("last year", "30 years ago") resolve against a year stated in
the same sentence or, failing that, the publication year, and are dropped when neither is
known (never guessed). The words come from the vocabulary (months, ordinals, relative
years, number words); the grammar is here, shared by figure periods and event dates.
"""

import re
from dataclasses import dataclass

from korea_russia import registry

YEAR = r"(?<![\d.,$€₩/-])(?:19\d{2}|20\d{2})(?![\d%]|[.,]\d|\s*(?:per\s*cent|percent))"
_GAP = r"[^;.]{0,80}?"


def month_pattern() -> str:
    """Any month name or abbreviation (an abbreviation may end in a full stop), any case."""
    names = sorted(registry.months(), key=len, reverse=True)
    return r"(?:" + "|".join(names) + r")\b\.?"


def _words(table: dict) -> str:
    return "|".join(r"\s+".join(k.split()) for k in sorted(table, key=len, reverse=True))


@registry.compiled
def _rules() -> list[tuple[str, re.Pattern[str]]]:
    """The period rules, most specific first."""
    month = month_pattern()
    words = registry.time_words()
    count = rf"(?:\d{{1,3}}|{registry.number_word_pattern()})"
    return [
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
            re.compile(
                rf"\b(?P<which>{_words(words['halves'])})\s+half\s+of\s+(?P<y1>{YEAR})", re.I
            ),
        ),
        (
            "quarter",
            re.compile(
                rf"\b(?P<which>{_words(words['quarters'])})\s+quarter\s+of\s+(?P<y1>{YEAR})", re.I
            ),
        ),
        (
            "month_range",
            re.compile(
                rf"\bfrom\s+(?P<m1>{month})\s+(?:till|until|to|through)\s+(?:the\s+end\s+of\s+)?"
                rf"(?P<m2>{month})(?:,?\s+(?P<y1>{YEAR}))?",
                re.I,
            ),
        ),
        ("month", re.compile(rf"\b(?P<m1>{month})\s+(?P<y1>{YEAR})", re.I)),
        ("target", re.compile(rf"\bby\s+(?:the\s+end\s+of\s+)?(?P<y1>{YEAR})", re.I)),
        ("within", re.compile(rf"\bwithin\s+(?:the\s+next\s+)?(?P<n>{count})\s+years?\b", re.I)),
        ("ago", re.compile(rf"\b(?P<n>{count})\s+years?\s+ago\b", re.I)),
        ("relative", re.compile(rf"\b(?P<rel>{_words(words['relative_years'])})\b", re.I)),
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


@dataclass(frozen=True)
class Period:
    """A time expression at [start, end) of the searched text, resolved to a period; `rule`
    names the rule that read it."""

    start: int
    end: int
    period_start: str
    period_end: str
    rule: str

    @property
    def is_target(self) -> bool:
        """ "by 2020", "within three years": a goal rather than an observation."""
        return self.rule in ("target", "within")


def _count(token: str) -> int:
    word = registry.number_word(token)
    return int(word) if word is not None else int(token)


def _resolve(
    rule: str, m: re.Match[str], base: int | None, anchor: int | None
) -> tuple[str, str] | None:
    """(period_start, period_end) of one matched expression, or None when unresolvable."""
    g = m.groupdict()
    y1 = int(g["y1"]) if g.get("y1") else None
    words = registry.time_words()
    if rule in ("year", "target"):
        return str(y1), str(y1)
    if rule == "range":
        return (str(y1), g["y2"]) if int(g["y2"]) > y1 else None
    if rule == "half":
        half = words["halves"][" ".join(g["which"].lower().split())]
        return f"{y1}-{6 * half - 5:02d}", f"{y1}-{6 * half:02d}"
    if rule == "quarter":
        q = words["quarters"][" ".join(g["which"].lower().split())]
        return f"{y1}-{3 * q - 2:02d}", f"{y1}-{3 * q:02d}"
    if rule in ("month", "month_range"):
        year = y1 or base
        if year is None:
            return None
        a = registry.month_number(g["m1"])
        b = registry.month_number(g["m2"]) if g.get("m2") else a
        return (f"{year}-{a:02d}", f"{year}-{b:02d}") if b >= a else None
    if rule == "within":
        return (str(base + _count(g["n"])),) * 2 if base else None
    if rule == "ago":
        ref = anchor or base
        return (str(ref - _count(g["n"])),) * 2 if ref else None
    if rule == "relative":
        key = " ".join(g["rel"].lower().split())
        return (str(base + words["relative_years"][key]),) * 2 if base else None
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
    for rule, pattern in _rules():
        needles = _NEEDS[rule]
        if needles is not None and not any(n in lower for n in needles):
            continue  # a substring test is far cheaper than a regex that cannot match
        if rule not in _NO_YEAR_NEEDED and not years:
            continue
        for m in pattern.finditer(text):
            if any(m.start() < p.end and p.start < m.end() for p in taken):
                continue
            resolved = _resolve(rule, m, base_year, anchor)
            if resolved:
                taken.append(Period(m.start(), m.end(), resolved[0], resolved[1], rule))
    return sorted(taken, key=lambda p: p.start)
