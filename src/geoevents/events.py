"""The event model: frozen, typed attrs classes, free of I/O (JSON lives in :mod:`serialize`)."""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Final

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
    "Stance",
    "event_id",
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


class Stance(enum.StrEnum):
    """The stand a quote takes, from the speaker's side (the nine positions of the
    evaluation guide; ``ASSERT`` when the quote takes none)."""

    SUPPORT = "support"
    """approves, welcomes, praises, backs the target"""
    OPPOSE = "oppose"
    """criticises, condemns, rejects, calls it unacceptable"""
    ACCUSE = "accuse"
    """blames the target for a specific wrong act"""
    DEMAND = "demand"
    """asks, urges, calls on the target to act or to stop"""
    WARN = "warn"
    """warns or threatens consequences"""
    PLEDGE = "pledge"
    """commits the speaker's side to act or to cooperate"""
    DENY = "deny"
    """denies a claim or responsibility"""
    ASSESS = "assess"
    """judges or predicts without taking a side for or against the target"""
    ASSERT = "assert"
    """reports or announces facts, no stand"""


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


def event_id(document_id: str, kind: str, evidence: Sequence[Span]) -> str:
    """The stable id of an event: its kind and 12 hex digits of a hash of the document id,
    the kind and the first evidence span (the same text gives the same ids, run after run).

    >>> from geoevents.events import event_id
    >>> event_id("d1", "quote", [Span(0, 4, 9, "Korea")])
    'quote-ef19ced61065'
    """
    first = evidence[0] if evidence else None
    key = "\x1f".join([document_id, kind, *(
        (str(first.start), str(first.end), first.text) if first else ())])
    return f"{kind}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:12]}"


@attrs.frozen(kw_only=True)
class _EventBase:
    #: ``kind-`` and 12 hex digits, computed from the document id, the kind and the first
    #: evidence span (:func:`event_id`): never passed in, recomputed when a changed copy is
    #: made (``attrs.evolve``) or the event is loaded from JSON
    id: str = attrs.field(init=False)
    document: DocumentInfo
    date: EventDate
    evidence: tuple[Span, ...]
    confidence: float = attrs.field(validator=_confidence)
    codes: Codes = Codes()

    def __attrs_post_init__(self) -> None:
        kind = getattr(type(self), "kind", "event")
        object.__setattr__(self, "id", event_id(self.document.id, kind, self.evidence))


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
    """A quoted position: who said what, how, through which cue, and the stand it takes.

    ``text`` is the content exactly as in the document (its span is ``evidence[0]``);
    ``stance`` the position taken (:class:`Stance`), ``targets`` the actors it is directed
    at (the one urged, condemned or reported on, with the spans that name them),
    ``topics`` up to three topic keys ("missiles", "diplomacy-talks", ...), and ``about``
    the ids of the document's events the quote comments on.
    """

    kind: ClassVar[str] = "quote"
    speaker: Actor
    text: str
    quote_type: QuoteType
    cue: str
    stance: Stance = Stance.ASSERT
    targets: tuple[Actor, ...] = ()
    topics: tuple[str, ...] = ()
    about: tuple[str, ...] = ()


Event = Meeting | MissileLaunch | Quote
"""Any event geoevents extracts."""


_BUILT_IN: Final = ("meeting", "missile_launch", "quote")


def _groups(value: Mapping[str, Sequence[Any]]) -> dict[str, tuple[Any, ...]]:
    return {kind: tuple(events) for kind, events in value.items() if events}


@attrs.frozen
class DocumentEvents:
    """Everything extracted from one document, grouped by kind.

    ``by_kind`` maps each kind's name to its events (kinds in registry order, events in
    document order); ``meetings``, ``launches`` and ``quotes`` are the built-in kinds,
    ``extra`` everything else.

    >>> from geoevents import DocumentInfo
    >>> DocumentEvents(DocumentInfo("d1"), {"sanction": ("S1",)}).extra
    ('S1',)
    """

    document: DocumentInfo
    by_kind: dict[str, tuple[Any, ...]] = attrs.field(factory=dict, converter=_groups)
    notes: tuple[str, ...] = ()
    """What was done to keep the document within geoevents' bounds (a run-on sentence cut
    into pieces for the parser, say), one line each; empty for ordinary text."""

    def of_kind(self, kind: str) -> tuple[Any, ...]:
        """The events of one kind (empty when there are none)."""
        return self.by_kind.get(kind, ())

    @property
    def meetings(self) -> tuple[Meeting, ...]:
        """The meetings found."""
        return self.of_kind(Meeting.kind)

    @property
    def launches(self) -> tuple[MissileLaunch, ...]:
        """The missile launches found."""
        return self.of_kind(MissileLaunch.kind)

    @property
    def quotes(self) -> tuple[Quote, ...]:
        """The quoted positions found."""
        return self.of_kind(Quote.kind)

    @property
    def extra(self) -> tuple[Any, ...]:
        """Events of kinds other than the built-in three (custom extractors)."""
        return tuple(e for kind, events in self.by_kind.items() if kind not in _BUILT_IN
                     for e in events)

    @property
    def events(self) -> tuple[Any, ...]:
        """All events, kind by kind in registry order."""
        return tuple(e for events in self.by_kind.values() for e in events)
