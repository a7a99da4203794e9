"""Missile launches, on real output of the bundled model."""

import pytest

from geoevents import EventExtractor, LaunchOutcome, MissileClass
from geoevents.extractors.launches import missile_class


@pytest.mark.parametrize(
    ("text", "cls"),
    [
        ("short-range ballistic missiles", MissileClass.SRBM),
        ("Rodong missiles", MissileClass.MRBM),
        ("Hwasong-14 intercontinental ballistic missile", MissileClass.ICBM),
        ("submarine-launched ballistic missile", MissileClass.SLBM),
        ("cruise missiles", MissileClass.CRUISE),
        ("rocket carrying a satellite", MissileClass.SLV),
        ("missiles", MissileClass.UNKNOWN),
    ],
)
def test_missile_class(text: str, cls: MissileClass) -> None:
    assert missile_class(text) is cls


def test_launch_with_count_class_landing_and_date(extractor: EventExtractor) -> None:
    doc = extractor.extract(
        "North Korea fired two short-range ballistic missiles on Thursday into the Sea of "
        "Japan, South Korea's military said.",
        published="2021-03-26",
    )
    [launch] = doc.launches
    assert launch.launcher.country == "PRK"
    assert launch.count == 2
    assert launch.missile_class is MissileClass.SRBM
    assert launch.landing_area is not None and "Sea of Japan" in launch.landing_area.name
    assert launch.date.iso() == "2021-03-25"
    assert launch.outcome is LaunchOutcome.UNKNOWN


def test_test_fired_with_launch_site(extractor: EventExtractor) -> None:
    doc = extractor.extract(
        "Pakistan test-fired a nuclear-capable medium-range missile from an undisclosed "
        "location on Saturday.",
        published="2005-03-19",
    )
    [launch] = doc.launches
    assert launch.launcher.country == "PAK"
    assert launch.count == 1
    assert launch.missile_class is MissileClass.MRBM


@pytest.mark.parametrize(
    "text",
    [
        "North Korea could launch more missiles in the coming weeks, analysts said.",
        "Iran did not fire any missiles on Friday.",
        "North Korea tested a new rocket engine at its Sohae site.",
        "The two armies held joint drills near the border.",
        "North Korea is expected to launch a satellite next month.",
    ],
)
def test_no_launch(extractor: EventExtractor, text: str) -> None:
    assert extractor.extract(text, published="2021-04-01").launches == ()


def test_mentions_of_one_launch_are_merged(extractor: EventExtractor) -> None:
    doc = extractor.extract(
        "North Korea launched a ballistic missile on Tuesday. The missile was launched from "
        "near Pyongyang and flew about 900 kilometers, Japan's defense minister said. "
        "North Korea's launch was its first this year.",
        published="2017-07-04",
    )
    assert len(doc.launches) == 1
    assert len(doc.launches[0].evidence) >= 2


def test_launch_of_a_missile_with_a_date_word_after_it(extractor: EventExtractor) -> None:
    doc = extractor.extract(
        "The United Kingdom strongly condemns Iran's reckless launch of a medium-range "
        "ballistic missile today, according to a Foreign Office statement.",
        published="2023-06-06",
    )
    [launch] = doc.launches
    assert launch.launcher.country == "IRN"
    assert launch.missile_class is MissileClass.MRBM
    assert launch.date.iso() == "2023-06-06"


def test_possessive_launcher_keeps_the_country_name(extractor: EventExtractor) -> None:
    doc = extractor.extract(
        "Japan firmly condemns North Korea's reckless launch of an intercontinental "
        "ballistic missile today.",
        published="2017-07-04",
    )
    [launch] = doc.launches
    assert (launch.launcher.name, launch.launcher.country) == ("North Korea", "PRK")


def test_observers_named_near_a_launch_are_not_its_launcher(extractor: EventExtractor) -> None:
    doc = extractor.extract(
        "North Korea launched a long-range rocket on Sunday. Officials from Japan, South Korea "
        "and the United States confirmed that the rocket lifted off at 11:30 local time.",
        published="2009-04-05",
    )
    assert [launch.launcher.country for launch in doc.launches] == ["PRK"]


def test_a_hyphenated_test_firing_is_a_launch(extractor: EventExtractor) -> None:
    doc = extractor.extract(
        "Pakistan's army spokesman spoke to reporters in Rawalpindi on Saturday. "
        "“Earlier today the army carried out a successful test-firing of a Shaheen missile,” "
        "he said.",
        published="2005-03-19",
    )
    [launch] = doc.launches
    assert launch.launcher.country == "PAK"
    assert launch.missile_type is not None and "Shaheen missile" in launch.missile_type


# --- phrasing classes (each tested on several sentences written for it) ------------------------
def _launches(extractor: EventExtractor, text: str, published: str = "2024-11-20") -> list[
        tuple[str | None, str | None]]:
    return [(launch.launcher.country, launch.date.iso())
            for launch in extractor.extract(text, published=published).launches]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran has successfully launched a space rocket. In March, the country failed at an "
         "attempt to launch a rocket into orbit.",
         [("IRN", "2024-11-20"), ("IRN", "2024-03")]),
        ("North Korea has fired a ballistic missile. The launch follows an earlier test of the "
         "same missile in February.", [("PRK", "2024-11-20"), ("PRK", "2024-02")]),
    ],
)
def test_an_undated_launch_is_not_one_months_before(
    extractor: EventExtractor, text: str, expected: list[tuple[str, str]]
) -> None:
    assert sorted(_launches(extractor, text)) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        "The launch follows a series of missile tests conducted by Pakistan in October.",
        "Analysts counted several rocket launches carried out by Pakistan in October.",
    ],
)
def test_launches_conducted_by_a_state(extractor: EventExtractor, text: str) -> None:
    assert ("PAK", "2024-10") in _launches(extractor, text)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("India said that on November 17 it carried out a first test flight of its new Agni "
         "rocket.", "IND"),
        ("Pakistan's navy held a live-fire exercise on Sunday, during which four cruise "
         "missiles were launched from a frigate.", "PAK"),
        ("Iran announced that its army carried out a test-firing of a new cruise missile "
         "earlier today.", "IRN"),
    ],
)
def test_launcher_of_conducted_tests(extractor: EventExtractor, text: str, country: str) -> None:
    assert [c for c, _ in _launches(extractor, text)] == [country]


@pytest.mark.parametrize(
    "text",
    [
        "The president warned North Korea against test-launching a long-range missile.",
        "Iran threatened to fire missiles at shipping in the Gulf.",
        "North Korea plans to launch a spy satellite next month.",
        "Officials said the navy will test-fire two cruise missiles on Friday.",
    ],
)
def test_warned_threatened_or_planned_launches_are_no_launch(
    extractor: EventExtractor, text: str
) -> None:
    assert _launches(extractor, text) == []


def test_coordinated_states_are_no_single_launcher(extractor: EventExtractor) -> None:
    text = ("Pakistan test-fired a cruise missile on Monday. India and Pakistan have both "
            "conducted a series of missile tests in recent years.")
    assert {c for c, _ in _launches(extractor, text)} == {"PAK"}


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("The drills entered their second day with several more missile tests. Nine "
         "missiles were launched yesterday.", ["2024-11-19", "2024-11-20"]),
        ("The navy fired another cruise missile. Two missiles were test-fired on Monday.",
         ["2024-11-18", "2024-11-20"]),
    ],
)
def test_launches_reported_as_new_are_not_the_dated_ones(
    extractor: EventExtractor, text: str, dates: list[str]
) -> None:
    found = extractor.extract("Iran's navy said so. " + text, published="2024-11-20").launches
    assert sorted(launch.date.iso() or "" for launch in found) == dates


@pytest.mark.parametrize(
    "text",
    [
        "Iran launched a missile strike on bases in northern Syria on Tuesday.",
        "Russian forces fired a barrage of cruise missiles at the port city on Monday.",
        "Hamas fired dozens of rockets toward southern Israel on Sunday.",
    ],
)
def test_strikes_and_barrages_by_missile_are_launches(
        extractor: EventExtractor, text: str) -> None:
    doc = extractor.extract(text, published="2024-01-10")
    assert len(doc.launches) == 1
    assert doc.launches[0].count is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Houthi rebels fired two ballistic missiles at a tanker on Friday.", "Houthi"),
        ("Hezbollah launched a rocket at an army post near the border on Monday.", "Hezbollah"),
    ],
)
def test_named_armed_groups_are_their_own_launchers(
        extractor: EventExtractor, text: str, name: str) -> None:
    [launch] = extractor.extract(text, published="2024-01-10").launches
    assert launch.launcher is not None and name in launch.launcher.name


def test_missiles_listed_after_other_weapons(extractor: EventExtractor) -> None:
    [launch] = extractor.extract(
        "Houthi militants launched a drone and two anti-ship missiles at a cargo vessel in "
        "the Red Sea on Sunday.", published="2024-05-10").launches
    assert launch.count == 2
    assert launch.date.iso() == "2024-05-05"


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("In 1998, North Korea fired a Taepodong-1 missile over Japan.", "1998"),
        ("During 2017, North Korea fired an intercontinental ballistic missile into the sea.",
         "2017"),
    ],
)
def test_launches_recalled_by_a_year_at_the_sentence_start(
        extractor: EventExtractor, text: str, year: str) -> None:
    [launch] = extractor.extract(text, published="2024-05-10").launches
    assert launch.date.iso() == year
