"""Meetings: who met whom, where and when; occurred, planned or cancelled.

The extractor is a list of rules over the shared :class:`~geoevents.analysis.DocumentAnalysis`:

* *trigger rules* each read one word and return the sides at the table, or ``None``:
  :func:`noun_meeting` ("a meeting between A and B", "their talks"), :func:`verb_meeting`
  ("A met B", "A held talks with B", "A hosted B", "ministers gathered");
* *vetoes* drop what is not a meeting between people in one room: :func:`remote_contact`
  (phone and video calls), :func:`not_asserted` (negated or hypothetical clauses);
* :func:`meeting_event` then reads status, date and place.

Trigger words and the words that rule a meeting out are vocabulary data
(``knowledge/vocabulary.json``, section ``meeting``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence

import attrs

from geoevents.actors import Actor, ActorType
from geoevents.analysis import DocumentAnalysis
from geoevents.analysis.mentions import title_country
from geoevents.analysis.syntax import case_of, conjuncts, is_plural, is_verb, is_verb_form
from geoevents.dates import EventDate, Resolution, Tense, find_date_mentions
from geoevents.events import Codes, Location, Meeting, MeetingStatus
from geoevents.extractors.merge import (
    better_date,
    cluster,
    dates_compatible,
    evidence_union,
    one_actor,
    surname_keys,
    union_actors,
)
from geoevents.knowledge import MeetingWords, verb_lemma, vocabulary
from geoevents.nlp.annotation import EntityType, Sentence, Token

__all__ = [
    "MeetingExtractor",
    "merge_meetings",
    "not_asserted",
    "noun_meeting",
    "remote_contact",
    "the_meeting_again",
    "verb_meeting",
]

CODES = Codes(cameo="040", plover="CONSULT")
#: how far (in characters) "the talks" may come after a meeting and still be that meeting
AGAIN_CHARS = 500
_SUBJECTS = ("nsubj", "nsubj:pass", "nsubj:outer")  # outer: "X is due to meet Y"


def _words() -> MeetingWords:
    return vocabulary().meeting


@attrs.frozen
class Candidate:
    """A trigger word and the sides at the table; ``tour`` when they are the stops of one
    traveller's tour ("Kishida's trip will include meeting A and B")."""

    sent: Sentence
    trigger: Token
    participants: tuple[Actor, ...]
    tour: bool = False


TriggerRule = Callable[[DocumentAnalysis, Sentence, Token], Candidate | None]
Veto = Callable[[DocumentAnalysis, Candidate], bool]


class MeetingExtractor:
    """Finds meetings: "A met B", "A held talks with B", "a meeting between A and B", ...

    Phone and video calls, negated and hypothetical meetings and visits without a named
    counterpart are left out. A tour that "will include meeting A and B" (each in their own
    country) gives one meeting per counterpart. ``rules`` and ``vetoes`` replace the
    default lists (:data:`TRIGGER_RULES`, :data:`VETOES`).
    """

    kind = "meeting"

    def __init__(self, rules: Sequence[TriggerRule] | None = None,
                 vetoes: Sequence[Veto] | None = None) -> None:
        self.rules = tuple(rules if rules is not None else TRIGGER_RULES)
        self.vetoes = tuple(vetoes if vetoes is not None else VETOES)

    def extract(self, doc: DocumentAnalysis) -> Iterator[Meeting]:
        last: Candidate | None = None
        for sent in doc.sentences:
            for token in sent.tokens:
                candidate = next((c for rule in self.rules
                                  if (c := rule(doc, sent, token)) is not None), None)
                if candidate is None:
                    candidate = the_meeting_again(doc, sent, token, last)
                if candidate is None or any(veto(doc, candidate) for veto in self.vetoes):
                    continue
                last = candidate
                for group in _per_counterpart(candidate):
                    yield meeting_event(doc, attrs.evolve(candidate, participants=group))


# --- trigger rules ---------------------------------------------------------------------------
def noun_meeting(doc: DocumentAnalysis, sent: Sentence, noun: Token) -> Candidate | None:
    """ "a meeting between A and B", "their meeting in July, A and B ...", "on the
    sidelines of a meeting of ECOWAS, A announced", "after talks with B, A said", "talks
    between officials of A and B": a noun trigger with two sides, or with one plural group
    in a "between"/"among" phrase."""
    if not _noun_trigger(sent, noun):
        return None
    heads = _noun_partners(sent, noun) + _owners(sent, noun) + _compound_sides(doc, sent, noun)
    if heads and _attended(sent, noun):
        governor = next((a for a in sent.ancestors(noun.index) if is_verb(a)), None)
        if governor is not None and _verb(governor) in _meeting_verbs():
            return None  # "met X on the margins of the NATO meeting": the setting
        heads = _clause_subjects(sent, noun.index) + heads
    actors = _actors(doc, sent, heads)
    if len(actors) >= 2 or _group_between(sent, noun, actors):
        return Candidate(sent, noun, tuple(actors))
    return None


def _compound_sides(doc: DocumentAnalysis, sent: Sentence, noun: Token) -> list[int]:
    """ "U.S.-China talks", "the Russia-Ukraine negotiations": the countries hyphenated in
    front of the meeting noun (two or more)."""
    run: list[int] = []
    for token in reversed(sent.tokens[:noun.index]):
        if token.text != "-" and token.upos not in ("PROPN", "ADJ", "NOUN"):
            break
        run.append(token.index)
    if not any(sent.tokens[i].text == "-" for i in run):
        return []
    countries: dict[str, int] = {}
    for i in sorted(run):
        token = sent.tokens[i]
        if token.upos == "PROPN" and (actor := doc.actor(sent, i)).type is ActorType.COUNTRY:
            countries.setdefault(actor.country or actor.name, i)
    return list(countries.values()) if len(countries) >= 2 else []


def _owners(sent: Sentence, noun: Token) -> list[int]:
    """Whose meeting it is: "their meeting" (the clause's subjects), "Biden's meeting"
    (a possessor that names someone; "Friday's meeting" is filtered as a date later)."""
    possessive = _possessor(sent, noun)
    if possessive is None:
        return []
    if possessive.upos == "PRON" and possessive.text.lower() in vocabulary().common.plural_pronouns:
        return _clause_subjects(sent, noun.index)
    return [possessive.index] if possessive.upos == "PROPN" else []


def _attended(sent: Sentence, noun: Token) -> bool:
    """The clause's subject took part: "at the summit", "on the sidelines of a meeting of
    ...", and "after/before/during talks with B" (the subject held them with B)."""
    if _venue_of(sent, noun):
        return True
    return case_of(sent, noun) in _words().circumstance_cases and any(
        case_of(sent, c) == "with" for c in sent.children(noun.index))


def _group_between(sent: Sentence, noun: Token, actors: list[Actor]) -> bool:
    """ "talks between officials of A and B", "a meeting among envoys of A, B and C": one
    plural group in a "between"/"among" phrase that names its countries or bodies is the
    sides at the table."""
    if len(actors) != 1 or actors[0].type is not ActorType.GROUP:
        return False
    return any(is_plural(sent.tokens[h]) and any(
        sent.entity_at(i) is not None for i in sent.subtree(h))
        for h in _between_heads(sent, noun))


def _between_heads(sent: Sentence, noun: Token) -> list[int]:
    """The heads of the "between"/"among" phrase of a meeting noun: its own, or, when the
    parser hung it elsewhere in the clause ("Meetings are scheduled for Monday in X,
    between A and B"), the first one after the noun in the clause."""
    cases = _words().group_cases
    own = [c.index for c in sent.children(noun.index) if case_of(sent, c) in cases]
    if own:
        return own
    clause = sent.tokens[noun.head] if noun.head >= 0 and noun.deprel.startswith(
        ("nsubj", "obj")) else None
    if clause is None:
        return []
    later = [i for i in sent.subtree(clause.index) if i > noun.index
             and sent.tokens[i].upos in ("NOUN", "PROPN")
             and case_of(sent, sent.tokens[i]) in cases]
    return later[:1]


def verb_meeting(doc: DocumentAnalysis, sent: Sentence, token: Token) -> Candidate | None:
    """ "A met (with) B", "A held talks with B", "A hosted B", "ministers gathered in X",
    "told ministers gathered in Brussels" (the speaker meets the gathering)."""
    lemma = _verb_with_particle(sent, token)
    if _noun_trigger(sent, token) or not (is_verb(token) or _verbal_noun(sent, token)) or (
            lemma not in _meeting_verbs()):
        return None
    words = _words()
    event_objects = _event_objects(sent, token)
    guests = _guests(sent, token, persons=lemma in words.visiting_verbs) if (
        lemma in words.hosting_verbs | words.visiting_verbs) else []
    if lemma in (words.holding_verbs | words.arranging_verbs) - words.gathering_verbs and not (
            event_objects or guests):
        return None  # "held a press conference", "had a point", "postponed the vote"
    if lemma in words.visiting_verbs and not guests:
        return None  # "visited Kenya": a trip, not a meeting
    subjects, tour = _subject_heads(sent, token)
    partners = _verb_partners(sent, token, lemma, guests, event_objects)
    heads = subjects + [h for h in partners if h not in subjects]
    actors = _actors(doc, sent, heads)
    if len(actors) < 2 and lemma == "meet":
        actors = _surface_partners(doc, sent, token, actors)
    if lemma in words.gathering_verbs:
        if not _officials_gather(sent, heads):
            return None  # "protesters gathered", "gathered evidence"
        actors = _with_addresser(doc, sent, token, actors)
    if len(actors) >= 2 or (actors and actors[0].type is ActorType.GROUP
                            and is_plural(sent.tokens[heads[0]])):
        return Candidate(sent, token, tuple(actors), tour)
    return None


TRIGGER_RULES: tuple[TriggerRule, ...] = (noun_meeting, verb_meeting)


def the_meeting_again(doc: DocumentAnalysis, sent: Sentence, noun: Token,
                      last: Candidate | None) -> Candidate | None:
    """ "... agreed to resume talks. The talks will open in Geneva on 3 May": a
    definite meeting noun with no sides of its own, a sentence or two after a meeting, is
    that meeting again (within :data:`AGAIN_CHARS`); it counts when it says when (the
    merge adds its date)."""
    if last is None or sent.start - last.sent.end > AGAIN_CHARS or not _noun_trigger(sent, noun):
        return None
    definite = vocabulary().common.definite_determiners
    children = sent.children(noun.index)
    if not any(c.deprel == "det" and c.lemma.lower() in definite for c in children) or any(
            c.deprel in ("amod", "nummod", "nmod:poss") for c in children) or (
            _noun_partners(sent, noun) or doc.quote_marks.covers(noun.start)):
        return None  # "the first summit", "their talks", "the talks with X": another one
    clause = doc.clause(sent, noun.index)
    date = doc.event_date(sent, clause.head, tense=clause.tense, default_to_publication=False,
                          attached_only=True)
    return Candidate(sent, noun, last.participants) if date.text is not None else None
"""The default trigger rules, tried in order for every word."""


# --- vetoes ------------------------------------------------------------------------------------
def remote_contact(doc: DocumentAnalysis, candidate: Candidate) -> bool:
    """Phone and video calls, virtual summits: not a meeting in one place."""
    del doc
    sent, words = candidate.sent, _words()
    window = {t.lemma.lower() for t in sent.tokens} | {t.text.lower() for t in sent.tokens}
    context = {c.lemma.lower() for c in sent.children(candidate.trigger.index)}
    return bool(context & words.call_words or window & words.remote_words)


def not_asserted(doc: DocumentAnalysis, candidate: Candidate) -> bool:
    """ "did not meet", "could meet if ...": the clause does not say it happened."""
    return not doc.clause(candidate.sent, candidate.trigger.index).asserted_fact


VETOES: tuple[Veto, ...] = (remote_contact, not_asserted)
"""The default vetoes: any one drops a candidate."""


# --- the event ---------------------------------------------------------------------------------
def meeting_event(doc: DocumentAnalysis, candidate: Candidate) -> Meeting:
    """The meeting a candidate describes: its status, date and place."""
    sent, token = candidate.sent, candidate.trigger
    tense = doc.clause(sent, token.index).tense
    date = doc.event_date(sent, token.index, tense=tense)
    status = _status(doc, candidate, tense, date)
    if status is MeetingStatus.PLANNED and date.value is None and date.text is None:
        date = _date_from_previous(doc, sent, candidate.participants) or date
    return Meeting(
        document=doc.info,
        date=date,
        evidence=(sent.span(0, len(sent.tokens) - 1, doc.text),),
        confidence=0.8 if token.upos == "VERB" else 0.7,
        codes=CODES,
        participants=candidate.participants,
        location=_location(doc, sent, token),
        status=status,
        trigger=token.text,
    )


def _status(doc: DocumentAnalysis, candidate: Candidate, tense: Tense,
            date: EventDate) -> MeetingStatus:
    """Cancelled when a cancel word governs the trigger; planned when the clause is future
    or its date lies after publication ("meets (next) Wednesday"); else occurred."""
    sent, token, cancel = candidate.sent, candidate.trigger, _words().cancel_words
    window = {t.lemma.lower() for t in sent.tokens} | {t.text.lower() for t in sent.tokens}
    governing = {a.lemma.lower() for a in sent.ancestors(token.index)} | {
        _verb_with_particle(sent, a) for a in (token, *sent.ancestors(token.index))} | {
        c.lemma.lower() for c in sent.children(token.index)}
    if (window | governing) & cancel and governing & cancel:
        return MeetingStatus.CANCELLED
    published = doc.info.published
    if tense is Tense.FUTURE or (
            date.resolution in (Resolution.RELATIVE, Resolution.EXPLICIT)
            and date.value is not None and published is not None and date.value > published):
        return MeetingStatus.PLANNED
    return MeetingStatus.OCCURRED


def _location(doc: DocumentAnalysis, sent: Sentence, token: Token) -> Location | None:
    """ "in Paris", "at the White House" below the trigger (or its head)."""
    anchors = [token.index, *(a.index for a in list(sent.ancestors(token.index))[:1])]
    candidates = [c for anchor in anchors for c in sent.children(anchor)]
    # then anywhere below the trigger ("a meeting between A and B, in Annapolis")
    candidates += [sent.tokens[i] for i in sent.subtree(token.index) if i != token.index]
    for child in candidates:
        if not child.deprel.startswith(("obl", "nmod")):
            continue
        case = case_of(sent, child)
        entity = sent.entity_at(child.index)
        if entity is None or case not in _words().location_cases:
            continue
        # "at the White House" is often tagged as an organization
        if entity.type is EntityType.LOCATION or (
                case == "at" and entity.type is EntityType.ORGANIZATION):
            return doc.location(sent, child.index)
    return None


def _date_from_previous(doc: DocumentAnalysis, sent: Sentence,
                        participants: Sequence[Actor]) -> EventDate | None:
    """ "A is expected to visit India in late April. His travels will include meeting B":
    a planned meeting with no date of its own takes the one date of the sentence before,
    when that sentence is about one of the participants."""
    if sent.index == 0:
        return None
    previous = doc.sentences[sent.index - 1]
    names = {a.name.split()[-1] for a in participants if a.name.split()}
    mentions = doc.date_mentions[previous.index]
    if not any(name in previous.text for name in names) or len(mentions) != 1:
        return None
    return doc.resolver.resolve(mentions[0].text, tense=Tense.FUTURE)


def _per_counterpart(candidate: Candidate) -> list[tuple[Actor, ...]]:
    """A tour's meetings: the traveller with each counterpart from a different country."""
    participants = candidate.participants
    if not candidate.tour:
        return [participants]
    traveller, *others = participants
    countries = {a.country for a in others}
    if len(others) >= 2 and None not in countries and len(countries) == len(others):
        return [(traveller, other) for other in others]
    return [participants]


# --- reading the sides -------------------------------------------------------------------------
@functools.cache
def _meeting_verbs() -> frozenset[str]:
    """Every verb that can name a meeting (built once: it is read for every word)."""
    words = _words()
    return (words.meeting_verbs | words.holding_verbs | words.gathering_verbs
            | words.hosting_verbs | words.visiting_verbs | words.arranging_verbs)


def _verb_with_particle(sent: Sentence, token: Token) -> str:
    """The verb with its particle where the pair is a trigger of its own ("called off
    talks"); the verb alone otherwise ("met up with")."""
    lemma = _verb(token)
    if token.index + 1 < len(sent.tokens):  # the parser may hang the particle elsewhere
        pair = f"{lemma} {sent.tokens[token.index + 1].text.lower()}"
        if pair in _meeting_verbs():
            return pair
    return lemma


def _verb(token: Token) -> str:
    return verb_lemma(token.text, token.lemma)


def _noun_trigger(sent: Sentence, token: Token) -> bool:
    """A meeting noun used as a noun ("their July meeting", not "after meeting with B")."""
    forms = _words().noun_triggers
    lemma = forms.get(token.text.lower(), token.lemma.lower())
    noun = (token.upos == "NOUN" and lemma in forms.values()) or (
        token.text.lower() in forms and token.text.lower() != "dialogue")
    return noun and not _verbal_noun(sent, token)


def _verbal_noun(sent: Sentence, token: Token) -> bool:
    """ "after meeting with B", "include meeting B": a verb form the tagger may call a
    noun, as opposed to "their July meeting", "an in-person meeting"."""
    if not is_verb_form(token):
        return False
    if token.index == 0:
        return True
    before = sent.tokens[token.index - 1]
    return not (before.upos in ("DET", "ADJ", "NUM", "PROPN", "NOUN") or before.deprel == "amod"
                or before.xpos in ("PRP$", "POS") or before.text in ("'s", "’s", "-"))


def _event_objects(sent: Sentence, verb: Token) -> list[Token]:
    """ "held talks", "opened their annual gathering", "held an in-person meeting": the
    meeting a holding verb holds, read off the object or, for a broken parse, the words
    right after the verb that hang below it."""
    held = _words().held_nouns
    found = [c for c in sent.children(verb.index) if c.deprel == "obj" and (
        c.lemma.lower() in held or c.text.lower() in held)]
    if found:
        return found
    for token in sent.tokens[verb.index + 1: verb.index + 6]:
        if token.text in (",", ".", ";", "—") or (is_verb(token) and token.xpos != "VBG"):
            break
        if token.text.lower() in held and verb.index in {
                a.index for a in sent.ancestors(token.index)}:
            return [token]
    return []


def _guests(sent: Sentence, verb: Token, *, persons: bool = False) -> list[Token]:
    """ "Xi received Blinken", "Biden hosted Kishida": a named object (not "received a
    letter", "welcomed the decision"); for a visit ("will visit President X"), a person,
    not a place."""
    test = _person_side if persons else _named_side
    return [c for c in sent.children(verb.index) if c.deprel == "obj" and test(sent, c)]


def _person_side(sent: Sentence, token: Token) -> bool:
    """A person by name or by singular title ("President X", "his counterpart")."""
    entity = sent.entity_at(token.index)
    if entity is not None:
        return entity.type is EntityType.PERSON
    return token.lemma.lower() in vocabulary().actors.person_title_nouns and not is_plural(token)


def _verb_partners(sent: Sentence, verb: Token, lemma: str, guests: list[Token],
                   event_objects: list[Token]) -> list[int]:
    """Who the subject meets: the object of "meet"/"gather", the guests of a host, "with"
    and "between" phrases, and the partners of a held meeting ("held talks with B")."""
    words = _words()
    heads: list[int] = []
    for child in sent.children(verb.index):
        if child.deprel == "obj" and (
                lemma == "meet" or lemma in words.gathering_verbs or child in guests):
            heads.extend(conjuncts(sent, child.index))
        if (child.deprel == "obl" or child.deprel in _SUBJECTS) and case_of(
                sent, child) in words.companion_cases:
            # a "subject" with a preposition is a misparsed oblique ("had lunch with [X]")
            heads.extend(conjuncts(sent, child.index))
    for event_object in event_objects:
        heads.extend(_noun_partners(sent, event_object))
    return heads


def _noun_partners(sent: Sentence, noun: Token) -> list[int]:
    """ "talks with B", "a meeting between A and B", "a meeting of ECOWAS"."""
    heads: list[int] = []
    for own in (h for h in _between_heads(sent, noun) if sent.tokens[h].head != noun.index):
        heads.extend(conjuncts(sent, own))  # a "between" phrase the parser hung elsewhere
    for child in sent.children(noun.index):
        case = case_of(sent, child)
        if child.deprel.startswith(("nmod", "obl")) and case in _words().partner_cases:
            entity = sent.entity_at(child.index)
            if case == "of" and (entity is None or entity.type is EntityType.PERSON):
                continue
            heads.extend(conjuncts(sent, child.index))
    return heads


def _side(doc: DocumentAnalysis, sent: Sentence, head: int) -> list[Actor]:
    """The actors one head names: a person by name or title, a country, an organisation, a
    group of officials; "his counterparts, A and B" gives A and B; "you" in an interview is
    the interviewee. Empty when the head is no side at the table."""
    token = sent.tokens[head]
    if doc.interview.in_label(token.start):
        return []  # "VOA: During your visit ..." parsed with the label as subject
    if token.upos == "PRON":
        return _pronoun_side(doc, sent, token)
    listed = _named_in_apposition(doc, sent, head)
    if listed:
        return listed
    words = vocabulary().actors
    if token.upos not in ("NOUN", "PROPN", "X", "NUM") or (
        token.upos == "NOUN" and sent.entity_at(head) is None
        and token.lemma.lower() not in (
            words.group_nouns | words.person_title_nouns | _words().official_groups)):
        return []  # "Prior to ...", "the pressures": not a side at the table
    actors = _named_actor(doc, sent, _person_named_after(sent, head))
    pair = _pair(doc, sent, token, actors)
    return list(pair) if pair else actors


def _named_in_apposition(doc: DocumentAnalysis, sent: Sentence, head: int) -> list[Actor]:
    """ "his counterparts, A and B", "the six parties, A, B, C ...": the named actors in
    apposition to a common noun are the sides (persons when any are named)."""
    if sent.entity_at(head) is not None:
        return []
    inside = {i for c in sent.children(head) if c.deprel == "appos" for i in sent.subtree(c.index)}
    named = [e for e in sent.entities if e.last in inside and e.type in (
        EntityType.PERSON, EntityType.ORGANIZATION, EntityType.LOCATION)]
    persons = [e for e in named if e.type is EntityType.PERSON]
    return [doc.actor(sent, e.last) for e in persons or named]


def _pair(doc: DocumentAnalysis, sent: Sentence, token: Token,
          actors: list[Actor]) -> tuple[Actor, Actor] | None:
    """ "the two leaders", "both men", "leaders of the two nations": the two persons the
    document named last (not inside a quotation, whose "we" and "our" are the speaker's)."""
    if len(actors) != 1 or actors[0].type is not ActorType.GROUP or (
            doc.quote_marks.covers(token.start)):
        return None
    words = vocabulary()
    pair = words.common.pair_words

    def paired(noun: Token) -> bool:
        return any(c.lemma.lower() in pair and c.deprel in ("det", "nummod")
                   for c in sent.children(noun.index))

    person = token.lemma.lower() in words.actors.person_title_nouns
    of_polities = token.lemma.lower() in words.actors.leader_nouns and any(
        c.lemma.lower() in words.actors.polity_nouns and paired(c)
        for c in sent.children(token.index))
    if not ((person and paired(token)) or of_polities):
        return None
    return doc.coref.pair_before(token.start)


def _named_actor(doc: DocumentAnalysis, sent: Sentence, head: int) -> list[Actor]:
    actor = doc.actor(sent, head)
    if actor.name.lower() in vocabulary().common.plural_pronouns or (
            find_date_mentions(actor.name)):
        return []  # "they" needs an antecedent; "Friday's (meeting)" is when, not who
    return [actor]


def _pronoun_side(doc: DocumentAnalysis, sent: Sentence, token: Token) -> list[Actor]:
    speaker = doc.interview.person(token.text, token.start)
    if speaker is not None:  # "you met with ..." asked of the interviewee
        name, title = speaker
        return [Actor(name=name, type=ActorType.PERSON, title=title, country=title_country(title),
                      mentions=(sent.span(token.index, token.index, doc.text),))]
    common = vocabulary().common
    if token.lemma.lower() in common.plural_pronouns:
        return _named_actor(doc, sent, token.index)
    if token.text.lower() in common.personal_pronouns and not doc.quote_marks.covers(token.start):
        # "Ruto flew to Addis Ababa. He met Abiy there": the person named before
        actor = doc.actor(sent, token.index)
        found = doc.coref.resolve(actor, token, position=token.start, pronoun=True)
        return [found] if found is not actor and found.type is ActorType.PERSON else []
    return []


def _actors(doc: DocumentAnalysis, sent: Sentence, heads: list[int]) -> list[Actor]:
    """The distinct actors the heads name, in order."""
    actors: list[Actor] = []
    for head in heads:
        for actor in _side(doc, sent, head):
            if all(a.name != actor.name for a in actors):
                actors.append(actor)
    return actors


def _surface_partners(doc: DocumentAnalysis, sent: Sentence, token: Token,
                      actors: list[Actor]) -> list[Actor]:
    """ "A met (today) with B and C": the named people around the verb, read off the word
    order when the parse attached them elsewhere."""
    def named(first: int, last: int) -> list[Actor]:
        return [doc.actor(sent, e.last) for e in sent.entities
                if e.type is EntityType.PERSON and first <= e.first and e.last <= last]

    stop = next((t.index for t in sent.tokens[token.index + 1:] if t.text in (";", ".", "—")
                 or (t.text == "," and t.index > token.index + 12)), len(sent.tokens) - 1)
    after = [t.index for t in sent.tokens[token.index + 1: token.index + 4]
             if t.lemma.lower() == "with"]
    if after:
        partners = named(after[0], stop)
    else:
        # "meeting India's Prime Minister Narendra Modi": the object right after the verb
        partners = named(token.index + 1, stop)
        partners = partners if partners and _starts_near(sent, token.index, partners) else []
    start = next((t.index for t in reversed(sent.tokens[:token.index])
                  if t.text in (";", ".", ",", "—")), 0)
    out = list(actors or named(start, token.index - 1)[-1:])
    out += [a for a in partners if all(a.name != o.name for o in out)]
    return out


def _starts_near(sent: Sentence, index: int, partners: list[Actor]) -> bool:
    start = min(m.start for a in partners for m in a.mentions)
    between = [t for t in sent.tokens[index + 1:] if t.end <= start]
    return len(between) <= 6 and not any(t.text in (",", ";") for t in between)


def _is_they(token: Token) -> bool:
    return token.upos == "PRON" and token.text.lower() in vocabulary().common.plural_pronouns


def _preceding_names(sent: Sentence, index: int) -> list[int]:
    """ "Last week, Chilean and Peruvian officials met": the subject read off the words
    right before a verb the parse left without one (names and the final noun)."""
    run: list[int] = []
    j = index - 1
    while j >= 0 and index - j <= 12 and (
            sent.tokens[j].upos in ("PROPN", "NOUN", "ADJ", "CCONJ", "DET", "NUM")
            or sent.tokens[j].xpos == "PRP$" or sent.tokens[j].text in ("'s", "’s", "-")):
        run.append(j)
        j -= 1
    entities = [(i, e) for i in sorted(run) if (e := sent.entity_at(i)) is not None
                and e.last == i and e.first >= min(run)]
    persons = [i for i, e in entities if e.type is EntityType.PERSON]
    if persons:  # "KMT leader A and CPC leader B met": the people, not their parties
        return persons
    heads = [i for i, _ in entities]
    last = index - 1
    if run and sent.tokens[last].upos in ("NOUN", "PROPN") and last not in heads:
        heads.append(last)
    return heads


def _unattached_subject(sent: Sentence, verb: Token) -> list[int]:
    """The subject of a verb the parser left without one, read off the words: names right
    before a finite verb ("since A and B met in ..."), or the "for" phrase before an
    infinitive ("plans for A and B to meet")."""
    children = sent.children(verb.index)
    if not is_verb(verb) or any(c.deprel in _SUBJECTS or c.deprel == "expl" for c in children):
        return []
    to = next((c for c in children if c.deprel == "mark" and c.lemma.lower() == "to"), None)
    if to is not None:
        return _for_subject(sent, to.index)
    left = _before_parentheticals(sent, verb)
    if verb.xpos in ("VBD", "VBZ", "VBP") and left > 0 and (
            sent.tokens[left - 1].upos == "PROPN"):
        heads = _preceding_names(sent, left)
        if any(sent.entity_at(h) is not None for h in heads):
            return heads
    return []


def _before_parentheticals(sent: Sentence, verb: Token) -> int:
    """Where a verb's subject would end: "Bush, after talks with X, warned" skips the
    comma-delimited phrase of the verb between subject and verb."""
    left = verb.index
    for _ in range(3):
        if left < 2 or sent.tokens[left - 1].text != ",":
            break
        inner = next((c for c in sent.children(verb.index) if c.index < left - 1
                      and max(sent.subtree(c.index)) >= left - 2), None)
        start = min(sent.subtree(inner.index)) if inner is not None else 0
        if start >= 1 and sent.tokens[start].text == ",":
            left = start  # the opening comma hangs inside the phrase
        elif start >= 1 and sent.tokens[start - 1].text == ",":
            left = start - 1
        else:
            break
    return left


def _for_subject(sent: Sentence, to: int) -> list[int]:
    """ "for A and B to meet": the phrase with "for" that ends right before "to"."""
    for token in sent.tokens[:to]:
        cases = {c.lemma.lower() for c in sent.children(token.index) if c.deprel == "case"}
        if "for" in cases and max(sent.subtree(token.index)) == to - 1:
            return conjuncts(sent, token.index)
    return []


def _clause_subjects(sent: Sentence, index: int) -> list[int]:
    """The subject heads of the clause that contains token ``index`` (climbing through
    infinitives, participles and adverbial clauses, not through reported speech)."""
    node = sent.tokens[index]
    pronouns: list[int] = []
    for _ in range(6):
        subjects = [c.index for c in sent.children(node.index) if c.deprel in _SUBJECTS
                    and not any(g.deprel == "case" for g in sent.children(c.index))]
        heads = [i for s in subjects for i in conjuncts(sent, s)] or (
            _unattached_subject(sent, node))
        if heads and not all(_is_they(sent.tokens[h]) for h in heads):
            return heads
        pronouns = pronouns or heads  # "A and B ... when they talk": look further up
        climbable = ("conj", "xcomp", "advcl", "acl") + (
            ("obl", "nmod", "obj", "iobj") if not is_verb(node) else ())
        if node.deprel not in climbable or node.head < 0:
            break
        node = sent.tokens[node.head]
    if pronouns:
        return pronouns
    if is_verb(node) and node.xpos in ("VBD", "VBZ", "VBP") and not any(
            c.deprel in _SUBJECTS or c.deprel == "expl" for c in sent.children(node.index)):
        return _preceding_names(sent, node.index)
    return []


def _subject_heads(sent: Sentence, verb: Token) -> tuple[list[int], bool]:
    """Who meets, for a meeting verb, and whether they are on a tour ("Suga's travels will
    include meeting ..."): the traveller is the possessor of the travel noun."""
    if verb.deprel == "acl" and verb.head >= 0 and (
            sent.tokens[verb.head].upos in ("NOUN", "PROPN")) and not any(
            c.deprel in _SUBJECTS or c.deprel == "mark" for c in sent.children(verb.index)):
        heads = conjuncts(sent, verb.head)  # "ministers gathered in Brussels"
    else:
        heads = _clause_subjects(sent, verb.index)
    out: list[int] = []
    tour = False
    for head in heads:
        owners = [c.index for c in sent.children(head) if c.deprel == "nmod:poss"]
        if sent.tokens[head].lemma.lower() in _words().travel_nouns and owners:
            out.extend(owners)
            tour = True
        else:
            out.append(head)
    return out, tour


def _possessor(sent: Sentence, noun: Token) -> Token | None:
    """ "their July meeting", "Biden's meeting with Suga": who the meeting belongs to."""
    for child in sent.children(noun.index):
        if child.deprel == "nmod:poss":
            return child
    for token in reversed(sent.tokens[max(0, noun.index - 6): noun.index]):
        if token.xpos == "PRP$" or token.text.lower() in vocabulary().common.plural_pronouns:
            return token
        if token.upos not in ("PROPN", "ADJ", "NOUN", "NUM") and token.text != "-":
            return None
    return None


def _venue_of(sent: Sentence, noun: Token) -> bool:
    """ "on the sidelines of the summit", "at a meeting of ...": the clause's subject
    attended the meeting the noun names."""
    case = next((c.lemma.lower() for c in sent.children(noun.index) if c.deprel == "case"), "")
    if case in _words().attendance_cases:
        return True
    if case == "of" and noun.head >= 0:
        return sent.tokens[noun.head].lemma.lower() in _words().venue_words
    return False


def _official(sent: Sentence, index: int) -> bool:
    groups = _words().official_groups
    entity = sent.entity_at(index)
    return sent.tokens[index].lemma.lower() in groups or (
        entity is not None and entity.type is not EntityType.LOCATION) or any(
        sent.tokens[i].lemma.lower() in groups for i in conjuncts(sent, index))


def _officials_gather(sent: Sentence, heads: list[int]) -> bool:
    """Who may gather: "leaders gathered in Paris" is a meeting, "protesters gathered" is
    not (dates read as names do not count either way)."""
    people = [h for h in heads if sent.entity_at(h) is None
              and not find_date_mentions(sent.tokens[h].text)]
    return bool(heads) and all(_official(sent, h) for h in people)


def _with_addresser(doc: DocumentAnalysis, sent: Sentence, gathering: Token,
                    actors: list[Actor]) -> list[Actor]:
    """ "Speaking to NATO brass gathered in Paris, Brekelmans ...": the speaker meets the
    gathering."""
    if len(actors) != 1:
        return actors
    addresser = _addresser(sent, gathering)
    if addresser is None:
        return actors
    return actors + [a for a in _actors(doc, sent, [addresser]) if a.name != actors[0].name]


def _addresser(sent: Sentence, gathering: Token) -> int | None:
    if gathering.deprel not in ("acl", "ccomp", "xcomp") or gathering.head < 0:
        return None
    verb = sent.tokens[gathering.head]
    if gathering.deprel == "acl":  # "... to ministers gathered in Brussels"
        if verb.head < 0:
            return None
        verb = sent.tokens[verb.head]
    if _verb(verb) not in _words().addressing_verbs:
        return None
    heads = [h for h in _clause_subjects(sent, verb.index) if not _is_they(sent.tokens[h])]
    return heads[-1] if heads else None


def _person_named_after(sent: Sentence, index: int) -> int:
    """ "with U.S. President Joe Biden" parsed with "U.S." as the head: the person named
    right after a place (only title words between) is the one at the table."""
    entity = sent.entity_at(index)
    if entity is None or entity.type is not EntityType.LOCATION:
        return index
    for token in sent.tokens[entity.last + 1: entity.last + 5]:
        person = sent.entity_at(token.index)
        if person is not None and person.type is EntityType.PERSON:
            return person.last
        if not (token.text[:1].isupper() and token.upos in ("PROPN", "NOUN", "ADJ")):
            break
    return index


def _named_side(sent: Sentence, token: Token) -> bool:
    """A person, country or organization by name, or a person by title ("his counterpart")."""
    if sent.entity_at(token.index) is not None:
        return True
    lemma = token.lemma.lower()
    return token.upos == "PROPN" or lemma in vocabulary().actors.person_title_nouns or (
        lemma in _words().official_groups)


# --- merging -------------------------------------------------------------------------------------
def merge_meetings(meetings: Sequence[Meeting]) -> list[Meeting]:
    """One meeting per real-world meeting: mentions that share at least two participants
    (or all of them) and a date are merged; a headline ("Secretary Blinken's Meeting with
    ...") names the story's main meeting more loosely, so one shared participant is enough
    and the body's record is kept."""

    def same(a: Meeting, b: Meeting) -> bool:
        if not dates_compatible(a.date, b.date):
            return False
        if _group_of(a, b) or _group_of(b, a):
            return True
        shared = sum(1 for y in b.participants if any(one_actor(x, y) for x in a.participants))
        return shared >= min(2, len(a.participants), len(b.participants))

    def fuse(a: Meeting, b: Meeting) -> Meeting:
        if _group_of(a, b):
            a, b = b, a  # the named meeting is the record; the group only adds evidence
        participants = a.participants if _group_of(b, a) else union_actors(
            a.participants, b.participants)
        return attrs.evolve(
            a, participants=participants,
            location=a.location or b.location, date=better_date(a.date, b.date),
            evidence=evidence_union(a.evidence, b.evidence),
            confidence=max(a.confidence, b.confidence))

    merged = cluster([m for m in meetings if not _headline(m)], same, fuse)
    for title in (m for m in meetings if _headline(m)):
        for i, body in enumerate(merged):
            if surname_keys(body.participants) & surname_keys(title.participants) and (
                    dates_compatible(body.date, title.date)):
                merged[i] = attrs.evolve(body, location=body.location or title.location,
                                         evidence=evidence_union(body.evidence, title.evidence))
                break
        else:
            merged.append(title)
    return merged


def _group_of(group: Meeting, named: Meeting) -> bool:
    """ "a key meeting between top officials from A, B and C" and "Friday's meeting between
    X (of A) and Y (of B)": a meeting known only by one group of officials is the named
    meeting when the group's country is one of the named participants'."""
    if len(group.participants) != 1 or len(named.participants) < 2:
        return False
    side = group.participants[0]
    return side.type is ActorType.GROUP and side.country is not None and (
        side.country in {p.country for p in named.participants})


def _headline(meeting: Meeting) -> bool:
    first = meeting.evidence[0]
    return first.sentence == 0 and not first.text.rstrip().endswith(
        (".", "!", "?", "”", '"', ":"))


def summary(meeting: Meeting) -> str:
    """The line ``--format pretty`` prints for a meeting."""
    who = "; ".join(p.name + (f" [{p.country}]" if p.country else "")
                    for p in meeting.participants)
    where = f" in {meeting.location.name}" if meeting.location else ""
    return f"({meeting.status}) {format_date(meeting.date)}{where}: {who}"


def format_date(date: EventDate) -> str:
    """A date for people: its ISO value, or its text marked unresolved, or a dash."""
    return date.iso() or (f'"{date.text}" (unresolved)' if date.text else "—")
