"""The ``geoevents`` command: extract, demo, schema, info, download.

Exit codes: 0 when every document was processed, 1 when some failed (each reported on
stderr with its id and reason; the others are still written), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Iterator, Sequence
from importlib import metadata, resources
from pathlib import Path
from typing import Any, TextIO

from geoevents.engine import DEFAULT_MAX_CHARS, Article, EventExtractor, parse_published
from geoevents.errors import DocumentError, GeoEventsError, InvalidInputError
from geoevents.events import DocumentEvents
from geoevents.kinds import get_kind, load_entry_point_kinds
from geoevents.nlp.pipeline import download_official_models
from geoevents.serialize import json_schema, to_json

__all__ = ["main"]

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


class _UsageError(Exception):
    pass


class _Progress:
    """A one-line progress display on stderr (only when stderr is a terminal, or forced)."""

    def __init__(self, stream: TextIO, enabled: bool, total: int | None) -> None:
        self.stream, self.enabled, self.total = stream, enabled, total
        self.done = self.failed = 0
        self.started = time.monotonic()

    def step(self, failed: bool = False) -> None:
        self.done += 1
        self.failed += failed
        if self.enabled:
            rate = self.done / max(time.monotonic() - self.started, 1e-9)
            of = f"/{self.total}" if self.total else ""
            self.stream.write(f"\r{self.done}{of} documents ({rate:.1f}/s, "
                              f"{self.failed} failed)")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            self.stream.write("\n")


def _read_jsonl_documents(path: str, errors: list[DocumentError],
                          published: dt.date | None = None) -> Iterator[Article]:
    """Documents from JSON lines; a bad line (not UTF-8, not JSON, no text) is reported and
    skipped on its own, so one broken line never costs the others."""
    try:
        stream = sys.stdin.buffer if path == "-" else Path(path).open("rb")  # noqa: SIM115
    except OSError as error:
        raise _UsageError(f"cannot read {path}: {error.strerror}") from None
    with stream:
        for number, raw in enumerate(stream, 1):
            doc_id = f"line-{number}"
            try:
                line = raw.decode("utf-8")
                if not line.strip():
                    continue
                data = json.loads(line)
                if not isinstance(data, dict):
                    raise InvalidInputError("a line must hold a JSON object")
                if published is not None and not data.get("published"):
                    data = {**data, "published": published.isoformat()}
                yield Article.from_mapping(data, default_id=doc_id)
            except UnicodeDecodeError as error:
                errors.append(DocumentError(f"line {number} is not valid UTF-8: {error.reason}",
                                            doc_id=doc_id))
            except json.JSONDecodeError as error:
                errors.append(DocumentError(f"line {number} is not valid JSON: {error.msg}",
                                            doc_id=doc_id))
            except GeoEventsError as error:
                errors.append(DocumentError(error.reason, doc_id=error.doc_id or doc_id))


def _read_files(paths: Sequence[str], date: dt.date | None,
                errors: list[DocumentError]) -> Iterator[Article]:
    for path in paths:
        try:
            data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as error:
            raise _UsageError(f"cannot read {path}: {error.strerror}") from None
        doc_id = "stdin" if path == "-" else Path(path).name
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            errors.append(DocumentError(f"not valid UTF-8 ({error.reason} at byte "
                                        f"{error.start})", doc_id=doc_id))
            continue
        yield Article(text=text, id=doc_id, published=date)


def _count(number: int, name: str) -> str:
    kind = get_kind(name)
    noun = (kind.label if kind is not None else name).lower().replace("_", " ")
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _pretty(result: DocumentEvents, out: TextIO) -> None:
    doc = result.document
    counts = ", ".join(_count(len(events), kind) for kind, events in result.by_kind.items())
    out.write(f"== {doc.id}" + (f" ({doc.published.isoformat()})" if doc.published else "")
              + f": {counts or 'no events'}\n")
    for name, events in result.by_kind.items():
        kind = get_kind(name)
        label = kind.label if kind is not None else name.upper()
        for event in events:
            line = kind.summary(event) if kind is not None else repr(event)
            out.write(f"  {label} {line}\n")
    for note in result.notes:
        out.write(f"  NOTE: {note}\n")


def _write(result: DocumentEvents, fmt: str, out: TextIO) -> None:
    if fmt == "pretty":
        _pretty(result, out)
    else:
        for event in result.events:
            out.write(to_json(event) + "\n")


def _run_extract(args: argparse.Namespace) -> int:
    if bool(args.input) == bool(args.files):
        raise _UsageError("give input FILEs or --input DOCS.jsonl (not both, not neither)")
    errors: list[DocumentError] = []
    try:
        published = parse_published(args.published)
    except InvalidInputError as error:
        raise _UsageError(error.reason) from None
    if args.input:
        if args.input != "-" and not Path(args.input).is_file():
            raise _UsageError(f"cannot read {args.input}: no such file")
        articles: Iterator[Article] = _read_jsonl_documents(args.input, errors, published)
    else:
        unreadable = [f for f in args.files if f != "-" and not Path(f).is_file()]
        if unreadable:
            raise _UsageError(f"cannot read {', '.join(unreadable)}: no such file")
        articles = _read_files(args.files, published, errors)
    fmt = args.format or ("jsonl" if args.output or args.input else "pretty")
    extractor = EventExtractor(model=args.model, model_dir=args.model_dir,
                               batch_size=args.batch_size, max_chars=args.max_chars or None)
    progress = _Progress(sys.stderr, args.progress or (args.progress is None and
                                                        sys.stderr.isatty()), None)
    try:
        out: TextIO = Path(args.output).open("w", encoding="utf-8") if args.output else (  # noqa: SIM115
            sys.stdout)
    except OSError as error:
        raise _UsageError(f"cannot write {args.output}: {error.strerror}") from None
    reported = 0
    try:
        for result in extractor.extract_many(articles, on_error=errors.append):
            _write(result, fmt, out)
            progress.step()
            for failure in errors[reported:]:
                _report(failure)
                progress.step(failed=True)
            reported = len(errors)
    finally:
        progress.close()
        if out is not sys.stdout:
            out.close()
    for failure in errors[reported:]:
        _report(failure)
    return EXIT_SOME_FAILED if errors else EXIT_OK


def _report(error: DocumentError) -> None:
    sys.stderr.write(f"geoevents: skipped {error.doc_id}: {error.reason}\n")


def demo_articles() -> list[Article]:
    """The bundled public-domain example articles (U.S. Government works)."""
    path = resources.files("geoevents.data").joinpath("demo_articles.jsonl")
    return [Article.from_mapping(json.loads(line))
            for line in path.read_text("utf-8").splitlines() if line.strip()]


def _run_demo(args: argparse.Namespace) -> int:
    extractor = EventExtractor(model=args.model, model_dir=args.model_dir)
    articles = demo_articles()
    for article in articles:
        sys.stdout.write(f"\n{article.text[:300].strip()} [...]\n\n")
        _write(extractor.extract(article.text, doc_id=article.id, published=article.published,
                                 url=article.url, publisher=article.publisher),
               args.format or "pretty", sys.stdout)
    return EXIT_OK


def _run_info(args: argparse.Namespace) -> int:
    extractor = EventExtractor(model=args.model, model_dir=args.model_dir)
    info = extractor.model_info()
    facts: dict[str, Any] = {
        "version": metadata.version("geoevents"),
        "model": {
            "name": info.name, "source": str(info.source), "path": info.path,
            "size_bytes": info.size_bytes, "version": info.version,
            "stanza_version": info.stanza_version, "license": info.license,
            "scores": info.scores,
        },
        "extractors": [e.kind for e in extractor.extractors],
    }
    if args.json:
        sys.stdout.write(json.dumps(facts, indent=2) + "\n")
    else:
        model = facts["model"]
        sys.stdout.write(f"geoevents {facts['version']}\nmodel: {model['name']} "
                         f"({model['source']}, {model['size_bytes'] / 1e6:.1f} MB)\n"
                         f"path: {model['path']}\n")
    return EXIT_OK


def _run_schema(args: argparse.Namespace) -> int:
    del args
    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")
    return EXIT_OK


def _run_download(args: argparse.Namespace) -> int:
    target = download_official_models(Path(args.model_dir) if args.model_dir else None)
    sys.stdout.write(f"official stanza English models are in {target}; use them with "
                     "--model official or EventExtractor(model='official')\n")
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geoevents",
        description="Typed geopolitical events (meetings, missile launches, quotes) from "
        "English news text. Offline: no command but `download` uses the network.",
    )
    parser.add_argument("--version", action="version",
                        version=f"%(prog)s {metadata.version('geoevents')}")
    commands = parser.add_subparsers(dest="command", required=True)

    def model_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--model", choices=["bundled", "official"], default="bundled",
                       help="bundled compact model (default) or official stanza models")
        p.add_argument("--model-dir", help="read the models from this folder")

    extract = commands.add_parser("extract", help="extract events from files or a JSONL file")
    extract.add_argument("files", nargs="*", metavar="FILE",
                         help="text files ('-' = stdin); the document id is the file name")
    extract.add_argument("--input", metavar="DOCS.jsonl",
                         help="JSON lines with id, text and optional published, url, publisher")
    extract.add_argument("--output", metavar="EVENTS.jsonl", help="write here (default stdout)")
    extract.add_argument("--published", metavar="YYYY-MM-DD",
                         help="publication date (anchors relative dates); with --input, the "
                         "default for lines that have none")
    extract.add_argument("--format", choices=["jsonl", "pretty"],
                         help="jsonl (default with --output/--input) or pretty")
    extract.add_argument("--batch-size", type=int, default=16, help="documents per stanza call")
    extract.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS, metavar="N",
                         help="skip (and report) documents longer than N characters "
                         f"(default {DEFAULT_MAX_CHARS:,}; 0: no limit)")
    extract.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                         help="progress on stderr (default: when stderr is a terminal)")
    model_options(extract)
    extract.set_defaults(run=_run_extract)

    demo = commands.add_parser("demo", help="run on the bundled public-domain example articles")
    demo.add_argument("--format", choices=["jsonl", "pretty"])
    model_options(demo)
    demo.set_defaults(run=_run_demo)

    schema = commands.add_parser("schema", help="print the JSON Schema of extract's output")
    schema.set_defaults(run=_run_schema)

    info = commands.add_parser("info", help="version and model facts")
    info.add_argument("--json", action="store_true", help="as JSON")
    model_options(info)
    info.set_defaults(run=_run_info)

    download = commands.add_parser(
        "download", help="download official stanza English models (needs internet)")
    download.add_argument("--model-dir", help="where to put them (default ~/stanza_resources)")
    download.set_defaults(run=_run_download)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``geoevents`` command; returns the exit code."""
    load_entry_point_kinds()  # kinds installed packages declare (entry points)
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except _UsageError as error:
        parser.exit(EXIT_USAGE, f"geoevents: error: {error}\n")
    except InvalidInputError as error:
        parser.exit(EXIT_USAGE, f"geoevents: error: {error.reason}\n")
    except GeoEventsError as error:
        sys.stderr.write(f"geoevents: error: {error}\n")
        return EXIT_SOME_FAILED
    except BrokenPipeError:
        return EXIT_OK
    return code


if __name__ == "__main__":
    raise SystemExit(main())
