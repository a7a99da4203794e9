"""Events to and from JSON: one cattrs converter, JSONL helpers and the JSON Schema.

The model classes know nothing about JSON; this module owns the mapping. Every event
becomes one flat object that starts with ``document_id`` and ``kind``, followed by the
event's own fields (the contract the CLI and the JSON Schema describe).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import types
import typing
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final, TextIO

import attrs
import cattrs

from geoevents.errors import InvalidInputError
from geoevents.kinds import get_kind, registered_kinds

__all__ = [
    "converter",
    "event_from_dict",
    "event_to_dict",
    "json_schema",
    "read_jsonl",
    "to_json",
    "write_jsonl",
]

converter = cattrs.Converter(forbid_extra_keys=False)
converter.register_unstructure_hook(dt.date, lambda value: value.isoformat())
# plain strings, not StrEnum members: the dicts are JSON-ready for any consumer


def _plain(value: Any) -> Any:
    """Enum members (which cattrs passes through, being str subclasses) as plain values."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
converter.register_structure_hook(dt.date, lambda value, _: dt.date.fromisoformat(value))


def event_to_dict(event: Any) -> dict[str, Any]:
    """One event as a JSON-ready dict (``document_id`` and ``kind`` first)."""
    body = _plain(converter.unstructure(event))
    return {"document_id": event.document.id, "kind": type(event).kind, **body}


def event_from_dict(data: Mapping[str, Any]) -> Any:
    """Load an event back from :func:`event_to_dict` output (any registered kind)."""
    kind = data.get("kind")
    registered = get_kind(str(kind))
    if registered is None:
        raise InvalidInputError(f"unknown event kind {kind!r}", field="kind")
    body = {k: v for k, v in data.items() if k not in ("document_id", "kind")}
    try:
        event: Any = converter.structure(body, registered.event_class)
    except (cattrs.BaseValidationError, ValueError, TypeError) as error:
        raise InvalidInputError(f"not a valid {kind} record: {error}", field="kind") from error
    return event


def to_json(event: Any) -> str:
    """One event as a compact JSON line (keys in a stable order, non-ASCII kept)."""
    return json.dumps(event_to_dict(event), ensure_ascii=False, separators=(",", ":"))


def write_jsonl(events: Iterable[Any], stream: TextIO) -> int:
    """Write events as JSON Lines; returns how many were written."""
    count = 0
    for event in events:
        stream.write(to_json(event) + "\n")
        count += 1
    return count


def read_jsonl(stream: TextIO) -> Iterator[Any]:
    """Read events written by :func:`write_jsonl`."""
    for number, line in enumerate(stream, 1):
        if line.strip():
            try:
                yield event_from_dict(json.loads(line))
            except json.JSONDecodeError as error:
                raise InvalidInputError(f"line {number} is not JSON: {error}") from error


# --- JSON Schema, derived from the attrs classes ------------------------------------------------
_SIMPLE: Final[dict[Any, dict[str, Any]]] = {
    type(None): {"type": "null"}, bool: {"type": "boolean"}, int: {"type": "integer"},
    float: {"type": "number"}, str: {"type": "string"},
    dt.date: {"type": "string", "format": "date"},
}


def _schema_for(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if tp in _SIMPLE:
        return dict(_SIMPLE[tp])
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_schema_for(arg, defs) for arg in typing.get_args(tp)]}
    if origin is tuple or origin is list:
        args = typing.get_args(tp)
        return {"type": "array", "items": _schema_for(args[0], defs) if args else {}}
    if origin is dict:
        return {"type": "object"}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"type": "string", "enum": [member.value for member in tp]}
    if isinstance(tp, type) and attrs.has(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            defs[name] = _object_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    return {}


def _object_schema(cls: type[Any], defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        if field.name.startswith("_"):
            continue
        properties[field.name] = _schema_for(hints[field.name], defs)
        required.append(field.name)
    schema: dict[str, Any] = {"type": "object", "properties": properties, "required": required}
    if cls.__doc__:
        schema["description"] = cls.__doc__.strip().splitlines()[0]
    return schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of one line of ``geoevents extract`` output."""
    defs: dict[str, Any] = {}
    variants = []
    for registered in registered_kinds():
        kind, cls = registered.name, registered.event_class
        schema = _object_schema(cls, defs)
        schema["properties"] = {
            "document_id": {"type": "string"},
            "kind": {"const": kind},
            **schema["properties"],
        }
        schema["required"] = ["document_id", "kind", *schema["required"]]
        schema["additionalProperties"] = False
        defs[cls.__name__] = schema
        variants.append({"$ref": f"#/$defs/{cls.__name__}"})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://geoevents.readthedocs.io/schema/event.json",
        "title": "geoevents event",
        "description": "One event per JSON line: a meeting, missile launch or quote, or an "
        "event of another registered kind.",
        "oneOf": variants,
        "$defs": defs,
    }
