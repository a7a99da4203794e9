"""Time expressions attached to clauses: the date of the event a trigger word names."""

from __future__ import annotations

from collections.abc import Sequence

from geoevents.dates import DateMention, DateResolver, EventDate, Tense
from geoevents.knowledge import vocabulary
from geoevents.nlp.annotation import Sentence

__all__ = ["attachment", "event_date"]


def attachment(sent: Sentence, index: int, mention: DateMention) -> int | None:
    """How closely the time expression ``mention`` (offsets within the sentence) belongs to
    token ``index``: 0 hangs off it, 1 lies below it, 2 elsewhere in the sentence; ``None``
    when it is a reference point ("since October", "before Friday"), not an event's time."""
    start, end = sent.start + mention.start, sent.start + mention.end
    covered = [t for t in sent.tokens if t.start >= start and t.end <= end]
    if not covered:
        return None
    if _reference_point(sent, mention):
        return None
    if any(t.head == index for t in covered):
        return 0
    if any(_below(sent, t.index, index) for t in covered):
        return 1
    return 2


def _reference_point(sent: Sentence, mention: DateMention) -> bool:
    """ "since October", "before Friday", "by 2015", "over the past year": a point or span
    the event is measured from, not the event's time ("scheduled for Monday" is; "over"
    before a single day, as in "declared the operation over Wednesday night", is too)."""
    before = sent.text[:mention.start].split()[-2:]
    refs = vocabulary().time.reference_prepositions
    if mention.text.split()[0].lower() in refs:
        return True  # the preposition is part of the expression
    if not before or before[-1].lower() not in refs:
        return False
    word = before[-1].lower()
    if word == "for":
        return not _scheduled_word(before[:-1])
    if word == "over":
        return mention.text.split()[0].lower() not in vocabulary().time.date_words
    return True


def _below(sent: Sentence, token: int, index: int) -> bool:
    """Whether ``token`` lies below ``index`` within its clause: not through a clause of
    its own the parser hung there ("..., X said. Militants attacked a train Tuesday" read
    as one sentence with the second clause under "said")."""
    for ancestor in sent.ancestors(token):
        if ancestor.index == index:
            return True
        if ancestor.deprel == "parataxis" or (ancestor.deprel == "conj" and any(
                c.deprel.startswith("nsubj") for c in sent.children(ancestor.index))):
            return False
    return False


def _scheduled_word(words: list[str]) -> bool:
    """ "scheduled", "set", "planned", "due": the word before "for <date>"."""
    if not words:
        return False
    word = words[-1].lower()
    stems = vocabulary().time.schedule_words
    return word in stems or any(word in (s + "d", s + "ed", s + "led") for s in stems)


def event_date(
    resolver: DateResolver,
    sent: Sentence,
    index: int,
    mentions: Sequence[DateMention],
    *,
    tense: Tense,
    exclude: frozenset[int] = frozenset(),
    default_to_publication: bool = True,
    attached_only: bool = False,
) -> EventDate:
    """The date of the event whose trigger is token ``index`` of ``sent``.

    Of the sentence's time expressions (``mentions``), those that hang off the trigger win,
    then those below it, then the nearest. Tokens in ``exclude`` (e.g. the content of a
    quote) are not looked at; with ``attached_only`` only expressions below the trigger
    count. Without any expression the publication date is used (or nothing, for planned
    events).
    """
    trigger = sent.tokens[index]
    best: tuple[tuple[int, int], str] | None = None
    for mention in mentions:
        start, end = sent.start + mention.start, sent.start + mention.end
        if any(t.index in exclude for t in sent.tokens if t.start >= start and t.end <= end):
            continue
        closeness = attachment(sent, index, mention)
        if closeness is None or (attached_only and closeness == 2):
            continue
        key = (closeness, min(abs(start - trigger.end), abs(trigger.start - end)))
        if best is None or key < best[0]:
            best = (key, mention.text)
    if best is not None:
        return resolver.resolve(best[1], tense=tense)
    if default_to_publication and tense is not Tense.FUTURE:
        return EventDate.publication(resolver.published)
    return EventDate.unresolved()
