"""Imports follow the pipeline: lexicon -> ingest -> extract -> reconcile -> render/store
-> web, with the run's entry points (pipeline, cli) on top. Every import counts, inside
functions too, so a link up the pipeline cannot hide in a function body."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "storyline"

# What each part may import besides itself (and the standard library / third parties).
BASE = {"lexicon", "config", "models", "cache", "encoder"}
ALLOWED: dict[str, set[str]] = {
    "lexicon": {"config", "cache"},
    "config": {"lexicon"},
    "models": set(),
    "cache": set(),
    "encoder": {"cache"},
    "ingest": BASE,
    "extract": BASE | {"ingest"},
    "reconcile": BASE | {"ingest", "extract"},
    "render": BASE | {"reconcile"},
    "store": BASE,  # the store only stores: no stage runs inside it
    "web": BASE | {"render", "store", "pipeline", "ingest"},
    "pipeline": BASE | {"ingest", "extract", "reconcile", "store"},
    "watch": BASE | {"pipeline", "store", "ingest", "extract", "reconcile"},
    "cli": BASE | {"pipeline", "render", "store", "web", "ingest", "extract", "watch"},
    "__init__": {"_thinc_without_torch", "config", "models", "pipeline"},
    "_thinc_without_torch": set(),
    "__main__": {"cli"},
}


# Exact module links allowed against the order: `Analysis.frames()` is the contract's
# convenience view, so the model reaches its table builder (pure, models-only) lazily.
LATE_BOUND = {("models", "storyline.render.tables")}


def _part(module: str) -> str:
    """'storyline.extract.quotes' -> 'extract'; 'storyline' -> '__init__'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module_of(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "storyline":  # 'from storyline import x'
                out += [(node.lineno, f"storyline.{a.name}") for a in node.names]
            elif node.module.startswith("storyline."):
                out.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.startswith("storyline.")]
    return out


def _violations() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        here = _part(_module_of(path)) if path.parent != SRC else path.stem
        for line, target in _imports(path):
            there = _part(target)
            if there == here:
                continue
            if (here, target) in LATE_BOUND:
                continue
            if there not in ALLOWED.get(here, set()):
                found.append(f"{path.relative_to(SRC)}:{line} ({here}) imports {target}")
    return found


def test_no_import_runs_up_the_pipeline():
    assert _violations() == []


def test_every_part_of_the_package_has_a_rule():
    parts = {p.stem if p.parent == SRC else p.relative_to(SRC).parts[0] for p in SRC.glob("*")}
    parts = {p for p in parts if not p.startswith(".") and p not in {"data", "__pycache__"}}
    assert parts <= set(ALLOWED), sorted(parts - set(ALLOWED))


@pytest.mark.parametrize(
    ("module", "target", "ok"),
    [
        ("storyline.extract.mentions", "storyline.reconcile.gazetteer", False),
        ("storyline.reconcile.claims", "storyline.lexicon.timeml", True),
        ("storyline.store.core", "storyline.reconcile", False),
        ("storyline.ingest.rules", "storyline.extract.quotes", False),
    ],
)
def test_the_rule_itself(module, target, ok):
    assert (_part(target) in ALLOWED[_part(module)]) is ok


def test_loading_the_english_pipeline_does_not_import_torch():
    """thinc would import torch (installed for the encoder's export) in every process
    that imports spaCy; the English pipeline needs none of it."""
    import subprocess
    import sys

    code = (
        "import sys, storyline\n"
        "from storyline.extract.nlp import load_nlp\n"
        "doc = load_nlp()('Officials met in the capital on Monday.')\n"
        "assert doc[0].pos_, 'no parse'\n"
        "print('torch' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
