"""training/train.py builds the stanza command lines it documents (no training is run)."""

import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def train(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    monkeypatch.setenv("GEOEVENTS_TRAIN_DIR", str(tmp_path))
    monkeypatch.syspath_prepend(str(ROOT / "training"))
    for name in ("train", "common", "warmstart", "restore", "install"):
        sys.modules.pop(name, None)
    yield importlib.import_module("train")
    for name in ("train", "common", "warmstart", "restore", "install"):
        sys.modules.pop(name, None)


def _value(cmd: list[str], flag: str) -> str:
    return cmd[cmd.index(flag) + 1]


def test_overrides_replace_settings_and_reject_bad_ones(train: ModuleType) -> None:
    params = train.hparams("ner", False, 3000, ["word_dropout=0.1", "lr=0.002"])
    assert params["max_steps"] == 3000
    assert params["word_dropout"] == "0.1" and params["lr"] == "0.002"
    assert params["hidden_dim"] == train.HPARAMS["ner"]["full"]["hidden_dim"]
    with pytest.raises(SystemExit, match="key=value"):
        train.hparams("ner", False, None, ["word_dropout"])


def test_pos_warm_starts_from_a_copy_with_a_new_seed(train: ModuleType, tmp_path: Path) -> None:
    params = train.hparams("pos", False, None)
    fresh = train.build_command("pos", params, False)
    assert "stanza.models.tagger" in fresh and "--warm_start" not in fresh

    saved = tmp_path / "saved_models" / "pos" / "pos.pt"
    saved.write_bytes(b"weights")
    warm = train.build_command("pos", params, False)
    assert warm[1].endswith("warmstart.py") and warm[2] == "tagger"
    start = Path(_value(warm, "--warm_start"))
    assert start != saved and start.read_bytes() == b"weights"
    assert _value(warm, "--seed") == str(train.SEED + 1)
    assert _value(warm, "--save_name") == "pos.pt"
    # --fresh ignores the saved model
    assert "--warm_start" not in train.build_command("pos", params, True)


def test_retagged_parser_continues_from_the_gold_tag_parser(
    train: ModuleType, tmp_path: Path
) -> None:
    folder = tmp_path / "saved_models" / "depparse"
    folder.mkdir(parents=True)
    (folder / "depparse.pt").write_bytes(b"gold-tag parser")
    params = train.hparams("depparse-retagged", False, 500)
    cmd = train.build_command("depparse-retagged", params, False)
    assert cmd[1].endswith("warmstart.py") and cmd[2] == "parser"
    assert _value(cmd, "--vocab_from") == _value(cmd, "--continue_from")
    assert _value(cmd, "--train_file").endswith("ud_train.retagged.conllu")
    assert _value(cmd, "--eval_file").endswith("ud_dev.retagged.conllu")
    assert Path(_value(cmd, "--continue_from")).read_bytes() == b"gold-tag parser"
    assert _value(cmd, "--save_dir") == str(folder)
    assert _value(cmd, "--max_steps") == "500"
    # stanza rebuilds the model from the flags, so the architecture must be the parser's
    for key in ("hidden_dim", "num_layers", "word_emb_dim", "deep_biaff_hidden_dim"):
        assert _value(cmd, f"--{key}") == str(train.HPARAMS["depparse"]["full"][key])
    assert not (tmp_path / "saved_models" / "depparse-retagged").exists()


def test_a_new_gold_tag_parser_restarts_the_retagged_stage(
    train: ModuleType, tmp_path: Path
) -> None:
    folder = tmp_path / "saved_models" / "depparse"
    folder.mkdir(parents=True)
    checkpoint = folder / "depparse_retagged_checkpoint.pt"
    checkpoint.write_bytes(b"old")
    train.build_command("depparse", train.hparams("depparse", False, None), False)
    assert not checkpoint.exists()


def test_warm_start_argument_is_taken_out(train: ModuleType) -> None:
    warmstart = importlib.import_module("warmstart")
    path, rest = warmstart.take_option(["--mode", "train", "--warm_start", "a.pt"], "--warm_start")
    assert path == "a.pt" and rest == ["--mode", "train"]
    with pytest.raises(SystemExit):
        warmstart.take_option(["--mode", "train"], "--warm_start")
    with pytest.raises(SystemExit):
        warmstart.take_option(["--warm_start"], "--warm_start")
    with pytest.raises(SystemExit, match="usage"):
        warmstart.main(["neither"])


def test_tokenizer_warm_starts_through_warmstart_py(train: ModuleType, tmp_path: Path) -> None:
    params = train.hparams("tokenize", False, None)
    assert "--warm_start" not in train.build_command("tokenize", params, False)
    saved = tmp_path / "saved_models" / "tokenize" / "tokenize.pt"
    saved.write_bytes(b"weights")
    warm = train.build_command("tokenize", params, False)
    assert warm[1].endswith("warmstart.py") and warm[2] == "tokenizer"
    assert "--load_name" not in warm  # stanza 1.15's own warm start is broken
    start = Path(_value(warm, "--warm_start"))
    assert start != saved and start.read_bytes() == b"weights"
    assert _value(warm, "--save_name") == "tokenize.pt"
    assert "--warm_start" not in train.build_command("tokenize", params, True)


@pytest.fixture
def restore(train: ModuleType) -> ModuleType:
    sys.modules.pop("restore", None)
    sys.modules.pop("install", None)
    return importlib.import_module("restore")


def _installed(folder: Path, words: list[str]) -> None:
    import torch

    folder.mkdir(parents=True)
    pretrain = {"vocab": {"_id2unit": words}, "emb": torch.zeros(len(words), 2)}
    torch.save(pretrain, folder / "pretrain.pt")
    for proc in ("tokenize", "mwt", "pos", "lemma", "depparse", "ner"):
        weights = {"w": torch.ones(2, dtype=torch.float16), "ids": torch.arange(3)}
        model = {"model": weights, "config": {"name": proc}}
        if proc == "ner":  # stanza's NER keeps its own copy of the word vocabulary
            model["vocab"] = {"word": {"_id2unit": words}}
        torch.save(model, folder / f"{proc}.pt")
    retagged = {"hyperparameters": {"lr": 2e-4}, "train_seconds": 60.0}
    processors = {
        "pos": {"hyperparameters": {"hidden_dim": 100}, "train_seconds": 120.0},
        "depparse": {"train_seconds": 30.0, "fine_tuned_on_predicted_tags": retagged},
    }
    manifest = {"version": "2026.01.01", "installed": "x", "processors": processors}
    (folder / "manifest.json").write_text(json.dumps(manifest))


def _installed_and_rebuilt(tmp_path: Path, rebuilt_words: list[str]) -> Path:
    """An installed set with words <PAD> the missile, and a rebuilt data/pretrain.pt."""
    import torch

    installed = tmp_path / "installed"
    _installed(installed, ["<PAD>", "the", "missile"])
    (tmp_path / "data").mkdir()
    torch.save({"vocab": {"_id2unit": rebuilt_words}}, tmp_path / "data/pretrain.pt")
    return installed


def test_restore_seeds_the_work_dir_from_the_installed_models(
    restore: ModuleType, tmp_path: Path
) -> None:
    import torch

    installed = _installed_and_rebuilt(tmp_path, ["<PAD>", "the", "missile"])
    assert restore.main(["--models", str(installed)]) == 0
    pos = torch.load(tmp_path / "saved_models" / "pos" / "pos.pt", weights_only=True)
    assert pos["model"]["w"].dtype == torch.float32 and pos["model"]["w"].tolist() == [1.0, 1.0]
    assert pos["model"]["ids"].dtype == torch.int64 and pos["config"] == {"name": "pos"}
    record = json.loads((tmp_path / "train_record.json").read_text())
    assert record["pos"]["train_seconds"] == 120.0
    assert record["pos"]["hyperparameters"] == {"hidden_dim": 100}
    assert record["depparse-retagged"]["train_seconds"] == 60.0
    # a second run keeps what is there (a continued model is never overwritten by accident)
    torch.save({"model": {}}, tmp_path / "saved_models" / "pos" / "pos.pt")
    restore.main(["--models", str(installed)])
    kept = torch.load(tmp_path / "saved_models" / "pos" / "pos.pt", weights_only=True)
    assert kept == {"model": {}}


def test_restore_after_a_discarded_run_puts_the_settings_back(
    restore: ModuleType, tmp_path: Path
) -> None:
    import torch

    # the rebuilt pretrain may append words (prepare.py --glove-extend); ids do not move
    longer = ["<PAD>", "the", "missile", "hwasong"]
    installed = _installed_and_rebuilt(tmp_path, longer)
    restore.main(["--models", str(installed)])
    ner = torch.load(tmp_path / "saved_models" / "ner" / "ner.pt", weights_only=True)
    assert ner["vocab"]["word"]["_id2unit"] == longer
    # an experiment changed the tagger's record, then its model was thrown away
    record_path = tmp_path / "train_record.json"
    record = json.loads(record_path.read_text())
    record["pos"]["hyperparameters"] = {"hidden_dim": 100, "lr": "0.0003"}
    record["pos"]["train_seconds"] += 600.0
    record_path.write_text(json.dumps(record))
    (tmp_path / "saved_models" / "pos" / "pos.pt").unlink()
    restore.main(["--models", str(installed)])
    record = json.loads(record_path.read_text())
    assert record["pos"]["hyperparameters"] == {"hidden_dim": 100}
    assert record["pos"]["train_seconds"] == 720.0  # the experiment's time still counts
    assert record["pos"]["runs"][-1]["seconds"] == 0.0


def test_restore_refuses_other_word_vectors(restore: ModuleType, tmp_path: Path) -> None:
    import torch

    installed = tmp_path / "installed"
    _installed(installed, ["<PAD>", "the", "missile"])
    with pytest.raises(SystemExit, match=r"prepare\.py"):
        restore.main(["--models", str(installed)])
    (tmp_path / "data").mkdir(exist_ok=True)
    torch.save({"vocab": {"_id2unit": ["<PAD>", "the", "rocket"]}}, tmp_path / "data/pretrain.pt")
    with pytest.raises(SystemExit, match="another vocabulary"):
        restore.main(["--models", str(installed)])
    assert not (tmp_path / "saved_models" / "pos" / "pos.pt").exists()


def test_stopping_train_py_stops_the_trainer(
    train: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import signal
    import subprocess
    import threading

    marker = tmp_path / "trainer.pid"
    trainer = f"import os, time; open({str(marker)!r}, 'w').write(str(os.getpid())); time.sleep(60)"
    monkeypatch.setattr(train, "build_command", lambda *_: [sys.executable, "-c", trainer])
    threading.Timer(2, os.kill, (os.getpid(), signal.SIGTERM)).start()
    with pytest.raises(SystemExit, match="interrupted"):
        train.train_one("ner", True, 10, False)
    pid = int(marker.read_text())
    assert subprocess.run(["kill", "-0", str(pid)], capture_output=True).returncode != 0
    record = json.loads((tmp_path / "train_record.json").read_text())
    assert record["ner"]["runs"][-1]["interrupted"] is True


def test_ner_fine_tune_goes_through_warmstart_py(train: ModuleType, tmp_path: Path) -> None:
    params = train.hparams("ner", False, 3000, ["lr=0.0001"])
    assert "--finetune" not in train.build_command("ner", params, False)
    folder = tmp_path / "saved_models" / "ner"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ner.pt").write_bytes(b"ner weights")
    cmd = train.build_command("ner", params, False)
    assert cmd[1].endswith("warmstart.py") and cmd[2] == "ner"
    start = Path(_value(cmd, "--finetune_load_name"))
    assert start.read_bytes() == b"ner weights" and start.name == "ner_start.pt"
    assert _value(cmd, "--lr") == "0.0001" and _value(cmd, "--save_name") == "ner.pt"


def test_ner_fine_tune_uses_the_command_line_learning_rate(train: ModuleType) -> None:
    """stanza's own --finetune builds the optimizer from the saved model's lr; the
    warm-start trainer takes it (and the other training settings) from the command line."""
    from stanza.models import ner_tagger
    from stanza.models.common.pretrain import Pretrain
    from stanza.models.ner.trainer import Trainer

    warmstart = importlib.import_module("warmstart")
    models = ROOT / "src" / "geoevents" / "nlp" / "models" / "en"
    start = str(models / "ner.pt")
    pretrain = Pretrain(str(models / "pretrain.pt"))
    saved = Trainer(args={}, model_file=start, pretrain=pretrain, device="cpu")
    args = ner_tagger.parse_args(
        ["--finetune", "--finetune_load_name", start, "--lr", "0.000123", "--dropout", "0.3"]
    )
    settings = {key: args[key] for key in warmstart.NER_TRAINING_KEYS}
    warm_class = warmstart.ner_warm_trainer(start, settings)
    warm = warm_class(args={}, model_file=start, pretrain=pretrain, device="cpu")
    assert saved.optimizer.param_groups[0]["lr"] != 0.000123
    assert warm.optimizer.param_groups[0]["lr"] == 0.000123
    assert warm.args["dropout"] == 0.3
    # the network itself is the saved one
    assert warm.args["hidden_dim"] == saved.args["hidden_dim"]


def test_install_extends_the_ner_vocabulary_only_by_appending(
    train: ModuleType, tmp_path: Path
) -> None:
    import torch

    install = importlib.import_module("install")
    old = {"_id2unit": ["<PAD>", "the", "missile"], "lower": False}
    longer = {"_id2unit": ["<PAD>", "the", "missile", "hwasong"], "lower": False}
    ner, pretrain = tmp_path / "ner.pt", tmp_path / "pretrain.pt"
    weights = {"w": torch.ones(2, dtype=torch.float16)}
    torch.save({"model": weights, "vocab": {"word": old, "tag": {"x": 1}}}, ner)
    torch.save({"vocab": longer, "emb": torch.zeros(4, 2)}, pretrain)
    assert install.align_ner_vocabulary(ner, pretrain) is True
    saved = torch.load(ner, weights_only=True)
    assert saved["vocab"]["word"] == longer and saved["vocab"]["tag"] == {"x": 1}
    assert saved["model"]["w"].dtype == torch.float16
    assert install.align_ner_vocabulary(ner, pretrain) is False  # already aligned
    # ids that moved would silently give names the wrong vectors: refused
    torch.save({"vocab": {"_id2unit": ["<PAD>", "missile", "the", "hwasong"]}}, pretrain)
    with pytest.raises(SystemExit, match="other word vectors"):
        install.align_ner_vocabulary(ner, pretrain)


def test_the_pretrain_extension_appends_glove_words_by_frequency(train: ModuleType) -> None:
    from collections import Counter

    prepare = importlib.import_module("prepare")
    words = [f"w{i}" for i in range(1000)]  # GloVe's index: most frequent first
    corpus = Counter({"w500": 3, "w7": 9, "unknown": 5})
    plain, core = prepare.choose_words(words, corpus, 100, 1000)
    assert plain == [*range(100), 500] and core == 101  # the corpus word GloVe knows
    extended, core = prepare.choose_words(words, corpus, 100, 1000, 150)
    assert core == 101 and len(extended) == 150
    assert extended[:101] == plain  # nothing moved
    assert extended[101:] == list(range(100, 149))  # then GloVe's next words by rank


def test_lowercased_ner_copies_keep_their_labels(train: ModuleType) -> None:
    prepare = importlib.import_module("prepare")
    named = [{"text": "Flights", "ner": "O"}, {"text": "to", "ner": "O"},
             {"text": "Kerala", "ner": "B-LOC"}]
    plain = [{"text": "Thanks", "ner": "O"}]
    sentences = [named, plain] * 50
    copies = prepare.lowercased_copies(sentences, 0.3)
    assert 0 < len(copies) < 50  # a fraction of the 50 sentences with a name, none without
    assert all(c == [{"text": "flights", "ner": "O"}, {"text": "to", "ner": "O"},
                     {"text": "kerala", "ner": "B-LOC"}] for c in copies)
    assert copies == prepare.lowercased_copies(sentences, 0.3)  # stable
    assert prepare.lowercased_copies(sentences, 0.0) == []
    assert len(prepare.lowercased_copies(sentences, 1.0)) == 50


def test_a_changed_model_set_gets_a_new_version_even_on_the_same_day(
    train: ModuleType,
) -> None:
    import datetime as dt

    install = importlib.import_module("install")
    day = dt.date(2026, 12, 2)
    assert install.new_version(None, day) == "2026.12.02"
    assert install.new_version("2026.11.28", day) == "2026.12.02"
    assert install.new_version("2026.12.02", day) == "2026.12.02.1"
    assert install.new_version("2026.12.02.1", day) == "2026.12.02.2"
