"""The shape the rules must keep: small functions, vocabulary as data, nothing unused.

These read the source (no model): a rule over ~60 lines, an English word list written
inside a rule, or a vocabulary entry no code reads fails here.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "geoevents"
RULE_MODULES = sorted([*(PACKAGE / "extractors").glob("*.py"),
                       *(PACKAGE / "analysis").glob("*.py")])
MAX_LINES = 60

# Universal Dependencies relations (with the subtypes stanza's English models use): labels,
# not English words, so a rule may name them inline.
UD_RELATIONS = frozenset({
    "nsubj", "obj", "iobj", "csubj", "ccomp", "xcomp", "obl", "vocative", "expl",
    "dislocated", "advcl", "advmod", "discourse", "aux", "cop", "mark", "nmod", "appos",
    "nummod", "acl", "amod", "det", "clf", "case", "conj", "cc", "fixed", "flat", "compound",
    "list", "parataxis", "orphan", "goeswith", "reparandum", "punct", "root", "dep", "neg",
    "nmod:poss", "obl:tmod", "obl:npmod", "acl:relcl", "compound:prt", "aux:pass",
    "nsubj:pass", "csubj:pass", "obl:agent", "det:poss", "flat:name", "nmod:tmod",
    "nmod:npmod", "det:predet",
})
_WORD = re.compile(r"[a-z][a-z'’.-]*")


def _functions(path: Path) -> list[ast.FunctionDef]:
    tree = ast.parse(path.read_text("utf-8"))
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]


@pytest.mark.parametrize("path", [p for p in RULE_MODULES if p.parent.name == "extractors"],
                         ids=lambda p: p.name)
def test_extractor_functions_stay_short(path: Path) -> None:
    long = [f"{f.name} ({(f.end_lineno or f.lineno) - f.lineno + 1} lines)"
            for f in _functions(path) if (f.end_lineno or f.lineno) - f.lineno + 1 > MAX_LINES]
    assert not long, f"{path.name}: split into named rules: {long}"


def _english_words(node: ast.AST) -> list[str]:
    """The English words a set/list/tuple/dict literal (or frozenset call) spells out."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("frozenset", "set"):
        return [w for arg in node.args for w in _english_words(arg)]
    elements: list[ast.expr | None] = []
    if isinstance(node, ast.Set | ast.List | ast.Tuple):
        elements = list(node.elts)
    elif isinstance(node, ast.Dict):
        elements = list(node.keys)
    words = [e.value for e in elements if isinstance(e, ast.Constant)
             and isinstance(e.value, str) and _WORD.fullmatch(e.value)
             and e.value not in UD_RELATIONS]
    return words


@pytest.mark.parametrize("path", RULE_MODULES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_word_lists_inside_rules(path: Path) -> None:
    """Trigger, cue and filter words live in knowledge/vocabulary.json, not in code (a
    single word in a comparison is fine; two or more spelled out as a set are a list)."""
    tree = ast.parse(path.read_text("utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
                getattr(t, "id", "") == "__all__" for t in node.targets):
            skipped.add(id(node.value))  # names, not words
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in (
                "endswith", "startswith"):
            skipped.update(id(a) for a in node.args)  # suffixes and prefixes
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        words = _english_words(node)
        if len(words) >= 2:
            found.append(f"line {getattr(node, 'lineno', '?')}: {words}")
    assert not found, f"{path.name}: move these to knowledge/vocabulary.json: {found}"


def test_every_vocabulary_entry_is_read_by_some_code() -> None:
    vocabulary = json.loads((PACKAGE / "knowledge" / "vocabulary.json").read_text("utf-8"))
    source = "\n".join(p.read_text("utf-8") for p in PACKAGE.rglob("*.py")
                       if p.name != "__init__.py" or p.parent.name != "knowledge")
    unused = [f"{section}.{key}" for section, entries in vocabulary.items()
              if not section.startswith("_") for key in entries
              if not re.search(rf"\.{key}\b", source)]
    assert not unused, f"vocabulary entries no rule reads: {unused}"


def test_every_vocabulary_section_loads_typed() -> None:
    from geoevents.knowledge import vocabulary

    words = vocabulary()
    assert "meet" in words.meeting.meeting_verbs
    assert words.common.number_words["seven"] == 7
    assert all(isinstance(v, frozenset) for v in (words.quote.speech_verbs,
                                                   words.missile_launch.missile_nouns))
