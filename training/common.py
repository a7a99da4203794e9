"""Shared paths and small helpers for the geoevents model-training scripts.

Nothing here is installed with the package: the ``training/`` folder lives at the
repository root and is only used by developers who rebuild the bundled English
stanza models.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

#: Repository root, derived from this file's location (training/common.py).
REPO_ROOT: Path = Path(__file__).resolve().parent.parent

#: Default location of the open corpora: a ``shared`` folder beside the checkout.
DEFAULT_CORPORA: Path = REPO_ROOT.parent / "shared" / "corpora"

#: Where the finished, float16 models are installed inside the package.
MODELS_DIR: Path = REPO_ROOT / "src" / "geoevents" / "nlp" / "models" / "en"

#: Short name used for the stanza "shorthand" argument of every trainer.
SHORTHAND: str = "en_geoevents"


def work_dir() -> Path:
    """Return the training work dir (outside the repo so it survives between sessions).

    ``GEOEVENTS_TRAIN_DIR`` overrides the default ``~/.cache/geoevents-training``.
    """
    env = os.environ.get("GEOEVENTS_TRAIN_DIR")
    path = Path(env).expanduser() if env else Path("~/.cache/geoevents-training").expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    """Folder with the prepared training data (written by prepare.py)."""
    path = work_dir() / "data"
    path.mkdir(parents=True, exist_ok=True)
    return path


def saved_dir(model: str) -> Path:
    """Folder with the trained (float32) models and checkpoints of one processor."""
    path = work_dir() / "saved_models" / model
    path.mkdir(parents=True, exist_ok=True)
    return path


def logs_dir() -> Path:
    """Folder for training/evaluation logs (never inside the repo)."""
    path = work_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as fin:
        return json.load(fin)


def write_json(path: Path, data: Any) -> None:
    """Write JSON atomically (temp file + rename) so readers never see half a file."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as fout:
        json.dump(data, fout, indent=2, ensure_ascii=False)
        fout.write("\n")
    tmp.replace(path)
