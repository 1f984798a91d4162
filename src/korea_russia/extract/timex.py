"""Time expressions in a sentence, each resolved to a Period with `period_start` and
`period_end` (`YYYY` or `YYYY-MM`) and a `basis`: `stated` when the text writes the year,
`relative` when it is read against the publication date ("last year", "last month",
"the first quarter" with no year). News conventions are covered: years and ranges
("2009-2010", "since 1990"), halves and quarters ("H1 2023", "1Q23", "the first half of
2010"), month spans ("January–May 2026", "the first seven months of 2019", "as of the end of
July"), fiscal years, "within three years" targets, and years counted back from the period
told before ("a year earlier"). An expression that is the base of a comparison ("up 29
percent from 2017", "vs. Jan–May 2025", "the same period last year") is marked `base`: it is
not the figure's own period. The words come from the vocabulary (vocab/time.toml); the
grammar is here, shared by figure periods and event dates.
"""

import re
from dataclasses import dataclass, replace

from korea_russia import registry

YEAR = r"(?<![\d.,$€₩/-])(?:19\d{2}|20\d{2})(?![\d%]|[.,]\d|\s*(?:per\s*cent|percent))"
_GAP = r"[^;.]{0,80}?"
_DASH = r"\s*[–—-]\s*"


def month_pattern() -> str:
    """Any month name or abbreviation (an abbreviation may end in a full stop), any case."""
    names = sorted(registry.months(), key=len, reverse=True)
    return r"(?:" + "|".join(names) + r")\b\.?"


def _words(table) -> str:
    return "|".join(r"\s+".join(k.split()) for k in sorted(table, key=len, reverse=True))


@registry.compiled
def _rules() -> list[tuple[str, re.Pattern[str]]]:
    """The period rules, most specific first."""
    month = month_pattern()
    words = registry.time_words()
    count = rf"(?:\d{{1,3}}|{registry.number_word_pattern()})"
    rel = _words(words["relative_years"])
    # A year written out, or relative to the publication: "of 2019", "of this year".
    year_or_rel = rf"(?:(?P<y1>{YEAR})|(?P<rel>{rel}))"
    halves, quarters = _words(words["halves"]), _words(words["quarters"])
    full_months = "|".join(name.title() for name in words["months"])
    return [
        (
            "range",
            registry.fast(
                rf"\b(?:from|between)\b{_GAP}\b(?P<y1>{YEAR}){_GAP}"
                rf"(?:\buntil\b|\btill\b|\bto\b|\bthrough\b|\band\b|[–-])\s*(?:{_GAP}\b)?(?P<y2>{YEAR})",
                re.I,
            ),
        ),
        # "2009-20100": a doubled last digit, read as the year it repeats.
        (
            "range",
            registry.fast(rf"(?P<y1>{YEAR}){_DASH}(?P<y2>(?:19|20)\d{{2}})(?:{YEAR}|0)?(?!\d)"),
        ),
        (
            "since",
            registry.fast(rf"\bsince\s+(?:the\s+(?:start|beginning)\s+of\s+)?(?P<y1>{YEAR})", re.I),
        ),
        (
            "quarter",
            registry.fast(
                r"\b(?:(?P<q>[1-4])Q|Q(?P<q2>[1-4]))[\s'’-]?(?P<yy>(?:19|20)\d{2}|\d{2})(?![\d%])"
            ),
        ),
        (
            "half",
            registry.fast(
                r"\b(?:(?P<h>[12])H|H(?P<h2>[12]))[\s'’-]?(?P<yy>(?:19|20)\d{2}|\d{2})(?![\d%])"
            ),
        ),
        *(
            (
                part,
                registry.fast(
                    rf"\b(?P<which>{ordinals})\s+{part}(?:\s+of\s+(?:the\s+)?(?:year\s+)?"
                    rf"{year_or_rel}|\s+(?P<y1b>{YEAR}))?",
                    re.I,
                ),
            )
            for part, ordinals in (("half", halves), ("quarter", quarters))
        ),
        (
            "months",
            registry.fast(
                rf"\b(?:the\s+)?first\s+(?P<n>{count})\s+months(?:\s+of\s+(?:the\s+year\s+)?{year_or_rel})?",
                re.I,
            ),
        ),
        (
            "to_date",
            registry.fast(
                rf"\b(?:as\s+of|at|by)\s+(?:the\s+)?end(?:\s+of\s+|-)(?P<m2>{month})(?:,?\s+{year_or_rel})?",
                re.I,
            ),
        ),
        (
            "month_range",
            registry.fast(
                rf"\b(?:from\s+)?(?P<m1>{month})\s*(?:[–—-]|\s(?:till|until|to|through)\s+(?:the\s+end\s+of\s+)?)\s*"
                rf"(?P<m2>{month})(?:,?\s+{year_or_rel})?",
                re.I,
            ),
        ),
        # A day ("on 14 November 2013", "February 24, 2023") dates an act; a figure it goes
        # with is dated to that year.
        (
            "day",
            registry.fast(
                rf"\b(?:(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m1>{month})\s+(?P<y1>{YEAR})"
                rf"|(?P<m1b>{month})\s+(?P<db>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y1b>{YEAR}))",
                re.I,
            ),
        ),
        ("month", registry.fast(rf"\b(?P<m1>{month})\s+(?:of\s+)?{year_or_rel}", re.I)),
        (
            "month",
            registry.fast(
                rf"(?<=\b[Ii]n\s)(?:(?:early|mid|late)[\s-]+)?(?P<m1>{full_months})\b(?!\s*\d)"
            ),
        ),
        (
            "fiscal",
            registry.fast(r"\b(?:fiscal(?:\s+year)?\s+|FY\s?)(?P<yy>(?:19|20)\d{2}|\d{2})\b"),
        ),
        ("target", registry.fast(rf"\bby\s+(?:the\s+end\s+of\s+)?(?P<y1>{YEAR})", re.I)),
        ("within", registry.fast(rf"\bwithin\s+(?:the\s+next\s+)?(?P<n>{count})\s+years?\b", re.I)),
        (
            "over",
            registry.fast(
                rf"\bover\s+the\s+(?P<dir>next|coming|past|last|previous)\s+(?P<n>{count})\s+years\b",
                re.I,
            ),
        ),
        ("ago", registry.fast(rf"\b(?P<n>{count})\s+years?\s+ago\b", re.I)),
        ("earlier", registry.fast(rf"\b(?P<earlier>{_words(words['earlier_years'])})\b", re.I)),
        ("same", registry.fast(r"\b(?:the\s+)?same\s+period\b(?!\s+(?:of|in|last)\b)", re.I)),
        (
            "same_base",
            registry.fast(
                rf"\b(?:the\s+)?same\s+(?:period|time|month|quarter)\s+(?:of\s+|in\s+)?{year_or_rel}",
                re.I,
            ),
        ),
        (
            "relative_month",
            registry.fast(rf"\b(?P<relm>{_words(words['relative_months'])})\b", re.I),
        ),
        ("relative", registry.fast(rf"\b(?P<rel>{rel})\b", re.I)),
        ("year", registry.fast(rf"(?P<y1>{YEAR})")),
    ]


_YEAR = re.compile(YEAR)
# Substrings a rule cannot match without (None: no cheap test).
_NEEDS: dict[str, tuple[str, ...] | None] = {
    "range": ("from", "between", "-", "–", "—"),
    "since": ("since",),
    "half": ("half", "h"),
    "quarter": ("quarter", "q"),
    "months": ("months",),
    "to_date": ("end",),
    "month_range": None,
    "day": None,
    "month": None,
    "fiscal": ("fiscal", "fy"),
    "target": ("by",),
    "within": ("within",),
    "over": ("over",),
    "ago": ("ago",),
    "earlier": ("year",),
    "same": ("same",),
    "same_base": ("same",),
    "relative_month": ("month",),
    "relative": ("year",),
    "year": None,
}
_ALL_NEEDS = frozenset(n for needles in _NEEDS.values() for n in needles or ())
# Rules that cannot match without a month name.
_MONTH_NEEDED = {"to_date", "month_range", "day", "month"}
# Rules that can resolve with no year written in the sentence.
_NO_YEAR_NEEDED = {
    "half",
    "quarter",
    "months",
    "to_date",
    "month_range",
    "month",
    "fiscal",
    "within",
    "over",
    "ago",
    "earlier",
    "same",
    "same_base",
    "relative_month",
    "relative",
}


@dataclass(frozen=True)
class Period:
    """A time expression at [start, end) of the searched text, resolved to a period; `rule`
    names the rule that read it, `basis` whether its year is `stated` or `relative` (read
    against the publication date), and `base` marks the base of a comparison."""

    start: int
    end: int
    period_start: str
    period_end: str
    rule: str
    basis: str = "stated"
    base: bool = False

    @property
    def is_target(self) -> bool:
        """ "by 2020", "within three years": a goal rather than an observation."""
        return self.rule in ("target", "within") or (self.rule == "over" and self.basis == "ahead")

    @property
    def is_month_span(self) -> bool:
        """A span of months within a year (a quarter, a half, "the first seven months")."""
        return len(self.period_start) == 7


@dataclass(frozen=True)
class Context:
    """What relative expressions resolve against: the publication year and month (either may
    be unknown), and the period told before in the sentence."""

    year: int | None = None
    month: int | None = None
    future: bool = False  # the sentence speaks of what is to come


def _count(token: str) -> int:
    word = registry.number_word(token)
    return int(word) if word is not None else int(token)


def _two_digit(token: str) -> int:
    year = int(token)
    return year if year > 100 else 2000 + year if year < 70 else 1900 + year


def _months(y: int, a: int, b: int) -> tuple[str, str]:
    return f"{y}-{a:02d}", f"{y}-{b:02d}"


def _year_of(g: dict, ctx: Context) -> tuple[int | None, str]:
    """The year a rule's groups give (written, relative or two-digit), and its basis."""
    if g.get("y1") or g.get("y1b"):
        return int(g.get("y1") or g.get("y1b")), "stated"
    if g.get("yy"):
        return _two_digit(g["yy"]), "stated"
    if g.get("rel") and ctx.year:
        offset = registry.time_words()["relative_years"][" ".join(g["rel"].lower().split())]
        return ctx.year + offset, "relative"
    return None, "relative"


def _resolve(
    rule: str, m: re.Match[str], ctx: Context, anchor: int | None, told: "Period | None"
) -> tuple[str, str, str] | None:
    """(period_start, period_end, basis) of one matched expression, or None."""
    g = m.groupdict()
    words = registry.time_words()
    year, basis = _year_of(g, ctx)
    if year is None and rule in ("half", "quarter", "months", "to_date", "month_range", "month"):
        # "the first quarter", "In December": the year told in the sentence, else the
        # publication's; a month after the publication month is last year's.
        if anchor is not None:
            year, basis = anchor, "stated"
        elif ctx.year is not None:
            year, basis = ctx.year, "relative"
            first = g.get("m1") or g.get("m2")
            later = first and ctx.month and registry.month_number(first) > ctx.month
            if rule == "month" and later and not ctx.future:
                year -= 1
        else:
            return None
    if rule in ("year", "target", "day"):
        return str(year), str(year), basis
    if rule == "range":
        last = int(g["y2"])
        return (str(year), str(last), basis) if last > year else None
    if rule == "since":
        return (str(year), str(ctx.year), basis) if ctx.year and ctx.year > year else None
    if rule == "half":
        which = g.get("which")
        half = int(g.get("h") or g.get("h2") or words["halves"][" ".join(which.lower().split())])
        return (*_months(year, 6 * half - 5, 6 * half), basis)
    if rule == "quarter":
        which = g.get("which")
        q = int(g.get("q") or g.get("q2") or words["quarters"][" ".join(which.lower().split())])
        return (*_months(year, 3 * q - 2, 3 * q), basis)
    if rule == "months":
        n = _count(g["n"])
        return (*_months(year, 1, n), basis) if 1 <= n <= 12 else None
    if rule == "to_date":
        return (*_months(year, 1, registry.month_number(g["m2"])), basis)
    if rule in ("month", "month_range"):
        a = registry.month_number(g["m1"])
        b = registry.month_number(g["m2"]) if g.get("m2") else a
        return (*_months(year, a, b), basis) if b >= a else None
    if rule == "fiscal":
        return str(year), str(year), basis
    if rule == "within":
        return (str(ctx.year + _count(g["n"])),) * 2 + ("relative",) if ctx.year else None
    if rule == "over":
        if not ctx.year:
            return None
        n = _count(g["n"])
        if g["dir"].lower() in ("next", "coming"):
            return str(ctx.year + 1), str(ctx.year + n), "ahead"
        return str(ctx.year - n), str(ctx.year), "relative"
    if rule == "ago":
        ref = anchor or ctx.year
        return (str(ref - _count(g["n"])),) * 2 + (basis,) if ref else None
    if rule == "earlier":
        back = words["earlier_years"][" ".join(g["earlier"].lower().split())]
        if told is not None:
            return _shift(told.period_start, back), _shift(told.period_end, back), told.basis
        return (str(ctx.year + back),) * 2 + ("relative",) if ctx.year else None
    if rule == "same":  # "in the same period": the period told before, or the last figure's
        return (
            ("", "", "inherited")
            if told is None
            else (told.period_start, told.period_end, "inherited")
        )
    if rule == "same_base":
        return (str(year), str(year), basis) if year else None
    if rule == "relative_month":
        if not (ctx.year and ctx.month):
            return None
        offset = words["relative_months"][" ".join(g["relm"].lower().split())]
        y, mo = divmod(ctx.year * 12 + ctx.month - 1 + offset, 12)
        return f"{y}-{mo + 1:02d}", f"{y}-{mo + 1:02d}", "relative"
    if rule == "relative":
        return (str(year),) * 2 + (basis,) if year else None
    return None


def _shift(period: str, years: int) -> str:
    return f"{int(period[:4]) + years}{period[4:]}"


@registry.compiled
def future() -> "re.Pattern[str] | registry.Needled":
    """Words of what is to come ("will", "is due to", "next"), in any case."""
    return registry.needled("|".join(registry.time_words()["future"]), re.I)


@registry.compiled
def _month() -> re.Pattern[str]:
    # Not `needled`: "mar", "dec", "may" stand in "market", "decline" and most sentences.
    return registry.fast(rf"\b{month_pattern()}", re.I)


@registry.compiled
def _comparison() -> re.Pattern[str]:
    words = registry.time_words()["comparison"]["words"]
    return re.compile(rf"(?:\b|(?<=\W))(?:{'|'.join(words)})\s+(?:the\s+)?$", re.I)


def find(text: str, base_year: int | None = None, base_month: int | None = None) -> list[Period]:
    """Every time expression in `text`, most specific first where they overlap, in order.

    `base_year` and `base_month` are the publication's: they resolve "last year", "last
    month", "within three years" and months or quarters without a year. "N years ago" and
    "a year earlier" count back from a period stated in `text`, if any.
    """
    written = [(m.start(), int(m.group())) for m in _YEAR.finditer(text)]
    years = [y for _, y in written]
    anchor = years[-1] if years else None
    lower = text.lower()
    held = {n for n in _ALL_NEEDS if n in lower}  # each substring tested once, not per rule
    ctx = Context(base_year, base_month, bool(future().search(text)))
    taken: list[Period] = []
    months = None  # whether a month is named, found out when a rule needs one
    for rule, pattern in _rules():
        needles = _NEEDS[rule]
        if needles is not None and held.isdisjoint(needles):
            continue  # a substring test is far cheaper than a regex that cannot match
        if rule not in _NO_YEAR_NEEDED and not years:
            continue
        if rule in _MONTH_NEEDED:
            months = bool(_month().search(text)) if months is None else months
            if not months:
                continue
        for m in pattern.finditer(text):
            if any(m.start() < p.end and p.start < m.end() for p in taken):
                continue
            told = _told_before(taken, m.start())
            resolved = _resolve(rule, m, ctx, _year_before(written, m.start(), anchor), told)
            if resolved:
                base = rule == "same_base" or bool(
                    _comparison().search(text[max(0, m.start() - 30) : m.start()])
                )
                taken.append(Period(m.start(), m.end(), *resolved[:2], rule, resolved[2], base))
    return sorted(taken, key=lambda p: p.start)


def _year_before(written: list[tuple[int, int]], at: int, anchor: int | None) -> int | None:
    """The year a year-less expression belongs to: the last year written before offset
    `at` (`written`: offset and year of each, in order), else the last one in the text."""
    before = [year for start, year in written if start < at]
    return before[-1] if before else anchor


def _told_before(taken: list[Period], at: int) -> Period | None:
    """The period told last before offset `at` (not a comparison base)."""
    before = [p for p in taken if p.end <= at and not p.base]
    return max(before, key=lambda p: p.start) if before else None


def as_inherited(period: Period) -> Period:
    """The same period, carried over to another figure."""
    return replace(period, start=0, end=0, rule="inherited", basis="inherited", base=False)
