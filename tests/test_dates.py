import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geoevents.dates import (
    DateResolver,
    EventDate,
    Granularity,
    Resolution,
    Tense,
    find_date_mentions,
)

THURSDAY = dt.date(2021, 4, 1)


@pytest.mark.parametrize(
    ("text", "tense", "iso", "resolution"),
    [
        ("Thursday", Tense.PAST, "2021-04-01", Resolution.RELATIVE),
        ("Friday's", Tense.FUTURE, "2021-04-02", Resolution.RELATIVE),
        ("Friday", Tense.PAST, "2021-03-26", Resolution.RELATIVE),
        ("last Friday", Tense.FUTURE, "2021-03-26", Resolution.RELATIVE),
        ("next Thursday", Tense.PAST, "2021-04-08", Resolution.RELATIVE),
        ("last week", Tense.PAST, "2021-W12", Resolution.RELATIVE),
        ("this week", Tense.PAST, "2021-W13", Resolution.RELATIVE),
        ("next week", Tense.FUTURE, "2021-W14", Resolution.RELATIVE),
        ("last month", Tense.PAST, "2021-03", Resolution.RELATIVE),
        ("last year", Tense.PAST, "2020", Resolution.RELATIVE),
        ("yesterday", Tense.PAST, "2021-03-31", Resolution.RELATIVE),
        ("tomorrow", Tense.FUTURE, "2021-04-02", Resolution.RELATIVE),
        ("two weeks ago", Tense.PAST, "2021-W11", Resolution.RELATIVE),
        ("March 25", Tense.PAST, "2021-03-25", Resolution.EXPLICIT),
        ("late April", Tense.FUTURE, "2021-04", Resolution.EXPLICIT),
        ("December", Tense.PAST, "2020-12", Resolution.EXPLICIT),
        ("December", Tense.FUTURE, "2021-12", Resolution.EXPLICIT),
        ("July 4, 2017", Tense.PAST, "2017-07-04", Resolution.EXPLICIT),
        ("25 March 2021", Tense.PAST, "2021-03-25", Resolution.EXPLICIT),
        ("in 2017", Tense.PAST, "2017", Resolution.EXPLICIT),
        ("2019-11-05", Tense.PAST, "2019-11-05", Resolution.EXPLICIT),
    ],
)
def test_resolves_news_conventions(text: str, tense: Tense, iso: str,
                                   resolution: Resolution) -> None:
    date = DateResolver(THURSDAY).resolve(text, tense=tense)
    assert date.iso() == iso
    assert date.resolution is resolution
    assert date.text == text


def test_relative_date_without_publication_keeps_text_and_no_value() -> None:
    date = DateResolver(None).resolve("last week")
    assert date.value is None
    assert date.resolution is Resolution.UNRESOLVED
    assert date.text == "last week"


def test_explicit_date_needs_no_publication() -> None:
    assert DateResolver(None).resolve("July 4, 2017").iso() == "2017-07-04"


def test_publication_date_is_labelled_as_such() -> None:
    date = EventDate.publication(THURSDAY)
    assert (date.value, date.resolution, date.text) == (THURSDAY, Resolution.PUBLICATION, None)
    assert EventDate.publication(None).value is None


def test_finds_mentions_without_modal_may_or_overlaps() -> None:
    text = "Officials may meet on Monday. In May 2019 they met; last week too."
    assert [m.text for m in find_date_mentions(text)] == ["Monday", "May 2019", "last week"]


@given(
    published=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31)),
    weekday=st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                             "Saturday", "Sunday"]),
    tense=st.sampled_from(list(Tense)),
)
def test_bare_weekday_lands_within_six_days_on_the_right_side(
    published: dt.date, weekday: str, tense: Tense
) -> None:
    date = DateResolver(published).resolve(weekday, tense=tense)
    assert date.value is not None and date.granularity is Granularity.DAY
    assert date.value.strftime("%A") == weekday
    delta = (date.value - published).days
    assert -6 <= delta <= 6
    if tense is Tense.PAST:
        assert delta <= 0
    if tense is Tense.FUTURE:
        assert delta >= 0


@given(published=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31)),
       text=st.sampled_from(["last week", "this week", "next week", "last month", "last year",
                             "yesterday", "three days ago", "a month ago"]))
def test_relative_values_are_period_starts(published: dt.date, text: str) -> None:
    date = DateResolver(published).resolve(text)
    assert date.value is not None
    if date.granularity is Granularity.WEEK:
        assert date.value.weekday() == 0
    if date.granularity is Granularity.MONTH:
        assert date.value.day == 1
    if date.granularity is Granularity.YEAR:
        assert (date.value.month, date.value.day) == (1, 1)


@given(st.text(max_size=300))
def test_mentions_are_exact_non_overlapping_substrings(text: str) -> None:
    mentions = find_date_mentions(text)
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.text
    for a, b in itertools.pairwise(mentions):
        assert a.end <= b.start


@given(st.text(max_size=60), st.sampled_from(list(Tense)))
def test_resolver_never_raises(text: str, tense: Tense) -> None:
    DateResolver(THURSDAY).resolve(text, tense=tense)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("In 1998, the first test took place.", "In 1998"),
        ("In May, the two sides met again.", "In May"),
        ("Since 2019, it has fired dozens.", "Since 2019"),
        ("During 2017 the tests went on.", "During 2017"),
    ],
)
def test_a_sentence_may_open_with_the_dates_preposition(text: str, found: str) -> None:
    assert [m.text for m in find_date_mentions(text)] == [found]
