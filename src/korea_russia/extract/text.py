"""Sentence spans and parenthesis masks: the context a figure or an event is read in."""

import re
from bisect import bisect_right

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


class Sentences:
    """Looks up the sentence around any offset of one document.

    Sentence bounds are found in the paragraph around the offset only (a paragraph ends at
    a line break, which always ends a sentence), so a long text with few figures is not
    split from end to end.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._paragraphs: dict[int, list[int]] = {}

    def _starts(self, offset: int) -> tuple[list[int], int]:
        """Sentence starts of the paragraph holding `offset`, and the paragraph's end."""
        first = self.text.rfind("\n", 0, offset) + 1
        last = self.text.find("\n", offset)
        last = len(self.text) if last < 0 else last
        if first not in self._paragraphs:
            self._paragraphs[first] = [first + s for s in sentence_bounds(self.text[first:last])]
        return self._paragraphs[first], last

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


_INNERMOST = re.compile(r"\([^()]*\)")


def mask_parentheses(text: str) -> str:
    """`text` with every bracketed aside, brackets included, replaced by spaces (offsets kept).

    Asides in brackets ("(though the arrangements were made back in 2014)") carry dates
    and numbers that do not belong to the sentence's main statement.
    """
    if "(" not in text:
        return text
    while True:
        masked = _INNERMOST.sub(lambda m: " " * len(m.group()), text)
        if masked == text:
            return masked
        text = masked
