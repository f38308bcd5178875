"""Shared fixtures and the test tiers.

Tiers: a test that loads the spaCy model or the sentence encoder is `slow`. It is marked
so automatically when it uses one of `MODEL_FIXTURES` (directly or through another
fixture); a test that is not marked and loads a model anyway fails, naming the fixture
to use, so `pytest -m "not slow"` stays a model-free tier.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DEV = SHARED / "dev"
EXAMPLES = ROOT / "examples"

MODEL_FIXTURES = {"nlp", "seeds_analysis", "run_cli"}
"""Fixtures that load a model (or run a process that does): their users are `slow`."""


def pytest_collection_modifyitems(config, items):
    for item in items:
        if MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


_running: list[pytest.Item] = []  # the test being set up or run, if any


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    _running[:] = [item]
    try:
        return (yield)
    finally:
        _running.clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    _running[:] = [item]
    try:
        return (yield)
    finally:
        _running.clear()


def pytest_configure(config):
    """An unmarked test must not load a model (its fixtures included, whatever their
    scope): it fails with the fix instead of slowing the fast tier down unnoticed."""
    import spacy

    load = spacy.load

    def guarded_load(*args, **kwargs):
        item = _running[0] if _running else None
        if item is not None and not item.get_closest_marker("slow"):
            raise AssertionError(
                f"{item.nodeid} loads the spaCy model: use the `nlp` fixture "
                f"(or another of {sorted(MODEL_FIXTURES)}) so it is marked slow"
            )
        return load(*args, **kwargs)

    spacy.load = guarded_load


@pytest.fixture(scope="session")
def nlp():
    from storyline.extract.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    return SEEDS


@pytest.fixture(scope="session")
def seeds_analysis(seeds_dir, nlp):
    """The whole pipeline over the reference seeds, once per test process."""
    import storyline

    return storyline.analyze([str(seeds_dir)])


@pytest.fixture
def run_cli():
    """Run `storyline ARGS…` in a fresh process (which loads the models itself)."""

    def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
        exe = [sys.executable, "-m", "storyline.cli", *map(str, args)]
        return subprocess.run(exe, capture_output=True, text=True, **kwargs)

    return run
