"""Boilerplate removal over an article's lines: general patterns over structure.

What goes: page chrome (read-time lines, 'Related Content', 'Read more ....', share and
subscribe prompts, blog footers), a line repeating the headline, photo captions and
credits, 'Source: X' lines (X becomes the outlet), link lists of other outlets'
headlines, bylines and datelines near the top (the dateline becomes the date). Every
removed line is kept verbatim in `removed`. The patterns are data
(storyline/data/boilerplate.toml) that users extend.

What stays: paragraphs. Blank-line separated paragraphs stay paragraphs; so do lines of
an article written one paragraph per line; hard-wrapped lines are joined back.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from storyline.ingest.dates import find_date, parse_dateline
from storyline.ingest.layout import layout_marks
from storyline.ingest.rules import Boilerplate, boilerplate

# A headline is short; a longer first line is the lead paragraph, not a title.
MAX_TITLE_WORDS = 40
_SENTENCE_END = re.compile(r"[.!?:;\"”’')\]…]$")
_PUBLISHED_PREFIX = re.compile(r"\b(?:published|posted|updated|date)\b", re.IGNORECASE)
_ALNUM = re.compile(r"\w")
_OUTLET_CONNECTORS = {"of", "the", "and", "&", "de", "al", "el", "on", "for", "la", "le", "du"}
# 'By Tuesday, ...' is no byline.
_WEEKDAYS_MONTHS = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june"
    r"|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?"
    r"|oct|nov|dec|today|tomorrow|yesterday|then|now|noon|midnight)\b\.?",
    re.IGNORECASE,
)


@dataclass
class Cleaned:
    """The outcome of cleaning one article body."""

    title: str | None
    paragraphs: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kinds: list[tuple[str, str]] = field(default_factory=list)  # (kind, removed line)
    outlet: str | None = None  # from a 'Source: X' line
    dateline: str | None = None  # ISO date from a dateline near the top
    author: str | None = None  # from a byline near the top
    masthead: str | None = None  # the outlet's name on its own line at the top

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def remove(self, kind: str, line: str) -> None:
        self.removed.append(line)
        self.kinds.append((kind, line))


def normalise_line(text: str) -> str:
    """Case-, accent- and punctuation-blind form of a line, to spot a repeated headline."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", text))


# ------------------------------------------------------------------------- line rules


def source_outlet(line: str, rules: Boilerplate) -> str | None:
    """X if `line` is a 'Source: X' line, else None."""
    if len(line.split()) > rules.source_max_words + 6:
        return None
    for pattern in rules.source:
        m = pattern.fullmatch(line)
        if m:
            outlet = m.group("outlet").strip(" .()[]")
            if outlet and len(outlet.split()) <= rules.source_max_words:
                return outlet
    return None


def is_caption(line: str, rules: Boilerplate) -> bool:
    """A photo caption or credit: a credit on its own, or a short line ending in one."""
    if rules.credit_line.fullmatch(line):
        return True
    if len(line.split()) > rules.caption_max_words:
        return False
    return bool(
        rules.bracket_credit.fullmatch(line)
        or rules.trailing_credit.fullmatch(line)
        or any(p.fullmatch(line) for p in rules.caption_patterns)
    )


def byline_author(line: str, rules: Boilerplate, at_end: bool = False) -> str | None:
    """The author of a byline line; with `at_end`, of a byline that ends a longer line
    ('Posted on 9 May 2021 by Ana Ruiz', whose date makes it a dateline)."""
    for pattern in rules.byline:
        if at_end:
            found = [
                m
                for m in pattern.finditer(line)
                if m.end() == len(line) and (m.start() == 0 or not line[m.start() - 1].isalnum())
            ]
            m = found[0] if found else None
        else:
            m = pattern.fullmatch(line)
        if m:
            author = m.group("author").strip()
            if not _WEEKDAYS_MONTHS.match(author):
                return author
    return None


def _is_outlet_name(text: str, max_words: int) -> bool:
    words = text.split()
    if not words or len(words) > max_words or not (text[0].isupper() or text[0].isdigit()):
        return False
    if text.endswith((".", ",", ";", ":")) and not re.search(r"\b[A-Z]\.$", text):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w in _OUTLET_CONNECTORS for w in words)


def is_link_line(line: str, rules: Boilerplate) -> bool:
    """'Some headline -- Outlet': one entry of a list of other outlets' stories."""
    for sep in rules.link_separators:
        token = f" {sep} "
        if token not in line:
            continue
        head, outlet = line.rsplit(token, 1)
        if len(head.split()) >= 3 and _is_outlet_name(outlet.strip(), rules.link_max_outlet_words):
            return True
    return False


def _link_list_lines(stripped: list[str], rules: Boilerplate) -> set[int]:
    """Indices of lines in link lists: runs of link lines (blank lines may separate them),
    or a single one right under a 'related' / 'more news' header."""
    out: set[int] = set()
    run: list[int] = []
    prev: str = ""  # the non-empty line before the current one
    header: str = ""  # the line above the current run

    def close() -> None:
        if len(run) >= rules.link_min_lines or (
            run and rules.kind_of(header) in ("related", "read_more")
        ):
            out.update(run)

    for i, s in enumerate(stripped):
        if not s:
            continue
        if is_link_line(s, rules):
            if not run:
                header = prev
            run.append(i)
        else:
            close()
            run = []
        prev = s
    close()
    return out


def remove_inline_credits(line: str, rules: Boilerplate) -> tuple[str, list[str]]:
    """Drop credit sentences inside a paragraph ('... forces. Reuters. The city ...')."""
    found: list[str] = []

    def drop(m: re.Match[str]) -> str:
        found.append(m.group(1))
        return ""

    return rules.inline_credit.sub(drop, line), found


# ---------------------------------------------------------------------------- cleaning


def clean_lines(
    lines: list[str],
    title: str | None = None,
    rules: Boilerplate | None = None,
    outlet: str | None = None,
) -> Cleaned:
    """Clean an article given as lines. `title`: the headline from metadata, if any;
    without one, the first line that is neither a dateline nor boilerplate is the title.
    `outlet`: the outlet the metadata names, whose masthead line goes."""
    rules = rules or boilerplate()
    title = title.strip() if title and title.strip() else None
    out = Cleaned(title=title)
    title_norms = _title_forms(title) if title else set()
    stripped = [line.strip() for line in lines]
    links = _link_list_lines(stripped, rules)
    marks = layout_marks(stripped, title is None, outlet, rules)
    kept: list[tuple[int, str]] = []  # (line index, text)
    headline: tuple[int, str] | None = None  # the line taken from the text as the title
    seen = 0  # non-empty lines so far: the top of the article is where datelines sit

    for i, line in enumerate(lines):
        s = stripped[i]
        if not s:
            continue
        top = seen < rules.date_top_lines
        seen += 1
        if not _ALNUM.search(s):
            out.remove("separator", line)
            continue
        if i in links and marks.get(i) != "masthead":
            out.remove("link_list", line)
            continue
        iso = parse_dateline(s, rules) if (top or _PUBLISHED_PREFIX.search(s)) else None
        if iso:
            out.dateline = out.dateline or (iso if top else None)
            if top:
                out.author = out.author or byline_author(s, rules, at_end=True)
            out.remove("dateline", line)
            continue
        author = byline_author(s, rules) if top else None
        if author:
            out.author = out.author or author
            found = find_date(s, rules)
            if found and out.dateline is None:
                out.dateline = found[0]
            out.remove("byline", line)
            continue
        outlet = source_outlet(s, rules)
        if outlet:
            out.outlet = out.outlet or outlet
            out.remove("source", line)
            continue
        kind = rules.kind_of(s)
        if kind:
            out.remove(kind, line)
            continue
        if i in marks and (out.title is not None or marks[i] != "masthead" or title is None):
            if marks[i] == "masthead":
                out.masthead = out.masthead or s
            out.remove(marks[i], line)
            continue
        if out.title is None:
            # the headline: the first line that is neither dateline nor boilerplate
            if len(s.split()) <= MAX_TITLE_WORDS:
                out.title, title_norms = s, _title_forms(s)
                headline = (i, s)
                continue
            out.title = _first_sentence(s)
            title_norms = _title_forms(out.title)
        elif title_norms and normalise_line(s) in title_norms:
            out.remove("headline", line)
            continue
        if is_caption(s, rules):
            out.remove("caption", line)
            continue
        text, credits = remove_inline_credits(s, rules)
        for credit in credits:
            out.remove("credit", credit)
        kept.append((i, text.strip()))

    if not kept and headline is not None:
        # a one-paragraph article (a pasted brief): its only line is the text, not a title
        kept.append(headline)
        out.title = _first_sentence(headline[1])
    out.paragraphs = _paragraphs(kept)
    return out


def _title_forms(title: str) -> set[str]:
    """The headline and, for 'Headline | Outlet' or 'Outlet - Headline', its parts."""
    forms = {normalise_line(title)}
    parts = re.split(r"\s+[|–—-]\s+", title)
    if len(parts) > 1:
        forms.update(normalise_line(p) for p in parts if len(p.split()) >= 3)
    forms.discard("")
    return forms


def _first_sentence(text: str, limit: int = 120) -> str:
    m = re.match(r"(.{20,}?[.!?])(?:\s|$)", text)
    sentence = m.group(1) if m else text
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0] + "…"
    return sentence


def _paragraphs(kept: list[tuple[int, str]]) -> list[str]:
    """One paragraph per kept line, except hard-wrapped lines, joined back: a line that
    does not end a sentence followed, on the very next line, by one starting lowercase."""
    paragraphs: list[str] = []
    last_index = -2
    for i, text in kept:
        if not text:
            continue
        prev = paragraphs[-1] if paragraphs else ""
        wrapped = (
            paragraphs
            and i == last_index + 1
            and not _SENTENCE_END.search(prev)
            and (text[0].islower() or text[0].isdigit())
        )
        if wrapped:
            joiner = "" if re.search(r"[A-Za-z]-$", prev) else " "
            paragraphs[-1] = prev + joiner + text
        else:
            paragraphs.append(text)
        last_index = i
    return paragraphs
