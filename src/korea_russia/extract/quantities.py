"""Find quantity mentions (money, tonnes, gas volumes, percentages, counts) and their values.

One compiled regex, built from the units and scale words of the vocabulary, finds every
candidate in a single pass; `parse` turns a match into a value in base units
(`US$22 billion` -> 22e9 USD, `2.1 million tonnes` -> 2.1e6 t).
"""

import math
import re
from dataclasses import dataclass, replace

from korea_russia import registry

# A number: 1,500 / 22 / 3.53 / .5, never part of a longer digit run or a malformed
# group like 1,2,3 or 1.2.3 (the lookarounds refuse those instead of reading "1").
_NUM = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?<=\d)(?![\d]|[.,]\d)"
_SP = r"[^\S\r\n]"  # white space within a line: a figure never spans a line break


def _alternatives(words) -> str:
    """Spellings as one alternation, longest first; a space inside one is any white space."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(f"{_SP}+".join(re.escape(p) for p in w.split(" ")) for w in ordered)


@dataclass(frozen=True)
class _Tables:
    """Lookup tables and patterns compiled from the vocabulary."""

    pattern: re.Pattern[str]
    word_pattern: re.Pattern[str]
    word_before: re.Pattern[str]
    fraction: registry.Led
    number_of: "re.Pattern[str] | registry.Needled"
    before: dict[str, str]  # currency sign or code -> unit
    after: dict[str, tuple[str, float]]  # unit word (normalised) -> (unit, factor)
    groups: dict[str, str]  # regex group -> unit code
    scale_only: dict[str, tuple[str, ...]]
    scale_needles: tuple[str, ...]


def _key(word: str) -> str:
    return " ".join(word.lower().split())


@registry.compiled
def _tables() -> _Tables:
    units = registry.units()
    before = {sign: u.code for u in units for sign in u.before}
    after = {_key(w): (u.code, f) for u in units for w, f in u.after}
    scales = registry.scales()
    scale = rf"(?:{'|'.join(sorted(scales, key=len, reverse=True))})\b"
    spelled = registry.scale_words()["spelled"]
    # Each non-money unit has its own group; currencies after the number share one.
    money_after = [w for u in units if u.dimension == "money" for w, _ in u.after]
    groups = {f"u{i}": u.code for i, u in enumerate(units) if u.dimension != "money"}
    unit_parts = [rf"(?P<cur_after>{_alternatives(money_after)})\b"]
    for group, code in groups.items():
        words = [w for u in units if u.code == code for w, _ in u.after]
        alt = _alternatives(words)
        tail = "" if all(not w[-1].isalnum() for w in words) else r"(?!\w)"
        mods = [m for u in units if u.code == code for m in u.modifiers]
        lead = rf"(?:(?:{_alternatives(mods)}){_SP}+){{0,2}}" if mods else ""
        unit_parts.append(rf"(?P<{group}>{lead}(?:{alt}){tail})")
    units_re = "(?:" + "|".join(unit_parts) + ")"
    signs = _alternatives(before)
    # Scanning speed comes from the first character: a match can only start at a digit, a
    # dot or the first character of a currency sign/code, so every other position is
    # rejected at once. Words and units are case-insensitive; codes before a number are not.
    first = "".join(sorted({re.escape(s[0]) for s in before} | {"0-9", r"\."}))
    # A range ("US$30-40 billion", "65–70%") is one mention with an upper bound.
    dash = rf"{_SP}*[-–—]{_SP}*"
    pattern = re.compile(
        rf"(?=[{first}])(?:"
        rf"(?P<cur_before>{signs}){_SP}?(?P<num_b>{_NUM})(?:{dash}(?:{signs})?(?P<num_b2>{_NUM}))?"
        rf"(?:(?:{_SP}|-)*(?i:(?P<scale_b>{scale})))?"
        rf"|(?P<num>{_NUM})(?:{dash}(?P<num2>{_NUM}))?(?:(?:{_SP}|-)*(?i:(?P<scale>{scale})))?"
        rf"{_SP}*(?i:{units_re}))"
    )
    words = registry.number_word_pattern(with_before_scale=True)
    spelled_re = "|".join(spelled)
    word_pattern = re.compile(
        rf"(?i:(?P<num>{words})(?:{_SP}|-)+(?P<scale>{spelled_re})\b{_SP}*{units_re})"
    )
    word_before = re.compile(rf"(?i:{words}(?:{_SP}|-)+)$")
    denominators, numerators = registry.fractions()
    bottom = rf"(?P<bottom>{'|'.join(sorted(denominators, key=len, reverse=True))})\s+of\b"
    fraction = registry.led(  # found from "thirds of", then read with its numerator
        rf"(?i:(?<![\w-])(?:(?P<top>{'|'.join(numerators)})(?:{_SP}|-)+)?{bottom})",
        rf"(?i:{bottom})",
        [*numerators, "-"],
        needles=[d.lower() for d in denominators],
    )
    count_words = [w for u in units if u.dimension == "count" for w, _ in u.after]
    number_of = registry.needled(  # found from "number"
        rf"(?i:\bnumber\s+of\s+(?:[\w-]+\s+){{0,4}}?(?:{_alternatives(count_words)})\b)"
    )
    needles = tuple(sorted({w[1:] for w in spelled} | {w[1:].upper() for w in spelled}))
    return _Tables(
        pattern,
        word_pattern,
        word_before,
        fraction,
        number_of,
        before,
        after,
        groups,
        {u.code: u.scale_only for u in units},
        needles,
    )


@dataclass(frozen=True)
class Quantity:
    """A quantity mention: its span in the text, its value in base units and its unit."""

    start: int
    end: int
    value: float
    unit: str
    upper: float | None = None  # the upper bound of a range ("US$30-40 billion")
    sign: int = 0  # +1 or -1 where the number is written with one ("+5.0 mio t", "-1.9%")
    fraction: bool = False  # a fraction word ("two-thirds of"): a share

    @property
    def dimension(self) -> str:
        """money, mass, volume, percent or count."""
        return registry.dimension(self.unit)


def number(token: str) -> float:
    """`1,500` -> 1500.0, `.5` -> 0.5, `sixty-one` -> 61.0."""
    word = registry.number_word(token)
    return float(word) if word is not None else float(token.replace(",", ""))


def _scale(token: str | None, unit: str) -> float:
    """The multiplier of a scale word; a bare `m`/`b`/`k` only counts after money."""
    if not token:
        return 1.0
    key = token.lower()
    if key in registry.scale_words()["money_only"] and unit not in registry.currencies():
        return 1.0
    return registry.scales()[key]


def _unit_word(written: str, tables: _Tables) -> str:
    """The unit word of a match, without the modifiers before it ("additional items")."""
    words = written.split()
    for i in range(len(words)):
        tail = " ".join(words[i:])
        if _key(tail) in tables.after:
            return tail
    return written


def _upper(token: str | None, value: float, first: str, multiplier: float) -> float | None:
    """The upper bound of a range, in base units, or None when there is no (sensible) range."""
    if not token:
        return None
    upper = number(token) * multiplier
    return upper if upper > value and float(first.replace(",", "")) < upper else None


def parse(match: re.Match[str]) -> Quantity | None:
    """Turn a pattern match into a Quantity, or None when it is not a quantity after all."""
    tables = _tables()
    g = match.groupdict()
    if g.get("cur_before"):
        unit = tables.before[g["cur_before"]]
        factor = _scale(g["scale_b"], unit)
        value = number(g["num_b"]) * factor
        upper = _upper(g.get("num_b2"), value, g["num_b"], factor)
        return Quantity(match.start(), match.end(), value, unit, upper)
    num, scale = g["num"], g["scale"]
    if registry.number_word(num) is not None and not scale:
        return None  # "a ton of", "two projects": number words carry a figure only with a scale
    written = g["cur_after"] or next((g[k] for k in tables.groups if g.get(k)), "")
    written = _unit_word(written, tables)
    unit, factor = tables.after[_key(written)]
    if registry.dimension(unit) in ("percent", "ratio") and scale:
        return None
    if written in tables.scale_only[unit] and not scale and num.isdigit():
        return None  # "5 t" without a scale is too ambiguous in prose
    multiplier = _scale(scale, unit) * factor
    value = number(num) * multiplier
    upper = _upper(g.get("num2"), value, num, multiplier)
    return Quantity(match.start(), match.end(), value, unit, upper)


_SIGNS = {"+": 1, "-": -1, "−": -1}


def _signed(text: str, q: Quantity) -> Quantity:
    """A number written with a plus or minus sign ("+96.2%", "(-0.2 mio t"): a change."""
    at = q.start - 1
    if at >= 0 and text[at] in _SIGNS and (at == 0 or not text[at - 1].isalnum()):
        return replace(q, sign=_SIGNS[text[at]])
    return q


def _fractions(text: str) -> list[Quantity]:
    """ "two-thirds of", "a quarter of", "half of": shares in percent. "Half" after an ordinal
    is a half-year, and "quarter" or "third" without a numerator is an ordinal, not a share."""
    if "of" not in text:
        return []
    denominators, numerators = registry.fractions()
    out = []
    for m in _tables().fraction.finditer(text):
        bottom = denominators[m.group("bottom").lower()]
        top = numerators[m.group("top").lower()] if m.group("top") else None
        if top is None and bottom != 2:
            continue
        if top is None and _ORDINAL.search(text, max(0, m.start() - 12), m.start()):
            continue
        value = 100.0 * (top or 1) / bottom
        out.append(
            Quantity(
                m.start(),
                m.start("bottom") + len(m.group("bottom")),
                value,
                "percent",
                fraction=True,
            )
        )
    return out


_ORDINAL = re.compile(r"(?i:\b(?:first|second|1st|2nd|latter|former)\s+)$")
_BARE = re.compile(
    r"(?i:\b(?:to|from|at|reached|hit|of|totall?ed|is|was|were|stands|stood\s+at)\s+"
    r"(?:(?:nearly|about|around|over|more\s+than|almost|some)\s+)?)"
    r"(?P<num>(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\d%]|[.,]\d|\s*(?:%|per\s*cent|percent)))"
)
_CLAUSE_END = re.compile(r"[.;:!?](?:\s|$)|\n")


def _numbers_of(text: str) -> list[Quantity]:
    """Bare numbers that count the things named by "the number of …": "the number of items
    banned from shipping … jumps to 1,159 from 798" (two counts). Years are not counts."""
    out = []
    for m in _tables().number_of.finditer(text):
        end = _CLAUSE_END.search(text, m.end())
        stop = end.start() if end else len(text)
        for b in _BARE.finditer(text, m.end(), stop):
            token = b.group("num")
            if re.fullmatch(r"(?:19|20)\d\d", token):
                continue
            out.append(Quantity(b.start("num"), b.end("num"), number(token), "count"))
    return out


@registry.compiled
def _split() -> re.Pattern[str]:
    """A money figure whose decimal point ends a paragraph ("exceeded $14." + blank line +
    "5 billion"), as pages copied from HTML sometimes break it."""
    tables = _tables()
    signs = _alternatives(tables.before)
    scale = "|".join(sorted(registry.scales(), key=len, reverse=True))
    return re.compile(
        rf"(?P<cur_before>{signs})(?P<int>\d{{1,3}})\.\n[^\S\n]*\n\s*(?P<frac>\d{{1,3}}){_SP}*(?i:(?P<scale>{scale}))\b"
    )


def _split_numbers(text: str) -> list[Quantity]:
    if ".\n" not in text:
        return []
    out = []
    for m in _split().finditer(text):
        unit = _tables().before[m.group("cur_before")]
        value = float(f"{m.group('int')}.{m.group('frac')}") * _scale(m.group("scale"), unit)
        out.append(Quantity(m.start(), m.end(), value, unit))
    return out


def find(text: str) -> list[Quantity]:
    """Every quantity mention in `text`, in order."""
    split = _split_numbers(text)
    found = [parse(m) for m in _tables().pattern.finditer(text)]
    found = [
        q for q in found if q is None or not any(q.start < x.end and x.start < q.end for x in split)
    ]
    found += split
    found += [parse(m) for m in _word_matches(text)]
    kept = [_signed(text, q) for q in found if q is not None]
    for extra in (_fractions(text), _numbers_of(text)):
        kept += [q for q in extra if not any(q.start < k.end and k.start < q.end for k in kept)]
    # A number beyond what a float holds ("1" and 400 zeros) is no figure anyone states:
    # it would become inf, and "Infinity" in JSON or "+inf%" in claims.
    finite = [
        q for q in kept if math.isfinite(q.value) and (q.upper is None or math.isfinite(q.upper))
    ]
    return sorted(finite, key=lambda q: (q.start, q.end))


def _is_gap(char: str) -> bool:
    """White space within a line, or a hyphen: what may stand between a number word and
    its scale word ("sixty-one billion", "two\u00a0million")."""
    return char == "-" or (char.isspace() and char not in "\r\n")


def _after_a_word(text: str, at: int) -> bool:
    """Whether `text[at]` is a gap that follows a letter, as it must between a number word
    and its scale word (a gap after a digit, or none, is no place for one)."""
    if at < 0 or not _is_gap(text[at]):
        return False
    while at >= 0 and _is_gap(text[at]):
        at -= 1
    return at >= 0 and text[at].isalpha()


def _word_matches(text: str) -> list[re.Match[str]]:
    """Number-word matches, found from their scale word backwards (scale words are rare,
    number words are everywhere, so this is much faster than scanning for the words)."""
    tables = _tables()
    out = []
    for needle in tables.scale_needles:
        at = text.find(needle)
        while at >= 0:
            if not _after_a_word(text, at - 2):  # "22 billion": no number word to read
                at = text.find(needle, at + len(needle))
                continue
            back = tables.word_before.search(text, max(0, at - 40), max(at - 1, 0))
            m = tables.word_pattern.match(text, back.start()) if back else None
            if m and m.start() < at < m.end():
                out.append(m)
            at = text.find(needle, at + len(needle))
    return sorted({m.start(): m for m in out}.values(), key=lambda m: m.start())
