"""Meetings, on real output of the bundled model."""

import pytest

from geoevents import EventExtractor, MeetingStatus


def names(meeting: object) -> set[str]:
    return {p.name for p in meeting.participants}  # type: ignore[attr-defined]


def test_met_with_in_city(extractor: EventExtractor) -> None:
    doc = extractor.extract(
        "Secretary of State Marco Rubio met with French Foreign Minister Jean-Noel Barrot "
        "in Paris on Tuesday.",
        published="2021-10-06",
    )
    [meeting] = doc.meetings
    assert {"Marco Rubio", "Jean-Noel Barrot"} <= names(meeting)
    assert meeting.status is MeetingStatus.OCCURRED
    assert meeting.location is not None and meeting.location.name == "Paris"
    assert meeting.date.iso() == "2021-10-05"


def test_planned_meeting_between(extractor: EventExtractor) -> None:
    doc = extractor.extract(
        "Friday's meeting between U.S. Defense Secretary Lloyd Austin and his Japanese "
        "counterpart, Nobuo Kishi, in Tokyo will focus on North Korea.",
        published="2021-04-01",
    )
    [meeting] = doc.meetings
    assert {"Lloyd Austin", "Nobuo Kishi"} <= names(meeting)
    assert meeting.status is MeetingStatus.PLANNED
    assert meeting.date.iso() == "2021-04-02"


def test_participants_carry_countries(extractor: EventExtractor) -> None:
    doc = extractor.extract(
        "Chinese President Xi Jinping held talks with Russian President Vladimir Putin in "
        "Moscow on Monday.",
        published="2023-03-21",
    )
    [meeting] = doc.meetings
    countries = {p.name: p.country for p in meeting.participants}
    assert countries.get("Xi Jinping") == "CHN"
    assert countries.get("Vladimir Putin") == "RUS"


@pytest.mark.parametrize(
    "text",
    [
        "Biden and Xi spoke by phone on Thursday.",
        "Blinken did not meet with Wang Yi during the trip.",
        "The two leaders could meet at the G20 summit if tensions ease.",
        "Secretary Blinken held a video call with Foreign Minister Wang Yi.",
    ],
)
def test_not_a_meeting(extractor: EventExtractor, text: str) -> None:
    assert extractor.extract(text, published="2021-08-29").meetings == ()


def test_tour_gives_one_meeting_per_host(extractor: EventExtractor) -> None:
    doc = extractor.extract(
        "Prime Minister Fumio Kishida is expected to visit Vietnam and Indonesia in early May. "
        "Kishida's trip will include meeting Vietnamese President Vo Van Thuong and "
        "Indonesian President Joko Widodo.",
        published="2023-04-20",
    )
    pairs = sorted(sorted(names(m)) for m in doc.meetings)
    assert pairs == [["Joko Widodo", "Kishida"], ["Kishida", "Vo Van Thuong"]]
    for meeting in doc.meetings:
        assert meeting.status is MeetingStatus.PLANNED
        assert meeting.date.iso() == "2023-05"  # from the sentence before
        [traveller] = [p for p in meeting.participants if p.name == "Kishida"]
        assert traveller.title is None or "Minister" in traveller.title  # not "Kishida's"


def test_their_meeting_takes_the_clause_subjects(extractor: EventExtractor) -> None:
    doc = extractor.extract(
        "At their meeting in March, Berlin and Paris agreed to expand joint weapons programs.",
        published="2024-06-10",
    )
    [meeting] = doc.meetings
    assert {p.country for p in meeting.participants} == {"DEU", "FRA"}
    assert meeting.date.iso() == "2024-03"


def test_gathering_and_its_speaker(extractor: EventExtractor) -> None:
    doc = extractor.extract(
        "Dutch Defense Minister Ruben Brekelmans told NATO defense ministers gathered in "
        "Brussels on Thursday that Europe must spend more.",
        published="2025-02-14",
    )
    [meeting] = doc.meetings
    assert "Ruben Brekelmans" in names(meeting)
    assert any("ministers" in name for name in names(meeting))
    assert meeting.date.iso() == "2025-02-13"


def test_they_in_a_when_clause(extractor: EventExtractor) -> None:
    doc = extractor.extract(
        "Ruto and Tinubu may sign a trade pact when they talk in Abuja later this month.",
        published="2021-10-06",
    )
    [meeting] = doc.meetings
    assert {"Ruto", "Tinubu"} <= names(meeting)
    assert meeting.date.iso() == "2021-10"


def test_on_the_sidelines_of_a_summit(extractor: EventExtractor) -> None:
    doc = extractor.extract(
        "Kenyan President William Ruto announced the plan on Monday on the sidelines of a "
        "summit of the African Union (AU).",
        published="2024-02-19",
    )
    [meeting] = doc.meetings
    assert "William Ruto" in names(meeting)
    assert any("AU" in name for name in names(meeting))
    assert meeting.date.iso() == "2024-02-19"


def test_headline_and_body_are_one_meeting(extractor: EventExtractor) -> None:
    doc = extractor.extract(
        "Secretary Rubio's Meeting with German Foreign Minister Wadephul\n\n"
        "Secretary of State Marco A. Rubio met with German Foreign Minister Johann "
        "Wadephul today in Berlin. They discussed support for Ukraine.",
        published="2022-06-24",
    )
    [meeting] = doc.meetings
    assert {"Marco A. Rubio", "Johann Wadephul"} <= names(meeting)
    assert len(meeting.evidence) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Protesters gathered in the capital on Sunday to demand new elections.",
        "Investigators gathered evidence at the site for three days.",
    ],
)
def test_gatherings_that_are_not_meetings(extractor: EventExtractor, text: str) -> None:
    assert extractor.extract(text, published="2024-05-05").meetings == ()


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("Chinese President Xi Jinping received U.S. Secretary of State Antony Blinken in "
         "Beijing on Monday.", {"Xi Jinping", "Antony Blinken"}),
        ("President Joe Biden hosted Japanese Prime Minister Fumio Kishida at the White House "
         "on Wednesday.", {"Joe Biden", "Fumio Kishida"}),
    ],
)
def test_hosting_verbs_with_a_named_guest(
    extractor: EventExtractor, text: str, people: set[str]
) -> None:
    [meeting] = extractor.extract(text, published="2024-04-10").meetings
    assert people <= names(meeting)


@pytest.mark.parametrize(
    "text",
    [
        "The ministry received a letter from the embassy on Monday.",
        "Seoul welcomed the decision to resume talks.",
        "The city hosted a concert for veterans on Sunday.",
    ],
)
def test_hosting_verbs_without_a_guest(extractor: EventExtractor, text: str) -> None:
    assert extractor.extract(text, published="2024-04-10").meetings == ()


def test_after_meeting_with_is_a_meeting_when_tagged_as_a_noun(
    extractor: EventExtractor,
) -> None:
    # the bundled tagger reads "after meeting with" as a noun phrase; it is the verb "meet"
    text = (
        "Australian Prime Minister Anthony Albanese is expected to visit Indonesia and "
        "Vietnam in late May, in a move to deepen regional ties after meeting with Japanese "
        "Prime Minister Fumio Kishida on Friday."
    )
    meetings = extractor.extract(text, published="2021-04-16").meetings
    assert [[p.name for p in m.participants] for m in meetings] == [
        ["Anthony Albanese", "Fumio Kishida"]
    ]


# --- phrasing classes (each tested on several sentences written for it) ------------------------
def _pairs(extractor: EventExtractor, text: str, published: str = "2024-01-10") -> list[
        tuple[set[str], str, str | None]]:
    return [(names(m), m.status.value, m.date.iso())
            for m in extractor.extract(text, published=published).meetings]


@pytest.mark.parametrize(
    ("text", "people", "date"),
    [
        # a subordinate "since/after A and B met" the parser left without its subject
        ("Relations have thawed since Foreign Minister Ana Lopes and her Moroccan counterpart "
         "Karim Idrissi met in Rabat in March 2023.", {"Ana Lopes", "Karim Idrissi"},
         "2023-03"),
        ("Trade grew after Chilean President Gabriel Boric and Peruvian President Dina "
         "Boluarte met in Lima in June 2023.", {"Gabriel Boric", "Dina Boluarte"}, "2023-06"),
        # ... and one whose subject is cut off by a parenthetical phrase of the verb
        ("The vote comes a week after Chancellor Olaf Scholz, after talks with French "
         "President Emmanuel Macron, announced new aid.", {"Olaf Scholz", "Emmanuel Macron"},
         None),
    ],
)
def test_meetings_whose_subject_the_parse_lost(
    extractor: EventExtractor, text: str, people: set[str], date: str | None
) -> None:
    [(found, _, iso)] = _pairs(extractor, text)
    assert people <= found
    if date is not None:
        assert iso == date


@pytest.mark.parametrize(
    ("text", "people", "date"),
    [
        ("Officials made arrangements for Prime Minister Ana Lopes and President Karim "
         "Idrissi to meet in Lisbon on June 3.", {"Ana Lopes", "Karim Idrissi"}, "2024-06-03"),
        ("Plans were drawn up for Chancellor Olaf Scholz and President Emmanuel Macron to "
         "meet in Berlin next week.", {"Olaf Scholz", "Emmanuel Macron"}, "2024-W03"),
    ],
)
def test_for_a_and_b_to_meet_is_planned(
    extractor: EventExtractor, text: str, people: set[str], date: str
) -> None:
    [(found, status, iso)] = _pairs(extractor, text)
    assert found == people and status == "planned" and iso == date


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("A meeting between officials of Chile and Peru took place in Lima on Monday.",
         "officials of Chile and Peru"),
        ("Talks are scheduled for Friday in Geneva between envoys of Armenia and Azerbaijan.",
         "envoys of Armenia and Azerbaijan"),
        ("Negotiations among diplomats of Chile, Peru and Bolivia resumed on Monday.",
         "diplomats of Chile, Peru and Bolivia"),
    ],
)
def test_a_group_between_named_countries(
    extractor: EventExtractor, text: str, group: str
) -> None:
    [(found, _, _)] = _pairs(extractor, text)
    assert found == {group}


def test_scheduled_for_a_day_dates_the_meeting(extractor: EventExtractor) -> None:
    [(_, status, iso)] = _pairs(
        extractor, "Talks are scheduled for Friday in Geneva between envoys of Armenia and "
        "Azerbaijan.")
    assert status == "planned" and iso == "2024-01-12"


@pytest.mark.parametrize(
    "text",
    [
        "Talks between the heads of our two parties would be historic, he said.",
        "Talks among envoys of the three countries are scheduled for Friday.",
    ],
)
def test_a_group_without_named_countries_is_not_enough(
    extractor: EventExtractor, text: str
) -> None:
    assert _pairs(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("After talks with Chancellor Olaf Scholz, President Emmanuel Macron said Europe must "
         "rearm.", {"Emmanuel Macron", "Olaf Scholz"}),
        ("Following talks with his Kenyan counterpart William Ruto, Ethiopian Prime Minister "
         "Abiy Ahmed announced a new border commission.", {"William Ruto", "Abiy Ahmed"}),
        ("Foreign Minister Penny Wong flew to Jakarta for talks with Indonesian Foreign "
         "Minister Retno Marsudi.", {"Penny Wong", "Retno Marsudi"}),
    ],
)
def test_talks_with_b_in_a_phrase_of_the_subjects_clause(
    extractor: EventExtractor, text: str, people: set[str]
) -> None:
    [(found, _, _)] = _pairs(extractor, text)
    assert found == people


def test_expected_talks_are_not_held_by_the_expecting(extractor: EventExtractor) -> None:
    assert _pairs(extractor, "Analysts expect talks with Iran to fail.") == []


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("Pope Leo is expected to visit President Luiz Inacio Lula da Silva in Brasilia next "
         "week.", {"Pope Leo", "Luiz Inacio Lula da Silva"}),
        ("Secretary of State Marco Rubio visited King Abdullah in Amman on Tuesday.",
         {"Marco Rubio", "Abdullah"}),
    ],
)
def test_visiting_a_person_is_a_meeting(
    extractor: EventExtractor, text: str, people: set[str]
) -> None:
    [(found, _, _)] = _pairs(extractor, text)
    assert found == people


@pytest.mark.parametrize(
    "text",
    [
        "The minister will visit Kenya and Uganda next month.",
        "President Biden visited the memorial in Hiroshima on Friday.",
    ],
)
def test_visiting_a_place_is_not_a_meeting(extractor: EventExtractor, text: str) -> None:
    assert _pairs(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Moon Jae-in and Kim Jong Un signed a declaration on Friday, a day after the two "
        "leaders met at the border village of Panmunjom.",
        "Prime Minister Ana Lopes welcomed King Karim Idrissi to Lisbon, and both leaders met "
        "again over dinner on Tuesday.",
    ],
)
def test_the_two_leaders_are_the_two_persons_named_last(
    extractor: EventExtractor, text: str
) -> None:
    [(found, _, _)] = _pairs(extractor, text)
    assert len(found) == 2 and not any("leaders" in name for name in found)


def test_officials_from_both_countries_are_no_pair(extractor: EventExtractor) -> None:
    text = ("President Biden spoke to reporters. Officials from both countries held a meeting "
            "in Tokyo on Thursday.")
    [(found, _, _)] = _pairs(extractor, text)
    assert found == {"Officials from both countries"}


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Ana Lopes refused to meet President Karim Idrissi in Rabat.",
        "The opposition leader declined to meet the envoy on Monday.",
    ],
)
def test_refusing_to_meet_is_no_meeting(extractor: EventExtractor, text: str) -> None:
    assert _pairs(extractor, text) == []


def test_a_group_meeting_merges_into_the_named_one(extractor: EventExtractor) -> None:
    text = ("Officials say Lisbon is ready for Friday's summit between defence chiefs of "
            "Portugal and Morocco. Friday's meeting between Portuguese Foreign Minister Ana "
            "Lopes and Moroccan Foreign Minister Karim Idrissi will focus on migration.")
    meetings = extractor.extract(text, published="2024-05-16").meetings
    assert len(meetings) == 1
    assert {"Ana Lopes", "Karim Idrissi"} <= names(meetings[0])


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("The U.S.-China talks in Geneva ended on Tuesday without a deal.", {"USA", "CHN"}),
        ("Officials said the Russia-Ukraine negotiations resumed in Istanbul on Monday.",
         {"RUS", "UKR"}),
        ("The India-Pakistan talks were held in New Delhi last week.", {"IND", "PAK"}),
    ],
)
def test_hyphenated_country_pairs_are_the_sides_of_talks(
        extractor: EventExtractor, text: str, countries: set[str]) -> None:
    [meeting] = extractor.extract(text, published="2024-05-01").meetings
    assert {p.country for p in meeting.participants} == countries


@pytest.mark.parametrize(
    "text",
    [
        "German Chancellor Olaf Scholz is due to meet French President Emmanuel Macron in "
        "Paris next week.",
        "Kenyan President William Ruto is due to meet Ethiopian Prime Minister Abiy Ahmed in "
        "Nairobi on Monday.",
    ],
)
def test_due_to_meet_is_a_planned_meeting(extractor: EventExtractor, text: str) -> None:
    [meeting] = extractor.extract(text, published="2024-05-10").meetings
    assert meeting.status is MeetingStatus.PLANNED
    assert len(meeting.participants) == 2


@pytest.mark.parametrize(
    "text",
    [
        "The planned meeting between Blinken and Wang Yi was postponed.",
        "Japan called off talks with South Korea scheduled for next week.",
        "Japan postponed its talks with South Korea.",
    ],
)
def test_talks_called_off_or_postponed_are_cancelled(extractor: EventExtractor,
                                                      text: str) -> None:
    [meeting] = extractor.extract(text, published="2024-05-10").meetings
    assert meeting.status is MeetingStatus.CANCELLED
    assert len(meeting.participants) == 2


def test_resumed_talks_took_place(extractor: EventExtractor) -> None:
    [meeting] = extractor.extract(
        "Iran resumed talks with the United States in Oman on Sunday.",
        published="2024-05-10").meetings
    assert meeting.status is MeetingStatus.OCCURRED
    assert {p.country for p in meeting.participants} == {"IRN", "USA"}
    assert meeting.date.iso() == "2024-05-05"


@pytest.mark.parametrize(
    "text",
    ["The government postponed the vote until next week.",
     "The army suspended the drills on Monday."],
)
def test_arranging_verbs_need_a_meeting_object(extractor: EventExtractor, text: str) -> None:
    assert not extractor.extract(text, published="2024-05-10").meetings


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ruto flew to Addis Ababa on Monday. He met Abiy there.", {"Ruto", "Abiy"}),
        ("Foreign Minister Penny Wong arrived in Beijing on Tuesday, where she met her "
         "Chinese counterpart Wang Yi.", {"Penny Wong", "Wang Yi"}),
    ],
)
def test_he_or_she_is_the_person_named_before(extractor: EventExtractor, text: str,
                                              names: set[str]) -> None:
    [meeting] = extractor.extract(text, published="2024-05-10").meetings
    assert {p.name for p in meeting.participants} == names


def test_he_with_nobody_named_before_is_no_side(extractor: EventExtractor) -> None:
    assert not extractor.extract("He met Abiy in Addis Ababa on Monday.",
                                 published="2024-05-10").meetings
