"""Loading the bundled model offline and the typed view of its output."""

import json
from typing import Any

import pytest

from geoevents import EntityType, EventExtractor, ModelNotFoundError
from geoevents.nlp.pipeline import (
    MAX_WINDOW_CHARS,
    Annotator,
    ModelSource,
    _chunks,
    _pipeline,
    bundled_model_dir,
)
from geoevents.provenance import DocumentInfo

NEWS = ("North Korea fired two short-range ballistic missiles on Thursday into the Sea of "
        "Japan, Japanese Prime Minister Yoshihide Suga told reporters in Tokyo.")


def test_bundled_model_ships_with_a_manifest() -> None:
    manifest = json.loads((bundled_model_dir() / "manifest.json").read_text("utf-8"))
    assert manifest["license"] == "CC-BY-SA-4.0"
    for name, facts in manifest["files"].items():
        path = bundled_model_dir() / name
        assert path.stat().st_size == facts["size_bytes"]
    assert sum(f.stat().st_size for f in bundled_model_dir().iterdir()) <= 60_000_000


@pytest.mark.usefixtures("no_network")
def test_annotates_offline_with_sockets_blocked_and_loads_weights_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import torch

    loads: list[object] = []
    real_load = torch.load

    def spy(*args: Any, **kwargs: Any) -> Any:
        loads.append(kwargs.get("weights_only"))
        return real_load(*args, **kwargs)

    monkeypatch.setattr(torch, "load", spy)
    # a fresh pipeline (not the cached one), built while the network is blocked
    pipeline = _pipeline.__wrapped__(ModelSource.BUNDLED, str(bundled_model_dir()), False)
    annotator = Annotator(model_dir=bundled_model_dir())
    monkeypatch.setattr(Annotator, "pipeline", property(lambda self: pipeline))
    # every model file went through torch's safe loader: no pickled code is executed
    assert len(loads) >= 6
    assert all(flag is True for flag in loads)
    [doc] = annotator.annotate([NEWS], [DocumentInfo("n1")])
    assert len(doc.sentences) == 1
    tokens = doc.sentences[0].tokens
    assert [t.text for t in tokens[:3]] == ["North", "Korea", "fired"]
    assert all(doc.text[t.start:t.end] == t.text for t in tokens)
    root = [t for t in tokens if t.head == -1]
    assert [t.lemma for t in root] == ["fire"]


def test_news_sentence_entities(extractor: EventExtractor) -> None:
    [doc] = extractor.annotator.annotate([NEWS], [DocumentInfo("n1")])
    entities = {(e.text, e.type) for e in doc.sentences[0].entities}
    assert ("Yoshihide Suga", EntityType.PERSON) in entities
    assert ("North Korea", EntityType.LOCATION) in entities
    assert ("Tokyo", EntityType.LOCATION) in entities


def test_offsets_point_into_the_original_text_across_chunks(extractor: EventExtractor) -> None:
    text = ("\n\n".join([NEWS] * 3))
    [doc] = extractor.annotator.annotate([text], [DocumentInfo("n2")])
    assert len(doc.sentences) == 3
    assert [s.index for s in doc.sentences] == [0, 1, 2]
    for sentence in doc.sentences:
        assert text[sentence.start:sentence.end] == sentence.text
        for entity in sentence.entities:
            assert text[entity.start:entity.end] == entity.text


def test_chunks_cover_the_text_exactly() -> None:
    text = ("A sentence here. " * 50 + "\n\n") * 40
    pieces = list(_chunks(text, max_chars=1000))
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 1000 for _, p in pieces)
    assert all(text[o:o + len(p)] == p for o, p in pieces)


def test_missing_model_dir_is_a_typed_error(tmp_path: object) -> None:
    with pytest.raises(ModelNotFoundError, match="manifest"):
        Annotator(model_dir=str(tmp_path)).info()


def test_official_models_missing_says_how_to_get_them(tmp_path: object) -> None:
    with pytest.raises(ModelNotFoundError, match="geoevents download"):
        _ = Annotator("official", model_dir=str(tmp_path)).pipeline


def test_run_on_text_is_cut_into_bounded_pieces_and_prose_is_not() -> None:
    from geoevents.nlp.pipeline import MAX_RUN_CHARS, _bounded_runs

    run_on = "word " * 3000
    pieces = list(_bounded_runs(100, run_on))
    assert "".join(p for _, p in pieces) == run_on
    assert all(len(p) <= MAX_RUN_CHARS for _, p in pieces)
    assert pieces[0][0] == 100
    prose = "A short sentence. " * 500
    assert list(_bounded_runs(0, prose)) == [(0, prose)]


def test_long_document_in_bounded_windows_with_exact_spans(
    extractor: EventExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    paragraphs = [
        f"Officials in Seoul said on Monday that North Korea fired {n % 5 + 1} missiles into "
        f"the sea near Wonsan. Defense Minister Lee Jong-sup met with U.S. Ambassador Philip "
        f"Goldberg in Seoul to discuss report number {n}. \u201cWe will respond firmly,\u201d "
        "Lee told reporters."
        for n in range(800)
    ]
    text = "\n\n".join(paragraphs)
    assert len(text) > 200_000
    sizes: list[int] = []
    run = Annotator._run

    def spy(self: Annotator, chunks: Any) -> list[Any]:
        sizes.append(sum(len(c.text) for c in chunks))
        return run(self, chunks)

    monkeypatch.setattr(Annotator, "_run", spy)
    doc = extractor.extract(text, published="2022-10-10", doc_id="long")
    assert len(sizes) >= 4 and max(sizes) <= MAX_WINDOW_CHARS
    assert len(doc.quotes) >= 700 and doc.launches and doc.meetings
    for event in (*doc.quotes, *doc.launches, *doc.meetings):
        for span in event.evidence:
            assert text[span.start:span.end] == span.text
