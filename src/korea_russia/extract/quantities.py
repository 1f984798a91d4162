"""Find quantity mentions (money, tonnes, gas volumes, percentages, counts) and their values.

One compiled regex, built from the units and scale words of the vocabulary, finds every
candidate in a single pass; `parse` turns a match into a value in base units
(`US$22 billion` -> 22e9 USD, `2.1 million tonnes` -> 2.1e6 t).
"""

import re
from dataclasses import dataclass

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
        unit_parts.append(rf"(?P<{group}>(?:{alt}){tail})")
    units_re = "(?:" + "|".join(unit_parts) + ")"
    signs = _alternatives(before)
    # Scanning speed comes from the first character: a match can only start at a digit, a
    # dot or the first character of a currency sign/code, so every other position is
    # rejected at once. Words and units are case-insensitive; codes before a number are not.
    first = "".join(sorted({re.escape(s[0]) for s in before} | {"0-9", r"\."}))
    pattern = re.compile(
        rf"(?=[{first}])(?:"
        rf"(?P<cur_before>{signs}){_SP}?(?P<num_b>{_NUM})(?:(?:{_SP}|-)*(?i:(?P<scale_b>{scale})))?"
        rf"|(?P<num>{_NUM})(?:(?:{_SP}|-)*(?i:(?P<scale>{scale})))?{_SP}*(?i:{units_re}))"
    )
    words = registry.number_word_pattern(with_before_scale=True)
    spelled_re = "|".join(spelled)
    word_pattern = re.compile(
        rf"(?i:(?P<num>{words})(?:{_SP}|-)+(?P<scale>{spelled_re})\b{_SP}*{units_re})"
    )
    word_before = re.compile(rf"(?i:{words}(?:{_SP}|-)+)$")
    needles = tuple(sorted({w[1:] for w in spelled} | {w[1:].upper() for w in spelled}))
    return _Tables(
        pattern,
        word_pattern,
        word_before,
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


def parse(match: re.Match[str]) -> Quantity | None:
    """Turn a pattern match into a Quantity, or None when it is not a quantity after all."""
    tables = _tables()
    g = match.groupdict()
    if g.get("cur_before"):
        unit = tables.before[g["cur_before"]]
        value = number(g["num_b"]) * _scale(g["scale_b"], unit)
        return Quantity(match.start(), match.end(), value, unit)
    num, scale = g["num"], g["scale"]
    if registry.number_word(num) is not None and not scale:
        return None  # "a ton of", "two projects": number words carry a figure only with a scale
    written = g["cur_after"] or next((g[k] for k in tables.groups if g.get(k)), "")
    unit, factor = tables.after[_key(written)]
    if registry.dimension(unit) == "percent" and scale:
        return None
    if written in tables.scale_only[unit] and not scale and num.isdigit():
        return None  # "5 t" without a scale is too ambiguous in prose
    value = number(num) * _scale(scale, unit) * factor
    return Quantity(match.start(), match.end(), value, unit)


def find(text: str) -> list[Quantity]:
    """Every quantity mention in `text`, in order."""
    found = [parse(m) for m in _tables().pattern.finditer(text)]
    words = [parse(m) for m in _word_matches(text)]
    if words:
        found = sorted(found + words, key=lambda q: q.start if q else -1)
    return [q for q in found if q is not None]


def _word_matches(text: str) -> list[re.Match[str]]:
    """Number-word matches, found from their scale word backwards (scale words are rare,
    number words are everywhere, so this is much faster than scanning for the words)."""
    tables = _tables()
    out = []
    for needle in tables.scale_needles:
        at = text.find(needle)
        while at >= 0:
            back = tables.word_before.search(text, max(0, at - 40), max(at - 1, 0))
            m = tables.word_pattern.match(text, back.start()) if back else None
            if m and m.start() < at < m.end():
                out.append(m)
            at = text.find(needle, at + len(needle))
    return sorted({m.start(): m for m in out}.values(), key=lambda m: m.start())
