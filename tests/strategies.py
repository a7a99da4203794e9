"""Hypothesis strategies that build valid events without any NLP."""

import datetime as dt

from hypothesis import strategies as st

from geoevents.actors import Actor, ActorType
from geoevents.dates import EventDate, Granularity, Resolution
from geoevents.events import (
    Codes,
    LaunchOutcome,
    Location,
    Meeting,
    MeetingStatus,
    MissileClass,
    MissileLaunch,
    Quote,
    QuoteType,
    Stance,
)
from geoevents.provenance import DocumentInfo, Span

texts = st.text(max_size=30)
optional_texts = st.none() | texts
iso3 = st.none() | st.sampled_from(["USA", "PRK", "KOR", "JPN", "CHN"])


@st.composite
def spans(draw: st.DrawFn) -> Span:
    start = draw(st.integers(0, 10_000))
    text = draw(texts)
    return Span(draw(st.integers(0, 500)), start, start + len(text), text)


documents = st.builds(
    DocumentInfo, id=st.text(min_size=1, max_size=20), url=optional_texts,
    publisher=optional_texts, published=st.none() | st.dates(),
)
dates = st.builds(
    EventDate, text=optional_texts, value=st.none() | st.dates(dt.date(1900, 1, 1)),
    granularity=st.none() | st.sampled_from(list(Granularity)),
    resolution=st.sampled_from(list(Resolution)),
)
actors = st.builds(
    Actor, name=texts, type=st.sampled_from(list(ActorType)), country=iso3, title=optional_texts,
    affiliation=optional_texts, mentions=st.lists(spans(), max_size=2).map(tuple),
)
locations = st.none() | st.builds(Location, name=texts, country=iso3,
                                  span=st.none() | spans())
codes = st.builds(Codes, cameo=optional_texts, plover=optional_texts)
common = {
    "document": documents, "date": dates, "evidence": st.lists(spans(), max_size=3).map(tuple),
    "confidence": st.floats(0, 1), "codes": codes,
}
meetings = st.builds(
    Meeting, participants=st.lists(actors, min_size=1, max_size=3).map(tuple),
    location=locations, status=st.sampled_from(list(MeetingStatus)), trigger=texts, **common,
)
launches = st.builds(
    MissileLaunch, launcher=actors, count=st.none() | st.integers(1, 50),
    missile_type=optional_texts, missile_class=st.sampled_from(list(MissileClass)),
    launch_site=locations, landing_area=locations, outcome=st.sampled_from(list(LaunchOutcome)),
    **common,
)
topics = st.sampled_from(["missiles", "nuclear", "diplomacy-talks", "sanctions"])
quotes = st.builds(
    Quote, speaker=actors, text=texts, quote_type=st.sampled_from(list(QuoteType)), cue=texts,
    stance=st.sampled_from(list(Stance)), targets=st.lists(actors, max_size=2).map(tuple),
    topics=st.lists(topics, max_size=3, unique=True).map(tuple),
    about=st.lists(st.from_regex(r"(meeting|missile_launch)-[0-9a-f]{12}", fullmatch=True),
                   max_size=2).map(tuple),
    **common,
)
events = meetings | launches | quotes
