#!/usr/bin/env python
"""Load the INSTALLED models offline and annotate a few news sentences.

Checks that ``stanza.Pipeline(download_method=None)`` loads every bundled file, prints
entities, tokens and the dependency parse, and flags curly quotes or dashes that were glued
to a neighbouring word.  Exit status 1 if loading fails or nothing is recognised.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import MODELS_DIR
from evaluate import pipeline_kwargs

SENTENCES = [
    "North Korea fired two short-range ballistic missiles on Thursday into the Sea of Japan, "
    "the Japanese Defense Ministry said.",
    "“We will not tolerate this,” said Prime Minister Fumio Kishida in Tokyo.",
    "The attack — the third this month — killed 12 people near Kharkiv, officials told Reuters.",
    # \u00a0: news copy often has a no-break space inside dates
    "Secretary-General António Guterres met President Joe Biden at the White House "
    "on 4\u00a0March.",
    "Protesters gathered outside the ‘Old Parliament’ building in Colombo, Sri Lanka’s capital.",
]
PUNCT = set("“”‘’—–\"'")
CLITICS = {
    "'s",
    "’s",
    "n't",
    "n’t",
    "'ll",
    "’ll",
    "'re",
    "’re",
    "'ve",
    "’ve",
    "'m",
    "’m",
    "'d",
    "’d",
    "''",
    "``",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--models", type=Path, default=MODELS_DIR, help="installed model folder")
    parser.add_argument(
        "--parse", action="store_true", help="print the dependency parse of every sentence"
    )
    args = parser.parse_args(argv)

    import stanza
    import torch

    torch.set_num_threads(1)
    start = time.time()
    nlp = stanza.Pipeline(
        processors="tokenize,mwt,pos,lemma,depparse,ner",
        logging_level="WARN",
        **pipeline_kwargs(args.models.resolve()),
    )
    print(f"pipeline loaded in {time.time() - start:.1f} s")
    ok = True
    glued: list[str] = []
    n_ents = 0
    for i, text in enumerate(SENTENCES):
        doc = nlp(text)
        print(f"\n[{i}] {text}")
        print("  tokens:", " | ".join(t.text for s in doc.sentences for t in s.tokens))
        print("  words: ", " | ".join(w.text for s in doc.sentences for w in s.words))
        print("  entities:", [(e.text, e.type) for e in doc.ents])
        n_ents += len(doc.ents)
        for word in (w for s in doc.sentences for w in s.words):
            # after MWT expansion no word should carry a quote or dash next to letters
            if (
                len(word.text) > 1
                and any(c in PUNCT for c in word.text)
                and word.text not in CLITICS
            ):
                glued.append(word.text)
        if args.parse or i == 0:
            for s in doc.sentences:
                for w in s.words:
                    head = s.words[w.head - 1].text if w.head > 0 else "ROOT"
                    print(f"    {w.id:>3} {w.text:<14} {w.lemma:<12} {w.upos:<6} ", end="")
                    print(f"{w.deprel:<12} -> {head}")
    if glued:
        print("\nWARNING: punctuation glued to words:", glued)
    if n_ents == 0:
        ok = False
        print("ERROR: no entities found")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
