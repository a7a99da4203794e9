"""One shared reading of a document, computed once, that every extractor reads.

:func:`analyze` turns an :class:`~geoevents.AnnotatedDocument` into a
:class:`DocumentAnalysis`: the same document (it *is* an ``AnnotatedDocument``, so an
extractor written for one reads the other) plus

* ``quote_marks`` — the quotation-mark spans (:class:`QuoteIndex`);
* ``interview`` — the turns of a question-and-answer text;
* ``date_mentions`` — the time expressions of every sentence;
* ``coref`` — the persons named, in order, and the rules that link later mentions to them;
* :meth:`DocumentAnalysis.actor` — the actor a noun phrase denotes (name, type, title,
  affiliation, ISO-3 country), resolved once per phrase;
* :meth:`DocumentAnalysis.clause` — tense, negation, modality and reported speech of the
  clause around a word, once per word;
* :meth:`DocumentAnalysis.event_date` — the time expression attached to a trigger.

Nothing here knows about event kinds; the extractors in :mod:`geoevents.extractors` read
it and never recompute it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from geoevents.actors import Actor, ActorType
from geoevents.analysis.clauses import ClauseFacts, clause_facts
from geoevents.analysis.coref import Coreference, Mention
from geoevents.analysis.interview import Interview, interview_turns
from geoevents.analysis.mentions import actor_at, location_at
from geoevents.analysis.quotemarks import QuoteIndex
from geoevents.analysis.syntax import entity_head
from geoevents.analysis.time import anchor_offset, event_date
from geoevents.dates import (
    DateMention,
    DateResolver,
    EventDate,
    Granularity,
    Resolution,
    Tense,
    find_date_mentions,
)
from geoevents.events import Location
from geoevents.nlp.annotation import AnnotatedDocument, EntityType, Sentence
from geoevents.provenance import DocumentInfo  # noqa: F401  (names the inherited fields' types)

__all__ = ["ClauseFacts", "Coreference", "DocumentAnalysis", "Mention", "analyze"]


@attrs.frozen
class DocumentAnalysis(AnnotatedDocument):
    """An annotated document with the readings every extractor shares (see the module).

    Build it with :func:`analyze`. Actor and clause readings are computed on first request
    and then kept, so no phrase or clause is read twice, whichever extractor asks first.
    """

    resolver: DateResolver = attrs.field(repr=False, eq=False)
    quote_marks: QuoteIndex = attrs.field(repr=False, eq=False)
    interview: Interview = attrs.field(repr=False, eq=False)
    date_mentions: tuple[tuple[DateMention, ...], ...] = attrs.field(repr=False, eq=False)
    _actors: dict[tuple[int, int], Actor] = attrs.field(
        factory=dict, init=False, repr=False, eq=False)
    _clauses: dict[tuple[int, int], ClauseFacts] = attrs.field(
        factory=dict, init=False, repr=False, eq=False)
    _coref: list[Coreference] = attrs.field(factory=list, init=False, repr=False, eq=False)
    _lead: list[EventDate] = attrs.field(factory=list, init=False, repr=False, eq=False)

    def actor(self, sent: Sentence, head: int) -> Actor:
        """The actor the noun phrase headed by token ``head`` of ``sent`` denotes."""
        key = (sent.index, head)
        found = self._actors.get(key)
        if found is None:
            found = self._actors[key] = actor_at(self, sent, head)
        return found

    def location(self, sent: Sentence, head: int) -> Location:
        """The place phrase headed by token ``head`` of ``sent``."""
        return location_at(self, sent, head)

    def clause(self, sent: Sentence, index: int) -> ClauseFacts:
        """Tense, negation, modality and reported speech of the clause around ``index``."""
        key = (sent.index, index)
        found = self._clauses.get(key)
        if found is None:
            found = self._clauses[key] = clause_facts(sent, index)
        return found

    @property
    def coref(self) -> Coreference:
        """The persons this document names and the rules linking later mentions to them."""
        if not self._coref:
            self._coref.append(Coreference(self, self.actor, tuple(self._persons()),
                                           tuple(self._countries())))
        return self._coref[0]

    def _persons(self) -> list[Mention]:
        persons: list[Mention] = []
        for sent in self.sentences:
            for entity in sent.entities:
                if entity.type is EntityType.PERSON:
                    actor = self.actor(sent, entity_head(sent, entity.first, entity.last))
                    if actor.type is ActorType.PERSON:
                        persons.append((entity.start, actor))
        return persons

    def _countries(self) -> list[Mention]:
        countries: list[Mention] = []
        for sent in self.sentences:
            for entity in sent.entities:  # (the tagger may call a country an organisation)
                actor = self.actor(sent, entity_head(sent, entity.first, entity.last))
                if actor.type is ActorType.COUNTRY:
                    countries.append((entity.start, actor))
        return countries

    def event_date(
        self,
        sent: Sentence,
        index: int,
        *,
        tense: Tense,
        exclude: frozenset[int] = frozenset(),
        default_to_publication: bool = True,
        attached_only: bool = False,
    ) -> EventDate:
        """The date of the event whose trigger is token ``index`` of ``sent`` (see
        :func:`geoevents.analysis.time.event_date`). A trigger with no time expression of
        its own takes one from the text around it where the text places it: an offset
        from the clause's event ("came five days after ..."), or, in an interview, the
        time of the visit or event the introduction dates."""
        found = event_date(self.resolver, sent, index, self.date_mentions[sent.index],
                           tense=tense, exclude=exclude,
                           default_to_publication=default_to_publication,
                           attached_only=attached_only)
        if found.text is not None:
            return found
        anchored = self._anchored(sent, index)
        if anchored is not None:
            return anchored
        if (self.interview.turns and tense is Tense.PAST
                and self.interview.turn_at(sent.tokens[index].start) is not None
                and self.lead_date.resolution is not Resolution.PUBLICATION):
            return attrs.evolve(self.lead_date, text=None, resolution=Resolution.CONTEXT)
        return found

    @property
    def lead_date(self) -> EventDate:
        """The date of the lead's event: the first sentence's main clause, as dated there
        (the publication date when it names no time)."""
        if not self._lead:
            first = self.sentences[0] if self.sentences else None
            root = next((t.index for t in first.tokens if t.head < 0), None) if first else None
            self._lead.append(
                EventDate.publication(self.resolver.published) if first is None or root is None
                else event_date(self.resolver, first, root, self.date_mentions[0],
                                tense=Tense.PAST))
        return self._lead[0]

    def _anchored(self, sent: Sentence, index: int) -> EventDate | None:
        """The date of an event told as an offset from its clause's ("the launch came five
        days after ..."): the clause's own date, else the lead's, moved by the offset."""
        found = anchor_offset(sent, index)
        if found is None:
            return None
        anchor = event_date(self.resolver, sent, found.verb, self.date_mentions[sent.index],
                            tense=Tense.PAST, attached_only=True, default_to_publication=False,
                            exclude=frozenset(sent.subtree(found.clause)))
        if anchor.value is None:
            anchor = self.lead_date
        if anchor.value is None or anchor.granularity is not Granularity.DAY:
            return None
        first, last = sent.tokens[found.first], sent.tokens[found.last]
        return EventDate(text=self.text[first.start:last.end],
                         value=anchor.value + dt.timedelta(days=found.days),
                         granularity=Granularity.DAY, resolution=Resolution.CONTEXT)


def analyze(doc: AnnotatedDocument) -> DocumentAnalysis:
    """The shared analysis of ``doc`` (``doc`` itself when it already is one)."""
    if isinstance(doc, DocumentAnalysis):
        return doc
    fields: dict[str, Any] = {f.name: getattr(doc, f.name)
                              for f in attrs.fields(AnnotatedDocument)}
    return DocumentAnalysis(
        **fields,
        resolver=DateResolver(doc.info.published),
        quote_marks=QuoteIndex.of(doc.text),
        interview=interview_turns(doc.text),
        date_mentions=tuple(tuple(find_date_mentions(s.text)) for s in doc.sentences),
    )
