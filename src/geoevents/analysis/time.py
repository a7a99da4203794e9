"""Time expressions attached to clauses: the date of the event a trigger word names."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from geoevents.analysis.syntax import is_verb
from geoevents.dates import DateMention, DateResolver, EventDate, Tense
from geoevents.knowledge import vocabulary
from geoevents.nlp.annotation import Sentence

__all__ = ["Offset", "anchor_offset", "attachment", "event_date"]


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


def _beyond_missed_stop(sent: Sentence, index: int, start: int) -> bool:
    """Whether a sentence end the tokenizer missed lies between token ``index`` and the
    time expression at character ``start`` ("... said in a post on X. Militants attacked a
    train Tuesday" read as one sentence): a word ending in a full stop that is no title or
    initial of a name, then a capitalised word, then a verb before the expression."""
    words = vocabulary().actors
    abbreviations = words.name_prefixes | words.title_words
    trigger = sent.tokens[index]
    lo, hi = sorted((trigger.start, start))
    between = [t for t in sent.tokens if lo <= t.start < hi]
    for n, token in enumerate(between[:-1]):
        following = between[n + 1]
        if (token.text.endswith(".") and len(token.text) > 1
                and token.text.lower() not in abbreviations
                and following.text[:1].isupper()
                and not _same_entity(sent, token.index, following.index)
                and any(is_verb(t) for t in between[n + 1:])):
            return True
    return False


def _same_entity(sent: Sentence, a: int, b: int) -> bool:
    return any(e.first <= a <= e.last and e.first <= b <= e.last for e in sent.entities)


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
        if closeness is None or (attached_only and closeness == 2) or _beyond_missed_stop(
                sent, index, start):
            continue
        key = (closeness, min(abs(start - trigger.end), abs(trigger.start - end)))
        if best is None or key < best[0]:
            best = (key, mention.text)
    if best is not None:
        return resolver.resolve(best[1], tense=tense)
    if default_to_publication and tense is not Tense.FUTURE:
        return EventDate.publication(resolver.published)
    return EventDate.unresolved()


@attrs.frozen
class Offset:
    """An event placed relative to another: ``days`` from the event of the anchoring verb
    (token ``verb``), written as tokens ``first``..``last`` ("five days after"), the
    placed clause or phrase headed by token ``clause``."""

    verb: int
    days: int
    first: int
    last: int
    clause: int


def anchor_offset(sent: Sentence, index: int) -> Offset | None:
    """An event told as an offset from the one the clause is about: "The launch came three
    days after the ministers met", "It comes a week before talks in Geneva", "This came on
    the same day as a meeting of ...", "..., two days after the ministry said ...".
    ``None`` when token ``index`` is in no such phrase."""
    inner = [index]
    for verb in sent.ancestors(index):
        if verb.lemma.lower() in vocabulary().time.anchor_verbs:
            found = _offset_phrase(sent, verb.index + 1, min(index, verb.index + 6))
            if found is not None:
                return Offset(verb.index, *found, clause=inner[-1])
        found = _offset_clause(sent, inner)
        if found is not None and is_verb(verb):
            return Offset(verb.index, *found, clause=inner[-1])
        inner.append(verb.index)
    return None


def _offset_clause(sent: Sentence, inner: list[int]) -> tuple[int, int, int] | None:
    """A clause or phrase opened by "N days after" / "a week before" whose "after" hangs on
    one of the ``inner`` words (the trigger and the words between it and the anchoring
    verb)."""
    for token in sent.tokens:
        if token.head in inner and token.text.lower() in vocabulary().time.offset_directions:
            found = _offset_phrase(sent, token.index - 2, token.index + 1)
            if found is not None:
                return found
    return None


def _offset_phrase(sent: Sentence, begin: int, end: int) -> tuple[int, int, int] | None:
    """Days, first and last token of "five days after" (-5), "a week before" (+7) or "the
    same day as" (0) among tokens ``begin``..``end`` (exclusive) of ``sent``."""
    time = vocabulary().time
    numbers = vocabulary().common.number_words
    words = [t.text.lower() for t in sent.tokens[max(begin, 0):end]]
    for n in range(len(words) - 2):
        first, unit, link = words[n:n + 3]
        at = max(begin, 0) + n
        if link == "as" and first in time.sameness_words and time.offset_days.get(unit) == 1:
            return 0, at, at + 2
        if link not in time.offset_directions or unit not in time.offset_days:
            continue
        count = int(first) if first.isdigit() else numbers.get(first)
        if count is None:
            return None
        return time.offset_directions[link] * count * time.offset_days[unit], at, at + 2
    return None
