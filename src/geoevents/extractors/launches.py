"""Missile launches: which state, how many, what class, from where, landing where, when."""

from __future__ import annotations

import re
from collections.abc import Iterator

from geoevents.actors import Actor, ActorType, country_code, demonym_country
from geoevents.events import Codes, LaunchOutcome, Location, MissileClass, MissileLaunch
from geoevents.extractors.base import event_date, is_hypothetical, is_negated, tense_of
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
        for sent in doc.sentences:
            for token in sent.tokens:
                found = self._trigger(sent, token)
                if found is None:
                    continue
                launch = self._launch(doc, sent, token, found)
                if launch is not None:
                    yield launch

    def _trigger(self, sent: Sentence, token: Token) -> Token | None:
        """The missile noun a launch verb or noun acts on (``None``: ``token`` is no trigger)."""
        words = lexicon()
        lemma = token.lemma.lower()
        text = token.text.lower()
        if token.upos == "VERB" and (lemma in _LAUNCH_VERBS or text.startswith("test-")):
            for child in sent.children(token.index):
                if child.deprel in ("obj", "nsubj:pass") and self._is_missile(sent, child):
                    return child
            return None
        if token.upos == "VERB" and lemma in _CONDUCT_VERBS:
            for child in sent.children(token.index):
                if child.deprel == "obj" and child.lemma.lower() in words.launch_nouns:
                    return self._missile_of(sent, child)
            return None
        if token.upos == "NOUN" and lemma in ("launch", "test-firing", "firing", "test-launch"):
            return self._missile_of(sent, token)
        if token.upos == "VERB" and lemma in ("lift", "blast") and any(
            c.lemma.lower() == "off" for c in sent.children(token.index)
        ):
            for child in sent.children(token.index):
                if child.deprel == "nsubj" and self._is_missile(sent, child):
                    return child
        return None

    def _missile_of(self, sent: Sentence, noun: Token) -> Token | None:
        for child in sent.children(noun.index):
            if self._is_missile(sent, child):
                return child
        return noun if any(
            self._is_missile(sent, c) for c in sent.children(noun.index)
            if c.deprel in ("compound", "amod")
        ) else None

    @staticmethod
    def _is_missile(sent: Sentence, token: Token) -> bool:
        words = lexicon()
        lemma, text = token.lemma.lower(), token.text.lower()
        if lemma in words.missile_nouns or text in words.missile_nouns:
            return True
        return missile_class(text) is not MissileClass.UNKNOWN and token.upos == "PROPN"

    def _launch(
        self, doc: AnnotatedDocument, sent: Sentence, trigger: Token, missile: Token
    ) -> MissileLaunch | None:
        words = lexicon()
        description = phrase_text(doc, sent, [
            i for i in phrase_indices(sent, missile.index)
            if sent.tokens[i].deprel not in ("det", "nummod", "case")
            and not (sent.tokens[i].upos == "ADJ" and
                     sent.tokens[i].lemma.lower() in ("more", "several", "other", "single"))
        ] or [missile.index])
        context = {t.lemma.lower() for t in sent.tokens[max(0, missile.index - 3): missile.index]}
        if context & {"engine", "radar", "interceptor"}:
            return None
        if is_negated(sent, trigger.index) or is_hypothetical(sent, trigger.index):
            return None
        tense = tense_of(sent, trigger.index)
        if tense.value == "future":
            return None
        launcher = self._launcher(doc, sent, trigger, missile)
        if launcher is None:
            return None
        all_words = {t.lemma.lower() for t in sent.tokens} | {t.text.lower() for t in sent.tokens}
        if all_words & words.failure_words:
            outcome = LaunchOutcome.FAILURE
        elif all_words & words.success_words:
            outcome = LaunchOutcome.SUCCESS
        else:
            outcome = LaunchOutcome.UNKNOWN
        site, landing = self._places(doc, sent, trigger, missile)
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
    def _count(sent: Sentence, missile: Token) -> int | None:
        plural = "Number=Plur" in missile.feats or missile.xpos in ("NNS", "NNPS")
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
        holder = trigger
        if trigger.upos == "NOUN":
            # "North Korea's launch of ..." / "X conducted the launch"
            for child in sent.children(trigger.index):
                if child.deprel == "nmod:poss":
                    return self._as_state(actor_at(doc, sent, child.index))
            if trigger.head >= 0:
                holder = sent.tokens[trigger.head]
        for child in sent.children(holder.index):
            if child.deprel == "nsubj" or (child.deprel == "obl:agent"):
                return self._as_state(actor_at(doc, sent, child.index))
        if holder.deprel in ("conj", "xcomp", "advcl") and holder.head >= 0:
            for child in sent.children(holder.head):
                if child.deprel == "nsubj":
                    return self._as_state(actor_at(doc, sent, child.index))
        for child in sent.children(missile.index):
            code = demonym_country(child.text) or country_code(child.text)
            if code is not None and child.deprel in ("amod", "compound", "nmod:poss"):
                return Actor(name=child.text, type=ActorType.COUNTRY, country=code)
        return None

    @staticmethod
    def _as_state(actor: Actor) -> Actor | None:
        """Launches are by states: an organization or person stands for its country."""
        if actor.type is ActorType.COUNTRY:
            return actor
        if actor.country is not None:
            return actor
        if actor.name.lower() in ("it", "they", "we"):
            return None
        return actor

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
