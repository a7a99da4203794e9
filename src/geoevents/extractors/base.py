"""The extractor protocol and the clause-level helpers every extractor shares."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar, runtime_checkable

from geoevents.dates import DateResolver, EventDate, Tense, find_date_mentions
from geoevents.knowledge import lexicon
from geoevents.nlp.annotation import AnnotatedDocument, Sentence, Token

__all__ = [
    "Extractor",
    "event_date",
    "is_hypothetical",
    "is_negated",
    "is_verb",
    "is_verb_form",
    "tense_of",
]

E_co = TypeVar("E_co", covariant=True)


@runtime_checkable
class Extractor(Protocol[E_co]):
    """Anything that reads an annotated document and yields events of one kind.

    ``kind`` names the kind (``"meeting"``); :class:`~geoevents.EventExtractor` runs any
    number of extractors over one shared annotation. A custom extractor needs nothing else:

    >>> class Nothing:
    ...     kind = "nothing"
    ...     def extract(self, doc):
    ...         return iter(())
    >>> isinstance(Nothing(), Extractor)
    True
    """

    kind: str

    def extract(self, doc: AnnotatedDocument) -> Iterable[E_co]:
        """Yield the events of this extractor's kind found in ``doc``."""
        ...


_NOT_EVENT_TIME = frozenset({"since", "until", "till", "before", "after", "by", "from", "through",
                             "over", "for", "throughout", "within"})
_TEMPORAL_MARKS = frozenset({"when", "after", "before", "while", "once", "as"})
_FUTURE_GOVERNORS = frozenset({"schedule", "expect", "plan", "set", "due", "slate", "intend",
                               "hope", "prepare", "aim", "seek", "want", "agree", "propose"})


def is_verb(token: Token) -> bool:
    """A verb or auxiliary by its tags (UPOS or Penn tag)."""
    return token.upos in ("VERB", "AUX") or token.xpos.startswith("VB")


def is_verb_form(token: Token) -> bool:
    """A verb, or a verb form a weak tagger called a noun ("launching", "test-fired")."""
    return is_verb(token) or (
        token.text.lower().endswith(("ed", "ing")) and token.upos != "ADJ")


def _verb_for(sent: Sentence, index: int) -> Token:
    """The head of the clause around token ``index``: the first verb, or the first
    predicate with an auxiliary or copula ("the meeting *will be* evidence"), going up."""
    chain = [sent.tokens[index], *sent.ancestors(index)]
    for token in chain:
        if is_verb(token) or any(
            c.deprel in ("aux", "aux:pass", "cop") for c in sent.children(token.index)
        ):
            return token
    return chain[-1]


def tense_of(sent: Sentence, index: int) -> Tense:
    """Past, present or future of the clause around token ``index``."""
    verb = _verb_for(sent, index)
    children = sent.children(verb.index)
    words = {c.lemma.lower() for c in children} | {c.text.lower() for c in children}
    noun_mods = {c.lemma.lower() for c in sent.children(index)}
    if noun_mods & {"upcoming", "next", "planned", "proposed", "scheduled"}:
        return Tense.FUTURE
    if words & {"will", "shall", "'ll", "wo"}:
        return Tense.FUTURE
    for ancestor in sent.ancestors(index):
        if any(c.deprel == "aux" and c.text.lower() in ("will", "shall", "'ll")
               for c in sent.children(ancestor.index)):
            return Tense.FUTURE  # "Friday's meeting ... will be evidence of that"
    for ancestor in [verb, *sent.ancestors(verb.index)][:3]:
        if ancestor.lemma.lower() in _FUTURE_GOVERNORS and ancestor.index != verb.index:
            return Tense.FUTURE
    if verb.lemma.lower() in ("schedule", "slate") or (
        verb.lemma.lower() == "be" and "to" in words
    ):
        return Tense.FUTURE
    markers = [verb, *(c for c in children if c.deprel in ("aux", "aux:pass", "cop"))]
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
    if any(t.text.lower() in ("will", "shall", "'ll") and t.upos == "AUX" for t in sent.tokens):
        return Tense.FUTURE
    return Tense.PAST


def is_negated(sent: Sentence, index: int) -> bool:
    """Whether the clause of token ``index`` is negated ("did not meet", "no talks")."""
    verb = _verb_for(sent, index)
    for head in {verb.index, index}:
        for child in sent.children(head):
            if child.lemma.lower() in ("not", "never", "no", "n't") and child.deprel in (
                "advmod", "det", "neg"
            ):
                return True
    return False


def is_hypothetical(sent: Sentence, index: int) -> bool:
    """Whether the clause of token ``index`` is conditional or speculative."""
    hypothetical = lexicon().hypothetical_words
    verb = _verb_for(sent, index)
    heads = [verb]
    temporal = any(c.deprel in ("mark", "advmod") and c.lemma.lower() in _TEMPORAL_MARKS
                   for c in sent.children(verb.index))
    if not (verb.deprel == "advcl" and temporal):
        # "could announce projects when they talk": the modal is the main clause's, and a
        # temporal clause states its own event as a fact
        heads += list(sent.ancestors(verb.index))[:1]
    for head in heads:
        for child in sent.children(head.index):
            if child.deprel in ("aux", "mark") and child.lemma.lower() in hypothetical:
                return True
    return any(c.lemma.lower() in hypothetical for c in sent.children(index)
               if c.deprel in ("amod", "advmod"))


def event_date(
    doc: AnnotatedDocument,
    sent: Sentence,
    index: int,
    *,
    tense: Tense,
    exclude: frozenset[int] = frozenset(),
    default_to_publication: bool = True,
    attached_only: bool = False,
) -> EventDate:
    """The date of the event whose trigger is token ``index``.

    Temporal expressions in the sentence that hang off the trigger win; otherwise the one
    nearest to it. Tokens in ``exclude`` (e.g. the content of a quote) are not looked at;
    with ``attached_only`` only expressions below the trigger count. Without any expression
    the publication date is used (or nothing, for planned events).
    """
    resolver = DateResolver(doc.info.published)
    trigger = sent.tokens[index]
    best: tuple[tuple[int, int], str] | None = None
    for mention in find_date_mentions(sent.text):
        start = sent.start + mention.start
        end = sent.start + mention.end
        covered = [t for t in sent.tokens if t.start >= start and t.end <= end]
        if not covered or any(t.index in exclude for t in covered):
            continue
        before = sent.text[:mention.start].split()[-1:]
        if before and before[0].lower() in _NOT_EVENT_TIME:
            continue  # "since October", "before Friday": a reference point, not the event's time
        if any(t.head == index for t in covered):
            closeness = 0
        elif any(a.index == index for t in covered for a in sent.ancestors(t.index)):
            closeness = 1
        else:
            closeness = 2
        if attached_only and closeness == 2:
            continue
        distance = min(abs(start - trigger.end), abs(trigger.start - end))
        key = (closeness, distance)
        if best is None or key < best[0]:
            best = (key, mention.text)
    if best is not None:
        return resolver.resolve(best[1], tense=tense)
    if default_to_publication and tense is not Tense.FUTURE:
        return EventDate.publication(doc.info.published)
    return EventDate.unresolved()
