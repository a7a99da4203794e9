"""Clause facts: tense, negation and modality of the clause around a word.

Each fact is a small function of one sentence; :class:`ClauseFacts` bundles them for a
trigger word, and :class:`~geoevents.analysis.DocumentAnalysis` computes them once per word.
"""

from __future__ import annotations

import attrs

from geoevents.analysis.syntax import clause_head, is_verb
from geoevents.dates import Tense
from geoevents.knowledge import vocabulary
from geoevents.nlp.annotation import Sentence, Token

__all__ = ["ClauseFacts", "clause_facts", "is_hypothetical", "is_negated", "tense_of"]


@attrs.frozen
class ClauseFacts:
    """What the clause around a word says about its event.

    ``tense`` places it in time; ``negated`` ("did not meet", "no talks") and
    ``hypothetical`` ("could meet", "if they meet") mean it did not (certainly) happen;
    ``reported`` means the clause is what someone said ("said it had tested ..."), not
    what the article asserts.
    """

    head: int
    tense: Tense
    negated: bool
    hypothetical: bool
    reported: bool

    @property
    def asserted_fact(self) -> bool:
        """Neither negated nor hypothetical."""
        return not (self.negated or self.hypothetical)


def clause_facts(sent: Sentence, index: int) -> ClauseFacts:
    """The facts of the clause around token ``index``."""
    return ClauseFacts(
        head=clause_head(sent, index).index,
        tense=tense_of(sent, index),
        negated=is_negated(sent, index),
        hypothetical=is_hypothetical(sent, index),
        reported=is_reported(sent, index),
    )


def _words(tokens: tuple[Token, ...] | list[Token]) -> set[str]:
    return {t.lemma.lower() for t in tokens} | {t.text.lower() for t in tokens}


def _future_by_marking(sent: Sentence, index: int, verb: Token) -> bool:
    """ "an upcoming meeting", "will meet", "Friday's meeting ... will be evidence",
    "expected to meet", "is scheduled", "is to meet"."""
    words = vocabulary().time
    children = sent.children(verb.index)
    if {c.lemma.lower() for c in sent.children(index)} & words.future_modifiers:
        return True
    if _words(children) & words.future_auxiliaries:
        return True
    if any(any(c.deprel == "aux" and c.text.lower() in words.future_auxiliaries
               for c in sent.children(ancestor.index)) for ancestor in sent.ancestors(index)):
        return True
    if any(ancestor.lemma.lower() in words.future_governors and ancestor.index != verb.index
           for ancestor in [verb, *sent.ancestors(verb.index)][:3]):
        return True
    return verb.lemma.lower() in words.schedule_verbs or (
        verb.lemma.lower() == "be" and "to" in _words(children))


def tense_of(sent: Sentence, index: int) -> Tense:
    """Past, present or future of the clause around token ``index``."""
    verb = clause_head(sent, index)
    if _future_by_marking(sent, index, verb) or _scheduled(sent, verb):
        return Tense.FUTURE
    intended = _intended(sent, verb)
    if intended is not None:
        return intended
    markers = [verb, *(c for c in sent.children(verb.index)
                       if c.deprel in ("aux", "aux:pass", "cop"))]
    if len(markers) == 1 and verb.xpos == "VBG" and verb.head >= 0 and verb.deprel in (
            "acl", "advcl", "xcomp", "conj"):
        # "another (meeting) in Paris Wednesday, gathering ...": a participle takes the
        # tense of the clause it hangs off
        return tense_of(sent, verb.head)
    if any("Tense=Past" in t.feats or t.xpos in ("VBD", "VBN") for t in markers):
        return Tense.PAST
    if any("Tense=Pres" in t.feats or t.xpos in ("VBZ", "VBP") for t in markers):
        return Tense.PRESENT
    # no tense on the clause itself (a gerund, a noun): the sentence's future, if any
    future = vocabulary().time.future_auxiliaries
    if any(t.text.lower() in future and t.upos == "AUX" for t in sent.tokens):
        return Tense.FUTURE
    return Tense.PAST


def is_negated(sent: Sentence, index: int) -> bool:
    """Whether the clause of token ``index`` is negated ("did not meet", "no talks",
    "refused to meet")."""
    verb = clause_head(sent, index)
    words = vocabulary().common
    if verb.deprel in ("xcomp", "ccomp") and verb.head >= 0 and (
            sent.tokens[verb.head].lemma.lower() in words.refusal_verbs):
        return True
    return any(child.lemma.lower() in words.negation_words and child.deprel in (
        "advmod", "det", "neg") for head in {verb.index, index} for child in sent.children(head))


def is_hypothetical(sent: Sentence, index: int) -> bool:
    """Whether the clause of token ``index`` is conditional or speculative."""
    words = vocabulary().time
    verb = clause_head(sent, index)
    heads = [verb]
    temporal = any(c.deprel in ("mark", "advmod") and c.lemma.lower() in words.temporal_marks
                   for c in sent.children(verb.index))
    if not (verb.deprel == "advcl" and temporal):
        # "could announce projects when they talk": the modal is the main clause's, and a
        # temporal clause states its own event as a fact
        heads += list(sent.ancestors(verb.index))[:1]
    if _scheduled(sent, verb):
        return False  # "talks could resume as early as March": a plan, hedged
    if any(child.deprel in ("aux", "mark") and child.lemma.lower() in words.hypothetical_words
           for head in heads for child in sent.children(head.index)):
        return True
    return any(c.lemma.lower() in words.hypothetical_words for c in sent.children(index)
               if c.deprel in ("amod", "advmod"))


def _scheduled(sent: Sentence, verb: Token) -> bool:
    """ "could restart as early as March", "may meet as soon as next week": an earliest
    date makes the clause a plan."""
    markers = vocabulary().time.earliest_markers
    for child in sent.children(verb.index):
        subtree = sent.subtree(child.index)
        words = " ".join(sent.tokens[i].text.lower() for i in subtree)
        if any(words.startswith(m) for m in markers):
            return True
    return False


def _intended(sent: Sentence, verb: Token) -> Tense | None:
    """An infinitive ("plans for A and B to meet", "arrived to meet B") names an intended
    event: the future; one under an attempt ("failed at an attempt to launch", "tried to
    meet") takes the tense of the attempt."""
    if verb.xpos != "VB" or not any(c.deprel == "mark" and c.lemma.lower() == "to"
                                    for c in sent.children(verb.index)):
        return None
    if any(c.deprel.startswith("aux") for c in sent.children(verb.index)) or verb.head < 0:
        return None
    governor = sent.tokens[verb.head]
    if governor.lemma.lower() in vocabulary().time.attempt_verbs:
        return tense_of(sent, governor.index)
    return Tense.FUTURE


def is_reported(sent: Sentence, index: int) -> bool:
    """Whether the clause of token ``index`` is the complement of a speech verb
    ("North Korea said it had tested ...")."""
    speech = vocabulary().quote.speech_verbs
    node = clause_head(sent, index)
    for _ in range(4):
        if node.head < 0 or node.deprel not in ("ccomp", "parataxis", "xcomp", "conj"):
            return False
        governor = sent.tokens[node.head]
        if is_verb(governor) and governor.lemma.lower() in speech and node.deprel != "conj":
            return True
        node = governor
    return False
