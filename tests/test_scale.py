"""Issue 16: the pattern shapes that make the extractors fast match what the plain patterns
match; `--jobs` streams; `archive` on Dask gives the rows `extract` and `events` give."""

import re

import pytest
from helpers import doc

from korea_russia import registry
from korea_russia.extract import events

SENTENCES = [
    "South Korea and North Korea met; the Koreans and Russia's envoy talked in Moscow.",
    "Trade between Seoul and Moscow reached $21 billion in 2022, down from $27bn.",
    "KOREA's exports to the Russian Federation rose; korea-russia ties; NorthKorea.",
    "In the first half of 2017 LNG imports grew 50 per cent, crude oil fell 3%.",
    "The \u212aelvin sign and the long \u017f are letters re folds to ASCII ones.",
    "",
]


@pytest.mark.parametrize(
    "phrases",
    [
        ["Korea", "Korean", "Kenya", "North Korea", "K"],
        ["South Korea", "South", "Russia", "Russian Federation", "Moscow"],
        ["a.b", "a+b", "$", "US$", "(x)"],
    ],
)
def test_a_trie_matches_what_the_longest_first_alternation_matches(phrases: list[str]) -> None:
    plain = "|".join(
        r"\s+".join(re.escape(w) for w in p.split()) for p in sorted(phrases, key=len, reverse=True)
    )
    trie = registry.alternation(phrases)
    text = " ".join(SENTENCES) + " a.b a+b US$ $ (x) North   Korea Kenyan Ke"
    assert [m.span() for m in re.finditer(plain, text)] == [
        m.span() for m in re.finditer(trie, text)
    ]


def test_a_trie_of_nothing_matches_nothing() -> None:
    assert re.search(registry.alternation([]), "anything") is None


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"\btrade\b|\bturnover\b|\bexport(?:s|ed)?\b", re.I),
        (r"(?P<y>(?<!\d)20\d\d)|(?P<w>(?i:\byear\b|\bmonths?\b))|(?P<m>May|June)", 0),
        (r"(?i:k|s)elvin|ong", 0),  # the four letters outside ASCII that fold to ASCII ones
        (r"\d+(?:\.\d+)?\s*%|[$€]\s?\d+", 0),
        (r"(?<![\w$.])(?:Korea|Russia)(?:s|n)?(?![\w$])", 0),
        (r"(?:the\s+)?first|half", re.I),
    ],
)
def test_a_fast_pattern_finds_exactly_what_the_plain_one_finds(pattern: str, flags: int) -> None:
    fast = registry.fast(pattern, flags)
    assert fast.pattern != pattern  # it was given a lead
    for text in [*SENTENCES, " ".join(SENTENCES)]:
        plain = [(m.span(), m.lastgroup) for m in re.finditer(pattern, text, flags)]
        assert [(m.span(), m.lastgroup) for m in fast.finditer(text)] == plain


@pytest.mark.parametrize("pattern", [r"x?", r".ab", r"[^a]b", r"(?:a|)b?"])
def test_a_pattern_whose_first_character_cannot_be_told_is_left_as_it_is(pattern: str) -> None:
    assert registry.fast(pattern).pattern == pattern


def test_actors_are_read_as_each_alias_reads_them(tmp_path) -> None:
    """One scan finds which aliases may stand in a sentence; the result is what the
    aliases' own patterns give, longest alias first."""
    table = tmp_path / "actors.csv"
    table.write_text(
        "actor,alias,kind\n"
        "Kim Jong Un,Kim Jong Un,leader\nKim Jong Un,Kim Jong-un,leader\n"
        "Kim Il Sung,Kim Il Sung,leader\nVladimir Putin,Putin,leader\n"
        "Vladimir Putin,Vladimir Putin,leader\nGazprom,Gazprom,company\n",
        encoding="utf-8",
    )
    actors = events.load_actors(table)
    sentence = "Putin met Kim Jong-un and Gazprom's chief; Kim Il Sung's era; Putinism."
    assert events.actors_in(sentence, actors) == [
        "Vladimir Putin",
        "Kim Jong Un",
        "Gazprom",
        "Kim Il Sung",
    ]
    without_alias = [events.Actor(a.name, a.pattern, a.kind) for a in actors]
    assert events.actors_in(sentence, without_alias) == events.actors_in(sentence, actors)
    assert events.actors_in("No one is named here.", actors) == []
    text = "On 13 September 2023 Putin met Kim Jong Un in Vostochny."
    found = events.events(doc(text, published="2023-09-14"), actors)
    assert [(e.category, e.actors) for e in found] == [("summit", "Vladimir Putin;Kim Jong Un")]
