"""Which economies a stretch of text names: every country's name, demonym and capital (from
`countryinfo`, with the additions in vocab/countries.toml), as ISO 3166-1 alpha-2 codes."""

import re

from korea_russia import registry

# A name stands alone: not inside a longer word, not a currency ("US$"), and it may take a
# plural or possessive ("Koreans", "Russia's").
_AFTER = r"(?:s|n)?(?![\w$])"


@registry.compiled
def _all() -> tuple[re.Pattern[str], dict[str, str]]:
    names = registry.countries()
    ordered = sorted(names, key=len, reverse=True)  # "North Korea" before "Korea"
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in ordered)
    return re.compile(rf"(?<![\w$.])(?:{alternatives}){_AFTER}"), names


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
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in own)
    return rf"(?<![\w$.]){guards}(?:{alternatives}){_AFTER}"


def named(text: str) -> set[str]:
    """The alpha-2 codes of the economies `text` names."""
    regex, names = _all()
    found = set()
    for m in regex.finditer(text):
        word = m.group()
        code = names.get(word) or names.get(re.sub(r"(?:s|n)$", "", word))
        if code is None:
            code = names.get(" ".join(word.split())) or names.get(
                " ".join(re.sub(r"(?:s|n)$", "", word).split())
            )
        if code:
            found.add(code)
    return found
