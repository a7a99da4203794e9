"""Reading phrases off the dependency tree: verbs, noun phrases, coordination.

Pure functions of one :class:`~geoevents.Sentence`; they know nothing about events.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from geoevents.knowledge import vocabulary
from geoevents.nlp.annotation import AnnotatedDocument, Sentence, Token

__all__ = [
    "case_of",
    "clause_head",
    "conjuncts",
    "contiguous",
    "entity_head",
    "is_plural",
    "is_pronoun",
    "is_verb",
    "is_verb_form",
    "phrase_indices",
    "phrase_text",
    "strip_determiners",
    "tokens_between",
]

# Dependents that start a new phrase rather than belong to the noun phrase (relations of
# Universal Dependencies, not words).
_CLAUSAL = frozenset({"acl:relcl", "acl", "parataxis", "appos", "punct", "cc", "conj", "dep",
                      "case", "mark", "advcl", "discourse", "list", "reparandum"})
_PARENTHESIS_OPENERS = (",", "(", "—", "–")


def is_verb(token: Token) -> bool:
    """A verb or auxiliary by its tags (UPOS or Penn tag)."""
    return token.upos in ("VERB", "AUX") or token.xpos.startswith("VB")


def is_verb_form(token: Token) -> bool:
    """A verb, or a verb form a weak tagger called a noun ("launching", "test-fired")."""
    return is_verb(token) or (
        token.text.lower().endswith(("ed", "ing")) and token.upos != "ADJ")


def is_plural(token: Token) -> bool:
    """A plural noun by its features or Penn tag."""
    return "Number=Plur" in token.feats or token.xpos in ("NNS", "NNPS")


def is_pronoun(token: Token) -> bool:
    """Whether ``token`` is a personal pronoun that needs an antecedent."""
    return token.upos == "PRON" and token.text.lower() in vocabulary().common.personal_pronouns


def clause_head(sent: Sentence, index: int) -> Token:
    """The head of the clause around token ``index``: the first verb, or the first
    predicate with an auxiliary or copula ("the meeting *will be* evidence"), going up."""
    chain = [sent.tokens[index], *sent.ancestors(index)]
    for token in chain:
        if is_verb(token) or any(
            c.deprel in ("aux", "aux:pass", "cop") for c in sent.children(token.index)
        ):
            return token
    return chain[-1]


def contiguous(indices: list[int], head: int) -> list[int]:
    """Keep the run of consecutive indices that contains ``head``."""
    present = set(indices)
    lo = hi = head
    while lo - 1 in present:
        lo -= 1
    while hi + 1 in present:
        hi += 1
    return list(range(lo, hi + 1))


def _dependent_in_phrase(sent: Sentence, head: int, child: Token, keep: frozenset[str]) -> bool:
    if child.deprel in _CLAUSAL and child.deprel not in keep:
        return False
    subtree = sent.subtree(child.index)
    if child.index > head and sent.tokens[min(subtree)].text in _PARENTHESIS_OPENERS:
        return False  # "Iraqi special forces, in a later statement, said": a parenthetical
    # "Last week South Korean officials said": a date the parser hung on the noun
    return not (child.index < head and child.deprel != "nmod:poss"
                and child.lemma.lower() in _time_nouns())


def _time_nouns() -> frozenset[str]:
    words = vocabulary().time
    return words.date_words | words.period_nouns


def _without_leading_date(sent: Sentence, indices: list[int], head: int) -> list[int]:
    """Drop a date hung deeper inside the phrase ("week" under "South" in "Last week
    South Korean officials")."""
    for i, index in enumerate(indices):
        if index >= head:
            break
        if sent.tokens[index].lemma.lower() in _time_nouns() and all(
            sent.tokens[j].upos in ("ADJ", "DET", "NUM") for j in indices[:i]
        ):
            return indices[i + 1:]
    return indices


def phrase_indices(sent: Sentence, head: int, *, keep: frozenset[str] = frozenset()) -> list[int]:
    """The noun phrase headed by ``head``: its subtree minus clauses, appositions and conjuncts."""
    out = [head]
    for child in sent.children(head):
        if _dependent_in_phrase(sent, head, child, keep):
            out.extend(sent.subtree(child.index))
    indices = _without_leading_date(sent, contiguous(sorted(out), head), head)
    while len(indices) > 1 and sent.tokens[indices[-1]].upos == "PUNCT":
        indices.pop()
    while len(indices) > 1 and sent.tokens[indices[0]].upos in ("PUNCT", "CCONJ"):
        indices.pop(0)  # "Cameroon and C.A.R. officials" cut at the conjunction
    return indices


def phrase_text(doc: AnnotatedDocument, sent: Sentence, indices: Sequence[int]) -> str:
    """The document text from the first to the last of ``indices``."""
    if not indices:
        return ""
    return doc.text[sent.tokens[indices[0]].start: sent.tokens[indices[-1]].end]


def strip_determiners(sent: Sentence, indices: list[int]) -> list[int]:
    """``indices`` without leading determiners and possessive pronouns."""
    while indices and (sent.tokens[indices[0]].upos in ("DET", "PRON") and
                       sent.tokens[indices[0]].deprel in ("det", "nmod:poss", "det:poss")):
        indices = indices[1:]
    return indices


def conjuncts(sent: Sentence, head: int) -> list[int]:
    """``head`` and the heads coordinated with it ("A, B and C")."""
    out = [head]
    children = sent.children(head)
    for child in children:
        if (child.deprel == "conj" or _coordinated_apposition(sent, child)) and not (
                _title_of_next(sent, child, children)):
            out.extend(conjuncts(sent, child.index))
        elif child.deprel in ("flat", "flat:name"):
            out.extend(_names_inside_name(sent, child))
    return out


def _coordinated_apposition(sent: Sentence, child: Token) -> bool:
    """ "A and B" misparsed as an apposition of B to A: the "and" gives it away."""
    coordinators = vocabulary().common.coordinators
    return child.deprel == "appos" and any(
        c.deprel == "cc" and c.lemma.lower() in coordinators for c in sent.children(child.index))


def _title_of_next(sent: Sentence, conj: Token, siblings: tuple[Token, ...]) -> bool:
    """ "A and President B" parsed with "President" and "B" as two conjuncts: the title
    word belongs to the name right after it."""
    return (conj.lemma.lower() in vocabulary().actors.person_title_nouns
            and any(s.deprel == "conj" and s.index == conj.index + 1 for s in siblings))


def _names_inside_name(sent: Sentence, part: Token) -> list[int]:
    """ "President Vo Van Thuong and Indonesian President Joko Widodo" with the second name
    coordinated to (or hung on) a part of the first."""
    out: list[int] = []
    for grandchild in sent.children(part.index):
        if grandchild.deprel == "conj" and grandchild.upos == "PROPN":
            out.extend(conjuncts(sent, grandchild.index))
        elif grandchild.deprel in ("flat", "flat:name") and _second_name(
                sent, part.index, grandchild.index):
            out.append(grandchild.index)
    return out


def _second_name(sent: Sentence, head: int, part: int) -> bool:
    """``part``, a piece of the name at ``head``, is really another named entity joined by
    "and"/"or": the entity tagger sees two names, the parser one."""
    mine, theirs = sent.entity_at(head), sent.entity_at(part)
    if mine is None or theirs is None or mine == theirs:
        return False
    coordinators = vocabulary().common.coordinators
    return any(sent.tokens[i].deprel == "cc" and sent.tokens[i].lemma.lower() in coordinators
               for i in sent.subtree(part) if i < theirs.first)


def entity_head(sent: Sentence, first: int, last: int) -> int:
    """The syntactic head of tokens ``first..last`` (the one whose head lies outside)."""
    for index in range(first, last + 1):
        head = sent.tokens[index].head
        if not first <= head <= last:
            return index
    return last


def tokens_between(sent: Sentence, start: int, end: int) -> Iterator[Token]:
    """Tokens whose characters lie within ``[start, end)``."""
    for token in sent.tokens:
        if token.start >= start and token.end <= end:
            yield token


def case_of(sent: Sentence, token: Token) -> str:
    """The preposition of a nominal: its own, or the one that opens its phrase wherever the
    parser hung it ("with [Vladimir ← Putin]", "between [Foreign Minister ← Ana]")."""
    own = next((c.lemma.lower() for c in sent.children(token.index) if c.deprel == "case"), "")
    if own:
        return own
    first = sent.tokens[min(sent.subtree(token.index))]
    return first.lemma.lower() if first.deprel == "case" and first.index < token.index else ""
