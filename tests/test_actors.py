import pytest
from hypothesis import given
from hypothesis import strategies as st

from geoevents.actors import (
    Actor,
    ActorType,
    country_code,
    demonym_country,
    is_country_name,
    organization_country,
)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("North Korea", "PRK"), ("Pyongyang", "PRK"), ("DPRK", "PRK"), ("Seoul", "KOR"),
        ("South Korea’s", "KOR"), ("the United States", "USA"), ("U.S.", "USA"),
        ("Washington", "USA"), ("Tokyo", "JPN"), ("Beijing", "CHN"), ("Kremlin", "RUS"),
        ("Tehran", "IRN"), ("Bolivia", "BOL"), ("Pentagon", "USA"),
    ],
)
def test_country_codes(name: str, code: str) -> None:
    assert country_code(name) == code


def test_ambiguous_short_names_need_their_exact_form() -> None:
    assert country_code("US") == "USA"
    assert country_code("us") is None
    assert country_code("Atlantis") is None


def test_demonyms_and_bodies() -> None:
    assert demonym_country("North Korean") == "PRK"
    assert demonym_country("japanese") == "JPN"
    assert organization_country("the State Department") == "USA"
    assert is_country_name("Japan") and not is_country_name("State Department")


def test_actor_validates_iso3() -> None:
    with pytest.raises(ValueError, match="alpha-3"):
        Actor("X", ActorType.COUNTRY, country="usa")


@given(st.text(max_size=40))
def test_lookups_never_raise(text: str) -> None:
    code = country_code(text)
    assert code is None or (len(code) == 3 and code.isupper())
    demonym_country(text)
    is_country_name(text)
