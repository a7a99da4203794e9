"""A custom extractor, plugged in beside the built-in ones: who condemned what.

Run it from this folder::

    python custom_extractor.py

An extractor is any object with a ``kind`` (a name) and an ``extract(doc)`` method that
reads a :class:`geoevents.AnnotatedDocument` (sentences, tokens with lemmas, part-of-speech
tags and dependency heads, named entities) and yields events. Events of kinds geoevents does
not know come back in ``DocumentEvents.extra``. If the event is an attrs class with a
``kind`` and a ``document``, ``geoevents.to_json`` serializes it like the built-in events.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import attrs

from geoevents import (
    Actor,
    ActorType,
    AnnotatedDocument,
    Codes,
    DocumentInfo,
    EntityType,
    EventDate,
    EventExtractor,
    MeetingExtractor,
    MissileLaunchExtractor,
    QuoteExtractor,
    Sentence,
    Span,
    Token,
    country_code,
    to_json,
)
from geoevents.extractors.base import event_date, is_negated, tense_of

INPUT = Path("data/articles.jsonl")
# CAMEO 111 "criticize or denounce"; PLOVER ACCUSE.
CONDEMNATION_CODES = Codes(cameo="111", plover="ACCUSE")


@attrs.frozen(kw_only=True)
class Condemnation:
    """A government, organization or person condemned something."""

    kind: ClassVar[str] = "condemnation"
    document: DocumentInfo
    date: EventDate
    actor: Actor
    target: str
    evidence: tuple[Span, ...]
    confidence: float
    codes: Codes = CONDEMNATION_CODES


class CondemnationExtractor:
    """Finds "X condemned Y" (also "denounced", "deplored"), where X is the subject."""

    kind = "condemnation"
    verbs = frozenset({"condemn", "denounce", "deplore"})

    def extract(self, doc: AnnotatedDocument) -> Iterator[Condemnation]:
        for sent in doc.sentences:
            for token in sent.tokens:
                if token.upos != "VERB" or token.lemma.lower() not in self.verbs:
                    continue
                if is_negated(sent, token.index):  # "did not condemn"
                    continue
                subject = self._dependent(sent, token, "nsubj")
                target = self._dependent(sent, token, "obj")
                if subject is None or target is None:
                    continue
                first, last = self._phrase(sent, target)
                yield Condemnation(
                    document=doc.info,
                    date=event_date(doc, sent, token.index, tense=tense_of(sent, token.index)),
                    actor=self._actor(doc, sent, subject),
                    target=sent.span(first, last, doc.text).text,
                    evidence=(doc.char_span(sent.index, sent.start, sent.end),),
                    confidence=0.6,
                )

    @staticmethod
    def _dependent(sent: Sentence, token: Token, deprel: str) -> Token | None:
        """The dependent with ``deprel``; a verb conjoined to another ("... and condemned")
        shares its subject."""
        for child in sent.children(token.index):
            if child.deprel == deprel:
                return child
        if deprel == "nsubj" and token.deprel == "conj" and token.head >= 0:
            return CondemnationExtractor._dependent(sent, sent.tokens[token.head], deprel)
        return None

    @staticmethod
    def _phrase(sent: Sentence, head: Token) -> tuple[int, int]:
        """First and last token of the phrase headed by ``head``, without trailing
        punctuation or a leading determiner."""
        indices = sent.subtree(head.index)
        while len(indices) > 1 and sent.tokens[indices[-1]].upos == "PUNCT":
            indices.pop()
        if len(indices) > 1 and sent.tokens[indices[0]].upos == "DET":
            indices.pop(0)
        return indices[0], indices[-1]

    def _actor(self, doc: AnnotatedDocument, sent: Sentence, head: Token) -> Actor:
        entity = sent.entity_at(head.index)
        if entity is not None:
            name = entity.text
            mention = doc.char_span(sent.index, entity.start, entity.end)
        else:
            first, last = self._phrase(sent, head)
            mention = sent.span(first, last, doc.text)
            name = mention.text
        code = country_code(name)
        if entity is not None and entity.type is EntityType.PERSON:
            kind = ActorType.PERSON
        elif code is not None:
            kind = ActorType.COUNTRY
        else:
            kind = ActorType.ORGANIZATION
        return Actor(name, kind, country=code, mentions=(mention,))


def main() -> None:
    extractor = EventExtractor(
        extractors=[MeetingExtractor(), MissileLaunchExtractor(), QuoteExtractor(),
                    CondemnationExtractor()],
    )
    print("extractors:", ", ".join(e.kind for e in extractor.extractors))
    with INPUT.open(encoding="utf-8") as stream:
        documents = [json.loads(line) for line in stream if line.strip()]

    for result in extractor.extract_many(documents):
        condemnations = [e for e in result.extra if isinstance(e, Condemnation)]
        print(f"\n{result.document.id}: {len(condemnations)} condemnations "
              f"(beside {len(result.meetings)} meetings, {len(result.launches)} launches, "
              f"{len(result.quotes)} quotes)")
        for event in condemnations:
            country = f" [{event.actor.country}]" if event.actor.country else ""
            print(f"  {event.date.iso() or 'undated'}  {event.actor.name}{country} "
                  f"condemned: {event.target}")
        for event in condemnations[:1]:
            print("  as JSON:", to_json(event))


if __name__ == "__main__":
    main()
