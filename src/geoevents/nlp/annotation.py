"""A thin, typed, read-only view of stanza's output.

Extractors read these classes, never stanza's objects, so the bundled model, official
stanza models and hand-built test documents all look the same to them. Character offsets
always point into the original document text.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator

import attrs

from geoevents.provenance import DocumentInfo, Span

__all__ = ["AnnotatedDocument", "Entity", "EntityType", "Sentence", "Token", "entity_type"]


class EntityType(enum.StrEnum):
    """Named-entity types, shared by the bundled model (PER/ORG/LOC) and OntoNotes models."""

    PERSON = "person"
    ORGANIZATION = "organization"
    LOCATION = "location"
    NATIONALITY = "nationality"
    DATE = "date"
    OTHER = "other"


_ENTITY_TYPES = {
    "PER": EntityType.PERSON,
    "PERSON": EntityType.PERSON,
    "ORG": EntityType.ORGANIZATION,
    "LOC": EntityType.LOCATION,
    "GPE": EntityType.LOCATION,
    "FAC": EntityType.LOCATION,
    "NORP": EntityType.NATIONALITY,
    "DATE": EntityType.DATE,
    "TIME": EntityType.DATE,
}


def entity_type(label: str) -> EntityType:
    """Map a model's entity label onto :class:`EntityType`.

    >>> entity_type("PER"), entity_type("GPE"), entity_type("WORK_OF_ART")
    (<EntityType.PERSON: 'person'>, <EntityType.LOCATION: 'location'>, <EntityType.OTHER: 'other'>)
    """
    return _ENTITY_TYPES.get(label.upper(), EntityType.OTHER)


@attrs.frozen
class Token:
    """One syntactic word. ``head`` is the index of its head in the sentence (-1 for root)."""

    index: int
    text: str
    lemma: str
    upos: str
    xpos: str
    head: int
    deprel: str
    start: int
    end: int
    feats: str = ""

    @property
    def is_verb(self) -> bool:
        return self.upos in ("VERB", "AUX")


@attrs.frozen
class Entity:
    """A named entity over tokens ``first..last`` (inclusive) of one sentence."""

    text: str
    type: EntityType
    start: int
    end: int
    first: int
    last: int


@attrs.frozen
class Sentence:
    """A sentence with its words, entities and dependency tree."""

    index: int
    text: str
    start: int
    end: int
    tokens: tuple[Token, ...]
    entities: tuple[Entity, ...] = ()
    _children: tuple[tuple[int, ...], ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        children: list[list[int]] = [[] for _ in self.tokens]
        for token in self.tokens:
            if 0 <= token.head < len(self.tokens):
                children[token.head].append(token.index)
        object.__setattr__(self, "_children", tuple(tuple(c) for c in children))

    def children(self, index: int) -> tuple[Token, ...]:
        """The dependents of token ``index``, left to right."""
        return tuple(self.tokens[i] for i in self._children[index])

    def subtree(self, index: int) -> list[int]:
        """Indices of token ``index`` and all its descendants, sorted."""
        out: list[int] = []
        stack = [index]
        while stack:
            current = stack.pop()
            out.append(current)
            stack.extend(self._children[current])
        return sorted(out)

    def ancestors(self, index: int) -> Iterator[Token]:
        """The heads above token ``index``, nearest first (cycle-safe)."""
        seen = {index}
        head = self.tokens[index].head
        while 0 <= head < len(self.tokens) and head not in seen:
            seen.add(head)
            yield self.tokens[head]
            head = self.tokens[head].head

    def entity_at(self, index: int) -> Entity | None:
        """The entity that covers token ``index``, if any."""
        for entity in self.entities:
            if entity.first <= index <= entity.last:
                return entity
        return None

    def span(self, first: int, last: int, document_text: str) -> Span:
        """The :class:`~geoevents.Span` of tokens ``first..last`` (inclusive)."""
        start, end = self.tokens[first].start, self.tokens[last].end
        return Span(self.index, start, end, document_text[start:end])


@attrs.frozen
class AnnotatedDocument:
    """A document's text, its information and its sentences."""

    text: str
    info: DocumentInfo
    sentences: tuple[Sentence, ...]
    notes: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    """What the NLP layer changed to stay within its bounds (a run-on sentence cut for the
    parser, say), one line each; empty for ordinary text."""

    def char_span(self, sentence: int, start: int, end: int) -> Span:
        """A :class:`~geoevents.Span` of ``text[start:end]`` in sentence ``sentence``."""
        return Span(sentence, start, end, self.text[start:end])
