"""Where derived files are kept between runs (the place index, the ONNX encoder):
$STORYLINE_CACHE_DIR, else $XDG_CACHE_HOME/storyline, else ~/.cache/storyline. Each file
name carries a fingerprint of what it was built from, so a stale file is never read."""

from __future__ import annotations

import os
from pathlib import Path

ENV = "STORYLINE_CACHE_DIR"


def cache_dir() -> Path:
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "storyline"
