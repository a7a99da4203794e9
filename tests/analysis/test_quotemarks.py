"""Quote-mark scanning is pure text logic: no model needed."""

import itertools

from hypothesis import given
from hypothesis import strategies as st

from geoevents.analysis.quotemarks import scan_quotes


def texts_of(text: str) -> list[str]:
    return [text[s.start:s.end] for s in scan_quotes(text)]


def test_straight_and_curly_quotes() -> None:
    assert texts_of('He said "yes." She said “no.”') == ["yes.", "no."]


def test_split_quote_drops_the_comma_before_the_attribution() -> None:
    text = "“We are ready,” he said, “and we will act.”"
    assert texts_of(text) == ["We are ready", "and we will act."]


def test_multi_paragraph_quote_ends_each_paragraph() -> None:
    text = "“First paragraph of the quote.\n\n“Second paragraph,” she said."
    assert texts_of(text) == ["First paragraph of the quote.", "Second paragraph"]
    assert [s.closed for s in scan_quotes(text)] == [False, True]


def test_unbalanced_and_stray_marks_do_not_break_scanning() -> None:
    assert texts_of("A stray ” closing mark and “an open one") == ["an open one"]
    assert texts_of('Odd " count " of " marks') == ["count", "marks"]


def test_nested_single_quotes_stay_inside() -> None:
    assert texts_of("“They called it ‘final,’ he said.”") == ["They called it ‘final,’ he said."]


@given(st.text(alphabet=st.sampled_from('ab ,."“”\n'), max_size=80))
def test_segments_are_ordered_non_empty_substrings(text: str) -> None:
    segments = scan_quotes(text)
    for segment in segments:
        assert 0 <= segment.start < segment.end <= len(text)
        assert text[segment.start:segment.end].strip() == text[segment.start:segment.end]
    for a, b in itertools.pairwise(segments):
        assert a.end <= b.start


@given(st.text(max_size=200))
def test_never_raises_on_any_text(text: str) -> None:
    scan_quotes(text)
