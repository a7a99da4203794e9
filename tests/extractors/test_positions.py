"""Quoted positions (stance, targets, topics, about), on real output of the bundled model.

Every sentence here was written for these tests: each stands for a class of phrasings (a cue
verb, a modal, an evaluative word, a negation, a condition), not for one article.
"""

from __future__ import annotations

import pytest

from geoevents import DocumentEvents, EventExtractor, Quote, Stance
from geoevents.extractors.positions import STANCE_CODES
from geoevents.kinds import get_kind
from geoevents.knowledge import vocabulary

STANCES = [
    # support: an approving cue, approving words
    ("support", 'The European Union welcomed the ceasefire agreement, calling it "a positive '
                'step for the region."'),
    ("support", '"This is a historic day for both our nations," Prime Minister Anna Berg said.'),
    # oppose: a condemning cue, evaluative words, a negated acceptance, concern about an act
    ("oppose", "Japan's foreign minister condemned the launch as \"a grave violation\" of U.N. "
               "resolutions."),
    ("oppose", '"The test is unacceptable and deeply irresponsible," the German foreign ministry '
               "said in a statement."),
    ("oppose", '"We do not accept the outcome of this vote," Foreign Minister Elena Costa said.'),
    ("oppose", '"We are deeply concerned about the detention of journalists," the spokesperson '
               "said."),
    # accuse: an accusing cue, a wrong act pinned on an actor
    ("accuse", "Ukraine's foreign ministry accused Moscow of \"deliberately shelling\" the power "
               "plant."),
    ("accuse", '"Pakistan has failed to rein in the militants who carried out this attack," the '
               "Indian envoy said."),
    # demand: an appeal cue, "must", "call on"
    ("demand", "President Amara Diallo urged the rebels to lay down their arms."),
    ("demand", '"The junta must release all political prisoners now," the U.N. envoy said.'),
    ("demand", 'The African Union called on both sides to "return to the negotiating table."'),
    # warn: a warning cue, consequences, a threat on a condition, "will not tolerate"
    ("warn", "Defense Minister Lee Jong-sup warned that any further incursion would be met with "
             "force."),
    ("warn", '"Any attack on our territory will face a swift and decisive response," General '
             "Omar Haddad said."),
    ("warn", '"If the shelling continues, we will respond with all necessary measures," the '
             "minister said."),
    ("warn", '"We will not tolerate attacks on our soldiers," the general said.'),
    # pledge: an offer on a condition, a vow, "we will continue", an offer of dialogue
    ("pledge", '"If they release the prisoners, we will lift the sanctions," Secretary Jane Holt '
               "said."),
    ("pledge", "President Maria Lopez vowed to rebuild every school destroyed in the floods."),
    ("pledge", '"We will continue to support Ukraine for as long as it takes," the chancellor '
               "said."),
    ("pledge", '"We are open to dialogue with Beijing," the Taiwanese president said.'),
    # deny: a denying cue, "baseless", the speaker's own "never"
    ("deny", "The ministry denied that its troops had crossed the border."),
    ("deny", '"These allegations are baseless," a government spokesman said.'),
    ("deny", '"We have never sent weapons to the rebels," the foreign minister said.'),
    # assess: an analyst's prediction, a threat judged
    ("assess", '"The regime is likely to test another missile before the summit," said Mina '
               "Park, an analyst at the Asan Institute."),
    ("assess", '"North Korea poses a serious threat to the region," the defense minister said.'),
    # assert: facts reported
    ("assert", '"The missile flew about 600 kilometers before landing in the sea," the Japanese '
               "coast guard said."),
]


def _quote(extractor: EventExtractor, text: str) -> Quote:
    [quote] = extractor.extract(text, published="2024-05-01").quotes
    return quote


@pytest.mark.parametrize(("stance", "text"), STANCES, ids=[f"{s}-{i}" for i, (s, _) in
                                                            enumerate(STANCES)])
def test_stance_by_class_of_phrasing(extractor: EventExtractor, stance: str, text: str) -> None:
    quote = _quote(extractor, text)
    assert quote.stance is Stance(stance)
    assert quote.codes == STANCE_CODES[quote.stance]


def test_a_hypothetical_cue_takes_no_stand(extractor: EventExtractor) -> None:
    quote = _quote(extractor, 'The European Union may condemn the vote as "a sham."')
    assert quote.stance is Stance.ASSESS  # it may; it has not


def test_a_negated_cue_is_no_condemnation(extractor: EventExtractor) -> None:
    quote = _quote(extractor, "The foreign ministry did not condemn the strike, saying only "
                              'that talks "will resume next week."')
    assert quote.text.endswith('"will resume next week."')
    assert quote.stance is Stance.ASSERT


def test_a_statement_takes_no_stand_and_keeps_the_plain_statement_code(
        extractor: EventExtractor) -> None:
    quote = _quote(extractor, '"The missile flew about 600 kilometers before landing in the '
                              'sea," the Japanese coast guard said.')
    assert (quote.codes.cameo, quote.codes.plover) == ("010", None)


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        # the one urged (the cue's object)
        ('U.S. Secretary of State Jane Holt urged China to "use its influence" over Pyongyang.',
         ["China"]),
        # the actor whose act is condemned, a capital as its country
        ("Japan's foreign minister condemned Pyongyang's launch as \"a grave violation\" of "
         "U.N. resolutions.", ["North Korea"]),
        # the speaker's own side when it is asked to act
        ('"Europe needs to spend far more on its own defense," Dutch Defense Minister Ruben Vos '
         "said.", ["Europe"]),
        # the one blamed, a capital as its country
        ('"Kabul has failed to stop the militants," the Pakistani envoy said.', ["Afghanistan"]),
        # partners of a pledge, capitals as their countries
        ('"We will keep working with our partners in Seoul and Tokyo," the spokesman said.',
         ["South Korea", "Japan"]),
    ],
)
def test_targets(extractor: EventExtractor, text: str, targets: list[str]) -> None:
    quote = _quote(extractor, text)
    assert [t.name for t in quote.targets] == targets
    for target in quote.targets:  # with the span that names it
        assert target.mentions and target.mentions[0].text in text


def test_topics_come_from_the_keyword_table(extractor: EventExtractor) -> None:
    quote = _quote(extractor, '"The sanctions on the nuclear program must be enforced," the '
                              "ambassador said.")
    assert set(quote.topics) == {"sanctions", "nuclear"}
    assert set(quote.topics) <= set(vocabulary().position.topics)


@pytest.fixture(scope="module")
def launch_story(extractor: EventExtractor) -> DocumentEvents:
    return extractor.extract(
        "North Korea fired two ballistic missiles into the sea on Thursday, South Korea's "
        "military said. Japan's prime minister called the launch \"an outrageous act.\"\n\n"
        "Japanese Foreign Minister Yoko Kamikawa met her South Korean counterpart Cho Tae-yul "
        'in Tokyo on Friday. "The talks were very productive," Kamikawa said after the '
        'meeting. "Our farmers need better prices," she added.',
        published="2024-05-03", doc_id="story")


def test_a_reaction_is_about_the_launch_and_targets_the_launcher(
        launch_story: DocumentEvents) -> None:
    [launch] = launch_story.launches
    [reaction] = [q for q in launch_story.quotes if "outrageous" in q.text]
    assert reaction.about == (launch.id,)
    assert reaction.stance is Stance.OPPOSE
    assert [t.name for t in reaction.targets] == ["North Korea"]
    assert reaction.topics[0] == "missiles"


def test_a_remark_on_the_talks_is_about_the_meeting_and_others_about_nothing(
        launch_story: DocumentEvents) -> None:
    [meeting] = launch_story.meetings
    quotes = {q.text: q for q in launch_story.quotes}
    talks = quotes["The talks were very productive"]
    assert talks.about == (meeting.id,)
    assert talks.stance is Stance.SUPPORT
    assert "diplomacy-talks" in talks.topics
    assert quotes["Our farmers need better prices"].about == ()


def test_about_lists_ids_of_events_of_the_same_document(launch_story: DocumentEvents) -> None:
    ids = {e.id for e in launch_story.events}
    assert len(ids) == len(launch_story.events)  # unique
    for quote in launch_story.quotes:
        assert set(quote.about) <= ids - {quote.id}


def test_the_quote_kind_relates_its_events() -> None:
    kind = get_kind("quote")
    assert kind is not None and kind.relate is not None


# --- the vocabulary the rules read (pure data checks) -----------------------------------------
#: the topic keys of the evaluation guide (POSITIONS.md)
TOPIC_KEYS = {"nuclear", "missiles", "military-exercises", "sanctions", "ceasefire",
              "armed-conflict", "territory", "alliance-defence", "trade-economy",
              "aid-humanitarian", "human-rights", "elections-governance", "terrorism",
              "diplomacy-talks", "energy", "climate", "migration", "cyber", "other"}


def test_position_tables_are_keyed_by_stance_topic_and_kind() -> None:
    words = vocabulary().position
    stances = {s.value for s in Stance}
    assert set(words.cues) <= stances and set(words.words) <= stances
    assert set(words.negated_words) <= stances
    assert set(words.topics) <= TOPIC_KEYS
    assert set(words.event_topics.values()) <= TOPIC_KEYS
    kinds = {"meeting", "missile_launch"}
    assert set(words.event_nouns) <= kinds and set(words.event_topics) <= kinds
    assert words.reaction_kinds <= kinds


def test_every_stance_has_codes() -> None:
    assert set(STANCE_CODES) == set(Stance)
    assert {c.plover for s, c in STANCE_CODES.items() if s in (Stance.ASSERT, Stance.ASSESS)} == {
        None}
