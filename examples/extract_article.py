"""Extract the events of one article and print them, one block per event.

Run it from this folder::

    python extract_article.py                                   # the bundled example text
    python extract_article.py my-article.txt --published 2024-05-16

The publication date anchors relative dates ("on Thursday", "last week"); when it is not
given, a leading ``YYYY-MM-DD`` in the file name is used.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from geoevents import (
    Actor,
    DocumentEvents,
    EventDate,
    EventExtractor,
    Location,
    Meeting,
    MissileLaunch,
    Quote,
    Span,
)

DEFAULT_FILE = Path("data/articles/2024-03-08-north-korea-launch.txt")


def published_from_name(path: Path) -> str | None:
    """``2024-03-08`` from ``2024-03-08-north-korea-launch.txt``, else ``None``."""
    match = re.match(r"\d{4}-\d{2}-\d{2}", path.name)
    return match.group() if match else None


def show_date(date: EventDate) -> str:
    """``2024-03-07 (from "Thursday", relative-to-publication)``."""
    value = date.iso() or "unresolved"
    source = f'from "{date.text}", ' if date.text else ""
    return f"{value} ({source}{date.resolution})"


def show_actor(actor: Actor) -> str:
    """``Kenji Sato [JPN] (Japanese Defense Minister)``."""
    country = f" [{actor.country}]" if actor.country else ""
    title = f" ({actor.title})" if actor.title else ""
    return f"{actor.name}{country}{title}"


def show_place(place: Location | None) -> str:
    return "—" if place is None else place.name + (f" [{place.country}]" if place.country else "")


def show_evidence(span: Span) -> str:
    return f'sentence {span.sentence}, characters {span.start}-{span.end}: "{span.text}"'


def describe(event: Meeting | MissileLaunch | Quote) -> list[str]:
    """The lines that describe one event."""
    if isinstance(event, Meeting):
        lines = [
            f"MEETING ({event.status}) on {show_date(event.date)}",
            "  participants: " + "; ".join(show_actor(p) for p in event.participants),
            f"  where: {show_place(event.location)}   trigger: {event.trigger!r}",
        ]
    elif isinstance(event, MissileLaunch):
        count = event.count if event.count is not None else "?"
        lines = [
            f"MISSILE LAUNCH on {show_date(event.date)}",
            f"  launcher: {show_actor(event.launcher)}",
            f"  fired: {count} × {event.missile_type} (class {event.missile_class}, "
            f"outcome {event.outcome})",
            f"  from: {show_place(event.launch_site)}   landing: {show_place(event.landing_area)}",
        ]
    else:
        lines = [
            f"QUOTE ({event.quote_type}) on {show_date(event.date)}",
            f"  speaker: {show_actor(event.speaker)}   cue: {event.cue!r}",
            f"  text: “{event.text}”",
        ]
    codes = ", ".join(
        f"{name} {code}" for name, code in (("CAMEO", event.codes.cameo),
                                            ("PLOVER", event.codes.plover)) if code
    )
    lines.append(f"  confidence {event.confidence:.2f}" + (f"; {codes}" if codes else ""))
    lines.extend(f"  evidence: {show_evidence(span)}" for span in event.evidence[:1])
    return lines


def report(doc: DocumentEvents) -> str:
    info = doc.document
    published = info.published.isoformat() if info.published else "unknown"
    header = (f"{info.id} (published {published}): {len(doc.meetings)} meetings, "
              f"{len(doc.launches)} launches, {len(doc.quotes)} quotes")
    events: list[Meeting | MissileLaunch | Quote] = [*doc.launches, *doc.meetings, *doc.quotes]
    blocks = [describe(event) for event in events]
    return "\n\n".join(["\n".join(block) for block in [[header], *blocks]])


def main() -> None:
    parser = argparse.ArgumentParser(description="Extract the events of one article.")
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE,
                        help=f"a UTF-8 text file (default: {DEFAULT_FILE})")
    parser.add_argument("--published", metavar="YYYY-MM-DD",
                        help="publication date (default: from the file name)")
    args = parser.parse_args()
    path: Path = args.file

    extractor = EventExtractor()  # the bundled model: loaded once, offline
    doc = extractor.extract(
        path.read_text(encoding="utf-8"),
        doc_id=path.stem,
        published=args.published or published_from_name(path),
    )
    print(report(doc))


if __name__ == "__main__":
    main()
