"""Scale-out on Dask: map extraction over a ``dask.bag`` of documents.

Install the extra first: ``pip install 'geoevents[dask]'``. Each worker process loads the
model once (on its first partition) and reuses it for every later partition.

>>> import dask.bag as db                                            # doctest: +SKIP
>>> bag = db.from_sequence(documents, npartitions=8)                 # doctest: +SKIP
>>> records = extract_bag(bag).compute()                             # doctest: +SKIP
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from geoevents.engine import Article, EventExtractor
from geoevents.errors import DocumentError
from geoevents.serialize import event_to_dict

__all__ = ["extract_bag", "extract_records"]

logger = logging.getLogger(__name__)


@functools.cache
def _worker_extractor(model: str, model_dir: str | None, batch_size: int) -> EventExtractor:
    # one extractor (and one stanza pipeline) per worker process
    return EventExtractor(model=model, model_dir=model_dir, batch_size=batch_size)


def extract_records(
    documents: Iterable[Article | Mapping[str, Any]],
    *,
    model: str = "bundled",
    model_dir: str | None = None,
    batch_size: int = 16,
    on_error: Literal["skip", "raise"] = "skip",
) -> list[dict[str, Any]]:
    """Extract events from ``documents`` as JSON-ready records (the CLI's JSONL lines).

    Skipped documents are logged as warnings (``on_error="skip"``), or raise
    :class:`~geoevents.DocumentError` (``on_error="raise"``).
    """
    extractor = _worker_extractor(model, model_dir, batch_size)

    def skip(error: DocumentError) -> None:
        logger.warning("skipped %s: %s", error.doc_id, error.reason)

    records: list[dict[str, Any]] = []
    for result in extractor.extract_many(documents, on_error=skip if on_error == "skip" else None):
        records.extend(event_to_dict(event) for event in result.events)
    return records


def extract_bag(
    bag: Any,
    *,
    model: str = "bundled",
    model_dir: str | None = None,
    batch_size: int = 16,
    on_error: Literal["skip", "raise"] = "skip",
) -> Any:
    """A ``dask.bag.Bag`` of event records from a bag of documents.

    Documents are :class:`~geoevents.Article` objects or mappings with ``id``, ``text`` and
    optional ``published``, ``url``, ``publisher``. Records are dicts in the JSONL format of
    ``geoevents extract``; ``dask.dataframe.from_records`` or ``bag.to_dataframe()`` turn
    them into a frame.
    """
    return bag.map_partitions(
        extract_records, model=model, model_dir=model_dir, batch_size=batch_size,
        on_error=on_error,
    )
