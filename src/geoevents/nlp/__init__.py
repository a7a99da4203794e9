"""NLP layer: stanza pipelines (bundled or official models) and a typed view of their output.

Knows nothing about events.
"""

from geoevents.nlp.annotation import AnnotatedDocument, Entity, EntityType, Sentence, Token
from geoevents.nlp.pipeline import Annotator, ModelInfo, ModelSource, to_annotated

__all__ = [
    "AnnotatedDocument",
    "Annotator",
    "Entity",
    "EntityType",
    "ModelInfo",
    "ModelSource",
    "Sentence",
    "Token",
    "to_annotated",
]
