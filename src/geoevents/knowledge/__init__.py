"""Data tables the extractors read: cue words, missile classes, countries (JSON files)."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

import attrs

__all__ = ["Lexicon", "lexicon", "load_table"]


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


@functools.cache
def lexicon() -> Lexicon:
    """The lexicon, read once from ``lexicon.json`` and ``missiles.json``."""
    words = load_table("lexicon.json")
    classes = tuple((pattern, cls) for pattern, cls in load_table("missiles.json")["classes"])
    fields = {name: frozenset(values) for name, values in words.items()}
    return Lexicon(missile_classes=classes, **fields)
