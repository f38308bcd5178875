"""HTML main-text extraction: trafilatura for the article, htmldate for its date.

One trafilatura pass gives the main text (navigation, footers and reader comments left
out) and the page metadata: title, canonical URL, site name (the outlet), author and
the original publication date (htmldate, from the page's markup only: datelines in the
text are the cleaning stage's business, so that `published_from` can tell the two
apart). Reader comments are taken apart from the same parsed page: as flat text by
trafilatura's comment-section rules, and with their authors where the markup tells them
(`reader_comments`). Paragraphs come out separated by blank lines.
"""

from __future__ import annotations

import logging
import re
from copy import copy, deepcopy
from dataclasses import dataclass, field

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.htmlprocessing import convert_tags, tree_cleaning
from trafilatura.main_extractor import extract_comments
from trafilatura.settings import DEFAULT_CONFIG, Extractor, set_date_params
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from storyline.ingest.deep_html import flatten_deep
from storyline.ingest.reader_comments import comments_with_authors
from storyline.models import Comment

# trafilatura logs every page it gives up on at WARNING; a Problem says it once instead.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)

# Short articles (press statements, briefs) are real articles: trafilatura's defaults
# distrust anything under 250 characters and then go looking elsewhere on the page.
_CONFIG = deepcopy(DEFAULT_CONFIG)
_CONFIG["DEFAULT"]["MIN_EXTRACTED_SIZE"] = "120"
_CONFIG["DEFAULT"]["MIN_FILE_SIZE"] = "1"

_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")
_COMMENTISH = re.compile(r"comment|respond|reply|disqus|reaction", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z!][^<>]{0,400}>")
_BLANKS = re.compile(r"\n{3,}")


@dataclass
class HtmlArticle:
    """What a page yields: main text, reader comments and metadata."""

    body: str
    comments: str | None = None
    comment_list: list[Comment] = field(default_factory=list)
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None


class NoArticleText(ValueError):
    """trafilatura found no main text in the page."""


def looks_like_html(text: str) -> bool:
    """True for a document that is markup (sniffing stdin and unknown extensions)."""
    head = text.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html")) or (
        head.startswith("<") and any(t in head for t in ("<body", "<head", "<p>", "<div", "<p "))
    )


def is_page(text: str) -> bool:
    """A whole page (with boilerplate to strip) rather than a fragment of markup."""
    head = text[:5000].lower()
    return "<html" in head or "<body" in head


def text_of_markup(markup: str) -> str:
    """Main text of a page, or the plain text of a fragment (feed items, JSON fields)."""
    if is_page(markup):
        try:
            return extract_article(markup).body
        except NoArticleText:
            return ""
    return strip_tags(markup)


def paragraphs(text: str) -> str:
    """trafilatura puts one block per line; the rest of Storyline wants blank lines."""
    lines = (line.strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def extract_article(html: str, url: str | None = None) -> HtmlArticle:
    """Main text, comments and metadata of one page, or raise `NoArticleText`.

    Truncated pages are parsed as far as they go (lxml recovers unclosed tags): the text
    up to the cut is kept. Markup nested deeper than the parser goes is flattened first.
    """
    html = flatten_deep(html)
    tree = load_html(html)
    if tree is None:
        body = _fallback_text(html)
        if not body:
            raise NoArticleText("no article text found in the HTML")
        return HtmlArticle(body=body)
    doc = trafilatura.bare_extraction(
        tree,  # trafilatura works on a copy: the tree stays whole for the comments below
        url=url,
        # Comments off for the body: with them on, trafilatura sometimes takes a comment
        # thread for the article (measured on the extraction benchmark, docs/quality.md).
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        date_extraction_params=set_date_params(False),
        config=_CONFIG,
    )
    body = paragraphs(doc.text or "") if doc is not None else ""
    if not body:
        body = _fallback_text(html)
        if not body:
            raise NoArticleText("no article text found in the HTML")
        if doc is None:
            return HtmlArticle(body=body)
    has_comments = bool(_COMMENTISH.search(html))
    return HtmlArticle(
        body=body,
        comments=_comments(tree, url) if has_comments else None,
        comment_list=comments_with_authors(tree) if has_comments else [],
        title=_clean(doc.title),
        url=_clean(doc.url) or url,
        outlet=_clean(doc.sitename),
        published=_clean(doc.date),
        author=_clean(doc.author),
    )


def _comments(tree, url: str | None) -> str | None:
    """Reader comments, from the page's comment section only (trafilatura's own rules)."""
    try:
        options = Extractor(config=_CONFIG, comments=True, url=url)
        cleaned = convert_tags(tree_cleaning(copy(tree), options), options, url)
        body, text, _ = extract_comments(cleaned, options)
        return paragraphs(xmltotxt(body, False)) or None if text else None
    except Exception:  # internal trafilatura helpers: no comments beats no article
        return None


def _fallback_text(html: str) -> str:
    """Visible text of the body when trafilatura gives up (fragments, broken markup)."""
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    for el in tree.xpath("//head|//script|//style|//noscript|//template|//nav|//footer"):
        el.drop_tree()
    for el in tree.iter(_BLOCK_TAGS):
        # a block boundary is a paragraph boundary
        el.text = "\n" + (el.text or "")
        el.tail = "\n" + (el.tail or "")
    return paragraphs(tree.text_content())


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def strip_tags(text: str) -> str:
    """Plain text of a small markup fragment (feed summaries), paragraphs kept."""
    if "<" not in text:
        return text.strip()
    blocky = re.sub(r"(?i)</?(p|div|br|li|h[1-6]|blockquote)\b[^>]*>", "\n\n", text)
    from html import unescape

    plain = unescape(_TAG.sub("", blocky))
    return _BLANKS.sub("\n\n", "\n".join(line.strip() for line in plain.splitlines())).strip()
