#!/usr/bin/env python
"""Continue training a stanza tagger or parser from a saved model.

stanza runs unchanged except for one substitution each:

* ``tagger``: stanza's tagger keeps no checkpoint, so a rerun would start from random
  weights.  The model it would build from scratch is loaded from ``--warm_start PATH``
  instead (the optimizer starts fresh).  The vocabulary built from the training data must
  equal the saved one, otherwise the run stops.
* ``tokenizer``: stanza's own ``--load_name`` is broken in stanza 1.15 (``Trainer.load()``
  is called without its ``args`` argument, and it would replace the model after the
  optimizer was built over the old one).  Here the weights of ``--warm_start PATH`` are
  loaded into the model stanza built, so the optimizer trains them.  The character
  vocabulary must equal the saved one, otherwise the run stops.
* ``parser``: stanza's ``--continue_from`` (and its checkpoint resume) use the saved model's
  vocabulary but batch the training data with a vocabulary rebuilt from the training file.
  For a file whose tags were predicted (the ``depparse-retagged`` stage) the two differ and
  the batches index the wrong rows.  Here the batches use the saved vocabulary
  (``--vocab_from PATH``); tags it does not know map to stanza's unknown id.
* ``ner``: stanza's ``--finetune`` builds the optimizer from the *saved* model's settings,
  so ``--lr`` and the other training settings on the command line are silently ignored
  (a fine-tune "at 3e-4" runs at the original 1e-3).  Here the training settings given on
  the command line (:data:`NER_TRAINING_KEYS`) replace the saved ones before the
  optimizer is built; the architecture still comes from the saved model.

Usage (``training/train.py`` builds these command lines)::

    python training/warmstart.py tagger --warm_start pos_start.pt <stanza tagger args>
    python training/warmstart.py tokenizer --warm_start tokenize_start.pt <stanza tokenizer args>
    python training/warmstart.py parser --vocab_from depparse_goldtags.pt <stanza parser args>
    python training/warmstart.py ner <stanza ner_tagger args with --finetune_load_name>
"""

from __future__ import annotations

import sys
from typing import Any


def take_option(argv: list[str], flag: str) -> tuple[str, list[str]]:
    """Take ``FLAG VALUE`` out of *argv*; return the value and the other arguments."""
    if flag not in argv:
        raise SystemExit(f"{flag} PATH is required")
    i = argv.index(flag)
    if i + 1 >= len(argv):
        raise SystemExit(f"{flag} needs a path")
    return argv[i + 1], argv[:i] + argv[i + 2 :]


def run_tagger(argv: list[str]) -> None:
    from stanza.models import tagger
    from stanza.models.pos.trainer import Trainer

    start, rest = take_option(argv, "--warm_start")

    class WarmTrainer(Trainer):  # type: ignore[misc]
        def __init__(self, args: Any = None, vocab: Any = None, model_file: Any = None, **kw: Any):
            if model_file is not None:  # reloading the best model: stanza's own path
                super().__init__(args=args, vocab=vocab, model_file=model_file, **kw)
                return
            super().__init__(args=args, model_file=start, **kw)
            if vocab is not None and self.vocab.state_dict() != vocab.state_dict():
                raise SystemExit(f"{start}: its vocabulary differs from the training data's")
            print(f"warm start from {start}", flush=True)

    tagger.Trainer = WarmTrainer
    tagger.main(rest)


def run_tokenizer(argv: list[str]) -> None:
    import torch
    from stanza.models import tokenizer
    from stanza.models.tokenization.trainer import Trainer

    start, rest = take_option(argv, "--warm_start")

    class WarmTrainer(Trainer):  # type: ignore[misc]
        def __init__(self, *args: Any, model_file: Any = None, **kw: Any):
            super().__init__(*args, model_file=model_file, **kw)
            if model_file is not None:  # reloading the best model: stanza's own path
                return
            saved = torch.load(start, map_location="cpu", weights_only=True)
            if saved["vocab"] != self.vocab.state_dict():
                raise SystemExit(f"{start}: its vocabulary differs from the training data's")
            keys = self.model.load_state_dict(saved["model"], strict=False)
            unsaved = set(self.model.unsaved_modules)
            missing = [k for k in keys.missing_keys if k.split(".")[0] not in unsaved]
            if missing or keys.unexpected_keys:
                raise SystemExit(f"{start}: weights do not fit: {missing + keys.unexpected_keys}")
            print(f"warm start from {start}", flush=True)

    tokenizer.Trainer = WarmTrainer
    tokenizer.main(rest)


def run_parser(argv: list[str]) -> None:
    import torch
    from stanza.models import parser
    from stanza.models.pos.vocab import MultiVocab

    source, rest = take_option(argv, "--vocab_from")
    saved = torch.load(source, map_location="cpu", weights_only=True)
    vocab = MultiVocab.load_state_dict(saved["vocab"])
    stanza_loader = parser.DataLoader

    def loader(*args: Any, **kwargs: Any) -> Any:
        kwargs["vocab"] = vocab
        return stanza_loader(*args, **kwargs)

    parser.DataLoader = loader
    print(f"batches use the vocabulary of {source}", flush=True)
    parser.main(rest)


#: NER settings that shape training, not the network: a fine-tune takes them from the
#: command line instead of the saved model
NER_TRAINING_KEYS = (
    "optim",
    "lr",
    "min_lr",
    "lr_decay",
    "patience",
    "momentum",
    "max_grad_norm",
    "dropout",
    "word_dropout",
    "rec_dropout",
    "locked_dropout",
    "second_optim",
    "second_lr",
)


def ner_warm_trainer(start: str, settings: dict[str, Any]) -> type:
    """stanza's NER Trainer, except that loading *start* applies *settings* over the saved
    model's own before the optimizer is built."""
    from stanza.models.ner.trainer import Trainer

    class WarmTrainer(Trainer):  # type: ignore[misc]
        def __init__(self, args: Any = None, model_file: Any = None, **kw: Any):
            if model_file == start:
                args = {**(args or {}), **settings}
            super().__init__(args=args, model_file=model_file, **kw)

    return WarmTrainer


def run_ner(argv: list[str]) -> None:
    from stanza.models import ner_tagger

    args = ner_tagger.parse_args(argv)
    start = args["finetune_load_name"]
    if not args["finetune"] or not start:
        raise SystemExit("warmstart.py ner needs --finetune --finetune_load_name PATH")
    settings = {key: args[key] for key in NER_TRAINING_KEYS}
    ner_tagger.Trainer = ner_warm_trainer(start, settings)
    print(f"fine-tune of {start} with " + ", ".join(f"{k}={v}" for k, v in settings.items()))
    ner_tagger.main(argv)


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    runners = {
        "tagger": run_tagger,
        "tokenizer": run_tokenizer,
        "parser": run_parser,
        "ner": run_ner,
    }
    if not args or args[0] not in runners:
        raise SystemExit(f"usage: warmstart.py {{{'|'.join(runners)}}} ...")
    runners[args[0]](args[1:])


if __name__ == "__main__":
    main()
