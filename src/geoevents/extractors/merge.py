"""Shared pieces of the merge rules: one event per real-world event per document.

Each kind's merge rule (in its own module) clusters the mentions it found with
:func:`cluster` and these tests of sameness and ways of fusing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from geoevents.actors import Actor, ActorType
from geoevents.dates import EventDate, Granularity, Resolution
from geoevents.provenance import Span

__all__ = [
    "better_date",
    "cluster",
    "date_rank",
    "dates_compatible",
    "evidence_union",
    "one_actor",
    "surname_keys",
    "union_actors",
]

T = TypeVar("T")

_FINENESS = {Granularity.DAY: 3, Granularity.WEEK: 2, Granularity.MONTH: 1, Granularity.YEAR: 0}


def date_rank(date: EventDate) -> tuple[int, int]:
    """How much a date says: text-based beats context and publication-date, which beat
    unresolved; finer wins."""
    if date.value is None or date.granularity is None:
        return (0, 0)
    source = 1 if date.resolution in (Resolution.PUBLICATION, Resolution.CONTEXT) else 2
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


#: how far from the publication day an event may lie and still be the one an undated
#: mention of the same article means ("North Korea has launched a rocket" and "on Tuesday")
RECENT_DAYS = 7


def dates_compatible(a: EventDate, b: EventDate) -> bool:
    """Whether two dates can describe the same event (one within the other's period).

    A mention without a date of its own (publication-date default) is compatible with any
    date close to publication, not with one of months before: "North Korea has launched a
    rocket" is not the launch "in April".
    """
    if None in (a.value, b.value):
        return True
    if Resolution.PUBLICATION in (a.resolution, b.resolution):
        default, other = (a, b) if a.resolution is Resolution.PUBLICATION else (b, a)
        return other.resolution is Resolution.PUBLICATION or _recent(other, default)
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


def _recent(date: EventDate, published: EventDate) -> bool:
    """Whether ``date``'s period comes within :data:`RECENT_DAYS` of the publication day."""
    assert date.value is not None and published.value is not None
    start = date.value
    end = {Granularity.DAY: start, Granularity.WEEK: start + dt.timedelta(days=6),
           Granularity.MONTH: _month_end(start),
           Granularity.YEAR: dt.date(start.year, 12, 31)}[date.granularity or Granularity.DAY]
    slack = dt.timedelta(days=RECENT_DAYS)
    return start - slack <= published.value <= end + slack


def _month_end(day: dt.date) -> dt.date:
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def better_date(a: EventDate, b: EventDate) -> EventDate:
    return b if date_rank(b) > date_rank(a) else a


def evidence_union(a: Sequence[Span], b: Sequence[Span]) -> tuple[Span, ...]:
    return tuple(sorted(set(a) | set(b), key=lambda s: (s.start, s.end)))


def cluster(
    items: Iterable[T], same: Callable[[T, T], bool], fuse: Callable[[T, T], T]
) -> list[T]:
    """Greedy clustering in order: each item joins the first cluster it is ``same`` as."""
    merged: list[T] = []
    for item in items:
        for i, existing in enumerate(merged):
            if same(existing, item):
                merged[i] = fuse(existing, item)
                break
        else:
            merged.append(item)
    return merged


def surname_keys(actors: Iterable[Actor]) -> set[str]:
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


def one_actor(a: Actor, b: Actor) -> bool:
    """Whether two mentions name the same actor (a shared surname or country)."""
    return bool(surname_keys([a]) & surname_keys([b]))


def _fuller(a: Actor, b: Actor) -> Actor:
    """Of two mentions of one actor, the one that says more ("Antony J. Blinken" over the
    headline's "Blinken")."""
    def weight(actor: Actor) -> tuple[bool, int, bool]:
        return (actor.type is ActorType.PERSON, len(actor.name.split()), actor.title is not None)

    return b if weight(b) > weight(a) else a


def union_actors(a: Sequence[Actor], b: Sequence[Actor]) -> tuple[Actor, ...]:
    out = list(a)
    for actor in b:
        for i, existing in enumerate(out):
            if one_actor(existing, actor):
                out[i] = _fuller(existing, actor)
                break
        else:
            out.append(actor)
    return tuple(out)
