"""Where an event came from: the document and the exact character spans that support it."""

from __future__ import annotations

import datetime as dt

import attrs

__all__ = ["DocumentInfo", "Span"]


def _non_negative(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be >= 0, got {value}")


@attrs.frozen(order=True)
class Span:
    """A piece of the original document text.

    ``start`` and ``end`` are character offsets into the text given to
    :meth:`~geoevents.EventExtractor.extract` (``text[start:end] == span.text``);
    ``sentence`` is the index of the sentence that holds it.

    >>> Span(sentence=0, start=4, end=9, text="Korea")
    Span(sentence=0, start=4, end=9, text='Korea')
    """

    sentence: int = attrs.field(validator=_non_negative)
    start: int = attrs.field(validator=_non_negative)
    end: int = attrs.field(validator=_non_negative)
    text: str

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")


@attrs.frozen
class DocumentInfo:
    """The document an event was read from.

    ``published`` anchors relative dates ("last week", "on Friday"); without it such dates
    keep their text and get no value.
    """

    id: str
    url: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
