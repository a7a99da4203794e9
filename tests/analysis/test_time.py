"""Events dated from the text around them, on real output of the bundled model."""

import pytest

from geoevents import EventExtractor


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("North Korea fired two missiles on Tuesday. The launch came three days after the "
         "foreign ministers of Japan and China met in Tokyo.", "2024-03-09"),
        ("North Korea fired two missiles on Tuesday. It comes two weeks after Xi Jinping met "
         "Vladimir Putin in Moscow.", "2024-02-27"),
        ("North Korea fired two missiles on Tuesday. It came the same day as talks between "
         "the presidents of Russia and Iran.", "2024-03-12"),
    ],
)
def test_a_meeting_placed_days_from_the_leads_event(
        extractor: EventExtractor, text: str, day: str) -> None:
    [meeting] = extractor.extract(text, published="2024-03-13").meetings
    assert meeting.date.iso() == day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Iran launched a satellite on Friday, two days after the ministry said it would "
         "postpone the launch.", "2024-03-06"),
        ("The rocket lifted off on Friday, a week after the space agency said the launch pad was "
         "ready.", "2024-03-01"),
    ],
)
def test_a_statement_placed_days_before_the_clauses_event(
        extractor: EventExtractor, text: str, day: str) -> None:
    [quote] = extractor.extract(text, published="2024-03-09").quotes
    assert quote.date.iso() == day


def test_a_date_past_a_missed_sentence_end_is_not_the_statements(
        extractor: EventExtractor) -> None:
    text = ('"We reject the claims," the spokesperson said in a statement posted on X. '
            "Militants attacked a train Tuesday near the border.")
    [quote] = extractor.extract(text, published="2025-03-13").quotes
    assert quote.date.iso() == "2025-03-13"
    assert quote.date.text is None


def test_initials_and_titles_are_no_sentence_end(extractor: EventExtractor) -> None:
    text = "U.S. President George W. Bush said Tuesday that the talks would go on."
    [quote] = extractor.extract(text, published="2006-07-06").quotes
    assert quote.date.iso() == "2006-07-04"
