"""Raw input -> cleaned, dated, typed `Document`.

Order of work: split reader comments off the bottom, clean the body (boilerplate,
captions, credits, 'Source:' lines, datelines, link lists), then settle the metadata:
title, publication date (metadata, else dateline), outlet (metadata, else 'Source:'
line, else URL host), author, type, and the content hash of the cleaned text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from storyline.ingest.clean import clean_lines
from storyline.ingest.comments import parse_comments, split_comments
from storyline.ingest.dates import normalise_published
from storyline.ingest.frame_dates import opening_dateline, signature_date, url_date
from storyline.ingest.metadata import classify_doc_type, clean_outlet, outlet_from_url
from storyline.ingest.rules import boilerplate
from storyline.lexicon import Knowledge
from storyline.models import Comment, Document, Problem, RawInput


def content_hash(text: str) -> str:
    """sha256 of the normalised cleaned text (NFKC, whitespace collapsed): the same
    article read twice, or from two files, hashes the same."""
    norm = " ".join(unicodedata.normalize("NFKC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def _lines(body: str) -> list[str]:
    return body.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _extra_comments(raw: RawInput) -> list[Comment]:
    """Comments a reader extracted apart from the body (an HTML page's comment block):
    the structured list where the page's markup gave authors, else the flat text."""
    structured = getattr(raw, "comments", None)
    if structured:
        out = []
        for c in structured:
            if isinstance(c, Comment):
                out.append(c)
            elif isinstance(c, dict) and c.get("text"):
                out.append(Comment(author=c.get("author"), text=str(c["text"])))
        if out:
            return out
    flat = getattr(raw, "comments_text", None)
    if isinstance(flat, str) and flat.strip():
        comments, _removed = parse_comments(_lines(flat))
        return comments
    return []


def _without_comments(lines: list[str], comments: list[Comment]) -> tuple[list[str], list[str]]:
    """Body lines minus those of the comments found apart (a comment widget the page's
    main-text extraction took for article text): each comment's paragraphs and its author
    line go."""
    if not comments:
        return lines, []
    paragraphs = {p.strip() for c in comments for p in c.text.split("\n") if p.strip()}
    authors = {c.author.strip() for c in comments if c.author}
    kept: list[str] = []
    leaked: list[str] = []
    for line in lines:
        s = line.strip()
        if s and (s in paragraphs or s in authors):
            leaked.append(line)
        else:
            kept.append(line)
    if not any(s.strip() in paragraphs for s in leaked):
        return lines, []  # no comment text in the body: a name alone proves nothing
    return kept, leaked


def build_document(
    raw: RawInput, doc_id: str, knowledge: Knowledge | None = None
) -> Document | Problem:
    """Clean, date and type one input with the rules of `knowledge` (the bundled ones by
    default). Odd input gives a `Problem`, never an exception."""
    try:
        return _build(raw, doc_id, knowledge)
    except Exception as exc:  # one odd document must not stop the batch
        return Problem(
            source=raw.source,
            line=raw.line,
            reason=f"could not clean the text: {type(exc).__name__}: {exc}",
            stage="clean",
        )


def _build(raw: RawInput, doc_id: str, knowledge: Knowledge | None) -> Document | Problem:
    rules = boilerplate(knowledge)
    body = raw.body or ""
    split = split_comments(_lines(body), rules)
    extra = _extra_comments(raw)
    split.body, leaked = _without_comments(split.body, extra)
    cleaned = clean_lines(split.body, title=raw.title, rules=rules, outlet=clean_outlet(raw.outlet))
    text = cleaned.text
    if not text.strip():
        return Problem(
            source=raw.source,
            line=raw.line,
            reason="no article text left after removing boilerplate and comments",
            stage="clean",
        )
    published = normalise_published(raw.published, rules)
    published_from = "metadata" if published else None
    if published is None and cleaned.dateline:
        published, published_from = cleaned.dateline, "text"
    if published is None:
        published = opening_dateline(cleaned.paragraphs, knowledge) or signature_date(
            cleaned.paragraphs, knowledge
        )
        published_from = "text" if published else None
    url = raw.url or (raw.source if re.match(r"https?://", raw.source) else None)
    if published is None and url_date(url, knowledge):
        published, published_from = url_date(url, knowledge), "metadata"
    outlet = (
        clean_outlet(raw.outlet)
        or clean_outlet(cleaned.masthead)
        or clean_outlet(cleaned.outlet)
        or outlet_from_url(url, knowledge)
    )
    title = cleaned.title
    if title:
        title = re.sub(r"\s+", " ", title).strip()
    removed = cleaned.removed + split.removed + leaked  # in reading order
    kinds = cleaned.kinds + [("comment_chrome", line) for line in split.removed + leaked]
    return Document(
        id=doc_id,
        source=raw.source,
        title=title,
        outlet=outlet,
        url=url,
        published=published,
        published_from=published_from,
        doc_type=classify_doc_type(title, cleaned.paragraphs, kinds, knowledge),
        text=text,
        removed=removed,
        comments=split.comments + extra,
        content_hash=content_hash(text),
        author=_plausible_author(raw.author) or cleaned.author or None,
    )


_NOT_AN_AUTHOR = re.compile(r"^(?:published|updated|posted|last updated)\b|[;\d]", re.IGNORECASE)


def _plausible_author(name: str | None) -> str | None:
    """A metadata author, unless it is a date line's chrome ('Published ; X newsroom')."""
    if not name or _NOT_AN_AUTHOR.search(name.strip()):
        return None
    return name.strip()
