"""Reader comments: split the comment section off the bottom of an article.

A section opens at a 'NAME said...' header (blog style), or at a section line ('Leave a
Reply', '12 comments', 'Comments'). From there on everything is comments: each header
starts one, and a comment runs over as many paragraphs as it has until the next header.
Comment-form chrome ('Reply', 'Your email address will not be published', a timestamp
under the header) goes to `removed`, like any boilerplate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.ingest.dates import parse_dateline
from storyline.ingest.rules import Boilerplate, boilerplate
from storyline.models import Comment

# A name is short and carries no sentence punctuation or quotation marks.
_BAD_AUTHOR = re.compile(r"[\"“”«»,;!?]|^\W|:$")
# Comment sections are looked for only after this many non-empty lines of article.
MIN_ARTICLE_LINES = 2


@dataclass
class CommentSplit:
    body: list[str]
    comments: list[Comment] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def comment_author(line: str, rules: Boilerplate, opening: bool) -> str | None:
    """The commenter's name if `line` is a comment header, else None.

    `opening`: only the header forms that may open a comment section count.
    """
    stripped = line.strip()
    if not stripped or len(stripped) > 90:
        return None
    patterns = (
        rules.comment_header_open if opening else rules.comment_header_open + rules.comment_header
    )
    for pattern in patterns:
        m = pattern.fullmatch(stripped)
        if not m:
            continue
        author = m.group("author").strip()
        if (
            not author
            or len(author.split()) > 6
            or _BAD_AUTHOR.search(author)
            or author.casefold() in rules.not_authors
        ):
            continue
        return author
    return None


# A commenter's handle: one token such as 'bangui_mama', 'maria.c.cucuta', 'Patriot236'.
_HANDLE = re.compile(r"[\w][\w.@-]{1,38}")
# '— Ifeoma A., 9 May 2021': the name and date that sign a comment, under its text.
_SIGNATURE = re.compile(r"[—–-]{1,2}\s*(?P<author>[^,—–]{1,40}?),\s*(?P<when>.{4,40})")
_CLOCK = re.compile(
    r"(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4},?\s*)?\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?"
)


def _is_timestamp(line: str, rules: Boilerplate) -> bool:
    """A comment's date and time on their own line: '10 August 2025, 11:02',
    '20.01.2026, 09:12', 'Posted 10:47'."""
    if not line or len(line) > 60:
        return False
    if parse_dateline(line, rules):
        return True
    rest = re.sub(r"(?i)^(?:posted|published|edited)\s*(?:on|at)?\s*", "", line.strip())
    return bool(_CLOCK.fullmatch(rest))


def _name_like(line: str, rules: Boilerplate) -> bool:
    """A commenter's name alone on a line: 1-4 capitalised words, no sentence marks."""
    words = line.split()
    return (
        0 < len(words) <= 4
        and len(line) <= 40
        and not _BAD_AUTHOR.search(line)
        and all(w[0].isupper() for w in words)
        and line.casefold() not in rules.not_authors
        and not (line.endswith(".") and len(words[-1]) > 2)
    )


def is_section_start(line: str, rules: Boilerplate) -> bool:
    stripped = line.strip()
    return bool(stripped) and any(p.fullmatch(stripped) for p in rules.comment_section)


def split_comments(lines: list[str], rules: Boilerplate | None = None) -> CommentSplit:
    """Split `lines` (an article, one line per item) into body lines and reader comments."""
    rules = rules or boilerplate()
    start = _section_start(lines, rules)
    if start is None:
        return CommentSplit(body=list(lines))
    out = CommentSplit(body=list(lines[:start]))
    out.comments, out.removed = parse_comments(lines[start:], rules)
    return out


def _section_start(lines: list[str], rules: Boilerplate) -> int | None:
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if seen >= MIN_ARTICLE_LINES and (
            is_section_start(line, rules) or comment_author(line, rules, opening=True)
        ):
            return i
        seen += 1
    return None


def parse_comments(
    lines: list[str], rules: Boilerplate | None = None
) -> tuple[list[Comment], list[str]]:
    """Comments (with authors where a header names one) and the chrome lines removed."""
    rules = rules or boilerplate()
    comments: list[Comment] = []
    removed: list[str] = []
    author: str | None = None
    paragraphs: list[str] = []
    opened = False  # a header has been seen: text belongs to its comment
    pending: str | None = None  # headerless mode: a name line awaiting its text
    just_opened = False

    def flush() -> None:
        text = "\n\n".join(paragraphs)
        if text:
            comments.append(Comment(author=author, text=text))
        paragraphs.clear()

    nonempty = [line for line in lines if line.strip()]
    for k, line in enumerate(nonempty):
        stripped = line.strip()
        following = nonempty[k + 1].strip() if k + 1 < len(nonempty) else ""
        name = comment_author(stripped, rules, opening=False)
        if name is not None:
            flush()
            author, opened, just_opened = name, True, True
            continue
        if is_section_start(stripped, rules) or rules.kind_of(stripped):
            removed.append(line)
            continue
        if just_opened and parse_dateline(stripped, rules):
            removed.append(line)  # the comment's timestamp, under its header
            continue
        just_opened = False
        if not opened:
            # A section with no 'said' headers: a name alone on its line followed by text
            # (how comment lists come out of HTML) heads a comment, a timestamp under the
            # name goes; a '— Name, date' line signs the comment above it; any other
            # paragraph is one comment of unknown author.
            signed = _SIGNATURE.fullmatch(stripped)
            if signed and comments and comments[-1].author is None and pending is None:
                comments[-1] = Comment(author=signed["author"].strip(), text=comments[-1].text)
                removed.append(line)
            elif pending is not None and _is_timestamp(stripped, rules):
                removed.append(line)
            elif pending is not None:
                comments.append(Comment(author=pending, text=stripped))
                pending = None
            elif _name_like(stripped, rules) or (
                _HANDLE.fullmatch(stripped) and _is_timestamp(following, rules)
            ):
                pending = stripped
            else:
                comments.append(Comment(author=None, text=stripped))
            continue
        paragraphs.append(stripped)
    flush()
    if pending is not None:  # a lone name line with no text under it: keep it as text
        comments.append(Comment(author=None, text=pending))
    return comments, removed
