"""Data tables the extractors read: cue words, missile classes, countries (JSON files)."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

import attrs

__all__ = ["Lexicon", "lexicon", "load_table"]

MAX_CACHED_LEMMAS = 20_000
"""At most this many verb forms are remembered by :meth:`Lexicon.verb_lemma` (the oldest
go first): the cache is keyed by the text, so it must not grow with every new word."""


def load_table(name: str) -> Any:
    """Parse the JSON table ``name`` shipped in this package."""
    return json.loads(resources.files(__name__).joinpath(name).read_text("utf-8"))


@attrs.frozen
class Lexicon:
    """Word lists (lower-case lemmas unless noted) that drive the rule-based extractors."""

    speech_verbs: frozenset[str]
    strong_speech_verbs: frozenset[str]
    meeting_verbs: frozenset[str]
    meeting_nouns: frozenset[str]
    call_words: frozenset[str]
    future_words: frozenset[str]
    cancel_words: frozenset[str]
    hypothetical_words: frozenset[str]
    launch_verbs: frozenset[str]
    missile_nouns: frozenset[str]
    launch_nouns: frozenset[str]
    non_launch_words: frozenset[str]
    failure_words: frozenset[str]
    success_words: frozenset[str]
    person_title_nouns: frozenset[str]
    group_nouns: frozenset[str]
    missile_classes: tuple[tuple[str, str], ...]
    irregular_verb_forms: dict[str, str] = attrs.field(factory=dict, hash=False)
    _lemmas: dict[tuple[str, str], str] = attrs.field(
        factory=dict, hash=False, eq=False, repr=False, init=False)

    @functools.cached_property
    def _verbs(self) -> frozenset[str]:
        return self.speech_verbs | self.meeting_verbs | self.launch_verbs

    def verb_lemma(self, text: str, lemma: str) -> str:
        """The lemma of a verb form, trusting the word itself when a weak tagger erred.

        >>> lexicon().verb_lemma("reiterated", "reiterated")
        'reiterate'
        """
        key = (text, lemma)
        found = self._lemmas.get(key)
        if found is None:
            if len(self._lemmas) >= MAX_CACHED_LEMMAS:
                del self._lemmas[next(iter(self._lemmas))]
            found = self._lemmas[key] = self._verb_lemma(text.lower(), lemma.lower())
        return found

    def _verb_lemma(self, word: str, lemma: str) -> str:
        if word in self.irregular_verb_forms:
            return self.irregular_verb_forms[word]
        known = self._verbs
        if lemma in known:
            return lemma
        for suffix, replacement in (("ied", "y"), ("ies", "y"), ("ed", "e"), ("ed", ""),
                                    ("es", ""), ("s", ""), ("ing", "e"), ("ing", "")):
            if word.endswith(suffix) and word[: -len(suffix)] + replacement in known:
                return word[: -len(suffix)] + replacement
        return lemma


@functools.cache
def lexicon() -> Lexicon:
    """The lexicon, read once from ``lexicon.json`` and ``missiles.json``."""
    words = load_table("lexicon.json")
    classes = tuple((pattern, cls) for pattern, cls in load_table("missiles.json")["classes"])
    irregular = words.pop("irregular_verb_forms")
    fields = {name: frozenset(values) for name, values in words.items()}
    return Lexicon(missile_classes=classes, irregular_verb_forms=irregular, **fields)
