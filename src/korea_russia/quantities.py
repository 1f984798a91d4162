"""Find quantity mentions (money, tonnes, gas volumes, percentages, counts) and their values.

One compiled regex finds every candidate in a single pass; `parse` turns a match into a
value in base units (`US$22 billion` -> 22e9 USD, `2.1 million tonnes` -> 2.1e6 t).
"""

import re
from dataclasses import dataclass

# A number: 1,500 / 22 / 3.53 / .5, never part of a longer digit run or a malformed
# group like 1,2,3 or 1.2.3 (the lookarounds refuse those instead of reading "1").
_NUM = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?<=\d)(?![\d]|[.,]\d)"
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "twenty-five": 25, "thirty": 30,
    "forty": 40, "fifty": 50,
}  # fmt: skip
_WORDS = {**NUMBER_WORDS, "a": 1, "hundred": 100, "half a": 0.5}  # before a scale word
SCALES = {
    "trillion": 1e12,
    "trn": 1e12,
    "tn": 1e12,
    "billion": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "million": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "thousand": 1e3,
    "k": 1e3,
}
_SCALE = r"(?:trillion|billion|million|thousand|trn|bln|mln|tn|bn|mn|b|m|k)\b"
_CURRENCY_BEFORE = {
    "US$": "USD",
    "U.S.$": "USD",
    "USD": "USD",
    "$": "USD",
    "€": "EUR",
    "EUR": "EUR",
    "₩": "KRW",
    "KRW": "KRW",
    "₽": "RUB",
    "RUB": "RUB",
}
_CURRENCY_AFTER = {
    "us dollars": "USD",
    "dollars": "USD",
    "usd": "USD",
    "euros": "EUR",
    "eur": "EUR",
    "won": "KRW",
    "krw": "KRW",
    "roubles": "RUB",
    "rubles": "RUB",
    "rub": "RUB",
}
_MASS = {"tonnes": 1, "tons": 1, "tonne": 1, "ton": 1, "t": 1, "mt": 1e6}
_VOLUME = {"cubic metres": 1, "cubic meters": 1, "m3": 1, "m³": 1, "bcm": 1e9}
COUNT_NOUNS = (  # economic things only: head counts and distances are not figures
    r"(?:product\s+categories|categories\s+of\s+goods|product\s+lines|products|items|goods|"
    r"categories|companies|firms|enterprises|businesses|projects|contracts|agreements|vessels|"
    r"tankers|ships|carriers)"
)

_SP = r"[^\S\r\n]"  # white space within a line: a figure never spans a line break
_before = "|".join(re.escape(c) for c in sorted(_CURRENCY_BEFORE, key=len, reverse=True))
_after = "|".join(re.escape(c) for c in sorted(_CURRENCY_AFTER, key=len, reverse=True))
_mass = r"(?:tonnes|tonne|tons|ton|Mt|mt|t)\b"
_volume = rf"(?:cubic{_SP}+met(?:re|er)s|m3|m³|bcm)(?!\w)"
_WORD_ALTERNATIVES = "|".join(sorted(_WORDS, key=len, reverse=True))

_UNITS = (
    rf"(?:(?P<cur_after>{_after})\b"
    rf"|(?P<mass>{_mass})"
    rf"|(?P<volume>{_volume})"
    rf"|(?P<pct>%|per{_SP}*cent\b|percent\b|pct\b)"
    rf"|(?P<count>{COUNT_NOUNS})\b)"
)
# Scanning speed comes from the first character: a match can only start at a digit, a
# dot or a currency sign/code, so every other position is rejected at once. Words and
# units inside are case-insensitive; currency codes before a number are upper case.
PATTERN = re.compile(
    rf"(?=[0-9.$€₩₽UEKR])(?:"
    rf"(?P<cur_before>{_before}){_SP}?(?P<num_b>{_NUM})(?:(?:{_SP}|-)*(?i:(?P<scale_b>{_SCALE})))?"
    rf"|(?P<num>{_NUM})(?:(?:{_SP}|-)*(?i:(?P<scale>{_SCALE})))?{_SP}*(?i:{_UNITS}))"
)
# Number words count only with a scale: "one million tonnes", "two billion dollars".
WORD_PATTERN = re.compile(
    rf"(?i:\b(?P<num>{_WORD_ALTERNATIVES})(?:{_SP}|-)+"
    rf"(?P<scale>trillion|billion|million|thousand)\b{_SP}*{_UNITS})"
)

_WORD_BEFORE = re.compile(rf"(?i:\b(?:{_WORD_ALTERNATIVES})(?:{_SP}|-)+)$")


@dataclass(frozen=True)
class Quantity:
    """A quantity mention: its span in the text, its value in base units and its unit."""

    start: int
    end: int
    value: float
    unit: str

    @property
    def kind(self) -> str:
        """money, mass, volume, percent or count."""
        return {"t": "mass", "m3": "volume", "percent": "percent", "count": "count"}.get(
            self.unit, "money"
        )


def number(token: str) -> float:
    """`1,500` -> 1500.0, `.5` -> 0.5, `one` -> 1.0."""
    word = _WORDS.get(token.lower())
    return float(word) if word is not None else float(token.replace(",", ""))


def _scale(token: str | None, unit: str) -> float:
    """The multiplier of a scale word; a bare `m`/`b`/`k` only counts after money."""
    if not token:
        return 1.0
    key = token.lower()
    if key in ("m", "b", "k") and unit not in ("USD", "EUR", "KRW", "RUB"):
        return 1.0
    return SCALES[key]


def parse(match: re.Match[str]) -> Quantity | None:
    """Turn a PATTERN match into a Quantity, or None when it is not a quantity after all."""
    g = match.groupdict()
    if g.get("cur_before"):
        unit = _CURRENCY_BEFORE[g["cur_before"]]
        value = number(g["num_b"]) * _scale(g["scale_b"], unit)
        return Quantity(match.start(), match.end(), value, unit)
    num, scale = g["num"], g["scale"]
    if num.lower() in _WORDS and not scale:
        return None  # "a ton of", "two projects": number words carry a figure only with a scale
    if g["cur_after"]:
        unit = _CURRENCY_AFTER[" ".join(g["cur_after"].lower().split())]
    elif g["mass"]:
        unit, base = "t", _MASS[g["mass"].lower()]
        if g["mass"] in ("t", "ton", "tonne") and not scale and num.isdigit():
            return None  # "5 t" without a scale is too ambiguous in prose
        return Quantity(match.start(), match.end(), number(num) * _scale(scale, unit) * base, unit)
    elif g["volume"]:
        unit = "m3"
        base = _VOLUME[" ".join(g["volume"].lower().split()).replace("meters", "metres")]
        return Quantity(match.start(), match.end(), number(num) * _scale(scale, unit) * base, unit)
    elif g["pct"]:
        if scale:
            return None
        return Quantity(match.start(), match.end(), number(num), "percent")
    else:
        unit = "count"
    return Quantity(match.start(), match.end(), number(num) * _scale(scale, unit), unit)


def find(text: str) -> list[Quantity]:
    """Every quantity mention in `text`, in order."""
    found = [parse(m) for m in PATTERN.finditer(text)]
    words = [parse(m) for m in _word_matches(text)]
    if words:
        found = sorted(found + words, key=lambda q: q.start if q else -1)
    return [q for q in found if q is not None]


def _word_matches(text: str) -> list[re.Match[str]]:
    """WORD_PATTERN matches, found from their scale word backwards (scale words are rare,
    number words are everywhere, so this is much faster than scanning for the words)."""
    out = []
    for needle in ("illion", "ILLION", "housand", "HOUSAND"):
        at = text.find(needle)
        while at >= 0:
            head = at - 2 if needle[0] in "iI" and text[at - 2 : at - 1] in "tTrR" else at - 1
            back = _WORD_BEFORE.search(text, max(0, head - 16), max(head, 0))
            m = WORD_PATTERN.match(text, back.start()) if back else None
            if m:
                out.append(m)
            at = text.find(needle, at + len(needle))
    return out
