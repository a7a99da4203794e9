#!/usr/bin/env python
"""Evaluate the INSTALLED (float16) models end to end and record the scores in manifest.json.

UD metrics (tokens F1, sentences F1, UPOS, lemma, UAS, LAS): the raw text of EWT test and
GUM-open test (rebuilt from the CoNLL-U files, paragraphs kept) goes through the full
tokenize,mwt,pos,lemma,depparse pipeline and the output is scored against the gold file with
stanza's CoNLL 2018 shared-task evaluator (``stanza.models.common.utils.ud_scores``; in stanza
1.15 the old ``stanza.utils.conll18_ud_eval`` module lives on as ``udtools.udeval``).

NER (PER/ORG/LOC, exact span + type, micro P/R/F1): gold tokenization
(``tokenize_pretokenized=True``) on UNER-EWT test and on the GUM-open test names (derived
from GUM's entity annotation exactly as for training, see prepare.py).

Scores are written into ``manifest.json`` (``scores``, percentages with 2 decimals) and the
model card is re-rendered.  Outputs and logs go to the training work dir.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DEFAULT_CORPORA, MODELS_DIR, read_json, work_dir, write_json

Span = tuple[int, int, int, str]  # sentence index, start token, end token (inclusive), label


def pipeline_kwargs(folder: Path) -> dict[str, Any]:
    """The exact keyword arguments that load the bundled models without network access."""
    d = str(folder)
    return {
        "lang": "en",
        "dir": d,
        "download_method": None,
        "tokenize_model_path": f"{d}/tokenize.pt",
        "mwt_model_path": f"{d}/mwt.pt",
        "pos_model_path": f"{d}/pos.pt",
        "pos_pretrain_path": f"{d}/pretrain.pt",
        "lemma_model_path": f"{d}/lemma.pt",
        "depparse_model_path": f"{d}/depparse.pt",
        "depparse_pretrain_path": f"{d}/pretrain.pt",
        "ner_model_path": f"{d}/ner.pt",
        "ner_pretrain_path": f"{d}/pretrain.pt",
    }


def conllu_text(path: Path) -> str:
    from stanza.utils.datasets.conllu_to_text import convert_text

    out = work_dir() / "eval" / (path.stem + ".txt")
    out.parent.mkdir(parents=True, exist_ok=True)
    convert_text(str(path), str(out))
    return out.read_text(encoding="utf-8")


def truncated(gold: Path, limit: int | None) -> Path:
    """The first ``limit`` sentences of a CoNLL-U file (for quick checks), else the file."""
    if limit is None:
        return gold
    from prepare import read_conllu_blocks, write_conllu

    out = work_dir() / "eval" / (gold.stem + f".first{limit}.conllu")
    out.parent.mkdir(parents=True, exist_ok=True)
    write_conllu((b for i, b in enumerate(read_conllu_blocks(gold)) if i < limit), out)
    return out


def ud_eval(nlp: Any, gold: Path, limit: int | None = None) -> dict[str, float]:
    from stanza.models.common.utils import ud_scores
    from stanza.utils.conll import CoNLL

    gold = truncated(gold, limit)
    text = conllu_text(gold)
    start = time.time()
    doc = nlp(text)
    seconds = time.time() - start
    pred = work_dir() / "eval" / (gold.stem + ".pred.conllu")
    CoNLL.write_doc2conll(doc, str(pred))
    ev = ud_scores(str(gold), str(pred))
    metrics = {
        "tokens_f1": "Tokens",
        "sentences_f1": "Sentences",
        "upos": "UPOS",
        "lemma": "Lemmas",
        "uas": "UAS",
        "las": "LAS",
    }
    scores = {k: round(100 * ev[m].f1, 2) for k, m in metrics.items()}
    words = sum(len(s.words) for s in doc.sentences)
    rate = words / seconds
    print(f"  {gold.name}: {scores}  ({words} words in {seconds:.0f} s, {rate:.0f} words/s)")
    return scores


def bio_spans(tags_per_sentence: list[list[str]]) -> set[Span]:
    """Exact entity spans from BIO or BIOES tags (robust to I- without B-)."""
    spans: set[Span] = set()
    for si, tags in enumerate(tags_per_sentence):
        start, label = -1, ""
        for i, tag in enumerate([*tags, "O"]):
            prefix, _, typ = tag.partition("-")
            continues = prefix in ("I", "E") and typ == label and start >= 0
            if not continues and start >= 0:
                spans.add((si, start, i - 1, label))
                start, label = -1, ""
            if prefix in ("B", "S") or (prefix in ("I", "E") and not continues):
                start, label = i, typ
            if prefix in ("E", "S") and start >= 0:
                spans.add((si, start, i, label))
                start, label = -1, ""
    return spans


def ner_eval(nlp_pretok: Any, sentences: list[list[dict[str, str]]], name: str) -> dict[str, float]:
    tokens = [[t["text"] for t in s] for s in sentences if s]
    gold_tags = [[t["ner"] for t in s] for s in sentences if s]
    doc = nlp_pretok(tokens)
    pred_tags = [[t.ner for t in s.tokens] for s in doc.sentences]
    assert len(pred_tags) == len(gold_tags), "pretokenized input was re-split"
    gold, pred = bio_spans(gold_tags), bio_spans(pred_tags)
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    scores = {"precision": round(100 * p, 2), "recall": round(100 * r, 2), "f1": round(100 * f, 2)}
    per_type: dict[str, float] = {}
    for label in ("PER", "ORG", "LOC"):
        g = {s for s in gold if s[3] == label}
        q = {s for s in pred if s[3] == label}
        t = len(g & q)
        pp, rr = (t / len(q) if q else 0.0), (t / len(g) if g else 0.0)
        per_type[label] = round(100 * (2 * pp * rr / (pp + rr) if pp + rr else 0.0), 2)
    print(f"  NER {name}: {scores} per type F1 {per_type} ({len(gold)} gold entities)")
    return {**scores, "f1_per_type": per_type}  # type: ignore[dict-item]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--models",
        type=Path,
        default=MODELS_DIR,
        help="installed model folder (default: %(default)s)",
    )
    parser.add_argument(
        "--corpora", type=Path, default=DEFAULT_CORPORA, help="open corpora (default: %(default)s)"
    )
    parser.add_argument(
        "--no-write", action="store_true", help="print the scores only; leave manifest.json alone"
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=None,
        help="quick check: only the first N sentences of each test set (implies --no-write)",
    )
    args = parser.parse_args(argv)

    import stanza
    import torch
    from model_card import render_model_card
    from prepare import read_gum_entities, read_uner

    torch.set_num_threads(1)  # shared 2-core build machine
    folder: Path = args.models.resolve()
    corpora: Path = args.corpora.resolve()
    kwargs = pipeline_kwargs(folder)
    started = time.time()
    # stanza replaces tokens longer than tokenize max_seqlen (1000) with "<UNK>"; EWT test has
    # a 600+ character URL, and the evaluator needs every character back
    nlp = stanza.Pipeline(
        processors="tokenize,mwt,pos,lemma,depparse",
        logging_level="WARN",
        tokenize_max_seqlen=5000,
        **kwargs,
    )
    scores: dict[str, Any] = {
        "ewt_test": ud_eval(
            nlp, corpora / "ud" / "UD_English-EWT" / "en_ewt-ud-test.conllu", args.limit
        ),
        "gum_test": ud_eval(
            nlp, corpora / "ud" / "GUM-open" / "en_gum-open-test.conllu", args.limit
        ),
    }
    nlp_ner = stanza.Pipeline(
        processors="tokenize,ner", tokenize_pretokenized=True, logging_level="WARN", **kwargs
    )
    scores["ner"] = {
        "uner_ewt_test": ner_eval(
            nlp_ner,
            read_uner(corpora / "ner" / "UNER_English-EWT" / "en_ewt-ud-test.iob2")[: args.limit],
            "UNER-EWT test",
        ),
        "gum_test": ner_eval(
            nlp_ner,
            read_gum_entities(corpora / "ud" / "GUM-open" / "en_gum-open-test.conllu")[
                : args.limit
            ],
            "GUM-open test",
        ),
    }
    print(f"evaluation took {time.time() - started:.0f} s")
    if args.no_write or args.limit is not None:
        return 0
    manifest = read_json(folder / "manifest.json")
    manifest["scores"] = scores
    manifest["evaluated"] = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    # stanza ships no accuracy figures inside its package, so no reference_scores are
    # recorded (see training/README.md)
    write_json(folder / "manifest.json", manifest)
    (folder / "MODEL_CARD.md").write_text(render_model_card(manifest), encoding="utf-8")
    write_json(work_dir() / "eval" / "scores.json", scores)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
