"""Missile launches: which state, how many, what class, from where, landing where, when.

The extractor is a list of rules over the shared :class:`~geoevents.analysis.DocumentAnalysis`:

* *trigger rules* each read one word and return the missile word it launches, or ``None``:
  :func:`launch_verb` ("fired two missiles", "the missile was test-fired"),
  :func:`conducted_launch` ("carried out a test-firing of ..."), :func:`launch_noun`
  ("the launch of two missiles", "a missile test"), :func:`liftoff` ("the rocket lifted off");
* *vetoes* drop what is no launch: :func:`not_a_missile_test` (engine, radar and
  interceptor tests), :func:`not_asserted` (negated, hypothetical), :func:`not_yet`
  (planned launches);
* :func:`launch_event` reads the launcher (the clause's subject, else the launch site's
  country, else the article's launcher), count, class, sites and outcome.

Launch, missile and outcome words are vocabulary data (``knowledge/vocabulary.json``,
section ``missile_launch``; missile classes in ``missiles.json``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence

import attrs

from geoevents.actors import (
    Actor,
    ActorType,
    country_code,
    country_name,
    demonym_country,
    is_country_name,
)
from geoevents.analysis import DocumentAnalysis
from geoevents.analysis.syntax import (
    conjuncts,
    is_plural,
    is_verb,
    is_verb_form,
    phrase_indices,
    phrase_text,
)
from geoevents.dates import EventDate, Resolution, Tense
from geoevents.events import Codes, LaunchOutcome, Location, MissileClass, MissileLaunch
from geoevents.extractors.merge import better_date, cluster, dates_compatible, evidence_union
from geoevents.knowledge import LaunchWords, verb_lemma, vocabulary
from geoevents.nlp.annotation import EntityType, Sentence, Token

__all__ = [
    "MissileLaunchExtractor",
    "conducted_launch",
    "launch_noun",
    "launch_verb",
    "liftoff",
    "merge_launches",
    "missile_class",
    "not_a_missile_test",
    "not_asserted",
    "not_yet",
    "warned_against",
]

TEST_CODES = Codes(cameo="150", plover="MOBILIZE")
STRIKE_CODES = Codes(cameo="195", plover="ASSAULT")


def _words() -> LaunchWords:
    return vocabulary().missile_launch


def missile_class(description: str) -> MissileClass:
    """The class a missile description points to ("short-range ballistic missile" -> SRBM).

    >>> missile_class("Hwasong-14 intercontinental ballistic missile")
    <MissileClass.ICBM: 'ICBM'>
    """
    text = description.lower()
    for pattern, cls in vocabulary().missile_classes:
        if re.search(rf"(?<![\w-]){re.escape(pattern)}", text):
            return MissileClass(cls)
    return MissileClass.UNKNOWN


@attrs.frozen
class Candidate:
    """A trigger word and the missile word it launches."""

    sent: Sentence
    trigger: Token
    missile: Token


TriggerRule = Callable[[DocumentAnalysis, Sentence, Token], Token | None]
Veto = Callable[[DocumentAnalysis, Candidate], bool]


class MissileLaunchExtractor:
    """Finds launches: "X launched / fired / test-fired N missiles", "X conducted a test of ..."

    Engine and radar tests, drills without launches, and expected or hypothetical launches
    are left out. ``rules`` and ``vetoes`` replace the default lists (:data:`TRIGGER_RULES`,
    :data:`VETOES`).
    """

    kind = "missile_launch"

    def __init__(self, rules: Sequence[TriggerRule] | None = None,
                 vetoes: Sequence[Veto] | None = None) -> None:
        self.rules = tuple(rules if rules is not None else TRIGGER_RULES)
        self.vetoes = tuple(vetoes if vetoes is not None else VETOES)

    def extract(self, doc: DocumentAnalysis) -> Iterator[MissileLaunch]:
        candidates = [Candidate(sent, token, missile) for sent in doc.sentences
                      for token in sent.tokens
                      if (missile := self._missile(doc, sent, token)) is not None]
        # a launch stated without its launcher ("the missile had been test-fired") is most
        # likely by the state the article's other launches name
        dominant = _dominant_launcher(doc, candidates)
        previous: Actor | None = None
        for candidate in candidates:
            if any(veto(doc, candidate) for veto in self.vetoes):
                continue
            launch = launch_event(doc, candidate, dominant or previous)
            if launch is not None:
                previous = launch.launcher
                yield launch

    def _missile(self, doc: DocumentAnalysis, sent: Sentence, token: Token) -> Token | None:
        return next((m for rule in self.rules if (m := rule(doc, sent, token)) is not None),
                    None)


# --- trigger rules ---------------------------------------------------------------------------
def launch_verb(doc: DocumentAnalysis, sent: Sentence, token: Token) -> Token | None:
    """ "fired two missiles", "the missile was test-fired", "test-launched an ICBM",
    "launched a missile strike on X", "fired a barrage of rockets", "launched a drone and
    two missiles"."""
    del doc
    if not _launch_verb_form(token):
        return None
    for child in sent.children(token.index):
        if child.deprel not in ("obj", "nsubj:pass"):
            continue
        for head in conjuncts(sent, child.index):  # "a drone and two missiles"
            item = sent.tokens[head]
            if _is_missile(item):
                return item
            found = _missile_in(sent, item)
            if found is not None:
                return found
    return None


def _missile_in(sent: Sentence, noun: Token) -> Token | None:
    """ "a missile strike", "a barrage of rockets", "dozens of rockets": the missiles of a
    strike noun or a quantity."""
    strike = noun.lemma.lower() in _words().strike_nouns
    for child in sent.children(noun.index):
        of = any(c.deprel == "case" and c.lemma.lower() == "of"
                 for c in sent.children(child.index))
        if _is_missile(child) and ((strike and child.deprel == "compound") or (
                child.deprel == "nmod" and (of or strike))):
            return child
    return None


def conducted_launch(doc: DocumentAnalysis, sent: Sentence, token: Token) -> Token | None:
    """ "conducted a test of ...", "carried out a test-firing of ..." (the last often comes
    as "test", "-", "firing", an object or open complement of the verb)."""
    del doc
    if not _conducts(token):
        return None
    for child in sent.children(token.index):
        if child.deprel in ("obj", "xcomp") and _is_launch_noun(child):
            found = _missile_of(sent, child)
            if found is not None:
                return found
    return None


def launch_noun(doc: DocumentAnalysis, sent: Sentence, token: Token) -> Token | None:
    """ "the launch of two missiles", "a missile test" (but no bare "test")."""
    del doc
    if token.upos not in ("NOUN", "PROPN") or not _is_launch_noun(token) or (
            _launch_verb_form(token) or _conducts(token)):
        return None  # "firing", "testing": read as verbs by the rule above
    return _missile_of(sent, token)


def liftoff(doc: DocumentAnalysis, sent: Sentence, token: Token) -> Token | None:
    """ "the rocket lifted off", "the missile blasted off"."""
    del doc
    if not (is_verb_form(token) and _verb(token) in _words().liftoff_verbs and any(
            c.lemma.lower() == "off" for c in sent.children(token.index))):
        return None
    return next((c for c in sent.children(token.index)
                 if c.deprel == "nsubj" and _is_missile(c)), None)


TRIGGER_RULES: tuple[TriggerRule, ...] = (launch_verb, conducted_launch, launch_noun, liftoff)
"""The default trigger rules, tried in order for every word."""


# --- vetoes ------------------------------------------------------------------------------------
def not_a_missile_test(doc: DocumentAnalysis, candidate: Candidate) -> bool:
    """ "an engine test", "a radar test", "an interceptor test": the missile word is not
    what flew."""
    del doc
    sent, missile = candidate.sent, candidate.missile
    context = {t.lemma.lower() for t in sent.tokens[max(0, missile.index - 3): missile.index]}
    return bool(context & _words().non_launch_words)


def not_asserted(doc: DocumentAnalysis, candidate: Candidate) -> bool:
    """ "did not launch", "could launch if ...": the clause does not say it happened."""
    return not doc.clause(candidate.sent, candidate.trigger.index).asserted_fact


def not_yet(doc: DocumentAnalysis, candidate: Candidate) -> bool:
    """ "will launch", "plans to test-fire": planned launches are not launches."""
    return doc.clause(candidate.sent, candidate.trigger.index).tense is Tense.FUTURE


def warned_against(doc: DocumentAnalysis, candidate: Candidate) -> bool:
    """ "warned North Korea against test-launching a missile", "threatened to fire
    missiles": a launch someone warns about, threatens or urges is not one."""
    del doc
    sent, trigger = candidate.sent, candidate.trigger
    deterrence = _words().deterrence_verbs
    return any(_verb(a) in deterrence and is_verb_form(a)
               for a in list(sent.ancestors(trigger.index))[:2])


VETOES: tuple[Veto, ...] = (not_a_missile_test, not_asserted, not_yet, warned_against)
"""The default vetoes: any one drops a candidate."""


# --- the event ---------------------------------------------------------------------------------
def launch_event(doc: DocumentAnalysis, candidate: Candidate,
                 fallback: Actor | None) -> MissileLaunch | None:
    """The launch a candidate describes, or ``None`` when no launching state is found."""
    sent, trigger, missile = candidate.sent, candidate.trigger, candidate.missile
    site, landing = _places(doc, sent, trigger, missile)
    launcher = _launcher(doc, candidate, site, fallback)
    if launcher is None:
        return None
    description = _description(doc, sent, trigger, missile)
    tense = doc.clause(sent, trigger.index).tense
    words = {t.lemma.lower() for t in sent.tokens} | {t.text.lower() for t in sent.tokens}
    date = doc.event_date(sent, trigger.index, tense=tense)
    if date.resolution is Resolution.PUBLICATION and _additional(sent, trigger, missile):
        date = EventDate.publication_day(doc.info.published)
    return MissileLaunch(
        document=doc.info,
        date=date,
        evidence=(sent.span(0, len(sent.tokens) - 1, doc.text),),
        confidence=0.85 if trigger.upos == "VERB" else 0.7,
        codes=STRIKE_CODES if words & _words().strike_words else TEST_CODES,
        launcher=launcher,
        count=_count(sent, missile),
        missile_type=description,
        missile_class=missile_class(description),
        launch_site=site,
        landing_area=landing,
        outcome=_outcome(words),
    )


def _additional(sent: Sentence, trigger: Token, missile: Token) -> bool:
    """ "several more missile tests", "fired another missile": launches reported as new,
    beyond the ones told before."""
    extra = _words().additional_words
    return any(c.lemma.lower() in extra or c.text.lower() in extra
               for head in (trigger, missile) for c in sent.children(head.index))


def _outcome(words: set[str]) -> LaunchOutcome:
    if words & _words().failure_words:
        return LaunchOutcome.FAILURE
    if words & _words().success_words:
        return LaunchOutcome.SUCCESS
    return LaunchOutcome.UNKNOWN


def _launcher(doc: DocumentAnalysis, candidate: Candidate, site: Location | None,
              fallback: Actor | None) -> Actor | None:
    """The clause's launching state; for a passive or a pronoun ("missiles were launched
    from Iran", "it had tested"), the launch site's country, else the article's launcher
    (``fallback``), else the country named nearest before."""
    sent, trigger = candidate.sent, candidate.trigger
    stated = _stated_launcher(doc, candidate)
    if stated is not None:
        return stated
    if site is not None and site.country is not None and is_country_name(site.name):
        return Actor(name=site.name, type=ActorType.COUNTRY, country=site.country)
    return fallback or _nearest_country(doc, sent, trigger.index)


def _dominant_launcher(doc: DocumentAnalysis, candidates: Sequence[Candidate]) -> Actor | None:
    stated = Counter(actor.country for c in candidates
                     if (actor := _stated_launcher(doc, c)) is not None and actor.country)
    if not stated:
        return None
    code = stated.most_common(1)[0][0]
    return Actor(name=country_name(code), type=ActorType.COUNTRY, country=code)


def _stated_launcher(doc: DocumentAnalysis, candidate: Candidate) -> Actor | None:
    """The launching state as the clause states it, or ``None`` when it does not."""
    sent, trigger, missile = candidate.sent, candidate.trigger, candidate.missile
    if is_verb_form(trigger):
        return _subject(doc, sent, trigger, trigger)
    # "North Korea's launch of ...", "a North Korean missile test"
    for head in (trigger, missile):
        for child in sent.children(head.index):
            if child.deprel in ("nmod:poss", "amod", "compound") and child.index < head.index:
                actor = doc.actor(sent, child.index)
                code = actor.country or demonym_country(child.text)
                if code is not None:
                    return Actor(name=actor.name, type=ActorType.COUNTRY, country=code,
                                 mentions=actor.mentions)
    agent = _agent_of(doc, sent, trigger)
    if agent is not None:
        return agent
    holder = _holder(sent, trigger)
    return _subject(doc, sent, holder, trigger) if holder is not None else None


def _agent_of(doc: DocumentAnalysis, sent: Sentence, noun: Token) -> Actor | None:
    """ "tests conducted by Iran", "launches carried out by the North": the "by" agent of
    a participle describing the launch noun."""
    for participle in sent.children(noun.index):
        if not participle.deprel.startswith("acl"):
            continue
        for child in sent.children(participle.index):
            cases = {c.lemma.lower() for c in sent.children(child.index) if c.deprel == "case"}
            if child.deprel == "obl:agent" or (child.deprel == "obl" and "by" in cases):
                return _as_state(doc.actor(sent, child.index))
    return None


def _holder(sent: Sentence, noun: Token) -> Token | None:
    """The verb that carries out a launch noun, through the nouns it modifies ("conducted
    a missile test exercise")."""
    node = noun
    for _ in range(3):
        if node.head < 0:
            return None
        parent = sent.tokens[node.head]
        if _conducts(parent):
            return parent
        if node.deprel not in ("compound", "nmod", "obj") or parent.upos not in ("NOUN", "PROPN"):
            return None
        node = parent
    return None


def _subject(doc: DocumentAnalysis, sent: Sentence, verb: Token,
             trigger: Token) -> Actor | None:
    inside = set(sent.subtree(trigger.index)) if trigger is not verb else set()
    for child in sent.children(verb.index):
        if child.index not in inside and child.deprel in ("nsubj", "obl:agent"):
            return _subject_state(doc, sent, child)
    if verb.deprel in ("conj", "xcomp", "advcl") and verb.head >= 0:
        for child in sent.children(verb.head):
            if child.deprel == "nsubj":
                return _as_state(doc.actor(sent, child.index))
    if verb.deprel.startswith("acl") and verb.head >= 0:
        # "conducted an exercise in which nine missiles were launched": the launcher is
        # whoever carried out what the relative clause describes
        holder = _holder(sent, verb)
        if holder is not None:
            return _subject(doc, sent, holder, holder)
    return None


def _subject_state(doc: DocumentAnalysis, sent: Sentence, subject: Token) -> Actor | None:
    """The state a launch verb's subject names: none for coordinated states ("India and
    Pakistan have both conducted tests" is no one launch); for "their military", "its
    navy", the country named before it in the sentence."""
    if any(c.deprel == "conj" for c in sent.children(subject.index)):
        return None
    state = _as_state(doc.actor(sent, subject.index))
    if state is None and any(c.deprel == "nmod:poss" and c.upos == "PRON"
                             for c in sent.children(subject.index)):
        return _nearest_country(doc, sent, subject.index, earlier_sentences=0)
    return state


def _as_state(actor: Actor) -> Actor | None:
    """Launches are by states: a phrase naming one ("Nuclear-armed North Korea", "the North
    Korean military") stands for it; an armed group by name ("Houthi rebels", "Hezbollah")
    is its own launcher; a person, or a phrase without a name or country ("the rocket",
    "it", "the militants"), names no launcher."""
    if actor.type is ActorType.COUNTRY:
        return actor
    if actor.type is ActorType.PERSON:
        return None
    if actor.country is None:
        named = any(w[:1].isupper() for w in actor.name.split()[1:]) or (
            actor.name[:1].isupper()
            and actor.name.split()[0].lower() not in vocabulary().common.definite_determiners)
        return actor if named else None
    return Actor(name=country_name(actor.country), type=ActorType.COUNTRY,
                 country=actor.country, mentions=actor.mentions)


def _nearest_country(doc: DocumentAnalysis, sent: Sentence, index: int, *,
                     earlier_sentences: int = 2) -> Actor | None:
    """The country named closest before token ``index`` ("Iran said it had tested ..."),
    in this sentence or the ``earlier_sentences`` before it."""
    earlier = doc.sentences[max(0, sent.index - earlier_sentences): sent.index]
    for candidate_sent, limit in [(sent, index), *((s, len(s.tokens)) for s in reversed(earlier))]:
        for token in reversed(candidate_sent.tokens[:limit]):
            entity = candidate_sent.entity_at(token.index)
            name = entity.text if entity is not None else token.text
            code = country_code(name) if token.text[:1].isupper() else None
            code = code or demonym_country(token.text)
            if code is not None:
                name = name if is_country_name(name) else country_name(code)
                return Actor(name=name, type=ActorType.COUNTRY, country=code)
    return None


def _description(doc: DocumentAnalysis, sent: Sentence, trigger: Token, missile: Token) -> str:
    """The missile as written: its pre-modifiers and head ("short-range ballistic missiles");
    what follows the head is where it went, not what it is."""
    described = missile
    if missile.head == trigger.index and missile.deprel == "compound":
        described = trigger  # "a destructive anti-satellite missile test"
    skip: set[int] = {trigger.index} if described is trigger else set()
    for child in sent.children(described.index):
        if child.deprel in ("det", "nummod", "case", "nmod:poss", "det:poss"):
            skip.update(sent.subtree(child.index))
    non_type = _words().non_type_words
    kept = [i for i in phrase_indices(sent, described.index)
            if i not in skip and i <= described.index
            and not (sent.tokens[i].upos == "ADJ" and sent.tokens[i].lemma.lower() in non_type)]
    while len(kept) > 1 and _not_type(sent.tokens[kept[0]]):
        kept.pop(0)
    return phrase_text(doc, sent, kept or [missile.index])


def _not_type(token: Token) -> bool:
    """Leading words that say whose or how many, not what kind ("Russia's", "two")."""
    word = token.text.lower()
    return (token.upos in ("DET", "NUM", "PRON", "PART", "PUNCT")
            or word in vocabulary().common.number_words
            or word in ("'s", "’s") or bool(country_code(token.text))
            or (bool(demonym_country(token.text)) and token.upos == "PROPN"))


def _count(sent: Sentence, missile: Token) -> int | None:
    """How many: a number leading the phrase ("two short-range missiles"), wherever the
    parser attached it, or a numeral/article below the missile noun; ``None`` for vague
    quantities ("several")."""
    numbers = vocabulary().common.number_words
    left = [i for i in phrase_indices(sent, missile.index) if i < missile.index]
    if left:
        first = sent.tokens[left[0]].text.lower()
        if first.isdigit():
            return int(first)
        if first in numbers and first not in vocabulary().common.indefinite_articles:
            return numbers[first]
        if first in vocabulary().common.vague_quantities:
            return None
    quantity = sent.tokens[missile.head] if missile.head >= 0 else missile
    if missile.deprel == "nmod" and quantity.lemma.lower() in vocabulary().common.vague_quantities:
        return None  # "dozens of rockets"
    for child in sent.children(missile.index):
        word = child.text.lower()
        if child.deprel == "nummod":
            return int(word) if word.isdigit() else numbers.get(word)
        if word == "single" or (child.deprel == "det" and not is_plural(missile)
                                and word in vocabulary().common.indefinite_articles):
            return 1
    return None


def _places(doc: DocumentAnalysis, sent: Sentence, trigger: Token,
            missile: Token) -> tuple[Location | None, Location | None]:
    """Launch site ("from ...") and landing area ("into the sea", "off the coast")."""
    site: Location | None = None
    landing: Location | None = None
    anchors = [trigger.index, missile.index]
    anchors.extend(t.index for t in sent.tokens if t.head in anchors and t.upos == "VERB")
    for child in (c for anchor in anchors for c in sent.children(anchor)):
        if not child.deprel.startswith(("obl", "nmod", "advmod")) or not _placey(sent, child):
            continue
        case = next((c.lemma.lower() for c in sent.children(child.index)
                     if c.deprel == "case"), "")
        if case == "from" and site is None:
            site = doc.location(sent, child.index)
        elif case in _words().landing_cases and landing is None:
            landing = doc.location(sent, child.index)
    return site, landing


def _placey(sent: Sentence, token: Token) -> bool:
    entity = sent.entity_at(token.index)
    return (entity is not None and entity.type is EntityType.LOCATION) or (
        token.lemma.lower() in _words().place_nouns)


# --- words ---------------------------------------------------------------------------------------
def _verb(token: Token) -> str:
    return verb_lemma(token.text, token.lemma)


def _launch_verb_form(token: Token) -> bool:
    """A launch verb ("fired", "test-launched"), also where a weak tagger says noun."""
    return is_verb_form(token) and (
        _verb(token) in _words().launch_verbs or token.text.lower().startswith("test-"))


def _conducts(token: Token) -> bool:
    """A verb that carries out a launch noun ("conducted a test")."""
    return is_verb_form(token) and _verb(token) in _words().conduct_verbs


def _is_launch_noun(token: Token) -> bool:
    nouns = _words().launch_nouns
    return token.lemma.lower() in nouns or token.text.lower() in nouns


def _missile_of(sent: Sentence, noun: Token) -> Token | None:
    """The missile a launch noun names ("the launch of two missiles", "a missile test")."""
    for child in sent.children(noun.index):
        if child.deprel.startswith(("nmod", "compound", "amod")) and _is_missile(child):
            return child
    # "launch of an intercontinental ballistic missile today" parsed with "today" as the
    # head of the of-phrase: the missile noun in the words that follow, below it
    following = sent.tokens[noun.index + 1: noun.index + 8]
    if following and following[0].lemma.lower() == "of":
        below = set(sent.subtree(noun.index))
        for token in following[1:]:
            if token.text in (",", ";", ".") or is_verb(token):
                break
            if token.index in below and _is_missile(token):
                return token
    return None


def _is_missile(token: Token) -> bool:
    nouns = _words().missile_nouns
    lemma, text = token.lemma.lower(), token.text.lower()
    if lemma in nouns or text in nouns or text.endswith(("missile", "missiles")):
        return True  # also "nuclear-capablemissile" (sic)
    return missile_class(text) is not MissileClass.UNKNOWN and token.upos == "PROPN"


# --- merging -------------------------------------------------------------------------------------
def merge_launches(launches: Sequence[MissileLaunch]) -> list[MissileLaunch]:
    """One launch per state and date: mentions by the same state whose dates agree (and
    whose classes do not differ) are merged."""

    def key(launch: MissileLaunch) -> str:
        return launch.launcher.country or launch.launcher.name.lower()

    def same(a: MissileLaunch, b: MissileLaunch) -> bool:
        classes = {a.missile_class, b.missile_class} - {MissileClass.UNKNOWN}
        return key(a) == key(b) and dates_compatible(a.date, b.date) and len(classes) <= 1

    def fuse(a: MissileLaunch, b: MissileLaunch) -> MissileLaunch:
        return attrs.evolve(
            a, date=better_date(a.date, b.date), evidence=evidence_union(a.evidence, b.evidence),
            confidence=max(a.confidence, b.confidence),
            count=a.count if a.count is not None else b.count,
            missile_class=a.missile_class if a.missile_class is not MissileClass.UNKNOWN
            else b.missile_class,
            launch_site=a.launch_site or b.launch_site,
            landing_area=a.landing_area or b.landing_area,
            outcome=a.outcome if a.outcome is not LaunchOutcome.UNKNOWN else b.outcome)

    return cluster(launches, same, fuse)


def summary(launch: MissileLaunch) -> str:
    """The line ``--format pretty`` prints for a launch."""
    from geoevents.extractors.meetings import format_date

    count = launch.count if launch.count is not None else "?"
    return (f"{format_date(launch.date)}: {launch.launcher.name} "
            f"[{launch.launcher.country or '?'}] fired {count} × {launch.missile_type} "
            f"({launch.missile_class})"
            + (f" into {launch.landing_area.name}" if launch.landing_area else "")
            + (f" from {launch.launch_site.name}" if launch.launch_site else ""))
