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
    elisions, long = tmp_path / "elisions.txt", tmp_path / "long.txt"
    elisions.write_text("[...] " * 200, "utf-8")
    long.write_text("word " * 400, "utf-8")
    code, out, err = run(capsys, "extract", str(elisions), str(long), "--max-chars", "1500")
    assert code == 1
    assert "skipped long.txt: text has 2,000 characters, over the budget of 1,500" in err
    assert "== elisions.txt" in out and "== long.txt" not in out
    assert "NOTE: sentence at characters 0-1199 has 600 words" in out
