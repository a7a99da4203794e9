"""Quotation-mark spans: where a document quotes someone, found once per document."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Final

import attrs

__all__ = ["CLOSERS", "OPENERS", "QuoteIndex", "QuoteSegment", "is_full_quote", "scan_quotes"]

OPENERS: Final = "“«„"
CLOSERS: Final = "”»"


@attrs.frozen
class QuoteSegment:
    """The text between a pair of quotation marks: ``text[start:end]`` without the marks."""

    start: int
    end: int
    closed: bool


@attrs.define
class _Scanner:
    segments: list[QuoteSegment] = attrs.Factory(list)
    open_at: int | None = None

    def close(self, at: int, *, closed: bool) -> None:
        if self.open_at is not None:
            self.segments.append(QuoteSegment(self.open_at, at, closed=closed))
            self.open_at = None

    def step(self, i: int, char: str) -> None:
        if char == "\n":
            self.close(i, closed=False)  # a quote still open ends with its paragraph
        elif char in OPENERS:
            self.close(i, closed=False)
            self.open_at = i + 1
        elif char in CLOSERS:
            self.close(i, closed=True)  # a stray closing mark is ignored
        elif char == '"':
            if self.open_at is None:
                self.open_at = i + 1
            else:
                self.close(i, closed=True)


def _trimmed(text: str, seg: QuoteSegment) -> QuoteSegment | None:
    start, end = seg.start, seg.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return QuoteSegment(start, end, seg.closed) if end > start else None


def scan_quotes(text: str) -> list[QuoteSegment]:
    """Find quoted stretches, tolerating straight, curly, unbalanced and multi-paragraph quotes.

    A quote still open at the end of a paragraph ends there (news style continues a long
    quote in the next paragraph with a fresh opening mark). A stray closing mark is ignored.

    >>> from geoevents.analysis.quotemarks import scan_quotes
    >>> t = '“We will meet,” he said. "Soon."'
    >>> [t[s.start:s.end] for s in scan_quotes(t)]
    ['We will meet', 'Soon.']
    """
    scanner = _Scanner()
    for i, char in enumerate(text):
        if char == "\n" or char == '"' or char in OPENERS or char in CLOSERS:
            scanner.step(i, char)
    scanner.close(len(text), closed=False)
    return [seg for s in scanner.segments if (seg := _trimmed(text, s)) is not None]


def is_full_quote(text: str) -> bool:
    """A quote that stands as a statement of its own (not a quoted word or phrase)."""
    words = re.findall(r"\w+", text)
    first = text.lstrip("…. ")[:1]
    return len(words) >= 4 and (first.isupper() or first.isdigit())


@attrs.frozen
class QuoteIndex:
    """The quotation-mark spans of one document, with the ones that read as statements.

    Lookups bisect the (sorted, disjoint) spans, so they cost a logarithm, not a scan.
    """

    segments: Sequence[QuoteSegment]
    full: Sequence[bool]
    _starts: list[int] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_starts", [s.start for s in self.segments])

    @classmethod
    def of(cls, text: str) -> QuoteIndex:
        """Scan ``text`` once."""
        segments = scan_quotes(text)
        return cls(segments, [is_full_quote(text[s.start:s.end]) for s in segments])

    def _near(self, start: int, end: int) -> range:
        """Indices of the segments that may touch ``[start, end)`` (one mark of slack)."""
        lo = max(0, bisect.bisect_right(self._starts, start + 1) - 2)
        hi = bisect.bisect_right(self._starts, end + 2)
        return range(lo, hi)

    def covers(self, position: int) -> bool:
        """Whether character ``position`` lies inside quotation marks (marks included)."""
        return any(self.segments[i].start - 1 <= position < self.segments[i].end + 1
                   for i in self._near(position, position + 1))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps any quoted stretch."""
        return any(self.segments[i].start < end and start < self.segments[i].end
                   for i in self._near(start, end))

    def within_full(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside one full (statement-like) quote."""
        return any(self.full[i] and self.segments[i].start - 2 <= start
                   and end <= self.segments[i].end + 2 for i in self._near(start, end))
