"""In-document coreference: who "he", "Price", "the envoy" and "the two leaders" are.

:class:`Coreference` holds every person named in the document, in order, and resolves a
later, shorter mention to the fuller one before it:

* a surname alone ("Price said") to the earlier full name with its title;
* a personal pronoun ("he", "they") to the nearest earlier actor of the same number;
* a description ("the envoy", "the spokesperson") to the nearest earlier actor whose
  title or name carries the same role word (roles that stand for each other, such as
  envoy and ambassador, are vocabulary data);
* "the two leaders", "both men" to the two persons named last;
* "the country", "the regime", "the North" to the country named last (with that word).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import attrs

from geoevents.actors import Actor, ActorType, country_code
from geoevents.knowledge import vocabulary
from geoevents.nlp.annotation import AnnotatedDocument, Sentence, Token

__all__ = ["Coreference", "Mention"]

Mention = tuple[int, Actor]
"""An actor and the character offset where the document names it."""

ActorReader = Callable[[Sentence, int], Actor]

_TITLE_BREAK = re.compile(r"[,;:()“”\"]|\b(?:by|of|said|says|and|to|from|with|according)\b")


@attrs.frozen
class Coreference:
    """The persons a document names, in order, and the rules that link mentions to them."""

    doc: AnnotatedDocument = attrs.field(repr=False)
    actor_at: ActorReader = attrs.field(repr=False)
    persons: tuple[Mention, ...] = ()
    countries: tuple[Mention, ...] = ()

    def before(self, position: int, also: Sequence[Mention] = ()) -> list[Mention]:
        """Persons (and the ``also`` mentions, e.g. speakers found so far) named before
        ``position``, in document order."""
        seen = [m for m in (*also, *self.persons) if m[0] < position]
        return sorted(seen, key=lambda m: m[0])

    def resolve(self, actor: Actor, head: Token, *, position: int, pronoun: bool,
                also: Sequence[Mention] = ()) -> Actor:
        """The fullest earlier record of the actor the mention at ``head`` refers to (the
        mention itself when none fits)."""
        earlier = self.before(position, also)
        if pronoun:
            return _antecedent(earlier, head) or actor
        country = self._described_country(actor, head, position)
        if country is not None:
            return country
        for rule in (_full_name, _same_role, _titled_namesake):
            found = rule(earlier, actor, head)
            if found is not None:
                return found
        return actor

    def _described_country(self, actor: Actor, head: Token, position: int) -> Actor | None:
        """ "the country said", "the regime", "the North": the country named last before
        (for "the North"/"the South", the last one whose name has that word)."""
        words = actor.name.lower().split()
        if len(words) != 2 or words[0] != "the" or actor.type is ActorType.COUNTRY:
            return None
        earlier = [c for p, c in self.countries if p < position]
        if head.lemma.lower() in vocabulary().actors.country_nouns:
            return earlier[-1] if earlier else None
        if head.upos == "PROPN":
            named = [c for c in earlier if words[1] in c.name.lower().split()]
            return named[-1] if named else None
        return None

    def pair_before(self, position: int) -> tuple[Actor, Actor] | None:
        """ "the two leaders", "both men": the two distinct persons named last before
        ``position``."""
        found: list[Actor] = []
        for _, person in reversed(self.before(position)):
            if all(_surname(person) != _surname(p) for p in found):
                found.append(person)
            if len(found) == 2:
                return found[1], found[0]
        return None

    def expand_surname(self, actor: Actor, position: int) -> Actor:
        """ "White said" after "... spokesperson Dana W. White": the earlier full name and
        title, read from the text (so it also mends names the NER model missed)."""
        name = actor.name.strip()
        if actor.type is ActorType.COUNTRY or (
                actor.country and actor.type is not ActorType.PERSON):
            return actor
        if not re.fullmatch(r"[A-Z][\w'’-]+", name) or country_code(name):
            return actor
        pattern = re.compile(rf"((?:\b[A-Z][\w.'’-]*\s+){{1,3}}){re.escape(name)}\b")
        found = None
        for match in pattern.finditer(self.doc.text, 0, position):
            found = match
        if found is None:
            return actor
        words = vocabulary().actors
        given = found.group(1).split()
        while given and given[0].lower() in (words.name_prefixes | words.person_title_nouns):
            given.pop(0)
        if not given:
            return actor
        full = " ".join([*given, name])
        # the words just before the earlier mention are usually its title
        before = _TITLE_BREAK.split(
            self.doc.text[max(0, found.start() - 80): found.start()])[-1].split()
        prefix = [w for w in found.group(1).split() if w not in given]
        guessed = " ".join([*before[-4:], *prefix]).strip() or None
        described = self._actor_ending_at(found.end())
        if described is None:
            return attrs.evolve(actor, name=full, type=ActorType.PERSON, title=guessed)
        title = described.title if described.title and described.title != (
            described.name) else guessed
        return attrs.evolve(described, name=full, type=ActorType.PERSON, title=title,
                            mentions=actor.mentions)

    def _actor_ending_at(self, end: int) -> Actor | None:
        for sent in self.doc.sentences:
            if sent.start <= end <= sent.end:
                last = next((t for t in sent.tokens if t.end == end), None)
                if last is not None:
                    return self.actor_at(sent, last.index)
        return None


def _surname(actor: Actor) -> str:
    parts = actor.name.split()
    return parts[-1] if parts else ""


def _antecedent(earlier: Sequence[Mention], pronoun: Token) -> Actor | None:
    """The nearest earlier actor of the pronoun's number (groups for "they"/"we")."""
    want_group = pronoun.text.lower() in vocabulary().common.plural_pronouns
    for _, previous in reversed(earlier):
        if (previous.type in (ActorType.GROUP, ActorType.ORGANIZATION)) == want_group:
            return previous
    return None


def _full_name(earlier: Sequence[Mention], actor: Actor, head: Token) -> Actor | None:
    """A surname on its own: the earlier full mention carries name and title."""
    del head
    if actor.type is not ActorType.PERSON or " " in actor.name.strip():
        return None
    for _, previous in reversed(earlier):
        parts = previous.name.split()
        if len(parts) > 1 and (parts[-1] == actor.name or parts[-1].endswith("-" + actor.name)):
            return previous
    return None


def _same_role(earlier: Sequence[Mention], actor: Actor, head: Token) -> Actor | None:
    """ "the envoy" after "Chile's permanent representative to the UN, A": a role word
    that stands for the title of a person named before."""
    if not actor.name.lower().startswith(("the ", "this ")) or actor.type is ActorType.COUNTRY:
        return None
    noun = head.lemma.lower()
    roles = vocabulary().actors.same_role.get(noun, (noun,))
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, roles)) + ")")
    for _, previous in reversed(earlier):
        described = f"{previous.title or ''} {previous.name}".lower()
        if previous is not actor and pattern.search(described):
            return previous
    return None


def _titled_namesake(earlier: Sequence[Mention], actor: Actor, head: Token) -> Actor | None:
    """The same name mentioned earlier with a title."""
    del head
    if actor.type is not ActorType.PERSON or actor.title is not None:
        return None
    for _, previous in reversed(earlier):
        if previous.name == actor.name and previous.title:
            return previous
    return None
