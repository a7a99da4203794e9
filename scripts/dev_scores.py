#!/usr/bin/env python
"""Score geoevents on the development set and write ``docs/_generated/accuracy.json``.

Runs the project's scorer (``python /work/shared/eval/score.py GOLD_DIR --json``), which in
turn runs ``geoevents extract`` over every passage, and stores its figures together with
when, how and with which model they were produced. The documentation's accuracy page
renders the file; rebuild the docs afterwards.

    python scripts/dev_scores.py
    python scripts/dev_scores.py --gold-dir /path/to/gold --scorer /path/to/score.py
    python scripts/dev_scores.py --model official

Exit codes: 0 written, 1 the scorer failed (nothing is written), 2 the scorer or the gold
set is not available.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "_generated" / "accuracy.json"
DEFAULT_SCORER = Path("/work/shared/eval/score.py")
DEFAULT_GOLD = Path("/work/shared/eval/dev")


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold-dir", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--model", choices=["bundled", "official"], default="bundled")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()

    if not args.scorer.is_file() or not (args.gold_dir / "gold.jsonl").is_file():
        print(f"dev_scores: the scorer ({args.scorer}) or the gold set ({args.gold_dir}/"
              "gold.jsonl) is not available; nothing written", file=sys.stderr)
        return 2

    # The scorer runs `$GEOEVENTS_CMD extract --input ... --output ...`: point it at this
    # interpreter's geoevents, with the chosen model.
    geoevents_cmd = [sys.executable, "-m", "geoevents.cli"]
    env = dict(os.environ)
    if args.model != "bundled":
        # the scorer appends `extract --input ...`; the model flag must follow the subcommand
        wrapper = Path(tempfile.mkdtemp(prefix="dev-scores-")) / "geoevents"
        wrapper.write_text(
            "#!/bin/sh\nsub=$1; shift\nexec " + shlex.join(geoevents_cmd)
            + f' "$sub" --model {shlex.quote(args.model)} "$@"\n', encoding="utf-8")
        wrapper.chmod(0o755)
        geoevents_cmd = [str(wrapper)]
    env["GEOEVENTS_CMD"] = shlex.join(geoevents_cmd)

    command = [sys.executable, str(args.scorer), str(args.gold_dir), "--json"]
    started = time.monotonic()
    completed = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    seconds = time.monotonic() - started
    if completed.returncode != 0:
        print(f"dev_scores: the scorer failed ({completed.returncode}):\n"
              f"{completed.stderr[-3000:]}", file=sys.stderr)
        return 1
    results = json.loads(completed.stdout.strip().splitlines()[-1])

    record = {
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "python scripts/dev_scores.py"
        + (f" --model {args.model}" if args.model != "bundled" else ""),
        "scorer": f"python {args.scorer} {args.gold_dir} --json",
        "gold_dir": str(args.gold_dir),
        "documents": len(list(args.gold_dir.glob("*.txt"))),
        "geoevents_version": metadata.version("geoevents"),
        "model": model_facts(args.model),
        "seconds": round(seconds, 1),
        "results": results,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    for kind, r in results.items():
        print(f"{kind:15s} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
              f"date_acc={r['date_acc']}")
    print(f"wrote {args.output} ({seconds:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
