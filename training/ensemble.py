#!/usr/bin/env python
"""Fold several stanza NER models into one stanza NER model that is their ensemble.

stanza's NER network is a word embedding + a character BiLSTM, a linear input transform,
a BiLSTM and a linear layer into a CRF. N such models (same tags, same characters, one
layer each) are exactly one model of N times the width whose weight matrices are block
diagonal: every LSTM unit only reads the units of its own member, the output layer takes
the mean of the members' tag scores and the CRF the mean of their transitions. stanza
loads and runs the result like any NER model (``ner_model_path``), so the pipeline, the
library and official stanza need nothing new.

The one part that does not fold is the word input: a member sees ``pretrain[w] +
delta[w]`` with its own fine-tuned ``delta``. The folded model has no ``word`` vocabulary
and one ``delta`` table instead, whose row for ``w`` is the members' embeddings side by
side. It holds the members' own training words and the first ``--words`` words of the
pretrain; a rarer word gets the members' unknown-word embedding, the one approximation.

    python training/ensemble.py OUT.pt MEMBER.pt MEMBER.pt [...] --pretrain PRETRAIN.pt
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import torch

PAD, UNK = 0, 1  # stanza's VOCAB_PREFIX ids: <PAD>, <UNK>, <EMPTY>, <ROOT>
PREFIX = ("<PAD>", "<UNK>", "<EMPTY>", "<ROOT>")
LSTM_PARTS = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")


def _check(members: list[dict[str, Any]]) -> None:
    first = members[0]
    for i, m in enumerate(members):
        cfg = m["config"]
        if cfg.get("num_layers") != 1 or cfg.get("char_num_layers") != 1:
            raise SystemExit(f"member {i}: only one-layer LSTMs fold")
        if cfg.get("charlm") or cfg.get("bert_model") or not cfg.get("input_transform"):
            raise SystemExit(f"member {i}: charlm, transformer or no input transform")
        if cfg.get("connect_output_layers") or not cfg.get("lowercase", True):
            raise SystemExit(f"member {i}: connected output layers or cased words")
        for key in ("char", "tag"):
            if m["vocab"][key]["_id2unit"] != first["vocab"][key]["_id2unit"]:
                raise SystemExit(f"member {i}: another {key} vocabulary than member 0")
        if "delta" not in m["vocab"] or "word" not in m["vocab"]:
            raise SystemExit(f"member {i}: not a pretrain + delta model (already folded?)")


def _block_lstm(
    states: list[dict[str, torch.Tensor]], prefix: str, in_sizes: list[int], hidden: list[int]
) -> dict[str, torch.Tensor]:
    """One bidirectional LSTM whose gates are the members' gates, block diagonal.

    PyTorch stacks the gates i, f, g, o of width H; the folded gate k is the members'
    gate k one after the other, and member j reads only its own inputs and units.
    """
    out: dict[str, torch.Tensor] = {}
    total_in, total_h = sum(in_sizes), sum(hidden)
    for suffix in ("", "_reverse"):
        w_ih = torch.zeros(4 * total_h, total_in)
        w_hh = torch.zeros(4 * total_h, total_h)
        b_ih = torch.zeros(4 * total_h)
        b_hh = torch.zeros(4 * total_h)
        col, unit = 0, 0
        for state, n_in, h in zip(states, in_sizes, hidden, strict=True):
            for gate in range(4):
                rows = slice(gate * total_h + unit, gate * total_h + unit + h)
                src = slice(gate * h, (gate + 1) * h)
                w_ih[rows, col : col + n_in] = state[f"{prefix}.weight_ih_l0{suffix}"][src].float()
                w_hh[rows, unit : unit + h] = state[f"{prefix}.weight_hh_l0{suffix}"][src].float()
                b_ih[rows] = state[f"{prefix}.bias_ih_l0{suffix}"][src].float()
                b_hh[rows] = state[f"{prefix}.bias_hh_l0{suffix}"][src].float()
            col += n_in
            unit += h
        for part, tensor in zip(LSTM_PARTS, (w_ih, w_hh, b_ih, b_hh), strict=True):
            out[f"{prefix}.{part}{suffix}"] = tensor
    return out


def member_word_vector(
    word: str, member: dict[str, Any], pretrain: dict[str, Any], pre_ids: dict[str, int]
) -> torch.Tensor:
    """What *member* feeds its LSTM for the lower-case *word* (stanza's NERTagger.forward)."""
    delta_ids = member["vocab"]["delta"]["_unit2id"]
    s = pre_ids.get(word.replace(" ", "\xa0"), UNK)
    d = delta_ids.get(word, UNK)
    if d == UNK and s != UNK:
        d = PAD  # a pretrain word the member never trained on: its vector alone
    emb: torch.Tensor = pretrain["emb"]
    delta: torch.Tensor = member["model"]["delta_emb.weight"]
    return emb[s].float() + delta[d].float()


def fold(
    members: list[dict[str, Any]], pretrain: dict[str, Any], pretrain_words: int
) -> dict[str, Any]:
    """The stanza NER checkpoint (``model``, ``vocab``, ``config``) of the ensemble."""
    _check(members)
    n = len(members)
    states = [m["model"] for m in members]
    cfgs = [m["config"] for m in members]
    word_dim = [c["word_emb_dim"] for c in cfgs]
    char_emb = [c["char_emb_dim"] for c in cfgs]
    char_h = [c["char_hidden_dim"] for c in cfgs]
    hidden = [c["hidden_dim"] for c in cfgs]

    # the word table: members' training words first, then the pretrain's by rank
    pre_units: list[str] = pretrain["vocab"]["_id2unit"]
    pre_ids = {w: i for i, w in enumerate(pre_units)}
    words: dict[str, None] = {}
    for m in members:
        words.update(dict.fromkeys(m["vocab"]["delta"]["_id2unit"][len(PREFIX) :]))
    for unit in pre_units[len(PREFIX) : len(PREFIX) + pretrain_words]:
        word = unit.replace("\xa0", " ")
        if word == word.lower():
            words.setdefault(word)
    units = [*PREFIX, *words]
    table = torch.zeros(len(units), sum(word_dim))
    for row, word in enumerate(units):
        if row == PAD:
            continue
        # <UNK> maps to both tables' unknown rows, as an unknown word does in a member
        table[row] = torch.cat([member_word_vector(word, m, pretrain, pre_ids) for m in members])

    state: dict[str, torch.Tensor] = {"delta_emb.weight": table}
    state["charmodel.char_emb.weight"] = torch.cat(
        [s["charmodel.char_emb.weight"].float() for s in states], dim=1
    )
    for name in (
        "charmodel.charlstm_h_init",
        "charmodel.charlstm_c_init",
        "taggerlstm_h_init",
        "taggerlstm_c_init",
    ):
        state[name] = torch.cat([s[name].float() for s in states], dim=2)
    state.update(_block_lstm(states, "charmodel.charlstm.lstm", char_emb, char_h))

    # input: [words (member by member), char forward (idem), char backward (idem)];
    # output: member by member, each [word, char forward, char backward] as it was
    sizes = [w + 2 * c for w, c in zip(word_dim, char_h, strict=True)]
    transform = torch.zeros(sum(sizes), sum(sizes))
    transform_bias = torch.zeros(sum(sizes))
    row = 0
    for j, s in enumerate(states):
        weight = s["input_transform.weight"].float()
        w, c = word_dim[j], char_h[j]
        word_col = sum(word_dim[:j])
        fwd_col = sum(word_dim) + sum(char_h[:j])
        bwd_col = sum(word_dim) + sum(char_h) + sum(char_h[:j])
        rows = slice(row, row + sizes[j])
        transform[rows, word_col : word_col + w] = weight[:, :w]
        transform[rows, fwd_col : fwd_col + c] = weight[:, w : w + c]
        transform[rows, bwd_col : bwd_col + c] = weight[:, w + c :]
        transform_bias[rows] = s["input_transform.bias"].float()
        row += sizes[j]
    state["input_transform.weight"] = transform
    state["input_transform.bias"] = transform_bias
    state.update(_block_lstm(states, "taggerlstm.lstm", sizes, hidden))

    # the tag scores: the mean of the members' (forward units, then backward units)
    n_tags = states[0]["tag_clfs.0.weight"].shape[0]
    clf = torch.zeros(n_tags, 2 * sum(hidden))
    for j, s in enumerate(states):
        weight = s["tag_clfs.0.weight"].float() / n
        h, before = hidden[j], sum(hidden[:j])
        clf[:, before : before + h] = weight[:, :h]
        clf[:, sum(hidden) + before : sum(hidden) + before + h] = weight[:, h:]
    state["tag_clfs.0.weight"] = clf
    state["tag_clfs.0.bias"] = sum(s["tag_clfs.0.bias"].float() for s in states) / n
    state["crits.0._transitions"] = sum(s["crits.0._transitions"].float() for s in states) / n

    vocab = {k: v for k, v in members[0]["vocab"].items() if k != "word"}
    vocab["_key2class"] = {k: v for k, v in vocab["_key2class"].items() if k != "word"}
    vocab["delta"] = {
        **vocab["delta"],
        "_id2unit": units,
        "_unit2id": {w: i for i, w in enumerate(units)},
    }
    config = {
        **cfgs[0],
        "word_emb_dim": sum(word_dim),
        "char_emb_dim": sum(char_emb),
        "char_hidden_dim": sum(char_h),
        "hidden_dim": sum(hidden),
        "ensemble_members": n,
    }
    return {"model": state, "vocab": vocab, "config": config}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path, help="the folded model file to write")
    parser.add_argument("members", type=Path, nargs="+", help="stanza NER model files")
    parser.add_argument("--pretrain", type=Path, required=True, help="the members' pretrain.pt")
    parser.add_argument(
        "--words",
        type=int,
        default=100_000,
        help="pretrain words (by rank) in the folded word table (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    if len(args.members) < 2:
        raise SystemExit("an ensemble needs two members or more")
    members = [torch.load(p, map_location="cpu", weights_only=True) for p in args.members]
    pretrain = torch.load(args.pretrain, map_location="cpu", weights_only=True)
    folded = fold(members, pretrain, args.words)
    torch.save(folded, args.out)
    rows, dim = folded["model"]["delta_emb.weight"].shape
    print(f"{args.out}: {len(members)} members, word table {rows} x {dim}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
