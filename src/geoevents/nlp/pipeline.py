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
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Final, Protocol

import attrs

from geoevents.errors import InvalidInputError, ModelError, ModelNotFoundError
from geoevents.nlp.annotation import AnnotatedDocument, Entity, Sentence, Token, entity_type
from geoevents.nlp.text import prepare
from geoevents.provenance import DocumentInfo

__all__ = [
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
# Paragraph chunks of at most this many characters are annotated separately: memory stays
# bounded on very long documents and a batch mixes chunks of many documents.
MAX_CHUNK_CHARS: Final = 20_000
# One stanza call annotates chunks of at most this many characters in all (several short
# documents of a batch, or a part of one long document).
MAX_WINDOW_CHARS: Final = 60_000
# The parser's memory grows with the square of a sentence's length: text that runs on this
# long without a sentence end ("word word word ...", tables, boilerplate) is cut into
# separate chunks at whitespace, so no sentence can outgrow it.
MAX_RUN_CHARS: Final = 1_500
_SENTENCE_END: Final = re.compile(r"[.!?。][\"”’)\]]*(?=\s)|\n\s*\n")

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


def _bounded_runs(offset: int, piece: str, max_run: int = MAX_RUN_CHARS) -> Iterator[
        tuple[int, str]]:
    """Cut ``piece`` only where it runs on for more than ``max_run`` characters without a
    sentence end, at the last space before the limit (hard at the limit if there is none).
    Ordinary prose passes through whole."""
    bounds = [0, *(m.end() for m in _SENTENCE_END.finditer(piece)), len(piece)]
    cuts: list[int] = []
    for a, b in itertools.pairwise(bounds):
        position = a
        while b - position > max_run:
            cut = piece.rfind(" ", position + 1, position + max_run)
            if cut <= position:
                cut = position + max_run
            cuts.append(cut)
            position = cut
    previous = 0
    for cut in cuts:
        yield offset + previous, piece[previous:cut]
        previous = cut
    yield offset + previous, piece[previous:]


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
    the limit, or hard at the limit when there is none.
    """
    start = 0
    while start < len(text):
        end = min(start + max_chars, len(text))
        if end < len(text):
            window = text[start:end]
            cut = max(window.rfind("\n\n"), window.rfind("\n"))
            if cut <= 0:
                found = [m.end() for m in re.finditer(r"[.!?][\"”’)]?\s", window)]
                cut = found[-1] if found else -1
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
    """

    def __init__(
        self,
        model: ModelSource | str = ModelSource.BUNDLED,
        *,
        model_dir: str | os.PathLike[str] | None = None,
        use_gpu: bool = False,
    ) -> None:
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
        chunks = [
            _Chunk(i, offset, piece)
            for i, text in enumerate(texts)
            for chunk_offset, chunk in _chunks(prepare(text))
            for offset, piece in _bounded_runs(chunk_offset, chunk)
            if piece.strip()
        ]
        sentences: list[list[Sentence]] = [[] for _ in texts]
        for window in _windows(chunks):
            # stanza's own objects live for one window only: memory is bounded by the
            # window, not by the length of a document or a batch
            for chunk, stanza_doc in zip(window, self._run(window), strict=True):
                bucket = sentences[chunk.doc]
                bucket.extend(_sentences(
                    stanza_doc, texts[chunk.doc], chunk.offset, first_index=len(bucket)))
        return [
            AnnotatedDocument(text=text, info=info, sentences=tuple(sents))
            for text, info, sents in zip(texts, infos, sentences, strict=True)
        ]

    def _run(self, chunks: Sequence[_Chunk]) -> list[Any]:
        import stanza

        return list(self.pipeline([stanza.Document([], text=c.text) for c in chunks]))


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
                tokens.append(
                    Token(
                        index=len(tokens),
                        text=word.text,
                        lemma=word.lemma or word.text,
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
