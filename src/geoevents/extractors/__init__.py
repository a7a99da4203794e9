"""Event extractors: one protocol, one module per event kind."""

from geoevents.extractors.base import Extractor
from geoevents.extractors.launches import MissileLaunchExtractor
from geoevents.extractors.meetings import MeetingExtractor
from geoevents.extractors.quotes import QuoteExtractor

__all__ = ["Extractor", "MeetingExtractor", "MissileLaunchExtractor", "QuoteExtractor"]
