"""Issue 18, item 3: extraction takes time in proportion to its input, on every shape of text
that once took quadratic time. Each test doubles the input and compares the two times taken
in the same run (the smaller of three tries each): linear work about doubles, quadratic work
quadruples. No absolute time is asserted. The texts are written here, not taken from news."""

import dataclasses
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import development_data, doc

from korea_russia.cli import main
from korea_russia.extract import events, figures, text

MONTHS = "January February March April May June July August September October November December"
MONTH = MONTHS.split()


def _seconds(work: Callable[[], object], tries: int = 3) -> float:
    best = float("inf")
    for _ in range(tries):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def _grows_linearly(make: Callable[[int], str], run: Callable[[str], object], n: int) -> None:
    small, large = make(n), make(2 * n)
    run(small)  # warm the pattern caches
    ratio = _seconds(lambda: run(large)) / max(_seconds(lambda: run(small)), 1e-3)
    assert ratio < 3.0, f"doubling the input multiplied the time by {ratio:.1f}"


def _figures(t: str) -> object:
    return figures.figures(doc(t, "2020-01-01"))


def _events(t: str) -> object:
    return events.events(doc(t, "2020-01-01"), figures=[])


SHAPES = {
    # a target as a multiple of a level, the same sentence over and over (read once, so
    # what is left is the search for the level before each multiple)
    "repeated 'double that by'": (
        lambda n: "".join(
            "Korea-Russia trade was $10 billion in 2010 and they aim to double that by "
            f"{2011 + i % 40}. "
            for i in range(n)
        ),
        _figures,
        4000,
    ),
    # one figure and then nothing but years
    "a figure followed by many years": (
        lambda n: (
            "Korea-Russia trade was $10 billion in "
            + ", ".join(str(1950 + i % 100) for i in range(n))
            + "."
        ),
        _figures,
        6000,
    ),
    # brackets nested thousands deep: one pass, not one per level
    "nested parentheses": (
        lambda n: "Korea-Russia trade was $10 billion in 2019 " + "(" * n + "x" + ")" * n + ".",
        _figures,
        20000,
    ),
    # one sentence with no full stop and a figure every few words
    "one unpunctuated sentence of figures": (
        lambda n: (
            "Korea-Russia trade "
            + " ".join(f"${i + 1} billion in {1990 + i % 30} and" for i in range(n))
            + " more"
        ),
        _figures,
        500,
    ),
    # one sentence that lists many days
    "many dates in one sentence": (
        lambda n: (
            "Putin met Moon in Moscow on "
            + ", ".join(f"{MONTH[i % 12]} {i % 28 + 1}, {1900 + i % 200}" for i in range(n))
            + "."
        ),
        _events,
        400,
    ),
}


def _word(i: int) -> str:
    """A distinct word of letters for each number."""
    letters = ""
    while True:
        i, r = divmod(i, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[r]
        if not i:
            return letters


def test_events_look_up_the_figures_periods_in_linear_time() -> None:
    """Each date is checked against the figures' periods (once a scan of all of them).
    Dense short lines, each a year that is some figure's period: the figures are made
    beforehand, only the events are timed."""
    template = figures.figures(doc("Korea-Russia trade reached $10 billion in 2019."))[0]

    def prepared(n: int) -> tuple:
        t = "".join(f"In {1990 + i % 30}, {_word(i)}.\n" for i in range(n))  # all distinct
        d = doc(t, "2020-01-01")
        spans = [(m.start(), m.end()) for m in re.finditer(r"\d{4}", t)]
        made = [dataclasses.replace(template, period_span=span) for span in spans]
        return d, made

    # Doubled twice, since the scan was cheap beside the rest: linear work grows four times,
    # the scan sixteen.
    (small, small_figures), (large, large_figures) = prepared(4000), prepared(16000)
    assert events.events(small, figures=small_figures) == []  # every year is a period
    ratio = _seconds(lambda: events.events(large, figures=large_figures)) / _seconds(
        lambda: events.events(small, figures=small_figures)
    )
    assert ratio < 6.0, f"four times the input multiplied the time by {ratio:.1f}"


def test_sentences_on_one_long_line_are_found_in_linear_time() -> None:
    """Many sentences with no line break: finding the sentence around each offset no longer
    scans the line back to its start."""

    def look_up(n: int) -> Callable[[], object]:
        t = " ".join(f"Sentence {i} is here, with a figure of ${i + 1} billion." for i in range(n))
        offsets = [m.start() for m in re.finditer(r"\$", t)]

        def run() -> object:
            sentences = text.Sentences(t)
            return [sentences.span(o) for o in offsets]

        return run

    ratio = _seconds(look_up(40000)) / _seconds(look_up(10000))  # doubled twice
    assert ratio < 6.0, f"four times the input multiplied the time by {ratio:.1f}"


@pytest.mark.parametrize("shape", list(SHAPES))
def test_extraction_time_grows_linearly(shape: str) -> None:
    make, run, n = SHAPES[shape]
    _grows_linearly(make, run, n)


def test_a_sentence_without_full_stops_is_quoted_in_pieces() -> None:
    """A quote is at most text.LONGEST characters, so a table with one row per figure grows
    with the text, not with the text times its figures; every quote still slices back."""
    t = "Korea-Russia trade " + " ".join(f"${i + 1} billion in 2019 and" for i in range(1500))
    d = doc(t, "2020-01-01")
    found = figures.figures(d)
    assert len(found) == 1500
    for f in found:
        assert f.quote_end - f.quote_start <= text.LONGEST
        assert t[f.quote_start : f.quote_end] == f.quote
        assert f.quote_start <= f.start < f.end <= f.quote_end
    for e in events.events(d, figures=found):
        assert len(e.quote) <= text.LONGEST
        assert t[e.quote_start : e.quote_end] == e.quote


def test_pieces_cut_at_clause_marks_and_cover_the_sentence() -> None:
    sentence = "; ".join(f"clause {i} with a few more words in it" for i in range(100))
    starts = text.pieces(sentence, 0, len(sentence), longest=200)
    ends = [*starts[1:], len(sentence)]
    assert starts[0] == 0 and all(b - a <= 200 for a, b in zip(starts, ends, strict=True))
    assert all(sentence[s - 2 : s] == "; " for s in starts[1:])  # after a clause mark
    assert text.pieces("x" * 450, 0, 450, longest=200) == [0, 200, 400]  # no space at all
    assert text.pieces("short", 0, 5) == [0]


def test_masking_brackets_matches_the_innermost_first_reading() -> None:
    assert text.mask_parentheses("a (b (c) d) e") == "a " + " " * 9 + " e"
    assert text.mask_parentheses("a (b (c) d e") == "a (b     d e"  # unclosed stays
    assert text.mask_parentheses("a ) b (c)") == "a ) b    "


def _masked_char_by_char(txt: str) -> str:
    """The mask as first written: a depth per character (+1 where an aside opens, -1 past
    its closing bracket), each character inside one replaced by a space."""
    depth, opened = [0] * (len(txt) + 1), []
    for i, char in enumerate(txt):
        if char == "(":
            opened.append(i)
        elif char == ")" and opened:
            depth[opened.pop()] += 1
            depth[i + 1] -= 1
    out, inside = [], 0
    for char, step in zip(txt, depth[:-1], strict=True):
        inside += step
        out.append(" " if inside else char)
    return "".join(out)


def test_asides_are_masked_as_character_by_character() -> None:
    """Masked by slices, nested, unclosed and stray brackets give what a mask built one
    character at a time gives."""
    pick = random.Random(20)
    for _ in range(5000):
        txt = "".join(pick.choice("ab()(  )x") for _ in range(pick.randint(0, 30)))
        assert text.mask_parentheses(txt) == _masked_char_by_char(txt), txt


def _unwrapped_char_by_char(txt: str) -> str:
    """Unwrapping as first written: the text as a list of characters, each line break of a
    hard-wrapped block set to a space one at a time."""
    if "\n" not in txt:
        return txt
    out, start = list(txt), 0
    for block_end in [m.start() for m in re.finditer(r"\n[^\S\n]*\n", txt)] + [len(txt)]:
        block = txt[start:block_end]
        lines = block.split("\n")
        closed = re.compile(r"[.!?:;\"”’)]\s*$")
        ends = [len(line.rstrip()) for line in lines[:-1] if not closed.search(line)]
        wrapped = len(lines) >= 3 and len(ends) >= 2 and 40 <= max(ends) <= 100
        if wrapped and sum(n >= 0.75 * max(ends) for n in ends) >= 0.75 * len(ends):
            for at, char in enumerate(block):
                if char == "\n":
                    out[start + at] = " "
        start = block_end + 1
    return "".join(out)


def test_wrapped_blocks_are_joined_as_character_by_character() -> None:
    """Joined by slices, wrapped and unwrapped blocks, blank lines of spaces and texts that
    open or close with a break give what setting one character at a time gives."""
    pick = random.Random(21)
    words = ["trade", "rose", "to", "$2.1", "billion.", "Korea", "and", "Russia", "said:"]
    for _ in range(3000):
        lines = []
        for _ in range(pick.randint(0, 12)):
            width = pick.choice([0, 5, 45, 60, 70, 90, 120])
            line = ""
            while len(line) < width:
                line += pick.choice(words) + " "
            lines.append(line.rstrip() if pick.random() < 0.8 else line + "  ")
        txt = "\n".join(lines)
        if pick.random() < 0.2:
            txt = "\n" + txt + "\n"
        assert text.unwrap(txt) == _unwrapped_char_by_char(txt), repr(txt)
    wrapped = "\n".join(["x" * 60 + " to"] * 3) + "\n\nShort.\n"
    assert text.unwrap(wrapped) == " ".join(["x" * 60 + " to"] * 3) + "\n\nShort.\n"


def _page(n: int) -> str:
    # one long paragraph, as a page that sets its text with <br> or in one block does
    sentence = (
        "South Korea and Russia said bilateral trade reached ${v} billion in {y}, as Seoul "
        "and Moscow met in Vladivostok on {m} {d}, {y} to discuss LNG and the Arctic. "
    )
    body = (
        "<p>"
        + "".join(
            sentence.format(v=i + 1, y=1995 + i % 30, m=MONTH[i % 12], d=i % 28 + 1)
            for i in range(n)
        )
        + "</p>"
    )
    return f"<html><head><title>Trade</title></head><body><article>{body}</article></body></html>"


def test_adding_a_large_page_takes_linear_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def add(n: int) -> float:
        page = tmp_path / f"page-{n}.html"
        page.write_text(_page(n), encoding="utf-8")
        best = float("inf")
        for attempt in range(2):
            root = tmp_path / f"project-{n}-{attempt}"
            development_data(Path(__file__).resolve().parents[1], root)
            monkeypatch.setenv("KOREA_RUSSIA_ROOT", str(root))
            start = time.process_time()
            assert main(["add", str(page), "--force"]) == 0
            best = min(best, time.process_time() - start)
        capsys.readouterr()
        return best

    add(200)  # warm the caches and imports
    ratio = add(2000) / add(1000)
    assert ratio < 3.0, f"doubling the page multiplied the time by {ratio:.1f}"
