"""The front door: from text (or a stanza document) to :class:`DocumentEvents`."""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from geoevents.analysis import DocumentAnalysis, analyze
from geoevents.errors import (
    DocumentError,
    DocumentTooLongError,
    GeoEventsError,
    InvalidDateError,
    InvalidInputError,
)
from geoevents.events import DocumentEvents
from geoevents.kinds import Extractor, get_kind, kinds_in_order, registered_kinds
from geoevents.nlp.annotation import AnnotatedDocument
from geoevents.nlp.pipeline import (
    Annotator,
    ModelInfo,
    ModelSource,
    TextAnnotator,
    to_annotated,
)
from geoevents.provenance import DocumentInfo

__all__ = ["Article", "EventExtractor", "default_extractors", "parse_published"]


def parse_published(value: dt.date | str | None, *, doc_id: str | None = None) -> dt.date | None:
    """A publication date from a ``date``, a ``datetime`` or an ISO string (``YYYY-MM-DD``).

    >>> parse_published("2021-04-01")
    datetime.date(2021, 4, 1)
    """
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text[:10]) if len(text) >= 10 else (
                dt.date.fromisoformat(text))
        except ValueError:
            pass
    raise InvalidDateError(
        f"published must be a date or an ISO string like 2021-04-01, got {value!r}",
        doc_id=doc_id, field="published",
    )


def _as_text(value: object, doc_id: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes | bytearray):
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError as error:
            raise InvalidInputError(
                f"text is not valid UTF-8 ({error.reason} at byte {error.start}); decode it "
                "first, e.g. data.decode('latin-1')", doc_id=doc_id, field="text",
            ) from None
    raise InvalidInputError(
        f"text must be str, got {type(value).__name__}", doc_id=doc_id, field="text"
    )


@attrs.frozen
class Article:
    """One input document for :meth:`EventExtractor.extract_many`."""

    text: str
    id: str = "doc"
    published: dt.date | None = attrs.field(default=None, converter=parse_published)
    url: str | None = None
    publisher: str | None = None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, default_id: str = "doc") -> Article:
        """Build from a dict with ``text`` and optional ``id``, ``published``, ``url``,
        ``publisher`` (the JSONL input format); raises :class:`InvalidInputError`."""
        doc_id = str(data.get("id") or default_id)
        if "text" not in data:
            raise InvalidInputError("missing 'text'", doc_id=doc_id, field="text")
        return cls(
            text=_as_text(data["text"], doc_id),
            id=doc_id,
            published=parse_published(data.get("published"), doc_id=doc_id),
            url=_optional_str(data.get("url")),
            publisher=_optional_str(data.get("publisher")),
        )

    @property
    def info(self) -> DocumentInfo:
        return DocumentInfo(id=self.id, url=self.url, publisher=self.publisher,
                            published=self.published)


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)


DEFAULT_MAX_CHARS = 500_000
"""The default per-document character budget (:class:`EventExtractor`'s ``max_chars``)."""


def default_extractors() -> list[Extractor[Any]]:
    """One extractor per registered kind that runs by default (the built-in three, and
    any kind registered with ``default=True``)."""
    return [kind.extractor() for kind in registered_kinds()
            if kind.default and kind.extractor is not None]


class EventExtractor:
    """Extract meetings, missile launches and quotes from English news text.

    ``extractors`` chooses which extractors run (default: one per registered kind, see
    :func:`~geoevents.register_kind`); any object following the
    :class:`~geoevents.Extractor` protocol can be added.
    ``model`` is ``"bundled"`` (the compact model shipped in the package) or ``"official"``
    (stanza's English models, installed with ``geoevents download``). Nothing touches the
    network. The stanza pipeline is loaded on first use and shared. ``annotator`` replaces
    the stanza backend altogether (any :class:`~geoevents.nlp.pipeline.TextAnnotator`).
    ``max_chars`` is the per-document character budget: a longer text is refused with
    :class:`~geoevents.DocumentTooLongError` (a skipped document in
    :meth:`extract_many`), never cut silently; ``None`` lifts it.
    """

    def __init__(
        self,
        extractors: Sequence[Extractor[Any]] | None = None,
        *,
        model: ModelSource | str = ModelSource.BUNDLED,
        model_dir: str | os.PathLike[str] | None = None,
        use_gpu: bool = False,
        batch_size: int = 16,
        annotator: TextAnnotator | None = None,
        max_chars: int | None = DEFAULT_MAX_CHARS,
    ) -> None:
        if max_chars is not None and max_chars < 1:
            raise InvalidInputError(f"max_chars must be >= 1 or None, got {max_chars}",
                                    field="max_chars")
        self.max_chars = max_chars
        if batch_size < 1:
            raise InvalidInputError(f"batch_size must be >= 1, got {batch_size}",
                                    field="batch_size")
        self.extractors: tuple[Extractor[Any], ...] = tuple(
            extractors if extractors is not None else default_extractors()
        )
        for extractor in self.extractors:
            if not isinstance(extractor, Extractor):
                raise InvalidInputError(
                    f"{extractor!r} is not an extractor: it needs a `kind` and an "
                    "`extract(doc)` method", field="extractors",
                )
        self.annotator: TextAnnotator = annotator if annotator is not None else Annotator(
            model, model_dir=model_dir, use_gpu=use_gpu)
        self.batch_size = batch_size

    def model_info(self) -> ModelInfo:
        """Facts about the models in use (name, path, size, scores)."""
        return self.annotator.info()

    def extract(
        self,
        text: str | Any,
        *,
        doc_id: str = "doc",
        published: dt.date | str | None = None,
        url: str | None = None,
        publisher: str | None = None,
    ) -> DocumentEvents:
        """Events in one document.

        ``text`` is the article text, or a ``stanza.Document`` annotated by the caller
        (tokenize, pos, lemma and depparse needed; ner used when present). ``published``
        anchors relative dates such as "last week".
        """
        info = DocumentInfo(id=doc_id, url=url, publisher=publisher,
                            published=parse_published(published, doc_id=doc_id))
        if hasattr(text, "sentences") and hasattr(text, "text"):
            return self.extract_annotated(to_annotated(text, info))
        article = Article(text=_as_text(text, doc_id), id=doc_id, published=info.published,
                          url=url, publisher=publisher)
        return self.extract_annotated(self._annotate([self._within_budget(article)])[0])

    def extract_many(
        self,
        documents: Iterable[Article | Mapping[str, Any] | str],
        *,
        on_error: Callable[[DocumentError], None] | None = None,
    ) -> Iterator[DocumentEvents]:
        """Events for many documents, lazily, annotated ``batch_size`` documents at a time.

        Output order follows input order. A bad document raises
        :class:`~geoevents.DocumentError`, unless ``on_error`` is given: then it receives
        the error and the batch goes on without that document.
        """
        numbered = enumerate(documents)
        while batch := list(itertools.islice(numbered, self.batch_size)):
            articles: list[Article] = []
            for number, item in batch:
                try:
                    articles.append(self._within_budget(self._article(item, number)))
                except GeoEventsError as error:
                    self._fail(error, error.doc_id or f"#{number}", on_error)
            if not articles:
                continue
            try:
                annotated = self._annotate(articles)
            except GeoEventsError:
                raise
            except Exception:  # one document broke the batch: redo them one by one
                annotated = []
                for article in articles:
                    try:
                        annotated.extend(self._annotate([article]))
                    except Exception as error:
                        self._fail(error, article.id, on_error)
            for doc in annotated:
                try:
                    yield self.extract_annotated(doc)
                except Exception as error:
                    self._fail(error, doc.info.id, on_error)

    @staticmethod
    def _fail(error: Exception, doc_id: str,
              on_error: Callable[[DocumentError], None] | None) -> None:
        reason = error.reason if isinstance(error, GeoEventsError) else (
            f"{type(error).__name__}: {error}")
        wrapped = DocumentError(reason, doc_id=doc_id)
        if on_error is None:
            raise wrapped from error
        on_error(wrapped)

    @staticmethod
    def _article(item: Article | Mapping[str, Any] | str, number: int) -> Article:
        if isinstance(item, Article):
            return item
        if isinstance(item, str):
            return Article(text=item, id=f"doc-{number}")
        if isinstance(item, Mapping):
            return Article.from_mapping(item, default_id=f"doc-{number}")
        raise InvalidInputError(
            f"expected an Article, a mapping or a str, got {type(item).__name__}",
            doc_id=f"#{number}",
        )

    def _within_budget(self, article: Article) -> Article:
        if self.max_chars is not None and len(article.text) > self.max_chars:
            raise DocumentTooLongError(len(article.text), self.max_chars, doc_id=article.id)
        return article

    def _annotate(self, articles: Sequence[Article]) -> list[AnnotatedDocument]:
        return self.annotator.annotate([a.text for a in articles], [a.info for a in articles])

    def extract_annotated(self, doc: AnnotatedDocument) -> DocumentEvents:
        """Run the extractors over an already annotated document and merge duplicates.

        The document is analysed once (:func:`~geoevents.analysis.analyze`); every
        extractor reads that analysis. Events are grouped by kind, each registered kind's
        merge rule makes one event per real-world event, and then each kind's ``relate``
        rule (where it has one) links its events to the merged events of every kind.
        """
        analysis = analyze(doc)
        found: dict[str, list[Any]] = {}
        for extractor in self.extractors:
            for event in extractor.extract(analysis):
                kind = getattr(type(event), "kind", None)
                found.setdefault(kind if isinstance(kind, str) else extractor.kind,
                                 []).append(event)
        by_kind: dict[str, tuple[Any, ...]] = {}
        for name in kinds_in_order(found):
            registered = get_kind(name)
            events = found[name]
            by_kind[name] = tuple(registered.merge(events) if registered else events)
        return DocumentEvents(document=doc.info, by_kind=_related(analysis, by_kind),
                              notes=doc.notes)


def _related(analysis: DocumentAnalysis,
             merged: dict[str, tuple[Any, ...]]) -> dict[str, tuple[Any, ...]]:
    """Each kind's events after its ``relate`` rule; every rule sees the same merged events
    (none sees another's changes), so the order of the kinds does not matter."""
    snapshot = MappingProxyType(dict(merged))
    related = dict(merged)
    for name, events in merged.items():
        registered = get_kind(name)
        if registered is not None and registered.relate is not None:
            related[name] = tuple(registered.relate(analysis, events, snapshot))
    return related
