"""Reading actors, places and phrases off the dependency tree (shared by all extractors)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence

import attrs

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
    "entity_head",
    "location_at",
    "phrase_indices",
    "phrase_text",
    "title_country",
]

# Dependents that start a new phrase rather than belong to the noun phrase.
_CLAUSAL = frozenset({"acl:relcl", "acl", "parataxis", "appos", "punct", "cc", "conj", "dep",
                      "case", "mark", "advcl", "discourse", "list", "reparandum"})
_DATE_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                         "sunday", "today", "yesterday", "tomorrow", "january", "february",
                         "march", "april", "june", "july", "august", "september", "october",
                         "november", "december"})
#: last words of organisation names the entity tagger can take for places ("African Union")
_ORG_HEADS = frozenset({
    "Union", "Organization", "Organisation", "Council", "Agency", "Institute", "Ministry",
    "Department", "Commission", "Association", "Alliance", "Party", "Bank", "Fund", "Court",
    "Command", "Committee", "Office", "University", "Foundation", "League", "Movement",
})
#: words that head a date phrase ("last week", "on Tuesday") when one is misattached
_TIME_NOUNS = _DATE_WORDS | {"week", "month", "year", "weekend"}
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
        subtree = sent.subtree(child.index)
        if child.index > head and sent.tokens[min(subtree)].text in (",", "(", "—", "–"):
            continue  # "Iraqi special forces, in a later statement, said": a parenthetical
        if child.index < head and child.lemma.lower() in _TIME_NOUNS and rel != "nmod:poss":
            continue  # "Last week South Korean officials said": a date the parser hung here
        out.extend(subtree)
    indices = _contiguous(sorted(out), head)
    for i, index in enumerate(indices):
        if index >= head:
            break
        if sent.tokens[index].lemma.lower() in _TIME_NOUNS and all(
            sent.tokens[j].upos in ("ADJ", "DET", "NUM") for j in indices[:i]
        ):
            indices = indices[i + 1:]  # the same date hung deeper ("week" under "South")
            break
    while len(indices) > 1 and sent.tokens[indices[-1]].upos == "PUNCT":
        indices.pop()
    while len(indices) > 1 and sent.tokens[indices[0]].upos in ("PUNCT", "CCONJ"):
        indices.pop(0)  # "Cameroon and C.A.R. officials" cut at the conjunction
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
        elif child.deprel in ("flat", "flat:name"):
            # "President Vo Van Thuong and Indonesian President Joko Widodo" with the second
            # name coordinated to a part of the first
            for grandchild in sent.children(child.index):
                if grandchild.deprel == "conj" and grandchild.upos == "PROPN":
                    out.extend(conjuncts(sent, grandchild.index))
                elif grandchild.deprel in ("flat", "flat:name") and _second_name(
                        sent, child.index, grandchild.index):
                    # ... or hung on it as one more part of the name
                    out.append(grandchild.index)
    return out


def _second_name(sent: Sentence, head: int, part: int) -> bool:
    """``part``, a piece of the name at ``head`` (the head may be a title noun above the
    name: then ``head`` is the name's first part), is really another named entity joined
    by "and"/"or": the entity tagger sees two names, the parser one."""
    mine, theirs = sent.entity_at(head), sent.entity_at(part)
    if mine is None or theirs is None or mine == theirs:
        return False
    return any(sent.tokens[i].deprel == "cc" and sent.tokens[i].lemma.lower() in ("and", "or")
               for i in sent.subtree(part) if i < theirs.first)


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


def entity_head(sent: Sentence, first: int, last: int) -> int:
    """The syntactic head of tokens ``first..last`` (the one whose head lies outside)."""
    for index in range(first, last + 1):
        head = sent.tokens[index].head
        if not first <= head <= last:
            return index
    return last


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


def _appositions(sent: Sentence, head: int) -> list[int]:
    return [c.index for c in sent.children(head) if c.deprel == "appos"]


def _joins(sent: Sentence, left: int, right: int) -> bool:
    """Whether tokens ``left`` and ``right`` (adjacent) belong to one personal name."""
    a, b = sent.tokens[left], sent.tokens[right]
    if a.end == b.start and "-" in (a.text, b.text):
        return True  # "Leif-Eric", split around the hyphen
    if a.text == "-" or b.text == "-":
        return False
    if not (a.upos == "PROPN" and b.upos == "PROPN" and a.text[:1].isupper()
            and b.text[:1].isupper()):
        return False
    words = lexicon().person_title_nouns
    if a.lemma.lower() in words or b.lemma.lower() in words:
        return False
    if country_code(a.text) or country_code(b.text) or demonym_country(a.text):
        return False
    linked = a.head == b.index or b.head == a.index or (a.head == b.head and a.head >= 0)
    return linked and (a.deprel in ("flat", "compound") or b.deprel in ("flat", "compound"))


def _name_span(sent: Sentence, head: int) -> tuple[int, int] | None:
    """First..last token of the personal name headed by ``head``, if it is one."""
    token = sent.tokens[head]
    entity = sent.entity_at(head)
    if token.lemma.lower() in lexicon().person_title_nouns or (
            _title_word(token) and token.text[:1].isupper()):
        # "President Xi Jinping" parsed with the title as head and the name hanging off it
        after = [c.index for c in sent.children(head) if c.index > head and c.upos == "PROPN"
                 and (c.deprel in ("flat", "flat:name", "appos", "compound")
                      or _bare_person_nmod(sent, c))]
        if after:
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
    if entity is not None and entity.type is EntityType.PERSON:
        first, last = entity.first, entity.last
    elif entity is None and token.upos == "PROPN" and token.text[:1].isupper() and not (
        country_code(token.text) or demonym_country(token.text)
    ) and _looks_personal(sent, head):
        first = last = head
    elif entity is not None and entity.type is EntityType.ORGANIZATION and _titled(
        sent, _title_words_after(sent, entity.last)
    ):
        # "Oh Ei Sun, senior fellow with ...": a name the NER took for an organisation,
        # with a person's title heading the apposition ("the Hudson Institute, a think
        # tank whose director ..." stays an organisation)
        first, last = entity.first, entity.last
    else:
        return None
    while first > 0 and _joins(sent, first - 1, first):
        first -= 1
    while last + 1 < len(sent.tokens) and _joins(sent, last, last + 1):
        last += 1
    # an entity that swallowed the title ("Chinese President Xi Jinping", "U.S. State
    # Department spokesman Ned Price"): the name starts after the last title word
    titles = [i for i in range(first, last) if sent.tokens[i].lemma.lower() in (
        lexicon().person_title_nouns) and sent.tokens[i].text.lower() != sent.tokens[last].text]
    if titles:
        first = titles[-1] + 1
    while first <= last and _title_word(sent.tokens[first]):
        first += 1
    if first > last:
        return None
    return first, last


def _bare_person_nmod(sent: Sentence, token: Token) -> bool:
    """ "Secretary of State Antony J. Blinken" with "Antony" an nmod of "Secretary": a
    person's name with no preposition of its own."""
    entity = sent.entity_at(token.index)
    return (token.deprel == "nmod" and entity is not None and entity.type is EntityType.PERSON
            and entity.first == token.index
            and not any(c.deprel == "case" for c in sent.children(token.index)))


def _title_word(token: Token) -> bool:
    word = token.text
    return (not word[:1].isupper() or token.lemma.lower() in lexicon().person_title_nouns
            or word.lower() in (
        "u.s.", "mr.", "ms.", "mrs.", "dr.", "gen.", "prime", "foreign", "defense", "vice",
        "deputy", "former", "secretary", "state", "lt.", "col.", "sen.", "rep.", "affairs",
        "european", "interior", "finance", "trade", "justice", "external", "relations",
        "security", "national", "home", "development", "cooperation", "economy")
        or bool(demonym_country(word)) or (bool(country_code(word)) and word[:1].isupper()))


def _title_after(doc: AnnotatedDocument, sent: Sentence, last: int) -> str | None:
    """ "Leif-Eric Easley, a professor at Ewha University in Seoul, ...": the apposition
    read off the word order (up to the next comma) when the parse did not attach it."""
    words = _title_words_after(sent, last)
    return phrase_text(doc, sent, words) if words else None


def _titled(sent: Sentence, words: list[int]) -> bool:
    """Whether a title noun comes before the first preposition, pronoun or wh-word."""
    for i in words:
        token = sent.tokens[i]
        if token.upos in ("ADP", "PRON", "SCONJ") or token.text.lower() in (
            "who", "whose", "which", "that", "where"
        ):
            return False
        if token.lemma.lower() in lexicon().person_title_nouns:
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
    if words and any(t.lemma.lower() in lexicon().person_title_nouns for t in words):
        return [t.index for t in words]
    return []


def _title_phrase(
    doc: AnnotatedDocument, sent: Sentence, noun: Token, first: int
) -> tuple[list[int], str | None]:
    """The phrase of the title noun ``noun`` before the name starting at ``first``."""
    indices = [i for i in _strip_determiners(sent, phrase_indices(sent, noun.index)) if i < first]
    return indices, phrase_text(doc, sent, indices).strip(" ,") or None


def _role_subject_before(sent: Sentence, token: Token) -> Token | None:
    """ "Pakistan's ambassador to the UN, Munir Akram, spoke": a title noun that is another
    subject of the same verb, right before the comma that opens the name."""
    if not token.deprel.startswith("nsubj") or token.head < 0:
        return None
    for sibling in sent.children(token.head):
        if (sibling.index < token.index and sibling.deprel.startswith("nsubj")
                and sibling.upos == "NOUN"
                and sibling.lemma.lower() in lexicon().person_title_nouns
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
    if any(t.lemma.lower() in lexicon().person_title_nouns for t in words):
        return phrase_text(doc, sent, [t.index for t in words])
    return None


def _looks_personal(sent: Sentence, head: int) -> bool:
    """A proper noun the NER missed is a person when a personal title goes with it."""
    titles = lexicon().person_title_nouns
    for child in sent.children(head):
        if child.deprel in ("flat", "flat:name"):
            return True
        if child.deprel in ("compound", "amod", "appos", "nmod") and any(
            sent.tokens[i].lemma.lower() in titles for i in sent.subtree(child.index)
        ):
            return True
    return False


def actor_at(doc: AnnotatedDocument, sent: Sentence, head: int) -> Actor:
    """The actor a noun phrase headed by token ``head`` denotes, with its title and country."""
    indices = phrase_indices(sent, head)
    token = sent.tokens[head]
    appos = _appositions(sent, head)
    appos_indices: list[int] = []
    for a in appos:
        appos_indices.extend(_strip_determiners(sent, phrase_indices(sent, a)))
    person = _name_span(sent, head)
    mention = sent.span(indices[0], indices[-1], doc.text)
    if person is None and appos:
        # "the senior official, John Smith" / "his counterpart, A"
        for a in appos:
            inner = _name_span(sent, a)
            if inner is not None:
                person = inner
                appos_indices = _strip_determiners(sent, indices)
                break
    if person is not None:
        first, last = person
        name = _without_possessive(doc.text[sent.tokens[first].start: sent.tokens[last].end])
        title_part = _strip_determiners(sent, [i for i in indices if i < first])
        title_indices = title_part or [i for i in appos_indices if not first <= i <= last]
        title = phrase_text(doc, sent, title_indices).strip(" ,") or None
        if title is None and token.deprel == "appos":
            # "Pakistan's ambassador to the United Nations, Munir Akram," (the name often
            # hangs off the nearest noun, "Nations", rather than the title)
            parent = sent.tokens[token.head]
            for _ in range(3):
                if parent.lemma.lower() in lexicon().person_title_nouns:
                    title_indices, title = _title_phrase(doc, sent, parent, first)
                    break
                if not parent.deprel.startswith("nmod") or parent.head < 0:
                    break
                parent = sent.tokens[parent.head]
        if title is None and first > 0 and sent.tokens[first - 1].text == ",":
            # the same apposition parsed as a second subject of the verb
            role = _role_subject_before(sent, token)
            if role is not None:
                title_indices, title = _title_phrase(doc, sent, role, first)
        if title is None:
            title = _title_before(doc, sent, first) or _title_after(doc, sent, last)
            if title is not None:
                title_indices = [t.index for t in sent.tokens
                                 if t.start >= sent.tokens[first].start - len(title) - 1
                                 and t.index < first]
        scope = [*title_indices, *appos_indices]
        return Actor(
            name=name,
            type=ActorType.PERSON,
            country=_country_in(doc, sent, scope),
            title=title,
            affiliation=_affiliation(doc, sent, scope),
            mentions=(mention,),
        )
    if token.upos == "NOUN":
        # "Moscow's closest partner, Belarus," / "the militant group, Hamas,": the name
        for a in appos:
            named = actor_at(doc, sent, a)
            if named.type in (ActorType.COUNTRY, ActorType.ORGANIZATION):
                return attrs.evolve(named, mentions=(mention,))
    entity = sent.entity_at(head)
    text = phrase_text(doc, sent, indices)
    if (entity is not None and entity.type is EntityType.LOCATION) or is_country_name(text):
        # "North Korea's escalatory launch": the entity can end in the possessive
        place = _without_possessive(entity.text if entity else text)
        code = country_code(place)
        if code is not None and is_country_name(place):
            return Actor(name=place, type=ActorType.COUNTRY, country=code, mentions=(mention,))
    if entity is not None and (entity.type is EntityType.ORGANIZATION or (
        entity.type is EntityType.LOCATION and sent.tokens[entity.last].text in _ORG_HEADS
    )):
        return Actor(
            name=_with_acronym(sent, entity.last, _without_possessive(entity.text)),
            type=ActorType.ORGANIZATION,
            country=_country_in(doc, sent, range(entity.first, entity.last + 1)),
            mentions=(mention,),
        )
    stripped = _strip_determiners(sent, indices)
    text = _without_possessive(text)
    title = phrase_text(doc, sent, stripped) or text
    if all(sent.tokens[i].upos in ("PROPN", "PART", "PUNCT") for i in stripped):
        title = None  # a name the NER did not tag ("Kishida's trip"): no title in it
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


def _with_acronym(sent: Sentence, last: int, name: str) -> str:
    """ "the Economic Community of West African States, or ECOWAS" / "... (ECOWAS)": the
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


def _without_possessive(name: str) -> str:
    """ "Blinken’s" (one token when the tokenizer kept the curly apostrophe) -> "Blinken"."""
    for suffix in ("'s", "’s"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def is_pronoun(token: Token) -> bool:
    """Whether ``token`` is a personal pronoun that needs an antecedent."""
    return token.upos == "PRON" and token.text.lower() in _PRONOUNS


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
    indices = _contiguous(sorted(indices), head)
    while indices and sent.tokens[indices[0]].deprel in ("case", "det"):
        indices = indices[1:]
    for position, index in enumerate(indices):
        # "Paris Tuesday, Dutch Defense Minister ..." (a weak parse): the place ends before
        # a date word, and a comma continues it only into another place ("Annapolis, Maryland")
        token = sent.tokens[index]
        following = sent.entity_at(index + 1) if index + 1 < len(sent.tokens) else None
        if index > head and (token.text.lower() in _DATE_WORDS or (token.text == "," and (
                following is None or following.type is not EntityType.LOCATION))):
            indices = indices[:position]
            break
    while len(indices) > 1 and sent.tokens[indices[-1]].upos == "PUNCT":
        indices.pop()
    span = sent.span(indices[0], indices[-1], doc.text)
    return Location(name=span.text, country=_country_in(doc, sent, indices), span=span)


def tokens_between(sent: Sentence, start: int, end: int) -> Iterator[Token]:
    """Tokens whose characters lie within ``[start, end)``."""
    for token in sent.tokens:
        if token.start >= start and token.end <= end:
            yield token
