"""Throughput benchmark: stanza annotation vs. geoevents' own extraction layer.

Run from the repository root, offline:

    python benchmarks/throughput.py                 # ~200 documents, one JSON line
    python benchmarks/throughput.py --docs 50 --sample 10
    python benchmarks/throughput.py --stream 1000,5000   # peak RSS after N one-paragraph docs

The corpus is built from the bundled public-domain demo articles and the texts in
``examples/data`` (4-12 paragraphs per document, drawn with a fixed seed per document).
Every number is measured in this run; nothing is hard-coded.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from geoevents import Article, EventExtractor
from geoevents.cli import demo_articles

ROOT = Path(__file__).resolve().parents[1]


def _base_texts() -> list[str]:
    """The public-domain demo articles and the example texts of ``examples/data``."""
    texts = [a.text for a in demo_articles()]
    data = ROOT / "examples" / "data"
    texts.extend(p.read_text("utf-8") for p in sorted(data.glob("articles/*.txt")))
    jsonl = data / "articles.jsonl"
    if jsonl.is_file():
        for line in jsonl.read_text("utf-8").splitlines():
            text = json.loads(line)["text"] if line.strip() else ""
            if text and text not in texts:
                texts.append(text)
    return texts


def _paragraphs() -> list[str]:
    return [p.strip() for t in _base_texts() for p in t.split("\n") if len(p.split()) > 8]


def corpus(n: int) -> Iterator[Article]:
    """``n`` news-length documents: 4 to 12 paragraphs of the base texts, drawn with a fixed
    seed per document, so documents differ and every run sees the same corpus."""
    pool = _paragraphs()
    for i in range(n):
        rng = random.Random(i)
        picked = rng.sample(pool, min(len(pool), 4 + i % 9))
        yield Article(text="\n\n".join(picked), id=f"bench-{i}", published=None)


def paragraph_corpus(n: int) -> Iterator[Article]:
    """``n`` one-paragraph documents (for the long memory stream: many documents, little
    text each, so that thousands of them run in minutes)."""
    paragraphs = _paragraphs()
    for i in range(n):
        yield Article(text=paragraphs[i % len(paragraphs)], id=f"para-{i}", published=None)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(n_docs: int, sample: int, batch_size: int) -> dict[str, float | int | str]:
    extractor = EventExtractor(batch_size=batch_size)
    annotator = extractor.annotator
    start = time.perf_counter()
    extractor.model_info()
    _ = getattr(annotator, "pipeline", None)  # load the stanza pipeline now
    load_s = time.perf_counter() - start

    docs = list(corpus(n_docs))
    annotate_s = extract_s = 0.0
    tokens = 0
    for first in range(0, len(docs), batch_size):
        batch = docs[first:first + batch_size]
        t0 = time.perf_counter()
        annotated = annotator.annotate([d.text for d in batch], [d.info for d in batch])
        t1 = time.perf_counter()
        for annotated_doc in annotated:
            extractor.extract_annotated(annotated_doc)
            tokens += sum(len(s.tokens) for s in annotated_doc.sentences)
        annotate_s += t1 - t0
        extract_s += time.perf_counter() - t1

    subset = docs[:sample]
    t0 = time.perf_counter()
    for doc in subset:
        annotator.annotate([doc.text], [doc.info])
    one_by_one_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for first in range(0, len(subset), batch_size):
        batch = subset[first:first + batch_size]
        annotator.annotate([d.text for d in batch], [d.info for d in batch])
    batched_s = time.perf_counter() - t0

    total = annotate_s + extract_s
    return {
        "docs": len(docs),
        "tokens": tokens,
        "tokens_per_s": round(tokens / total, 1),
        "docs_per_s": round(len(docs) / total, 3),
        "annotate_s": round(annotate_s, 3),
        "extract_s": round(extract_s, 3),
        "overhead": round(extract_s / annotate_s, 4),
        "load_s": round(load_s, 3),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "batch_size": batch_size,
        "batch_speedup": round(one_by_one_s / batched_s, 3),
        "batch_sample_docs": len(subset),
        "machine": f"{platform.machine()} {platform.processor() or ''} "
                   f"python {platform.python_version()}".strip(),
    }


def stream(checkpoints: list[int], batch_size: int) -> dict[str, float]:
    """Peak RSS (MB) after streaming each checkpoint's number of documents."""
    extractor = EventExtractor(batch_size=batch_size)
    out: dict[str, float] = {}
    for done, _ in enumerate(extractor.extract_many(paragraph_corpus(max(checkpoints))), 1):
        if done in checkpoints:
            out[f"peak_rss_mb_after_{done}"] = round(_peak_rss_mb(), 1)
    return out


def machine() -> dict[str, object]:
    """What the numbers were measured on."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text("utf-8", "replace").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_gb = None
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        first = meminfo.read_text("utf-8", "replace").splitlines()[0]
        memory_gb = round(int(first.split()[1]) / 1024 / 1024, 1)
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": memory_gb,
            "python": platform.python_version(), "system": platform.system()}


def save(path: Path, key: str, result: dict[str, object], argv: list[str]) -> None:
    """Merge ``result`` into the JSON file ``path`` under ``key`` (the docs render it)."""
    import geoevents

    data = json.loads(path.read_text("utf-8")) if path.is_file() else {}
    data[key] = {
        "result": result,
        "command": "python benchmarks/throughput.py " + " ".join(argv),
        "generated": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "geoevents_version": geoevents.__version__,
        "model": EventExtractor().model_info().name,
        "machine": machine(),
    }
    path.write_text(json.dumps(data, indent=2) + "\n", "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=200, help="documents in the main run")
    parser.add_argument("--sample", type=int, default=32,
                        help="documents for the batched vs one-by-one comparison")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--stream", help="comma-separated document counts, e.g. 1000,5000")
    parser.add_argument("--save", type=Path,
                        help="also merge the result into this JSON file (the docs render "
                             "docs/_generated/performance.json)")
    args = parser.parse_args(argv)
    if args.stream:
        result: dict[str, object] = dict(
            stream(sorted(int(x) for x in args.stream.split(",")), args.batch_size))
    else:
        result = dict(run(args.docs, args.sample, args.batch_size))
    sys.stdout.write(json.dumps(result) + "\n")
    if args.save:
        given = sys.argv[1:] if argv is None else argv
        shown = [a for a in given if a != "--save" and a != str(args.save)]
        save(args.save, "stream" if args.stream else "throughput", result, shown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
