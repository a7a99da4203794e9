"""The built-in event kinds: one module each, one registration each.

Each module holds the kind's extractor (a list of small named rules over the shared
:class:`~geoevents.analysis.DocumentAnalysis`), its merge rule and its pretty line; this
package registers them in :mod:`geoevents.kinds`.
"""

from geoevents.events import Meeting, MissileLaunch, Quote
from geoevents.extractors import launches, meetings, quotes
from geoevents.extractors.launches import MissileLaunchExtractor
from geoevents.extractors.meetings import MeetingExtractor
from geoevents.extractors.quotes import QuoteExtractor
from geoevents.kinds import EventKind, Extractor, register_kind

__all__ = ["Extractor", "MeetingExtractor", "MissileLaunchExtractor", "QuoteExtractor"]

register_kind(EventKind(
    "meeting", Meeting, extractor=MeetingExtractor, merge=meetings.merge_meetings,
    summary=meetings.summary))
register_kind(EventKind(
    "missile_launch", MissileLaunch, extractor=MissileLaunchExtractor,
    merge=launches.merge_launches, summary=launches.summary, label="LAUNCH"))
register_kind(EventKind(
    "quote", Quote, extractor=QuoteExtractor, merge=quotes.merge_quotes, summary=quotes.summary))
