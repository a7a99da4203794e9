"""geoevents: typed geopolitical events from English news text.

>>> from geoevents import EventExtractor
>>> extractor = EventExtractor()                                  # doctest: +SKIP
>>> doc = extractor.extract(text, published="2021-04-01")         # doctest: +SKIP
>>> doc.meetings, doc.launches, doc.quotes                        # doctest: +SKIP
"""

from importlib import metadata

from geoevents.actors import Actor, ActorType, country_code
from geoevents.analysis import DocumentAnalysis, analyze
from geoevents.dates import DateResolver, EventDate, Granularity, Resolution, Tense
from geoevents.engine import Article, EventExtractor
from geoevents.errors import (
    DocumentError,
    DocumentTooLongError,
    GeoEventsError,
    InvalidDateError,
    InvalidInputError,
    ModelError,
    ModelNotFoundError,
)
from geoevents.events import (
    Codes,
    DocumentEvents,
    Event,
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
from geoevents.extractors import MeetingExtractor, MissileLaunchExtractor, QuoteExtractor
from geoevents.kinds import EventKind, Extractor, register_kind, registered_kinds
from geoevents.nlp.annotation import AnnotatedDocument, Entity, EntityType, Sentence, Token
from geoevents.nlp.pipeline import Annotator, ModelInfo, ModelSource
from geoevents.provenance import DocumentInfo, Span
from geoevents.serialize import event_from_dict, event_to_dict, json_schema, to_json

__version__ = metadata.version("geoevents")

__all__ = [
    "Actor",
    "ActorType",
    "AnnotatedDocument",
    "Annotator",
    "Article",
    "Codes",
    "DateResolver",
    "DocumentAnalysis",
    "DocumentError",
    "DocumentEvents",
    "DocumentInfo",
    "DocumentTooLongError",
    "Entity",
    "EntityType",
    "Event",
    "EventDate",
    "EventExtractor",
    "EventKind",
    "Extractor",
    "GeoEventsError",
    "Granularity",
    "InvalidDateError",
    "InvalidInputError",
    "LaunchOutcome",
    "Location",
    "Meeting",
    "MeetingExtractor",
    "MeetingStatus",
    "MissileClass",
    "MissileLaunch",
    "MissileLaunchExtractor",
    "ModelError",
    "ModelInfo",
    "ModelNotFoundError",
    "ModelSource",
    "Quote",
    "QuoteExtractor",
    "QuoteType",
    "Resolution",
    "Sentence",
    "Span",
    "Stance",
    "Tense",
    "Token",
    "__version__",
    "analyze",
    "country_code",
    "event_from_dict",
    "event_to_dict",
    "json_schema",
    "register_kind",
    "registered_kinds",
    "to_json",
]
