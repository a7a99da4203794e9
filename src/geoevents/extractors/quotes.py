"""Quoted positions: direct quotes, indirect speech and mixed reported speech.

Two passes over the shared :class:`~geoevents.analysis.DocumentAnalysis`, sentence by
sentence:

* **direct** — every statement-like quotation ending in the sentence is attributed by the
  first of the :data:`ATTRIBUTIONS` rules that finds a speaker: a speech verb near the
  quote with its subject (:func:`cue_near`), a person named right after or before it
  (:func:`named_near`), "X said:" introducing it (:func:`colon_intro`), or the speaker
  of the quote just before (:func:`continued`);
* **reported** — every speech verb outside quotation marks whose complement is a clause
  ("said that ...", "Y, X said") or whose own predicate carries a quoted fragment
  ("called the test a “provocation”") gives an indirect or mixed quote.

Speech verbs are vocabulary data (``knowledge/vocabulary.json``, section ``quote``);
who "he", "Price" or "the envoy" is comes from the analysis' coreference.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

import attrs

from geoevents.actors import Actor, ActorType
from geoevents.analysis import DocumentAnalysis, Mention
from geoevents.analysis.quotemarks import CLOSERS, QuoteIndex, QuoteSegment, is_full_quote
from geoevents.analysis.syntax import is_pronoun, is_verb, phrase_indices, phrase_text
from geoevents.dates import EventDate, Resolution, Tense, find_date_mentions
from geoevents.events import Codes, Quote, QuoteType
from geoevents.extractors.merge import better_date, cluster
from geoevents.extractors.positions import describe_position, take_position
from geoevents.knowledge import QuoteWords, verb_lemma, vocabulary
from geoevents.nlp.annotation import EntityType, Sentence, Token
from geoevents.provenance import Span

__all__ = [
    "ATTRIBUTIONS",
    "QuoteExtractor",
    "colon_intro",
    "continued",
    "cue_near",
    "merge_quotes",
    "named_near",
]

CODES = Codes(cameo="010", plover=None)
#: how close (in characters) a statement must follow its speaker's previous one to share
#: its time: about two sentences of news prose
GOES_ON_CHARS = 300


def _words() -> QuoteWords:
    return vocabulary().quote


@attrs.define
class QuoteState:
    """What the pass over one document has seen so far: speakers (for "he said" and for
    quotes that continue the one before), quotation segments already attributed and cue
    verbs already used."""

    speakers: list[Mention] = attrs.Factory(list)
    #: (end offset, speaker, date) of every quote so far, for statements that go on
    statements: list[tuple[int, Actor, EventDate]] = attrs.Factory(list)
    handled: set[int] = attrs.Factory(set)
    used_cues: set[tuple[int, int]] = attrs.Factory(set)
    #: noun subjects outside quotation marks, for "it said"
    subjects: list[tuple[Sentence, Token]] = attrs.Factory(list)

    def remember(self, actor: Actor, position: int) -> None:
        self.speakers.append((position, actor))

    def last_speaker(self) -> Actor | None:
        return self.speakers[-1][1] if self.speakers else None

    def dated(self, span: Span, speaker: Actor, date: EventDate) -> EventDate:
        """A statement with no time of its own that follows closely (within
        :data:`GOES_ON_CHARS` characters) on one by the same speaker with a stated time
        ("Lopes spoke in parliament on Monday. She added that ...") was made then; remember it
        for the next one."""
        if date.resolution is Resolution.PUBLICATION:
            for end, previous, when in reversed(self.statements):
                if span.start - end > GOES_ON_CHARS:
                    break
                if previous.name == speaker.name:
                    if when.resolution in (Resolution.EXPLICIT, Resolution.RELATIVE):
                        date = when
                    break
        self.statements.append((span.end, speaker, date))
        return date


@attrs.frozen
class Attribution:
    """Who said a quote, through which cue word (``None`` for a continued quote)."""

    speaker: Actor
    sent: Sentence
    cue: Token | None
    confidence: float = 0.9


@attrs.frozen
class Direct:
    """A statement-like quotation to attribute: segment ``number`` of the document, in
    ``sent``; ``touched`` are the sentences it spans."""

    number: int
    segment: QuoteSegment
    sent: Sentence
    touched: tuple[Sentence, ...]


AttributionRule = Callable[[DocumentAnalysis, Direct, QuoteState], Attribution | None]


class QuoteExtractor:
    """Finds who said what: direct quotes, indirect speech (said that ...) and mixed quotes.

    ``attributions`` replaces the default list of attribution rules for direct quotes
    (:data:`ATTRIBUTIONS`).
    """

    kind = "quote"

    def __init__(self, attributions: Sequence[AttributionRule] | None = None) -> None:
        self.attributions = tuple(attributions if attributions is not None else ATTRIBUTIONS)

    def extract(self, doc: DocumentAnalysis) -> Iterator[Quote]:
        state = QuoteState(subjects=_body_subjects(doc))
        for sent in doc.sentences:
            found = [*self._direct(doc, sent, state), *_reported(doc, sent, state),
                     *_according_to_reports(doc, sent, state)]
            for quote in sorted(found, key=lambda q: q.evidence[0].start):
                # in document order: a statement that goes on takes its speaker's time
                yield attrs.evolve(quote, date=state.dated(
                    quote.evidence[0], quote.speaker, quote.date))

    def _direct(self, doc: DocumentAnalysis, sent: Sentence, state: QuoteState) -> Iterator[Quote]:
        for direct in _directs(doc, sent, state):
            state.handled.add(direct.number)
            found = next((a for rule in self.attributions
                          if (a := rule(doc, direct, state)) is not None), None)
            if found is not None:
                yield _direct_quote(doc, direct, found, state)


def _body_subjects(doc: DocumentAnalysis) -> list[tuple[Sentence, Token]]:
    return [(sent, t) for sent in doc.sentences for t in sent.tokens
            if t.deprel.startswith("nsubj") and t.upos in ("PROPN", "NOUN")
            and not doc.quote_marks.covers(t.start) and not doc.interview.in_label(t.start)]


# --- direct quotes ---------------------------------------------------------------------------
def _directs(doc: DocumentAnalysis, sent: Sentence, state: QuoteState) -> Iterator[Direct]:
    """The statement-like quotations (or second halves of split ones) ending in ``sent``."""
    segments = doc.quote_marks.segments
    for number, seg in enumerate(segments):
        if number in state.handled or not (sent.start <= seg.end <= sent.end + 1):
            continue
        if not (is_full_quote(doc.text[seg.start:seg.end])
                or _second_half(doc, segments, number)):
            continue
        # the attribution lies outside quotation marks, in the sentences the quote touches
        touched = tuple(s for s in doc.sentences if s.end > seg.start and s.start <= sent.end)
        yield Direct(number, seg, sent, touched)


def _second_half(doc: DocumentAnalysis, segments: Sequence[QuoteSegment], number: int) -> bool:
    """The second half of a quote split by its attribution: “X,” he said, “y.”"""
    if number == 0:
        return False
    previous, current = segments[number - 1], segments[number]
    between = doc.text[previous.end: current.start]
    return (is_full_quote(doc.text[previous.start: previous.end]) and len(between) < 60
            and between.rstrip(" “\"«").endswith(",")
            and len(re.findall(r"\w+", doc.text[current.start: current.end])) >= 3)


def _cues(doc: DocumentAnalysis, direct: Direct) -> list[tuple[Sentence, Token]]:
    """Speech verbs outside quotation marks in the sentences the quote touches, nearest
    first."""
    seg = direct.segment
    cues = [(s, t) for s in direct.touched for t in s.tokens
            if _cue_lemma(t) in _words().speech_verbs and not doc.quote_marks.covers(t.start)]
    cues.sort(key=lambda st: min(abs(st[1].start - seg.end), abs(seg.start - st[1].end)))
    return cues


def cue_near(doc: DocumentAnalysis, direct: Direct, state: QuoteState) -> Attribution | None:
    """ “…,” Price said. / Price said: “…” — the nearest speech verb with a speaker."""
    for s, cue in _cues(doc, direct):
        found = _speaker(doc, s, cue, state)
        if found is not None:
            return Attribution(found[0], s, cue)
    return None


def named_near(doc: DocumentAnalysis, direct: Direct, state: QuoteState) -> Attribution | None:
    """ “…,” Ana Lopes, a former adviser, wrote: a speech verb is there but the parse
    lost its subject; the person named right after the quote (or before it) speaks."""
    del state
    cues = _cues(doc, direct)
    if not cues:
        return None
    seg = direct.segment
    best: tuple[int, Sentence, int] | None = None
    for s in direct.touched:
        for entity in s.entities:
            if entity.type is not EntityType.PERSON or doc.quote_marks.covers(entity.start):
                continue
            distance = entity.start - seg.end if entity.start >= seg.end else (
                seg.start - entity.end) * 3
            if distance < 120 and (best is None or distance < best[0]):
                best = (distance, s, entity.last)
    if best is None:
        return None
    s, cue = cues[0]
    return Attribution(doc.actor(best[1], best[2]), s, cue)


def colon_intro(doc: DocumentAnalysis, direct: Direct, state: QuoteState) -> Attribution | None:
    """ "X said:" ending the sentence or paragraph just before the quote."""
    seg = direct.segment
    if ":" not in doc.text[max(0, seg.start - 3): seg.start]:
        return None
    previous = [s for s in doc.sentences if s.end <= seg.start]
    for s in [direct.sent, *previous[-1:]]:
        for token in reversed(s.tokens):
            if _cue_lemma(token) in _words().speech_verbs:
                found = _speaker(doc, s, token, state)
                if found is not None:
                    return Attribution(found[0], s, token)
    return None


def continued(doc: DocumentAnalysis, direct: Direct, state: QuoteState) -> Attribution | None:
    """An unattributed quote that follows closely on an attributed one: same speaker."""
    last = state.last_speaker()
    if last is None or direct.number == 0:
        return None
    previous = doc.quote_marks.segments[direct.number - 1]
    gap = doc.text[previous.end: direct.segment.start]
    if len(gap) >= 400 or gap.count("\n\n") > 2:
        return None
    return Attribution(last, direct.sent, None, confidence=0.6)


ATTRIBUTIONS: tuple[AttributionRule, ...] = (cue_near, named_near, colon_intro, continued)
"""The default attribution rules for direct quotes, tried in order."""


def _direct_quote(doc: DocumentAnalysis, direct: Direct, found: Attribution,
                  state: QuoteState) -> Quote:
    seg, sent = direct.segment, direct.sent
    if found.cue is None:
        cue_text = "(continued)"
        date = doc.event_date(sent, sent.tokens[-1].index, tense=Tense.PAST, attached_only=True,
                              exclude=frozenset(t.index for t in sent.tokens))
    else:
        state.used_cues.add((found.sent.index, found.cue.index))
        cue_text = _cue_text(found.sent, found.cue)
        inside = frozenset(t.index for t in found.sent.tokens
                           if doc.quote_marks.covers(t.start))
        date = _statement_date(doc, found.sent, found.cue, inside)
    state.remember(found.speaker, seg.start)
    text = doc.text[seg.start:seg.end]
    return take_position(doc, Quote(
        document=doc.info, date=date, evidence=(Span(sent.index, seg.start, seg.end, text),),
        confidence=found.confidence, codes=CODES, speaker=found.speaker, text=text,
        quote_type=QuoteType.DIRECT, cue=cue_text,
    ), found.sent, found.cue)


def _statement_date(doc: DocumentAnalysis, sent: Sentence, cue: Token,
                    exclude: frozenset[int]) -> EventDate:
    """When a statement was made: a time expression attached to its cue, or to the verb
    the cue is coordinated with ("visited Taiwan in August and told X that ..."), never
    one inside what was said."""
    date = doc.event_date(sent, cue.index, tense=Tense.PAST, exclude=exclude,
                          attached_only=True, default_to_publication=False)
    if date.text is None and cue.deprel == "conj" and cue.head >= 0:
        head = sent.tokens[cue.head]
        inside = exclude | set(sent.subtree(cue.index))
        date = doc.event_date(sent, head.index, tense=Tense.PAST, exclude=frozenset(inside),
                              attached_only=True, default_to_publication=False)
    return date if date.text is not None else EventDate.publication(doc.info.published)


# --- speakers --------------------------------------------------------------------------------
def _speaker(doc: DocumentAnalysis, sent: Sentence, cue: Token,
             state: QuoteState) -> tuple[Actor, Token] | None:
    """The speaker of cue verb ``cue``: its subject (or the subject of the verb it is
    coordinated with), resolved through coreference; "it said" takes the country or
    organisation that is the subject of this or the sentence before."""
    candidates = _quoted_as_saying(sent, cue) or _subjects(doc, sent, cue.index, cue)
    for governor in _governors(sent, cue):
        if candidates:
            break
        candidates = _subjects(doc, sent, governor.index, cue)
    if not candidates:
        return None
    subject = candidates[0]
    lemma = subject.lemma.lower()
    if lemma in vocabulary().common.relative_words and cue.deprel.startswith("acl") and (
            cue.head >= 0):
        subject = sent.tokens[cue.head]  # "an official, who vowed to ...": the noun described
    if subject.lemma.lower() == "it":
        start = doc.sentences[sent.index - 1].start if sent.index > 0 else sent.start
        body = _body_between(doc, state, start, subject.start)
        return (body, subject) if body is not None else None
    if subject.lemma.lower() in vocabulary().actors.non_referring_subjects:
        return None
    pronoun = is_pronoun(subject)
    actor = doc.coref.resolve(doc.actor(sent, subject.index), subject, position=subject.start,
                              pronoun=pronoun, also=state.speakers)
    actor = doc.coref.expand_surname(actor, subject.start)
    if pronoun and actor.name.lower() == subject.text.lower():
        return None
    return actor, subject


def _governors(sent: Sentence, cue: Token) -> list[Token]:
    """Where a cue without a subject takes it from: the verb it is coordinated with or
    complements ("X met Y and said ...", "X wanted to stress ..."), and for a participle
    ("..., saying ...", "reacted by calling X a Y", "issued a statement expressing ...")
    the clause it hangs off, through the noun it describes."""
    if cue.head < 0 or not (cue.deprel in ("conj", "xcomp") or (
            cue.xpos == "VBG" and cue.deprel in ("advcl", "acl", "xcomp"))):
        return []
    head = sent.tokens[cue.head]
    if cue.deprel == "acl" and head.head >= 0:
        head = sent.tokens[head.head]  # "issued [a statement] expressing ..."
    out = [head]
    while head.deprel in ("xcomp", "conj") and head.head >= 0 and len(out) < 3:
        head = sent.tokens[head.head]  # "X was first to share the news, announcing ..."
        out.append(head)
    return out


def _quoted_as_saying(sent: Sentence, cue: Token) -> list[Token]:
    """ "State television quoted the official as saying ...": the one quoted speaks."""
    if cue.head < 0 or verb_lemma(sent.tokens[cue.head].text,
                                  sent.tokens[cue.head].lemma) not in _words().quoting_verbs:
        return []
    return [c for c in sent.children(cue.head) if c.deprel == "obj"]


def _subjects(doc: DocumentAnalysis, sent: Sentence, head: int, cue: Token) -> list[Token]:
    """Subjects of ``head`` outside quotation marks and speaker labels (a turn's label
    "VOA:" can come out as the subject of the first clause), dates excluded; one before the
    cue wins over one after it ("X said Y was killed" can make Y a second subject), and of
    two before it the named one (an apposition parsed as a second subject)."""
    found = [c for c in sent.children(head) if c.deprel in ("nsubj", "nsubj:pass", "nsubj:outer")
             and not doc.quote_marks.covers(c.start) and not doc.interview.in_label(c.start)
             and not find_date_mentions(phrase_text(doc, sent, phrase_indices(sent, c.index)))]
    return sorted(found, key=lambda c: (
        c.index > cue.index, not _names_speaker(sent, c), abs(c.index - cue.index)))


def _body_between(doc: DocumentAnalysis, state: QuoteState, start: int,
                  end: int) -> Actor | None:
    """The last subject in ``[start, end)`` that is a country or organisation."""
    for sent, token in reversed(state.subjects):
        if token.start < start:
            break
        if token.start < end:
            actor = doc.actor(sent, token.index)
            if actor.type in (ActorType.COUNTRY, ActorType.ORGANIZATION):
                return actor
    return None


def _according_to(doc: DocumentAnalysis, sent: Sentence,
                  state: QuoteState) -> tuple[Actor, Token] | None:
    """ "..., according to X": X speaks."""
    for token in sent.tokens:
        if token.lemma.lower() == "accord" and token.head >= 0:
            head = sent.tokens[token.head]
            actor = doc.coref.resolve(doc.actor(sent, head.index), head, position=head.start,
                                      pronoun=False, also=state.speakers)
            return actor, head
    return None


def _names_speaker(sent: Sentence, token: Token) -> bool:
    """Whether ``token`` is tagged as a person or organisation name."""
    entity = sent.entity_at(token.index)
    return entity is not None and entity.type in (EntityType.PERSON, EntityType.ORGANIZATION)


def _vague_group(actor: Actor) -> bool:
    """ "Officials", "others", "observers": a group with no name, country or affiliation."""
    return (actor.type is ActorType.GROUP and actor.country is None
            and actor.affiliation is None and not any(
                w[:1].isupper() for w in actor.name.split()[1:]))


# --- indirect and mixed quotes -----------------------------------------------------------------
def _reported(doc: DocumentAnalysis, sent: Sentence, state: QuoteState) -> Iterator[Quote]:
    marks = doc.quote_marks
    for cue in sent.tokens:
        lemma = _cue_lemma(cue)
        if (lemma not in _words().speech_verbs | _words().judging_verbs or marks.covers(cue.start)
                or (sent.index, cue.index) in state.used_cues):
            continue
        content = _content(doc, sent, cue)
        if len(content) < 3 or _object_relative(sent, cue) or _negated(sent, cue):
            continue
        start, end = sent.tokens[content[0]].start, sent.tokens[content[-1]].end
        end = _close_quote(doc.text, start, end, marks)
        if marks.within_full(start, end):
            continue  # the direct-quote pass has it
        fragment = marks.overlaps(start, end)
        if not fragment and not _reports_clause(sent, cue, lemma, content):
            continue
        found = _speaker(doc, sent, cue, state) or _according_to(doc, sent, state)
        if found is None or (not fragment and _vague_group(found[0])):
            continue  # nobody, or "Officials say ...": nobody in particular
        yield _reported_quote(doc, sent, cue, found[0], content, (start, end), fragment, state)


def _according_to_reports(doc: DocumentAnalysis, sent: Sentence,
                          state: QuoteState) -> Iterator[Quote]:
    """ "The talks will resume next week, according to a senior diplomat": the clause is
    what the source said (a statement's issuer speaks for it: "according to a statement
    issued by X"), the whole clause up to its main verb. A clause the reported pass
    already took is left alone; an unnamed group or a thing ("according to official
    data") speaks for nobody."""
    for token in sent.tokens:
        source = _according_source(sent, token)
        if source is None or source.head < 0:
            continue
        main = sent.tokens[source.head]
        while main.deprel in ("advcl", "xcomp", "conj", "acl", "acl:relcl") and main.head >= 0:
            main = sent.tokens[main.head]  # "... flew 600 km before landing, according to X"
            if not is_verb(main) and main.head >= 0:
                main = sent.tokens[main.head]
        if (sent.index, main.index) in state.used_cues:
            continue
        left_out = set(sent.subtree(source.index)) | {token.index} | _own_reports(sent, main)
        content = _trim_punctuation(sent, [i for i in sent.subtree(main.index)
                                           if i not in left_out])
        content = content[:next((n for n, i in enumerate(content) if n and i != content[n - 1] + 1),
                                len(content))]
        if len(content) < 3 or not any(is_verb(sent.tokens[i]) for i in content):
            continue
        speaker = _issuer(doc, sent, source, state)
        start, end = sent.tokens[content[0]].start, sent.tokens[content[-1]].end
        if speaker is None or _vague_group(speaker) or doc.quote_marks.within_full(start, end):
            continue
        state.used_cues.add((sent.index, main.index))
        yield _reported_quote(doc, sent, token, speaker, content, (start, end),
                              doc.quote_marks.overlaps(start, end), state)


def _own_reports(sent: Sentence, main: Token) -> set[int]:
    """Clauses below ``main`` with a speech verb of their own ("..., two days after the
    country said ..."): someone else's statement, not part of this one."""
    out: set[int] = set()
    for child in sent.children(main.index):
        tree = sent.subtree(child.index)
        if child.deprel != "punct" and any(
                _cue_lemma(sent.tokens[i]) in _words().speech_verbs for i in tree):
            out.update(tree)
    return out


def _according_source(sent: Sentence, token: Token) -> Token | None:
    """The source of "according to X" when ``token`` is its "according"."""
    if token.lemma.lower() != "accord" or token.head < 0 or not any(
            c.lemma.lower() == "to" for c in sent.children(token.index)):
        return None
    source = sent.tokens[token.head]
    return source if source.deprel.startswith(("obl", "nmod")) else None


def _issuer(doc: DocumentAnalysis, sent: Sentence, source: Token,
            state: QuoteState) -> Actor | None:
    """Who speaks through "according to X": X, or the issuer of a statement X ("a
    statement issued by the ministry", "a report from Y")."""
    if source.lemma.lower() in _words().statement_nouns:
        for child in sent.children(source.index):
            cases = {c.lemma.lower() for c in sent.children(child.index) if c.deprel == "case"}
            if child.deprel.startswith("nmod") and cases & _words().issuer_cases:
                source = child
                break
            for grandchild in sent.children(child.index):
                if child.deprel.startswith("acl") and grandchild.deprel in ("obl:agent", "obl"):
                    source = grandchild
    actor = doc.actor(sent, source.index)
    if actor.type is ActorType.GROUP and actor.title is None:
        return None
    return doc.coref.expand_surname(doc.coref.resolve(
        actor, source, position=source.start, pronoun=False, also=state.speakers), source.start)


def _reports_clause(sent: Sentence, cue: Token, lemma: str | None, content: list[int]) -> bool:
    """Without a quoted fragment, only a strong speech verb that reports a clause with a
    verb in it is indirect speech ("announced the activation of ..." is an act; "said
    Thursday during a briefing" reports nothing)."""
    if lemma in _words().judging_verbs and _predicative(sent, cue):
        return True
    return (lemma in _words().strong_speech_verbs | {"say"} and _clausal(sent, cue)
            and any(is_verb(sent.tokens[i]) for i in content))


def _predicative(sent: Sentence, cue: Token) -> bool:
    """A judgement told as an object and what it is called, of or asked to do: "called the
    move a mistake", "described the sanctions as illegal", "accused the West of
    escalating", "warned Seoul against provocations", "urged China to stop"."""
    objects = [c for c in sent.children(cue.index) if c.deprel in ("obj", "iobj")]
    if len(objects) != 1:
        return len(objects) > 1
    for head in (cue, objects[0]):
        for child in sent.children(head.index):
            opener = {c.lemma.lower() for c in sent.children(child.index)
                      if c.deprel in ("case", "mark")}
            if child.deprel == "xcomp" or (
                    child.deprel.startswith(("obl", "nmod", "advcl", "acl"))
                    and opener & _words().predicative_cases) or (
                    child.deprel == "advcl" and is_verb(child)
                    and opener & _words().infinitive_marks):
                return True
    return False


def _reported_quote(doc: DocumentAnalysis, sent: Sentence, cue: Token, speaker: Actor,
                    content: list[int], extent: tuple[int, int], fragment: bool,
                    state: QuoteState) -> Quote:
    start, end = extent
    state.remember(speaker, start)
    state.used_cues.add((sent.index, cue.index))
    text = doc.text[start:end]
    date = _statement_date(doc, sent, cue, frozenset(content) - {cue.index})
    return take_position(doc, Quote(
        document=doc.info,
        date=date,
        evidence=(Span(sent.index, start, end, text),),
        confidence=0.75 if fragment else 0.7,
        codes=CODES,
        speaker=speaker,
        text=text,
        quote_type=QuoteType.MIXED if fragment else QuoteType.INDIRECT,
        cue=_cue_text(sent, cue),
    ), sent, cue)


def _clausal(sent: Sentence, cue: Token) -> bool:
    """Whether the cue reports a clause (said that ..., "..., X said")."""
    complement = _complement(sent, cue)
    return (complement is not None and any(
        is_verb(sent.tokens[i]) for i in sent.subtree(complement.index))) or (
        cue.deprel in ("parataxis", "ccomp")) or bool(_fronted(sent, cue))


def _fronted(sent: Sentence, cue: Token) -> list[int]:
    """ "Y, X said" / "Y, said X": the clause before the comma that precedes the speaker."""
    # the subject next to the cue: a second "subject" further left can be a piece of the
    # fronted clause itself ("..., its lack of consensus ...,” he told")
    subjects = [c for c in sent.children(cue.index) if c.deprel.startswith("nsubj")]
    if not subjects:
        return []
    subject = min(subjects, key=lambda c: abs(c.index - cue.index))
    left = min(min(sent.subtree(subject.index)), cue.index)
    while left >= 2 and sent.tokens[left - 1].text in CLOSERS + '"':
        left -= 1  # 'Delhi “will be careful,” he told': the comma inside the marks
    if left < 2 or sent.tokens[left - 1].text not in (",", "—", "–"):
        return []
    indices = [t.index for t in sent.tokens[:left - 1]]
    return indices if any(is_verb(sent.tokens[i]) for i in indices) else []


def _content(doc: DocumentAnalysis, sent: Sentence, cue: Token) -> list[int]:
    """Token indices of what the cue verb reports.

    A reported clause ("said that ...") is the clause alone. A report that is the verb's
    own predicate ("called the test a “provocation”", "called on the junta to restore its
    “roadmap”", "vowed unspecified “responses” if ...") starts at the verb.
    """
    complement = _complement(sent, cue)
    if complement is not None and complement.deprel == "xcomp":
        predicate = _open_complement(sent, cue, complement)
        if predicate is not None:
            return predicate
    adopted: set[int] = set()
    if complement is not None:
        indices = _complement_clause(sent, cue, complement, adopted)
    elif fronted := _fronted(sent, cue):
        indices = fronted
        # 'Delhi “will be careful,” he told': a subject inside the fronted clause is its own
        for c in sent.children(cue.index):
            if c.index in fronted:
                adopted.update(sent.subtree(c.index))
    elif cue.deprel in ("parataxis", "ccomp") and cue.head >= 0 and (
            sent.tokens[cue.head].start < cue.start):
        # "Y, X said": the cue hangs off the reported clause
        cue_tree = set(sent.subtree(cue.index))
        indices = [i for i in sent.subtree(cue.head) if i not in cue_tree]
    elif _predicate_report(doc, sent, cue) or (
            _cue_lemma(cue) in _words().judging_verbs and _predicative(sent, cue)):
        return _predicate(sent, cue)
    else:
        return []
    return _one_stretch(sent, cue, sorted(set(indices)), complement, adopted)


def _open_complement(sent: Sentence, cue: Token, complement: Token) -> list[int] | None:
    """An open complement ("urged X to Y", "called X Y", "called for “calm”"): the
    predicate, or nothing at all; ``None`` when the complement reads as a clause."""
    after = [c for c in sent.children(cue.index) if c.index > cue.index]
    if _cue_lemma(cue) in _words().clause_only_verbs:
        return []  # "agreed to jointly address ...": a commitment, not a statement
    if any(c.deprel in ("obj", "iobj") and c.index < complement.index for c in after):
        return _predicate(sent, cue)  # "called X Y", "urged X to Y"
    if not any(is_verb(sent.tokens[i]) for i in sent.subtree(complement.index)):
        if any(c.deprel == "case" for c in sent.children(complement.index)):
            return _predicate(sent, cue)  # "called for “calm”"
        return []  # "the launches it called “unacceptable”": the object is elsewhere
    return None


def _complement_clause(sent: Sentence, cue: Token, complement: Token,
                       adopted: set[int]) -> list[int]:
    """The reported clause without its "that"; a second clausal piece joins it ("said the
    growing fear ... “are making ...”"), and so does a subject the parser hung on the cue
    ("X said Y was killed" with Y a second subject or object of "said")."""
    tree = sent.subtree(complement.index)
    indices = [i for i in tree
               if not (sent.tokens[i].head == complement.index
                       and sent.tokens[i].lemma.lower() == "that"
                       and (sent.tokens[i].deprel == "mark" or i == min(tree)))]
    after = [c for c in sent.children(cue.index) if c.index > cue.index]
    for other in after:
        if other.deprel in ("ccomp", "parataxis") and other is not complement and (
                other.index > complement.index):
            indices.extend(sent.subtree(other.index))
    if _subject_before(sent, cue) and not any(
            c.deprel.startswith("nsubj") for c in sent.children(complement.index)):
        begin = min(sent.subtree(complement.index))
        for c in after:
            tree = sent.subtree(c.index)
            gap = sent.tokens[max(tree) + 1:begin]
            if (c.deprel.startswith("nsubj") or c.deprel in ("obj", "iobj")) and (
                    c.index < complement.index and all(t.upos == "PUNCT" for t in gap)):
                adopted.update(tree)
        indices.extend(adopted)
    return indices


def _predicate_report(doc: DocumentAnalysis, sent: Sentence, cue: Token) -> bool:
    """ "vowed unspecified “responses” if ...", "touted the meeting as ...": the verb's own
    predicate is the report (an object, or a quoted oblique or clause)."""
    if _cue_lemma(cue) in _words().clause_only_verbs:
        return False
    after = [c for c in sent.children(cue.index) if c.index > cue.index]
    return any(c.deprel == "obj" for c in after) or any(
        c.deprel in ("obl", "advcl", "xcomp") and doc.quote_marks.overlaps(*_extent(sent, c))
        for c in after)


def _one_stretch(sent: Sentence, cue: Token, indices: list[int], complement: Token | None,
                 adopted: set[int]) -> list[int]:
    """One stretch from the first to the last word (a mis-attached word inside is still
    part of what was said), never across the cue and its speaker, no outer punctuation."""
    indices = _trim_punctuation(sent, indices)
    if not indices:
        return []
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


def _trim_punctuation(sent: Sentence, indices: list[int]) -> list[int]:
    while indices and sent.tokens[indices[-1]].upos == "PUNCT":
        indices = indices[:-1]
    while indices and sent.tokens[indices[0]].upos == "PUNCT":
        indices = indices[1:]
    return indices


def _predicate(sent: Sentence, cue: Token) -> list[int]:
    """The cue verb and what follows it in its phrase (not its subject, adverbs or when it
    was said: "called X a “Y” on Wednesday" dates the statement, it is not part of it)."""
    drop = {"nsubj", "nsubj:pass", "aux", "aux:pass", "punct", "advmod", "obl:tmod"}
    time = vocabulary().time
    indices = {cue.index}
    for child in sent.children(cue.index):
        temporal = child.deprel.startswith(("obl", "nmod")) and child.lemma.lower() in (
            time.date_words | time.period_nouns)
        if child.deprel not in drop and child.index > cue.index and not temporal:
            indices.update(sent.subtree(child.index))
    span = list(range(cue.index, max(indices) + 1))
    while span and sent.tokens[span[-1]].upos == "PUNCT":
        span.pop()
    return _without_trailing_date(sent, span)


def _without_trailing_date(sent: Sentence, span: list[int]) -> list[int]:
    """ "called X an “Asian Hitler” on Wednesday" (the date hung on the last noun): the
    closing "on <day>" says when, not what."""
    time = vocabulary().time
    words = time.date_words | time.period_nouns
    if len(span) > 3 and sent.tokens[span[-1]].lemma.lower() in words and (
            sent.tokens[span[-2]].deprel == "case"):
        return span[:-2]
    return span


def _cue_text(sent: Sentence, cue: Token) -> str:
    """The cue as written: the verb, its particle, and for "tell" its object ("told VOA")."""
    parts = [cue]
    for child in sent.children(cue.index):
        if (child.deprel in ("obj", "iobj") and _cue_lemma(cue) == "tell") or (
                child.deprel == "compound:prt"):
            parts.append(child)
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.index))


def _cue_lemma(token: Token) -> str | None:
    """The speech-verb lemma of ``token`` if it is used as a verb, else ``None``.

    Past forms ("reiterated", "told") count even when a weak tagger calls them nouns.
    """
    word = token.text.lower()
    if is_verb(token) or word.endswith("ed") or (
            word in vocabulary().common.irregular_verb_forms):
        return verb_lemma(token.text, token.lemma)
    return None


def _close_quote(text: str, start: int, end: int, marks: QuoteIndex) -> int:
    """Move ``end`` past the closing mark of a quote opened inside ``text[start:end]``.

    The reported span is trimmed of trailing punctuation, which would leave “reckless and
    dangerous.” without its closing mark.
    """
    for seg in marks.segments:
        if seg.closed and start < seg.start <= end <= seg.end + 1:
            tail = text[end:seg.end + 3]
            closing = next((i for i, c in enumerate(tail) if c in CLOSERS or c == '"'), None)
            if closing is not None and end + closing >= seg.end:
                return end + closing + 1
    return end


def _negated(sent: Sentence, cue: Token) -> bool:
    """ "did not say what type of missiles ...": nothing was said."""
    negation = vocabulary().common.negation_words - {"no"}
    return any(c.lemma.lower() in negation and c.deprel == "advmod"
               for c in sent.children(cue.index))


def _object_relative(sent: Sentence, cue: Token) -> bool:
    """ "the launches it called “unacceptable”": the cue describes the noun it modifies
    (an official "who vowed to ..." still speaks)."""
    return cue.deprel == "acl:relcl" and not any(
        c.deprel.startswith("nsubj") and c.lemma.lower() in vocabulary().common.relative_words
        for c in sent.children(cue.index))


def _subject_before(sent: Sentence, cue: Token) -> bool:
    return any(c.deprel.startswith("nsubj") and c.index < cue.index
               for c in sent.children(cue.index))


def _extent(sent: Sentence, token: Token) -> tuple[int, int]:
    """Character extent of a token's subtree."""
    indices = sent.subtree(token.index)
    return sent.tokens[min(indices)].start, sent.tokens[max(indices)].end


def _complete(sent: Sentence, clause: Token, that: Token) -> bool:
    """Whether a "that" the parser took for a relative pronoun opens a complete clause
    ("told a briefing that China opposed the move": the clause has an object of its own,
    so "that" is no gap in it)."""
    return that.deprel in ("obj", "nsubj") and any(
        g.deprel == "obj" and g is not that for g in sent.children(clause.index))


def _complement(sent: Sentence, cue: Token) -> Token | None:
    """The clause a speech verb reports: its complement after it or, when the parser made
    the reported clause's subject a second subject or an object of the cue ("said the
    missiles landed ..." with "landed" hanging off "missiles"), that noun with its verb."""
    children = [c for c in sent.children(cue.index) if c.index > cue.index]
    for child in children:
        if child.deprel in ("ccomp", "xcomp"):
            return child
    for child in children:
        if child.deprel.startswith("nsubj") or child.deprel in ("obj", "iobj"):
            clause = _clause_under_nominal(sent, child)
            if clause is not None:
                return clause
    for i in sent.subtree(cue.index):  # "warned on Monday that X ...", "told a briefing
        day = sent.tokens[i]            # on Monday that X ..."
        if i > cue.index and day.lemma.lower() in vocabulary().time.date_words:
            clause = _clause_under_nominal(sent, day)
            if clause is not None and clause is not day:
                return clause
    return _clause_after_object(sent, children)


def _clause_under_nominal(sent: Sentence, nominal: Token) -> Token | None:
    """ "said the missiles landed ...", "said attackers collaborated ..." (the clause's
    subject taken for the cue's object, its verb for a participle): the noun is the
    clause; "told the parliament that X should ..." (the that-clause taken for a relative
    clause of the object): that clause."""
    for c in sent.children(nominal.index):
        if not (c.deprel in ("acl", "acl:relcl") and is_verb(c)):
            continue
        that = any(g.lemma.lower() == "that" and (g.deprel == "mark" or _complete(sent, c, g))
                   for g in sent.children(c.index))
        own_subject = any(g.deprel.startswith("nsubj") and g.lemma.lower() not in (
            vocabulary().common.relative_words) for g in sent.children(c.index))
        if that and own_subject:
            return c
        if c.xpos in ("VBD", "VBN", "VBZ"):
            return nominal
    return None


def _clause_after_object(sent: Sentence, children: list[Token]) -> Token | None:
    """ "She says about 2,000 families — including children — are sleeping outside": the
    parser split the clause into the cue's object and a paratactic verb without subject."""
    objects = [c for c in children if c.deprel == "obj"]
    for c in children:
        if objects and c.deprel == "parataxis" and c.index > objects[0].index and is_verb(c) and (
                not any(g.deprel.startswith("nsubj") for g in sent.children(c.index))):
            return objects[0]
    return None


# --- merging -------------------------------------------------------------------------------------
def merge_quotes(quotes: Sequence[Quote]) -> list[Quote]:
    """The same statement found twice (e.g. by the direct and the reported pass) is one:
    the direct record is the most precise, else the longer one."""

    def same(a: Quote, b: Quote) -> bool:
        return a.evidence[0].start < b.evidence[0].end and b.evidence[0].start < a.evidence[0].end

    def fuse(a: Quote, b: Quote) -> Quote:
        def weight(q: Quote) -> tuple[bool, int]:
            return (q.quote_type is QuoteType.DIRECT, q.evidence[0].end - q.evidence[0].start)

        keep = a if weight(a) >= weight(b) else b
        return attrs.evolve(keep, date=better_date(a.date, b.date))

    return cluster(quotes, same, fuse)


def summary(quote: Quote) -> str:
    """The line ``--format pretty`` prints for a quote."""
    from geoevents.extractors.meetings import format_date

    title = f", {quote.speaker.title}" if quote.speaker.title else ""
    text = quote.text if len(quote.text) <= 160 else quote.text[:157] + "..."
    return (f"({quote.quote_type}) {format_date(quote.date)} {quote.speaker.name}{title} "
            f"[{quote.cue}]: “{text}” {describe_position(quote)}")
