"""The command line contract: output format, exit codes, error reporting."""

import json
from pathlib import Path

import jsonschema
import pytest

from geoevents.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_schema_prints_a_valid_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    jsonschema.Draft202012Validator.check_schema(json.loads(out))


@pytest.mark.parametrize(
    "args",
    [
        ("extract",),
        ("extract", "a.txt", "--input", "b.jsonl"),
        ("extract", "no-such-file.txt"),
        ("extract", "--input", "no-such-file.jsonl"),
        ("extract", "-", "--published", "April 1st"),
        ("bogus",),
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: tuple[str, ...]) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert "error" in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("geoevents ")


def test_output_file_in_missing_folder_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text('{"id": "a", "text": "Hello."}\n')
    code, _, err = run(capsys, "extract", "--input", str(docs), "--output",
                       str(tmp_path / "missing" / "out.jsonl"))
    assert code == 2 and "cannot write" in err


def test_documents_over_max_chars_are_skipped_and_cuts_are_noted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run_on = (  # one sentence of 120 words
        "the talks in Vienna dragged on past midnight, and the two delegations traded "
        "proposals on sanctions relief, while reporters waited in the lobby of the old hotel "
        "on the ring road, but neither side would say when the next round might begin, so "
        "the mediators from Qatar flew home before dawn, and the foreign ministers issued "
        "separate statements the following morning, because their governments could not "
        "agree on a joint text about the inspections, yet diplomats close to the process "
        "said that a framework was within reach, and some of them expected a deal before the "
        "end of the year, although hardliners in both capitals kept warning against any "
        "concession on enrichment"
    )
    short, long = tmp_path / "run-on.txt", tmp_path / "long.txt"
    short.write_text(run_on, "utf-8")
    long.write_text("word " * 400, "utf-8")
    code, out, err = run(capsys, "extract", str(short), str(long), "--max-chars", "1500")
    assert code == 1
    assert "skipped long.txt: text has 2,000 characters, over the budget of 1,500" in err
    assert "== run-on.txt" in out and "== long.txt" not in out
    assert f"NOTE: sentence at characters 0-{len(run_on)} has " in out
    assert "words, over the parser's limit of 100" in out
