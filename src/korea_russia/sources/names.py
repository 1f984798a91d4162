"""A person's family and given names as a citation needs them."""

import re

from korea_russia import registry


@registry.compiled
def _korean_family() -> frozenset[str]:
    return frozenset(registry.load("names")["korean_family"])


def family_given(author: str) -> tuple[str, str]:
    """(family, given) for a byline: "Anthony V Rinna" -> ("Rinna", "Anthony V"); Korean
    order, family first, for "Kim Min-ji" -> ("Kim", "Min-ji") and "Kim Jong Un"."""
    words = author.split()
    if not words:
        return "", ""
    if len(words) == 1:
        return words[0], ""
    given = words[1:]
    korean_given = (len(given) == 1 and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", given[0])) or (
        len(given) == 2 and all(re.fullmatch(r"[A-Z][a-z]{1,3}", g) for g in given)
    )
    if words[0] in _korean_family() and korean_given:
        return words[0], " ".join(given)
    return words[-1], " ".join(words[:-1])


def family(author: str) -> str:
    """The family name a citation uses ("Kim Min-ji" -> "Kim", "Anthony V Rinna" -> "Rinna")."""
    return family_given(author)[0]
