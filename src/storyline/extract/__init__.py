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
from storyline.extract.pieces import MAX_PIECE_CHARS, Piece, merge_pieces, split_pieces
from storyline.models import DocExtraction, Document, Span

# The extractors, in the order they run; each reads the `Doc` and what earlier ones found.
EXTRACTORS = ("mentions", "quotes", "accusations", "times", "quantities")


def _run_extractor(name: str, document: Document, doc: Doc, found: dict[str, list]) -> list:
    from storyline.extract.accusations import find_accusations
    from storyline.extract.mentions import find_mentions
    from storyline.extract.quantities import find_quantities
    from storyline.extract.quotes import find_quotes
    from storyline.extract.times import find_times

    if name == "mentions":
        return find_mentions(doc)
    if name == "quotes":
        return find_quotes(doc, found["mentions"])
    if name == "accusations":
        return find_accusations(doc, found["mentions"], found["quotes"])
    if name == "times":
        return find_times(doc, anchor=document.published)
    return find_quantities(doc, found["mentions"], found["quotes"])


def extract_from_doc(document: Document, doc: Doc) -> DocExtraction:
    """Run every extractor over one parsed document (or one piece of a long one).

    Each extractor is isolated: one that raises costs only its own records for this
    document (later extractors see an empty list in their place), and the failure is
    recorded in `error`, which the pipeline reports as a problem.
    """
    found: dict[str, list] = {}
    failures: list[str] = []
    for name in EXTRACTORS:
        try:
            found[name] = _run_extractor(name, document, doc, found)
        except Exception as exc:  # one extractor's bug must not cost the others' records
            found[name] = []
            failures.append(f"{name} extractor failed ({type(exc).__name__}: {exc})")
    return DocExtraction(
        document=document.id,
        sentences=[Span(start=s.start_char, end=s.end_char) for s in doc.sents],
        **found,
        error="; ".join(failures)[:300] or None,
    )


def _guarded(document: Document, doc: Doc) -> DocExtraction:
    """One odd document must not sink the batch: its failure is recorded, the rest go on."""
    try:
        return extract_from_doc(document, doc)
    except Exception as exc:
        reason = f"extraction failed ({type(exc).__name__}: {exc})"
        return DocExtraction(document=document.id, error=reason[:300])


BATCH = 32  # documents per encoder call (the encoder sorts each batch by length)


PARSE_BATCH_DOCS = 16  # texts per spaCy batch
PARSE_BATCH_CHARS = 200_000  # and characters: the parser's memory grows with a batch's text


def _parse_batches(pairs: list[tuple[Document, Piece]]) -> Iterator[list[tuple[Document, Piece]]]:
    """Consecutive batches of at most PARSE_BATCH_DOCS texts and (unless one piece alone
    is longer) PARSE_BATCH_CHARS characters: the pieces of a long document are not all
    parsed at once, so peak memory does not grow with the document's length."""
    batch: list[tuple[Document, Piece]] = []
    chars = 0
    for pair in pairs:
        size = pair[1].end - pair[1].start
        if batch and (len(batch) == PARSE_BATCH_DOCS or chars + size > PARSE_BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(pair)
        chars += size
    if batch:
        yield batch


def _parse_and_extract(
    documents: Sequence[Document], nlp: Language
) -> Iterator[tuple[Document, DocExtraction]]:
    """Each document's extraction, in order. A long document is parsed in pieces (see
    `pieces`): spaCy's length limit never applies and its cost stays linear."""
    limit = min(MAX_PIECE_CHARS, nlp.max_length)
    pairs = [(d, p) for d in documents for p in split_pieces(d.text, limit)]
    parsed = (
        pair
        for batch in _parse_batches(pairs)
        for pair in zip(
            batch,
            nlp.pipe([d.text[p.start : p.end] for d, p in batch], batch_size=len(batch)),
            strict=True,
        )
    )
    current: Document | None = None
    parts: list[tuple[Piece, DocExtraction]] = []
    for (document, piece), doc in parsed:
        if current is not None and document is not current:
            yield current, merge_pieces(current.id, parts)
            parts = []
        current = document
        parts.append((piece, _guarded(document, doc)))
    if current is not None:
        yield current, merge_pieces(current.id, parts)


def _extract_serial(
    documents: Sequence[Document],
    nlp: Language,
    progress: Callable[[], None] | None,
    embed: bool = True,
) -> Iterator[DocExtraction]:
    """Parse and extract in batches; each batch's title+lead embeddings are computed
    right after it, in the same process, so worker processes share that cost too."""
    batch: list[tuple[Document, DocExtraction]] = []
    for document, extraction in _parse_and_extract(documents, nlp):
        batch.append((document, extraction))
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
