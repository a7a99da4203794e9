#!/usr/bin/env python
"""Record the installed, evaluated model set as a release, if it beats the last release.

Model files change in git only with a release (see training/README.md, "Releases"). After
``install.py`` and ``evaluate.py``::

    python training/release.py --notes "what changed, in a line"

appends the set to ``releases`` in ``manifest.json`` and renders ``MODEL_CARD.md`` again,
which lists every release. It refuses (exit status 1, nothing written) when the set has
not been evaluated, is already released, or does not beat the last release on the model
card's test sets: at least as good on every compared score (``COMPARED``) and better on
one. Commit the model files, the manifest and the card together then. Anything else goes
back with ``git checkout -- src/geoevents/nlp/models/en``.

``tests/nlp/test_model_release.py`` checks that the shipped files are the last release and
that every release beat the one before.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import MODELS_DIR, read_json, write_json

UD_METRICS = ("tokens_f1", "sentences_f1", "upos", "lemma", "uas", "las")
#: The scores a release must not lose: every UD metric on both UD test sets and the NER F1
#: on both NER test sets, as the model card shows them ("section/test set/metric").
COMPARED: tuple[str, ...] = (
    *(f"{test}/{metric}" for test in ("ewt_test", "gum_test") for metric in UD_METRICS),
    "ner/uner_ewt_test/f1",
    "ner/gum_test/f1",
)


def files_digest(files: dict[str, Any]) -> str:
    """One sha256 over the manifest's file names and their sha256, in name order."""
    lines = "".join(f"{name} {files[name]['sha256']}\n" for name in sorted(files))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def compared_scores(scores: dict[str, Any]) -> dict[str, float]:
    """The ``COMPARED`` scores found in a manifest's ``scores``, flat."""
    found: dict[str, float] = {}
    for key in COMPARED:
        value: Any = scores
        for part in key.split("/"):
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, (int, float)):
            found[key] = float(value)
    return found


def shortfalls(new: dict[str, float], old: dict[str, float]) -> list[str]:
    """Why ``new`` does not beat ``old``: scores it lacks or loses, or no gain at all."""
    problems = [f"{key}: {new[key]} < {old[key]}" if key in new else f"{key}: not measured"
                for key in old if key not in new or new[key] < old[key]]
    if not problems and not any(new[key] > old.get(key, float("-inf")) for key in new):
        problems.append("no score is better than the last release's")
    return problems


def release(manifest: dict[str, Any], notes: str) -> dict[str, Any]:
    """The manifest with the installed set appended to ``releases`` (SystemExit if not)."""
    if not manifest.get("scores") or not manifest.get("evaluated"):
        raise SystemExit("not evaluated: run python training/evaluate.py first")
    releases: list[dict[str, Any]] = list(manifest.get("releases", []))
    digest = files_digest(manifest["files"])
    if any(entry.get("files_sha256") == digest for entry in releases):
        raise SystemExit("these model files are already a release")
    scores = compared_scores(manifest["scores"])
    if releases:
        problems = shortfalls(scores, releases[-1].get("scores", {}))
        if problems:
            raise SystemExit(
                f"does not beat release {releases[-1]['version']} (keep the shipped files: "
                "git checkout -- src/geoevents/nlp/models/en):\n  " + "\n  ".join(problems))
    releases.append({
        "version": manifest["version"],
        "installed": manifest.get("installed"),
        "evaluated": manifest["evaluated"],
        "total_size_bytes": manifest.get("total_size_bytes"),
        "files_sha256": digest,
        "scores": scores,
        "notes": notes,
    })
    return {**manifest, "releases": releases}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--notes", required=True, help="what changed, in a line")
    parser.add_argument(
        "--models", type=Path, default=MODELS_DIR,
        help="installed model folder (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    from model_card import render_model_card  # local module

    folder: Path = args.models
    manifest = release(read_json(folder / "manifest.json"), args.notes)
    write_json(folder / "manifest.json", manifest)
    (folder / "MODEL_CARD.md").write_text(render_model_card(manifest), encoding="utf-8")
    print(f"released {manifest['version']}: commit {folder} (model files, manifest.json, "
          "MODEL_CARD.md) together")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
