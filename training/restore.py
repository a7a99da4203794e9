#!/usr/bin/env python
"""Seed an empty work dir from the models installed in the package, to continue training.

The work dir (``~/.cache/geoevents-training``) lives outside the repository, so a fresh
machine has none of the trained models that ``train.py`` warm-starts from.  This script
copies the installed files back:

* ``src/geoevents/nlp/models/en/<processor>.pt`` -> ``saved_models/<processor>/<processor>.pt``
  with every float16 tensor cast back to float32 (the weights keep float16 precision; the
  next training run continues in float32).  Optimizer state was never shipped, so a
  continued run starts with a fresh optimizer: ``pos``, ``ner`` and ``tokenize`` warm-start
  as usual, ``depparse-retagged`` continues from the shipped parser, and a gold-tag
  ``depparse`` run without ``--fresh`` starts a new schedule from it.
* ``train_record.json`` from the manifest (wall time and hyper-parameters per processor),
  so that ``install.py`` keeps counting the training time of earlier sessions.

Run ``prepare.py`` first: the shipped models index the word vectors of ``data/pretrain.pt``,
and this script stops if the rebuilt vocabulary does not begin with the installed one
(``--glove-extend`` may append words; the NER model's vocabulary is then extended too).
Existing files are left alone unless ``--force`` is given; a model restored into an
existing work dir (after a discarded experiment) gets its settings back in the record.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import MODELS_DIR, data_dir, read_json, saved_dir, work_dir, write_json
from install import PROCESSORS, align_ner_vocabulary


def to_float(obj: Any) -> Any:
    """Recursively cast float16 tensors to float32 (the inverse of ``install.to_half``)."""
    import torch

    if isinstance(obj, torch.Tensor):
        return obj.float() if obj.dtype == torch.float16 else obj
    if isinstance(obj, dict):
        return {k: to_float(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [to_float(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(to_float(v) for v in obj)
    return obj


def pretrain_words(path: Path) -> list[str]:
    import torch

    data = torch.load(path, map_location="cpu", weights_only=True)
    return list(data["vocab"]["_id2unit"])


def check_pretrain(models: Path) -> None:
    rebuilt = data_dir() / "pretrain.pt"
    if not rebuilt.exists():
        raise SystemExit(f"{rebuilt} is missing: run training/prepare.py first")
    installed = pretrain_words(models / "pretrain.pt")
    # prepare.py --glove-extend may append words; the installed ids must not move
    if pretrain_words(rebuilt)[: len(installed)] != installed:
        raise SystemExit(
            f"{rebuilt} has another vocabulary than the installed pretrain.pt; "
            "the installed models cannot be continued with it"
        )


def record_from_manifest(manifest: dict[str, Any]) -> dict[str, Any]:
    """Rebuild ``train_record.json`` entries from the installed manifest."""
    source = (
        f"restored from installed model {manifest.get('version')} ({manifest.get('installed')})"
    )
    record: dict[str, Any] = {}
    for proc, info in manifest.get("processors", {}).items():
        stages = {proc: info}
        if "fine_tuned_on_predicted_tags" in info:
            stages["depparse-retagged"] = info["fine_tuned_on_predicted_tags"]
        for stage, entry in stages.items():
            seconds = entry.get("train_seconds") or 0.0
            params = entry.get("hyperparameters", {})
            record[stage] = {
                "train_seconds": seconds,
                "hyperparameters": params,
                "runs": [{"restored": source, "seconds": seconds, "hyperparameters": params}],
            }
    return record


def note_restored(record: dict[str, Any], restored: dict[str, Any], procs: list[str]) -> None:
    """After *procs* were restored into an existing work dir, their record says again
    which settings trained the model now there (not those of a discarded later run)."""
    for proc in procs:
        stages = [proc, "depparse-retagged"] if proc == "depparse" else [proc]
        for stage in stages:
            if stage not in restored:
                continue
            params = restored[stage]["hyperparameters"]
            entry = record.setdefault(stage, {"train_seconds": 0.0, "runs": []})
            entry["hyperparameters"] = params
            source = restored[stage]["runs"][0]["restored"]
            entry["runs"].append({"restored": source, "seconds": 0.0, "hyperparameters": params})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--models", type=Path, default=MODELS_DIR, help="installed model folder")
    parser.add_argument("--force", action="store_true", help="overwrite files in the work dir")
    args = parser.parse_args(argv)

    import torch

    check_pretrain(args.models)
    copied: list[str] = []
    for proc in PROCESSORS:
        target = saved_dir(proc) / f"{proc}.pt"
        if target.exists() and not args.force:
            print(f"{proc}: {target} exists, kept")
            continue
        data = torch.load(args.models / f"{proc}.pt", map_location="cpu", weights_only=True)
        torch.save(to_float(data), target)
        if proc == "ner" and align_ner_vocabulary(target, data_dir() / "pretrain.pt"):
            print("ner: word vocabulary extended to data/pretrain.pt's")
        copied.append(proc)
        print(f"{proc}: {target}")
    record_path = work_dir() / "train_record.json"
    restored = record_from_manifest(read_json(args.models / "manifest.json"))
    if record_path.exists() and not args.force:
        record = read_json(record_path)
        note_restored(record, restored, copied)
        write_json(record_path, record)
        print(f"{record_path} kept" + (f"; restored {', '.join(copied)}" if copied else ""))
    else:
        write_json(record_path, restored)
        print(f"wrote {record_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
