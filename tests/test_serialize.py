import io
import json

import jsonschema
import pytest
from hypothesis import given, settings

from geoevents.errors import InvalidInputError
from geoevents.events import Meeting, MissileLaunch, Quote
from geoevents.serialize import (
    event_from_dict,
    json_schema,
    read_jsonl,
    to_json,
    write_jsonl,
)

from .strategies import events

VALIDATOR = jsonschema.Draft202012Validator(
    json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def test_schema_is_a_valid_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


@settings(max_examples=200)
@given(events)
def test_every_event_serialises_validates_and_loads_back_equal(
    event: Meeting | MissileLaunch | Quote,
) -> None:
    line = to_json(event)
    data = json.loads(line)
    VALIDATOR.validate(data)
    assert data["document_id"] == event.document.id
    assert data["kind"] == type(event).kind
    assert event_from_dict(data) == event


@given(events)
def test_jsonl_round_trip(event: Meeting | MissileLaunch | Quote) -> None:
    stream = io.StringIO()
    assert write_jsonl([event, event], stream) == 2
    stream.seek(0)
    assert list(read_jsonl(stream)) == [event, event]


def test_output_contract_field_names() -> None:
    props = json_schema()["$defs"]
    assert {"participants", "location", "status"} <= set(props["Meeting"]["properties"])
    assert {"launcher", "count", "missile_type", "missile_class", "launch_site", "landing_area",
            "outcome"} <= set(props["MissileLaunch"]["properties"])
    assert {"speaker", "text", "quote_type", "cue"} <= set(props["Quote"]["properties"])
    assert set(props["EventDate"]["properties"]) == {"text", "value", "granularity",
                                                     "resolution"}


def test_unknown_kind_is_a_typed_error() -> None:
    with pytest.raises(InvalidInputError, match="unknown event kind"):
        event_from_dict({"kind": "coup"})


def test_broken_record_is_a_typed_error() -> None:
    with pytest.raises(InvalidInputError):
        event_from_dict({"kind": "quote", "text": 3})


def test_event_to_dict_starts_with_id_and_kind() -> None:
    schema_kinds = [v["$ref"].rsplit("/", 1)[1] for v in json_schema()["oneOf"]]
    assert schema_kinds == ["Meeting", "MissileLaunch", "Quote"]
