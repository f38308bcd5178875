"""Reader comments with their authors, from the structure of an HTML page.

Comment systems mark each comment up the same way whatever the site: a repeated item
(``<li>``, ``<div>``, ``<article>``) whose class is ``comment`` (or whose id is
``comment-N``), holding an author element (class ``comment-author``, ``author``, ``fn``,
``username``…, or a ``<cite>``) and the comment's paragraphs. Replies nest inside their
parent's item; each becomes its own comment. Dates, "Reply" links and avatars are left
out. Pages whose comments carry no such markup give no structured comments here (the
flat comment text from trafilatura is still kept).
"""

from __future__ import annotations

import re

from lxml import etree

from storyline.models import Comment

_ITEM_CLASS = re.compile(r"^(comment|comment-item|comment-body|single-comment|reply|post-comment)$")
_ITEM_ID = re.compile(r"^(comment|div-comment|li-comment)-\d+$")
_AUTHOR_CLASS = re.compile(
    r"(^|-)(author|fn|username|user-name|commenter|comment-author|name|nickname)$"
)
_SKIP_CLASS = re.compile(r"(^|-)(meta|metadata|date|time|reply|avatar|actions|permalink|edit)$")
_SAYS = re.compile(r"\s*(says|said|wrote)\s*[:.…]*\s*$", re.IGNORECASE)
_MAX_COMMENTS = 500


def _classes(el) -> list[str]:
    value = el.get("class")
    return value.lower().split() if isinstance(value, str) else []


def _is_item(el) -> bool:
    if not isinstance(el.tag, str) or el.tag not in ("li", "div", "article", "section"):
        return False
    if any(_ITEM_CLASS.match(c) for c in _classes(el)):
        return True
    ident = el.get("id")
    return bool(isinstance(ident, str) and _ITEM_ID.match(ident.lower()))


def _own_descendants(item):
    """Descendants of a comment item, not descending into nested comment items."""
    stack = list(reversed(list(item)))
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str) or _is_item(el):
            continue
        yield el
        stack.extend(reversed(list(el)))


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _author(item) -> tuple[str | None, object | None]:
    for el in _own_descendants(item):
        if el.tag == "cite" or any(_AUTHOR_CLASS.search(c) for c in _classes(el)):
            name = _SAYS.sub("", _text(el)).strip(" :")
            if name and len(name) <= 80:
                return name, el
    return None, None


def _body(item, author_el) -> str:
    skip = {author_el} if author_el is not None else set()
    paragraphs: list[str] = []
    for el in _own_descendants(item):
        if any(_SKIP_CLASS.search(c) for c in _classes(el)) or el.tag in ("time", "img"):
            skip.add(el)
        if el.tag != "p" or any(a in skip for a in el.iterancestors()) or el in skip:
            continue
        text = _text(el)
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)


def comments_with_authors(tree) -> list[Comment]:
    """Every marked-up comment in the page, in document order; [] if none is marked up."""
    comments: list[Comment] = []
    try:
        items = [el for el in tree.iter() if _is_item(el)]
    except (ValueError, etree.LxmlError):
        return []
    for item in items[:_MAX_COMMENTS]:
        author, author_el = _author(item)
        text = _body(item, author_el)
        if text and author:
            comments.append(Comment(author=author, text=text))
    return comments or comments_by_layout(tree)


# ------------------------------------------------------------ comments by page layout

# A class or id token naming a comment section: 'comments', 'comment-list', 'reactions',
# 'reader-reactions', 'user_comments' (not 'responsive', not 'commentary').
_SECTION = re.compile(
    r"^(?:[a-z]+[-_])?(?:comments?|reactions|responses|discussion|replies)(?:[-_](?:list|area|section|wrap|wrapper|block|thread|container))?$",
    re.IGNORECASE,
)
_BLOCK_TAGS = {"p", "div", "span", "b", "strong", "cite", "time", "header", "h4", "h5", "a", "em"}
_TIMESTAMP = re.compile(
    r"^(?:posted|published|on|at|edited)?\s*[\w ,./:-]{0,40}?\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?)?$"
    r"|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$|^\d+\s+\w+\s+ago$",
    re.IGNORECASE,
)
_CHROME = re.compile(r"^(?:reply|report|like|share|flag|edit|delete|\d+ likes?)$", re.IGNORECASE)


def _leaf_texts(item) -> list[str]:
    """The texts of an item's innermost blocks, in order."""
    out: list[str] = []
    for el in item.iter():
        if not isinstance(el.tag, str) or el is item or el.tag in ("script", "style", "noscript"):
            continue
        if any(a.tag in ("script", "style", "noscript") for a in el.iterancestors()):
            continue
        if any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in el):
            continue  # not innermost: its children speak
        text = _text(el)
        if text and not any(text in t for t in out[-1:]):
            out.append(text)
    return out


def _name_block(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 6
        and len(text) <= 60
        and not re.search(r"[!?;:\"“”(){}]|[^A-Z]\.$", text)
        and not text.isupper()
    )


def _item_comment(item) -> Comment | None:
    blocks = [t for t in _leaf_texts(item) if not _TIMESTAMP.match(t) and not _CHROME.match(t)]
    if len(blocks) < 2 or not _name_block(blocks[0]):
        return None
    author = _SAYS.sub("", blocks[0]).strip(" :")
    text = "\n\n".join(blocks[1:])
    return Comment(author=author, text=text) if author and text else None


def comments_by_layout(tree) -> list[Comment]:
    """Comments from a section named for comments (class or id 'comments', 'reactions'…)
    whose repeated items each hold a name, perhaps a timestamp, then the text: the
    layout of most comment widgets, whatever their class names."""
    try:
        sections = [
            el
            for el in tree.iter()
            if isinstance(el.tag, str)
            and el.tag in ("section", "div", "ul", "ol", "aside")
            and any(
                _SECTION.match(t) for t in f"{el.get('class') or ''} {el.get('id') or ''}".split()
            )
        ]
    except (ValueError, etree.LxmlError):
        return []
    for section in sections:
        for parent in [section, *section.iter()]:
            if not isinstance(parent.tag, str):
                continue
            kids = [
                c for c in parent if isinstance(c.tag, str) and c.tag in ("li", "div", "article")
            ]
            found = [c for c in (_item_comment(k) for k in kids) if c is not None]
            if found and len(found) >= max(1, len(kids) // 2):
                return found[:_MAX_COMMENTS]
    return []
