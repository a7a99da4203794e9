"""The event model: frozen, typed attrs classes, free of I/O (JSON lives in :mod:`serialize`)."""

from __future__ import annotations

import enum
from typing import ClassVar

import attrs

from geoevents.actors import Actor
from geoevents.dates import EventDate
from geoevents.provenance import DocumentInfo, Span

__all__ = [
    "Codes",
    "DocumentEvents",
    "Event",
    "LaunchOutcome",
    "Location",
    "Meeting",
    "MeetingStatus",
    "MissileClass",
    "MissileLaunch",
    "Quote",
    "QuoteType",
]


def _confidence(_: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} must lie in [0, 1], got {value}")


class MeetingStatus(enum.StrEnum):
    """Whether a meeting took place, is planned, or was called off."""

    OCCURRED = "occurred"
    PLANNED = "planned"
    CANCELLED = "cancelled"


class MissileClass(enum.StrEnum):
    """Missile classes by range and role; ``UNKNOWN`` when the text does not say."""

    SRBM = "SRBM"
    MRBM = "MRBM"
    IRBM = "IRBM"
    ICBM = "ICBM"
    SLBM = "SLBM"
    CRUISE = "cruise"
    HYPERSONIC = "hypersonic"
    SLV = "SLV"
    UNKNOWN = "unknown"


class LaunchOutcome(enum.StrEnum):
    """How a launch went, as reported."""

    SUCCESS = "success"
    FAILURE = "failure"
    UNKNOWN = "unknown"


class QuoteType(enum.StrEnum):
    """Direct ("..."), indirect (said that ...) or mixed (reported speech with quoted bits)."""

    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


@attrs.frozen
class Codes:
    """Event-ontology codes where a mapping exists: CAMEO and PLOVER."""

    cameo: str | None = None
    plover: str | None = None


@attrs.frozen
class Location:
    """A place as written, with its country when known."""

    name: str
    country: str | None = None
    span: Span | None = None


@attrs.frozen(kw_only=True)
class _EventBase:
    document: DocumentInfo
    date: EventDate
    evidence: tuple[Span, ...]
    confidence: float = attrs.field(validator=_confidence)
    codes: Codes = Codes()


@attrs.frozen(kw_only=True)
class Meeting(_EventBase):
    """Two or more sides met (or will meet, or called it off).

    ``participants`` hold at least two actors, or one group actor ("Quad leaders").
    """

    kind: ClassVar[str] = "meeting"
    participants: tuple[Actor, ...]
    location: Location | None
    status: MeetingStatus
    trigger: str


@attrs.frozen(kw_only=True)
class MissileLaunch(_EventBase):
    """A state launched (or test-fired) one or more missiles or rockets."""

    kind: ClassVar[str] = "missile_launch"
    launcher: Actor
    count: int | None
    missile_type: str | None
    missile_class: MissileClass
    launch_site: Location | None
    landing_area: Location | None
    outcome: LaunchOutcome


@attrs.frozen(kw_only=True)
class Quote(_EventBase):
    """A quoted position: who said what, how, and through which cue.

    ``text`` is the content exactly as in the document (its span is ``evidence[0]``).
    """

    kind: ClassVar[str] = "quote"
    speaker: Actor
    text: str
    quote_type: QuoteType
    cue: str


Event = Meeting | MissileLaunch | Quote
"""Any event geoevents extracts."""


@attrs.frozen
class DocumentEvents:
    """Everything extracted from one document."""

    document: DocumentInfo
    meetings: tuple[Meeting, ...] = ()
    launches: tuple[MissileLaunch, ...] = ()
    quotes: tuple[Quote, ...] = ()
    extra: tuple[object, ...] = ()
    """Events of kinds added by custom extractors, in extraction order."""
    notes: tuple[str, ...] = ()
    """What was done to keep the document within geoevents' bounds (a run-on sentence cut
    into pieces for the parser, say), one line each; empty for ordinary text."""

    @property
    def events(self) -> tuple[object, ...]:
        """All events: meetings, launches, quotes, then custom kinds."""
        return (*self.meetings, *self.launches, *self.quotes, *self.extra)
