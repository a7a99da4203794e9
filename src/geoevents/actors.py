"""Actors (people, countries, organizations, groups) and their ISO 3166-1 alpha-3 countries.

Country names, demonyms and capitals used as metonyms ("Pyongyang said", "Seoul has pushed")
come from the package's knowledge table ``knowledge/countries.json``; official names the
table lacks fall back to :mod:`pycountry`.
"""

from __future__ import annotations

import enum
import functools
import json
import re
from importlib import resources
from typing import Final

import attrs
import pycountry

from geoevents.provenance import Span

__all__ = [
    "Actor",
    "ActorType",
    "country_code",
    "country_name",
    "demonym_country",
    "is_country_name",
    "organization_country",
]


class ActorType(enum.StrEnum):
    """What kind of actor a name denotes."""

    PERSON = "person"
    COUNTRY = "country"
    ORGANIZATION = "organization"
    GROUP = "group"


def _valid_iso3(_: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and not re.fullmatch(r"[A-Z]{3}", value):
        raise ValueError(f"{attribute.name} must be an ISO 3166-1 alpha-3 code, got {value!r}")


@attrs.frozen
class Actor:
    """Someone who takes part in an event or says something.

    ``country`` is an ISO 3166-1 alpha-3 code (``"PRK"``), ``title`` the role as written
    ("State Department spokesman"), ``affiliation`` the organization or country the actor
    speaks for, ``mentions`` every place the actor is named in the document.

    >>> Actor("Ned Price", ActorType.PERSON, country="USA", title="State Department spokesman")
    ... # doctest: +ELLIPSIS
    Actor(name='Ned Price', type=<ActorType.PERSON: 'person'>, country='USA', ...)
    """

    name: str
    type: ActorType
    country: str | None = attrs.field(default=None, validator=_valid_iso3)
    title: str | None = None
    affiliation: str | None = None
    mentions: tuple[Span, ...] = ()


@attrs.frozen
class _CountryTable:
    exact: dict[str, str]
    folded: dict[str, str]
    demonyms: dict[str, str]
    organizations: dict[str, str]


_AMBIGUOUS: Final = frozenset({"us", "car", "the north", "georgia", "jordan", "chad", "niger"})


def _fold(text: str) -> str:
    text = text.replace("’", "'").strip()
    text = re.sub(r"'s$", "", text)
    text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", text).casefold()


@functools.cache
def _table() -> _CountryTable:
    raw = json.loads(
        resources.files("geoevents.knowledge").joinpath("countries.json").read_text("utf-8")
    )
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for row in raw["countries"]:
        for name in (*row["names"], *row["capitals"]):
            exact[name] = row["iso3"]
            if _fold(name) not in _AMBIGUOUS:
                folded.setdefault(_fold(name), row["iso3"])
        for demonym in row["demonyms"]:
            demonyms.setdefault(demonym.casefold(), row["iso3"])
    organizations = {
        _fold(name): iso3 for iso3, names in raw["organizations"].items() for name in names
    }
    return _CountryTable(exact, folded, demonyms, organizations)


def country_code(name: str) -> str | None:
    """The ISO-3 code of a country name, capital or well-known national body, else ``None``.

    >>> country_code("Pyongyang"), country_code("the United States"), country_code("Pentagon")
    ('PRK', 'USA', 'USA')
    """
    table = _table()
    stripped = name.strip().replace("’", "'")
    stripped = re.sub(r"'s$", "", stripped)
    if stripped in table.exact:
        return table.exact[stripped]
    key = _fold(stripped)
    if key in table.folded:
        return table.folded[key]
    if key in table.organizations:
        return table.organizations[key]
    if len(key) > 3 and re.fullmatch(r"[\w .'-]+", key):
        return _pycountry_code(stripped)
    return None


@functools.lru_cache(maxsize=8192)
def _pycountry_code(name: str) -> str | None:
    # pycountry scans all its records on every lookup: remember the answers
    try:
        return str(pycountry.countries.lookup(name).alpha_3)
    except LookupError:
        return None


@functools.cache
def _names_by_code() -> dict[str, str]:
    raw = json.loads(
        resources.files("geoevents.knowledge").joinpath("countries.json").read_text("utf-8")
    )
    return {row["iso3"]: row["names"][0] for row in raw["countries"]}


def country_name(code: str) -> str:
    """The common English name of an ISO-3 code ("PRK" -> "North Korea").

    >>> country_name("PRK"), country_name("BOL")
    ('North Korea', 'Bolivia')
    """
    if code in _names_by_code():
        return _names_by_code()[code]
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


def is_country_name(name: str) -> bool:
    """Whether ``name`` names a country (or its capital), not an organization inside it."""
    table = _table()
    stripped = re.sub(r"'s$", "", name.strip().replace("’", "'"))
    return stripped in table.exact or _fold(stripped) in table.folded


def demonym_country(word: str) -> str | None:
    """The ISO-3 code a demonym or adjective points to ("North Korean" -> ``"PRK"``)."""
    return _table().demonyms.get(word.strip().casefold())


def organization_country(name: str) -> str | None:
    """The country of a well-known national body ("State Department" -> ``"USA"``)."""
    return _table().organizations.get(_fold(name))
