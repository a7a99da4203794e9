"""Loading stanza (bundled or official English models) and annotating text in batches.

This is the only module that talks to stanza's API. It never touches the network:
pipelines are built with ``download_method=None`` and explicit model paths; official
models are fetched only by :func:`download_official_models` (``geoevents download``).
"""

from __future__ import annotations

import enum
import functools
import itertools
import json
import logging
import os
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Final, Protocol

import attrs

from geoevents.errors import InvalidInputError, ModelError, ModelNotFoundError
from geoevents.nlp.annotation import AnnotatedDocument, Entity, Sentence, Token, entity_type
from geoevents.nlp.runons import MIN_MAX_WORDS, Boundary, split_sentence
from geoevents.nlp.text import prepare
from geoevents.provenance import DocumentInfo

__all__ = [
    "MAX_RUN_CHARS",
    "MAX_SENTENCE_WORDS",
    "TOKENIZER_WINDOW",
    "Annotator",
    "ModelInfo",
    "ModelSource",
    "TextAnnotator",
    "bundled_model_dir",
    "download_official_models",
    "official_model_dir",
    "to_annotated",
]

PROCESSORS: Final = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
# Run on the sentences of the first two once run-on sentences are cut (MAX_SENTENCE_WORDS).
_SEGMENTING: Final = "tokenize,mwt"
_TAGGING: Final = "pos,lemma,depparse,ner"
MAX_SENTENCE_WORDS: Final = 100
"""The longest sentence, in words, that the tagger and the parser see. The parser scores
every pair of words, so its memory grows with the square of a sentence's length and its
tree decoder's time up to the cube (a 1,200-word run of ``[...]`` took 20 s and 5 GB). A
longer sentence is cut into pieces of at most half as many words, at the best boundary
found (after ``;`` ``:`` ``.``, after a comma or a dash, before "and"/"but"/"or", else where
the window is full); each piece is parsed as a sentence of its own, and the cut is
recorded in :attr:`~geoevents.AnnotatedDocument.notes`."""
# Paragraph chunks of at most this many characters are annotated separately: memory stays
# bounded on very long documents and a batch mixes chunks of many documents.
MAX_CHUNK_CHARS: Final = 20_000
# One stanza call annotates chunks of at most this many characters in all (several short
# documents of a batch, or a part of one long document).
MAX_WINDOW_CHARS: Final = 60_000
MAX_RUN_CHARS: Final = 1_000
"""The longest run of characters without whitespace that stanza's tokenizer is given. It
checks every such run against URL and e-mail patterns in a time that grows with the square
of the run's length (30,000 characters of ``yyyy...`` took 34 s), and it replaces a token
longer than 1,000 characters with ``<UNK>``: a longer run is cut every this many characters
into separate chunks, and the cut is recorded in :attr:`~geoevents.AnnotatedDocument.notes`.
(Long sentences are bounded in words, after tokenizing:
:data:`~geoevents.nlp.pipeline.MAX_SENTENCE_WORDS`.)"""
TOKENIZER_WINDOW: Final = 1_000
"""The longest paragraph that repeats itself which stanza's tokenizer is given. The
tokenizer reads a longer paragraph in windows of 1,000 characters, each starting after the
last sentence end it found in the one before; on text that repeats itself it may find one
only near each window's start and move on a few characters per pass (``"area. " * 1480``:
1,150 passes, 10 s for 8,880 characters). Such a paragraph is cut into pieces of at most
this many characters (at its last sentence-like break, else at whitespace) before it is
tokenized, and the cut is recorded in :attr:`~geoevents.AnnotatedDocument.notes`. Prose
is never cut: a paragraph counts as repeating itself when some 500-character stretch of it
compresses to under 30% of its size (news prose: 55% or more)."""
MAX_NOTES: Final = 20
"""At most this many notes per document (text full of run-ons would have one per sentence):
the last one counts the cuts left out and repeats the last of them."""
_REPEAT_SAMPLE: Final = 500
_REPEAT_RATIO: Final = 0.3
_PARAGRAPH_BREAK: Final = re.compile(r"\n\s*\n")
_SENTENCE_LIKE_BREAK: Final = re.compile(r"[.!?…。][\"”’)\]]*\s+")
_TOO_LONG: Final = "<UNK>"
_LONG_RUN: Final = re.compile(rf"(?<!\S)\S{{{MAX_RUN_CHARS + 1},}}")

logger = logging.getLogger(__name__)


class ModelSource(enum.StrEnum):
    """Which English models annotate the text."""

    BUNDLED = "bundled"
    OFFICIAL = "official"


@attrs.frozen
class ModelInfo:
    """Facts about the loaded models, as ``geoevents info`` prints them."""

    name: str
    source: ModelSource
    path: str
    size_bytes: int
    version: str | None = None
    stanza_version: str | None = None
    license: str | None = None
    scores: dict[str, Any] = attrs.field(factory=dict)


class TextAnnotator(Protocol):
    """What :class:`~geoevents.EventExtractor` needs from an NLP backend.

    :class:`Annotator` is the stanza implementation; tests may plug in a fake one.
    """

    def annotate(
        self, texts: Sequence[str], infos: Sequence[DocumentInfo]
    ) -> list[AnnotatedDocument]:
        """One :class:`~geoevents.AnnotatedDocument` per text, in order."""
        ...

    def info(self) -> ModelInfo:
        """Facts about the models behind this backend."""
        ...


def bundled_model_dir() -> Path:
    """The folder of the compact English models shipped inside the package."""
    return Path(str(resources.files("geoevents.nlp").joinpath("models", "en")))


def official_model_dir() -> Path:
    """Where official stanza models live (``$STANZA_RESOURCES_DIR`` or ``~/stanza_resources``)."""
    return Path(os.environ.get("STANZA_RESOURCES_DIR", Path.home() / "stanza_resources"))


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _bundled_info(path: Path) -> ModelInfo:
    manifest_path = path / "manifest.json"
    if not manifest_path.is_file():
        raise ModelNotFoundError(
            f"the bundled model is missing from {path} (no manifest.json); reinstall geoevents"
        )
    manifest = json.loads(manifest_path.read_text("utf-8"))
    return ModelInfo(
        name=manifest.get("name", "geoevents-en-compact"),
        source=ModelSource.BUNDLED,
        path=str(path),
        size_bytes=_dir_size(path),
        version=manifest.get("version"),
        stanza_version=manifest.get("stanza_version"),
        license=manifest.get("license"),
        scores=manifest.get("scores", {}),
    )


def _bundled_kwargs(path: Path) -> dict[str, Any]:
    files = {name: path / f"{name}.pt" for name in (*PROCESSORS, "pretrain")}
    missing = [str(f) for f in files.values() if not f.is_file()]
    if missing:
        raise ModelNotFoundError(f"bundled model files are missing: {', '.join(missing)}")
    pretrain = str(files["pretrain"])
    return {
        "dir": str(path),
        "tokenize_model_path": str(files["tokenize"]),
        "mwt_model_path": str(files["mwt"]),
        "pos_model_path": str(files["pos"]),
        "pos_pretrain_path": pretrain,
        "lemma_model_path": str(files["lemma"]),
        "depparse_model_path": str(files["depparse"]),
        "depparse_pretrain_path": pretrain,
        "ner_model_path": str(files["ner"]),
        "ner_pretrain_path": pretrain,
    }


@functools.cache
def _pipeline(source: ModelSource, model_dir: str, use_gpu: bool) -> Any:
    # Imported here: importing stanza (and torch) takes seconds, and pure-logic users of
    # the event model should not pay for it.
    import stanza

    path = Path(model_dir)
    kwargs: dict[str, Any]
    if source is ModelSource.BUNDLED:
        kwargs = _bundled_kwargs(path)
    else:
        if not (path / "en").is_dir():
            raise ModelNotFoundError(
                f"no official stanza English models in {path}; run `geoevents download` "
                "(needs internet) or pass model='bundled'"
            )
        kwargs = {"dir": str(path)}
    try:
        return stanza.Pipeline(
            lang="en",
            processors=",".join(PROCESSORS),
            download_method=None,
            use_gpu=use_gpu,
            logging_level="WARN",
            tokenize_no_ssplit=False,
            **kwargs,
        )
    except (OSError, ValueError, RuntimeError, KeyError) as error:
        raise ModelError(f"could not load the stanza models from {path}: {error}") from error


def _sentence_key(sentence: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    # all that stanza's tagger, lemmatizer, parser and NER read of a sentence
    return tuple((token.text, tuple(word.text for word in token.words))
                 for token in sentence.tokens)


def _tag_distinct(pipeline: Any, docs: Sequence[Any]) -> None:
    """Run pos, lemma, depparse and ner over the sentences of tokenized ``docs``, each
    distinct sentence once: every stanza model after the tokenizer reads one sentence at a
    time, so a repeated sentence (boilerplate, a page of "[...]", a run-on cut into equal
    pieces) gets its first copy's annotations at no cost."""
    import stanza

    first: dict[tuple[tuple[str, tuple[str, ...]], ...], Any] = {}
    copies: list[tuple[Any, Any]] = []
    for doc in docs:
        for sentence in doc.sentences:
            original = first.setdefault(_sentence_key(sentence), sentence)
            if original is not sentence:
                copies.append((sentence, original))
    if not first:
        return
    # as stanza's own bulk processing does: one document of the sentences to annotate,
    # whose annotations land on the sentence objects of ``docs``
    combined = stanza.Document([])
    combined.sentences = list(first.values())
    combined.num_tokens = sum(len(s.tokens) for s in combined.sentences)
    combined.num_words = sum(len(s.words) for s in combined.sentences)
    pipeline(combined, processors=_TAGGING)
    for copy, original in copies:
        for word, source in zip(copy.words, original.words, strict=True):
            word.upos, word.xpos, word.feats = source.upos, source.xpos, source.feats
            word.lemma, word.head, word.deprel = source.lemma, source.head, source.deprel
        for token, source_token in zip(copy.tokens, original.tokens, strict=True):
            token.ner = source_token.ner
    for doc in docs:
        doc.build_ents()


def download_official_models(model_dir: Path | None = None) -> Path:
    """Download the official stanza English models (the one call that uses the network)."""
    import stanza

    target = model_dir or official_model_dir()
    stanza.download("en", model_dir=str(target), processors=",".join(PROCESSORS))
    return target


@attrs.frozen
class _Chunk:
    doc: int
    offset: int
    text: str


@attrs.frozen
class _Cut:
    """A run-on sentence that was cut into ``pieces`` (offsets within its chunk)."""

    start: int
    end: int
    words: int
    boundaries: tuple[Boundary, ...]

    def note(self, offset: int, max_words: int) -> str:
        kinds = ", ".join(sorted({str(b) for b in self.boundaries}))
        return (f"sentence at characters {self.start + offset}-{self.end + offset} has "
                f"{self.words} words, over the parser's limit of {max_words}: parsed as "
                f"{len(self.boundaries) + 1} pieces (cut at: {kinds})")


def _bound_sentences(doc: Any, max_words: int) -> tuple[Any, list[_Cut]]:
    """``doc`` (tokenized, not yet tagged) with every sentence longer than ``max_words``
    words cut into pieces (character offsets unchanged), and the cuts made."""
    if all(len(sentence.words) <= max_words for sentence in doc.sentences):
        return doc, []
    import stanza

    sentences: list[list[dict[str, Any]]] = []
    cuts: list[_Cut] = []
    for sentence, entries in zip(doc.sentences, doc.to_dict(), strict=True):
        if len(sentence.words) <= max_words:
            sentences.append(entries)
            continue
        pieces, boundaries = split_sentence(entries, max(MIN_MAX_WORDS, max_words // 2))
        sentences.extend(pieces)
        cuts.append(_Cut(sentence.tokens[0].start_char, sentence.tokens[-1].end_char,
                         len(sentence.words), tuple(boundaries)))
    return stanza.Document(sentences, text=doc.text), cuts


def _long_runs(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every run of more than ``MAX_RUN_CHARS`` characters without
    whitespace (each run is tried once, from its start: linear time)."""
    for match in _LONG_RUN.finditer(text):
        yield match.start(), match.end()


def _run_cuts(text: str) -> list[int]:
    """Cuts every ``MAX_RUN_CHARS`` characters inside each run of more than
    ``MAX_RUN_CHARS`` characters without whitespace."""
    return [cut for start, end in _long_runs(text)
            for cut in range(start + MAX_RUN_CHARS, end, MAX_RUN_CHARS)]


def _split(offset: int, text: str, cuts: Iterable[int]) -> Iterator[tuple[int, str]]:
    """``text`` cut at the sorted positions ``cuts``, as ``(offset, part)`` pairs."""
    previous = 0
    for cut in cuts:
        yield offset + previous, text[previous:cut]
        previous = cut
    yield offset + previous, text[previous:]


def _bounded_runs(offset: int, piece: str) -> Iterator[tuple[int, str]]:
    """Cut ``piece`` inside every run of more than ``MAX_RUN_CHARS`` characters without
    whitespace, every ``MAX_RUN_CHARS`` characters, as ``(offset, part)`` pairs. Text with
    spaces, prose or not, passes through whole."""
    return _split(offset, piece, _run_cuts(piece))


def _repeats_itself(text: str) -> bool:
    """Whether some 500-character stretch of ``text`` compresses to under 30% of its size."""
    last = max(0, len(text) - _REPEAT_SAMPLE)
    for start in range(0, last + _REPEAT_SAMPLE // 2, _REPEAT_SAMPLE // 2):
        sample = text[start:start + _REPEAT_SAMPLE].encode("utf-8", "replace")
        if len(zlib.compress(sample, 1)) < _REPEAT_RATIO * len(sample):
            return True
    return False


def _window_cuts(text: str, start: int, end: int) -> list[int]:
    """Cuts that leave no piece of ``text[start:end]`` longer than ``TOKENIZER_WINDOW``: at
    the last sentence-like break in the second half of each window, else at its last
    whitespace, else where it is full."""
    cuts: list[int] = []
    while end - start > TOKENIZER_WINDOW:
        limit = start + TOKENIZER_WINDOW
        breaks = [m.end() for m in _SENTENCE_LIKE_BREAK.finditer(
            text, start + TOKENIZER_WINDOW // 2, limit) if m.end() <= limit]
        cut = breaks[-1] if breaks else next(
            (i + 1 for i in range(limit - 1, start, -1) if text[i].isspace()), limit)
        cuts.append(cut)
        start = cut
    return cuts


def _repetition_cuts(text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """Cuts that leave no paragraph of ``text`` that repeats itself longer than
    ``TOKENIZER_WINDOW``, and the ``(start, end)`` of each paragraph so cut."""
    cuts: list[int] = []
    cut_paragraphs: list[tuple[int, int]] = []
    bounds = [0, *(m.end() for m in _PARAGRAPH_BREAK.finditer(text)), len(text)]
    for start, end in itertools.pairwise(bounds):
        if end - start > TOKENIZER_WINDOW and _repeats_itself(text[start:end]):
            cuts.extend(_window_cuts(text, start, end))
            cut_paragraphs.append((start, end))
    return cuts, cut_paragraphs


def _capped(notes: Sequence[str]) -> tuple[str, ...]:
    """At most ``MAX_NOTES`` notes: past that, the first ones and a count of the rest."""
    if len(notes) <= MAX_NOTES:
        return tuple(notes)
    rest = len(notes) - MAX_NOTES + 1
    return (*notes[:MAX_NOTES - 1], f"{rest} more cuts like these, the last: {notes[-1]}")


def _repetition_note(start: int, end: int) -> str:
    return (f"characters {start}-{end} repeat themselves: tokenized in pieces of at most "
            f"{TOKENIZER_WINDOW} characters")


def _run_note(start: int, end: int) -> str:
    return (f"characters {start}-{end} run {end - start} characters without whitespace, "
            f"over the tokenizer's limit of {MAX_RUN_CHARS}: cut every {MAX_RUN_CHARS} "
            "characters")


def _windows(chunks: Sequence[_Chunk], max_chars: int = MAX_WINDOW_CHARS) -> Iterator[
        list[_Chunk]]:
    """Consecutive groups of chunks of at most ``max_chars`` characters (at least one
    chunk each): one ``stanza.Pipeline`` call per group."""
    window: list[_Chunk] = []
    size = 0
    for chunk in chunks:
        if window and size + len(chunk.text) > max_chars:
            yield window
            window, size = [], 0
        window.append(chunk)
        size += len(chunk.text)
    if window:
        yield window


def _chunks(text: str, max_chars: int = MAX_CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """Split ``text`` at paragraph breaks into pieces of at most ``max_chars`` (offset, piece).

    A paragraph longer than ``max_chars`` is split at the last sentence-like break before
    the limit, else at the last whitespace, or hard at the limit when there is none.
    """
    start = 0
    while start < len(text):
        end = min(start + max_chars, len(text))
        if end < len(text):
            window = text[start:end]
            cut = max(window.rfind("\n\n"), window.rfind("\n"))
            if cut <= 0:
                found = [m.end() for m in re.finditer(r"[.!?][\"”’)]?\s", window)]
                cut = found[-1] if found else max(window.rfind(" "), window.rfind("\t"))
            if cut > 0:
                end = start + cut
        yield start, text[start:end]
        start = end


class Annotator:
    """Turns texts into :class:`~geoevents.AnnotatedDocument` objects (one cached pipeline).

    ``model`` is ``"bundled"`` (the default; the compact model shipped in the package) or
    ``"official"`` (stanza's English models, installed with ``geoevents download``).
    ``model_dir`` overrides where they are read from; for the bundled model the
    environment variable ``GEOEVENTS_MODEL_DIR`` does the same (e.g. a newer trained set).
    No sentence longer than ``max_sentence_words`` words reaches the parser (see
    :data:`~geoevents.nlp.pipeline.MAX_SENTENCE_WORDS`).
    """

    def __init__(
        self,
        model: ModelSource | str = ModelSource.BUNDLED,
        *,
        model_dir: str | os.PathLike[str] | None = None,
        use_gpu: bool = False,
        max_sentence_words: int = MAX_SENTENCE_WORDS,
    ) -> None:
        if max_sentence_words < MIN_MAX_WORDS:
            raise InvalidInputError(
                f"max_sentence_words must be at least {MIN_MAX_WORDS}, got "
                f"{max_sentence_words}", field="max_sentence_words")
        self.max_sentence_words = max_sentence_words
        try:
            self.source = ModelSource(model)
        except ValueError:
            raise InvalidInputError(
                f"unknown model {model!r}: use 'bundled' or 'official'", field="model"
            ) from None
        override = os.environ.get("GEOEVENTS_MODEL_DIR")
        if self.source is ModelSource.BUNDLED:
            default = Path(override) if override else bundled_model_dir()
        else:
            default = official_model_dir()
        self.model_dir = Path(model_dir) if model_dir is not None else default
        self.use_gpu = use_gpu

    @property
    def pipeline(self) -> Any:
        """The underlying ``stanza.Pipeline`` (loaded on first use, then shared)."""
        return _pipeline(self.source, str(self.model_dir.resolve()), self.use_gpu)

    def info(self) -> ModelInfo:
        """Name, path, size and scores of the models this annotator uses."""
        if self.source is ModelSource.BUNDLED:
            return _bundled_info(self.model_dir)
        return ModelInfo(
            name="stanza-en-official",
            source=self.source,
            path=str(self.model_dir),
            size_bytes=_dir_size(self.model_dir / "en") if (self.model_dir / "en").is_dir() else 0,
        )

    def annotate(self, texts: Sequence[str], infos: Sequence[DocumentInfo]) -> list[
            AnnotatedDocument]:
        """Annotate several documents in one batch (paragraph chunks of all of them)."""
        if len(texts) != len(infos):
            raise InvalidInputError("texts and infos must have the same length")
        chunks: list[_Chunk] = []
        notes: list[list[str]] = [[] for _ in texts]
        for i, text in enumerate(texts):
            prepared = prepare(text)
            notes[i].extend(_run_note(start, end) for start, end in _long_runs(prepared))
            for part_offset, part in _chunks(prepared):
                window_cuts, repeated = _repetition_cuts(part)
                notes[i].extend(_repetition_note(part_offset + start, part_offset + end)
                                for start, end in repeated)
                chunks.extend(
                    _Chunk(i, offset, piece)
                    for offset, piece in _split(part_offset, part,
                                                sorted({*window_cuts, *_run_cuts(part)}))
                    if piece.strip()
                )
        sentences: list[list[Sentence]] = [[] for _ in texts]
        for window in _windows(chunks):
            # stanza's own objects live for one window only: memory is bounded by the
            # window, not by the length of a document or a batch
            for chunk, (stanza_doc, cuts) in zip(window, self._run(window), strict=True):
                bucket = sentences[chunk.doc]
                bucket.extend(_sentences(
                    stanza_doc, texts[chunk.doc], chunk.offset, first_index=len(bucket)))
                notes[chunk.doc].extend(
                    cut.note(chunk.offset, self.max_sentence_words) for cut in cuts)
        return [
            AnnotatedDocument(text=text, info=info, sentences=tuple(sents),
                              notes=_capped(doc_notes))
            for text, info, sents, doc_notes in zip(texts, infos, sentences, notes, strict=True)
        ]

    def _run(self, chunks: Sequence[_Chunk]) -> list[tuple[Any, list[_Cut]]]:
        """Annotate ``chunks`` in one stanza call per stage: tokenize and split sentences,
        cut run-on sentences (``MAX_SENTENCE_WORDS``), then tag, parse and name each
        distinct sentence once. Chunks of equal text share one result (offsets in a
        result are relative to its chunk)."""
        import stanza

        distinct = {text: index for index, text in enumerate(dict.fromkeys(
            c.text for c in chunks))}
        tokenized = self.pipeline([stanza.Document([], text=text) for text in distinct],
                                  processors=_SEGMENTING)
        bounded = [_bound_sentences(doc, self.max_sentence_words) for doc in tokenized]
        _tag_distinct(self.pipeline, [doc for doc, _ in bounded])
        return [bounded[distinct[c.text]] for c in chunks]


def to_annotated(stanza_doc: Any, info: DocumentInfo) -> AnnotatedDocument:
    """View a ``stanza.Document`` annotated elsewhere (official models, GPU, own pipeline).

    It needs tokenize, pos, lemma and depparse; ner is used when present.
    """
    text = stanza_doc.text
    if text is None:
        raise InvalidInputError("the stanza.Document has no text", doc_id=info.id)
    sentences = _sentences(stanza_doc, text, 0, first_index=0)
    return AnnotatedDocument(text=text, info=info, sentences=tuple(sentences))


def _sentences(stanza_doc: Any, text: str, offset: int, first_index: int) -> list[Sentence]:
    out: list[Sentence] = []
    for number, sent in enumerate(stanza_doc.sentences):
        tokens: list[Token] = []
        word_index: dict[int, int] = {}
        for token in sent.tokens:
            start, end = token.start_char + offset, token.end_char + offset
            for word in token.words:
                word_index[word.id] = len(tokens)
                word_text, lemma = word.text, word.lemma or word.text
                if word_text == _TOO_LONG and len(token.words) == 1:
                    # stanza's tokenizer replaces a token longer than its max_seqlen
                    word_text = lemma = text[start:end]
                tokens.append(
                    Token(
                        index=len(tokens),
                        text=word_text,
                        lemma=lemma,
                        upos=word.upos or "X",
                        xpos=word.xpos or "",
                        head=(word.head or 0) - 1,
                        deprel=word.deprel or "dep",
                        start=start,
                        end=end,
                        feats=word.feats or "",
                    )
                )
        if not tokens:
            continue
        # heads are 1-based word ids within the sentence; re-index in case of MWT gaps
        tokens = [
            attrs.evolve(t, head=word_index.get(t.head + 1, -1) if t.head >= 0 else -1)
            for t in tokens
        ]
        entities = tuple(
            Entity(
                text=text[ent.start_char + offset: ent.end_char + offset],
                type=entity_type(ent.type),
                start=ent.start_char + offset,
                end=ent.end_char + offset,
                first=word_index[ent.tokens[0].words[0].id],
                last=word_index[ent.tokens[-1].words[-1].id],
            )
            for ent in getattr(sent, "ents", ())
        )
        start, end = tokens[0].start, tokens[-1].end
        out.append(
            Sentence(
                index=first_index + number,
                text=text[start:end],
                start=start,
                end=end,
                tokens=tuple(tokens),
                entities=entities,
            )
        )
    return out
