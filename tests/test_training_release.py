"""Model files change only with a release that beats the last one (training/release.py).

The shipped files must be the manifest's last release, every release must beat the one
before it on the model card's test sets, and release.py must refuse a set that does not.
"""

import copy
import importlib
import itertools
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "src" / "geoevents" / "nlp" / "models" / "en" / "manifest.json"
MODULES = ("release", "common", "install", "model_card")


@pytest.fixture
def release(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    monkeypatch.setenv("GEOEVENTS_TRAIN_DIR", str(tmp_path / "work"))
    monkeypatch.syspath_prepend(str(ROOT / "training"))
    for name in MODULES:
        sys.modules.pop(name, None)
    yield importlib.import_module("release")
    for name in MODULES:
        sys.modules.pop(name, None)


@pytest.fixture
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(MANIFEST.read_text("utf-8"))
    return data


def test_the_shipped_files_are_the_last_release(
    release: ModuleType, manifest: dict[str, Any]
) -> None:
    last = manifest["releases"][-1]
    assert last["files_sha256"] == release.files_digest(manifest["files"])
    assert last["version"] == manifest["version"]
    assert last["scores"] == release.compared_scores(manifest["scores"])
    assert set(last["scores"]) == set(release.COMPARED)


def test_every_release_beat_the_one_before(
    release: ModuleType, manifest: dict[str, Any]
) -> None:
    releases = manifest["releases"]
    assert len({entry["files_sha256"] for entry in releases}) == len(releases)
    evaluated = [entry for entry in releases if entry["scores"]]
    # sets without scores only come before the first evaluated one (history)
    assert all(entry["scores"] for entry in releases[releases.index(evaluated[0]):])
    for old, new in itertools.pairwise(evaluated):
        assert release.shortfalls(new["scores"], old["scores"]) == [], new


def _candidate(manifest: dict[str, Any], change: dict[str, float]) -> dict[str, Any]:
    """The shipped manifest as if new files had been installed and evaluated."""
    new = copy.deepcopy(manifest)
    new["files"]["ner.pt"]["sha256"] = "0" * 64
    new["version"] = "2099.01.01"
    for key, delta in change.items():
        section = new["scores"]
        *path, metric = key.split("/")
        for part in path:
            section = section[part]
        section[metric] = round(section[metric] + delta, 2)
    return new


def test_release_records_a_set_that_beats_the_last(
    release: ModuleType, manifest: dict[str, Any]
) -> None:
    released = release.release(_candidate(manifest, {"ner/uner_ewt_test/f1": 0.5}), "NER")
    assert released["releases"][:-1] == manifest["releases"]
    entry = released["releases"][-1]
    assert entry["version"] == "2099.01.01" and entry["notes"] == "NER"
    assert entry["scores"]["ner/uner_ewt_test/f1"] == manifest["releases"][-1]["scores"][
        "ner/uner_ewt_test/f1"] + 0.5


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({}, "no score is better"),
        ({"ner/uner_ewt_test/f1": 1.0, "gum_test/las": -0.01}, "gum_test/las"),
        ({"ewt_test/upos": 2.0, "ner/gum_test/f1": -3.0}, "ner/gum_test/f1"),
    ],
)
def test_release_refuses_a_set_that_does_not_beat_the_last(
    release: ModuleType, manifest: dict[str, Any], change: dict[str, float], why: str
) -> None:
    with pytest.raises(SystemExit, match=why):
        release.release(_candidate(manifest, change), "worse")


def test_release_refuses_unevaluated_or_released_sets(
    release: ModuleType, manifest: dict[str, Any]
) -> None:
    with pytest.raises(SystemExit, match="already a release"):
        release.release(manifest, "again")
    unevaluated = _candidate(manifest, {})
    del unevaluated["scores"]
    with pytest.raises(SystemExit, match="not evaluated"):
        release.release(unevaluated, "new")


def test_install_keeps_the_release_history(
    release: ModuleType, manifest: dict[str, Any], tmp_path: Path
) -> None:
    install = importlib.import_module("install")
    folder = tmp_path / "installed"
    folder.mkdir()
    for proc in (*install.PROCESSORS, "pretrain"):
        (folder / f"{proc}.pt").write_bytes(proc.encode())
    rebuilt = install.build_manifest(folder, manifest)
    assert rebuilt["releases"] == manifest["releases"]
    assert "scores" not in rebuilt  # other files: the scores are not theirs
    card = importlib.import_module("model_card").render_model_card(manifest)
    assert "## Releases" in card
    assert all(entry["version"] in card for entry in manifest["releases"])
