"""training/train.py builds the stanza command lines it documents (no training is run)."""

import importlib
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
    for name in ("train", "common", "warmstart"):
        sys.modules.pop(name, None)
    yield importlib.import_module("train")
    for name in ("train", "common", "warmstart"):
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
