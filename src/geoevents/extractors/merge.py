"""One event per real-world event per document: mentions of the same event are merged."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import attrs

from geoevents.actors import Actor, ActorType
from geoevents.dates import EventDate, Granularity, Resolution
from geoevents.events import (
    LaunchOutcome,
    Meeting,
    MissileClass,
    MissileLaunch,
    Quote,
    QuoteType,
)
from geoevents.provenance import Span

__all__ = ["date_rank", "merge_launches", "merge_meetings", "merge_quotes"]

T = TypeVar("T")

_FINENESS = {Granularity.DAY: 3, Granularity.WEEK: 2, Granularity.MONTH: 1, Granularity.YEAR: 0}


def date_rank(date: EventDate) -> tuple[int, int]:
    """How much a date says: text-based beats publication-date beats unresolved; finer wins."""
    if date.value is None or date.granularity is None:
        return (0, 0)
    source = 1 if date.resolution is Resolution.PUBLICATION else 2
    return (source, _FINENESS[date.granularity])


def _period(date: EventDate) -> tuple[int, ...] | None:
    if date.value is None or date.granularity is None:
        return None
    value = date.value
    if date.granularity is Granularity.DAY:
        return (value.year, value.month, value.day)
    if date.granularity is Granularity.WEEK:
        return tuple(value.isocalendar()[:2])
    if date.granularity is Granularity.MONTH:
        return (value.year, value.month)
    return (value.year,)


def dates_compatible(a: EventDate, b: EventDate) -> bool:
    """Whether two dates can describe the same event (one within the other's period)."""
    if Resolution.PUBLICATION in (a.resolution, b.resolution) or None in (a.value, b.value):
        return True
    assert a.value is not None and b.value is not None
    coarse, fine = sorted((a, b), key=lambda d: _FINENESS[d.granularity or Granularity.YEAR])
    assert coarse.value is not None and fine.value is not None
    if coarse.granularity is Granularity.YEAR:
        return coarse.value.year == fine.value.year
    if coarse.granularity is Granularity.MONTH:
        return (coarse.value.year, coarse.value.month) == (fine.value.year, fine.value.month)
    if coarse.granularity is Granularity.WEEK:
        return coarse.value.isocalendar()[:2] == fine.value.isocalendar()[:2]
    return _period(a) == _period(b)


def _better_date(a: EventDate, b: EventDate) -> EventDate:
    return b if date_rank(b) > date_rank(a) else a


def _evidence(a: Sequence[Span], b: Sequence[Span]) -> tuple[Span, ...]:
    return tuple(sorted(set(a) | set(b), key=lambda s: (s.start, s.end)))


def _cluster(
    items: Iterable[T], same: Callable[[T, T], bool], fuse: Callable[[T, T], T]
) -> list[T]:
    merged: list[T] = []
    for item in items:
        for i, existing in enumerate(merged):
            if same(existing, item):
                merged[i] = fuse(existing, item)
                break
        else:
            merged.append(item)
    return merged


def _surname_keys(actors: Iterable[Actor]) -> set[str]:
    keys: set[str] = set()
    for actor in actors:
        if actor.country is not None and actor.type.value == "country":
            keys.add(actor.country)
        words = re.findall(r"[\w'-]+", actor.name)
        if words:
            keys.add(words[-1].lower())
        if len(words) > 1 and actor.type is ActorType.PERSON:
            keys.add(words[0].lower())  # "Lai Ching-te" / "Lai": family name first
    return keys


def _one_actor(a: Actor, b: Actor) -> bool:
    """Whether two mentions name the same actor (a shared surname or country)."""
    return bool(_surname_keys([a]) & _surname_keys([b]))


def _fuller(a: Actor, b: Actor) -> Actor:
    """Of two mentions of one actor, the one that says more ("Antony J. Blinken" over the
    headline's "Blinken")."""
    def weight(actor: Actor) -> tuple[bool, int, bool]:
        return (actor.type is ActorType.PERSON, len(actor.name.split()), actor.title is not None)

    return b if weight(b) > weight(a) else a


def _union_actors(a: Sequence[Actor], b: Sequence[Actor]) -> tuple[Actor, ...]:
    out = list(a)
    for actor in b:
        for i, existing in enumerate(out):
            if _one_actor(existing, actor):
                out[i] = _fuller(existing, actor)
                break
        else:
            out.append(actor)
    return tuple(out)


def merge_meetings(meetings: Iterable[Meeting]) -> list[Meeting]:
    """Merge meetings that share at least two participants (or all of them) and a date."""

    def same(a: Meeting, b: Meeting) -> bool:
        shared = sum(1 for y in b.participants if any(_one_actor(x, y) for x in a.participants))
        need = min(2, len(a.participants), len(b.participants))
        return shared >= need and dates_compatible(a.date, b.date)

    def fuse(a: Meeting, b: Meeting) -> Meeting:
        return attrs.evolve(
            a,
            participants=_union_actors(a.participants, b.participants),
            location=a.location or b.location,
            date=_better_date(a.date, b.date),
            evidence=_evidence(a.evidence, b.evidence),
            confidence=max(a.confidence, b.confidence),
        )

    def headline(meeting: Meeting) -> bool:
        first = meeting.evidence[0]
        return first.sentence == 0 and not first.text.rstrip().endswith(
            (".", "!", "?", "”", '"', ":"))

    items = list(meetings)
    merged = _cluster([m for m in items if not headline(m)], same, fuse)
    for title in (m for m in items if headline(m)):
        # a headline ("Secretary Blinken's Meeting with ...") names the story's main meeting
        # more loosely than its first sentence: one shared participant is enough, and the
        # body's participants are the better record
        for i, body in enumerate(merged):
            if _surname_keys(body.participants) & _surname_keys(title.participants) and (
                    dates_compatible(body.date, title.date)):
                merged[i] = attrs.evolve(body, evidence=_evidence(body.evidence, title.evidence),
                                         location=body.location or title.location)
                break
        else:
            merged.append(title)
    return merged


def merge_launches(launches: Iterable[MissileLaunch]) -> list[MissileLaunch]:
    """Merge launches by the same state whose dates agree."""

    def key(launch: MissileLaunch) -> str:
        return launch.launcher.country or launch.launcher.name.lower()

    def same(a: MissileLaunch, b: MissileLaunch) -> bool:
        classes = {a.missile_class, b.missile_class} - {MissileClass.UNKNOWN}
        return key(a) == key(b) and dates_compatible(a.date, b.date) and len(classes) <= 1

    def fuse(a: MissileLaunch, b: MissileLaunch) -> MissileLaunch:
        return attrs.evolve(
            a,
            date=_better_date(a.date, b.date),
            evidence=_evidence(a.evidence, b.evidence),
            confidence=max(a.confidence, b.confidence),
            count=a.count if a.count is not None else b.count,
            missile_class=a.missile_class if a.missile_class is not MissileClass.UNKNOWN
            else b.missile_class,
            launch_site=a.launch_site or b.launch_site,
            landing_area=a.landing_area or b.landing_area,
            outcome=a.outcome if a.outcome is not LaunchOutcome.UNKNOWN else b.outcome,
        )

    return _cluster(launches, same, fuse)


def merge_quotes(quotes: Iterable[Quote]) -> list[Quote]:
    """Merge the same statement found twice (e.g. by the direct and the reported pass)."""

    def same(a: Quote, b: Quote) -> bool:
        return a.evidence[0].start < b.evidence[0].end and b.evidence[0].start < a.evidence[0].end

    def fuse(a: Quote, b: Quote) -> Quote:
        # a direct quote is the most precise record of a statement; else the longer one
        def weight(q: Quote) -> tuple[bool, int]:
            return (q.quote_type is QuoteType.DIRECT, q.evidence[0].end - q.evidence[0].start)

        keep = a if weight(a) >= weight(b) else b
        return attrs.evolve(keep, date=_better_date(a.date, b.date))

    return _cluster(quotes, same, fuse)
