"""The documentation builds offline without a single warning, and its code runs.

Both builds go to a temporary folder; ``docs/conf.py`` regenerates ``docs/_generated/``
(JSON Schema, CLI help, model card, accuracy table) as it does on every build.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import geoevents
from geoevents.nlp.pipeline import bundled_model_dir

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
MANIFEST = bundled_model_dir() / "manifest.json"
PAGES = [
    "index", "getting-started", "concepts", "how-to/batch", "how-to/export",
    "how-to/custom-extractor", "how-to/official-models", "how-to/scale", "cli", "schema",
    "api", "model-card", "accuracy", "changelog",
]
#: What the builds and the pages' doctests import, and the extra that installs each.
NEEDS = {"sphinx": "docs", "furo": "docs", "myst_parser": "docs",
         "sphinx_autodoc_typehints": "docs", "pandas": "pandas", "dask": "dask"}
MISSING = sorted({extra for module, extra in NEEDS.items()
                  if importlib.util.find_spec(module) is None})
pytestmark = pytest.mark.skipif(
    bool(MISSING), reason=f"the {', '.join(MISSING)} extra(s) not installed: the docs build "
    "and its doctests need them (pip install -e '.[test,docs,dask,pandas]')")


def _sphinx(builder: str, out: Path, *options: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "sphinx", "-b", builder, "-E", "-q", "-d", str(out / ".doctrees"),
         *options, str(DOCS), str(out)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, int, str]]:
    """The html (warnings are errors) and doctest builds, run side by side, as
    ``{builder: (output folder, exit code, stdout + stderr)}``."""
    root = tmp_path_factory.mktemp("docs")
    processes = {
        "html": _sphinx("html", root / "html", "-W", "--keep-going"),
        "doctest": _sphinx("doctest", root / "doctest"),
    }
    results = {}
    for builder, process in processes.items():
        try:
            out, err = process.communicate(timeout=900)
        finally:
            if process.poll() is None:
                process.kill()
        results[builder] = (root / builder, process.returncode, out + err)
    return results


@pytest.fixture(scope="module")
def html(builds: dict[str, tuple[Path, int, str]]) -> Path:
    out, code, log = builds["html"]
    assert code == 0, log[-8000:]
    return out


@pytest.fixture(scope="module")
def doctest_output(builds: dict[str, tuple[Path, int, str]]) -> str:
    out, code, log = builds["doctest"]
    report = (out / "output.txt").read_text("utf-8") if (out / "output.txt").is_file() else ""
    assert code == 0, report[-6000:] + log[-3000:]
    return report


def test_html_has_every_page(html: Path) -> None:
    missing = [page for page in PAGES if not (html / f"{page}.html").is_file()]
    assert not missing


def test_api_reference_documents_every_public_name(html: Path) -> None:
    api = (html / "api.html").read_text("utf-8")
    missing = [name for name in geoevents.__all__ if f'id="geoevents.{name}"' not in api]
    assert not missing, f"not in docs/api.md: {missing}"


def test_schema_page_shows_the_generated_schema(html: Path) -> None:
    page = (html / "schema.html").read_text("utf-8")
    generated = json.loads((DOCS / "_generated" / "schema.json").read_text("utf-8"))
    assert generated == geoevents.json_schema()
    for definition in generated["$defs"]:
        assert definition in page


def test_cli_page_shows_every_subcommand_help(html: Path) -> None:
    page = (html / "cli.html").read_text("utf-8")
    for command in ("extract", "demo", "schema", "info", "download"):
        assert f"usage: geoevents {command}" in page


def test_model_card_matches_the_installed_model(html: Path) -> None:
    text = re.sub(r"<[^>]+>", "", (html / "model-card.html").read_text("utf-8"))
    if MANIFEST.is_file():
        manifest = json.loads(MANIFEST.read_text("utf-8"))
        assert "not installed" not in text
        assert manifest["name"] in text
        for dataset in manifest.get("datasets", []):
            assert dataset["name"] in text
        for release in manifest.get("releases", []):  # the model card lists each release
            assert release["notes"] in text
    else:
        assert "The bundled model is not installed" in text


def test_accuracy_page_renders_the_generated_scores(html: Path) -> None:
    text = re.sub(r"<[^>]+>", "", (html / "accuracy.html").read_text("utf-8"))
    scores = DOCS / "_generated" / "accuracy.json"
    if scores.is_file():
        data = json.loads(scores.read_text("utf-8"))
        assert data["generated"] in text
        for batch in data["sets"].values():
            assert all(kind in text for kind in batch["results"] if kind != "positions")
            assert f"{batch['results']['meeting']['f1']:.3f}" in text
    else:
        assert "No accuracy figures have been generated yet" in text
    # the estimate for unseen news comes first, and tuned scores are labelled as such
    assert text.index("Estimate for unseen news") < text.index(
        "Scores on the passages the rules were tuned on")
    for first in sorted((DOCS / "_generated").glob("first-score-*.json")):
        data = json.loads(first.read_text("utf-8"))
        assert data["commit"] in text
        for batch in data["sets"].values():
            assert f"{batch['results']['quote']['f1']:.3f}" in text


def test_dev_scores_script_names_no_machine_path() -> None:
    script = (DOCS.parent / "scripts" / "dev_scores.py").read_text("utf-8")
    assert "/work/" not in script
    assert "/work/" not in (DOCS / "accuracy.md").read_text("utf-8")


def test_doctests_pass(doctest_output: str) -> None:
    assert "0 failures in tests" in doctest_output
    assert re.search(r"^\s+\d+ tests$", doctest_output, re.MULTILINE)


@pytest.mark.skipif(not MANIFEST.is_file(),
                    reason=f"the bundled model is not installed (no {MANIFEST}): the examples "
                    "that run it are skipped by the doctest build")
def test_model_examples_ran(doctest_output: str) -> None:
    for page in ("index", "getting-started", "how-to/scale"):
        assert f"Document: {page}\n" in doctest_output, f"{page}: no doctest ran"
