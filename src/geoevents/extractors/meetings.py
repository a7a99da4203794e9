"""Meetings: who met whom, where and when; occurred, planned or cancelled."""

from __future__ import annotations

from collections.abc import Iterator

from geoevents.actors import Actor, ActorType
from geoevents.dates import DateResolver, EventDate, Resolution, Tense, find_date_mentions
from geoevents.events import Codes, Location, Meeting, MeetingStatus
from geoevents.extractors.base import (
    event_date,
    is_hypothetical,
    is_negated,
    is_verb,
    is_verb_form,
    tense_of,
)
from geoevents.extractors.interview import Interview, interview_turns
from geoevents.extractors.mentions import actor_at, conjuncts, location_at, title_country
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
_GATHERING_VERBS = frozenset({"gather", "convene", "assemble"})
# "Xi received Blinken in Beijing", "Biden hosted Kishida": a meeting when the object is a
# named person, country or organization ("received a letter", "welcomed the decision" are not)
_HOSTING_VERBS = frozenset({"host", "receive", "welcome"})
_MEETING_VERBS = (frozenset({"meet", "confer", "talk"}) | _HOLDING_VERBS | _GATHERING_VERBS
                  | _HOSTING_VERBS)
# "Suga's travels will include meeting A and B": the traveller is the one who meets
_TRAVEL_NOUNS = frozenset({"travel", "travels", "trip", "tour", "visit", "journey", "itinerary",
                           "schedule", "agenda"})
# who may gather: "leaders gathered in Paris" is a meeting, "protesters gathered" is not
_OFFICIAL_GROUPS = frozenset({"leader", "minister", "official", "chief", "brass", "delegate",
                              "delegation", "envoy", "diplomat", "negotiator", "representative",
                              "commander", "head", "power", "counterpart", "lawmaker",
                              "secretary", "adviser", "president", "premier", "ambassador"})
_VENUE_WORDS = frozenset({"sideline", "sidelines", "margin", "margins"})
_SUBJECTS = ("nsubj", "nsubj:pass")


class MeetingExtractor:
    """Finds meetings: "A met B", "A held talks with B", "a meeting between A and B", ...

    Phone and video calls, negated and hypothetical meetings and visits without a named
    counterpart are left out. A tour that "will include meeting A and B" (each in their own
    country) gives one meeting per counterpart.
    """

    kind = "meeting"

    def extract(self, doc: AnnotatedDocument) -> Iterator[Meeting]:
        interview = interview_turns(doc.text)
        for sent in doc.sentences:
            for token in sent.tokens:
                found = self._participants(doc, sent, token, interview)
                if found is None:
                    continue
                participants, tour = found
                for group in _per_counterpart(participants) if tour else [participants]:
                    meeting = self._meeting(doc, sent, token, group)
                    if meeting is not None:
                        yield meeting

    def _participants(
        self, doc: AnnotatedDocument, sent: Sentence, token: Token, interview: Interview
    ) -> tuple[list[Actor], bool] | None:
        """The sides at the table for trigger ``token`` and whether they are the stops of a
        tour, or None when ``token`` is no meeting trigger."""
        lemma = _trigger_lemma(token)
        noun = (token.upos == "NOUN" and lemma in _NOUN_TRIGGERS) or (
            token.text.lower() in _NOUN_FORMS and token.text.lower() != "dialogue")
        # "after meeting with B": a verb even where the tagger says NOUN
        verbal = is_verb_form(token) and _verbal_use(sent, token)
        if noun and not verbal:
            noun_actors = self._noun_meeting(doc, sent, token, interview)
            return (noun_actors, False) if noun_actors is not None else None
        if not (is_verb(token) or verbal):
            return None
        lemma = lexicon().verb_lemma(token.text, token.lemma)
        if lemma not in _MEETING_VERBS:
            return None
        event_objects = _event_objects(sent, token)
        guests = [c for c in sent.children(token.index) if c.deprel == "obj" and _named_side(
            sent, c.index)] if lemma in _HOSTING_VERBS else []
        if lemma in _HOLDING_VERBS - _GATHERING_VERBS and not event_objects and not guests:
            return None  # "held a press conference", "had a point", "hosted a concert"
        heads: list[int] = []
        for child in sent.children(token.index):
            if child.deprel == "obj" and (lemma in ("meet", *_GATHERING_VERBS) or child in guests):
                heads.extend(conjuncts(sent, child.index))
            if (child.deprel == "obl" or child.deprel in _SUBJECTS) and self._case(
                    sent, child) in ("with", "between"):
                # a "subject" with a preposition is a misparsed oblique ("had lunch with [X]")
                heads.extend(conjuncts(sent, child.index))
        for event_object in event_objects:
            heads.extend(self._noun_partners(sent, event_object))
        subjects, tour = _subject_heads(sent, token)
        heads = subjects + [h for h in heads if h not in subjects]
        actors = self._actors(doc, sent, heads, interview)
        if len(actors) < 2 and lemma == "meet":
            actors = self._surface_partners(doc, sent, token, actors)
        people = [h for h in heads if sent.entity_at(h) is None
                  and not find_date_mentions(sent.tokens[h].text)]
        if lemma in _GATHERING_VERBS and not (heads and all(_official(sent, h) for h in people)):
            return None  # "protesters gathered", "gathered evidence"
        if len(actors) == 1 and lemma in _GATHERING_VERBS:
            # "told ministers gathered in Brussels": the speaker meets the gathering
            addresser = _addresser(sent, token)
            if addresser is not None:
                actors += [a for a in self._actors(doc, sent, [addresser], interview)
                           if a.name != actors[0].name]
        if len(actors) >= 2 or (actors and actors[0].type is ActorType.GROUP and
                                _plural(sent, heads[0])):
            return actors, tour
        return None

    def _noun_meeting(
        self, doc: AnnotatedDocument, sent: Sentence, noun: Token, interview: Interview
    ) -> list[Actor] | None:
        """ "a meeting between A and B", "their meeting in July, A and B ...", "on the
        sidelines of a meeting of ECOWAS, A announced": a noun trigger needs two sides."""
        heads = self._noun_partners(sent, noun)
        possessive = _possessor(sent, noun)
        attending = _venue_of(sent, noun)
        if possessive is not None and possessive.upos == "PRON" and (
                possessive.text.lower() in ("their", "our")):
            # "at their meeting in July, A and B agreed"
            heads += _clause_subjects(sent, noun.index)
        elif possessive is not None and possessive.upos == "PROPN":
            heads.append(possessive.index)  # "Friday's meeting" is filtered as a date below
        if attending and heads:
            governor = next((a for a in sent.ancestors(noun.index) if is_verb(a)), None)
            if governor is not None and lexicon().verb_lemma(
                    governor.text, governor.lemma) in _MEETING_VERBS:
                return None  # "met X on the margins of the NATO meeting": the setting
            heads = _clause_subjects(sent, noun.index) + heads
        if not heads:
            return None
        actors = self._actors(doc, sent, heads, interview)
        return actors if len(actors) >= 2 else None

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
        if after:
            partners = named(after[0], stop)
        else:
            # "meeting India's Prime Minister Narendra Modi": the object right after the verb
            partners = named(token.index + 1, stop)
            partners = partners if partners and _starts_near(sent, token.index, partners) else []
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
        """The preposition of a nominal; for a name, also one the parser hung on a later
        part of it ("with [Vladimir ← Putin]": case under the flat "Putin")."""
        parts = [token, *(c for c in sent.children(token.index) if c.deprel in ("flat",
                                                                               "compound"))]
        return next((c.lemma.lower() for part in parts for c in sent.children(part.index)
                     if c.deprel == "case"), "")

    def _noun_partners(self, sent: Sentence, noun: Token) -> list[int]:
        heads: list[int] = []
        for child in sent.children(noun.index):
            case = self._case(sent, child)
            if child.deprel.startswith(("nmod", "obl")) and case in (
                    "between", "with", "among", "of"):
                entity = sent.entity_at(child.index)
                if case == "of" and (entity is None or entity.type is EntityType.PERSON):
                    continue
                heads.extend(conjuncts(sent, child.index))
        return heads

    @staticmethod
    def _actors(
        doc: AnnotatedDocument, sent: Sentence, heads: list[int], interview: Interview
    ) -> list[Actor]:
        actors: list[Actor] = []
        words = lexicon()
        for head in heads:
            token = sent.tokens[head]
            if interview.in_label(token.start):
                continue  # "VOA: During your visit ..." parsed with the label as subject
            speaker = interview.person(token.text, token.start) if token.upos == "PRON" else None
            if speaker is not None:  # "you met with ..." asked of the interviewee
                name, title = speaker
                if all(a.name != name for a in actors):
                    actors.append(Actor(name=name, type=ActorType.PERSON, title=title,
                                        country=title_country(title),
                                        mentions=(sent.span(head, head, doc.text),)))
                continue
            if token.upos == "PRON" and token.lemma.lower() not in ("they", "we"):
                continue
            if token.upos not in ("NOUN", "PROPN", "PRON", "X", "NUM") or (
                token.upos == "NOUN" and sent.entity_at(head) is None
                and token.lemma.lower() not in (
                    words.group_nouns | words.person_title_nouns | _OFFICIAL_GROUPS)
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
            actor = actor_at(doc, sent, _person_named_after(sent, head))
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
        else:
            status = MeetingStatus.OCCURRED
        date = event_date(doc, sent, token.index, tense=tense)
        published = doc.info.published
        if status is MeetingStatus.OCCURRED and (tense is Tense.FUTURE or (
                date.resolution in (Resolution.RELATIVE, Resolution.EXPLICIT)
                and date.value is not None
                and published is not None and date.value > published)):
            status = MeetingStatus.PLANNED  # "will meet", "meets (next) Wednesday"
        if status is MeetingStatus.PLANNED and date.value is None and date.text is None:
            date = _date_from_previous(doc, sent, participants) or date
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


_NOUN_FORMS = {"meeting": "meeting", "meetings": "meeting", "talks": "talks", "talk": "talk",
               "summit": "summit", "summits": "summit", "dialogue": "dialogue",
               "gathering": "gathering"}


def _trigger_lemma(token: Token) -> str:
    """The trigger word: its noun form for "meeting"/"talks"/..., else its verb lemma."""
    noun = _NOUN_FORMS.get(token.text.lower())
    if noun is not None or not is_verb(token):
        return noun or token.lemma.lower()
    return lexicon().verb_lemma(token.text, token.lemma)


def _verbal_use(sent: Sentence, token: Token) -> bool:
    """ "after meeting with B", "include meeting B" (a verb) versus "their July meeting",
    "an in-person meeting" (a noun a weak tagger called VBG)."""
    if token.index == 0:
        return True
    before = sent.tokens[token.index - 1]
    return not (before.upos in ("DET", "ADJ", "NUM", "PROPN", "NOUN")
                or before.xpos in ("PRP$", "POS") or before.text in ("'s", "’s", "-"))


def _event_objects(sent: Sentence, verb: Token) -> list[Token]:
    """ "held talks", "opened their annual gathering", "held an in-person meeting": the
    meeting a holding verb holds, read off the object or, for a broken parse, the words
    right after the verb that hang below it."""
    found = [c for c in sent.children(verb.index) if c.deprel == "obj" and (
        c.lemma.lower() in _MEETING_HOLD_NOUNS or c.text.lower() in _MEETING_HOLD_NOUNS)]
    if found:
        return found
    for token in sent.tokens[verb.index + 1: verb.index + 6]:
        if token.text in (",", ".", ";", "—") or (is_verb(token) and token.xpos != "VBG"):
            break
        if token.text.lower() in _MEETING_HOLD_NOUNS and verb.index in {
                a.index for a in sent.ancestors(token.index)}:
            return [token]
    return []


def _is_they(token: Token) -> bool:
    return token.upos == "PRON" and token.text.lower() in ("they", "we")


def _preceding_names(sent: Sentence, index: int) -> list[int]:
    """ "Last week, Cameroon and C.A.R. officials met": the subject read off the words
    right before a verb the parse left without one (names and the final noun)."""
    run: list[int] = []
    j = index - 1
    while j >= 0 and index - j <= 8 and (
            sent.tokens[j].upos in ("PROPN", "NOUN", "ADJ", "CCONJ", "DET", "NUM")
            or sent.tokens[j].text in ("'s", "’s", "-")):
        run.append(j)
        j -= 1
    heads = []
    for i in sorted(run):
        entity = sent.entity_at(i)
        if entity is not None and entity.last == i and entity.first >= min(run):
            heads.append(i)
    last = index - 1
    if run and sent.tokens[last].upos in ("NOUN", "PROPN") and last not in heads:
        heads.append(last)
    return heads


def _clause_subjects(sent: Sentence, index: int) -> list[int]:
    """The subject heads of the clause that contains token ``index`` (climbing through
    infinitives, participles and adverbial clauses, not through reported speech)."""
    node = sent.tokens[index]
    pronouns: list[int] = []
    for _ in range(6):
        subjects = [c.index for c in sent.children(node.index) if c.deprel in _SUBJECTS
                    and not any(g.deprel == "case" for g in sent.children(c.index))]
        if subjects:
            heads = [i for s in subjects for i in conjuncts(sent, s)]
            if not all(_is_they(sent.tokens[h]) for h in heads):
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
        token = sent.tokens[head]
        owners = [c.index for c in sent.children(head) if c.deprel == "nmod:poss"]
        if token.lemma.lower() in _TRAVEL_NOUNS and owners:
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
        if token.xpos == "PRP$" or token.text.lower() in ("their", "our"):
            return token
        if token.upos not in ("PROPN", "ADJ", "NOUN", "NUM") and token.text != "-":
            return None
    return None


def _venue_of(sent: Sentence, noun: Token) -> bool:
    """ "on the sidelines of the summit", "at a meeting of ...": the clause's subject
    attended the meeting the noun names."""
    case = next((c.lemma.lower() for c in sent.children(noun.index) if c.deprel == "case"), "")
    if case in ("at", "during"):
        return True
    if case == "of" and noun.head >= 0:
        return sent.tokens[noun.head].lemma.lower() in _VENUE_WORDS
    return False


def _official(sent: Sentence, index: int) -> bool:
    token = sent.tokens[index]
    entity = sent.entity_at(index)
    return token.lemma.lower() in _OFFICIAL_GROUPS or (
        entity is not None and entity.type is not EntityType.LOCATION) or any(
        sent.tokens[i].lemma.lower() in _OFFICIAL_GROUPS for i in conjuncts(sent, index))


def _addresser(sent: Sentence, gathering: Token) -> int | None:
    """ "Speaking to NATO brass gathered in Paris, Brekelmans ...": the speaker."""
    if gathering.deprel not in ("acl", "ccomp", "xcomp") or gathering.head < 0:
        return None
    verb = sent.tokens[gathering.head]
    if gathering.deprel == "acl":  # "... to ministers gathered in Brussels"
        if verb.head < 0:
            return None
        verb = sent.tokens[verb.head]
    if lexicon().verb_lemma(verb.text, verb.lemma) not in ("speak", "address", "tell", "brief"):
        return None
    heads = [h for h in _clause_subjects(sent, verb.index) if not _is_they(sent.tokens[h])]
    return heads[-1] if heads else None


def _starts_near(sent: Sentence, index: int, partners: list[Actor]) -> bool:
    start = min(m.start for a in partners for m in a.mentions)
    between = [t for t in sent.tokens[index + 1:] if t.end <= start]
    return len(between) <= 6 and not any(t.text in (",", ";") for t in between)


def _per_counterpart(participants: list[Actor]) -> list[list[Actor]]:
    """A tour's meetings: the traveller with each counterpart from a different country."""
    traveller, *others = participants
    countries = {a.country for a in others}
    if len(others) >= 2 and None not in countries and len(countries) == len(others):
        return [[traveller, other] for other in others]
    return [participants]


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


def _date_from_previous(
    doc: AnnotatedDocument, sent: Sentence, participants: list[Actor]
) -> EventDate | None:
    """ "Suga is expected to visit India in late April. His travels will include meeting
    Modi": a planned meeting with no date of its own takes the one date of the sentence
    before, when that sentence is about one of the participants."""
    if sent.index == 0:
        return None
    previous = doc.sentences[sent.index - 1]
    names = {a.name.split()[-1] for a in participants if a.name.split()}
    if not any(name in previous.text for name in names):
        return None
    mentions = find_date_mentions(previous.text)
    if len(mentions) != 1:
        return None
    return DateResolver(doc.info.published).resolve(mentions[0].text, tense=Tense.FUTURE)


def _named_side(sent: Sentence, index: int) -> bool:
    """A person, country or organization by name, or a person by title ("his counterpart")."""
    token = sent.tokens[index]
    entity = sent.entity_at(index)
    if entity is not None:
        return True
    lemma = token.lemma.lower()
    return token.upos == "PROPN" or lemma in lexicon().person_title_nouns or (
        lemma in _OFFICIAL_GROUPS)
