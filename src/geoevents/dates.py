"""Event dates: finding temporal expressions and resolving them against the publication date.

News conventions, not calendar pedantry:

* a bare weekday is the nearest such day in the article's week *by tense*: "met on Thursday"
  in a Thursday article is that day, "will meet Friday" is the coming Friday;
* "last week" / "this week" / "next week" are ISO weeks, "last month" a month, "last year" a year;
* explicit dates ("March 25", "25 March 2021", "July 2017") win over anything relative; a
  missing year is taken from the publication date, again by tense;
* without a publication date a relative expression keeps its text and gets no value: the
  resolver never falls back to today's date.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import Final

import attrs
import dateparser

__all__ = [
    "DateMention",
    "DateResolver",
    "EventDate",
    "Granularity",
    "Resolution",
    "Tense",
    "find_date_mentions",
]


class Granularity(enum.StrEnum):
    """How precise a resolved date is; ``value`` is the first day of the period."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class Resolution(enum.StrEnum):
    """How a date's value was obtained."""

    EXPLICIT = "explicit"
    RELATIVE = "relative-to-publication"
    CONTEXT = "context"
    """No time expression, but the text places the event: "several more launches" with
    no date of their own are the publication day's, not an earlier dated salvo."""
    PUBLICATION = "publication-date"
    UNRESOLVED = "unresolved"


class Tense(enum.StrEnum):
    """The time an event lies in relative to the article, used to place bare weekdays."""

    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"


@attrs.frozen
class EventDate:
    """When an event happened (or will happen).

    ``text`` is the expression as written (``None`` when the date comes from the publication
    date alone); ``value`` is the first day of the period of ``granularity``, or ``None`` when
    it cannot be resolved.

    >>> EventDate(text="last week", value=dt.date(2021, 3, 22), granularity=Granularity.WEEK,
    ...           resolution=Resolution.RELATIVE).iso()
    '2021-W12'
    """

    text: str | None
    value: dt.date | None
    granularity: Granularity | None
    resolution: Resolution

    @classmethod
    def unresolved(cls, text: str | None = None) -> EventDate:
        """A date with no value (no temporal cue, or nothing to anchor it to)."""
        return cls(text=text, value=None, granularity=None, resolution=Resolution.UNRESOLVED)

    @classmethod
    def publication_day(cls, published: dt.date | None) -> EventDate:
        """The publication day as the event's own (``Resolution.CONTEXT``), for events the
        text reports as new today without a time expression."""
        if published is None:
            return cls.unresolved()
        return cls(text=None, value=published, granularity=Granularity.DAY,
                   resolution=Resolution.CONTEXT)

    @classmethod
    def publication(cls, published: dt.date | None) -> EventDate:
        """The publication day, used when the text gives no temporal cue at all."""
        if published is None:
            return cls.unresolved()
        return cls(
            text=None, value=published, granularity=Granularity.DAY,
            resolution=Resolution.PUBLICATION,
        )

    def iso(self) -> str | None:
        """The value at its granularity: ``2021-03-25``, ``2021-W12``, ``2021-03`` or ``2021``."""
        if self.value is None or self.granularity is None:
            return None
        if self.granularity is Granularity.DAY:
            return self.value.isoformat()
        if self.granularity is Granularity.WEEK:
            year, week, _ = self.value.isocalendar()
            return f"{year}-W{week:02d}"
        if self.granularity is Granularity.MONTH:
            return f"{self.value.year}-{self.value.month:02d}"
        return str(self.value.year)


@attrs.frozen
class DateMention:
    """A temporal expression found in a text: ``text[start:end]``, and what kind it is."""

    start: int
    end: int
    text: str
    explicit: bool


_WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS: Final = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)
_MONTH_ABBR: Final = {m[:3]: i + 1 for i, m in enumerate(_MONTHS)} | {"sept": 9}
_NUMBER_WORDS: Final = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}

_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR_RE = r"(?:1[89]\d\d|20\d\d)"

# Ordered most specific first; overlapping later matches are dropped.
_PATTERNS: Final[tuple[tuple[re.Pattern[str], bool], ...]] = tuple(
    (re.compile(p, 0 if explicit else re.IGNORECASE), explicit)
    for p, explicit in (
        (rf"\b{_YEAR_RE}-[01]\d-[0-3]\d\b", True),
        (rf"\b{_MONTH_RE} [0-3]?\d(?:st|nd|rd|th)?,? {_YEAR_RE}\b", True),
        (rf"\b[0-3]?\d(?:st|nd|rd|th)? {_MONTH_RE},? {_YEAR_RE}\b", True),
        (rf"\b{_MONTH_RE} [0-3]?\d(?:st|nd|rd|th)?\b(?!,? \d)", True),
        (rf"\b[0-3]?\d(?:st|nd|rd|th)? (?:of )?{_MONTH_RE}\b", True),
        (rf"\b(?:(?:early|mid|late|the end of|the beginning of|the middle of)[- ])?"
         rf"{_MONTH_RE},? {_YEAR_RE}\b", True),
        (r"\b(?:(?:early|mid|late|the end of|the beginning of|the middle of)[- ])?"
         r"(?<!\bMay )(?:January|February|March|April|June|July|August|September|October"
         r"|November|December)\b", True),
        (r"\b(?:[Ee]arly|[Mm]id|[Ll]ate)[- ]May\b|\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring) "
         r"May\b", True),
        # (a sentence may open with the preposition: "In 1998, ...")
        (rf"\b(?:[Ii]n|[Ss]ince|[Dd]uring|of|[Bb]y|[Ee]arly|[Ll]ate|[Mm]id-) ?{_YEAR_RE}\b",
         True),
        (rf"\b(?:last|this|next|coming|past|previous) {_WEEKDAY_RE}\b", False),
        (rf"\b{_WEEKDAY_RE}(?:'s|’s)?\b(?: (?:morning|afternoon|evening|night))?", False),
        (r"\b(?:earlier|later) (?:this|last|next) (?:week|month|year)\b", False),
        (r"\b(?:last|this|next|the past|the previous|the coming|past|previous|coming) "
         r"(?:week|weekend|month|year)\b", False),
        (r"\b(?:last|this) (?:morning|afternoon|evening|night)\b", False),
        (r"\b(?:earlier|later) today\b|\b(?:today|tonight|yesterday|tomorrow)\b", False),
        (r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+) "
         r"(?:day|week|month|year)s? ago\b", False),
    )
)
# Explicit patterns run case-sensitively: "may" is a modal far more often than a month and
# "a protest march" is no date. Relative ones ("Last week") ignore case.


def find_date_mentions(text: str) -> list[DateMention]:
    """Temporal expressions in ``text``, left to right, without overlaps.

    >>> [m.text for m in find_date_mentions("North Korea fired two missiles on Thursday, "
    ...                                      "a week after its March 25 launch.")]
    ['Thursday', 'March 25']
    """
    taken: list[DateMention] = []
    for pattern, explicit in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < m.end and m.start < end for m in taken):
                continue
            taken.append(DateMention(start, end, match.group(), explicit))
    return sorted(taken, key=lambda m: m.start)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _month_start(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)


def _shift_month(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_number(word: str) -> int | None:
    key = word.lower().rstrip(".")
    if key in _MONTHS:
        return _MONTHS.index(key) + 1
    return _MONTH_ABBR.get(key[:4] if key.startswith("sept") else key[:3])


@attrs.frozen
class _Resolved:
    value: dt.date
    granularity: Granularity
    explicit: bool


class DateResolver:
    """Resolves temporal expressions against one document's publication date.

    >>> r = DateResolver(dt.date(2021, 4, 1))          # a Thursday
    >>> r.resolve("Friday's", tense=Tense.FUTURE).iso()
    '2021-04-02'
    >>> r.resolve("last week").iso()
    '2021-W12'
    >>> DateResolver(None).resolve("last week").value is None
    True
    """

    def __init__(self, published: dt.date | None) -> None:
        self.published = published

    def resolve(self, text: str, *, tense: Tense = Tense.PAST) -> EventDate:
        """Resolve one expression (as found by :func:`~geoevents.dates.find_date_mentions`)."""
        resolved = self._resolve(text.strip(), tense)
        if resolved is None:
            return EventDate.unresolved(text)
        resolution = Resolution.EXPLICIT if resolved.explicit else Resolution.RELATIVE
        return EventDate(text, resolved.value, resolved.granularity, resolution)

    def _resolve(self, text: str, tense: Tense) -> _Resolved | None:
        lowered = text.lower().replace("’", "'")
        explicit = self._explicit(text, lowered, tense)
        if explicit is not None or self.published is None:
            return explicit
        return self._relative(lowered, tense, self.published)

    # --- explicit expressions -------------------------------------------------------------
    def _explicit(self, text: str, lowered: str, tense: Tense) -> _Resolved | None:
        iso = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", lowered)
        if iso:
            try:
                return _Resolved(dt.date.fromisoformat(lowered), Granularity.DAY, True)
            except ValueError:
                return None
        year_match = re.search(rf"\b{_YEAR_RE}\b", text)
        year = int(year_match.group()) if year_match else None
        month_match = re.search(_MONTH_RE, text)
        day_match = re.search(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b(?!\d)", text)
        if month_match is None:
            if year is not None:
                return _Resolved(dt.date(year, 1, 1), Granularity.YEAR, True)
            return None
        month = _month_number(month_match.group())
        if month is None:
            return None
        if day_match is None or (year_match and day_match.start() == year_match.start()):
            if year is None:
                if self.published is None:
                    return None
                year = self._year_for_month(month, tense, self.published)
            return _Resolved(_month_start(year, month), Granularity.MONTH, True)
        day = int(day_match.group(1))
        base = self.published or (dt.date(year, 1, 1) if year else None)
        if base is None:
            return None
        settings: dict[str, object] = {
            "RELATIVE_BASE": dt.datetime.combine(base, dt.time()),
            "PREFER_DATES_FROM": "future" if tense is Tense.FUTURE else "past",
            "REQUIRE_PARTS": ["day", "month"],
            "RETURN_AS_TIMEZONE_AWARE": False,
        }
        parsed = dateparser.parse(
            f"{day} {month_match.group().rstrip('.')} {year or ''}".strip(),
            languages=["en"], settings=settings,
        )
        if parsed is None:
            return None
        value = parsed.date()
        if year is None and self.published is not None:
            value = self._nearest_year(value, tense, self.published)
        return _Resolved(value, Granularity.DAY, True)

    @staticmethod
    def _year_for_month(month: int, tense: Tense, published: dt.date) -> int:
        if tense is Tense.FUTURE:
            return published.year if month >= published.month else published.year + 1
        return published.year if month <= published.month else published.year - 1

    @staticmethod
    def _nearest_year(value: dt.date, tense: Tense, published: dt.date) -> dt.date:
        # A day a week past publication in a past-tense sentence is last year's (and so on):
        # allow a little slack for datelines in other time zones.
        slack = dt.timedelta(days=7)
        candidate = value.replace(year=published.year) if not (
            value.month == 2 and value.day == 29) else value
        if tense is Tense.FUTURE and candidate < published - slack:
            return candidate.replace(year=candidate.year + 1)
        if tense is not Tense.FUTURE and candidate > published + slack:
            return candidate.replace(year=candidate.year - 1)
        return candidate

    # --- relative expressions -------------------------------------------------------------
    def _relative(self, lowered: str, tense: Tense, published: dt.date) -> _Resolved | None:
        for name, unit, granularity in _RELATIVE_RULES:
            if re.search(name, lowered):
                return _Resolved(unit(published), granularity, False)
        ago = re.search(r"(\w+) (day|week|month|year)s? ago", lowered)
        if ago:
            amount = _NUMBER_WORDS.get(ago.group(1)) or (
                int(ago.group(1)) if ago.group(1).isdigit() else None)
            if amount is None:
                return None
            return _ago(published, amount, ago.group(2))
        for index, weekday in enumerate(_WEEKDAYS):
            if weekday in lowered:
                return _Resolved(_weekday(published, index, lowered, tense), Granularity.DAY,
                                 False)
        return None


def _weekday(published: dt.date, weekday: int, lowered: str, tense: Tense) -> dt.date:
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if lowered.startswith(("last ", "past ", "previous ")):
        return published - dt.timedelta(days=back or 7)
    if lowered.startswith(("next ", "coming ")):
        return published + dt.timedelta(days=ahead or 7)
    if tense is Tense.FUTURE:
        return published + dt.timedelta(days=ahead)
    if tense is Tense.PRESENT and ahead < back:
        return published + dt.timedelta(days=ahead)
    return published - dt.timedelta(days=back)


def _ago(published: dt.date, amount: int, unit: str) -> _Resolved:
    if unit == "day":
        return _Resolved(published - dt.timedelta(days=amount), Granularity.DAY, False)
    if unit == "week":
        return _Resolved(_monday(published - dt.timedelta(weeks=amount)), Granularity.WEEK, False)
    if unit == "month":
        return _Resolved(_shift_month(published, -amount), Granularity.MONTH, False)
    return _Resolved(dt.date(published.year - amount, 1, 1), Granularity.YEAR, False)


_RELATIVE_RULES: Final = (
    (r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b|earlier today|later today",
     lambda p: p, Granularity.DAY),
    (r"\b(?:yesterday|last night)\b", lambda p: p - dt.timedelta(days=1), Granularity.DAY),
    (r"\btomorrow\b", lambda p: p + dt.timedelta(days=1), Granularity.DAY),
    (r"\b(?:last|previous|past) week(?:end)?\b|earlier last week",
     lambda p: _monday(p) - dt.timedelta(days=7), Granularity.WEEK),
    (r"\bthis week(?:end)?\b|(?:earlier|later) this week",
     lambda p: _monday(p), Granularity.WEEK),
    (r"\b(?:next|coming) week(?:end)?\b", lambda p: _monday(p) + dt.timedelta(days=7),
     Granularity.WEEK),
    (r"\b(?:last|previous|past) month\b", lambda p: _shift_month(p, -1), Granularity.MONTH),
    (r"\bthis month\b|(?:earlier|later) this month", lambda p: _shift_month(p, 0),
     Granularity.MONTH),
    (r"\b(?:next|coming) month\b", lambda p: _shift_month(p, 1), Granularity.MONTH),
    (r"\b(?:last|previous|past) year\b", lambda p: dt.date(p.year - 1, 1, 1), Granularity.YEAR),
    (r"\bthis year\b|(?:earlier|later) this year", lambda p: dt.date(p.year, 1, 1),
     Granularity.YEAR),
    (r"\b(?:next|coming) year\b", lambda p: dt.date(p.year + 1, 1, 1), Granularity.YEAR),
)

