"""Document metadata: outlet names and document types.

Outlet: metadata, else a 'Source: X' line (found by the cleaner), else the URL's host,
mapped to a readable name (data/outlets.toml) or shown bare ('example-news.com').

Type: report | opinion | aggregation | statement | other, scored from signals kept as
data (data/doc_types.toml): section labels ('My Comment:', 'Editorial'), release headers
('FOR IMMEDIATE RELEASE'), link lists and 'Read more' lines, and the density of
first-person singular pronouns outside quotation marks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from storyline.ingest.rules import doc_type_rules, outlet_rules
from storyline.lexicon import Knowledge
from storyline.models import DocType

# Quoted speech is someone else's voice: blanked before counting first-person pronouns.
_QUOTED = re.compile(r"“[^”]{0,2000}”|\"[^\"\n]{0,2000}\"|«[^»]{0,2000}»")
_FIRST_PERSON = re.compile(r"\bI\b|\b(?:me|my|mine|myself)\b|\bI['’](?:m|ve|d|ll)\b", re.IGNORECASE)
_STANDALONE_I = re.compile(r"\bi\b")
_WORDS = re.compile(r"\b\w[\w'’-]*\b")


def outlet_from_url(url: str | None, knowledge: Knowledge | None = None) -> str | None:
    """A readable outlet name for a URL's host ('https://www.arabnews.com/x' -> 'Arab News',
    'http://www.example-news.com/a' -> 'example-news.com')."""
    if not url or not isinstance(url, str):
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    data = outlet_rules(knowledge)
    hosts: dict[str, str] = data.get("hosts", {})
    strip = set(data.get("strip_prefixes", []))
    labels = host.lower().rstrip(".").split(".")
    while len(labels) > 2 and labels[0] in strip:
        labels = labels[1:]
    bare = ".".join(labels)
    # the host itself, then its parent domains ('edition.cnn.com' -> 'cnn.com')
    for k in range(len(labels) - 1):
        name = hosts.get(".".join(labels[k:]))
        if name:
            return name
    return bare


def clean_outlet(name: str | None) -> str | None:
    if not name or not isinstance(name, str):
        return None
    name = " ".join(name.split()).strip(" .|-–—")
    if name.lower().startswith(("http://", "https://", "www.")):
        return outlet_from_url(name)
    return name or None


def unquoted(text: str) -> str:
    return _QUOTED.sub(" ", text)


def first_person_rate(text: str) -> tuple[int, float]:
    """(count, rate per word) of first-person singular pronouns outside quotation marks."""
    plain = unquoted(text)
    words = len(_WORDS.findall(plain))
    if not words:
        return 0, 0.0
    # 'I' counts only as a capital (a lone lowercase 'i' is a typo or a list marker).
    count = sum(1 for m in _FIRST_PERSON.finditer(plain) if not _STANDALONE_I.fullmatch(m.group()))
    return count, count / words


def _compiled(knowledge: Knowledge | None) -> dict[str, Any]:
    k = knowledge or Knowledge.shared()
    return k.derived("doc_types", lambda: _compile_doc_types(doc_type_rules(k)))


def _compile_doc_types(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "order": data.get("order", []),
        "other_max_words": data.get("other_max_words", 15),
    }
    for kind in out["order"]:
        section = dict(data.get(kind, {}))
        section["signals"] = [
            {
                **s,
                "regex": None
                if s["where"] == "removed_kind"
                else re.compile(s["pattern"], re.IGNORECASE),
            }
            for s in section.get("signals", [])
        ]
        out[kind] = section
    return out


def _score(
    section: dict[str, Any],
    title: str,
    lines: list[str],
    lead: str,
    plain_text: str,
    kinds: dict[str, int],
) -> int:
    score = 0
    for s in section["signals"]:
        where, regex = s["where"], s["regex"]
        if where == "removed_kind":
            hit = kinds.get(s["pattern"], 0) >= int(s.get("min", 1))
        elif where == "title":
            hit = bool(regex.search(title))
        elif where == "line":
            hit = any(len(line) <= 120 and regex.fullmatch(line) for line in lines)
        elif where == "lead":
            hit = bool(regex.search(lead))
        else:  # "text"
            hit = bool(regex.search(plain_text))
        score += int(s.get("weight", 1)) if hit else 0
    return score


def classify_doc_type(
    title: str | None,
    paragraphs: list[str],
    removed: Iterable[tuple[str, str]] = (),
    knowledge: Knowledge | None = None,
) -> DocType:
    """The document's type from its title, cleaned paragraphs and removed (kind, line)s."""
    rules = _compiled(knowledge)
    removed = list(removed)
    text = "\n\n".join(paragraphs)
    words = len(_WORDS.findall(text))
    kinds: dict[str, int] = {}
    for kind, _line in removed:
        kinds[kind] = kinds.get(kind, 0) + 1
    lines = [p.strip() for p in paragraphs] + [line.strip() for _k, line in removed]
    plain = unquoted(text)
    lead = paragraphs[0] if paragraphs else ""
    for kind in rules["order"]:
        section = rules[kind]
        score = _score(section, title or "", lines, lead, plain, kinds)
        if kind == "opinion":
            count, rate = first_person_rate(text)
            if count >= section.get("first_person_min", 5) and rate >= section.get(
                "first_person_rate", 0.015
            ):
                score += int(section.get("first_person_weight", 2))
        if kind == "aggregation" and score > 0 and words < section.get("short_max_words", 250):
            score += int(section.get("short_weight", 1))
        if score >= section.get("threshold", 2):
            return kind  # type: ignore[return-value]
    if words < rules["other_max_words"]:
        return "other"
    return "report"
