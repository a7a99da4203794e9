"""training/ensemble.py folds NER models into one stanza model that scores as their mean."""

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest
import torch

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "src" / "geoevents" / "nlp" / "models" / "en"
SENTENCE = [
    *["Kim", "Jong", "Un", "met", "Vladimir", "Putin", "in", "Vladivostok"],
    *[",", "the", "Kremlin", "said", "."],
]


def _ner(model: Path) -> Any:
    import stanza

    return stanza.Pipeline(
        lang="en",
        dir=str(MODELS),
        download_method=None,
        processors="tokenize,ner",
        tokenize_pretokenized=True,
        logging_level="WARN",
        tokenize_model_path=str(MODELS / "tokenize.pt"),
        ner_model_path=str(model),
        ner_pretrain_path=str(MODELS / "pretrain.pt"),
    )


def test_two_copies_of_the_bundled_model_fold_into_the_same_tagger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "training"))
    sys.modules.pop("ensemble", None)
    ensemble = importlib.import_module("ensemble")
    member = torch.load(MODELS / "ner.pt", map_location="cpu", weights_only=True)
    pretrain = torch.load(MODELS / "pretrain.pt", map_location="cpu", weights_only=True)
    folded = ensemble.fold([member, member], pretrain, 100_000)
    assert folded["config"]["hidden_dim"] == 2 * member["config"]["hidden_dim"]
    assert "word" not in folded["vocab"]
    out = tmp_path / "folded.pt"
    torch.save(folded, out)
    expected = [t.ner for t in _ner(MODELS / "ner.pt")([SENTENCE]).sentences[0].tokens]
    got = [t.ner for t in _ner(out)([SENTENCE]).sentences[0].tokens]
    assert got == expected
    assert any(tag != "O" for tag in got)
    with pytest.raises(SystemExit, match="already folded"):
        ensemble.fold([folded, member], pretrain, 100_000)
