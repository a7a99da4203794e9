"""Meetings, on real output of the bundled model."""

import pytest

from geoevents import EventExtractor, MeetingStatus


def names(meeting: object) -> set[str]:
    return {p.name for p in meeting.participants}  # type: ignore[attr-defined]


def test_met_with_in_city(extractor: EventExtractor) -> None:
    doc = extractor.extract(
        "Secretary of State Antony Blinken met with French Foreign Minister Jean-Yves Le Drian "
        "in Paris on Tuesday.",
        published="2021-10-06",
    )
    [meeting] = doc.meetings
    assert {"Antony Blinken", "Jean-Yves Le Drian"} <= names(meeting)
    assert meeting.status is MeetingStatus.OCCURRED
    assert meeting.location is not None and meeting.location.name == "Paris"
    assert meeting.date.iso() == "2021-10-05"


def test_planned_meeting_between(extractor: EventExtractor) -> None:
    doc = extractor.extract(
        "Friday's meeting between U.S. national security adviser Jake Sullivan and his "
        "Japanese counterpart, Shigeru Kitamura, in Annapolis will focus on North Korea.",
        published="2021-04-01",
    )
    [meeting] = doc.meetings
    assert {"Jake Sullivan", "Shigeru Kitamura"} <= names(meeting)
    assert meeting.status is MeetingStatus.PLANNED
    assert meeting.date.iso() == "2021-04-02"


def test_participants_carry_countries(extractor: EventExtractor) -> None:
    doc = extractor.extract(
        "Chinese President Xi Jinping held talks with Russian President Vladimir Putin in "
        "Moscow on Monday.",
        published="2023-03-21",
    )
    [meeting] = doc.meetings
    countries = {p.name: p.country for p in meeting.participants}
    assert countries.get("Xi Jinping") == "CHN"
    assert countries.get("Vladimir Putin") == "RUS"


@pytest.mark.parametrize(
    "text",
    [
        "Biden and Xi spoke by phone on Thursday.",
        "Blinken did not meet with Wang Yi during the trip.",
        "The two leaders could meet at the G20 summit if tensions ease.",
        "Secretary Blinken held a video call with Foreign Minister Wang Yi.",
    ],
)
def test_not_a_meeting(extractor: EventExtractor, text: str) -> None:
    assert extractor.extract(text, published="2021-08-29").meetings == ()
