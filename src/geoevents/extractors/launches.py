"""Missile launches: which state, how many, what class, from where, landing where, when."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from geoevents.actors import (
    Actor,
    ActorType,
    country_code,
    country_name,
    demonym_country,
    is_country_name,
)
from geoevents.events import Codes, LaunchOutcome, Location, MissileClass, MissileLaunch
from geoevents.extractors.base import (
    event_date,
    is_hypothetical,
    is_negated,
    is_verb,
    is_verb_form,
    tense_of,
)
from geoevents.extractors.mentions import actor_at, location_at, phrase_indices, phrase_text
from geoevents.knowledge import lexicon
from geoevents.nlp.annotation import AnnotatedDocument, EntityType, Sentence, Token

__all__ = ["MissileLaunchExtractor", "missile_class"]

_TEST_CODES = Codes(cameo="150", plover="MOBILIZE")
_STRIKE_CODES = Codes(cameo="195", plover="ASSAULT")
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "pair": 2, "both": 2,
}
_LAUNCH_VERBS = frozenset({"launch", "fire", "test-fire", "test-launch", "shoot", "test"})
_CONDUCT_VERBS = frozenset({"conduct", "carry", "stage", "hold"})
_LANDING_CASES = frozenset({"into", "in", "off", "toward", "towards", "over", "near", "at"})


def missile_class(description: str) -> MissileClass:
    """The class a missile description points to ("short-range ballistic missile" -> SRBM).

    >>> missile_class("Hwasong-14 intercontinental ballistic missile")
    <MissileClass.ICBM: 'ICBM'>
    """
    text = description.lower()
    for pattern, cls in lexicon().missile_classes:
        if re.search(rf"(?<![\w-]){re.escape(pattern)}", text):
            return MissileClass(cls)
    return MissileClass.UNKNOWN


class MissileLaunchExtractor:
    """Finds launches: "X launched / fired / test-fired N missiles", "X conducted a test of ..."

    Engine and radar tests, drills without launches, and expected or hypothetical launches
    are left out.
    """

    kind = "missile_launch"

    def extract(self, doc: AnnotatedDocument) -> Iterator[MissileLaunch]:
        triggers = [
            (sent, token, missile)
            for sent in doc.sentences
            for token in sent.tokens
            if (missile := self._trigger(sent, token)) is not None
        ]
        # a launch stated without its launcher ("the missile had been test-fired") is most
        # likely by the state the article's other launches name
        stated = Counter(
            actor.country for sent, token, missile in triggers
            if (actor := self._launcher(doc, sent, token, missile)) is not None and actor.country
        )
        dominant = None
        if stated:
            code = stated.most_common(1)[0][0]
            dominant = Actor(name=country_name(code), type=ActorType.COUNTRY, country=code)
        previous: Actor | None = None
        for sent, token, missile in triggers:
            launch = self._launch(doc, sent, token, missile, dominant, previous)
            if launch is not None:
                previous = launch.launcher
                yield launch

    def _trigger(self, sent: Sentence, token: Token) -> Token | None:
        """The missile noun a launch verb or noun acts on (``None``: ``token`` is no trigger)."""
        words = lexicon()
        lemma = words.verb_lemma(token.text, token.lemma)
        text = token.text.lower()
        if is_verb_form(token) and (lemma in _LAUNCH_VERBS or text.startswith("test-")):
            for child in sent.children(token.index):
                if child.deprel in ("obj", "nsubj:pass") and self._is_missile(sent, child):
                    return child
            return None
        if is_verb_form(token) and lemma in _CONDUCT_VERBS:
            for child in sent.children(token.index):
                if child.deprel in ("obj", "xcomp") and (
                    child.lemma.lower() in words.launch_nouns
                    or child.text.lower() in words.launch_nouns
                ):
                    # "carried out a test-firing of ..." comes as "test", "-", "firing", the
                    # last an object or an open complement of the verb
                    found = self._missile_of(sent, child)
                    if found is not None:
                        return found
            return None
        if token.upos in ("NOUN", "PROPN") and (
            token.lemma.lower() in words.launch_nouns or text in words.launch_nouns
        ):
            # "the launch of two missiles", "a missile test" (but no bare "test")
            return self._missile_of(sent, token)
        if is_verb_form(token) and lemma in ("lift", "blast") and any(
            c.lemma.lower() == "off" for c in sent.children(token.index)
        ):
            for child in sent.children(token.index):
                if child.deprel == "nsubj" and self._is_missile(sent, child):
                    return child
        return None

    def _missile_of(self, sent: Sentence, noun: Token) -> Token | None:
        for child in sent.children(noun.index):
            if child.deprel.startswith(("nmod", "compound", "amod")) and self._is_missile(
                sent, child
            ):
                return child
        # "launch of an intercontinental ballistic missile today" parsed with "today" as
        # the head of the of-phrase: the missile noun in the words that follow, below it
        following = sent.tokens[noun.index + 1: noun.index + 8]
        if following and following[0].lemma.lower() == "of":
            below = set(sent.subtree(noun.index))
            for token in following[1:]:
                if token.text in (",", ";", ".") or is_verb(token):
                    break
                if token.index in below and self._is_missile(sent, token):
                    return token
        return None

    @staticmethod
    def _is_missile(sent: Sentence, token: Token) -> bool:
        words = lexicon()
        lemma, text = token.lemma.lower(), token.text.lower()
        if lemma in words.missile_nouns or text in words.missile_nouns:
            return True
        if text.endswith(("missile", "missiles")):  # "nuclear-capablemissile" (sic)
            return True
        return missile_class(text) is not MissileClass.UNKNOWN and token.upos == "PROPN"

    def _launch(
        self, doc: AnnotatedDocument, sent: Sentence, trigger: Token, missile: Token,
        dominant: Actor | None = None, previous: Actor | None = None,
    ) -> MissileLaunch | None:
        words = lexicon()
        described = missile
        if missile.head == trigger.index and missile.deprel == "compound":
            described = trigger  # "a destructive anti-satellite missile test"
        skip: set[int] = {trigger.index} if described is trigger else set()
        for child in sent.children(described.index):
            if child.deprel in ("det", "nummod", "case", "nmod:poss", "det:poss"):
                skip.update(sent.subtree(child.index))
        # the missile as written: its pre-modifiers and head ("short-range ballistic
        # missiles"); what follows the head is where it went, not what it is
        kept = [
            i for i in phrase_indices(sent, described.index)
            if i not in skip and i <= described.index
            and not (sent.tokens[i].upos == "ADJ" and
                     sent.tokens[i].lemma.lower() in ("more", "several", "other", "single"))
        ]
        while len(kept) > 1 and self._not_type(sent.tokens[kept[0]]):
            kept.pop(0)
        description = phrase_text(doc, sent, kept or [missile.index])
        context = {t.lemma.lower() for t in sent.tokens[max(0, missile.index - 3): missile.index]}
        if context & {"engine", "radar", "interceptor"}:
            return None
        if is_negated(sent, trigger.index) or is_hypothetical(sent, trigger.index):
            return None
        tense = tense_of(sent, trigger.index)
        if tense.value == "future":
            return None
        site, landing = self._places(doc, sent, trigger, missile)
        launcher = self._launcher(doc, sent, trigger, missile)
        pronoun = launcher is not None and launcher.country is None and (
            launcher.name.lower() in ("it", "they", "which", "that"))
        if launcher is None or pronoun:
            # passive or pronoun: "missiles were launched from Iran", "it had tested"
            if site is not None and site.country is not None and is_country_name(site.name):
                launcher = Actor(name=site.name, type=ActorType.COUNTRY, country=site.country)
            elif pronoun:
                launcher = dominant or _nearest_country(doc, sent, trigger.index)
            else:
                # "officials from A, B and C confirm that the rocket lifted off": the
                # launcher of the article's launches so far, not a country near the words
                launcher = dominant or previous or _nearest_country(doc, sent, trigger.index)
        if launcher is None:
            return None
        all_words = {t.lemma.lower() for t in sent.tokens} | {t.text.lower() for t in sent.tokens}
        if all_words & words.failure_words:
            outcome = LaunchOutcome.FAILURE
        elif all_words & words.success_words:
            outcome = LaunchOutcome.SUCCESS
        else:
            outcome = LaunchOutcome.UNKNOWN
        struck = bool(all_words & {"strike", "struck", "attack", "target", "targeted", "hit"})
        return MissileLaunch(
            document=doc.info,
            date=event_date(doc, sent, trigger.index, tense=tense),
            evidence=(sent.span(0, len(sent.tokens) - 1, doc.text),),
            confidence=0.85 if trigger.upos == "VERB" else 0.7,
            codes=_STRIKE_CODES if struck else _TEST_CODES,
            launcher=launcher,
            count=self._count(sent, missile),
            missile_type=description,
            missile_class=missile_class(description),
            launch_site=site,
            landing_area=landing,
            outcome=outcome,
        )

    @staticmethod
    def _not_type(token: Token) -> bool:
        """Leading words that say whose or how many, not what kind ("Russia's", "two")."""
        word = token.text.lower()
        return (token.upos in ("DET", "NUM", "PRON", "PART", "PUNCT") or word in _NUMBERS
                or word in ("'s", "’s") or bool(country_code(token.text))
                or (bool(demonym_country(token.text)) and token.upos == "PROPN"))

    @staticmethod
    def _count(sent: Sentence, missile: Token) -> int | None:
        plural = "Number=Plur" in missile.feats or missile.xpos in ("NNS", "NNPS")
        # the first word of the phrase when it is a number ("two short-range missiles"),
        # wherever the parser attached it
        left = [i for i in phrase_indices(sent, missile.index) if i < missile.index]
        if left:
            first = sent.tokens[left[0]].text.lower()
            if first.isdigit():
                return int(first)
            if first in _NUMBERS and first not in ("a", "an"):
                return _NUMBERS[first]
            if first in ("several", "some", "multiple", "more", "dozens", "many"):
                return None
        for child in sent.children(missile.index):
            word = child.text.lower()
            if child.deprel == "nummod":
                if word.isdigit():
                    return int(word)
                return _NUMBERS.get(word)
            if word == "single" or (child.deprel == "det" and word in ("a", "an") and not plural):
                return 1
        return None

    def _launcher(
        self, doc: AnnotatedDocument, sent: Sentence, trigger: Token, missile: Token
    ) -> Actor | None:
        """The launching state as the clause states it, or ``None`` when it does not."""
        if not is_verb_form(trigger):
            # "North Korea's launch of ...", "a North Korean missile test"
            for head in (trigger, missile):
                for child in sent.children(head.index):
                    if child.deprel in ("nmod:poss", "amod", "compound") and (
                        child.index < head.index
                    ):
                        actor = actor_at(doc, sent, child.index)
                        code = actor.country or demonym_country(child.text)
                        if code is not None:
                            return Actor(name=actor.name, type=ActorType.COUNTRY, country=code,
                                         mentions=actor.mentions)
            holder = sent.tokens[trigger.head] if trigger.head >= 0 else trigger
            if words_conduct(holder):
                return self._subject(doc, sent, holder, trigger)
            return None
        return self._subject(doc, sent, trigger, trigger)

    def _subject(
        self, doc: AnnotatedDocument, sent: Sentence, verb: Token, trigger: Token
    ) -> Actor | None:
        inside = set(sent.subtree(trigger.index)) if trigger is not verb else set()
        for child in sent.children(verb.index):
            if child.index in inside:
                continue
            if child.deprel in ("nsubj", "obl:agent"):
                return self._as_state(actor_at(doc, sent, child.index))
        if verb.deprel in ("conj", "xcomp", "advcl") and verb.head >= 0:
            for child in sent.children(verb.head):
                if child.deprel == "nsubj":
                    return self._as_state(actor_at(doc, sent, child.index))
        return None

    @staticmethod
    def _as_state(actor: Actor) -> Actor | None:
        """Launches are by states: a phrase naming one ("Nuclear-armed North Korea", "the
        North Korean military") stands for it; a person, or a phrase without a country
        ("the rocket"), names no launcher."""
        if actor.type is ActorType.COUNTRY:
            return actor
        if actor.type is ActorType.PERSON or actor.country is None:
            return None
        return Actor(name=country_name(actor.country), type=ActorType.COUNTRY,
                     country=actor.country, mentions=actor.mentions)

    def _places(
        self, doc: AnnotatedDocument, sent: Sentence, trigger: Token, missile: Token
    ) -> tuple[Location | None, Location | None]:
        site: Location | None = None
        landing: Location | None = None
        anchors = [trigger.index, missile.index]
        anchors.extend(t.index for t in sent.tokens if t.head in anchors and t.upos == "VERB")
        for anchor in anchors:
            for child in sent.children(anchor):
                if not child.deprel.startswith(("obl", "nmod", "advmod")):
                    continue
                case = next((c.lemma.lower() for c in sent.children(child.index)
                             if c.deprel == "case"), "")
                entity = sent.entity_at(child.index)
                placey = (entity is not None and entity.type is EntityType.LOCATION) or (
                    child.lemma.lower() in ("sea", "coast", "waters", "ocean", "area", "zone"))
                if not placey:
                    continue
                if case == "from" and site is None:
                    site = location_at(doc, sent, child.index)
                elif case in _LANDING_CASES and landing is None:
                    landing = location_at(doc, sent, child.index)
        return site, landing



def _nearest_country(doc: AnnotatedDocument, sent: Sentence, index: int) -> Actor | None:
    """The country named closest before token ``index`` ("Iran said it had tested ...")."""
    earlier = [s for s in doc.sentences if s.index < sent.index][-2:]
    for candidate_sent, limit in [(sent, index), *((s, len(s.tokens)) for s in reversed(earlier))]:
        for token in reversed(candidate_sent.tokens[:limit]):
            entity = candidate_sent.entity_at(token.index)
            name = entity.text if entity is not None else token.text
            code = country_code(name) if token.text[:1].isupper() else None
            code = code or demonym_country(token.text)
            if code is not None:
                return Actor(name=name, type=ActorType.COUNTRY, country=code)
    return None


def words_conduct(token: Token) -> bool:
    """Whether ``token`` is a verb that carries out a launch noun ("conducted a test")."""
    return is_verb_form(token) and lexicon().verb_lemma(token.text, token.lemma) in _CONDUCT_VERBS

