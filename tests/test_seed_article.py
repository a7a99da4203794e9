"""Acceptance on the seed article (copyrighted: read from ../shared, never copied here)."""

import pytest

from geoevents import DocumentEvents, EventExtractor, MeetingStatus, MissileClass, QuoteType

from .conftest import SEED, read_dev_passage, requires_seed

pytestmark = requires_seed


@pytest.fixture(scope="module")
def seed(extractor: EventExtractor) -> DocumentEvents:
    text, published = read_dev_passage(SEED)
    return extractor.extract(text, published=published, doc_id=SEED.name,
                             publisher="The Japan Times")


def test_annapolis_meeting(seed: DocumentEvents) -> None:
    annapolis = [m for m in seed.meetings
                 if m.location is not None and "Annapolis" in m.location.name]
    assert len(annapolis) == 1
    meeting = annapolis[0]
    names = " ".join(p.name for p in meeting.participants)
    for person in ("Sullivan", "Kitamura", "Suh Hoon"):
        assert person in names
    assert meeting.status is MeetingStatus.PLANNED
    assert meeting.date.iso() == "2021-04-02"


def test_launch(seed: DocumentEvents) -> None:
    [launch] = seed.launches
    assert launch.launcher.country == "PRK"
    assert launch.count == 2
    assert launch.missile_class is MissileClass.SRBM
    assert launch.landing_area is not None
    assert "Sea of Japan" in launch.landing_area.name.replace("\u00a0", " ")
    assert launch.date.iso() == "2021-W12"


@pytest.mark.parametrize(
    ("speaker", "start", "title_word"),
    [
        ("Ned Price", "We also know that any approach", "spokesman"),
        ("Robert Einhorn", "The Biden administration is likely to adopt", "adviser"),
        ("Leif-Eric Easley", "But Pyongyang is implementing a premeditated strategy",
         "professor"),
    ],
)
def test_named_quotes(seed: DocumentEvents, speaker: str, start: str, title_word: str) -> None:
    found = [q for q in seed.quotes if q.text.replace("\u00a0", " ").startswith(start)]
    assert len(found) == 1
    quote = found[0]
    assert quote.speaker.name.replace("\u00a0", " ") == speaker
    assert quote.quote_type is QuoteType.DIRECT
    assert quote.speaker.title is not None and title_word in quote.speaker.title


def test_price_mixed_quote_and_einhorn_date(seed: DocumentEvents) -> None:
    price = [q for q in seed.quotes
             if "center of American policy" in q.text.replace("\u00a0", " ")]
    assert [q.quote_type for q in price] == [QuoteType.MIXED]
    einhorn = [q for q in seed.quotes if q.speaker.name.endswith("Einhorn")]
    assert einhorn[0].date.iso() == "2021-W12"
