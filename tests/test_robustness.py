"""Bad input never crashes, batches never lose good documents, output is deterministic."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geoevents import DocumentError, EventExtractor
from geoevents.serialize import to_json

NEWS = ("North Korea fired two missiles into the sea on Thursday, officials said. "
        "“This is a provocation,” Japanese Prime Minister Yoshihide Suga told reporters.")

BAD_TEXTS = [
    "",
    "   \n\t  ",
    "<html><body><p>North Korea fired a missile.</p><p>“It is a threat,” he said.</p>"
    "</body></html>",
    "Nordkorea hat am Donnerstag zwei Raketen abgefeuert, sagte das Militär.",
    "朝鲜周四发射了两枚导弹。",
    "“Unbalanced quote, said nobody. “Another “nested ‘quote’ here” he said.\" Odd \" marks",
    "\x00\x01\x02 binary-ish \x7f text \ufffe",
    "word " * 3000,
    "!!!!????....,,,,;;;;" * 200,
]


@pytest.mark.parametrize("text", BAD_TEXTS, ids=range(len(BAD_TEXTS)))
def test_bad_text_gives_events_or_nothing_but_never_crashes(
    extractor: EventExtractor, text: str
) -> None:
    result = extractor.extract(text, published="2021-04-01")
    for event in result.events:
        for span in event.evidence:
            assert text[span.start:span.end] == span.text


def test_html_is_read_through_the_markup(extractor: EventExtractor) -> None:
    result = extractor.extract(BAD_TEXTS[2], published="2021-04-01")
    assert [launch.launcher.country for launch in result.launches] == ["PRK"]


def test_same_input_gives_byte_identical_json(extractor: EventExtractor) -> None:
    first = [to_json(e) for e in extractor.extract(NEWS, published="2021-04-01").events]
    second = [to_json(e) for e in extractor.extract(NEWS, published="2021-04-01").events]
    assert first == second and first


def test_batch_with_bad_documents_keeps_all_good_ones(extractor: EventExtractor) -> None:
    docs: list[object] = [{"id": f"good-{i}", "text": t, "published": "2021-04-01"}
                          for i, t in enumerate(BAD_TEXTS)]
    docs[3:3] = [{"id": "no-text"}, {"id": "bad-date", "text": NEWS, "published": "soon"},
                 {"id": "bytes", "text": b"\xff\xfe\x00"}]
    errors: list[DocumentError] = []
    results = list(extractor.extract_many(docs, on_error=errors.append))  # type: ignore[arg-type]
    assert [r.document.id for r in results] == [f"good-{i}" for i in range(len(BAD_TEXTS))]
    assert {e.doc_id for e in errors} == {"no-text", "bad-date", "bytes"}


def test_cli_batch_reports_bad_lines_and_exits_1(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "ok", "text": NEWS, "published": "2021-04-01"}),
        "{not json",
        json.dumps({"id": "nodate", "text": NEWS, "published": "01/04/2021"}),
        json.dumps({"text": NEWS}),
        json.dumps(["a", "list"]),
    ]
    docs = tmp_path / "docs.jsonl"
    docs.write_bytes(("\n".join(lines) + "\n").encode() + b'{"id": "bin", "text": "\xff"}\n')
    out = tmp_path / "events.jsonl"
    result = subprocess.run(
        [sys.executable, "-m", "geoevents.cli", "extract", "--input", str(docs), "--output",
         str(out)], capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1, result.stderr
    events = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert {e["document_id"] for e in events} <= {"ok", "line-4"}
    assert {e["document_id"] for e in events if e["kind"] == "missile_launch"} == {"ok", "line-4"}
    for reported in ("line-2", "nodate", "line-5", "line-6"):
        assert f"skipped {reported}" in result.stderr
    assert "skipped ok" not in result.stderr and "skipped line-4" not in result.stderr


def test_cli_file_with_invalid_utf8_is_skipped(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(NEWS, "utf-8")
    bad.write_bytes(b"\xff\xfe\xfa binary")
    result = subprocess.run(
        [sys.executable, "-m", "geoevents.cli", "extract", str(bad), str(good), "--format",
         "jsonl", "--published", "2021-04-01"], capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    assert "skipped bad.txt: not valid UTF-8" in result.stderr
    assert {json.loads(x)["document_id"] for x in result.stdout.splitlines()} == {"good.txt"}


_NEWSY = st.text(
    alphabet=st.sampled_from(list("abcdefghijklmnoprstuvwy ABCDEFGKNPSTW.,;:!?'\"“”‘’—-()0123\n")),
    max_size=400,
)
_WORDS = st.lists(st.sampled_from([
    "North Korea", "fired", "launched", "two", "missiles", "met", "with", "said", "“", "”", '"',
    "Biden", "Kim Jong Un", "on Thursday", "last week", "in Seoul", ",", ".", "he", "told",
    "reporters", "talks", "between", "and", "the", "official", "added", "not", "will",
]), max_size=60).map(" ".join)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=st.one_of(_NEWSY, _WORDS))
def test_fuzz_whole_pipeline(extractor: EventExtractor, text: str) -> None:
    result = extractor.extract(text, published="2021-04-01")
    for event in result.events:
        json.loads(to_json(event))
        for span in event.evidence:
            assert text[span.start:span.end] == span.text
