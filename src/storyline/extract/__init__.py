"""Extract: the per-document map. One spaCy pass per document, then one function per
kind of thing extracted (mentions, quotes, accusations, times, quantities), each
reading the same `Doc` and returning typed records with offsets into the cleaned text.

This stage is pure: a `Document` in, a `DocExtraction` out, no I/O and no shared
state beyond the models loaded once per process, so it parallelises over processes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from storyline.config import Settings
from storyline.models import DocExtraction, Document, Span


def extract_from_doc(document: Document, doc: Doc) -> DocExtraction:
    """Run every extractor over one parsed document."""
    from storyline.extract.accusations import find_accusations
    from storyline.extract.control import find_controls
    from storyline.extract.mentions import find_mentions
    from storyline.extract.quantities import find_quantities
    from storyline.extract.quotes import find_quotes
    from storyline.extract.times import find_times

    mentions = find_mentions(doc)
    quotes = find_quotes(doc, mentions)
    times = find_times(doc, anchor=document.published)
    return DocExtraction(
        document=document.id,
        sentences=[Span(start=s.start_char, end=s.end_char) for s in doc.sents],
        mentions=mentions,
        quotes=quotes,
        accusations=find_accusations(doc, mentions, quotes),
        times=times,
        quantities=find_quantities(doc, mentions, quotes),
        controls=find_controls(doc, mentions, times, quotes),
    )


def _guarded(document: Document, doc: Doc) -> DocExtraction:
    """One odd document must not sink the batch: its failure is recorded, the rest go on."""
    try:
        return extract_from_doc(document, doc)
    except Exception as exc:
        reason = f"extraction failed ({type(exc).__name__}: {exc})"
        return DocExtraction(document=document.id, error=reason[:300])


BATCH = 32  # documents per encoder call (the encoder sorts each batch by length)


def _extract_serial(
    documents: Sequence[Document],
    nlp: Language,
    progress: Callable[[], None] | None,
    embed: bool = True,
) -> Iterator[DocExtraction]:
    """Parse and extract in batches; each batch's title+lead embeddings are computed
    right after it, in the same process, so worker processes share that cost too."""
    texts = (d.text for d in documents)
    parsed = zip(documents, nlp.pipe(texts, batch_size=16), strict=True)
    batch: list[tuple[Document, DocExtraction]] = []
    for document, doc in parsed:
        batch.append((document, _guarded(document, doc)))
        if len(batch) == BATCH:
            yield from _finish(batch, embed, progress)
            batch = []
    yield from _finish(batch, embed, progress)


def _finish(
    batch: list[tuple[Document, DocExtraction]],
    embed: bool,
    progress: Callable[[], None] | None,
) -> Iterator[DocExtraction]:
    if embed and batch:
        from storyline.extract.embeddings import embed_documents

        docs, extractions = zip(*batch, strict=True)
        for extraction, vector in zip(extractions, embed_documents(docs, extractions), strict=True):
            extraction.embedding = vector
    for _, extraction in batch:
        yield extraction
        if progress is not None:
            progress()


_WORKER_NLP: Language | None = None


def _init_worker(aliases) -> None:
    global _WORKER_NLP
    from storyline.nlp import load_nlp

    _WORKER_NLP = load_nlp(tuple(aliases))


def _extract_chunk(job: tuple[list[Document], bool]) -> list[DocExtraction]:
    assert _WORKER_NLP is not None
    documents, embed = job
    return list(_extract_serial(documents, _WORKER_NLP, None, embed))


def extract_all(
    documents: Sequence[Document],
    settings: Settings | None = None,
    progress: Callable[[], None] | None = None,
) -> list[DocExtraction]:
    """Extract (and embed) every original document, in order; in worker processes when
    settings.workers > 1. Near-duplicates are not extracted: they share their original's."""
    from storyline.nlp import load_nlp

    settings = settings or Settings()
    originals = [d for d in documents if d.duplicate_of is None]
    if settings.workers > 1 and len(originals) >= 4 * settings.workers:
        from concurrent.futures import ProcessPoolExecutor

        size = max(BATCH, len(originals) // (settings.workers * 4))
        chunks = [
            (list(originals[i : i + size]), settings.embed) for i in range(0, len(originals), size)
        ]
        results: list[DocExtraction] = []
        with ProcessPoolExecutor(
            settings.workers, initializer=_init_worker, initargs=(settings.aliases,)
        ) as pool:
            for chunk in pool.map(_extract_chunk, chunks):
                results.extend(chunk)
                if progress is not None:
                    for _ in chunk:
                        progress()
        return results
    nlp = load_nlp(tuple(settings.aliases))
    return list(_extract_serial(originals, nlp, progress, settings.embed))
