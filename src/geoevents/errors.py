"""The exceptions geoevents raises.

The tree, in the manner of httpx::

    GeoEventsError                     base of everything raised on purpose
    ├── InvalidInputError (ValueError)  an argument or input document is unusable
    │   ├── InvalidDateError            a publication date that is not YYYY-MM-DD
    │   └── DocumentTooLongError        a text over the per-document character budget
    ├── ModelError                      the NLP models cannot be found or loaded
    │   └── ModelNotFoundError (FileNotFoundError)
    └── DocumentError                   one document failed inside a batch

Each carries the id of the document concerned (``doc_id``, ``None`` when no document is
involved) and a ``reason`` that says what to do. Errors that are about a bad value also
subclass :class:`ValueError`, so ``except ValueError`` keeps working in callers' code.
"""

from __future__ import annotations

__all__ = [
    "DocumentError",
    "DocumentTooLongError",
    "GeoEventsError",
    "InvalidDateError",
    "InvalidInputError",
    "ModelError",
    "ModelNotFoundError",
]


class GeoEventsError(Exception):
    """Base class of every exception geoevents raises on purpose."""

    def __init__(self, reason: str, *, doc_id: str | None = None) -> None:
        self.reason = reason
        self.doc_id = doc_id
        super().__init__(f"[{doc_id}] {reason}" if doc_id is not None else reason)


class InvalidInputError(GeoEventsError, ValueError):
    """An argument or an input document cannot be used as given."""

    def __init__(
        self, reason: str, *, doc_id: str | None = None, field: str | None = None
    ) -> None:
        self.field = field
        super().__init__(reason, doc_id=doc_id)


class InvalidDateError(InvalidInputError):
    """A publication date that is not an ISO date (``YYYY-MM-DD``)."""


class DocumentTooLongError(InvalidInputError):
    """A text longer than the per-document character budget
    (``EventExtractor(max_chars=...)``); ``length`` and ``limit`` say by how much."""

    def __init__(self, length: int, limit: int, *, doc_id: str | None = None) -> None:
        self.length = length
        self.limit = limit
        super().__init__(
            f"text has {length:,} characters, over the budget of {limit:,} per document; "
            "split it, or raise the budget with EventExtractor(max_chars=...) "
            "(geoevents extract --max-chars)", doc_id=doc_id, field="text")


class ModelError(GeoEventsError):
    """The NLP models could not be found or loaded."""


class ModelNotFoundError(ModelError, FileNotFoundError):
    """A model directory or file does not exist."""


class DocumentError(GeoEventsError):
    """One document of a batch failed; the batch goes on without it."""
