"""Sphinx configuration for the geoevents documentation.

Builds offline (no intersphinx): ``sphinx-build -W -b html docs docs/_build/html`` and
``sphinx-build -b doctest docs docs/_build/doctest``.

Some pages show files generated here, at build time, into ``_generated/`` (never typed by
hand): the JSON Schema (from :func:`geoevents.json_schema`), the ``--help`` of every CLI
command, the model card (from the bundled model's ``manifest.json``; a notice when the model
is not installed) and the accuracy table (from ``_generated/accuracy.json``, which
``scripts/dev_scores.py`` writes; a notice when it is missing).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import geoevents
from geoevents.nlp.pipeline import bundled_model_dir

HERE = Path(__file__).resolve().parent
GENERATED = HERE / "_generated"

# -- Project -------------------------------------------------------------------------------
project = "geoevents"
author = "geoevents developers"
copyright = "2026, geoevents developers"
release = geoevents.__version__
version = ".".join(release.split(".")[:2])

# -- General -------------------------------------------------------------------------------
extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
    "sphinx_autodoc_typehints",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "_generated", "README.md", "Thumbs.db", ".DS_Store"]
templates_path: list[str] = []
nitpicky = False
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- autodoc -------------------------------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "undoc-members": True}
autodoc_class_signature = "mixed"
# sphinx-autodoc-typehints: types go into the parameter descriptions, not the signatures.
typehints_document_rtype = True
typehints_use_signature = False
typehints_use_signature_return = False
always_document_param_types = True

# -- doctest -------------------------------------------------------------------------------
# Runs before every doctest group, including the ``>>>`` examples in docstrings, and for
# every ``:skipif:`` expression. Keep it cheap: stanza is imported only when a model is used.
doctest_global_setup = """
import datetime as dt
import json
from pathlib import Path

import geoevents
from geoevents import *
from geoevents.dates import find_date_mentions
from geoevents.nlp.pipeline import bundled_model_dir

NO_MODEL = not (bundled_model_dir() / "manifest.json").is_file()
"""

# -- HTML ----------------------------------------------------------------------------------
html_theme = "furo"
html_title = f"geoevents {release}"
html_static_path: list[str] = []
html_theme_options = {"navigation_with_keys": True}


# -- Generated files -----------------------------------------------------------------------
def _write_if_changed(path: Path, text: str) -> None:
    """Write atomically, and only when the content changed (keeps incremental builds quiet
    and lets an html and a doctest build run side by side)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_file() and path.read_text("utf-8") == text:
        return
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as stream:
        stream.write(text)
    Path(tmp).replace(path)


def _fmt(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return "—" if value is None else str(value)
    if isinstance(value, float):
        return f"{value:.2f}" if value > 1 else f"{value:.3f}"
    return str(value)


def _table(rows: dict[str, dict[str, Any]], first: str) -> str:
    """A markdown table of ``{row: {column: value}}`` (columns in first-seen order)."""
    columns: list[str] = []
    for values in rows.values():
        columns.extend(c for c in values if c not in columns and not isinstance(values[c], dict))
    lines = [f"| {first} | " + " | ".join(columns) + " |",
             "|---|" + "---|" * len(columns)]
    lines += [f"| {name} | " + " | ".join(_fmt(values.get(c)) for c in columns) + " |"
              for name, values in rows.items()]
    return "\n".join(lines) + "\n"


def _schema_files() -> None:
    schema = geoevents.json_schema()
    _write_if_changed(GENERATED / "schema.json", json.dumps(schema, indent=2) + "\n")
    kinds = [
        (defn["properties"]["kind"]["const"], name, defn.get("description", ""))
        for name, defn in schema["$defs"].items()
        if "kind" in defn.get("properties", {})
    ]
    lines = ["| `kind` | definition | description |", "|---|---|---|"]
    lines += [f"| `{kind}` | `{name}` | {text} |" for kind, name, text in kinds]
    _write_if_changed(GENERATED / "schema-kinds.md", "\n".join(lines) + "\n")


def _cli_help() -> None:
    """``geoevents <command> --help`` for every subcommand, as the command prints it."""
    import contextlib
    import io

    from geoevents.cli import main

    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "92"
    try:
        for command in ("extract", "demo", "schema", "info", "download"):
            stream = io.StringIO()
            with contextlib.redirect_stdout(stream), contextlib.suppress(SystemExit):
                main([command, "--help"])
            _write_if_changed(GENERATED / f"cli-{command}.txt", stream.getvalue())
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous


def _card_section(card: Path, heading: str) -> str:
    """The text under ``## heading`` in the shipped MODEL_CARD.md, up to the next ``## ``
    heading ("" when there is no such card or section)."""
    text = card.read_text("utf-8") if card.is_file() else ""
    marker = f"\n## {heading}\n"
    return text.split(marker, 1)[1].split("\n## ", 1)[0].strip() if marker in text else ""


def _attributions(card: Path) -> str:
    """The data-set attribution section of the shipped MODEL_CARD.md, if there is one."""
    section = _card_section(card, "Data sets, licenses and attributions")
    return ("\n## Attributions\n\nAs shipped in `MODEL_CARD.md` beside the model files:\n\n"
            + section + "\n") if section else ""


def _releases(card: Path) -> str:
    """The release list of the shipped MODEL_CARD.md (training/release.py renders it)."""
    section = _card_section(card, "Releases")
    return f"## Releases\n\n{section}\n" if section else ""


def _model_card() -> str:
    folder = bundled_model_dir()
    manifest_path = folder / "manifest.json"
    if not manifest_path.is_file():
        return (
            ":::{warning}\n**The bundled model is not installed** in this build of the "
            "documentation (no `manifest.json` in `src/geoevents/nlp/models/en/`). The model "
            "card is rendered from that file when it is present; see `training/` for how the "
            "model is built and installed.\n:::\n"
        )
    manifest: dict[str, Any] = json.loads(manifest_path.read_text("utf-8"))
    out = [f"**{manifest.get('name', 'geoevents-en-compact')}** version "
           f"`{manifest.get('version', '?')}`, language `{manifest.get('language', 'en')}`, "
           f"stanza {manifest.get('stanza_version', '?')}, weights "
           f"{manifest.get('weights_dtype', '?')}, "
           f"{manifest.get('total_size_bytes', 0) / 1e6:.1f} MB in total, installed "
           f"{manifest.get('installed', '?')}.\n",
           f"**License of the model files: {manifest.get('license', 'see below')}.**\n"]
    if manifest.get("ner_labels"):
        out.append("Entity labels: " + ", ".join(f"`{x}`" for x in manifest["ner_labels"])
                   + ".\n")
    datasets = manifest.get("datasets") or []
    out.append("## Data sets and licenses\n")
    if datasets:
        out.append("| data set | license | source |\n|---|---|---|")
        out += [f"| {d.get('name', '?')} | {d.get('license', '?')} | `{d.get('path', '')}` |"
                for d in datasets]
        out.append("")
    else:
        out.append("_The manifest lists no data sets._\n")
    processors = manifest.get("processors") or {}
    if processors:
        out.append("## Processors\n")
        out.append("| processor | file | training data |\n|---|---|---|")
        out += [f"| {name} | `{p.get('file', '')}` | {', '.join(p.get('training_data', []))} |"
                for name, p in processors.items()]
        out.append("")
    out.append("## Scores\n")
    scores = manifest.get("scores") or {}
    if not scores:
        out.append("_This set of model files has not been evaluated yet "
                   "(`python training/evaluate.py` adds the scores to the manifest)._\n")
    else:
        ud = {k: v for k, v in scores.items() if isinstance(v, dict) and k != "ner"}
        if ud:
            out.append("Universal Dependencies test sets, end to end from raw text "
                       "(percentages):\n")
            out.append(_table(ud, "test set"))
        ner = scores.get("ner")
        if isinstance(ner, dict) and ner:
            out.append("Named entities (exact span and type):\n")
            out.append(_table({k: v for k, v in ner.items() if isinstance(v, dict)},
                              "test set"))
        flat = {k: v for k, v in scores.items() if not isinstance(v, dict)}
        if flat:
            out.append(", ".join(f"{k}: {_fmt(v)}" for k, v in flat.items()) + "\n")
        if manifest.get("evaluated"):
            out.append(f"Evaluated {manifest['evaluated']}.\n")
    reference = manifest.get("reference_scores") or {}
    flat_reference = {k: v for k, v in reference.items() if not isinstance(v, dict)}
    if flat_reference:
        out.append("For context, stanza's official English models: "
                   + ", ".join(f"{k} {_fmt(v)}" for k, v in flat_reference.items()) + ".\n")
    out.append(_releases(folder / "MODEL_CARD.md"))
    out.append(_attributions(folder / "MODEL_CARD.md"))
    return "\n".join(out)


_BATCH_LABELS = {
    "gold": "d01–d26 and the seed article: the rules were written and tuned on these",
    "gold_wikinews": "d27–d46 (Wikinews): added later; rules have been tuned on them since "
                     "their first score",
    "all": "the whole development set",
}


def _score_rows(results: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {
        kind: {
            "precision": r.get("precision"), "recall": r.get("recall"), "F1": r.get("f1"),
            "true pos.": r.get("tp"), "false pos.": r.get("fp"), "missed": r.get("fn"),
            "date accuracy": r.get("date_acc"),
        }
        for kind, r in results.items() if kind != "positions"
    }


def _accuracy_set(title: str, data: dict[str, Any], note: str | None = None) -> list[str]:
    out = [f"### {title}\n"]
    if note:
        out.append(note + "\n")
    rows = _score_rows(data.get("results", {}))
    out.append(_table(rows, "event kind") if rows else "_No results._\n")
    positions = data.get("results", {}).get("positions")
    if positions:
        out.append("Positions of the matched quotes: " + ", ".join(
            f"{k} {_fmt(v)}" for k, v in positions.items()) + ".\n")
    return out


def _accuracy() -> str:
    path = GENERATED / "accuracy.json"
    if not path.is_file():
        return (":::{warning}\n**No accuracy figures have been generated yet.** Run "
                "`python scripts/dev_scores.py` (it needs the development set at "
                "`../shared/eval` beside the checkout) to produce "
                "`docs/_generated/accuracy.json`, then rebuild the documentation.\n:::\n")
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    model = data.get("model") or {}
    stale = _stale_notice(model)
    out = [stale] if stale else []
    out.append("## Estimate for unseen news\n")
    firsts = sorted(GENERATED.glob("first-score-*.json"))
    for first_path in firsts:
        first = json.loads(first_path.read_text("utf-8"))
        for name, batch in first.get("sets", {}).items():
            out += _accuracy_set(
                f"First score of {_BATCH_LABELS.get(name, name).split(':')[0]}", batch,
                f"{first.get('note') or ''} Generated {first.get('generated', '?')} by "
                f"`{first.get('command', '?')}` with the code of commit "
                f"`{first.get('commit', '?')}`.")
    if not firsts:
        out.append("_No first score has been recorded._\n")
    out.append("## Scores on the passages the rules were tuned on\n")
    out.append("These figures are **not** an estimate of accuracy on new articles: the rules "
               "have been written and adjusted while looking at these passages.\n")
    for name, batch in data.get("sets", {}).items():
        out += _accuracy_set(_BATCH_LABELS.get(name, name), batch)
    out.append(
        f"Generated **{data.get('generated', '?')}** by `{data.get('command', '?')}` (which ran "
        f"`{data.get('scorer', '?')}`) at commit `{data.get('commit', '?')}` with "
        f"geoevents {data.get('geoevents_version', '?')} and the "
        f"{model.get('name', '?')} model (`{model.get('source', '?')}`, version "
        f"{model.get('version', '?')}, installed {model.get('installed', '?')}), "
        f"in {data.get('seconds', 0):.0f} s.\n")
    return "\n".join(out)


def _performance() -> str:
    path = GENERATED / "performance.json"
    if not path.is_file():
        return (":::{warning}\n**No benchmark figures have been generated yet.** Run "
                "`python benchmarks/throughput.py --save docs/_generated/performance.json` "
                "(and `--stream 1000,5000 --save ...`), then rebuild the documentation.\n:::\n")
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    out = []
    for key, heading in (("throughput", "Throughput"), ("stream", "Memory on a long stream")):
        run = data.get(key)
        if not run:
            continue
        box = run.get("machine", {})
        out += [
            f"## {heading}\n",
            f"`{run.get('command', '?')}` — {run.get('generated', '?')}, geoevents "
            f"{run.get('geoevents_version', '?')}, model {run.get('model', '?')}, on "
            f"{box.get('cpu', '?')} ({box.get('cores', '?')} cores, "
            f"{box.get('memory_gb', '?')} GB, Python {box.get('python', '?')}).\n",
            _table({name: {"value": value} for name, value in run.get("result", {}).items()
                    if name != "machine"}, "measure"),
        ]
    return "\n".join(out)


def _stale_notice(model: dict[str, Any]) -> str:
    """A warning when the figures were produced with another bundled model than the one
    installed now (the manifest's install time differs)."""
    manifest_path = bundled_model_dir() / "manifest.json"
    if model.get("source") != "bundled" or not manifest_path.is_file():
        return ""
    installed = json.loads(manifest_path.read_text("utf-8")).get("installed")
    if installed == model.get("installed"):
        return ""
    return (":::{warning}\nThese figures were produced with an earlier installation of the "
            f"bundled model (installed {model.get('installed') or 'at an unknown time'}); the "
            f"model installed now dates from {installed}. Rerun `python scripts/dev_scores.py` "
            "to refresh them.\n:::\n")


def _generate(app: Any) -> None:
    del app
    _schema_files()
    _cli_help()
    _write_if_changed(GENERATED / "model-card.md", _model_card())
    _write_if_changed(GENERATED / "accuracy.md", _accuracy())
    _write_if_changed(GENERATED / "performance.md", _performance())


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _generate)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
