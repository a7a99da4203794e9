#!/usr/bin/env python
"""Train the compact English stanza models on CPU.

Usage: ``python training/train.py MODEL [--quick] [--steps N]`` with MODEL one of
tokenize, mwt, pos, lemma, depparse, ner, all.  Run ``training/prepare.py`` first.

Every trainer is stanza's own module (``python -m stanza.models.<trainer>``) called with
explicit file paths, one CPU thread (OMP_NUM_THREADS=1: the build machine has two cores
and runs at most two trainings at a time) and a fixed seed.  Models, checkpoints and logs
go to ``${GEOEVENTS_TRAIN_DIR:-~/.cache/geoevents-training}``, never into the repository.

Resuming (a rerun of the same command picks up where the last one stopped):
  * depparse: stanza keeps ``depparse_checkpoint.pt`` (model + optimizer + step); a rerun
    continues from it up to ``max_steps``.
  * tokenize / ner: a rerun warm-starts from the best saved model (tokenizer ``--load_name``,
    NER ``--finetune``); optimizer state is not kept by stanza for these.
  * pos: stanza's tagger keeps no checkpoint; a rerun warm-starts from the best saved model
    through ``training/warmstart.py`` (weights kept, optimizer fresh, seed + 1 so the
    batches come in a new order).
  * mwt / lemma: stanza has no resume for these trainers; they are retrained (both are short).
Pass ``--fresh`` to ignore existing models and start from scratch.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SHORTHAND, data_dir, logs_dir, read_json, saved_dir, work_dir, write_json

MODELS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
#: Training stages: the models, then the parser fine-tuned on the tagger's own tags
#: (``depparse-retagged``; it writes the same ``depparse.pt``).
STAGES = (*MODELS, "depparse-retagged")

#: Hyper-parameters, chosen for model size and 2-core CPU speed (see README.md for why).
#: ``quick`` values replace ``full`` ones with --quick.
HPARAMS: dict[str, dict[str, dict[str, object]]] = {
    "tokenize": {
        "full": {
            "max_seqlen": 300,
            "batch_size": 32,
            "steps": 6000,
            "eval_steps": 250,
            "max_steps_before_stop": 2500,
            "emb_dim": 32,
            "hidden_dim": 64,
        },
        "quick": {"steps": 1500},
    },
    "mwt": {
        "full": {"num_epoch": 5, "batch_size": 50, "hidden_dim": 100, "emb_dim": 50},
        "quick": {"num_epoch": 3},
    },
    "pos": {
        "full": {
            "hidden_dim": 100,
            "char_hidden_dim": 64,
            "word_emb_dim": 50,
            "deep_biaff_hidden_dim": 200,
            "composite_deep_biaff_hidden_dim": 50,
            # stanza's 0.5 / 0.33 leave the compact tagger underfitting (train-set UPOS 95.6)
            "dropout": 0.25,
            "word_dropout": 0.15,
            "batch_size": 50,
            "max_steps": 6000,
            "eval_interval": 250,
            "max_steps_before_stop": 2000,
        },
        "quick": {"max_steps": 800},
    },
    "lemma": {
        "full": {"num_epoch": 4, "batch_size": 50, "hidden_dim": 150, "emb_dim": 50},
        "quick": {"num_epoch": 1},
    },
    "depparse": {
        "full": {
            "hidden_dim": 200,
            "num_layers": 2,
            "char_hidden_dim": 100,
            "word_emb_dim": 75,
            "deep_biaff_hidden_dim": 256,
            # as for pos: the compact parser underfits with stanza's 0.5 / 0.33 (train LAS 84)
            "dropout": 0.25,
            "word_dropout": 0.15,
            "batch_size": 1000,
            "max_steps": 6000,
            "eval_interval": 200,
            "checkpoint_interval": 200,
            "max_steps_before_stop": 2000,
            "second_optim_start_step": 2000,
        },
        "quick": {"max_steps": 600},
    },
    "ner": {
        "full": {
            "hidden_dim": 256,
            "char_hidden_dim": 100,
            "word_emb_dim": 50,
            "char_emb_dim": 50,
            "batch_size": 32,
            "max_steps": 30000,
            "eval_interval": 500,
            "optim": "adam",
            "lr": 0.001,
            "min_lr": 1e-5,
            "patience": 4,
            "max_steps_no_improve": 6000,
        },
        "quick": {"max_steps": 2000},
    },
}

#: The parser's second stage: same architecture (stanza rebuilds the model from these
#: flags), continued from the gold-tag ``depparse.pt`` with Adam, on training and dev files
#: whose UPOS/XPOS/features come from the trained tagger.  No optimizer switch, no early
#: stop: the length is the budget.
HPARAMS["depparse-retagged"] = {
    "full": {
        **HPARAMS["depparse"]["full"],
        "max_steps": 2000,
        "max_steps_before_stop": 100_000,
        "second_optim_start_step": 100_000,
    },
    "quick": {"max_steps": 200},
}

SEED = 1234
WARMSTART = str(Path(__file__).with_name("warmstart.py"))


def hparams(
    model: str, quick: bool, steps: int | None, overrides: list[str] | None = None
) -> dict[str, object]:
    """The trainer's settings: the full set, shortened by *quick* or *steps*, then any
    ``key=value`` *overrides* (for experiments; the winners go into HPARAMS)."""
    params = dict(HPARAMS[model]["full"])
    if quick:
        params.update(HPARAMS[model]["quick"])
    if steps is not None:
        key = {"tokenize": "steps", "mwt": "num_epoch", "lemma": "num_epoch"}.get(
            model, "max_steps"
        )
        params[key] = steps
    for item in overrides or ():
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise SystemExit(f"--set wants key=value, got {item!r}")
        params[key] = value
    return params


def flags(params: dict[str, object]) -> list[str]:
    out: list[str] = []
    for key, value in params.items():
        out += [f"--{key}", str(value)]
    return out


def build_command(model: str, params: dict[str, object], fresh: bool) -> list[str]:
    """Return the stanza trainer command line for one processor."""
    d = data_dir()
    save = saved_dir(model.removesuffix("-retagged"))  # the retagged stage shares the folder
    pretrain = str(d / "pretrain.pt")
    common = ["--shorthand", SHORTHAND, "--seed", str(SEED), "--save_dir", str(save)]
    model_file = save / f"{model}.pt"
    if model == "tokenize":
        cmd = [
            "stanza.models.tokenizer",
            "--mode",
            "train",
            "--lang",
            "en",
            "--txt_file",
            str(d / "tok_train.txt"),
            "--label_file",
            str(d / "tok_train.labels"),
            "--mwt_json_file",
            str(d / "tok_train_mwt.json"),
            "--dev_txt_file",
            str(d / "tok_dev.txt"),
            "--dev_label_file",
            str(d / "tok_dev.labels"),
            "--dev_conll_gold",
            str(d / "ud_dev.conllu"),
            "--conll_file",
            str(save / "dev_pred.conllu"),
            "--save_name",
            "tokenize.pt",
        ]
        if model_file.exists() and not fresh:
            # warm start (see warmstart.py); a copy, stanza overwrites the model with each best
            start = save / "tokenize_start.pt"
            shutil.copyfile(model_file, start)
            runner = [WARMSTART, "tokenizer", "--warm_start", str(start)]
            return [sys.executable, *runner, *cmd[1:], *common, *flags(params)]
    elif model == "mwt":
        cmd = [
            "stanza.models.mwt_expander",
            "--mode",
            "train",
            "--lang",
            "en",
            "--train_file",
            str(d / "ud_train.conllu"),
            "--eval_file",
            str(d / "ud_dev.conllu"),
            "--output_file",
            str(save / "dev_pred.conllu"),
            "--gold_file",
            str(d / "ud_dev.conllu"),
            "--save_name",
            "mwt.pt",
        ]
    elif model == "pos":
        cmd = [
            "stanza.models.tagger",
            "--mode",
            "train",
            "--lang",
            "en",
            "--wordvec_pretrain_file",
            pretrain,
            "--train_file",
            str(d / "ud_train.conllu"),
            "--eval_file",
            str(d / "ud_dev.conllu"),
            "--output_file",
            str(save / "dev_pred.conllu"),
            "--save_name",
            "pos.pt",
        ]
        if model_file.exists() and not fresh:
            # warm start; copy the model first because stanza overwrites it with each best
            start = save / "pos_start.pt"
            shutil.copyfile(model_file, start)
            runner = [WARMSTART, "tagger", "--warm_start", str(start)]
            common[common.index("--seed") + 1] = str(SEED + 1)
            return [sys.executable, *runner, *cmd[1:], *common, *flags(params)]
    elif model == "lemma":
        cmd = [
            "stanza.models.lemmatizer",
            "--mode",
            "train",
            "--train_file",
            str(d / "ud_train.conllu"),
            "--eval_file",
            str(d / "ud_dev.conllu"),
            "--output_file",
            str(save / "dev_pred.conllu"),
            "--save_name",
            "lemma.pt",
        ]
    elif model in ("depparse", "depparse-retagged"):
        # gold tags in training (stanza's --gold route), then the retagged stage
        retagged = model == "depparse-retagged"
        model_file = save / "depparse.pt"
        checkpoint = save / f"{model.replace('-', '_')}_checkpoint.pt"
        files = RETAGGED if retagged else {"train": "ud_train.conllu", "dev": "ud_dev.conllu"}
        cmd = [
            "stanza.models.parser",
            "--mode",
            "train",
            "--lang",
            "en",
            "--wordvec_pretrain_file",
            pretrain,
            "--train_file",
            str(d / files["train"]),
            "--eval_file",
            str(d / files["dev"]),
            "--output_file",
            str(save / "dev_pred.conllu"),
            "--save_name",
            "depparse.pt",
            "--checkpoint_save_name",
            str(checkpoint),
        ]
        if fresh:
            for p in (checkpoint, *(() if retagged else (model_file,))):
                p.unlink(missing_ok=True)
        if not retagged:
            # a new gold-tag parser makes the retagged stage start over from it
            (save / "depparse_retagged_checkpoint.pt").unlink(missing_ok=True)
        else:
            start = save / "depparse_goldtags.pt"
            if not checkpoint.exists():
                # start from the gold-tag parser; keep it, depparse.pt gets overwritten
                shutil.copyfile(model_file, start)
            # stanza resumes from the checkpoint when there is one, else continues from start;
            # the batches must use the saved model's vocabulary (see warmstart.py)
            cmd += ["--continue_from", str(start)]
            runner = [WARMSTART, "parser", "--vocab_from", str(start)]
            return [sys.executable, *runner, *cmd[1:], *common, *flags(params)]
    elif model == "ner":
        cmd = [
            "stanza.models.ner_tagger",
            "--mode",
            "train",
            "--wordvec_pretrain_file",
            pretrain,
            "--train_file",
            str(d / "ner_train.json"),
            "--eval_file",
            str(d / "ner_dev.json"),
            "--save_name",
            "ner.pt",
            "--scheme",
            "bioes",
        ]
        if model_file.exists() and not fresh:
            # warm start from the best model; copy it first because stanza overwrites it
            start = save / "ner_start.pt"
            shutil.copyfile(model_file, start)
            cmd += ["--finetune", "--finetune_load_name", str(start)]
            # stanza's --finetune would take lr & co. from the saved model, not from here
            runner = [WARMSTART, "ner"]
            return [sys.executable, *runner, *cmd[1:], *common, *flags(params)]
    else:
        raise ValueError(model)
    return [sys.executable, "-m", *cmd, *common, *flags(params)]


#: ud_*.conllu -> the same trees with the tagger's UPOS/XPOS/features
RETAGGED = {"train": "ud_train.retagged.conllu", "dev": "ud_dev.retagged.conllu"}


def retag(env: dict[str, str], log: IO[str]) -> None:
    """Write the training and dev trees with tags predicted by the saved tagger.

    Trained on gold tags, the parser leans on them; the pipeline gives it predicted ones.
    The tagger has seen the training trees, so their tags are a little better than on new
    text (stanza's own recipe does the same; 10-fold jackknifing would be exact).
    """
    d = data_dir()
    pos = saved_dir("pos")
    for split, target in RETAGGED.items():
        cmd = [
            sys.executable,
            "-m",
            "stanza.models.tagger",
            "--mode",
            "predict",
            "--lang",
            "en",
            "--shorthand",
            SHORTHAND,
            "--wordvec_pretrain_file",
            str(d / "pretrain.pt"),
            "--eval_file",
            str(d / f"ud_{split}.conllu"),
            "--output_file",
            str(d / target),
            "--save_dir",
            str(pos),
            "--save_name",
            "pos.pt",
        ]
        log.write(f"\n===== {time.strftime('%Y-%m-%d %H:%M:%S')} {' '.join(cmd)}\n")
        log.flush()
        subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, check=True)


def retag_needed() -> bool:
    """True when a retagged file is missing or older than the tagger."""
    tagger = saved_dir("pos") / "pos.pt"
    files = [data_dir() / name for name in RETAGGED.values()]
    return any(not f.exists() or f.stat().st_mtime < tagger.stat().st_mtime for f in files)


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def deadline_from(until: str | None) -> float | None:
    """Turn ``HH:MM`` (UTC, today or tomorrow) into an epoch time; None means no deadline."""
    if not until:
        return None
    hour, minute = (int(x) for x in until.split(":"))
    now = dt.datetime.now(dt.UTC)
    target = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if target <= now - dt.timedelta(hours=12):
        target += dt.timedelta(days=1)
    return target.timestamp()


def train_one(
    model: str,
    quick: bool,
    steps: int | None,
    fresh: bool,
    until: str | None = None,
    overrides: list[str] | None = None,
) -> float:
    params = hparams(model, quick, steps, overrides)
    cmd = build_command(model, params, fresh)
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", PYTHONUNBUFFERED="1")
    log_path = logs_dir() / f"train_{model}.log"
    print(f"[{time.strftime('%H:%M:%S')}] training {model}; log: {log_path}", flush=True)
    start = time.time()
    with log_path.open("a", encoding="utf-8") as log:
        if model == "depparse-retagged" and retag_needed():
            retag(env, log)
        log.write(f"\n===== {time.strftime('%Y-%m-%d %H:%M:%S')} {' '.join(cmd)}\n")
        log.flush()
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=work_dir())
        deadline = deadline_from(until)
        stopped = False
        # a SIGTERM to train.py must stop the trainer too (it would go on as an orphan,
        # competing for the cores and overwriting the saved model)
        previous = signal.signal(signal.SIGTERM, _raise_interrupt)
        try:
            while proc.poll() is None:
                if deadline is not None and time.time() >= deadline:
                    # stanza saves the best model (and depparse its checkpoint) as it goes, so
                    # stopping at a wall-clock deadline loses at most one eval interval of work
                    stopped = True
                    log.write(f"\n===== stopped at deadline {until} UTC\n")
                    break
                time.sleep(5)
        except KeyboardInterrupt:
            log.write("\n===== interrupted\n")
            interrupted = True
        else:
            interrupted = False
        finally:
            signal.signal(signal.SIGTERM, previous)
            if proc.poll() is None:
                proc.terminate()
                proc.wait()
    seconds = time.time() - start
    returncode = 0 if stopped else proc.returncode
    if interrupted:
        # what the trainer saved so far is kept, so the run counts like a deadline stop
        record_run(model, seconds, quick, params, fresh, interrupted=True)
        raise SystemExit(f"{model} training interrupted; see {log_path}")
    # accumulate wall time over resumed runs, for the manifest; an interrupted run counts
    # too, because the next run resumes from what it saved
    record_run(model, seconds, quick, params, fresh, interrupted=stopped or returncode != 0)
    if returncode != 0:
        raise SystemExit(f"{model} training stopped (exit {returncode}); see {log_path}")
    print(f"[{time.strftime('%H:%M:%S')}] {model} done in {seconds / 60:.1f} min", flush=True)
    return seconds


def record_run(
    model: str,
    seconds: float,
    quick: bool,
    params: dict[str, object],
    fresh: bool,
    interrupted: bool = False,
) -> None:
    """Add one run's wall time to ``<work dir>/train_record.json`` (read by install.py)."""
    record_path = work_dir() / "train_record.json"
    record = read_json(record_path) if record_path.exists() else {}
    entry = record.get(model, {"train_seconds": 0.0, "runs": []})
    if fresh:
        entry = {"train_seconds": 0.0, "runs": []}
    entry["train_seconds"] = round(entry["train_seconds"] + seconds, 1)
    entry["runs"].append(
        {
            "finished": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "seconds": round(seconds, 1),
            "quick": quick,
            "interrupted": interrupted,
            "hyperparameters": params,
        }
    )
    entry["hyperparameters"] = params
    record[model] = entry
    write_json(record_path, record)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("model", choices=(*STAGES, "all"))
    parser.add_argument("--quick", action="store_true", help="short runs (smoke-test quality)")
    parser.add_argument(
        "--steps",
        type=int,
        default=None,
        help="override the length: steps (tokenize/pos/depparse/ner) or epochs (mwt/lemma)",
    )
    parser.add_argument("--fresh", action="store_true", help="ignore existing models/checkpoints")
    parser.add_argument(
        "--until",
        default=None,
        metavar="HH:MM",
        help="stop training at this UTC wall-clock time (the best model so far is kept)",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override one trainer setting (repeatable), e.g. --set word_dropout=0.1",
    )
    args = parser.parse_args(argv)
    models = STAGES if args.model == "all" else (args.model,)
    for model in models:
        train_one(model, args.quick, args.steps, args.fresh, args.until, args.set)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
