"""Batch a folder of ``.txt`` articles into one JSON Lines file of events.

Run it from this folder::

    python batch_folder.py                               # data/articles -> output/events.jsonl
    python batch_folder.py ~/news/2024-05 events.jsonl

Each file is one document; its id is the file name without ``.txt`` and its publication
date the leading ``YYYY-MM-DD`` of the name, when there is one. The output has one event per
line, in the format ``geoevents schema`` describes (the same as ``geoevents extract``).
Documents that fail are reported and skipped; the others are still written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from geoevents import Article, DocumentError, EventExtractor, to_json


def published_from_name(path: Path) -> dt.date | None:
    """The date a file name starts with (``2024-03-08-...txt``), else ``None``."""
    match = re.match(r"\d{4}-\d{2}-\d{2}", path.name)
    if match is None:
        return None
    try:
        return dt.date.fromisoformat(match.group())
    except ValueError:
        return None


def read_folder(folder: Path) -> Iterator[Article]:
    """One :class:`Article` per ``.txt`` file, read lazily, in name order."""
    for path in sorted(folder.glob("*.txt")):
        yield Article(
            text=path.read_text(encoding="utf-8"),
            id=path.stem,
            published=published_from_name(path),
        )


def main() -> int:
    parser = argparse.ArgumentParser(description="Batch a folder of .txt files into JSONL.")
    parser.add_argument("folder", nargs="?", type=Path, default=Path("data/articles"))
    parser.add_argument("output", nargs="?", type=Path, default=Path("output/events.jsonl"))
    args = parser.parse_args()
    folder: Path = args.folder
    output: Path = args.output
    if not folder.is_dir():
        parser.error(f"{folder} is not a folder")

    extractor = EventExtractor(batch_size=8)  # documents per stanza call
    failures: list[DocumentError] = []
    kinds: Counter[str] = Counter()
    documents = 0
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8") as stream:
        # extract_many is lazy: documents are read, annotated and written batch by batch.
        for result in extractor.extract_many(read_folder(folder), on_error=failures.append):
            documents += 1
            for event in result.events:  # meetings, launches, quotes (and custom kinds)
                stream.write(to_json(event) + "\n")
            kinds.update(meeting=len(result.meetings), missile_launch=len(result.launches),
                         quote=len(result.quotes))
            print(f"{result.document.id}: {len(result.meetings)} meetings, "
                  f"{len(result.launches)} launches, {len(result.quotes)} quotes")

    for failure in failures:
        print(f"skipped {failure.doc_id}: {failure.reason}", file=sys.stderr)
    summary = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    print(f"wrote {sum(kinds.values())} events ({summary}) from {documents} documents "
          f"to {output}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
