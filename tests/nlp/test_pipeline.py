"""Loading the bundled model offline and the typed view of its output."""

import json
from typing import Any

import pytest

from geoevents import EntityType, EventExtractor, InvalidInputError, ModelNotFoundError
from geoevents.nlp.pipeline import (
    MAX_NOTES,
    MAX_SENTENCE_WORDS,
    MAX_WINDOW_CHARS,
    TOKENIZER_WINDOW,
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


def test_runs_without_whitespace_are_cut_and_text_with_spaces_is_not() -> None:
    from geoevents.nlp.pipeline import MAX_RUN_CHARS, _bounded_runs

    run = "ab" * 4000
    text = "Before. " + run + " after"
    pieces = list(_bounded_runs(100, text))
    assert "".join(p for _, p in pieces) == text
    assert [o for o, _ in pieces] == [100, *(108 + MAX_RUN_CHARS * k for k in range(1, 8))]
    assert all(len(p) <= MAX_RUN_CHARS + 8 for _, p in pieces)
    for spaced in ("word " * 3000, "A short sentence. " * 500, "x" * MAX_RUN_CHARS):
        assert list(_bounded_runs(0, spaced)) == [(0, spaced)]


def test_a_cut_run_without_whitespace_is_recorded(extractor: EventExtractor) -> None:
    text = "Talks resumed. " + "z" * 4000  # stanza turns tokens over 300 characters to <UNK>
    [doc] = extractor.annotator.annotate([text], [DocumentInfo("z")])
    assert doc.notes == ("characters 15-4015 run 4000 characters without whitespace, over "
                         "the tokenizer's limit of 1000: cut every 1000 characters",
                         "characters 0-4015 repeat themselves: tokenized in pieces of at most "
                         "1000 characters")
    assert all(text[t.start:t.end] == t.text for s in doc.sentences for t in s.tokens)


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


# --- bounds: what the parser sees, whatever the text is made of ------------------------

RUN_ON = (  # one sentence of 150 words, under 1,000 characters
    "the envoy from Oslo met delegates from the northern provinces in a hotel near the "
    "harbour, and the ministers argued over grain quotas until late in the evening, while "
    "observers from three neighbouring states waited outside the conference hall, but the "
    "customs officials refused to open the border crossings before the weekend, so the "
    "convoy of trucks carrying wheat and maize turned back toward the coast, and a spokesman "
    "for the shipping company said its vessels would stay in port, because insurers had "
    "raised their premiums twice since the start of the month, yet the farmers union "
    "insisted that the harvest could not wait for another round of talks, and its leader "
    "warned that prices in the capital would double by the spring, while the central bank "
    "kept its interest rate unchanged for a fourth meeting in a row"
)

# One shape per pathological input found by fuzzing (written here, not taken from any corpus):
# each once made stanza's parser see a sentence of hundreds or thousands of words.
PATHOLOGICAL = {
    "elisions": "[...] " * 400,
    "one word": "negotiations " * 1500,
    "word and closing quote": "ceasefire,” " * 1500,
    "run-on of clauses": ", and ".join([RUN_ON] * 8),
    "quote marks": "“ ” " * 800 + "\" " * 800,
    "same sentence": "Talks resumed in Geneva. " * 600,
    "long tokens": ("x" * 1400 + " ") * 5 + "y" * 9000,
    "markup": "<div>" + "<span>Seoul</span> " * 600 + "</div>" * 50,
    "word and period": "area. " * 1500,
}


@pytest.fixture
def parsed_lengths(extractor: EventExtractor, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Word counts of every sentence stanza's dependency parser is given."""
    depparse = extractor.annotator.pipeline.processors["depparse"]  # type: ignore[attr-defined]
    seen: list[int] = []
    real = depparse.process

    def spy(doc: Any) -> Any:
        seen.extend(len(sentence.words) for sentence in doc.sentences)
        return real(doc)

    monkeypatch.setattr(depparse, "process", spy)
    monkeypatch.setattr(depparse, "bulk_process", lambda docs: [spy(d) for d in docs])
    return seen


@pytest.mark.parametrize("shape", PATHOLOGICAL)
def test_no_sentence_over_the_limit_reaches_the_parser(
    extractor: EventExtractor, parsed_lengths: list[int], shape: str
) -> None:
    text = PATHOLOGICAL[shape]
    [doc] = extractor.annotator.annotate([text], [DocumentInfo(shape)])
    assert max(parsed_lengths, default=0) <= MAX_SENTENCE_WORDS
    for sentence in doc.sentences:
        assert text[sentence.start:sentence.end] == sentence.text
        for token in sentence.tokens:
            assert 0 <= token.start < token.end <= len(text)
            assert -1 <= token.head < len(sentence.tokens)
        for entity in sentence.entities:
            assert text[entity.start:entity.end] == entity.text
    # sentences and tokens run forward through the text, none lost at a cut
    starts = [t.start for s in doc.sentences for t in s.tokens]
    assert starts == sorted(starts)


def test_a_cut_is_recorded_with_where_and_how(extractor: EventExtractor) -> None:
    intro = "Talks resumed in Geneva.\n\n"
    text = intro + RUN_ON
    [doc] = extractor.annotator.annotate([text], [DocumentInfo("e")])
    [note] = doc.notes
    words = sum(len(s.tokens) for s in doc.sentences[1:])
    assert words > MAX_SENTENCE_WORDS
    assert note == (f"sentence at characters {len(intro)}-{len(text)} has {words} words, over "
                    f"the parser's limit of {MAX_SENTENCE_WORDS}: parsed as "
                    f"{len(doc.sentences) - 1} pieces (cut at: phrase)")
    assert all(len(s.tokens) <= MAX_SENTENCE_WORDS // 2 for s in doc.sentences)
    result = extractor.extract(text)
    assert result.notes == doc.notes


def test_a_run_on_is_cut_at_its_clause_boundaries(extractor: EventExtractor) -> None:
    [doc] = extractor.annotator.annotate([RUN_ON], [DocumentInfo("r")])
    assert len(doc.sentences) > 1 and "cut at: phrase" in doc.notes[0]
    # every piece but the last ends at one of the commas
    assert all(s.tokens[-1].text == "," for s in doc.sentences[:-1])


def test_ordinary_text_is_not_cut_and_has_no_notes(extractor: EventExtractor) -> None:
    long_but_fine = ("Ministers from " + ", ".join(f"country {n}" for n in range(29))
                     + " met in Brussels on Monday.")
    [doc] = extractor.annotator.annotate([NEWS + " " + long_but_fine], [DocumentInfo("n")])
    assert len(doc.sentences) == 2 and doc.notes == ()
    assert 80 < len(doc.sentences[1].tokens) <= MAX_SENTENCE_WORDS


def test_repeated_sentences_are_parsed_once_and_keep_their_own_offsets(
    extractor: EventExtractor, parsed_lengths: list[int]
) -> None:
    text = NEWS + "\n\n" + "Talks resumed in Geneva. " * 50 + "\n\n" + NEWS
    [doc] = extractor.annotator.annotate([text], [DocumentInfo("s")])
    assert len(doc.sentences) == 52
    assert len(parsed_lengths) == 2  # the news sentence and the talks sentence
    first, last = doc.sentences[0], doc.sentences[-1]
    assert [t.deprel for t in first.tokens] == [t.deprel for t in last.tokens]
    assert [(e.text, e.type) for e in first.entities] == [(e.text, e.type) for e in last.entities]
    assert last.start > first.end and text[last.start:last.end] == last.text
    assert {(e.start, e.end) for e in first.entities}.isdisjoint(
        (e.start, e.end) for e in last.entities)


def test_cut_pieces_keep_multi_word_tokens_whole(extractor: EventExtractor) -> None:
    text = "we don't agree and they won't sign " * 40
    [doc] = extractor.annotator.annotate([text], [DocumentInfo("m")])
    assert doc.notes
    for sentence in doc.sentences:
        assert all(text[t.start:t.end] in ("we", "don't", "agree", "and", "they", "won't",
                                           "sign") for t in sentence.tokens)
        heads = [t.head for t in sentence.tokens]
        assert heads.count(-1) >= 1 and all(-1 <= h < len(heads) for h in heads)


def test_max_sentence_words_below_the_minimum_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="max_sentence_words"):
        Annotator(max_sentence_words=3)


def test_a_paragraph_that_repeats_itself_is_tokenized_in_single_passes(
    extractor: EventExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    # stanza's tokenizer reads a paragraph over 1,000 characters in windows, each starting
    # after the last sentence end found in the one before: on "area. area. ..." it found one
    # only at each window's start, and made 1,150 passes over 8,880 characters
    trainer = extractor.annotator.pipeline.processors["tokenize"].trainer  # type: ignore[attr-defined]
    passes: list[int] = []
    real = trainer.predict

    def spy(batch: Any) -> Any:
        passes.append(1)
        return real(batch)

    monkeypatch.setattr(trainer, "predict", spy)
    text = "Delegates arrived.\n\n" + "area. " * 1500
    [doc] = extractor.annotator.annotate([text], [DocumentInfo("a")])
    assert len(passes) <= 3
    assert doc.notes[0] == (f"characters 20-{len(text)} repeat themselves: tokenized in "
                            f"pieces of at most {TOKENIZER_WINDOW} characters")
    assert all(text[t.start:t.end] == t.text for s in doc.sentences for t in s.tokens)


def test_only_paragraphs_that_repeat_themselves_are_cut_for_the_tokenizer() -> None:
    from geoevents.nlp.pipeline import _repetition_cuts

    prose = " ".join([RUN_ON + ".", NEWS, RUN_ON.replace(", ", "; ").upper() + ".",
                      RUN_ON.title() + "."])
    assert len(prose) > 2 * TOKENIZER_WINDOW
    assert _repetition_cuts(prose) == ([], [])
    repeated = "Talks resumed in Geneva. " * 100
    text = prose + "\n\n" + repeated
    cuts, paragraphs = _repetition_cuts(text)
    assert paragraphs == [(len(prose) + 2, len(text))]
    pieces = [b - a for a, b in zip([len(prose) + 2, *cuts], [*cuts, len(text)], strict=True)]
    assert max(pieces) <= TOKENIZER_WINDOW
    assert all(text[cut - 2:cut] == ". " for cut in cuts)  # at sentence-like breaks


def test_notes_are_capped_with_a_count_of_the_rest(extractor: EventExtractor) -> None:
    text = "\n\n".join(["delegates, " * 60] * 30)  # 30 paragraphs, each a run-on
    [doc] = extractor.annotator.annotate([text], [DocumentInfo("c")])
    assert len(doc.notes) == MAX_NOTES
    assert doc.notes[-1].startswith(f"{30 - MAX_NOTES + 1} more cuts like these, the last: "
                                    f"sentence at characters {len(text) - 660}-{len(text) - 1} ")
