"""The data tables the rules read: vocabulary per kind, missile classes, countries (JSON).

Vocabulary is data, not code: every word list a rule consults lives in
``knowledge/vocabulary.json``, keyed by the part of the library that reads it, and is
loaded once into the typed sections of :class:`Vocabulary`. A key the file has and no
field reads (or a field the file lacks) is an error, so nothing in the file goes unused.

>>> from geoevents.knowledge import verb_lemma, vocabulary
>>> words = vocabulary()
>>> "meet" in words.meeting.meeting_verbs, "say" in words.quote.speech_verbs
(True, True)
>>> verb_lemma("reiterated", "reiterated")
'reiterate'
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any, TypeVar

import attrs

__all__ = [
    "ActorWords",
    "CommonWords",
    "LaunchWords",
    "MeetingWords",
    "PositionWords",
    "QuoteWords",
    "TimeWords",
    "Vocabulary",
    "load_table",
    "verb_lemma",
    "vocabulary",
]

Words = frozenset[str]


def load_table(name: str) -> Any:
    """Parse the JSON table ``name`` shipped in this package."""
    return json.loads(resources.files(__name__).joinpath(name).read_text("utf-8"))


@attrs.frozen
class CommonWords:
    """Words every rule may read: pronouns, negation, numbers, verb forms."""

    personal_pronouns: Words
    plural_pronouns: Words
    negation_words: Words
    relative_words: Words
    number_words: dict[str, int] = attrs.field(hash=False)
    vague_quantities: Words
    coordinators: Words
    pair_words: Words
    definite_determiners: Words
    refusal_verbs: Words
    indefinite_articles: Words
    irregular_verb_forms: dict[str, str] = attrs.field(hash=False)


@attrs.frozen
class TimeWords:
    """Words of time: date words, tense and modality cues."""

    date_words: Words
    period_nouns: Words
    reference_prepositions: Words
    temporal_marks: Words
    future_governors: Words
    future_modifiers: Words
    future_auxiliaries: Words
    schedule_verbs: Words
    hypothetical_words: Words
    earliest_markers: Words
    attempt_verbs: Words
    schedule_words: Words
    anchor_verbs: Words
    offset_days: dict[str, int] = attrs.field(hash=False)
    offset_directions: dict[str, int] = attrs.field(hash=False)
    sameness_words: Words


@attrs.frozen
class ActorWords:
    """Words that make or describe actors: titles, groups, organisations."""

    person_title_nouns: Words
    group_nouns: Words
    title_words: Words
    name_prefixes: Words
    organization_heads: Words
    organization_nouns: Words
    same_role: dict[str, tuple[str, ...]] = attrs.field(hash=False)
    non_referring_subjects: Words
    first_person_pronouns: Words
    second_person_pronouns: Words
    non_speaker_labels: Words
    leader_nouns: Words
    polity_nouns: Words
    country_nouns: Words


@attrs.frozen
class MeetingWords:
    """Meeting triggers, the words that rule a meeting out, and who may gather."""

    meeting_verbs: Words
    holding_verbs: Words
    arranging_verbs: Words
    gathering_verbs: Words
    hosting_verbs: Words
    held_nouns: Words
    noun_triggers: dict[str, str] = attrs.field(hash=False)
    travel_nouns: Words
    official_groups: Words
    venue_words: Words
    call_words: Words
    remote_words: Words
    cancel_words: Words
    addressing_verbs: Words
    partner_cases: Words
    attendance_cases: Words
    location_cases: Words
    companion_cases: Words
    visiting_verbs: Words
    circumstance_cases: Words
    group_cases: Words


@attrs.frozen
class LaunchWords:
    """Launch triggers, missile words, outcome words and landing prepositions."""

    launch_verbs: Words
    conduct_verbs: Words
    liftoff_verbs: Words
    launch_nouns: Words
    missile_nouns: Words
    non_launch_words: Words
    non_type_words: Words
    failure_words: Words
    success_words: Words
    strike_words: Words
    landing_cases: Words
    place_nouns: Words
    deterrence_verbs: Words
    additional_words: Words
    strike_nouns: Words


@attrs.frozen
class QuoteWords:
    """Speech verbs: all cues, the ones strong enough alone, the ones that take a clause."""

    speech_verbs: Words
    strong_speech_verbs: Words
    clause_only_verbs: Words
    quoting_verbs: Words
    judging_verbs: Words
    predicative_cases: Words
    infinitive_marks: Words
    statement_nouns: Words
    issuer_cases: Words


@attrs.frozen
class PositionWords:
    """The words quoted positions are read from.

    ``cues`` and ``words`` map a stance name to the cue verbs ("urge", "call on") and the
    content words and phrases ("unacceptable", "act of war") that take it;
    ``negated_words`` the words that take a stance only when negated ("do not accept");
    ``topics`` a topic key to its keywords; ``event_nouns`` an event kind to the nouns that
    refer to such an event ("the launch", "the talks"), ``event_topics`` a kind to the
    topic its events are about. Phrases are lemmas separated by spaces.
    """

    cues: dict[str, Words] = attrs.field(hash=False)
    words: dict[str, Words] = attrs.field(hash=False)
    negated_words: dict[str, Words] = attrs.field(hash=False)
    claim_nouns: Words
    concern_words: Words
    shared_modifiers: Words
    obligation_words: Words
    appeal_adjectives: Words
    expectation_verbs: Words
    hope_verbs: Words
    offer_modals: Words
    offer_verbs: Words
    hedge_modals: Words
    conditional_auxiliaries: Words
    continuation_verbs: Words
    condition_marks: Words
    escalation_verbs: Words
    concession_verbs: Words
    readiness_words: Words
    own_side_pronouns: Words
    reported_self_pronouns: Words
    thing_pronouns: Words
    person_nouns: Words
    collective_pronouns: Words
    analyst_words: Words
    government_nouns: Words
    audience_verbs: Words
    addressee_cases: Words
    agent_cases: Words
    topics: dict[str, Words] = attrs.field(hash=False)
    event_topics: dict[str, str] = attrs.field(hash=False)
    reaction_kinds: Words
    event_nouns: dict[str, Words] = attrs.field(hash=False)


@attrs.frozen
class Vocabulary:
    """All word lists, by section (see ``vocabulary.json``)."""

    common: CommonWords
    time: TimeWords
    actors: ActorWords
    meeting: MeetingWords
    missile_launch: LaunchWords
    quote: QuoteWords
    position: PositionWords
    missile_classes: tuple[tuple[str, str], ...]

    @functools.cached_property
    def known_verbs(self) -> Words:
        """Every verb lemma a rule looks for (to repair a weak tagger's lemmas)."""
        return (self.quote.speech_verbs | self.meeting.meeting_verbs
                | self.meeting.holding_verbs | self.meeting.gathering_verbs
                | self.meeting.hosting_verbs | self.meeting.visiting_verbs
                | self.missile_launch.launch_verbs
                | self.missile_launch.conduct_verbs | self.missile_launch.liftoff_verbs)


S = TypeVar("S")


def _section(cls: type[S], name: str, raw: dict[str, Any]) -> S:
    fields = {f.name: f for f in attrs.fields(cls)}  # type: ignore[arg-type]
    extra, missing = set(raw) - set(fields), set(fields) - set(raw)
    if extra or missing:
        raise ValueError(f"vocabulary.json section {name!r}: unknown keys {sorted(extra)}, "
                         f"missing keys {sorted(missing)}")
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, list):
            values[key] = frozenset(value)
        elif key == "same_role":
            values[key] = {k: tuple(v) for k, v in value.items()}
        elif all(isinstance(v, list) for v in value.values()):
            values[key] = {k: frozenset(v) for k, v in value.items()}  # a table of word lists
        else:
            values[key] = dict(value)
    return cls(**values)


_SECTIONS: dict[str, type[Any]] = {
    "common": CommonWords, "time": TimeWords, "actors": ActorWords, "meeting": MeetingWords,
    "missile_launch": LaunchWords, "quote": QuoteWords, "position": PositionWords,
}


@functools.cache
def vocabulary() -> Vocabulary:
    """The vocabulary, read once from ``vocabulary.json`` and ``missiles.json``."""
    raw = {k: v for k, v in load_table("vocabulary.json").items() if not k.startswith("_")}
    if set(raw) != set(_SECTIONS):
        raise ValueError(f"vocabulary.json sections {sorted(raw)} != {sorted(_SECTIONS)}")
    sections = {name: _section(cls, name, raw[name]) for name, cls in _SECTIONS.items()}
    classes = tuple((pattern, cls) for pattern, cls in load_table("missiles.json")["classes"])
    return Vocabulary(missile_classes=classes, **sections)


MAX_CACHED_LEMMAS = 16_384
"""At most this many verb forms are remembered by :func:`verb_lemma` (least recently used
go first): the cache is keyed by the text, so it must not grow with every new word."""

_SUFFIXES = (("ied", "y"), ("ies", "y"), ("ed", "e"), ("ed", ""), ("es", ""), ("s", ""),
             ("ing", "e"), ("ing", ""))


@functools.lru_cache(maxsize=MAX_CACHED_LEMMAS)
def verb_lemma(text: str, lemma: str) -> str:
    """The lemma of a verb form, trusting the word itself when a weak tagger erred.

    The answers are cached, at most :data:`MAX_CACHED_LEMMAS` of them (news vocabulary is
    open-ended).
    """
    word, lemma = text.lower(), lemma.lower()
    words = vocabulary()
    irregular = words.common.irregular_verb_forms
    if word in irregular:
        return irregular[word]
    known = words.known_verbs
    if lemma in known:
        return lemma
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and word[: -len(suffix)] + replacement in known:
            return word[: -len(suffix)] + replacement
    return lemma
