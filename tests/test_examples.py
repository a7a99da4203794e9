"""Every script in examples/ runs as a user would run it (``cd examples && python X.py``)
and prints what it promises."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

from geoevents import json_schema
from geoevents.nlp.pipeline import bundled_model_dir

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
MANIFEST = bundled_model_dir() / "manifest.json"
requires_model = pytest.mark.skipif(
    not MANIFEST.is_file(),
    reason=f"the bundled model is not installed (no {MANIFEST}); every example runs it",
)
#: examples that need an extra, with the extra
EXTRAS = {"to_pandas.py": "pandas", "positions_by_country.py": "pandas"}

# What each script must print: fixed lines (substrings of stdout) and, as regular
# expressions, the evidence that events were really found. The patterns are loose on purpose:
# they must hold for any reasonable bundled model, not for one set of weights.
EXPECTED: dict[str, tuple[list[str], list[str]]] = {
    "extract_article.py": (
        ["2024-03-08-north-korea-launch (published 2024-03-08):"],
        [r"MISSILE LAUNCH on 2024-03-0\d", r"launcher: North Korea \[PRK\]",
         r"evidence: sentence \d+, characters \d+-\d+: \"", r"CAMEO \d{3}"],
    ),
    "batch_folder.py": (
        ["2024-03-08-north-korea-launch:", "2024-05-16-portugal-morocco-talks:",
         "from 2 documents to output/events.jsonl"],
        [r"wrote [1-9]\d* events"],
    ),
    "to_pandas.py": (
        ["Meetings:", "Quotes:"],
        [r"All events: [1-9]\d* rows", r"dod-2017-07-04-nk-icbm\s+quote\s+[1-9]"],
    ),
    "positions_by_country.py": (
        ["Who condemned whom:", "Stances per speaker country:"],
        [r"USA\s+North Korea\s+oppose\s+missile_launch", r"AUS\s+North Korea\s+oppose"],
    ),
    "custom_extractor.py": (
        ["extractors: meeting, missile_launch, quote, condemnation",
         "dod-2017-07-04-nk-icbm:", "2024-03-11-canada-australia-react:"],
        [r"\[CAN\]: \S+", r'as JSON: \{"document_id":"[^"]+","kind":"condemnation"',
         r"JSON Schema variants: .*Condemnation", r"  CONDEMNATION \S+"],
    ),
}


def _run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, script, *args], cwd=EXAMPLES, capture_output=True,
                          text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def runs() -> Iterator[dict[str, tuple[int, str, str]]]:
    """Every example run once, all at the same time (each loads the model: a few seconds of
    CPU apiece), as ``{script: (exit code, stdout, stderr)}``."""
    created = not (EXAMPLES / "output").exists()
    processes = {
        script: subprocess.Popen([sys.executable, script], cwd=EXAMPLES, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for script in sorted(EXPECTED)
    }
    results = {}
    try:
        for script, process in processes.items():
            out, err = process.communicate(timeout=600)
            results[script] = (process.returncode, out, err)
        yield results
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()
        if created:
            shutil.rmtree(EXAMPLES / "output", ignore_errors=True)


def test_every_example_is_tested() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.py")) == sorted(EXPECTED)


def _param(script: str) -> object:
    extra = EXTRAS.get(script)
    if extra is None or importlib.util.find_spec(extra) is not None:
        return script
    return pytest.param(script, marks=pytest.mark.skip(
        reason=f"the {extra} extra is not installed (pip install -e '.[{extra}]')"))


@requires_model
@pytest.mark.parametrize("script", [_param(script) for script in sorted(EXPECTED)])
def test_example_runs(script: str, runs: dict[str, tuple[int, str, str]]) -> None:
    code, out, err = runs[script]
    assert code == 0, err[-4000:]
    lines, patterns = EXPECTED[script]
    missing = [text for text in lines if text not in out]
    missing += [p for p in patterns if not re.search(p, out)]
    assert not missing, f"{missing} not in:\n{out}"


@requires_model
def test_batch_folder_writes_valid_jsonl(runs: dict[str, tuple[int, str, str]]) -> None:
    assert runs["batch_folder.py"][0] == 0
    lines = (EXAMPLES / "output" / "events.jsonl").read_text("utf-8").splitlines()
    assert lines
    validator = jsonschema.Draft202012Validator(json_schema())
    for line in lines:
        validator.validate(json.loads(line))


def test_examples_fail_clearly_on_bad_input() -> None:
    result = _run("batch_folder.py", "no-such-folder")
    assert result.returncode == 2
    assert "no-such-folder is not a folder" in result.stderr
