"""Rules for parses the bundled model gets wrong on real dev text, checked on hand-built
parses (pure logic: the exact misparse cannot be reproduced on demand with new sentences)."""

from geoevents.extractors.meetings import _clause_subjects
from geoevents.nlp.annotation import Entity, EntityType, Sentence, Token

# "Rubio met Lopes and also had lunch with [ former President Ana Ruiz ] ." with
# "President" parsed as the subject of "had" although it carries "with" (a misparse the
# bundled model makes of "had lunch with" after a bracketed insertion)
ROWS = [
    ("Rubio", "PROPN", 1, "nsubj"), ("met", "VERB", -1, "root"), ("Lopes", "PROPN", 1, "obj"),
    ("and", "CCONJ", 5, "cc"), ("also", "ADV", 5, "advmod"), ("had", "VERB", 1, "conj"),
    ("lunch", "NOUN", 5, "obj"), ("with", "ADP", 10, "case"), ("[", "PUNCT", 10, "punct"),
    ("former", "ADJ", 10, "amod"), ("President", "PROPN", 5, "nsubj"),
    ("Ana", "PROPN", 10, "flat"), ("Ruiz", "PROPN", 11, "flat"), ("]", "PUNCT", 12, "punct"),
    (".", "PUNCT", 1, "punct"),
]


def _sentence() -> Sentence:
    tokens, offset = [], 0
    for i, (text, upos, head, deprel) in enumerate(ROWS):
        xpos = "VBD" if upos == "VERB" else upos
        tokens.append(Token(i, text, text.lower(), upos, xpos, head, deprel, offset,
                            offset + len(text)))
        offset += len(text) + 1
    text = " ".join(r[0] for r in ROWS)
    tsai = Entity("Ana Ruiz", EntityType.PERSON, tokens[11].start, tokens[12].end, 11, 12)
    return Sentence(0, text, 0, len(text), tuple(tokens), (tsai,))


def test_a_subject_with_a_preposition_is_not_the_subject() -> None:
    sent = _sentence()
    # the clause of "had" takes its subject from "met", not the "with" phrase
    assert _clause_subjects(sent, 5) == [0]
