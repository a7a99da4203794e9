"""The event-kind registry: a kind defined only here gets extraction, merging, JSON round
trip, the JSON Schema and the CLI's pretty output, with no edit anywhere else (pure logic:
a fake NLP backend and a hand-built sentence)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Sequence
from typing import ClassVar

import attrs
import jsonschema
import pytest

from geoevents import (
    AnnotatedDocument,
    DocumentAnalysis,
    DocumentInfo,
    EventExtractor,
    EventKind,
    InvalidInputError,
    Sentence,
    Span,
    Token,
    event_from_dict,
    json_schema,
    register_kind,
    registered_kinds,
    to_json,
)
from geoevents.cli import _pretty
from geoevents.kinds import get_kind, load_entry_point_kinds, unregister_kind
from geoevents.nlp.pipeline import ModelInfo, ModelSource


@attrs.frozen(kw_only=True)
class Embargo:
    """Somebody declared an embargo (a kind that exists only in this test)."""

    kind: ClassVar[str] = "embargo"
    document: DocumentInfo
    target: str
    evidence: tuple[Span, ...]
    confidence: float


class EmbargoExtractor:
    kind = "embargo"

    def extract(self, doc: DocumentAnalysis) -> Iterator[Embargo]:
        for sent in doc.sentences:
            for token in sent.tokens:
                if token.lemma == "embargo":
                    yield Embargo(document=doc.info, target=sent.tokens[-2].text,
                                  evidence=(sent.span(token.index, token.index, doc.text),),
                                  confidence=0.5)


def merge_embargoes(found: Sequence[Embargo]) -> list[Embargo]:
    merged: dict[str, Embargo] = {}
    for event in found:
        first = merged.setdefault(event.target, event)
        if first is not event:
            merged[event.target] = attrs.evolve(first, evidence=first.evidence + event.evidence)
    return list(merged.values())


TEXT = "Embargo on Ruritania. An embargo on Ruritania."


def _sentence(index: int, start: int, words: list[str]) -> Sentence:
    tokens, offset = [], start
    for i, word in enumerate(words):
        if word == ".":
            offset -= 1
        lemma = word.lower()
        tokens.append(Token(i, word, lemma, "PUNCT" if word == "." else "NOUN", "NN",
                            -1 if i == 0 else 0, "root" if i == 0 else "dep", offset,
                            offset + len(word)))
        offset += len(word) + 1
    return Sentence(index, TEXT[start:tokens[-1].end], start, tokens[-1].end, tuple(tokens))


class FakeAnnotator:
    def annotate(self, texts: Sequence[str],
                 infos: Sequence[DocumentInfo]) -> list[AnnotatedDocument]:
        sentences = (_sentence(0, 0, ["Embargo", "on", "Ruritania", "."]),
                     _sentence(1, 22, ["An", "embargo", "on", "Ruritania", "."]))
        return [AnnotatedDocument(text, info, sentences) for text, info in zip(
            texts, infos, strict=True)]

    def info(self) -> ModelInfo:
        return ModelInfo("fake", ModelSource.BUNDLED, "-", 0)


@pytest.fixture
def embargo_kind() -> Iterator[EventKind[Embargo]]:
    kind = register_kind(EventKind("embargo", Embargo, extractor=EmbargoExtractor,
                                   merge=merge_embargoes, summary=lambda e: f"on {e.target}"))
    yield kind
    unregister_kind("embargo")


def test_a_registered_kind_runs_by_default_and_is_merged(
        embargo_kind: EventKind[Embargo]) -> None:
    assert TEXT[22:] == "An embargo on Ruritania."
    extractor = EventExtractor(annotator=FakeAnnotator())
    assert [e.kind for e in extractor.extractors][-1] == "embargo"
    result = extractor.extract(TEXT, doc_id="d1")
    [embargo] = result.of_kind("embargo")
    assert embargo.target == "Ruritania"
    assert [s.text for s in embargo.evidence] == ["Embargo", "embargo"]  # two mentions, one event
    assert result.extra == (embargo,)
    assert list(result.by_kind) == ["embargo"]


def test_a_registered_kind_round_trips_through_json_and_the_schema(
        embargo_kind: EventKind[Embargo]) -> None:
    event = Embargo(document=DocumentInfo("d1"), target="Ruritania",
                    evidence=(Span(0, 0, 7, "Embargo"),), confidence=0.5)
    data = json.loads(to_json(event))
    assert data["kind"] == "embargo" and data["document_id"] == "d1"
    assert event_from_dict(data) == event
    schema = json_schema()
    assert {"$ref": "#/$defs/Embargo"} in schema["oneOf"]
    jsonschema.validate(data, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "target": 3}, schema)


def test_a_registered_kind_has_a_pretty_line(embargo_kind: EventKind[Embargo]) -> None:
    result = EventExtractor(annotator=FakeAnnotator()).extract(TEXT, doc_id="d1")
    out = io.StringIO()
    _pretty(result, out)
    assert out.getvalue().splitlines() == ["== d1: 1 embargo", "  EMBARGO on Ruritania"]


def test_unregistered_events_are_kept_unmerged_in_order() -> None:
    class Plain:
        kind = "plain"

        def extract(self, doc: DocumentAnalysis) -> Iterator[str]:
            yield from ("a", "a")

    result = EventExtractor([Plain()], annotator=FakeAnnotator()).extract(TEXT)
    assert result.by_kind == {"plain": ("a", "a")}
    with pytest.raises(InvalidInputError, match="unknown event kind"):
        event_from_dict({"kind": "plain"})


def test_registration_guards(embargo_kind: EventKind[Embargo]) -> None:
    with pytest.raises(InvalidInputError, match="already registered"):
        register_kind(EventKind("embargo", Embargo))
    register_kind(EventKind("embargo", Embargo), replace=True)
    replaced = get_kind("embargo")
    assert replaced is not None and replaced.extractor is None
    with pytest.raises(InvalidInputError, match=r"Embargo\.kind"):
        register_kind(EventKind("sanction", Embargo))


def test_built_in_kinds_come_first() -> None:
    assert [k.name for k in registered_kinds()][:3] == ["meeting", "missile_launch", "quote"]


def test_entry_point_kinds_are_loaded_and_a_broken_plugin_is_skipped(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    class EntryPoint:
        def __init__(self, name: str, value: object) -> None:
            self.name, self.value, self._value = name, f"tests:{name}", value

        def load(self) -> object:
            if isinstance(self._value, Exception):
                raise self._value
            return self._value

    points = [EntryPoint("embargo", lambda: EventKind("embargo", Embargo)),
              EntryPoint("broken", ImportError("no such module"))]
    monkeypatch.setattr("geoevents.kinds.metadata.entry_points", lambda group: points)
    monkeypatch.setattr("geoevents.kinds._ENTRY_POINTS_LOADED", False)
    try:
        assert load_entry_point_kinds() == ["embargo"]
        assert get_kind("embargo") is not None
        assert "broken" in caplog.text
        assert load_entry_point_kinds() == []  # once per process
    finally:
        unregister_kind("embargo")
