"""EventExtractor's batching and error handling, with a fake NLP backend (pure logic)."""

import datetime as dt
from collections.abc import Iterable, Sequence

import pytest

from geoevents import (
    AnnotatedDocument,
    Article,
    DocumentError,
    DocumentInfo,
    DocumentTooLongError,
    EventExtractor,
    InvalidDateError,
    InvalidInputError,
)
from geoevents.engine import DEFAULT_MAX_CHARS
from geoevents.nlp.pipeline import ModelInfo, ModelSource


class FakeAnnotator:
    """Annotates nothing: every document comes back with no sentences."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def annotate(self, texts: Sequence[str],
                 infos: Sequence[DocumentInfo]) -> list[AnnotatedDocument]:
        self.calls.append(len(texts))
        if any("BOOM" in t for t in texts):
            raise RuntimeError("backend exploded")
        return [AnnotatedDocument(t, i, ()) for t, i in zip(texts, infos, strict=True)]

    def info(self) -> ModelInfo:
        return ModelInfo("fake", ModelSource.BUNDLED, "-", 0)


class CountingExtractor:
    kind = "count"

    def extract(self, doc: AnnotatedDocument) -> Iterable[str]:
        if "FAIL" in doc.text:
            raise ValueError("extractor bug")
        yield f"{doc.info.id}:{len(doc.text)}"


def make(batch_size: int = 2) -> tuple[EventExtractor, FakeAnnotator]:
    fake = FakeAnnotator()
    return EventExtractor([CountingExtractor()], annotator=fake, batch_size=batch_size), fake


def test_batches_keep_order_and_ids() -> None:
    extractor, fake = make(batch_size=2)
    docs = [Article(text="x" * n, id=f"d{n}") for n in range(5)]
    results = list(extractor.extract_many(docs))
    assert [r.document.id for r in results] == ["d0", "d1", "d2", "d3", "d4"]
    assert [r.extra for r in results] == [(f"d{n}:{n}",) for n in range(5)]
    assert fake.calls == [2, 2, 1]


def test_bad_documents_are_reported_and_the_rest_survive() -> None:
    extractor, _ = make(batch_size=3)
    errors: list[DocumentError] = []
    docs: list[object] = [
        {"id": "ok1", "text": "fine"},
        {"id": "notext"},
        {"id": "baddate", "text": "x", "published": "yesterday"},
        {"id": "boom", "text": "BOOM"},
        {"id": "bug", "text": "FAIL"},
        {"id": "binary", "text": b"\xff\xfe"},
        42,
        "plain string document",
        {"id": "ok2", "text": "fine", "published": "2021-04-01"},
    ]
    results = list(extractor.extract_many(docs, on_error=errors.append))  # type: ignore[arg-type]
    assert [r.document.id for r in results] == ["ok1", "doc-7", "ok2"]
    assert results[2].document.published == dt.date(2021, 4, 1)
    failed = {e.doc_id: e.reason for e in errors}
    assert set(failed) == {"notext", "baddate", "boom", "bug", "binary", "#6"}
    assert "missing 'text'" in failed["notext"]
    assert "backend exploded" in failed["boom"]
    assert "UTF-8" in failed["binary"]


def test_without_on_error_a_bad_document_raises_document_error() -> None:
    extractor, _ = make()
    with pytest.raises(DocumentError) as info:
        list(extractor.extract_many([{"id": "x"}]))
    assert info.value.doc_id == "x"


def test_extract_validates_arguments() -> None:
    extractor, _ = make()
    with pytest.raises(InvalidDateError):
        extractor.extract("text", published="01/04/2021")
    with pytest.raises(InvalidInputError, match="must be str"):
        extractor.extract(12345)
    with pytest.raises(InvalidInputError, match="batch_size"):
        EventExtractor(batch_size=0)
    with pytest.raises(InvalidInputError, match="not an extractor"):
        EventExtractor([object()])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError, match="unknown model"):
        EventExtractor(model="large")


def test_empty_and_whitespace_text_give_no_events() -> None:
    extractor, _ = make()
    for text in ("", "   \n\t "):
        assert extractor.extract(text).events == (f"doc:{len(text)}",)


def test_published_accepts_dates_datetimes_and_strings() -> None:
    extractor, _ = make()
    for value in (dt.date(2021, 4, 1), dt.datetime(2021, 4, 1, 12), "2021-04-01",
                  "2021-04-01T09:00:00Z"):
        assert extractor.extract("x", published=value).document.published == dt.date(2021, 4, 1)


def test_a_text_over_the_character_budget_is_a_typed_error() -> None:
    fake = FakeAnnotator()
    extractor = EventExtractor([CountingExtractor()], annotator=fake, max_chars=10)
    assert extractor.extract("x" * 10).extra == ("doc:10",)
    with pytest.raises(DocumentTooLongError) as info:
        extractor.extract("x" * 11, doc_id="big")
    error = info.value
    assert isinstance(error, InvalidInputError) and isinstance(error, ValueError)
    assert (error.doc_id, error.length, error.limit, error.field) == ("big", 11, 10, "text")
    assert "11 characters, over the budget of 10" in error.reason
    assert fake.calls == [1]  # the long text never reached the backend


def test_in_a_batch_a_text_over_the_budget_is_skipped_with_its_reason() -> None:
    extractor = EventExtractor([CountingExtractor()], annotator=FakeAnnotator(), max_chars=5,
                               batch_size=2)
    errors: list[DocumentError] = []
    docs = [Article("short", id="a"), Article("much too long", id="b"), Article("fine", id="c")]
    results = list(extractor.extract_many(docs, on_error=errors.append))
    assert [r.document.id for r in results] == ["a", "c"]
    [error] = errors
    assert error.doc_id == "b" and "over the budget of 5" in error.reason


def test_the_budget_has_a_documented_default_and_can_be_lifted() -> None:
    assert EventExtractor(annotator=FakeAnnotator()).max_chars == DEFAULT_MAX_CHARS
    unbounded = EventExtractor([CountingExtractor()], annotator=FakeAnnotator(), max_chars=None)
    assert unbounded.extract("x" * (DEFAULT_MAX_CHARS + 1)).extra
    with pytest.raises(InvalidInputError, match="max_chars"):
        EventExtractor(annotator=FakeAnnotator(), max_chars=0)


def test_notes_of_the_annotation_reach_the_result() -> None:
    class NotingAnnotator(FakeAnnotator):
        def annotate(self, texts: Sequence[str],
                     infos: Sequence[DocumentInfo]) -> list[AnnotatedDocument]:
            return [AnnotatedDocument(t, i, (), notes=("cut",)) for t, i in
                    zip(texts, infos, strict=True)]

    extractor = EventExtractor([CountingExtractor()], annotator=NotingAnnotator())
    assert extractor.extract("text").notes == ("cut",)
