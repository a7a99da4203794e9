"""Quoted positions: the stand a quote takes, whom it is aimed at, what it is about, and
which events of the document it comments on.

A position is read from a quote's content and its cue together, by three lists of small
rules over the shared :class:`~geoevents.analysis.DocumentAnalysis`:

* :data:`STANCE_RULES`, tried in order: the first that decides gives the
  :class:`~geoevents.Stance` (a consequence on a condition, the cue verb, a hope, threat
  words, appeals, denials, blame, criticism, commitments, approval, judging cues, hedges,
  an analyst's view); ``assert`` when none decides;
* :data:`TARGET_RULES`: the actors the stand is directed at (the one urged or condemned,
  the one asked to act, else the outside actors the quote names), as countries, persons or
  organisations with the spans that name them;
* :data:`TOPIC_RULES`: up to three topic keys from the vocabulary's keyword table.

:func:`take_position` applies them to a quote as the quote extractor finds it, and sets
the quote's CAMEO/PLOVER codes from the stance (:data:`STANCE_CODES`).
:func:`relate_quotes`, the quote kind's ``relate`` rule, runs once every kind is merged:
it fills ``Quote.about`` with the ids of the events a quote comments on (:data:`ABOUT_RULES`)
and lends the quote that event's actor and topic when the quote names none.

Every word the rules look for is vocabulary data (``knowledge/vocabulary.json``, section
``position``); the rules hold the grammar (negation, modality, who is the subject).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Final

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
from geoevents.analysis.mentions import title_country
from geoevents.analysis.syntax import clause_head, entity_head, is_verb
from geoevents.events import Codes, Quote, QuoteType, Stance
from geoevents.knowledge import PositionWords, verb_lemma, vocabulary
from geoevents.nlp.annotation import EntityType, Sentence, Token

__all__ = [
    "ABOUT_RULES",
    "STANCE_CODES",
    "STANCE_RULES",
    "TARGET_RULES",
    "TOPIC_RULES",
    "QuoteContext",
    "describe_position",
    "relate_quotes",
    "take_position",
]

#: CAMEO and PLOVER codes per stance (POSITIONS.md): a quote that takes no stand stays a
#: plain statement (CAMEO 010, no PLOVER category)
STANCE_CODES: Final[dict[Stance, Codes]] = {
    Stance.SUPPORT: Codes(cameo="051", plover="SUPPORT"),
    Stance.OPPOSE: Codes(cameo="111", plover="ACCUSE"),
    Stance.ACCUSE: Codes(cameo="112", plover="ACCUSE"),
    Stance.DEMAND: Codes(cameo="100", plover="REQUEST"),
    Stance.WARN: Codes(cameo="130", plover="THREATEN"),
    Stance.PLEDGE: Codes(cameo="030", plover="AGREE"),
    Stance.DENY: Codes(cameo="016", plover="REJECT"),
    Stance.ASSESS: Codes(cameo="010", plover=None),
    Stance.ASSERT: Codes(cameo="010", plover=None),
}
MAX_TARGETS: Final = 3
MAX_TOPICS: Final = 3
NAMED: Final = frozenset({EntityType.PERSON, EntityType.ORGANIZATION, EntityType.LOCATION,
                          EntityType.NATIONALITY})


def _words() -> PositionWords:
    return vocabulary().position


@attrs.frozen(slots=False)
class QuoteContext:
    """What the position rules read about one quote: the analysis, the quote, its cue (the
    reporting verb and its sentence; ``None`` for a quote that continues the one before)
    and the tokens of its content, in order."""

    doc: DocumentAnalysis
    quote: Quote
    cue_sent: Sentence | None
    cue: Token | None
    tokens: tuple[tuple[Sentence, Token], ...]

    @classmethod
    def of(cls, doc: DocumentAnalysis, quote: Quote, cue_sent: Sentence | None,
           cue: Token | None) -> QuoteContext:
        span = quote.evidence[0]
        tokens = tuple((s, t) for s in doc.sentences if s.end > span.start and s.start < span.end
                       for t in s.tokens if t.start >= span.start and t.end <= span.end)
        return cls(doc, quote, cue_sent, cue, tokens)

    @property
    def speaker(self) -> Actor:
        return self.quote.speaker

    @functools.cached_property
    def token_keys(self) -> frozenset[tuple[int, int]]:
        """(sentence, token) indices of the content."""
        return frozenset((s.index, t.index) for s, t in self.tokens)


# --- reading the content ---------------------------------------------------------------------
@functools.lru_cache(maxsize=64)
def _phrase_index(phrases: frozenset[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases by their first word, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words = tuple(phrase.split())
        index.setdefault(words[0], []).append(words)
    return {w: tuple(sorted(found, key=len, reverse=True)) for w, found in index.items()}


def _is_word(token: Token, word: str) -> bool:
    return word in (token.lemma.lower(), token.text.lower())


def find_phrases(tokens: Sequence[tuple[Sentence, Token]],
                 phrases: frozenset[str]) -> Iterator[tuple[Sentence, Token, str]]:
    """Where ``phrases`` (lemmas or word forms, space-separated) occur in ``tokens``: the
    sentence, the first token and the phrase."""
    index = _phrase_index(phrases)
    for i, (sent, token) in enumerate(tokens):
        candidates = {*index.get(token.lemma.lower(), ()), *index.get(token.text.lower(), ())}
        for words in sorted(candidates, key=len, reverse=True):
            rest = tokens[i + 1: i + len(words)]
            if len(rest) == len(words) - 1 and all(
                    _is_word(t, w) for (_, t), w in zip(rest, words[1:], strict=True)):
                yield sent, token, " ".join(words)
                break


def _negated(ctx: QuoteContext, sent: Sentence, token: Token, phrase: str = "") -> bool:
    """Whether the clause of ``token`` is negated (a phrase that spells its own negation,
    "not true", is not)."""
    if set(phrase.split()) & vocabulary().common.negation_words:
        return False
    return ctx.doc.clause(sent, token.index).negated


def _stance_words(ctx: QuoteContext, stance: Stance) -> list[tuple[Sentence, Token]]:
    """Content words that take ``stance``: its words unnegated ("unacceptable"), its
    negated words negated ("do not accept" opposes)."""
    words = _words()
    tokens = ctx.tokens
    found = [(s, t) for s, t, p in find_phrases(tokens, words.words.get(stance.value, frozenset()))
             if not _negated(ctx, s, t, p)]
    found += [(s, t) for s, t, p in find_phrases(
        tokens, words.negated_words.get(stance.value, frozenset())) if _negated(ctx, s, t, p)]
    if stance in _JUDGEMENTS:  # "may condemn", "could be a violation": no stand taken yet
        found = [(s, t) for s, t in found if not ctx.doc.clause(s, t.index).hypothetical]
    return found


#: stances a hedge takes back ("could be a violation" judges nothing yet); threats and
#: demands are conditional by nature ("would face", "should stop")
_JUDGEMENTS: Final = frozenset({Stance.SUPPORT, Stance.OPPOSE, Stance.ACCUSE, Stance.DENY})


def _subject(sent: Sentence, token: Token) -> Token | None:
    """The subject of the clause around ``token`` (for an infinitive, its governor's)."""
    head = clause_head(sent, token.index)
    for _ in range(3):
        subjects = [c for c in sent.children(head.index) if c.deprel.startswith("nsubj")]
        if subjects:  # of two ("once talks begin, we can ..."), the one next to the verb
            return min(subjects, key=lambda c: abs(c.index - head.index))
        if head.deprel not in ("xcomp", "conj") or head.head < 0:
            return None
        head = sent.tokens[head.head]
    return None


def _is_actor(actor: Actor) -> bool:
    return actor.type in (ActorType.PERSON, ActorType.COUNTRY, ActorType.ORGANIZATION) or (
        actor.country is not None)


def _same_side(actor: Actor, speaker: Actor) -> bool:
    """Whether ``actor`` is the speaker, the speaker's body or the speaker's country."""
    names = {speaker.name.lower(), (speaker.affiliation or "").lower()} - {""}
    surname = speaker.name.split()[-1].lower() if speaker.name.split() else ""
    if actor.name.lower() in names or (actor.type is ActorType.PERSON and surname != "" and (
            actor.name.lower().split()[-1:] == [surname])):
        return True
    return actor.type is not ActorType.PERSON and actor.country is not None and (
        actor.country in speaker_countries(speaker))


@functools.lru_cache(maxsize=256)
def speaker_countries(speaker: Actor) -> frozenset[str]:
    """The countries a speaker speaks for: their own, and the ones their title,
    affiliation or name names ("C.A.R.'s minister", "General X of the Revolutionary
    Guards", "Pakistani military")."""
    found = {speaker.country, *(title_country(text) for text in (
        speaker.title, speaker.affiliation, speaker.name))}
    return frozenset(code for code in found if code is not None)


def _own_side(ctx: QuoteContext, sent: Sentence, token: Token) -> bool:
    """Whether ``token`` names the speaker's side: "we", "our country", the speaker's
    country, and in reported speech "he"/"it"/"they" (the speaker said *it* will ...)."""
    words = _words()
    word = token.text.lower()
    if word in words.own_side_pronouns:
        return True
    if word in words.reported_self_pronouns:
        # "he" for a person, "it"/"they" for a body or a country: a person is no "it"
        person = word not in words.collective_pronouns | words.thing_pronouns
        return ctx.quote.quote_type is not QuoteType.DIRECT and person == (
            ctx.speaker.type is ActorType.PERSON)
    return _same_side(ctx.doc.actor(sent, token.index), ctx.speaker)


def _foreign_actor(ctx: QuoteContext, sent: Sentence, token: Token) -> bool:
    """Whether ``token`` names an actor other than the speaker's side."""
    if token.text.lower() in _words().own_side_pronouns | _words().reported_self_pronouns:
        return not _own_side(ctx, sent, token)
    actor = ctx.doc.actor(sent, token.index)
    return _is_actor(actor) and not _same_side(actor, ctx.speaker)


def _aux(sent: Sentence, token: Token, words: frozenset[str]) -> bool:
    """Whether the verb ``token`` has an auxiliary among ``words`` ("will", "could")."""
    return any(c.deprel == "aux" and (c.text.lower() in words or c.lemma.lower() in words)
               for c in sent.children(token.index))


def _analyst(speaker: Actor) -> bool:
    """ "a senior fellow at ...", "analysts", "experts": someone who judges from outside."""
    text = " ".join(filter(None, (speaker.name, speaker.title, speaker.affiliation))).lower()
    return bool(set(text.replace("'s", " ").split()) & _words().analyst_words)


def _main_clauses(ctx: QuoteContext) -> list[tuple[Sentence, Token]]:
    """The tokens of the content whose head lies outside it: its main clauses."""
    return [(s, t) for s, t in ctx.tokens
            if t.upos != "PUNCT" and (t.head < 0 or (s.index, t.head) not in ctx.token_keys)]


def _cue_keys(sent: Sentence, cue: Token) -> list[str]:
    """The cue as the vocabulary may list it: with its particle or preposition first
    ("call on", "call for"), then the verb alone."""
    lemma = verb_lemma(cue.text, cue.lemma)
    keys = [f"{lemma} {c.lemma.lower()}" for c in sent.children(cue.index)
            if c.deprel == "compound:prt"]
    keys += [f"{lemma} {g.lemma.lower()}" for c in sent.children(cue.index)
             if c.deprel in ("obl", "obj", "iobj") for g in sent.children(c.index)
             if g.deprel == "case"]
    return [*keys, lemma]


def _cue_stance(keys: Iterable[str], table: Mapping[str, frozenset[str]]) -> Stance | None:
    for key in keys:
        for name, cues in table.items():
            if key in cues and name != Stance.ASSESS.value:
                return Stance(name)
    return None


# --- stance rules ----------------------------------------------------------------------------
StanceRule = Callable[[QuoteContext], Stance | None]


def conditional(ctx: QuoteContext) -> Stance | None:
    """ "if X continues, we will respond" warns; "if X gives up its arms, we will talk"
    pledges, and so does any other commitment of the speaker's side on a condition; "if the
    broadcasts do not stop" is a threat again. The main clause must commit (will, would,
    or a cue like "vowed"), not hedge ("could")."""
    words = _words()
    for sent, mark in ctx.tokens:
        if mark.lemma.lower() not in words.condition_marks or mark.deprel != "mark" or (
                mark.head < 0):
            continue
        condition = sent.tokens[mark.head]
        if condition.head < 0 or not _commits(ctx, sent, sent.tokens[condition.head]):
            continue
        verb = verb_lemma(condition.text, condition.lemma)
        negated = ctx.doc.clause(sent, condition.index).negated
        if verb in words.escalation_verbs or (verb in words.concession_verbs and negated):
            return Stance.WARN
        subject = _subject(sent, sent.tokens[condition.head])
        if verb in words.concession_verbs or (subject is not None and _own_side(
                ctx, sent, subject)):
            return Stance.PLEDGE  # an offer on a condition ("if elected, I would ...")
    return None


def _commits(ctx: QuoteContext, sent: Sentence, main: Token) -> bool:
    words = _words()
    if _aux(sent, main, words.hedge_modals):
        return False
    future = vocabulary().time.future_auxiliaries | words.conditional_auxiliaries
    # a cue commits when it is a vow or a threat ("vowed responses if ..."), not "said"
    committing = words.cues[Stance.PLEDGE.value] | words.cues[Stance.WARN.value]
    cue = ctx.cue is not None and main.start == ctx.cue.start and verb_lemma(
        main.text, main.lemma) in committing
    return cue or _aux(sent, main, future)


def stance_cue(ctx: QuoteContext) -> Stance | None:
    """The cue verb decides when it takes a stand ("condemned", "urged", "called on",
    "accused", "vowed", "denied", "welcomed"), unless it is hypothetical ("could
    condemn"); negated, only a verb whose denial takes a stand counts ("did not accept").
    Rejecting or dismissing a claim is a denial; a vow of threats is a warning."""
    if ctx.cue is None or ctx.cue_sent is None:
        return None
    facts = ctx.doc.clause(ctx.cue_sent, ctx.cue.index)
    keys = _cue_keys(ctx.cue_sent, ctx.cue)
    if facts.hypothetical:
        return None
    if facts.negated:
        return _cue_stance(keys, _words().negated_words)
    stance = _cue_stance(keys, _words().cues)
    if stance is Stance.OPPOSE and _object_is_claim(ctx.cue_sent, ctx.cue):
        return Stance.DENY
    if stance is Stance.PLEDGE and _stance_words(ctx, Stance.WARN):
        return Stance.WARN
    return stance


def _object_is_claim(sent: Sentence, verb: Token) -> bool:
    """ "rejected the allegations", "dismissed the reports as ...": a claim denied."""
    return any(c.deprel in ("obj", "nsubj:pass") and c.lemma.lower() in _words().claim_nouns
               for c in sent.children(verb.index))


def hope(ctx: QuoteContext) -> Stance | None:
    """A hope (in the cue or the content): for the speaker's own action a pledge, that
    another actor acts a demand, about an outcome an assessment."""
    candidates = [(ctx.cue_sent, ctx.cue)] if ctx.cue is not None and ctx.cue_sent else []
    for sent, token in [*candidates, *ctx.tokens]:
        if sent is None or verb_lemma(token.text, token.lemma) not in _words().hope_verbs:
            continue
        clause = next((c for c in sent.children(token.index)
                       if c.deprel in ("ccomp", "xcomp")), None)
        if clause is None:
            continue
        subject = _subject(sent, clause) if clause.deprel == "ccomp" else None
        if subject is None or _own_side(ctx, sent, subject):
            return Stance.PLEDGE
        return Stance.DEMAND if _foreign_actor(ctx, sent, subject) else Stance.ASSESS
    return None


def threat(ctx: QuoteContext) -> Stance | None:
    """Consequences, punishment, retaliation, "an act of war", "the full range of
    capabilities"; or the speaker's side "prepared to" act."""
    if _stance_words(ctx, Stance.WARN):
        return Stance.WARN
    for sent, token in ctx.tokens:
        if token.lemma.lower() in _words().readiness_words and not _negated(ctx, sent, token):
            subject = _subject(sent, token)
            if subject is not None and _own_side(ctx, sent, subject):
                return Stance.WARN
    return None


def appeal(ctx: QuoteContext) -> Stance | None:
    """ "X must / should / needs to ...", "we urge X to ...", "calls for ...", "it is
    vital that X ...", "Pakistan expects Kabul to ...": a demand."""
    words = _words()
    for sent, token in ctx.tokens:
        lemma = token.lemma.lower()
        if lemma in words.obligation_words and (token.deprel == "aux" or is_verb(token)) and (
                token.deprel == "aux" or not _negated(ctx, sent, token)):
            return Stance.DEMAND
        if lemma in words.appeal_adjectives and any(
                c.deprel in ("ccomp", "csubj", "expl") for c in sent.children(token.index)):
            return Stance.DEMAND  # "it is vital that ...", "it is important to ..."
        if verb_lemma(token.text, token.lemma) in words.expectation_verbs and _asks(
                ctx, sent, token):
            return Stance.DEMAND
    if any(t.xpos != "VBG" for _, t in _stance_words(ctx, Stance.DEMAND)):
        return Stance.DEMAND
    return None


def _asks(ctx: QuoteContext, sent: Sentence, verb: Token) -> bool:
    """ "we expect X to ...", "Pakistan expects Kabul to ...": an actor wants another to
    act."""
    children = sent.children(verb.index)
    subject = _subject(sent, verb)
    return (subject is not None and _animate(ctx, sent, subject) and verb.xpos != "VBG"
            and any(c.deprel == "obj" for c in children)
            and any(c.deprel in ("xcomp", "ccomp") for c in children))


def denial(ctx: QuoteContext) -> Stance | None:
    """ "baseless", "rubbish", "not true", "we were not involved", "we reject the
    allegations": a claim denied."""
    # a bare infinitive denies nothing ("expects Kabul to deny use of its soil to ...")
    if any(t.xpos != "VB" for _, t in _stance_words(ctx, Stance.DENY)):
        return Stance.DENY
    for sent, token in ctx.tokens:
        if verb_lemma(token.text, token.lemma) in _words().cues[Stance.OPPOSE.value] and (
                _object_is_claim(sent, token)):
            return Stance.DENY
    return None


def blame(ctx: QuoteContext) -> Stance | None:
    """A specific wrong act pinned on someone: "orchestrated", "masterminds", "failed to
    rein in", "spread propaganda" (an act of a thing, "the rocket failed to", is none)."""
    for sent, token in _stance_words(ctx, Stance.ACCUSE):
        subject = _subject(sent, token) if is_verb(token) else None
        if subject is None or subject.deprel == "nsubj:pass" or _animate(ctx, sent, subject):
            return Stance.ACCUSE
    return None


def _animate(ctx: QuoteContext, sent: Sentence, token: Token) -> bool:
    """A person, group, country or organisation (not "it", not "the rocket")."""
    words = _words()
    word = token.text.lower()
    if word in words.own_side_pronouns | words.reported_self_pronouns:
        return word not in words.thing_pronouns
    return _is_actor(ctx.doc.actor(sent, token.index))


def criticism(ctx: QuoteContext) -> Stance | None:
    """Judging conduct: "unacceptable", "a violation", "a provocation", "reckless",
    "regrettable", "do not accept"; concern about an act ("concerns over ...", not "our
    joint concerns", not "a concern that we are not ready")."""
    if _stance_words(ctx, Stance.OPPOSE):
        return Stance.OPPOSE
    words = _words()
    for sent, token in ctx.tokens:
        if not {token.lemma.lower(), token.text.lower()} & words.concern_words:
            continue
        children = sent.children(token.index)
        shared = any(c.lemma.lower() in words.shared_modifiers for c in children)
        clausal = any(c.deprel in ("acl", "ccomp", "acl:relcl") for c in children)
        if not (shared or clausal or _negated(ctx, sent, token)):
            return Stance.OPPOSE
    return None


def commitment(ctx: QuoteContext) -> Stance | None:
    """The speaker's side commits: "we will ...", "our commitment", "determined to", "we
    can work together", "X will continue / remain ..." (a commitment word said of another
    actor, "Russia is willing to ...", is none)."""
    for sent, token in _stance_words(ctx, Stance.PLEDGE):
        subject = _subject(sent, token) if token.upos != "NOUN" else _possessor(sent, token)
        if subject is None or _own_side(ctx, sent, subject):
            return Stance.PLEDGE
    if _analyst(ctx.speaker):
        return None
    for sent, token in _main_and_conjoined(ctx):
        if _own_future(ctx, sent, token):
            return Stance.PLEDGE
    return None


def _possessor(sent: Sentence, noun: Token) -> Token | None:
    return next((c for c in sent.children(noun.index) if c.deprel == "nmod:poss"), None)


def _main_and_conjoined(ctx: QuoteContext) -> list[tuple[Sentence, Token]]:
    """Main clauses of the content and the clauses coordinated with them or reported by
    them ("we made clear that we don't ...", "the launch continues to show that X poses
    ...": through infinitives too)."""
    found = _main_clauses(ctx)
    heads = {(s.index, t.index) for s, t in found}
    for _ in range(3):  # a clause of a clause, a few levels down
        extra = [(s, t) for s, t in ctx.tokens
                 if t.deprel in ("conj", "ccomp", "parataxis", "xcomp")
                 and (s.index, t.head) in heads and (s.index, t.index) not in heads]
        found += extra
        heads |= {(s.index, t.index) for s, t in extra}
    return found


def _own_future(ctx: QuoteContext, sent: Sentence, verb: Token) -> bool:
    """ "we will ...", "it can supply ..." (an offer, not a capability: "it can evade
    radar"), "the broadcasts will continue"."""
    words = _words()
    future = vocabulary().time.future_auxiliaries
    subject = _subject(sent, verb)
    own = subject is not None and _own_side(ctx, sent, subject)
    if own and (_aux(sent, verb, future) or (
            _aux(sent, verb, words.offer_modals)
            and verb_lemma(verb.text, verb.lemma) in words.offer_verbs)):
        return True
    lemma = verb_lemma(verb.text, verb.lemma)
    return (lemma in words.continuation_verbs and _aux(sent, verb, future)
            and (subject is None or own or not _foreign_actor(ctx, sent, subject)))


def own_denial(ctx: QuoteContext) -> Stance | None:
    """The speaker's side says what it does not do or have: "we don't have a hostile
    policy", "we are not bound by ...", "no members of X have a presence here" (not a
    negated judgement, "I do not believe ...", "I'm not impressed")."""
    words = _words()
    judging = words.cues[Stance.ASSESS.value]
    modals = (words.hedge_modals | words.offer_modals | words.conditional_auxiliaries
              | words.obligation_words | vocabulary().time.future_auxiliaries)
    for sent, head in _main_and_conjoined(ctx):
        if not is_verb(head) or verb_lemma(head.text, head.lemma) in judging or (
                _aux(sent, head, modals)):
            continue
        subject = _subject(sent, head)
        if subject is None:
            continue
        denied_subject = any(c.deprel == "det" and c.lemma.lower() in (
            vocabulary().common.negation_words) for c in sent.children(subject.index))
        if denied_subject or (_own_side(ctx, sent, subject) and _negated(ctx, sent, head)):
            return Stance.DENY
    return None


def approval(ctx: QuoteContext) -> Stance | None:
    """ "welcome", "a positive step", "very productive", "historic", "grateful"."""
    return Stance.SUPPORT if _stance_words(ctx, Stance.SUPPORT) else None


def judging_cue(ctx: QuoteContext) -> Stance | None:
    """A cue of judgement or prediction ("believes", "expects", "predicted")."""
    if ctx.cue is None:
        return None
    lemma = verb_lemma(ctx.cue.text, ctx.cue.lemma)
    return Stance.ASSESS if lemma in _words().cues[Stance.ASSESS.value] else None


def hedged(ctx: QuoteContext) -> Stance | None:
    """A judgement or prediction in the content's main clauses: "likely", "probably", "a
    threat", "I think", or a clause the analysis finds hypothetical ("could", "might")."""
    asserted = _main_and_conjoined(ctx)
    heads = {(s.index, t.index) for s, t in asserted}
    for sent, token, _ in find_phrases(ctx.tokens, _words().words[Stance.ASSESS.value]):
        if (sent.index, clause_head(sent, token.index).index) in heads:
            return Stance.ASSESS
    if any(ctx.doc.clause(s, t.index).hypothetical for s, t in asserted):
        return Stance.ASSESS
    return None


def analyst_view(ctx: QuoteContext) -> Stance | None:
    """An analyst's, expert's or observer's statement is a view, not a stand."""
    return Stance.ASSESS if _analyst(ctx.speaker) else None


STANCE_RULES: tuple[StanceRule, ...] = (
    conditional, stance_cue, hope, threat, appeal, denial, blame, criticism, commitment,
    own_denial, approval, judging_cue, hedged, analyst_view,
)
"""The stance rules, in order: the first that decides gives the stance."""


#: the stances an outside observer (an analyst, an expert) does not take: they judge and
#: recommend, they do not threaten, promise, deny or accuse on anyone's behalf
_SIDELINE: Final = frozenset({Stance.WARN, Stance.PLEDGE, Stance.DENY, Stance.ACCUSE,
                              Stance.OPPOSE, Stance.SUPPORT})


def stance_of(ctx: QuoteContext, rules: Sequence[StanceRule] = STANCE_RULES) -> Stance:
    """The stance of a quote: the first rule's that decides, else ``assert``."""
    analyst = _analyst(ctx.speaker)
    for rule in rules:
        stance = rule(ctx)
        if stance is not None and not (analyst and stance in _SIDELINE
                                       and rule is not stance_cue):
            return stance
    return Stance.ASSERT


# --- target rules ----------------------------------------------------------------------------
TargetRule = Callable[[QuoteContext, Stance], list[Actor]]


def addressee(ctx: QuoteContext, stance: Stance) -> list[Actor]:
    """The object or recipient of the cue: "urged China", "called on the government",
    "accused the envoy", "called Russia's move ..." and "condemned Pyongyang's launch"
    (whose act it is); not the audience of "told reporters"."""
    del stance
    if ctx.cue is None or ctx.cue_sent is None or (
            verb_lemma(ctx.cue.text, ctx.cue.lemma) in _words().audience_verbs):
        return []
    return _addressees(ctx, ctx.cue_sent, ctx.cue)


def _addressees(ctx: QuoteContext, sent: Sentence, verb: Token) -> list[Actor]:
    cases = _words().addressee_cases
    found: list[Actor] = []
    for child in sent.children(verb.index):
        if child.deprel in ("obj", "iobj") or (child.deprel == "obl" and any(
                g.deprel == "case" and g.lemma.lower() in cases
                for g in sent.children(child.index))):
            found += [a for a in _actors_of(ctx, sent, child) if not _same_side(a, ctx.speaker)]
    return found


def _actors_of(ctx: QuoteContext, sent: Sentence, token: Token, *,
               acting: bool = False) -> list[Actor]:
    """The actor a phrase names, with those coordinated with it or with a word of its name
    ("the Republic of Korea and Japan"); for an act ("the launch",
    "Russia's move", "atrocities by Putin's forces") the actor whose act it is."""
    out = []
    entity = sent.entity_at(token.index)
    span = range(entity.first, entity.last + 1) if entity is not None else [token.index]
    for index in [token.index, *(c.index for i in span for c in sent.children(i)
                                 if c.deprel in ("conj", "appos"))]:
        actor = _actor_at(ctx, sent, sent.tokens[index], acting=acting)
        if actor is not None:
            out.append(actor)
            continue
        # "X's move", "the launch by X"; not "the leader of X" (a person, not X's act)
        agents = _words().agent_cases if sent.tokens[index].lemma.lower() not in (
            vocabulary().actors.person_title_nouns) else frozenset()
        for child in sent.children(index):
            if child.deprel in ("nmod:poss", "compound", "amod") or (
                    child.deprel == "nmod" and any(g.lemma.lower() in agents
                                                   for g in sent.children(child.index))):
                found = _actor_at(ctx, sent, child)
                if found is not None:
                    out.append(found)
    return out


def _actor_at(ctx: QuoteContext, sent: Sentence, token: Token, *,
              acting: bool = False) -> Actor | None:
    """The actor ``token`` names, as the target lists it: a country by its name (capitals,
    demonyms and governments too), a person by the fullest name used; ``None`` for anything
    else. A place that is ``acting`` (the subject of "Europe needs to ...") is an actor."""
    entity = sent.entity_at(token.index)
    doc = ctx.doc
    if entity is not None and entity.type is EntityType.NATIONALITY:
        code = demonym_country(entity.text)
        if code is None:
            return None
        span = doc.char_span(sent.index, entity.start, entity.end)
        return Actor(country_name(code), ActorType.COUNTRY, country=code, mentions=(span,))
    if entity is None and token.text.lower() in _words().reported_self_pronouns:
        return _antecedent(ctx, token)
    head = entity_head(sent, entity.first, entity.last) if entity is not None else token.index
    actor = doc.coref.resolve(doc.actor(sent, head), sent.tokens[head], pronoun=False,
                              position=sent.tokens[head].start)
    if actor.type is ActorType.COUNTRY and actor.country is not None:
        return _as_country(actor)
    if entity is None:
        return _unnamed_actor(ctx, token, actor, acting=acting)
    if entity.type not in NAMED or not (_is_actor(actor) or acting) or (
            entity.type is EntityType.LOCATION and not acting):
        return None
    if sent.tokens[head].lemma.lower() in _words().government_nouns and actor.country:
        return _as_country(attrs.evolve(actor, type=ActorType.COUNTRY))
    return actor


def _unnamed_actor(ctx: QuoteContext, token: Token, actor: Actor, *,
                   acting: bool) -> Actor | None:
    """The actor of a phrase the tagger named nothing in: a government ("the Kabul
    authorities" as its country, "the leadership" as the foreign country named last), an
    official described by nationality, "this man" or a person the document named before
    ("Mr. Bennett's travel") as that person, or a name that is ``acting`` ("Europe needs
    to ...")."""
    if token.lemma.lower() in _words().government_nouns:
        if actor.country:
            return _as_country(attrs.evolve(actor, type=ActorType.COUNTRY))
        return _last_country(ctx, token.start)
    if actor.country and token.upos == "NOUN" and any(
            _country_word(c) == actor.country for c in _nationality_words(ctx, token)):
        # an official or a body described by nationality ("a Pakistani army spokesperson",
        # "the Indian army"), not one placed somewhere ("the leader of the group in Iraq")
        return _as_country(attrs.evolve(actor, type=ActorType.COUNTRY))
    if token.lemma.lower() in _words().person_nouns and any(
            c.deprel == "det" and c.lemma.lower() in vocabulary().common.definite_determiners
            for c in _sentence_of(ctx, token).children(token.index)):
        return _antecedent(ctx, token)  # "this man", "the woman": the person named last
    if token.upos != "PROPN":
        return None
    known = _known_person(ctx.doc, token)
    if known is not None:
        return attrs.evolve(known, mentions=actor.mentions)
    return actor if acting else None


def _sentence_of(ctx: QuoteContext, token: Token) -> Sentence:
    return next(s for s in ctx.doc.sentences if s.start <= token.start < s.end)


def _nationality_words(ctx: QuoteContext, token: Token) -> list[Token]:
    """The modifiers before a noun that can name its nationality ("Pakistani", "Iran's")."""
    sent = _sentence_of(ctx, token)
    return [c for c in sent.children(token.index)
            if c.deprel in ("amod", "nmod:poss", "compound")]


def _country_word(token: Token) -> str | None:
    return demonym_country(token.text) or country_code(token.text)


def _known_person(doc: DocumentAnalysis, token: Token) -> Actor | None:
    """The person the document named before by the name ``token`` is part of."""
    key = _name_key(token.text)
    return next((p for position, p in reversed(doc.coref.persons) if position < token.start
                 and len(p.name.split()) > 1 and key in map(_name_key, p.name.split())), None)


def _last_country(ctx: QuoteContext, position: int) -> Actor | None:
    """The country named last before ``position`` outside the speaker's side."""
    earlier = [actor for at, actor in ctx.doc.coref.countries if at < position
               and not _same_side(actor, ctx.speaker)]
    return _as_country(earlier[-1]) if earlier else None


def _as_country(actor: Actor) -> Actor:
    """A country as targets name it: capitals and governments as the country."""
    if actor.type is ActorType.COUNTRY and actor.country is not None:
        return attrs.evolve(actor, name=country_name(actor.country))
    return actor


def _antecedent(ctx: QuoteContext, pronoun: Token) -> Actor | None:
    """Who a third-person pronoun in a quote stands for: "he"/"him" the person named last;
    "they"/"it" the country the sentences before are about (their subject), and "they" /
    "its" else the country named last; ``None`` when that is the speaker's side."""
    doc = ctx.doc
    word = pronoun.text.lower()
    words = _words()
    if word in words.collective_pronouns | words.thing_pronouns:
        found = _country_before(ctx)
        if found is None and word in words.collective_pronouns:
            earlier = [actor for position, actor in doc.coref.countries
                       if position < ctx.quote.evidence[0].start]
            found = earlier[-1] if earlier else None
    else:
        found = next((actor for _, actor in reversed(doc.coref.before(pronoun.start))
                      if not _same_side(actor, ctx.speaker)), None)
    if found is None or _same_side(found, ctx.speaker):
        return None
    return _as_country(found)


def _country_before(ctx: QuoteContext) -> Actor | None:
    """The country the text before a quote is about: the subject of the nearest of the
    three sentences before it whose subject is a country or a government (a person or a
    pronoun there says nothing)."""
    first = ctx.quote.evidence[0].sentence
    for sent in reversed(ctx.doc.sentences[max(0, first - 3): first]):
        for subject in _clause_subjects(sent):
            found = _actor_at(ctx, sent, subject) if subject.upos != "PRON" else None
            if found is not None and found.type is ActorType.COUNTRY:
                return found
    return None


def _clause_subjects(sent: Sentence) -> list[Token]:
    """The subjects of a sentence's main clause and of the clause it reports ("X is
    reviewing ..., analysts say")."""
    root = next((t for t in sent.tokens if t.head < 0), None)
    if root is None:
        return []
    heads = [*(c for c in sent.children(root.index) if c.deprel in ("ccomp", "parataxis")),
             root]
    return [s for s in (_subject(sent, h) for h in heads) if s is not None]


def asked_to_act(ctx: QuoteContext, stance: Stance) -> list[Actor]:
    """Who a demand asks to act: the subject of "must" / "should" / "needs to" (the
    speaker's own side too: "Europe needs to ..."), the object of "urge", "call on"."""
    if stance is not Stance.DEMAND:
        return []
    words = _words()
    found: list[Actor] = []
    for sent, token in ctx.tokens:
        if token.lemma.lower() in words.obligation_words:
            subject = _subject(sent, sent.tokens[token.head] if token.deprel == "aux" and (
                token.head >= 0) else token)
            if subject is not None and subject.text.lower() in words.own_side_pronouns:
                found += _speaker_side(ctx.speaker)  # "we must ...": the speaker's side
            elif subject is not None:
                found += _actors_of(ctx, sent, subject, acting=True)
        elif verb_lemma(token.text, token.lemma) in (
                words.cues[Stance.DEMAND.value] | words.expectation_verbs):
            found += _addressees(ctx, sent, token)
    return found


def blamed(ctx: QuoteContext, stance: Stance) -> list[Actor]:
    """Who an accusation pins the wrong act on: the subject of the clause that names it
    ("they orchestrated ...", "he was sent to spread propaganda")."""
    if stance is not Stance.ACCUSE:
        return []
    found: list[Actor] = []
    for sent, token in _stance_words(ctx, Stance.ACCUSE):
        subject = _subject(sent, token)
        if subject is not None and (sent.index, subject.index) in ctx.token_keys:
            found += [a for a in _actors_of(ctx, sent, subject, acting=True)
                      if not _same_side(a, ctx.speaker)]
    return found


def claimants(ctx: QuoteContext, stance: Stance) -> list[Actor]:
    """Who made the claim a denial rejects: "the allegations by X", "X's claims"."""
    if stance is not Stance.DENY:
        return []
    found: list[Actor] = []
    for sent, token in ctx.tokens:
        if token.lemma.lower() in _words().claim_nouns:
            found += [a for a in _actors_of(ctx, sent, token) if not _same_side(a, ctx.speaker)]
    return found


def _speaker_side(speaker: Actor) -> list[Actor]:
    """The side a speaker speaks for, as a target: a body or country speaks for itself, a
    person for the body they belong to, else for their country."""
    if speaker.type is not ActorType.PERSON:
        return [speaker]
    if speaker.affiliation:
        return [Actor(speaker.affiliation, ActorType.ORGANIZATION, country=speaker.country)]
    countries = sorted(speaker_countries(speaker))
    return [Actor(country_name(countries[0]), ActorType.COUNTRY, country=countries[0])] if (
        countries) else []


def named_in_content(ctx: QuoteContext, stance: Stance) -> list[Actor]:
    """The first actor the content names outside the speaker's side, with those
    coordinated with it ("Duterte and Suga are ..."): by name, and in a direct quote by
    "he" / "his" (the person named before). Actors named further on are details of what
    is said about the first ("ties with allies, the US in particular")."""
    del stance
    found: list[tuple[Sentence, Token, Actor]] = []
    seen: set[tuple[int, int]] = set()
    for sent, token in ctx.tokens:
        entity = sent.entity_at(token.index)
        if entity is None and not _names_without_entity(ctx, token):
            continue
        if entity is not None:
            if entity.type not in NAMED or (sent.index, entity.first) in seen:
                continue
            seen.add((sent.index, entity.first))
        actor = _actor_at(ctx, sent, token)
        if actor is not None and not _same_side(actor, ctx.speaker):
            found.append((sent, token, actor))
    if not found:
        return []
    first_sent, first, _ = found[0]
    entity = first_sent.entity_at(first.index)
    group = set(range(entity.first, entity.last + 1)) if entity else {first.index}
    return [actor for sent, token, actor in found if sent is first_sent and (
        token.index in group or _coordinated(sent, token, group))]


def _coordinated(sent: Sentence, token: Token, group: set[int]) -> bool:
    """Whether ``token`` is coordinated with or in apposition to a token of ``group``
    ("the Republic of Korea and Japan"), either way round."""
    if token.deprel in ("conj", "appos") and token.head in group:
        return True
    return any(sent.tokens[i].deprel in ("conj", "appos") and sent.tokens[i].head == token.index
               for i in group)


def _names_without_entity(ctx: QuoteContext, token: Token) -> bool:
    """A country name or a known person the tagger missed ("called Russia's move ...",
    "Mr. Bennett's travel"), or a personal pronoun of a direct quote ("his health")."""
    if token.upos == "PROPN":
        return is_country_name(token.text) or _known_person(ctx.doc, token) is not None
    word = token.text.lower()
    if token.lemma.lower() in _words().person_nouns:
        return ctx.quote.quote_type is QuoteType.DIRECT
    return ctx.quote.quote_type is QuoteType.DIRECT and word in (
        _words().reported_self_pronouns - _words().collective_pronouns
        - _words().thing_pronouns)


def judged_subject(ctx: QuoteContext, stance: Stance) -> list[Actor]:
    """The actors the content's main clauses are about: their subjects ("India will be
    more cautious ...", "they are exerting pressure ...", "Kabul has failed to ...")."""
    del stance
    found: list[Actor] = []
    for sent, head in _main_and_conjoined(ctx):
        subject = _subject(sent, head)
        if subject is None or (sent.index, subject.index) not in ctx.token_keys or (
                _own_side(ctx, sent, subject)):
            continue
        found += [a for a in _actors_of(ctx, sent, subject, acting=True)
                  if not _same_side(a, ctx.speaker)]
    return found


def named_nearby(ctx: QuoteContext, stance: Stance) -> list[Actor]:
    """A quote that names no one is about the actor the text around it is about: the first
    actor named outside the speaker's side in the sentence before it, else in its own
    sentence outside the quote ("... Malaysia's claims. 'It is looking at ...,' X said")."""
    if stance is Stance.ASSERT:
        return []
    first = ctx.quote.evidence[0].sentence
    for sent in [*ctx.doc.sentences[max(0, first - 1): first], ctx.doc.sentences[first]]:
        for token in sent.tokens:
            if (sent.index, token.index) in ctx.token_keys or (
                    ctx.cue is not None and ctx.cue_sent is sent and token.index == ctx.cue.index):
                continue
            entity = sent.entity_at(token.index)
            if entity is None or entity.first != token.index or entity.type not in NAMED or (
                    _audience(ctx, sent, token)):
                continue
            actor = _actor_at(ctx, sent, token)
            if actor is not None and not _same_side(actor, ctx.speaker) and not (
                    _mentions_speaker(ctx, sent, entity.start)):
                return [actor]
    return []


def _audience(ctx: QuoteContext, sent: Sentence, token: Token) -> bool:
    """ "told VOA", "told reporters": who listened is no target."""
    cue = ctx.cue
    return cue is not None and ctx.cue_sent is sent and verb_lemma(cue.text, cue.lemma) in (
        _words().audience_verbs) and token.index in sent.subtree(cue.index)


def _mentions_speaker(ctx: QuoteContext, sent: Sentence, start: int) -> bool:
    return any(m.sentence == sent.index and m.start <= start < m.end
               for m in ctx.speaker.mentions)


TARGET_RULES: tuple[tuple[TargetRule, ...], ...] = (
    (addressee, asked_to_act, blamed, claimants),
    (judged_subject,),
    (named_in_content,),
    (named_nearby,),
)
"""Target rules in tiers: the first tier whose rules find an actor gives the targets."""


def targets_of(ctx: QuoteContext, stance: Stance,
               tiers: Sequence[Sequence[TargetRule]] = TARGET_RULES) -> tuple[Actor, ...]:
    """The actors the quote's stand is directed at (at most :data:`MAX_TARGETS`), persons
    by the fullest name the document gives them."""
    for tier in tiers:
        found = _distinct(_fullest(ctx.doc, a) for rule in tier for a in rule(ctx, stance))
        if found:
            return found
    return ()


def _name_key(name: str) -> str:
    """A name word compared across spellings ("Rufay’i" and "al-Rufay'i")."""
    return name.lower().replace("\u2019", "'").strip(".,'")


def _fullest(doc: DocumentAnalysis, actor: Actor) -> Actor:
    """A person named by one word ("Lien", "Rufay’i") as the longest name the document
    gives someone with that first or last name."""
    words = actor.name.split()
    if actor.type is not ActorType.PERSON or len(words) != 1:
        return actor
    key = _name_key(words[0])
    named = [p for _, p in doc.coref.persons if len(p.name.split()) > 1 and (
        _name_key(p.name.split()[-1]).endswith(key) or _name_key(p.name.split()[0]) == key)]
    fullest = max(named, key=lambda p: len(p.name), default=None)
    return actor if fullest is None else attrs.evolve(actor, name=fullest.name)


def _target_key(actor: Actor) -> str:
    if actor.type is ActorType.COUNTRY and actor.country is not None:
        return actor.country
    words = actor.name.split()
    return _name_key(words[-1]) if actor.type is ActorType.PERSON and words else (
        actor.name.lower())


def _distinct(actors: Iterable[Actor]) -> tuple[Actor, ...]:
    """One of each actor (a person once, by surname), at most :data:`MAX_TARGETS`."""
    out: dict[str, Actor] = {}
    for actor in actors:
        out.setdefault(_target_key(actor), actor)
    return tuple(list(out.values())[:MAX_TARGETS])


# --- topic rules -----------------------------------------------------------------------------
TopicRule = Callable[[QuoteContext], list[str]]


@functools.cache
def _topic_keywords() -> frozenset[str]:
    return frozenset(k for keys in _words().topics.values() for k in keys)


def _counted_topics(tokens: Sequence[tuple[Sentence, Token]]) -> list[str]:
    topics = _words().topics
    counts: Counter[str] = Counter()
    for _, _, phrase in find_phrases(tokens, _topic_keywords()):
        for topic, keys in topics.items():
            if phrase in keys:
                counts[topic] += 1
    ranked = counts.most_common()
    # a topic named once beside one named three times is a passing mention
    return [topic for topic, count in ranked if 2 * count >= ranked[0][1]]


def keyword_topics(ctx: QuoteContext) -> list[str]:
    """Topics whose keywords the content uses, the most used first."""
    return _counted_topics(ctx.tokens)


def context_topics(ctx: QuoteContext) -> list[str]:
    """A content without topic words ("Totally rubbish") takes the topics of the sentence
    that reports it and the one before."""
    first = ctx.quote.evidence[0].sentence
    around = [(s, t) for s in ctx.doc.sentences[max(0, first - 1): first + 1] for t in s.tokens]
    return _counted_topics(around)[:1]


TOPIC_RULES: tuple[TopicRule, ...] = (keyword_topics, context_topics)
"""The topic rules, in order: the first that finds topics gives them (at most
:data:`MAX_TOPICS`)."""


def topics_of(ctx: QuoteContext, rules: Sequence[TopicRule] = TOPIC_RULES) -> tuple[str, ...]:
    """The topic keys of the quote."""
    found = next((topics for rule in rules if (topics := rule(ctx))), [])
    return tuple(found[:MAX_TOPICS])


def take_position(doc: DocumentAnalysis, quote: Quote, cue_sent: Sentence | None,
                  cue: Token | None) -> Quote:
    """``quote`` with its stance, targets, topics and the codes of its stance (and the
    speaker's country, where only the description after their name gives it)."""
    if quote.speaker.country is None:
        code = _described_country(doc, quote.speaker) or _issuer_country(doc, quote.speaker)
        if code is not None:
            quote = attrs.evolve(quote, speaker=attrs.evolve(quote.speaker, country=code))
    ctx = QuoteContext.of(doc, quote, cue_sent, cue)
    stance = stance_of(ctx)
    return attrs.evolve(quote, stance=stance, targets=targets_of(ctx, stance),
                        topics=topics_of(ctx), codes=STANCE_CODES[stance])


_APPOSITION: Final = re.compile(r"\s*,\s*([^,.;:“”\"]{3,100})")
_AFFILIATION: Final = re.compile(r"\s+(\w+)\s+([^,.;:“”\"]{3,100})")


def _described_country(doc: DocumentAnalysis, speaker: Actor) -> str | None:
    """The country the words around a speaker's name name: the mention itself, an
    apposition after it that starts with a title ("X, spokesman for South Korea's foreign
    ministry, said"; not a clause, "X, had said ..."), or the body they are of ("General X of
    the Revolutionary Guards")."""
    titles = vocabulary().actors.person_title_nouns
    for mention in speaker.mentions:
        descriptions = [mention.text]  # the mention may hold it already
        found = _APPOSITION.match(doc.text, mention.end)
        if found is not None and set(found.group(1).lower().split()[:2]) & titles:
            descriptions.append(found.group(1))
        found = _AFFILIATION.match(doc.text, mention.end)
        if found is not None and found.group(1).lower() in vocabulary().quote.issuer_cases:
            descriptions.append(found.group(2))
        code = next((c for c in map(title_country, descriptions) if c is not None), None)
        if code is not None:
            return code
    return None


def _issuer_country(doc: DocumentAnalysis, speaker: Actor) -> str | None:
    """ "the statement said": the country of the issuer of the statement the sentences
    before name ("A statement from the Chilean navy said ...")."""
    nouns = vocabulary().quote.statement_nouns
    words = speaker.name.lower().split()
    if not speaker.mentions or not 0 < len(words) <= 2 or words[-1] not in nouns:
        return None
    first = speaker.mentions[0].sentence
    for sent in reversed(doc.sentences[max(0, first - 3): first]):
        for token in sent.tokens:
            if token.lemma.lower() in nouns:
                code = next((doc.actor(sent, i).country for i in _issuer_of(sent, token)
                             if doc.actor(sent, i).country), None)
                if code is not None:
                    return code
    return None


def _issuer_of(sent: Sentence, statement: Token) -> list[int]:
    """ "a statement from X", "a statement issued by X": X."""
    cases = vocabulary().quote.issuer_cases
    found = []
    for child in sent.children(statement.index):
        phrases = [child] if child.deprel.startswith("nmod") else [
            g for g in sent.children(child.index) if child.deprel.startswith("acl")]
        found += [p.index for p in phrases if any(
            c.deprel == "case" and c.lemma.lower() in cases for c in sent.children(p.index))]
    return found


def describe_position(quote: Quote) -> str:
    """The position in a few words, for ``--format pretty``: "— oppose → North Korea [PRK]
    #missiles #nuclear"."""
    targets = ", ".join(f"{t.name} [{t.country}]" if t.country else t.name
                        for t in quote.targets)
    return " ".join(filter(None, [f"— {quote.stance}", f"→ {targets}" if targets else "",
                                  " ".join(f"#{t}" for t in quote.topics)]))


# --- about: the events a quote comments on ------------------------------------------------------
AboutRule = Callable[[DocumentAnalysis, Quote, Sequence[Any]], list[Any]]


def _quote_tokens(doc: DocumentAnalysis, quote: Quote) -> list[tuple[Sentence, Token]]:
    span = quote.evidence[0]
    return [(s, t) for s in doc.sentences if s.end > span.start and s.start < span.end
            for t in s.tokens if t.start >= span.start and t.end <= span.end]


def _nearest(quote: Quote, events: Sequence[Any]) -> list[Any]:
    """The event whose evidence lies nearest the quote (one before it on a tie)."""
    if not events:
        return []
    start = quote.evidence[0].start

    def distance(event: Any) -> tuple[int, bool]:
        gap = min(abs(s.start - start) for s in event.evidence)
        return gap, event.evidence[0].start > start

    return [min(events, key=distance)]


def names_the_event(doc: DocumentAnalysis, quote: Quote, events: Sequence[Any]) -> list[Any]:
    """The quote names an event of a kind the document has ("the launch", "the talks",
    "this meeting", "we will discuss"): the nearest such event; not in a hypothetical
    clause ("he would be willing to discuss ...")."""
    nouns = _words().event_nouns
    tokens = _quote_tokens(doc, quote)
    for kind, words in nouns.items():
        hits = [t for sent, t, _ in find_phrases(tokens, words)
                if not doc.clause(sent, t.index).hypothetical]
        if hits:
            found = _nearest(quote, [e for e in events if type(e).kind == kind])
            if found:
                return found
    return []


def on_the_event_topic(doc: DocumentAnalysis, quote: Quote,
                       events: Sequence[Any]) -> list[Any]:
    """A quote about the topic of an event kind the document has (a quote about missiles
    in a story of a launch): the nearest such event."""
    del doc
    kinds = {topic: kind for kind, topic in _words().event_topics.items()
             if kind in _words().reaction_kinds}
    for topic in quote.topics:
        kind = kinds.get(topic)
        found = _nearest(quote, [e for e in events if type(e).kind == kind])
        if found:
            return found
    return []


def reacts_nearby(doc: DocumentAnalysis, quote: Quote, events: Sequence[Any]) -> list[Any]:
    """The quote's own sentence or the one before it names an event of the document ("Vick
    said of the test: ..."): the nearest such event."""
    first = quote.evidence[0].sentence
    span = quote.evidence[0]
    tokens = [(s, t) for s in doc.sentences if first - 1 <= s.index and s.start < span.end + 200
              and s.index <= first + 1 for t in s.tokens]
    for kind, words in _words().event_nouns.items():
        if kind in _words().reaction_kinds and any(True for _ in find_phrases(tokens, words)):
            found = _nearest(quote, [e for e in events if type(e).kind == kind])
            if found:
                return found
    return []


ABOUT_RULES: tuple[AboutRule, ...] = (names_the_event, on_the_event_topic, reacts_nearby)
"""The about rules, in order: the first that finds events gives ``Quote.about``."""


#: stances whose targets are the ones addressed (asked to act, promised), not the actor of
#: the event the quote is about
_ADDRESSED: Final = frozenset({Stance.DEMAND, Stance.PLEDGE, Stance.DENY})


def relate_quotes(doc: DocumentAnalysis, quotes: Sequence[Quote],
                  merged: Mapping[str, tuple[Any, ...]]) -> list[Quote]:
    """The quote kind's relate rule: each quote with ``about`` set to the ids of the events
    it comments on; a quote that names no target takes the event's actor (the launching
    state), and the event kind's topic joins its topics."""
    events = [e for kind, found in merged.items() if kind != Quote.kind for e in found
              if isinstance(getattr(e, "id", None), str) and getattr(e, "evidence", None)]
    abouts = [next((found for rule in ABOUT_RULES if (found := rule(doc, quote, events))), [])
              for quote in quotes]
    # a speaker who reports an event as their side's own act ("we launched ...") speaks
    # for its actor in every statement about it ("it hit the target")
    own = {(q.speaker.name, e.id) for q, about in zip(quotes, abouts, strict=True)
           for e in about if q.stance in _STATEMENTS and _reports_own_acts(
               QuoteContext.of(doc, q, None, None), kind=type(e).kind)}
    return [_lend(quote, about, own=any((quote.speaker.name, e.id) in own for e in about)
                  or _reports_own_acts(QuoteContext.of(doc, quote, None, None)))
            if about else quote for quote, about in zip(quotes, abouts, strict=True)]


def _lend(quote: Quote, about: Sequence[Any], *, own: bool) -> Quote:
    """``quote`` with ``about`` set, the events' topics first among its topics, and the
    events' actors as its targets where the quote names none (the launcher whose act it
    judges, the other side of the talks); a statement of the speaker's ``own`` side's acts
    ("we launched ...", "we are monitoring ...") is aimed at no one."""
    topics = list(quote.topics)
    for event in about:
        topic = _words().event_topics.get(type(event).kind)
        if topic is not None and topic not in topics:
            topics.insert(0, topic)
    targets = quote.targets
    if own and quote.stance in _STATEMENTS:
        targets = ()
    else:
        for event in about:
            targets = _event_targets(quote, targets, event)
    return attrs.evolve(quote, about=tuple(e.id for e in about), targets=targets,
                        topics=tuple(topics[:MAX_TOPICS]))


#: stances that take no side: their targets are whoever the reported act is of
_STATEMENTS: Final = frozenset({Stance.ASSERT, Stance.ASSESS})


def _event_targets(quote: Quote, targets: tuple[Actor, ...], event: Any) -> tuple[Actor, ...]:
    agent, parties = _event_actors(event)
    if agent is not None and not (targets and quote.stance in _ADDRESSED):
        # the act judged is the agent's (a demand or a pledge keeps its addressee)
        return () if _same_side(agent, quote.speaker) else (_as_country(agent),)
    return targets or _other_side(quote, parties)


def _reports_own_acts(ctx: QuoteContext, kind: str | None = None) -> bool:
    """Whether a main clause of the quote has the speaker's side as its subject ("we
    launched ...", "we are monitoring ..."; not a view, "I am not impressed"); with a
    ``kind``, only an act of that kind of event ("we launched", "we carried out a test")."""
    own = _words().own_side_pronouns & vocabulary().common.plural_pronouns
    nouns = _words().event_nouns.get(kind, frozenset()) if kind else frozenset()
    for sent, verb in _main_and_conjoined(ctx):
        subject = _subject(sent, verb)
        if subject is None or subject.text.lower() not in own:
            continue
        words = [verb, *(c for c in sent.children(verb.index) if c.deprel == "obj")]
        if kind is None or any(w.lemma.lower() in nouns or w.text.lower() in nouns
                               for w in words):
            return True
    return False


def _other_side(quote: Quote, parties: Sequence[Actor]) -> tuple[Actor, ...]:
    """The other side of the talks a quote is about; none for a statement of fact by one
    of the sides (the agenda it announces is directed at no one)."""
    own = [a for a in parties if _same_side(_party(a), quote.speaker) or _same_side(
        a, quote.speaker)]
    if own and quote.stance is Stance.ASSERT:
        return ()
    return _distinct(_party(a) for a in parties if a not in own)


def _event_actors(event: Any) -> tuple[Actor | None, list[Actor]]:
    """The actor an event of any kind is the act of (a launch's launcher), else the
    parties it has (a meeting's participants)."""
    fields = attrs.fields(type(event)) if attrs.has(type(event)) else ()
    values = [getattr(event, field.name) for field in fields]
    agent = next((v for v in values if isinstance(v, Actor)), None)
    parties = [a for v in values if isinstance(v, tuple) for a in v if isinstance(a, Actor)]
    return agent, parties


def _party(actor: Actor) -> Actor:
    """A participant as a side: a person by the country they represent, when known."""
    if actor.type is ActorType.PERSON and actor.country is not None:
        return Actor(country_name(actor.country), ActorType.COUNTRY, country=actor.country,
                     mentions=actor.mentions)
    return _as_country(actor)
