"""Issue 16: the pattern shapes that make the extractors fast match what the plain patterns
match; `--jobs` streams; `archive` on Dask gives the rows `extract` and `events` give."""

import random
import re
from pathlib import Path

import pytest
from helpers import doc

from korea_russia import registry, schemas
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


NEEDLED = [
    (r"\bwar\b|invasion|military\s+operation|\bCrimea\b|annex", re.I),
    (r"(?P<a>sanction)|(?P<b>export (?:controls?|restrictions?))|(?P<c>\bmet\b|meeting)", re.I),
    (r"(?:phone|telephone|video)\s+(?:call|talks)|leaders? met|heads? of state", re.I),
    (r"(?i:\b(?:year|months?|week|spring|fall)\b)", 0),
    (r"\bnumber\s+of\s+(?:[\w-]+\s+){0,4}?items\b", re.I),
    (r"(?<![\w-])kelvin|long|stop|idea|inch", re.I),  # the text has "\u212aelvin", "\u017ftop"…
    (r"abcd\b|bcde|aaa\b", re.I),  # needles that overlap: "abcde", "aaaa"
    # more needles than FEW_NEEDLES (looked for with one trie instead of str.find)
    ("|".join(rf"\b{a}{b}x\w*" for a in "pqrstuv" for b in "pqrs") + r"|abcd\b|bcde|aaa\b", re.I),
]
_NEEDLED_PARTS = [
    "war",
    "WAR",
    "Warsaw",
    "invasion",
    "military  operation",
    "Crimea",
    "annexed",
    "sanctions",
    "export controls",
    "EXPORT restriction",
    "met",
    "meeting",
    "Meetings",
    "phone call",
    "telephone talks",
    "leader met",
    "leaders met",
    "heads of state",
    "year",
    "Years",
    "month",
    "week",
    "spring",
    "fall",
    "rainfall",
    "number of",
    "Number  of new items",
    "items",
    "the",
    "KELVIN",
    "\u212aelvin",
    "lonG",
    "\u017ftop",
    "\u0131dea",
    "\u0130nch",
    "trade",
    "Port",
    "report",
    "cargo",
    "Manufacturing",
    "omega",
    "sigmas",
    "x",
    "-",
    ",",
    "2019",
    "abcde",
    "ABCD",
    "aaaa",
    "aaa",
    "bcde",
]


def _needled_texts(n: int) -> list[str]:
    """Texts of the patterns' words, near-misses, upper case and the letters outside ASCII
    that `re` folds to ASCII ones, with odd spaces."""
    pick = random.Random(19)
    spaces = [" ", "", "  ", "\n", "-", "\u00a0"]
    return [
        "".join(
            pick.choice(_NEEDLED_PARTS) + pick.choice(spaces) for _ in range(pick.randint(1, 16))
        )
        for _ in range(n)
    ]


@pytest.mark.parametrize(("pattern", "flags"), NEEDLED)
def test_a_needled_pattern_finds_exactly_what_the_plain_one_finds(pattern: str, flags: int) -> None:
    """Found from the words its branches open with (str.find or a trie in lower case), the
    pattern gives the matches and groups its own scan gives, from any position."""
    needled = registry.needled(pattern, flags)
    assert isinstance(needled, registry.Needled), pattern
    plain = re.compile(pattern, flags)
    texts = _needled_texts(1500)
    plain_case = [t for t in texts if not re.search("[\u0130\u0131\u017f\u212a]", t)]
    long = [" ".join(plain_case[i : i + 150]) for i in range(0, len(plain_case) - 149, 150)]
    assert len(long) >= 5 and min(map(len, long)) > registry.LONG_TEXT  # str.find, not the trie
    for text in [*SENTENCES, " ".join(SENTENCES), *texts, *long]:
        found = [(m.span(), m.lastgroup) for m in needled.finditer(text)]
        assert found == [(m.span(), m.lastgroup) for m in plain.finditer(text)], text
        for pos in (0, 1, len(text) // 2):
            at, want = needled.search(text, pos), plain.search(text, pos)
            assert (at and at.span()) == (want and want.span()), (text, pos)


def test_the_needles_are_read_from_the_pattern() -> None:
    found = registry.needled(r"\bwar\b|(?:phone|video)\s+call|leaders? met|heads? of", re.I)
    assert sorted(found.needles) == ["head", "leader", "phone", "video", "war"]
    export = registry.needled(r"export (?:controls?|restrictions?)", re.I)
    assert sorted(export.needles) == ["export control", "export restriction"]


@pytest.mark.parametrize(
    "pattern", [r"\bup\b|\bwas\b", r"©|\bcopyright\b", r"a*bcd", r"[Tt]rade", r"\d+ tonnes"]
)
def test_a_pattern_without_long_enough_opening_words_is_only_fast(pattern: str) -> None:
    """A branch opening with fewer than SHORTEST_NEEDLE written ASCII characters (or with a
    class, a repeat, a letter outside ASCII): the plain `fast` pattern."""
    found = registry.needled(pattern, re.I)
    assert isinstance(found, re.Pattern)
    assert found.pattern == registry.fast(pattern, re.I).pattern


def test_needles_must_be_lower_case_ascii() -> None:
    with pytest.raises(ValueError, match="lower-case ASCII"):
        registry.Needled(re.compile("War"), ("War",))


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


LED = [
    "Back in May 2019 they met; up until March 5 nothing moved, as of  \n June 2020 it did.",
    "since from 2019 to 2020, In May, until\tJanuary 2020 and On 3 March 2021 (by 2024).",
    "From May 1 to May 5, between 2010 and 2012, in early June, for last week, after next year.",
    "the talks ended Monday; in 2019–2020 and during this autumn; two months ago; bymay 2019",
    "In In May 2019 on on 5 May, as of of June 2020, back back in July 2021, Up until 2030.",
]


def _led_sentences(n: int) -> list[str]:
    """Sentences made of leading words, dates, other words and odd spaces, in any order."""
    pick = random.Random(16)
    words = "on in On In since by until till for during after back in up until as of from"
    parts = [*words.split(), "May", "5", "2019", "March", "June 2020", "Monday", "last", "year"]
    parts += ["week", "ago", "two months", "between", "and", "to", "bank", "sinceMay", "-", ","]
    spaces = [" ", "  ", "\n", "\t", " \u00a0"]
    return [
        "".join(pick.choice(parts) + pick.choice(spaces) for _ in range(pick.randint(1, 14)))
        for _ in range(n)
    ]


def test_a_date_rule_found_from_its_core_matches_what_the_rule_finds() -> None:
    """Each date rule is found from its core (without the leading word) and then read whole
    from at most a leading phrase before it: the same matches as the whole rule's scan."""
    patterns = events._patterns()
    for sentence in LED + _led_sentences(3000):
        for (name, rule), led in zip(patterns.rules, patterns.led, strict=True):
            fast = [(m.span(), m.groupdict()) for m in led.finditer(sentence)]
            plain = [(m.span(), m.groupdict()) for m in rule.finditer(sentence)]
            assert fast == plain, (name, sentence)
    found = {m.group() for s in LED for led in patterns.led for m in led.finditer(s)}
    assert {
        "Back in May 2019",
        "up until March 5",
        "as of  \n June 2020",
        "On 3 March 2021",
    } <= found


# --- issue 16: `archive` on a 2-worker local Dask cluster equals `extract` and `events` ---

PLACES = ["Seoul", "Moscow", "Vladivostok", "Busan", "Nakhodka"]
LEADERS = ["Vladimir Putin", "Moon Jae-in", "Yoon Suk Yeol", "Lee Jae-myung"]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def _story(rng, number: int) -> str:
    """A short made-up news story about the two economies: trade levels and changes, LNG,
    a meeting on a date, and a figure about a third economy (kept out by default)."""
    year = rng.randint(2005, 2024)
    lines = [
        f"Korea-Russia ties, report {number}",
        "",
        f"Trade between South Korea and Russia reached ${rng.randint(5, 30)}.{rng.randint(0, 9)}"
        f" billion in {year}, {rng.choice(['up', 'down'])} {rng.randint(2, 40)} percent from"
        " a year earlier, according to customs data.",
        f"South Korea imported {rng.randint(1, 4)}.{rng.randint(1, 9)} million tonnes of"
        f" Russian LNG in {year - 1}.",
        f"On {rng.choice(MONTHS)} {rng.randint(1, 28)}, {year}, {rng.choice(LEADERS)} met"
        f" officials in {rng.choice(PLACES)} to discuss energy projects.",
        f"China's trade with Russia was ${rng.randint(100, 250)} billion in {year}.",
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def archive_files(tmp_path_factory) -> list[Path]:
    import random

    rng = random.Random(16)
    folder = tmp_path_factory.mktemp("archive_in")
    files = []
    for number in range(200):
        path = folder / f"story{number:03d}.txt"
        path.write_text(_story(rng, number), encoding="utf-8")
        files.append(path)
    bad = folder / "broken.txt"
    bad.write_bytes(b"%PDF-1.7 not an article\n")
    return [*files, bad]


def _read_csv(path: Path, schema):
    import pandas as pd

    text = {c.name: str for c in schema.columns if c.dtype == "str"}
    return pd.read_csv(path, dtype=text, keep_default_na=False, na_values={"value_upper": [""]})


def _sorted(frame):
    return frame.sort_values(["source_id", "start", "end"], ignore_index=True)


def test_archive_on_two_dask_workers_gives_what_extract_and_events_give(
    archive_files: list[Path], tmp_path: Path
) -> None:
    import pandas as pd

    from korea_russia.cli import main

    folder = archive_files[0].parent
    out = tmp_path / "archive"
    assert main(["archive", str(folder), str(out), "--workers", "2"]) == 0

    good = [str(p) for p in archive_files if p.name != "broken.txt"]
    assert main(["extract", *good, "-o", str(tmp_path / "f.csv"), "--jobs", "2"]) == 0
    assert main(["events", *good, "-o", str(tmp_path / "e.csv")]) == 0
    expected_figures = _read_csv(tmp_path / "f.csv", schemas.FIGURES)
    expected_events = _read_csv(tmp_path / "e.csv", schemas.EVENTS)
    figures = _sorted(pd.read_parquet(out / "figures"))
    events_found = _sorted(pd.read_parquet(out / "events"))
    assert len(expected_figures) >= 400 and len(expected_events) >= 200  # real work was done
    pd.testing.assert_frame_equal(figures, _sorted(expected_figures), check_dtype=False)
    pd.testing.assert_frame_equal(events_found, _sorted(expected_events), check_dtype=False)
    assert set(expected_figures["parties"]) == {"KR;RU"}  # China's trade stayed out

    errors = pd.read_parquet(out / "errors")
    assert errors.to_dict("records") == [
        {
            "file": str(folder / "broken.txt"),
            "reason": "is a PDF file, not plain text; save the article as .txt or .html",
        }
    ]
    documents = pd.read_parquet(out / "documents")
    assert sorted(documents["source_id"]) == sorted(p.stem for p in archive_files[:-1])
    assert sorted(p.name for p in (out / "figures").iterdir()) == [
        "part-00000.parquet",
        "part-00001.parquet",
        "part-00002.parquet",
        "part-00003.parquet",
    ]  # 201 files in batches of 64
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no staging left


def test_archive_gives_the_same_bytes_on_any_number_of_workers(
    archive_files: list[Path], tmp_path: Path
) -> None:
    from korea_russia import archive

    first = tmp_path / "one"
    second = tmp_path / "two"
    archive.archive(str(archive_files[0].parent), str(first), {}, workers=1, batch=50)
    archive.archive(f"file://{archive_files[0].parent}/story1*.txt", str(second), {}, workers=2)
    for dataset in ("figures", "events", "documents"):
        a = sorted((first / dataset).iterdir())
        b = sorted((second / dataset).iterdir())
        assert len(a) == 5 and len(b) == 2  # 201 files by 50; 100 files by 64
        import pandas as pd

        whole = _sorted_any(pd.read_parquet(first / dataset), dataset)
        some = _sorted_any(pd.read_parquet(second / dataset), dataset)
        expected = whole[whole["source_id"].str.startswith("story1")].reset_index(drop=True)
        pd.testing.assert_frame_equal(some, expected)
    again = tmp_path / "again"
    archive.archive(str(archive_files[0].parent), str(again), {}, workers=2, batch=50)
    for dataset in archive.DATASETS:
        for part in sorted((first / dataset).iterdir()):
            assert part.read_bytes() == (again / dataset / part.name).read_bytes()


def _sorted_any(frame, dataset: str):
    keys = ["source_id", "start", "end"] if dataset != "documents" else ["source_id"]
    return frame.sort_values(keys, ignore_index=True)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["archive", "{tmp}/nothing-here", "{tmp}/out"], "not found"),
        (["archive", "{tmp}/empty", "{tmp}/out"], "holds no .txt or .html files"),
        (["archive", "nosuchprotocol://x/*.txt", "{tmp}/out"], "cannot be opened"),
        (["archive", "{tmp}/empty", "{tmp}/out", "--workers", "0"], "positive whole number"),
    ],
)
def test_archive_bad_arguments_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture, argv: list[str], message: str
) -> None:
    from korea_russia.cli import main

    (tmp_path / "empty").mkdir()
    argv = [a.format(tmp=tmp_path) for a in argv]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's usage error
        code = exc.code
    assert code in (1, 2)
    err = capsys.readouterr().err.strip()
    last = err.splitlines()[-1]  # argparse prints its usage above its one-line error
    assert message in last and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_archive_runs_unchanged_on_a_running_dask_cluster(
    archive_files: list[Path], tmp_path: Path
) -> None:
    """Given a scheduler's address, the same command uses that cluster (here one started
    by the test, as a cluster of machines would be) and writes the same parts."""
    from distributed import LocalCluster

    from korea_russia.cli import main

    pattern = f"{archive_files[0].parent}/story0[0-4]*.txt"
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        assert (
            main(
                [
                    "archive",
                    pattern,
                    str(tmp_path / "remote"),
                    "--scheduler",
                    cluster.scheduler_address,
                ]
            )
            == 0
        )
    assert main(["archive", pattern, str(tmp_path / "local"), "--workers", "1"]) == 0
    for dataset in ("figures", "events", "documents", "errors"):
        remote = sorted((tmp_path / "remote" / dataset).iterdir())
        assert [p.read_bytes() for p in remote] == [
            (tmp_path / "local" / dataset / p.name).read_bytes() for p in remote
        ]


def test_a_progress_bar_is_drawn_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import io as text_io

    from korea_russia import progress

    class Terminal(text_io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("KOREA_RUSSIA_PROGRESS", raising=False)
    piped, terminal = text_io.StringIO(), Terminal()
    for stream in (piped, terminal):
        bar = progress.Bar("extract", 4, stream=stream)
        for _ in range(4):
            bar.advance(size=2_000_000)
        bar.close()
    assert piped.getvalue() == ""
    drawn = terminal.getvalue()
    assert "extract" in drawn and "4/4 files" in drawn and "8.0 MB" in drawn
    assert drawn.endswith("\r\x1b[K")  # the line is cleared for what comes next
    monkeypatch.setenv("KOREA_RUSSIA_PROGRESS", "0")
    assert not progress.wanted(Terminal())
    monkeypatch.setenv("KOREA_RUSSIA_PROGRESS", "1")
    assert progress.wanted(text_io.StringIO())


def test_a_long_command_prints_no_bar_into_a_pipe(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "korea_russia",
            "extract",
            "--jobs",
            "2",
            "-o",
            str(tmp_path / "f.csv"),
        ],
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in __import__("os").environ.items() if k != "KOREA_RUSSIA_PROGRESS"},
    )
    assert "\r" not in done.stderr and "\x1b" not in done.stderr
    assert done.stderr.strip().endswith("f.csv")


def test_one_scan_for_every_category_gives_the_first_category_whose_words_appear() -> None:
    """The union of all categories' words, read position by position, picks the category
    that searching each category's words in order picks, wherever the words stand."""
    patterns = events._patterns()
    pick = random.Random(17)
    words = ["war", "sanctions", "took office", "summit", "envoy", "trade", "LNG", "gas"]
    words += ["warm", "tradesman", "Crimean", "met with President", "visit", "the", "on"]
    for _ in range(2000):
        sentence = " ".join(pick.choice(words) for _ in range(pick.randint(0, 6)))
        plain = next(
            (name for name, p, _ in patterns.categories if p.search(sentence)),
            registry.category_names()[-1],
        )
        assert events.category(sentence) == plain, sentence
    assert events.category("A trade summit on the war") == "conflict"
    assert events.category("The envoy spoke of trade") == "diplomacy"
    assert events.category("Nothing of note") == registry.category_names()[-1]


def test_a_fraction_found_from_its_denominator_matches_what_the_whole_pattern_finds() -> None:
    from korea_russia.extract import quantities

    led = quantities._tables().fraction
    pick = random.Random(18)
    parts = ["two", "one", "a", "three", "A", "half", "thirds", "quarter", "of", "Of", "-", "x"]
    parts += ["first", "the", "ONE", "twothirds", "tenths", "\u0130", "\u017f", "nine", "onethird"]
    for _ in range(3000):
        text = "".join(
            pick.choice(parts) + pick.choice(["", " ", "-", "  ", "\n", "\u00a0"])
            for _ in range(pick.randint(1, 12))
        )
        assert [m.span() for m in led.finditer(text)] == [
            m.span() for m in led.whole.finditer(text)
        ], text
    found = [m.group() for m in led.finditer("Two-thirds of it, a quarter of that, half of all.")]
    assert found == ["Two-thirds of", "a quarter of", "half of"]


def _summary_as_first_written(sentence: str, start: int, end: int, limit: int = 140) -> str:
    """The summary with its four substitutions as first written, to compare with."""
    clause = (sentence[:start] + sentence[end:]).strip()
    clause = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s+", " ", clause))
    clause = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", clause)
    clause = re.sub(r"^[,;:–—\-\s]+|[,;:\s]+$", "", clause)
    if len(clause) > limit:
        clause = clause[: clause.rfind(" ", 0, limit)].rstrip(",;:") + "…"
    return clause[:1].upper() + clause[1:]


def test_a_summary_is_what_the_four_substitutions_gave() -> None:
    """Spaces joined by split(), the ends stripped of marks: the same summaries, on text
    of words, marks, dashes and every kind of white space."""
    pick = random.Random(21)
    parts = ["a", "b", " ", "  ", "\n", "\t", ",", ";", ":", ".", "–", "—", "-", "\u00a0"]
    parts += ["\x1c", "\u2028", "x y", "word"]
    for _ in range(20000):
        sentence = "".join(pick.choice(parts) for _ in range(pick.randint(0, 25)))
        a = pick.randint(0, len(sentence))
        b = pick.randint(a, len(sentence))
        limit = pick.choice([140, 5, 10])
        want = _summary_as_first_written(sentence, a, b, limit)
        assert events.summary(sentence, a, b, limit) == want, (sentence, a, b)


def test_number_words_are_read_only_where_a_word_stands_before_the_scale(monkeypatch) -> None:
    """Skipping scale words with no word before them ("22 billion") finds every number word
    the backward read finds without the skip ("twenty-five\u00a0million tonnes", "a billion")."""
    from korea_russia.extract import quantities

    pick = random.Random(22)
    parts = ["twenty", "five", "twenty-five", "a", "half a", "One", "22", "3.5", "x", "of"]
    parts += ["million", "Billion", "THOUSAND", "trillion", "tonnes", "dollars", "won", "bcm"]
    gaps = [" ", "  ", "-", " - ", "\u00a0", "\n", "", "\t"]
    texts = [
        "".join(pick.choice(parts) + pick.choice(gaps) for _ in range(pick.randint(1, 12)))
        for _ in range(3000)
    ]
    skipped = [[m.span() for m in quantities._word_matches(t)] for t in texts]
    monkeypatch.setattr(quantities, "_after_a_word", lambda text, at: True)
    assert skipped == [[m.span() for m in quantities._word_matches(t)] for t in texts]
    assert any(skipped)  # the texts hold number words to find


def test_clause_splits_skipped_by_their_words_are_none_the_pattern_finds() -> None:
    """A sentence holding none of the words a clause split is made of gets no split; every
    other sentence gets what the split pattern finds."""
    from korea_russia.extract import figures

    pick = random.Random(23)
    parts = ["trade", "rose", ";", ",", " ", "  ", "\n", "while", "While", "but", "butter"]
    parts += ["whereas", "although", "compared", "to", "with", "$2 billion", "\u00a0"]
    split = 0
    for _ in range(3000):
        sentence = " ".join(pick.choice(parts) for _ in range(pick.randint(0, 12)))
        want = [m.span() for m in figures._CLAUSE.finditer(sentence)]
        assert figures._clause_marks(sentence) == want, sentence
        split += bool(want)
    assert 300 < split < 2700  # both kinds of sentence were tried


def _batch(files: list[Path]) -> dict[str, list[dict]]:
    import fsspec

    from korea_russia import archive

    return archive.extract_batch(fsspec.filesystem("file"), [str(p) for p in files], {})


def test_a_batch_checked_at_once_gives_what_each_file_checked_alone_gives(
    archive_files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch's rows are checked against the schemas at once; the rows are those of each
    file checked on its own, and the unreadable file is its one error row."""
    from korea_russia import archive

    files = [*archive_files[:5], archive_files[-1]]
    together = _batch(files)
    checked: list[int] = []
    each: dict[str, list[dict]] = {name: [] for name in archive.DATASETS}
    check = archive._check
    monkeypatch.setattr(archive, "_check", lambda done: (checked.append(len(done)), check(done)))
    for path in files:
        for dataset, rows in _batch([path]).items():
            each[dataset] += rows
    assert together == each
    assert len(together["figures"]) >= 10 and len(together["documents"]) == 5
    assert [e["file"] for e in together["errors"]] == [str(archive_files[-1])]
    checked.clear()
    assert _batch(files) == together
    assert checked == [5]  # one check for the whole batch's five documents
    checked.clear()
    monkeypatch.setattr(archive, "CHECKED_TOGETHER", 1)  # texts held for one file at a time
    assert _batch(files) == together
    assert checked == [1, 1, 1, 1, 1, 0]


def test_a_file_whose_rows_fail_their_check_is_one_error_and_the_batch_goes_on(
    archive_files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug that gives one file a figure whose span does not slice back to its mention:
    that file is an error row naming the check, and the other files of its batch keep
    their rows, as when each file was checked alone."""
    import dataclasses

    from korea_russia.extract import figures

    files = archive_files[:4]
    clean = _batch(files)
    extract = figures.figures

    def broken(doc):  # the third file's first figure quoted one character off
        found = extract(doc)
        if doc.id == files[2].stem:
            found[0] = dataclasses.replace(found[0], start=found[0].start + 1)
        return found

    monkeypatch.setattr(figures, "figures", broken)
    found = _batch(files)
    [error] = found["errors"]
    assert error["file"] == str(files[2])
    assert error["reason"].startswith("internal error: InternalError: figures table: row 0")
    assert "is not the mention" in error["reason"]
    for dataset in ("figures", "events", "documents"):
        want = [r for r in clean[dataset] if r["source_id"] != files[2].stem]
        assert found[dataset] == want and want


def test_two_files_of_one_name_in_a_batch_are_kept_as_each_alone(tmp_path: Path) -> None:
    """Two folders' files of the same name share a source_id: checked together their spans
    would be read against one text, so each is checked alone, and both keep their rows."""
    import random

    rng = random.Random(7)
    files = []
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        path = tmp_path / folder / "story.txt"
        path.write_text(_story(rng, len(files)), encoding="utf-8")
        files.append(path)
    found = _batch(files)
    assert found["errors"] == []
    assert [r["source_id"] for r in found["documents"]] == ["story", "story"]
    alone = [_batch([p])["figures"] for p in files]
    assert found["figures"] == alone[0] + alone[1] and alone[0] != alone[1]
