"""The registry of event kinds: what the engine, the serializer and the CLI know about a kind.

A kind is one :class:`EventKind`: its attrs class, the extractor that finds it, the rule
that merges mentions of one real-world event, the line ``--format pretty`` prints for it
and its default CAMEO/PLOVER codes. The engine, :func:`~geoevents.json_schema`,
:func:`~geoevents.event_from_dict` and the CLI iterate over the registry, so adding a kind
is one module and one :func:`register_kind` call:

>>> import attrs
>>> from typing import ClassVar
>>> from geoevents import DocumentInfo, EventKind, register_kind, registered_kinds
>>> from geoevents.kinds import unregister_kind
>>> @attrs.frozen(kw_only=True)
... class Sanction:
...     kind: ClassVar[str] = "sanction"
...     document: DocumentInfo
...     target: str
>>> _ = register_kind(EventKind("sanction", Sanction, summary=lambda e: e.target))
>>> [k.name for k in registered_kinds()][-1]
'sanction'
>>> unregister_kind("sanction")

Built-in kinds (``meeting``, ``missile_launch``, ``quote``) are registered when
:mod:`geoevents` is imported. Installed packages can add kinds through the entry-point
group ``geoevents.kinds`` (each entry point names an :class:`EventKind` or a function
returning one), which the CLI loads too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from importlib import metadata
from typing import Any, Final, Generic, Protocol, TypeVar, runtime_checkable

import attrs

from geoevents.analysis import DocumentAnalysis
from geoevents.errors import InvalidInputError

__all__ = [
    "ENTRY_POINT_GROUP",
    "EventKind",
    "Extractor",
    "get_kind",
    "kinds_in_order",
    "load_entry_point_kinds",
    "register_kind",
    "registered_kinds",
    "unregister_kind",
]

E = TypeVar("E")
E_co = TypeVar("E_co", covariant=True)

ENTRY_POINT_GROUP: Final = "geoevents.kinds"
logger = logging.getLogger(__name__)


@runtime_checkable
class Extractor(Protocol[E_co]):
    """Anything that reads an analysed document and yields events of one kind.

    ``kind`` names the kind (``"meeting"``); :class:`~geoevents.EventExtractor` runs any
    number of extractors over one shared analysis (a
    :class:`~geoevents.analysis.DocumentAnalysis`, which is an
    :class:`~geoevents.AnnotatedDocument` with the shared readings added). A custom
    extractor needs nothing else:

    >>> class Nothing:
    ...     kind = "nothing"
    ...     def extract(self, doc):
    ...         return iter(())
    >>> isinstance(Nothing(), Extractor)
    True
    """

    kind: str

    def extract(self, doc: DocumentAnalysis) -> Iterable[E_co]:
        """Yield the events of this extractor's kind found in ``doc``."""
        ...


def _keep_all(events: Sequence[Any]) -> list[Any]:
    return list(events)


def _generic_summary(event: Any) -> str:
    fields = [f for f in attrs.fields(type(event)) if f.name not in (
        "document", "evidence", "confidence", "codes", "id")] if attrs.has(type(event)) else []
    if not fields:
        return repr(event)
    return "; ".join(f"{f.name}={_short(getattr(event, f.name))}" for f in fields[:5])


def _short(value: Any) -> str:
    name = getattr(value, "name", None)
    if isinstance(name, str):
        return name
    iso = getattr(value, "iso", None)
    if callable(iso):
        return str(iso() or "—")
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


@attrs.frozen
class EventKind(Generic[E]):
    """One kind of event and everything the library needs to handle it.

    ``name`` is the kind's name (its event class's ``kind``), ``event_class`` the attrs
    class of its events, ``label`` the word ``--format pretty`` starts its lines with
    (the name in capitals by default). ``extractor`` builds the kind's default extractor
    (``None``: the kind only comes from extractors the caller passes); ``merge`` turns
    the mentions found in one document into one event per real-world event; ``summary``
    is the line ``--format pretty`` prints after the ``label``; ``default`` says whether
    :class:`~geoevents.EventExtractor` runs the extractor when no list is given.
    """

    name: str
    event_class: type[E]
    extractor: Callable[[], Extractor[E]] | None = None
    merge: Callable[[Sequence[E]], Sequence[E]] = _keep_all
    summary: Callable[[E], str] = _generic_summary
    label: str = attrs.field()
    default: bool = True

    @label.default
    def _label(self) -> str:
        return self.name.upper().replace("_", " ")


_REGISTRY: dict[str, EventKind[Any]] = {}
_ENTRY_POINTS_LOADED = False


def register_kind(kind: EventKind[E], *, replace: bool = False) -> EventKind[E]:
    """Add ``kind`` to the registry (engine, JSON, schema and CLI pick it up); returns it.

    Registering a name twice raises :class:`~geoevents.InvalidInputError` unless
    ``replace`` is true.
    """
    if getattr(kind.event_class, "kind", kind.name) != kind.name:
        raise InvalidInputError(
            f"{kind.event_class.__name__}.kind is {kind.event_class.kind!r}, "  # type: ignore[attr-defined]
            f"not {kind.name!r}", field="kind")
    if kind.name in _REGISTRY and not replace and _REGISTRY[kind.name] != kind:
        raise InvalidInputError(f"an event kind named {kind.name!r} is already registered",
                                field="kind")
    _REGISTRY[kind.name] = kind
    return kind


def unregister_kind(name: str) -> None:
    """Remove a kind from the registry (mainly for tests); unknown names are ignored."""
    _REGISTRY.pop(name, None)


def _ensure_builtins() -> None:
    # the built-in kinds register themselves when their package is imported
    import geoevents.extractors  # noqa: F401


def registered_kinds() -> tuple[EventKind[Any], ...]:
    """All registered kinds, in registration order (the built-in three first)."""
    _ensure_builtins()
    return tuple(_REGISTRY.values())


def get_kind(name: str) -> EventKind[Any] | None:
    """The registered kind called ``name``, or ``None``."""
    _ensure_builtins()
    return _REGISTRY.get(name)


def load_entry_point_kinds() -> list[str]:
    """Register the kinds installed packages declare in the ``geoevents.kinds`` entry-point
    group (once per process); returns the names added. A broken plugin is logged and
    skipped, never fatal."""
    global _ENTRY_POINTS_LOADED
    if _ENTRY_POINTS_LOADED:
        return []
    _ENTRY_POINTS_LOADED = True
    added: list[str] = []
    for entry in metadata.entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded = entry.load()
            kind = loaded() if callable(loaded) and not isinstance(loaded, EventKind) else loaded
            if not isinstance(kind, EventKind):
                raise TypeError(f"{entry.value} is not an EventKind")
            register_kind(kind, replace=True)
            added.append(kind.name)
        except Exception as error:  # a plugin must not break the library
            logger.warning("geoevents: event-kind plugin %s not loaded: %s", entry.name, error)
    return added


def kinds_in_order(names: Iterable[str]) -> list[str]:
    """``names`` sorted by registration order; unregistered names last, as given."""
    order = {name: i for i, name in enumerate(_REGISTRY)}
    return sorted(names, key=lambda n: order.get(n, len(order)))
