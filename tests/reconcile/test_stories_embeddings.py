"""Title+lead embeddings: what is embedded, and the ONNX encoder giving the same vectors."""

from __future__ import annotations

import numpy as np
import pytest

from storyline import encoder
from storyline.extract.embeddings import embed_documents, lead_sentences, lead_text
from storyline.models import Document, Span

BODY = (
    "Rebels took the river port of Kessa on Monday after a two-day assault. "
    "Soldiers pulled back to the airfield south of the town. "
    "The port handles most of the region's grain. "
    "Aid groups said the road north was still open."
)


def _doc(text: str = BODY, title: str | None = "Rebels seize Kessa port") -> Document:
    return Document(id="d1", source="t.txt", title=title, text=text)


def _spans(text: str) -> list[Span]:
    out, start = [], 0
    for part in text.split(". "):
        end = min(len(text), start + len(part) + 1)
        out.append(Span(start=start, end=end))
        start = end + 1
    return out


def test_lead_is_title_and_first_two_sentences():
    lead = lead_text(_doc(), _spans(BODY))
    assert lead.startswith("Rebels seize Kessa port Rebels took the river port")
    assert "airfield" in lead and "grain" not in lead


def test_lead_without_sentence_spans_splits_the_opening():
    assert lead_sentences(_doc()) == [
        "Rebels took the river port of Kessa on Monday after a two-day assault.",
        "Soldiers pulled back to the airfield south of the town.",
    ]


def test_lead_skips_a_repeated_title_and_fragments():
    text = "Rebels seize Kessa port\n\nBy staff\n\n" + BODY
    sentences = lead_sentences(_doc(text))
    assert sentences[0].startswith("Rebels took") and len(sentences) == 2


def test_lead_of_an_untitled_empty_document():
    assert lead_text(_doc(text="", title=None)) == ""


@pytest.fixture(scope="module")
def encoders(tmp_path_factory):
    """A fresh export into a temporary cache, and the PyTorch reference."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STORYLINE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        onnx = encoder.build_onnx(encoder.model_path())
        cached = encoder.build_onnx(encoder.model_path()) if onnx is not None else None
    return onnx, cached, encoder.TorchEncoder(encoder.model_path())


TEXTS = [
    "Floodwaters swept through the eastern districts on Tuesday.",
    lead_text(_doc(), _spans(BODY)),
    "Ein ganz anderer Satz über Wahlen.",
    "x " * 300,  # longer than the 128 tokens: truncated alike
    "",
]


def test_onnx_encoder_matches_pytorch(encoders):
    onnx, cached, reference = encoders
    if onnx is None:
        pytest.skip("onnxruntime/onnx not installed: the PyTorch encoder is used")
    assert onnx.backend == "onnx" and cached is not None
    ref = reference.encode(TEXTS)
    for candidate in (onnx, cached):  # the exported graph, and the one read back from disk
        got = candidate.encode(TEXTS)
        assert got.shape == (len(TEXTS), 384)
        assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-4)
        assert float(np.sum(got * ref, axis=1).min()) > 0.999


def test_encoding_is_deterministic_and_order_free(encoders):
    onnx, _, reference = encoders
    model = onnx or reference
    one = model.encode(TEXTS)
    other = model.encode(TEXTS[::-1])[::-1]
    assert np.array_equal(one, model.encode(TEXTS))
    assert np.allclose(one, other, atol=1e-5)  # batches are sorted by length inside


def test_embed_documents_gives_one_rounded_vector_per_document():
    docs = [_doc(), _doc(text="Voters queued for hours in the capital.", title="Vote")]
    vectors = embed_documents(docs)
    assert len(vectors) == 2 and all(len(v) == 384 for v in vectors)
    assert all(round(x, 6) == x for x in vectors[0])
    assert np.dot(vectors[0], vectors[1]) < 0.9
