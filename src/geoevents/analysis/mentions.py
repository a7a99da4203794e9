"""Reading actors and places off the dependency tree: names, titles, countries.

:func:`actor_at` turns the noun phrase a token heads into an :class:`~geoevents.Actor`
(a person with title and affiliation, a country, an organisation or a described group);
:func:`location_at` turns a place phrase into a :class:`~geoevents.Location`. Both read
one sentence; :class:`~geoevents.analysis.DocumentAnalysis` calls them once per phrase.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

import attrs

from geoevents.actors import (
    Actor,
    ActorType,
    country_code,
    demonym_country,
    is_country_name,
    organization_country,
)
from geoevents.analysis.syntax import (
    contiguous,
    phrase_indices,
    phrase_text,
    strip_determiners,
)
from geoevents.events import Location
from geoevents.knowledge import vocabulary
from geoevents.nlp.annotation import AnnotatedDocument, EntityType, Sentence, Token

__all__ = ["actor_at", "country_in", "location_at", "title_country", "without_possessive"]


def _titles() -> frozenset[str]:
    return vocabulary().actors.person_title_nouns


def country_in(doc: AnnotatedDocument, sent: Sentence, indices: Iterable[int]) -> str | None:
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


def title_country(title: str | None) -> str | None:
    """The country a free-text title names ("former U.S. deputy secretary of state" -> USA)."""
    if not title:
        return None
    words = re.findall(r"[\w.'’-]+", title)
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i: i + size])
            if phrase[:1].isupper():
                code = demonym_country(phrase) or country_code(phrase)
                if code:
                    return code
    return organization_country(title)


def _affiliation(doc: AnnotatedDocument, sent: Sentence, indices: Iterable[int]) -> str | None:
    for i in indices:
        entity = sent.entity_at(i)
        if entity is not None and entity.type is EntityType.ORGANIZATION:
            return entity.text
    return None


def _joins(sent: Sentence, left: int, right: int) -> bool:
    """Whether tokens ``left`` and ``right`` (adjacent) belong to one personal name."""
    a, b = sent.tokens[left], sent.tokens[right]
    if a.end == b.start and "-" in (a.text, b.text):
        return True  # "Jean-Yves", split around the hyphen
    if a.text == "-" or b.text == "-":
        return False
    if not (a.upos == "PROPN" and b.upos == "PROPN" and a.text[:1].isupper()
            and b.text[:1].isupper()):
        return False
    words = _titles()
    if a.lemma.lower() in words or b.lemma.lower() in words:
        return False
    if country_code(a.text) or country_code(b.text) or demonym_country(a.text):
        return False
    linked = a.head == b.index or b.head == a.index or (a.head == b.head and a.head >= 0)
    return linked and (a.deprel in ("flat", "compound") or b.deprel in ("flat", "compound"))


def _name_span(sent: Sentence, head: int) -> tuple[int, int] | None:
    """First..last token of the personal name headed by ``head``, if it is one."""
    token = sent.tokens[head]
    if token.lemma.lower() in _titles() or (_title_word(token) and token.text[:1].isupper()):
        after_title = _name_after_title(sent, head)
        if after_title is not None:
            return after_title
    found = _name_entity(sent, head)
    if found is None:
        return None
    first, last = found
    while first > 0 and _joins(sent, first - 1, first):
        first -= 1
    while last + 1 < len(sent.tokens) and _joins(sent, last, last + 1):
        last += 1
    # an entity that swallowed the title ("Chinese President Xi Jinping", "U.S. State
    # Department spokesman Ned Price"): the name starts after the last title word
    titles = [i for i in range(first, last) if sent.tokens[i].lemma.lower() in (
        _titles()) and sent.tokens[i].text.lower() != sent.tokens[last].text]
    if titles:
        first = titles[-1] + 1
    while first <= last and _title_word(sent.tokens[first]):
        first += 1
    return (first, last) if first <= last else None


def _name_after_title(sent: Sentence, head: int) -> tuple[int, int] | None:
    """ "President Xi Jinping" parsed with the title as head and the name hanging off it."""
    after = [c.index for c in sent.children(head) if c.index > head and c.upos == "PROPN"
             and (c.deprel in ("flat", "flat:name", "appos", "compound")
                  or _bare_person_nmod(sent, c))]
    if not after:
        return None
    names: list[int] = []
    stack = list(after)
    while stack:  # the name itself and its flat parts, not what hangs off them
        current = stack.pop()
        names.append(current)
        stack.extend(c.index for c in sent.children(current)
                     if c.deprel in ("flat", "flat:name") and c.upos == "PROPN")
    names.sort()
    run = names[:1]
    for i in names[1:]:  # "Jean-Yves Le Drian in Paris-Saclay": stop at the gap
        if i == run[-1] + 1 or (i == run[-1] + 2 and sent.tokens[i - 1].text == "-"):
            run.append(i)
        else:
            break
    while len(run) > 1 and _title_word(sent.tokens[run[0]]):
        run.pop(0)  # "Kenyan President William Ruto" headed by "Kenyan"
    return run[0], run[-1]


def _name_entity(sent: Sentence, head: int) -> tuple[int, int] | None:
    """The tokens of a personal name at ``head`` before title trimming: a person entity, a
    proper noun the NER missed that has a personal title, or an "organisation" followed by
    a person's title in apposition ("Oh Ei Sun, senior fellow with ..."; "the Hudson
    Institute, a think tank whose director ..." stays an organisation)."""
    token = sent.tokens[head]
    entity = sent.entity_at(head)
    if entity is not None and entity.type is EntityType.PERSON:
        return entity.first, entity.last
    if entity is None and token.upos == "PROPN" and token.text[:1].isupper() and not (
        country_code(token.text) or demonym_country(token.text)
    ) and _looks_personal(sent, head):
        return head, head
    if entity is not None and entity.type is EntityType.ORGANIZATION and _titled(
        sent, _title_words_after(sent, entity.last)
    ):
        return entity.first, entity.last
    return None


def _bare_person_nmod(sent: Sentence, token: Token) -> bool:
    """ "Secretary of State Antony J. Blinken" with "Antony" an nmod of "Secretary": a
    person's name with no preposition of its own."""
    entity = sent.entity_at(token.index)
    return (token.deprel == "nmod" and entity is not None and entity.type is EntityType.PERSON
            and entity.first == token.index
            and not any(c.deprel == "case" for c in sent.children(token.index)))


def _title_word(token: Token) -> bool:
    """A word that belongs to a title, not a name ("President", "U.S.", "Foreign", "Kenyan")."""
    word = token.text
    return (not word[:1].isupper() or token.lemma.lower() in _titles()
            or word.lower() in vocabulary().actors.title_words
            or bool(demonym_country(word)) or (bool(country_code(word)) and word[:1].isupper()))


def _title_after(doc: AnnotatedDocument, sent: Sentence, last: int) -> str | None:
    """ "Ana Lopes-Ferreira, a lecturer at a university in Porto, ...": the apposition read
    off the word order (up to the next comma) when the parse did not attach it."""
    words = _title_words_after(sent, last)
    return phrase_text(doc, sent, words) if words else None


def _titled(sent: Sentence, words: list[int]) -> bool:
    """Whether a title noun comes before the first preposition, pronoun or wh-word."""
    for i in words:
        token = sent.tokens[i]
        if token.upos in ("ADP", "PRON", "SCONJ") or (
                token.text.lower() in vocabulary().common.relative_words):
            return False
        if token.lemma.lower() in _titles():
            return True
    return False


def _title_words_after(sent: Sentence, last: int) -> list[int]:
    """Token indices of a title apposition right after token ``last`` (empty: none)."""
    tokens = sent.tokens
    if last + 2 >= len(tokens) or tokens[last + 1].text != ",":
        return []
    words = []
    for token in tokens[last + 2: last + 16]:
        if token.text in (",", ".", ";", "“", "”", "\"") or (
                token.upos == "VERB" and token.xpos in ("VBD", "VBZ", "VBP")):
            break
        words.append(token)
    while words and words[0].upos == "DET":
        words.pop(0)
    if words and words[0].upos == "CCONJ":
        return []  # "Lai Ching-te, and other officials": a list, not an apposition
    if words and any(t.lemma.lower() in _titles() for t in words):
        return [t.index for t in words]
    return []


def _title_phrase(
    doc: AnnotatedDocument, sent: Sentence, noun: Token, first: int
) -> tuple[list[int], str | None]:
    """The phrase of the title noun ``noun`` before the name starting at ``first``."""
    indices = [i for i in strip_determiners(sent, phrase_indices(sent, noun.index)) if i < first]
    return indices, phrase_text(doc, sent, indices).strip(" ,") or None


def _role_subject_before(sent: Sentence, token: Token) -> Token | None:
    """ "Pakistan's ambassador to the UN, Munir Akram, spoke": a title noun that is another
    subject of the same verb, right before the comma that opens the name."""
    if not token.deprel.startswith("nsubj") or token.head < 0:
        return None
    for sibling in sent.children(token.head):
        if (sibling.index < token.index and sibling.deprel.startswith("nsubj")
                and sibling.upos == "NOUN"
                and sibling.lemma.lower() in _titles()
                and max(phrase_indices(sent, sibling.index)) + 1 == token.index - 1):
            return sibling
    return None


def _title_before(doc: AnnotatedDocument, sent: Sentence, first: int) -> str | None:
    """The title words right before a name ("U.S. State Department spokesman Ned Price")."""
    start = first
    while start > 0 and first - start < 6:
        token = sent.tokens[start - 1]
        if token.upos in ("PUNCT", "VERB", "AUX", "DET", "ADP", "CCONJ", "PRON", "SCONJ") and (
                token.text not in ("-", "'s", "’s")):
            break
        start -= 1
    words = sent.tokens[start:first]
    if any(t.lemma.lower() in _titles() for t in words):
        return phrase_text(doc, sent, [t.index for t in words])
    return None


def _looks_personal(sent: Sentence, head: int) -> bool:
    """A proper noun the NER missed is a person when a personal title goes with it."""
    titles = _titles()
    for child in sent.children(head):
        if child.deprel in ("flat", "flat:name"):
            return True
        if child.deprel in ("compound", "amod", "appos", "nmod") and any(
            sent.tokens[i].lemma.lower() in titles for i in sent.subtree(child.index)
        ):
            return True
    return False


@attrs.frozen
class _Phrase:
    """The noun phrase at ``head``, its appositions and its mention span."""

    sent: Sentence
    head: int
    indices: list[int]
    appos: list[int]
    appos_indices: list[int]

    @classmethod
    def at(cls, sent: Sentence, head: int) -> _Phrase:
        appos = [c.index for c in sent.children(head) if c.deprel == "appos"]
        appos_indices = [i for a in appos
                         for i in strip_determiners(sent, phrase_indices(sent, a))]
        return cls(sent, head, phrase_indices(sent, head), appos, appos_indices)

    @property
    def token(self) -> Token:
        return self.sent.tokens[self.head]


def actor_at(doc: AnnotatedDocument, sent: Sentence, head: int) -> Actor:
    """The actor a noun phrase headed by token ``head`` denotes, with its title and country.

    In this order: a person by name (with the title around the name), the country or
    organisation named in apposition to a common noun, a country, an organisation, and
    otherwise the phrase itself as a described person, group or organisation.
    """
    phrase = _Phrase.at(sent, head)
    mention = sent.span(phrase.indices[0], phrase.indices[-1], doc.text)
    actor = (_person(doc, phrase) or _named_in_apposition(doc, phrase)
             or _country(doc, phrase) or _organization(doc, phrase) or _described(doc, phrase))
    return attrs.evolve(actor, mentions=(mention,))


def _person(doc: AnnotatedDocument, phrase: _Phrase) -> Actor | None:
    sent = phrase.sent
    person = _name_span(sent, phrase.head)
    appos_indices = phrase.appos_indices
    if person is None:
        # "the senior official, John Smith" / "his counterpart, A"
        person = next((inner for a in phrase.appos
                       if (inner := _name_span(sent, a)) is not None), None)
        if person is None:
            return None
        appos_indices = strip_determiners(sent, phrase.indices)
    first, last = person
    name = without_possessive(doc.text[sent.tokens[first].start: sent.tokens[last].end])
    title_indices, title = _person_title(doc, phrase, first, last, appos_indices)
    scope = [*title_indices, *appos_indices]
    return Actor(name=name, type=ActorType.PERSON, country=country_in(doc, sent, scope),
                 title=title, affiliation=_affiliation(doc, sent, scope))


def _person_title(
    doc: AnnotatedDocument, phrase: _Phrase, first: int, last: int, appos_indices: list[int]
) -> tuple[list[int], str | None]:
    """The title of the person named by tokens ``first..last``, and its token indices:
    the words of the phrase before the name, else its apposition, else a title noun the
    parse put elsewhere."""
    sent = phrase.sent
    title_part = strip_determiners(sent, [i for i in phrase.indices if i < first])
    title_indices = title_part or [i for i in appos_indices if not first <= i <= last]
    title = phrase_text(doc, sent, title_indices).strip(" ,") or None
    if title is not None:
        return title_indices, title
    roles = [_title_noun_above(phrase)]
    if first > 0 and sent.tokens[first - 1].text == ",":
        # the same apposition parsed as a second subject of the verb
        roles.append(_role_subject_before(sent, phrase.token))
    for role in roles:
        if role is not None and (found := _title_phrase(doc, sent, role, first))[1]:
            return found
    title = _title_before(doc, sent, first) or _title_after(doc, sent, last)
    if title is None:
        return title_indices, None
    return [t.index for t in sent.tokens if t.start >= sent.tokens[first].start - len(title) - 1
            and t.index < first], title


def _title_noun_above(phrase: _Phrase) -> Token | None:
    """ "Pakistan's ambassador to the United Nations, Munir Akram,": the title noun the
    name is in apposition to (the name often hangs off the nearest noun, "Nations")."""
    if phrase.token.deprel != "appos":
        return None
    parent = phrase.sent.tokens[phrase.token.head]
    for _ in range(3):
        if parent.lemma.lower() in _titles():
            return parent
        if not parent.deprel.startswith("nmod") or parent.head < 0:
            return None
        parent = phrase.sent.tokens[parent.head]
    return None


def _named_in_apposition(doc: AnnotatedDocument, phrase: _Phrase) -> Actor | None:
    """ "Moscow's closest partner, Belarus," / "the militant group, Hamas,": the name."""
    if phrase.token.upos != "NOUN":
        return None
    for a in phrase.appos:
        named = actor_at(doc, phrase.sent, a)
        if named.type in (ActorType.COUNTRY, ActorType.ORGANIZATION):
            return named
    return None


def _country(doc: AnnotatedDocument, phrase: _Phrase) -> Actor | None:
    entity = phrase.sent.entity_at(phrase.head)
    text = phrase_text(doc, phrase.sent, phrase.indices)
    if not ((entity is not None and entity.type is EntityType.LOCATION)
            or is_country_name(text)):
        return None
    # "North Korea's escalatory launch": the entity can end in the possessive
    place = without_possessive(entity.text if entity else text)
    code = country_code(place)
    if code is not None and is_country_name(place):
        return Actor(name=place, type=ActorType.COUNTRY, country=code)
    return None


def _organization(doc: AnnotatedDocument, phrase: _Phrase) -> Actor | None:
    """A named organisation (also one the tagger took for a place: "African Union")."""
    sent = phrase.sent
    entity = sent.entity_at(phrase.head)
    if entity is None or not (entity.type is EntityType.ORGANIZATION or (
        entity.type is EntityType.LOCATION
        and sent.tokens[entity.last].text in vocabulary().actors.organization_heads
    )):
        return None
    return Actor(
        name=_with_acronym(sent, entity.last, without_possessive(entity.text)),
        type=ActorType.ORGANIZATION,
        country=country_in(doc, sent, range(entity.first, entity.last + 1)),
    )


def _described(doc: AnnotatedDocument, phrase: _Phrase) -> Actor:
    """An actor known by description: "a senior official" (person), "officials" (group),
    "the foreign ministry" (organisation)."""
    sent, token = phrase.sent, phrase.token
    stripped = strip_determiners(sent, phrase.indices)
    text = without_possessive(phrase_text(doc, sent, phrase.indices))
    title: str | None = phrase_text(doc, sent, stripped) or text
    if all(sent.tokens[i].upos in ("PROPN", "PART", "PUNCT") for i in stripped):
        title = None  # a name the NER did not tag ("Kishida's trip"): no title in it
    lemma = token.lemma.lower()
    plural = "Number=Plur" in token.feats or token.xpos in ("NNS", "NNPS")
    kind = ActorType.PERSON if lemma in _titles() and not plural else ActorType.GROUP
    if lemma in vocabulary().actors.organization_nouns:
        kind = ActorType.ORGANIZATION
    scope = [*phrase.indices, *phrase.appos_indices]
    return Actor(
        name=text,
        type=kind,
        country=country_in(doc, sent, scope),
        title=title if kind is not ActorType.ORGANIZATION else None,
        affiliation=_affiliation(doc, sent, scope),
    )


def _with_acronym(sent: Sentence, last: int, name: str) -> str:
    """ "the Southern African Development Community, or SADC" / "... (SADC)": the
    name with the acronym the text gives for it."""
    after = sent.tokens[last + 1: last + 4]
    words = [t.text for t in after]
    for lead in ([",", "or"], ["("]):
        if words[: len(lead)] == lead and len(words) > len(lead):
            acronym = words[len(lead)]
            if acronym.isupper() and acronym.isalpha() and 2 <= len(acronym) <= 8 and (
                    acronym not in name):
                return f"{name} ({acronym})"
    return name


def without_possessive(name: str) -> str:
    """ "Blinken’s" (one token when the tokenizer kept the curly apostrophe) -> "Blinken"."""
    for suffix in ("'s", "’s"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def location_at(doc: AnnotatedDocument, sent: Sentence, head: int) -> Location:
    """A place phrase ("Annapolis, Maryland", "the Sea of Japan") with its country."""
    indices = [head]
    for child in sent.children(head):
        of_phrase = child.deprel.startswith("nmod") and any(
            c.deprel == "case" and c.lemma.lower() == "of" for c in sent.children(child.index))
        if child.deprel in ("compound", "flat", "amod", "det", "case") or of_phrase or (
            child.deprel == "appos" and child.upos == "PROPN"
        ):
            indices.extend(sent.subtree(child.index))
    indices = contiguous(sorted(indices), head)
    while indices and sent.tokens[indices[0]].deprel in ("case", "det"):
        indices = indices[1:]
    for position, index in enumerate(indices):
        # "Paris Tuesday, Dutch Defense Minister ..." (a weak parse): the place ends before
        # a date word, and a comma continues it only into another place ("Annapolis, Maryland")
        token = sent.tokens[index]
        following = sent.entity_at(index + 1) if index + 1 < len(sent.tokens) else None
        if index > head and (token.text.lower() in vocabulary().time.date_words or (
                token.text == "," and (
                    following is None or following.type is not EntityType.LOCATION))):
            indices = indices[:position]
            break
    while len(indices) > 1 and sent.tokens[indices[-1]].upos == "PUNCT":
        indices.pop()
    span = sent.span(indices[0], indices[-1], doc.text)
    return Location(name=span.text, country=country_in(doc, sent, indices), span=span)
