"""A custom event kind, plugged in beside the built-in ones: who condemned what.

Run it from this folder::

    python custom_extractor.py

A kind is one :class:`geoevents.EventKind`: an attrs event class, the extractor that finds
it, the rule that merges two mentions of one event, and the line ``--format pretty``
prints. After :func:`geoevents.register_kind`, everything else picks the kind up with no
edit elsewhere: ``EventExtractor()`` runs its extractor, mentions are merged, ``to_json`` /
``event_from_dict`` round-trip it, ``json_schema()`` describes it and the CLI prints it.

The extractor reads a :class:`geoevents.DocumentAnalysis` — the annotated document
(sentences, tokens with lemmas, tags and dependency heads, named entities) plus the
readings every extractor shares: ``doc.actor(sent, i)`` (who a noun phrase denotes, with
country and title), ``doc.clause(sent, i)`` (tense, negation, modality) and
``doc.event_date(sent, i, tense=...)``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import ClassVar

import attrs

from geoevents import (
    Actor,
    Codes,
    DocumentAnalysis,
    DocumentInfo,
    EventDate,
    EventExtractor,
    EventKind,
    Sentence,
    Span,
    Token,
    event_from_dict,
    json_schema,
    register_kind,
    to_json,
)
from geoevents.cli import main as geoevents_cli

INPUT = Path("data/articles.jsonl")
# CAMEO 111 "criticize or denounce"; PLOVER ACCUSE.
CONDEMNATION_CODES = Codes(cameo="111", plover="ACCUSE")
CONDEMNING_VERBS = frozenset({"condemn", "denounce", "deplore"})


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

    def extract(self, doc: DocumentAnalysis) -> Iterator[Condemnation]:
        for sent in doc.sentences:
            for token in sent.tokens:
                if token.upos != "VERB" or token.lemma.lower() not in CONDEMNING_VERBS:
                    continue
                clause = doc.clause(sent, token.index)
                if not clause.asserted_fact:  # "did not condemn", "could condemn"
                    continue
                subject = self._dependent(sent, token, "nsubj")
                target = self._dependent(sent, token, "obj")
                if subject is None or target is None:
                    continue
                first, last = self._phrase(sent, target)
                yield Condemnation(
                    document=doc.info,
                    date=doc.event_date(sent, token.index, tense=clause.tense),
                    actor=doc.actor(sent, subject.index),
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


def merge_condemnations(found: Sequence[Condemnation]) -> list[Condemnation]:
    """One condemnation per actor and target: a repeated mention adds its evidence."""
    merged: dict[tuple[str, str], Condemnation] = {}
    for event in found:
        key = (event.actor.country or event.actor.name, event.target.lower())
        if key in merged:
            first = merged[key]
            merged[key] = attrs.evolve(first, evidence=first.evidence + event.evidence)
        else:
            merged[key] = event
    return list(merged.values())


def describe(event: Condemnation) -> str:
    """The line ``--format pretty`` prints."""
    country = f" [{event.actor.country}]" if event.actor.country else ""
    return f"{event.date.iso() or 'undated'} {event.actor.name}{country}: {event.target}"


CONDEMNATION = register_kind(EventKind(
    "condemnation", Condemnation, extractor=CondemnationExtractor,
    merge=merge_condemnations, summary=describe))


def main() -> None:
    extractor = EventExtractor()  # the built-in kinds and every registered one
    print("extractors:", ", ".join(e.kind for e in extractor.extractors))
    with INPUT.open(encoding="utf-8") as stream:
        documents = [json.loads(line) for line in stream if line.strip()]

    for result in extractor.extract_many(documents):
        condemnations: tuple[Condemnation, ...] = result.of_kind("condemnation")
        print(f"\n{result.document.id}: {len(condemnations)} condemnations "
              f"(beside {len(result.meetings)} meetings, {len(result.launches)} launches, "
              f"{len(result.quotes)} quotes)")
        for event in condemnations:
            print("  " + describe(event))
        for event in condemnations[:1]:
            line = to_json(event)
            print("  as JSON:", line)
            assert event_from_dict(json.loads(line)) == event  # the round trip holds
    names = [variant["$ref"].rsplit("/", 1)[-1] for variant in json_schema()["oneOf"]]
    print("\nJSON Schema variants:", ", ".join(names))
    print("\ngeoevents extract --format pretty, in this process:")
    geoevents_cli(["extract", "--input", str(INPUT), "--format", "pretty"])


if __name__ == "__main__":
    main()
