"""Cleaning rules as data: the boilerplate, doc-type and outlet TOML files, compiled once
per `Knowledge`.

The bundled files live in `storyline/data/`; users extend them with a same-named file in
a data folder (`Settings.data`, `--data DIR`): lists in an extension are appended,
tables merged, scalars replaced. Without a knowledge, the bundled files alone are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from storyline.lexicon import Knowledge


def _compile(patterns: list[str], flags: int = re.IGNORECASE) -> list[re.Pattern[str]]:
    return [re.compile(p, flags) for p in patterns]


@dataclass(frozen=True)
class LayoutLimits:
    """Sizes for the position rules of `storyline.ingest.layout` ([layout] in the data)."""

    masthead_max_words: int = 14
    letterhead_max_words: int = 14
    letterhead_max_lines: int = 10
    item_max_words: int = 18
    header_max_words: int = 5
    closing_max_words: int = 12
    slogan_max_words: int = 8


@dataclass(frozen=True)
class Boilerplate:
    """Compiled boilerplate patterns (see data/boilerplate.toml for their meaning)."""

    max_words: int
    lines: dict[str, list[re.Pattern[str]]]
    agencies: tuple[str, ...]
    caption_max_words: int
    source: list[re.Pattern[str]]
    source_max_words: int
    link_separators: tuple[str, ...]
    link_min_lines: int
    link_max_outlet_words: int
    byline: list[re.Pattern[str]]
    numeric_order: str
    date_top_lines: int
    date_filler: tuple[str, ...]
    date_max_other_words: int
    comment_header_open: list[re.Pattern[str]]
    comment_header: list[re.Pattern[str]]
    comment_section: list[re.Pattern[str]]
    not_authors: frozenset[str]
    credit_line: re.Pattern[str] = field(repr=False)
    bracket_credit: re.Pattern[str] = field(repr=False)
    trailing_credit: re.Pattern[str] = field(repr=False)
    caption_patterns: list[re.Pattern[str]] = field(repr=False)
    inline_credit: re.Pattern[str] = field(repr=False)
    # one alternation per kind: a line is tried once per kind, not once per pattern
    joined: dict[str, re.Pattern[str]] = field(repr=False, default_factory=dict)
    layout: LayoutLimits = field(default_factory=LayoutLimits)

    def kind_of(self, line: str) -> str | None:
        """The boilerplate kind a stripped line matches in full, or None."""
        if len(line) > 400 or len(line.split()) > self.max_words:
            return None
        for kind, pattern in self.joined.items():
            if pattern.fullmatch(line):
                return kind
        return None


def _agency_alternation(agencies: tuple[str, ...]) -> str:
    # Longest first, so 'Getty Images' wins over 'Getty'.
    names = sorted(agencies, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in names) + ")"


def _compile_boilerplate(d: dict[str, Any]) -> Boilerplate:
    agencies = tuple(d["credits"]["agencies"])
    ag = _agency_alternation(agencies)
    # A credit: an agency, optionally with a photographer or '/File' after a slash.
    credit = (
        rf"{ag}(?:\s*(?:photo|photos|images?|pictures?|file(?:\s+photo)?))?"
        rf"(?:\s*/\s*[\w.' -]{{1,40}})?"
    )
    return Boilerplate(
        max_words=int(d.get("max_words", 30)),
        lines={k: _compile(v) for k, v in d["lines"].items()},
        joined={
            k: re.compile("|".join(f"(?:{p})" for p in v), re.IGNORECASE)
            for k, v in d["lines"].items()
            if v
        },
        agencies=agencies,
        caption_max_words=int(d["credits"].get("caption_max_words", 40)),
        source=_compile(d["source"]["patterns"]),
        source_max_words=int(d["source"].get("max_outlet_words", 6)),
        link_separators=tuple(d["link_list"]["separators"]),
        link_min_lines=int(d["link_list"].get("min_lines", 2)),
        link_max_outlet_words=int(d["link_list"].get("max_outlet_words", 6)),
        byline=_compile(d["byline"]["patterns"], flags=0),
        numeric_order=str(d["dates"].get("numeric_order", "DMY")).upper(),
        date_top_lines=int(d["dates"].get("top_lines", 10)),
        date_filler=tuple(d["dates"].get("filler", [])),
        date_max_other_words=int(d["dates"].get("max_other_words", 4)),
        comment_header_open=_compile(d["comments"]["header_open"]),
        comment_header=_compile(d["comments"]["header"]),
        comment_section=_compile(d["comments"]["section"]),
        not_authors=frozenset(a.casefold() for a in d["comments"].get("not_authors", [])),
        # a line that is nothing but a credit: 'AFP', 'Reuters/File Photo'
        credit_line=re.compile(rf"\(?\s*{credit}\s*\)?\.?", re.IGNORECASE),
        # a caption ending in a bracketed credit: '... in March 2016 [AFP]'
        # (any capitalised name in square brackets; only a known credit in parentheses,
        # since sentences end in '(SOHR).' too)
        bracket_credit=re.compile(
            rf".{{3,}}?\s*(?:\[\s*(?:{credit}|[A-Z][\w.&'-]*(?:[\s/][A-Z][\w.&'-]*){{0,3}})\s*\]"
            rf"|\(\s*{credit}\s*\))\s*\.?",
        ),
        # a caption ending in a credit sentence or dash: '... in Palmyra. Reuters.'
        trailing_credit=re.compile(
            rf".{{3,}}?(?:[.!?”\"’)]\s+|\s+[-–—|/]\s*|\s*/\s*){credit}\s*\.?", re.IGNORECASE
        ),
        caption_patterns=_compile(d["credits"].get("caption_patterns", []), flags=0),
        layout=LayoutLimits(**{k: int(v) for k, v in d.get("layout", {}).items()}),
        # a credit sentence inside a paragraph: '... forces. Reuters. The city ...'
        inline_credit=re.compile(rf"(?<=[.!?”\"’])\s+({credit}\.)(?=\s+[A-Z“\"‘']|\s*$)"),
    )


def boilerplate(knowledge: Knowledge | None = None) -> Boilerplate:
    """The compiled boilerplate rules of `boilerplate.toml` with users' extensions."""
    k = knowledge or Knowledge.shared()
    return k.derived("boilerplate", lambda: _compile_boilerplate(k.structured("boilerplate.toml")))


def doc_type_rules(knowledge: Knowledge | None = None) -> dict[str, Any]:
    """The doc-type signals of `doc_types.toml` with users' extensions."""
    return (knowledge or Knowledge.shared()).structured("doc_types.toml")


def outlet_rules(knowledge: Knowledge | None = None) -> dict[str, Any]:
    """Host names to outlet names (`outlets.toml`) with users' extensions."""
    return (knowledge or Knowledge.shared()).structured("outlets.toml")
