"""Where run-on sentences are cut for the parser (pure logic over stanza's dict form)."""

import itertools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geoevents.nlp.runons import Boundary, boundary, cut_points, group_tokens, split_sentence


def words(text: str) -> list[tuple[str, int]]:
    return [(w, 1) for w in text.split()]


def pieces_of(tokens: list[tuple[str, int]], cuts: list[int]) -> list[list[str]]:
    return [[t for t, _ in tokens[a:b]] for a, b in zip([0, *cuts], [*cuts, len(tokens)],
                                                           strict=True)]


def test_a_sentence_within_the_limit_is_not_cut() -> None:
    assert cut_points(words("the talks ended , and the envoys left ."), max_words=10) == []


def test_clause_marks_beat_commas_and_commas_beat_conjunctions() -> None:
    tokens = words("a b c d e f ; g h , i and j k l")
    assert cut_points(tokens, max_words=12) == [7]  # after ";", though "," and "and" follow
    assert boundary(tokens, 7) is Boundary.CLAUSE
    tokens = words("a b c d e f , g h i and j k l")
    assert cut_points(tokens, max_words=12) == [7]
    assert boundary(tokens, 7) is Boundary.PHRASE
    tokens = words("a b c d e f g h i and j k l")
    [cut] = cut_points(tokens, max_words=12)
    assert tokens[cut][0] == "and" and boundary(tokens, cut) is Boundary.CONJUNCTION


def test_without_any_boundary_the_window_is_cut_where_it_is_full() -> None:
    tokens = words("w " * 30)
    assert cut_points(tokens, max_words=10) == [10, 20]
    assert boundary(tokens, 10) is Boundary.WINDOW


def test_a_boundary_in_the_first_half_of_the_window_is_not_taken() -> None:
    # a piece of one word would be useless to the parser
    tokens = words("a ; " + "w " * 20)
    assert cut_points(tokens, max_words=10) == [10, 20]


def test_multi_word_tokens_count_their_words_and_are_never_split() -> None:
    tokens = [("don't", 2)] * 12
    cuts = cut_points(tokens, max_words=9)
    assert all(sum(n for _, n in tokens[a:b]) <= 9
               for a, b in zip([0, *cuts], [*cuts, len(tokens)], strict=True))


def test_max_words_below_the_minimum_is_refused() -> None:
    with pytest.raises(ValueError, match="at least"):
        cut_points(words("a b c"), max_words=2)


_TOKEN = st.tuples(st.sampled_from(["w", ",", ";", "and", "...", "]", "—", "x"]),
                   st.integers(min_value=1, max_value=3))


@given(tokens=st.lists(_TOKEN, max_size=400), max_words=st.integers(min_value=8, max_value=60))
def test_cuts_cover_every_token_in_order_and_bound_every_piece(
    tokens: list[tuple[str, int]], max_words: int
) -> None:
    cuts = cut_points(tokens, max_words)
    assert cuts == sorted(set(cuts)) and all(0 < c < len(tokens) for c in cuts)
    bounds = [0, *cuts, len(tokens)]
    assert all(sum(n for _, n in tokens[a:b]) <= max_words
               for a, b in itertools.pairwise(bounds))
    if sum(n for _, n in tokens) <= max_words:
        assert cuts == []


def entry(ident: int | tuple[int, int], text: str, start: int) -> dict[str, Any]:
    return {"id": ident, "text": text, "start_char": start, "end_char": start + len(text)}


def test_split_sentence_renumbers_words_and_keeps_character_offsets() -> None:
    # "We can't stop , and they won't either" with two multi-word tokens
    sentence = [
        entry(1, "We", 0), entry((2, 3), "can't", 3), entry(2, "ca", 3), entry(3, "n't", 5),
        entry(4, "stop", 9), entry(5, ",", 13), entry(6, "and", 15), entry(7, "they", 19),
        entry((8, 9), "won't", 24), entry(8, "wo", 24), entry(9, "n't", 26),
        entry(10, "either", 30),
    ]
    assert [len(t) for t in group_tokens(sentence)] == [1, 3, 1, 1, 1, 1, 3, 1]
    extended = sentence + [entry(11 + i, "w", 40 + 2 * i) for i in range(6)]
    pieces, kinds = split_sentence(extended, max_words=8)
    assert kinds == [Boundary.PHRASE, Boundary.WINDOW]
    first, second, third = pieces
    assert [e["text"] for e in first] == ["We", "can't", "ca", "n't", "stop", ","]
    assert [e["id"] for e in second] == [1, 2, (3, 4), 3, 4, 5, 6, 7, 8]
    assert [e["id"] for e in third] == [1, 2, 3]
    assert second[0]["start_char"] == 15 and second[2]["start_char"] == 24
    assert sentence[1]["id"] == (2, 3)  # the input is left as it was
