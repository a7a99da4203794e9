"""The lexicon's verb-lemma cache stays bounded however many distinct words it sees."""

import attrs
import pytest

import geoevents.knowledge
from geoevents.knowledge import lexicon


def test_verb_lemma_cache_keeps_at_most_its_maximum(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(geoevents.knowledge, "MAX_CACHED_LEMMAS", 50)
    words = attrs.evolve(lexicon())  # a fresh, empty cache
    for n in range(500):
        words.verb_lemma(f"noise{n}ed", f"noise{n}ed")
    assert len(words._lemmas) == 50
    assert words.verb_lemma("reiterated", "reiterated") == "reiterate"
    assert ("noise499ed", "noise499ed") in words._lemmas  # the newest stay
    assert ("noise0ed", "noise0ed") not in words._lemmas
