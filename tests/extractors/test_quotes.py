"""Quoted positions, on real output of the bundled model."""

from geoevents import EventExtractor, QuoteType


def test_direct_quote_with_title_and_country(extractor: EventExtractor) -> None:
    text = ("“Denuclearization will remain at the center of our policy,” U.S. State Department "
            "spokesman Ned Price told reporters on Thursday.")
    [quote] = extractor.extract(text, published="2021-04-01").quotes
    assert quote.quote_type is QuoteType.DIRECT
    assert quote.text == "Denuclearization will remain at the center of our policy"
    assert quote.speaker.name == "Ned Price"
    assert quote.speaker.title is not None and "spokesman" in quote.speaker.title
    assert quote.speaker.country == "USA"
    assert quote.cue.startswith("told")
    assert quote.date.iso() == "2021-04-01"
    span = quote.evidence[0]
    assert text[span.start:span.end] == quote.text


def test_split_quote_gives_two_records_and_pronoun_resolves(extractor: EventExtractor) -> None:
    text = ("Leif-Eric Easley, a professor at Ewha University in Seoul, studies the region. "
            "“Pyongyang is raising tensions,” Easley said, “and it is doing so on purpose.” "
            "“Nobody should be surprised,” he added.")
    quotes = extractor.extract(text, published="2021-04-01").quotes
    texts = [q.text for q in quotes]
    assert "Pyongyang is raising tensions" in texts
    assert "and it is doing so on purpose." in texts
    assert "Nobody should be surprised" in texts
    assert {q.speaker.name for q in quotes} == {"Leif-Eric Easley"}


def test_indirect_speech(extractor: EventExtractor) -> None:
    text = "Japan's defense minister said the missiles landed outside Japan's economic zone."
    [quote] = extractor.extract(text, published="2021-04-01").quotes
    assert quote.quote_type is QuoteType.INDIRECT
    assert quote.text == "the missiles landed outside Japan's economic zone"
    assert quote.speaker.country == "JPN"


def test_mixed_quote(extractor: EventExtractor) -> None:
    text = ("Price reiterated that “denuclearization will remain at the center of American "
            "policy.”")
    [quote] = extractor.extract(text, published="2021-04-01").quotes
    assert quote.quote_type is QuoteType.MIXED
    assert "denuclearization will remain" in quote.text


def test_scare_quotes_are_not_statements(extractor: EventExtractor) -> None:
    text = "The review has entered its “final stages” as officials prepare for talks."
    assert extractor.extract(text, published="2021-04-01").quotes == ()


def test_a_role_noun_refers_back_to_the_named_person(extractor: EventExtractor) -> None:
    doc = extractor.extract(
        "Pakistan's ambassador to the United Nations, Munir Akram, spoke on Monday. "
        '"We reject these claims entirely," the Pakistani envoy said.\n\n'
        "A State Department spokesperson reaffirmed that the United States wants his release. "
        '"His detention is unjust and must end now," the spokesperson added.',
        published="2025-03-13",
    )
    speakers = {q.text: q.speaker.name for q in doc.quotes}
    assert speakers["We reject these claims entirely"] == "Munir Akram"
    assert any(name.endswith("spokesperson") for name in speakers.values())
    assert "the spokesperson" not in speakers.values()
