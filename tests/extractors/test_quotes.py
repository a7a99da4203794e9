"""Quotes (who said what), on real output of the bundled model."""

import datetime as dt

import attrs
import pytest

from geoevents import (
    Actor,
    ActorType,
    DateResolver,
    DocumentInfo,
    EventExtractor,
    Quote,
    QuoteType,
    Span,
    Stance,
)
from geoevents.extractors.quotes import summary


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
    text = ("Ji-won Han, a professor at Yonsei University in Seoul, studies the region. "
            "“Pyongyang is raising tensions,” Han said, “and it is doing so on purpose.” "
            "“Nobody should be surprised,” he added.")
    quotes = extractor.extract(text, published="2021-04-01").quotes
    texts = [q.text for q in quotes]
    assert "Pyongyang is raising tensions" in texts
    assert "and it is doing so on purpose." in texts
    assert "Nobody should be surprised" in texts
    assert {q.speaker.name for q in quotes} == {"Ji-won Han"}


def test_indirect_speech(extractor: EventExtractor) -> None:
    text = "Japan's defense minister said the missiles landed outside Japan's economic zone."
    [quote] = extractor.extract(text, published="2021-04-01").quotes
    assert quote.quote_type is QuoteType.INDIRECT
    assert quote.text == "the missiles landed outside Japan's economic zone"
    assert quote.speaker.country == "JPN"


def test_mixed_quote(extractor: EventExtractor) -> None:
    text = "Price reiterated that “sanctions will remain at the heart of American policy.”"
    [quote] = extractor.extract(text, published="2021-04-01").quotes
    assert quote.quote_type is QuoteType.MIXED
    assert "sanctions will remain" in quote.text


def test_scare_quotes_are_not_statements(extractor: EventExtractor) -> None:
    text = "The review has entered its “final stages” as officials prepare for talks."
    assert extractor.extract(text, published="2021-04-01").quotes == ()


def test_a_role_noun_refers_back_to_the_named_person(extractor: EventExtractor) -> None:
    doc = extractor.extract(
        "Pakistan's ambassador to the United Nations, Munir Akram, spoke on Monday. "
        '"We reject these claims entirely," the Pakistani envoy said.\n\n'
        "A State Department spokesperson repeated that Washington wants his release. "
        '"His detention is unjust and must end now," the spokesperson added.',
        published="2025-03-13",
    )
    speakers = {q.text: q.speaker.name for q in doc.quotes}
    assert speakers["We reject these claims entirely"] == "Munir Akram"
    assert any(name.endswith("spokesperson") for name in speakers.values())
    assert "the spokesperson" not in speakers.values()


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        (
            # (not "Penny Wong": the bundled tokenizer ends a sentence after "Penny")
            'Foreign Minister Marise Payne called the launch "reckless and dangerous."',
            "Marise Payne",
            'called the launch "reckless and dangerous."',
        ),
        (
            'President Emmanuel Macron called the agreement a "historic step" for Europe.',
            "Emmanuel Macron",
            'called the agreement a "historic step" for Europe',
        ),
        (
            "In March, Prime Minister Anthony Albanese called on the junta to restore its "
            '"roadmap" to elections.',
            "Anthony Albanese",
            'called on the junta to restore its "roadmap" to elections',
        ),
    ],
)
def test_a_quoted_fragment_in_the_verbs_predicate_is_a_mixed_quote(
    extractor: EventExtractor, text: str, speaker: str, quote: str
) -> None:
    [found] = extractor.extract(text, published="2024-03-01").quotes
    assert (found.speaker.name, found.text, found.quote_type) == (speaker, quote, QuoteType.MIXED)
    assert text[found.evidence[0].start : found.evidence[0].end] == quote


def test_a_commitment_is_not_a_quote(extractor: EventExtractor) -> None:
    text = 'The leaders agreed to jointly address the "challenges" of the region.'
    assert extractor.extract(text, published="2024-03-01").quotes == ()


def test_an_apposed_name_is_the_speaker(extractor: EventExtractor) -> None:
    text = 'Moscow’s closest partner, Belarus, has called for "calm" on all sides.'
    [found] = extractor.extract(text, published="2024-03-01").quotes
    assert (found.speaker.name, found.speaker.country) == ("Belarus", "BLR")
    assert found.text == 'called for "calm" on all sides'


def test_the_reported_subject_is_not_the_speaker(extractor: EventExtractor) -> None:
    # the parser makes "al-Hassan" a second subject of "said"; the speaker comes before
    text = (
        "Syrian state media, in a later post on Telegram, said al-Hassan was killed Thursday "
        "in a drone strike targeting his car near Idlib."
    )
    [found] = extractor.extract(text, published="2025-03-14").quotes
    assert found.speaker.name == "Syrian state media"  # the parenthetical is not the name
    assert found.text.startswith("al-Hassan was killed Thursday")
    assert found.quote_type is QuoteType.INDIRECT


def test_it_said_is_the_country_or_organisation_before(extractor: EventExtractor) -> None:
    text = (
        "France reacted in a foreign ministry statement. "
        "“Iran must halt all destabilizing activities in the region,” it said."
    )
    [found] = extractor.extract(text, published="2017-09-23").quotes
    assert (found.speaker.name, found.speaker.country) == ("France", "FRA")  # not Iran


@pytest.mark.parametrize(
    "text",
    [
        "The ministry did not say which units took part in the drills.",
        "Officials never said when the talks would resume.",
        'The council met for three hours over the launches it called "unacceptable."',
    ],
)
def test_no_statement_no_quote(extractor: EventExtractor, text: str) -> None:
    assert extractor.extract(text, published="2017-09-23").quotes == ()


def test_mixed_quotes_around_the_cue(extractor: EventExtractor) -> None:
    text = (
        "Smith said the growing fear of attacks and the recent border clash “are making Delhi "
        "more open to cooperation with Tokyo.” Delhi “will always be careful about confronting "
        "Beijing because of its history,” he told reporters."
    )
    quotes = extractor.extract(text, published="2021-04-16").quotes
    assert [(q.speaker.name, q.quote_type) for q in quotes] == [("Smith", QuoteType.MIXED)] * 2
    assert quotes[0].text.startswith("the growing fear of attacks and the recent border clash “")
    assert quotes[1].text.startswith("Delhi “will always be careful")


def test_the_clause_subject_parsed_as_an_object_of_the_cue(extractor: EventExtractor) -> None:
    # "concern" comes out as an indirect object of "said", "making" as its clause
    text = (
        "Kim said the mounting concern about Chinese ships and the recent collision “are making "
        "Manila more willing to work with Washington.”"
    )
    [found] = extractor.extract(text, published="2021-04-16").quotes
    assert found.speaker.name == "Kim" and found.quote_type is QuoteType.MIXED
    assert found.text.startswith("the mounting concern about Chinese ships")


def test_a_date_hung_on_the_speaker_is_not_part_of_it(extractor: EventExtractor) -> None:
    text = "Last week Philippine officials said the coast guard fired two flares over the reef."
    [found] = extractor.extract(text, published="2016-06-22").quotes
    assert found.speaker.name == "Philippine officials"
    assert found.text == "the coast guard fired two flares over the reef"


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "“We are watching closely,” said Oh Ei Sun, senior fellow with a Kuala Lumpur "
            "research institute.",
            "Oh Ei Sun",
            "person",
        ),
        (
            "The Hudson Institute, a think tank whose director met Biden, said the talks had "
            "stalled.",
            "Hudson Institute",
            "organization",
        ),
    ],
)
def test_a_title_in_apposition_makes_a_person(
    extractor: EventExtractor, text: str, name: str, kind: str
) -> None:
    [found] = extractor.extract(text, published="2019-03-01").quotes
    assert (found.speaker.name, found.speaker.type.value) == (name, kind)


def test_a_reported_clause_parsed_as_the_cues_object(extractor: EventExtractor) -> None:
    # "attackers" comes out as the object of "said", "collaborated" as a clause on it
    text = "Police chief Ahmed Khan had earlier said attackers collaborated with partners abroad."
    [found] = extractor.extract(text, published="2025-03-13").quotes
    assert found.speaker.name == "Ahmed Khan"
    assert found.text == "attackers collaborated with partners abroad"


# --- phrasing classes (each tested on several sentences written for it) ------------------------
def _quotes(extractor: EventExtractor, text: str, published: str = "2024-01-10") -> list[
        tuple[str, str, str, str | None]]:
    return [(q.speaker.name, q.quote_type.value, q.text, q.date.iso())
            for q in extractor.extract(text, published=published).quotes]


@pytest.mark.parametrize(
    ("text", "speaker", "start"),
    [
        # "said X verbed" with X taken for an object and the verb for a participle
        ("General Ahmed Karimi, head of the army's media office, had earlier said attackers "
         "collaborated with partners abroad.", "Ahmed Karimi", "attackers collaborated"),
        # "says [NP] — ... — [VP]" split into an object and a paratactic verb
        ("Maria Lopes led aid workers to the villages. She says about 2,000 families — "
         "including children — are sleeping outside.", "Maria Lopes", "about 2,000 families"),
        # "told X that ..." with the that-clause taken for a relative clause of X
        ('Housing minister Dan Levi told the parliament that Israel should "prepare itself for '
         'what comes next" in the region.', "Dan Levi", "Israel should"),
    ],
)
def test_reported_clauses_the_parser_split(
    extractor: EventExtractor, text: str, speaker: str, start: str
) -> None:
    found = [(s, t) for s, _, t, _ in _quotes(extractor, text)]
    assert any(s == speaker and t.startswith(start) for s, t in found), found


@pytest.mark.parametrize(
    ("text", "speaker", "fragment"),
    [
        ('The ministry reacted by calling the president of Chile, Gabriel Boric, a "traitor" '
         "on Monday.", "The ministry", "traitor"),
        ("Prime Minister Ana Lopes was first to share the news, announcing on social media "
         "Friday that the country's police had \"successfully arrested\" the suspect.",
         "Ana Lopes", "successfully arrested"),
        ('The agency issued a statement expressing "deep concern about these developments".',
         "The agency", "deep concern"),
    ],
)
def test_participial_cues_take_the_clause_subject(
    extractor: EventExtractor, text: str, speaker: str, fragment: str
) -> None:
    found = _quotes(extractor, text)
    assert any(s == speaker and kind == "mixed" and fragment in t for s, kind, t, _ in found), found


def test_a_participle_attributes_a_direct_quote(extractor: EventExtractor) -> None:
    text = ('Maria Lopes spoke after the vote. She described the deal as a step forward, '
            'commenting, "This is about whether we can trust each other again."')
    found = _quotes(extractor, text)
    assert ("Maria Lopes", "direct",
            "This is about whether we can trust each other again.") in [f[:3] for f in found]


def test_a_trailing_date_is_when_not_what(extractor: EventExtractor) -> None:
    [(_, _, text, date)] = _quotes(
        extractor, 'The ministry reacted by calling the president of Chile, Gabriel Boric, a '
        '"traitor" on Monday.')
    assert not text.endswith("Monday") and date == "2024-01-08"


@pytest.mark.parametrize(
    "text",
    [
        'Radio Pyongyang quoted a senior diplomat as saying, "Our tests concern no one but '
        'ourselves."',
        'The agency quoted the minister as saying that "the border will stay closed for now".',
    ],
)
def test_quoted_as_saying_is_the_one_quoted(extractor: EventExtractor, text: str) -> None:
    speakers = {s for s, _, _, _ in _quotes(extractor, text)}
    assert speakers and all("diplomat" in s or "minister" in s for s in speakers), speakers


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ('North Korea launched a rocket. Two days earlier the country said it might delay the '
         'launch to repair a "technical problem" in the rocket.', "PRK"),
        ("Iran test-fired a cruise missile on Monday. The regime said the test was a "
         "success and more would follow.", "IRN"),
    ],
)
def test_the_country_is_the_country_named_last(
    extractor: EventExtractor, text: str, country: str
) -> None:
    quotes = extractor.extract(text, published="2024-01-10").quotes
    assert [q.speaker.country for q in quotes] == [country]


def test_a_statement_that_goes_on_keeps_its_time(extractor: EventExtractor) -> None:
    text = ('"Peace will be the first item on the agenda," Ana Lopes said in a speech on '
            'Monday. She added that "it will not be an easy road, but we will walk it".')
    dates = [date for _, _, _, date in _quotes(extractor, text)]
    assert dates == ["2024-01-08", "2024-01-08"]


def test_the_pretty_line_shows_stance_targets_and_topics() -> None:
    text = "We condemn the launch"
    quote = Quote(
        document=DocumentInfo("d1"), date=DateResolver(dt.date(2024, 3, 8)).resolve("Friday"),
        evidence=(Span(0, 1, 1 + len(text), text),), confidence=0.9,
        speaker=Actor("Ned Price", ActorType.PERSON, title="spokesman"), text=text,
        quote_type=QuoteType.DIRECT, cue="said", stance=Stance.OPPOSE,
        targets=(Actor("North Korea", ActorType.COUNTRY, country="PRK"),),
        topics=("missiles", "sanctions"),
    )
    assert summary(quote) == ("(direct) 2024-03-08 Ned Price, spokesman [said]: “We condemn "
                              "the launch” — oppose → North Korea [PRK] #missiles #sanctions")
    plain = attrs.evolve(quote, stance=Stance.ASSERT, targets=(), topics=())
    assert summary(plain).endswith("” — assert")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # a time on the verb the cue is coordinated with
        ("Ana Lopes visited Rabat in August and told King Karim that trade would grow.",
         "2023-08"),
        # "over" before a day is not a span the statement is measured from
        ('"The convoy is safe," the general said as he declared the operation over Tuesday '
         "night.", "2024-01-09"),
    ],
)
def test_statement_dates_from_the_clause(
    extractor: EventExtractor, text: str, date: str
) -> None:
    assert [d for _, _, _, d in _quotes(extractor, text)] == [date]


def test_a_time_in_a_clause_the_parser_hung_on_the_cue_is_not_the_statements(
    extractor: EventExtractor,
) -> None:
    text = ('"We reject these allegations," spokesperson Ana Lopes said in a statement posted '
            "online. Gunmen attacked a bus on Monday near the border.")
    assert [d for _, _, _, d in _quotes(extractor, text)] == ["2024-01-10"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The talks will resume in Vienna next week, according to a senior diplomat.",
         "diplomat"),
        ("According to the foreign ministry, the ambassador was summoned on Monday.",
         "ministry"),
        ("The army had withdrawn from the valley, according to a statement issued by the "
         "defence ministry.", "ministry"),
    ],
)
def test_according_to_a_source_is_indirect_speech(
        extractor: EventExtractor, text: str, speaker: str) -> None:
    [quote] = extractor.extract(text, published="2024-05-01").quotes
    assert speaker in quote.speaker.name.lower()
    assert "according" not in quote.text.lower()


@pytest.mark.parametrize(
    "text",
    [
        "Exports fell by a tenth last year, according to official data.",
        "According to estimates, thousands of people have left the city.",
    ],
)
def test_according_to_data_is_nobody_speaking(extractor: EventExtractor, text: str) -> None:
    assert not extractor.extract(text, published="2024-05-01").quotes


@pytest.mark.parametrize(
    "text",
    [
        "Beijing called the move a dangerous provocation.",
        "The ministry described the sanctions as illegal and counterproductive.",
        "Moscow dismissed the report as Western propaganda.",
    ],
)
def test_a_judgement_told_as_object_and_complement(extractor: EventExtractor,
                                                    text: str) -> None:
    [quote] = extractor.extract(text, published="2024-05-10").quotes
    assert quote.quote_type is QuoteType.INDIRECT
    assert text.split()[0] in quote.speaker.name


@pytest.mark.parametrize(
    "text",
    [
        "The minister called the ambassador on Monday.",
        "The opposition called for early elections.",
        "The president described his trip.",
    ],
)
def test_calls_and_descriptions_without_a_judgement_are_no_quote(
        extractor: EventExtractor, text: str) -> None:
    assert not extractor.extract(text, published="2024-05-10").quotes


@pytest.mark.parametrize(
    "text",
    [
        "Reuters reported that the talks had stalled.",
        "Kyodo News reported on Friday that the two sides would meet in Tokyo.",
    ],
)
def test_media_reports_are_indirect_speech(extractor: EventExtractor, text: str) -> None:
    [quote] = extractor.extract(text, published="2024-05-10").quotes
    assert quote.speaker.name in text


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The minister urged China to stop the drills.", "urged"),
        ("Kim Yo Jong warned Seoul against further provocations in a statement.", "warned"),
    ],
)
def test_an_appeal_to_someone_is_indirect_speech(extractor: EventExtractor, text: str,
                                                 cue: str) -> None:
    [quote] = extractor.extract(text, published="2024-05-10").quotes
    assert quote.text.startswith(cue)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("NATO Secretary General Jens Stoltenberg warned on Wednesday that Russia was "
         "preparing a new offensive.", "2024-05-08"),
        ("The Associated Press reported on Monday that the ministry had ordered new drills.",
         "2024-05-06"),
    ],
)
def test_a_that_clause_after_the_statements_day(extractor: EventExtractor, text: str,
                                                day: str) -> None:
    [quote] = extractor.extract(text, published="2024-05-10").quotes
    assert quote.date.iso() == day
    assert not quote.text.startswith("that")


def test_told_a_briefing_on_a_day_that(extractor: EventExtractor) -> None:
    [quote] = extractor.extract(
        "The foreign ministry spokesperson, Mao Ning, told a regular briefing on Monday that "
        "China opposed the move.", published="2024-05-10").quotes
    assert quote.text == "China opposed the move"
