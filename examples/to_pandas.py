"""Events into pandas DataFrames: one typed table per event kind, and one flat table of all.

Run it from this folder (needs ``pip install pandas``, or the ``pandas`` extra)::

    python to_pandas.py

It reads ``data/articles.jsonl`` (the JSONL input format of ``geoevents extract --input``:
``id``, ``text`` and optional ``published``, ``url``, ``publisher`` per line).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from geoevents import DocumentEvents, EventExtractor, event_to_dict

INPUT = Path("data/articles.jsonl")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def quotes_table(results: list[DocumentEvents]) -> pd.DataFrame:
    """One row per quote, with the columns chosen from the typed objects."""
    return pd.DataFrame(
        [
            {
                "document": quote.document.id,
                "date": quote.date.iso(),
                "speaker": quote.speaker.name,
                "country": quote.speaker.country,
                "type": str(quote.quote_type),
                "text": quote.text,
            }
            for result in results
            for quote in result.quotes
        ],
        columns=["document", "date", "speaker", "country", "type", "text"],
    )


def meetings_table(results: list[DocumentEvents]) -> pd.DataFrame:
    """One row per meeting; the participants joined into one column."""
    return pd.DataFrame(
        [
            {
                "document": meeting.document.id,
                "date": meeting.date.iso(),
                "status": str(meeting.status),
                "participants": "; ".join(p.name for p in meeting.participants),
                "countries": ",".join(sorted({p.country for p in meeting.participants
                                              if p.country})),
                "location": meeting.location.name if meeting.location else None,
            }
            for result in results
            for meeting in result.meetings
        ],
        columns=["document", "date", "status", "participants", "countries", "location"],
    )


def flat_table(results: list[DocumentEvents]) -> pd.DataFrame:
    """Every event, flattened: nested fields become dotted columns (``date.value``,
    ``speaker.name``, ``launcher.country``); lists such as ``participants`` stay lists."""
    records = [event_to_dict(event) for result in results for event in result.events]
    return pd.json_normalize(records)


def main() -> None:
    extractor = EventExtractor()
    results = list(extractor.extract_many(read_jsonl(INPUT)))

    with pd.option_context("display.width", 160, "display.max_columns", 12):
        for title, table in (("Meetings", meetings_table(results)),
                             ("Quotes", quotes_table(results))):
            print(f"{title}:")
            print(table.to_string(index=False, max_colwidth=60) if len(table) else "  (none)")
            print()

        flat = flat_table(results)
        print(f"All events: {len(flat)} rows × {len(flat.columns)} columns")
        if not flat.empty:
            counts = flat.groupby(["document_id", "kind"]).size().reset_index(name="events")
            print(counts.to_string(index=False))
            print("\nA few of the flat columns:",
                  ", ".join(c for c in flat.columns if c.startswith(("date.", "document."))))


if __name__ == "__main__":
    main()
