"""Quoted positions: direct quotes, indirect speech and mixed reported speech."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import attrs

from geoevents.actors import Actor, ActorType, country_code
from geoevents.dates import Tense, find_date_mentions
from geoevents.events import Codes, Quote, QuoteType
from geoevents.extractors.base import event_date, is_verb
from geoevents.extractors.interview import Interview, interview_turns
from geoevents.extractors.mentions import (
    actor_at,
    entity_head,
    is_pronoun,
    phrase_indices,
    phrase_text,
)
from geoevents.knowledge import lexicon
from geoevents.nlp.annotation import AnnotatedDocument, EntityType, Sentence, Token
from geoevents.provenance import Span

__all__ = ["QuoteExtractor", "QuoteSegment", "scan_quotes"]

_OPENERS = "“«„"
_CLOSERS = "”»"
_CODES = Codes(cameo="010", plover=None)


@attrs.frozen
class QuoteSegment:
    """The text between a pair of quotation marks: ``text[start:end]`` without the marks."""

    start: int
    end: int
    closed: bool


def scan_quotes(text: str) -> list[QuoteSegment]:
    """Find quoted stretches, tolerating straight, curly, unbalanced and multi-paragraph quotes.

    A quote still open at the end of a paragraph ends there (news style continues a long
    quote in the next paragraph with a fresh opening mark). A stray closing mark is ignored.

    >>> t = '“We will meet,” he said. "Soon."'
    >>> [t[s.start:s.end] for s in scan_quotes(t)]
    ['We will meet,', 'Soon.']
    """
    segments: list[QuoteSegment] = []
    open_at: int | None = None
    for i, char in enumerate(text):
        if char == "\n":
            if open_at is not None:
                segments.append(QuoteSegment(open_at, i, closed=False))
                open_at = None
            continue
        if char in _OPENERS:
            if open_at is not None:
                segments.append(QuoteSegment(open_at, i, closed=False))
            open_at = i + 1
        elif char in _CLOSERS:
            if open_at is not None:
                segments.append(QuoteSegment(open_at, i, closed=True))
                open_at = None
        elif char == '"':
            if open_at is None:
                open_at = i + 1
            else:
                segments.append(QuoteSegment(open_at, i, closed=True))
                open_at = None
    if open_at is not None:
        segments.append(QuoteSegment(open_at, len(text), closed=False))
    out = []
    for seg in segments:
        start, end = seg.start, seg.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
            end -= 1
        if end > start:
            out.append(QuoteSegment(start, end, seg.closed))
    return out


def _is_full_quote(text: str) -> bool:
    """A quote that stands as a statement of its own (not a quoted word or phrase)."""
    words = re.findall(r"\w+", text)
    first = text.lstrip("…. ")[:1]
    return len(words) >= 4 and (first.isupper() or first.isdigit())


# "the envoy" after "Pakistan's permanent representative to the United Nations, Munir Akram"
_SAME_ROLE: dict[str, tuple[str, ...]] = {
    "envoy": ("envoy", "ambassador", "representative"),
    "ambassador": ("ambassador", "envoy", "representative"),
    "diplomat": ("diplomat", "ambassador", "envoy", "representative", "minister"),
    "spokesperson": ("spokesperson", "spokesman", "spokeswoman"),
    "spokesman": ("spokesman", "spokesperson"),
    "spokeswoman": ("spokeswoman", "spokesperson"),
    "general": ("general", "commander"),
    "commander": ("commander", "general"),
}


#: speech verbs that report only a clause ("agreed that ...", "hoped that ..."); with a
#: predicate they name an act or a wish ("agreed to jointly address ...")
_CLAUSE_ONLY = frozenset(
    {"agree", "believe", "expect", "fear", "hope", "think", "wonder", "worry", "estimate"}
)


@attrs.define
class _Memory:
    """Speakers and people seen so far, for "he said", "Price said" and "the official added"."""

    speakers: list[tuple[int, Actor]] = attrs.Factory(list)
    persons: list[tuple[int, Actor]] = attrs.Factory(list)
    #: noun subjects outside quotation marks, for "it said" (read only when needed)
    subjects: list[tuple[Sentence, Token]] = attrs.Factory(list)
    #: turns of a question-and-answer text: a speaker label ("VOA:") is nobody's subject
    interview: Interview = attrs.Factory(Interview)

    def body_between(self, doc: AnnotatedDocument, start: int, end: int) -> Actor | None:
        """The last subject in ``[start, end)`` that is a country or organisation."""
        for sent, token in reversed(self.subjects):  # in document order: stop below start
            if token.start < start:
                break
            if token.start < end:
                actor = actor_at(doc, sent, token.index)
                if actor.type in (ActorType.COUNTRY, ActorType.ORGANIZATION):
                    return actor
        return None

    def remember(self, actor: Actor, position: int) -> None:
        self.speakers.append((position, actor))

    def last_speaker(self) -> Actor | None:
        return self.speakers[-1][1] if self.speakers else None

    def _before(self, position: int) -> list[tuple[int, Actor]]:
        seen = [e for e in (*self.speakers, *self.persons) if e[0] < position]
        return sorted(seen, key=lambda e: e[0])

    def resolve(self, actor: Actor, head: Token, pronoun: bool, position: int) -> Actor:
        if pronoun:
            want_group = head.text.lower() in ("they", "we")
            for _, previous in reversed(self._before(position)):
                is_group = previous.type in (ActorType.GROUP, ActorType.ORGANIZATION)
                if is_group == want_group:
                    return previous
            return actor
        if actor.type is ActorType.PERSON and " " not in actor.name.strip():
            # a surname on its own: the earlier full mention carries name and title
            for _, previous in reversed(self._before(position)):
                parts = previous.name.split()
                if len(parts) > 1 and (parts[-1] == actor.name or
                                       parts[-1].endswith("-" + actor.name)):
                    return previous
        if actor.name.lower().startswith(("the ", "this ")) and actor.type is not (
            ActorType.COUNTRY
        ):
            noun = head.lemma.lower()
            words = _SAME_ROLE.get(noun, (noun,))
            pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + ")")
            for _, previous in reversed(self._before(position)):
                described = f"{previous.title or ''} {previous.name}".lower()
                if previous is not actor and pattern.search(described):
                    return previous
        if actor.type is ActorType.PERSON and actor.title is None:
            for _, previous in reversed(self._before(position)):
                if previous.name == actor.name and previous.title:
                    return previous
        return actor


class QuoteExtractor:
    """Finds who said what: direct quotes, indirect speech (said that ...) and mixed quotes."""

    kind = "quote"

    def extract(self, doc: AnnotatedDocument) -> Iterator[Quote]:
        segments = scan_quotes(doc.text)
        inside = _QuoteIndex.of(doc.text, segments)
        memory = _Memory(interview=interview_turns(doc.text))
        handled: set[int] = set()
        used_cues: set[tuple[int, int]] = set()
        for sent in doc.sentences:
            self._remember_persons(doc, sent, memory)
            memory.subjects.extend(
                (sent, t) for t in sent.tokens
                if t.deprel.startswith("nsubj") and t.upos in ("PROPN", "NOUN")
                and not inside.covers(t.start) and not memory.interview.in_label(t.start)
            )
            yield from self._direct(doc, sent, segments, inside, memory, handled, used_cues)
            yield from self._reported(doc, sent, inside, memory, used_cues)

    # --- shared ---------------------------------------------------------------------------
    @staticmethod
    def _remember_persons(doc: AnnotatedDocument, sent: Sentence, memory: _Memory) -> None:
        for entity in sent.entities:
            if entity.type is EntityType.PERSON:
                actor = actor_at(doc, sent, entity_head(sent, entity.first, entity.last))
                if actor.type is ActorType.PERSON:
                    memory.persons.append((entity.start, actor))

    @staticmethod
    def _speaker(
        doc: AnnotatedDocument, sent: Sentence, cue: Token, memory: _Memory,
        inside: _QuoteIndex | None = None,
    ) -> tuple[Actor, Token] | None:
        def subjects(head: int) -> list[Token]:
            found = [c for c in sent.children(head) if c.deprel in ("nsubj", "nsubj:pass")
                     and not (inside and inside.covers(c.start))
                     # "VOA: ..., China conducted drills and called them ...": the parser
                     # can make a turn's label a subject of the first clause
                     and not memory.interview.in_label(c.start)
                     and not find_date_mentions(
                         phrase_text(doc, sent, phrase_indices(sent, c.index)))]
            # a subject before the cue wins over one after it: in "X said Y was killed" the
            # parser can make Y a second subject of "said"; of two before it (an apposition
            # parsed as a second subject: "the Hudson Institute, a think tank ..., said") the
            # named one wins
            return sorted(found, key=lambda c: (
                c.index > cue.index, not _names_speaker(sent, c), abs(c.index - cue.index)))

        candidates = subjects(cue.index)
        if not candidates and cue.deprel in ("conj", "xcomp") and cue.head >= 0:
            # "X met Y and said ..." / "X wanted to stress ..."
            candidates = subjects(cue.head)
        if not candidates:
            return None
        subject = candidates[0]
        if subject.lemma.lower() in ("who", "that", "which") and cue.deprel.startswith(
            "acl"
        ) and cue.head >= 0:
            # "an official, who vowed to ...": the speaker is the noun the clause describes
            subject = sent.tokens[cue.head]
        if subject.lemma.lower() == "it":
            # "“...,” it said" / "It said ...": the country or organisation subject of this or the
            # sentence before ("France reacted in a statement.")
            start = doc.sentences[sent.index - 1].start if sent.index > 0 else sent.start
            body = memory.body_between(doc, start, subject.start)
            return (body, subject) if body is not None else None
        if subject.lemma.lower() in ("it", "this", "that", "which", "there", "what"):
            return None
        actor = actor_at(doc, sent, subject.index)
        actor = memory.resolve(actor, subject, is_pronoun(subject), subject.start)
        actor = _expand_surname(doc, actor, subject.start)
        if is_pronoun(subject) and actor.name.lower() == subject.text.lower():
            return None
        return actor, subject

    @staticmethod
    def _cue_text(doc: AnnotatedDocument, sent: Sentence, cue: Token) -> str:
        parts = [cue]
        for child in sent.children(cue.index):
            if child.deprel in ("obj", "iobj") and _cue_lemma(cue) == "tell":
                parts.append(child)
            if child.deprel == "compound:prt":
                parts.append(child)
        parts.sort(key=lambda t: t.index)
        return " ".join(t.text for t in parts)

    # --- direct quotes --------------------------------------------------------------------
    def _direct(
        self,
        doc: AnnotatedDocument,
        sent: Sentence,
        segments: Sequence[QuoteSegment],
        inside: _QuoteIndex,
        memory: _Memory,
        handled: set[int],
        used_cues: set[tuple[int, int]],
    ) -> Iterator[Quote]:
        speech = lexicon().speech_verbs
        for number, seg in enumerate(segments):
            if number in handled or not (sent.start <= seg.end and seg.end <= sent.end + 1):
                continue
            text = doc.text[seg.start:seg.end]
            if not (_is_full_quote(text) or self._continuation(doc, segments, number)):
                continue
            handled.add(number)
            # the attribution lies outside quotation marks, in the sentences the quote touches
            touched = [s for s in doc.sentences if s.end > seg.start and s.start <= sent.end]
            cues = [
                (s, t) for s in touched for t in s.tokens
                if _cue_lemma(t) in speech and not inside.covers(t.start)
            ]
            cues.sort(key=lambda st: min(abs(st[1].start - seg.end), abs(seg.start - st[1].end)))
            found = None
            for s, cue in cues:
                found = self._speaker(doc, s, cue, memory, inside)
                if found is not None:
                    break
            if found is None and cues:
                # “Q,” Robert Einhorn, a former adviser, wrote: the parse lost the subject,
                # the words did not
                named = self._named_near(doc, touched, seg, inside)
                if named is not None:
                    found = named
                    s, cue = cues[0]
            if found is None:
                colon = self._colon_attribution(doc, sent, seg, memory)
                if colon is not None:
                    found, cue, s = colon
            if found is None:
                last = memory.last_speaker()
                if last is None or not self._continues(doc, seg, segments, number):
                    continue
                speaker, cue_text, confidence = last, "(continued)", 0.6
                date_sent, date_index = sent, sent.tokens[-1].index
                exclude = frozenset(t.index for t in sent.tokens)
            else:
                speaker, _ = found
                used_cues.add((s.index, cue.index))
                cue_text, confidence = self._cue_text(doc, s, cue), 0.9
                date_sent, date_index = s, cue.index
                exclude = frozenset(t.index for t in s.tokens if inside.covers(t.start))
            memory.remember(speaker, seg.start)
            yield Quote(
                document=doc.info,
                date=event_date(doc, date_sent, date_index, tense=Tense.PAST, exclude=exclude,
                                attached_only=True),
                evidence=(Span(sent.index, seg.start, seg.end, text),),
                confidence=confidence,
                codes=_CODES,
                speaker=speaker,
                text=text,
                quote_type=QuoteType.DIRECT,
                cue=cue_text,
            )

    @staticmethod
    def _named_near(
        doc: AnnotatedDocument, touched: Sequence[Sentence], seg: QuoteSegment,
        inside: _QuoteIndex,
    ) -> tuple[Actor, Token] | None:
        """The person named right after the quote (or right before it), outside quotes."""
        best: tuple[int, Sentence, int] | None = None
        for s in touched:
            for entity in s.entities:
                if entity.type is not EntityType.PERSON or inside.covers(entity.start):
                    continue
                distance = entity.start - seg.end if entity.start >= seg.end else (
                    seg.start - entity.end) * 3
                if distance < 120 and (best is None or distance < best[0]):
                    best = (distance, s, entity.last)
        if best is None:
            return None
        _, s, last = best
        return actor_at(doc, s, last), s.tokens[last]

    def _colon_attribution(
        self, doc: AnnotatedDocument, sent: Sentence, seg: QuoteSegment, memory: _Memory
    ) -> tuple[tuple[Actor, Token], Token, Sentence] | None:
        """ "X said:" ending the sentence or paragraph just before the quote."""
        before = doc.text[max(0, seg.start - 3): seg.start]
        if ":" not in before:
            return None
        previous = [s for s in doc.sentences if s.end <= seg.start]
        candidates = [sent, *previous[-1:]]
        for s in candidates:
            for token in reversed(s.tokens):
                if _cue_lemma(token) in lexicon().speech_verbs:
                    found = self._speaker(doc, s, token, memory)
                    if found is not None:
                        return found, token, s
        return None

    @staticmethod
    def _continuation(doc: AnnotatedDocument, segments: Sequence[QuoteSegment],
                      number: int) -> bool:
        """The second half of a quote split by its attribution: “X,” he said, “y.”"""
        if number == 0:
            return False
        previous = segments[number - 1]
        between = doc.text[previous.end: segments[number].start]
        return (_is_full_quote(doc.text[previous.start: previous.end]) and len(between) < 60
                and between.rstrip(" “\"«").endswith(",") and len(re.findall(
                    r"\w+", doc.text[segments[number].start: segments[number].end])) >= 3)

    @staticmethod
    def _continues(
        doc: AnnotatedDocument, seg: QuoteSegment, segments: Sequence[QuoteSegment], number: int
    ) -> bool:
        """Whether an unattributed quote follows closely on an attributed one."""
        if number == 0:
            return False
        previous = segments[number - 1]
        gap = doc.text[previous.end: seg.start]
        return len(gap) < 400 and gap.count("\n\n") <= 2

    # --- indirect and mixed quotes --------------------------------------------------------
    def _reported(
        self,
        doc: AnnotatedDocument,
        sent: Sentence,
        inside: _QuoteIndex,
        memory: _Memory,
        used_cues: set[tuple[int, int]],
    ) -> Iterator[Quote]:
        words = lexicon()
        for cue in sent.tokens:
            lemma = _cue_lemma(cue)
            if (lemma not in words.speech_verbs or inside.covers(cue.start)
                    or (sent.index, cue.index) in used_cues):
                continue
            content = self._content(doc, sent, cue, inside)
            if len(content) < 3 or _object_relative(sent, cue) or _negated(sent, cue):
                continue
            first, last = content[0], content[-1]
            start, end = sent.tokens[first].start, sent.tokens[last].end
            end = _close_quote(doc.text, start, end, inside)
            if inside.within_full(start, end):
                continue  # the direct-quote pass has it
            has_fragment = inside.overlaps(start, end)
            if not has_fragment and lemma not in words.strong_speech_verbs | {"say"}:
                continue
            if not has_fragment and not self._clausal(sent, cue):
                continue  # "announced the activation of ...": an act, not reported speech
            if not any(is_verb(sent.tokens[i]) for i in content) and not has_fragment:
                continue  # "said Thursday during a briefing": no reported clause
            found = self._speaker(doc, sent, cue, memory, inside)
            if found is None:
                found = self._according_to(doc, sent, cue, memory)
            if found is None:
                continue
            speaker, _ = found
            if not has_fragment and _vague_group(speaker):
                continue  # "Officials say ...": nobody in particular
            memory.remember(speaker, start)
            used_cues.add((sent.index, cue.index))
            text = doc.text[start:end]
            yield Quote(
                document=doc.info,
                date=event_date(doc, sent, cue.index, tense=Tense.PAST,
                                exclude=frozenset(content) - {cue.index}, attached_only=True),
                evidence=(Span(sent.index, start, end, text),),
                confidence=0.75 if has_fragment else 0.7,
                codes=_CODES,
                speaker=speaker,
                text=text,
                quote_type=QuoteType.MIXED if has_fragment else QuoteType.INDIRECT,
                cue=self._cue_text(doc, sent, cue),
            )

    def _clausal(self, sent: Sentence, cue: Token) -> bool:
        """Whether the cue reports a clause (said that ..., "..., X said")."""
        complement = _complement(sent, cue)
        return (complement is not None and any(
            is_verb(sent.tokens[i]) for i in sent.subtree(complement.index))) or (
            cue.deprel in ("parataxis", "ccomp")) or bool(self._fronted(sent, cue))

    @staticmethod
    def _fronted(sent: Sentence, cue: Token) -> list[int]:
        """ "Y, X said" / "Y, said X": the clause before the comma that precedes the speaker."""
        # the subject next to the cue: a second "subject" further left can be a piece of
        # the fronted clause itself ("..., its lack of consensus ...,” he told")
        subjects = [c for c in sent.children(cue.index) if c.deprel.startswith("nsubj")]
        if not subjects:
            return []
        subject = min(subjects, key=lambda c: abs(c.index - cue.index))
        subject_first = min(sent.subtree(subject.index))
        left = min(subject_first, cue.index)
        while left >= 2 and sent.tokens[left - 1].text in _CLOSERS + '"':
            left -= 1  # 'Delhi “will be careful,” he told': the comma inside the marks
        if left < 2 or sent.tokens[left - 1].text not in (",", "—", "–"):
            return []
        indices = [t.index for t in sent.tokens[:left - 1]]
        return indices if any(is_verb(sent.tokens[i]) for i in indices) else []

    def _content(
        self, doc: AnnotatedDocument, sent: Sentence, cue: Token, inside: _QuoteIndex
    ) -> list[int]:
        """Token indices of what the cue verb reports.

        A reported clause ("said that ...") is the clause alone.  A report that is the
        verb's own predicate ("called the test a “provocation”", "called on the junta to
        restore its “roadmap”", "vowed unspecified “responses” if ...") starts at the verb.
        """
        complement = _complement(sent, cue)
        fronted = self._fronted(sent, cue)
        after = [c for c in sent.children(cue.index) if c.index > cue.index]
        clause_only = _cue_lemma(cue) in _CLAUSE_ONLY
        if complement is not None and complement.deprel == "xcomp":
            if clause_only:
                return []  # "agreed to jointly address ...": a commitment, not a statement
            if any(c.deprel in ("obj", "iobj") and c.index < complement.index for c in after):
                return self._predicate(sent, cue)  # "called X Y", "urged X to Y"
            if not any(is_verb(sent.tokens[i]) for i in sent.subtree(complement.index)):
                if any(c.deprel == "case" for c in sent.children(complement.index)):
                    return self._predicate(sent, cue)  # "called for “calm”"
                return []  # "the launches it called “unacceptable”": the object is elsewhere
        adopted: set[int] = set()
        if complement is not None:
            indices = [i for i in sent.subtree(complement.index)
                       if not (sent.tokens[i].deprel == "mark" and
                               sent.tokens[i].head == complement.index and
                               sent.tokens[i].lemma.lower() == "that")]
            for other in after:
                if other.deprel == "ccomp" and other is not complement:
                    # "said the growing fear ... “are making ...”": one clause, two pieces
                    indices.extend(sent.subtree(other.index))
            if _subject_before(sent, cue) and not any(
                c.deprel.startswith("nsubj") for c in sent.children(complement.index)
            ):
                # "X said Y was killed" with Y parsed as a second subject (or an object) of
                # "said": the nominal right before the clause is its subject
                begin = min(sent.subtree(complement.index))
                for c in after:
                    tree = sent.subtree(c.index)
                    gap = sent.tokens[max(tree) + 1:begin]
                    if (c.deprel.startswith("nsubj") or c.deprel in ("obj", "iobj")) and (
                        c.index < complement.index and all(t.upos == "PUNCT" for t in gap)
                    ):
                        adopted.update(tree)
                indices.extend(adopted)
        elif fronted:
            indices = fronted
            # 'Delhi “will be careful,” he told': a subject inside the fronted clause is its own
            for c in sent.children(cue.index):
                if c.index in fronted:
                    adopted.update(sent.subtree(c.index))
        elif cue.deprel in ("parataxis", "ccomp") and cue.head >= 0 and (
            sent.tokens[cue.head].start < cue.start
        ):
            # "Y, X said": the cue hangs off the reported clause
            cue_tree = set(sent.subtree(cue.index))
            indices = [i for i in sent.subtree(cue.head) if i not in cue_tree]
        elif not clause_only and (any(c.deprel == "obj" for c in after) or any(
            c.deprel in ("obl", "advcl", "xcomp") and inside.overlaps(*_extent(sent, c))
            for c in after
        )):
            # "vowed unspecified “responses” if ...", "touted the meeting as ...": the predicate
            return self._predicate(sent, cue)
        else:
            return []
        indices = sorted(set(indices))
        while indices and sent.tokens[indices[-1]].upos == "PUNCT":
            indices.pop()
        while indices and sent.tokens[indices[0]].upos == "PUNCT":
            indices.pop(0)
        if not indices:
            return []
        # one stretch from first to last word (a mis-attached word inside is still part of
        # what was said), but never across the cue and its speaker
        span = list(range(indices[0], indices[-1] + 1))
        speaker_side = {cue.index, *(i for c in sent.children(cue.index)
                                     if c.deprel.startswith("nsubj") and c is not complement
                                     for i in sent.subtree(c.index))} - adopted
        if speaker_side & set(span):
            cut = min(speaker_side)
            span = [i for i in span if i < cut] if span[0] < cut else [
                i for i in span if i > max(speaker_side)]
        while span and sent.tokens[span[-1]].upos == "PUNCT":
            span.pop()
        return span

    @staticmethod
    def _predicate(sent: Sentence, cue: Token) -> list[int]:
        """The cue verb and what follows it in its phrase (not its subject or adverbs)."""
        drop = {"nsubj", "nsubj:pass", "aux", "aux:pass", "punct", "advmod", "obl:tmod"}
        indices = {cue.index}
        for child in sent.children(cue.index):
            if child.deprel not in drop and child.index > cue.index:
                indices.update(sent.subtree(child.index))
        span = list(range(cue.index, max(indices) + 1))
        while span and sent.tokens[span[-1]].upos == "PUNCT":
            span.pop()
        return span

    def _according_to(
        self, doc: AnnotatedDocument, sent: Sentence, cue: Token, memory: _Memory
    ) -> tuple[Actor, Token] | None:
        del cue
        for token in sent.tokens:
            if token.lemma.lower() == "accord" and token.head >= 0:
                head = sent.tokens[token.head]
                return memory.resolve(actor_at(doc, sent, head.index), head, False,
                                      head.start), head
        return None


_NAME_PREFIXES = frozenset({"the", "a", "an", "mr.", "ms.", "mrs.", "dr.", "gen.", "prime",
                            "foreign", "defense", "defence", "state", "chief", "vice", "deputy",
                            "former", "u.s.", "senior", "lt.", "col.", "adm.", "sen.", "rep."})


def _expand_surname(doc: AnnotatedDocument, actor: Actor, position: int) -> Actor:
    """ "White said" after "... spokesperson Dana W. White": the earlier full name and title.

    Works from the text, so it also mends names the NER model missed.
    """
    name = actor.name.strip()
    if actor.type is ActorType.COUNTRY or (actor.country and actor.type is not ActorType.PERSON):
        return actor
    if not re.fullmatch(r"[A-Z][\w'’-]+", name) or country_code(name):
        return actor
    pattern = re.compile(rf"((?:\b[A-Z][\w.'’-]*\s+){{1,3}}){re.escape(name)}\b")
    found = None
    for match in pattern.finditer(doc.text, 0, position):
        found = match
    if found is None:
        return actor
    words = found.group(1).split()
    titles = lexicon().person_title_nouns
    while words and (words[0].lower() in _NAME_PREFIXES or words[0].lower() in titles):
        words.pop(0)
    if not words:
        return actor
    full = " ".join([*words, name])
    end = found.end()
    # the words just before the earlier mention are usually its title
    before = re.split(r"[,;:()“”\"]|\b(?:by|of|said|says|and|to|from|with|according)\b",
                      doc.text[max(0, found.start() - 80): found.start()])[-1].split()
    prefix = [w for w in found.group(1).split() if w not in words]
    guessed = " ".join([*before[-4:], *prefix]).strip() or None
    for sent in doc.sentences:
        if sent.start <= end <= sent.end:
            last = next((t for t in sent.tokens if t.end == end), None)
            if last is not None:
                described = actor_at(doc, sent, last.index)
                title = described.title if described.title and described.title != (
                    described.name) else guessed
                return attrs.evolve(described, name=full, type=ActorType.PERSON, title=title,
                                    mentions=actor.mentions)
    return attrs.evolve(actor, name=full, type=ActorType.PERSON, title=guessed)


def _vague_group(actor: Actor) -> bool:
    """ "Officials", "others", "observers": a group with no name, country or affiliation."""
    return (actor.type is ActorType.GROUP and actor.country is None
            and actor.affiliation is None and not any(
                w[:1].isupper() for w in actor.name.split()[1:]))


def _cue_lemma(token: Token) -> str | None:
    """The speech-verb lemma of ``token`` if it is used as a verb, else ``None``.

    Past forms ("reiterated", "told") count even when a weak tagger calls them nouns.
    """
    words = lexicon()
    lemma = words.verb_lemma(token.text, token.lemma)
    word = token.text.lower()
    if is_verb(token) or word.endswith("ed") or word in words.irregular_verb_forms:
        return lemma
    return None


@attrs.frozen
class _QuoteIndex:
    segments: Sequence[QuoteSegment]
    full: Sequence[bool]

    @classmethod
    def of(cls, text: str, segments: Sequence[QuoteSegment]) -> _QuoteIndex:
        return cls(segments, [_is_full_quote(text[s.start:s.end]) for s in segments])

    def covers(self, position: int) -> bool:
        return any(s.start - 1 <= position < s.end + 1 for s in self.segments)

    def overlaps(self, start: int, end: int) -> bool:
        return any(s.start < end and start < s.end for s in self.segments)

    def within_full(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside one full (statement-like) quote."""
        return any(full and s.start - 2 <= start and end <= s.end + 2
                   for s, full in zip(self.segments, self.full, strict=True))


def _close_quote(text: str, start: int, end: int, inside: _QuoteIndex) -> int:
    """Move ``end`` past the closing mark of a quote opened inside ``text[start:end]``.

    The reported span is trimmed of trailing punctuation, which would leave “reckless and
    dangerous.” without its closing mark.
    """
    for seg in inside.segments:
        if seg.closed and start < seg.start <= end <= seg.end + 1:
            tail = text[end:seg.end + 3]
            closing = next((i for i, c in enumerate(tail) if c in _CLOSERS or c == '"'), None)
            if closing is not None and end + closing >= seg.end:
                return end + closing + 1
    return end


def _negated(sent: Sentence, cue: Token) -> bool:
    """ "did not say what type of missiles ...": nothing was said."""
    return any(c.lemma.lower() in ("not", "never", "n't") and c.deprel == "advmod"
               for c in sent.children(cue.index))


def _object_relative(sent: Sentence, cue: Token) -> bool:
    """ "the launches it called “unacceptable”": the cue describes the noun it modifies
    (an official "who vowed to ..." still speaks)."""
    return cue.deprel == "acl:relcl" and not any(
        c.deprel.startswith("nsubj") and c.lemma.lower() in ("who", "that", "which")
        for c in sent.children(cue.index)
    )


def _names_speaker(sent: Sentence, token: Token) -> bool:
    """Whether ``token`` is tagged as a person or organisation name."""
    entity = sent.entity_at(token.index)
    return entity is not None and entity.type in (EntityType.PERSON, EntityType.ORGANIZATION)


def _subject_before(sent: Sentence, cue: Token) -> bool:
    return any(c.deprel.startswith("nsubj") and c.index < cue.index
               for c in sent.children(cue.index))


def _extent(sent: Sentence, token: Token) -> tuple[int, int]:
    """Character extent of a token's subtree."""
    indices = sent.subtree(token.index)
    return sent.tokens[min(indices)].start, sent.tokens[max(indices)].end


def _complement(sent: Sentence, cue: Token) -> Token | None:
    """The clause a speech verb reports: its complement after it or, when the parser made
    the reported clause's subject a second subject or an object of the cue ("said the
    missiles landed ..." with "landed" hanging off "missiles"), that noun with its verb."""
    children = [c for c in sent.children(cue.index) if c.index > cue.index]
    for child in children:
        if child.deprel in ("ccomp", "xcomp"):
            return child
    for child in children:
        if (child.deprel.startswith("nsubj") or child.deprel == "obj") and any(
                c.deprel in ("acl", "acl:relcl") and is_verb(c) and c.xpos in ("VBD", "VBN", "VBZ")
                for c in sent.children(child.index)):
            return child
    return None
