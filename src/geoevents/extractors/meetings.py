"""Meetings: who met whom, where and when; occurred, planned or cancelled."""

from __future__ import annotations

from collections.abc import Iterator

from geoevents.actors import Actor, ActorType
from geoevents.dates import Tense, find_date_mentions
from geoevents.events import Codes, Location, Meeting, MeetingStatus
from geoevents.extractors.base import (
    event_date,
    is_hypothetical,
    is_negated,
    is_verb,
    tense_of,
)
from geoevents.extractors.mentions import actor_at, conjuncts, location_at
from geoevents.knowledge import lexicon
from geoevents.nlp.annotation import AnnotatedDocument, EntityType, Sentence, Token

__all__ = ["MeetingExtractor"]

_CODES = Codes(cameo="040", plover="CONSULT")
_MEETING_HOLD_NOUNS = frozenset({"talks", "talk", "meeting", "summit", "dialogue", "consultation",
                                 "consultations", "negotiations", "dinner", "lunch", "breakfast",
                                 "session", "gathering", "meetings"})
_NOUN_TRIGGERS = frozenset({"meeting", "talks", "talk", "summit", "dialogue"})
# verbs that are a meeting themselves, and verbs that hold one ("held talks", "had dinner")
_HOLDING_VERBS = frozenset({"hold", "have", "open", "attend", "convene", "begin", "host"})
_MEETING_VERBS = frozenset({"meet", "confer", "talk"}) | _HOLDING_VERBS


class MeetingExtractor:
    """Finds meetings: "A met B", "A held talks with B", "a meeting between A and B", ...

    Phone and video calls, negated and hypothetical meetings and visits without a named
    counterpart are left out.
    """

    kind = "meeting"

    def extract(self, doc: AnnotatedDocument) -> Iterator[Meeting]:
        for sent in doc.sentences:
            for token in sent.tokens:
                participants = self._participants(doc, sent, token)
                if participants is None:
                    continue
                meeting = self._meeting(doc, sent, token, participants)
                if meeting is not None:
                    yield meeting

    def _participants(
        self, doc: AnnotatedDocument, sent: Sentence, token: Token
    ) -> list[Actor] | None:
        verbal = is_verb(token)
        lemma = lexicon().verb_lemma(token.text, token.lemma) if verbal else token.lemma.lower()
        heads: list[int] = []
        if verbal and lemma in _MEETING_VERBS:
            event_objects = [c for c in sent.children(token.index)
                             if c.deprel == "obj" and c.lemma.lower() in _MEETING_HOLD_NOUNS]
            if lemma in _HOLDING_VERBS and not event_objects:
                return None  # "held a press conference", "had a point"
            for child in sent.children(token.index):
                if child.deprel == "nsubj" or (child.deprel == "obj" and lemma in (
                        "meet", "host")):
                    heads.extend(conjuncts(sent, child.index))
                if child.deprel == "obl" and self._case(sent, child) in ("with", "between"):
                    heads.extend(conjuncts(sent, child.index))
            for event_object in event_objects:
                heads.extend(self._noun_partners(sent, event_object))
            if not any(c.deprel == "nsubj" for c in sent.children(token.index)) and (
                token.deprel in ("conj", "xcomp", "advcl", "acl") and token.head >= 0
            ):
                # "X arrived and met Y", "after meeting with Y, X said"
                heads.extend(c.index for c in sent.children(token.head) if c.deprel == "nsubj")
        elif token.upos == "NOUN" and lemma in _NOUN_TRIGGERS:
            heads = self._noun_partners(sent, token)
            if not heads:
                return None
            actors = self._actors(doc, sent, heads)
            # a noun trigger needs two named sides ("a meeting between A and B")
            return actors if len(actors) >= 2 else None
        else:
            return None
        actors = self._actors(doc, sent, heads)
        if len(actors) < 2 and lemma == "meet":
            actors = self._surface_partners(doc, sent, token, actors)
        if len(actors) >= 2 or (actors and actors[0].type is ActorType.GROUP and
                                _plural(sent, heads[0])):
            return actors
        return None

    def _surface_partners(
        self, doc: AnnotatedDocument, sent: Sentence, token: Token, actors: list[Actor]
    ) -> list[Actor]:
        """ "A met (today) with B and C": the named people around the verb, read off the
        word order when the parse attached them elsewhere."""
        def named(first: int, last: int) -> list[Actor]:
            found = []
            for entity in sent.entities:
                if entity.type is EntityType.PERSON and first <= entity.first and (
                        entity.last <= last):
                    found.append(actor_at(doc, sent, entity.last))
            return found

        stop = len(sent.tokens) - 1
        for t in sent.tokens[token.index + 1:]:
            if t.text in (";", ".", "—") or (t.text == "," and t.index > token.index + 12):
                stop = t.index
                break
        after = [t.index for t in sent.tokens[token.index + 1: token.index + 4]
                 if t.lemma.lower() == "with"]
        partners = named(after[0], stop) if after else []
        start = 0
        for t in reversed(sent.tokens[:token.index]):
            if t.text in (";", ".", ",", "—"):
                start = t.index
                break
        subjects = actors or named(start, token.index - 1)[-1:]
        out = list(subjects)
        for actor in partners:
            if all(a.name != actor.name for a in out):
                out.append(actor)
        return out

    @staticmethod
    def _case(sent: Sentence, token: Token) -> str:
        return next((c.lemma.lower() for c in sent.children(token.index) if c.deprel == "case"),
                    "")

    def _noun_partners(self, sent: Sentence, noun: Token) -> list[int]:
        heads: list[int] = []
        for child in sent.children(noun.index):
            case = self._case(sent, child)
            if child.deprel.startswith("nmod") and case in ("between", "with", "among", "of"):
                if case == "of" and not (child.upos == "PROPN" or sent.entity_at(child.index)):
                    continue
                heads.extend(conjuncts(sent, child.index))
        return heads

    @staticmethod
    def _actors(doc: AnnotatedDocument, sent: Sentence, heads: list[int]) -> list[Actor]:
        actors: list[Actor] = []
        words = lexicon()
        for head in heads:
            token = sent.tokens[head]
            if token.upos == "PRON" and token.lemma.lower() not in ("they", "we"):
                continue
            if token.upos not in ("NOUN", "PROPN", "PRON", "X", "NUM") or (
                token.upos == "NOUN" and sent.entity_at(head) is None
                and token.lemma.lower() not in words.group_nouns | words.person_title_nouns
            ):
                continue  # "Prior to ...", "the pressures": not a side at the table
            # "his counterparts, A and B": the people named in apposition are the participants
            inside: set[int] = set()
            for child in sent.children(head):
                if child.deprel == "appos":
                    inside.update(sent.subtree(child.index))
            named = [e for e in sent.entities
                     if e.type is EntityType.PERSON and e.last in inside]
            if named and sent.entity_at(head) is None:
                for entity in named:
                    appos_actor = actor_at(doc, sent, entity.last)
                    actors.append(appos_actor)
                continue
            actor = actor_at(doc, sent, head)
            if actor.name.lower() in ("they", "we", "them") or find_date_mentions(actor.name):
                continue  # "Friday's (meeting)" is when, not who
            if all(a.name != actor.name for a in actors):
                actors.append(actor)
        return actors

    def _meeting(
        self, doc: AnnotatedDocument, sent: Sentence, token: Token, participants: list[Actor]
    ) -> Meeting | None:
        words = lexicon()
        window = {t.lemma.lower() for t in sent.tokens} | {t.text.lower() for t in sent.tokens}
        trigger_context = {c.lemma.lower() for c in sent.children(token.index)}
        if trigger_context & words.call_words or (
            window & {"phone", "telephone", "videoconference", "teleconference", "virtual",
                      "virtually", "video"}
        ):
            return None
        if is_negated(sent, token.index) or is_hypothetical(sent, token.index):
            return None
        tense = tense_of(sent, token.index)
        governing = {a.lemma.lower() for a in sent.ancestors(token.index)}
        if (window & words.cancel_words) and (governing | trigger_context) & words.cancel_words:
            status = MeetingStatus.CANCELLED
        elif tense is Tense.FUTURE:
            status = MeetingStatus.PLANNED
        else:
            status = MeetingStatus.OCCURRED
        date = event_date(doc, sent, token.index, tense=tense)
        return Meeting(
            document=doc.info,
            date=date,
            evidence=(sent.span(0, len(sent.tokens) - 1, doc.text),),
            confidence=0.8 if token.upos == "VERB" else 0.7,
            codes=_CODES,
            participants=tuple(participants),
            location=self._location(doc, sent, token),
            status=status,
            trigger=token.text,
        )

    def _location(self, doc: AnnotatedDocument, sent: Sentence, token: Token) -> Location | None:
        anchors = [token.index, *(a.index for a in list(sent.ancestors(token.index))[:1])]
        candidates = [c for anchor in anchors for c in sent.children(anchor)]
        # then anywhere below the trigger ("a meeting between A and B, in Annapolis")
        candidates += [sent.tokens[i] for i in sent.subtree(token.index) if i != token.index]
        for child in candidates:
            if not child.deprel.startswith(("obl", "nmod")):
                continue
            case = self._case(sent, child)
            entity = sent.entity_at(child.index)
            if entity is None or case not in ("in", "at"):
                continue
            # "at the White House" is often tagged as an organization
            if entity.type is EntityType.LOCATION or (
                case == "at" and entity.type is EntityType.ORGANIZATION
            ):
                return location_at(doc, sent, child.index)
        return None


def _plural(sent: Sentence, index: int) -> bool:
    token = sent.tokens[index]
    return "Number=Plur" in token.feats or token.xpos in ("NNS", "NNPS")
