"""The verb-lemma cache stays bounded however many distinct words it sees."""

from geoevents.knowledge import MAX_CACHED_LEMMAS, verb_lemma


def test_verb_lemma_cache_keeps_at_most_its_maximum() -> None:
    verb_lemma.cache_clear()
    for n in range(MAX_CACHED_LEMMAS + 500):
        verb_lemma(f"noise{n}ed", f"noise{n}ed")
    info = verb_lemma.cache_info()
    assert info.maxsize == MAX_CACHED_LEMMAS
    assert info.currsize == MAX_CACHED_LEMMAS
    assert verb_lemma("reiterated", "reiterated") == "reiterate"
    verb_lemma.cache_clear()
