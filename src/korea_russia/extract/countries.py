"""Which economies a stretch of text names: every country's name, demonym and capital (from
`countryinfo`, with the additions in vocab/countries.toml), as ISO 3166-1 alpha-2 codes."""

import re

from korea_russia import registry

# A name stands alone: not inside a longer word, not a currency ("US$"), and it may take a
# plural or possessive ("Koreans", "Russia's").
_AFTER = r"(?:s|n)?(?![\w$])"


@registry.compiled
def _all() -> tuple[re.Pattern[str], dict[str, str]]:
    names = registry.countries()  # as a trie: "North Korea" is tried before "North"
    return registry.fast(rf"(?<![\w$.]){registry.alternation(names)}{_AFTER}"), names


@registry.compiled
def pattern(code: str) -> str:
    """A regular expression for the names of one economy (not those of a longer name that
    contains them: "Korea" is not matched inside "North Korea")."""
    names = registry.countries()
    own = sorted((n for n, c in names.items() if c == code), key=len, reverse=True)
    longer = [n for n, c in names.items() if c != code and any(o in n and o != n for o in own)]
    guards = "".join(
        f"(?<!{re.escape(n[: n.index(o)])})"
        for n in longer
        for o in own
        if o in n and n.index(o) > 0
    )
    return rf"(?<![\w$.]){guards}{registry.alternation(own)}{_AFTER}"


def named(text: str) -> set[str]:
    """The alpha-2 codes of the economies `text` names."""
    return {code for code, _ in named_at(text)}


def named_at(text: str) -> list[tuple[str, int]]:
    """(alpha-2 code, offset) of every economy `text` names, in order."""
    regex, names = _all()
    found = []
    for m in regex.finditer(text):
        word = m.group()
        code = names.get(word) or names.get(re.sub(r"(?:s|n)$", "", word))
        if code is None:
            code = names.get(" ".join(word.split())) or names.get(
                " ".join(re.sub(r"(?:s|n)$", "", word).split())
            )
        if code:
            found.append((code, m.start()))
    return found


_NAME = r"[A-Z][\w&.’'-]*(?:\s+(?:[A-Z][\w&.’'-]*|of|&))*?"


@registry.compiled
def _apposition() -> tuple[re.Pattern[str], re.Pattern[str]]:
    regex, _ = _all()
    nouns = "|".join(registry.country_words()["organisations"])
    country = rf"(?P<country>{regex.pattern})"
    state = r"(?:(?:state(?:-owned)?|private|leading|largest|biggest|major|top|big)\s+)?"
    after = re.compile(
        rf"(?P<org>{_NAME}),\s+(?:the|a|an)\s+{state}{country}(?:['’]s)?\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})s?\b"
    )
    before = re.compile(
        rf"{country}(?:['’]s)?\s+{state}(?:[\w-]+\s+){{0,2}}?(?:{nouns})s?\s+(?P<org>{_NAME})(?=[\s,.;:)]|$)"
    )
    return after, before


class Organisations:
    """The companies an article says are from an economy, found as `named_at` finds countries."""

    def __init__(self, origins: dict[str, str]) -> None:
        self.origins = origins
        alternatives = registry.alternation(origins)
        self._regex = (
            re.compile(rf"(?<![\w.]){alternatives}(?:['’]s)?(?![\w])") if origins else None
        )

    def named_at(self, text: str) -> list[tuple[str, int]]:
        if self._regex is None:
            return []
        out = []
        for m in self._regex.finditer(text):
            name = re.sub(r"['’]s$", "", " ".join(m.group().split()))
            if name in self.origins:
                out.append((self.origins[name], m.start()))
        return out


def organisations(text: str) -> Organisations:
    """Companies whose economy the text states: "Orion, the South Korean firm …", "South
    Korean carmaker Hyundai", "Russia's state lender Sberbank"."""
    _, names = _all()
    origins: dict[str, str] = {}
    for pattern in _apposition():
        for m in pattern.finditer(text):
            org = re.sub(r"['’]s$", "", " ".join(m.group("org").split()).rstrip("."))
            word = " ".join(m.group("country").split())
            code = names.get(word) or names.get(re.sub(r"(?:s|n)$", "", word))
            if code and org not in names and len(org) > 2:
                origins.setdefault(org, code)
    return Organisations(origins)
