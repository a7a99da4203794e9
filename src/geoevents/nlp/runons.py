"""Cutting run-on sentences into pieces the parser can afford, at the best boundary found.

stanza's dependency parser scores every pair of words in a sentence, so its time and memory
grow with the square of a sentence's length (a 1,200-word "sentence" of ``[...]`` took 20 s
and 5 GB). :func:`cut_points` chooses where to cut a tokenized sentence so that no piece
holds more than ``max_words`` words; :func:`split_sentence` applies the cuts to a sentence
in stanza's dict form (``stanza.Document.to_dict()``), renumbering the words of each piece
while every ``start_char``/``end_char`` keeps pointing into the original text.

Pure functions over plain data: no model, no stanza import.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import Any, Final

__all__ = [
    "MIN_MAX_WORDS",
    "Boundary",
    "boundary",
    "cut_points",
    "group_tokens",
    "split_sentence",
]

MIN_MAX_WORDS: Final = 8
"""The smallest ``max_words`` accepted (a token may hold a few words: "can't" is two)."""

# Where a cut hurts the parse least, best first: after a clause-ending mark, after a comma
# or a dash, before a coordinating conjunction; a fixed window when none of them is found.
_CLAUSE_END: Final = frozenset({";", ":", ".", "!", "?", "…", "...", "。"})
_PHRASE_END: Final = frozenset({",", "—", "–", "--", "-"})
_CONJUNCTIONS: Final = frozenset({"and", "but", "or", "nor", "yet", "so", "while", "whereas"})


class Boundary(enum.StrEnum):
    """The kinds of boundary :func:`cut_points` may cut at, best first."""

    CLAUSE = "clause"
    """after ``;`` ``:`` ``.`` ``!`` ``?`` ``…``"""
    PHRASE = "phrase"
    """after a comma or a dash"""
    CONJUNCTION = "conjunction"
    """before "and", "but", "or", ..."""
    WINDOW = "window"
    """none of those: where the window is full"""


_RANKED: Final = tuple(Boundary)


def _rank(before: str, after: str) -> int:
    """How good a cut between tokens ``before`` and ``after`` is (the index in ``_RANKED``)."""
    if before in _CLAUSE_END:
        return 0
    if before in _PHRASE_END:
        return 1
    if after.lower() in _CONJUNCTIONS:
        return 2
    return 3


def cut_points(tokens: Sequence[tuple[str, int]], max_words: int) -> list[int]:
    """Indices of the tokens that begin a new piece, so that no piece exceeds ``max_words``.

    ``tokens`` are ``(text, number of words)`` pairs (a multi-word token such as "don't"
    counts its words). A cut is searched in the second half of each window of ``max_words``
    words: the best-ranked boundary there wins (the latest one on a tie), else the window is
    cut where it is full. A sentence within the limit gets no cut.

    >>> cut_points([("a", 1), (",", 1), ("b", 1), ("c", 1), ("d", 1)], max_words=8)
    []
    >>> words = [("word", 1)] * 9 + [(";", 1)] + [("word", 1)] * 10
    >>> cut_points(words, max_words=16)
    [10]
    """
    if max_words < MIN_MAX_WORDS:
        raise ValueError(f"max_words must be at least {MIN_MAX_WORDS}, got {max_words}")
    cuts: list[int] = []
    start = 0
    total = sum(count for _, count in tokens)
    remaining = total
    while remaining > max_words:
        best: tuple[int, int] | None = None  # (rank, index)
        words = 0
        index = start
        # walk the window [start, end) whose words fit in max_words
        while index < len(tokens) and words + tokens[index][1] <= max_words:
            words += tokens[index][1]
            index += 1
            if words >= max_words // 2 and index < len(tokens):
                rank = _rank(tokens[index - 1][0], tokens[index][0])
                if best is None or rank <= best[0]:
                    best = (rank, index)
        if best is None or _RANKED[best[0]] is Boundary.WINDOW:
            cut = max(index, start + 1)
        else:
            cut = best[1]
        cuts.append(cut)
        remaining -= sum(count for _, count in tokens[start:cut])
        start = cut
    return cuts


def boundary(tokens: Sequence[tuple[str, int]], cut: int) -> Boundary:
    """The kind of boundary between token ``cut - 1`` and token ``cut``."""
    return _RANKED[_rank(tokens[cut - 1][0], tokens[cut][0])]


def group_tokens(entries: Sequence[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    """A sentence in stanza's dict form as tokens: each a list of its entries.

    A multi-word token is one entry whose ``id`` is a ``(first, last)`` pair followed by
    one entry per word; any other token is one entry with an ``int`` id.
    """
    tokens: list[list[Mapping[str, Any]]] = []
    covered = 0  # the last word id inside the current multi-word token
    for entry in entries:
        ident = entry["id"]
        if isinstance(ident, list | tuple):
            tokens.append([entry])
            covered = int(ident[-1])
        elif int(ident) <= covered:
            tokens[-1].append(entry)
        else:
            tokens.append([entry])
    return tokens


def _words_in(token: Sequence[Mapping[str, Any]]) -> int:
    return sum(1 for entry in token if not isinstance(entry["id"], list | tuple))


def _renumbered(token: Sequence[Mapping[str, Any]], shift: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for entry in token:
        ident = entry["id"]
        new = dict(entry)
        if isinstance(ident, list | tuple):
            new["id"] = tuple(int(i) - shift for i in ident)
        else:
            new["id"] = int(ident) - shift
        out.append(new)
    return out


def split_sentence(
    entries: Sequence[Mapping[str, Any]], max_words: int
) -> tuple[list[list[dict[str, Any]]], list[Boundary]]:
    """Cut one tokenized sentence (stanza dict form, before tagging) into pieces of at most
    ``max_words`` words; returns the pieces (word ids renumbered from 1, character offsets
    untouched) and the kind of boundary of each cut."""
    tokens = group_tokens(entries)
    shape = [(str(token[0].get("text", "")), _words_in(token)) for token in tokens]
    cuts = cut_points(shape, max_words)
    pieces: list[list[dict[str, Any]]] = []
    shift = 0  # words before the piece
    for first, last in zip([0, *cuts], [*cuts, len(tokens)], strict=True):
        pieces.append([e for token in tokens[first:last] for e in _renumbered(token, shift)])
        shift += sum(words for _, words in shape[first:last])
    return pieces, [boundary(shape, cut) for cut in cuts]
