#!/usr/bin/env python
"""Score geoevents on the development set and write ``docs/_generated/accuracy.json``.

The development set (``../shared/eval/dev`` beside the checkout, or ``--gold-dir``) holds
passages and one or more gold files (``gold.jsonl``, ``gold_wikinews.jsonl``, ...). Each
gold file marks a batch of passages that arrived together; this script scores every batch
apart and the whole set, with the project's scorer (``../shared/eval/score.py``, or
``--scorer``), which runs ``geoevents extract`` over the passages. Passages that no gold
file mentions (pure negatives) belong to the first batch.

    python scripts/dev_scores.py
    python scripts/dev_scores.py --gold-dir DIR --scorer DIR/../score.py
A batch's score is an honest estimate of accuracy on unseen news only while no rule has
been written for its passages: record that first score once, with the code of the commit
before any rule for them (the documentation shows it beside the current scores)::

    git worktree add /tmp/first REV
    PYTHONPATH=/tmp/first/src python scripts/dev_scores.py --batch gold_wikinews \
        --commit REV --output docs/_generated/first-score-gold_wikinews.json --note "..."

Exit codes: 0 written, 1 the scorer failed (nothing is written), 2 the scorer or the gold
set is not available.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "_generated" / "accuracy.json"
DEFAULT_GOLD = ROOT.parent / "shared" / "eval" / "dev"
DEFAULT_SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def model_facts(model: str) -> dict[str, Any]:
    """Name, source and version of the model the CLI will use (without loading it)."""
    from geoevents import EventExtractor, GeoEventsError

    try:
        info = EventExtractor(model=model).model_info()
    except GeoEventsError as error:
        return {"name": None, "source": model, "version": None, "error": error.reason}
    facts: dict[str, Any] = {"name": info.name, "source": str(info.source),
                             "version": info.version}
    manifest = Path(info.path) / "manifest.json"
    if manifest.is_file():  # the bundled model: its install time tells one build from another
        facts["installed"] = json.loads(manifest.read_text("utf-8")).get("installed")
    return facts


def batches(gold_dir: Path) -> dict[str, list[Path]]:
    """The passages of each gold file (``gold.jsonl`` -> "gold"), in file order; passages
    no gold file names go to the first batch."""
    files = sorted(gold_dir.glob("gold*.jsonl"))
    passages = sorted(gold_dir.glob("*.txt"))
    out: dict[str, list[Path]] = {}
    named: set[str] = set()
    for gold in files:
        records = [json.loads(line) for line in gold.read_text("utf-8").splitlines()
                   if line.strip()]
        mentioned = {r["file"] for r in records}
        out[gold.stem] = [p for p in passages if p.name in mentioned]
        named |= mentioned
    if files:
        out[files[0].stem] += [p for p in passages if p.name not in named]
        out[files[0].stem].sort()
    return out


def _subset(gold_dir: Path, name: str, passages: list[Path], into: Path) -> Path:
    """A folder the scorer can read: the batch's passages, its gold file and the positions
    file that goes with it (``gold_x.jsonl`` <-> ``positions_x.jsonl``)."""
    folder = into / name
    folder.mkdir()
    for passage in passages:
        (folder / passage.name).symlink_to(passage)
    shutil.copy(gold_dir / f"{name}.jsonl", folder / "gold.jsonl")
    positions = gold_dir / f"{name.replace('gold', 'positions', 1)}.jsonl"
    if positions.is_file():
        shutil.copy(positions, folder / "positions.jsonl")
    return folder


def run_scorer(scorer: Path, folder: Path, env: dict[str, str]) -> dict[str, Any] | str:
    """The scorer's JSON result for one folder, or its error text."""
    command = [sys.executable, str(scorer), str(folder), "--json"]
    completed = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if completed.returncode != 0:
        return completed.stderr[-3000:] or f"exit code {completed.returncode}"
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def _geoevents_env(model: str) -> dict[str, str]:
    """The environment that makes the scorer run this interpreter's geoevents with the
    chosen model (the scorer appends ``extract --input ...``)."""
    geoevents_cmd = [sys.executable, "-m", "geoevents.cli"]
    env = dict(os.environ)
    if model != "bundled":
        wrapper = Path(tempfile.mkdtemp(prefix="dev-scores-")) / "geoevents"
        wrapper.write_text(
            "#!/bin/sh\nsub=$1; shift\nexec " + shlex.join(geoevents_cmd)
            + f' "$sub" --model {shlex.quote(model)} "$@"\n', encoding="utf-8")
        wrapper.chmod(0o755)
        geoevents_cmd = [str(wrapper)]
    env["GEOEVENTS_CMD"] = shlex.join(geoevents_cmd)
    return env


def _commit() -> str | None:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    return result.stdout.strip() or None if result.returncode == 0 else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold-dir", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--model", choices=["bundled", "official"], default="bundled")
    parser.add_argument("--batch", help="score only this batch (a gold file's name)")
    parser.add_argument("--note", help="what this run measures (stored with the scores)")
    parser.add_argument("--commit", help="the commit whose code runs (default: this "
                        "checkout's HEAD; check that code out and put it first on PYTHONPATH)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()

    if not args.scorer.is_file() or not list(args.gold_dir.glob("gold*.jsonl")):
        print(f"dev_scores: the scorer ({args.scorer}) or the gold set ({args.gold_dir}) is "
              "not available (pass --scorer and --gold-dir); nothing written", file=sys.stderr)
        return 2
    found = batches(args.gold_dir)
    if args.batch and args.batch not in found:
        print(f"dev_scores: no batch {args.batch!r}; batches: {', '.join(found)}",
              file=sys.stderr)
        return 2
    env = _geoevents_env(args.model)
    started = time.monotonic()
    sets: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="dev-scores-") as tmp:
        targets = {args.batch: found[args.batch]} if args.batch else found
        for name, passages in targets.items():
            folder = _subset(args.gold_dir, name, passages, Path(tmp))
            result = run_scorer(args.scorer, folder, env)
            if isinstance(result, str):
                print(f"dev_scores: the scorer failed on {name}:\n{result}", file=sys.stderr)
                return 1
            sets[name] = {"documents": [p.name for p in passages], "results": result}
        if not args.batch:
            result = run_scorer(args.scorer, args.gold_dir, env)
            if isinstance(result, str):
                print(f"dev_scores: the scorer failed:\n{result}", file=sys.stderr)
                return 1
            sets["all"] = {"documents": [p.name for p in sorted(args.gold_dir.glob("*.txt"))],
                           "results": result}
    seconds = time.monotonic() - started
    record = {
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "python scripts/dev_scores.py" + (f" --batch {args.batch}" if args.batch
                                                     else ""),
        "scorer": "../shared/eval/score.py" if args.scorer == DEFAULT_SCORER else args.scorer.name,
        "commit": args.commit or _commit(),
        "note": args.note,
        "geoevents_version": metadata.version("geoevents"),
        "model": model_facts(args.model),
        "seconds": round(seconds, 1),
        "sets": sets,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    for name, data in sets.items():
        for kind, r in data["results"].items():
            if kind != "positions":
                print(f"{name:14s} {kind:15s} P={r['precision']:.3f} R={r['recall']:.3f} "
                      f"F1={r['f1']:.3f} date_acc={r['date_acc']}")
    print(f"wrote {args.output} ({seconds:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
