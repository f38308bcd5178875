"""Extract: the per-document map. One spaCy pass per document, then one function per
kind of thing extracted (mentions, quotes, accusations, times, quantities), each
reading the same `Doc` and returning typed records with offsets into the cleaned text.

This stage is pure: a `Document` in, a `DocExtraction` out, no I/O and no shared
state beyond the models loaded once per process, so it parallelises over processes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from spacy.language import Language
from spacy.tokens import Doc

from storyline.config import Settings
from storyline.extract.accusations import find_accusations
from storyline.extract.embeddings import embed_documents
from storyline.extract.mentions import find_mentions
from storyline.extract.nlp import load_nlp
from storyline.extract.quantities import find_quantities
from storyline.extract.quotes import find_quotes
from storyline.extract.time_rules import time_rules
from storyline.extract.times import find_times
from storyline.lexicon import Knowledge
from storyline.models import DocExtraction, Document, Span


def extract_from_doc(document: Document, doc: Doc, knowledge: Knowledge) -> DocExtraction:
    """Run every extractor over one document parsed by `load_nlp` (whose mention
    component already left the mentions on the Doc)."""
    mentions = find_mentions(doc)
    quotes = find_quotes(doc, mentions, knowledge.cues)
    return DocExtraction(
        document=document.id,
        sentences=[Span(start=s.start_char, end=s.end_char) for s in doc.sents],
        mentions=mentions,
        quotes=quotes,
        accusations=find_accusations(doc, mentions, quotes, knowledge.cues),
        times=find_times(doc, anchor=document.published, rules=time_rules(knowledge)),
        quantities=find_quantities(doc, mentions, quotes, knowledge),
    )


def _guarded(document: Document, doc: Doc, knowledge: Knowledge) -> DocExtraction:
    """One odd document must not sink the batch: its failure is recorded, the rest go on."""
    try:
        return extract_from_doc(document, doc, knowledge)
    except Exception as exc:
        reason = f"extraction failed ({type(exc).__name__}: {exc})"
        return DocExtraction(document=document.id, error=reason[:300])


BATCH = 32  # default documents per encoder call (the encoder sorts each batch by length)


def extract_serial(
    documents: Sequence[Document],
    nlp: Language,
    knowledge: Knowledge,
    progress: Callable[[], None] | None,
    embed: bool = True,
    batch_size: int = BATCH,
) -> Iterator[DocExtraction]:
    """Parse and extract in batches; each batch's title+lead embeddings are computed
    right after it, in the same process, so worker processes share that cost too."""
    texts = (d.text for d in documents)
    parsed = zip(documents, nlp.pipe(texts, batch_size=16), strict=True)
    batch: list[tuple[Document, DocExtraction]] = []
    for document, doc in parsed:
        batch.append((document, _guarded(document, doc, knowledge)))
        if len(batch) == batch_size:
            yield from _finish(batch, embed, progress)
            batch = []
    yield from _finish(batch, embed, progress)


def _finish(
    batch: list[tuple[Document, DocExtraction]],
    embed: bool,
    progress: Callable[[], None] | None,
) -> Iterator[DocExtraction]:
    if embed and batch:
        docs, extractions = zip(*batch, strict=True)
        for extraction, vector in zip(extractions, embed_documents(docs, extractions), strict=True):
            extraction.embedding = vector
    for _, extraction in batch:
        yield extraction
        if progress is not None:
            progress()


_WORKER: tuple[Language, Knowledge] | None = None


def _init_worker(settings: Settings) -> None:
    """Load the models and the knowledge once per worker process."""
    global _WORKER
    _WORKER = (load_nlp(settings), Knowledge.of(settings))


def _extract_chunk(job: tuple[list[Document], bool, int]) -> list[DocExtraction]:
    assert _WORKER is not None
    documents, embed, batch_size = job
    nlp, knowledge = _WORKER
    return list(extract_serial(documents, nlp, knowledge, None, embed, batch_size))


def extract_all(
    documents: Sequence[Document],
    settings: Settings | None = None,
    progress: Callable[[], None] | None = None,
) -> list[DocExtraction]:
    """Extract (and embed) every original document, in order: in worker processes when
    settings.workers > 1, on a Ray cluster when settings.engine is "ray".
    Near-duplicates are not extracted: they share their original's."""
    settings = settings or Settings()
    originals = [d for d in documents if d.duplicate_of is None]
    if settings.engine == "ray":
        from storyline.extract.ray_engine import extract_on_ray  # Ray is an optional extra

        return extract_on_ray(originals, settings, progress)
    if settings.workers > 1 and len(originals) >= 4 * settings.workers:
        # Whole encoder batches per chunk: the same embedding batches as in-process,
        # so the vectors (and the output) do not depend on the number of workers.
        step = settings.batch
        size = step * max(1, len(originals) // (settings.workers * 4 * step))
        chunks = [
            (list(originals[i : i + size]), settings.embed, step)
            for i in range(0, len(originals), size)
        ]
        results: list[DocExtraction] = []
        with ProcessPoolExecutor(
            settings.workers, initializer=_init_worker, initargs=(settings,)
        ) as pool:
            for chunk in pool.map(_extract_chunk, chunks):
                results.extend(chunk)
                if progress is not None:
                    for _ in chunk:
                        progress()
        return results
    nlp, knowledge = load_nlp(settings), Knowledge.of(settings)
    return list(
        extract_serial(originals, nlp, knowledge, progress, settings.embed, settings.batch)
    )
