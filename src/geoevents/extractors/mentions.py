"""Reading actors, places and phrases off the dependency tree (shared by all extractors)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence

from geoevents.actors import (
    Actor,
    ActorType,
    country_code,
    demonym_country,
    is_country_name,
    organization_country,
)
from geoevents.events import Location
from geoevents.knowledge import lexicon
from geoevents.nlp.annotation import AnnotatedDocument, EntityType, Sentence, Token

__all__ = [
    "actor_at",
    "conjuncts",
    "location_at",
    "phrase_indices",
    "phrase_text",
]

# Dependents that start a new phrase rather than belong to the noun phrase.
_CLAUSAL = frozenset({"acl:relcl", "acl", "parataxis", "appos", "punct", "cc", "conj", "dep",
                      "advcl", "discourse", "list", "reparandum"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them", "who"})


def _contiguous(indices: list[int], head: int) -> list[int]:
    """Keep the run of consecutive indices that contains ``head``."""
    present = set(indices)
    lo = hi = head
    while lo - 1 in present:
        lo -= 1
    while hi + 1 in present:
        hi += 1
    return list(range(lo, hi + 1))


def phrase_indices(sent: Sentence, head: int, *, keep: frozenset[str] = frozenset()) -> list[int]:
    """The noun phrase headed by ``head``: its subtree minus clauses, appositions and conjuncts."""
    out = [head]
    for child in sent.children(head):
        rel = child.deprel
        if rel in _CLAUSAL and rel not in keep:
            continue
        out.extend(sent.subtree(child.index))
    indices = _contiguous(sorted(out), head)
    while len(indices) > 1 and sent.tokens[indices[-1]].upos == "PUNCT":
        indices.pop()
    while len(indices) > 1 and sent.tokens[indices[0]].upos == "PUNCT":
        indices.pop(0)
    return indices


def phrase_text(doc: AnnotatedDocument, sent: Sentence, indices: Sequence[int]) -> str:
    """The document text from the first to the last of ``indices``."""
    if not indices:
        return ""
    return doc.text[sent.tokens[indices[0]].start: sent.tokens[indices[-1]].end]


def conjuncts(sent: Sentence, head: int) -> list[int]:
    """``head`` and the heads coordinated with it ("A, B and C")."""
    out = [head]
    for child in sent.children(head):
        if child.deprel == "conj":
            out.extend(conjuncts(sent, child.index))
    return out


def _strip_determiners(sent: Sentence, indices: list[int]) -> list[int]:
    while indices and (sent.tokens[indices[0]].upos in ("DET", "PRON") and
                       sent.tokens[indices[0]].deprel in ("det", "nmod:poss", "det:poss")):
        indices = indices[1:]
    return indices


def _country_in(doc: AnnotatedDocument, sent: Sentence, indices: Iterable[int]) -> str | None:
    """The first country named, or implied by a demonym or national body, in ``indices``."""
    indices = list(indices)
    seen: set[int] = set()
    for i in indices:
        entity = sent.entity_at(i)
        if entity is not None and entity.first not in seen:
            seen.add(entity.first)
            code = country_code(entity.text) or organization_country(entity.text)
            if code is None:
                for part in re.split(r"\s+", entity.text):
                    code = country_code(part) if part[:1].isupper() and len(part) > 2 else None
                    if code:
                        break
            if code:
                return code
        token = sent.tokens[i]
        code = demonym_country(token.text)
        if code is None and token.upos == "PROPN":
            code = country_code(token.text) if token.text not in ("US",) else "USA"
        if code:
            return code
    # two-word demonyms and names ("North Korean", "South Korea")
    words = [sent.tokens[i].text for i in indices]
    for a, b in itertools.pairwise(words):
        code = demonym_country(f"{a} {b}") or country_code(f"{a} {b}")
        if code:
            return code
    text = phrase_text(doc, sent, indices)
    return organization_country(text)


def _affiliation(doc: AnnotatedDocument, sent: Sentence, indices: Iterable[int]) -> str | None:
    for i in indices:
        entity = sent.entity_at(i)
        if entity is not None and entity.type is EntityType.ORGANIZATION:
            return entity.text
    return None


def _appositions(sent: Sentence, head: int) -> list[int]:
    return [c.index for c in sent.children(head) if c.deprel == "appos"]


def _person_entity(sent: Sentence, indices: Sequence[int]) -> tuple[int, int] | None:
    """First..last token of the person entity within ``indices`` (the last one if several)."""
    found: tuple[int, int] | None = None
    for i in indices:
        entity = sent.entity_at(i)
        if entity is not None and entity.type is EntityType.PERSON:
            found = (max(entity.first, indices[0]), min(entity.last, indices[-1]))
    return found


def actor_at(doc: AnnotatedDocument, sent: Sentence, head: int) -> Actor:
    """The actor a noun phrase headed by token ``head`` denotes, with its title and country."""
    indices = phrase_indices(sent, head)
    token = sent.tokens[head]
    appos = _appositions(sent, head)
    appos_indices: list[int] = []
    for a in appos:
        appos_indices.extend(_strip_determiners(sent, phrase_indices(sent, a, keep=frozenset())))
    person = _person_entity(sent, indices)
    mention = sent.span(indices[0], indices[-1], doc.text)
    if person is None and appos:
        # "the senior official, John Smith" / "his counterparts, A and B"
        for a in appos:
            inner = _person_entity(sent, phrase_indices(sent, a))
            if inner is not None:
                person = inner
                appos_indices = _strip_determiners(sent, indices)
                break
    if person is not None:
        first, last = person
        name = doc.text[sent.tokens[first].start: sent.tokens[last].end]
        title_part = _strip_determiners(sent, [i for i in indices if i < first])
        title_indices = title_part or appos_indices
        title = phrase_text(doc, sent, title_indices) or None
        if title is not None:
            title = title.strip(" ,")
        scope = [*title_indices, *appos_indices]
        return Actor(
            name=name,
            type=ActorType.PERSON,
            country=_country_in(doc, sent, scope),
            title=title or None,
            affiliation=_affiliation(doc, sent, scope),
            mentions=(mention,),
        )
    entity = sent.entity_at(head)
    text = phrase_text(doc, sent, indices)
    if (entity is not None and entity.type is EntityType.LOCATION) or is_country_name(text):
        code = country_code(entity.text if entity else text)
        if code is not None and is_country_name(entity.text if entity else text):
            return Actor(name=(entity.text if entity else text), type=ActorType.COUNTRY,
                         country=code, mentions=(mention,))
    if entity is not None and entity.type is EntityType.ORGANIZATION:
        return Actor(
            name=entity.text,
            type=ActorType.ORGANIZATION,
            country=_country_in(doc, sent, range(entity.first, entity.last + 1)),
            mentions=(mention,),
        )
    stripped = _strip_determiners(sent, indices)
    title = phrase_text(doc, sent, stripped) or text
    lemma = token.lemma.lower()
    plural = "Number=Plur" in token.feats or token.xpos in ("NNS", "NNPS")
    kind = ActorType.PERSON if (
        lemma in lexicon().person_title_nouns and not plural) else ActorType.GROUP
    if lemma in ("administration", "government", "ministry", "department", "agency", "embassy",
                 "military", "army", "navy", "regime", "council", "office", "house"):
        kind = ActorType.ORGANIZATION
    return Actor(
        name=text,
        type=kind,
        country=_country_in(doc, sent, [*indices, *appos_indices]),
        title=title if kind is not ActorType.ORGANIZATION else None,
        affiliation=_affiliation(doc, sent, [*indices, *appos_indices]),
        mentions=(mention,),
    )


def is_pronoun(token: Token) -> bool:
    """Whether ``token`` is a personal pronoun that needs an antecedent."""
    return token.upos == "PRON" and token.text.lower() in _PRONOUNS


def location_at(doc: AnnotatedDocument, sent: Sentence, head: int) -> Location:
    """A place phrase ("Annapolis, Maryland", "the Sea of Japan") with its country."""
    indices = [head]
    for child in sent.children(head):
        if child.deprel in ("compound", "flat", "amod", "nmod", "det", "case") or (
            child.deprel == "appos" and child.upos == "PROPN"
        ):
            indices.extend(sent.subtree(child.index))
    indices = _contiguous(sorted(indices), head)
    while indices and sent.tokens[indices[0]].deprel in ("case", "det"):
        indices = indices[1:]
    while len(indices) > 1 and sent.tokens[indices[-1]].upos == "PUNCT":
        indices.pop()
    span = sent.span(indices[0], indices[-1], doc.text)
    return Location(name=span.text, country=_country_in(doc, sent, indices), span=span)


def tokens_between(sent: Sentence, start: int, end: int) -> Iterator[Token]:
    """Tokens whose characters lie within ``[start, end)``."""
    for token in sent.tokens:
        if token.start >= start and token.end <= end:
            yield token
