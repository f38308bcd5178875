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
from storyline.extract.control import find_controls
from storyline.extract.embeddings import embed_documents
from storyline.extract.mentions import find_mentions
from storyline.extract.nlp import load_nlp
from storyline.extract.pieces import MAX_PIECE_CHARS, Piece, merge_pieces, split_pieces
from storyline.extract.quantities import find_quantities
from storyline.extract.quotes import find_quotes
from storyline.extract.references import References
from storyline.extract.time_rules import time_rules
from storyline.extract.times import find_times
from storyline.lexicon import Knowledge
from storyline.models import DocExtraction, Document, RejectedNumber, Span

# The extractors, in the order they run; each reads the `Doc` and what earlier ones found.
EXTRACTORS = ("mentions", "quotes", "accusations", "times", "quantities", "controls")


def _run_extractor(
    name: str,
    document: Document,
    doc: Doc,
    found: dict[str, list],
    knowledge: Knowledge,
    refs: References | None,
) -> list:
    if name == "mentions":
        return find_mentions(doc)
    if name == "quotes":
        return find_quotes(doc, found["mentions"], knowledge, refs)
    if name == "accusations":
        return find_accusations(doc, found["mentions"], found["quotes"], knowledge, refs)
    if name == "times":
        return find_times(doc, anchor=document.published, rules=time_rules(knowledge))
    if name == "controls":
        return find_controls(doc, found["mentions"], found["times"], found["quotes"], knowledge)
    rejected: list[RejectedNumber] = []  # numbers judged not claims, with the reason
    found["rejected_numbers"] = rejected
    return find_quantities(doc, found["mentions"], found["quotes"], knowledge, rejected, refs)


def extract_from_doc(document: Document, doc: Doc, knowledge: Knowledge) -> DocExtraction:
    """Run every extractor over one document (or one piece of a long one) parsed by
    `load_nlp`, whose mention component already left the mentions on the Doc.

    Each extractor is isolated: one that raises costs only its own records for this
    document (later extractors see an empty list in their place), and the failure is
    recorded in `error`, which the pipeline reports as a problem.
    """
    found: dict[str, list] = {}
    failures: list[str] = []
    refs: References | None = None  # the document's reference resolver, shared by all
    for name in EXTRACTORS:
        try:
            found[name] = _run_extractor(name, document, doc, found, knowledge, refs)
            if name == "mentions":
                refs = References(
                    doc, found["mentions"], knowledge, document.doc_type, document.outlet
                )
        except Exception as exc:  # one extractor's bug must not cost the others' records
            found[name] = []
            failures.append(f"{name} extractor failed ({type(exc).__name__}: {exc})")
    if refs is not None:
        found["references"] = refs.records()  # what the extractors resolved, and why not
    return DocExtraction(
        document=document.id,
        sentences=[Span(start=s.start_char, end=s.end_char) for s in doc.sents],
        **found,
        error="; ".join(failures)[:300] or None,
    )


def _guarded(document: Document, doc: Doc, knowledge: Knowledge) -> DocExtraction:
    """One odd document must not sink the batch: its failure is recorded, the rest go on."""
    try:
        return extract_from_doc(document, doc, knowledge)
    except Exception as exc:
        reason = f"extraction failed ({type(exc).__name__}: {exc})"
        return DocExtraction(document=document.id, error=reason[:300])


BATCH = 32  # default documents per encoder call (the encoder sorts each batch by length)


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
    documents: Sequence[Document], nlp: Language, knowledge: Knowledge
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
        parts.append((piece, _guarded(document, doc, knowledge)))
    if current is not None:
        yield current, merge_pieces(current.id, parts)


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
    batch: list[tuple[Document, DocExtraction]] = []
    for document, extraction in _parse_and_extract(documents, nlp, knowledge):
        batch.append((document, extraction))
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
    return list(extract_serial(originals, nlp, knowledge, progress, settings.embed, settings.batch))
