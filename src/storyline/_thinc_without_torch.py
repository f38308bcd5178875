"""Import thinc (spaCy's machine-learning layer) without letting it import PyTorch.

thinc imports torch whenever it is installed, only to offer PyTorch-backed layers; the
English pipeline Storyline loads has none. torch is installed beside Storyline for the
sentence encoder's one-time ONNX export and its fallback, so without this every process
that imports spaCy (the CLI, each worker) would spend 1.5-3 s and a few hundred MB
loading it for nothing. The encoder imports torch itself when it needs it; thinc keeps
running its own numpy layers either way.
"""

from __future__ import annotations

import sys


def import_thinc_without_torch() -> None:
    if "thinc" in sys.modules or "torch" in sys.modules:
        return  # too late, or torch is wanted already: import as usual
    sys.modules["torch"] = None  # type: ignore[assignment]  # 'import torch' raises ImportError
    try:
        import thinc.compat  # noqa: F401
    finally:
        del sys.modules["torch"]


import_thinc_without_torch()
