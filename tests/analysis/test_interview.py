"""Interview turns: who "I" and "you" are in a question-and-answer text (pure text logic)."""

from geoevents import EventExtractor
from geoevents.analysis.interview import interview_turns

TRANSCRIPT = (
    "The station spoke with the former envoy about his trip.\n\n"
    "VOA: During your trip to Seoul, you met with the new president. What did you discuss?\n"
    "Jane Doe, former U.S. ambassador to South Korea: We discussed trade. I also had lunch "
    "with the foreign minister.\n"
    "VOA: Are you worried about the drills?\n"
    "Doe: Am I worried? No. I expected them."
)


def test_turns_and_roles() -> None:
    interview = interview_turns(TRANSCRIPT)
    assert [t.speaker for t in interview.turns] == ["VOA", "Jane Doe", "VOA", "Doe"]
    assert [t.question for t in interview.turns] == [True, False, True, False]
    assert interview.turns[1].title == "former U.S. ambassador to South Korea"


def test_pronouns_name_the_speakers() -> None:
    interview = interview_turns(TRANSCRIPT)
    you = TRANSCRIPT.index("you met")
    i_answer = TRANSCRIPT.index("I expected")
    expected = ("Jane Doe", "former U.S. ambassador to South Korea")
    assert interview.person("you", you) == expected
    assert interview.person("I", i_answer) == expected  # "Doe:" is the same person
    assert interview.person("I", you) is None  # no "I" in a question turn is resolved
    assert interview.in_label(TRANSCRIPT.index("VOA:"))
    assert not interview.in_label(you)


def test_plain_articles_are_no_interview() -> None:
    text = "Note: this story was updated. Officials said: the talks went well. Nothing else."
    assert interview_turns(text).turns == ()
    assert interview_turns("").turns == ()


def test_meeting_asked_about_in_an_interview(extractor: EventExtractor) -> None:
    doc = extractor.extract(TRANSCRIPT, published="2024-06-02")
    people = {p.name for m in doc.meetings for p in m.participants}
    assert "Jane Doe" in people
    assert not any(name.startswith("VOA") for name in people)


def test_a_speaker_label_is_nobodys_subject(extractor: EventExtractor) -> None:
    # the parser makes "VOA" a subject of the question's first clause; the label is only
    # the interviewer's name, the statement is Russia's
    text = (
        "VOA: Two days after the summit ended, Russia held naval exercises near Japan and "
        "called them “a routine drill for the defense of its coast.” What do you make of "
        "that?\n"
        "Jane Doe, former U.S. ambassador to Japan: It was a message. I expected it.\n"
        "VOA: Will there be more?\n"
        "Doe: Probably."
    )
    quotes = extractor.extract(text, published="2024-06-02").quotes
    assert [(q.speaker.name, q.speaker.country) for q in quotes] == [("Russia", "RUS")]


def test_meetings_recounted_in_an_interview_take_the_introductions_date(
        extractor: EventExtractor) -> None:
    text = (
        "The former envoy led a delegation to the inauguration in Seoul on May 10.\n\n"
        "VOA: During your trip to Seoul, you met with the new president. What did you "
        "discuss?\n"
        "Jane Doe, former U.S. ambassador to South Korea: We discussed trade. I also had "
        "lunch with the foreign minister, Kim Min-jun.\n"
    )
    doc = extractor.extract(text, published="2024-06-02")
    assert doc.meetings
    assert {m.date.iso() for m in doc.meetings} == {"2024-05-10"}
