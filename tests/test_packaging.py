"""What a user of the built distributions gets: only files that are ours to ship, model
files identical to the ones ``manifest.json`` describes, and the metadata an index expects.

Marked ``wheel``. The module builds the wheel once, in this process, with the hatchling that
``[build-system]`` pins (the test extra installs the same version), into a temporary
folder: a few seconds, no network. With ``GEOEVENTS_WHEEL=dist/geoevents-...whl`` it checks
that wheel instead (``.ci/run`` does, for the wheel it then installs and runs).
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import subprocess
import tomllib
import zipfile
from collections.abc import Iterator
from email.message import Message
from email.parser import Parser
from importlib import metadata
from pathlib import Path

import pytest

import geoevents

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
MODEL_DIR = "geoevents/nlp/models/en"

pytestmark = pytest.mark.wheel

#: Everything the wheel may hold besides the package's Python modules and the model files
#: named in manifest.json (one ``*`` never crosses a ``/``).
DATA_FILES = (
    "geoevents/py.typed",
    "geoevents/knowledge/*.json",  # the knowledge tables
    "geoevents/data/*.jsonl",  # the example articles `geoevents demo` runs on
    f"{MODEL_DIR}/manifest.json",
    f"{MODEL_DIR}/resources.json",  # stanza needs it to build a pipeline
    f"{MODEL_DIR}/MODEL_CARD.md",  # attributions the CC BY-SA model files require
)
DIST_INFO_FILES = ("METADATA", "WHEEL", "RECORD", "entry_points.txt")


def _matches(name: str, pattern: str) -> bool:
    parts, wanted = name.split("/"), pattern.split("/")
    return len(parts) == len(wanted) and all(map(fnmatch.fnmatchcase, parts, wanted))


def _pinned_hatchling() -> str:
    [requirement] = PYPROJECT["build-system"]["requires"]
    name, _, version = str(requirement).partition("==")
    assert name.strip() == "hatchling" and version, f"not pinned: {requirement!r}"
    return version.strip()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[zipfile.ZipFile]:
    """The wheel: ``$GEOEVENTS_WHEEL``, or built here with the pinned hatchling."""
    given = os.environ.get("GEOEVENTS_WHEEL")
    if given:
        path = Path(given)
    else:
        assert metadata.version("hatchling") == _pinned_hatchling(), (
            "the installed hatchling is not the one pyproject.toml pins: "
            'pip install -e ".[test]" installs it'
        )
        from hatchling.builders.wheel import WheelBuilder

        out = tmp_path_factory.mktemp("wheel")
        [built] = WheelBuilder(str(ROOT)).build(directory=str(out), versions=["standard"])
        path = Path(built)
    with zipfile.ZipFile(path) as archive:
        yield archive


@pytest.fixture(scope="module")
def manifest() -> dict[str, object]:
    data: dict[str, object] = json.loads(
        (ROOT / "src" / MODEL_DIR / "manifest.json").read_text("utf-8"))
    return data


def _model_files(manifest: dict[str, object]) -> list[str]:
    files = manifest["files"]
    assert isinstance(files, dict) and files
    return [f"{MODEL_DIR}/{name}" for name in files]


def _dist_info(wheel: zipfile.ZipFile) -> str:
    [folder] = {name.split("/")[0] for name in wheel.namelist() if ".dist-info/" in name}
    assert folder == f"geoevents-{geoevents.__version__}.dist-info"
    return folder


def _license_files() -> list[str]:
    files: list[str] = PYPROJECT["project"]["license-files"]
    return files


def test_the_build_backend_is_pinned() -> None:
    # the wheel's contents and the accepted form of license-files depend on its version
    assert _pinned_hatchling()


def test_wheel_holds_only_allowlisted_files(
    wheel: zipfile.ZipFile, manifest: dict[str, object]
) -> None:
    dist_info = _dist_info(wheel)
    allowed_exact = {*_model_files(manifest),
                     *(f"{dist_info}/{name}" for name in DIST_INFO_FILES),
                     *(f"{dist_info}/licenses/{name}" for name in _license_files())}
    stray = [
        name for name in wheel.namelist()
        if name not in allowed_exact
        and not any(_matches(name, pattern) for pattern in DATA_FILES)
        # a module of the package, from the source tree (no byte code, no scratch files)
        and not (name.startswith("geoevents/") and name.endswith(".py")
                 and (ROOT / "src" / name).is_file())
    ]
    assert not stray, f"files outside the allowlist in the wheel: {stray}"


def test_wheel_holds_what_the_package_needs(
    wheel: zipfile.ZipFile, manifest: dict[str, object]
) -> None:
    names = set(wheel.namelist())
    sources = ROOT / "src"
    modules = [p.relative_to(sources).as_posix()
               for p in (sources / "geoevents").rglob("*.py") if "__pycache__" not in p.parts]
    data = [p.relative_to(sources).as_posix()
            for p in (sources / "geoevents").rglob("*") if p.is_file()
            and any(_matches(p.relative_to(sources).as_posix(), pat) for pat in DATA_FILES)]
    assert len(data) >= len(DATA_FILES)  # every pattern found something in the source tree
    licenses = [f"{_dist_info(wheel)}/licenses/{name}" for name in _license_files()]
    missing = sorted({*modules, *data, *_model_files(manifest), *licenses} - names)
    assert not missing, f"missing from the wheel: {missing}"


def test_wheel_model_files_match_the_manifest(
    wheel: zipfile.ZipFile, manifest: dict[str, object]
) -> None:
    shipped = json.loads(wheel.read(f"{MODEL_DIR}/manifest.json"))
    assert shipped == manifest
    files = shipped["files"]
    wrong = {}
    for name, facts in files.items():
        data = wheel.read(f"{MODEL_DIR}/{name}")
        digest = hashlib.sha256(data).hexdigest()
        if digest != facts["sha256"] or len(data) != facts["size_bytes"]:
            wrong[name] = (digest, len(data))
    assert not wrong, f"model files that differ from manifest.json: {wrong}"


@pytest.fixture(scope="module")
def core_metadata(wheel: zipfile.ZipFile) -> Message:
    return Parser().parsestr(wheel.read(f"{_dist_info(wheel)}/METADATA").decode("utf-8"))


def test_wheel_metadata_is_what_an_index_expects(core_metadata: Message) -> None:
    assert core_metadata["Metadata-Version"] == "2.4"
    assert core_metadata["Name"] == "geoevents"
    assert core_metadata["Version"] == geoevents.__version__
    assert core_metadata["Requires-Python"] == ">=3.11"
    assert core_metadata["License-Expression"] == PYPROJECT["project"]["license"]
    assert core_metadata.get_all("License-File") == _license_files()
    assert core_metadata["Description-Content-Type"] == "text/markdown"
    classifiers = core_metadata.get_all("Classifier") or []
    assert any(c.startswith("Development Status :: ") for c in classifiers)
    assert "Programming Language :: Python :: 3.11" in classifiers
    urls = dict(u.split(", ", 1) for u in core_metadata.get_all("Project-URL") or [])
    assert {"Homepage", "Source", "Issues", "Changelog"} <= set(urls)
    assert all(url.startswith("https://") for url in urls.values())


def test_test_extra_holds_only_test_tools() -> None:
    # docs tools, Dask and pandas come with their own extras (the README's test command
    # installs them); the test extra must not pull them in again
    test_extra = " ".join(PYPROJECT["project"]["optional-dependencies"]["test"])
    for other in ("sphinx", "furo", "myst", "dask", "distributed", "pandas", "geoevents["):
        assert other not in test_extra
    assert f"hatchling=={_pinned_hatchling()}" in test_extra


def _ignored_files() -> set[str] | None:
    result = subprocess.run(
        ["git", "ls-files", "-z", "--others", "--ignored", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=False)
    return set(result.stdout.decode("utf-8").split("\0")[:-1]) if result.returncode == 0 else None


def test_sdist_holds_no_file_git_ignores() -> None:
    # hatchling reads only the top .gitignore: generated files (the docs' _generated/,
    # examples/output/) must be ignored there, or they ship
    ignored = _ignored_files()
    if ignored is None:
        pytest.skip("not a git checkout: the sdist's file list is compared with git's")
    from hatchling.builders.sdist import SdistBuilder

    files = [f.distribution_path for f in SdistBuilder(str(ROOT)).recurse_included_files()]
    assert "src/geoevents/__init__.py" in files and "tests/conftest.py" in files
    shipped_but_ignored = sorted(ignored.intersection(files))
    assert not shipped_but_ignored, f"the sdist would ship files git ignores: {shipped_but_ignored}"
