"""Who condemned what, per country: the quoted positions of a batch as pandas tables.

Run it from this folder (needs ``pip install pandas``, or the ``pandas`` extra)::

    python positions_by_country.py

Every quote carries a ``stance`` (support, oppose, accuse, demand, warn, pledge, deny,
assess, assert), the ``targets`` it is aimed at, up to three ``topics`` and, in ``about``,
the ids of the events of its document it comments on. This script reads
``data/articles.jsonl``, makes one row per quote and target, and prints who condemned
(``oppose`` or ``accuse``) whom, per speaker country, with the kind of event each reaction
is about, then how many stands of each kind each country took.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from geoevents import DocumentEvents, EventExtractor, Stance

INPUT = Path("data/articles.jsonl")
#: the stances that condemn: criticism and blame
CONDEMNING = (Stance.OPPOSE, Stance.ACCUSE)
COLUMNS = ["document", "speaker", "speaker_country", "stance", "target", "target_country",
           "topics", "about"]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def positions_table(results: list[DocumentEvents]) -> pd.DataFrame:
    """One row per quote and target (one row with no target for a quote aimed at no one);
    ``about`` holds the kinds of the events the quote comments on, found by their ids."""
    rows = []
    for result in results:
        kinds = {event.id: event.kind for event in result.events}
        for quote in result.quotes:
            about = ", ".join(sorted({kinds[i] for i in quote.about if i in kinds}))
            for target in quote.targets or (None,):
                rows.append({
                    "document": quote.document.id,
                    "speaker": quote.speaker.name,
                    "speaker_country": quote.speaker.country or "?",
                    "stance": str(quote.stance),
                    "target": target.name if target else None,
                    "target_country": target.country if target else None,
                    "topics": ", ".join(quote.topics),
                    "about": about or None,
                })
    return pd.DataFrame(rows, columns=COLUMNS)


def condemnations(table: pd.DataFrame) -> pd.DataFrame:
    """Who condemned whom: per speaker country and target, the stances and what about."""
    condemned = table[table["stance"].isin([str(s) for s in CONDEMNING])
                      & table["target"].notna()]
    return (condemned.groupby(["speaker_country", "target"], as_index=False)
            .agg(stances=("stance", lambda s: ", ".join(sorted(set(s)))),
                 about=("about", lambda a: ", ".join(sorted(set(a.dropna())))),
                 quotes=("speaker", "size")))


def stances_per_country(table: pd.DataFrame) -> pd.DataFrame:
    """How many quotes of each stance each speaker country gave (one per quote)."""
    quotes = table.drop_duplicates(["document", "speaker", "stance", "topics", "about"])
    return pd.crosstab(quotes["speaker_country"], quotes["stance"])


def main() -> None:
    extractor = EventExtractor()
    results = list(extractor.extract_many(read_jsonl(INPUT)))
    table = positions_table(results)

    with pd.option_context("display.width", 160, "display.max_columns", 12):
        print("Who condemned whom:")
        found = condemnations(table)
        print(found.to_string(index=False) if len(found) else "  (none)")
        print("\nStances per speaker country:")
        print(stances_per_country(table).to_string())


if __name__ == "__main__":
    main()
