"""The vocabulary, loaded once from the data files in `korea_russia/vocab/`: one registry per
concept (metric, unit and currency, qualifier, measure, time words, event category, country),
defined in one place and read by everything else.

`use(folder)` switches to another vocabulary folder (tests add a currency or a metric to a
copy); functions that compile patterns from the vocabulary register with `@compiled`, so
their caches are cleared on a switch.
"""

import bisect
import functools
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.resources import files as package_files
from pathlib import Path
from re import _constants, _parser  # the parse `fast` reads a pattern's first character from
from typing import Any

DEFAULT = Path(str(package_files("korea_russia") / "vocab"))
_folder = DEFAULT
_caches: list[Callable[..., Any]] = []


def compiled(function: Callable[..., Any]) -> Callable[..., Any]:
    """Cache a function of the vocabulary (a compiled pattern, a table); cleared by `use`."""
    cached = functools.cache(function)
    _caches.append(cached)
    return cached


def alternation(phrases: Iterable[str], space: str = r"\s+") -> str:
    """A regular expression for any of the literal `phrases`, written as a trie
    ("Korea|Korean|Kenya" becomes "K(?:enya|orean?)"), each run of white space inside a
    phrase matching `space`. It matches what the plain alternation of the phrases, longest
    first, matches; but `re` follows one branch per character instead of trying every
    phrase at every position, and scans ahead for a phrase's first letter."""
    root: dict[str, dict] = {}
    for phrase in phrases:
        node = root
        for atom in re.findall(r"\s+|.", phrase, flags=re.S):
            node = node.setdefault(space if atom.isspace() else re.escape(atom), {})
        node[""] = {}
    return _branches(root) or "(?!)"


def _branches(node: dict[str, dict]) -> str:
    """The pattern of one trie node: its branches, optional where a phrase ends here (a
    greedy `?`, so the longer phrase is tried first)."""
    kids = [atom + _branches(child) for atom, child in sorted(node.items()) if atom]
    if not kids:
        return ""
    if "" not in node:
        return kids[0] if len(kids) == 1 else f"(?:{'|'.join(kids)})"
    single = len(kids) == 1 and len(kids[0]) == 1  # one plain character: "n?"
    return f"{kids[0]}?" if single else f"(?:{'|'.join(kids)})?"


def fast(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, led by a test of the first character a match can start
    with (and by `\\b` where every branch starts with one), worked out from the pattern itself.

    `re` tries a pattern at every position of the text; a long alternation of telling
    words, each branch opening with `\\b`, costs every branch at every position. The lead
    rejects most positions in one step. It only states what the pattern already requires,
    so the matches are the same; a pattern whose first character cannot be told (one that
    can match the empty string, or opens with `.`) is compiled as it is.
    """
    parsed = _parser.parse(pattern, flags)
    first, nullable = _first(parsed.data)
    if first is None or nullable:
        return re.compile(pattern, flags)
    lead = r"\b" if _opens_with_boundary(parsed.data) else ""
    return re.compile(f"{lead}(?=[{''.join(sorted(first))}])(?:{pattern})", flags)


@dataclass(frozen=True)
class Led:
    """A pattern that may open with a leading phrase ("since", "as of", "two-"), found
    from its core, the part every match holds after that phrase.

    A leading phrase starts like most words, so `re` tries the whole pattern at nearly every
    word; the core starts with a rarer character (a digit, a month's capital, "quarter").
    `finditer` gives what `whole.finditer` gives: the leftmost match from any position
    starts at the leftmost core match after it or at most one leading phrase before it
    (its words, of `chars`, and the white space between), so `whole` is run only from there.
    """

    whole: re.Pattern[str]
    core: "re.Pattern[str] | Needled"  # Needled where the core opens with a few words
    chars: frozenset[str]  # what the leading phrases are made of besides white space
    words: int  # the most runs of `chars` a leading phrase has

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        pos = 0
        core = searcher(self.core, text)
        while (c := core(pos)) is not None:
            start = c.start()
            for _ in range(self.words + 1):  # one run more: a core inside a leading phrase
                while start > pos and text[start - 1].isspace():
                    start -= 1
                while start > pos and text[start - 1] in self.chars:
                    start -= 1
            m = self.whole.search(text, start)
            if m is not None and m.start() > c.start():
                m = self.whole.search(text, pos)  # the core stood where the whole cannot
            if m is None:
                return
            yield m
            pos = m.end() if m.end() > m.start() else m.end() + 1


def led(
    whole: str,
    core: str,
    phrases: Iterable[str],
    flags: int = 0,
    needles: Iterable[str] = (),
) -> Led:
    """A `Led` for pattern `whole`, which is an optional leading phrase (one of `phrases`,
    its words joined by white space or by the characters they are made of) then `core`;
    `needles`, where given, are the words every match of `core` opens with (see Needled)."""
    phrases = list(phrases)
    chars = _any_case(frozenset(ch for p in phrases for ch in p if not ch.isspace()))
    words = max((len(p.split()) for p in phrases), default=0)
    found = fast(core, flags)
    needles = tuple(needles)
    return Led(fast(whole, flags), Needled(found, needles) if needles else found, chars, words)


SHORTEST_NEEDLE = 3  # "is", "up": two letters stand in too many words to be worth finding
MOST_NEEDLES = 64  # beyond that many, looking for them costs more than the scan saves
FEW_NEEDLES = 24  # on a text longer than LONG_TEXT, up to that many needles are found
LONG_TEXT = 2000  # with one `str.find` each faster than with one trie (measured on news)


def needled(pattern: str, flags: int = 0) -> "Needled | re.Pattern[str]":
    """`fast(pattern, flags)`, found from the words every match opens with (`Needled`) where
    the pattern itself says what they are: each of its branches opens with at least
    SHORTEST_NEEDLE ASCII characters written as they are ("\\bwar\\b", "export (?:controls?|…)",
    "leaders? met"). Otherwise the plain `fast` pattern."""
    compiled = fast(pattern, flags)
    starts = _literal_starts(_parser.parse(pattern, flags).data)
    if not starts or len(starts) > MOST_NEEDLES:
        return compiled
    needles = {p for p, _ in starts}
    if min(map(len, needles)) < SHORTEST_NEEDLE or not all(n.isascii() for n in needles):
        return compiled
    return Needled(compiled, tuple(sorted(needles)))


def _literal_starts(ops: list) -> list[tuple[str, bool]] | None:
    """The lower-cased literal text every match of the parsed `ops` opens with, one per way
    through them (empty where a way opens with a class or a repeat), each with whether it
    runs to the end of `ops` (so what follows extends it); None where that cannot be told."""
    c = _constants
    found = [("", True)]
    for op, av in ops:
        if not any(whole for _, whole in found) or len(found) > MOST_NEEDLES:
            break
        if op in _ZERO_WIDTH:
            continue  # "\\b", a lookbehind: they hold no character
        if op is c.LITERAL and chr(av).isascii():
            parts = [(chr(av).lower(), True)]
        elif op is c.SUBPATTERN and not av[2] and av[1] in (0, re.IGNORECASE):
            parts = _literal_starts(av[3].data)
        elif op is c.BRANCH:
            ways = [_literal_starts(branch.data) for branch in av[1]]
            parts = None if any(w is None for w in ways) else [p for w in ways for p in w]
        else:
            parts = [("", False)]  # a class, a repeat: the text so far is all there is
        if parts is None:
            return None
        found = [
            (text + more, more_whole) if whole else (text, False)
            for text, whole in found
            for more, more_whole in (parts if whole else [("", False)])
        ]
        found = list(dict.fromkeys(found))
    return found


@dataclass(frozen=True)
class Needled:
    """A pattern found from the words every match opens with (`needles`, lower-case ASCII,
    in any case in the text), looked for in the lower-cased text.

    `re` tries a case-insensitive pattern at every position whose letter could open it, and
    "year", "half" or "number" open with letters found in most words; one case-sensitive
    trie of the needles (or `str.find`, on a long text with few needles) skips to the next
    needle, and the pattern is tried only there. `finditer` and `search` give what
    `pattern`'s own give. Where lower-casing could move or miss a match (a text holding one
    of the four letters outside ASCII that `re` folds to ASCII ones, or whose lower case
    has another length), the pattern's own scan is used.
    """

    pattern: re.Pattern[str]
    needles: tuple[str, ...]
    # Every needle in one case-sensitive trie: one call finds the next, where a `str.find`
    # per needle costs a call each (on a long text with few needles, `str.find` is faster).
    finder: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.needles or not all(n.isascii() and n == n.lower() for n in self.needles):
            raise ValueError(f"needles must be lower-case ASCII: {self.needles!r}")
        # A needle that opens with another ("thirds", "third") stands only where that one
        # does: looking for it too would find no place more.
        kept = sorted(
            n
            for n in set(self.needles)
            if not any(n.startswith(o) and o != n for o in self.needles)
        )
        object.__setattr__(self, "needles", tuple(kept))
        object.__setattr__(self, "finder", re.compile(alternation(kept)))

    def starts(self, text: str) -> list[int] | None:
        """Where a needle stands in `text`, ascending; None where lower case can't be trusted."""
        lowered = _lowered(text)
        if lowered is None:
            return None
        if len(text) > LONG_TEXT and len(self.needles) <= FEW_NEEDLES:
            at_any: set[int] = set()
            for needle in self.needles:
                at = lowered.find(needle)
                while at >= 0:
                    at_any.add(at)
                    at = lowered.find(needle, at + 1)
            return sorted(at_any)
        found, search = [], self.finder.search
        m = search(lowered)
        while m is not None:  # on from the next place, not the end: needles may overlap
            found.append(m.start())
            m = search(lowered, m.start() + 1)
        return found

    def searcher(self, text: str) -> Callable[[int], re.Match[str] | None]:
        """`search` over one text, its needles found once: the leftmost match from `pos`."""
        starts = self.starts(text)
        if starts is None:
            return lambda pos: self.pattern.search(text, pos)

        def search(pos: int) -> re.Match[str] | None:
            for i in range(bisect.bisect_left(starts, pos), len(starts)):
                m = self.pattern.match(text, starts[i])
                if m is not None:
                    return m
            return None

        return search

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        search, pos = self.searcher(text), 0
        while pos <= len(text) and (m := search(pos)) is not None:
            yield m
            pos = m.end() if m.end() > m.start() else m.end() + 1

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.searcher(text)(pos)


def searcher(
    pattern: "re.Pattern[str] | Needled", text: str
) -> Callable[[int], re.Match[str] | None]:
    """`pattern.search` over one text, from a position: the needles of a Needled found once."""
    if isinstance(pattern, Needled):
        return pattern.searcher(text)
    return functools.partial(pattern.search, text)


@functools.lru_cache(maxsize=2)
def _lowered(text: str) -> str | None:
    """`text` in lower case, where each character keeps its offset and `re`'s any-case
    matching of ASCII letters is what lower case gives (None where it is not)."""
    lowered = text.lower()
    if len(lowered) != len(text) or (
        not text.isascii() and any(ch in text for ch in _FOLDS_TO_ASCII)  # 10× a class search
    ):
        return None
    return lowered


@functools.lru_cache(maxsize=16)
def _any_case(letters: frozenset[str]) -> frozenset[str]:
    """Every character `re` matches to one of `letters` in any case (İ, ı, ſ and K fold to
    ASCII ones); worked out once per set of letters (the date rules share one)."""
    probe = re.compile(f"[{''.join(re.escape(ch) for ch in sorted(letters))}]", re.I)
    return frozenset(ch for ch in map(chr, range(0x3000)) if probe.fullmatch(ch))


_CATEGORIES = {
    _constants.CATEGORY_DIGIT: r"\d",
    _constants.CATEGORY_NOT_DIGIT: r"\D",
    _constants.CATEGORY_SPACE: r"\s",
    _constants.CATEGORY_NOT_SPACE: r"\S",
    _constants.CATEGORY_WORD: r"\w",
    _constants.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT)


def _first(ops: list) -> tuple[set[str] | None, bool]:
    """The characters (as items of a `[…]` class) a sequence of parsed ops can start with,
    and whether it can match the empty string; None where that cannot be told."""
    first: set[str] = set()
    for op, av in ops:
        if op in _ZERO_WIDTH:
            continue
        chars, nullable = _first_of(op, av)
        if chars is None:
            return None, False
        first |= chars
        if not nullable:
            return first, False
    return first, True


def _first_of(op: Any, av: Any) -> tuple[set[str] | None, bool]:
    c = _constants
    if op is c.LITERAL:
        return {re.escape(chr(av))}, False
    if op is c.IN:
        items: set[str] = set()
        for kind, value in av:
            if kind is c.LITERAL:
                items.add(re.escape(chr(value)))
            elif kind is c.RANGE:
                items.add(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
            elif kind is c.CATEGORY and value in _CATEGORIES:
                items.add(_CATEGORIES[value])
            else:
                return None, False  # a negated class, a case-folding table
        return items, False
    if op is c.BRANCH:
        found: set[str] = set()
        nullable = False
        for branch in av[1]:
            chars, empty = _first(branch.data)
            if chars is None:
                return None, False
            found |= chars
            nullable = nullable or empty
        return found, nullable
    if op is c.SUBPATTERN and not av[1] and not av[2]:  # a group that changes no flags
        return _first(av[3].data)
    if op is c.SUBPATTERN and av[1] == re.IGNORECASE and not av[2]:  # (?i:…)
        chars, nullable = _first(av[3].data)
        return (_folded(chars) if chars is not None else None), nullable
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _, item = av
        chars, empty = _first(item.data)
        return chars, low == 0 or empty
    return None, False


# The letters outside ASCII that `re` matches to ASCII ones in any case: İ, ı, ſ, K (Kelvin).
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


def _folded(chars: set[str]) -> set[str] | None:
    """First characters read in any case: ASCII letters in both cases (and the four others
    that fold to them); None where a class item is not a plain character."""
    out = set(chars)
    for item in chars:
        char = item[-1]
        if len(item) > 2 or (len(item) == 2 and item[0] != "\\") or not char.isascii():
            return None  # a range, a category, a letter outside ASCII
        out.add(re.escape(char.swapcase()))
    return out | set(_FOLDS_TO_ASCII)


def _opens_with_boundary(ops: list) -> bool:
    """Whether every way through the ops starts with `\\b`."""
    c = _constants
    if not ops:
        return False
    op, av = ops[0]
    if op is c.AT:
        return av is c.AT_BOUNDARY
    if op is c.BRANCH:
        return all(_opens_with_boundary(b.data) for b in av[1])
    if op is c.SUBPATTERN and not av[1] and not av[2]:
        return _opens_with_boundary(av[3].data)
    return False


@contextmanager
def use(folder: Path) -> Iterator[None]:
    """Read the vocabulary from `folder` inside the `with` block, then from the default."""
    global _folder
    saved, _folder = _folder, Path(folder)
    for cache in _caches:
        cache.cache_clear()
    try:
        yield
    finally:
        _folder = saved
        for cache in _caches:
            cache.cache_clear()


def load(name: str) -> dict[str, Any]:
    """One vocabulary file, parsed (cached until `use` changes the folder)."""
    return _load(name)


@compiled
def _load(name: str) -> dict[str, Any]:
    with open(_folder / f"{name}.toml", "rb") as handle:
        return tomllib.load(handle)


@dataclass(frozen=True)
class Metric:
    """What a figure measures (see vocab/metrics.toml)."""

    name: str
    label: str
    group: str
    priority: int
    keywords: tuple[str, ...]
    checkable: bool = False
    physical: bool = False
    direction: str = ""


@compiled
def metrics() -> tuple[Metric, ...]:
    """Every metric, in the order tables and reports list them."""
    return tuple(
        Metric(**{**m, "keywords": tuple(m.get("keywords", ()))})
        for m in _load("metrics")["metric"]
    )


def metric_names() -> tuple[str, ...]:
    return tuple(m.name for m in metrics())


def metric_label(name: str) -> str:
    """How a person reads a metric ("LNG imports"); an unknown name, spaced."""
    return next((m.label for m in metrics() if m.name == name), name.replace("_", " "))


def metric_group(name: str) -> str:
    """The chart group of one metric."""
    return next(m.group for m in metrics() if m.name == name)


def metrics_in(group: str) -> list[str]:
    """The names of the metrics a chart group draws."""
    return [m.name for m in metrics() if m.group == group]


@dataclass(frozen=True)
class Unit:
    """A base unit: its code in the `unit` column, its dimension (money, mass, volume,
    percent, count), and how it is written."""

    code: str
    dimension: str
    before: tuple[str, ...] = ()  # currency symbols and codes before the number
    after: tuple[tuple[str, float], ...] = ()  # words after the number, with their factor
    scale_only: tuple[str, ...] = ()
    modifiers: tuple[str, ...] = ()  # words that may stand between the number and the unit


@compiled
def units() -> tuple[Unit, ...]:
    """Currencies first, then the physical and other units."""
    data = _load("units")
    out = [
        Unit(c["code"], "money", tuple(c.get("before", ())), tuple((w, 1.0) for w in c["after"]))
        for c in data["currency"]
    ]
    out += [
        Unit(
            u["code"],
            u["dimension"],
            after=tuple((w, float(f)) for w, f in u["words"].items()),
            scale_only=tuple(u.get("scale_only", ())),
            modifiers=tuple(u.get("modifiers", ())),
        )
        for u in data["unit"]
    ]
    return tuple(out)


def unit_codes() -> tuple[str, ...]:
    return tuple(u.code for u in units())


@compiled
def currencies() -> frozenset[str]:
    """The codes of the money units."""
    return frozenset(u.code for u in units() if u.dimension == "money")


def dimension(code: str) -> str:
    """money, mass, volume, percent, ratio or count."""
    return _dimensions()[code]


@compiled
def _dimensions() -> dict[str, str]:
    return {u.code: u.dimension for u in units()}


@compiled
def scales() -> dict[str, float]:
    """Scale words and abbreviations with their multipliers, lower case."""
    return {k.lower(): float(v) for k, v in _load("units")["scales"].items()}


@compiled
def scale_words() -> dict[str, tuple[str, ...]]:
    """`spelled` (may follow a number word) and `money_only` scale words."""
    return {k: tuple(v) for k, v in _load("units")["scale_words"].items()}


@compiled
def number_words() -> dict[str, float]:
    """Every cardinal number word with its value, compounds included ("sixty-one")."""
    data = _load("numbers")
    words = {k.lower(): float(v) for k, v in data["words"].items()}
    out = dict(words)
    for ten, value in data["tens"].items():
        out[ten.lower()] = float(value)
        for one, small in words.items():
            if small < 10:
                out[f"{ten}-{one}".lower()] = value + small
    return out


@compiled
def before_scale_words() -> dict[str, float]:
    """Number words that count only right before a scale word ("a billion", "half a million")."""
    return {k.lower(): float(v) for k, v in _load("numbers")["before_scale"].items()}


@compiled
def fractions() -> tuple[dict[str, int], dict[str, int]]:
    """Fraction words to their denominator ("thirds" -> 3), and numerator words ("two" -> 2)."""
    data = _load("numbers")
    return dict(data.get("fractions", {})), dict(data.get("numerators", {}))


def number_word(token: str) -> float | None:
    """The value of a number word ("Sixty one", "twenty-five"), or None."""
    key = "-".join(token.lower().split()).replace("--", "-")
    words = number_words()
    if key in words:
        return words[key]
    return before_scale_words().get(" ".join(token.lower().split()))


def number_word_pattern(with_before_scale: bool = False) -> str:
    """A regular expression (no groups, any case) matching one number word or compound."""
    data = _load("numbers")
    small = sorted((w for w, v in data["words"].items() if v < 10), key=len, reverse=True)
    tens = sorted(data["tens"], key=len, reverse=True)
    every = sorted(data["words"], key=len, reverse=True)
    options = [f"(?:{'|'.join(tens)})(?:[-\\s](?:{'|'.join(small)}))?", *every]
    if with_before_scale:
        extra = sorted(data["before_scale"], key=len, reverse=True)
        options += [r"\s+".join(w.split()) for w in extra]
    return r"(?:\b(?:" + "|".join(options) + r")\b)"


@dataclass(frozen=True)
class Qualifier:
    """How a text qualifies a number (see vocab/qualifiers.toml)."""

    name: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    text: str
    sign: str
    marker: str
    bound: str = ""
    approx: bool = False


@compiled
def qualifiers() -> tuple[Qualifier, ...]:
    """Every qualifier, in the order they are tried."""
    return tuple(
        Qualifier(**{**q, "before": tuple(q.get("before", ())), "after": tuple(q.get("after", ()))})
        for q in _load("qualifiers")["qualifier"]
    )


def qualifier(name: str) -> Qualifier:
    """One qualifier by name ("" is a number as stated)."""
    return next(q for q in qualifiers() if q.name == name)


def qualifier_names() -> tuple[str, ...]:
    return tuple(q.name for q in qualifiers())


@compiled
def measures() -> dict[str, Any]:
    """Measure names and their cue words (vocab/measures.toml)."""
    return _load("measures")


def measure_names() -> tuple[str, ...]:
    return tuple(measures()["names"])


@compiled
def months() -> dict[str, int]:
    """Month names and abbreviations, lower case, to their number."""
    out = {}
    for number, (name, short) in enumerate(_load("time")["months"].items(), start=1):
        out[name] = number
        out.update({s: number for s in short})
    return out


def month_number(token: str) -> int:
    """ "Sept." -> 9."""
    return months()[token.lower().rstrip(".")]


@compiled
def month_abbreviations() -> tuple[str, ...]:
    """The three-letter name of each month, lower case ("jan" … "dec")."""
    return tuple(name[:3] for name in _load("time")["months"])


@compiled
def time_words() -> dict[str, Any]:
    """Weekdays, half-year and quarter ordinals, relative years (vocab/time.toml)."""
    return _load("time")


@compiled
def event_words() -> dict[str, Any]:
    """Date prepositions, categories, page furniture and speculation words."""
    return _load("events")


def category_names() -> tuple[str, ...]:
    return tuple(c["name"] for c in event_words()["category"])


@dataclass(frozen=True)
class Ask:
    """Everyday words for a figure and what they mean (see vocab/asked.toml)."""

    words: tuple[str, ...]
    metrics: tuple[str, ...]
    commodities: tuple[str, ...] = ()


@compiled
def asked() -> dict[str, Ask]:
    """{an everyday word, normalised: what it asks for}; each metric's name (spaced) too."""
    found = {m.name.replace("_", " "): Ask((m.name,), (m.name,)) for m in metrics()}
    for entry in _load("asked")["ask"]:
        ask = Ask(
            tuple(entry["words"]), tuple(entry["metrics"]), tuple(entry.get("commodities", ()))
        )
        for word in ask.words:
            found[" ".join(word.lower().split())] = ask
    return found


@compiled
def countries() -> dict[str, str]:
    """Every name, demonym and capital of a country (or the EU) to its ISO alpha-2 code."""
    from countryinfo._cache import load_countries  # its JSON, loaded once

    extra = _load("countries")
    ignore = set(extra.get("ignore", {}).get("names", ()))
    names: dict[str, str] = {}
    for info in load_countries()["countries"].values():
        code = (info.get("ISO") or {}).get("alpha2")
        if not code:
            continue
        spellings = [info.get("name"), info.get("demonym"), info.get("capital")]
        spellings += info.get("altSpellings") or []
        for name in spellings:
            if _usable(name) and name not in ignore:
                names.setdefault(name, code)
    for code, spellings in extra.items():
        if isinstance(spellings, list):
            names.update({name: code for name in spellings})  # the vocabulary file wins
    return names


@compiled
def country_words() -> dict[str, tuple[str, ...]]:
    """Words about economies (vocab/countries.toml): `world` (a total with the world) and
    `transit` (a route, not a party) and `organisations` (company nouns)."""
    extra = _load("countries")
    return {key: tuple(extra[key]["words"]) for key in ("world", "transit", "organisations")}


@compiled
def commodities() -> tuple[tuple[str, str, str], ...]:
    """(name, metric, pattern) of every commodity (vocab/commodities.toml), most specific first."""
    return tuple(
        (c["name"], c["metric"], "|".join(c["words"])) for c in _load("commodities")["commodity"]
    )


def commodity_names() -> tuple[str, ...]:
    return tuple(name for name, _, _ in commodities())


def _usable(name: object) -> bool:
    """A spelling worth looking for in English prose: Latin letters, not a bare ISO code."""
    return (
        isinstance(name, str)
        and len(name) > 3
        and re.fullmatch(r"[A-Z][A-Za-z .'’-]+", name) is not None
        and "," not in name
    )
