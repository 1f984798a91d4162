"""Sentence spans and parenthesis masks: the context a figure or an event is read in."""

import functools
import re
from bisect import bisect_right
from itertools import pairwise

# A sentence ends at . ! ? (and any closing quote or bracket) followed by white space and
# an opening capital, quote, bullet or digit, or at a line break. Abbreviations like
# "U.S." or "Mr." do not end one.
_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[•A-Z0-9])|\n")
_ABBREV = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|Nos|vs|etc|approx|Inc|Corp|Ltd|Co|Jr|Sr|"
    r"Gen|Lt|Col|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|e\.g|i\.e)\.)$"
)
_STRIP = " \t\r\n\f\v\u00a0•*-–—·"


def sentence_bounds(text: str) -> list[int]:
    """Start offsets of the sentences of `text` (the first is 0)."""
    starts = [0]
    for match in _END.finditer(text):
        cut = match.start()
        if match.group().startswith(".") and _ABBREV.search(text[max(0, cut - 12) : cut + 1]):
            continue
        starts.append(match.end() if match.group() != "\n" else cut + 1)
    return starts


_BLOCK = re.compile(r"\n[^\S\n]*\n")
_CLOSED = re.compile(r"[.!?:;\"”’)]\s*$")  # a line that ends a sentence or a list item


def unwrap(text: str) -> str:
    """`text` with the line breaks of hard-wrapped paragraphs (wire copy set at a fixed width,
    "…agreed to send Russian natural gas through a pipeline to South Korea via North\n
    Korea starting in 2015.") turned into spaces, so a sentence runs on across them. Offsets
    are kept. A block counts as hard-wrapped when it has three or more lines and most of
    the lines that stop mid-sentence are nearly as long as the longest, at most 100 characters."""
    if "\n" not in text:
        return text
    out: list[str] = []  # the text up to `done`, wrapped blocks joined
    start = done = 0
    for block_end in [m.start() for m in _BLOCK.finditer(text)] + [len(text)]:
        block = text[start:block_end]
        lines = block.split("\n")
        open_ends = [len(line.rstrip()) for line in lines[:-1] if not _CLOSED.search(line)]
        if len(lines) >= 3 and len(open_ends) >= 2 and 40 <= max(open_ends) <= 100:
            wide = sum(n >= 0.75 * max(open_ends) for n in open_ends)
            if wide >= 0.75 * len(open_ends):
                out += [text[done:start], block.replace("\n", " ")]
                done = block_end
        start = block_end + 1
    return "".join([*out, text[done:]]) if out else text


# The longest sentence a quote holds. News sentences run to about 450 characters (the
# longest in the development articles and the dev set); text with no full stops (a table
# pasted as one line, a list run together) is cut into pieces of at most this length, at a
# clause mark where there is one, so that no quote repeats a whole page and the work per
# sentence stays bounded.
LONGEST = 1000
_CLAUSE = re.compile(r"[;,:]\s|\s[–—]\s")
_SPACE = re.compile(r"(?<![\d$€£¥₩₽])\s(?![\d$€£¥₩₽])")  # not inside "US$ 42 billion"
_ANY_SPACE = re.compile(r"\s")


def pieces(text: str, start: int, end: int, longest: int = LONGEST) -> list[int]:
    """Start offsets of `text[start:end]` cut into pieces of at most `longest` characters:
    after the last clause mark in the second half of each piece, else at the last space
    that is not next to a number or a currency sign, else at the last space, else anywhere."""
    starts = [start]
    while end - starts[-1] > longest:
        at, limit = starts[-1], starts[-1] + longest
        cut = None
        for pattern in (_CLAUSE, _SPACE, _ANY_SPACE):
            for m in pattern.finditer(text, at + longest // 2, limit):
                cut = m.end()
            if cut is not None:
                break
        starts.append(cut or limit)
    return starts


class Sentences:
    """Looks up the sentence around any offset of one document.

    Sentence bounds are found in the paragraph around the offset only (a paragraph ends at
    a line break, which always ends a sentence), so a long text with few figures is not
    split from end to end. A sentence longer than LONGEST is cut into pieces (`pieces`).
    """

    def __init__(self, text: str) -> None:
        self.text = unwrap(text)  # the text with hard-wrapped lines joined (same offsets)
        self._breaks = [m.start() for m in re.finditer("\n", self.text)]
        self._paragraphs: dict[int, list[int]] = {}

    def _starts(self, offset: int) -> tuple[list[int], int]:
        """Sentence starts of the paragraph holding `offset`, and the paragraph's end."""
        first, last = self.line(offset)
        if first not in self._paragraphs:
            bounds = [first + s for s in sentence_bounds(self.text[first:last])] + [last]
            self._paragraphs[first] = [
                p for a, b in pairwise(bounds) for p in pieces(self.text, a, b)
            ] or [first]
        return self._paragraphs[first], last

    def line(self, offset: int) -> tuple[int, int]:
        """(start, end) of the line holding `offset`, without its line break."""
        i = bisect_right(self._breaks, offset - 1)  # line breaks before `offset`
        first = self._breaks[i - 1] + 1 if i else 0
        return first, self._breaks[i] if i < len(self._breaks) else len(self.text)

    def span(self, offset: int) -> tuple[int, int]:
        """(start, end) of the sentence holding `offset`, trimmed of bullets and white space."""
        starts, last = self._starts(offset)
        i = bisect_right(starts, offset) - 1
        start = starts[i]
        end = starts[i + 1] if i + 1 < len(starts) else last
        while start < end and self.text[start] in _STRIP:
            start += 1
        while end > start and self.text[end - 1] in " \t\r\n\f\v\u00a0":
            end -= 1
        return start, max(end, start)


@functools.lru_cache(maxsize=2)
def sentences_of(text: str) -> Sentences:
    """The Sentences of `text`, shared by the extractors that read one document in turn
    (figures, then events: the text is unwrapped and its lines found once)."""
    return Sentences(text)


_BRACKET = re.compile(r"[()]")


def mask_parentheses(text: str) -> str:
    """`text` with every bracketed aside, brackets included, replaced by spaces (offsets kept).

    Asides in brackets ("(though the arrangements were made back in 2014)") carry dates
    and numbers that do not belong to the sentence's main statement.
    """
    if "(" not in text:
        return text
    asides: list[tuple[int, int]] = []  # from an opening bracket to past its closing one
    opened: list[int] = []
    for m in _BRACKET.finditer(text):
        if m.group() == "(":
            opened.append(m.start())
        elif opened:
            asides.append((opened.pop(), m.end()))
    out, done = [], 0
    for start, end in sorted(asides):  # nested asides lie inside the one around them
        if end <= done:
            continue
        start = max(start, done)
        out += [text[done:start], " " * (end - start)]
        done = end
    out.append(text[done:])
    return "".join(out)
