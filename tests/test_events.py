"""The event model: stable ids and the stance enum (pure logic, no model)."""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import given

from geoevents import (
    Actor,
    ActorType,
    DateResolver,
    DocumentInfo,
    Quote,
    QuoteType,
    Span,
    Stance,
    event_from_dict,
    json_schema,
    to_json,
)
from geoevents.events import event_id

from .strategies import events


def _quote(doc_id: str = "d1", start: int = 10, **fields: object) -> Quote:
    text = "We condemn the launch"
    values: dict[str, object] = {
        "document": DocumentInfo(doc_id), "date": DateResolver(None).resolve("Monday"),
        "evidence": (Span(0, start, start + len(text), text),), "confidence": 0.9,
        "speaker": Actor("Ned Price", ActorType.PERSON, country="USA"), "text": text,
        "quote_type": QuoteType.DIRECT, "cue": "said", **fields,
    }
    return Quote(**values)  # type: ignore[arg-type]


def test_the_id_is_the_kind_and_a_hash_of_document_kind_and_first_span() -> None:
    quote = _quote()
    assert quote.id == event_id("d1", "quote", quote.evidence)
    assert quote.id.startswith("quote-") and len(quote.id) == len("quote-") + 12
    assert _quote().id == quote.id  # the same event gives the same id, run after run
    assert _quote(doc_id="d2").id != quote.id
    assert _quote(start=11).id != quote.id


def test_the_id_follows_the_evidence_through_evolve_and_ignores_other_fields() -> None:
    quote = _quote()
    assert attrs.evolve(quote, stance=Stance.OPPOSE, confidence=0.5).id == quote.id
    moved = attrs.evolve(quote, evidence=(Span(1, 40, 45, "later"), *quote.evidence))
    assert moved.id == event_id("d1", "quote", moved.evidence) != quote.id


def test_the_id_is_computed_never_passed_in() -> None:
    with pytest.raises(TypeError):
        _quote(id="quote-000000000000")


def test_an_event_without_evidence_still_has_an_id() -> None:
    assert _quote(evidence=()).id == event_id("d1", "quote", ())


@given(events)
def test_the_id_is_written_to_json_and_computed_again_on_loading(event: object) -> None:
    data = json.loads(to_json(event))
    assert data["id"] == event.id  # type: ignore[attr-defined]
    assert list(data)[:3] == ["document_id", "kind", "id"]
    assert event_from_dict({**data, "id": "ignored"}) == event


def test_the_schema_requires_an_id_on_every_built_in_kind() -> None:
    defs = json_schema()["$defs"]
    for name in ("Meeting", "MissileLaunch", "Quote"):
        assert defs[name]["properties"]["id"] == {"type": "string"}
        assert "id" in defs[name]["required"]


def test_stance_has_the_nine_positions_and_a_quote_asserts_by_default() -> None:
    assert [s.value for s in Stance] == ["support", "oppose", "accuse", "demand", "warn",
                                         "pledge", "deny", "assess", "assert"]
    quote = _quote()
    assert (quote.stance, quote.targets, quote.topics, quote.about) == (Stance.ASSERT, (), (), ())
