"""The throughput benchmark runs and reports every measure it promises (values are not
checked against thresholds: speed is measured by the benchmark, not by tests)."""

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("throughput", ROOT / "benchmarks/throughput.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["throughput"] = module
    spec.loader.exec_module(module)
    return module


def test_corpus_is_deterministic_and_varied() -> None:
    bench = _load()
    first = [a.text for a in bench.corpus(30)]
    assert first == [a.text for a in bench.corpus(30)]
    assert len(set(first)) == 30
    assert all(len(a.text) > 0 for a in bench.paragraph_corpus(40))


def test_run_reports_every_measure_and_saves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bench = _load()
    out = tmp_path / "performance.json"
    assert bench.main(["--docs", "4", "--sample", "2", "--batch-size", "2",
                       "--save", str(out)]) == 0
    line = json.loads(capsys.readouterr().out)
    for key in ("tokens_per_s", "docs_per_s", "annotate_s", "extract_s", "overhead",
                "peak_rss_mb", "batch_speedup"):
        assert isinstance(line[key], float) and line[key] > 0, key
    # the pipeline is built once per process: after another test built it, loading is ~0 s
    assert isinstance(line["load_s"], float) and line["load_s"] >= 0
    # both times are rounded to milliseconds in the report
    assert line["overhead"] == pytest.approx(line["extract_s"] / line["annotate_s"], abs=0.002)
    saved = json.loads(out.read_text("utf-8"))["throughput"]
    assert saved["result"] == line
    assert saved["command"] == "python benchmarks/throughput.py --docs 4 --sample 2 --batch-size 2"
    assert saved["machine"]["cores"] >= 1
