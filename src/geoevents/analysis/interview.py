"""Interviews: who "I" and "you" are in a question-and-answer transcript.

News outlets print interviews as turns led by a speaker label::

    Radio Ninety: On your trip to Lisbon, you met the prime minister ...
    Ana Lopes, former deputy foreign minister: What we told her was simple ...
    Lopes: That kind of pressure ...

In such a text "I" in an answer is the answering speaker and "you" in a question is the
person who answers it. :func:`interview_turns` finds the turns; :meth:`Interview.person`
names the speaker a first- or second-person pronoun refers to.
"""

from __future__ import annotations

import re

import attrs

from geoevents.knowledge import vocabulary

__all__ = ["Interview", "Turn", "interview_turns"]

# A label opens a line or follows the end of a sentence: a name (capitalised words), an
# optional ", title", then a colon and a space.
_LABEL = re.compile(
    r"(?:^|(?<=\n)|(?<=[.?!\"”’)\]]\s))"
    r"(?P<name>[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,3})"
    r"(?:,\s+(?P<title>(?:[^:\n.?!]|\.(?=\S|\s[a-z])){3,80}?))?:\s"
)


@attrs.frozen
class Turn:
    """One speaker's turn: ``start``..``end`` characters of the document (after the label,
    which begins at ``label_start``)."""

    label_start: int
    start: int
    end: int
    speaker: str
    title: str | None
    question: bool


@attrs.frozen
class Interview:
    """The turns of a question-and-answer text (empty when the text is no interview)."""

    turns: tuple[Turn, ...] = ()

    def turn_at(self, offset: int) -> int | None:
        """Index of the turn containing character ``offset``, if any."""
        for i, turn in enumerate(self.turns):
            if turn.start <= offset < turn.end:
                return i
        return None

    def in_label(self, offset: int) -> bool:
        """Whether character ``offset`` lies in a speaker label ("VOA:")."""
        return any(turn.label_start <= offset < turn.start for turn in self.turns)

    def person(self, pronoun: str, offset: int) -> tuple[str, str | None] | None:
        """(name, title) of the speaker ``pronoun`` at ``offset`` refers to: "I" is the turn's
        speaker, "you" in a question is whoever answers it."""
        word = pronoun.lower()
        i = self.turn_at(offset)
        if i is None:
            return None
        turn = self.turns[i]
        words = vocabulary().actors
        if word in words.first_person_pronouns and not turn.question:
            return self._full(turn.speaker, turn.title)
        if word in words.second_person_pronouns and turn.question:
            for later in self.turns[i + 1:]:
                if later.speaker != turn.speaker:
                    return self._full(later.speaker, later.title)
        return None

    def _full(self, speaker: str, title: str | None) -> tuple[str, str | None]:
        """The fullest form of a speaker's label ("Lopes" -> "Ana Lopes") and the
        title given with it."""
        surname = speaker.split()[-1]
        for turn in self.turns:
            if turn.speaker.split()[-1] == surname and len(turn.speaker) > len(speaker):
                speaker = turn.speaker
            if turn.speaker.split()[-1] == surname and title is None:
                title = turn.title
        return speaker, title


def interview_turns(text: str) -> Interview:
    """The turns of ``text`` when it reads as an interview: at least two labelled turns by
    at least two different speakers, one of which asks questions."""
    labels = [m for m in _LABEL.finditer(text)
              if m.group("name").lower() not in vocabulary().actors.non_speaker_labels]
    if len(labels) < 2:
        return Interview()
    asks: dict[str, list[bool]] = {}
    spans = []
    for match, following in zip(labels, [*labels[1:], None], strict=True):
        end = following.start() if following is not None else len(text)
        surname = match.group("name").split()[-1]
        asks.setdefault(surname, []).append("?" in text[match.end(): end])
        spans.append((match, end, surname))
    if len(asks) < 2:
        return Interview()
    # the interviewer is the speaker whose turns most often ask ("Lopes: ... am I
    # worried? No." is still an answer)
    interviewer = max(asks, key=lambda name: sum(asks[name]) / len(asks[name]))
    if not any(asks[interviewer]):
        return Interview()
    return Interview(tuple(
        Turn(label_start=match.start(), start=match.end(), end=end, speaker=match.group("name"),
             title=match.group("title"), question=surname == interviewer)
        for match, end, surname in spans))
